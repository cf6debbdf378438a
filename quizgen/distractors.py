"""Wrong options for multiple-choice questions, drawn from the same kind of thing
in the corpus: other speakers of the period for a quote, other dates for a date,
other expansions or definitions for a term, other people for a person.

Deterministic for a seed: each item has its own RNG seeded with the seed and the
item id, and the pools are sorted, so the same items and seed give the same
options whatever their order. A distractor is
never the correct answer, an alias of it (the people registry decides), another
correct answer to the same question, or a repeat.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace

from quizgen.dates import YEAR_PATTERN, format_date, parse_date, precision
from quizgen.models import Document, Item, Person
from quizgen.people import PeopleRegistry, held

COUNT = 3  # distractors per item: four options in all


def add_distractors(
    items: list[Item], documents: dict[str, Document], people: PeopleRegistry, seed: str
) -> list[Item]:
    """Items with distractors filled in where they have none."""
    result = []
    for item in items:
        if item.distractors:
            result.append(item)
            continue
        candidates = _candidates(item, items, documents, people)
        rng = random.Random(f"distractors:{seed}:{item.id}")
        chosen = _choose(item, candidates, people, rng)
        result.append(replace(item, distractors=tuple(chosen)))
    return result


def _normal(text: str) -> str:
    return " ".join(text.replace("’", "'").casefold().split()).strip(" .")


def _same_answer(candidate: str, answer: str, people: PeopleRegistry) -> bool:
    """The same text, or two names of one person."""
    if _normal(candidate) == _normal(answer):
        return True
    first, second = people.resolve(candidate), people.resolve(answer)
    return first is not None and first is second


def _choose(
    item: Item, candidates: list[list[str]], people: PeopleRegistry, rng: random.Random
) -> list[str]:
    """Up to COUNT options, taken tier by tier (closest kind first), shuffled within a tier."""
    chosen: list[str] = []
    for tier in candidates:
        tier = sorted(set(tier))  # a set has no stable order; sort before shuffling
        rng.shuffle(tier)
        for candidate in tier:
            if len(chosen) == COUNT:
                return chosen
            if _same_answer(candidate, item.answer, people):
                continue
            if any(_same_answer(candidate, taken, people) for taken in chosen):
                continue
            chosen.append(candidate)
    return chosen


def _candidates(
    item: Item, items: list[Item], documents: dict[str, Document], people: PeopleRegistry
) -> list[list[str]]:
    """Tiers of candidates for an item, closest first; correct answers already removed."""
    if item.type == "date" or (item.type == "question" and parse_date(item.answer)):
        return _date_candidates(item, items)
    if item.type == "quote" or (item.type == "question" and people.resolve(item.answer)):
        return _speaker_candidates(item, items, documents, people)
    if item.type == "person":
        return _person_candidates(item, items, people)
    if item.type == "term":
        return _term_candidates(item, items)
    return []


def _year_of(item: Item, documents: dict[str, Document]) -> str | None:
    document = documents.get(item.source.document)
    return document.date[:4] if document and document.date else None


def _active(person: Person, year: str | None) -> bool:
    return year is not None and any(held(role, year) for role in person.roles if role.start)


def _speaker_candidates(
    item: Item, items: list[Item], documents: dict[str, Document], people: PeopleRegistry
) -> list[list[str]]:
    # Whoever else is recorded as saying these very words is a correct answer too.
    also_said = {other.speaker for other in items if other.quote and other.quote == item.quote}
    # Each name once: a bank repeats its speakers hundreds of times, and tiers are sets anyway.
    speakers = list(dict.fromkeys(
        o.speaker for o in items if o.type == "quote" and o.speaker not in also_said
    ))
    year = _year_of(item, documents)
    period = [p.name for p in people.people if _active(p, year) and p.name not in also_said]
    others = [p.name for p in people.people if p.name not in also_said]
    author = people.resolve(item.answer)

    def fits(name: str) -> bool:
        # A person is confused with people; a body (CC CPSU) with bodies and people,
        # but not with its own country's officials, who may have drafted its words.
        other = people.resolve(name)
        return _is_person(other) if _is_person(author) else not _compatriot(other, author)

    speakers = [name for name in speakers if fits(name)]
    period = [name for name in period if fits(name)]
    others = [name for name in others if fits(name)]
    return [sorted(set(speakers) & set(period)), speakers, period, others]


def _compatriot(person: Person | None, body: Person | None) -> bool:
    return bool(person and body and body.nationality and person.nationality == body.nationality)


def _is_person(person: Person | None) -> bool:
    """People have dated roles; a body or an undated entry does not."""
    return person is not None and any(role.start for role in person.roles)


def _person_candidates(item: Item, items: list[Item], people: PeopleRegistry) -> list[list[str]]:
    year_match = re.search(rf"\b({YEAR_PATTERN})\b", item.prompt)
    year = year_match[1] if year_match else None
    prompt = _normal(item.prompt)

    def also_correct(person: Person) -> bool:
        # Someone who held the role asked about (in that year, if one is asked) is right too.
        return any(
            _normal(role.title) in prompt and (year is None or held(role, year))
            for role in person.roles
        )

    # The person asked about is never a wrong option about themselves.
    allowed = [p for p in people.people if _is_person(p) and not also_correct(p) and p.name != item.person]
    in_items = {o.person for o in items if o.type == "person"}
    return [
        [p.name for p in allowed if p.name in in_items and _active(p, year)],
        [p.name for p in allowed if p.name in in_items],
        [p.name for p in allowed],
    ]


def _date_candidates(item: Item, items: list[Item]) -> list[list[str]]:
    answer = item.date or parse_date(item.answer) or ""
    if not answer:
        return []
    exact = precision(answer)
    # Dates of the same event (a range's start and end) are not wrong answers.
    taken = {answer} | {o.date for o in items if o.date and o.event and o.event == item.event}
    corpus = sorted({o.date for o in items if o.date and precision(o.date) == exact} - taken)
    near = sorted(set(_shifted(answer)) - taken)
    return [[format_date(d) for d in corpus], [format_date(d) for d in near]]


def _shifted(iso_date: str) -> list[str]:
    """Plausible wrong dates near a date, with the same precision."""
    parts = [int(part) for part in iso_date.split("-")]
    shifted = []
    for delta in (-2, -1, 1, 2):
        if len(parts) == 1:
            shifted.append(f"{parts[0] + delta:04d}")
        elif len(parts) == 2:
            month = (parts[1] - 1 + delta * 2) % 12 + 1
            shifted.append(f"{parts[0]:04d}-{month:02d}")
        else:
            day = min(28, max(1, parts[2] + delta * 5 if parts[2] + delta * 5 >= 1 else parts[2] + 10))
            shifted.append(f"{parts[0]:04d}-{parts[1]:02d}-{day:02d}")
    return [date for date in shifted if date != iso_date]


def _is_acronym(item: Item) -> bool:
    """PDPA, CC CPSU: a short form in capitals, whatever the item's tags say."""
    return "acronym" in item.tags or bool(re.fullmatch(r"[A-Z]{2,}(?: [A-Z]{2,})*", item.term))


def _term_candidates(item: Item, items: list[Item]) -> list[list[str]]:
    # Every definition given for this very term is a correct answer.
    correct = {_normal(o.definition) for o in items if o.type == "term" and o.term == item.term}
    # Each answer once, as for speakers: tiers are sets, and normalising repeats is wasted.
    # An expansion among expansions, a definition among definitions: a long phrase
    # offered for an acronym gives the answer away.
    same_kind = list(dict.fromkeys(
        o.answer for o in items
        if o.type == "term" and o.term != item.term and _is_acronym(o) == _is_acronym(item)
    ))
    any_kind = list(dict.fromkeys(o.answer for o in items if o.type == "term" and o.term != item.term))
    return [
        [text for text in same_kind if _normal(text) not in correct],
        [text for text in any_kind if _normal(text) not in correct],
    ]

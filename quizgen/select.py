"""Choosing which items go into an output: filters by type, tag and document, and a count.

All randomness here comes from one RNG seeded by the caller, so the same seed
always gives the same selection.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from quizgen.dates import display_date, format_date, parse_date
from quizgen.models import Item

T = TypeVar("T")


@dataclass(frozen=True)
class Selection:
    """What the teacher asked for on the command line; empty means everything."""

    types: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    count: int | None = None


def selection_options(selection: Selection) -> list[str]:
    """The `quizgen build` options that make this selection again."""
    options = []
    for name, values in (("--types", selection.types), ("--tags", selection.tags),
                         ("--documents", selection.documents)):
        if values:
            options += [name, ",".join(values)]
    if selection.count is not None:
        options += ["--count", str(selection.count)]
    return options


def filter_items(items: list[Item], selection: Selection) -> list[Item]:
    """Items matching every given filter (any of the listed values within a filter)."""
    chosen = []
    for item in items:
        if selection.types and item.type not in selection.types:
            continue
        if selection.tags and not set(selection.tags) & set(item.tags):
            continue
        if selection.documents and item.source.document not in selection.documents:
            continue
        chosen.append(item)
    return chosen


def select_items(items: list[Item], selection: Selection, seed: str) -> list[Item]:
    """Filter, then take `count` items at random (seeded), keeping the bank's order."""
    chosen = filter_items(items, selection)
    if selection.count is not None and selection.count < len(chosen):
        rng = random.Random(f"select:{seed}")
        keep = set(rng.sample(range(len(chosen)), selection.count))
        chosen = [item for index, item in enumerate(chosen) if index in keep]
    return chosen


# A quiz for one class period, when the teacher gives no --count: at most this many
# items of each type (a bank of hundreds of items would otherwise print a booklet).
DEFAULT_QUIZ_MIX: dict[str, int] = {"quote": 14, "date": 10, "term": 6, "person": 3, "question": 5}


def quiz_mix(kinds: set[str]) -> dict[str, int]:
    """DEFAULT_QUIZ_MIX for the item types at hand, scaled up so a quiz of fewer types
    (`--types term`) is still about a class period, not just that type's share of one."""
    mix = {kind: most for kind, most in DEFAULT_QUIZ_MIX.items() if kind in kinds}
    present = sum(mix.values())
    if not present:
        return {}
    total = sum(DEFAULT_QUIZ_MIX.values())
    return {kind: round(most * total / present) for kind, most in mix.items()}


def default_quiz_items(items: list[Item], seed: str) -> list[Item]:
    """About forty items across every type: pinned items and the teacher's own bank items
    first, the rest drawn at random (seeded); bank order kept."""
    rng = random.Random(f"quiz:{seed}")
    keep = {index for index, item in enumerate(items) if item.fixed_position}
    for kind, most in quiz_mix({item.type for item in items}).items():
        of_kind = [index for index, item in enumerate(items) if item.type == kind and index not in keep]
        room = max(0, most - sum(1 for index in keep if items[index].type == kind))
        for group in ([i for i in of_kind if items[i].origin == "bank"],
                      [i for i in of_kind if items[i].origin != "bank"]):
            picked = rng.sample(group, min(room, len(group)))
            keep.update(picked)
            room -= len(picked)
    return [item for index, item in enumerate(items) if index in keep]


# --- Quiz versions -----------------------------------------------------------
#
# A quiz is planned once from the chosen items (which item becomes which kind of
# question never changes between versions), then each version shuffles question
# order, options and matching columns with its own seeded RNG. The quiz and its
# key are both rendered from the same QuizVersion, so they cannot disagree.

# Section kinds in the order they are printed; templates give their headings.
SECTION_KINDS: tuple[str, ...] = (
    "who", "match-quotes", "when", "timeline", "match-terms", "choice", "blank", "short",
)
MIN_OPTIONS = 4  # the correct answer and three wrong ones, when the quiz has enough
MATCH_ROWS = 6  # rows per matching table: more would not stay on one page
TIMELINE_EVENTS = 6
BLANK_STOPWORDS = frozenset(
    "about above after again against because before being below between could every "
    "other their there these those through under until where which while would should "
    "shall think thing things there's that's they're we're you're".split()
)


@dataclass(frozen=True)
class Question:
    """One printed question, or one block (a matching table, a timeline).

    `items` are in printed order. For multiple choice, `options` are the lettered
    choices and `answers[0]` the index of the correct one; for matching,
    `answers[i]` is the option index for row `items[i]`; for a timeline, `answers`
    lists the indices of `items` from earliest to latest.
    """

    kind: str
    items: tuple[Item, ...]
    options: tuple[str, ...] = ()
    answers: tuple[int, ...] = ()
    blank: tuple[str, str, str] = ("", "", "")  # fill in the blank: before, word, after

    @property
    def points(self) -> int:
        return sum(item.points for item in self.items)


@dataclass(frozen=True)
class Section:
    kind: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class QuizVersion:
    """One shuffled version of a quiz: what the sheet and its key both print."""

    code: str  # "A", "B", ...
    seed: str
    sections: tuple[Section, ...]

    @property
    def points(self) -> int:
        return sum(question.points for section in self.sections for question in section.questions)


def version_code(index: int) -> str:
    """0 -> "A", 25 -> "Z" (the command line allows at most 26 versions)."""
    return chr(ord("A") + index)


def make_versions(items: list[Item], count: int, seed: str) -> list[QuizVersion]:
    """`count` shuffled versions of the quiz made from `items`, reproducible from `seed`."""
    plan = plan_quiz(items, seed)
    versions = []
    for index in range(count):
        code = version_code(index)
        rng = random.Random(f"{seed}:{code}")
        versions.append(QuizVersion(code, seed, _shuffle_version(plan, rng)))
    return versions


def plan_quiz(items: list[Item], seed: str) -> list[Section]:
    """Decide which item becomes which kind of question, in bank order, unshuffled."""
    quotes = [item for item in items if item.type == "quote" and item.quote and item.speaker]
    dated = [item for item in items if item.type == "date" and item.date]
    terms = [item for item in items if item.type == "term" and item.term and item.definition]
    others = [item for item in items if item not in quotes + dated + terms]
    if len(terms) < 2:  # a one-row matching table matches nothing: ask it directly
        others, terms = others + terms, []

    # Matching wants short quotes (a table row each); the rest are asked one by one.
    match_count = min(5, len(quotes) // 3) if len(quotes) >= 9 else 0
    matched = sorted(quotes, key=lambda item: len(item.quote))[:match_count]
    single = [item for item in quotes if item not in matched]
    blank_count = min(3, len(single) // 4)
    blanks = [item for item in _spread(single, blank_count) if _blank_word(item.quote)[1]]
    who = [item for item in single if item not in blanks]

    timeline = _timeline_events(dated) if len(dated) >= 6 else []
    when = [item for item in dated if item not in timeline]

    questions: dict[str, list[Question]] = {kind: [] for kind in SECTION_KINDS}
    for item in who:
        wrong = extra_distractors(item, item.speaker, [q.speaker for q in quotes], seed)
        question = _choice("who", item, item.speaker, wrong)
        questions[question.kind].append(question)
    for item in when:
        correct = format_date(item.date)
        wrong = extra_distractors(item, correct, [d.date for d in dated], seed)
        question = _choice("when", item, correct, wrong)
        questions[question.kind].append(question)
    for item in others:
        wrong = [text for text in dict.fromkeys(item.distractors) if text != item.answer]
        if item.type == "question" and len(wrong) >= 2:
            questions["choice"].append(_choice("choice", item, item.answer, wrong[: MIN_OPTIONS - 1]))
        else:
            questions["short"].append(Question("short", (item,)))
    if matched:
        speakers = list(dict.fromkeys(item.speaker for item in matched))
        speakers += [s for s in dict.fromkeys(q.speaker for q in quotes) if s not in speakers]
        options = tuple(speakers[: len(matched)])  # every right answer, padded with others
        answers = tuple(options.index(item.speaker) for item in matched)
        questions["match-quotes"].append(Question("match-quotes", tuple(matched), options, answers))
    if timeline:
        questions["timeline"].append(
            Question("timeline", tuple(timeline), answers=tuple(range(len(timeline))))
        )
    for chunk in _chunks(terms, MATCH_ROWS):
        options = tuple(item.definition for item in chunk)
        questions["match-terms"].append(
            Question("match-terms", tuple(chunk), options, tuple(range(len(chunk))))
        )
    for item in blanks:
        questions["blank"].append(Question("blank", (item,), blank=_blank_word(item.quote)))
    return [Section(kind, tuple(found)) for kind, found in questions.items() if found]


def _choice(kind: str, item: Item, correct: str, wrong: list[str]) -> Question:
    if not wrong:  # nothing to choose from: ask it as a short answer instead
        return Question("short", (item,))
    return Question(kind, (item,), (correct, *wrong), (0,))


def _spread(items: list[Item], count: int) -> list[Item]:
    """`count` items evenly spread over the list, so one document does not get them all."""
    if count <= 0:
        return []
    return [items[int((index + 0.5) * len(items) / count)] for index in range(count)]


def _chunks(items: list[Item], most: int) -> list[list[Item]]:
    """Split into near-equal tables of at most `most` rows, so none is a lone row."""
    if not items:
        return []
    tables = -(-len(items) // most)
    size = -(-len(items) // tables)
    return [items[start : start + size] for start in range(0, len(items), size)]


def _date_range(iso_date: str) -> tuple[str, str]:
    """The first and last day an ISO date of any precision covers, as comparable strings."""
    parts = iso_date.split("-")
    low = "-".join(parts + ["01"] * (3 - len(parts)))
    high = "-".join(parts + ["12", "31"][len(parts) - 1 :]) if len(parts) < 3 else iso_date
    return low, high


def dates_overlap(first: str, second: str) -> bool:
    """Whether two dates of any precision could be the same day ("1988" and "1988-04-14" do)."""
    (low1, high1), (low2, high2) = _date_range(first), _date_range(second)
    return low1 <= high2 and low2 <= high1


def _timeline_events(dated: list[Item]) -> list[Item]:
    """Up to TIMELINE_EVENTS events whose dates cannot overlap, so there is one right order."""
    chosen: list[Item] = []
    for item in dated[::2] + dated[1::2]:  # not all from the first document
        if len(chosen) == TIMELINE_EVENTS:
            break
        if item.event and all(not dates_overlap(item.date, other.date) for other in chosen):
            chosen.append(item)
    if len(chosen) < 3:
        return []
    return sorted(chosen, key=lambda item: _date_range(item.date)[0])


def extra_distractors(item: Item, correct: str, pool: list[str], seed: str) -> list[str]:
    """The item's own wrong options, topped up to three from answers of the same type.

    For dates, both the item's distractors and the pool may be ISO dates; they are
    shown formatted, and a date that could be the right day is never offered.
    The top-up is seeded by the item id, so every version offers the same options.
    """

    def shown(text: str) -> str:
        return display_date(text) if item.type == "date" else text

    def wrong(text: str) -> bool:
        if item.type == "date":
            iso = parse_date(text)
            return iso is None or not dates_overlap(iso, item.date)
        return True

    chosen: list[str] = []
    for text in item.distractors:
        if shown(text) != correct and shown(text) not in chosen and wrong(text):
            chosen.append(shown(text))
    candidates = sorted({shown(text) for text in pool if wrong(text)} - {correct, *chosen})
    random.Random(f"{seed}:distractors:{item.id}").shuffle(candidates)
    return (chosen + candidates)[: MIN_OPTIONS - 1]


def _blank_word(quote: str) -> tuple[str, str, str]:
    """Split a quote around its longest content word, or ("", "", "") if it has none."""
    best = None
    for match in re.finditer(r"[A-Za-z][A-Za-z'-]*[A-Za-z]", quote):
        word = match.group()
        if len(word) >= 6 and word.lower() not in BLANK_STOPWORDS:
            if best is None or len(word) > len(best.group()):
                best = match
    if best is None:
        return ("", "", "")
    return (quote[: best.start()], best.group(), quote[best.end() :])


def _shuffle_version(plan: list[Section], rng: random.Random) -> tuple[Section, ...]:
    letters = _LetterBalancer()
    sections = []
    for section in plan:
        order = _shuffled_order(section.questions, lambda q: any(item.fixed_position for item in q.items), rng)
        questions = []
        for question in (section.questions[index] for index in order):
            if question.kind in ("who", "when", "choice"):
                question = _shuffle_choice(question, letters, rng)
            elif question.kind in ("match-quotes", "match-terms"):
                question = _shuffle_matching(question, rng)
            elif question.kind == "timeline":
                question = _shuffle_timeline(question, rng)
            questions.append(question)
        sections.append(Section(section.kind, tuple(questions)))
    return tuple(sections)


def _shuffled_order(
    values: Sequence[T], fixed: Callable[[T], bool], rng: random.Random
) -> list[int]:
    """A shuffled order of indices in which every fixed value keeps its place."""
    movable = [index for index, value in enumerate(values) if not fixed(value)]
    moved = movable[:]
    rng.shuffle(moved)
    placed = dict(zip(movable, moved))
    return [placed.get(index, index) for index in range(len(values))]


class _LetterBalancer:
    """Chooses where the correct option goes: the least used letters first, and never
    the same letter three times running, so guessing "C" every time earns nothing."""

    def __init__(self) -> None:
        self.counts: dict[int, int] = {}
        self.recent: list[int] = []

    def place(self, option_count: int, rng: random.Random) -> int:
        allowed = list(range(option_count))
        if len(self.recent) >= 2 and self.recent[-1] == self.recent[-2] and option_count > 1:
            allowed.remove(self.recent[-1])
        fewest = min(self.counts.get(index, 0) for index in allowed)
        position = rng.choice([index for index in allowed if self.counts.get(index, 0) == fewest])
        self.counts[position] = self.counts.get(position, 0) + 1
        self.recent.append(position)
        return position


def _shuffle_choice(question: Question, letters: _LetterBalancer, rng: random.Random) -> Question:
    correct = question.options[question.answers[0]]
    wrong = [option for index, option in enumerate(question.options) if index != question.answers[0]]
    rng.shuffle(wrong)
    position = letters.place(len(question.options), rng)
    wrong.insert(position, correct)
    return replace(question, options=tuple(wrong), answers=(position,))


def _shuffle_matching(question: Question, rng: random.Random) -> Question:
    rows = _shuffled_order(question.items, lambda item: item.fixed_position, rng)
    options = list(range(len(question.options)))
    rng.shuffle(options)
    answers = tuple(options.index(question.answers[index]) for index in rows)
    if len(rows) > 1 and answers == tuple(range(len(rows))):
        # Row 1 -> A, row 2 -> B, ... gives the answers away: turn the column around.
        options.reverse()
        answers = tuple(options.index(question.answers[index]) for index in rows)
    items = tuple(question.items[index] for index in rows)
    return replace(
        question,
        items=items,
        options=tuple(question.options[index] for index in options),
        answers=answers,
    )


def _shuffle_timeline(question: Question, rng: random.Random) -> Question:
    order = list(range(len(question.items)))
    rng.shuffle(order)
    if order == sorted(order):
        order.reverse()  # printed in the right order, there would be nothing to do
    items = tuple(question.items[index] for index in order)
    chronological = tuple(order.index(index) for index in question.answers)
    return replace(question, items=items, answers=chronological)

"""Scoring the extraction rules against a hand-labelled gold set (tests/gold/extract.yaml).

Used by scripts/score_rules.py, which prints the figures, and by the tests,
which hold the quality bars of DESIGN.md, so both always measure the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from quizgen.extract.dates import extract_dates
from quizgen.extract.quotes import extract_quotes
from quizgen.extract.terms import find_acronyms
from quizgen.models import Document, Item
from quizgen.people import PeopleRegistry
from quizgen.report import turn_text

# DESIGN.md, "Quality bars for the rules".
BARS: dict[str, dict[str, float]] = {
    "speaker turns": {"precision": 1.0, "recall": 1.0},
    "acronyms": {"precision": 0.98, "recall": 0.95},
    "dates": {"f1": 0.95},
    "attributed quotes": {"precision": 0.95, "recall": 0.80},
    "turn quotes": {"recall": 0.80, "rejected": 0},
}


@dataclass
class Score:
    """Counts for one kind, with what went wrong, for the report."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    rejected: int = 0  # turn quotes only: proposed sentences the gold set rejects
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        proposed = self.true_positives + self.false_positives
        return self.true_positives / proposed if proposed else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def meets(self, bars: dict[str, float]) -> bool:
        return all(
            getattr(self, name) <= bar if name == "rejected" else getattr(self, name) >= bar
            for name, bar in bars.items()
        )


def load_gold(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def normal(text: str) -> str:
    """Compare quotes ignoring case, punctuation, typographic apostrophes and spacing."""
    text = text.replace("’", "'").replace("'", "").casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def score_all(
    documents: dict[str, Document],
    people: PeopleRegistry,
    gold: dict[str, Any],
    turns_gold: dict[str, Any],
) -> dict[str, Score]:
    """Every kind scored: `gold` is tests/gold/extract.yaml, `turns_gold` the
    parser's gold file tests/gold/documents.yaml (turns are what quotes stand on)."""
    quotes = {doc_id: extract_quotes(doc, people) for doc_id, doc in documents.items()}
    attributed, spoken = _split_quotes(documents, people, quotes)
    return {
        "speaker turns": score_turns(documents, turns_gold),
        "acronyms": score_acronyms(documents, gold),
        "dates": score_dates(documents, gold),
        "attributed quotes": score_attributed(attributed, gold),
        "turn quotes": score_turn_quotes(spoken, gold),
    }


def score_turns(documents: dict[str, Document], gold: dict[str, Any]) -> Score:
    """A turn counts when its place in the document, its speaker and its opening
    words all match the gold file."""
    expected, found = set(), set()
    for doc_id, labelled in gold.items():
        document = documents.get(doc_id)
        if document is None:
            continue
        for number, (speaker, first_words, _) in enumerate(labelled["turns"]):
            expected.add((doc_id, number, speaker, first_words))
            if number < len(document.turns):
                turn = document.turns[number]
                opening = turn_text(document, turn.paragraphs, turn.label_length)
                found.add((doc_id, number, turn.speaker,
                           first_words if opening.startswith(first_words) else opening[:40]))
        for number in range(len(labelled["turns"]), len(document.turns)):
            turn = document.turns[number]
            found.add((doc_id, number, turn.speaker, "(a turn the gold file does not have)"))
    return _compare(expected, found)


def _split_quotes(
    documents: dict[str, Document], people: PeopleRegistry, quotes: dict[str, list[Item]]
) -> tuple[list[Item], list[Item]]:
    """Quotes attributed in prose apart from quotes of turns and of a document's author."""
    attributed, spoken = [], []
    for doc_id, items in quotes.items():
        document = documents[doc_id]
        in_turns = {index for turn in document.turns for index in turn.paragraphs}
        author = people.resolve(document.author) if document.author else None
        for item in items:
            by_author = author is not None and item.speaker == author.name and not document.turns
            if item.source.paragraph in in_turns or by_author:
                spoken.append(item)
            else:
                attributed.append(item)
    return attributed, spoken


def score_acronyms(documents: dict[str, Document], gold: dict[str, Any]) -> Score:
    expected = {
        (doc_id, short, normal(long))
        for doc_id, pairs in gold["acronyms"].items()
        for short, long in pairs
    }
    found = {
        (doc_id, acronym.short, normal(acronym.long))
        for doc_id, document in documents.items()
        for paragraph in document.paragraphs
        for acronym in find_acronyms(paragraph.text)
    }
    return _compare(expected, found)


def _paragraph_with(document: Document, phrase: str) -> int:
    for paragraph in document.paragraphs:
        if phrase in paragraph.text:
            return paragraph.index
    raise ValueError(f"gold set: {document.id} has no paragraph with {phrase!r}")


def score_dates(documents: dict[str, Document], gold: dict[str, Any]) -> Score:
    expected: set[tuple[str, object, str]] = {
        (doc_id, "document", date) for doc_id, date in gold["document_dates"].items()
    }
    for doc_id, entries in gold["dates"].items():
        for date, near in entries:
            expected.add((doc_id, _paragraph_with(documents[doc_id], near), date))
    found: set[tuple[str, object, str]] = set()
    for doc_id, document in documents.items():
        for item in extract_dates(document):
            where = "document" if "document-date" in item.tags else item.source.paragraph
            found.add((doc_id, where, item.date))
    return _compare(expected, found)


def score_attributed(items: list[Item], gold: dict[str, Any]) -> Score:
    score = Score()
    entries = gold["attributed_quotes"]
    matched: set[int] = set()
    for item in items:
        text = normal(item.quote)
        hit = next(
            (
                number for number, entry in enumerate(entries)
                if entry["document"] == item.source.document
                and (text in normal(entry["quote"]) or normal(entry["quote"]) in text)
            ),
            None,
        )
        if hit is not None and entries[hit]["speaker"] == item.speaker:
            score.true_positives += 1
            matched.add(hit)
        else:
            score.false_positives += 1
            score.errors.append(f"wrong: {item.speaker}: {item.quote[:70]}")
    for number, entry in enumerate(entries):
        if entry["speaker"] and number not in matched:
            score.false_negatives += 1
            score.errors.append(f"missed: {entry['speaker']}: {entry['quote'][:70]}")
    return score


def score_turn_quotes(items: list[Item], gold: dict[str, Any]) -> Score:
    """Recall of the quotes a teacher would accept, and any rejected sentence proposed."""
    score = Score()
    proposed = [(item.source.document, item.speaker, normal(item.quote)) for item in items]
    for doc_id, speaker, quote in gold["turn_quotes"]:
        wanted = normal(quote)
        if any(d == doc_id and s == speaker and (wanted in q or q in wanted) for d, s, q in proposed):
            score.true_positives += 1
        else:
            score.false_negatives += 1
            score.errors.append(f"missed: {speaker}: {quote[:70]}")
    for sentence in gold["rejected_quotes"]:
        unwanted = normal(sentence)
        for item, (_, _, quote) in zip(items, proposed):
            if unwanted and (unwanted in quote or quote in unwanted):
                score.rejected += 1
                score.errors.append(f"rejected but proposed: {item.quote[:70]}")
    return score


def _compare(expected: set[Any], found: set[Any]) -> Score:
    score = Score(
        true_positives=len(expected & found),
        false_positives=len(found - expected),
        false_negatives=len(expected - found),
    )
    score.errors += [f"wrong: {entry}" for entry in sorted(found - expected, key=str)]
    score.errors += [f"missed: {entry}" for entry in sorted(expected - found, key=str)]
    return score

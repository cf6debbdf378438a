"""Curated extraction rules: Documents -> candidate items with provenance.

One module per rule family: quotes (who said what), dates (when), terms
(acronyms and the glossary) and people (who is who). The curated parts are
data a maintainer edits: rules.yaml (reporting verbs, quote filters, role
words) and glossary.yaml. Every item id is derived from the item's content and
its document, so it is the same on every run and every machine.
"""

from __future__ import annotations

from dataclasses import replace

from quizgen.extract.common import unique_ids
from quizgen.extract.dates import extract_dates
from quizgen.extract.people import extract_people, names_pattern
from quizgen.extract.quotes import extract_quotes
from quizgen.extract.terms import extract_acronyms, extract_glossary
from quizgen.models import Document, Item
from quizgen.people import PeopleRegistry

RULE_FAMILIES: tuple[str, ...] = ("quotes", "dates", "terms", "people")


def extract_corpus(
    documents: dict[str, Document], people: PeopleRegistry, families: set[str] | None = None
) -> list[Item]:
    """Every candidate item of every document, from the given rule families
    (all of them when None), in document order then family order."""
    chosen = set(RULE_FAMILIES) if families is None else families
    ordered = [documents[key] for key in sorted(documents)]
    items: list[Item] = []
    pattern = names_pattern(people) if "people" in chosen else None
    for document in ordered:
        if "quotes" in chosen:
            items += extract_quotes(document, people)
        if "dates" in chosen:
            items += extract_dates(document)
        if "terms" in chosen:
            items += extract_acronyms(document)
        if pattern is not None:
            items += extract_people(document, people, pattern)
    if "terms" in chosen:
        items += extract_glossary(ordered)
    return _distinct(items)


def _distinct(items: list[Item]) -> list[Item]:
    """Drop repeats of the same question (an acronym defined in two documents, a
    person's role met twice): the first, in document order, is kept. Ids that
    still collide get a stable suffix."""
    kept: list[Item] = []
    seen: set[tuple[str, str, str]] = set()
    for item in items:
        key = (item.type, item.prompt, item.answer)
        if item.type == "person":
            # The registry's question about one person's role, whatever the date asked.
            key = (item.type, item.id, item.answer)
        if key in seen or (item.type == "term" and ("term", item.term, "") in seen):
            continue
        seen.add(key)
        if item.type == "term":
            seen.add(("term", item.term, ""))
        kept.append(item)
    ids = unique_ids([item.id for item in kept])
    return [item if item.id == new else replace(item, id=new) for item, new in zip(kept, ids)]

"""Curated extraction rules: Document -> candidate items with provenance. (stub, being written)"""

from __future__ import annotations

from quizgen.models import Document, Item
from quizgen.people import PeopleRegistry

RULE_FAMILIES: tuple[str, ...] = ("quotes", "dates", "terms", "people")


def extract_corpus(
    documents: dict[str, Document], people: PeopleRegistry, families: set[str] | None = None
) -> list[Item]:
    """Every candidate item of every document, from the given rule families."""
    return []

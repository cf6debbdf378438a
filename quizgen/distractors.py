"""Wrong options for multiple-choice questions. (stub, being written)"""

from __future__ import annotations

from quizgen.models import Document, Item
from quizgen.people import PeopleRegistry


def add_distractors(
    items: list[Item], documents: dict[str, Document], people: PeopleRegistry, seed: str
) -> list[Item]:
    """Items with distractors filled in where they have none."""
    return items

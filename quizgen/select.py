"""Choosing which items go into an output: filters by type, tag and document, and a count.

All randomness here comes from one RNG seeded by the caller, so the same seed
always gives the same selection.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from quizgen.models import Item


@dataclass(frozen=True)
class Selection:
    """What the teacher asked for on the command line; empty means everything."""

    types: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    count: int | None = None


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

"""Helpers every rule family shares: sentences with offsets, ids, provenance, the curated data."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from quizgen.models import Document, Paragraph, Provenance

DATA_DIR = Path(__file__).resolve().parent

# A sentence ends at . ! ? (and any closing quotes or brackets after it) before
# whitespace and a capital, a quote or a bracket. Whether it really ends there
# (and is not "M. S." or "Cde.") is decided by _is_abbreviation.
_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘(\[A-Z0-9])")
_LAST_WORD = re.compile(r"(\S+?)[.!?]+[\"”’')\]]*$")


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """The curated rule data (reporting verbs, quote filters, role words): rules.yaml."""
    with open(DATA_DIR / "rules.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _is_abbreviation(text: str, end: int) -> bool:
    match = _LAST_WORD.search(text, max(0, end - 30), end)
    if not match:
        return False
    word = match[1].lstrip("([\"“")
    if len(word) == 1 and word.isupper() or word in ("Eh", "Zh", "Ch", "Sh", "Yu", "Ya"):
        return True  # an initial: "M. S.", "Eh. A." (but "CC." ends a sentence)
    return word.casefold() in rules()["abbreviations"]


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """[start, end) spans of the sentences of a paragraph, one pass over the text."""
    start = 0
    for match in _BOUNDARY.finditer(text):
        if _is_abbreviation(text, match.end()):
            continue
        yield _trim(text, start, match.end())
        start = match.end()
    if start < len(text):
        span = _trim(text, start, len(text))
        if span[0] < span[1]:
            yield span


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_DIRECTION = re.compile(r"\s*\([^)]{1,40}\)[.:]?")


def speech_starts(document: Document) -> dict[int, int]:
    """For each paragraph that opens a turn, where the speech starts in it: after
    the speaker label and a stage direction such as "(smiling):"."""
    starts = {}
    for turn in document.turns:
        index = turn.paragraphs[0]
        text = document.paragraphs[index].text
        direction = _DIRECTION.match(text, turn.label_length)
        start = direction.end() if direction else turn.label_length
        while start < len(text) and (text[start].isspace() or text[start] in ".:"):
            start += 1
        starts[index] = start
    return starts


def context_window(text: str, start: int, end: int, width: int = 300) -> str:
    """A [start, end) span with up to `width` characters of its paragraph either side,
    "…" marking where the paragraph goes on."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    return ("…" if left else "") + text[left:right].strip() + ("…" if right < len(text) else "")


def word_count(text: str) -> int:
    return len(re.findall(r"[\w’'-]+", text))


def slug(text: str, words: int = 6) -> str:
    """A lowercase-with-dashes slug of the first `words` words of a text."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_text.casefold().replace("'", ""))
    return "-".join(parts[:words]) or "item"


def document_tag(document: Document) -> str:
    """A short tag for a document: "1988-gorbachev-najibullah" from its id."""
    date, _, name = document.id.partition("_")
    if not name:
        return slug(document.id, 4)
    head = "-".join(name.split("-")[:2])
    year = date[:4] if date[:4].isdigit() else slug(date, 1)
    return f"{year}-{head}" if year and year != "encyclopedia" else f"{date}-{head}"


def provenance(document: Document, paragraph: Paragraph, start: int, end: int) -> Provenance:
    """Provenance of a [start, end) span of a paragraph's clean text."""
    return Provenance(document.id, paragraph.index, paragraph.file_span(start, end))


def body_paragraphs(document: Document) -> Iterator[Paragraph]:
    """The paragraphs after the metadata header (footnotes included)."""
    skip_sections = set(rules()["skip_sections"])
    for paragraph in document.paragraphs[document.body_start:]:
        if paragraph.section in skip_sections:
            continue
        yield paragraph


def footnote_paragraphs(document: Document) -> set[int]:
    return {note.paragraph for note in document.footnotes}


def unique_ids(ids: list[str]) -> list[str]:
    """Make ids unique in a stable way: a repeated id gets -2, -3 ... in document order."""
    seen: dict[str, int] = {}
    result = []
    for item_id in ids:
        count = seen.get(item_id, 0) + 1
        seen[item_id] = count
        result.append(item_id if count == 1 else f"{item_id}-{count}")
    return result

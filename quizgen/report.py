"""Documents, items and decks as plain records and lines for the commands' output."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from quizgen.models import ITEM_TYPES, Document, Item


def document_summary(document: Document) -> dict[str, Any]:
    """The fields `quizgen docs --json` promises for a document."""
    return {
        "id": document.id,
        "title": document.title,
        "date": document.date,
        "kind": document.kind,
        "format": document.format,
        # Turns whose label the registry does not know have no speaker: they are
        # counted apart, never under an invented name.
        "speakers": {name: n for name, n in document.speaker_counts().items() if name},
        "unknown_speaker_turns": document.speaker_counts().get("", 0),
        "turns": len(document.turns),
        "paragraphs": len(document.paragraphs),
        "footnotes": len(document.footnotes),
        "author": document.author,
        "unknown_labels": list(document.unknown_labels),
    }


def document_detail(document: Document) -> dict[str, Any]:
    """Everything `quizgen show --json` prints: the summary, provenance, turns and footnotes."""
    detail = document_summary(document)
    for name in ("citation", "archive", "translator", "url", "summary",
                 "original_language", "credits", "licence"):
        detail[name] = getattr(document, name)
    detail["turns"] = [
        {
            "speaker": turn.speaker,
            "label": turn.label,
            "paragraphs": list(turn.paragraphs),
            "text": turn_text(document, turn.paragraphs, turn.label_length),
        }
        for turn in document.turns
    ]
    detail["paragraphs"] = [
        {"index": p.index, "section": p.section, "text": p.text} for p in document.paragraphs
    ]
    detail["footnotes"] = [
        {"number": note.number, "text": note.text, "paragraph": note.paragraph,
         "referenced_in": list(note.referenced_in)}
        for note in document.footnotes
    ]
    return detail


def format_detail(detail: dict[str, Any]) -> str:
    """`quizgen show` as text: metadata, then turns, or numbered paragraphs where there are none."""
    lines = [format_summary(detail)]
    for name in ("citation", "archive", "translator", "url", "summary", "licence"):
        if detail.get(name):
            lines.append(f"  {name}: {detail[name]}")
    for number, turn in enumerate(detail["turns"], start=1):
        speaker = turn["speaker"] or f"(unknown: {turn['label']})"
        first, last = turn["paragraphs"][0], turn["paragraphs"][-1]
        lines += ["", f"[{number}] {speaker} (¶{first}" + (f"-{last})" if last != first else ")"),
                  f"    {shorten(turn['text'], 300)}"]
    if not detail["turns"]:
        for paragraph in detail["paragraphs"]:
            section = f" [{paragraph['section']}]" if paragraph["section"] else ""
            lines += ["", f"¶{paragraph['index']}{section} {shorten(paragraph['text'], 200)}"]
    for note in detail["footnotes"]:
        lines += ["", f"footnote [{note['number']}]: {note['text']}"]
    return "\n".join(lines)


def shorten(text: str, length: int) -> str:
    return text[:length] + "…" if len(text) > length else text


def turn_text(document: Document, paragraphs: tuple[int, ...], label_length: int) -> str:
    """A turn's words without its speaker label, paragraphs separated by blank lines."""
    texts = [document.paragraphs[index].text for index in paragraphs]
    texts[0] = texts[0][label_length:].lstrip()
    return "\n\n".join(texts)


def format_summary(summary: dict[str, Any]) -> str:
    speakers = ", ".join(f"{name} {count}" for name, count in summary["speakers"].items())
    line = f"{summary['id']}  {summary['date'] or '(undated)'}  {summary['kind']}"
    details = f"\n  {summary['title']}"
    if summary["unknown_speaker_turns"]:
        unknown = ", ".join(summary["unknown_labels"])
        speakers += f"{', ' if speakers else ''}unknown speaker ({unknown}) {summary['unknown_speaker_turns']}"
    if speakers:
        details += f"\n  turns: {speakers}"
    elif summary["author"]:
        details += f"\n  author: {summary['author']}"
    if summary["footnotes"]:
        details += f"\n  footnotes: {summary['footnotes']}"
    return line + details


def item_record(item: Item) -> dict[str, Any]:
    """An item as a JSON-ready dict (for `list --json` and `extract --json`)."""
    record: dict[str, Any] = {
        "id": item.id,
        "type": item.type,
        "prompt": item.prompt,
        "answer": item.answer,
        "distractors": list(item.distractors),
        "source": {
            "document": item.source.document,
            "paragraph": item.source.paragraph,
            "span": list(item.source.span) if item.source.span else None,
        },
        "tags": list(item.tags),
        "origin": item.origin,
    }
    for name in ("quote", "speaker", "date", "event", "term", "definition", "person",
                 "context", "difficulty"):
        value = getattr(item, name)
        if value:
            record[name] = value
    if item.gloss:
        record["gloss"] = True
    if item.points != 1:
        record["points"] = item.points
    if item.location:
        record["location"] = str(item.location)
    return record


def deck_summary(path: Path, items: list[Item]) -> str:
    """`quizgen check`'s line for a deck without problems: its items by type and documents."""
    by_type = {kind: sum(1 for item in items if item.type == kind) for kind in ITEM_TYPES}
    counts = ", ".join(f"{count} {kind}" for kind, count in by_type.items() if count)
    documents = len({item.source.document for item in items})
    return f"{path}: ok: {len(items)} items ({counts}) from {documents} documents"

"""Key terms: acronym definitions written in the text, and the curated glossary.

Acronyms are defined in three forms: `Long Form (LF)`, `LF (Long Form)` and
`LF [Long Form]`. A pair counts only when every letter of the short form is the
initial of a word of the long form, in order (small words such as "of" may be
skipped): that keeps "(MiG-27s)" or "(formerly known as the PDPA)" out.

The glossary (glossary.yaml, editable) lists named concepts with definitions
grounded in the sources' own wording; a glossary term is proposed only where it
occurs in a document, and cites the paragraph where it is defined or first used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from quizgen.extract.common import (
    DATA_DIR,
    body_paragraphs,
    context_window,
    document_tag,
    provenance,
    slug,
)
from quizgen.models import Document, Item, Paragraph

_SMALL_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "to", "a", "an", "&"})
_SHORT = r"[A-Z][A-Za-z]{0,2}[A-Z]{1,8}(?:\s[A-Z]{2,6})?"
_DEFINITION = re.compile(
    rf"\((?P<sf1>{_SHORT})\)"  # Long Form (LF)
    rf"|\b(?P<sf2>{_SHORT})\s+(?P<open>[(\[])(?P<lf>[A-Z][^()\[\]]{{2,90}})[)\]]"  # LF (Long) / LF [Long]
)
_WORD = re.compile(r"[\w’'-]+")


@dataclass(frozen=True)
class Acronym:
    short: str
    long: str
    start: int  # span of the whole definition in the paragraph
    end: int


def _initials_match(short: str, words: list[str]) -> bool:
    """Every capital of the short form is the initial of the next significant word;
    the parts of a hyphenated word may count as words ("Inter-Services Intelligence")."""
    letters = [c for c in short if c.isupper()]
    for split in (False, True):
        parts = [part for w in words for part in (w.split("-") if split else [w]) if part]
        significant = [w for w in parts if w.casefold() not in _SMALL_WORDS]
        if len(significant) == len(letters) and all(
            w[0].upper() == letter for w, letter in zip(significant, letters)
        ):
            return True
    return False


def find_acronyms(text: str) -> list[Acronym]:
    """Acronym definitions in a paragraph, in order."""
    found = []
    for match in _DEFINITION.finditer(text):
        if match["sf1"]:
            short = match["sf1"]
            letters = sum(c.isupper() for c in short)
            # Walk back word by word over at most letters + small words.
            words = list(_WORD.finditer(text, max(0, match.start() - 200), match.start()))
            for size in range(1, min(len(words), 2 * letters + 3) + 1):
                chosen = words[-size:]
                if chosen[0][0][0].isupper() and _initials_match(short, [w[0] for w in chosen]):
                    long = text[chosen[0].start():chosen[-1].end()]
                    found.append(Acronym(short, long, chosen[0].start(), match.end()))
                    break
        else:
            candidates = [match["sf2"]]
            if " " in match["sf2"]:
                candidates.insert(0, match["sf2"].split()[-1])  # "CC NDPA [...]": NDPA is defined
            long = match["lf"].strip()
            for short in candidates:
                if _initials_match(short, _WORD.findall(long)):
                    start = match.start("sf2") + match["sf2"].rfind(short)
                    found.append(Acronym(short, long, start, match.end()))
                    break
    return found


def extract_acronyms(document: Document) -> list[Item]:
    """One item per acronym defined in the document (the first definition)."""
    items = []
    seen: set[str] = set()
    for paragraph in document.paragraphs:  # titles define acronyms too
        for acronym in find_acronyms(paragraph.text):
            if acronym.short in seen:
                continue
            seen.add(acronym.short)
            items.append(
                Item(
                    id=f"term-{slug(acronym.short)}",
                    type="term",
                    prompt=f"What does {acronym.short} stand for?",
                    answer=acronym.long,
                    source=provenance(document, paragraph, acronym.start, acronym.end),
                    origin="rule:terms",
                    term=acronym.short,
                    definition=acronym.long,
                    context=paragraph.text[max(0, acronym.start - 200):acronym.end + 200].strip(),
                    tags=(document_tag(document), "term", "acronym"),
                )
            )
    return items


# --- the glossary -------------------------------------------------------------------


@lru_cache(maxsize=1)
def glossary() -> list[dict[str, Any]]:
    """The curated glossary entries (glossary.yaml)."""
    with open(DATA_DIR / "glossary.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle) or []


def _forms(entry: dict[str, Any]) -> re.Pattern[str]:
    forms = [entry["term"], *entry.get("forms", [])]
    alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def extract_glossary(documents: list[Document]) -> list[Item]:
    """Glossary items for the terms that occur in the documents, each citing the
    paragraph named in its entry (`document` and `near`) or else its first use."""
    items = []
    for entry in glossary():
        pattern = _forms(entry)
        found = _cite(entry, pattern, documents)
        if found is None:
            continue  # not in these documents: nothing to cite
        document, paragraph, match = found
        term = entry["term"]
        items.append(
            Item(
                id=f"term-{slug(term)}",
                type="term",
                prompt=entry.get("prompt") or f"What is meant by \u201c{term}\u201d?",
                answer=entry["definition"],
                source=provenance(document, paragraph, match.start(), match.end()),
                origin="rule:terms",
                term=term,
                definition=entry["definition"],
                context=(paragraph.text if len(paragraph.text) < 700
                         else context_window(paragraph.text, match.start(), match.end())),
                tags=(document_tag(document), "term", "glossary", *entry.get("tags", [])),
                gloss=bool(entry.get("gloss", False)),
            )
        )
    return items


def _cite(
    entry: dict[str, Any], pattern: re.Pattern[str], documents: list[Document]
) -> tuple[Document, Paragraph, re.Match[str]] | None:
    near = str(entry.get("near", "")).casefold()
    preferred = entry.get("document")
    if preferred and not entry.get("gloss"):
        # A definition quoted from a source can only be cited to that source.
        documents = [document for document in documents if document.id == preferred]
    ordered = sorted(documents, key=lambda d: (d.id != preferred, d.id))
    first = None
    for document in ordered:
        for paragraph in body_paragraphs(document):
            match = pattern.search(paragraph.text)
            if match is None:
                continue
            if not near or near in paragraph.text.casefold():
                return document, paragraph, match
            if first is None:
                first = (document, paragraph, match)
    return first

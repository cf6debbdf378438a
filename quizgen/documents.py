"""Text file -> Document: the source formats, and nothing about questions.

Three formats are known (see seeds/SOURCES.md): an archive export with bold
metadata headers ("archive-export"), a scraped archive page ("archive-page"),
and an encyclopedia article with `= Title =` headings ("encyclopedia"). Any
other text is read as plain paragraphs with no speaker turns.

Every paragraph keeps a map from its clean text back to character offsets in
the decoded file, through markup removal and page-break joins, so a quote can
always be cited exactly.
"""

from __future__ import annotations

import re
from typing import Any
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from quizgen.dates import MONTH_PATTERN, parse_date
from quizgen.errors import QuizgenError
from quizgen.models import Document, Footnote, Paragraph, Person, Turn
from quizgen.people import PeopleRegistry

# --- raw blocks ----------------------------------------------------------------

_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")


@dataclass
class _Line:
    text: str  # without its line ending and trailing spaces
    start: int  # file offset of its first character
    hard_break: bool  # ended with two spaces: a markdown line break


@dataclass
class _Block:
    """Consecutive non-blank lines: a paragraph before cleaning."""

    lines: list[_Line] = field(default_factory=list)

    @property
    def raw(self) -> str:
        return " ".join(line.text for line in self.lines)

    @property
    def is_list(self) -> bool:
        """Lines broken by hand (lists, signatures, addresses), not a flowing paragraph."""
        return len(self.lines) > 1 and any(line.hard_break for line in self.lines[:-1])

    @property
    def is_metadata(self) -> bool:
        """A `**Header:**` or a bold title line of an archive export."""
        return self.lines[0].text.startswith("**")


def _split_blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    current = _Block()
    for match in _LINE.finditer(text):
        if match.start() == len(text) and not match[0]:
            break
        line = match[1]
        stripped = line.rstrip()
        if not stripped.strip():
            if current.lines:
                blocks.append(current)
                current = _Block()
            continue
        indent = len(line) - len(line.lstrip())
        if current.lines and stripped.lstrip().startswith("- "):
            current.lines[-1].hard_break = True  # a list item starts its own line
        current.lines.append(
            _Line(stripped.strip(), match.start() + indent, line.endswith("  "))
        )
    if current.lines:
        blocks.append(current)
    return blocks


# --- cleaning markup, keeping offsets ---------------------------------------------

# Markup removed from the text. A footnote number, when captured, is recorded.
_MARKUP = re.compile(
    r"\[\\\[(?P<md>\d+)\\\]\]\(#\)"  # [\[1\]](#)
    r"|<sup>\s*\[?(?P<sup>\d+)\]?\s*</sup>"  # <sup>[2]</sup> or <sup>2</sup>
    r"|</?(?:sup|sub|i|b|em|strong)>"  # other inline tags: keep their content
    r"|(?<=[\w.,;:!?\"”’')])\[(?P<plain>\d{1,3})\](?![\w(])"  # Conference.[3] or AMBASSADOR[1]
    r"|\*\*"  # bold
    r"|(?<![\w*])\*(?=[^\s*])|(?<=[^\s*])\*(?![\w*])"  # *italics*
    r"|\\(?=[\[\]()*_#])"  # backslash escapes
    r"|(?<=\s)<(?=https?://)|(?<=[^\s>])>(?=\s|$)(?<=\S>)"  # <https://autolinks>
)


@dataclass
class _Clean:
    text: str
    offsets: list[int]
    footnote_refs: list[str]


def _clean_block(block: _Block) -> _Clean:
    """Remove markup from a block, joining its lines, and keep each character's offset."""
    chars: list[str] = []
    offsets: list[int] = []
    refs: list[str] = []
    for number, line in enumerate(block.lines):
        if number:
            # A hand-broken line stays a line; a wrapped one joins with a space.
            chars.append("\n" if block.lines[number - 1].hard_break else " ")
            offsets.append(line.start - 1)
        position = 0
        for match in _MARKUP.finditer(line.text):
            if match.lastgroup == "plain" or match["md"] or match["sup"]:
                refs.append(match["md"] or match["sup"] or match["plain"])
            for i in range(position, match.start()):
                chars.append(line.text[i])
                offsets.append(line.start + i)
            position = match.end()
        for i in range(position, len(line.text)):
            chars.append(line.text[i])
            offsets.append(line.start + i)
    return _Clean("".join(chars), offsets, refs)


def _strip(clean: _Clean) -> _Clean:
    """Trim whitespace at both ends, keeping offsets aligned."""
    start, end = 0, len(clean.text)
    while start < end and clean.text[start].isspace():
        start += 1
    while end > start and clean.text[end - 1].isspace():
        end -= 1
    return _Clean(clean.text[start:end], clean.offsets[start:end], clean.footnote_refs)


def _join(first: _Clean, second: _Clean) -> _Clean:
    """Rejoin a paragraph broken by a page break: one space between the halves."""
    return _Clean(
        first.text + " " + second.text,
        first.offsets + [first.offsets[-1] + 1] + second.offsets,
        first.footnote_refs + second.footnote_refs,
    )


_SENTENCE_END = re.compile(r"[.?!:;\"”’)\]…]$")


def _is_page_break(previous: _Block, prev_text: str, following: _Block, next_text: str) -> bool:
    """A paragraph cut mid-sentence by a page break, as in "...reconciliation in" / "Afghanistan..."."""
    if previous.is_list or previous.is_metadata or following.is_metadata:
        return False
    if len(prev_text) < 60 or _SENTENCE_END.search(prev_text):
        return False
    if not next_text or _SPEAKER_LABEL.match(next_text) or _FOOTNOTE.match(next_text):
        return False
    last_word = prev_text.rsplit(None, 1)[-1]
    # "...reconciliation in" ends on a lowercase word or a comma: the sentence goes on.
    ends_mid_phrase = last_word.islower() or prev_text.endswith(",")
    return (ends_mid_phrase and next_text[0].isalnum()) or next_text[0].islower()


# --- speaker labels -------------------------------------------------------------------

# "M. S. GORBACHEV. ", "Eh. A. SHEVARDNADZE. ", "NAJIBULLAH. ", "B. KARMAL. ":
# initials, then one surname in capitals, then a full stop or colon. A stage
# direction after the name, "GORBACHEV (laughs).", is not part of the label.
# An initial: "M.", "Eh.", or a hyphenated pair such as "H.-D.".
_INITIAL = r"[A-Z][a-z]?\.(?:-[A-Z][a-z]?\.)?\s?"
_SPEAKER_LABEL = re.compile(
    rf"^(?P<label>(?:{_INITIAL}){{0,3}}[A-Z][A-Z'’\-]{{2,}}(?:\s[A-Z][A-Z'’\-]{{2,}})?)"
    r"(?P<direction>\s*\([^)]{1,40}\))?[.:](?:\s+|$)"
)

# "GORBACHEV:", "The President:", "SECRETARY SHULTZ:", "Gorbachev (smiling):": minutes
# and US memoranda label turns with up to four capitalised words and a colon.
_COLON_LABEL = re.compile(
    r"^(?P<label>(?:[A-Z][A-Za-z'’\-]*\.?\s){0,3}[A-Z][A-Za-z'’\-]+)"
    r"(?P<direction>\s*\([^)]{1,40}\))?:(?:\s+|$)"
)
# Titles before a name in a label: "Secretary Shultz", "General Secretary Gorbachev".
_TITLES = re.compile(
    r"^(?:(?:the|general|secretary|foreign|minister|president|chairman|ambassador|comrade|"
    r"cde|marshal|mr|mrs|ms)\.?\s+)+",
    re.IGNORECASE,
)

# Notes by the record's keeper that end a turn rather than continue it.
_RECORD_NOTE = re.compile(
    r"\b(?:present at|took part in|translated and recorded|recorded)\b.{0,20}\bconversation\b",
    re.IGNORECASE,
)

_FOOTNOTE = re.compile(r"^\[(\d{1,3})\]\s+")
_HEADER = re.compile(r"^\*\*(?P<key>[A-Z][A-Za-z ]{1,40}):\*\*\s*(?P<rest>.*)$")
_HEADING = re.compile(r"^(=+)\s*(.*?)\s*\1$")

_KINDS = [
    (re.compile(r"record of (?:a )?conversation", re.I), "record of conversation"),
    (re.compile(r"memorandum of conversation", re.I), "memorandum of conversation"),
    (re.compile(r"circular cable", re.I), "circular cable"),
    (re.compile(r"\bcable\b|telegram", re.I), "cable"),
    (re.compile(r"conversation.*\(excerpt\)", re.I), "conversation (excerpt)"),
    (re.compile(r"conversation", re.I), "conversation"),
    (re.compile(r"\bletter\b", re.I), "letter"),
    (re.compile(r"minutes|session of the politburo", re.I), "minutes"),
]


def _kind_from_title(title: str) -> str:
    for pattern, kind in _KINDS:
        if pattern.search(title):
            return kind
    return "document"


def _one_line(text: str) -> str:
    return " ".join(text.replace("**", "").split())


# --- the parser -----------------------------------------------------------------------


def read_text(path: Path) -> str:
    """Read a UTF-8 text file (a byte-order mark is tolerated) or fail with one clear line."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise QuizgenError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise QuizgenError(f"{path}: is a folder, not a text file") from None
    except OSError as error:
        raise QuizgenError(f"{path}: cannot read: {error.strerror}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise QuizgenError(
            f"{path}: not UTF-8 text (byte {error.start} is 0x{data[error.start]:02x}); "
            "save it as UTF-8 and try again"
        ) from None


def parse_document(
    path: Path,
    people: PeopleRegistry,
    provenance: dict[str, str] | None = None,
    text: str | None = None,
) -> Document:
    """Parse one source file. `provenance` fills metadata the file does not carry."""
    if text is None:
        text = read_text(path)
    doc_id = path.stem
    blocks = _split_blocks(text)
    first = blocks[0].raw.strip() if blocks else ""
    if _HEADING.match(first):
        document = _parse_encyclopedia(doc_id, path, text, blocks)
    elif any(_HEADER.match(block.raw) and "Citation" in block.raw for block in blocks[:12]):
        document = _parse_archive_export(doc_id, path, text, blocks, people)
    elif first.lower() == "skip to content" or any(
        block.raw.strip() == "Document Information" for block in blocks
    ):
        document = _parse_archive_page(doc_id, path, text, blocks, people)
    else:
        document = _parse_plain(doc_id, path, text, blocks, people)
    if provenance:
        document = _with_provenance(document, provenance)
    if not document.turns and not document.author:
        document = replace(document, author=_find_author(document, people))
    return document


def _with_provenance(document: Document, provenance: dict[str, str]) -> Document:
    """Fill in curated metadata; what the file itself says wins, except where curated is explicit."""
    fields: dict[str, Any] = {}
    for key in ("title", "date", "kind", "citation", "archive", "translator", "url",
                "summary", "original_language", "credits", "author", "licence"):
        value = provenance.get(key)
        if value and (not getattr(document, key) or key in ("licence", "author", "archive")):
            fields[key] = str(value)
    return replace(document, **fields)


def _paragraphs(
    blocks: list[_Block], sections: list[str] | None = None
) -> tuple[list[Paragraph], list[int]]:
    """Clean blocks into paragraphs, rejoining page breaks. Returns paragraphs and,
    for each, the index of the block it started at."""
    paragraphs: list[Paragraph] = []
    origins: list[int] = []
    pending: _Clean | None = None
    pending_block: _Block | None = None
    pending_origin = 0
    for number, block in enumerate(blocks):
        clean = _strip(_clean_block(block))
        if not clean.text:
            continue
        if pending is not None and pending_block is not None and _is_page_break(
            pending_block, pending.text, block, clean.text
        ) and (sections is None or sections[number] == sections[pending_origin]):
            pending = _join(pending, clean)
            pending_block = block
            continue
        if pending is not None:
            paragraphs.append(_make_paragraph(len(paragraphs), pending, sections, pending_origin))
            origins.append(pending_origin)
        pending, pending_block, pending_origin = clean, block, number
    if pending is not None:
        paragraphs.append(_make_paragraph(len(paragraphs), pending, sections, pending_origin))
        origins.append(pending_origin)
    return paragraphs, origins


def _make_paragraph(
    index: int, clean: _Clean, sections: list[str] | None, origin: int
) -> Paragraph:
    return Paragraph(
        index=index,
        text=clean.text,
        offsets=tuple(clean.offsets),
        section=sections[origin] if sections else "",
        footnote_refs=tuple(dict.fromkeys(clean.footnote_refs)),
    )


def _footnotes(paragraphs: list[Paragraph], first_note: int) -> tuple[Footnote, ...]:
    """Footnotes are the `[n] text` paragraphs at the end; tie each to where it is marked."""
    notes = []
    for paragraph in paragraphs[first_note:]:
        match = _FOOTNOTE.match(paragraph.text)
        if not match:
            continue
        number = match[1]
        referenced = tuple(
            p.index for p in paragraphs[:first_note] if number in p.footnote_refs
        )
        notes.append(Footnote(number, paragraph.text[match.end():], paragraph.index, referenced))
    return tuple(notes)


def _trailing_footnotes_start(paragraphs: list[Paragraph]) -> int:
    """Index of the first of the `[n] ...` paragraphs that close the document."""
    start = len(paragraphs)
    while start > 0 and _FOOTNOTE.match(paragraphs[start - 1].text):
        start -= 1
    return start


def _drop_unknown_refs(paragraphs: list[Paragraph], notes: tuple[Footnote, ...]) -> list[Paragraph]:
    """A bracketed number with no footnote behind it is not a footnote mark."""
    known = {note.number for note in notes}
    return [
        replace(p, footnote_refs=tuple(ref for ref in p.footnote_refs if ref in known))
        for p in paragraphs
    ]


def _turns(
    paragraphs: list[Paragraph], body: range, people: PeopleRegistry,
    label_pattern: re.Pattern[str] = _SPEAKER_LABEL,
) -> tuple[tuple[Turn, ...], tuple[str, ...]]:
    """Speaker turns: a labelled paragraph opens one, unlabelled paragraphs continue it."""
    turns: list[Turn] = []
    unknown: list[str] = []
    current: Turn | None = None
    looks_like_speaker = _looks_like_speaker if label_pattern is _SPEAKER_LABEL else _is_colon_speaker
    for index in body:
        text = paragraphs[index].text
        match = label_pattern.match(text)
        person = _resolve_label(people, match["label"]) if match else None
        if match and person is None and looks_like_speaker(match["label"], text):
            # An unknown label still opens a turn, so its words are never given to
            # the previous speaker; the turn has no speaker and the label is reported.
            unknown.append(" ".join(match["label"].split()))
        if match and (person is not None or looks_like_speaker(match["label"], text)):
            if current is not None:
                turns.append(current)
            label_length = match.end("label") if match["direction"] else match.end()
            current = Turn(
                speaker=person.name if person else "",
                label=" ".join(match["label"].split()),
                paragraphs=(index,),
                label_length=label_length,
            )
        elif _RECORD_NOTE.search(text) and len(text) < 200:
            if current is not None:
                turns.append(current)
            current = None
        elif current is not None:
            current = replace(current, paragraphs=current.paragraphs + (index,))
    if current is not None:
        turns.append(current)
    return tuple(turns), tuple(dict.fromkeys(unknown))


# Capitalised words that open a paragraph of a record without being anyone's name.
_NOT_NAMES = frozenset(
    """note comment summary text subject secret confidential unclassified top end ref
    reference translation original attachment enclosure appendix ps nb participants
    date time place present agenda distribution drafted cleared approved classification
    from to cc info action question answer""".split()
)


def _resolve_label(people: PeopleRegistry, label: str) -> Person | None:
    """The person a label names, also when it prints a title first ("SECRETARY SHULTZ")."""
    person = people.resolve(label)
    untitled = _TITLES.sub("", label)
    if person is None and untitled and untitled != label:
        person = people.resolve(untitled)
    return person


def _is_colon_speaker(label: str, text: str) -> bool:
    """In a colon-labelled dialogue, any label that is not a header word opens a turn."""
    words = [word.strip(".").casefold() for word in label.split()]
    return len(text) > len(label) + 10 and not any(word in _NOT_NAMES for word in words)


def _dialogue_turns(
    paragraphs: list[Paragraph], people: PeopleRegistry
) -> tuple[tuple[Turn, ...], tuple[str, ...]]:
    """Turns of a plain text printed with colon labels, when it is clearly a dialogue:
    at least two different people the registry knows speak in it. Otherwise none."""
    speakers = set()
    for paragraph in paragraphs:
        match = _COLON_LABEL.match(paragraph.text)
        person = _resolve_label(people, match["label"]) if match else None
        if person is not None:
            speakers.add(person.id)
    if len(speakers) < 2:
        return (), ()
    return _turns(paragraphs, range(len(paragraphs)), people, _COLON_LABEL)


def _looks_like_speaker(label: str, text: str) -> bool:
    """A capitalised label followed by speech: a name with initials ("Y. M. VORONTSOV")
    or one surname in capitals ("YAKOVLEV"), as records print them."""
    if re.match(rf"^(?:{_INITIAL})+", label):
        return len(text) > len(label) + 2  # initials make it a name, even for "Agreed."
    if len(text) <= len(label) + 10:
        return False
    return label.isupper() and " " not in label and label.casefold() not in _NOT_NAMES


def _find_author(document: Document, people: PeopleRegistry) -> str:
    """A signature paragraph naming a known person or body, e.g. the CC CPSU under a cable."""
    for paragraph in reversed(document.paragraphs[document.body_start:]):
        name = " ".join(paragraph.text.split())
        if len(name) < 120:
            person = people.resolve(name)
            if person is not None:
                return person.name
    return ""


def _metadata_headers(blocks: list[_Block]) -> tuple[dict[str, str], int]:
    """`**Key:**` headers and the blocks under each, up to and including Contents."""
    meta: dict[str, str] = {}
    key = ""
    for number, block in enumerate(blocks):
        raw = block.raw.strip()
        header = _HEADER.match(raw)
        if header:
            key = header["key"].strip().lower().replace(" ", "_")
            meta[key] = header["rest"]
            continue
        if key:
            meta[key] = (meta[key] + " " + raw).strip()
            if key == "contents":
                return meta, number + 1
    return meta, len(blocks)


# "translated by Gary Goldberg for CWIHP", "Translated for CWIHP by Gary Goldberg."
_WRITTEN_DATE = re.compile(rf"\b(?:\d{{1,2}}\s+)?{MONTH_PATTERN}\s+(?:\d{{1,2}},?\s+)?\d{{4}}\b")
_CITATION_TRANSLATOR = re.compile(
    r"[Tt]ranslated (?:for \S+ )?by ((?:[A-Z][a-z]?\.\s?)*[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)*)"
)
_URL = re.compile(r"https?://[^\s>]+")


def _parse_archive_export(
    doc_id: str, path: Path, text: str, blocks: list[_Block], people: PeopleRegistry
) -> Document:
    first_header = next(i for i, b in enumerate(blocks) if _HEADER.match(b.raw.strip()))
    head_lines = [line.text for block in blocks[:first_header] for line in block.lines]
    date = None
    title_lines = []
    for line in head_lines:
        parsed = parse_date(line) if date is None else None
        if parsed:
            date = parsed
        else:
            title_lines.append(line)
    title = _one_line(" ".join(title_lines))
    meta, body_block = _metadata_headers(blocks)
    citation = _one_line(meta.get("citation", ""))
    url = _URL.search(citation)
    translator = _CITATION_TRANSLATOR.search(citation)
    archive = ""
    if citation:
        after_date = re.split(r"\b\d{4}, ", citation, maxsplit=1)
        if len(after_date) == 2:
            archive = re.split(r"\.\s", after_date[1], maxsplit=1)[0]
    paragraphs, origins = _paragraphs(blocks)
    body_start = next((i for i, o in enumerate(origins) if o >= body_block), len(paragraphs))
    notes_start = _trailing_footnotes_start(paragraphs)
    notes = _footnotes(paragraphs, notes_start)
    paragraphs = _drop_unknown_refs(paragraphs, notes)
    turns, unknown = _turns(paragraphs, range(body_start, notes_start), people)
    return Document(
        id=doc_id,
        path=str(path),
        title=title,
        date=date,
        kind=_kind_from_title(title),
        format="archive-export",
        text=text,
        paragraphs=tuple(paragraphs),
        turns=turns,
        footnotes=notes,
        body_start=body_start,
        citation=_URL.sub(lambda m: m[0], citation.replace("<", "").replace(">", "")),
        archive=archive,
        translator=translator[1].strip() if translator else "",
        url=url[0] if url else "",
        summary=_one_line(meta.get("summary", "")),
        original_language=_one_line(meta.get("original_language", "")),
        credits=_one_line(meta.get("credits", "")),
        unknown_labels=unknown,
    )


def _parse_archive_page(
    doc_id: str, path: Path, text: str, blocks: list[_Block], people: PeopleRegistry
) -> Document:
    paragraphs, _ = _paragraphs(blocks)
    texts = [p.text for p in paragraphs]
    position = 1 if texts and texts[0].lower() == "skip to content" else 0
    date = parse_date(texts[position]) if position < len(texts) else None
    if date:
        position += 1
    title = _one_line(texts[position]) if position < len(texts) else doc_id
    body_start = position + 1
    info = texts.index("Document Information") if "Document Information" in texts else len(texts)
    # The page closes with a one-sentence summary just before "Document Information".
    summary = texts[info - 1] if 0 < info < len(texts) and info - 1 > body_start else ""
    body_end = info - 1 if summary else info
    provenance = texts[info + 1] if info + 1 < len(texts) else ""
    translator = _CITATION_TRANSLATOR.search(provenance)
    archive = provenance[: translator.start()].strip() if translator else provenance
    turns, unknown = _turns(paragraphs, range(body_start, body_end), people)
    return Document(
        id=doc_id,
        path=str(path),
        title=title.rstrip("."),
        date=date,
        kind=_kind_from_title(title),
        format="archive-page",
        text=text,
        paragraphs=tuple(paragraphs[:body_end]),
        turns=turns,
        body_start=body_start,
        archive=archive.rstrip(". "),
        translator=translator[1].strip() if translator else "",
        summary=summary,
        unknown_labels=unknown,
    )


def _parse_encyclopedia(doc_id: str, path: Path, text: str, blocks: list[_Block]) -> Document:
    title = ""
    section = ""
    kept: list[_Block] = []
    sections: list[str] = []
    for block in blocks:
        # A heading may share a block with the paragraph under it.
        heading = _HEADING.match(block.lines[0].text)
        if heading:
            if not title and len(heading[1]) == 1:
                title = heading[2]
            else:
                section = heading[2]
            block = _Block(block.lines[1:])
            if not block.lines:
                continue
        if block.lines[0].text == "Infobox":
            section = "Infobox"
            block = _Block(block.lines[1:])
            if not block.lines:
                continue
        elif section == "Infobox":
            section = ""  # the lead paragraphs follow the infobox
        kept.append(block)
        sections.append(section)
    paragraphs, _ = _paragraphs(kept, sections)
    return Document(
        id=doc_id,
        path=str(path),
        title=title or doc_id,
        date=None,
        kind="encyclopedia article",
        format="encyclopedia",
        text=text,
        paragraphs=tuple(paragraphs),
    )


# Security markings at the head of a cable: "SECRET", "SECRET STATE 155432".
_MARKING = re.compile(r"^(?:TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|LIMITED OFFICIAL USE)\b")
# "DATE, TIME AND PLACE: December 8, 1987, ...": a memorandum's date header.
_DATE_HEADER = re.compile(r"^[A-Z ,]*\bDATE\b[A-Z ,]*:")


def _is_date_paragraph(text: str) -> bool:
    """A paragraph that gives the document's date: a date line, "Moscow, 13 November 1986",
    or a date header. A date in a sentence is an event, not the document's date."""
    return bool(parse_date(text) or _DATE_HEADER.match(text)) or (
        len(text) < 40 and not re.search(r"\b[a-z]{4,}\b", text)
    )


def _parse_plain(
    doc_id: str, path: Path, text: str, blocks: list[_Block], people: PeopleRegistry
) -> Document:
    paragraphs, _ = _paragraphs(blocks)
    date = None
    for paragraph in paragraphs[:8]:
        found = _WRITTEN_DATE.search(paragraph.text)
        date = parse_date(found[0]) if found and _is_date_paragraph(paragraph.text) else None
        if date:
            break
    title = next(
        (p.text for p in paragraphs
         if len(p.text) < 200 and not parse_date(p.text) and not _MARKING.match(p.text)),
        "",
    )
    title = _one_line(re.sub(r"^SUBJECT:\s*", "", title))
    turns, unknown = _dialogue_turns(paragraphs, people)
    return Document(
        id=doc_id,
        path=str(path),
        title=title or doc_id,
        date=date,
        kind=_kind_from_title(title),
        format="plain",
        text=text,
        paragraphs=tuple(paragraphs),
        turns=turns,
        unknown_labels=unknown,
    )


# --- the corpus ------------------------------------------------------------------------


def load_sources(path: Path) -> dict[str, dict[str, str]]:
    """Curated provenance per document id, from seeds/sources.yaml (optional)."""
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(read_text(path)) or {}
    except yaml.YAMLError as error:
        raise QuizgenError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise QuizgenError(f"{path}: expected a mapping of document id -> provenance")
    return {str(key): dict(value or {}) for key, value in data.items()}


def load_corpus(
    seeds_dir: Path, people: PeopleRegistry, only: list[str] | None = None
) -> dict[str, Document]:
    """Every `*.txt` in seeds_dir, parsed, by document id (sorted by id)."""
    if not seeds_dir.is_dir():
        raise QuizgenError(f"{seeds_dir}: no such folder of source documents")
    sources = load_sources(seeds_dir / "sources.yaml")
    paths = sorted(seeds_dir.glob("*.txt"))
    if only:
        wanted = {name.removesuffix(".txt") for name in only}
        missing = wanted - {path.stem for path in paths}
        if missing:
            known = ", ".join(path.stem for path in paths)
            raise QuizgenError(
                f"no document named {', '.join(sorted(missing))} in {seeds_dir} (known: {known})"
            )
        paths = [path for path in paths if path.stem in wanted]
    return {
        path.stem: parse_document(path, people, sources.get(path.stem)) for path in paths
    }

"""The data model shared by every stage of the pipeline: frozen dataclasses only.

Documents come from `documents.py`, people from `people.py`, items from the
extraction rules (`extract/`) and the teacher's bank (`bank.py`); problems from
any stage that reads user input. Nothing here does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The item types a bank or a rule can produce.
ITEM_TYPES: tuple[str, ...] = ("quote", "date", "term", "person", "question")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a document, markup removed, page breaks rejoined.

    `offsets[i]` is the character offset in the decoded file text of `text[i]`,
    so any span of the clean text maps back to the file exactly.
    """

    index: int
    text: str
    offsets: tuple[int, ...]
    section: str = ""  # the heading it sits under (encyclopedia articles)
    footnote_refs: tuple[str, ...] = ()  # footnote numbers marked in it

    @property
    def start(self) -> int:
        """File offset of the paragraph's first character."""
        return self.offsets[0] if self.offsets else 0

    @property
    def end(self) -> int:
        """File offset just past the paragraph's last character."""
        return self.offsets[-1] + 1 if self.offsets else 0

    def file_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of `text` to a [start, end) span of the file."""
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True)
class Turn:
    """A speaker's turn: a labelled paragraph and the unlabelled ones after it."""

    speaker: str  # canonical person name, e.g. "Mikhail Gorbachev"
    label: str  # the label as printed, e.g. "M. S. GORBACHEV"
    paragraphs: tuple[int, ...]  # paragraph indices
    label_length: int = 0  # characters of the first paragraph taken by the label


@dataclass(frozen=True)
class Footnote:
    """A footnote at the end of a document, tied to the paragraphs that mark it."""

    number: str
    text: str
    paragraph: int  # the paragraph holding the footnote text itself
    referenced_in: tuple[int, ...] = ()


@dataclass(frozen=True)
class Document:
    """A parsed source document with its metadata and provenance."""

    id: str  # the file name without .txt: stable forever
    path: str
    title: str
    date: str | None  # ISO 8601, as precise as the document says
    kind: str  # "record of conversation", "circular cable", "encyclopedia article", ...
    format: str  # "archive-export", "archive-page", "encyclopedia" or "plain"
    text: str  # the whole decoded file, for verification against exact wording
    paragraphs: tuple[Paragraph, ...]
    turns: tuple[Turn, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    body_start: int = 0  # index of the first body paragraph (after the metadata)
    citation: str = ""
    archive: str = ""
    translator: str = ""
    url: str = ""
    summary: str = ""
    original_language: str = ""
    credits: str = ""
    author: str = ""  # for documents without turns: who wrote it
    licence: str = ""
    unknown_labels: tuple[str, ...] = ()  # speaker labels the registry does not know

    def speaker_counts(self) -> dict[str, int]:
        """Canonical speaker name -> number of turns, in order of first appearance."""
        counts: dict[str, int] = {}
        for turn in self.turns:
            counts[turn.speaker] = counts.get(turn.speaker, 0) + 1
        return counts

    def turn_of(self, paragraph_index: int) -> Turn | None:
        """The turn a paragraph belongs to, if any."""
        for turn in self.turns:
            if paragraph_index in turn.paragraphs:
                return turn
        return None


@dataclass(frozen=True)
class Role:
    """A position a person held, with the years it applies to (either may be None)."""

    title: str
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class Person:
    """A canonical person from the registry."""

    id: str  # slug, e.g. "mikhail-gorbachev"
    name: str  # canonical display name, e.g. "Mikhail Gorbachev"
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    description: str = ""
    nationality: str = ""


@dataclass(frozen=True)
class Location:
    """Where in a bank file something was written (1-based line and column)."""

    path: str
    line: int
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Provenance:
    """Where an item comes from: a document, and as precisely as known, the place in it."""

    document: str  # document id
    paragraph: int | None = None
    span: tuple[int, int] | None = None  # file character offsets [start, end)


@dataclass(frozen=True)
class Item:
    """One question, from a rule or from the bank, with its provenance.

    `prompt` and `answer` are plain text ready to show; the typed fields
    (`quote`, `speaker`, `date`, `term`, `definition`, `person`) keep the
    structure renderers and the verifier need.
    """

    id: str
    type: str  # one of ITEM_TYPES
    prompt: str
    answer: str
    source: Provenance
    origin: str = "bank"  # "bank" or "rule:<family>", e.g. "rule:quotes"
    distractors: tuple[str, ...] = ()
    quote: str = ""  # type quote: the words said
    speaker: str = ""  # type quote: canonical name of who said them
    date: str = ""  # type date: ISO date with its precision: 1988, 1988-04, 1988-04-14
    event: str = ""  # type date: what happened
    term: str = ""  # type term
    definition: str = ""  # type term
    person: str = ""  # type person: canonical name
    context: str = ""  # a sentence or two around the quote/event, for card backs
    tags: tuple[str, ...] = ()
    difficulty: str = ""  # "easy", "medium" or "hard"
    points: int = 1
    gloss: bool = False  # term: the definition is the teacher's own, not the source's
    fixed_position: bool = False  # quizzes: keep this question where it is when shuffling
    location: Location | None = None  # bank items: where the item starts in the YAML


@dataclass(frozen=True)
class Problem:
    """A mistake in the user's input, reported like a compiler error."""

    message: str
    location: Location | None = None
    item_id: str = ""

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        item = f"item '{self.item_id}': " if self.item_id else ""
        return f"{where}{item}{self.message}"


@dataclass(frozen=True)
class DeckInfo:
    """A deck's metadata from its bank file."""

    id: str  # stable forever: seeds the Anki deck id and note GUIDs
    title: str
    description: str = ""
    path: str = ""
    extract: dict[str, bool] = field(default_factory=dict)  # rule family -> enabled
    exclude: tuple[str, ...] = ()

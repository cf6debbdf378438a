"""Verified items -> an Anki package (.apkg) that updates in place when re-imported.

Identity is what lets a student re-import a rebuilt deck without losing their
reviews (see DESIGN.md, "Identity and Anki"):

- note types and decks have ids derived from stable names, never random;
- a note's GUID comes from the deck id and the item id, never from its wording,
  so a reworded question updates the student's note;
- every note, card and note type carries the build timestamp the caller passes
  (deterministic for the same inputs, newer after an edit), because Anki only
  updates a note whose incoming copy is newer;
- the zip is written here with fixed entry dates and order, so the same inputs
  give the same bytes.

Card templates are Anki's own `{{Field}}` templates, read as text from
templates/anki/ (a project's own templates/anki/<file> wins over the default).
Every field is HTML: text from a document or the bank is escaped here.
"""

from __future__ import annotations

import hashlib
import html
import io
import itertools
import re
import sqlite3
import tempfile
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import genanki

from quizgen.dates import display_date, format_date
from quizgen.errors import QuizgenError
from quizgen.models import DeckInfo, Document, Item
from quizgen.output import write_atomically
from quizgen.people import role_at

if TYPE_CHECKING:
    from quizgen.build import Sources

# Fields every note type ends with: where the card comes from, and the item id
# (handy in Anki's browser; not shown on cards).
SOURCE_FIELDS: tuple[str, ...] = ("Document", "Source", "Item")


@dataclass(frozen=True)
class NoteType:
    """One Anki note type: its stable key, fields, card templates and subdeck.

    The field list is part of the note type's schema in every student's
    collection: changing it makes Anki refuse in-place updates, so a change
    needs a new key (":v2") and thus a new note type.
    """

    key: str  # stable forever: seeds the note type id
    name: str  # shown in Anki's note type list
    subdeck: str  # "<deck title>::<subdeck>"
    fields: tuple[str, ...]
    cards: tuple[str, ...]  # card template names; files are anki/<key>[.<card>].front.html
    cloze: bool = False

    @property
    def model_id(self) -> int:
        return stable_id(f"quizgen:{self.key}:v1")

    def template_files(self, card: str) -> tuple[str, str]:
        stem = self.key if len(self.cards) == 1 else f"{self.key}.{_slug(card)}"
        return f"anki/{stem}.front.html", f"anki/{stem}.back.html"


NOTE_TYPES: dict[str, NoteType] = {
    note_type.key: note_type
    for note_type in (
        NoteType(
            "who-said-it",
            "quizgen: Who said it",
            "Who said it",
            ("Quote", "Speaker", "Role", "Date", "Context", *SOURCE_FIELDS),
            ("Who said it",),
        ),
        NoteType(
            "when",
            "quizgen: When",
            "When",
            ("Prompt", "Event", "Date", "Context", *SOURCE_FIELDS),
            ("When",),
        ),
        NoteType(
            "key-term",
            "quizgen: Key term",
            "Key terms",
            ("Term", "Definition", "Context", *SOURCE_FIELDS),
            ("Term", "Definition"),
        ),
        NoteType(
            "person",
            "quizgen: Person and role",
            "People",
            ("Prompt", "Answer", "Person", "Date", "Context", *SOURCE_FIELDS),
            ("Role",),
        ),
        NoteType(
            "cloze",
            "quizgen: Quote cloze",
            "Cloze",
            ("Text", "Speaker", "Role", "Date", *SOURCE_FIELDS),
            ("Cloze",),
            cloze=True,
        ),
        NoteType(
            "question",
            "quizgen: Question",
            "Questions",
            ("Question", "Answer", "Context", *SOURCE_FIELDS),
            ("Question",),
        ),
    )
}

# Field names Anki fills in itself; allowed in templates besides a note type's fields.
ANKI_SPECIAL_FIELDS = frozenset(
    {"FrontSide", "Tags", "Type", "Deck", "Subdeck", "Card", "CardFlag"}
)

# Entry date for every file in the zip: fixed, so the same inputs give the same bytes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# Common words never worth hiding in a cloze (only words of five letters or more count).
STOP_WORDS = frozenset(
    """
    about above after again against although among another because before being below
    between cannot could doing during either enough every further having herself himself
    however itself myself neither never other ought ourselves shall should since their
    theirs themselves there these those through under until where whether which while whose
    within without would yours yourself yourselves still already things thing something
    nothing anything everything
    """.split()  # noqa: SIM905
)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def stable_id(name: str) -> int:
    """An id in genanki's recommended range [2**30, 2**31) derived from a stable name."""
    digest = int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big")
    return (1 << 30) + digest % (1 << 30)


def note_guid(deck_id: str, item_id: str, note_type_key: str = "") -> str:
    """The GUID of an item's note: from the deck and item ids only, never the wording.

    A quote item gives two notes; the second (the cloze) adds its note type key.
    """
    namespace = f"quizgen:{deck_id}"
    if note_type_key == "cloze":
        return genanki.guid_for(namespace, item_id, "cloze")
    return genanki.guid_for(namespace, item_id)


def deck_name(info: DeckInfo, subdeck: str = "") -> str:
    """The deck's name in Anki; "::" makes the subdeck a child of the deck."""
    # A title containing "::" must stay one level.
    title = info.title.replace("::", ":").strip() or info.id
    return f"{title}::{subdeck}" if subdeck else title


def deck_id(info: DeckInfo, note_type_key: str = "") -> int:
    """The deck's id from its stable id; each subdeck's from the note type it holds."""
    name = f"quizgen:deck:{info.id}"
    return stable_id(f"{name}:{note_type_key}" if note_type_key else name)


def text(value: str) -> str:
    """Plain text -> HTML that shows exactly that text.

    Braces are escaped too, so a source's "{{" can never read as an Anki
    field or cloze marker.
    """
    return html.escape(value, quote=True).replace("{", "&#123;").replace("}", "&#125;")


def tag(value: str) -> str:
    """A bank or document name as an Anki tag: no spaces (Anki splits tags on them)."""
    return re.sub(r"\s+", "_", value.strip()).replace('"', "")


def cloze_words(quote: str) -> list[tuple[int, int]]:
    """The [start, end) spans of the quote's key words to hide: its longest content words.

    Deterministic: longest first, earlier first on a tie; two words for a quote
    of twelve words or more, else one. Only words of five letters or more that
    are not common function words count.
    """
    words = list(_WORD.finditer(quote))
    candidates = [
        match for match in words if len(match[0]) >= 5 and match[0].casefold() not in STOP_WORDS
    ]
    wanted = 2 if len(words) >= 12 else 1
    chosen = sorted(candidates, key=lambda match: (-len(match[0]), match.start()))
    seen: set[str] = set()
    spans: list[tuple[int, int]] = []
    for match in chosen:
        if match[0].casefold() in seen:
            continue
        seen.add(match[0].casefold())
        spans.append(match.span())
        if len(spans) == wanted:
            break
    return sorted(spans)


def cloze_text(quote: str) -> str:
    """The quote as escaped HTML with its key words as {{c1::...}}, {{c2::...}}; "" if none."""
    spans = cloze_words(quote)
    if not spans:
        return ""
    parts, last = [], 0
    for number, (start, end) in enumerate(spans, start=1):
        parts.append(text(quote[last:start]))
        parts.append(f"{{{{c{number}::{text(quote[start:end])}}}}}")
        last = end
    parts.append(text(quote[last:]))
    return "".join(parts)


def citation(document: Document | None, item: Item) -> str:
    """The card back's source line as HTML: title, date, archive or article, licence, link."""
    if document is None:
        return text(item.source.document)
    lines = [f'<span class="source-title">{text(document.title)}</span>']
    details = [format_date(document.date)] if document.date else []
    details += [part for part in (document.kind, document.author) if part]
    if details:
        lines[0] += " (" + text(", ".join(details)) + ")"
    if document.archive:
        lines.append(text(document.archive))
    if document.translator:
        lines.append(text(f"Translated by {document.translator}."))
    if document.licence:
        lines.append(text(f"Licence: {document.licence}"))
    if document.url:
        lines.append(f'<a href="{text(document.url)}">{text(document.url)}</a>')
    where = f"Document {document.id}"
    paragraph = item.source.paragraph
    if paragraph is not None:
        where += f", paragraph {paragraph}"
    lines.append(text(where))
    if item.gloss:
        lines.append(text("The definition is the teacher's wording, not the source's."))
    return "<br>".join(lines)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")


def _read_template(template_dirs: list[Path], name: str) -> str:
    """A template file from the first folder that has it (the project's own first)."""
    for folder in template_dirs:
        path = folder / name
        if path.is_file():
            try:
                return path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as error:
                raise QuizgenError(f"{path}: cannot read template: {error}") from None
    raise QuizgenError(f"template {name} not found (looked in templates/ and the defaults)")


_FIELD_REF = re.compile(r"{{\s*([#^/]?)\s*([^{}]+?)\s*}}")


def _check_fields(template: str, name: str, note_type: NoteType, front: bool) -> None:
    """A template naming a field the note type lacks would show Anki's error on
    every card; a front naming no field at all would make no card."""
    known = set(note_type.fields) | ANKI_SPECIAL_FIELDS
    used = set()
    for match in _FIELD_REF.finditer(template):
        field = match[2].split(":")[-1].strip()  # "cloze:Text", "text:Quote" -> the field
        if field not in known:
            raise QuizgenError(
                f"template {name}: unknown field {{{{{match[2]}}}}} "
                f"(fields of {note_type.name}: {', '.join(note_type.fields)})"
            )
        used.add(field)
    if front and not used & set(note_type.fields):
        raise QuizgenError(
            f"template {name}: the front of a card must show a field "
            f"({', '.join(note_type.fields)})"
        )


def build_models(template_dirs: list[Path]) -> dict[str, genanki.Model]:
    """The note types with their templates and CSS (shared cards.css + <key>.css)."""
    base_css = _read_template(template_dirs, "anki/cards.css")
    models = {}
    for note_type in NOTE_TYPES.values():
        templates = []
        for card in note_type.cards:
            front_name, back_name = note_type.template_files(card)
            front = _read_template(template_dirs, front_name)
            back = _read_template(template_dirs, back_name)
            _check_fields(front, front_name, note_type, front=True)
            _check_fields(back, back_name, note_type, front=False)
            templates.append({"name": card, "qfmt": front, "afmt": back})
        css = base_css + "\n" + _read_template(template_dirs, f"anki/{note_type.key}.css")
        models[note_type.key] = genanki.Model(
            note_type.model_id,
            note_type.name,
            fields=[{"name": field} for field in note_type.fields],
            templates=templates,
            css=css,
            model_type=genanki.Model.CLOZE if note_type.cloze else genanki.Model.FRONT_BACK,
        )
    return models


def note_fields(item: Item, sources: Sources) -> dict[str, dict[str, str]]:
    """The notes an item becomes: note type key -> field name -> HTML."""
    document = sources.documents.get(item.source.document)
    doc_date = document.date if document and document.date else ""
    common = {
        "Document": text(document.title if document else item.source.document),
        "Source": citation(document, item),
        "Item": text(item.id),
        "Context": text(item.context),
    }
    notes: dict[str, dict[str, str]] = {}
    if item.type == "quote":
        quote = item.quote or item.prompt
        speaker = item.speaker or item.answer
        when = item.date or doc_date
        person = sources.people.get(speaker)
        facts = {
            "Speaker": text(speaker),
            "Role": text(role_at(person, when or None) if person else ""),
            "Date": text(display_date(when)),
        }
        notes["who-said-it"] = {"Quote": text(quote), **facts, **common}
        cloze = cloze_text(quote)
        if cloze:
            notes["cloze"] = {"Text": cloze, **facts, **common}
    elif item.type == "date":
        notes["when"] = {
            "Prompt": text(item.prompt or item.event),
            "Event": text(item.event),
            "Date": text(display_date(item.date or item.answer)),
            **common,
        }
    elif item.type == "term":
        notes["key-term"] = {
            "Term": text(item.term or item.prompt),
            "Definition": text(item.definition or item.answer),
            **common,
        }
    elif item.type == "person":
        notes["person"] = {
            # Usually person -> role; a rule may ask the other way round.
            "Prompt": text(item.prompt or item.person),
            "Answer": text(item.answer),
            "Person": text(item.person),
            "Date": text(display_date(item.date or doc_date)),
            **common,
        }
    elif item.type == "question":
        notes["question"] = {"Question": text(item.prompt), "Answer": text(item.answer), **common}
    else:
        raise QuizgenError(f"item '{item.id}': unknown type '{item.type}'")
    return notes


def note_tags(item: Item) -> list[str]:
    """Tags by type, document, person and the bank's own tags (Anki's "::" makes a tree)."""
    tags = [f"quizgen::type::{item.type}", f"quizgen::doc::{tag(item.source.document)}"]
    for person in (item.speaker, item.person):
        if person:
            tags.append(f"quizgen::person::{tag(person)}")
    tags += [tag(value) for value in item.tags if tag(value)]
    return list(dict.fromkeys(tags))


def deck_description(info: DeckInfo, items: list[Item], sources: Sources) -> str:
    """Where the material comes from, and what a re-import does, as HTML."""
    used = sorted({item.source.document for item in items})
    lines = [f"<p>{text(info.description)}</p>"] if info.description else []
    lines.append("<p>Questions built by quizgen from these sources:</p><ul>")
    for document_id in used:
        document = sources.documents.get(document_id)
        if document is None:
            lines.append(f"<li>{text(document_id)}</li>")
            continue
        parts = [document.title] + [part for part in (document.archive, document.licence) if part]
        link = f' <a href="{text(document.url)}">{text(document.url)}</a>' if document.url else ""
        lines.append(f"<li>{text('. '.join(parts))}{link}</li>")
    lines.append("</ul>")
    lines.append(
        "<p>Importing a newer version of this deck updates your notes in place and keeps "
        "your review history. Anki never deletes notes on import: a question removed from "
        "the deck stays in your collection until you delete it yourself.</p>"
    )
    return "".join(lines)


def write_apkg(
    info: DeckInfo,
    items: list[Item],
    sources: Sources,
    out_path: Path,
    timestamp: int,
    template_dirs: list[Path],
    previous: Path | None = None,
) -> Path:
    """Write the items as an Anki package; the same arguments give the same bytes.

    `previous` is the package this build replaces, if any. Anki takes an update only
    when a note is newer, and timestamps are whole seconds: an edit made in the same
    second as the previous build's newest input would never reach students. So when
    the previous package is not older, a changed package is stamped one second after it
    (an unchanged one keeps its stamp, and its bytes).
    """
    models = build_models(template_dirs)
    parent = genanki.Deck(deck_id(info), deck_name(info), deck_description(info, items, sources))
    subdecks: dict[str, genanki.Deck] = {}
    seen: set[str] = set()
    for item in sorted(items, key=lambda item: item.id):
        if item.id in seen:
            raise QuizgenError(f"item '{item.id}': two items share this id (one note per id)")
        seen.add(item.id)
        for key, fields in note_fields(item, sources).items():
            note_type = NOTE_TYPES[key]
            if not fields[note_type.fields[0]]:
                # Anki skips a note whose first field is empty: say so instead.
                raise QuizgenError(
                    f"item '{item.id}': nothing to ask: its {note_type.fields[0].lower()} is empty"
                )
            if key not in subdecks:
                subdecks[key] = genanki.Deck(deck_id(info, key), deck_name(info, note_type.subdeck))
            subdecks[key].add_note(
                genanki.Note(
                    model=models[key],
                    fields=[fields[name] for name in note_type.fields],
                    tags=note_tags(item),
                    guid=note_guid(info.id, item.id, key),
                )
            )
    decks = [parent] + [subdecks[key] for key in NOTE_TYPES if key in subdecks]
    earlier = package_timestamp(previous) if previous is not None else None
    stamp = timestamp if earlier is None or earlier < timestamp else earlier
    package = _package_bytes(decks, stamp)
    if previous is not None and stamp == earlier and package != previous.read_bytes():
        package = _package_bytes(decks, stamp + 1)
    return write_atomically(out_path, package)


_STAMP = re.compile(rb"^quizgen timestamp (\d+)$")


def package_timestamp(path: Path) -> int | None:
    """The timestamp a package written by quizgen carries in its zip comment, or None."""
    try:
        with zipfile.ZipFile(path) as archive:
            found = _STAMP.match(archive.comment)
    except (OSError, zipfile.BadZipFile):
        return None
    return int(found[1]) if found else None


def _package_bytes(decks: list[genanki.Deck], timestamp: int) -> bytes:
    """The .apkg bytes: genanki's collection, zipped with fixed dates and order."""
    with tempfile.TemporaryDirectory(prefix="quizgen-apkg-") as folder:
        database = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(database)
        try:
            with warnings.catch_warnings():
                # Fields are escaped HTML by construction; genanki's heuristic
                # tag check only adds noise.
                warnings.simplefilter("ignore")
                # Note and card ids count up from the timestamp: deterministic too.
                genanki.Package(decks).write_to_db(
                    connection.cursor(), timestamp, itertools.count(timestamp * 1000)
                )
            connection.commit()
        finally:
            connection.close()
        collection = database.read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.comment = b"quizgen timestamp %d" % timestamp
        for name, data in (("collection.anki2", collection), ("media", b"{}")):
            entry = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data)
    return buffer.getvalue()

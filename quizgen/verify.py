"""Items + documents -> problems: is every item true to the source it cites?

A quote must occur in the cited document, said by the named speaker: in their
turn of a conversation, by the author of a document without turns (the 1979
cable), or, in an encyclopedia article, in a paragraph that names them. A date
must be stated in the cited document, a term's definition must be in it (unless
the bank marks it as the teacher's own gloss), and every person must be known
to the people registry. Text is compared after `normalise`, which forgives
typography (curly quotes, dashes, spacing, case) but not a changed word.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TypeVar, cast

from quizgen.bank import did_you_mean
from quizgen.dates import MONTHS, YEAR_PATTERN, format_date, iso
from quizgen.extract.dates import find_dates
from quizgen.models import Document, Item, Location, Paragraph, Person, Problem
from quizgen.people import PeopleRegistry

# --- normalising text ------------------------------------------------------------------

_TRANSLATE = {
    **{ord(c): "'" for c in "‘’‚‛′`´"},
    **{ord(c): '"' for c in "“”„‟″«»"},
    **{ord(c): "-" for c in "‐‑‒–—―−"},
    ord("…"): "...",
    ord("\u00ad"): "",  # soft hyphen
}


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """`normalise(text)` and, for each of its characters, the index in `text` it came from."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for piece in char.translate(_TRANSLATE).casefold():
            if piece.isspace():
                # One space, and none at the start or next to a dash: "forces -- the" = "forces—the".
                if not chars or chars[-1] in " -":
                    continue
                piece = " "
            elif piece == "-":
                if chars and chars[-1] == " ":
                    chars.pop()
                    origin.pop()
                if chars and chars[-1] == "-":
                    continue
            chars.append(piece)
            origin.append(index)
    if chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return "".join(chars), origin


def normalise(text: str) -> str:
    """Text for comparison: case, spacing, curly quotes, dashes and ellipses made uniform."""
    return normalise_with_map(text)[0]


# --- where text occurs in a document ------------------------------------------------------


@dataclass(frozen=True)
class _Para:
    """A paragraph's normalised text and the map back to its clean text."""

    paragraph: Paragraph
    text: str
    origin: tuple[int, ...]


# Documents are parsed once per run and never change: cache by identity, keeping
# the document alive so its id is not reused (hashing a Document would hash all its text).
# The bound counts documents, not entries, so adding a kind of cached value never
# makes a corpus of a few dozen documents thrash.
_CACHE: dict[int, tuple[Document, dict[str, object]]] = {}
_CACHED_DOCUMENTS = 64
_T = TypeVar("_T")


def _cached(kind: str, document: Document, make: Callable[[Document], _T]) -> _T:
    """`make(document)`, worked out once per document and kind."""
    if id(document) not in _CACHE:
        if len(_CACHE) >= _CACHED_DOCUMENTS:
            _CACHE.clear()
        _CACHE[id(document)] = (document, {})
    values = _CACHE[id(document)][1]
    if kind not in values:
        values[kind] = make(document)
    return cast(_T, values[kind])


def _normalised(document: Document) -> tuple[_Para, ...]:
    return _cached("paragraphs", document, _normalise_paragraphs)


def _normalise_paragraphs(document: Document) -> tuple[_Para, ...]:
    paras = []
    for paragraph in document.paragraphs:
        text, origin = normalise_with_map(paragraph.text)
        paras.append(_Para(paragraph, text, tuple(origin)))
    return tuple(paras)


def _body(document: Document) -> tuple[_Para, ...]:
    """The paragraphs a quote may come from: the body, without metadata and footnotes."""
    return _cached("body", document, _body_paragraphs)


def _body_paragraphs(document: Document) -> tuple[_Para, ...]:
    footnotes = {note.paragraph for note in document.footnotes}
    return tuple(
        para for para in _normalised(document)
        if para.paragraph.index >= document.body_start and para.paragraph.index not in footnotes
    )


# An elided quote: "Faith in Najibullah ... created illusions" must match in order.
_ELLIPSIS = re.compile(r"\s*(?:\.\s?){3,}\s*|\s*\[\.\.\.\]\s*")


def _find(para: _Para, quote: str) -> tuple[int, int] | None:
    """[start, end) of a normalised quote in a paragraph's normalised text, ellipses elided."""
    pieces = [piece for piece in _ELLIPSIS.split(quote) if piece.strip(" .")]
    if not pieces:
        return None
    position = start = -1
    for piece in pieces:
        piece = piece.strip()
        found = para.text.find(piece, position + 1 if position >= 0 else 0)
        if found < 0:
            return None
        if start < 0:
            start = found
        position = found + len(piece) - 1
    return start, position + 1


def find_quote(document: Document, quote: str) -> list[tuple[Paragraph, tuple[int, int]]]:
    """Every paragraph of the body holding the quote, with its [start, end) in the paragraph's text."""
    wanted = normalise(quote).strip(" \"'").rstrip(" .,;:")
    hits = []
    for para in _body(document):
        span = _find(para, wanted)
        if span is not None:
            hits.append((para.paragraph, (para.origin[span[0]], para.origin[span[1] - 1] + 1)))
    return hits


_SENTENCE = re.compile(r"(?<=[.!?\"])\s+(?=[\"'(\[]?[a-z0-9])")


def _words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text))


def _closest(
    paras: tuple[_Para, ...],
    text: str,
    windows: Callable[[str], Iterator[tuple[int, int]]],
    longest: int = 160,
) -> tuple[str, int] | None:
    """The window of a paragraph most like `text`, as the paragraph's own text and its index.

    Windows are ranked by how many of the text's words they hold, then by
    difflib's ratio, which favours the shortest such window: a quote with one
    word changed is closest to the sentence it came from, not to a short
    sentence that happens to be about as long.
    """
    wanted = normalise(text)
    wanted_words = _words(wanted)
    total = sum(wanted_words.values()) or 1
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(wanted)
    best: tuple[float, float, _Para, int, int] | None = None
    for para in paras:
        for start, end in windows(para.text):
            window = para.text[start:end]
            covered = sum((wanted_words & _words(window)).values()) / total
            if best is not None and covered < best[0]:
                continue
            matcher.set_seq1(window)
            ratio = matcher.ratio()
            if best is None or (covered, ratio) > best[:2]:
                best = (covered, ratio, para, start, end)
    if best is None or best[0] < 0.5:
        return None  # nothing in the document is like it
    _, _, para, start, end = best
    clean = para.paragraph.text[para.origin[start]: para.origin[end - 1] + 1].strip()
    if len(clean) > longest:
        clean = clean[: longest - 1].rstrip() + "…"
    return clean, para.paragraph.index


def _sentence_windows(text: str) -> Iterator[tuple[int, int]]:
    """Runs of one to three sentences."""
    bounds = [0] + [m.end() for m in _SENTENCE.finditer(text)] + [len(text)]
    for first in range(len(bounds) - 1):
        for last in range(first + 1, min(first + 4, len(bounds))):
            yield bounds[first], bounds[last]


def closest_passage(document: Document, text: str) -> tuple[str, int] | None:
    """The run of one to three sentences most like `text`, and its paragraph index.

    Sentences, not every substring: a quote with one word changed is closest to
    the sentence it came from, and this stays fast on a whole document.
    """
    return _closest(_body(document), text, _sentence_windows)


def _unbracket(text: str) -> str:
    return text.replace("[", "").replace("]", "")


def _unbracketed_paragraphs(document: Document) -> tuple[str, ...]:
    """Each paragraph normalised without an editor's brackets: worked out once per
    document, since every term item of a bank searches all of them."""
    return _cached(
        "unbracketed", document,
        lambda d: tuple(normalise(_unbracket(para.text)) for para in _normalised(d)),
    )


def term_occurs(document: Document, term: str, paragraph: int | None = None) -> bool:
    """Whether a document (or one of its paragraphs) uses a term: as written, ignoring
    an editor's brackets ("Brest [-Litovsk] Peace"), or with all its words in one
    paragraph ("Khalq and Parcham")."""
    unbracketed = normalise(_unbracket(term))
    words = [word for word in re.findall(r"[\w'-]+", unbracketed) if word not in ("and", "the", "of")]
    texts = _unbracketed_paragraphs(document)
    for text in texts if paragraph is None else texts[paragraph:paragraph + 1]:
        if unbracketed in text or (words and all(
            re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) for word in words
        )):
            return True
    return False


def closest_words(document: Document, text: str) -> tuple[str, int] | None:
    """The run of as many words as `text` has that is most like it: for short texts
    such as definitions, which a whole sentence would swamp."""
    size = max(1, len(normalise(text).split()))

    def word_windows(para_text: str) -> Iterator[tuple[int, int]]:
        starts = [0] + [m.end() for m in re.finditer(" ", para_text)]
        ends = [m.start() for m in re.finditer(" ", para_text)] + [len(para_text)]
        for number, start in enumerate(starts):
            yield start, ends[min(number + size - 1, len(ends) - 1)]

    return _closest(_normalised(document), text, word_windows)


# --- who said it -----------------------------------------------------------------------


def _names(person: Person) -> list[str]:
    """The ways prose may name a person: full name, aliases, and surname."""
    names = [person.name, *person.aliases]
    surname = person.name.split()[-1]
    if len(surname) > 3:
        names.append(surname)
    return names


def _mentions(text: str, person: Person, normal: str | None = None) -> bool:
    """Whether the text names the person (`normal`: the text already normalised)."""
    normal = normalise(text) if normal is None else normal
    return any(
        re.search(rf"(?<!\w){re.escape(normalise(name))}(?!\w)", normal) for name in _names(person)
    )


def attributed_to(document: Document, paragraph: Paragraph, people: PeopleRegistry) -> set[str]:
    """Who a paragraph's words may be attributed to.

    In a conversation, the speaker of the turn; in an encyclopedia article,
    anyone the paragraph (or the sentence introducing a block quote, ending in
    ':') names; otherwise, the document's author.
    """
    turn = document.turn_of(paragraph.index)
    if turn is not None:
        return {turn.speaker} if turn.speaker else set()
    if document.turns:
        return set()  # a record's own notes and summary: nobody's words
    if document.format == "encyclopedia":
        text = paragraph.text
        if paragraph.index > 0 and document.paragraphs[paragraph.index - 1].text.rstrip().endswith(":"):
            text = document.paragraphs[paragraph.index - 1].text + " " + text
        normal = normalise(text)
        return {person.name for person in people.people if _mentions(text, person, normal)}
    author = people.resolve(document.author) if document.author else None
    return {author.name} if author else ({document.author} if document.author else set())


# --- dates -------------------------------------------------------------------------------

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE_FORMS = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH_NAMES})\.?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTH_NAMES})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    rf"|(?P<m3>{_MONTH_NAMES})\.?,?\s+(?P<y3>\d{{4}})"
    rf"|(?P<y4>\d{{4}})-(?P<m4>\d{{2}})-(?P<d4>\d{{2}})"
    rf"|(?P<y5>{YEAR_PATTERN}))\b",
    re.IGNORECASE,
)


def stated_dates(document: Document) -> frozenset[str]:
    """Every date the document states, as ISO strings with their precision, plus its own date.

    "14 April 1988" states 1988-04-14 and also 1988-04 and 1988 (a coarser
    question about the same day is still answered by the text).
    """
    return _cached("dates", document, _stated_dates)


def _stated_dates(document: Document) -> frozenset[str]:
    dates = [date for _, date, _ in dated_passages(document)]
    for match in _DATE_FORMS.finditer(document.text):  # metadata outside the paragraphs too
        dates += _coarser(_match_date(match))
    if document.date:
        dates += _coarser(document.date)
    return frozenset(dates)


def _coarser(date: str | None) -> list[str]:
    """"1988-04-14" also answers a question about April 1988 or about 1988."""
    return [date, date[:7], date[:4]] if date else []


def _match_date(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    year = int(next(groups[f"y{n}"] for n in range(1, 6) if groups[f"y{n}"]))
    month_word = groups["m1"] or groups["m2"] or groups["m3"]
    month = MONTHS[month_word.lower()] if month_word else (int(groups["m4"]) if groups["m4"] else None)
    day_text = groups["d1"] or groups["d2"] or groups["d4"]
    # "May 1988" is a date; "may" alone is a verb and never reaches here (a year must follow).
    return iso(year, month, int(day_text) if day_text else None)


def _dates_at(text: str) -> list[tuple[int, str]]:
    """(position, ISO date) of every date a passage states, with its coarser forms."""
    found = [(m.start(), d) for m in _DATE_FORMS.finditer(text) for d in _coarser(_match_date(m))]
    # Prose also dates things without repeating the year ("In January 1989, ... on
    # January 23"): read those the way the date rules read them.
    found += [(mention.start, d) for mention in find_dates(text) for d in _coarser(mention.iso)]
    return found


# How far around a date the words about its event may stand. A sentence is too
# wide: "Pursuant to the Geneva Accords of 14 April 1988, ... between 15 May 1988
# and 15 February 1989" must not date the Accords to 15 May.
_EVENT_WINDOW = 12  # words before and after the date


def dated_passages(document: Document) -> tuple[tuple[frozenset[str], str, int], ...]:
    """For each date the document states: the content words around it, the date and its paragraph."""
    return _cached("dated", document, _dated_passages)


def _dated_passages(document: Document) -> tuple[tuple[frozenset[str], str, int], ...]:
    result = []
    for paragraph in document.paragraphs:
        dates = _dates_at(paragraph.text)
        if not dates:
            continue
        starts = [m.start() for m in re.finditer(r"\S+", paragraph.text)]
        for at, date in dates:
            word = bisect.bisect_right(starts, at) - 1
            first = starts[max(0, word - _EVENT_WINDOW)]
            last = starts[min(len(starts) - 1, word + _EVENT_WINDOW)]
            result.append((content_words(paragraph.text[first:last]), date, paragraph.index))
    return tuple(result)


_STOPWORDS = frozenset(
    "the a an and or of in on to was were is are by for with from at as that this its their "
    "his her be been into after before over when what which who did does how year month day "
    "date happen happened".split()
)


def content_words(text: str) -> frozenset[str]:
    """Words of four letters or more that say what a passage is about."""
    return frozenset(w for w in re.findall(r"[a-z]{4,}", normalise(text)) if w not in _STOPWORDS)


def _nearest_dates(wanted: str, stated: frozenset[str]) -> list[str]:
    same_precision = [d for d in stated if len(d) == len(wanted)]
    for prefix in (wanted[:7], wanted[:4]):
        near = sorted(d for d in same_precision if d.startswith(prefix))
        if near:
            return near[:3]
    return []


# --- the checks ----------------------------------------------------------------------------


@dataclass
class _Checker:
    documents: dict[str, Document]
    people: PeopleRegistry
    locations: Mapping[tuple[str, str], Location]
    problems: list[Problem]

    def report(self, item: Item, key: str, message: str) -> None:
        where = self.locations.get((item.id, key)) or item.location
        self.problems.append(Problem(message, where, item.id))

    def person(self, item: Item, key: str, name: str) -> Person | None:
        person = self.people.resolve(name)
        if person is None:
            labels = [n for p in self.people.people for n in (p.name, *p.aliases)]
            self.report(item, key, f"unknown {key} '{name}': not in the people registry"
                        f"{did_you_mean(name, labels)}")
        return person

    def quote(self, item: Item, document: Document) -> None:
        speaker = self.person(item, "speaker", item.speaker)
        hits = find_quote(document, item.quote)
        if not hits:
            closest = closest_passage(document, item.quote)
            where = f" (closest: \"{closest[0]}\", paragraph {closest[1]})" if closest else ""
            self.report(item, "quote", f"quote not found in {document.id}{where}")
            return
        if item.source.paragraph is not None and all(p.index != item.source.paragraph for p, _ in hits):
            self.report(item, "paragraph", f"the quote is in paragraph "
                        f"{', '.join(str(p.index) for p, _ in hits)}, not {item.source.paragraph}")
        if speaker is None:
            return
        said_by = [attributed_to(document, paragraph, self.people) for paragraph, _ in hits]
        if any(speaker.name in names for names in said_by):
            return
        others = sorted({name for names in said_by for name in names})
        paragraphs = ", ".join(str(paragraph.index) for paragraph, _ in hits)
        if others and document.turns:
            message = f"said by {' and '.join(others)}, not {speaker.name} (paragraph {paragraphs})"
        elif document.turns:
            message = (f"the quote is in paragraph {paragraphs}, which is no speaker's turn: "
                       f"not said by {speaker.name}")
        elif document.format == "encyclopedia":
            message = (f"paragraph {paragraphs} does not attribute the quote to {speaker.name}"
                       + (f" (it names {', '.join(others)})" if others else ""))
        else:
            message = (f"{document.id} was written by {document.author or 'an unknown author'}, "
                       f"not {speaker.name}")
        self.report(item, "speaker", message)

    def date(self, item: Item, document: Document) -> None:
        stated = stated_dates(document)
        if item.date not in stated:
            near = _nearest_dates(item.date, stated)
            hint = f" (it gives {', '.join(format_date(d) for d in near)})" if near else ""
            self.report(item, "answer", f"{format_date(item.date)} is not stated in {document.id}{hint}")
            return
        if document.date and item.date in _coarser(document.date):
            return  # the document's own date: it dates everything in it
        # Stated somewhere is not enough: a date from another event of the same
        # document would pass. It must be stated among words about this event.
        event = content_words(f"{item.event} {item.prompt}")
        passages = dated_passages(document)
        beside = sorted({index for words, date, index in passages
                         if date == item.date and len(event & words) >= 2})
        cited = item.source.paragraph
        if beside and (cited is None or cited in beside):
            return
        if beside:
            self.report(item, "paragraph", f"paragraph {cited} does not date this event; "
                        f"paragraph {', '.join(map(str, beside))} does")
            return
        near_event = [(len(event & words), date) for words, date, _ in passages
                      if len(date) == len(item.date) and len(event & words) >= 2]
        if not near_event:
            self.report(item, "answer", f"{format_date(item.date)} is stated in {document.id}, "
                        "but not beside this event: word the event as the source does")
            return
        best = max(shared for shared, _ in near_event)
        given = sorted({date for shared, date in near_event if shared == best})
        self.report(item, "answer", f"{format_date(item.date)} is not the date the source gives "
                    f"for this event (it gives {', '.join(format_date(d) for d in given)})")

    def term(self, item: Item, document: Document) -> None:
        if not term_occurs(document, item.term):
            self.report(item, "term", f"the term '{item.term}' does not occur in {document.id}")
        elif item.source.paragraph is not None and not (
            term_occurs(document, item.term, item.source.paragraph)
            or normalise(item.definition).strip(" .") in _normalised(document)[item.source.paragraph].text
        ):
            # The key and the card back cite this paragraph: it must be the right one.
            self.report(item, "paragraph", f"paragraph {item.source.paragraph} "
                        f"mentions neither '{item.term}' nor its definition")
        if item.gloss:
            return
        text = _cached("joined", document, lambda d: " ".join(para.text for para in _normalised(d)))
        if normalise(item.definition).strip(" .") not in text:
            closest = closest_words(document, item.definition)
            hint = f" (closest: \"{closest[0]}\", paragraph {closest[1]})" if closest else ""
            self.report(item, "definition", f"definition not found in {document.id}{hint}; "
                        "quote the source's wording, or add 'gloss: true' if it is your own")

    def named_person(self, item: Item, document: Document) -> None:
        person = self.person(item, "person", item.person)
        normal = _cached("text", document, lambda d: normalise(d.text))
        if person is not None and not _mentions(document.text, person, normal):
            self.report(item, "person", f"{person.name} is not named in {document.id}")
        elif person is not None and item.source.paragraph is not None:
            paragraph = document.paragraphs[item.source.paragraph]
            if not _mentions(paragraph.text, person):
                self.report(item, "paragraph", f"paragraph {paragraph.index} does not name {person.name}")

    def check(self, item: Item) -> None:
        document = self.documents.get(item.source.document)
        if document is None:
            self.report(item, "source", f"unknown source document '{item.source.document}'"
                        f"{did_you_mean(item.source.document, sorted(self.documents))}")
            return
        paragraph = item.source.paragraph
        if paragraph is not None and not 0 <= paragraph < len(document.paragraphs):
            self.report(item, "paragraph", f"{document.id} has paragraphs 0 to "
                        f"{len(document.paragraphs) - 1}, not {paragraph}")
            item = replace(item, source=replace(item.source, paragraph=None))
        if item.type == "quote":
            self.quote(item, document)
        elif item.type == "date":
            self.date(item, document)
        elif item.type == "term":
            self.term(item, document)
        elif item.type == "person":
            self.named_person(item, document)


def verify_items(
    items: list[Item],
    documents: dict[str, Document],
    people: PeopleRegistry,
    locations: Mapping[tuple[str, str], Location] | None = None,
) -> list[Problem]:
    """Every way the items disagree with their sources, in item order.

    `locations` maps (item id, key) to where the key's value is in the bank, so
    a problem points at the value to fix rather than the start of the item.
    """
    checker = _Checker(documents, people, locations or {}, [])
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            checker.report(item, "id", "duplicate id: another item already has it")
            continue
        seen.add(item.id)
        checker.check(item)
    return checker.problems


# --- locating items --------------------------------------------------------------------------


def locate_items(
    items: list[Item], documents: dict[str, Document], people: PeopleRegistry
) -> list[Item]:
    """Items with the paragraph and span they cite filled in where the bank named only
    the document, found as the checks above find them, so every card and key can cite
    a paragraph."""
    return [_located(item, documents.get(item.source.document), people) for item in items]


def _located(item: Item, document: Document | None, people: PeopleRegistry) -> Item:
    if document is None or item.source.paragraph is not None:
        return item
    found: tuple[int, tuple[int, int] | None] | None = None
    if item.type in ("quote", "term"):
        for words in (item.quote, item.term, item.definition):
            hits = find_quote(document, words) if words else []
            if hits:
                paragraph, (start, end) = hits[0]
                found = (paragraph.index, paragraph.file_span(start, end))
                break
    elif item.type == "date":
        event = content_words(f"{item.event} {item.prompt}")
        found = next(((index, None) for words, date, index in dated_passages(document)
                      if date == item.date and len(event & words) >= 2), None)
    elif item.type == "person" and (person := people.resolve(item.person)) is not None:
        found = next(((p.index, None) for p in document.paragraphs[document.body_start:]
                      if _mentions(p.text, person)), None)
    if found is None:
        return item
    return replace(item, source=replace(item.source, paragraph=found[0], span=found[1]))

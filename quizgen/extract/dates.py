"""When: each document's date, and dated events in its sentences, with their precision.

Dates are found by one pass of one regular expression over each paragraph. A
date without a year ("on January 23", "In December") takes the last year written
before it in the same paragraph, and only when one was; a bare year counts only
after a word that makes it a date ("in 1988", "[1918]", "early 1987"), so "523
killed", "p. 305" or "2,500 km" never become dates, nor does the verb "may".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizgen.dates import MONTH_PATTERN, MONTHS, YEAR_PATTERN, format_date, iso, precision
from quizgen.extract.common import (
    body_paragraphs,
    document_tag,
    provenance,
    sentences,
    slug,
    speech_starts,
)
from quizgen.models import Document, Item, Paragraph, Provenance

_M = MONTH_PATTERN
_Y = YEAR_PATTERN
_D = r"(?:[12]\d|3[01]|0?[1-9])"
# Words after which a bare year or a bare month names a time.
_TIME_WORDS = (
    r"(?:in|In|of|since|Since|until|Until|by|By|during|During|throughout|Throughout|early|late|"
    r"mid|end of|beginning of|spring of|summer of|fall of|autumn of|winter of|before|after|"
    r"from|From)"
)

_DATE = re.compile(
    rf"(?P<range>(?P<rd1>{_D})\s+(?P<rm1>{_M})\s+(?:to|and|until|–|-)\s+(?P<rd2>{_D})\s+(?P<rm2>{_M}),?\s+(?P<ry>{_Y}))"
    rf"|(?P<mdy>(?P<m1>{_M})\s+(?P<d1>{_D}),\s*(?P<y1>{_Y}))\b"
    rf"|(?P<dmy>\b(?P<d2>{_D})\s+(?P<m2>{_M}),?\s+(?P<y2>{_Y}))\b"
    rf"|(?P<my>(?P<m3>{_M}),?\s+(?P<y3>{_Y}))\b"
    rf"|(?P<md>(?<=[Oo]n )(?:the\s+)?(?P<m4>{_M})\s+(?P<d4>{_D}))\b(?![,\s]*\d)"
    rf"|\b{_TIME_WORDS}\s+(?P<m>(?P<m5>{_M}))\b(?!\s+(?:on\b|\d))"
    rf"|(?:\b{_TIME_WORDS}\s+|(?<=\[))(?P<yr>(?P<y6>{_Y})(?:-(?P<y6b>\d)(?!\d))?)(?![\d%]|\s*km)"
)


_MAIN_GROUPS = ("range", "mdy", "dmy", "my", "md", "m", "yr")


@dataclass(frozen=True)
class DateMention:
    """A date found in a paragraph: its ISO form and where it is written."""

    iso: str
    start: int
    end: int


def find_dates(text: str) -> list[DateMention]:
    """Every date in a paragraph of prose, in order, each as precise as the text says."""
    mentions: list[DateMention] = []
    year: int | None = None  # the last year written so far, for dates that leave it out
    for match in _DATE.finditer(text):
        found: list[str | None] = []
        if match["range"]:
            y = int(match["ry"])
            found = [iso(y, MONTHS[match["rm1"].lower()], int(match["rd1"])),
                     iso(y, MONTHS[match["rm2"].lower()], int(match["rd2"]))]
        elif match["mdy"]:
            found = [iso(int(match["y1"]), MONTHS[match["m1"].lower()], int(match["d1"]))]
        elif match["dmy"]:
            found = [iso(int(match["y2"]), MONTHS[match["m2"].lower()], int(match["d2"]))]
        elif match["my"]:
            found = [iso(int(match["y3"]), MONTHS[match["m3"].lower()])]
        elif match["md"] and year is not None:
            found = [iso(year, MONTHS[match["m4"].lower()], int(match["d4"]))]
        elif match["m"] and year is not None:
            found = [iso(year, MONTHS[match["m5"].lower()])]
        elif match["yr"]:
            first = int(match["y6"])
            found = [iso(first)]
            if match["y6b"]:  # "1988-9": the years 1988 and 1989
                second = first // 10 * 10 + int(match["y6b"])
                found.append(iso(second) if second > first else None)
        group = next(name for name in _MAIN_GROUPS if match[name])
        for date in found:
            if date is not None:
                mentions.append(DateMention(date, match.start(group), match.end(group)))
                year = int(date[:4])
    return mentions


def extract_dates(document: Document) -> list[Item]:
    """The document's own date and every dated event in its body."""
    items: list[Item] = []
    if document.date:
        items.append(_document_date_item(document))
    speech = speech_starts(document)
    for paragraph in body_paragraphs(document):
        if _is_date_line(paragraph.text):
            continue  # "Kremlin, 14 March 1985": the document's own date again
        mentions = [
            mention for mention in find_dates(paragraph.text)
            if not (mention.iso == document.date and _HEADER_LINE.match(paragraph.text))
        ]
        if not mentions:
            continue
        spans = list(sentences(paragraph.text))
        seen: set[str] = set()
        for mention in mentions:
            if mention.iso in seen:
                continue
            start, end = next(
                ((s, e) for s, e in spans if s <= mention.start < e), (0, len(paragraph.text))
            )
            # "GROMYKO: We underestimated ...": the event is the speech, not the label.
            start = max(start, min(speech.get(paragraph.index, 0), mention.start))
            sentence = paragraph.text[start:end]
            if _is_citation(sentence):
                continue
            event = _event(paragraph.text, start, end, mention, mentions)
            if len(event.split()) < 3:
                continue  # "the rest": nothing a student could date without the source
            seen.add(mention.iso)
            items.append(_event_item(document, paragraph, start, end, mention.iso, event, sentence))
    return items


# "DATE, TIME AND PLACE: December 8, 1987, ...": a memorandum's header, not an event.
_HEADER_LINE = re.compile(r"^[A-Z][A-Z ,]+:")


def _is_date_line(text: str) -> bool:
    """A line that is only a place and a date, or only a date."""
    return len(text) < 40 and len(find_dates(text)) == 1 and not re.search(r"\b[a-z]{4,}\b", text)


def _is_citation(sentence: str) -> bool:
    """'See The Washington Post, 8 June 1988, p. A22.': a reference, not an event."""
    sentence = re.sub(r"^\[\d+\]\s*", "", sentence)  # a footnote's number
    return bool(re.match(r"See\b|Cf\.|Source:", sentence)) or bool(
        re.search(r"\bPress,\s+\d{4}\b", sentence)
    )


# The words that tie a date to its sentence ("on", "in the fall of", "between").
_TIE_BEFORE = re.compile(
    r"(?:\b(?:on|On|in|In|of|by|By|since|Since|until|Until|from|From|between|Between|during|"
    r"throughout|Throughout|early|late|and|to|the|The|spring of|summer of|fall of|autumn of|"
    r"winter of|end of|beginning of|Beginning|beginning)\s+)+$"
)
_NOUN_OF = re.compile(r"((?:the\s+)?(?:[A-Z][\w-]*\s+){1,5})of\s+$")


def _event(text: str, start: int, end: int, mention: DateMention, others: list[DateMention]) -> str:
    """A short description of what happened, taken from the sentence: the clause
    holding the date, with the sentence's dates and the words tying them taken out.
    A date that qualifies a name ("the Geneva Accords of 14 April 1988") gives the name."""
    before = text[max(start, mention.start - 80):mention.start]
    named = _NOUN_OF.search(before)
    if named:
        return named[1].strip()[:1].upper() + named[1].strip()[1:]
    # Two clauses joined by ", and" or ";" are two events: keep the date's own.
    base = start
    for joint in re.finditer(r",\s+and\s+|;\s+", text[base:end]):
        cut = base + joint.start()
        if cut < mention.start:
            start = base + joint.end()
        elif cut >= mention.end:
            end = cut
            break
    pieces = []
    position = start
    for other in others:
        if start <= other.start < end and other.start >= position:
            head = text[position:other.start]
            pieces.append(_TIE_BEFORE.sub("", head))
            position = other.end
    pieces.append(text[position:end])
    sentence = " ".join(" ".join(pieces).split())
    sentence = re.sub(r"^\[\d+\]\s*", "", sentence)  # a footnote's number
    sentence = re.sub(r"\s*[\[(]\s*[\])]|\s+(?=[,.;:])", "", sentence)
    sentence = re.sub(r"^(?:[,;:]\s*)+|,\s*,", "", sentence).strip(" .,;:")
    words = sentence.split()
    if len(words) > 25:
        # Keep the words nearest the date: they say what happened then. The start of
        # a long sentence is often a preamble ("Understanding that ...").
        words_before = len(text[start:mention.start].split())
        if words_before > 20:
            kept = words[words_before - 18:words_before + 6]
            return "… " + " ".join(kept).rstrip(" .,;:") + " …"
        first_words = " ".join(words[:25])
        comma = first_words.rfind(", ", 40)
        sentence = (first_words[:comma] if comma > 0 else first_words) + " …"
    return sentence[:1].upper() + sentence[1:]


def _precision_words(iso_date: str) -> str:
    return {"day": "day, month and year", "month": "month and year", "year": "year"}[
        precision(iso_date)
    ]


def _event_item(
    document: Document, paragraph: Paragraph, start: int, end: int, date: str, event: str,
    sentence: str,
) -> Item:
    return Item(
        id=f"date-{document_tag(document)}-{date}-{slug(event, 4)}",
        type="date",
        prompt=f"When did this happen ({_precision_words(date)})? {event}",
        answer=format_date(date),
        source=provenance(document, paragraph, start, end),
        origin="rule:dates",
        date=date,
        event=event,
        context=sentence,
        tags=(document_tag(document), "date"),
    )


def _document_date_item(document: Document) -> Item:
    assert document.date is not None
    title = " ".join(document.title.split())
    header = document.paragraphs[0] if document.paragraphs else None
    return Item(
        id=f"date-{document_tag(document)}-document",
        type="date",
        prompt=f"What is the date of this document ({_precision_words(document.date)})? {title}",
        answer=format_date(document.date),
        source=Provenance(document.id, header.index if header else None,
                          (header.start, header.end) if header else None),
        origin="rule:dates",
        date=document.date,
        event=title,
        context=document.summary,
        tags=(document_tag(document), "date", "document-date"),
    )

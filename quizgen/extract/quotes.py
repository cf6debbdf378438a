"""Who said what: quotable sentences from speaker turns, a document's author, and
quotations attributed in prose ("..., recalled Vadim Zagladin", "Kalinovsky writes:").

A quote is always an exact slice of one paragraph's clean text, so it is verbatim
in the cited paragraph; turn quotes come from inside a turn of the named speaker
and never include the speaker label. A speaker the registry cannot resolve gives
no quote: nothing here guesses who someone is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from quizgen.extract.common import (
    body_paragraphs,
    context_window,
    document_tag,
    footnote_paragraphs,
    provenance,
    rules,
    sentences,
    slug,
    speech_starts,
    word_count,
)
from quizgen.models import Document, Item, Paragraph, Person
from quizgen.people import PeopleRegistry

_OPEN = "\"“"
_CLOSE = "\"”"
_STOPWORDS = frozenset(
    """a an the and or but of to in on at by for with from as is are was were be been being it its
    this that these those we you i he she they them our your their my his her not no yes will would
    can could should shall must may might have has had do does did there here which who whom what
    when where how all any some such so than then too very also only just more most much many one
    about into over under again further once both each other same own out up down off""".split()
)


def extract_quotes(document: Document, people: PeopleRegistry) -> list[Item]:
    """Every quote item of one document."""
    found: list[tuple[Paragraph, int, int, Person, str]] = []
    in_turns = {index for turn in document.turns for index in turn.paragraphs}
    speech = speech_starts(document)
    for turn in document.turns:
        person = people.get(turn.speaker) if turn.speaker else None
        if person is None:
            continue  # an unknown label: its words are nobody's we can name
        for index in turn.paragraphs:
            paragraph = document.paragraphs[index]
            skip = speech.get(index, 0)
            for start, end in _best_sentences(paragraph.text, skip, reported=False):
                found.append((paragraph, start, end, person, "said"))
    author = people.resolve(document.author) if document.author else None
    if author is not None and not document.turns:
        notes = footnote_paragraphs(document)
        for paragraph in body_paragraphs(document):
            if paragraph.index not in notes and "\n" not in paragraph.text:
                for start, end in _best_sentences(paragraph.text, 0, allow_quotation=False):
                    found.append((paragraph, start, end, author, "wrote"))
    prose = [p for p in body_paragraphs(document) if p.index not in in_turns]
    found += _attributed(prose, people)
    items: list[Item] = []
    seen: set[str] = set()
    for paragraph, start, end, person, verb in found:
        quote = paragraph.text[start:end]
        if quote in seen:
            continue
        seen.add(quote)
        items.append(_item(document, paragraph, start, end, person, verb))
    return items


def _item(
    document: Document, paragraph: Paragraph, start: int, end: int, person: Person, verb: str
) -> Item:
    quote = paragraph.text[start:end]
    return Item(
        id=f"quote-{document_tag(document)}-{slug(quote)}",
        type="quote",
        prompt=f"Who {verb}: \u201c{quote}\u201d?",
        answer=person.name,
        source=provenance(document, paragraph, start, end),
        origin="rule:quotes",
        quote=quote,
        speaker=person.name,
        context=context_window(paragraph.text, start, end),
        tags=(document_tag(document), person.id, "quote"),
    )


# --- quotable sentences -------------------------------------------------------------


# "Reagan said to me: "...": a speaker passing on someone else's words.
_REPORTED = re.compile(r"[:,]\s*[\"“]")


def _best_sentences(
    text: str, skip: int, allow_quotation: bool = True, reported: bool = True
) -> list[tuple[int, int]]:
    """The most distinctive quotable sentences of a paragraph, in text order.
    Without `reported`, a sentence reporting someone else's words is left out."""
    config = rules()["quotes"]
    scored = []
    spans = list(sentences(text[skip:]))
    keep = max(config["per_paragraph"], len(spans) // config["per_sentences"])
    for start, end in spans:
        start, end = start + skip, end + skip
        sentence = text[start:end]
        if not allow_quotation and any(mark in sentence for mark in _OPEN + "”"):
            continue  # a document quoting someone else: not its author's words
        if not reported and _REPORTED.search(sentence):
            continue  # the quotation inside is another person's words
        if _quotable(sentence):
            scored.append((_distinctiveness(sentence), start, end))
    best = sorted(scored, key=lambda entry: (-entry[0], entry[1]))[:keep]
    return sorted((start, end) for _, start, end in best)


def _quotable(sentence: str) -> bool:
    """Self-contained, the right length, not a courtesy, ending like a sentence."""
    config = rules()["quotes"]
    lower = sentence.casefold()
    if not config["min_words"] <= word_count(sentence) <= config["max_words"]:
        return False
    if not re.search(r"[.!?][\"”’)\]]*$", sentence) or sentence[0].islower():
        return False
    if sentence.isupper():
        return False  # a cable's all-capital line: a heading or telegraphese, not a quote
    opener = lower.lstrip("\"“").replace("’", "'")
    for word in config["dangling_openers"]:
        if opener.startswith(word) and not opener[len(word):len(word) + 1].isalnum():
            return False
    if opener.startswith(("it ", "it's ")) and not any(
        opener.startswith(phrase) for phrase in config["it_openers"]
    ):
        return False
    if any(marker in lower for marker in config["courtesy"] + config["unsure"]):
        return False
    return _balanced(sentence)


def _balanced(text: str) -> bool:
    return (
        text.count('"') % 2 == 0
        and text.count("“") == text.count("”")
        and text.count("(") == text.count(")")
        and text.count("[") == text.count("]")
    )


def _distinctiveness(sentence: str) -> int:
    """Distinct content words, names counting double: a rough measure of how memorable."""
    words = re.findall(r"[A-Za-z][\w’'-]+", sentence)
    content = {w.casefold() for w in words if w.casefold() not in _STOPWORDS and len(w) > 3}
    names = {w for w in words[1:] if w[0].isupper()}
    return len(content) + len(names)


# --- quotations attributed in prose ----------------------------------------------------


def _verbs() -> str:
    return "|".join(sorted(rules()["quotes"]["reporting_verbs"], key=len, reverse=True))


_NAME = r"[A-Z][\w’'.-]*(?:\s+(?:de\s+)?[A-Z][\w’'.-]*){0,3}"


def _attributed(
    paragraphs: list[Paragraph], people: PeopleRegistry
) -> list[tuple[Paragraph, int, int, Person, str]]:
    verbs = _verbs()
    # "Q," recalled Vadim Zagladin. "Q2"   or   "Q," Vadim Zagladin recalled.
    after = re.compile(
        rf"[\"“](?P<q>[^\"“”]+?)[,.!?]?[\"”],?\s+(?:(?P<verb1>{verbs})\s+(?P<name1>{_NAME})"
        rf"|(?P<name2>{_NAME})\s+(?P<verb2>{verbs}))\b[.,]?"
        rf"(?:\s+[\"“](?P<q2>[^\"“”]+)[\"”])?"
    )
    # Gromov said that his words were directed at "Q"   /   X, deputy chief, later wrote that ...: "Q"
    before = re.compile(rf"\b(?P<verb>{verbs})\b(?P<gap>[^.!?\"“”]*?)[\"“](?P<q>[^\"“”]+)[\"”]")
    # A paragraph ending "Kalinovsky writes:" introduces the next one as a quotation.
    block = re.compile(rf"(?:^|[.!?]\s+)(?P<name>[^.!?:]{{2,80}}?)\s+(?P<verb>{verbs}|write):$")
    found = []
    for number, paragraph in enumerate(paragraphs):
        text = paragraph.text
        for match in after.finditer(text):
            person = people.resolve(match["name1"] or match["name2"])
            if person is None:
                continue
            verb = match["verb1"] or match["verb2"]
            for group in ("q", "q2"):
                if match[group] and _quote_length_ok(match[group]):
                    found.append((paragraph, match.start(group), match.end(group), person, _past(verb)))
        for match in before.finditer(text):
            person = _subject(text, match.start("verb"), people)
            if person is not None and _quote_length_ok(match["q"]):
                found.append((paragraph, match.start("q"), match.end("q"), person, _past(match["verb"])))
        intro = block.search(text)
        if intro and number + 1 < len(paragraphs):
            person = people.resolve(intro["name"].strip())
            following = paragraphs[number + 1]
            if person is not None and following.index == paragraph.index + 1:
                for start, end in _block_sentences(following.text):
                    found.append((following, start, end, person, "wrote"))
    return found


def _quote_length_ok(quote: str) -> bool:
    config = rules()["quotes"]
    return config["min_words"] <= word_count(quote) <= config["max_words"]


def _past(verb: str) -> str:
    """The reporting verb for the prompt: 'Who wrote: ...?' or 'Who said: ...?'."""
    return "wrote" if verb.startswith("writ") or verb == "wrote" else "said"


_ADVERBS = re.compile(r"\s+(?:later|also|once|then|subsequently|famously|himself|herself)$")


def _subject(text: str, verb_start: int, people: PeopleRegistry) -> Person | None:
    """The person just before a reporting verb: 'Gromov said', 'X, deputy chief of Y, later wrote'."""
    stop = text.rfind(". ", 0, verb_start)
    clause_start = stop + 2 if stop >= 0 else 0
    before = _ADVERBS.sub("", text[clause_start:verb_start].rstrip())
    parts = [part.strip() for part in before.split(",")]
    parts = [part for part in parts if part]
    if not parts:
        return None
    person = people.resolve(parts[-1])
    if person is not None and len(parts[-1].split()) <= 4:
        return person
    # "Name, a lowercase apposition," before the verb.
    if len(parts) >= 2 and all(part[0].islower() for part in parts[1:]):
        candidate = parts[0].split(" ")
        return people.resolve(parts[0]) if len(candidate) <= 4 else None
    return None


def _block_sentences(text: str) -> Iterator[tuple[int, int]]:
    """Quotable sentences of a block quotation, cut before a long quotation it embeds."""
    for start, end in sentences(text):
        sentence = text[start:end]
        embedded = re.search(r":?\s*[\"“](?=(?:[^\"“”]*\s){7})", sentence)
        if embedded:
            end = start + embedded.start()
            sentence = text[start:end]
        cut = sentence.rstrip(" :,;")
        end = start + len(cut)
        if cut and _quote_length_ok(cut) and _balanced(cut) and cut[0].isupper():
            yield start, end

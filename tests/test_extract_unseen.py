"""The rules on documents nobody labelled: another archive record with a speaker
the registry does not know, a US memorandum of conversation, and a file with
CRLF line endings and a byte-order mark."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizgen.documents import parse_document
from quizgen.extract import extract_corpus
from quizgen.verify import verify_items

UNSEEN = Path(__file__).resolve().parent / "fixtures" / "unseen"


@pytest.fixture(scope="module")
def unseen(sources):
    documents = {}
    for path in sorted(UNSEEN.glob("*.txt")):
        document = parse_document(path, sources.people)
        documents[document.id] = document
    return documents


@pytest.fixture(scope="module")
def items(unseen, sources):
    return extract_corpus(unseen, sources.people)


def test_no_crash_and_items_verify(unseen, items, sources) -> None:
    assert len(unseen) == 3 and items
    assert [str(p) for p in verify_items(items, unseen, sources.people)] == []


def test_no_invented_speakers(unseen, items, sources) -> None:
    record = unseen["1989-02-10_record-new-speakers"]
    unknown = [turn for turn in record.turns if not turn.speaker]
    assert [turn.label for turn in unknown] == ["Y. M. VORONTSOV"]
    unknown_paragraphs = {index for turn in unknown for index in turn.paragraphs}
    quotes = [item for item in items if item.type == "quote"]
    assert quotes
    for item in quotes:
        assert item.speaker in sources.people.names()
        if item.source.document == record.id:
            assert item.source.paragraph not in unknown_paragraphs
    assert not any("Vorontsov" in item.answer for item in items)


def test_dates_found_without_false_ones(items) -> None:
    found = {(item.source.document, item.date) for item in items if item.type == "date"}
    assert found == {
        ("1987-12-08_us-memcon", "1987-12-08"),  # the memorandum's date
        ("1987-12-08_us-memcon", "1988"),  # "in the spring of 1988"
        ("1988-03-03_record-crlf-bom", "1988-03-03"),
        ("1988-03-03_record-crlf-bom", "1988-05-15"),
        ("1989-02-10_record-new-speakers", "1989-02-10"),
        ("1989-02-10_record-new-speakers", "1989-02-15"),
        ("1989-02-10_record-new-speakers", "1989"),  # "before the end of 1989"
        ("1989-02-10_record-new-speakers", "1988-04-14"),  # the footnote
    }


def test_acronyms_found(items) -> None:
    acronyms = {
        (item.term, item.definition) for item in items if "acronym" in item.tags
    }
    assert acronyms == {
        ("SDI", "Strategic Defense Initiative"),
        ("INF", "Intermediate-Range Nuclear Forces"),
        ("DRA", "Democratic Republic of Afghanistan"),
        ("OIC", "Organization of the Islamic Conference"),
        ("UNGOMAP", "United Nations Good Offices Mission in Afghanistan and Pakistan"),
    }


def test_crlf_and_bom_spans_map_to_the_file(unseen, items) -> None:
    document = unseen["1988-03-03_record-crlf-bom"]
    quotes = [item for item in items if item.source.document == document.id and item.type == "quote"]
    assert {item.speaker for item in quotes} == {"Mikhail Gorbachev", "Najibullah"}
    for item in quotes:
        start, end = item.source.span
        assert " ".join(document.text[start:end].split()) == item.quote
        assert "\r" not in item.quote and not re.search(r"GORBACHEV|NAJIBULLAH\.", item.quote)


# --- more shapes: bare unknown labels, colon-labelled minutes and memoranda, a cable ---

SHAPES = Path(__file__).resolve().parent / "fixtures" / "documents"
SHAPE_FILES = (
    "1985-03-20_archive-page-unknown-label.txt",
    "1986-11-13_politburo-colon-labels.txt",
    "1987-10-15_notes-unknown-bare-label.txt",
    "1987-12-10_us-memcon-dialogue.txt",
    "1988-03-03_crlf-bom-unknown-label.txt",
    "1988-05-20_cable-numbered.txt",
    "encyclopedia_test-article.txt",
    "one-line.txt",
    "blank-lines.txt",
)


@pytest.fixture(scope="module")
def shapes(sources):
    documents = [parse_document(SHAPES / name, sources.people) for name in SHAPE_FILES]
    return {document.id: document for document in documents}


@pytest.fixture(scope="module")
def shape_items(shapes, sources):
    return extract_corpus(shapes, sources.people)


def test_shapes_items_verify(shapes, shape_items, sources) -> None:
    assert [str(p) for p in verify_items(shape_items, shapes, sources.people)] == []


def test_shapes_quotes_never_from_unknown_or_reported_speech(shapes, shape_items, sources) -> None:
    quotes = [item for item in shape_items if item.type == "quote"]
    for item in quotes:
        document = shapes[item.source.document]
        turn = document.turn_of(item.source.paragraph)
        if document.turns:
            assert turn is not None and turn.speaker == item.speaker, item.quote
        assert not item.quote.startswith("("), item.quote  # a stage direction is not speech
        assert not item.quote.isupper(), item.quote
    said = {(item.source.document, item.quote) for item in quotes}
    # Words of YAKOVLEV, ZAMYATIN, DOSTUM, RYZHKOV, "The President" and MR. POWELL are nobody's.
    for words in ("saying the same thing", "Soviet press", "hold the north", "economy cannot",
                  "date for the withdrawal", "between the two delegations"):
        assert not any(words in quote for _, quote in said), words
    # Gorbachev passing on Reagan's words: neither man is quoted with them.
    assert not any("leave our friends without help" in quote for _, quote in said)
    assert ("1986-11-13_politburo-colon-labels",
            "We underestimated the difficulties when we agreed to send the troops in December 1979.") in said
    assert ("1987-12-10_us-memcon-dialogue",
            "The Geneva talks could settle the timetable by March 1988 if both sides want it.") in said


def test_shapes_dates(shape_items) -> None:
    found = {(item.source.document, item.date) for item in shape_items if item.type == "date"}
    assert found == {
        ("1985-03-20_archive-page-unknown-label", "1985-03-20"),
        ("1985-03-20_archive-page-unknown-label", "1985"),  # "in the spring of 1985"
        ("1986-11-13_politburo-colon-labels", "1986-11-13"),
        ("1986-11-13_politburo-colon-labels", "1979-12"),
        ("1986-11-13_politburo-colon-labels", "1987"),
        ("1987-10-15_notes-unknown-bare-label", "1987-10-15"),
        ("1987-10-15_notes-unknown-bare-label", "1988-05"),
        ("1987-10-15_notes-unknown-bare-label", "1987"),
        ("1987-10-15_notes-unknown-bare-label", "1985"),
        ("1987-12-10_us-memcon-dialogue", "1987-12-10"),
        ("1987-12-10_us-memcon-dialogue", "1988-03"),
        ("1988-03-03_crlf-bom-unknown-label", "1988-03-03"),
        ("1988-03-03_crlf-bom-unknown-label", "1988-05-15"),
        ("1988-03-03_crlf-bom-unknown-label", "1989-02"),
        ("1988-03-03_crlf-bom-unknown-label", "1988"),
        ("1988-05-20_cable-numbered", "1988-04-14"),
        ("1988-05-20_cable-numbered", "1988-08-15"),
        # "and the rest by February 15, 1989" leaves "The rest" as its event: not askable.
        ("encyclopedia_test-article", "1978"),
        ("encyclopedia_test-article", "1980"),
        ("encyclopedia_test-article", "1986"),
        ("encyclopedia_test-article", "1989"),  # "in the spring of 1989", not "March on Kabul"
        ("encyclopedia_test-article", "1989-02-15"),
        ("one-line", "1988-05-05"),
    }
    # Deliberately not dates: "(1979–1989)" and "(1988)" (a parenthetical year is as
    # often a book's as an event's), "the 1980s", "p. 305", "1,500 troops", "may leave".
    events = [item.event for item in shape_items if item.type == "date"]
    assert not any(re.match(r"[A-Z ]+:", event) for event in events)  # no speaker label


def test_shapes_acronyms(shape_items) -> None:
    acronyms = {(item.term, item.definition) for item in shape_items if "acronym" in item.tags}
    assert acronyms == {
        ("PDPA", "People's Democratic Party of Afghanistan"),
        ("DRA", "Democratic Republic of Afghanistan"),
        ("UNGOMAP", "United Nations Good Offices Mission in Afghanistan and Pakistan"),
        ("ISI", "Inter-Services Intelligence"),  # SF (Long) with a hyphenated word
    }
    # KhAD [State Information Services] and Committee for State Security (KGB) abbreviate
    # Russian or Dari words: their letters do not match, so they are not proposed.


def test_a_participants_line_is_not_a_role_description(sources) -> None:
    document = parse_document(SHAPES / "1987-12-09_memcon-participants-line.txt", sources.people)
    people = [item for item in extract_corpus({document.id: document}, sources.people, {"people"})]
    assert {(item.prompt, item.answer) for item in people} == {
        ("Who was United States Secretary of State in December 1987?", "George Shultz"),
        ("Who was General Secretary of the Central Committee of the CPSU in December 1987?",
         "Mikhail Gorbachev"),
        ("Who was Minister of Foreign Affairs of the USSR in December 1987?", "Eduard Shevardnadze"),
    }
    assert verify_items(people, {document.id: document}, sources.people) == []

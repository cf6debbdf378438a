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

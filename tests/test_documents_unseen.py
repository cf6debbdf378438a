"""The parser on documents it was not built from: it must not crash or invent speakers."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.build import Sources
from quizgen.documents import parse_document
from quizgen.errors import QuizgenError
from quizgen.report import turn_text

FIXTURES = Path(__file__).parent / "fixtures" / "documents"


def parse(name: str, sources: Sources):
    return parse_document(FIXTURES / name, sources.people)


def test_unknown_label_opens_a_turn_without_a_speaker(sources: Sources) -> None:
    document = parse("1989-01-05_record-unknown-speaker.txt", sources)
    assert document.date == "1989-01-05"
    assert document.kind == "record of conversation"
    assert [t.speaker for t in document.turns] == [
        "Eduard Shevardnadze", "Vladimir Kryuchkov", "", "Eduard Shevardnadze",
    ]
    assert document.unknown_labels == ("Y. M. VORONTSOV",)
    unknown = document.turns[2]
    # Its two paragraphs belong to it, not to the previous speaker.
    assert len(unknown.paragraphs) == 2
    assert document.speaker_counts() == {"Eduard Shevardnadze": 2, "Vladimir Kryuchkov": 1, "": 1}
    last = document.turns[3]
    assert last.label == "E. A. SHEVARDNADZE"
    assert turn_text(document, last.paragraphs, last.label_length).startswith("(laughs)")
    assert [(n.number, n.referenced_in) for n in document.footnotes] == [("1", (document.turns[0].paragraphs[0],))]
    assert document.translator == "A. Tester"


def test_us_memorandum_falls_back_to_plain_paragraphs(sources: Sources) -> None:
    document = parse("1987-12-08_us-memorandum-of-conversation.txt", sources)
    assert document.format == "plain"
    assert document.turns == ()
    assert document.title == "MEMORANDUM OF CONVERSATION"
    assert document.date == "1987-12-08"
    assert len(document.paragraphs) == 7


def test_windows_line_endings_and_byte_order_mark(sources: Sources) -> None:
    crlf = parse("1987-12-09_reagan-crlf-bom.txt", sources)
    original = sources.documents["1987-12-09_gorbachev-reagan-on-afghanistan"]
    assert crlf.date == original.date and crlf.title == original.title
    assert [p.text for p in crlf.paragraphs] == [p.text for p in original.paragraphs]
    assert [(t.speaker, t.paragraphs) for t in crlf.turns] == [
        (t.speaker, t.paragraphs) for t in original.turns
    ]
    for paragraph in crlf.paragraphs:
        for char, offset in zip(paragraph.text, paragraph.offsets):
            if not char.isspace():
                assert crlf.text[offset] == char


def test_empty_file_is_an_empty_document(sources: Sources) -> None:
    document = parse("empty.txt", sources)
    assert document.paragraphs == () and document.turns == ()


def test_non_utf8_file_is_one_clear_error(sources: Sources) -> None:
    with pytest.raises(QuizgenError) as error:
        parse("latin1.txt", sources)
    assert "latin1.txt" in error.value.message and "not UTF-8" in error.value.message


def test_hyphenated_initials_and_a_short_reply_open_turns(sources: Sources) -> None:
    document = parse("1989-01-05_hyphenated-initials.txt", sources)
    assert [(t.label, t.speaker) for t in document.turns] == [
        ("H.-D. GENSCHER", ""),
        ("Eh. A. SHEVARDNADZE", "Eduard Shevardnadze"),
        ("K. SCHMIDT", ""),
        ("Eh. A. SHEVARDNADZE", "Eduard Shevardnadze"),
        ("H.-D. GENSCHER", ""),  # "Agreed." is short, but initials make it a speaker
    ]
    assert document.unknown_labels == ("H.-D. GENSCHER", "K. SCHMIDT")
    shevardnadze = [i for t in document.turns if t.speaker for i in t.paragraphs]
    assert not any("Agreed" in document.paragraphs[i].text for i in shevardnadze)

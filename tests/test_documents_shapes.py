"""The parser on more shapes of document it was not built from: bare surname labels
the registry does not know, colon-labelled minutes and memoranda, a cable, odd files."""

from __future__ import annotations

import random
from pathlib import Path

from quizgen.build import Sources
from quizgen.documents import parse_document
from quizgen.models import Document
from quizgen.report import turn_text

FIXTURES = Path(__file__).parent / "fixtures" / "documents"


def parse(name: str, sources: Sources) -> Document:
    return parse_document(FIXTURES / name, sources.people)


def words_of(document: Document, speaker: str) -> str:
    return " ".join(
        turn_text(document, turn.paragraphs, turn.label_length)
        for turn in document.turns if turn.speaker == speaker
    )


def test_unknown_bare_surname_opens_its_own_turn(sources: Sources) -> None:
    document = parse("1987-10-15_notes-unknown-bare-label.txt", sources)
    assert [t.speaker for t in document.turns] == [
        "Anatoly Chernyaev", "Vladimir Kryuchkov", "", "Anatoly Chernyaev",
    ]
    assert document.unknown_labels == ("YAKOVLEV",)
    # YAKOVLEV's two paragraphs are not Kryuchkov's words.
    assert len(document.turns[2].paragraphs) == 2
    assert "saying the same thing since 1985" not in words_of(document, "Vladimir Kryuchkov")
    assert "how fast the troops can leave" not in words_of(document, "Vladimir Kryuchkov")


def test_unknown_bare_surname_in_an_archive_page_and_a_crlf_record(sources: Sources) -> None:
    page = parse("1985-03-20_archive-page-unknown-label.txt", sources)
    assert page.format == "archive-page"
    assert [t.speaker for t in page.turns] == [
        "Babrak Karmal", "Konstantin Chernenko", "", "Babrak Karmal",
    ]
    assert page.unknown_labels == ("ZAMYATIN",)
    assert "Soviet press" not in words_of(page, "Konstantin Chernenko")
    crlf = parse("1988-03-03_crlf-bom-unknown-label.txt", sources)
    assert crlf.unknown_labels == ("DOSTUM",)
    assert "north" not in words_of(crlf, "Najibullah")
    assert not crlf.text.startswith("\ufeff") and crlf.paragraphs[0].text == "March 3, 1988"


def test_politburo_minutes_with_colon_labels_have_turns(sources: Sources) -> None:
    document = parse("1986-11-13_politburo-colon-labels.txt", sources)
    assert document.format == "plain" and document.kind == "minutes"
    assert document.date == "1986-11-13"
    assert [t.speaker for t in document.turns] == [
        "Mikhail Gorbachev", "", "Andrei Gromyko", "Mikhail Gorbachev",
    ]
    assert document.unknown_labels == ("RYZHKOV",)
    assert len(document.turns[0].paragraphs) == 2  # an unlabelled paragraph continues the turn
    last = document.turns[-1]
    assert last.label == "GORBACHEV"
    assert turn_text(document, last.paragraphs, last.label_length).startswith("(summing up):")
    assert "economy" not in words_of(document, "Mikhail Gorbachev")


def test_us_memorandum_dialogue_resolves_titles_and_never_guesses(sources: Sources) -> None:
    document = parse("1987-12-10_us-memcon-dialogue.txt", sources)
    assert document.kind == "memorandum of conversation"
    assert document.date == "1987-12-10"
    assert [t.speaker for t in document.turns] == [
        "", "Mikhail Gorbachev", "George Shultz", "Mikhail Gorbachev", "Eduard Shevardnadze", "",
    ]
    # "The President" could be anyone's president: it is reported, not guessed.
    assert document.unknown_labels == ("The President", "MR. POWELL")
    # The header lines (SUBJECT:, PARTICIPANTS:, DATE, TIME AND PLACE:) are no turns.
    assert document.turns[0].paragraphs[0] == 4


def test_one_known_colon_speaker_is_no_dialogue(sources: Sources) -> None:
    document = parse("1987-12-08_us-memorandum-of-conversation.txt", sources)
    assert document.turns == () and document.unknown_labels == ()


def test_cable_date_and_title_are_not_taken_from_its_body(sources: Sources) -> None:
    document = parse("1988-05-20_cable-numbered.txt", sources)
    assert document.date is None  # "the Geneva Accords of 14 April 1988" is an event
    assert document.title == "SOVIET WITHDRAWAL FROM AFGHANISTAN: FIRST WEEK (TEST CABLE)"
    assert document.kind == "cable"
    assert document.turns == () and document.unknown_labels == ()
    assert document.author == "George Shultz"


def test_a_date_in_a_sentence_is_not_the_document_date(sources: Sources) -> None:
    document = parse("one-line.txt", sources)
    assert document.date is None and len(document.paragraphs) == 1
    assert document.paragraphs[0].text.endswith("5 May 1988")


def test_blank_lines_only(sources: Sources) -> None:
    document = parse("blank-lines.txt", sources)
    assert document.paragraphs == () and document.turns == () and document.date is None


def test_random_valid_utf8_does_not_crash(sources: Sources, tmp_path: Path) -> None:
    generator = random.Random(7)
    alphabet = [chr(c) for c in [*range(0x20, 0x7F), *range(0xA0, 0x2000)]]
    alphabet += ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\ufeff", "\u200b", "\x00", "\r", "\n"]
    for number in range(5):
        path = tmp_path / f"noise-{number}.txt"
        path.write_text("".join(generator.choice(alphabet) for _ in range(5000)), "utf-8")
        document = parse_document(path, sources.people)
        for paragraph in document.paragraphs:
            assert len(paragraph.offsets) == len(paragraph.text)
        for turn in document.turns:
            assert turn.speaker in ("", *sources.people.names())

"""The document parser against a hand-labelled gold file of the seeds."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from quizgen.build import Sources
from quizgen.models import Document
from quizgen.report import turn_text

GOLD = yaml.safe_load((Path(__file__).parent / "gold" / "documents.yaml").read_text("utf-8"))
SHARED_SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"


def doc(sources: Sources, doc_id: str) -> Document:
    return sources.documents[doc_id]


def test_the_five_seeds_are_parsed(sources: Sources) -> None:
    assert sorted(sources.documents) == sorted(GOLD)


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="the shared seed folder is not beside the repo")
def test_seeds_are_byte_for_byte_copies() -> None:
    repo_seeds = Path(__file__).resolve().parent.parent / "seeds"
    for original in SHARED_SEEDS.iterdir():
        copy = repo_seeds / original.name
        assert copy.is_file(), original.name
        assert hashlib.sha256(copy.read_bytes()).digest() == hashlib.sha256(original.read_bytes()).digest()


@pytest.mark.parametrize("doc_id", sorted(GOLD))
def test_metadata(sources: Sources, doc_id: str) -> None:
    gold, document = GOLD[doc_id], doc(sources, doc_id)
    assert document.date == gold["date"]
    assert document.kind == gold["kind"]
    assert document.format == gold["format"]
    assert document.title and "**" not in document.title
    if "author" in gold:
        assert document.author == gold["author"]


@pytest.mark.parametrize("doc_id", sorted(GOLD))
def test_speaker_turn_counts(sources: Sources, doc_id: str) -> None:
    assert doc(sources, doc_id).speaker_counts() == GOLD[doc_id]["speakers"]
    assert doc(sources, doc_id).unknown_labels == ()


@pytest.mark.parametrize("doc_id", sorted(GOLD))
def test_turns_in_order_with_their_words(sources: Sources, doc_id: str) -> None:
    document = doc(sources, doc_id)
    gold_turns = GOLD[doc_id]["turns"]
    assert len(document.turns) == len(gold_turns)
    for turn, (speaker, first_words, last_words) in zip(document.turns, gold_turns):
        text = turn_text(document, turn.paragraphs, turn.label_length)
        assert turn.speaker == speaker
        assert text.startswith(first_words), (speaker, text[:80])
        if last_words:
            assert text.endswith(last_words), (speaker, text[-80:])
        assert "GORBACHEV." not in text and "NAJIBULLAH." not in text


def test_stage_direction_is_not_part_of_the_label(sources: Sources) -> None:
    document = doc(sources, "1988-06-13_gorbachev-najibullah-conversation")
    laughs = [t for t in document.turns if "(Laughs)" in document.paragraphs[t.paragraphs[0]].text]
    assert len(laughs) == 1
    assert laughs[0].label == "M. S. GORBACHEV"
    assert turn_text(document, laughs[0].paragraphs, laughs[0].label_length).startswith("(Laughs)")


@pytest.mark.parametrize("doc_id", sorted(GOLD))
def test_footnotes_tied_to_their_marks(sources: Sources, doc_id: str) -> None:
    document = doc(sources, doc_id)
    gold_notes = GOLD[doc_id]["footnotes"]
    assert [note.number for note in document.footnotes] == [g["number"] for g in gold_notes]
    for note, gold in zip(document.footnotes, gold_notes):
        assert note.text.startswith(gold["starts"])
        assert len(note.referenced_in) == 1
        marked = document.paragraphs[note.referenced_in[0]]
        assert gold["marked_after"] in marked.text
        assert note.number in marked.footnote_refs


@pytest.mark.parametrize("doc_id", sorted(GOLD))
def test_no_markup_leaks_into_text(sources: Sources, doc_id: str) -> None:
    for paragraph in doc(sources, doc_id).paragraphs:
        for leak in ("**", "<sup>", "</sup>", "[\\[", "](#)", "\\["):
            assert leak not in paragraph.text, (paragraph.index, leak)
    # Editorial brackets are text, not footnote marks.
    body = " ".join(p.text for p in doc(sources, doc_id).paragraphs)
    if doc_id.startswith("1988"):
        assert "[podnaputali]" in body and "Gosudarstvo i Revolyutsiya [The State" in body


@pytest.mark.parametrize("doc_id", sorted(GOLD))
def test_page_breaks_rejoined(sources: Sources, doc_id: str) -> None:
    texts = [p.text for p in doc(sources, doc_id).paragraphs]
    for phrase in GOLD[doc_id]["rejoined"]:
        assert any(phrase in text for text in texts), phrase
    for end, start in GOLD[doc_id]["separate"]:
        ending = [i for i, text in enumerate(texts) if text.endswith(end)]
        assert ending and texts[ending[0] + 1].startswith(start)


@pytest.mark.parametrize("doc_id", sorted(GOLD))
def test_offsets_map_back_to_the_file(sources: Sources, doc_id: str) -> None:
    document = doc(sources, doc_id)
    for paragraph in document.paragraphs:
        assert len(paragraph.offsets) == len(paragraph.text)
        assert list(paragraph.offsets) == sorted(paragraph.offsets)
        for char, offset in zip(paragraph.text, paragraph.offsets):
            if not char.isspace():
                assert document.text[offset] == char
    # A span across a page break maps to a file span that contains the blank line.
    if doc_id.startswith("1988"):
        paragraph = next(p for p in document.paragraphs if "reconciliation in Afghanistan developed" in p.text)
        start = paragraph.text.index("reconciliation in Afghanistan")
        file_start, file_end = paragraph.file_span(start, start + len("reconciliation in Afghanistan"))
        assert document.text[file_start:file_end].split() == ["reconciliation", "in", "Afghanistan"]
        assert "\n\n" in document.text[file_start:file_end]


def test_provenance_recorded(sources: Sources) -> None:
    article = doc(sources, "encyclopedia_soviet-withdrawal-from-afghanistan")
    assert "CC BY-SA 4.0" in article.licence and "wikipedia.org" in article.url
    for doc_id, document in sources.documents.items():
        assert document.citation, doc_id
        assert document.licence, doc_id
        if not doc_id.startswith("encyclopedia"):
            assert document.translator, doc_id
            assert "Wilson Center Digital Archive" in document.archive
    assert doc(sources, "1988-06-13_gorbachev-najibullah-conversation").translator == "Gary Goldberg"
    assert doc(sources, "1985-03-14_gorbachev-karmal-conversation").translator == "Svetlana Savranskaya"
    assert doc(sources, "1988-06-13_gorbachev-najibullah-conversation").original_language == "Russian"

"""Acronym definitions in their three forms, and the curated glossary."""

from __future__ import annotations

import re

import pytest

from quizgen.extract.terms import extract_glossary, find_acronyms, glossary


@pytest.mark.parametrize(
    "text, short, long",
    [
        ("by the People's Democratic Party of Afghanistan (PDPA); the", "PDPA", "People's Democratic Party of Afghanistan"),
        ("the DRA (Democratic Republic of Afghanistan) leadership", "DRA", "Democratic Republic of Afghanistan"),
        ("the CC NDPA [National Democratic Party of Afghanistan], Chairman", "NDPA", "National Democratic Party of Afghanistan"),
        ("the Central Committee of the Communist Party of the Soviet Union (CC CPSU) decided", "CC CPSU", "Central Committee of the Communist Party of the Soviet Union"),
        ("The Intermediate-Range Nuclear Forces (INF) treaty", "INF", "Intermediate-Range Nuclear Forces"),
    ],
)
def test_three_forms(text: str, short: str, long: str) -> None:
    assert [(a.short, a.long) for a in find_acronyms(text)] == [(short, long)]


@pytest.mark.parametrize(
    "text",
    [
        "including military aircraft (MiG-27s) and Scud missiles",
        "the Hizb-i Watan (formerly known as the PDPA), and",
        "the USSR (i.e. withdrew the majority of its troops)",
        "(Kalinovsky 149)",
        "Gilani [Gailani] became spokesman",
        "a national-democratic [revolution], and",
    ],
)
def test_not_definitions(text: str) -> None:
    assert find_acronyms(text) == []


def test_every_glossary_term_occurs_in_the_seeds_and_is_cited_there(sources) -> None:
    documents = list(sources.documents.values())
    items = {item.term: item for item in extract_glossary(documents)}
    assert set(items) == {entry["term"] for entry in glossary()}
    for entry in glossary():
        item = items[entry["term"]]
        paragraph = sources.documents[item.source.document].paragraphs[item.source.paragraph]
        forms = [entry["term"], *entry.get("forms", [])]
        assert any(re.search(re.escape(form), paragraph.text, re.I) for form in forms)
        if entry.get("near"):
            assert entry["near"].casefold() in paragraph.text.casefold()
        assert item.definition and item.gloss == bool(entry.get("gloss", False))


def test_a_glossary_term_absent_from_the_documents_is_not_proposed(sources) -> None:
    cable = sources.documents["1979-12-27_soviet-circular-cable-on-afghanistan"]
    terms = {item.term for item in extract_glossary([cable])}
    assert "Durand Line" not in terms and "April Revolution" in terms

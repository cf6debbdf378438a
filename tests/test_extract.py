"""The extraction rules on the seed corpus: ids, provenance, verbatim quotes, the CLI."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from quizgen.build import Sources
from quizgen.cli import main
from quizgen.extract import RULE_FAMILIES, extract_corpus
from quizgen.extract.common import word_count
from quizgen.models import Role
from quizgen.people import held
from quizgen.verify import verify_items

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _items(sources: Sources, families: set[str] | None = None):
    return extract_corpus(sources.documents, sources.people, families)


def test_every_family_proposes_items(sources: Sources) -> None:
    items = _items(sources)
    origins = {item.origin for item in items}
    assert origins == {f"rule:{family}" for family in RULE_FAMILIES}
    assert {item.type for item in items} == {"quote", "date", "term", "person"}


def test_ids_are_unique_stable_and_from_content(sources: Sources) -> None:
    first = _items(sources)
    again = _items(sources)
    assert [item.id for item in first] == [item.id for item in again]
    ids = [item.id for item in first]
    assert len(ids) == len(set(ids))
    assert all(ID.match(item_id) for item_id in ids)
    # An item's id does not depend on which other documents are extracted with it.
    only = {"1988-06-13_gorbachev-najibullah-conversation"}
    alone = extract_corpus(
        {key: sources.documents[key] for key in only}, sources.people, {"quotes", "dates"}
    )
    assert {item.id for item in alone} <= set(ids)


def test_families_filter(sources: Sources) -> None:
    items = _items(sources, {"dates"})
    assert items and {item.origin for item in items} == {"rule:dates"}


def test_provenance_points_into_the_file(sources: Sources) -> None:
    for item in _items(sources):
        document = sources.documents[item.source.document]
        assert item.source.paragraph is not None and item.source.span is not None
        start, end = item.source.span
        assert 0 <= start < end <= len(document.text)


def test_quotes_are_verbatim_inside_a_turn_of_the_speaker(sources: Sources) -> None:
    names = set(sources.people.names())
    quotes = [item for item in _items(sources) if item.type == "quote"]
    assert len(quotes) > 50
    for item in quotes:
        document = sources.documents[item.source.document]
        paragraph = document.paragraphs[item.source.paragraph]
        assert item.quote in paragraph.text
        start, end = item.source.span
        # The file span holds the same words, give or take markup (*italics*, footnote marks).
        in_file = re.sub(r"\[\\\[\d+\\\]\]\(#\)|<sup>.*?</sup>|\*", "", document.text[start:end])
        assert " ".join(in_file.split()) == " ".join(item.quote.split())
        assert item.speaker in names and item.answer == item.speaker
        assert 8 <= word_count(item.quote) <= 45
        turn = document.turn_of(paragraph.index)
        if turn is not None:
            assert turn.speaker == item.speaker
            if paragraph.index == turn.paragraphs[0]:
                label_end = paragraph.file_span(0, turn.label_length)[1]
                assert start >= label_end, "a quote never includes the speaker label"
        else:
            assert not document.turns  # prose or an author's document


def test_no_courtesy_or_dangling_quotes(sources: Sources) -> None:
    for item in _items(sources, {"quotes"}):
        opener = item.quote.split()[0].strip("\"“").casefold()
        assert opener not in {"this", "he", "she", "they", "yes", "thank", "exactly"}
        assert "thank you" not in item.quote.casefold()


def test_the_cable_is_attributed_to_its_author(sources: Sources) -> None:
    cable = [
        item for item in _items(sources, {"quotes"})
        if item.source.document == "1979-12-27_soviet-circular-cable-on-afghanistan"
    ]
    assert cable and {item.speaker for item in cable} == {"CC CPSU"}
    # The treaty it quotes is not the CC CPSU's wording.
    assert not any("High Contracting Parties" in item.quote for item in cable)


def test_extracted_items_pass_verification(sources: Sources) -> None:
    items = _items(sources)
    problems = verify_items(items, sources.documents, sources.people)
    assert [str(problem) for problem in problems] == []


def test_cli_extract_json_on_the_whole_corpus(project) -> None:
    result = CliRunner().invoke(main, ["extract", "--json", "--project", str(project.root)])
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert len(records) > 200
    assert {"id", "type", "prompt", "answer", "source", "origin"} <= set(records[0])


def test_cli_extract_yaml_for_one_document(project) -> None:
    result = CliRunner().invoke(
        main,
        ["extract", "1985-03-14_gorbachev-karmal-conversation", "--rules", "terms",
         "--project", str(project.root)],
    )
    assert result.exit_code == 0, result.output
    assert "PDPA" in result.output


def test_a_role_is_held_between_dates_of_any_precision() -> None:
    keshtmand = Role("Prime Minister of Afghanistan", "1981-06", "1988-05")
    assert held(keshtmand, "1988") and held(keshtmand, "1988-05-20")
    assert not held(keshtmand, "1988-06") and not held(keshtmand, "1988-06-13")
    assert held(Role("Minister", "1957", "1985"), "1985-12-31")
    assert not held(Role("Minister", "1957", "1985"), "1986")


def test_who_was_questions_have_one_right_answer(sources: Sources) -> None:
    people = [item for item in _items(sources, {"people"})]
    by_prompt: dict[str, set[str]] = {}
    for item in people:
        by_prompt.setdefault(item.prompt, set()).add(item.answer)
    assert {prompt: answers for prompt, answers in by_prompt.items() if len(answers) > 1} == {}
    # Chernenko until 10 March 1985, Gorbachev from 11 March: "in March 1985" is not asked.
    assert not [item for item in people if "Central Committee of the CPSU in March 1985" in item.prompt]
    # Sharq replaced Keshtmand on 26 May 1988.
    june = [item.answer for item in people if item.prompt.startswith("Who was Prime Minister of Afghanistan in June 1988")]
    assert "Sultan Ali Keshtmand" not in june


def test_a_persons_role_is_asked_once(sources: Sources) -> None:
    registry = [item for item in _items(sources, {"people"}) if item.prompt.startswith("Who was ")]
    asked = [(item.answer, item.context) for item in registry]
    assert len(asked) == len(set(asked))
    assert sum(1 for answer, _ in asked if answer == "Mikhail Gorbachev") == 1

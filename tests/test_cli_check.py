"""`quizgen check` and `quizgen list`: every problem of a broken bank, located, and no traceback.

Each bank in tests/fixtures/banks/ is broken in one way. It is copied into a
temporary project beside the real seeds, checked through the command line,
and must give exit code 1, exactly the expected problems at the expected
file:line:column, and leave the bank byte for byte as it was.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import main

REPO = Path(__file__).resolve().parent.parent
BANKS = Path(__file__).resolve().parent / "fixtures" / "banks"
BUNDLED = REPO / "decks" / "soviet-withdrawal-afghanistan.yaml"

# bank -> the problems it must report: (line, column, words the message contains)
EXPECTED: dict[str, list[tuple[int, int, str]]] = {
    "key-typo.yaml": [(8, 5, "item 'geneva-signed': unknown key 'anwser' in this question (did you mean 'answer'?)")],
    "bad-indentation.yaml": [(8, 13, "YAML syntax error: mapping values are not allowed here (check the indentation")],
    "tabs.yaml": [(6, 1, "a tab character: indent with spaces, not tabs")],
    "changed-word.yaml": [
        (7, 12, ("item 'doomed-to-success': quote not found in 1988-06-13_gorbachev-najibullah-conversation "
                "(closest: \"That is why it can be said that the Conference is \"doomed\" to success.\", paragraph 21)"))
    ],
    "wrong-speaker.yaml": [(8, 14, "item 'reagan-interest': said by Anatoly Dobrynin, not Eduard Shevardnadze (paragraph 23)")],
    "wrong-date.yaml": [
        (8, 13, ("item 'geneva-signed': 15 April 1988 is not stated in "
                "encyclopedia_soviet-withdrawal-from-afghanistan (it gives 14 April 1988)"))
    ],
    "duplicate-ids.yaml": [(10, 9, "item 'pdpa': duplicate id (first used on line 5)")],
    "duplicate-key.yaml": [(9, 5, "item 'pdpa': 'definition' appears twice in this question (first on line 8)")],
    "missing-source.yaml": [
        (5, 5, "item 'pdpa': missing 'source:'"),
        (13, 13, ("item 'dra': unknown source document '1985-03-14_gorbachev-karmal-conversaton' "
                 "(did you mean '1985-03-14_gorbachev-karmal-conversation'?)")),
    ],
    "empty.yaml": [(1, 1, "the bank is empty")],
    "not-a-mapping.yaml": [(1, 1, "the bank must be a mapping with 'deck:' and 'questions:' keys, not a list")],
    "not-utf8.yaml": [(3, 20, "not UTF-8 text (byte 0xe9)")],
    "unknown-speaker.yaml": [
        (8, 14, "item 'cable-contingent': unknown speaker 'Brezhnyev': not in the people registry (did you mean 'Brezhnev'?)"),
        (13, 14, "item 'cable-wrong-author': 1979-12-27_soviet-circular-cable-on-afghanistan was written by CC CPSU, not Andrei Gromyko"),
        (18, 17, ("item 'pdpa': definition not found in encyclopedia_soviet-withdrawal-from-afghanistan "
                 "(closest: \"People's Democratic Party of Afghanistan\", paragraph 2)")),
    ],
    "missing-dash.yaml": [
        (11, 5, ("item 'geneva-signed': 'id' appears twice in this question (first on line 5): "
                 "if it starts the next question, put '- ' before it")),
        (12, 5, "item 'geneva-signed': 'type' appears twice in this question (first on line 6)"),
        (13, 5, "item 'geneva-signed': unknown key 'term' in this question"),
        (14, 5, "item 'geneva-signed': unknown key 'definition' in this question"),
        (15, 5, "item 'geneva-signed': 'source' appears twice in this question (first on line 9)"),
    ],
    "control-character.yaml": [(3, 16, "the file contains a control character (U+0007) that YAML does not allow")],
    "only-document-marker.yaml": [(1, 1, "the bank is empty")],
    # Reported where the quote opens, not at the end of the file where YAML notices it.
    "unclosed-quote.yaml": [(7, 13, "YAML syntax error: this quoted value is never closed (add the closing quote)")],
    # Tabs inside values, on a blank line and before a comment are YAML; only the date is wrong.
    "tabs-in-values.yaml": [
        (9, 13, ("item 'geneva-signed': 15 April 1988 is not stated in "
                "encyclopedia_soviet-withdrawal-from-afghanistan (it gives 14 April 1988)"))
    ],
    "wrong-types.yaml": [
        (2, 7, "'id' must be lowercase letters, digits and hyphens, not 'Wrong Types'; try 'wrong-types'"),
        (4, 19, "'quotes' must be true or false, not '1'"),
        (4, 22, "unknown key 'rules' in 'extract'"),
        (5, 11, "exclude: no item has the id 'no-such-item'"),
        (12, 13, "item 'pdpa': 'points' must be a whole number of at least 1, not 'many'"),
        (13, 11, "item 'pdpa': 'tags' must be a list, like [a, b]"),
        (14, 17, "item 'pdpa': 'difficulty' must be one of easy, medium, hard, not 'medium-hard' (did you mean 'medium'?)"),
        (15, 12, "item 'pdpa': 'gloss' must be true or false, not 'maybe'"),
        (19, 13, "item 'geneva': 'answer' must be an ISO date as precise as the source; write 1988-04-14"),
        (21, 5, "item 'geneva': missing 'source:'"),
        (21, 9, "item 'geneva': duplicate id (first used on line 16)"),
        (22, 11, "item 'geneva': 'type' must be one of quote, date, term, person, question, not 'quiz'"),
    ],
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with the real seeds and an empty decks/ folder."""
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    (tmp_path / "decks").mkdir()
    return tmp_path


def test_every_fixture_has_expectations() -> None:
    assert sorted(path.name for path in BANKS.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_bank_reports_every_problem_at_its_place(project: Path, name: str) -> None:
    deck = project / "decks" / name
    shutil.copyfile(BANKS / name, deck)
    before = deck.read_bytes()
    result = CliRunner().invoke(main, ["check", "--project", str(project), name.removesuffix(".yaml")])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    expected = EXPECTED[name]
    assert lines[-1] == f"{deck}: {len(expected)} problem(s)"
    problems = lines[:-1]
    assert len(problems) == len(expected), result.stderr
    for line, (row, column, message) in zip(problems, expected):
        assert line.startswith(f"{deck}:{row}:{column}: "), line
        assert message in line, line
    assert deck.read_bytes() == before  # never written


def test_problems_of_several_decks_are_all_reported(project: Path) -> None:
    for name in ("wrong-date.yaml", "key-typo.yaml"):
        shutil.copyfile(BANKS / name, project / "decks" / name)
    result = CliRunner().invoke(main, ["check", "--project", str(project)])
    assert result.exit_code == 1
    assert "key-typo.yaml:8:5:" in result.stderr and "wrong-date.yaml:8:13:" in result.stderr


def test_bundled_deck_passes_with_a_one_line_summary(project: Path) -> None:
    shutil.copyfile(BUNDLED, project / "decks" / BUNDLED.name)
    result = CliRunner().invoke(main, ["check", "--project", str(project)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    (summary,) = result.stdout.splitlines()
    assert summary.startswith(f"{project / 'decks' / BUNDLED.name}: ok: ")
    assert "from 5 documents" in summary


def test_list_json_gives_every_item_with_its_origin(project: Path) -> None:
    shutil.copyfile(BUNDLED, project / "decks" / BUNDLED.name)
    result = CliRunner().invoke(main, ["list", "--project", str(project), "--json"])
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    ids = [record["id"] for record in records]
    assert len(ids) == len(set(ids))
    doomed = next(record for record in records if record["id"] == "doomed-to-success")
    assert doomed["origin"] == "bank" and doomed["answer"] == "Mikhail Gorbachev"
    assert doomed["source"]["document"] == "1988-06-13_gorbachev-najibullah-conversation"
    assert doomed["location"].startswith(f"{project / 'decks' / BUNDLED.name}:")
    for record in records:
        assert {"id", "type", "prompt", "answer", "distractors", "source", "tags", "origin"} <= set(record)


def test_list_text_shows_prompt_and_answer(project: Path) -> None:
    shutil.copyfile(BUNDLED, project / "decks" / BUNDLED.name)
    result = CliRunner().invoke(main, ["list", "--project", str(project), "soviet-withdrawal-afghanistan"])
    assert result.exit_code == 0
    assert "    A: 14 April 1988" in result.stdout

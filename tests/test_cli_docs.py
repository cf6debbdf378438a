"""`quizgen docs` and `quizgen show`, their errors, and help on every command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import main

REPO = Path(__file__).resolve().parent.parent


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def copied_project(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    (tmp_path / "decks").mkdir()
    return tmp_path


def test_docs_json_lists_the_five_documents() -> None:
    code, out, _ = run("docs", "--json", "--project", str(REPO))
    assert code == 0
    documents = {entry["id"]: entry for entry in json.loads(out)}
    assert [entry["date"] for entry in json.loads(out)] == [
        "1979-12-27", "1985-03-14", "1987-12-09", "1988-06-13", None,
    ]
    record = documents["1988-06-13_gorbachev-najibullah-conversation"]
    assert record["speakers"] == {
        "Mikhail Gorbachev": 18, "Eduard Shevardnadze": 2, "Anatoly Dobrynin": 1, "Najibullah": 15,
    }
    assert record["footnotes"] == 4
    for entry in documents.values():
        assert {"id", "title", "date", "kind", "speakers", "footnotes"} <= set(entry)


def test_show_json_has_turns_and_footnotes() -> None:
    code, out, _ = run("show", "1988-06-13_gorbachev-najibullah-conversation", "--json",
                       "--project", str(REPO))
    assert code == 0
    detail = json.loads(out)
    assert len(detail["turns"]) == 36
    first = detail["turns"][0]
    assert first["speaker"] == "Mikhail Gorbachev"
    assert first["text"].startswith("I welcome you to Moscow")
    assert detail["footnotes"][1]["text"].startswith("Najibullah addressed the UN General Assembly")


def test_show_text_output() -> None:
    code, out, _ = run("show", "1987-12-09_gorbachev-reagan-on-afghanistan", "--project", str(REPO))
    assert code == 0
    assert "Ronald Reagan" in out and "translator: Gary Goldberg" in out


def test_unknown_document_is_one_error_line() -> None:
    code, _, err = run("show", "no-such-document", "--project", str(REPO))
    assert code == 1
    assert err.startswith("Error: no document named no-such-document")
    assert len(err.strip().splitlines()) == 1


def test_non_utf8_seed_names_the_file(copied_project: Path) -> None:
    (copied_project / "seeds" / "broken.txt").write_bytes(b"caf\xe9\n")
    code, _, err = run("docs", "--project", str(copied_project))
    assert code == 1
    assert "broken.txt" in err and "not UTF-8" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_unreadable_seed_names_the_file(copied_project: Path) -> None:
    # A folder or a dangling link where a text file should be: unreadable even for root.
    (copied_project / "seeds" / "folder.txt").mkdir()
    code, _, err = run("docs", "--project", str(copied_project))
    assert code == 1 and "folder.txt" in err and len(err.strip().splitlines()) == 1
    (copied_project / "seeds" / "folder.txt").rmdir()
    (copied_project / "seeds" / "gone.txt").symlink_to(copied_project / "nowhere.txt")
    code, _, err = run("docs", "--project", str(copied_project))
    assert code == 1 and "gone.txt" in err and len(err.strip().splitlines()) == 1


def test_not_a_project_folder(tmp_path: Path) -> None:
    code, _, err = run("docs", "--project", str(tmp_path))
    assert code == 1 and "is not a quizgen project" in err


def all_commands() -> list[str]:
    return sorted(main.commands)


@pytest.mark.parametrize("command", all_commands())
def test_every_command_has_help_with_examples(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0
    assert "Examples:" in out and f"quizgen {command}" in out


def test_top_level_help_and_module_entry_point() -> None:
    code, out, _ = run("--help")
    assert code == 0 and "Examples:" in out
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "quizgen", "--version"],
                            capture_output=True, text=True, check=True)
    assert "quizgen" in result.stdout


def test_unknown_speaker_turns_are_counted_apart(copied_project: Path) -> None:
    fixture = REPO / "tests" / "fixtures" / "documents" / "1989-01-05_record-unknown-speaker.txt"
    shutil.copy(fixture, copied_project / "seeds")
    code, out, _ = run("docs", "--json", "--project", str(copied_project))
    record = next(e for e in json.loads(out) if e["id"] == fixture.stem)
    assert record["speakers"] == {"Eduard Shevardnadze": 2, "Vladimir Kryuchkov": 1}
    assert record["unknown_speaker_turns"] == 1
    assert record["unknown_labels"] == ["Y. M. VORONTSOV"]
    code, out, _ = run("docs", "--project", str(copied_project))
    assert "unknown speaker (Y. M. VORONTSOV) 1" in out
    assert "speaker label 'Y. M. VORONTSOV' is not in the people registry" in out


def test_show_numbers_the_paragraphs_of_a_document_without_turns() -> None:
    code, out, _ = run("show", "encyclopedia_soviet-withdrawal-from-afghanistan", "--project", str(REPO))
    assert code == 0
    assert "\n¶1 Pursuant to the Geneva Accords of 14 April 1988" in out
    code, out, _ = run("show", "encyclopedia_soviet-withdrawal-from-afghanistan", "--json",
                       "--project", str(REPO))
    paragraphs = json.loads(out)["paragraphs"]
    assert paragraphs[1]["text"].startswith("Pursuant to the Geneva Accords")
    assert [p["index"] for p in paragraphs] == list(range(len(paragraphs)))

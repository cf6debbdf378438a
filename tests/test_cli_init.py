"""`quizgen init`: a new project that works out of the box, and never overwrites."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from quizgen.cli import main


def test_init_creates_a_working_project(tmp_path: Path) -> None:
    target = tmp_path / "course"
    result = CliRunner().invoke(main, ["init", str(target)])
    assert result.exit_code == 0, result.output
    assert (target / "seeds" / "people.yaml").is_file()
    assert len(list((target / "seeds").glob("*.txt"))) == 5
    assert (target / "templates").is_dir() and (target / "decks").is_dir()
    docs = CliRunner().invoke(main, ["docs", "--project", str(target)])
    assert docs.exit_code == 0 and "1988-06-13_gorbachev-najibullah-conversation" in docs.output


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 1
    assert "not empty" in result.stderr
    assert (tmp_path / "notes.txt").read_text() == "mine"
    assert not (tmp_path / "seeds").exists()

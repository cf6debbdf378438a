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
    # Defaults are not copied, so later fixes to them reach the project.
    assert [p.name for p in (target / "templates").iterdir()] == ["README.txt"]
    bank = next((target / "decks").glob("*.yaml")).read_text("utf-8")
    schema = bank.splitlines()[0].split("$schema=", 1)[1]
    assert schema.startswith("file://") and Path(schema.removeprefix("file://")).is_file()
    build = CliRunner().invoke(main, ["build", "--project", str(target), "--format", "html"])
    assert build.exit_code == 0, build.output
    assert (target / "build" / "soviet-withdrawal-afghanistan.quiz.html").is_file()
    docs = CliRunner().invoke(main, ["docs", "--project", str(target)])
    assert docs.exit_code == 0 and "1988-06-13_gorbachev-najibullah-conversation" in docs.output


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 1
    assert "not empty" in result.stderr
    assert (tmp_path / "notes.txt").read_text() == "mine"
    assert not (tmp_path / "seeds").exists()


def test_two_decks_with_one_id_are_a_problem(tmp_path: Path) -> None:
    target = tmp_path / "course"
    assert CliRunner().invoke(main, ["init", str(target)]).exit_code == 0
    bank = next((target / "decks").glob("*.yaml"))
    copy = target / "decks" / "copy.yaml"
    copy.write_bytes(bank.read_bytes())
    result = CliRunner().invoke(main, ["check", "--project", str(target)])
    assert result.exit_code == 1
    for this, other in ((bank, copy), (copy, bank)):  # which is the copy, only the teacher knows
        assert f"{this}:1:1: deck id 'soviet-withdrawal-afghanistan' is also the id of {other}" in result.stderr
    build = CliRunner().invoke(main, ["build", "--project", str(target)])
    assert build.exit_code == 1 and not (target / "build").exists()


def test_selection_options_shape_the_quiz_but_never_the_anki_deck(tmp_path: Path) -> None:
    target = tmp_path / "course"
    assert CliRunner().invoke(main, ["init", str(target)]).exit_code == 0
    full, narrowed = tmp_path / "full", tmp_path / "narrowed"
    for out, extra in ((full, []), (narrowed, ["--types", "term", "--count", "3"])):
        result = CliRunner().invoke(main, ["build", "--project", str(target), "--out", str(out), *extra])
        assert result.exit_code == 0, result.output
    deck = "soviet-withdrawal-afghanistan"
    assert (full / f"{deck}.apkg").read_bytes() == (narrowed / f"{deck}.apkg").read_bytes()
    assert (full / f"{deck}.quiz.html").read_bytes() != (narrowed / f"{deck}.quiz.html").read_bytes()

"""The HTML quiz and key without a browser: versions, shuffling, letters, options,
escaping, templates, and the `build` command's selection options end to end."""

from __future__ import annotations

import html
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from quiz_items import REPO, hostile_item, quiz_items, sources
from quizgen.cli import main
from quizgen.dates import format_date
from quizgen.errors import QuizgenError
from quizgen.models import DeckInfo, Item
from quizgen.project import Project
from quizgen.render.html import write_quiz
from quizgen.select import dates_overlap, make_versions

DECK = DeckInfo("test-deck", "The Soviet Withdrawal from Afghanistan")
CHOICE_KINDS = ("who", "when", "choice")


@pytest.fixture(scope="module")
def items() -> list[Item]:
    return quiz_items()


def build(out: Path, items: list[Item], versions: int = 3, seed: str = "s", dirs: list[Path] | None = None) -> tuple[str, str]:
    quiz, key = write_quiz(DECK, items, sources(), out, versions, seed, dirs or Project(REPO).template_dirs)
    assert (quiz.name, key.name) == ("test-deck.quiz.html", "test-deck.key.html")
    return quiz.read_text("utf-8"), key.read_text("utf-8")


def questions(version):  # type: ignore[no-untyped-def]
    return [question for section in version.sections for question in section.questions]


def correct_text(question) -> str:  # type: ignore[no-untyped-def]
    item = question.items[0]
    return {"who": item.speaker, "when": format_date(item.date)}.get(question.kind, item.answer)


def test_same_seed_same_bytes_other_seed_other_order(tmp_path: Path, items: list[Item]) -> None:
    first = build(tmp_path / "1", items, seed="period-4")
    again = build(tmp_path / "2", items, seed="period-4")
    other = build(tmp_path / "3", items, seed="period-5")
    assert first == again
    assert (tmp_path / "1" / "test-deck.quiz.html").read_bytes() == (tmp_path / "2" / "test-deck.quiz.html").read_bytes()
    assert first[0] != other[0] and first[1] != other[1]
    order = [i.id for v in make_versions(items, 1, "period-4") for q in questions(v) for i in q.items]
    other_order = [i.id for v in make_versions(items, 1, "period-5") for q in questions(v) for i in q.items]
    assert sorted(order) == sorted(other_order) and order != other_order


def test_versions_differ_and_hold_the_same_questions(items: list[Item]) -> None:
    a, b, c = make_versions(items, 3, "s")
    assert [a.code, b.code, c.code] == ["A", "B", "C"]
    ids = [sorted(i.id for q in questions(v) for i in q.items) for v in (a, b, c)]
    assert ids[0] == ids[1] == ids[2] == sorted(item.id for item in items)
    assert len({tuple(q.items[0].id for q in questions(v)) for v in (a, b, c)}) == 3
    assert a.points == sum(item.points for item in items)


def test_every_section_of_the_default_mix_is_there(items: list[Item]) -> None:
    kinds = [section.kind for section in make_versions(items, 1, "s")[0].sections]
    assert kinds == ["who", "match-quotes", "when", "timeline", "match-terms", "choice", "blank", "short"]


@pytest.mark.parametrize("seed", [f"seed-{n}" for n in range(40)])
def test_options_hold_one_right_answer_and_letters_never_run_three(items: list[Item], seed: str) -> None:
    for version in make_versions(items, 3, seed):
        letters = []
        for question in questions(version):
            if question.kind not in CHOICE_KINDS:
                continue
            assert len(question.options) == len(set(question.options)) >= 2
            assert question.options[question.answers[0]] == correct_text(question)
            assert question.options.count(correct_text(question)) == 1
            letters.append(question.answers[0])
        assert not any(letters[i] == letters[i + 1] == letters[i + 2] for i in range(len(letters) - 2)), letters
        counts = [letters.count(letter) for letter in range(4)]
        assert max(counts) - min(counts) <= 1, counts  # the least used letter goes first


def test_missing_distractors_are_drawn_from_the_same_type(items: list[Item]) -> None:
    version = make_versions(items, 1, "s")[0]
    speakers = {item.speaker for item in items if item.type == "quote"}
    dated = [item for item in items if item.type == "date"]
    for question in questions(version):
        item = question.items[0]
        if question.kind == "who":
            assert len(question.options) == 4 and set(question.options) <= speakers
        if question.kind == "when":
            assert len(question.options) == 4
            wrong = [o for i, o in enumerate(question.options) if i != question.answers[0]]
            for text in wrong:
                iso = next(d.date for d in dated if format_date(d.date) == text)
                assert not dates_overlap(iso, item.date), (text, item.date)


def test_own_distractors_come_first_and_a_date_that_could_be_right_is_never_offered() -> None:
    base = [i for i in quiz_items() if i.type == "date"][:4]  # too few for a timeline
    item = replace(base[0], distractors=("1988-04", "1987-12-09", "15 May 1988", "1987-12-09"))
    version = make_versions([item, *base[1:]], 1, "s")[0]
    question = next(q for q in questions(version) if q.items[0].id == item.id)
    assert question.kind == "when" and question.options[question.answers[0]] == "14 April 1988"
    # "1988-04" contains 14 April 1988, so it is no wrong answer; the duplicate is dropped.
    assert "April 1988" not in question.options
    assert {"9 December 1987", "15 May 1988"} <= set(question.options)
    assert len(set(question.options)) == len(question.options)


def test_an_item_with_no_possible_wrong_option_is_asked_as_short_answer() -> None:
    item = quiz_items()[0]
    version = make_versions([item], 1, "s")[0]
    assert [(section.kind, q.items[0].id) for section in version.sections for q in section.questions] == [("short", item.id)]


def test_fixed_position_keeps_its_place(items: list[Item]) -> None:
    who = [i for i in items if i.type == "quote"]
    pinned = who[-2]  # the planned order is bank order; pin one near the end
    marked = [replace(i, fixed_position=True) if i is pinned else i for i in items]
    places = set()
    orders = set()
    for seed in ("a", "b", "c", "d"):
        for version in make_versions(marked, 2, seed):
            section = next(s for s in version.sections if s.kind == "who")
            ids = [q.items[0].id for q in section.questions]
            places.add(ids.index(pinned.id))
            orders.add(tuple(ids))
    assert len(places) == 1 and len(orders) > 1


def test_matching_and_timeline_keys_are_right(items: list[Item]) -> None:
    for version in make_versions(items, 3, "s"):
        for question in questions(version):
            if question.kind == "match-quotes":
                assert [question.options[a] for a in question.answers] == [i.speaker for i in question.items]
            if question.kind == "match-terms":
                assert [question.options[a] for a in question.answers] == [i.definition for i in question.items]
                assert [i.definition for i in question.items] != list(question.options)
            if question.kind == "timeline":
                events = [question.items[a] for a in question.answers]
                starts = [e.date for e in events]
                assert all(not dates_overlap(x, y) for x in starts for y in starts if x is not y)
                assert sorted(starts) == starts and list(question.items) != events


def test_blank_hides_a_word_the_key_gives(items: list[Item], tmp_path: Path) -> None:
    version = make_versions(items, 1, "s")[0]
    blanks = [q for q in questions(version) if q.kind == "blank"]
    assert blanks
    for question in blanks:
        before, word, after = question.blank
        assert before + word + after == question.items[0].quote and len(word) >= 6
    quiz, key = map(html.unescape, build(tmp_path, items, versions=1))
    for question in blanks:
        before, word, after = question.blank
        assert f"“{before}__________{after}”" in quiz
        assert word in key and f"{before}{word}" not in quiz


def test_sheet_and_key_carry_version_seed_points_and_citations(tmp_path: Path, items: list[Item]) -> None:
    quiz, key = build(tmp_path, items, versions=2, seed="period-4")
    for code in "AB":
        assert f"Version {code}</div>" in quiz and f"Version {code}</div>" in key
    assert quiz.count("seed “period-4”") == 2 and key.count("seed “period-4”") >= 2
    total = sum(item.points for item in items)
    for label in ("Name:", "Date:", "Class:", f"Total: {total} points"):
        assert label in quiz
    assert "13 June 1988, ¶ 88" in key  # document, date, paragraph
    assert "Soviet withdrawal from Afghanistan" in key and "Wikipedia, CC BY-SA 4.0" in key
    assert "Wilson Center Digital Archive" in key and "Wikipedia" in quiz


def test_files_are_self_contained_and_escape_bank_text(tmp_path: Path, items: list[Item]) -> None:
    quiz, key = build(tmp_path, [*items, hostile_item()], versions=1)
    for page in (quiz, key):
        assert "<script" not in page.lower()
        assert not re.search(r"""(src|href)\s*=|@import|url\(|<link""", page), "nothing may be fetched"
        assert "<style>" in page and "@page" in page and "break-inside: avoid" in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; “quoted” &#39;text&#39;" in quiz
    assert "&lt;b&gt;not bold&lt;/b&gt; &amp; &#34;quotes&#34; kept" in key


def test_a_project_template_overrides_the_default(tmp_path: Path, items: list[Item]) -> None:
    own = tmp_path / "templates" / "quiz"
    own.mkdir(parents=True)
    (own / "sections.html.j2").write_text(
        (REPO / "templates" / "quiz" / "sections.html.j2").read_text("utf-8").replace("Who said it?", "Qui l'a dit ?"),
        "utf-8",
    )
    project = Project(tmp_path)
    quiz, key = build(tmp_path / "out", items, dirs=project.template_dirs)
    quiz, key = html.unescape(quiz), html.unescape(key)
    assert "Qui l'a dit ?" in quiz and "Qui l'a dit ?" in key and "Who said it?" not in quiz
    assert "Key terms" in quiz  # the rest still comes from the defaults


def test_template_mistake_is_a_clear_error_and_writes_nothing(tmp_path: Path, items: list[Item]) -> None:
    own = tmp_path / "templates" / "quiz"
    own.mkdir(parents=True)
    (own / "key.html.j2").write_text("{{ versions[0].no_such_field }}", "utf-8")
    with pytest.raises(QuizgenError, match="key.html.j2"):
        build(tmp_path / "out", items, dirs=Project(tmp_path).template_dirs)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_no_items_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(QuizgenError, match="no items"):
        build(tmp_path, [])


# --- the build command, end to end ---------------------------------------------------

MINI_DECK = """\
deck:
  id: mini
  title: Mini quiz
extract: {quotes: false, dates: false, terms: false, people: false}
questions:
  - {id: gorb-doomed, type: quote, speaker: Mikhail Gorbachev, source: 1988-06-13_gorbachev-najibullah-conversation, tags: [perestroika],
     quote: That is why it can be said that the Conference is "doomed" to success.}
  - {id: reagan-army, type: quote, speaker: Ronald Reagan, source: 1987-12-09_gorbachev-reagan-on-afghanistan, tags: [summit],
     quote: "However, the president of Afghanistan has an army, and the opposition does not."}
  - {id: gromyko-borders, type: quote, speaker: Andrei Gromyko, source: 1985-03-14_gorbachev-karmal-conversation,
     quote: Defense of the borders is one of the most important tasks indeed.}
  - {id: najib-pakistan, type: quote, speaker: Najibullah, source: 1988-06-13_gorbachev-najibullah-conversation, tags: [pakistan],
     quote: In present circumstances the policy of exerting appropriate pressure on Pakistan seems important.}
  - {id: geneva-accords, type: date, prompt: "When were the Geneva Accords signed?", event: The Geneva Accords are signed,
     answer: 1988-04-14, source: encyclopedia_soviet-withdrawal-from-afghanistan, tags: [geneva]}
  - {id: withdrawal-ends, type: date, event: The last Soviet troops leave Afghanistan, answer: 1989-02-15,
     source: encyclopedia_soviet-withdrawal-from-afghanistan}
  - {id: pdpa, type: term, term: PDPA, definition: People's Democratic Party of Afghanistan,
     source: encyclopedia_soviet-withdrawal-from-afghanistan}
"""
MARKERS = {
    "gorb-doomed": "is &#34;doomed&#34; to success",
    "reagan-army": "has an army, and the opposition",
    "gromyko-borders": "Defense of the borders",
    "najib-pakistan": "appropriate pressure on Pakistan",
    "geneva-accords": "When were the Geneva Accords signed?",
    "withdrawal-ends": "last Soviet troops leave",
    "pdpa": "PDPA",
}


@pytest.fixture(scope="module")
def mini_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(REPO / "seeds", root / "seeds")
    (root / "decks").mkdir()
    (root / "decks" / "mini.yaml").write_text(MINI_DECK, "utf-8")
    return root


def build_cli(root: Path, *options: str) -> tuple[set[str], str]:
    """The ids of the items on the built quiz, and its text."""
    out = root / "build" / "-".join(options).replace("--", "") or "all"
    result = CliRunner().invoke(main, ["build", "--project", str(root), "--format", "html", "--out", str(out), *options])
    assert result.exit_code == 0, result.output
    quiz = (out / "mini.quiz.html").read_text("utf-8")
    assert (out / "mini.key.html").is_file()
    return {item for item, marker in MARKERS.items() if marker in quiz}, quiz


def test_build_puts_every_item_on_the_quiz(mini_project: Path) -> None:
    found, quiz = build_cli(mini_project, "--versions", "3", "--seed", "x")
    assert found == set(MARKERS)
    assert [f"Version {code}</div>" in quiz for code in "ABCD"] == [True, True, True, False]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (("--types", "date,term"), {"geneva-accords", "withdrawal-ends", "pdpa"}),
        (("--tags", "summit,geneva"), {"reagan-army", "geneva-accords"}),
        (("--documents", "1988-06-13_gorbachev-najibullah-conversation"), {"gorb-doomed", "najib-pakistan"}),
        (("--types", "quote", "--tags", "perestroika,summit,geneva"), {"gorb-doomed", "reagan-army"}),
    ],
)
def test_build_selection_options(mini_project: Path, options: tuple[str, ...], expected: set[str]) -> None:
    assert build_cli(mini_project, *options)[0] == expected


def test_build_count_takes_a_seeded_subset(mini_project: Path) -> None:
    first, _ = build_cli(mini_project, "--count", "3", "--seed", "one")
    again, _ = build_cli(mini_project, "--count", "3", "--seed", "one", "--versions", "1")
    assert len(first) == 3 and first == again
    picks = {frozenset(build_cli(mini_project, "--count", "3", "--seed", seed)[0]) for seed in "abcdef"}
    assert len(picks) > 1


def test_default_quiz_is_a_class_period_with_own_and_pinned_items_first() -> None:
    from quizgen.select import DEFAULT_QUIZ_MIX, default_quiz_items

    many = [replace(item, id=f"{item.id}-{n}", origin="rule:x") for n in range(6) for item in quiz_items()]
    own = replace(many[3], id="teachers-own", origin="bank")
    pinned = replace(many[5], id="pinned", fixed_position=True)
    chosen = default_quiz_items([*many, own, pinned], "s")
    for kind, most in DEFAULT_QUIZ_MIX.items():
        assert sum(item.type == kind for item in chosen) == min(most, sum(i.type == kind for i in [*many, own, pinned]))
    assert own in chosen and pinned in chosen
    assert chosen == default_quiz_items([*many, own, pinned], "s") != default_quiz_items([*many, own, pinned], "t")


# --- the build command's mistakes and output rules ------------------------------

# A second deck with the same header and only a date: it has nothing for `--types quote`.
OTHER_DECK = MINI_DECK[: MINI_DECK.index("questions:")].replace("mini", "other") + """\
questions:
  - {id: geneva-accords, type: date, event: The Geneva Accords are signed, answer: 1988-04-14,
     source: encyclopedia_soviet-withdrawal-from-afghanistan}
"""


def run_build(root: Path, *options: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["build", "--project", str(root), *options])


@pytest.fixture
def two_decks(mini_project: Path, tmp_path: Path) -> Path:
    root = tmp_path / "two"
    shutil.copytree(mini_project / "seeds", root / "seeds")
    shutil.copytree(mini_project / "decks", root / "decks")
    (root / "decks" / "other.yaml").write_text(OTHER_DECK, "utf-8")
    return root


def test_a_deck_that_fails_leaves_no_files_of_the_decks_that_built(two_decks: Path) -> None:
    # mini.yaml has quotes, other.yaml none: mini would build, then other fails.
    result = run_build(two_decks, "--types", "quote")
    assert result.exit_code == 1, result.output
    assert "deck 'other': no items match" in result.stderr
    assert not (two_decks / "build").exists()


def test_a_template_error_after_the_anki_deck_leaves_neither(two_decks: Path) -> None:
    (two_decks / "templates" / "quiz").mkdir(parents=True)
    (two_decks / "templates" / "quiz" / "quiz.html.j2").write_text("{{ no_such_thing }}", "utf-8")
    (two_decks / "build").mkdir()
    (two_decks / "build" / "notes.txt").write_text("mine", "utf-8")
    result = run_build(two_decks, "mini")
    assert result.exit_code == 1 and "template quiz/quiz.html.j2" in result.stderr, result.output
    assert sorted(path.name for path in (two_decks / "build").iterdir()) == ["notes.txt"]


def test_an_out_folder_that_cannot_be_made_is_a_clear_error(mini_project: Path, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", "utf-8")
    result = run_build(mini_project, "--format", "html", "--out", str(tmp_path / "a-file" / "out"))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    assert result.stderr.startswith("Error: cannot write to ") and "Traceback" not in result.output


@pytest.mark.parametrize("where", ["link", "link/sub", "build/../decks", "seeds/../seeds/x"])
def test_out_into_decks_or_seeds_is_refused_however_it_is_spelled(
    two_decks: Path, tmp_path: Path, where: str
) -> None:
    (tmp_path / "link").symlink_to(two_decks / "decks")
    out = tmp_path / where if where.startswith("link") else two_decks / where
    before = sorted(path.name for path in (two_decks / "decks").iterdir())
    result = run_build(two_decks, "--format", "html", "--out", str(out))
    assert result.exit_code == 1 and "refusing to write into" in result.stderr, result.output
    assert sorted(path.name for path in (two_decks / "decks").iterdir()) == before
    assert not (two_decks / "seeds" / "x").exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--format", "pdf"), "unknown format pdf"),
        (("--documents", "1988-06-13_gorbachev-najibullah-conversation,no-such-doc"), "unknown document no-such-doc"),
    ],
)
def test_a_mistyped_option_is_a_usage_error(mini_project: Path, options: tuple[str, ...], message: str) -> None:
    result = run_build(mini_project, *options)
    assert result.exit_code == 2 and message in result.stderr, result.output
    assert not (mini_project / "build").exists() or not list((mini_project / "build").glob("mini.*"))


def run_with_stderr_on_a_terminal(command: list[str]) -> str:
    """What a person at a terminal sees on stderr (a pseudo-terminal stands in for it)."""
    import os
    import pty
    import subprocess

    main_fd, terminal = pty.openpty()
    try:
        process = subprocess.run(command, stdout=subprocess.PIPE, stderr=terminal, timeout=120)
        os.close(terminal)
        seen = b""
        while True:
            try:
                chunk = os.read(main_fd, 65536)
            except OSError:  # the terminal is closed and drained
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(main_fd)
    assert process.returncode == 0, seen
    return seen.decode("utf-8", "replace")


def test_progress_shows_on_a_terminal_and_never_in_a_pipe(two_decks: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    command = [sys.executable, "-m", "quizgen", "build", "--project", str(two_decks),
               "--format", "html", "--out", str(tmp_path / "out")]
    on_terminal = run_with_stderr_on_a_terminal(command)
    assert "Checking" in on_terminal and "Building" in on_terminal and "100%" in on_terminal
    piped = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    assert piped.stderr == ""
    assert piped.stdout.splitlines() == [str(tmp_path / "out" / name) for name in
                                         ("mini.quiz.html", "mini.key.html", "other.quiz.html", "other.key.html")]


def test_default_quiz_of_fewer_types_is_still_a_class_period() -> None:
    from quizgen.select import DEFAULT_QUIZ_MIX, default_quiz_items

    period = sum(DEFAULT_QUIZ_MIX.values())
    terms = [replace(item, id=f"{item.id}-{n}") for n in range(10) for item in quiz_items() if item.type == "term"]
    assert len(default_quiz_items(terms, "s")) == period  # not just the six a full mix gives terms
    quotes_and_dates = [replace(item, id=f"{item.id}-{n}") for n in range(10)
                        for item in quiz_items() if item.type in ("quote", "date")]
    chosen = default_quiz_items(quotes_and_dates, "s")
    assert abs(len(chosen) - period) <= 1
    assert sum(item.type == "quote" for item in chosen) > sum(item.type == "date" for item in chosen)
    few = [item for item in quiz_items() if item.type == "term"]
    assert default_quiz_items(few, "s") == few  # fewer than a period: all of them


def test_the_command_on_the_key_builds_the_same_paper(mini_project: Path, tmp_path: Path) -> None:
    import shlex

    first = tmp_path / "first"
    options = ["--types", "quote,date", "--tags", "perestroika,summit,geneva,pakistan", "--count", "3",
               "--seed", "period 4", "--versions", "2"]
    assert run_build(mini_project, "--format", "html", "--out", str(first), *options).exit_code == 0
    key = (first / "mini.key.html").read_text("utf-8")
    commands = {html.unescape(found) for found in re.findall(r"<code>(.*?)</code>", key)}
    [command] = commands  # every version's key prints the same command
    words = shlex.split(command)
    assert words[:2] == ["quizgen", "build"]
    again = tmp_path / "again"
    assert run_build(mini_project, *words[2:], "--out", str(again)).exit_code == 0
    for name in ("mini.quiz.html", "mini.key.html"):
        assert (again / name).read_bytes() == (first / name).read_bytes()


def test_the_key_marks_a_glossed_definition(sources) -> None:
    from quizgen.models import Item, Provenance
    from quizgen.render.html import citation

    item = Item(id="g", type="term", prompt="?", answer="the Afghan state", term="DRA",
                definition="the Afghan state", source=Provenance("1985-03-14_gorbachev-karmal-conversation"))
    assert "teacher's words" not in citation(item, sources)
    assert citation(replace(item, gloss=True), sources).endswith("(definition in the teacher's words)")

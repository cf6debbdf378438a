"""The printed quiz and key, as Chromium prints them and pdftotext reads them back.

Each file is printed once per paper size for the whole module; the tests then
check the pages the way a teacher would: every question whole on one page,
every version and every key starting at the top of a fresh page, a sane number
of pages, and bank text that looks like markup printed as plain text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import PAPER, page_size, pdf_pages, print_to_pdf, with_paper
from quiz_items import REPO, hostile_item, quiz_items, sources
from quizgen.models import DeckInfo
from quizgen.project import Project
from quizgen.render.html import quiz_context
from quizgen.render.html import write_quiz
from quizgen.select import Selection, make_versions

VERSIONS = 3
SEED = "period-4"
DECK = DeckInfo("test-deck", "The Soviet Withdrawal from Afghanistan")
# A teacher's long selection: the key prints it in its rebuild command, which must still fit.
SELECTION = Selection(types=("quote", "date", "term"), tags=("perestroika", "geneva", "summit"),
                      documents=tuple(sorted(sources().documents)), count=31)


def squeeze(text: str) -> str:
    """All whitespace removed: text wrapped or spaced by the layout still matches."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    out = tmp_path_factory.mktemp("print")
    items = quiz_items() + [hostile_item()]
    quiz_path, key_path = write_quiz(
        DECK, items, sources(), out, VERSIONS, SEED, Project(REPO).template_dirs, selection=SELECTION
    )
    result: dict[str, object] = {
        "context": quiz_context(DECK, make_versions(items, VERSIONS, SEED), sources(), SELECTION)
    }
    for name, html_path in (("quiz", quiz_path), ("key", key_path)):
        for paper in PAPER:
            copy = out / f"{name}-{paper}.html"
            copy.write_text(with_paper(html_path.read_text("utf-8"), paper), "utf-8")
            pdf = print_to_pdf(copy, out / f"{name}-{paper}.pdf")
            result[f"{name}-{paper}"] = (pdf, pdf_pages(pdf))
            result[f"{name}-{paper}-cells"] = (pdf, pdf_pages(pdf, layout=False))
    return result


def pages_of(printed: dict[str, object], name: str) -> list[str]:
    return printed[name][1]  # type: ignore[index,no-any-return]


def header_pages(pages: list[str], first_line: str) -> dict[str, int]:
    """Version code -> index of the page whose first line is that version's header."""
    found = {}
    for index, page in enumerate(pages):
        lines = [line for line in page.splitlines() if line.strip()]
        if lines and lines[0].strip().startswith(first_line):
            found[lines[0].split()[-1]] = index
    return found


def must_share_a_page(question: dict) -> list[str]:
    """The texts of one question (stem, options, rows) that must print on one page."""
    number = question["number"]
    options = [f"{o['letter']}. {o['text']}" for o in question["options"]]
    kind = question["kind"]
    if kind == "who":
        return [f"{number}. Who said: “{question['quote']}”", *options]
    if kind in ("when", "choice"):
        return [f"{number}. {question['prompt']}", *options]
    if kind in ("match-quotes", "match-terms"):
        quote = kind == "match-quotes"
        rows = [f"{r['number']}. ______ " + (f"“{r['text']}”" if quote else r["text"]) for r in question["rows"]]
        return [*rows, *options]
    if kind == "timeline":
        events = [f"{e['letter']}. {e['text']}" for e in question["events"]]
        return [f"{number}. Events:", *events, "Earliest ______"]
    if kind == "blank":
        return [f"{number}. {question['speaker']}: “{question['before']}__________{question['after']}”"]
    return [f"{number}. {question['prompt']}"]


@pytest.mark.parametrize("paper", list(PAPER))
@pytest.mark.parametrize("name", ["quiz", "key"])
def test_printed_on_the_chosen_paper(printed: dict, name: str, paper: str) -> None:
    pdf_path: Path = printed[f"{name}-{paper}"][0]
    width, height = page_size(pdf_path)
    assert (width, height) == PAPER[paper]


@pytest.mark.parametrize("paper", list(PAPER))
def test_each_version_starts_at_the_top_of_a_page(printed: dict, paper: str) -> None:
    pages = pages_of(printed, f"quiz-{paper}")
    starts = header_pages(pages, DECK.title)
    assert list(starts) == ["A", "B", "C"], pages[:2]
    assert starts["A"] == 0
    # Every page belongs to exactly one version: none shows two version codes.
    for page in pages:
        assert sum(f"Version {code}" in page for code in "ABC") <= 1


@pytest.mark.parametrize("paper", list(PAPER))
def test_each_key_starts_at_the_top_of_a_page(printed: dict, paper: str) -> None:
    pages = pages_of(printed, f"key-{paper}")
    starts = header_pages(pages, f"Answer key: {DECK.title}")
    assert list(starts) == ["A", "B", "C"]
    assert starts["A"] == 0


def version_pages(pages: list[str], first_line: str, text: list[str] | None = None) -> dict[str, list[str]]:
    """Version code -> its pages (of `text`, the same PDF read another way, if given)."""
    starts = header_pages(pages, first_line)
    pages = text if text is not None else pages
    bounds = list(starts.values()) + [len(pages)]
    return {code: pages[bounds[i] : bounds[i + 1]] for i, code in enumerate(starts)}


@pytest.mark.parametrize("paper", list(PAPER))
def test_every_question_is_whole_on_one_page(printed: dict, paper: str) -> None:
    by_version = version_pages(pages_of(printed, f"quiz-{paper}"), DECK.title)
    checked = 0
    for version in printed["context"]["versions"]:
        pages = [squeeze(page) for page in by_version[version["code"]]]
        for section in version["sections"]:
            for question in section["questions"]:
                texts = [squeeze(text) for text in must_share_a_page(question)]
                holding = [index for index, page in enumerate(pages) if texts[0] in page]
                assert len(holding) == 1, (version["code"], texts[0])
                missing = [text for text in texts if text not in pages[holding[0]]]
                assert not missing, (version["code"], question["number"], missing)
                checked += 1
    blocks = sum(len(section["questions"]) for section in printed["context"]["versions"][0]["sections"])
    assert blocks >= 15 and checked == VERSIONS * blocks


@pytest.mark.parametrize("paper", list(PAPER))
def test_page_count_is_sane(printed: dict, paper: str) -> None:
    quiz = version_pages(pages_of(printed, f"quiz-{paper}"), DECK.title)
    key = version_pages(pages_of(printed, f"key-{paper}"), f"Answer key: {DECK.title}")
    # About thirty questions: more than one page a version, but not a booklet.
    assert all(2 <= len(pages) <= 5 for pages in quiz.values()), {k: len(v) for k, v in quiz.items()}
    assert all(1 <= len(pages) <= 6 for pages in key.values()), {k: len(v) for k, v in key.items()}
    # The versions hold the same questions; only the order of tables can cost a page.
    assert max(map(len, quiz.values())) - min(map(len, quiz.values())) <= 1


def test_key_lists_every_answer_of_its_version(printed: dict) -> None:
    by_version = version_pages(
        pages_of(printed, "key-a4"), f"Answer key: {DECK.title}", pages_of(printed, "key-a4-cells")
    )
    for version in printed["context"]["versions"]:
        text = squeeze(" ".join(by_version[version["code"]]))
        assert squeeze(f"seed “{SEED}”") in text
        for section in version["sections"]:
            for question in section["questions"]:
                rows = question["rows"] or [question]
                for row in rows:
                    # The first words of each answer: a long answer wraps in its cell.
                    expected = f"{row['answer_letter']}." if row["answer_letter"] else ""
                    expected += squeeze(row["answer"])[:12]
                    assert f"{row['number']}{expected}" in text, (version["code"], row["number"])


@pytest.mark.parametrize("paper", list(PAPER))
def test_the_whole_rebuild_command_prints_on_the_key(printed: dict, paper: str) -> None:
    import html
    import re

    key_html = Path(printed[f"key-{paper}"][0]).with_suffix(".html").read_text("utf-8")
    commands = {html.unescape(found) for found in re.findall(r"<code>(.*?)</code>", key_html)}
    [command] = commands
    assert "--documents" in command and "--versions" in command
    pages = pages_of(printed, f"key-{paper}")
    # Every key shows all of it: not cut off at the margin, not shrunk out of the page.
    assert all(squeeze(command) in squeeze(page) for page in pages if "Answer key:" in page)
    assert sum("Answer key:" in page for page in pages) == VERSIONS


def test_key_credits_its_sources(printed: dict) -> None:
    text = " ".join(" ".join(page.split()) for page in pages_of(printed, "key-letter"))
    for credit in ("Soviet withdrawal from Afghanistan", "Wikipedia", "CC BY-SA 4.0",
                   "Wilson Center Digital Archive"):
        assert credit in text


def test_markup_in_the_bank_prints_as_text(printed: dict) -> None:
    item = hostile_item()
    quiz = squeeze(" ".join(pages_of(printed, "quiz-a4")))
    key = squeeze(" ".join(pages_of(printed, "key-a4-cells")))
    assert quiz.count(squeeze(item.prompt)) == VERSIONS
    assert squeeze('<b>not bold</b> & "quotes" kept') in key


# --- the bundled deck, built by the command line as a teacher does ---------------------

BUNDLED = "soviet-withdrawal-afghanistan"


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    from click.testing import CliRunner

    from quizgen.cli import main

    out = tmp_path_factory.mktemp("bundled")
    result = CliRunner().invoke(
        main, ["build", BUNDLED, "--project", str(REPO), "--format", "html", "--versions", "3", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    printed = {}
    for name in ("quiz", "key"):
        pdf = print_to_pdf(out / f"{BUNDLED}.{name}.html", out / f"{name}.pdf")
        printed[name] = pdf_pages(pdf)
    return printed


def test_bundled_deck_prints_three_versions_and_keys(bundled: dict[str, list[str]]) -> None:
    title = next(line for line in bundled["quiz"][0].splitlines() if line.strip()).split("  ")[0].strip()
    quiz = version_pages(bundled["quiz"], title)
    key = version_pages(bundled["key"], "Answer key:")
    assert list(quiz) == list(key) == ["A", "B", "C"]
    # A class-period quiz: a few pages a version, each with a key of its own.
    assert all(2 <= len(pages) <= 8 for pages in quiz.values()), {k: len(v) for k, v in quiz.items()}
    assert all(1 <= len(pages) <= 8 for pages in key.values()), {k: len(v) for k, v in key.items()}
    for pages in quiz.values():
        text = squeeze(" ".join(pages))
        for heading in ("Whosaidit?", "Matching:quotations", "Whendidithappen?", "Timeline", "Keyterms"):
            assert heading in text

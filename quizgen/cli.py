"""The command line: parse options, call the pipeline, print. No logic lives here."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from quizgen import __version__
from quizgen.build import (
    FORMATS,
    BuildOptions,
    build_all,
    deck_paths,
    load_decks,
    load_sources,
    parse_formats,
)
from quizgen.errors import QuizgenError
from quizgen.models import ITEM_TYPES, Document
from quizgen.output import check_out_dir
from quizgen.project import open_project
from quizgen.report import (
    deck_summary,
    document_detail,
    document_summary,
    format_detail,
    format_summary,
    item_record,
)
from quizgen.select import Selection

F = TypeVar("F", bound=Callable[..., Any])


def project_option(function: F) -> F:
    """`--project DIR` on every command that reads a project."""
    return click.option(
        "--project",
        "project_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="The project folder holding seeds/ and decks/ (default: the current folder).",
    )(function)


def json_option(function: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(
        function
    )


def print_json(data: object) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quizgen")
def main() -> None:
    """Turn primary sources into study material: Anki decks, printable quizzes,
    and a YAML question bank checked against the sources.

    Run it in a project folder holding seeds/ (the source documents) and
    decks/ (the question banks), or point at one with --project.

    \b
    Examples:
      quizgen docs                      the documents quizgen can read
      quizgen check                     check every bank against the sources
      quizgen build                     build every deck into build/
      quizgen build --versions 3        three shuffled quiz versions with keys
    """


@main.command()
@project_option
@json_option
def docs(project_dir: Path | None, as_json: bool) -> None:
    """List the parsed source documents: id, date, kind, speakers and turns.

    \b
    Examples:
      quizgen docs
      quizgen docs --json
    """
    sources = load_sources(open_project(project_dir))
    summaries = [document_summary(document) for document in sources.documents.values()]
    if as_json:
        print_json(summaries)
        return
    for document, summary in zip(sources.documents.values(), summaries):
        click.echo(format_summary(summary))
        for label in document.unknown_labels:
            click.echo(f"  warning: speaker label '{label}' is not in the people registry")


@main.command()
@click.argument("doc")
@project_option
@json_option
def show(doc: str, project_dir: Path | None, as_json: bool) -> None:
    """Show one document: its metadata, speaker turns (or, for a document
    without turns, its numbered paragraphs) and footnotes. Paragraph numbers
    are the ones cards and answer keys cite.

    DOC is a document id (the file name in seeds/ without .txt).

    \b
    Examples:
      quizgen show 1988-06-13_gorbachev-najibullah-conversation
      quizgen show 1987-12-09_gorbachev-reagan-on-afghanistan --json
    """
    sources = load_sources(open_project(project_dir), only=[doc])
    document: Document = sources.documents[doc.removesuffix(".txt")]
    detail = document_detail(document)
    if as_json:
        print_json(detail)
    else:
        click.echo(format_detail(detail))


@main.command()
@click.argument("docs_", metavar="[DOC]...", nargs=-1)
@project_option
@json_option
@click.option(
    "--rules",
    default="quotes,dates,terms,people",
    show_default=True,
    help="Which rule families to run (comma-separated).",
)
def extract(docs_: tuple[str, ...], project_dir: Path | None, as_json: bool, rules: str) -> None:
    """Print the items the extraction rules find, with provenance.

    The YAML output can be pasted into a bank's `questions:` list.

    \b
    Examples:
      quizgen extract
      quizgen extract 1985-03-14_gorbachev-karmal-conversation --rules quotes
      quizgen extract --json > candidates.json
    """
    from quizgen.bank import items_to_yaml
    from quizgen.extract import RULE_FAMILIES, extract_corpus

    families = {part.strip() for part in rules.split(",") if part.strip()}
    unknown = families - set(RULE_FAMILIES)
    if unknown:
        raise click.BadParameter(
            f"unknown rule family {', '.join(sorted(unknown))}; choose from {', '.join(RULE_FAMILIES)}",
            param_hint="--rules",
        )
    sources = load_sources(open_project(project_dir), only=list(docs_) or None)
    items = extract_corpus(sources.documents, sources.people, families)
    if as_json:
        print_json([item_record(item) for item in items])
    else:
        click.echo(items_to_yaml(items), nl=False)


@main.command()
@click.argument("decks", metavar="[DECK]...", nargs=-1)
@project_option
def check(decks: tuple[str, ...], project_dir: Path | None) -> None:
    """Check banks and verify every item against the sources.

    Every problem is printed at once as FILE:LINE:COLUMN: message. Exit code 1
    if there is any problem, 0 otherwise. The bank is never modified.

    \b
    Examples:
      quizgen check
      quizgen check decks/soviet-withdrawal-afghanistan.yaml
    """
    project = open_project(project_dir)
    sources = load_sources(project)
    failed = False
    for deck in load_decks(project, deck_paths(project, decks), sources):
        for problem in deck.problems:
            click.echo(str(problem), err=True)
        if deck.problems:
            failed = True
            click.echo(f"{deck.path}: {len(deck.problems)} problem(s)", err=True)
        else:
            click.echo(deck_summary(deck.path, deck.items))
    if failed:
        sys.exit(1)


@main.command(name="list")
@click.argument("deck", required=False)
@project_option
@json_option
def list_items(deck: str | None, project_dir: Path | None, as_json: bool) -> None:
    """List every item of a deck after merging rules and bank.

    \b
    Examples:
      quizgen list
      quizgen list soviet-withdrawal-afghanistan --json
    """
    project = open_project(project_dir)
    sources = load_sources(project)
    paths = deck_paths(project, [deck] if deck else [])
    loaded = load_decks(project, paths, sources)
    records = [item_record(item) for deck_ in loaded for item in deck_.items]
    if as_json:
        print_json(records)
    else:
        for record in records:
            paragraph = record["source"]["paragraph"]
            where = record["source"]["document"] + (f" ¶{paragraph}" if paragraph is not None else "")
            click.echo(f"{record['id']}\t{record['type']}\t{record['origin']}\t{where}")
            click.echo(f"    Q: {record['prompt']}")
            click.echo(f"    A: {record['answer']}")
    for deck_ in loaded:
        for problem in deck_.problems:
            click.echo(str(problem), err=True)


@main.command()
@click.argument("decks", metavar="[DECK]...", nargs=-1)
@project_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the outputs (default: build/ in the project).",
)
@click.option(
    "--format",
    "formats",
    default=",".join(FORMATS),
    show_default=True,
    help=f"Comma-separated output formats: {', '.join(FORMATS)}.",
)
@click.option("--versions", type=click.IntRange(1, 26), default=1, show_default=True,
              help="How many shuffled versions of the quiz.")
@click.option("--seed", default=None,
              help="Shuffling seed (default: the deck id, so a rebuild gives the same paper).")
@click.option("--count", type=click.IntRange(1), default=None,
              help="How many items on the quiz (default: about 40, across every item type).")
@click.option("--types", default="", help=f"Quiz only these item types (comma-separated: {', '.join(ITEM_TYPES)}).")
@click.option("--tags", default="", help="Quiz only items with any of these tags (comma-separated).")
@click.option("--documents", default="", help="Quiz only items citing these document ids (comma-separated).")
def build(
    decks: tuple[str, ...],
    project_dir: Path | None,
    out_dir: Path | None,
    formats: str,
    versions: int,
    seed: str | None,
    count: int | None,
    types: str,
    tags: str,
    documents: str,
) -> None:
    """Build decks into Anki packages and printable quizzes with answer keys.

    With no DECK, builds every deck in decks/. Writes <deck-id>.apkg,
    <deck-id>.quiz.html and <deck-id>.key.html into build/. A deck with any
    problem is not built (see 'quizgen check').

    \b
    Examples:
      quizgen build
      quizgen build soviet-withdrawal-afghanistan --format html --versions 3
      quizgen build --types quote,date --count 20 --seed period-4
      quizgen build --format apkg --out ~/Desktop
    """
    project = open_project(project_dir)
    try:
        chosen_formats = tuple(parse_formats(formats))
    except QuizgenError as error:  # a mistyped option is a usage error (exit 2), like --types
        raise click.BadParameter(error.message, param_hint="--format") from None
    options = BuildOptions(
        formats=chosen_formats,
        versions=versions,
        seed=seed,
        selection=Selection(
            types=split_choices(types, ITEM_TYPES, "--types"),
            tags=split_choices(tags),
            documents=split_choices(documents),
            count=count,
        ),
    )
    target = check_out_dir(project, out_dir or project.build_dir)
    sources = load_sources(project)
    unknown = [doc for doc in options.selection.documents if doc not in sources.documents]
    if unknown:
        raise click.BadParameter(
            f"unknown document {', '.join(unknown)}; see 'quizgen docs' for the ids",
            param_hint="--documents",
        )
    paths = deck_paths(project, decks)
    with progress(paths, "Checking", lambda path: path.stem) as bar:
        loaded = load_decks(project, bar, sources)
    problems = [problem for deck in loaded for problem in deck.problems]
    if problems:
        for problem in problems:
            click.echo(str(problem), err=True)
        raise QuizgenError(f"{len(problems)} problem(s) in the bank; nothing was built")
    with progress(loaded, "Building", lambda deck: deck.info.id) as bar:
        written = build_all(project, bar, sources, target, options)
    for path in written:
        click.echo(str(path))


def progress(steps: list[Any], label: str, name: Callable[[Any], str]) -> Any:
    """A progress bar on stderr when someone watches it; in a pipe or CI it is noise."""
    return click.progressbar(
        steps, label=label, file=sys.stderr, hidden=not sys.stderr.isatty(),
        item_show_func=lambda step: name(step) if step is not None else None,
    )


def split_choices(value: str, allowed: tuple[str, ...] = (), option: str = "") -> tuple[str, ...]:
    parts = tuple(part.strip() for part in value.split(",") if part.strip())
    unknown = [part for part in parts if allowed and part not in allowed]
    if unknown:
        raise click.BadParameter(
            f"unknown {', '.join(unknown)}; choose from {', '.join(allowed)}", param_hint=option
        )
    return parts


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def init(directory: Path) -> None:
    """Create a new project folder with the bundled sources and an example deck,
    ready for 'quizgen build', and an empty templates/ folder where a copy of a
    default template overrides it.

    \b
    Examples:
      quizgen init my-course
      cd my-course && quizgen build
    """
    from quizgen.scaffold import create_project

    for path in create_project(directory):
        click.echo(f"created {path}")

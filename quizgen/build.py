"""The pipeline: load sources -> extract and merge with the bank -> verify -> render.

Each step is a call into the module that owns it; this module only strings them
together so that `check`, `list` and `build` all see exactly the same items.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from quizgen.documents import load_corpus
from quizgen.errors import QuizgenError
from quizgen.models import DeckInfo, Document, Item, Location, Problem
from quizgen.people import PeopleRegistry, load_people
from quizgen.project import Project
from quizgen.select import Selection, default_quiz_items, filter_items, select_items

FORMATS: tuple[str, ...] = ("apkg", "html")
DEFAULT_FORMATS: tuple[str, ...] = ("apkg", "html")


@dataclass(frozen=True)
class Sources:
    """The parsed documents of a project and the people they name."""

    people: PeopleRegistry
    documents: dict[str, Document]


@dataclass
class LoadedDeck:
    """A deck after merging rules and bank, with every problem found on the way."""

    info: DeckInfo
    items: list[Item]
    problems: list[Problem]
    path: Path  # the bank it was read from


def load_sources(project: Project, only: list[str] | None = None) -> Sources:
    """Parse the project's seeds with its people registry."""
    people = load_people(project.people_file)
    return Sources(people, load_corpus(project.seeds_dir, people, only))


def load_deck(project: Project, deck_path: Path, sources: Sources) -> LoadedDeck:
    """Read a bank, add the items its rules extract, apply overrides and exclusions,
    then verify everything against the sources."""
    from quizgen.bank import load_bank, merge
    from quizgen.distractors import add_distractors
    from quizgen.extract import extract_corpus
    from quizgen.verify import locate_items, verify_items

    bank = load_bank(deck_path, known_documents=set(sources.documents), people=sources.people)
    families = {family for family, enabled in bank.info.extract.items() if enabled}
    extracted = extract_corpus(sources.documents, sources.people, families) if families else []
    items, merge_problems = merge(bank, extracted)
    problems = list(bank.problems) + merge_problems
    problems += verify_items(items, sources.documents, sources.people, bank.locations)
    items = locate_items(items, sources.documents, sources.people)
    items = add_distractors(items, sources.documents, sources.people, seed=bank.info.id)
    return LoadedDeck(bank.info, items, sorted(problems, key=_problem_order), deck_path)


def load_decks(project: Project, paths: Iterable[Path], sources: Sources) -> list[LoadedDeck]:
    """Load several decks. Two decks with one id are a problem in both files: students'
    Anki would merge them, and only the teacher knows which one is the copy."""
    decks = [load_deck(project, path, sources) for path in paths]
    for deck in decks:
        others = [other.path for other in decks if other is not deck and other.info.id == deck.info.id]
        if others:
            deck.problems.insert(0, Problem(
                f"deck id '{deck.info.id}' is also the id of {', '.join(map(str, others))}: "
                "give the new deck an id of its own (changing an id students already use "
                "makes new cards)",
                Location(str(deck.path), 1, 1)))
    return decks


def _problem_order(problem: Problem) -> tuple[str, int, int, str]:
    where = problem.location
    return (where.path, where.line, where.column, problem.message) if where else ("", 0, 0, problem.message)


def deck_paths(project: Project, names: Iterable[str]) -> list[Path]:
    """The decks named on the command line, or every deck of the project."""
    names = list(names)
    paths = [project.find_deck(name) for name in names] if names else project.deck_files()
    if not paths:
        raise QuizgenError(
            f"no decks in {project.decks_dir}: add a bank there (see 'quizgen init')"
        )
    return paths


def inputs_epoch(paths: Iterable[Path]) -> int:
    """A build timestamp that is the same for the same inputs and grows when they change.

    Anki updates a note on import only when the incoming note is newer, so the
    timestamp must grow after an edit; it must not be the clock, or builds are
    not reproducible. SOURCE_DATE_EPOCH, when set, wins.
    """
    fixed = os.environ.get("SOURCE_DATE_EPOCH")
    if fixed:
        try:
            return int(fixed)
        except ValueError:
            raise QuizgenError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {fixed!r}") from None
    newest = 0
    for path in paths:
        if path.is_dir():
            for child in path.rglob("*"):
                if child.is_file():
                    newest = max(newest, int(child.stat().st_mtime))
        elif path.is_file():
            newest = max(newest, int(path.stat().st_mtime))
    return newest


def parse_formats(value: str) -> list[str]:
    """`apkg,html` -> ["apkg", "html"], rejecting unknown names."""
    formats = [part.strip().lower() for part in value.split(",") if part.strip()]
    unknown = [name for name in formats if name not in FORMATS]
    if unknown or not formats:
        raise QuizgenError(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}"
        )
    return list(dict.fromkeys(formats))


@dataclass(frozen=True)
class BuildOptions:
    """How to build: which formats, how many quiz versions, which seed and items."""

    formats: tuple[str, ...] = DEFAULT_FORMATS
    versions: int = 1
    seed: str | None = None  # default: derived from the deck id, so a rebuild gives the same paper
    selection: Selection = Selection()


def build_deck(
    project: Project,
    deck: LoadedDeck,
    sources: Sources,
    out_dir: Path,
    options: BuildOptions,
    replaces: Path | None = None,
) -> list[Path]:
    """Render one verified deck into every requested format; returns the files written.
    `replaces` is the folder whose files these will replace (default: `out_dir`)."""
    from quizgen.render.anki import write_apkg
    from quizgen.render.html import write_quiz

    seed = options.seed if options.seed is not None else deck.info.id
    written: list[Path] = []
    if "apkg" in options.formats:
        # The Anki deck always holds every item: students re-import it over the old
        # one, so a deck narrowed for one quiz would look like lost cards.
        inputs = [deck.path, project.seeds_dir, *project.template_dirs]
        written.append(
            write_apkg(
                deck.info,
                deck.items,
                sources,
                out_dir / f"{deck.info.id}.apkg",
                timestamp=inputs_epoch(inputs),
                template_dirs=project.template_dirs,
                # SOURCE_DATE_EPOCH asks for exactly that stamp, whatever was built before.
                previous=None if os.environ.get("SOURCE_DATE_EPOCH")
                else (replaces or out_dir) / f"{deck.info.id}.apkg",
            )
        )
    if "html" in options.formats:
        if not filter_items(deck.items, replace(options.selection, count=None)):
            raise QuizgenError(f"deck '{deck.info.id}': no items match the selection")
        chosen = select_items(deck.items, options.selection, seed)
        if options.selection.count is None:
            chosen = default_quiz_items(chosen, seed)
        written += write_quiz(
            deck.info, chosen, sources, out_dir, options.versions, seed, project.template_dirs,
            selection=options.selection,
        )
    return written


def build_all(
    project: Project, decks: Iterable[LoadedDeck], sources: Sources, out_dir: Path, options: BuildOptions
) -> list[Path]:
    """Build every deck, all or nothing: the files are made in a hidden folder inside
    `out_dir` and moved into place only when every deck has built, so a failure part-way
    (a selection one deck cannot meet, a template error) leaves `out_dir` as it was."""
    created = not out_dir.exists()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".quizgen-build-", dir=out_dir))
    except OSError as error:
        raise QuizgenError(f"cannot write to {out_dir}: {error.strerror or error}") from None
    try:
        built: list[Path] = []
        for deck in decks:
            for path in build_deck(project, deck, sources, staging, options, replaces=out_dir):
                if path.name in {done.name for done in built}:
                    raise QuizgenError(
                        f"two decks would both write {path.name}: give each deck its own id"
                    )
                built.append(path)
        return [path.replace(out_dir / path.name) for path in built]
    except OSError as error:
        raise QuizgenError(f"cannot write to {out_dir}: {error.strerror or error}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if created and not any(out_dir.iterdir()):
            out_dir.rmdir()  # a build that wrote nothing leaves no empty folder behind

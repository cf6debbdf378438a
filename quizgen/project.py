"""Where a project's files are: its seeds, decks, templates and build folder.

A project folder holds `seeds/`, `decks/` and optionally `templates/`, like a
mkdocs project. Anything the project does not provide (templates, the people
registry) falls back to the copy bundled with quizgen, which lives inside the
installed package or, in a checkout, at the top of the repository.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from quizgen.errors import QuizgenError

PACKAGE_DIR = Path(__file__).resolve().parent


def bundled_root() -> Path:
    """The folder holding quizgen's own seeds/, decks/ and templates/."""
    installed = PACKAGE_DIR / "bundled"
    if installed.is_dir():
        return installed
    return PACKAGE_DIR.parent  # running from a checkout


@dataclass(frozen=True)
class Project:
    """A project folder and the places quizgen reads and writes in it."""

    root: Path

    @property
    def seeds_dir(self) -> Path:
        return self.root / "seeds"

    @property
    def decks_dir(self) -> Path:
        return self.root / "decks"

    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    @property
    def template_dirs(self) -> list[Path]:
        """The project's own templates first, so a file there overrides the default."""
        dirs = [self.root / "templates", bundled_root() / "templates"]
        unique: list[Path] = []
        for folder in dirs:
            if folder.is_dir() and folder.resolve() not in [d.resolve() for d in unique]:
                unique.append(folder)
        return unique

    @property
    def people_file(self) -> Path:
        own = self.seeds_dir / "people.yaml"
        return own if own.is_file() else bundled_root() / "seeds" / "people.yaml"

    def deck_files(self) -> list[Path]:
        """Every bank in decks/, in name order."""
        if not self.decks_dir.is_dir():
            return []
        return sorted(
            path for path in self.decks_dir.iterdir() if path.suffix in (".yaml", ".yml")
        )

    def find_deck(self, name: str) -> Path:
        """A deck named on the command line: a path, a file in decks/, or a deck file stem."""
        candidates = [Path(name), self.root / name, self.decks_dir / name]
        candidates += [self.decks_dir / f"{name}.yaml", self.decks_dir / f"{name}.yml"]
        for candidate in candidates:
            if candidate.is_file():
                return candidate
        known = ", ".join(path.stem for path in self.deck_files()) or "none"
        raise QuizgenError(f"no deck named '{name}' (decks in {self.decks_dir}: {known})")


def open_project(root: str | Path | None = None) -> Project:
    """The project at `root` (default: the current folder), checked to be one."""
    # Relative by default, so problems read "decks/x.yaml:42:7" as a compiler would say.
    folder = Path(root) if root is not None else Path(".")
    if not folder.is_dir():
        raise QuizgenError(f"{folder}: no such project folder")
    if not (folder / "seeds").is_dir() and not (folder / "decks").is_dir():
        raise QuizgenError(
            f"{folder.resolve()} is not a quizgen project: it has no seeds/ or decks/ folder. "
            "Run 'quizgen init DIR' to make one, or pass --project DIR."
        )
    return Project(folder)

"""`quizgen init`: a new project folder with the bundled sources, deck and templates."""

from __future__ import annotations

import shutil
from pathlib import Path

from quizgen.errors import QuizgenError
from quizgen.project import bundled_root


def create_project(directory: Path) -> list[Path]:
    """Copy seeds/, decks/ and templates/ from the bundled project; never overwrite."""
    if directory.exists() and any(directory.iterdir()):
        raise QuizgenError(f"{directory} already exists and is not empty; choose a new folder")
    source = bundled_root()
    created = []
    for name in ("seeds", "decks", "templates"):
        if (source / name).is_dir():
            shutil.copytree(source / name, directory / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
            created.append(directory / name)
    return created

"""`quizgen init`: a new project folder with the bundled sources and example deck."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from quizgen.bank import SCHEMA_PATH
from quizgen.errors import QuizgenError
from quizgen.project import bundled_root

TEMPLATES_README = """\
Templates placed here override quizgen's defaults, file by file.

Copy a default template into this folder under the same name (for example
anki/who-said-it.back.html or quiz/quiz.css) and edit the copy. Templates
you do not copy keep following quizgen's own, so fixes to them reach you.
The defaults are in quizgen's installed package: {defaults}
"""


def create_project(directory: Path) -> list[Path]:
    """Copy seeds/ and decks/ from the bundled project and make an empty templates/.

    Default templates are not copied: a copy would silently override every later
    fix to the defaults. Never overwrites anything.
    """
    if directory.exists() and any(directory.iterdir()):
        raise QuizgenError(f"{directory} already exists and is not empty; choose a new folder")
    source = bundled_root()
    created = []
    for name in ("seeds", "decks"):
        shutil.copytree(source / name, directory / name, ignore=shutil.ignore_patterns("__pycache__", ".keep"))
        created.append(directory / name)
    for bank in (directory / "decks").glob("*.y*ml"):
        point_schema_at_installed_copy(bank)
    templates = directory / "templates"
    templates.mkdir()
    (templates / "README.txt").write_text(
        TEMPLATES_README.format(defaults=source / "templates"), encoding="utf-8"
    )
    created.append(templates)
    return created


def point_schema_at_installed_copy(bank: Path) -> None:
    """The bundled deck names the schema relative to a checkout; a new project
    is elsewhere, so point editors at the schema that ships with quizgen."""
    text = bank.read_text(encoding="utf-8")
    text = re.sub(
        r"^(# yaml-language-server: \$schema=).*$",
        lambda match: match[1] + SCHEMA_PATH.as_uri(),
        text,
        count=1,
        flags=re.MULTILINE,
    )
    bank.write_text(text, encoding="utf-8")

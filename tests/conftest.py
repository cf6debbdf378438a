"""Shared fixtures: the repository's own project folder and its parsed sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.build import Sources, load_sources
from quizgen.project import Project

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(REPO)


@pytest.fixture(scope="session")
def sources(project: Project) -> Sources:
    return load_sources(project)

"""Renderers: verified items -> files (Anki packages, HTML quizzes).

`environment()` is the one jinja2 setup they share: strict (a typo in a
template is an error, not a blank on a printed page), autoescaping, and the
project's templates/ in front of the bundled ones so a teacher overrides a
template by dropping a file of the same name into their project.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from quizgen.errors import QuizgenError
from quizgen.models import Document, Item


def environment(template_dirs: list[Path]) -> jinja2.Environment:
    """A strict, autoescaping jinja2 environment over the given folders, first wins."""
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(d)) for d in template_dirs]),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_template(env: jinja2.Environment, name: str, **context: object) -> str:
    """Render a template, turning template mistakes into one clear error with file and line."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateNotFound as error:
        raise QuizgenError(f"template {error.name} not found (looked in templates/ and the defaults)") from None
    except jinja2.TemplateSyntaxError as error:
        raise QuizgenError(f"{error.filename or name}:{error.lineno}: template error: {error.message}") from None
    except jinja2.UndefinedError as error:
        raise QuizgenError(f"template {name}: {error.message}") from None

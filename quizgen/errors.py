"""The one exception type for mistakes in the user's input.

It is a `click.ClickException`, so the command line prints `Error: ...` and
exits 1 instead of showing a traceback.
"""

from __future__ import annotations

import click


class QuizgenError(click.ClickException):
    """A problem with the user's input or files; exit code 1, no traceback."""

    exit_code = 1

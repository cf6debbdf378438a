"""Writing built files safely: never half a file, never into decks/ or seeds/."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from quizgen.errors import QuizgenError
from quizgen.project import Project


def check_out_dir(project: Project, out_dir: Path) -> Path:
    """Refuse an output folder inside the teacher's banks or sources."""
    resolved = out_dir.resolve()
    for protected in (project.decks_dir, project.seeds_dir):
        protected = protected.resolve()
        if resolved == protected or protected in resolved.parents:
            raise QuizgenError(
                f"refusing to write into {protected}: built files go elsewhere (--out DIR)"
            )
    return out_dir


def write_atomically(path: Path, data: bytes) -> Path:
    """Write via a temporary file in the same folder, then rename, so a reader or a
    failure never sees a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # mkstemp makes the file private; a built file is for sharing, so give it
        # the permissions any new file gets under the user's umask.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path

"""An edit made within the same second as the previous build still reaches students."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageRequest
from click.testing import CliRunner

from quizgen.cli import main
from quizgen.render.anki import package_timestamp

REPO = Path(__file__).resolve().parent.parent
DECK = "soviet-withdrawal-afghanistan"


def build(project: Path, out: Path) -> Path:
    result = CliRunner().invoke(main, ["build", "--project", str(project), "--format", "apkg",
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / f"{DECK}.apkg"


def test_a_same_second_edit_is_stamped_newer_and_updates_the_note(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = tmp_path / "course"
    for name in ("seeds", "decks", "templates"):
        shutil.copytree(REPO / name, project / name)
    bank = project / "decks" / f"{DECK}.yaml"
    out = tmp_path / "build"

    first = build(project, out)
    stamp = package_timestamp(first)
    assert stamp is not None
    unchanged = first.read_bytes()
    assert build(project, out).read_bytes() == unchanged  # a rebuild with no edit changes nothing

    collection = Collection(str(tmp_path / "student.anki2"))
    collection.import_anki_package(ImportAnkiPackageRequest(package_path=str(first)))

    # The edit lands within the same second as the newest input of the first build.
    text = bank.read_text("utf-8")
    reworded = text.replace("prompt: When did Gorbachev tell Babrak Karmal",
                            "prompt: On what day did Gorbachev tell Babrak Karmal", 1)
    assert reworded != text
    bank.write_text(reworded, "utf-8")
    os.utime(bank, (stamp, stamp))

    second = build(project, out)
    assert package_timestamp(second) == stamp + 1
    log = collection.import_anki_package(ImportAnkiPackageRequest(package_path=str(second))).log
    assert len(log.new) == 0 and len(log.duplicate) == 0 and len(log.conflicting) == 0
    found = collection.find_notes('"On what day did Gorbachev tell Babrak Karmal*"')
    assert len(found) == 1
    collection.close()

    # A fresh build of the same inputs elsewhere is still reproducible from the inputs alone.
    assert package_timestamp(build(project, tmp_path / "elsewhere")) == stamp

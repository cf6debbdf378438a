"""Time `quizgen check` on a large bank: the bundled deck's items repeated to N items.

The bank is built in a temporary project beside the repository's seeds, once as
written and once with every third item broken (a changed word, a wrong date, a
misspelt key), so the time to find and explain problems shows too.

    python scripts/bench_check.py [--items 2000]
"""

from __future__ import annotations

import argparse
import re
import shutil
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

from quizgen.cli import main

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "decks" / "soviet-withdrawal-afghanistan.yaml"


def large_bank(count: int, broken: bool) -> str:
    """The bundled deck's questions renumbered and repeated to `count` items.

    Renumbered items replace no extracted item, so overrides and exclusions go."""
    text = BUNDLED.read_text(encoding="utf-8")
    head, questions = text.split("\nquestions:\n", 1)
    head = re.sub(r"(?ms)^exclude:.*", "", head)
    questions = re.sub(r"(?m)^    override: true\n", "", questions)
    entries = [entry for entry in re.split(r"\n(?=  - id: )", questions) if entry.lstrip().startswith("- id:")]
    out = []
    for number in range(count):
        entry = re.sub(r"- id: (\S+)", rf"- id: \1-{number}", entries[number % len(entries)], count=1)
        if broken and number % 3 == 0:
            entry = (entry.replace(" the ", " a ", 1).replace("answer: 19", "answer: 17", 1)
                     .replace("    source:", "    sorce:", 1 if number % 2 else 0))
        out.append(entry.rstrip() + "\n")
    return head + "\nquestions:\n" + "".join(out)


def main_(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        shutil.copytree(REPO / "seeds", project / "seeds")
        (project / "decks").mkdir()
        for broken in (False, True):
            deck = project / "decks" / "large.yaml"
            deck.write_text(large_bank(args.items, broken), encoding="utf-8")
            start = time.perf_counter()
            result = CliRunner().invoke(main, ["check", "--project", str(project)])
            elapsed = time.perf_counter() - start
            problems = sum(1 for line in result.stderr.splitlines() if not line.endswith("problem(s)"))
            label = "with every third item broken" if broken else "as written"
            print(f"{args.items} items {label}: exit {result.exit_code}, {problems} problems, {elapsed:.2f} s")


if __name__ == "__main__":
    main_()

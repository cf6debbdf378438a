"""Time and measure memory of each pipeline stage on the bundled project.

Prints, for each stage, the best wall time of R runs and the peak memory
allocated by Python during it (tracemalloc), then the parser's time on the
corpus repeated 1x/2x/4x/8x as ratios to 1x (linear growth gives ratios near N).
Compare ratios measured in one run: absolute times vary from machine to machine.

    python scripts/bench_build.py [--project DIR] [--rounds R]
"""

from __future__ import annotations

import argparse
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from quizgen.build import BuildOptions, build_deck, load_deck, load_sources
from quizgen.documents import parse_document
from quizgen.project import Project

REPO = Path(__file__).resolve().parent.parent


def measure(function: Callable[[], Any], rounds: int) -> tuple[float, float, Any]:
    """Best time in seconds, peak traced memory in MiB, and the last result."""
    best, result = float("inf"), None
    for _ in range(rounds):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return best, peak, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=REPO)
    parser.add_argument("--rounds", type=int, default=3, help="best of R runs per stage")
    args = parser.parse_args()
    project = Project(args.project)
    deck_path = project.deck_files()[0]

    print(f"{'stage':<28} {'seconds':>8} {'peak MiB':>9}")
    seconds, peak, sources = measure(lambda: load_sources(project), args.rounds)
    print(f"{'parse 5 documents':<28} {seconds:>8.3f} {peak:>9.1f}")
    seconds, peak, deck = measure(lambda: load_deck(project, deck_path, sources), args.rounds)
    print(f"{'extract+merge+verify':<28} {seconds:>8.3f} {peak:>9.1f}   ({len(deck.items)} items)")
    with tempfile.TemporaryDirectory() as out:
        for label, options in (
            ("write .apkg", BuildOptions(formats=("apkg",))),
            ("write quiz+key, 3 versions", BuildOptions(formats=("html",), versions=3)),
        ):
            seconds, peak, _ = measure(
                lambda: build_deck(project, deck, sources, Path(out), options), args.rounds
            )
            print(f"{label:<28} {seconds:>8.3f} {peak:>9.1f}")

    print(f"\n{'parse size':>10} {'chars':>9} {'seconds':>8} {'ratio':>6}")
    base = None
    for times in (1, 2, 4, 8):
        texts = {
            path: "\n\n".join([path.read_text("utf-8-sig")] * times)
            for path in sorted(project.seeds_dir.glob("*.txt"))
        }
        seconds, _, _ = measure(
            lambda: [parse_document(p, sources.people, text=t) for p, t in texts.items()],
            args.rounds,
        )
        base = base or seconds
        chars = sum(map(len, texts.values()))
        print(f"{times:>9}x {chars:>9} {seconds:>8.3f} {seconds / base:>6.2f}")


if __name__ == "__main__":
    main()

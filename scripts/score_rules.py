"""Score the extraction rules against the hand-labelled gold set of the seeds.

Prints precision, recall and F1 per kind (speaker turns, acronyms, dates,
attributed quotes, turn quotes), whether each meets the DESIGN.md bar, and every miss.

    python scripts/score_rules.py [--project DIR] [--gold FILE] [--quiet]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quizgen.build import load_sources
from quizgen.extract.scoring import BARS, load_gold, score_all
from quizgen.project import Project

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=REPO)
    parser.add_argument("--gold", type=Path, default=REPO / "tests" / "gold" / "extract.yaml")
    parser.add_argument("--turns-gold", type=Path, default=REPO / "tests" / "gold" / "documents.yaml")
    parser.add_argument("--quiet", action="store_true", help="figures only, no list of misses")
    args = parser.parse_args()
    sources = load_sources(Project(args.project))
    scores = score_all(sources.documents, sources.people, load_gold(args.gold), load_gold(args.turns_gold))
    print(f"{'kind':<18} {'TP':>4} {'FP':>4} {'FN':>4} {'P':>6} {'R':>6} {'F1':>6}  bar")
    failed = False
    for kind, score in scores.items():
        ok = score.meets(BARS[kind])
        failed |= not ok
        bar = ", ".join(f"{name} {'<=' if name == 'rejected' else '>='} {value:g}" for name, value in BARS[kind].items())
        extra = f"  rejected proposed: {score.rejected}" if kind == "turn quotes" else ""
        print(
            f"{kind:<18} {score.true_positives:>4} {score.false_positives:>4} "
            f"{score.false_negatives:>4} {score.precision:>6.3f} {score.recall:>6.3f} "
            f"{score.f1:>6.3f}  {'ok' if ok else 'BELOW'} ({bar}){extra}"
        )
    if not args.quiet:
        for kind, score in scores.items():
            for error in score.errors:
                print(f"  {kind}: {error}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

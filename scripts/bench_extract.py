"""Time the extraction rules on the corpus and on the corpus repeated 2x, 4x and 8x.

Each document's body is repeated N times (as one longer document, so rules that
rescan a document per match would show it), re-parsed and extracted. The figures
are printed as times and as ratios to 1x: linear growth gives ratios near N.

    python scripts/bench_extract.py [--project DIR] [--rounds R]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from quizgen.build import load_sources
from quizgen.documents import parse_document
from quizgen.extract import extract_corpus
from quizgen.project import Project

REPO = Path(__file__).resolve().parent.parent


def _repeated(project: Project, sources, times: int) -> dict:
    """The corpus with each document's text after its header repeated `times` times."""
    documents = {}
    for doc_id, document in sources.documents.items():
        body_start = document.paragraphs[document.body_start].start if document.paragraphs else 0
        head, body = document.text[:body_start], document.text[body_start:]
        text = head + "\n\n".join([body] * times)
        path = project.seeds_dir / f"{doc_id}.txt"
        documents[doc_id] = parse_document(path, sources.people, text=text)
    return documents


def _best_time(documents, people, rounds: int) -> tuple[float, int]:
    best, count = float("inf"), 0
    for _ in range(rounds):
        start = time.perf_counter()
        count = len(extract_corpus(documents, people))
        best = min(best, time.perf_counter() - start)
    return best, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=REPO)
    parser.add_argument("--rounds", type=int, default=3, help="best of R runs per size")
    args = parser.parse_args()
    project = Project(args.project)
    sources = load_sources(project)
    base = None
    print(f"{'size':>5} {'chars':>9} {'items':>6} {'seconds':>8} {'ratio':>6}")
    for times in (1, 2, 4, 8):
        documents = _repeated(project, sources, times)
        chars = sum(len(document.text) for document in documents.values())
        seconds, count = _best_time(documents, sources.people, args.rounds)
        base = base or seconds
        print(f"{times:>4}x {chars:>9} {count:>6} {seconds:>8.3f} {seconds / base:>6.2f}")


if __name__ == "__main__":
    main()

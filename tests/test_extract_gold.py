"""The rules against the hand-labelled gold set: the DESIGN.md quality bars.

The same scoring code prints the figures in scripts/score_rules.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.build import Sources
from quizgen.extract.scoring import BARS, load_gold, score_all

GOLD = Path(__file__).resolve().parent / "gold" / "extract.yaml"
TURNS_GOLD = Path(__file__).resolve().parent / "gold" / "documents.yaml"


@pytest.fixture(scope="module")
def scores(sources: Sources):
    return score_all(sources.documents, sources.people, load_gold(GOLD), load_gold(TURNS_GOLD))


@pytest.mark.parametrize("kind", list(BARS))
def test_quality_bar(scores, kind: str) -> None:
    score = scores[kind]
    assert score.meets(BARS[kind]), (
        f"{kind}: P={score.precision:.3f} R={score.recall:.3f} F1={score.f1:.3f} "
        f"rejected={score.rejected}\n" + "\n".join(score.errors)
    )


def test_no_rejected_sentence_is_proposed(scores) -> None:
    assert scores["turn quotes"].rejected == 0, scores["turn quotes"].errors

"""chrF: character n-gram F-score (sacreBLEU's CHRF, default settings: n=6, beta=2)."""

from __future__ import annotations

from typing import Sequence

from sacrebleu.metrics import CHRF

from audit.scoring.base import Metric, PairStatistics, _check_aligned


class ChrF(Metric):
    """chrF between a round trip and the passage; robust to inflection changes, our main signal."""

    name = "chrf"

    def __init__(self) -> None:
        self._metric = CHRF()
        self._stats = PairStatistics(self._metric)

    def sentence_score(self, hypothesis: str, reference: str) -> float:
        # What sacreBLEU's sentence_score computes, from statistics corpus_score reuses.
        return float(self._metric._aggregate_and_compute([self._stats.of(hypothesis, reference)]).score)

    def corpus_score(self, hypotheses: Sequence[str], references: Sequence[str]) -> float:
        _check_aligned(hypotheses, references)
        return float(self._metric._aggregate_and_compute(self._stats.all(hypotheses, references)).score)

    def signature(self) -> str:
        return _signature(self._metric)


def _signature(metric) -> str:
    """sacreBLEU can only sign a metric once it knows the reference count: score a dummy pair first."""
    try:
        return str(metric.get_signature())
    except ValueError:
        metric.corpus_score(["a"], [["a"]])
        return str(metric.get_signature())

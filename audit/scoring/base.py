"""The one small interface every sacreBLEU-style metric implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Sequence


class Metric(ABC):
    """A string-similarity metric between a hypothesis and one reference.

    Scores are on sacreBLEU's 0-100 scale. ``higher_is_better`` tells consumers
    which way to read a score (TER is an error rate: lower is better).
    """

    name: str = "metric"
    higher_is_better: bool = True

    @abstractmethod
    def sentence_score(self, hypothesis: str, reference: str) -> float:
        """The score of one hypothesis against one reference."""

    @abstractmethod
    def corpus_score(self, hypotheses: Sequence[str], references: Sequence[str]) -> float:
        """The corpus-level score of aligned hypotheses and references (not a mean of sentence scores)."""

    @abstractmethod
    def signature(self) -> str:
        """sacreBLEU's reproducibility signature of the metric's settings."""


def _check_aligned(hypotheses: Sequence[str], references: Sequence[str]) -> None:
    if len(hypotheses) != len(references):
        raise ValueError(f"{len(hypotheses)} hypotheses but {len(references)} references")


class PairStatistics:
    """sacreBLEU's per-pair statistics, computed once per (hypothesis, reference).

    A corpus chrF or BLEU is computed from the sum of the same per-pair statistics
    the sentence scores use (sacreBLEU's ``_aggregate_and_compute``), and the auditor
    scores every passage before scoring the file: keeping them avoids tokenising and
    counting n-grams of each pair twice. The scores are sacreBLEU's own, from its own
    statistics (tested against ``sentence_score``/``corpus_score``).
    """

    LIMIT = 20_000  # pairs kept; a long batch starts over rather than growing without bound

    def __init__(self, metric) -> None:
        self.metric = metric
        self._memo: dict[tuple[str, str], list] = {}

    def of(self, hypothesis: str, reference: str) -> list:
        key = (hypothesis, reference)
        found = self._memo.get(key)
        if found is None:
            self.metric._check_sentence_score_args(hypothesis, [reference])
            if len(self._memo) >= self.LIMIT:
                self._memo.clear()
            found = self._memo[key] = self.metric._extract_corpus_statistics([hypothesis], [[reference]])[0]
        return found

    def all(self, hypotheses: Sequence[str], references: Sequence[str]) -> list[list]:
        return [self.of(h, r) for h, r in zip(hypotheses, references)]

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

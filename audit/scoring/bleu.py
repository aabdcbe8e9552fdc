"""BLEU (sacreBLEU, 13a tokenizer); sentence scores use effective order so short passages are not zeroed."""

from __future__ import annotations

from typing import Sequence

from sacrebleu.metrics import BLEU

from audit.scoring.base import Metric, PairStatistics, _check_aligned
from audit.scoring.chrf import _signature


class Bleu(Metric):
    """BLEU between a round trip and the passage: word-level exactness, harsher than chrF."""

    name = "bleu"

    def __init__(self) -> None:
        # Sentence BLEU needs effective order (a 3-word passage has no 4-grams);
        # corpus BLEU keeps the standard definition so it compares with published figures.
        self._sentence = BLEU(effective_order=True)
        self._corpus = BLEU()
        # Effective order only changes how the statistics are combined, not the statistics
        # (same tokenizer, case and n-gram order): both variants share them.
        self._stats = PairStatistics(self._sentence)

    def sentence_score(self, hypothesis: str, reference: str) -> float:
        return float(self._sentence._aggregate_and_compute([self._stats.of(hypothesis, reference)]).score)

    def corpus_score(self, hypotheses: Sequence[str], references: Sequence[str]) -> float:
        _check_aligned(hypotheses, references)
        return float(self._corpus._aggregate_and_compute(self._stats.all(hypotheses, references)).score)

    def signature(self) -> str:
        return _signature(self._corpus)

    def sentence_signature(self) -> str:
        return _signature(self._sentence)

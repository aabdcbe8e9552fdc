"""TER: translation edit rate (sacreBLEU's TER, default settings), bounded in time.

sacreBLEU's TER searches block shifts with a beam; on long pairs that differ a lot
the search explodes (measured on this machine: 50 shuffled words 0.3 s, 100 words
1.8 s, 200 words 4 s, 400 words 14 s for ONE sentence), while real round trips
of news sentences (505 sentences, up to 62 words) take 2 ms on average, 58 ms at most. A garbled passage is
exactly such a pair, so beyond :data:`MAX_WORDS` words on either side we compute
the word edit distance without shifts instead. Shifts can only lower the number
of edits, so that value is an upper bound of TER (it equals WER); the signature
says so (``|cap:<n>w-wer``) and :attr:`Ter.capped` counts how often it happened.
"""

from __future__ import annotations

from typing import Sequence

from sacrebleu.metrics import TER

from audit.scoring.base import Metric, _check_aligned
from audit.scoring.chrf import _signature

MAX_WORDS = 60


def word_edit_distance(hyp: Sequence[str], ref: Sequence[str]) -> int:
    """Levenshtein distance over words (insertions, deletions, substitutions cost 1)."""
    if not hyp:
        return len(ref)
    if not ref:
        return len(hyp)
    previous = list(range(len(ref) + 1))
    for i, h in enumerate(hyp, start=1):
        current = [i] + [0] * len(ref)
        for j, r in enumerate(ref, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (h != r))
        previous = current
    return previous[-1]


class Ter(Metric):
    """TER of a round trip against the passage (lower is better), WER-bounded on long pairs."""

    name = "ter"
    higher_is_better = False

    def __init__(self, max_words: int = MAX_WORDS) -> None:
        self._metric = TER()
        self.max_words = max_words
        self.capped = 0
        # Corpus TER sums the same per-pair edits the sentence scores computed: keep them.
        self._memo: dict[tuple[str, str], tuple[float, float]] = {}

    def _words(self, text: str) -> list[str]:
        return self._metric.tokenizer(text.rstrip()).split()

    def edits(self, hypothesis: str, reference: str) -> tuple[float, float]:
        """(number of edits, reference length) of one pair, the statistics corpus TER sums."""
        key = (hypothesis, reference)
        if key in self._memo:
            return self._memo[key]
        if len(self._memo) > 20_000:
            self._memo.clear()
        self._memo[key] = result = self._edits(hypothesis, reference)
        return result

    def _edits(self, hypothesis: str, reference: str) -> tuple[float, float]:
        hyp, ref = self._words(hypothesis), self._words(reference)
        if max(len(hyp), len(ref)) > self.max_words:
            self.capped += 1
            return float(word_edit_distance(hyp, ref)), float(len(ref))
        score = self._metric.sentence_score(hypothesis, [reference])
        return float(score.num_edits), float(score.ref_length)

    @staticmethod
    def _rate(edits: float, ref_length: float) -> float:
        # Same conventions as sacreBLEU for empty references.
        if ref_length > 0:
            return 100.0 * edits / ref_length
        return 100.0 if edits > 0 else 0.0

    def sentence_score(self, hypothesis: str, reference: str) -> float:
        return self._rate(*self.edits(hypothesis, reference))

    def corpus_score(self, hypotheses: Sequence[str], references: Sequence[str]) -> float:
        _check_aligned(hypotheses, references)
        total_edits = total_length = 0.0
        for hyp, ref in zip(hypotheses, references):
            edits, length = self.edits(hyp, ref)
            total_edits += edits
            total_length += length
        return self._rate(total_edits, total_length)

    def signature(self) -> str:
        return f"{_signature(self._metric)}|cap:{self.max_words}w-wer"

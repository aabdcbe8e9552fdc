"""sacreBLEU metrics behind one small interface, plus the suspicion score (``scoring.suspicion``).

Each metric lives in its own module and is created once here (sacreBLEU objects
hold tokenizers and caches; building them per passage would be wasteful).
"""

from __future__ import annotations

from typing import Any, Sequence

from audit.scoring.base import Metric
from audit.scoring.bleu import Bleu
from audit.scoring.chrf import ChrF
from audit.scoring.ter import Ter

METRICS: dict[str, Metric] = {m.name: m for m in (ChrF(), Bleu(), Ter())}

DIGITS = 2


def score_pair(hypothesis: str, reference: str) -> dict[str, float]:
    """chrF, BLEU and TER of one hypothesis against one reference, rounded."""
    return {name: round(metric.sentence_score(hypothesis, reference), DIGITS) for name, metric in METRICS.items()}


def corpus_scores(hypotheses: Sequence[str], references: Sequence[str]) -> dict[str, Any]:
    """Corpus-level chrF, BLEU and TER of aligned lists, with sacreBLEU signatures.

    Empty input gives an empty dict: there is nothing to score.
    """
    if not hypotheses:
        return {}
    out: dict[str, Any] = {
        name: round(metric.corpus_score(hypotheses, references), DIGITS) for name, metric in METRICS.items()
    }
    out["segments"] = len(hypotheses)
    out["signatures"] = signatures()
    return out


def signatures() -> dict[str, str]:
    """sacreBLEU signature of every metric; BLEU's sentence variant is listed too (effective order)."""
    out = {name: metric.signature() for name, metric in METRICS.items()}
    bleu = METRICS["bleu"]
    if isinstance(bleu, Bleu):
        out["bleu_sentence"] = bleu.sentence_signature()
    return out


__all__ = ["METRICS", "Metric", "score_pair", "corpus_scores", "signatures"]

"""Sentence alignment of a source text and its translation.

Dynamic programming over *beads*: 1-1, 1-2, 2-1, 1-0 (a source sentence with no
translation: an omission) and 0-1 (a translated sentence with no source: an
addition); 3-1 and 1-3 too, rarer, for a translator who merges or splits more
freely. The cost of a bead adds

* Gale and Church's length cost: the translation's length in characters is
  normally distributed around ``c`` times the source's, with variance ``s2`` per
  source character; ``c`` is measured on the two documents themselves, since
  French is 10 to 20 % longer than English depending on the text;
* the prior cost of the bead type (-log of its probability);
* a lexical cost, ``LEXICAL_WEIGHT * (1 - similarity)``, where the similarity is
  the share of content words of both sides linked by a dictionary, a number, a
  name or a cognate (:mod:`audit.source.lexical`).

Lengths alone fail when a headline, a byline or boilerplate stands on one side
only: every later sentence then pays a small length penalty and a one-sided
sentence is hidden in a 2-1 bead. The lexical cost makes the wrong pairing
expensive, so the one-sided sentence becomes its own 1-0 or 0-1 bead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Sequence

# Bead type -> prior probability (Gale and Church's figures for 1-1; merges made rarer, since a
# headline or byline on one side must not hide in a merge; 2-2 left out: news rarely needs it).
PRIORS = {(1, 1): 0.89, (1, 2): 0.02, (2, 1): 0.02, (1, 0): 0.01, (0, 1): 0.01, (3, 1): 0.005, (1, 3): 0.005}
VARIANCE = 6.8
LEXICAL_WEIGHT = 8.0
# A one-sided sentence costs a little more than a pairing with no word linked at all.
SKIP_LEXICAL = 0.05
# Each sentence of a merge must itself match the other side: a merge whose weaker sentence has a
# similarity below this pays the difference (a one-sided headline raises the merged similarity
# through the words it shares with the story, never its own).
COMPONENT_MIN = 0.35
MAX_LENGTH_COST = 20.0
BAND = 30  # sentences either side of the diagonal explored by the search


@dataclass(frozen=True)
class Bead:
    source: tuple[int, ...]
    target: tuple[int, ...]
    cost: float
    similarity: float | None

    @property
    def kind(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"

    def to_dict(self) -> dict:
        return {"source": list(self.source), "target": list(self.target), "kind": self.kind,
                "similarity": None if self.similarity is None else round(self.similarity, 3)}


def _norm_sf(x: float) -> float:
    """P(|Z| > x) for a standard normal variable."""
    return math.erfc(x / math.sqrt(2.0))


def length_cost(source_chars: int, target_chars: int, ratio: float) -> float:
    """Gale and Church's -log P(match | lengths)."""
    if source_chars == 0 and target_chars == 0:
        return 0.0
    mean = (source_chars + target_chars / ratio) / 2.0
    delta = (target_chars - source_chars * ratio) / math.sqrt(max(mean, 1.0) * VARIANCE)
    p = _norm_sf(abs(delta))
    return min(MAX_LENGTH_COST, -math.log(p)) if p > 0 else MAX_LENGTH_COST


def align(
    source_lengths: Sequence[int],
    target_lengths: Sequence[int],
    similarity: Callable[[tuple[int, ...], tuple[int, ...]], float],
    band: int = BAND,
) -> list[Bead]:
    """The cheapest sequence of beads covering both sides in order.

    ``similarity(source_indices, target_indices)`` gives the lexical similarity in [0, 1]
    of a candidate bead.
    """
    n, m = len(source_lengths), len(target_lengths)
    total_s, total_t = sum(source_lengths), sum(target_lengths)
    ratio = (total_t / total_s) if total_s and total_t else 1.0
    ratio = min(max(ratio, 0.7), 1.6)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, float, float | None] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    skip = -math.log(PRIORS[(1, 0)]) + LEXICAL_WEIGHT * SKIP_LEXICAL
    for i in range(n + 1):
        # The diagonal drifts with the sentence counts; the band follows it.
        centre = i * m / n if n else 0
        lo, hi = max(0, int(centre) - band), min(m, int(centre) + band + 1)
        for j in range(lo, hi + 1):
            here = cost[i][j]
            if here == inf:
                continue
            for (a, b), prior in PRIORS.items():
                ni, nj = i + a, j + b
                if ni > n or nj > m:
                    continue
                src, tgt = tuple(range(i, ni)), tuple(range(j, nj))
                if a == 0 or b == 0:
                    step, sim = skip, None
                else:
                    sim = similarity(src, tgt)
                    step = (
                        -math.log(prior)
                        + length_cost(sum(source_lengths[k] for k in src), sum(target_lengths[k] for k in tgt), ratio)
                        + LEXICAL_WEIGHT * (1.0 - sim)
                    )
                    if a + b > 2:
                        weakest = min(
                            [similarity((k,), tgt) for k in src] if a > 1 else [similarity(src, (k,)) for k in tgt]
                        )
                        step += LEXICAL_WEIGHT * max(0.0, COMPONENT_MIN - weakest)
                if here + step < cost[ni][nj]:
                    cost[ni][nj] = here + step
                    back[ni][nj] = (i, j, step, sim)
    if cost[n][m] == inf:  # the band was too narrow for this pair of documents: search everything
        return align(source_lengths, target_lengths, similarity, band=max(n, m) + 1)
    beads: list[Bead] = []
    i, j = n, m
    while i > 0 or j > 0:
        pi, pj, step, sim = back[i][j]  # type: ignore[misc]
        beads.append(Bead(tuple(range(pi, i)), tuple(range(pj, j)), round(step, 3), sim))
        i, j = pi, pj
    beads.reverse()
    return beads

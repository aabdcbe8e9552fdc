"""The suspicion score of each passage: findings first, back-translation evidence to rank.

Formula (also in docs/SCORING.md)::

    F = 1 - (1 - 0.6)^majors * (1 - 0.3)^minors * (1 - I)
        I = min(0.15, 1 - 0.95^infos)             # nits never add up to a suspect
        (findings of category "backtranslation" count once per code: FR901 fires on
        no sentence of human French news, so two unknown non-French words are a reason)

    B = 0.50 * s_chrf + 0.20 * s_unknown + 0.20 * s_numbers + 0.10 * s_length
        s_chrf    = clip((z - 1) / 3)             # z: robust z-score of the round-trip chrF,
                                                  #    (median - chrF) / max(1.4826 * MAD, 5),
                                                  #    mean of the file's z and the reference z
                                                  #    (a distribution counts from 8 passages)
        s_unknown = clip(unknown_share / 0.20)    # foreign unknown words / words
        s_numbers = clip(0.5 * numbers_lost)
        s_length  = clip((|ln r| - ln 1.25) / ln 2)   # r: round-trip / passage length

    score   = 1 - (1 - F) * (1 - 0.45 * B)
    suspect = score >= threshold (0.5)

Why: measured on real text, round-trip chrF through Apertium barely separates fluent
neural MT from human French (it even rates MT as more stable), so B only ranks: on
its own it reaches at most 0.45, below the threshold. One ``major`` finding (0.6)
makes a passage suspect; one ``minor`` (0.3) does when B >= 0.64 (a round trip far
below the file's median and the French-news reference AND some other evidence);
two minors do. The reference (median and MAD of round-trip chrF over 36 untranslated
French news articles, per engine route; scripts/roundtrip_reference.py) is fixed, so
a file's scores never depend on the other files of its run.
Without an engine B is 0 and the score is F.
"""

from __future__ import annotations

import json
import math
import statistics
from functools import lru_cache
from typing import Iterable

from audit.model import FileReport, PassageReport

SEVERITY_WEIGHTS = {"major": 0.6, "minor": 0.3, "info": 0.05}
INFO_CAP = 0.15
BT_WEIGHT = 0.45
BT_PARTS = {"chrf": 0.50, "unknown": 0.20, "numbers": 0.20, "length": 0.10}
MIN_DISTRIBUTION = 8
MIN_SCALE = 5.0  # chrF points: a file of near-identical scores must not turn 3 points into 10 sigmas
MAD_TO_SIGMA = 1.4826
UNKNOWN_FULL = 0.20
LENGTH_FREE = math.log(1.25)
REFERENCE_FILE = "roundtrip_reference.json"


def _clip(x: float) -> float:
    return max(0.0, min(1.0, x))


def findings_part(passage: PassageReport) -> float:
    """F: the combined weight of the passage's findings (see the module docstring)."""
    keep = 1.0
    infos = 0
    seen_evidence: set[str] = set()
    for finding in passage.findings:
        if finding.category == "backtranslation":
            # One finding per unknown word would count the same evidence several times.
            if finding.code in seen_evidence:
                continue
            seen_evidence.add(finding.code)
        if finding.severity == "info":
            infos += 1
        else:
            keep *= 1.0 - SEVERITY_WEIGHTS.get(finding.severity, 0.0)
    info = min(INFO_CAP, 1.0 - (1.0 - SEVERITY_WEIGHTS["info"]) ** infos)
    return 1.0 - keep * (1.0 - info)


class ChrfDistribution:
    """Median and robust spread of round-trip chrF over a set of passages."""

    def __init__(self, values: Iterable[float]) -> None:
        values = list(values)
        self.size = len(values)
        if self.size >= MIN_DISTRIBUTION:
            self.median = statistics.median(values)
            mad = statistics.median(abs(v - self.median) for v in values)
            self.scale = max(MAD_TO_SIGMA * mad, MIN_SCALE)
        else:
            self.median = self.scale = 0.0

    @classmethod
    def fixed(cls, median: float, scale: float, size: int) -> "ChrfDistribution":
        """A distribution measured elsewhere, given by its median and robust scale."""
        d = cls(())
        d.size, d.median, d.scale = size, median, scale
        return d

    @property
    def usable(self) -> bool:
        return self.size >= MIN_DISTRIBUTION

    def z(self, value: float) -> float:
        """How many robust deviations ``value`` lies BELOW the median (low chrF = unstable)."""
        return (self.median - value) / self.scale


def _chrf(passage: PassageReport) -> float | None:
    # With a source, the back-translation is scored against it: that chrF replaces the round trip's.
    source_metrics = (passage.source or {}).get("metrics") if passage.source else None
    if source_metrics and isinstance(source_metrics.get("chrf"), (int, float)):
        return float(source_metrics["chrf"])
    value = passage.metrics.get("chrf") if passage.metrics else None
    return float(value) if isinstance(value, (int, float)) else None


def backtranslation_part(passage: PassageReport, distributions: list[ChrfDistribution]) -> tuple[float, float | None]:
    """(B, chrF z-score or None) for one passage; (0, None) when it was not back-translated."""
    ev = passage.evidence or {}
    chrf = _chrf(passage)
    if chrf is None and not ev:
        return 0.0, None
    z = None
    usable = [d for d in distributions if d.usable]
    if chrf is not None and usable:
        z = sum(d.z(chrf) for d in usable) / len(usable)
    s_chrf = _clip((z - 1.0) / 3.0) if z is not None else 0.0
    s_unknown = _clip(float(ev.get("unknown_share", 0.0)) / UNKNOWN_FULL)
    s_numbers = _clip(0.5 * len(ev.get("numbers_lost", ())))
    ratio = ev.get("length_ratio", ev.get("bt_length_ratio"))
    s_length = _clip((abs(math.log(ratio)) - LENGTH_FREE) / math.log(2)) if ratio and ratio > 0 else 0.0
    b = (
        BT_PARTS["chrf"] * s_chrf
        + BT_PARTS["unknown"] * s_unknown
        + BT_PARTS["numbers"] * s_numbers
        + BT_PARTS["length"] * s_length
    )
    return b, z


def reference_key(engine: dict | None) -> str:
    """The key of an engine's round-trip reference: name and route (``apertium:fr-es/spa-eng/eng-spa/es-fr``)."""
    if not engine:
        return ""
    return f"{engine.get('name', '')}:{'/'.join(engine.get('route') or ())}"


@lru_cache(maxsize=1)
def _references() -> dict[str, dict]:
    from importlib import resources

    with resources.files("audit.data").joinpath(REFERENCE_FILE).open("r", encoding="utf-8") as handle:
        return json.load(handle)


def reference_distribution(engine: dict | None) -> ChrfDistribution | None:
    """The fixed round-trip chrF distribution measured on French news for ``engine``'s route, if shipped."""
    entry = _references().get(reference_key(engine))
    if entry is None:
        return None
    return ChrfDistribution.fixed(entry["median"], entry["scale"], entry["passages"])


def assign_scores(files: list[FileReport], threshold: float = 0.5) -> None:
    """Set ``score`` and ``suspect`` of every passage of ``files``, each file on its own.

    A file's scores depend on that file alone (and the engine): its passages are
    compared with the file's own round-trip distribution and with the fixed
    reference of the engine's route (audit/data/roundtrip_reference.json), never
    with the other files of the run.

    Back-translated passages also get ``evidence["chrf_z"]`` and
    ``evidence["bt_part"]`` so that a report can say why a passage ranks high.
    """
    for f in files:
        own = ChrfDistribution(c for p in f.passages if (c := _chrf(p)) is not None)
        distributions = [own]
        # The fixed reference is of round-trip chrF; with a source, chrF is the back-translation's against it.
        reference = reference_distribution(f.engine) if f.source is None else None
        if reference is not None:
            distributions.append(reference)
        for p in f.passages:
            fp = findings_part(p)
            b, z = backtranslation_part(p, distributions)
            p.score = round(1.0 - (1.0 - fp) * (1.0 - BT_WEIGHT * b), 4)
            p.suspect = p.score >= threshold
            if p.evidence:
                p.evidence["bt_part"] = round(b, 4)
                if z is not None:
                    p.evidence["chrf_z"] = round(z, 3)

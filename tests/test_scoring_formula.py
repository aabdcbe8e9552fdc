"""The suspicion formula and TER, term by term, with values worked out by hand.

tests/test_scoring.py checks what the score decides (who is suspect); these pin
each term of the documented formula (audit/scoring/suspicion.py, docs/SCORING.md)
and TER's edge cases, so that a changed constant, bound or fallback fails a test.
Written from the survivors of a mutation run (docs/MUTATION.md).
"""

from __future__ import annotations

import json
import math
from importlib import resources

import pytest

from audit.ingest.segment import segment
from audit.model import FileReport, Finding, PassageReport
from audit.scoring.bleu import Bleu
from audit.scoring.chrf import ChrF
from audit.scoring.suspicion import (
    ChrfDistribution,
    assign_scores,
    backtranslation_part,
    findings_part,
    reference_distribution,
    reference_key,
)
from audit.scoring.ter import Ter, word_edit_distance

APERTIUM = {"name": "apertium", "route": ["fr-es", "spa-eng", "eng-spa", "es-fr"]}

NEUTRAL = {"unknown_share": 0.0, "numbers_lost": [], "length_ratio": 1.0}


def _finding(severity: str, category: str = "garble", code: str = "FR801") -> Finding:
    return Finding(code=code, category=category, severity=severity, message="m", start=0, end=1, line=1, col=1, span="P")


def _passages(count: int) -> list[PassageReport]:
    text = " ".join(f"Phrase numéro {i} du texte." for i in range(count))
    return [PassageReport(sentence=s, language="fr") for s in segment(text).sentences]


def _file(chrfs: list[float]) -> FileReport:
    passages = _passages(len(chrfs))
    for p, c in zip(passages, chrfs):
        p.metrics = {"chrf": c}
        p.evidence = dict(NEUTRAL)
    return FileReport(path="t.txt", display_path="t.txt", report_name="t", passages=passages)


# --- F: findings -------------------------------------------------------------------


def test_one_info_weighs_five_hundredths():
    p = _passages(1)[0]
    p.findings = [_finding("info")]
    assert findings_part(p) == pytest.approx(0.05)


def test_repeated_backtranslation_code_is_skipped_not_the_rest():
    # The second FR901 is skipped, the major after it still counts: 1 - 0.7 * 0.4.
    p = _passages(1)[0]
    bt = _finding("minor", category="backtranslation", code="FR901")
    p.findings = [bt, bt, _finding("major")]
    assert findings_part(p) == pytest.approx(0.72)


def test_a_score_equal_to_the_threshold_is_suspect():
    f = _file([70.0])
    f.passages[0].findings = [_finding("major")]
    assign_scores([f], threshold=0.6)
    assert f.passages[0].score == 0.6 and f.passages[0].suspect


# --- B: back-translation evidence -----------------------------------------------------


def test_chrf_distribution_counts_from_eight_passages():
    # Median 67, MAD 4 -> scale 1.4826 * 4 = 5.9304 (above the 5-point floor); 55 lies 12 below.
    d = ChrfDistribution([60, 62, 64, 66, 68, 70, 72, 74])
    assert d.usable and d.median == 67
    assert d.z(55) == pytest.approx(12 / 5.9304)
    assert not ChrfDistribution([60, 62, 64, 66, 68, 70, 72]).usable


def test_chrf_term_and_what_the_report_keeps():
    # 12 passages, outlier 41: median 69, MAD 6 -> scale 8.8956, z = 28 / 8.8956 = 3.1476;
    # s_chrf = (z - 1) / 3 = 0.71587, B = 0.5 * s_chrf = 0.35794, score = 0.45 * B = 0.16107.
    f = _file([60, 62, 64, 66, 68, 70, 72, 74, 76, 78, 80, 41])
    assign_scores([f])
    outlier = f.passages[11]
    assert outlier.evidence["chrf_z"] == 3.148
    assert outlier.evidence["bt_part"] == 0.3579
    assert outlier.score == 0.1611


def test_chrf_alone_without_other_evidence_still_ranks():
    f = _file([60, 62, 64, 66, 68, 70, 72, 74, 76, 78, 80, 41])
    for p in f.passages:
        p.evidence = {}
    assign_scores([f])
    assert f.passages[11].score == 0.1611


def test_evidence_without_chrf_still_counts():
    # Unknown words only (no round-trip chrF): s_unknown = 0.1 / 0.2, B = 0.2 * 0.5.
    p = _passages(1)[0]
    p.evidence = {"unknown_share": 0.1}
    b, z = backtranslation_part(p, [])
    assert b == pytest.approx(0.1) and z is None


def test_missing_evidence_terms_count_zero():
    # One number lost: s_numbers = 0.5; no unknown share, no length ratio: both terms 0.
    p = _passages(1)[0]
    p.evidence = {"numbers_lost": ["3"]}
    b, _ = backtranslation_part(p, [])
    assert b == pytest.approx(0.2 * 0.5)


def test_length_term_falls_back_to_the_back_translation_ratio():
    # Without a round trip only the back-translation length is known: ln 2.5 - ln 1.25 = ln 2.
    p = _passages(1)[0]
    p.evidence = {"bt_length_ratio": 2.5}
    b, _ = backtranslation_part(p, [])
    assert b == pytest.approx(0.1)


def test_a_shrunk_round_trip_counts_like_a_grown_one():
    # |ln 0.4| - ln 1.25 = ln 2: full length term, as for a ratio of 2.5.
    p = _passages(1)[0]
    p.evidence = {"length_ratio": 0.4}
    b, _ = backtranslation_part(p, [])
    assert b == pytest.approx(0.1)


# --- the fixed French-news reference of an engine route --------------------------------


def _shipped_references() -> dict:
    return json.loads(resources.files("audit.data").joinpath("roundtrip_reference.json").read_text(encoding="utf-8"))


def test_reference_key_names_engine_and_route():
    assert reference_key(None) == ""
    assert reference_key(APERTIUM) == "apertium:fr-es/spa-eng/eng-spa/es-fr"
    assert reference_key({"name": "argos"}) == "argos:"


def test_reference_distribution_is_the_shipped_one():
    entry = _shipped_references()[reference_key(APERTIUM)]
    d = reference_distribution(APERTIUM)
    assert d is not None and d.usable
    assert (d.median, d.scale, d.size) == (entry["median"], entry["scale"], entry["passages"])
    assert reference_distribution({"name": "nobody", "route": ["x"]}) is None


def test_a_small_file_is_measured_against_the_reference_alone():
    # 3 passages: no distribution of its own. chrF 2.5 reference scales below the median:
    # z = 2.5, s_chrf = 0.5, B = 0.25, score = 0.45 * 0.25.
    entry = _shipped_references()[reference_key(APERTIUM)]
    f = _file([entry["median"] - 2.5 * entry["scale"], 70.0, 70.0])
    f.engine = dict(APERTIUM)
    assign_scores([f])
    assert f.passages[0].score == 0.1125
    # With a source text, chrF is the back-translation's against it: the round-trip reference does not apply.
    f.source = {"path": "source.txt"}
    assign_scores([f])
    assert f.passages[0].score == 0.0


def test_z_is_the_mean_over_the_file_and_the_reference():
    # Own z of 41 is 3.1476 (see above); reference z = (72.45 - 41) / 11.8311 = 2.6582; mean 2.9029.
    entry = _shipped_references()[reference_key(APERTIUM)]
    assert (entry["median"], entry["scale"]) == (72.45, 11.8311)
    f = _file([60, 62, 64, 66, 68, 70, 72, 74, 76, 78, 80, 41])
    f.engine = dict(APERTIUM)
    assign_scores([f])
    assert f.passages[11].evidence["chrf_z"] == 2.903


def test_source_chrf_replaces_the_round_trip_chrf():
    reference = ChrfDistribution.fixed(69.0, 8.8956, 12)
    p = _passages(1)[0]
    p.metrics = {"chrf": 90.0}
    p.source = {"metrics": {"chrf": 41.0}}
    assert backtranslation_part(p, [reference])[1] == pytest.approx(28 / 8.8956)
    p.source = {"path": "source.txt"}  # a source without metrics for this passage: the round trip's chrF
    assert backtranslation_part(p, [reference])[1] == pytest.approx(-21 / 8.8956)


# --- metric objects (the shared ones are built at import, so build fresh ones here) ------------


def test_fresh_metrics_score_and_sign_like_sacrebleu():
    bleu, chrf = Bleu(), ChrF()
    assert bleu.sentence_score("Oui.", "Oui.") == pytest.approx(100.0)  # effective order on short passages
    assert "eff:yes" in bleu.sentence_signature() and "eff:no" in bleu.signature()
    assert bleu.corpus_score(["Le chat dort."], ["Le chat dort."]) == pytest.approx(100.0)
    assert chrf.signature().startswith("nrefs:1|") and "nc:6" in chrf.signature()
    assert chrf.sentence_score("Le chat dort.", "Le chat dort.") == pytest.approx(100.0)


# --- TER ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "hyp, ref, distance",
    [
        ("a b", "b", 1),  # one deletion at the start
        ("a", "a b c", 2),  # two insertions
        ("x a b", "a b", 1),
        ("a b c d", "b c d e", 2),
    ],
)
def test_word_edit_distance_small_cases(hyp: str, ref: str, distance: int):
    assert word_edit_distance(hyp.split(), ref.split()) == distance


def test_ter_rate_on_short_and_empty_references():
    ter = Ter()
    assert ter.sentence_score("a b c", "a") == 200.0  # two edits for a one-word reference
    assert ter.sentence_score("a b", "") == 100.0  # sacreBLEU's convention for an empty reference
    assert ter.sentence_score("a", "") == 100.0
    assert ter.sentence_score("", "") == 0.0


def test_corpus_ter_sums_edits_over_pairs():
    assert Ter().corpus_score(["a b", "c d"], ["a x", "c y"]) == 50.0  # 2 edits / 4 words


def test_corpus_ter_refuses_misaligned_lists():
    with pytest.raises(ValueError, match="2 hypotheses but 1 references"):
        Ter().corpus_score(["a", "b"], ["a"])


def test_ter_cap_starts_above_max_words_and_counts_each_pair():
    ter = Ter(max_words=3)
    ter.sentence_score("a b c", "c b a")
    assert ter.capped == 0  # exactly max_words: sacreBLEU's TER with shifts
    ter.sentence_score("a b c d", "d c b a")
    ter.sentence_score("a b c d e", "e d c b a")
    assert ter.capped == 2


def test_ter_memo_is_bounded():
    ter = Ter()
    ter._memo.update({(str(i), ""): (0.0, 0.0) for i in range(20_000)})
    ter.edits("a", "a")
    assert len(ter._memo) == 20_001  # at the bound: kept
    ter.edits("b", "b")
    assert len(ter._memo) == 1  # over it: emptied, then the new pair
    assert math.isfinite(ter.sentence_score("b", "b"))

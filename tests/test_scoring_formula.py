"""The suspicion formula and TER, term by term, with values worked out by hand.

tests/test_scoring.py checks what the score decides (who is suspect); these pin
each term of the documented formula (audit/scoring/suspicion.py, docs/SCORING.md)
and TER's edge cases, so that a changed constant, bound or fallback fails a test.
Written from the survivors of a mutation run (docs/MUTATION.md).
"""

from __future__ import annotations

import math

import pytest

from audit.ingest.segment import segment
from audit.model import FileReport, Finding, PassageReport
from audit.scoring.suspicion import ChrfDistribution, assign_scores, backtranslation_part, findings_part
from audit.scoring.ter import Ter, word_edit_distance

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

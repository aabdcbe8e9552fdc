"""sacreBLEU metrics and the suspicion score."""

from __future__ import annotations

import random
import time

import pytest
import sacrebleu

from audit.ingest.segment import segment
from audit.model import FileReport, Finding, PassageReport
from audit.scoring import METRICS, corpus_scores, score_pair, signatures
from audit.scoring.base import Metric
from audit.scoring.suspicion import assign_scores, findings_part
from audit.scoring.ter import Ter, word_edit_distance


def test_registry_and_base_class():
    assert set(METRICS) == {"chrf", "bleu", "ter"}
    assert all(isinstance(m, Metric) and m.name == name for name, m in METRICS.items())
    assert METRICS["ter"].higher_is_better is False


def test_score_pair_matches_sacrebleu():
    hyp, ref = "Le chat est sur le tapis rouge.", "Le chat dort sur le tapis rouge."
    scores = score_pair(hyp, ref)
    assert scores["chrf"] == round(sacrebleu.sentence_chrf(hyp, [ref]).score, 2)
    assert scores["bleu"] == round(sacrebleu.metrics.BLEU(effective_order=True).sentence_score(hyp, [ref]).score, 2)
    assert scores["ter"] == round(sacrebleu.sentence_ter(hyp, [ref]).score, 2)
    assert score_pair(ref, ref) == {"chrf": 100.0, "bleu": 100.0, "ter": 0.0}
    assert score_pair("Oui.", "Oui.")["bleu"] == 100.0  # effective order: short passages are not zeroed


def test_corpus_scores_with_signatures():
    hyps = ["Le chat dort.", "Il pleut sur Paris depuis lundi."]
    refs = ["Le chat dort.", "Il pleut à Paris depuis lundi."]
    out = corpus_scores(hyps, refs)
    assert out["chrf"] == round(sacrebleu.corpus_chrf(hyps, [refs]).score, 2)
    assert out["bleu"] == round(sacrebleu.corpus_bleu(hyps, [refs]).score, 2)
    assert out["ter"] == round(sacrebleu.corpus_ter(hyps, [refs]).score, 2)
    assert out["segments"] == 2
    sig = out["signatures"]
    assert sig["chrf"].startswith("nrefs:1") and "tok:13a" in sig["bleu"] and "eff:yes" in sig["bleu_sentence"]
    assert sig["ter"].endswith("|cap:60w-wer")
    assert corpus_scores([], []) == {}
    assert signatures() == sig
    with pytest.raises(ValueError):
        corpus_scores(["a"], [])


def test_ter_is_bounded_on_long_divergent_pairs():
    rng = random.Random(1)
    vocabulary = [f"mot{i}" for i in range(300)]
    hyp = " ".join(rng.choice(vocabulary) for _ in range(300))
    ref = " ".join(rng.choice(vocabulary) for _ in range(300))
    ter = Ter()
    start = time.perf_counter()
    value = ter.sentence_score(hyp, ref)
    assert time.perf_counter() - start < 2.0  # exact TER takes ~10 s here
    assert ter.capped == 1
    assert value == pytest.approx(100.0 * word_edit_distance(hyp.split(), ref.split()) / 300)
    # Below the cap the value is sacreBLEU's, shifts included.
    short_h, short_r = "a b c d e f", "d e f a b c"
    assert Ter().sentence_score(short_h, short_r) == pytest.approx(sacrebleu.sentence_ter(short_h, [short_r]).score)


def test_word_edit_distance():
    assert word_edit_distance([], ["a"]) == 1
    assert word_edit_distance(["a", "b", "c"], ["a", "c"]) == 1
    assert word_edit_distance(["a", "b"], ["b", "a"]) == 2


# --- suspicion score -------------------------------------------------------------------------

TEXT = "\n\n".join(f"Phrase numéro {i} du texte, assez ordinaire pour la statistique." for i in range(12))


def _file(chrfs=None, evidence=None):
    doc = segment(TEXT)
    passages = [PassageReport(sentence=s, language="fr") for s in doc.sentences]
    if chrfs:
        for p, c in zip(passages, chrfs):
            p.metrics = {"chrf": c, "bleu": 0.0, "ter": 0.0}
            p.evidence = dict(evidence or {"unknown_share": 0.0, "numbers_lost": [], "length_ratio": 1.0})
    return FileReport(path="t.txt", display_path="t.txt", report_name="t", passages=passages)


def _finding(severity, category="garble"):
    return Finding(code="FR801", category=category, severity=severity, message="m", start=0, end=1, line=1, col=1, span="P")


def test_findings_alone_decide_without_engine():
    f = _file()
    p = f.passages
    p[0].findings = [_finding("major")]
    p[1].findings = [_finding("minor")]
    p[2].findings = [_finding("minor"), _finding("minor")]
    p[3].findings = [_finding("info")] * 10
    p[4].findings = [_finding("minor", category="backtranslation")] * 3
    assign_scores([f])
    assert p[0].suspect and p[0].score == pytest.approx(0.6)
    assert not p[1].suspect and p[1].score == pytest.approx(0.3)
    assert p[2].suspect and p[2].score == pytest.approx(0.51)
    assert not p[3].suspect and p[3].score == pytest.approx(0.15)  # nits never add up to a suspect
    assert p[4].score == pytest.approx(0.3)  # one back-translation code counts once, however many words
    assert all(q.score == 0.0 and not q.suspect for q in p[5:])
    assert findings_part(p[0]) == pytest.approx(0.6)


def test_backtranslation_evidence_ranks_but_does_not_decide():
    chrfs = [70, 72, 71, 69, 73, 70, 71, 72, 70, 15, 68, 71]
    f = _file(chrfs)
    worst = {"unknown_share": 0.5, "numbers_lost": ["12", "3"], "length_ratio": 3.0}
    f.passages[10].evidence = dict(worst)
    assign_scores([f])
    scores = [p.score for p in f.passages]
    assert max(scores) < 0.5 and not any(p.suspect for p in f.passages)
    assert scores[9] > 0.1 and scores[10] == pytest.approx(0.45 * 0.5)  # every part but chrF maxed
    assert scores[9] == max(s for i, s in enumerate(scores) if i != 10)
    assert f.passages[9].evidence["chrf_z"] > 5 and "bt_part" in f.passages[9].evidence
    # A minor finding stays below the threshold with an unstable round trip alone...
    f.passages[9].findings = [_finding("minor")]
    f.passages[0].findings = [_finding("minor")]
    assign_scores([f])
    assert not f.passages[9].suspect and f.passages[9].score > f.passages[0].score
    # ...and crosses it when other evidence agrees.
    f.passages[9].evidence["numbers_lost"] = ["12", "3"]
    assign_scores([f])
    assert f.passages[9].suspect and not f.passages[0].suspect


def test_threshold_and_small_files():
    f = _file([50.0, 90.0])  # too few passages for a distribution: chrF is ignored
    assign_scores([f])
    assert f.passages[0].score == 0.0
    f.passages[0].findings = [_finding("minor")]
    assign_scores([f], threshold=0.25)
    assert f.passages[0].suspect


def test_chrf_and_bleu_reuse_pair_statistics_with_sacrebleus_exact_scores():
    """Sentence and corpus chrF/BLEU come from per-pair statistics kept once: same floats as sacreBLEU's API."""
    from pathlib import Path

    from audit.scoring.bleu import Bleu
    from audit.scoring.chrf import ChrF

    lines = [line for line in (Path(__file__).resolve().parents[1] / "seeds" / "001_6839ca8ef4dfad8f.txt")
             .read_text(encoding="utf-8").splitlines() if line.strip()][:40]
    # Neighbouring lines as hypotheses: different strings of the same kind; plus an exact copy and an empty one.
    hyps = lines[1:] + [lines[0], ""]
    refs = lines[:-1] + [lines[0], lines[1]]
    chrf, bleu = ChrF(), Bleu()
    sentence_chrf, sentence_bleu = sacrebleu.metrics.CHRF(), sacrebleu.metrics.BLEU(effective_order=True)
    for _ in range(2):  # the second pass reads the kept statistics
        for h, r in zip(hyps, refs):
            assert chrf.sentence_score(h, r) == sentence_chrf.sentence_score(h, [r]).score
            assert bleu.sentence_score(h, r) == sentence_bleu.sentence_score(h, [r]).score
        assert chrf.corpus_score(hyps, refs) == sacrebleu.metrics.CHRF().corpus_score(hyps, [refs]).score
        assert bleu.corpus_score(hyps, refs) == sacrebleu.metrics.BLEU().corpus_score(hyps, [refs]).score
    assert len(chrf._stats._memo) == len(set(zip(hyps, refs)))

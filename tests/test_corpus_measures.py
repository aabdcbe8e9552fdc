"""Whole-auditor measurements as regression floors: false positives on human French, recall on unseen MT."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit.config import Settings
from audit.evaluate import evaluate_run, load_gold
from audit.pipeline import audit_paths

ROOT = Path(__file__).resolve().parents[1]
CLEAN_CORPUS = ROOT.parent / "shared" / "corpora" / "fr-news-original"


@pytest.mark.slow
@pytest.mark.skipif(not CLEAN_CORPUS.is_dir(), reason="../shared/corpora/fr-news-original is not beside the project")
def test_human_french_news_gets_almost_no_major_or_minor_finding(tmp_path: Path) -> None:
    run = audit_paths([CLEAN_CORPUS], Settings(engine="apertium", cache=str(tmp_path / "cache.sqlite")))
    sentences = [p for f in run.audited for p in f.passages]
    flagged = [p for p in sentences if any(x.severity in ("major", "minor") for x in p.findings)]
    assert len(run.audited) == 36 and len(sentences) > 480
    # Measured: 3 of 509, all real slips of the originals caught by Grammalecte ("des ces", "vont-il").
    assert len(flagged) / len(sentences) <= 0.01, [(p.sentence.text, [x.code for x in p.findings]) for p in flagged]
    suspects = [p for p in sentences if p.suspect]
    assert len(suspects) / len(sentences) <= 0.01


def test_unseen_machine_translation_recall_does_not_regress() -> None:
    run = audit_paths([ROOT / "tests" / "data" / "heldout"], Settings(engine="none"))
    scores = evaluate_run(run, load_gold(ROOT / "tests" / "data" / "heldout-gold.jsonl"))
    assert scores["gold"] == 77
    # First measurement, before the set was known to the rule authors: 44.2 % (major 46.2 %);
    # 51.9 % after a blind broadening of the pack; 74.0 % (major 73.1 %) once the misses had been read.
    assert scores["recall"] >= 0.72
    assert scores["recall_major"] >= 0.70
    assert scores["precision"] >= 0.95


def test_second_blind_set_recall_does_not_regress() -> None:
    run = audit_paths([ROOT / "tests" / "data" / "heldout2"], Settings(engine="none"))
    scores = evaluate_run(run, load_gold(ROOT / "tests" / "data" / "heldout2-gold.jsonl"))
    assert scores["gold"] == 60
    # Measured once, blind, and not tuned on since: 31.7 % (major 26.3 %), precision >= 84 %.
    assert scores["recall"] >= 0.31
    assert scores["precision"] >= 0.80

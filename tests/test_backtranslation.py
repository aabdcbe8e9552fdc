"""The back-translation stage with real Apertium, its evidence and the FR9xx rules."""

from __future__ import annotations

import glob
from pathlib import Path

import pytest

from audit.backtranslation import (
    backtranslate_reports,
    evidence_findings,
    foreign_unknown_words,
    lost_numbers,
    numbers,
)
from audit.checks.factory import FindingPolicy
from audit.checks.registry import RULES
from audit.engines import EngineError, NoneEngine, select_engine
from audit.engines.apertium import ApertiumEngine
from audit.engines.cache import CachedEngine, TranslationCache
from audit.ingest.segment import segment
from audit.model import FileReport, PassageReport
from audit.scoring.suspicion import assign_scores

CLEAN = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "fr-news-original"

apertium_only = pytest.mark.skipif(not ApertiumEngine().available("fr", "en"), reason="apertium not installed")


def report(text: str, name: str = "a.txt", languages: dict[str, str] | None = None) -> FileReport:
    doc = segment(text, path=name)
    passages = [PassageReport(sentence=s, language=(languages or {}).get(s.id, "fr")) for s in doc.sentences]
    return FileReport(path=name, display_path=name, report_name=name, passages=passages, text=text)


FIRST = """Le gouvernement a présenté lundi un plan de 12,5 milliards d'euros pour l'hôpital.

Le ministre a déclaré que the meeting was postponed until further notice by the committee hier.

Cette phrase est coupée
en deux lignes par le site.

The whole paragraph is in English and stays out of the back-translation.

Oui, merci."""

SECOND = """Le gouvernement a présenté lundi un plan de 12,5 milliards d'euros pour l'hôpital.

La police a ouvert une enquête après l'accident de samedi à 14h30."""


@apertium_only
def test_stage_fills_passages_and_files_with_two_batch_calls(tmp_path):
    files = [report(FIRST, "a.txt", {"p4.s1": "en"}), report(SECOND, "b.txt")]
    apertium = ApertiumEngine()
    engine = CachedEngine(apertium, TranslationCache(tmp_path / "c.sqlite3"))
    engine_, info, _ = select_engine("apertium")
    backtranslate_reports(files, engine, info)
    assert engine.calls == 2  # one batch fr->en, one batch en->fr, for both files
    assert apertium.process_calls == 4  # and one process per hop
    assert engine.misses == 4 + 4  # 4 distinct French passages (one shared by both files), 4 English

    a, b = files
    done = [p for p in a.passages + b.passages if p.backtranslation is not None]
    assert len(done) == 5
    english, short = a.passages[3], a.passages[4]
    assert english.backtranslation is None and english.metrics == {} and english.evidence == {}
    assert short.backtranslation is None  # fewer than three words
    for p in done:
        assert p.backtranslation and p.roundtrip
        assert set(p.metrics) == {"chrf", "bleu", "ter"}
        assert {"unknown", "unknown_foreign", "unknown_share", "numbers_lost", "length_ratio", "bt_length_ratio"} <= set(p.evidence)
    wrapped = a.passages[2]
    assert "\n" in wrapped.sentence.text and "\n" not in wrapped.backtranslation
    assert a.engine == info.to_dict() and a.engine["name"] == "apertium"
    for f in files:
        assert set(f.corpus_metrics) >= {"chrf", "bleu", "ter", "segments", "signatures"}
    assert b.corpus_metrics["segments"] == 2

    mixed = a.passages[1]
    assert {"postponed", "further", "committee"} <= set(mixed.evidence["unknown_foreign"])
    codes = [f.code for f in mixed.findings]
    assert codes and set(codes) == {"FR901"}
    for finding in mixed.findings:
        assert a.text[finding.start:finding.end] == finding.span
        assert finding.category == "backtranslation" and finding.line == 3
    assert all(f.code != "FR901" for p in done if p is not mixed for f in p.findings)
    assert b.passages[1].evidence["numbers_lost"] == []  # "14h30" survives

    assert all(f.severity == "major" for f in mixed.findings)  # three words unknown and not French
    assign_scores(files)
    # FR901 never fires on human French news, so its findings are reasons; the chrF part alone is not.
    assert mixed.suspect
    assert mixed.score == max(p.score for p in done)
    assert all(not p.suspect for p in done if p is not mixed)

    # A second run hits the cache only.
    again = [report(FIRST, "a.txt", {"p4.s1": "en"}), report(SECOND, "b.txt")]
    rerun = CachedEngine(apertium, TranslationCache(tmp_path / "c.sqlite3"))
    backtranslate_reports(again, rerun, info)
    assert rerun.calls == 0 and again[0].passages[1].metrics == mixed.metrics


@apertium_only
def test_rule_selection_is_honoured():
    files = [report(FIRST)]
    engine, info, _ = select_engine("apertium")
    backtranslate_reports(files, engine, info, policy=FindingPolicy(ignore=("FR9",)))
    assert not any(p.findings for p in files[0].passages)
    assert files[0].passages[1].evidence["unknown_foreign"]


def test_no_passage_to_translate_makes_no_call():
    files = [report("Oui.\n\nNon merci.")]
    engine, info = NoneEngine(), select_engine("none")[1]
    backtranslate_reports(files, engine, info)  # NoneEngine would raise if called
    assert files[0].engine["name"] == "none"
    with pytest.raises(EngineError):
        engine.translate(["x"], "fr", "en")


def test_numbers_are_compared_without_separators():
    assert numbers("12.345,67 et 12 345 et 1 000 000, 3,5 %") == ["1234567", "12345", "1000000", "35"]
    assert lost_numbers("Il a gagné 12.345,67 euros en 2021.", "He won 12,345.67 euros in 2021.") == []
    assert lost_numbers("Rendez-vous à 14h30 le 1er mars.", "Meeting at 2:30 p.m. on March 1st.") == []
    assert lost_numbers("Les deux pays et 2 autres.", "The two countries and two others.") == []
    assert lost_numbers("Il y avait 35 000 manifestants.", "There were many demonstrators.") == ["35000"]
    assert lost_numbers("3 et 3", "3") == ["3"]


def test_foreign_unknown_words_excuses():
    text = 'Joe Biden parle de "care" et de la coopération germano-russe, puis du fouzzbar et the postponed meeting.'
    unknown = ["Biden", "care", "germano", "fouzzbar", "the", "postponed", "meeting", "x", "COVID19"]
    # "meeting" is French too (hunspell knows it): only words French lacks count.
    assert foreign_unknown_words(text, unknown) == ["fouzzbar", "the", "postponed"]
    assert foreign_unknown_words("La maison est belle.", ["maison"]) == []


def test_fr902_and_fr903_from_evidence():
    f = report("Le bilan fait état de 35 000 victimes selon les autorités locales du pays.")
    p = f.passages[0]
    p.backtranslation = "The toll."
    p.evidence = {"unknown_foreign": [], "unknown_share": 0.0, "numbers_lost": ["35000"], "bt_length_ratio": 0.12}
    found = {x.code: x for x in evidence_findings(p)}
    assert set(found) == {"FR902", "FR903"}
    assert found["FR902"].span == "35 000" and f.text[found["FR902"].start:found["FR902"].end] == "35 000"
    assert found["FR903"].span == p.sentence.text


def test_rules_are_registered_for_the_backtranslation_stage():
    for code in ("FR901", "FR902", "FR903"):
        rule = RULES[code]
        assert rule.category == "backtranslation" and rule.extra == {"stage": "backtranslation"}
        assert rule.examples == () and rule.explain and rule.severity in {"major", "minor", "info"}


@apertium_only
@pytest.mark.skipif(not CLEAN.is_dir(), reason="shared corpus not present")
def test_quiet_on_untranslated_french_news():
    """509 sentences written in French: the FR9xx rules must (almost) never fire."""
    files = [report(Path(p).read_text(encoding="utf-8"), p) for p in sorted(glob.glob(str(CLEAN / "*.txt")))]
    engine, info, _ = select_engine("apertium")
    backtranslate_reports(files, engine, info)
    passages = [p for f in files for p in f.passages if p.backtranslation is not None]
    flagged = [p for p in passages if any(x.category == "backtranslation" for x in p.findings)]
    assert len(passages) > 450
    assert len(flagged) <= len(passages) // 100, [p.sentence.text for p in flagged]
    assign_scores(files)
    assert not any(p.suspect for p in passages)

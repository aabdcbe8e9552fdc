"""CL0xx: implausible collocations, on the real spaCy parse, the shipped counts and Apertium's dictionaries."""

from __future__ import annotations

import pytest

from audit.checks import load_all
from audit.checks.collocation import judge
from audit.checks.runner import check_text
from audit.resources import bilingual
from audit.resources.collocations import RELATIONS, pairs, table
from audit.resources.nlp import analyse, available

load_all()

pytestmark = pytest.mark.skipif(not available(), reason="spaCy French model not installed")


def _pairs(text: str) -> set[tuple[str, str, str]]:
    tokens = analyse([text], parse=True)[0]
    return {(p.relation, *p.lemmas(tokens)) for p in pairs(tokens)}


def test_tokens_carry_the_dependency_parse():
    tokens = analyse(["Le gouvernement augmente les taxes."], parse=True)[0]
    taxes = next(t for t in tokens if t.lower == "taxes")
    assert taxes.dep == "obj"
    assert tokens[taxes.head].lemma == "augmenter"


def test_pairs_read_the_three_relations():
    assert ("verb-object", "augmenter", "taxe") in _pairs("Le gouvernement augmente les taxes.")
    # the passive subject is the verb's object
    assert ("verb-object", "augmenter", "taxe") in _pairs("Les taxes ont été augmentées par le gouvernement.")
    assert ("noun-adjective", "élection", "municipal") in _pairs("Les élections municipales auront lieu en mars.")
    assert ("noun-de-noun", "feu", "circulation") in _pairs("Les feux de circulation sont en panne.")
    # a complement with an article is not a compound
    assert not any(r == "noun-de-noun" for r, *_ in _pairs("La porte de la maison est ouverte."))


def test_shipped_table_is_consistent():
    mined = table()
    assert set(mined.relations) == set(RELATIONS)
    for counts in mined.relations.values():
        assert counts.total > 10_000
        for key, n in list(counts.pairs.items())[:2000]:
            head, dependent = key.split(" ")
            assert n >= 2
            assert counts.heads[head] >= n and counts.dependents[dependent] >= n
    assert mined.relations["verb-object"].observed("poser", "question") > 50


def test_judge_needs_unseen_french_and_a_literal_english_pair():
    verdict = judge("verb-object", "soulever", "taxe")
    assert verdict is not None and verdict["english"] == "raise tax"
    # French says "augmenter les taxes", often enough that "soulever" would have shown up
    assert verdict["alternative"] == ("augmenter", "taxe")
    assert verdict["projected"] >= 2.0
    assert judge("verb-object", "augmenter", "taxe") is None  # French says it
    assert judge("verb-object", "poser", "question") is None
    # unseen but rare words: no expectation, no report
    assert judge("verb-object", "soulever", "xylophone") is None


def test_check_reports_the_pair_with_its_evidence():
    text = "Le maire veut financer les travaux en soulevant des taxes locales."
    found = [f for f in check_text(text, select=["CL001"])]
    assert [f.span for f in found] == ["soulevant des taxes"]
    assert "raise tax" in found[0].evidence
    assert "'augmenter' with 'taxe'" in found[0].suggestion
    assert not check_text("Le maire veut financer les travaux en augmentant les taxes locales.", select=["CL0"])


def test_collocations_run_only_when_asked_for():
    """At their default severity (info) the CL rules do not run, so spaCy runs without its parser."""
    from audit.checks.factory import FindingPolicy
    from audit.checks.runner import build_context, run_checks
    from audit.ingest.segment import segment

    text = "Le maire veut financer les travaux en soulevant des taxes locales."
    doc = segment(text)
    by_default = run_checks(doc, build_context(doc))
    assert not [f for f in by_default if f.code.startswith("CL")]
    raised = run_checks(doc, build_context(doc, policy=FindingPolicy.of(severity={"CL001": "minor"})))
    assert [(f.code, f.severity, f.span) for f in raised if f.code.startswith("CL")] == [("CL001", "minor", "soulevant des taxes")]


def test_analysis_without_the_parser_has_the_same_tags_and_no_relations():
    text = "Les feux de circulation sont en panne depuis hier."
    tagged = analyse([text], parse=False)[0]
    parsed = analyse([text], parse=True)[0]
    assert [(t.text, t.lemma, t.pos, t.morph) for t in tagged] == [(t.text, t.lemma, t.pos, t.morph) for t in parsed]
    assert all(t.dep == "" for t in tagged) and any(t.dep == "nmod" for t in parsed)


def test_readings_lists_every_analysis_out_of_context():
    if not bilingual.available("en"):
        pytest.skip("Apertium English analyser not installed")
    found = bilingual.readings(["taxes", "raising", "zzzqx"], "en")
    assert ("tax", ("n", "pl")) in found["taxes"]
    assert any(lemma == "tax" and tags[0] == "vblex" for lemma, tags in found["taxes"])
    assert found["raising"][0][0] == "raise"
    assert found["zzzqx"] == []

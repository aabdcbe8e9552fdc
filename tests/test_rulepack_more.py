"""The news packs (senses, calques_news, constructions_news, names): loaded, documented, quiet on
correct French news close to their triggers, and firing on the English-shaped French they target."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from audit.checks import load_all
from audit.checks.registry import RULES
from audit.checks.rulepack import PACK_DIR, PACK_FILES, PREFIX_CATEGORY
from audit.checks.runner import build_context, check_text, run_checks
from audit.ingest.segment import segment

load_all()

DATA = Path(__file__).parent / "data"
NEW_PACKS = ("senses.toml", "calques_news.toml", "constructions_news.toml", "names.toml")


def _codes(pack: str) -> list[str]:
    data = tomllib.loads((PACK_DIR / pack).read_text(encoding="utf-8"))
    return [r["code"] for r in data["rule"]]


def spans(text: str, code: str) -> list[str]:
    return [f.span for f in check_text(text, select=[code]) if f.code == code]


@pytest.mark.parametrize("pack", NEW_PACKS)
def test_pack_is_loaded_and_documented(pack):
    assert pack in PACK_FILES
    codes = _codes(pack)
    assert codes
    for code in codes:
        rule = RULES[code]
        assert rule.category == PREFIX_CATEGORY[code[:2]], code
        assert rule.english and rule.suggestion, code
        assert rule.examples and rule.counterexamples, code


def test_new_packs_add_many_rules():
    assert sum(len(_codes(p)) for p in NEW_PACKS) >= 120


def test_clean_news_close_to_the_triggers_gives_no_major_or_minor_finding():
    text = (DATA / "clean_fr_news_more.txt").read_text(encoding="utf-8")
    doc = segment(text)
    assert len(doc.sentences) >= 60
    findings = run_checks(doc, build_context(doc))
    loud = [(f.code, f.span) for f in findings if f.severity in ("major", "minor")]
    assert loud == []


@pytest.mark.parametrize(
    "text",
    [
        "Elle a couru l'entreprise pendant vingt ans.",
        "Ils courent la société depuis Londres.",
        "Il courra la campagne depuis Chicago.",
    ],
)
def test_run_a_company_every_tense(text):
    assert spans(text, "MT030")


@pytest.mark.parametrize(
    "text",
    [
        "Le gouvernement roule le vaccin dans tout le pays.",
        "L'entreprise a roulé une nouvelle version.",
        "Ils rouleront le programme en mars.",
    ],
)
def test_roll_out_every_tense(text):
    assert spans(text, "CQ116")


def test_landslide_depends_on_the_context():
    assert spans("Il a remporté l'élection par un glissement de terrain.", "MT040")
    assert not spans("Un glissement de terrain a fait dix morts après les pluies.", "MT040")


def test_peacekeepers_only_in_a_un_context():
    assert spans("Deux gardiens de la paix de l'ONU ont été blessés au Liban.", "MT058")
    assert not spans("Un gardien de la paix a été blessé à Paris.", "MT058")


def test_english_names_are_left_alone_in_quotes():
    assert spans("Le sommet aura lieu à Vienna la semaine prochaine.", "EN088")
    assert not spans("Le panneau indiquait « Welcome to Vienna » en anglais.", "EN088")
    assert not spans("Les supporters de l'Antwerp ont envahi le terrain.", "EN089")


def test_state_with_capital_only():
    assert spans("La télévision d'état a diffusé les images.", "MT042") == ["état"]
    assert not spans("La télévision d'État a diffusé les images.", "MT042")
    assert not spans("Le chef d'état-major a démissionné.", "MT042")


def test_plus_que_before_a_number_but_not_ne_plus_que():
    assert spans("Plus que 200 personnes ont été évacuées.", "GR027")
    assert not spans("Il ne reste plus que 200 personnes dans la ville.", "GR027")

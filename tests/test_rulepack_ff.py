"""False friends and calques in their everyday MT forms: the widened rules fire on English-shaped
French in several tenses and word orders, and stay quiet on the correct French senses."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit.checks import load_all
from audit.checks.runner import check_text

load_all()

DATA = Path(__file__).parent / "data"


def _sentences() -> list[str]:
    text = (DATA / "clean_fr_news_ff.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_clean_corpus_is_large_enough():
    assert len(_sentences()) >= 60


def test_correct_uses_give_no_major_or_minor_finding():
    loud = []
    for sentence in _sentences():
        loud += [(f.code, f.span, sentence) for f in check_text(sentence) if f.severity in ("major", "minor")]
    assert loud == []


def test_clean_corpus_as_one_text_is_quiet():
    text = "\n".join(_sentences())
    loud = [(f.code, f.span) for f in check_text(text) if f.severity in ("major", "minor")]
    assert loud == []


@pytest.mark.parametrize(
    "code, text",
    [
        ("FF112", "Il a réalisé que la situation était grave."),
        ("FF112", "Elle réalisait que personne ne l'écoutait."),
        ("FF112", "Les dirigeants ont fini par réaliser que l'accord était mort."),
        ("FF112", "Il n'avait pas réalisé à quel point la crise était profonde."),
        ("FF003", "Nous savons définitivement que le virus circule."),
        ("FF003", "Elle a définitivement raison sur ce point."),
        ("FF003", "Je pense définitivement que c'est la bonne décision."),
        ("FF005", "Il n'y a pas d'évidence de fraude électorale."),
        ("FF005", "Il y a de l'évidence que le régime a utilisé des armes chimiques."),
        ("FF005", "Aucune évidence n'a été présentée."),
        ("FF005", "Les évidences montrent que le vaccin est efficace."),
        ("FF005", "Il n'existe aucune évidence scientifique de ce lien."),
        ("FF005", "L'évidence suggère que le suspect a agi seul."),
        ("FF004", "Nous supportons pleinement cette politique."),
        ("FF004", "Le parti a supporté le projet de loi."),
        ("FF004", "Les républicains ont supporté le candidat."),
        ("FF113", "Le projet a subi plusieurs délais."),
        ("FF113", "Les vols ont connu des délais importants à cause de la neige."),
        ("FF114", "Les passagers ont subi un délai de vol de trois heures."),
        ("FF012", "Il était excité à propos du projet."),
        ("FF012", "Je suis excité de travailler avec cette équipe."),
        ("FF004", "Les électeurs supportaient massivement la réforme."),
        ("FF006", "Les développeurs utilisent une librairie Python."),
        ("FF014", "Il a été consistant dans ses déclarations."),
        ("FF115", "Le défendant a plaidé non coupable."),
        ("FF116", "Les revenus trimestriels de Microsoft ont dépassé les attentes."),
        ("FF116", "Le groupe a généré des revenus de 5 milliards d'euros."),
        ("FF117", "Éventuellement, le gouvernement a cédé."),
        ("FF008", "La police n'a pas révélé la location du suspect."),
        ("FF023", "Le Congrès a passé la facture."),
        ("MT051", "Les incendies sauvages ravagent la Californie."),
        ("CQ009", "Cela ne fait aucun sens."),
        ("CQ010", "Le sommet prendra place à Genève."),
        ("CQ010", "Les élections prennent place en novembre."),
        ("CQ115", "Les résultats étaient en ligne avec les attentes."),
        ("CQ123", "Nous ne sommes pas encore sortis du bois."),
        ("CQ124", "Il a sauté le fusil en annonçant sa victoire."),
        ("CQ125", "Elle est sur un nuage neuf depuis sa victoire."),
        ("CQ126", "Le public lui a offert une ovation debout."),
        ("CQ127", "Le but est tombé dans la 90e minute."),
        ("CQ128", "Le nouveau CEO prendra ses fonctions en janvier."),
        ("CQ129", "Depuis le jour un, nous soutenons ce projet."),
        ("CQ130", "Le président a un agenda caché."),
    ],
)
def test_mt_forms_are_caught(code, text):
    findings = check_text(text)
    # A twin rule on the same words may carry the report, naming this one in its evidence.
    named = [f.code for f in findings] + [f.evidence or "" for f in findings]
    assert any(code == n or f"also flagged by {code}:" in n for n in named), text

"""FR2xx severity by placement: page edges, self-reference, foreign sentences, short lines, merged spans.

tests/test_checks_disclaimer.py checks which phrases are caught; these pin how
severe a catch is by where it sits in an eight-paragraph article, and how close
catches in one sentence become one finding (found by a mutation run, docs/MUTATION.md).
"""

from __future__ import annotations

import pytest

from audit.checks.runner import check_text

ARTICLE = [
    "Le conseil municipal s'est réuni jeudi soir à la mairie.",
    "Les élus ont voté le budget de la piscine.",
    "La séance a duré trois heures.",
    "Plusieurs habitants ont pris la parole.",
    "Le maire a promis une réponse rapide.",
    "Les travaux commenceront au printemps.",
    "Le chantier coûtera deux millions d'euros.",
    "La prochaine séance aura lieu en mars.",
]


def found(index: int, text: str, replace: bool = False) -> list[tuple[str, str, str, str]]:
    """FR2xx findings once ``text`` is added to (or replaces) paragraph ``index`` (0-based) of ARTICLE."""
    paragraphs = list(ARTICLE)
    paragraphs[index] = text if replace else f"{paragraphs[index]} {text}"
    return [(f.code, f.severity, f.span, f.evidence) for f in check_text("\n\n".join(paragraphs), select=["FR2"])]


NOTICE = "Le communiqué a été traduit automatiquement."


@pytest.mark.parametrize(
    "index, severity",
    [(0, "major"), (2, "major"), (3, "minor"), (4, "minor"), (5, "major"), (7, "major")],
)
def test_a_notice_is_major_in_the_first_or_last_three_paragraphs(index: int, severity: str):
    assert found(index, NOTICE) == [("FR201", severity, "traduit automatiquement", "matched 'traduit automatiquement' (fr)")]


def test_a_notice_naming_the_page_is_major_anywhere():
    assert [f[1] for f in found(3, "Ce texte a été traduit automatiquement.")] == ["major"]


def test_a_notice_in_another_language_is_major_anywhere():
    assert found(3, "The statement was machine-translated.") == [
        ("FR201", "major", "machine-translated", "matched 'machine-translated' (en)")
    ]


def test_a_weak_phrase_counts_only_when_the_text_names_itself():
    assert found(3, "On a utilisé la traduction automatique.") == []
    assert [f[:3] for f in found(3, "Cette page utilise la traduction automatique.")] == [
        ("FR201", "major", "traduction automatique")
    ]
    assert [f[:2] for f in found(3, "Cet article a été traduit de l'anglais.")] == [("FR202", "major")]


def test_a_weak_pointer_on_a_short_line_near_the_edge_is_minor():
    line = "Traduit de l'anglais par la rédaction du journal local de la ville voisine hier."
    assert len(line.split()) == 14
    assert found(0, line, replace=True) == [
        ("FR202", "minor", "Traduit de l'anglais", "matched \"Traduit de l'anglais\" (fr) on a short line")
    ]
    assert found(0, line.replace("hier.", "hier soir."), replace=True) == []  # 15 words: not a short line
    assert found(3, "Traduit de l'anglais.", replace=True) == []  # short, but mid-article


def test_close_catches_in_a_sentence_are_one_finding_with_the_worst_severity():
    assert found(0, "Traduit de l'anglais, lire l'article original ici.", replace=True) == [
        (
            "FR202",
            "major",
            "Traduit de l'anglais, lire l'article original ici",
            "matched \"Traduit de l'anglais\" (fr) on a short line; \"lire l'article original\" (fr); 'article original ici' (fr)",
        )
    ]


def test_distant_catches_in_a_sentence_stay_apart():
    sentence = "Le texte a été traduit automatiquement hier, puis la rédaction a ajouté une note : traduit par l'IA."
    assert found(3, sentence) == [
        ("FR201", "minor", "traduit automatiquement", "matched 'traduit automatiquement' (fr)"),
        ("FR201", "minor", "traduit par l'IA", "matched \"traduit par l'IA\" (fr)"),
    ]


def test_a_weak_phrase_left_aside_does_not_hide_a_later_notice():
    assert found(3, "Sans machine translation, le communiqué a été traduit automatiquement.") == [
        ("FR201", "minor", "traduit automatiquement", "matched 'traduit automatiquement' (fr)")
    ]


def test_two_minor_catches_merge_into_a_minor_finding():
    assert found(3, "Le texte fut traduit automatiquement puis traduit par l'IA.") == [
        (
            "FR201",
            "minor",
            "traduit automatiquement puis traduit par l'IA",
            "matched 'traduit automatiquement' (fr); \"traduit par l'IA\" (fr)",
        )
    ]

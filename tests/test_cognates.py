"""CG101: cognate traps mined from bilingual dictionaries, gated by French word counts."""

from __future__ import annotations

from audit.checks import cognates
from audit.checks.runner import check_text


def spans(text: str) -> list[str]:
    return [f.span for f in check_text(text, select=["CG101"])]


def test_gate_keeps_rare_french_look_alikes_and_drops_verbs():
    traps = cognates.traps()
    assert traps["motoriste"]["en"] == "motorist" and "automobiliste" in traps["motoriste"]["dictionary"]
    for entry in traps.values():
        assert entry["fr_count"] <= cognates.MAX_FRENCH_COUNT
        assert entry["en_zipf"] - entry["fr_zipf"] >= cognates.MIN_ZIPF_GAP


def test_plural_and_elided_forms_are_found_capitalised_names_are_not():
    assert spans("Les motoristes devront payer selon la distance parcourue.") == ["motoristes"]
    assert spans("Une affaire d'une décade à peine.") == ["décade"]
    assert spans("Décade est le nom de la revue.") == []


def test_the_dictionary_translation_is_quiet():
    assert spans("Les automobilistes devront payer selon la distance parcourue.") == []

"""FR104-FR106: English tokens decided from lexicons and frequencies (real hunspell, Grammalecte, wordfreq)."""

from __future__ import annotations

import pytest

from audit.checks import english_tokens
from audit.checks.runner import check_text
from audit.resources.wordlists import english_names, french_valid


def codes(text: str, prefix: str = "FR10") -> list[tuple[str, str]]:
    return [(f.code, f.span) for f in check_text(text) if f.code.startswith(prefix)]


def test_lone_english_word_after_an_elision_is_found():
    assert ("FR104", "sloppy") in codes("Le rapport dénonce l'attitude sloppy de l'administration.")


def test_emphasised_or_quoted_english_term_is_quiet():
    assert codes("Ce phénomène s'appelle *mindfulness* chez les psychologues.") == []
    assert codes("Le slogan « Make it happen » a été repris par la foule.") == []


def test_single_english_word_quoted_among_french_words_is_found():
    # a quotation whose other words are French: the engine left one word of the speaker's sentence
    assert ("FR104", "gloomy") in codes("Selon lui, la situation reste « gloomy depuis lundi ».")


def test_anglicism_measured_in_french_text_is_quiet_and_the_list_comes_from_the_mined_file():
    assert "crowdfunding" in english_tokens.anglicisms()
    assert codes("La commune a lancé un crowdfunding pour sa piscine.") == []


def test_names_are_capitalised_entries_of_the_english_dictionary():
    assert "Kerry" in english_names() and "Strife" not in english_names()
    assert french_valid("week-end") and not french_valid("wonks")


def test_headline_english_word_beside_french_title_case():
    assert ("FR105", "Reborn") in codes("Un Musée Reborn Ouvre à Lyon")
    assert codes("La National Gallery prête trois tableaux au Louvre.") == []


@pytest.mark.parametrize("text", ["Il a couru 26 miles en moins de trois heures.", "Miles Davis joue ce soir."])
def test_imperial_word_with_a_figure_or_a_name_is_not_fr106(text):
    assert [c for c, _ in codes(text) if c == "FR106"] == []


def test_invented_word_is_found_but_regular_derivations_and_foreign_titles_are_not():
    assert ("FR107", "chastisé") in codes("Le ministre a chastisé le projet de loi devant les députés.")
    assert codes("Les cyberattaques visent des entreprises réautorisées.", "FR107") == []
    assert codes("Il chante « Guten Tag, liebes Glück » depuis deux ans.", "FR107") == []


def test_a_term_the_text_repeats_is_a_deliberate_loanword():
    text = (
        "Le réglage du crossover améliore les graves. Le crossover se règle à 80 Hz.\n\n"
        "Il faut dégager le crossover du panneau."
    )
    assert [c for c, _ in codes(text) if c == "FR104"] == []
    assert ("FR104", "crossover") in codes("Le réglage du crossover améliore les graves.")


def test_explained_loanwords_and_compounds_on_french_words_are_quiet():
    assert codes("Ils jouent au shinny (hockey sans arbitre) le dimanche.", "FR104") == []
    assert codes("Le match-delegate a rédigé son rapport.", "FR104") == []
    assert codes("Après une passe volleyée, il a marqué.", "FR107") == []


def test_a_word_glossed_in_apposition_is_a_loanword_on_purpose() -> None:
    glossed = "Le pays risque un nouveau shutdown, la paralysie de l'administration fédérale."
    assert [c for c, _ in codes(glossed) if c == "FR104"] == []
    # The same word with no gloss after it is still reported.
    assert ("FR104", "shutdown") in codes("Le pays risque un nouveau shutdown dès lundi soir.")

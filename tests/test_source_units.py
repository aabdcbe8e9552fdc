"""English units rendered word for word (SR401) and misread source words (SR402), against the source."""

from __future__ import annotations

from audit.source.lexical import english_words
from audit.source.stage import audit_pair
from audit.source.units import edit_distance, source_units, synonyms, wordnet_units


def _findings(source: str, translation: str, code: str):
    return [f for f in audit_pair(source, translation).all_findings() if f.code == code]


def test_wordnet_units_are_read_from_the_package() -> None:
    units = wordnet_units()
    assert ("throw", "in", "the", "towel") in units and ("whistle-blower",) in units
    # One-word lemmas are not units.
    assert ("towel",) not in units


def test_units_match_inflected_verbs_and_skip_function_words() -> None:
    text = "The rebels were throwing in the towel at last."
    found = source_units(english_words(text), text)
    assert [(u.text, u.pos, [p.text for p in u.parts]) for u in found] == [
        ("throwing in the towel", "verb", ["throwing", "towel"])
    ]


def test_light_verbs_have_their_noun_among_their_synonyms() -> None:
    assert "birth" in synonyms(("give", "birth"), "verb")
    assert "towel" not in synonyms(("throw", "in", "the", "towel"), "verb")


def test_idiom_finding_spans_the_rendered_words_and_names_them() -> None:
    found = _findings("The minister threw in the towel yesterday.", "Le ministre a jeté la serviette hier.", "SR401")
    assert [f.span for f in found] == ["jeté la serviette"]
    assert "threw in the towel" in found[0].message
    assert "threw → jeté" in found[0].evidence and "towel → serviette" in found[0].evidence


def test_idiom_kept_in_english_is_not_a_calque() -> None:
    assert not _findings("He threw in the towel.", "Il a « threw in the towel », selon ses mots, puis jeté la serviette.", "SR401")


def test_misread_word_points_at_the_lookalike() -> None:
    found = _findings("Police will frisk the fans at the gate.", "La police va risquer les supporters à l'entrée.", "SR402")
    assert [f.span for f in found] == ["risquer"]
    assert "“risk”" in found[0].message and "“frisk”" in found[0].message


def test_agent_noun_read_through_its_verb() -> None:
    # « souffleur » is in no dictionary; souffler -> blow gives "blower", a part of "whistle-blower".
    found = _findings("He is a whistle-blower.", "Il est un souffleur.", "SR402")
    assert [f.span for f in found] == ["souffleur"] and "blower" in found[0].message


def test_compositional_compound_rendered_in_part_is_quiet() -> None:
    # "22-year-old" rendered « de 22 ans » renders only "year", and that is the French way.
    assert not _findings("A 22-year-old model opened the show.", "Un mannequin de 22 ans a ouvert le défilé.", "SR402")
    # Negations and derivations of a known word are paraphrases, not misreadings.
    assert not _findings("The outcome is unlikely.", "Le résultat est peu probable.", "SR402")


def test_edit_distance() -> None:
    assert edit_distance("risk", "frisk") == 1
    assert edit_distance("potter", "potholer") == 3  # t->h, +o, +l
    assert edit_distance("", "abc") == 3

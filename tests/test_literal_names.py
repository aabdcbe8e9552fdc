"""LN101: English names rendered word for word, from the mined data file (real data, real stemmer)."""

from __future__ import annotations

from audit.checks import literal_names
from audit.checks.runner import check_text
from audit.resources.stems import find_groups, stem, stems_of


def test_stemmer_meets_inflected_forms():
    assert stem("fédéraux") == stem("fédérale") == stem("fédéral")
    assert stem("fêtes") == stem("fête")


def test_find_groups_needs_every_group_inside_the_window():
    tokens = stems_of("Le banc du parc et plus loin, bien plus loin, la côte mondiale.")
    assert find_groups(tokens, [frozenset({stem("banc")}), frozenset({stem("mondial")})], 4) is None
    text = "Le banc mondial publie."
    span = find_groups(stems_of(text), [frozenset({stem("mondial")}), frozenset({stem("banc")})], 4)
    assert text[span[0]:span[1]] == "banc mondial"


def test_mined_names_hold_every_alternative_and_the_check_uses_them():
    names = {name: words for name, words, _ in literal_names._names()}
    bank = {w["en"]: w["fr"] for w in names["World Bank"]}
    assert "banc" in bank["bank"] and len(bank["bank"]) >= 2
    assert [f.span for f in check_text("Selon le banc mondial, la croissance ralentit.", select=["LN101"])] == ["banc mondial"]


def test_names_whose_words_have_one_sense_are_quiet():
    assert check_text("La Garde nationale a été déployée dans la ville.", select=["LN101"]) == []

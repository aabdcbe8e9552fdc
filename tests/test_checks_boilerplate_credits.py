"""FR303: which lines are photo credits, branch by branch and bound by bound.

A credit is short (at most 12 words) and takes one of four shapes: a lead word
("Photo :", "Crédit photo :", "Illustration :") then an agency, a slash, a © or a
name of at most 4 words; "<who> via <agency>" with a name of at most 6 words;
"<First Last> | <AGENCY or capitals, 2-12 letters>"; "<name> / <agency>" either
way round with a name of at most 4 words. Found by a mutation run (docs/MUTATION.md).
"""

from __future__ import annotations

import pytest

from audit.checks.boilerplate import is_credit

CREDITS = [
    "(Photo : Marc Dupuis / AFP).",  # brackets and a final full stop are peeled off
    "(Photo : Marc Dupuis / AFP)",
    "[© Reuters]",
    "Crédit photo : Jean-Paul Martin",
    "Crédit photo : © Mairie de Lyon",
    "Illustration : studio/Getty",
    "Photo : un deux/trois",
    "Photo : JEAN DUPONT",
    "Photo : Jean Marie Paul Dupont",  # a name of 4 words after the lead
    "Photo : Jean Dupont pour la grande ville de Lyon / AFP",  # 12 words
    "Anne Marie Louise Claire Dupont Martin via AFP",  # 6 words before "via"
    "service photo/mairie via AFP",
    "Photo de Marie Dupont via AFP",
    "Jean Dupont | Reuters",
    "Jean Dupont | AB",
    "Jean Dupont | ABCDEFGHIJKL",  # 12 capitals
    "AFP/Jean Dupont",
    "AFP / Jean Marie Paul Dupont",
    "Jean Marie Paul Dupont / AFP",
]

NOT_CREDITS = [
    "",
    "()",
    "Jean Dupont",
    "Photo : les pompiers du Var",  # not a name
    "Photo : Jean Marie Paul Louis Dupont",  # 5 words after the lead
    "Photo : Jean Dupont et Marie pour la grande ville de Lyon / AFP",  # 14 words
    "Anne Marie Louise Claire Dupont Martin Roux via AFP",  # 7 words before "via"
    "les pompiers via AFP",
    "Jean Dupont | A",
    "Jean Dupont | ABCDEFGHIJKLM",  # 13 capitals
    "Dupont | AFP",  # one word is not enough before "|"
    "AFP / Jean Marie Paul Louis Dupont",
    "Jean Marie Paul Louis Dupont / AFP",
    "Paris / Lyon",
    "Le maire / AFP",
    "Un deux trois quatre cinq six sept huit neuf dix onze douze",
]


@pytest.mark.parametrize("line", CREDITS)
def test_credits(line: str):
    assert is_credit(line) is True


@pytest.mark.parametrize("line", NOT_CREDITS)
def test_not_credits(line: str):
    assert is_credit(line) is False

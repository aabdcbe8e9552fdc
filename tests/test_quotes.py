"""The one model of quotations (audit/resources/quotes.py), as a table of cases, and the checks that ask it."""

from __future__ import annotations

import re

import pytest

from audit.checks.runner import check_text
from audit.resources.quotes import enclosing, is_quoted, quotations, quoted_mask, starts_with_quotation


def quoted_words(text: str, closed_only: bool = False, max_length: int | None = None) -> list[str]:
    """The words of ``text`` the model calls quoted, in order."""
    return [m.group(0) for m in re.finditer(r"\w+(?:[’-]\w+)*", text)
            if is_quoted(text, m.start(), m.end(), closed_only=closed_only, max_length=max_length)]


# text, the quoted words (any quotation), the quoted words when only closed quotations count
CASES = [
    # the case: curly English quotes, an ellipsis before the closing mark
    ("Il a dit “abonnez-vous…”", ["abonnez-vous"], ["abonnez-vous"]),
    ("Il a dit « non » hier.", ["non"], ["non"]),
    ("Il a dit «non».", ["non"], ["non"]),
    ('Il a dit "non" hier.', ["non"], ["non"]),
    ("Il a dit ‘non’ hier.", ["non"], ["non"]),
    # nesting, any order
    ("Il a lu « le texte “care” du jour » hier.", ["le", "texte", "care", "du", "jour"], ["le", "texte", "care", "du", "jour"]),
    ('« Il a dit "stop" » puis rien.', ["Il", "a", "dit", "stop"], ["Il", "a", "dit", "stop"]),
    # unclosed: runs to the end of the text, unless only closed quotations count
    ("Il a déclaré « nous ne céderons pas", ["nous", "ne", "céderons", "pas"], []),
    ("Il a déclaré “nous ne céderons pas", ["nous", "ne", "céderons", "pas"], []),
    # an inner quotation left open ends where its outer one closes
    ("« un “deux » trois", ["un", "deux"], ["un", "deux"]),
    ("“ un « deux ” trois", ["un", "deux"], ["un", "deux"]),
    # apostrophes are not closing single quotes
    ("Il a écrit ‘l’homme du jour’ hier.", ["l’homme", "du", "jour"], ["l’homme", "du", "jour"]),
    ("L’homme d’affaires est parti aujourd’hui.", [], []),
    # the engine's reversed guillemet opens the quotation
    ("Moscou a nié les accusations d' »actions agressives » hier.", ["actions", "agressives"], ["actions", "agressives"]),
    # a closing mark with nothing open quotes nothing
    ("Il est parti » hier soir.", [], []),
    ("Aucune citation ici.", [], []),
]


@pytest.mark.parametrize("text, anyway, closed", CASES)
def test_quoted_words(text: str, anyway: list[str], closed: list[str]):
    assert quoted_words(text) == anyway
    assert quoted_words(text, closed_only=True) == closed


def test_regions_marks_and_depths():
    text = "« a “b” c » d"
    outer, inner = quotations(text)
    assert (outer.start, outer.end, outer.mark, outer.closed, outer.depth) == (0, 11, "«", True, 0)
    assert (inner.start, inner.end, inner.mark, inner.closed, inner.depth) == (4, 7, "“", True, 1)
    assert text[slice(*outer.inner)] == " a “b” c " and text[slice(*inner.inner)] == "b"
    mask = quoted_mask(text)
    assert [text[i] for i, q in enumerate(mask) if q] == list(" a “b” c ")
    assert quoted_mask("« a", closed_only=True) == [False, False, False]


def test_max_length_is_a_reading_not_another_detector():
    long = "Il a dit « " + "mot " * 50 + "» hier."
    at = long.index("mot")
    assert is_quoted(long, at, at + 3)
    assert not is_quoted(long, at, at + 3, max_length=160)


@pytest.mark.parametrize("text, expected", [
    ("« Nous ne céderons pas », a-t-il dit.", True),
    ("  “Never”, he said.", True),
    ("Il a dit « non ».", False),
    ("» Nous partons.", False),
])
def test_starts_with_quotation(text: str, expected: bool):
    assert starts_with_quotation(text) is expected


def test_checks_agree_on_curly_quotes():
    """Before the one model, FR503 alone did not see “ as a quotation mark."""
    quoted = "Le ministre a lancé “La France est de retour” devant la presse."
    assert not [f for f in check_text(quoted, select=["FR503"])]
    assert [f.span for f in check_text("Le ministre a vanté La France devant la presse.", select=["FR503"])] == ["La France"]
    # The site's appeal inside someone's quoted words is not page boilerplate.
    assert not check_text("Il a dit “abonnez-vous à notre newsletter” en riant.", select=["FR302"])
    assert check_text("Abonnez-vous à notre newsletter pour ne rien manquer.", select=["FR302"])


@pytest.mark.parametrize("text, expected", [
    # straight single quotes and Markdown emphasis set a term apart, apostrophes do not
    ("Il a parlé de 'soft power' hier.", ["soft", "power"]),
    ("Le terme *soft power* revient.", ["soft", "power"]),
    ("Le terme _soft power_ revient.", ["soft", "power"]),
    ("L'agence l'a dit aujourd'hui.", []),
    ("Il a cité 'l'homme du jour' hier.", ["l'homme", "du", "jour"]),
])
def test_emphasis_reading(text: str, expected: list[str]):
    spans = [m for m in re.finditer(r"[^\W_]+(?:['’-][^\W_]+)*", text)]
    assert [m.group(0) for m in spans if is_quoted(text, m.start(), m.end(), closed_only=True, emphasis=True)] == expected
    assert [m.group(0) for m in spans if is_quoted(text, m.start(), m.end())] == []  # not in the plain reading


def test_enclosing_is_the_innermost():
    text = "« il a dit “stop” »"
    at = text.index("stop")
    assert enclosing(text, at, at + 4).mark == "“"
    assert enclosing(text, text.index("dit"), text.index("dit") + 3).mark == "«"

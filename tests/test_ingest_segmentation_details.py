"""Segmentation details the reports rely on: ids, numbering, offsets, wrapped lines, abbreviations.

tests/test_ingest.py checks the common cases; these pin the document structure
field by field and each repair rule applied after pysbd, found by a mutation run
(docs/MUTATION.md).
"""

from __future__ import annotations

import pytest

from audit.ingest.segment import _joins_previous, paragraph_spans, safe_windows, segment


def test_document_structure_field_by_field():
    text = "  Premier paragraphe ici. Deuxième phrase du premier.  \n\nSecond paragraphe, seul.\n"
    doc = segment(text)
    assert (doc.path, doc.encoding, doc.text) == ("<text>", "utf-8", text)
    first, second = doc.paragraphs
    assert (first.index, first.start, first.end, first.line, first.col) == (1, 2, 53, 1, 3)
    assert first.text == "Premier paragraphe ici. Deuxième phrase du premier."
    assert (second.index, second.start, second.end, second.line, second.col) == (2, 57, 81, 3, 1)
    rows = [(s.id, s.paragraph, s.index, s.start, s.end, s.line, s.col, s.text) for s in doc.sentences]
    assert rows == [
        ("p1.s1", 1, 1, 2, 25, 1, 3, "Premier paragraphe ici."),
        ("p1.s2", 1, 2, 26, 53, 1, 27, "Deuxième phrase du premier."),
        ("p2.s1", 2, 3, 57, 81, 3, 1, "Second paragraphe, seul."),
    ]
    assert doc.position(57) == (3, 1)


def test_path_and_encoding_are_carried():
    doc = segment("Une phrase.", path="article.txt", encoding="cp1252")
    assert (doc.path, doc.encoding) == ("article.txt", "cp1252")


@pytest.mark.parametrize(
    "text, paragraphs",
    [
        ("Fin de phrase.\nsuite en minuscule.", 2),  # a finished sentence ends the paragraph
        ("Titre sans point\nUne autre ligne.", 2),  # a capital starts a new paragraph
        ("une phrase coupée\n   en deux par la mise en page.", 1),  # indented continuation
        ("Le constructeur a présenté le nouvel\niPhone mardi.", 1),
        ("Une ligne qui continue   \nici en minuscule.", 1),
    ],
)
def test_wrapped_lines(text: str, paragraphs: int):
    assert len(paragraph_spans(text)) == paragraphs


@pytest.mark.parametrize("title", ["Dr", "Pr", "Mgr", "MM", "St", "Ste", "Me"])
def test_titles_before_a_name_do_not_end_the_sentence(title: str):
    text = f"Hier, {title}. Durand a parlé longuement. Il est reparti."
    assert [s.text for s in segment(text).sentences] == [f"Hier, {title}. Durand a parlé longuement.", "Il est reparti."]


def test_an_abbreviation_that_ends_a_sentence_before_a_capital_ends_it():
    text = "Des pommes, des poires, etc. Le marché a fermé à midi."
    assert [s.text for s in segment(text).sentences] == ["Des pommes, des poires, etc.", "Le marché a fermé à midi."]


def test_era_abbreviation_keeps_jesus_christ_in_the_sentence():
    assert [s.text for s in segment("Il est mort en 14 apr. J.-C. à Nola. Fin.").sentences] == [
        "Il est mort en 14 apr. J.-C. à Nola.",
        "Fin.",
    ]


@pytest.mark.parametrize(
    "previous, current, joins",
    [
        ("Le discours de John F.", "Kennedy fut long.", True),  # middle initial of a name
        ("Ils ont choisi le plan B.", "Tout a changé.", False),  # a letter after a common noun ends it
        ("en 63 av. J.", "-C. à Rome.", True),
        ("Il a dit.", "  ", True),  # nothing after the split: nothing to start
        ("Il est parti en sept.", "Puis il est revenu.", False),
        ("Voir le vol.", "2 du rapport.", True),
    ],
)
def test_repair_rules(previous: str, current: str, joins: bool):
    assert _joins_previous(previous, current) is joins


@pytest.mark.parametrize("title", ["M", "MM", "Mme", "Dr", "Pr", "Me", "Mgr", "St", "Ste"])
def test_a_title_joins_the_name_after_it(title: str):
    assert _joins_previous(f"Hier, {title}.", "Durand a parlé.") is True


# --- windows that keep pysbd's input short ------------------------------------------------------


def _pieces(chunk: str, limit: int) -> list[str]:
    windows = safe_windows(chunk, limit)
    # Consecutive, covering the whole chunk, none longer than the limit.
    assert windows[0][0] == 0 and windows[-1][1] == len(chunk)
    assert all(a[1] == b[0] for a, b in zip(windows, windows[1:]))
    assert all(0 < e - s <= limit for s, e in windows)
    return [chunk[s:e] for s, e in windows]


def test_windows_end_at_sentence_ends():
    chunk = "Le maire parle. Les élus votent. La séance est levée."
    assert _pieces(chunk, 20) == ["Le maire parle. ", "Les élus votent. ", "La séance est levée."]
    assert _pieces(chunk, 40) == ["Le maire parle. Les élus votent. ", "La séance est levée."]
    assert _pieces("Court.", 6) == ["Court."]


def test_windows_never_end_after_an_abbreviation():
    assert _pieces("Les élus votent. Il a vu M. Dupont hier.", 30)[0] == "Les élus votent. "


def test_a_sentence_end_in_the_first_quarter_makes_no_window():
    # A window of a few characters would cut pysbd's context for nothing: cut at a space instead.
    chunk = "Il a dit. Les élus ont voté le budget de la piscine municipale hier"
    assert _pieces(chunk, 40)[0] == "Il a dit. Les élus ont voté le budget "


def test_windows_fall_back_to_the_last_space_or_line_break_then_to_the_limit():
    assert _pieces("aaaa bbbb cccc dddd eeee ffff gggg", 12) == ["aaaa bbbb ", "cccc dddd ", "eeee ffff ", "gggg"]
    assert _pieces("aaaa\nbbbb\ncccc\ndddd", 12) == ["aaaa\nbbbb\n", "cccc\ndddd"]
    assert _pieces("abcdefghijklmnopqrstuvwxyz", 10) == ["abcdefghij", "klmnopqrst", "uvwxyz"]

"""FR102's English runs: where a run starts and stops, what it counts, what it skips.

tests/test_checks_untranslated.py checks the findings; these pin ``english_runs``
itself (names inside a run, the three-word minimum at each place a run can end,
punctuation that cuts a run, a capital that starts the sentence, URLs), found by
a mutation run (docs/MUTATION.md).
"""

from __future__ import annotations

import pytest

from audit.checks.untranslated import english_runs
from audit.ingest.segment import segment


def runs(text: str) -> list[tuple[str, int]]:
    sentence = segment(text).sentences[0]
    return [(sentence.text[start:end], count) for start, end, count in english_runs(sentence)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # ended by a French word, by punctuation, by the end of the text: three words are enough each time
        ("Il a écrit we will surrender sur son compte.", [("we will surrender", 3)]),
        ("Il a écrit we will surrender (hier).", [("we will surrender", 3)]),
        ("Il a écrit we will surrender", [("we will surrender", 3)]),
        ("Il a écrit we will sur son compte.", []),
        # a comma does not cut a run, a French word after it does
        ("Le ministre a répondu : we will never surrender today, puis il est parti.", [("we will never surrender today", 5)]),
        # a parenthesis cuts it
        ("Il a lancé we will never surrender (today) hier.", [("we will never surrender", 4)]),
        # names and capitalised words mid-sentence are neither English nor French: kept inside, not counted
        ("Selon lui, we need Joe Biden now and forever.", [("we need Joe Biden now and forever", 5)]),
        ("Il a déclaré we will Never surrender, selon Reuters.", [("we will Never surrender", 3)]),
        # the capital that starts a sentence is a word like any other
        ("We will never surrender today, a-t-il lancé.", [("We will never surrender today", 5)]),
        # a URL is masked, and masks only itself
        ("Ils ont écrit we will never surrender sur https://example.com hier.", [("we will never surrender", 4)]),
        ("Voir https://example.com/we-will-never-surrender pour les détails.", []),
    ],
)
def test_english_runs(text: str, expected: list[tuple[str, int]]):
    assert runs(text) == expected

"""The rules are not the seeds in disguise.

No rule example, counterexample or phrase-list entry may share a run of six words
with a seed article (``seeds/*.txt``): examples copied from the seeds would make
the rules look general while they only recognise the texts they were written on.
Case, apostrophes (’ and ') and spacing are ignored, and words are compared as
words, so a copied line with its quotes or punctuation changed still counts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from audit.checks import load_all
from audit.checks._data import load
from audit.checks.registry import RULES

ROOT = Path(__file__).resolve().parent.parent
RUN = 6
_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased words, apostrophes and white space of any kind ignored."""
    return _WORD.findall(text.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ").lower())


def runs(text: str, n: int = RUN) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


def strings_in(value) -> list[str]:
    """Every string in a parsed TOML value, however deeply nested."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return []


SEED_RUNS = set().union(*(runs(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))))


def rule_texts() -> list[tuple[str, str]]:
    load_all()
    out = []
    for code in sorted(RULES):
        rule = RULES[code]
        out += [(f"{code} example", t) for t in rule.examples]
        out += [(f"{code} counterexample", t) for t in rule.counterexamples]
    return out


# Phrase lists hold regular expressions: a seed line pasted in as "votre\\s+soutien\\s+est..."
# must still read as words, so white-space classes, word boundaries and groups become spaces.
_REGEX_SYNTAX = re.compile(r"\\[sbBwWd][+*?]?|\[['’]+\]\??|\(\?:|[()|?+*^$\\]")


def as_words(pattern: str) -> str:
    return _REGEX_SYNTAX.sub(lambda m: "'" if "'" in m.group() else " ", pattern)


def phrase_list_texts() -> list[tuple[str, str]]:
    names = sorted(p.name for p in (ROOT / "audit" / "data").glob("*.toml"))
    return [(name, as_words(s)) for name in names for s in strings_in(load(name))]


def test_runs_ignore_case_apostrophes_and_spaces():
    assert runs("L’OTAN a dit  NON à la Russie") & runs("l'otan a dit non à la russie, hier")
    assert not runs("cinq mots seulement ici là")


def test_regex_entries_read_as_words():
    assert words(as_words(r"\bvotre\s+soutien\s+(?:est|reste)\s+essentiel\s+pour\s+l['’]info")) == [
        "votre", "soutien", "est", "reste", "essentiel", "pour", "l", "info",
    ]


def test_seed_runs_are_read():
    assert len(SEED_RUNS) > 1000


@pytest.mark.parametrize("source", ["rules", "phrase lists"])
def test_no_six_word_run_from_a_seed(source):
    texts = rule_texts() if source == "rules" else phrase_list_texts()
    assert texts
    shared = [(where, " ".join(sorted(runs(text) & SEED_RUNS)[0])) for where, text in texts if runs(text) & SEED_RUNS]
    assert shared == [], f"{len(shared)} {source} share a six-word run with a seed: {shared}"


def test_rules_seen_only_on_the_seeds_carry_their_evidence():
    """A rule kept although it fired only on the seeds says which English construction it comes from
    and shows three examples of it (``benchmarks/seed_only_rules.py`` lists such rules)."""
    load_all()
    kept = [RULES[c] for c in sorted(RULES) if RULES[c].extra.get("evidence")]
    assert len(kept) >= 30
    for rule in kept:
        assert rule.english, rule.code
        assert len(rule.examples) >= 3, (rule.code, rule.examples)
        assert "general pattern" in rule.extra["evidence"], rule.code

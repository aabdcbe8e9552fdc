"""The rule pack's substring prefilter never hides a match (audit/resources/regex_literal.py)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from audit.checks.rulepack import _BUILTIN
from audit.resources.regex_literal import folds_safely, regex_plan

ROOT = Path(__file__).resolve().parents[1]
# Every code point except the surrogates, which a str may hold but no text contains.
EVERY_CHARACTER = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


def test_literals_are_the_ones_every_match_contains():
    plan = regex_plan(re.compile(r"\bpointe\s+(?:de\s+)?l['’](?!xyz)iceberg(?:s|es)?(?P<hit>abc)?\b", re.IGNORECASE))
    # « i » does not fold safely (« İ »), so « pointe » and « iceberg » are cut there; the optional
    # « de », the lookahead's « xyz » and the optional hit group's « abc » are not required.
    assert set(plan.required) == {("ceberg",), ("nte",), ("po",)}
    assert plan.hit_groups == ("hit",)
    assert plan.may_match("La POINTE de l'ICEBERG.")
    assert not plan.may_match("La pointe de la montagne.")
    case_sensitive = regex_plan(re.compile(r"Le (Monde|Figaro)+ dit"))
    assert case_sensitive.required == (("Figaro", "Monde"), (" dit",), ("Le ",))
    assert case_sensitive.may_match("Le Figaro dit") and not case_sensitive.may_match("le monde dit")
    assert not case_sensitive.may_match("Le Parisien dit")
    # An alternative without a literal (« \\w+ ») leaves the alternation out.
    assert regex_plan(re.compile(r"(?:x\w|\w+)y")).required == (("y",),)


def test_case_folding_keeps_every_case_insensitive_match():
    # For each character the built-in literals use, every character re.IGNORECASE matches with it
    # (searched over all of Unicode) lower-cases to the same character, or the character is not used.
    plans = [regex_plan(c.regex) for c in _BUILTIN if c.regex is not None]
    used = {ch for plan in plans if plan.fold for choices in plan.required for lit in choices for ch in lit}
    assert len(used) > 20
    for ch in sorted(used | set("aeiksçéœß")):
        matches = set(re.findall(re.escape(ch), EVERY_CHARACTER, re.IGNORECASE))
        safe = all(x.lower() == ch.lower() for x in matches)
        if ch in used:
            assert safe, (ch, sorted(matches))
        if not safe:
            assert not folds_safely(ch), (ch, sorted(matches))
    assert not folds_safely("s") and not folds_safely("i")  # « ſ », « İ »


def _texts():
    for c in _BUILTIN:
        yield from c.rule.examples
        yield from c.rule.counterexamples
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        yield from path.read_text(encoding="utf-8").splitlines()
    yield "FRANCHE ET COMMERCIALE, ſans İCEBERG ni K\u212aelvin"


def test_prefilter_never_rejects_a_text_the_regex_matches():
    texts = [t for t in _texts() if t]
    pruned = 0
    for c in _BUILTIN:
        if c.regex is None:
            continue
        plan = regex_plan(c.regex)
        for text in texts:
            if not plan.may_match(text):
                pruned += 1
                assert c.regex.search(text) is None, (c.rule.code, text)
    assert pruned > 10_000  # the prefilter does prune


def test_literals_keep_the_regex_flags():
    # A verbose pattern's spaces are not literals: « pointe » and « iceberg » are, and the text matches.
    verbose = regex_plan(re.compile(r"pointe \s+ iceberg", re.VERBOSE))
    assert set(verbose.required) == {("pointe",), ("iceberg",)}
    assert verbose.may_match("la pointe  iceberg")
    # A literal under a repetition is lower-cased with the others in a case-insensitive regex.
    repeated = regex_plan(re.compile(r"(?:Monde)+ dit", re.IGNORECASE))
    assert set(repeated.required) == {("monde",), (" d",), ("t",)}  # « i » does not fold safely
    assert repeated.regex.search("LE MONDE DIT") and repeated.may_match("LE MONDE DIT")
    # A group with its own flag matches otherwise than the rest: its literals are not required.
    scoped = regex_plan(re.compile(r"Le (?i:monde) dit"))
    assert set(scoped.required) == {("Le ",), (" dit",)}
    assert scoped.regex.search("Le MONDE dit") and scoped.may_match("Le MONDE dit")


def test_possessive_repeats_and_alternatives_give_their_most_selective_literal():
    # A possessive repetition at least once requires its literals like a greedy one.
    possessive = regex_plan(re.compile(r"(?:abc)++x"))
    assert set(possessive.required) == {("abc",), ("x",)}
    assert not possessive.may_match("ab x") and possessive.may_match("abcabcx")
    # Of an alternative's required literals the longest one stands for it (« abcdef », not « zz »).
    alternatives = regex_plan(re.compile(r"(?:zz\d+abcdef|qq)"))
    assert alternatives.required == (("abcdef", "qq"),)
    assert not alternatives.may_match("zz12 qx") and alternatives.may_match("zz12abcdef")


def test_a_bytes_pattern_gets_no_prefilter():
    plan = regex_plan(re.compile(rb"(?P<hit>abc)"))
    assert plan.required == () and plan.hit_groups == ("hit",)
    assert plan.may_match(b"xyz")

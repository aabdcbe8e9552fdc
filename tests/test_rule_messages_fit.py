"""A finding's message and suggestion fit the words it points at (issue 12, item 6).

A suggestion built for one example ("d'« actions agressives »", "NBC News", "Facebook",
"Choïgou") must not be shown on another span. For every rule's examples, the proper nouns
(capitalised words not at the head of a sentence) of the finding's message and suggestion
must not be example-specific words of another text: a word of another example or of a seed
that is absent from this example, unless it is the French form of a word of the span
(« Gorbatchev » for Gorbachev), part of the rule's English source or name, or a French word
(« Chambre », « Bourse »: the rule's own vocabulary, not a name).
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from audit.checks import load_all
from audit.checks.registry import RULES
from audit.checks.runner import check_text
from audit.resources.lexicon import in_french_lexicon

load_all()
ROOT = Path(__file__).resolve().parent.parent
_WORD = re.compile(r"[\w’'-]+")
_CAPITAL = re.compile(r"(?<![\w’'-])([A-ZÀ-Ý][\w’'-]+)")
# Capitalised words of the messages' own English that name no example.
_GENERIC = {"French", "English", "The", "An", "It", "In", "Use", "Put", "Add", "Fix", "Rewrite", "Translate",
            "Delete", "Restore", "Rejoin", "Prefer", "Write", "Keep", "This", "On", "If", "Not",
            "Arabic", "Russian", "Iranian", "Ukrainian", "Chinese", "German", "Spanish", "Italian"}


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if unicodedata.category(c) != "Mn").strip("'’-")


def _words(text: str) -> set[str]:
    return {_plain(w) for w in _WORD.findall(text)}


def proper_names(text: str) -> set[str]:
    """Capitalised words that are names, not French words (Chambre, Bourse and État are words)."""
    return {_plain(w) for w in proper_nouns(text) if not in_french_lexicon(w)}


def proper_nouns(text: str) -> list[str]:
    """Capitalised words that do not merely open a sentence or a quotation."""
    out = []
    for m in _CAPITAL.finditer(text):
        before = text[:m.start()].rstrip(" «“\"'(‘")
        if before == "" or before.endswith((".", ":", ";", "!", "?", "…")):
            continue
        word = m.group(1).strip("'’-")
        if word not in _GENERIC:
            out.append(word)
    return out


SEED_NAMES = set().union(*(proper_names(p.read_text(encoding="utf-8")) for p in (ROOT / "seeds").glob("*.txt")))


def foreign_words(rule, example: str, span: str, field: str) -> list[str]:
    """Names in ``field`` that belong to another example of the rule or to a seed, not to this one."""
    here = _words(example)
    others = set().union(*(proper_names(e) for e in rule.examples if e != example)) | SEED_NAMES
    own = _words(f"{rule.english or ''} {rule.name.replace('-', ' ')}")
    span_words = _words(span)
    bad = []
    for word in proper_nouns(field):
        w = _plain(word)
        if w in here or w in own or w not in others or in_french_lexicon(word):
            continue
        if any(SequenceMatcher(None, w, s).ratio() >= 0.5 for s in span_words):
            continue  # the French form of the span's own word (Gorbachev -> Gorbatchev)
        bad.append(word)
    return bad


_WITH_EXAMPLES = [code for code in sorted(RULES) if RULES[code].examples and RULES[code].extra.get("stage") != "backtranslation"]


@pytest.mark.parametrize("code", _WITH_EXAMPLES)
def test_message_and_suggestion_name_only_the_example_words(code):
    rule = RULES[code]
    for example in rule.examples:
        for f in check_text(example, select=[code]):
            if f.code != code:
                continue
            for field in (f.message or "", f.suggestion or ""):
                assert not foreign_words(rule, example, f.span, field), (
                    f"{code} on {f.span!r} says {field!r}: {foreign_words(rule, example, f.span, field)} belong to other texts"
                )


def test_the_check_sees_a_foreign_name():
    example = "« Nous reviendrons », a-t-il promis. Publication Instagram."
    assert foreign_words(RULES["FR801"], example, "Publication Instagram.", "(as NBC News said)") == ["NBC"]
    assert foreign_words(RULES["EN012"], "Gorbachev est mort.", "Gorbachev", "French writes « Gorbatchev ».") == []


def _one(code: str, text: str):
    found = [f for f in check_text(text, select=[code]) if f.code == code]
    assert len(found) == 1, (code, text, found)
    return found[0]


def test_known_misfits_are_gone():
    f = _one("FR501", "Il a parlé d' »agression » hier soir.")
    assert "d'« agression »" in f.suggestion and "actions" not in f.suggestion
    f = _one("OM005", "« Rien n'est décidé », a indiqué une porte-parole de la compagnie CNN mardi.")
    assert "CNN" in f.suggestion and "NBC" not in f.message + f.suggestion
    f = _one("FR801", "« Nous reviendrons », a-t-il promis. Publication Instagram.")
    assert "Instagram" in f.suggestion and "Facebook" not in f.suggestion
    for name, french in (("Kosachev", "Kossatchev"), ("Slutsky", "Sloutski")):
        f = _one("EN020", f"Le député {name} a voté contre.")
        assert f.suggestion == french
        shown = " ".join((f.message, f.suggestion, f.evidence or ""))
        assert not {"Choïgou", "Guerassimov", "Michoustine", "Shoigu", "Gerasimov", "Mishustin"} & set(_WORD.findall(shown))

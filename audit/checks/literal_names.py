"""LN101: an English institution or programme name translated word for word.

Engines that do not recognise a name translate its words one by one and pick the
everyday sense: a party becomes a "fête", a bank a "banc", a trust "confiance".
The names and their word-for-word renderings are mined, not written:
``scripts/mine_literal_names.py`` takes title-case names from WordNet 3.0 and
translates each word through Apertium's bilingual dictionaries, keeping every
alternative, then drops the renderings real French text uses ("Cour suprême").
The check reports a stretch of a sentence that holds one rendering of every word
of a name, when at least one of the name's words has several senses in the
dictionaries (where a word-for-word rendering goes wrong).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from audit.checks._data import load_json
from audit.checks.registry import Rule, check
from audit.model import Document, Finding
from audit.resources.stems import find_groups, stem, stems_of

LN101 = Rule(
    code="LN101",
    name="literal-name",
    category="entity",
    severity="major",
    message="An English name translated word for word: keep the name or use its French form.",
    explain=(
        "Catches the words of an English institution, movement or programme name rendered one by one "
        "in their everyday sense ('la banque' of World Bank turned into 'le banc mondial', 'Party' into "
        "'fête'). The names come from WordNet and their word-for-word renderings from Apertium's "
        "dictionaries; renderings that real French text uses are not reported. Fix: use the name's "
        "French form (Banque mondiale) or keep the English name."
    ),
    suggestion="Use the established French name, or keep the English name.",
    english="a name rendered word for word",
    examples=("Le [[banc mondial]] a relevé ses prévisions de croissance.",),
    counterexamples=(
        "La Banque mondiale a relevé ses prévisions de croissance.",
        "Les élèves se sont assis sur un banc du parc.",
    ),
)


@lru_cache(maxsize=1)
def _names() -> list[tuple[str, list[dict], list[frozenset[str]]]]:
    data = load_json("literal_names.json")
    out = []
    for name, entry in data["names"].items():
        words = entry["words"]
        out.append((name, words, [frozenset(stem(x) for x in w["fr"]) for w in words]))
    return out


def _ambiguous(words: list[dict]) -> bool:
    """Some word of the name has several senses in the dictionaries: the engine had to pick one.

    A name whose every word has one translation ("Garde nationale", "Révolution culturelle") is
    rendered the way French renders it; one with an ambiguous word ("bank": banc, côte) is where
    word-for-word translation goes wrong.
    """
    return any(len(word["fr"]) >= 2 for word in words)


@check(LN101)
def literal_name(doc: Document, ctx) -> Iterable[Finding]:
    """One word-for-word French rendering of every word of a mined English name with an ambiguous word."""
    names = _names()
    for sentence in doc.sentences:
        tokens = stems_of(sentence.text)
        present = {t[2] for t in tokens}
        for name, words, groups in names:
            if not all(present & g for g in groups):
                continue
            span = find_groups(tokens, groups, 2 * len(groups) + 2)
            if span is None:
                continue
            stretch = [t for t in tokens if span[0] <= t[0] and t[1] <= span[1]]
            matched = [next((sentence.text[t[0]:t[1]] for t in stretch if t[2] in g), "") for g in groups]
            if not _ambiguous(words):
                continue
            yield ctx.finding(
                "LN101", sentence.start + span[0], sentence.start + span[1],
                evidence=f"“{name}” rendered word for word (" + ", ".join(f"{w['en']} → {m}" for w, m in zip(words, matched)) + ")",
            )

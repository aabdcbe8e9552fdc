"""CG101: a French word chosen for its spelling, where the English word means something else.

"motorists" becomes "motoristes" (engine makers), "decade" "décade" (ten days),
"vicious" "vicieuses". The pairs are mined, not listed: ``scripts/mine_false_friends.py``
pairs French and English words spelt alike (regular suffix correspondences) and keeps
those the bilingual dictionaries (Apertium, FreeDict) never translate into each other.
The context gate comes from real text, not from guesses: a trap is reported only when
French writers hardly use the French word (at most MAX_FRENCH_COUNT times in the
3.3-million-word French corpus) while its English look-alike is more frequent in
English than the French word is in French (by MIN_ZIPF_GAP). On the dev half of the
real-MT gold and on French-original news these two values kept the hits on
annotated errors and dropped words French news uses (see docs/REAL_MT.md).
Only nouns and adjectives are kept: for verb forms the dictionaries' lemmas do not
line up, and the pairs are noise.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from audit.checks.english_tokens import _tokens
from audit.checks._data import load_json
from audit.checks.registry import Rule, check
from audit.model import Document, Finding
from audit.resources.wordlists import grammalecte_spellchecker

MAX_FRENCH_COUNT = 5
MIN_ZIPF_GAP = 0.15

CG101 = Rule(
    code="CG101",
    name="cognate-trap",
    category="false-friend",
    severity="minor",
    message="A French word that only looks like the English one: the meaning differs.",
    explain=(
        "Catches French nouns and adjectives spelt like an English word that bilingual dictionaries "
        "never translate by them ('décade' is ten days, not a decade; 'compréhensif' is understanding, "
        "not comprehensive), and that French writers rarely use, while the English word is common: the "
        "engine chose the look-alike. The pairs are mined from Apertium's and FreeDict's dictionaries; "
        "the gate from word counts in real French text. Fix: check the English and use the word the "
        "dictionary gives (décennie, complet)."
    ),
    suggestion="Use the French word the dictionary gives for the English one.",
    english="a cognate whose sense differs",
    examples=("Le pays a connu trois [[décades]] de croissance continue.",),
    counterexamples=(
        "Le pays a connu trois décennies de croissance continue.",
        "Les automobilistes sont invités à ralentir.",
    ),
)


@lru_cache(maxsize=1)
def traps() -> dict[str, dict]:
    """Lower-case French form -> trap entry, after the context gate."""
    data = load_json("false_friends.json")
    checker = grammalecte_spellchecker()
    out = {}
    for word, entry in data["traps"].items():
        if word == entry["en"] or entry["fr_count"] > MAX_FRENCH_COUNT or entry["en_zipf"] - entry["fr_zipf"] < MIN_ZIPF_GAP:
            continue
        morphs = checker.getMorph(word) if checker is not None else []
        if not morphs or any(":V" in m or not (":N" in m or ":A" in m) for m in morphs):
            continue
        for form in (word, word + "s", word + "x") if not word.endswith(("s", "x")) else (word,):
            out.setdefault(form, {**entry, "fr": word})
    return out


@check(CG101)
def cognate_trap(doc: Document, ctx) -> Iterable[Finding]:
    """A lower-case French noun or adjective from the mined cognate traps, past the frequency gate."""
    found = traps()
    for sentence in doc.sentences:
        for start, end, word in _tokens(sentence.text):
            entry = found.get(word) if word[:1].islower() else None
            if entry is None:
                continue
            yield ctx.finding(
                "CG101", sentence.start + start, sentence.start + end,
                evidence=f"“{word}” looks like English “{entry['en']}”, which the dictionaries translate as {', '.join(entry['dictionary'][:3])}",
            )

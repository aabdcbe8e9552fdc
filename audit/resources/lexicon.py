"""Word lists that tell French from English words.

Apertium's dictionary is small and langid models are unreliable on a few words,
so every "this word is not French" decision goes through a real French lexicon
(hunspell-fr, answered from the forms spylls accepts, precomputed once: see
``audit.resources.hunspell_words``) and word frequencies in both languages (wordfreq).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

HUNSPELL_DIRS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"))

WORD_RE = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿŒœ]+(?:['’-][A-Za-zÀ-ÖØ-öø-ÿŒœ]+)*")


def hunspell_base(name: str) -> Path | None:
    """The installed dictionary ``name`` (e.g. ``fr_FR``) as a path without suffix, or None."""
    for folder in HUNSPELL_DIRS:
        if (folder / f"{name}.dic").exists() and (folder / f"{name}.aff").exists():
            return folder / name
    return None


@lru_cache(maxsize=4)
def hunspell(name: str):
    """The hunspell dictionary ``name`` (``.lookup(word)`` as spylls answers it), or None when not installed."""
    base = hunspell_base(name)
    if base is None:
        return None
    from audit.resources.hunspell_words import open_dictionary

    return open_dictionary(base)


@lru_cache(maxsize=200_000)
def zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang)


@lru_cache(maxsize=200_000)
def in_french_lexicon(word: str) -> bool:
    dictionary = hunspell("fr_FR") or hunspell("fr")
    if dictionary is not None:
        try:
            if dictionary.lookup(word) or dictionary.lookup(word.lower()):
                return True
        except Exception:  # spylls can trip on exotic input
            return False
        return False
    # No hunspell-fr: frequencies are a weaker stand-in (French web text has English in it).
    return zipf(word.lower(), "fr") >= 3.0


@lru_cache(maxsize=200_000)
def is_english_only(word: str) -> bool:
    """A common English word that French does not use (``automatically``, ``the``, ``still``)."""
    low = word.lower()
    if len(low) < 2 or not low.isascii():
        return False
    en = zipf(low, "en")
    if en < 3.0:
        return False
    margin = en - zipf(low, "fr")
    if in_french_lexicon(word):
        return margin >= 2.0
    return margin >= 1.0


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def words(text: str) -> list[re.Match[str]]:
    return list(WORD_RE.finditer(text))

"""Dictionaries that decide, word by word, whether a token is French, English or a name.

- French: Grammalecte's lexicon (Debian ``python3-grammalecte``; it lists the
  anglicisms French accepts, such as week-end, leader or briefing) or hunspell-fr.
- English: hunspell-en-us (as spylls reads it, from precomputed forms: ``audit.resources.hunspell_words``).
- English proper names: the capitalised entries of hunspell-en-us's word list
  (``Apple/M``, ``Kerry/M``): a capitalised word listed there is a name, while a
  capitalised word listed only in lower case (``strife``) is a common word.
"""

from __future__ import annotations

from functools import lru_cache

from audit.resources.lexicon import HUNSPELL_DIRS, hunspell, in_french_lexicon


@lru_cache(maxsize=1)
def grammalecte_spellchecker():
    """Grammalecte's spell checker (its French lexicon), or None when Grammalecte is missing."""
    from audit.resources.grammalecte import engine as grammalecte_engine

    engine, _ = grammalecte_engine()
    if engine is None:
        return None
    try:
        return engine.getSpellChecker()
    except Exception:  # noqa: BLE001 - an old or broken Grammalecte: fall back to hunspell
        return None


@lru_cache(maxsize=200_000)
def french_valid(word: str) -> bool:
    """True when Grammalecte's lexicon or hunspell-fr accepts ``word`` (as written or in lower case)."""
    checker = grammalecte_spellchecker()
    if checker is not None:
        try:
            if checker.isValid(word) or checker.isValid(word.lower()):
                return True
        except Exception:  # noqa: BLE001 - exotic characters
            pass
    return in_french_lexicon(word)


@lru_cache(maxsize=1)
def english_dictionary():
    """hunspell-en-us (``.lookup(word)``); raises LookupError when it is not installed."""
    dictionary = hunspell("en_US") or hunspell("en_GB") or hunspell("en")
    if dictionary is None:
        raise LookupError("hunspell-en-us is not installed")
    return dictionary


@lru_cache(maxsize=200_000)
def english_valid(word: str) -> bool:
    try:
        return bool(english_dictionary().lookup(word))
    except LookupError:
        raise
    except Exception:  # noqa: BLE001 - spylls trips on some input
        return False


@lru_cache(maxsize=1)
def english_names() -> frozenset[str]:
    """Capitalised stems of hunspell-en-us (proper names: Apple, Kerry, Brussels)."""
    for folder in HUNSPELL_DIRS:
        path = folder / "en_US.dic"
        if path.exists():
            names = set()
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines()[1:]:
                stem = line.split("/", 1)[0].strip()
                if stem[:1].isupper():
                    names.add(stem)
                    names.add(stem + "s")  # the plural or possessive of a name ("the Kennedys")
            return frozenset(names)
    return frozenset()

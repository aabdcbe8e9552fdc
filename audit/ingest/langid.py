"""Language of each passage, deterministic and careful on short lines.

langdetect is good on long text but must be seeded and is unreliable under about
ten words; lingua restricted to the two languages at stake does better there.
A passage is only called foreign when the detectors agree with the lexicon:
names, numbers and loanwords alone never make a passage English.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from audit.resources.lexicon import in_french_lexicon, is_english_only, words

UNDETERMINED = "und"
MIN_CONTENT_WORDS = 3
LONG_PASSAGE_WORDS = 10

_LINGUA_NAMES = {"fr": "FRENCH", "en": "ENGLISH", "es": "SPANISH", "de": "GERMAN", "it": "ITALIAN", "pt": "PORTUGUESE", "nl": "DUTCH"}


@dataclass(frozen=True)
class LanguageGuess:
    language: str
    confidence: float
    content_words: int
    foreign_word_share: float


@lru_cache(maxsize=4)
def _lingua(languages: tuple[str, ...]):
    from lingua import Language, LanguageDetectorBuilder

    langs = [getattr(Language, _LINGUA_NAMES[code]) for code in languages if code in _LINGUA_NAMES]
    return LanguageDetectorBuilder.from_languages(*langs).with_preloaded_language_models().build()


def _langdetect_probabilities(text: str) -> dict[str, float]:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0  # langdetect is random unless seeded before every call
    try:
        return {p.lang: p.prob for p in detect_langs(text)}
    except LangDetectException:
        return {}


def content_words(text: str) -> list[str]:
    """Words that carry language: not names (capitalised mid-passage), not acronyms."""
    found = []
    for i, m in enumerate(words(text)):
        w = m.group(0)
        if w.isupper() and len(w) > 1:
            continue
        if i > 0 and w[:1].isupper():
            continue
        found.append(w)
    return found


class LanguageIdentifier:
    """Decides whether a passage is in the expected language or in the source language."""

    def __init__(self, expected: str = "fr", source: str = "en"):
        self.expected = expected
        self.source = source

    def identify(self, text: str) -> LanguageGuess:
        cws = content_words(text)
        if len(cws) < MIN_CONTENT_WORDS:
            return LanguageGuess(UNDETERMINED, 0.0, len(cws), 0.0)
        foreign = sum(1 for w in cws if is_english_only(w) and not (self.expected == "fr" and in_french_lexicon(w) and len(w) > 3 and not w.isascii()))
        share = foreign / len(cws)
        detector = _lingua(tuple(sorted({self.expected, self.source})))
        values = {c.language.name: c.value for c in detector.compute_language_confidence_values(text)}
        source_conf = values.get(_LINGUA_NAMES.get(self.source, ""), 0.0)
        if len(cws) >= LONG_PASSAGE_WORDS:
            probs = _langdetect_probabilities(text)
            ld_source = probs.get(self.source, 0.0)
            if source_conf >= 0.8 and ld_source >= 0.6 and share >= 0.3:
                return LanguageGuess(self.source, round(min(source_conf, ld_source), 3), len(cws), round(share, 3))
        elif source_conf >= 0.85 and share >= 0.5:
            return LanguageGuess(self.source, round(source_conf, 3), len(cws), round(share, 3))
        return LanguageGuess(self.expected, round(1.0 - source_conf, 3), len(cws), round(share, 3))

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
# A passage is foreign when its share of English-only content words, lingua's and (long
# passages) langdetect's confidence in the source language all reach these values.
LONG_SHARE, LONG_LINGUA, LONG_LANGDETECT = 0.3, 0.8, 0.6
SHORT_SHARE, SHORT_LINGUA = 0.5, 0.85

_LINGUA_NAMES = {"fr": "FRENCH", "en": "ENGLISH", "es": "SPANISH", "de": "GERMAN", "it": "ITALIAN", "pt": "PORTUGUESE", "nl": "DUTCH"}


@dataclass(frozen=True)
class LanguageGuess:
    language: str
    confidence: float
    content_words: int
    foreign_word_share: float


@lru_cache(maxsize=4)
def _lingua(languages: tuple[str, ...]):
    from audit.status import announce

    announce(f"loading language identification models ({', '.join(languages)})")
    from lingua import Language, LanguageDetectorBuilder

    langs = [getattr(Language, _LINGUA_NAMES[code]) for code in languages if code in _LINGUA_NAMES]
    # Models load at the first question rather than with the detector: the same models and
    # answers, but preloading builds them all at once with a transient of about 45 MB on top of
    # the 80 MB they keep, and that transient was the run's peak (measured: peak +126 MB
    # preloaded, +94 MB on demand).
    return LanguageDetectorBuilder.from_languages(*langs).build()


@lru_cache(maxsize=1)
def _sparse_langdetect() -> None:
    # langdetect's profiles held sparse (same probabilities, ~50 MB less per process).
    from audit.resources.langdetect_profiles import install

    try:
        install()
    except Exception:  # noqa: BLE001 - langdetect then loads its own profiles, with the same answers
        pass


def _langdetect_probabilities(text: str) -> dict[str, float]:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    _sparse_langdetect()

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
    """Decides whether a passage is in the expected language or in the source language.

    A passage is called foreign only when three tests agree: enough of its content
    words are English-only (lexicon, cheap), lingua is confident, and, on long
    passages, langdetect is too. :meth:`language` runs them cheapest first and stops
    at the first that says no, so most French passages never reach a detector;
    :meth:`identify` always runs all three to report the confidences.
    """

    def __init__(self, expected: str = "fr", source: str = "en"):
        self.expected = expected
        self.source = source

    def _foreign_share(self, cws: list[str]) -> float:
        foreign = sum(1 for w in cws if is_english_only(w) and not (self.expected == "fr" and in_french_lexicon(w) and len(w) > 3 and not w.isascii()))
        return foreign / len(cws)

    def _source_confidence(self, text: str) -> float:
        detector = _lingua(tuple(sorted({self.expected, self.source})))
        values = {c.language.name: c.value for c in detector.compute_language_confidence_values(text)}
        return values.get(_LINGUA_NAMES.get(self.source, ""), 0.0)

    def language(self, text: str) -> str:
        """The language code of ``text`` (same decision as ``identify(text).language``)."""
        return _decision(self.expected, self.source, text)

    def _decide(self, text: str) -> str:
        cws = content_words(text)
        if len(cws) < MIN_CONTENT_WORDS:
            return UNDETERMINED
        long = len(cws) >= LONG_PASSAGE_WORDS
        if self._foreign_share(cws) < (LONG_SHARE if long else SHORT_SHARE):
            return self.expected
        source_conf = self._source_confidence(text)
        if long:
            if source_conf >= LONG_LINGUA and _langdetect_probabilities(text).get(self.source, 0.0) >= LONG_LANGDETECT:
                return self.source
        elif source_conf >= SHORT_LINGUA:
            return self.source
        return self.expected

    def identify(self, text: str) -> LanguageGuess:
        cws = content_words(text)
        if len(cws) < MIN_CONTENT_WORDS:
            return LanguageGuess(UNDETERMINED, 0.0, len(cws), 0.0)
        share = self._foreign_share(cws)
        source_conf = self._source_confidence(text)
        if len(cws) >= LONG_PASSAGE_WORDS:
            probs = _langdetect_probabilities(text)
            ld_source = probs.get(self.source, 0.0)
            if source_conf >= LONG_LINGUA and ld_source >= LONG_LANGDETECT and share >= LONG_SHARE:
                return LanguageGuess(self.source, round(min(source_conf, ld_source), 3), len(cws), round(share, 3))
        elif source_conf >= SHORT_LINGUA and share >= SHORT_SHARE:
            return LanguageGuess(self.source, round(source_conf, 3), len(cws), round(share, 3))
        return LanguageGuess(self.expected, round(1.0 - source_conf, 3), len(cws), round(share, 3))


@lru_cache(maxsize=50_000)
def _decision(expected: str, source: str, text: str) -> str:
    # A paragraph of one sentence, or a line repeated across files, is decided once per process.
    return LanguageIdentifier(expected, source)._decide(text)

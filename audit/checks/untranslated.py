"""FR1xx: source-language (English) text left in the French translation.

Machine translation leaves whole passages untranslated (a site notice, a quote the
engine skipped) or runs of English words inside a French sentence ("il a dit que
the talks were over"). The language of each passage comes from
``audit.ingest.langid`` (which never judges a passage of fewer than three content
words); runs of words use ``audit.resources.lexicon.is_english_only``. Names,
newsroom loanwords (week-end, start-up, e-mail) and quoted titles are not errors.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from audit.checks._data import alternation, load, lowered
from audit.checks.registry import Rule, check
from audit.model import Document, Finding, Sentence
from audit.resources.lexicon import is_english_only, words
from audit.resources.quotes import is_quoted, starts_with_quotation

FR101 = Rule(
    code="FR101",
    name="untranslated-passage",
    category="untranslated",
    severity="major",
    severity_note='minor when the English passage is quoted (a quotation left in the original may be deliberate)',
    message="This passage is in English: it was left untranslated.",
    explain=(
        "Catches sentences and paragraphs written in the source language (English) inside the French "
        "text, as decided by the language identifier (two detectors and the lexicon must agree; a "
        "passage of fewer than three content words is never judged). A French reader cannot read "
        "them, and they often are site notices the engine skipped. Fix: translate the passage, or "
        "delete it if it is page residue. A quoted English sentence is reported as minor."
    ),
    suggestion="Translate the passage into French, or delete it if it is not article text.",
    english="untranslated passage",
    examples=(
        "[[Subscribers can read the full report on our website after logging in.]] "
        "[[The print edition will be delivered to your door on Saturday morning.]]",
    ),
    counterexamples=(
        "Le président américain a annoncé jeudi un nouveau plan d'aide de plusieurs milliards de dollars pour les entreprises.",
        "Le week-end dernier, la start-up a envoyé un e-mail à ses clients.",
    ),
)

FR102 = Rule(
    code="FR102",
    name="english-run",
    category="untranslated",
    severity="major",
    severity_note='info when the English words are quoted or a title',
    message="A run of English words inside a French sentence.",
    explain=(
        "Catches three or more consecutive English-only words inside a French sentence (names, "
        "numbers and newsroom loanwords such as week-end, start-up or e-mail do not count). The "
        "engine skipped a phrase it could not parse, and the sentence is incomplete in French. A run "
        "inside quotation marks or after 'intitulé' is usually a title or a quoted slogan: it is "
        "reported as info only. Fix: translate the phrase."
    ),
    suggestion="Translate the English phrase.",
    english="English words left in a French sentence",
    examples=("L'avocat a répété que [[the contract was never signed]] par son client.",),
    counterexamples=(
        "Le film « The Power of the Dog » a été récompensé dimanche soir.",
        "Ce week-end, une start-up parisienne a envoyé un e-mail à ses clients.",
        "La chanson « Nothing compares to you » a été diffusée à la radio.",
    ),
)

FR103 = Rule(
    code="FR103",
    name="english-word",
    category="untranslated",
    severity="minor",
    message="An English word left inside a French sentence.",
    explain=(
        "Catches a single common English word (a noun or adjective the engine did not translate) "
        "used inside French syntax: after a French article or preposition, not capitalised, not in "
        "quotation marks, not hyphenated, unknown to the French dictionary and rare in French text "
        "(so that newsroom anglicisms such as week-end, match, leader or pass sanitaire stay quiet). "
        "Fix: use the French word."
    ),
    suggestion="Use the French word.",
    english="an English word the engine left as it was",
    examples=(
        "Il a quitté le terrain en raison d'une blessure au [[hamstring]] samedi.",
        "Le [[spokesman]] du ministère n'a pas souhaité commenter.",
    ),
    counterexamples=(
        "Le match a été reporté en raison d'une blessure du gardien.",
        "Les salariés ont mangé des « ribs » lors du pique-nique.",
        "Le pass sanitaire reste obligatoire dans les restaurants.",
    ),
)

MIN_RUN = 3
# A lone English word counts only inside French syntax: right after one of these.
_FRENCH_FRAME = frozenset(
    "le la les l un une des du de d au aux ce cet cette ces son sa ses leur leurs notre nos votre vos "
    "en par pour avec sans sur sous dans chez entre vers".split()
)
_URLISH = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+|[#@]\w+|\b[\w-]+\.(?:com|org|net|fr|id|ru|uk|io|be|ch|ca)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[frozenset[str], re.Pattern | None, frozenset[str]]:
    data = load("untranslated.toml")
    singles = lowered(w for w in data["loanwords"] if " " not in w)
    phrases = [w for w in data["loanwords"] if " " in w]
    phrase_re = re.compile(r"\b" + alternation(phrases) + r"\b", re.IGNORECASE) if phrases else None
    return singles, phrase_re, lowered(data.get("title_markers", []))


def english_runs(sentence: Sentence) -> list[tuple[int, int, int]]:
    """(start, end, english-word count) of runs of English words, offsets in the sentence text."""
    singles, phrase_re, _ = _vocabulary()
    text = sentence.text
    masked = set()
    for m in _URLISH.finditer(text):
        masked.update(range(m.start(), m.end()))
    if phrase_re is not None:
        for m in phrase_re.finditer(text):
            masked.update(range(m.start(), m.end()))
    runs: list[tuple[int, int, int]] = []
    current: list = []  # [start, end, count]
    tokens = words(text)
    for i, m in enumerate(tokens):
        w = m.group(0)
        gap = text[tokens[i - 1].end():m.start()] if i else ""
        if current and re.search(r"[.;:!?()«»\"“”\[\]–—]", gap):
            # a run does not cross punctuation that ends a clause or a quote
            if current[2] >= MIN_RUN:
                runs.append(tuple(current))
            current = []
        if m.start() in masked:
            kind = "neutral"
        elif i > 0 and w[:1].isupper() and not gap.rstrip().endswith((".", "!", "?")):
            kind = "neutral"  # a name (or a title word) mid-sentence
        elif w.lower().replace("’", "'") in singles:
            kind = "french"
        elif is_english_only(w):
            kind = "english"
        else:
            kind = "french"
        if kind == "english":
            if current:
                current[1] = m.end()
                current[2] += 1
            else:
                current = [m.start(), m.end(), 1]
        elif kind == "french":
            if current and current[2] >= MIN_RUN:
                runs.append(tuple(current))
            current = []
    if current and current[2] >= MIN_RUN:
        runs.append(tuple(current))
    return runs


@check(FR101)
def untranslated_passage(doc: Document, ctx) -> Iterable[Finding]:
    """Sentences (and paragraphs) in the source language, as decided by ingest.langid."""
    source = ctx.source_language
    for paragraph in doc.paragraphs:
        paragraph_foreign = ctx.paragraph_languages.get(paragraph.index) == source
        for sentence in paragraph.sentences:
            language = ctx.sentence_languages.get(sentence.id)
            if language == source or (paragraph_foreign and language != ctx.language and len(words(sentence.text)) >= 2):
                quoted = starts_with_quotation(sentence.text) and not paragraph_foreign
                yield ctx.finding(
                    "FR101",
                    sentence.start,
                    sentence.end,
                    severity="minor" if quoted else None,
                    evidence=f"passage language: {language}; paragraph language: {ctx.paragraph_languages.get(paragraph.index)}",
                )


def _french_sentences(doc: Document, ctx) -> Iterable[Sentence]:
    """Sentences not already reported whole by FR101 (neither they nor their paragraph are English)."""
    source = ctx.source_language
    for paragraph in doc.paragraphs:
        if ctx.paragraph_languages.get(paragraph.index) == source:
            continue
        for sentence in paragraph.sentences:
            if ctx.sentence_languages.get(sentence.id) != source:
                yield sentence


@check(FR102)
def english_run(doc: Document, ctx) -> Iterable[Finding]:
    """Three or more consecutive English-only words inside a French sentence."""
    _, _, markers = _vocabulary()
    for sentence in _french_sentences(doc, ctx):
        for start, end, count in english_runs(sentence):
            before = sentence.text[:start].rstrip(" \u00a0\u202f«\"“:").split()
            titled = bool(before) and before[-1].lower().strip(",") in markers
            quoted = is_quoted(sentence.text, start, end, closed_only=True)
            yield ctx.finding(
                "FR102",
                sentence.start + start,
                sentence.start + end,
                severity="info" if quoted or titled else None,
                message="English words inside quotation marks (a title or a quote?)." if quoted or titled else None,
                evidence=f"{count} English-only words in a row",
            )


@check(FR103)
def english_word(doc: Document, ctx) -> Iterable[Finding]:
    """A single common English word used inside French syntax (after a French article or preposition)."""
    from audit.resources.lexicon import in_french_lexicon, zipf

    singles, phrase_re, _ = _vocabulary()
    for sentence in _french_sentences(doc, ctx):
        text = sentence.text
        covered = {i for start, end, _ in english_runs(sentence) for i in range(start, end)}
        if phrase_re is not None:
            covered.update(i for m in phrase_re.finditer(text) for i in range(m.start(), m.end()))
        tokens = words(text)
        for i, m in enumerate(tokens[1:], start=1):
            w = m.group(0)
            if m.start() in covered or not w.isalpha() or not w.islower() or len(w) < 4:
                continue
            previous = tokens[i - 1].group(0).lower().replace("’", "'").rstrip("'")
            gap = text[tokens[i - 1].end():m.start()]
            if previous not in _FRENCH_FRAME or gap not in (" ", "'", "’", "\u00a0"):
                continue
            following = text[m.end():m.end() + 1]
            if following in "-'’" and following:
                continue
            if w in singles or is_quoted(text, m.start(), m.end(), closed_only=True):
                continue
            if zipf(w, "en") < 3.0 or zipf(w, "fr") >= 2.5 or in_french_lexicon(w) or not is_english_only(w):
                continue
            yield ctx.finding("FR103", sentence.start + m.start(), sentence.start + m.end(), evidence=f"“{w}” is common English and not French")

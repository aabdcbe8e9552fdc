"""The back-translation stage: French passages to English and back, and what that reveals.

Every French passage of every file goes to English in ONE batch call, and the
English comes back to French in one more; duplicates are translated once. Each
passage then gets its back-translation, its round trip, chrF/BLEU/TER between
the passage and its round trip, and evidence:

``unknown``          words the engine marked unknown on the first hop (Apertium only)
``unknown_foreign``  those that are not lower-case French either: not in the French
                     lexicon, not a proper noun, not a compound prefix ("germano-"),
                     not inside quotes (French news quotes English: "care", "ribs")
``unknown_share``    ``len(unknown_foreign)`` / words of the passage
``numbers_lost``     numbers of the passage missing from the back-translation
``length_ratio``     round-trip length / passage length (characters)
``bt_length_ratio``  back-translation length / passage length

Strong evidence becomes findings of the FR9xx rules (checks/backtranslation.py).
"""

from __future__ import annotations

import importlib
import re
from typing import Iterable

from audit.checks.factory import EVERY_RULE, FindingPolicy
from audit.engines.base import EngineError, EngineInfo, Translation, TranslationEngine
from audit.model import FileReport, Finding, PassageReport
from audit.resources.lexicon import WORD_RE, in_french_lexicon
from audit.resources.quotes import is_quoted

MIN_WORDS = 3

# Thresholds of the FR9xx findings, measured on 509 sentences of untranslated French
# news (docs/SCORING.md): FR901 fires on none of them, FR902 on none, FR903 on none.
FR901_MIN_WORDS = 2
FR901_MIN_SHARE = 0.10
FR901_ALWAYS = 3
FR901_MAJOR_SHARE = 0.20
FR903_MAX_RATIO = 0.5
FR903_MIN_CHARS = 40
# A "quotation" longer than this is more likely a lost closing mark than quoted English words.
QUOTE_MAX = 160

_GROUPED_NUMBER = r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d])"
_PLAIN_NUMBER = r"\d+(?:[.,]\d+)*"
NUMBER_RE = re.compile(f"{_GROUPED_NUMBER}|{_PLAIN_NUMBER}")
_SPELLED = {
    w: str(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}


def numbers(text: str, spelled: bool = False) -> list[str]:
    """Numbers of ``text`` as bare digit strings: "12.345,67", "12,345.67" and "12 345,67" all give "1234567".

    Separators are dropped rather than interpreted because French and English swap
    ``.`` and ``,``; a number keeps its identity either way. With ``spelled``,
    English number words up to twenty count too (engines write "two" for "2").
    """
    found = [re.sub(r"\D", "", m.group(0)).lstrip("0") or "0" for m in NUMBER_RE.finditer(text)]
    if spelled:
        found += [_SPELLED[w.lower()] for w in re.findall(r"[A-Za-z]+", text) if w.lower() in _SPELLED]
    return found


def lost_numbers(french: str, english: str) -> list[str]:
    """Numbers of the French passage that its back-translation does not contain (as a multiset)."""
    available: dict[str, int] = {}
    for n in numbers(english, spelled=True):
        available[n] = available.get(n, 0) + 1
    lost = []
    for n in numbers(french):
        if available.get(n, 0) > 0:
            available[n] -= 1
            continue
        # "14h30" may come back as "2:30 p.m.".
        if n.isdigit() and 13 <= int(n) <= 23 and available.get(str(int(n) - 12), 0) > 0:
            available[str(int(n) - 12)] -= 1
            continue
        lost.append(n)
    return lost


def foreign_unknown_words(text: str, unknown: Iterable[str]) -> list[str]:
    """Unknown words that are not French either (see the module docstring for what is excused)."""
    out: list[str] = []
    for word in dict.fromkeys(unknown):
        if not word[:1].islower() or any(ch.isdigit() for ch in word) or len(word) < 2:
            continue  # proper nouns, codes, stray letters
        if in_french_lexicon(word):
            continue
        parts = [p for p in re.split(r"[-'’]", word) if p]
        if len(parts) > 1 and all(in_french_lexicon(p) for p in parts):
            continue
        occurrences = [m for m in re.finditer(r"(?<![\w-])" + re.escape(word) + r"(?![\w])", text)]
        if any(text[m.end():m.end() + 1] == "-" for m in occurrences):
            continue  # "germano-russe", "mi-temps": a productive compound prefix
        if occurrences and all(is_quoted(text, m.start(), m.end(), closed_only=True, max_length=QUOTE_MAX) for m in occurrences):
            continue  # quoted on purpose
        out.append(word)
    return out


def passage_words(text: str) -> int:
    return len(WORD_RE.findall(text))


def evidence_of(text: str, forward: Translation, roundtrip: str | None) -> dict:
    """The evidence dictionary of one passage (keys in the module docstring)."""
    foreign = foreign_unknown_words(text, forward.unknown)
    n_words = max(1, passage_words(text))
    length = max(1, len(text))
    evidence = {
        "unknown": list(forward.unknown),
        "unknown_foreign": foreign,
        "unknown_share": round(len(foreign) / n_words, 4),
        "numbers_lost": lost_numbers(text, forward.text),
        "bt_length_ratio": round(len(forward.text) / length, 4),
    }
    if roundtrip is not None:
        evidence["length_ratio"] = round(len(roundtrip) / length, 4)
    return evidence


def _finding(policy: FindingPolicy, passage: PassageReport, code: str, start: int, end: int,
             severity: str | None = None, evidence: str | None = None) -> Finding | None:
    """A finding on ``passage.sentence.text[start:end]`` (offsets relative to the passage), made by
    the one factory; None when ``policy`` leaves the rule out."""
    s = passage.sentence
    before = s.text[:start]
    newlines = before.count("\n")
    line = s.line + newlines
    col = (start - before.rfind("\n")) if newlines else s.col + start
    return policy.make(code, start=s.start + start, end=s.start + end, line=line, col=col, span=s.text[start:end],
                       severity=severity, evidence=evidence)


def _register_rules() -> None:
    """The FR9xx rules register when their module is imported."""
    importlib.import_module("audit.checks.backtranslation")


def evidence_findings(passage: PassageReport, policy: FindingPolicy = EVERY_RULE) -> list[Finding]:
    """FR9xx findings for a passage whose ``evidence`` is filled, as ``policy`` selects and rates them."""
    _register_rules()
    ev = passage.evidence
    text = passage.sentence.text
    found: list[Finding | None] = []
    foreign = ev.get("unknown_foreign", [])
    # Three such words, or a fifth of the passage, is a passage a reader cannot follow.
    heavy = len(foreign) >= FR901_ALWAYS or ev.get("unknown_share", 0) >= FR901_MAJOR_SHARE
    if len(foreign) >= FR901_ALWAYS or (len(foreign) >= FR901_MIN_WORDS and ev.get("unknown_share", 0) >= FR901_MIN_SHARE):
        for word in foreign:
            m = re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w])", text)
            if m:
                found.append(
                    _finding(policy, passage, "FR901", m.start(), m.end(), severity="major" if heavy else None,
                             evidence=f"{len(foreign)} words unknown to the engine and not French: {', '.join(foreign)}")
                )
    lost = ev.get("numbers_lost", [])
    if lost and passage.backtranslation is not None:
        for n in dict.fromkeys(lost):
            for m in NUMBER_RE.finditer(text):
                if (re.sub(r"\D", "", m.group(0)).lstrip("0") or "0") == n:
                    found.append(
                        _finding(policy, passage, "FR902", m.start(), m.end(),
                                 evidence=f"back-translation: {passage.backtranslation}")
                    )
                    break
    ratio = ev.get("bt_length_ratio")
    if ratio is not None and ratio < FR903_MAX_RATIO and len(text) >= FR903_MIN_CHARS:
        found.append(
            _finding(policy, passage, "FR903", 0, len(text),
                     evidence=f"back-translation is {ratio:.0%} of the passage's length: {passage.backtranslation}")
        )
    return [f for f in found if f is not None]


def _checked(engine: TranslationEngine, texts: list[str], source: str, target: str) -> list[Translation]:
    """One batch call; an engine that loses or invents items must not shift translations onto the wrong passages."""
    out = engine.translate(texts, source, target)
    if len(out) != len(texts):
        raise EngineError(f"{engine.name}: {len(out)} translations returned for {len(texts)} passages ({source}->{target})")
    return out


def eligible(passage: PassageReport, source_language: str) -> bool:
    """Passages worth back-translating: not in the source language, at least three words."""
    return passage.language != source_language and passage_words(passage.sentence.text) >= MIN_WORDS


def backtranslate_reports(
    files: list[FileReport],
    engine: TranslationEngine,
    info: EngineInfo,
    language: str = "fr",
    source_language: str = "en",
    policy: FindingPolicy = EVERY_RULE,
) -> None:
    """Back-translate and round-trip every eligible passage of ``files`` (two batch calls in all).

    Fills each passage's ``backtranslation``, ``roundtrip``, ``metrics``, ``evidence``
    and FR9xx findings (selected and rated by ``policy``, as the checks' are), and each
    file's ``engine`` and ``corpus_metrics``. An :class:`EngineError` from the engine
    propagates: the caller decides how to report it.
    """
    from audit.scoring import corpus_scores, score_pair

    _register_rules()
    chosen = [(f, p) for f in files if not f.error for p in f.passages if eligible(p, source_language)]
    for f in files:
        if not f.error:
            f.engine = info.to_dict()
    texts = list(dict.fromkeys(p.sentence.text for _, p in chosen))
    if not texts:
        return
    forward = dict(zip(texts, _checked(engine, texts, language, source_language)))
    english = list(dict.fromkeys(t.text for t in forward.values() if t.text))
    back: dict[str, str] = {}
    if english and engine.available(source_language, language):
        back = {e: t.text for e, t in zip(english, _checked(engine, english, source_language, language))}

    by_file: dict[int, tuple[FileReport, list[PassageReport]]] = {}
    for f, p in chosen:
        result = forward[p.sentence.text]
        p.backtranslation = result.text
        p.roundtrip = back.get(result.text) if back else None
        if p.roundtrip is not None:
            p.metrics = score_pair(p.roundtrip, p.sentence.text)
        p.evidence = evidence_of(p.sentence.text, result, p.roundtrip)
        p.findings.extend(evidence_findings(p, policy))
        p.findings.sort(key=Finding.sort_key)
        by_file.setdefault(id(f), (f, []))[1].append(p)

    for f, passages in by_file.values():
        scored = [p for p in passages if p.roundtrip is not None]
        if scored:
            f.corpus_metrics = corpus_scores([p.roundtrip for p in scored], [p.sentence.text for p in scored])

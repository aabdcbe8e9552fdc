"""English units whose meaning is not the sum of their words, and French that renders them word by word.

An engine that does not know an English unit (an idiom, a compound) translates its words
one by one: "throw in the towel" becomes « jeter dans la serviette » (SR401). When it
does not know a word, it reaches for a word that *looks* like it or for a part of it:
"frisk" is read as "risk" (« risque »), "whistle-blower" as "blower" (« souffleur »)
(SR402).

Knowledge comes from resources, not from phrases:

* the units: WordNet 3.0's multi-word lemmas (Debian ``wordnet-base``: ``throw_in_the_towel``,
  ``whistle-blower``) and the hyphenated compounds of the source sentence;
* what renders what: the dictionary keys of :mod:`audit.source.lexical` (Apertium through
  Spanish and Catalan, FreeDict), both directions;
* whether French uses the literal rendering: the French pair counts of
  ``audit/data/collocations.json`` (French parliamentary debates).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from pathlib import Path

from audit.source.lexical import Word, strip_accents

WORDNET_DIR = Path(os.environ.get("AUDIT_WORDNET_DIR", "/usr/share/wordnet"))
WORDNET_INDEXES = ("index.noun", "index.verb", "index.adj", "index.adv")
MAX_UNIT_WORDS = 5
# English closed-class words: they carry no meaning of their own inside a unit ("throw in the towel").
FUNCTION_WORDS = frozenset(
    "a an the of in on at to for from by with into onto upon over under about as and or nor but if "
    "than then so up out off down back away around through across along it its one's oneself someone "
    "something somebody be is are was were been being have has had do does did not no all every each some any "
    "many much more most few less least other such own same".split()
)


@lru_cache(maxsize=1)
def wordnet_units_by_pos() -> dict[str, frozenset[tuple[str, ...]]]:
    """WordNet's multi-word lemmas as word tuples (``("throw", "in", "the", "towel")``), per index
    (``noun``, ``verb``, ``adj``, ``adv``); empty without WordNet.

    A hyphenated lemma (``whistle-blower``) is one word of the tuple, as the English
    tokenizer keeps it.
    """
    return {name.split(".")[1]: _read_units(WORDNET_DIR / name) for name in WORDNET_INDEXES}


@lru_cache(maxsize=1)
def wordnet_units() -> frozenset[tuple[str, ...]]:
    """The multi-word lemmas of every WordNet index."""
    return frozenset().union(*wordnet_units_by_pos().values())


def _read_units(path: Path) -> frozenset[tuple[str, ...]]:
    units: set[tuple[str, ...]] = set()
    if not path.exists():
        return frozenset()
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue  # the licence header
        lemma = line.split(" ", 1)[0]
        if "_" in lemma:
            words = tuple(lemma.split("_"))
            if 2 <= len(words) <= MAX_UNIT_WORDS and all(re.fullmatch(r"[a-z][a-z'-]*", w) for w in words):
                units.add(words)
        elif re.fullmatch(r"[a-z]+(?:-[a-z]+)+", lemma):
            units.add((lemma,))
    return frozenset(units)


@lru_cache(maxsize=4)
def _index_file(pos: str) -> bytes:
    """WordNet's ``index.POS`` as bytes, with a newline in front so every entry starts after one."""
    path = WORDNET_DIR / f"index.{pos}"
    return b"\n" + path.read_bytes() if path.exists() else b""


def _index_fields(lemma: str, pos: str) -> list[str] | None:
    """The fields of ``lemma``'s line in WordNet's ``index.POS`` (a search in the file's bytes: holding the
    index as a dict took 66 MB and half a second for the noun index)."""
    data = _index_file(pos)
    at = data.find(b"\n" + lemma.encode("latin-1", "replace") + b" ")
    if at < 0:
        return None
    end = data.find(b"\n", at + 1)
    return data[at + 1:end if end >= 0 else len(data)].decode("latin-1").split()


def synonyms(words: tuple[str, ...], pos: str) -> set[str]:
    """The one-word lemmas of every WordNet synset of the unit (``give_birth``: deliver, bear, birth, have)."""
    fields = _index_fields("_".join(words), pos)
    path = WORDNET_DIR / f"data.{pos}"
    if not fields or not path.exists():
        return set()
    count = int(fields[2])
    out: set[str] = set()
    with path.open("rb") as handle:
        for offset in fields[-count:]:
            handle.seek(int(offset))
            data = handle.readline().decode("latin-1").split()
            n = int(data[3], 16)
            out.update(w.lower() for w in data[4:4 + 2 * n:2] if "_" not in w and "-" not in w)
    return out


NOUN_PERSON = 18  # WordNet's lexicographer file noun.person: people, by trade, title or role


def _synset_lines(lemma: str, pos: str) -> list[list[str]]:
    """The data lines (split) of every WordNet synset of ``lemma``."""
    fields = _index_fields(lemma, pos)
    path = WORDNET_DIR / f"data.{pos}"
    if not fields or not path.exists():
        return []
    count = int(fields[2])
    out = []
    with path.open("rb") as handle:
        for offset in fields[-count:]:
            handle.seek(int(offset))
            out.append(handle.readline().decode("latin-1").split())
    return out


@lru_cache(maxsize=512)
def person_abbreviation(token: str) -> str | None:
    """What an English abbreviation of a trade or title stands for, when WordNet lists it in capitals beside a
    longer common noun in a noun.person synset (GP: general practitioner, CEO: chief executive officer); None
    otherwise. A lower-case entry (dj) is a word of its own, and organisations (NSA) are not persons."""
    if not re.fullmatch(r"[A-Z]{2,5}", token):
        return None
    for data in _synset_lines(token.lower(), "noun"):
        if int(data[1]) != NOUN_PERSON:
            continue
        words = data[4:4 + 2 * int(data[3], 16):2]
        longer = [w for w in words if "_" in w and w[0].islower()]
        if token in words and longer:
            return longer[0].replace("_", " ")
    return None


@lru_cache(maxsize=1)
def _wordnet_first_words() -> frozenset[str]:
    return frozenset(u[0] for u in wordnet_units() if len(u) > 1)


@dataclass
class Unit:
    """A WordNet multi-word lemma found in a source sentence, with its content words."""

    text: str
    words: list[Word]  # the source tokens it spans
    parts: list[Word]  # the words that carry its meaning ("throwing", "towel")
    pos: str  # the WordNet index that lists it (noun, verb, adj, adv)
    key: tuple[str, ...] = ()  # its WordNet lemma ("throw", "in", "the", "towel")


def _forms(w: Word) -> set[str]:
    return {w.lower, w.lemma}


def content_part(w: Word) -> bool:
    """A word that carries meaning inside a unit (not "in the", not a prefix like "de-" or "co-")."""
    return w.number is None and w.lower.isalpha() and len(w.lower) > 2 and w.lower not in FUNCTION_WORDS


def wordnet_pos(words: tuple[str, ...]) -> str:
    """The first WordNet index (noun, verb, adj, adv) that lists ``words``; "" when none does."""
    return next((pos for pos, units in wordnet_units_by_pos().items() if words in units), "")


def source_units(words: list[Word], text: str) -> list[Unit]:
    """The WordNet multi-word lemmas of one source sentence with two content words or more, longest first,
    not overlapping. Every word may match by its form or its lemma ("throwing in the towel")."""
    units: list[Unit] = []
    table = wordnet_units()
    first_words = _wordnet_first_words()
    i = 0
    while i < len(words):
        if not (_forms(words[i]) & first_words):
            i += 1
            continue
        for n in range(min(MAX_UNIT_WORDS, len(words) - i), 1, -1):
            span = words[i:i + n]
            if any(text[a.end:b.start] != " " for a, b in zip(span, span[1:])):
                continue
            match = next((tuple(c) for c in product(*(sorted(_forms(x)) for x in span)) if tuple(c) in table), None)
            if match is None:
                continue
            parts = [x for x in span if content_part(x)]
            if len(parts) >= 2:
                units.append(Unit(text[span[0].start:span[-1].end], span, parts, wordnet_pos(match), match))
                i += n - 1
            break
        i += 1
    return units


def dictionary_keys(w: Word) -> set[str]:
    """The keys that link through a dictionary or a lemma (not a shared spelling, a cognate or a number)."""
    return {k for k in w.keys if k.startswith(("fr:", "en:"))}


def renders(french: Word, english: Word) -> bool:
    """A dictionary gives ``french`` as a translation of ``english`` (or the other way round)."""
    return bool(dictionary_keys(french) & dictionary_keys(english))


def glosses(french: Word) -> set[str]:
    """English translations of a French word (its ``en:`` keys)."""
    return {k[3:] for k in french.keys if k.startswith("en:")}


def plain(text: str) -> str:
    return strip_accents(text.lower())


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (short words only: O(len(a) * len(b)))."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


# --- the checks -------------------------------------------------------------------------------

# Only verbal idioms are checked word for word: measured on the OPUS-MT dev half, WordNet's noun compounds
# ("civil rights", "press conference", "master of ceremonies") are rendered part by part by the human
# reference as often as by the engine (37 reference lines for 2 majors), and the French corpus is too small
# to tell the French renderings ("droits civils") from the calques.
IDIOM_POS = frozenset({"verb"})
IDIOM_WINDOW = 8  # French words between a verb and its object ("jeté de façon spectaculaire dans la serviette")
LOOKALIKE_MIN_LETTERS = 4


def _kept(unit: Unit, target_plain: str) -> bool:
    """The unit is in the translation as it is in English (kept, maybe quoted)."""
    words = [plain(w.text) for w in unit.words]
    return bool(re.search(r"\b" + r"\s+".join(re.escape(w) for w in words) + r"\b", target_plain))


def _whole_translations(units: list[Unit]) -> dict[str, frozenset[str]]:
    """French translations of each unit as a whole: FreeDict's multi-word headwords ("give up": « abandonner »).
    Apertium's analysers are not asked: they read a unit word by word, and the parts' translations would pass
    for the whole's."""
    from audit.resources.bilingual import FREEDICT, freedict

    table = freedict(FREEDICT[("en", "fr")])
    return {u.text: frozenset(table.get(u.text.lower(), ()) + table.get(" ".join(w.lemma for w in u.words), ()))
            for u in units}


def _closest_renderings(parts: list[Word], sentence: list[Word], window: int) -> list[int] | None:
    """Indexes in ``sentence`` of one distinct rendering of every part, all close together; None when there is none."""
    options = [[k for k, f in enumerate(sentence) if f.content and f.number is None and renders(f, p)] for p in parts]
    if any(not o for o in options) or len(parts) > 4:
        return None
    best = None
    for combo in product(*options):
        if len(set(combo)) < len(combo):
            continue
        spread = max(combo) - min(combo)
        if spread <= (window + 1) * (len(parts) - 1) and (best is None or spread < max(best) - min(best)):
            best = list(combo)
    return best


def _light_verb(unit: Unit) -> bool:
    """A verb plus a noun that means what the noun alone means (WordNet puts "birth" in a synset of
    "give birth"): the words keep their sense, and French builds it the same way (« donner naissance »)."""
    alone = synonyms(unit.key, unit.pos)
    return any(p.lemma in alone or p.lower in alone for p in unit.parts[1:])


def check_literal_idioms(bead) -> list:
    """SR401: an English verbal idiom (WordNet: "throw in the towel") whose every content word has its own
    dictionary rendering in the translation, while the idiom as a whole is neither kept nor translated."""
    from audit.source.checks import Hit, _clip_quote

    target_plain = plain(" ".join(bead.target_texts))
    units = [u for ws, text in zip(bead.source_words, bead.source_texts) for u in source_units(ws, text)]
    units = [u for u in units if u.pos in IDIOM_POS and not _kept(u, target_plain) and not _light_verb(u)]
    if not units:
        return []
    whole = _whole_translations(units)
    target_words = {plain(w.lemma) for w in bead.target_all()} | {plain(w.lower) for w in bead.target_all()}
    hits = []
    for unit in units:
        # A dictionary translates the unit as a whole and the translation uses it: not word for word.
        if any(plain(t) in target_plain if " " in t else plain(t) in target_words for t in whole[unit.text]):
            continue
        for part, sentence in enumerate(bead.target_words):
            found = _closest_renderings(unit.parts, sentence, IDIOM_WINDOW)
            if found is None:
                continue
            if french_attested([sentence[k] for k in found]):
                break  # real French puts these words together: the rendering is French, not a calque
            first, last = sentence[min(found)], sentence[max(found)]
            pairs = ", ".join(f"{p.text} → {sentence[k].text}" for p, k in zip(unit.parts, found))
            hits.append(Hit("SR401", part, first.start, last.end, message=f"The idiom “{unit.text}” rendered word for word",
                            evidence=f"{pairs}; source: {_clip_quote(' '.join(bead.source_texts))}"))
            break
    return hits


# English prefixes that make a derived word of another ("unlikely", "exchange"): a translator's paraphrase
# ("peu probable" for unlikely) leaves the base word's translation, which is no misreading.
_DERIVING_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non", "ex", "re", "de", "mis", "over", "under", "out")


def french_attested(words: list[Word]) -> bool:
    """Some two of the words are a pair real French uses (verb-object, noun-adjective, noun-de-noun, either
    way round, seen at least twice in the French corpus of ``audit/data/collocations.json``)."""
    from audit.resources.collocations import table

    relations = table().relations.values()
    lemmas = [w.lemma.lower() for w in words]
    return any(c.observed(a, b) for a in lemmas for b in lemmas if a != b for c in relations)


def _lookalike(gloss: str, word: Word) -> bool:
    """``gloss`` is another English word spelt nearly like ``word`` ("risk" / "frisk"), not an inflection,
    a derivation or a negation of it."""
    g, w = gloss, word.lower
    if " " in g or not g.isalpha() or len(g) < LOOKALIKE_MIN_LETTERS or len(w) < LOOKALIKE_MIN_LETTERS or g in (w, word.lemma):
        return False
    if w.startswith(g) or g.startswith(w) or word.lemma.startswith(g) or g.startswith(word.lemma):
        return False  # an inflection or a derivation (write / writer): a paraphrase, not a misreading
    for a, b in ((g, w), (w, g)):
        if b.endswith(a) and b[: len(b) - len(a)] in _DERIVING_PREFIXES:
            return False
    if len(w) < LOOKALIKE_MIN_LETTERS + 1:
        return False  # four-letter words are one letter away from many others (mall / tall)
    return edit_distance(g, w) <= (1 if len(w) < 8 else 2)


_AGENT_NOUN = re.compile(r"^(.{3,}?)(?:eur|euse)s?$")


def agent_glosses(words: list[Word]) -> dict[int, set[str]]:
    """English agent nouns for French agent nouns no dictionary knows, from their verb: « souffleur » is
    *souffl-er* + *-eur*, so "blower" (blow + -er). French *-eur* and English *-er* make the same nouns."""
    from audit.resources.bilingual import shared_lexicon

    wanted = {id(f): _AGENT_NOUN.match(f.lower).group(1) + "er" for f in words
              if not f.known and f.content and not f.proper and _AGENT_NOUN.match(f.lower)}
    if not wanted:
        return {}
    verbs = shared_lexicon().translations(sorted(set(wanted.values())), "fr", "en")
    out = {}
    for key, verb in wanted.items():
        nouns = {g + ("r" if g.endswith("e") else "er") for g in verbs.get(verb, ()) if g.isalpha()}
        if nouns:
            out[key] = nouns
    return out


def _candidates(source: list[Word]) -> list[tuple[Word, Word | None]]:
    """Source words an engine may have misread: (word, the compound it is part of, if any).

    Measured on the OPUS-MT dev half, keeping only words no dictionary knows ("frisk") finds the
    same errors and flags the same lines as taking every word: once four-letter words and prefixed
    forms are left out, no reference line had a look-alike, so known words are candidates too.
    """
    out: list[tuple[Word, Word | None]] = []
    for w in source:
        if w.number is not None or (w.proper and not w.parts):
            continue
        if w.parts:
            out += [(p, w) for p in w.parts if content_part(p)]
        elif w.content and w.lower.isalpha():
            out.append((w, None))
    return out


def check_lookalikes(bead) -> list:
    """SR402: a French word that translates an English word spelt like an unrendered source word (« risque »
    for *frisk*), or only one part of a source compound whose other parts are nowhere (« souffleur » for
    *whistle-blower*)."""
    from audit.source.checks import Hit, _clip_quote

    source = bead.source_all()
    target = bead.target_all()
    # Links of the French words to the source: whole words, and the parts of compounds (each compound's
    # own lookup fuses its parts' translations, so it is left out).
    whole_keys = set().union(*(w.keys for w in source if not w.parts)) if source else set()
    part_keys = {id(p): dictionary_keys(p) for w in source for p in w.parts}
    target_keys = set().union(*(dictionary_keys(f) for f in target)) if target else set()
    candidates = [(w, c) for w, c in _candidates(source) if not (dictionary_keys(w) & target_keys)]
    compounds = [w for w in source if len([p for p in w.parts if content_part(p)]) >= 2]
    derived = agent_glosses(target)
    hits = []
    for f in target:
        if not ((f.known or id(f) in derived) and f.content and f.number is None and not f.proper) or "-" in f.text:
            continue  # a hyphenated French word copies the compound's shape (« franco-anglaises »)
        if f.keys & whole_keys:
            continue
        english = glosses(f) | derived.get(id(f), set())
        reason = None
        for w, compound in candidates:
            g = next((g for g in sorted(english) if _lookalike(g, w)), None)
            if g:
                said = f"“{w.text}” (in “{compound.text}”)" if compound else f"“{w.text}”"
                reason = f"{f.text} translates “{g}”; the source says {said}"
                break
        # A noun compound read as one of its parts gives a noun (« souffleur »); a verb is a paraphrase ("mettre fin").
        for compound in [] if reason or f.pos != "NOUN" else compounds:
            parts = [p for p in compound.parts if content_part(p)]
            linked = [p for p in parts if (dictionary_keys(f) | {f"en:{g}" for g in english}) & part_keys[id(p)]]
            others = [p for p in parts if p not in linked]
            # Only one part has a rendering, and it is this word: the compound was read as that part. A compound
            # WordNet lists means more than its parts (whistle-blower); otherwise the other parts must be words
            # no dictionary knows ("frisk"): "22-year-old" rendered « de 22 ans » keeps all its meaning.
            lexicalised = (compound.lower,) in wordnet_units_by_pos()["noun"]
            if (linked and others and not any(part_keys[id(p)] & target_keys for p in others)
                    and (lexicalised or not any(p.known for p in others))):
                reason = f"{f.text} renders only “{linked[0].text}” of the source's “{compound.text}”"
                break
        if reason:
            hits.append(Hit("SR402", f.part, f.start, f.end, message=reason,
                            evidence=f"source: {_clip_quote(' '.join(bead.source_texts))}"))
    return hits

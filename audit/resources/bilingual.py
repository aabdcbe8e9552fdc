"""Apertium's morphological analysers and bilingual dictionaries, read as lexicons.

Apertium's pairs ship, besides the translators, the transducers they are built
from: a morphological analyser per language (``*.automorf.bin``), a statistical
tagger (``*.prob``) and a bilingual dictionary per direction (``*.autobil.bin``)
that maps a lemma with its tags to *every* translation the dictionary lists.
Used directly, they answer questions the translators hide:

- ``analyse(text, "en")``: the lemma and part of speech of each word, tagged in context;
- ``translations([("party", "n")], "en", "fr")``: every French lemma the dictionaries
  give for an English lemma, through Spanish (eng-spa then es-fr; there is no direct
  English-French pair in Debian), and the other way round.

Mining scripts use them to derive data files (literal renderings of English names,
cognates whose translations differ). The source-aware checks use :class:`BilingualLexicon`:
word -> translations through both pivots (Spanish and Catalan) plus FreeDict, cached per word
on disk. Everything is batched: one subprocess per call, whatever the number of words, and
every bilingual-transducer answer goes through one ``lt-proc -b`` path with one cache
(:func:`_bidix`), whichever interface asked.

This is the only module that runs Apertium's dictionaries; nothing else should.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

APERTIUM_DIR = Path("/usr/share/apertium")

DICTD_DIR = Path("/usr/share/dictd")

# direction -> bilingual transducer (relative to APERTIUM_DIR)
BIDIX = {
    ("en", "es"): "apertium-eng-spa/eng-spa.autobil.bin",
    ("es", "en"): "apertium-eng-spa/spa-eng.autobil.bin",
    ("es", "fr"): "apertium-fr-es/es-fr.autobil.bin",
    ("fr", "es"): "apertium-fr-es/fr-es.autobil.bin",
    ("en", "ca"): "apertium-eng-cat/eng-cat.autobil.bin",
    ("ca", "en"): "apertium-eng-cat/cat-eng.autobil.bin",
    ("ca", "fr"): "apertium-fra-cat/cat-fra.autobil.bin",
    ("fr", "ca"): "apertium-fra-cat/fra-cat.autobil.bin",
}
# language -> (analyser, tagger model) of a pair that has it as its source language
ANALYSER = {
    "en": ("apertium-eng-spa/eng-spa.automorf.bin", "apertium-eng-spa/eng-spa.prob"),
    "es": ("apertium-eng-spa/spa-eng.automorf.bin", "apertium-eng-spa/spa-eng.prob"),
    "fr": ("apertium-fr-es/fr-es.automorf.bin", "apertium-fr-es/fr-es.prob"),
}
PIVOT = "es"

_SPECIAL = re.compile(r"([\[\]^$@/<>{}*#\\])")
_UNIT = re.compile(r"\^((?:\\.|[^$\\])*)\$")
_TAGS = re.compile(r"<([^>]+)>")


class ApertiumMissing(RuntimeError):
    """The Apertium tools or the language pair files are not installed."""


@dataclass(frozen=True)
class Analysis:
    """One word as the tagger read it: surface form, lemma and tags (``unknown`` when not in the dictionary)."""

    surface: str
    lemma: str
    tags: tuple[str, ...]

    @property
    def pos(self) -> str:
        return self.tags[0] if self.tags else ""

    @property
    def unknown(self) -> bool:
        return not self.tags


def escape(text: str) -> str:
    """Text with Apertium's stream-format characters backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", text)


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def available(*languages: str) -> bool:
    """True when lt-proc, apertium-tagger and the files for ``languages`` (default: en, es, fr) are installed."""
    if not shutil.which("lt-proc") or not shutil.which("apertium-tagger"):
        return False
    wanted = set(languages or ("en", "fr")) | {PIVOT}  # the Catalan route only when asked for
    needed = [f for (a, b), f in BIDIX.items() if {a, b} <= wanted]
    needed += [p for lang, pair in ANALYSER.items() if not languages or lang in languages for p in pair]
    return all((APERTIUM_DIR / f).exists() for f in needed)


def _run(command: Sequence[str], text: str) -> str:
    if not shutil.which(command[0]):
        raise ApertiumMissing(f"{command[0]} is not installed (apt-get install apertium)")
    result = subprocess.run(command, input=text, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise ApertiumMissing(f"{' '.join(command[:2])} failed: {result.stderr.strip()[:200]}")
    return result.stdout


def _file(relative: str) -> str:
    path = APERTIUM_DIR / relative
    if not path.exists():
        raise ApertiumMissing(f"{path} is missing (install the Apertium language pair)")
    return str(path)


def analyse(text: str, language: str) -> list[Analysis]:
    """The words of ``text`` with lemma and tags, disambiguated by Apertium's tagger."""
    automorf, prob = ANALYSER[language]
    analysed = _run(["lt-proc", _file(automorf)], escape(text))
    tagged = _run(["apertium-tagger", "-g", "-p", _file(prob)], analysed)
    out = []
    for m in _UNIT.finditer(tagged):
        surface, _, reading = m.group(1).partition("/")
        if reading.startswith("*"):
            out.append(Analysis(unescape(surface), unescape(reading[1:]), ()))
            continue
        lemma = unescape(reading.split("<", 1)[0])
        out.append(Analysis(unescape(surface), lemma, tuple(_TAGS.findall(reading))))
    return out


# Some dictionaries match only with gender and number ("librería<n><f>"): when a caller gives
# the part of speech alone and the lookup fails, these completions are tried in turn.
_COMPLETIONS = {
    "n": (("sg",), ("m", "sg"), ("f", "sg"), ("mf", "sg"), ("m", "pl"), ("f", "pl"), ("mf", "pl"), ("m",), ("f",), ("mf",),
          ("m", "sp"), ("f", "sp"), ("mf", "sp")),  # invariable French nouns: "taux<n><m><sp>"
    "adj": (("sint",), ("m", "sg"), ("mf", "sg"), ("f", "sg"), ("sg",), ("m",), ("mf",)),
    "vblex": (("inf",),),
    "np": (("ant",), ("top",), ("org",), ("al",)),
}

Unit = tuple[str, tuple[str, ...]]


def _tags(value: str | Sequence[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


# (transducer, stream unit) -> the unit's readings as lt-proc -b wrote them: the one cache of every lookup.
_BIDIX_CACHE: dict[tuple[str, str], tuple[str, ...]] = {}


def _bidix(transducer: str, stream: Sequence[str]) -> list[tuple[str, ...] | None]:
    """For each stream unit (``lemma<tag><tag>``, already escaped), its readings in one bilingual transducer.

    One ``lt-proc -b`` process for the units not seen before in this process. Readings are kept
    raw (``@`` marks a missing entry); None when lt-proc wrote no unit on the unit's line.
    """
    missing = list(dict.fromkeys(u for u in stream if (transducer, u) not in _BIDIX_CACHE))
    unanswered: set[str] = set()
    if missing:
        output = _run(["lt-proc", "-b", _file(transducer)], "".join(f"^{u}$\n" for u in missing))
        lines = output.split("\n")
        for i, unit in enumerate(missing):
            found = _UNIT.search(lines[i]) if i < len(lines) else None
            if found is None:
                unanswered.add(unit)
                continue
            _BIDIX_CACHE[(transducer, unit)] = tuple(re.split(r"(?<!\\)/", found.group(1))[1:])
    return [None if u in unanswered else _BIDIX_CACHE[(transducer, u)] for u in stream]


def _lookup(units: Sequence[Unit], source: str, target: str) -> list[list[Unit]]:
    """For each (lemma, tags), the (lemma, tags) readings the bilingual dictionary ``source``->``target`` gives."""
    if not units:
        return []
    stream = [f"{escape(lemma)}{''.join(f'<{t}>' for t in tags)}" for lemma, tags in units]
    answers = _bidix(BIDIX[(source, target)], stream)
    if any(a is None for a in answers):
        raise ApertiumMissing(f"lt-proc -b returned {sum(a is not None for a in answers)} units for {len(units)} lemmas")
    results = []
    for readings in answers:
        found = []
        for reading in readings or ():
            if reading.startswith("@"):  # the dictionary has no entry
                continue
            found.append((unescape(reading.split("<", 1)[0]), tuple(_TAGS.findall(reading))))
        results.append(found)
    return results


def lookup(units: Iterable[tuple[str, str | Sequence[str]]], source: str, target: str) -> dict[Unit, list[Unit]]:
    """(lemma, tags) -> readings in one bilingual dictionary; a bare part of speech is completed when needed."""
    units = list(dict.fromkeys((lemma, _tags(tags)) for lemma, tags in units))
    found = dict(zip(units, _lookup(units, source, target)))
    retry = [(u, (u[0], u[1] + extra)) for u in units if not found[u] and len(u[1]) == 1 for extra in _COMPLETIONS.get(u[1][0], ())]
    if retry:
        for (unit, _), readings in zip(retry, _lookup([r for _, r in retry], source, target)):
            if readings and not found[unit]:
                found[unit] = readings
    return found


def translations(units: Iterable[tuple[str, str | Sequence[str]]], source: str = "en", target: str = "fr") -> dict[Unit, list[str]]:
    """(lemma, tags) -> target lemmas, every alternative the dictionaries list, in their order.

    Tags are the analyser's (``("n", "sg")``) or a part of speech alone (``"n"``).
    English and French are linked through Spanish: each Spanish alternative is
    looked up in turn with its full tags, so "party" gives fête (fiesta) and parti (partido).
    """
    units = list(dict.fromkeys((lemma, _tags(tags)) for lemma, tags in units))
    if (source, target) in BIDIX:
        return {u: list(dict.fromkeys(lemma for lemma, _ in readings)) for u, readings in lookup(units, source, target).items()}
    first = lookup(units, source, PIVOT)
    middle = list(dict.fromkeys(r for readings in first.values() for r in readings))
    second = lookup(middle, PIVOT, target)
    return {u: list(dict.fromkeys(lemma for m in first[u] for lemma, _ in second.get(m, []))) for u in units}


@lru_cache(maxsize=50_000)
def translate(lemma: str, pos: str, source: str = "en", target: str = "fr") -> tuple[str, ...]:
    """Target lemmas for one (lemma, part of speech); prefer :func:`translations` for many words."""
    return tuple(translations([(lemma, pos)], source, target)[(lemma, (pos,))])


def readings(words: Iterable[str], language: str) -> dict[str, list[Unit]]:
    """Every (lemma, tags) the morphological analyser gives each word, out of context (no tagger).

    Mining scripts use it on word lists (a word's every part of speech counts there);
    an unknown word maps to an empty list.
    """
    words = [w for w in dict.fromkeys(words) if w.strip() and "\n" not in w]
    if not words:
        return {}
    automorf, _ = ANALYSER[language]
    output = _run(["lt-proc", _file(automorf)], "\n".join(escape(w) for w in words) + "\n")
    found: dict[str, list[Unit]] = {w: [] for w in words}
    units = _UNIT.findall(output)
    # One unit per word unless the analyser split a word (punctuation inside): then match by surface.
    aligned = len(units) == len(words)
    for n, unit in enumerate(units):
        surface, *alternatives = re.split(r"(?<!\\)/", unit)
        word = words[n] if aligned else unescape(surface)
        if word not in found:
            continue
        for reading in alternatives:
            if reading.startswith(("*", "@", "#")):
                continue
            found[word].append((unescape(reading.split("<", 1)[0]), tuple(_TAGS.findall(reading))))
    return found


# --- word -> translations for the source-aware checks: both pivots, FreeDict, a per-word disk cache ---

# (language, pivot) -> (package folder, mode prefix) of the analyser and tagger that start the route.
ANALYSERS: dict[tuple[str, str], tuple[str, str]] = {
    ("en", "es"): ("apertium-eng-spa", "eng-spa"),
    ("fr", "es"): ("apertium-fr-es", "fr-es"),
    ("en", "ca"): ("apertium-eng-cat", "eng-cat"),
    ("fr", "ca"): ("apertium-fra-cat", "fra-cat"),
}
# (source, target, pivot) -> the two bilingual transducers of the route.
HOPS: dict[tuple[str, str, str], tuple[str, str]] = {
    (s, t, p): (BIDIX[(s, p)], BIDIX[(p, t)]) for s, t in (("en", "fr"), ("fr", "en")) for p in ("es", "ca")
}
FREEDICT = {("en", "fr"): "freedict-eng-fra", ("fr", "en"): "freedict-fra-eng"}
PIVOTS = ("es", "ca")

# Underspecified tags of the pivot dictionaries and the values to try instead.
_OPEN_TAGS = {"<GD>": ("<m>", "<f>"), "<ND>": ("<sg>", "<pl>"), "<mf>": ("<mf>", "<m>", "<f>")}
# Characters that are syntax in an Apertium stream; no word needs them.
_STREAM_SPECIAL = re.compile(r"[\[\]{}\\/@<>^$#*\n]")
_TAG_RE = re.compile(r"<[^>]*>")
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
# Words of a FreeDict gloss that are not a translation of the headword.
_GLOSS_SKIP = {
    "to", "a", "an", "the", "of", "be", "se", "s'", "le", "la", "les", "l'", "un", "une", "de", "du", "des",
    "d'", "à", "et", "ou", "or", "and", "sth", "sb", "qn", "qch", "something", "someone", "quelque", "chose",
}


def lemma_of(unit: str) -> str:
    """``fallo# del tribunal<n><m><sg>`` -> ``fallo del tribunal``."""
    return _TAG_RE.sub("", unit).replace("#", "").strip().lstrip("@*").lower()


@lru_cache(maxsize=1)
def apertium_available() -> bool:
    return bool(shutil.which("lt-proc") and shutil.which("apertium-tagger") and (APERTIUM_DIR / "apertium-eng-spa").is_dir())


def _b64(value: str) -> int:
    n = 0
    for ch in value:
        n = n * 64 + _B64.index(ch)
    return n


@lru_cache(maxsize=2)
def freedict(name: str) -> dict[str, tuple[str, ...]]:
    """Headword (lower case) -> translated words of one FreeDict dictionary; empty when not installed."""
    index, data = DICTD_DIR / f"{name}.index", DICTD_DIR / f"{name}.dict.dz"
    if not (index.exists() and data.exists()):
        return {}
    # .dict.dz is dictzip, which gzip reads as one stream.
    raw = gzip.open(data).read()
    out: dict[str, set[str]] = {}
    for line in index.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or parts[0].startswith("00database"):
            continue
        head, offset, length = parts
        entry = raw[_b64(offset):_b64(offset) + _b64(length)].decode("utf-8", "replace")
        words: set[str] = set()
        for gloss_line in entry.splitlines()[1:]:
            gloss_line = re.sub(r"^\s*\d+\.\s*", "", gloss_line)
            for gloss in re.split(r"[,;]", gloss_line):
                gloss = re.sub(r"\(.*?\)|<.*?>", "", gloss).strip().lower()
                if not gloss:
                    continue
                words.add(gloss)
                # "faire la cour" also links "cour": multiword glosses count by their content words.
                for w in re.findall(r"[\w'’-]+", gloss):
                    if w not in _GLOSS_SKIP and len(w) > 2:
                        words.add(w)
        out.setdefault(head.lower(), set()).update(words)
    return {k: tuple(sorted(v)) for k, v in out.items()}


class BilingualLexicon:
    """Cached, batched English<->French word translations (Apertium routes plus FreeDict)."""

    def __init__(self, pivots: Iterable[str] = PIVOTS, use_apertium: bool = True, use_freedict: bool = True,
                 cache_file: Path | None = None) -> None:
        self.pivots = tuple(pivots)
        self.use_apertium = use_apertium and apertium_available()
        self.use_freedict = use_freedict
        self.cache_file = cache_file
        self._words: dict[tuple[str, str, str], frozenset[str]] = {}
        if cache_file is not None and cache_file.exists():
            try:
                stored = json.loads(cache_file.read_text(encoding="utf-8"))
                self._words = {tuple(k.split("\t", 2)): frozenset(v) for k, v in stored.items()}  # type: ignore[misc]
            except (OSError, ValueError):
                self._words = {}  # a damaged cache is rebuilt
        self._analyses: dict[tuple[str, str, str], tuple[str, ...]] = {}

    # --- Apertium -------------------------------------------------------------------------

    def analyse(self, words: Iterable[str], language: str, pivot: str) -> dict[str, tuple[str, ...]]:
        """Word -> its ``lemma<tags>`` readings from the route's analyser and tagger (one process)."""
        words = list(dict.fromkeys(w for w in words if w.strip()))
        missing = [w for w in words if (language, pivot, w) not in self._analyses]
        if missing:
            folder, mode = ANALYSERS[(language, pivot)]
            # One word a line: the tagger then sees no context, so it picks each word's likeliest reading.
            text = "\n".join(_STREAM_SPECIAL.sub(" ", w) for w in missing) + "\n"
            analysed = _run(["lt-proc", _file(f"{folder}/{mode}.automorf.bin")], text)
            tagged = _run(["apertium-tagger", "-g", _file(f"{folder}/{mode}.prob")], analysed)
            lines = tagged.split("\n")
            for i, word in enumerate(missing):
                units = _UNIT.findall(lines[i]) if i < len(lines) else []
                readings = tuple(u for u in units if not u.startswith("*") and "<" in u and not u.endswith("<sent>"))
                self._analyses[(language, pivot, word)] = readings
        return {w: self._analyses[(language, pivot, w)] for w in words}

    @staticmethod
    def _lookup(transducer: str, units: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """``lemma<tags>`` -> translations with tags (the shared, cached ``lt-proc -b`` path)."""
        units = list(dict.fromkeys(units))
        answers = _bidix(transducer, units)
        return {u: tuple(a for a in answer or () if a and not a.startswith("@")) for u, answer in zip(units, answers)}

    @staticmethod
    def _open_variants(unit: str) -> list[str]:
        variants = [unit]
        for tag, values in _OPEN_TAGS.items():
            if tag in unit:
                variants = [v.replace(tag, value, 1) for v in variants for value in values]
        return variants

    def _apertium(self, words: list[str], source: str, target: str) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {w: set() for w in words}
        for pivot in self.pivots:
            if (source, target, pivot) not in HOPS:
                continue
            first, second = HOPS[(source, target, pivot)]
            readings = self.analyse(words, source, pivot)
            hop1 = self._lookup(first, {r for rs in readings.values() for r in rs})
            middle = {m for answers in hop1.values() for m in answers}
            variants = {m: self._open_variants(m) for m in middle}
            hop2 = self._lookup(second, {v for vs in variants.values() for v in vs})
            for word, rs in readings.items():
                for r in rs:
                    for m in hop1.get(r, ()):
                        for v in variants[m]:
                            out[word].update(lemma_of(t) for t in hop2.get(v, ()))
        return out

    # --- FreeDict -------------------------------------------------------------------------

    def _freedict(self, words: list[str], source: str, target: str, lemmas: dict[str, Iterable[str]]) -> dict[str, set[str]]:
        table = freedict(FREEDICT[(source, target)]) if (source, target) in FREEDICT else {}
        out: dict[str, set[str]] = {}
        for word in words:
            found: set[str] = set()
            for key in {word.lower(), *(l.lower() for l in lemmas.get(word, ()))}:
                found.update(table.get(key, ()))
            out[word] = found
        return out

    # --- public ---------------------------------------------------------------------------

    def translations(self, words: Iterable[str], source: str, target: str, lemmas: dict[str, Iterable[str]] | None = None) -> dict[str, frozenset[str]]:
        """Each word -> lower-case lemmas of its translations (empty set: no dictionary knows it).

        ``lemmas`` may give lemmas of the words from another lemmatiser (spaCy, simplemma):
        FreeDict is looked up by word and by every lemma given.
        """
        lemmas = lemmas or {}
        words = list(dict.fromkeys(w for w in words if w.strip()))
        # Only Apertium's answers are cached (per word, on disk): the analyser sees each word alone, so its
        # answer does not depend on the text; FreeDict lookups are cheap and use this call's lemmas.
        missing = [w for w in words if (source, target, w) not in self._words]
        if missing:
            found = self._apertium(missing, source, target) if self.use_apertium else {w: set() for w in missing}
            for w in missing:
                self._words[(source, target, w)] = frozenset(t for t in found[w] if t)
            self._save()
        extra = self._freedict(words, source, target, lemmas) if self.use_freedict else {}
        return {w: self._words[(source, target, w)] | frozenset(t for t in extra.get(w, ()) if t) for w in words}

    def _save(self) -> None:
        if self.cache_file is None:
            return
        try:
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.cache_file.with_name(f"{self.cache_file.name}.{os.getpid()}.tmp")
            data = {"\t".join(k): sorted(v) for k, v in sorted(self._words.items())}
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            tmp.replace(self.cache_file)  # atomic: parallel processes never read half a file
        except OSError:
            pass  # the cache is an optimisation


def default_cache_file() -> Path | None:
    """The disk cache of word translations, named after the dictionary files it was built from."""
    if os.environ.get("AUDIT_NO_DICTIONARY_CACHE"):
        return None
    from platformdirs import user_cache_dir

    digest = hashlib.sha256()
    for folder, _ in ANALYSERS.values():
        for path in sorted((APERTIUM_DIR / folder).glob("*.bin")):
            digest.update(f"{path.name}:{path.stat().st_size}:{int(path.stat().st_mtime)}".encode())
    for name in FREEDICT.values():
        path = DICTD_DIR / f"{name}.index"
        if path.exists():
            digest.update(f"{name}:{path.stat().st_size}".encode())
    return Path(user_cache_dir("audit")) / f"dictionary-{digest.hexdigest()[:16]}.json"


@lru_cache(maxsize=1)
def shared_lexicon() -> BilingualLexicon:
    """One lexicon (and cache) per process."""
    return BilingualLexicon(cache_file=default_cache_file())

"""English-French word translations for the source-aware checks, from Debian-packaged dictionaries.

(``audit.resources.bilingual`` reads the same Apertium transducers for one route and
one tagged lemma at a time; this module adds the Catalan route, FreeDict, word-level
caching and the pivot's underspecified tags, which the coverage check needs.)

Two sources, both offline:

* Apertium's bilingual transducers. There is no English-French pair, so a word
  goes through Spanish (``eng-spa`` then ``es-fr``) and through Catalan
  (``eng-cat`` then ``cat-fra``), and the other way for French words. A
  bilingual transducer only answers for a lemma with its full tag sequence, as
  the analyser and tagger produce it (``^enfant<n><mf><pl>$``), so the words are
  first analysed (``lt-proc`` on the pair's analyser, then ``apertium-tagger``).
  The pivot language's tags are not always complete (``<GD>``: gender to be
  determined), so the second hop is tried with each value they stand for.
* FreeDict's English-French and French-English dictionaries (dictd format,
  packages ``dict-freedict-eng-fra`` and ``dict-freedict-fra-eng``), looked up
  by word and by lemma.

Every lookup is batched: one process per analyser and transducer per call,
whatever the number of words, and every answer is cached for the process and
on disk (a JSON file in the user cache folder, keyed by the dictionaries'
package files, so an upgraded dictionary starts a new cache).

Usage::

    lexicon = BilingualLexicon()
    lexicon.translations(["atroce", "tribunaux"], "fr", "en")
    # {"atroce": {"cruel", "horrible", ...}, "tribunaux": {"court", "tribunal", ...}}
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Iterable

APERTIUM_DIR = Path("/usr/share/apertium")
DICTD_DIR = Path("/usr/share/dictd")

# (language, pivot) -> (package folder, mode prefix) of the analyser and tagger that start the route.
ANALYSERS: dict[tuple[str, str], tuple[str, str]] = {
    ("en", "es"): ("apertium-eng-spa", "eng-spa"),
    ("fr", "es"): ("apertium-fr-es", "fr-es"),
    ("en", "ca"): ("apertium-eng-cat", "eng-cat"),
    ("fr", "ca"): ("apertium-fra-cat", "fra-cat"),
}
# (source, target, pivot) -> the two bilingual transducers of the route.
HOPS: dict[tuple[str, str, str], tuple[str, str]] = {
    ("en", "fr", "es"): ("apertium-eng-spa/eng-spa.autobil.bin", "apertium-fr-es/es-fr.autobil.bin"),
    ("fr", "en", "es"): ("apertium-fr-es/fr-es.autobil.bin", "apertium-eng-spa/spa-eng.autobil.bin"),
    ("en", "fr", "ca"): ("apertium-eng-cat/eng-cat.autobil.bin", "apertium-fra-cat/cat-fra.autobil.bin"),
    ("fr", "en", "ca"): ("apertium-fra-cat/fra-cat.autobil.bin", "apertium-eng-cat/cat-eng.autobil.bin"),
}
FREEDICT = {("en", "fr"): "freedict-eng-fra", ("fr", "en"): "freedict-fra-eng"}
PIVOTS = ("es", "ca")

# Underspecified tags of the pivot dictionaries and the values to try instead.
_OPEN_TAGS = {"<GD>": ("<m>", "<f>"), "<ND>": ("<sg>", "<pl>"), "<mf>": ("<mf>", "<m>", "<f>")}
# Characters that are syntax in an Apertium stream; no word needs them.
_STREAM_SPECIAL = re.compile(r"[\[\]{}\\/@<>^$#*\n]")
_UNIT_RE = re.compile(r"\^(.*?)\$")
_TAG_RE = re.compile(r"<[^>]*>")
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
# Words of a FreeDict gloss that are not a translation of the headword.
_GLOSS_SKIP = {
    "to", "a", "an", "the", "of", "be", "se", "s'", "le", "la", "les", "l'", "un", "une", "de", "du", "des",
    "d'", "à", "et", "ou", "or", "and", "sth", "sb", "qn", "qch", "something", "someone", "quelque", "chose",
}


def _run(command: list[str], text: str) -> str:
    result = subprocess.run(command, input=text, capture_output=True, text=True, check=False, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {result.stderr.strip()[:200]}")
    return result.stdout


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
        self._bil: dict[tuple[str, str], tuple[str, ...]] = {}

    # --- Apertium -------------------------------------------------------------------------

    def analyse(self, words: Iterable[str], language: str, pivot: str) -> dict[str, tuple[str, ...]]:
        """Word -> its ``lemma<tags>`` readings from the route's analyser and tagger (one process)."""
        words = list(dict.fromkeys(w for w in words if w.strip()))
        missing = [w for w in words if (language, pivot, w) not in self._analyses]
        if missing:
            folder, mode = ANALYSERS[(language, pivot)]
            base = APERTIUM_DIR / folder
            # One word a line: the tagger then sees no context, so it picks each word's likeliest reading.
            text = "\n".join(_STREAM_SPECIAL.sub(" ", w) for w in missing) + "\n"
            analysed = _run(["lt-proc", str(base / f"{mode}.automorf.bin")], text)
            tagged = _run(["apertium-tagger", "-g", str(base / f"{mode}.prob")], analysed)
            lines = tagged.split("\n")
            for i, word in enumerate(missing):
                units = _UNIT_RE.findall(lines[i]) if i < len(lines) else []
                readings = tuple(u for u in units if not u.startswith("*") and "<" in u and not u.endswith("<sent>"))
                self._analyses[(language, pivot, word)] = readings
        return {w: self._analyses[(language, pivot, w)] for w in words}

    def _lookup(self, transducer: str, units: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """``lemma<tags>`` -> translations with tags, through one ``lt-proc -b`` process."""
        units = list(dict.fromkeys(units))
        missing = [u for u in units if (transducer, u) not in self._bil]
        if missing:
            out = _run(["lt-proc", "-b", str(APERTIUM_DIR / transducer)], "".join(f"^{u}$\n" for u in missing))
            lines = out.split("\n")
            for i, unit in enumerate(missing):
                found = _UNIT_RE.findall(lines[i]) if i < len(lines) else []
                answers = found[0].split("/")[1:] if found else []
                self._bil[(transducer, unit)] = tuple(a for a in answers if a and not a.startswith("@"))
        return {u: self._bil[(transducer, u)] for u in units}

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

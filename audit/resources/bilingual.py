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
cognates whose translations differ); source-aware checks may call them at run time.
Everything is batched: one subprocess per call, whatever the number of words.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

APERTIUM_DIR = Path("/usr/share/apertium")

# direction -> bilingual transducer (relative to APERTIUM_DIR)
BIDIX = {
    ("en", "es"): "apertium-eng-spa/eng-spa.autobil.bin",
    ("es", "en"): "apertium-eng-spa/spa-eng.autobil.bin",
    ("es", "fr"): "apertium-fr-es/es-fr.autobil.bin",
    ("fr", "es"): "apertium-fr-es/fr-es.autobil.bin",
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
    needed = [f for (a, b), f in BIDIX.items() if not languages or {a, b} <= set(languages) | {PIVOT}]
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


def _lookup(units: Sequence[Unit], source: str, target: str) -> list[list[Unit]]:
    """For each (lemma, tags), the (lemma, tags) readings the bilingual dictionary ``source``->``target`` gives."""
    if not units:
        return []
    stream = "\n".join(f"^{escape(lemma)}{''.join(f'<{t}>' for t in tags)}$" for lemma, tags in units) + "\n"
    output = _run(["lt-proc", "-b", _file(BIDIX[(source, target)])], stream)
    results = []
    for m in _UNIT.finditer(output):
        readings = re.split(r"(?<!\\)/", m.group(1))[1:]
        found = []
        for reading in readings:
            if reading.startswith("@"):  # the dictionary has no entry
                continue
            found.append((unescape(reading.split("<", 1)[0]), tuple(_TAGS.findall(reading))))
        results.append(found)
    if len(results) != len(units):
        raise ApertiumMissing(f"lt-proc -b returned {len(results)} units for {len(units)} lemmas")
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

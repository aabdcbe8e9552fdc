"""Apertium (rule-based MT, Debian packages) as a translation engine.

There is no direct French-English pair in Apertium, so French goes to English
through Spanish (``fr-es`` then ``spa-eng``) or Catalan (``fra-cat`` then
``cat-eng``), and back the other way.

Batching: one ``apertium`` process per batch and hop. Items are separated by a
blank line; Apertium keeps blank lines as paragraph breaks but may treat a single
newline as a space, so every item is flattened to one line first and the number
of paragraphs that come back is checked. On a mismatch the batch is split in
halves, recursively, down to one item per call.

Marks: with marks on, Apertium prefixes ``*`` to words it does not know,
``@`` to lemmas missing from the bilingual dictionary and ``#`` to words it
could not generate. The first hop's ``*`` words are the evidence we keep
(:attr:`Translation.unknown`); marks are stripped before the next hop, which
runs with ``-u`` (no marks).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from audit.engines.base import EngineError, Translation, TranslationEngine

MODES_DIR = Path("/usr/share/apertium/modes")

# (source, target) -> pivot -> hops
ROUTES: dict[tuple[str, str], dict[str, tuple[str, str]]] = {
    ("fr", "en"): {"es": ("fr-es", "spa-eng"), "ca": ("fra-cat", "cat-eng")},
    ("en", "fr"): {"es": ("eng-spa", "es-fr"), "ca": ("eng-cat", "cat-fra")},
}

# Debian package that ships each mode (for the version and for install hints).
MODE_PACKAGES: dict[str, str] = {
    "fr-es": "apertium-fr-es",
    "es-fr": "apertium-fr-es",
    "spa-eng": "apertium-eng-spa",
    "eng-spa": "apertium-eng-spa",
    "fra-cat": "apertium-fra-cat",
    "cat-fra": "apertium-fra-cat",
    "cat-eng": "apertium-eng-cat",
    "eng-cat": "apertium-eng-cat",
}

PIVOTS = ("es", "ca")

_WORD = r"[^\W_][\w'’]*"
# A mark sits right before a word. `*viti-*vinicole` is one unknown compound, but in
# `*mi-tiempo` only "mi" is unknown ("-temps" was translated), so every part needs its own mark.
_UNKNOWN_RE = re.compile(r"\*(" + _WORD + r"(?:-\*" + _WORD + r")*)")
# `*` can follow a digit ("14*h30"); `@` and `#` only start a token (an e-mail's @ is not a mark).
_MARK_RE = re.compile(r"\*(?=[^\W_])|(?<![^\W_])[@#](?=[^\W_])")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPLIT_RE = re.compile(r"\n[ \t]*\n\s*")


def _binary() -> str | None:
    return shutil.which("apertium")


@lru_cache(maxsize=4)
def installed_modes(binary: str | None = None) -> frozenset[str]:
    """Mode names Apertium can run here (``apertium -l``, else the modes folder)."""
    binary = binary or _binary()
    modes: set[str] = set()
    if binary:
        try:
            out = subprocess.run([binary, "-l"], capture_output=True, text=True, timeout=30)
            modes.update(line.strip() for line in out.stdout.splitlines() if line.strip())
        except (OSError, subprocess.SubprocessError):
            pass
    if not modes and MODES_DIR.is_dir():
        modes.update(p.stem for p in MODES_DIR.glob("*.mode"))
    return frozenset(modes)


@lru_cache(maxsize=16)
def package_versions(packages: tuple[str, ...]) -> dict[str, str]:
    """Installed Debian versions of ``packages`` (missing or non-Debian: no entry)."""
    dpkg = shutil.which("dpkg-query")
    if not dpkg:
        return {}
    try:
        out = subprocess.run(
            [dpkg, "-W", "-f=${Package}\t${Version}\n", *packages], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    versions = {}
    for line in out.stdout.splitlines():
        name, _, version = line.partition("\t")
        if version.strip():
            versions[name.strip()] = version.strip()
    return versions


def _mode_fingerprint(mode: str) -> str:
    """Without dpkg, the mode file and the sizes/dates of the data files it names stand in for a version."""
    path = MODES_DIR / f"{mode}.mode"
    digest = hashlib.sha256()
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "unknown"
    digest.update(text.encode())
    for name in sorted(set(re.findall(r"'(/[^']+)'", text))):
        try:
            st = os.stat(name)
            digest.update(f"{name}:{st.st_size}:{int(st.st_mtime)}".encode())
        except OSError:
            continue
    return digest.hexdigest()[:12]


def strip_marks(text: str, source: str = "") -> str:
    """Remove Apertium's ``*``/``@``/``#`` marks; keep a sign that was already in ``source``.

    A literal ``@handle`` or ``#hashtag`` in the input looks exactly like a mark in
    the output, so a marked token that also occurs verbatim in the input is kept.
    """

    def replace(match: re.Match[str]) -> str:
        token = re.match(r"[*@#]\w*", text[match.start():])
        if token and source and token.group(0) in source:
            return match.group(0)
        return ""

    return _MARK_RE.sub(replace, text)


def unknown_words(marked: str, source: str = "") -> tuple[str, ...]:
    """Words Apertium marked ``*`` (unknown to its analyser), in order, without repeats."""
    seen: dict[str, None] = {}
    for m in _UNKNOWN_RE.finditer(marked):
        if source and m.group(0) in source:
            continue  # a literal asterisk in the input, not a mark
        seen.setdefault(m.group(1).replace("*", ""), None)
    return tuple(seen)


def flatten(text: str) -> str:
    """One line per item: control characters and line breaks become single spaces."""
    return " ".join(_CONTROL_RE.sub(" ", text).split())


class ApertiumEngine(TranslationEngine):
    """French <-> English with Apertium through a Spanish or Catalan pivot."""

    name = "apertium"

    def __init__(self, pivot: str = "es", timeout: float = 120.0, binary: str | None = None) -> None:
        if pivot not in PIVOTS:
            raise ValueError(f"unknown Apertium pivot {pivot!r} (choose from {', '.join(PIVOTS)})")
        self.pivot = pivot
        self.timeout = timeout
        self._binary_override = binary
        self.process_calls = 0

    @property
    def binary(self) -> str | None:
        return self._binary_override or _binary()

    def route(self, source: str, target: str) -> tuple[str, ...]:
        try:
            return ROUTES[(source, target)][self.pivot]
        except KeyError:
            raise EngineError(f"apertium: no route {source}->{target} (supported: fr->en, en->fr)") from None

    def available(self, source: str, target: str) -> bool:
        if (source, target) not in ROUTES or not self.binary:
            return False
        return set(ROUTES[(source, target)][self.pivot]) <= installed_modes(self.binary)

    def missing(self, source: str = "fr", target: str = "en") -> list[str]:
        """Debian packages to install for this pivot, both directions (empty when complete)."""
        needed = ["apertium"] if not self.binary else []
        modes = installed_modes(self.binary) if self.binary else frozenset()
        for pair in ((source, target), (target, source)):
            for mode in ROUTES.get(pair, {}).get(self.pivot, ()):
                if mode not in modes and MODE_PACKAGES[mode] not in needed:
                    needed.append(MODE_PACKAGES[mode])
        return needed

    def version(self) -> str:
        modes = sorted({m for routes in ROUTES.values() for m in routes[self.pivot]})
        packages = tuple(["apertium"] + sorted({MODE_PACKAGES[m] for m in modes}))
        versions = package_versions(packages)
        if versions:
            return ";".join(f"{p}={versions.get(p, '?')}" for p in packages)
        return "modes:" + ",".join(f"{m}={_mode_fingerprint(m)}" for m in modes)

    def translate(self, texts: list[str], source: str, target: str) -> list[Translation]:
        first, second = self.route(source, target)
        if not self.binary:
            raise EngineError("apertium: the `apertium` program is not installed (apt-get install apertium)")
        items = [flatten(t) for t in texts]
        todo = [i for i, t in enumerate(items) if t]
        results = [Translation("") for _ in texts]
        if not todo:
            return results
        sources = [items[i] for i in todo]
        marked = self._batch(first, sources, marks=True)
        middle = [strip_marks(m, s) for m, s in zip(marked, sources)]
        unknown = [unknown_words(m, s) for m, s in zip(marked, sources)]
        final = self._batch(second, middle, marks=False)
        for index, text, mid, words in zip(todo, final, middle, unknown):
            results[index] = Translation(text=flatten(strip_marks(text, mid)), unknown=words)
        return results

    def _batch(self, mode: str, items: list[str], marks: bool) -> list[str]:
        """Translate one-line items with one process call; halve the batch when the count goes wrong."""
        out = self._call(mode, "\n\n".join(items) + "\n", marks)
        pieces = [p for p in _SPLIT_RE.split(out.strip())] if out.strip() else []
        if len(pieces) == len(items):
            return pieces
        if len(items) == 1:
            # One item that came back as several paragraphs (or none) is still one translation.
            return [" ".join(pieces)]
        half = len(items) // 2
        return self._batch(mode, items[:half], marks) + self._batch(mode, items[half:], marks)

    def _call(self, mode: str, text: str, marks: bool) -> str:
        binary = self.binary
        if not binary:
            raise EngineError("apertium: the `apertium` program is not installed (apt-get install apertium)")
        command = [binary, "-f", "txt"] + ([] if marks else ["-u"]) + [mode]
        # Large batches legitimately take longer; a wedged pipeline should not hang the audit.
        timeout = self.timeout + len(text) / 5000
        self.process_calls += 1
        try:
            done = subprocess.run(command, input=text, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise EngineError(f"apertium {mode}: no answer after {timeout:.0f} s") from None
        except OSError as exc:
            raise EngineError(f"apertium {mode}: cannot run {binary}: {exc.strerror or exc}") from None
        if done.returncode != 0:
            detail = next((line.strip() for line in done.stderr.splitlines() if line.strip()), "no error message")
            raise EngineError(f"apertium {mode}: exit status {done.returncode}: {detail}")
        return done.stdout

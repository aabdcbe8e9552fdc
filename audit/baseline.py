"""Stable finding fingerprints, baselines and suppressions.

A *fingerprint* names a finding in a way that survives edits elsewhere in the
file: it hashes the file's display path, the rule code, the normalised span text
and a small normalised window of the passage text around the span (a few words
on each side, never crossing the passage). Line numbers and offsets are not part
of it, so inserting a paragraph earlier in the article does not change it.
Findings whose hash is identical within one file (the same phrase flagged in the
same words twice) are told apart by an occurrence index in document order:
the fingerprint is ``"<32 hex digits>:<occurrence>"``, e.g. ``"9f0c…e1:0"``.

A *baseline* (``write_baseline``) is the set of fingerprints of a run; when a
later run is given that baseline (``apply_baseline``), findings already in it
are removed from the run, so only new findings are reported and count towards
failure. The number removed is kept in ``run.settings["baseline_suppressed"]``.

A *suppression file* lists accepted findings with a required reason, in TOML::

    [[suppress]]
    fingerprint = "9f0c…e1:0"
    reason = "the agency's own spelling"

    [[suppress]]
    file = "seeds/*.txt"          # display path, glob patterns allowed; optional
    code = "FR501"
    span = "» ,"                   # the flagged text; optional (file or span needed)
    reason = "house style keeps the space"

or in JSON as ``{"suppress": [{...}, ...]}`` (a bare list works too).
``apply_suppressions`` removes the matching findings, records their number in
``run.settings["suppressed"]`` and warns in ``run.warnings`` about entries that
matched nothing (stale suppressions).

Order matters only for the occurrence index: write a baseline from a run whose
suppressions were already applied, and when checking apply suppressions first,
then the baseline. Passage scores and ``suspect`` flags are the scorer's and are
not recomputed when findings are removed.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from audit.model import FileReport, Finding, RunReport

BASELINE_SCHEMA = "audit-baseline/1"
CONTEXT_WORDS = 3

_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "\u00a0": " ", "\u202f": " "})


class BaselineError(ValueError):
    """A baseline or suppression file that cannot be used; the message is one line."""


def normalise(text: str) -> str:
    """NFKC, typographic quotes and no-break spaces folded, white space collapsed."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACES.sub(" ", text).strip()


def _window(text: str, start: int, end: int) -> tuple[str, str]:
    """The last CONTEXT_WORDS words before ``text[start:end]`` and the first ones after it."""
    before = normalise(text[:start]).split(" ")
    after = normalise(text[end:]).split(" ")
    return " ".join(w for w in before[-CONTEXT_WORDS:] if w), " ".join(w for w in after[:CONTEXT_WORDS] if w)


def _passage_bounds(report: FileReport, finding: Finding) -> tuple[str, int] | None:
    """(passage text, passage start offset) of the passage holding the finding."""
    for passage in report.passages:
        if any(f is finding for f in passage.findings):
            s = passage.sentence
            return s.text, s.start
    for passage in report.passages:
        s = passage.sentence
        if s.start <= finding.start < s.end:
            return s.text, s.start
    return None


def _base_hash(report: FileReport, finding: Finding) -> str:
    bounds = _passage_bounds(report, finding)
    if bounds is not None:
        text, offset = bounds
        start = min(max(finding.start - offset, 0), len(text))
        end = min(max(finding.end - offset, start), len(text))
    elif report.text:
        # A file-level finding outside every passage: its own line is the context.
        line_start = report.text.rfind("\n", 0, finding.start) + 1
        line_end = report.text.find("\n", finding.end)
        line_end = len(report.text) if line_end < 0 else line_end
        text = report.text[line_start:line_end]
        start, end = finding.start - line_start, min(finding.end, line_end) - line_start
    else:
        text, start, end = finding.span, 0, len(finding.span)
    before, after = _window(text, start, end)
    material = "\x1f".join(
        [report.display_path.replace("\\", "/"), finding.code, normalise(finding.span), before, after]
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:32]


def file_fingerprints(report: FileReport) -> list[tuple[Finding, str]]:
    """Every finding of the file (document order) with its fingerprint."""
    counts: dict[str, int] = {}
    out: list[tuple[Finding, str]] = []
    for finding in report.all_findings():
        base = _base_hash(report, finding)
        n = counts.get(base, 0)
        counts[base] = n + 1
        out.append((finding, f"{base}:{n}"))
    return out


def fingerprint(report: FileReport, finding: Finding) -> str:
    """The stable fingerprint of ``finding`` (one of ``report``'s findings)."""
    for candidate, fp in file_fingerprints(report):
        if candidate is finding:
            return fp
    # Not one of the report's findings: fingerprint it as if it were the first occurrence.
    return f"{_base_hash(report, finding)}:0"


def run_fingerprints(run: RunReport) -> list[tuple[FileReport, Finding, str]]:
    return [(report, f, fp) for report in run.files for f, fp in file_fingerprints(report)]


def _remove(run: RunReport, doomed: set[int]) -> int:
    """Remove findings whose id() is in ``doomed`` from passages and file-level lists."""
    removed = 0
    for report in run.files:
        for passage in report.passages:
            kept = [f for f in passage.findings if id(f) not in doomed]
            removed += len(passage.findings) - len(kept)
            passage.findings = kept
        kept = [f for f in report.findings if id(f) not in doomed]
        removed += len(report.findings) - len(kept)
        report.findings = kept
    return removed


# --- baselines ---------------------------------------------------------------------------------


def write_baseline(run: RunReport, path: Path | str) -> int:
    """Write the fingerprints of every finding of ``run`` as JSON; returns how many."""
    from audit import __version__
    from audit.writers.base import atomic_write

    entries = sorted(
        (
            {"fingerprint": fp, "file": report.display_path, "code": f.code, "span": f.span, "line": f.line}
            for report, f, fp in run_fingerprints(run)
        ),
        key=lambda e: (e["file"], e["fingerprint"]),
    )
    document = {"schema": BASELINE_SCHEMA, "tool": "audit", "version": __version__, "findings": entries}
    atomic_write(Path(path), json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    return len(entries)


def load_baseline(path: Path | str) -> set[str]:
    """The fingerprints of a baseline file; :class:`BaselineError` (one line) when it is unusable."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}: not a baseline (invalid JSON at line {exc.lineno}: {exc.msg})") from None
    if isinstance(data, dict):
        if data.get("schema", BASELINE_SCHEMA) != BASELINE_SCHEMA:
            raise BaselineError(f"{path}: unsupported baseline schema {data.get('schema')!r}, expected {BASELINE_SCHEMA!r}")
        entries = data.get("findings", data.get("fingerprints"))
    else:
        entries = data
    if not isinstance(entries, list):
        raise BaselineError(f"{path}: not a baseline (expected a 'findings' list)")
    fingerprints: set[str] = set()
    for i, entry in enumerate(entries):
        fp = entry.get("fingerprint") if isinstance(entry, dict) else entry
        if not isinstance(fp, str) or not fp:
            raise BaselineError(f"{path}: entry {i + 1} has no fingerprint")
        fingerprints.add(fp)
    return fingerprints


def apply_baseline(run: RunReport, fingerprints: Iterable[str]) -> int:
    """Remove the findings already in the baseline; returns how many were removed.

    The count is added to ``run.settings["baseline_suppressed"]``.
    """
    known = set(fingerprints)
    doomed = {id(f) for _, f, fp in run_fingerprints(run) if fp in known}
    removed = _remove(run, doomed)
    run.settings["baseline_suppressed"] = run.settings.get("baseline_suppressed", 0) + removed
    return removed


# --- suppressions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suppression:
    """An accepted finding: by fingerprint, or by rule code with a file pattern and/or span text."""

    reason: str
    fingerprint: str | None = None
    code: str | None = None
    file: str | None = None
    span: str | None = None
    source: str = ""

    def matches(self, report: FileReport, finding: Finding, fp: str) -> bool:
        if self.fingerprint is not None:
            return fp == self.fingerprint
        if self.code is not None and finding.code != self.code:
            return False
        if self.file is not None:
            display = report.display_path.replace("\\", "/")
            if not (fnmatch.fnmatchcase(display, self.file) or display == self.file):
                return False
        if self.span is not None and normalise(finding.span) != normalise(self.span):
            return False
        return True

    def describe(self) -> str:
        if self.fingerprint:
            return f"fingerprint {self.fingerprint}"
        parts = [f"code {self.code}"]
        if self.file:
            parts.append(f"file {self.file}")
        if self.span:
            parts.append(f"span {self.span!r}")
        return ", ".join(parts)


def _read_structured(path: Path) -> Any:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BaselineError(f"{path}: suppression file not found") from None
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read suppression file: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BaselineError(f"{path}: suppression file is not UTF-8") from None
    if path.suffix.lower() == ".json" or (path.suffix.lower() != ".toml" and text.lstrip()[:1] in "[{"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            if path.suffix.lower() == ".json":
                raise BaselineError(f"{path}: invalid JSON at line {exc.lineno}: {exc.msg}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BaselineError(f"{path}: invalid TOML: {exc}") from None


def load_suppressions(path: Path | str) -> list[Suppression]:
    """Read a TOML or JSON suppression file; :class:`BaselineError` (one line) when it is unusable."""
    path = Path(path)
    data = _read_structured(path)
    if isinstance(data, dict):
        unknown = sorted(set(data) - {"suppress", "suppressions"})
        if unknown:
            raise BaselineError(f"{path}: unknown key {unknown[0]!r}; expected 'suppress' entries")
        entries = data.get("suppress", data.get("suppressions", []))
    else:
        entries = data
    if not isinstance(entries, list):
        raise BaselineError(f"{path}: 'suppress' must be a list of entries")
    out: list[Suppression] = []
    allowed = {"fingerprint", "code", "file", "span", "reason"}
    for i, entry in enumerate(entries, start=1):
        where = f"{path}: suppression {i}"
        if not isinstance(entry, dict):
            raise BaselineError(f"{where} is not a table/object")
        extra = sorted(set(entry) - allowed)
        if extra:
            raise BaselineError(f"{where}: unknown key {extra[0]!r} (allowed: {', '.join(sorted(allowed))})")
        for key in allowed:
            if key in entry and not isinstance(entry[key], str):
                raise BaselineError(f"{where}: {key!r} must be a string")
        reason = (entry.get("reason") or "").strip()
        if not reason:
            raise BaselineError(f"{where} has no reason; say why the finding is accepted")
        fp = entry.get("fingerprint") or None
        code = entry.get("code") or None
        file = entry.get("file") or None
        span = entry.get("span")
        span = span if span else None
        if fp is None:
            if code is None:
                raise BaselineError(f"{where} needs a fingerprint, or a code with a file and/or span")
            if file is None and span is None:
                raise BaselineError(f"{where} needs a file or a span besides the code (use --ignore to drop a rule)")
        elif code or file or span:
            raise BaselineError(f"{where}: give either a fingerprint or code/file/span, not both")
        out.append(Suppression(reason=reason, fingerprint=fp, code=code, file=file, span=span, source=f"{path}:{i}"))
    return out


def apply_suppressions(run: RunReport, suppressions: Iterable[Suppression]) -> int:
    """Remove the findings that a suppression accepts; returns how many were removed.

    The count is added to ``run.settings["suppressed"]``; a suppression that matched
    nothing adds a warning to ``run.warnings``.
    """
    suppressions = list(suppressions)
    used: set[int] = set()
    doomed: set[int] = set()
    for report, finding, fp in run_fingerprints(run):
        for i, suppression in enumerate(suppressions):
            if suppression.matches(report, finding, fp):
                doomed.add(id(finding))
                used.add(i)
                break
    removed = _remove(run, doomed)
    run.settings["suppressed"] = run.settings.get("suppressed", 0) + removed
    for i, suppression in enumerate(suppressions):
        if i not in used:
            run.warnings.append(f"{suppression.source}: suppression ({suppression.describe()}) matched no finding")
    return removed


__all__ = [
    "BASELINE_SCHEMA",
    "BaselineError",
    "Suppression",
    "apply_baseline",
    "apply_suppressions",
    "file_fingerprints",
    "fingerprint",
    "load_baseline",
    "load_suppressions",
    "normalise",
    "run_fingerprints",
    "write_baseline",
]

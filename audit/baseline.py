"""Baselines and suppressions: findings a team has accepted, shown as accepted and never counted.

Fingerprints (:mod:`audit.fingerprint`) name findings across edits. A *baseline*
(``write_baseline``) is the set of fingerprints of a run; the file paths hashed in
it are relative to the baseline file's folder, so a baseline matches whatever the
working directory. When a later run is given that baseline (``apply_baseline``),
findings already in it move from the passages to ``FileReport.accepted`` (marked
``accepted = "baseline"``): only new findings count towards scores and failure,
and the reports still list the accepted ones. The number moved is kept in
``run.settings["baseline_suppressed"]``; when fewer than half of the baseline's
entries match, ``run.warnings`` says so (a baseline recorded for other files, or
mostly fixed).

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
``apply_suppressions`` moves the matching findings to ``FileReport.accepted``
(marked ``"suppressed: <reason>"``), records their number in
``run.settings["suppressed"]`` and warns in ``run.warnings`` about entries that
matched nothing (stale suppressions).

Order matters only for the occurrence index: write a baseline from a run whose
suppressions were already applied, and when checking apply suppressions first,
then the baseline (``apply_accepted`` does both, in that order).

This module imports the model, the fingerprints and the file helpers; no writer.
"""

from __future__ import annotations

import fnmatch
import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from audit.fileio import atomic_write
from audit.fingerprint import file_fingerprints, fingerprint, fingerprint_findings, normalise, run_fingerprints
from audit.model import FileReport, Finding, RunReport

BASELINE_SCHEMA = "audit-baseline/2"
# Version 1 hashed paths relative to the working directory; still read, with that meaning.
OLD_BASELINE_SCHEMA = "audit-baseline/1"


class BaselineError(ValueError):
    """A baseline or suppression file that cannot be used; the message is one line."""


def _accept(run: RunReport, doomed: dict[int, str]) -> int:
    """Move the findings whose id() is in ``doomed`` to their file's ``accepted`` list, marked with the reason."""
    moved = 0
    for report in run.files:
        taken: list[Finding] = []
        for passage in report.passages:
            kept = []
            for f in passage.findings:
                (taken if id(f) in doomed else kept).append(f)
            passage.findings = kept
        kept = []
        for f in report.findings:
            (taken if id(f) in doomed else kept).append(f)
        report.findings = kept
        for f in taken:
            f.accepted = doomed[id(f)]
        report.accepted = sorted([*report.accepted, *taken], key=Finding.sort_key)
        moved += len(taken)
    return moved


# --- baselines ---------------------------------------------------------------------------------


def path_from(folder: Path, report: FileReport) -> str:
    """The report's file as a path relative to ``folder`` (posix separators)."""
    return Path(os.path.relpath(os.path.abspath(report.path), os.path.abspath(folder))).as_posix()


@dataclass
class Baseline:
    """The fingerprints of a baseline file and how to compute today's: paths relative to ``folder``."""

    fingerprints: set[str]
    folder: Path | None = None  # None: an old baseline, paths relative to the working directory
    source: str = ""
    files: set[str] = field(default_factory=set)

    def __iter__(self):
        return iter(self.fingerprints)

    def __len__(self) -> int:
        return len(self.fingerprints)

    def path_of(self, report: FileReport) -> str:
        return report.display_path if self.folder is None else path_from(self.folder, report)


def write_baseline(run: RunReport, path: Path | str) -> int:
    """Write the fingerprints of every finding of ``run`` as JSON; returns how many.

    Findings already accepted (by suppressions) are not part of a baseline.
    """
    from audit import __version__

    path = Path(path)
    entries = []
    for report in run.files:
        relative = path_from(path.parent, report)
        for f, fp in file_fingerprints(report, relative):
            entries.append({"fingerprint": fp, "file": relative, "code": f.code, "span": f.span, "line": f.line})
    entries.sort(key=lambda e: (e["file"], e["fingerprint"]))
    document = {"schema": BASELINE_SCHEMA, "tool": "audit", "version": __version__,
                "paths": "relative to this file's folder", "findings": entries}
    atomic_write(path, json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    return len(entries)


def load_baseline(path: Path | str) -> Baseline:
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
    schema = OLD_BASELINE_SCHEMA
    if isinstance(data, dict):
        schema = data.get("schema", OLD_BASELINE_SCHEMA)
        if schema not in (BASELINE_SCHEMA, OLD_BASELINE_SCHEMA):
            raise BaselineError(f"{path}: unsupported baseline schema {data.get('schema')!r}, expected {BASELINE_SCHEMA!r}")
        entries = data.get("findings", data.get("fingerprints"))
    else:
        entries = data
    if not isinstance(entries, list):
        raise BaselineError(f"{path}: not a baseline (expected a 'findings' list)")
    fingerprints: set[str] = set()
    files: set[str] = set()
    for i, entry in enumerate(entries):
        fp = entry.get("fingerprint") if isinstance(entry, dict) else entry
        if not isinstance(fp, str) or not fp:
            raise BaselineError(f"{path}: entry {i + 1} has no fingerprint")
        fingerprints.add(fp)
        if isinstance(entry, dict) and isinstance(entry.get("file"), str):
            files.add(entry["file"])
    folder = path.parent if schema == BASELINE_SCHEMA else None
    return Baseline(fingerprints=fingerprints, folder=folder, source=str(path), files=files)


def apply_baseline(run: RunReport, baseline: Baseline | Iterable[str]) -> int:
    """Accept the findings already in the baseline; returns how many were accepted.

    The count is added to ``run.settings["baseline_suppressed"]``. A plain iterable of
    fingerprints is read as an old baseline (paths relative to the working directory).
    """
    if not isinstance(baseline, Baseline):
        baseline = Baseline(fingerprints=set(baseline))
    doomed: dict[int, str] = {}
    matched: set[str] = set()
    for report in run.files:
        for f, fp in file_fingerprints(report, baseline.path_of(report)):
            if fp in baseline.fingerprints:
                doomed[id(f)] = "baseline"
                matched.add(fp)
    moved = _accept(run, doomed)
    run.settings["baseline_suppressed"] = run.settings.get("baseline_suppressed", 0) + moved
    total = len(baseline.fingerprints)
    if total and len(matched) * 2 < total:
        where = f"{baseline.source}: " if baseline.source else "baseline: "
        hint = ""
        audited = {baseline.path_of(r) for r in run.audited}
        if baseline.files and not baseline.files & audited:
            hint = f" none of its {len(baseline.files)} files was audited (its paths are relative to its own folder)"
        else:
            hint = " fixed, or recorded for other files? `--update-baseline` records today's findings"
        run.warnings.append(f"{where}only {len(matched)} of its {total} entries match a finding of this run;{hint}")
    return moved


def baseline_to_record(baseline: Path | str | None, update: bool) -> bool:
    """True when this run records the baseline (asked to, or the file does not exist yet)."""
    return bool(baseline) and (update or not Path(baseline).exists())


def record_baseline(run: RunReport, path: Path | str, threshold: float) -> int:
    """Write today's findings as the baseline, then accept them all; returns how many.

    Scores are recomputed, so that the reports of this run read like those of the
    next one: everything found today is accepted, nothing is new.
    """
    count = write_baseline(run, path)
    apply_baseline(run, load_baseline(path))
    from audit.scoring.suspicion import assign_scores

    assign_scores(run.audited, threshold=threshold)
    return count


def apply_accepted(run: RunReport, suppressions: str | None, baseline: str | None) -> None:
    """Apply a run's suppression file, then its baseline (when the file exists)."""
    # Suppressions first: accepting one of several identical findings shifts the occurrence
    # numbers in their fingerprints, and the baseline was recorded after suppressions too.
    if suppressions:
        apply_suppressions(run, load_suppressions(Path(suppressions)))
    if baseline and Path(baseline).exists():
        apply_baseline(run, load_baseline(Path(baseline)))


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
        if self.code is not None and finding.code.upper() != self.code.upper():
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
    """Accept the findings that a suppression names; returns how many were accepted.

    The count is added to ``run.settings["suppressed"]``; a suppression that matched
    nothing adds a warning to ``run.warnings``.
    """
    suppressions = list(suppressions)
    used: set[int] = set()
    doomed: dict[int, str] = {}
    for report, finding, fp in run_fingerprints(run):
        for i, suppression in enumerate(suppressions):
            if suppression.matches(report, finding, fp):
                doomed[id(finding)] = f"suppressed: {suppression.reason}"
                used.add(i)
                break
    removed = _accept(run, doomed)
    run.settings["suppressed"] = run.settings.get("suppressed", 0) + removed
    for i, suppression in enumerate(suppressions):
        if i not in used:
            run.warnings.append(f"{suppression.source}: suppression ({suppression.describe()}) matched no finding")
    return removed


__all__ = [
    "BASELINE_SCHEMA",
    "Baseline",
    "apply_accepted",
    "baseline_to_record",
    "fingerprint_findings",
    "record_baseline",
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

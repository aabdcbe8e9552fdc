"""Stable finding fingerprints, shared by baselines, suppressions and the SARIF writer.

A *fingerprint* names a finding in a way that survives edits elsewhere in the
file: it hashes the file's path, the rule code, the normalised span text and a
small normalised window of the passage text around the span (a few words on each
side, never crossing the passage). Line numbers and offsets are not part of it,
so inserting a paragraph earlier in the article does not change it. Findings whose
hash is identical within one file (the same phrase flagged in the same words twice)
are told apart by an occurrence index in document order: the fingerprint is
``"<32 hex digits>:<occurrence>"``, e.g. ``"9f0c…e1:0"``.

The path hashed is the report's display path unless the caller names another one:
a baseline hashes paths relative to its own folder, so that it matches from any
working directory.

This module sits below both :mod:`audit.baseline` and the writers; it imports
only the result model.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata

from audit.model import FileReport, Finding, RunReport

CONTEXT_WORDS = 3

_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "\u00a0": " ", "\u202f": " "})


def normalise(text: str) -> str:
    """NFKC, typographic quotes and no-break spaces folded, white space collapsed."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACES.sub(" ", text).strip()


def _window(text: str, start: int, end: int) -> tuple[str, str]:
    """The last CONTEXT_WORDS words before ``text[start:end]`` and the first ones after it."""
    # Only a bounded stretch on each side is needed for three words; normalising the whole
    # passage for every finding would make a long passage quadratic.
    reach = 400
    before = normalise(text[max(0, start - reach):start]).split(" ")
    after = normalise(text[end:end + reach]).split(" ")
    return " ".join(w for w in before[-CONTEXT_WORDS:] if w), " ".join(w for w in after[:CONTEXT_WORDS] if w)


class _PassageIndex:
    """Which passage holds a finding: by identity first, then by its start offset (bisect)."""

    def __init__(self, report: FileReport) -> None:
        self.sentences = [p.sentence for p in report.passages]
        self.starts = [s.start for s in self.sentences]
        self.owner = {id(f): p.sentence for p in report.passages for f in p.findings}

    def bounds(self, finding: Finding) -> tuple[str, int] | None:
        sentence = self.owner.get(id(finding))
        if sentence is None:
            i = bisect.bisect_right(self.starts, finding.start) - 1
            if i >= 0 and self.sentences[i].start <= finding.start < self.sentences[i].end:
                sentence = self.sentences[i]
        return (sentence.text, sentence.start) if sentence is not None else None


def _base_hash(report: FileReport, finding: Finding, index: _PassageIndex, path: str) -> str:
    bounds = index.bounds(finding)
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
    material = "\x1f".join([path.replace("\\", "/"), finding.code, normalise(finding.span), before, after])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:32]


def fingerprint_findings(report: FileReport, findings: list[Finding], path: str | None = None) -> list[tuple[Finding, str]]:
    """``findings`` (document order) with their fingerprints, occurrence indexes counted among them."""
    index = _PassageIndex(report)
    path = report.display_path if path is None else path
    counts: dict[str, int] = {}
    out: list[tuple[Finding, str]] = []
    for finding in findings:
        base = _base_hash(report, finding, index, path)
        n = counts.get(base, 0)
        counts[base] = n + 1
        out.append((finding, f"{base}:{n}"))
    return out


def file_fingerprints(report: FileReport, path: str | None = None) -> list[tuple[Finding, str]]:
    """Every finding of the file (document order) with its fingerprint."""
    return fingerprint_findings(report, report.all_findings(), path)


def fingerprint(report: FileReport, finding: Finding, path: str | None = None) -> str:
    """The stable fingerprint of ``finding`` (one of ``report``'s findings)."""
    for candidate, fp in file_fingerprints(report, path):
        if candidate is finding:
            return fp
    # Not one of the report's findings: fingerprint it as if it were the first occurrence.
    return f"{_base_hash(report, finding, _PassageIndex(report), report.display_path if path is None else path)}:0"


def run_fingerprints(run: RunReport) -> list[tuple[FileReport, Finding, str]]:
    return [(report, f, fp) for report in run.files for f, fp in file_fingerprints(report)]

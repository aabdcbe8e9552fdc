"""The result model every part of the auditor shares.

Ingestion builds a :class:`Document`; checks emit :class:`Finding`; engines and
scoring fill the per-passage fields of :class:`PassageReport`; writers only read
:class:`FileReport` and :class:`RunReport`. Offsets are character offsets into the
decoded text (BOM removed, line endings normalised to ``\\n``), end exclusive;
lines and columns are 1-based.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["major", "minor", "info"]
SEVERITIES: tuple[str, ...] = ("major", "minor", "info")
SEVERITY_RANK = {"info": 1, "minor": 2, "major": 3}

CATEGORIES: tuple[str, ...] = (
    "untranslated",
    "mt-disclaimer",
    "mt-indicator",
    "boilerplate",
    "repetition",
    "typography",
    "number-format",
    "date-format",
    "calque",
    "false-friend",
    "mistranslation",
    "entity",
    "grammar",
    "omission",
    "garble",
    "backtranslation",
)


@dataclass(frozen=True)
class Sentence:
    """A passage: the unit that is identified, checked, back-translated and scored."""

    id: str
    paragraph: int
    index: int
    start: int
    end: int
    line: int
    col: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int
    end: int
    line: int
    col: int
    text: str
    sentences: tuple[Sentence, ...]


@dataclass
class Document:
    """A decoded, segmented input file."""

    path: str
    text: str
    encoding: str
    paragraphs: list[Paragraph]
    line_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.line_starts:
            self.line_starts = line_starts_of(self.text)

    @property
    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p.sentences]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

    def sentence_at(self, offset: int) -> Sentence | None:
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None


def line_starts_of(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


@dataclass
class Finding:
    """One suspect span, produced by one check or rule."""

    code: str
    category: str
    severity: str
    message: str
    start: int
    end: int
    line: int
    col: int
    span: str
    suggestion: str | None = None
    evidence: str | None = None
    # Why the finding is not counted: "baseline", or "suppressed: <reason>". Set only on
    # the findings a baseline or suppression file moved to ``FileReport.accepted``.
    accepted: str | None = None

    def sort_key(self) -> tuple:
        return (self.start, self.end, -SEVERITY_RANK[self.severity], self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "col": self.col,
            "start": self.start,
            "end": self.end,
            "span": self.span,
            "suggestion": self.suggestion,
        }
        if self.evidence:
            out["evidence"] = self.evidence
        if self.accepted:
            out["accepted"] = self.accepted
        return out


@dataclass
class PassageReport:
    sentence: Sentence
    language: str
    findings: list[Finding] = field(default_factory=list)
    backtranslation: str | None = None
    roundtrip: str | None = None
    metrics: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, Any] = field(default_factory=dict)
    score: float = 0.0
    suspect: bool = False
    # Only with --source-text / --reference-text (audit.source.stage); absent from monolingual reports.
    source: dict[str, Any] | None = None
    reference: dict[str, Any] | None = None

    def worst_severity(self) -> str | None:
        if not self.findings:
            return None
        return max(self.findings, key=lambda f: SEVERITY_RANK[f.severity]).severity

    def to_dict(self) -> dict[str, Any]:
        s = self.sentence
        out: dict[str, Any] = {
            "id": s.id,
            "paragraph": s.paragraph,
            "line": s.line,
            "col": s.col,
            "start": s.start,
            "end": s.end,
            "text": s.text,
            "language": self.language,
            "suspect": self.suspect,
            "score": round(self.score, 4),
            "findings": [f.to_dict() for f in self.findings],
            "backtranslation": self.backtranslation,
            "roundtrip": self.roundtrip,
            "metrics": self.metrics,
        }
        if self.evidence:
            out["evidence"] = self.evidence
        if self.source is not None:
            out["source"] = self.source
        if self.reference is not None:
            out["reference"] = self.reference
        return out


@dataclass
class FileReport:
    """Everything known about one input file; ``error`` is set when it could not be read."""

    path: str
    display_path: str
    report_name: str
    language: str = "fr"
    encoding: str | None = None
    passages: list[PassageReport] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    engine: dict[str, Any] | None = None
    corpus_metrics: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    text: str = ""
    # Findings a baseline or suppression file accepted: shown as accepted, never counted.
    accepted: list[Finding] = field(default_factory=list)
    # Only with --source-text / --reference-text (audit.source.stage).
    source: dict[str, Any] | None = None
    reference: dict[str, Any] | None = None

    def all_findings(self) -> list[Finding]:
        found = [f for p in self.passages for f in p.findings] + list(self.findings)
        return sorted(found, key=Finding.sort_key)

    def category_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for f in self.all_findings():
            counts[f.category] = counts.get(f.category, 0) + 1
        return dict(sorted(counts.items()))

    def severity_counts(self) -> dict[str, int]:
        counts = {s: 0 for s in SEVERITIES}
        for f in self.all_findings():
            counts[f.severity] += 1
        return counts

    @property
    def suspect_count(self) -> int:
        return sum(1 for p in self.passages if p.suspect)

    def passage_id_at(self, offset: int) -> str | None:
        """Id of the passage whose text holds ``offset`` (None between passages)."""
        for passage in self.passages:
            if passage.sentence.start <= offset < passage.sentence.end:
                return passage.sentence.id
        return None

    @property
    def suspect_share(self) -> float:
        """Share of the passages that are suspect (0 for a file with none)."""
        return self.suspect_count / len(self.passages) if self.passages else 0.0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "schema": "audit-report/1",
            "file": self.display_path,
            "language": self.language,
            "encoding": self.encoding,
            "engine": self.engine,
            "summary": {
                "passages": len(self.passages),
                "suspect": self.suspect_count,
                "findings": self.category_counts(),
                "severities": self.severity_counts(),
            },
            "metrics": self.corpus_metrics,
            "passages": [p.to_dict() for p in self.passages],
        }
        if self.findings:
            out["findings"] = [f.to_dict() for f in sorted(self.findings, key=Finding.sort_key)]
        if self.accepted:
            out["summary"]["accepted"] = len(self.accepted)
            out["accepted"] = [f.to_dict() for f in sorted(self.accepted, key=Finding.sort_key)]
        if self.error:
            out["error"] = self.error
        if self.source is not None:
            out["source"] = self.source
        if self.reference is not None:
            out["reference"] = self.reference
        return out


@dataclass
class RunReport:
    files: list[FileReport]
    settings: dict[str, Any] = field(default_factory=dict)
    engine: dict[str, Any] | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[FileReport]:
        return [f for f in self.files if f.error]

    @property
    def audited(self) -> list[FileReport]:
        return [f for f in self.files if not f.error]

    def totals(self) -> dict[str, int]:
        """Files given, audited and unreadable; passages and suspect passages of the audited ones."""
        audited = self.audited
        return {
            "files": len(self.files),
            "audited": len(audited),
            "errors": len(self.errors),
            "passages": sum(len(f.passages) for f in audited),
            "suspect": sum(f.suspect_count for f in audited),
        }

    def accepted_counts(self) -> dict[str, int]:
        """How many findings the baseline and the suppression file accepted (counted nowhere else)."""
        return {
            "baseline": int(self.settings.get("baseline_suppressed", 0) or 0),
            "suppressed": int(self.settings.get("suppressed", 0) or 0),
        }

    def accepted_sentence(self) -> str | None:
        """One sentence saying what was accepted, or None when nothing was."""
        counts = self.accepted_counts()
        parts = []
        if counts["baseline"]:
            parts.append(f"{plural(counts['baseline'], 'finding')} already in the baseline")
        if counts["suppressed"]:
            parts.append(f"{plural(counts['suppressed'], 'finding')} accepted by the suppression file")
        if not parts:
            return None
        return " and ".join(parts) + " not counted (listed as accepted in each file's report)"


def quote_span(text: str, limit: int | None = None) -> str:
    """A span in double quotes with JSON escapes: ``"d' »actions »"``.

    Guillemets around a span that holds guillemets are ambiguous; an escaped quote
    cannot be, whatever the span holds. Spans longer than ``limit`` keep their
    beginning and end around "...".
    """
    import json

    if limit is not None and len(text) > limit:
        half = (limit - 3) // 2
        text = text[:half] + "..." + text[-half:]
    return json.dumps(text, ensure_ascii=False)


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """``1 file``, ``2 files``: the count with its noun agreeing."""
    return f"{count} {noun if count == 1 else (plural_form or noun + 's')}"

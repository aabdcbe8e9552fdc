"""CSV tables for spreadsheets and pandas: ``findings.csv``, ``passages.csv``, ``summary.csv``.

Run-level, UTF-8, ``\\n`` line ends, a fixed column order (``*_COLUMNS`` below) and
rows sorted by file then position, so two runs over the same inputs give the same
bytes. Empty values are empty cells; booleans are ``true``/``false``.

Text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``@``, a tab or carriage return, or ``-`` not followed by a digit, space or
punctuation) get a leading ``'``; ordinary French such as ``-0,6%`` or ``- Oui``
is left alone.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from audit.model import CATEGORIES, SEVERITIES, FileReport, RunReport
from audit.writers.base import Writer

FINDING_COLUMNS = [
    "file", "line", "col", "start", "end", "code", "category", "severity",
    "message", "span", "suggestion", "passage",
]
PASSAGE_COLUMNS = [
    "file", "id", "paragraph", "line", "col", "start", "end", "language", "suspect", "score",
    "chrf", "bleu", "ter", "findings", "worst_severity", "text", "backtranslation", "roundtrip",
]
# Added to passages.csv only when some file of the run was audited against a source (or a reference),
# so that monolingual runs keep their columns.
SOURCE_COLUMNS = ["source_text", "source_bead", "source_chrf", "source_bleu", "source_ter"]
REFERENCE_COLUMNS = ["reference_text", "reference_chrf", "reference_bleu", "reference_ter"]
SUMMARY_BASE_COLUMNS = ["file", "passages", "suspect", "share", "findings", *SEVERITIES]

_FORMULA = re.compile(r"^(?:[=+@\t\r]|-(?![\d\s.,;:!?)»\"'’-]|$))")


def safe_cell(value: Any) -> Any:
    """Neutralise text a spreadsheet would evaluate as a formula."""
    if isinstance(value, str) and _FORMULA.match(value):
        return "'" + value
    return value


def metric(metrics: dict[str, Any], name: str) -> float | None:
    """A metric by case-insensitive name (``chrf`` finds ``chrF``), rounded, or None."""
    for key, value in metrics.items():
        if key.lower().replace("+", "") == name and isinstance(value, (int, float)) and not isinstance(value, bool):
            return round(float(value), 2)
    return None


def _passage_ids(report: FileReport) -> dict[int, str]:
    ids: dict[int, str] = {}
    for passage in report.passages:
        for f in passage.findings:
            ids[id(f)] = passage.sentence.id
    return ids


def _frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows, columns=columns)
    return frame.astype(object).where(frame.notna(), None)


def _csv(frame: pd.DataFrame) -> str:
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = frame[column].map(lambda v: "true" if v is True else "false" if v is False else safe_cell(v))
    return frame.to_csv(index=False, lineterminator="\n")


class CsvWriter(Writer):
    format = "csv"
    extension = "csv"

    def findings_frame(self, run: RunReport) -> pd.DataFrame:
        rows = []
        for report in sorted(run.audited, key=lambda r: r.display_path):
            ids = _passage_ids(report)
            for f in report.all_findings():
                rows.append({
                    "file": report.display_path, "line": f.line, "col": f.col, "start": f.start, "end": f.end,
                    "code": f.code, "category": f.category, "severity": f.severity, "message": f.message,
                    "span": f.span, "suggestion": f.suggestion, "passage": ids[id(f)] if id(f) in ids else report.passage_id_at(f.start),
                })
        return _frame(rows, FINDING_COLUMNS)

    def passages_frame(self, run: RunReport) -> pd.DataFrame:
        rows = []
        for report in sorted(run.audited, key=lambda r: r.display_path):
            for p in sorted(report.passages, key=lambda p: p.sentence.start):
                s = p.sentence
                rows.append({
                    "file": report.display_path, "id": s.id, "paragraph": s.paragraph, "line": s.line, "col": s.col,
                    "start": s.start, "end": s.end, "language": p.language, "suspect": bool(p.suspect),
                    "score": round(p.score, 4), "chrf": metric(p.metrics, "chrf"), "bleu": metric(p.metrics, "bleu"),
                    "ter": metric(p.metrics, "ter"), "findings": len(p.findings), "worst_severity": p.worst_severity(),
                    "text": s.text, "backtranslation": p.backtranslation, "roundtrip": p.roundtrip,
                })
                if p.source is not None:
                    m = p.source.get("metrics") or {}
                    rows[-1].update({"source_text": p.source.get("text"), "source_bead": p.source.get("bead"),
                                     "source_chrf": metric(m, "chrf"), "source_bleu": metric(m, "bleu"), "source_ter": metric(m, "ter")})
                if p.reference is not None:
                    m = p.reference.get("metrics") or {}
                    rows[-1].update({"reference_text": p.reference.get("text"), "reference_chrf": metric(m, "chrf"),
                                     "reference_bleu": metric(m, "bleu"), "reference_ter": metric(m, "ter")})
        columns = list(PASSAGE_COLUMNS)
        if any(r.source is not None for r in run.audited):
            columns += SOURCE_COLUMNS
        if any(r.reference is not None for r in run.audited):
            columns += REFERENCE_COLUMNS
        return _frame(rows, columns)

    def summary_frame(self, run: RunReport) -> pd.DataFrame:
        extra = sorted({f.category for r in run.files for f in r.all_findings()} - set(CATEGORIES))
        categories = [*CATEGORIES, *extra]
        columns = [*SUMMARY_BASE_COLUMNS, *categories, "error"]
        rows = []
        for report in sorted(run.files, key=lambda r: r.display_path):
            n = len(report.passages)
            row: dict[str, Any] = {
                "file": report.display_path, "passages": n, "suspect": report.suspect_count,
                "share": round(report.suspect_share, 4),
                "findings": len(report.all_findings()), "error": report.error,
            }
            row.update(report.severity_counts())
            counts = report.category_counts()
            row.update({c: counts.get(c, 0) for c in categories})
            rows.append(row)
        return _frame(rows, columns)

    def render_run(self, run: RunReport) -> dict[str, str | bytes]:
        return {
            "findings.csv": _csv(self.findings_frame(run)),
            "passages.csv": _csv(self.passages_frame(run)),
            "summary.csv": _csv(self.summary_frame(run)),
        }


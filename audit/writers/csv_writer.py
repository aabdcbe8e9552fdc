"""CSV tables for spreadsheets and pandas: ``findings.csv``, ``passages.csv``, ``summary.csv``.

Run-level, UTF-8, ``\\n`` line ends, a fixed column order (``*_COLUMNS`` below) and
rows sorted by file then position, so two runs over the same inputs give the same
bytes. Empty values are empty cells; booleans are ``true``/``false``.

Rows are made as each file's report arrives and parked in a spool on disk; at the
end they are written in file order, a thousand rows at a time, each column with the
type pandas gives it over the whole table (a whole number column with an empty cell
is written ``3.0``, as when the table is built at once).

Text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``@``, a tab or carriage return, or ``-`` not followed by a digit, space or
punctuation) get a leading ``'``; ordinary French such as ``-0,6%`` or ``- Oui``
is left alone.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from audit.model import CATEGORIES, FileReport, RunReport
from audit.writers.base import FileSummary, RunFiles, RunStream, Spool, Writer

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
SUMMARY_BASE_COLUMNS = ["file", "passages", "suspect", "share", "findings", "major", "minor", "info"]

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


def _frame(rows: list[dict[str, Any]], columns: list[str], dtypes: dict[str, Any] | None = None) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows, columns=columns)
    for column, dtype in (dtypes or {}).items():
        if frame[column].dtype != dtype:
            frame[column] = frame[column].astype(dtype)
    return frame.astype(object).where(frame.notna(), None)


def _csv(frame: pd.DataFrame, header: bool = True) -> str:
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = frame[column].map(lambda v: "true" if v is True else "false" if v is False else safe_cell(v))
    return frame.to_csv(index=False, header=header, lineterminator="\n")


def finding_rows(report: FileReport) -> list[dict[str, Any]]:
    """findings.csv rows of one audited file, in the order of its findings."""
    rows = []
    ids = _passage_ids(report)
    for f in report.all_findings():
        rows.append({
            "file": report.display_path, "line": f.line, "col": f.col, "start": f.start, "end": f.end,
            "code": f.code, "category": f.category, "severity": f.severity, "message": f.message,
            "span": f.span, "suggestion": f.suggestion, "passage": ids[id(f)] if id(f) in ids else report.passage_id_at(f.start),
        })
    return rows


def passage_rows(report: FileReport) -> list[dict[str, Any]]:
    """passages.csv rows of one audited file, in text order."""
    rows = []
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
    return rows


def summary_frame(summaries: list[FileSummary]) -> pd.DataFrame:
    extra = sorted({c for s in summaries for c in s.categories} - set(CATEGORIES))
    categories = [*CATEGORIES, *extra]
    columns = [*SUMMARY_BASE_COLUMNS, *categories, "error"]
    rows = []
    for summary in sorted(summaries, key=lambda s: s.display_path):
        row: dict[str, Any] = {
            "file": summary.display_path, "passages": summary.passages, "suspect": summary.suspect,
            "share": round(summary.suspect_share, 4), "findings": summary.findings, "error": summary.error,
        }
        row.update(summary.severities)
        row.update({c: summary.categories.get(c, 0) for c in categories})
        rows.append(row)
    return _frame(rows, columns)


class _Table:
    """One CSV table in the making: each file's rows parked in a spool, written sorted by file at the end."""

    CHUNK_ROWS = 1000

    def __init__(self, spool: Spool) -> None:
        self.spool = spool
        # Per column, the first value of each Python type met and how many rows have it:
        # enough to know which columns pandas makes float over the whole table.
        self.kinds: dict[str, dict[type, Any]] = {}
        self.present: dict[str, int] = {}
        self.rows = 0

    def add(self, file: str, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            for column, value in row.items():
                self.kinds.setdefault(column, {}).setdefault(type(value), value)
                self.present[column] = self.present.get(column, 0) + 1
        self.rows += len(rows)
        self.spool.add(file, rows)

    def _float_columns(self, columns: list[str]) -> dict[str, str]:
        """The columns pandas would make float64 over the whole table (whole numbers with a gap or a fraction).

        A chunk of rows holding only whole numbers would be int64 and written ``3``
        where the whole table writes ``3.0``; those columns are cast in every chunk.
        """
        floats = {}
        for column in columns:
            samples = list(self.kinds.get(column, {}).values())
            if self.present.get(column, 0) < self.rows:
                samples.append(None)
            if pd.DataFrame.from_records([{column: v} for v in samples], columns=[column])[column].dtype == "float64":
                floats[column] = "float64"
        return floats

    def write(self, handle, columns: list[str]) -> None:
        floats = self._float_columns(columns)
        chunk: list[dict[str, Any]] = []
        header = True
        for rows in self.spool.in_order():
            chunk.extend(rows)
            if len(chunk) >= self.CHUNK_ROWS:
                handle.write(_csv(_frame(chunk, columns, floats), header=header))
                chunk, header = [], False
        if chunk or header:
            handle.write(_csv(_frame(chunk, columns, floats), header=header))
        self.spool.close()


class _CsvStream(RunStream):
    def __init__(self, files: RunFiles, settings: dict[str, Any]) -> None:
        super().__init__(files, settings)
        self.findings = _Table(files.spool())
        self.passages = _Table(files.spool())
        self.summaries: list[FileSummary] = []
        self.with_source = self.with_reference = False

    def add(self, report: FileReport, summary: FileSummary | None = None) -> None:
        self.summaries.append(summary or FileSummary.of(report))
        if report.error:
            return
        self.findings.add(report.display_path, finding_rows(report))
        self.passages.add(report.display_path, passage_rows(report))
        self.with_source = self.with_source or report.source is not None
        self.with_reference = self.with_reference or report.reference is not None

    def close(self, run: RunReport) -> None:
        self.findings.write(self.files.create("findings.csv"), FINDING_COLUMNS)
        columns = list(PASSAGE_COLUMNS)
        if self.with_source:
            columns += SOURCE_COLUMNS
        if self.with_reference:
            columns += REFERENCE_COLUMNS
        self.passages.write(self.files.create("passages.csv"), columns)
        self.files.create("summary.csv").write(_csv(summary_frame(self.summaries)))


class CsvWriter(Writer):
    format = "csv"
    extension = "csv"

    def open_run(self, files: RunFiles, settings: dict[str, Any]) -> RunStream:
        return _CsvStream(files, settings)

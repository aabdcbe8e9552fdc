"""JSON: the machine-readable contract (schema ``audit-report/1``) and the run summary."""

from __future__ import annotations

import json
from typing import Any

from audit import __version__
from audit.model import FileReport, RunReport
from audit.writers.base import FileSummary, RunFiles, SummaryStream, Writer, count_totals, run_totals, severity_totals


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def file_summary_row(summary: FileSummary) -> dict[str, Any]:
    if summary.error:
        return {"file": summary.display_path, "report": None, "error": summary.error}
    return {
        "file": summary.display_path,
        "report": summary.report_name,
        "encoding": summary.encoding,
        "passages": summary.passages,
        "suspect": summary.suspect,
        "suspect_share": round(summary.suspect_share, 4),
        "severities": summary.severities,
        "findings": summary.categories,
        "accepted": summary.accepted,
        "error": None,
    }


# How a run was carried out, not what it audited: the summary is the same for any of them.
RUN_ONLY_SETTINGS = ("quiet", "out", "cache", "no_cache", "jobs", "executor", "scheduler")


def run_summary(run: RunReport, summaries: list[FileSummary] | None = None) -> dict[str, Any]:
    """summary.json as a dict: the run-wide facts of ``run`` and one row per file (``summaries``, default: run.files')."""
    if summaries is None:
        summaries = [FileSummary.of(f) for f in run.files]
    totals: dict[str, Any] = run_totals(summaries)
    totals["accepted"] = run.accepted_counts()
    return {
        "schema": "audit-summary/1",
        "tool": {"name": "audit", "version": __version__},
        "engine": run.engine,
        "settings": {k: v for k, v in sorted(run.settings.items()) if k not in RUN_ONLY_SETTINGS and not (k in ("source_text", "reference_text") and v is None)},
        "totals": totals,
        "severities": severity_totals(summaries),
        "findings": count_totals(summaries, "categories"),
        "codes": count_totals(summaries, "codes"),
        "files": [file_summary_row(s) for s in summaries],
        "warnings": list(run.warnings),
    }


class _SummaryJson(SummaryStream):
    def finish(self, run: RunReport, summaries: list[FileSummary]) -> dict[str, str]:
        return {"summary.json": dumps(run_summary(run, summaries))}


class JsonWriter(Writer):
    format = "json"
    extension = "json"

    def render_file(self, report: FileReport) -> str:
        return dumps(report.to_dict())

    def open_run(self, files: RunFiles, settings: dict[str, Any]) -> SummaryStream:
        return _SummaryJson(files, settings)

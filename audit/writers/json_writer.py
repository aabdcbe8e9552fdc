"""JSON: the machine-readable contract (schema ``audit-report/1``) and the run summary."""

from __future__ import annotations

import json
from typing import Any

from audit import __version__
from audit.model import SEVERITIES, FileReport, RunReport
from audit.writers.base import Writer


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def file_summary_row(report: FileReport) -> dict[str, Any]:
    if report.error:
        return {"file": report.display_path, "report": None, "error": report.error}
    passages = len(report.passages)
    return {
        "file": report.display_path,
        "report": report.report_name,
        "encoding": report.encoding,
        "passages": passages,
        "suspect": report.suspect_count,
        "suspect_share": round(report.suspect_share, 4),
        "severities": report.severity_counts(),
        "findings": report.category_counts(),
        "accepted": len(report.accepted),
        "error": None,
    }


# How a run was carried out, not what it audited: the summary is the same for any of them.
RUN_ONLY_SETTINGS = ("quiet", "out", "cache", "no_cache", "jobs", "executor", "scheduler")


def run_summary(run: RunReport) -> dict[str, Any]:
    rows = [file_summary_row(f) for f in run.files]
    totals: dict[str, Any] = run.totals()
    severities = {s: 0 for s in SEVERITIES}
    categories: dict[str, int] = {}
    codes: dict[str, int] = {}
    for report in run.audited:
        for finding in report.all_findings():
            severities[finding.severity] += 1
            categories[finding.category] = categories.get(finding.category, 0) + 1
            codes[finding.code] = codes.get(finding.code, 0) + 1
    totals["accepted"] = run.accepted_counts()
    return {
        "schema": "audit-summary/1",
        "tool": {"name": "audit", "version": __version__},
        "engine": run.engine,
        "settings": {k: v for k, v in sorted(run.settings.items()) if k not in RUN_ONLY_SETTINGS and not (k in ("source_text", "reference_text") and v is None)},
        "totals": totals,
        "severities": severities,
        "findings": dict(sorted(categories.items())),
        "codes": dict(sorted(codes.items())),
        "files": rows,
        "warnings": list(run.warnings),
    }


class JsonWriter(Writer):
    format = "json"
    extension = "json"

    def render_file(self, report: FileReport) -> str:
        return dumps(report.to_dict())

    def render_run(self, run: RunReport) -> dict[str, str]:
        return {"summary.json": dumps(run_summary(run))}

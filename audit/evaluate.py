"""Measure findings against gold annotations: recall and precision per category.

A gold item (file, line, span) is *found* when a finding on the same file and
line overlaps the span; it is found *in category* when that finding's category
is also the gold category (or an equivalent one, e.g. a false friend counts as a
calque). A finding counts as *correct* for precision when it overlaps any gold
span. Gold files are rarely exhaustive, so precision here is a lower bound.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from audit.model import SEVERITY_RANK, Finding, RunReport

# Categories a gold annotator and a rule may reasonably name differently.
EQUIVALENT = {
    "calque": {"calque", "false-friend"},
    "false-friend": {"false-friend", "calque"},
    "mistranslation": {"mistranslation", "false-friend"},
    "omission": {"omission", "grammar", "garble"},
    "garble": {"garble", "omission"},
    "mt-indicator": {"mt-indicator", "mt-disclaimer"},
    "mt-disclaimer": {"mt-disclaimer", "mt-indicator"},
}


@dataclass(frozen=True)
class GoldItem:
    file: str
    line: int
    span: str
    category: str
    severity: str
    note: str = ""


def load_gold(path: Path) -> list[GoldItem]:
    items = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ValueError(f"{path}: cannot read gold file: {exc.strerror or exc}") from None
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
            items.append(GoldItem(file=data["file"], line=int(data["line"]), span=data["span"], category=data["category"], severity=data.get("severity", "major"), note=data.get("note", "")))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path}:{number}: not a gold item ({exc})") from None
    return items


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("’", "'").replace("\u202f", " ").replace("\xa0", " ")


def _gold_offsets(text: str, line_starts: list[int], item: GoldItem) -> tuple[int, int] | None:
    if item.line - 1 >= len(line_starts):
        return None
    start = line_starts[item.line - 1]
    end = line_starts[item.line] - 1 if item.line < len(line_starts) else len(text)
    line = _fold(text[start:end])
    found = line.find(_fold(item.span))
    if found < 0:
        return None
    return start + found, start + found + len(item.span)


def evaluate_run(run: RunReport, gold: list[GoldItem], min_severity: str = "minor") -> dict[str, Any]:
    floor = SEVERITY_RANK[min_severity]
    by_name = {PurePath(f.display_path).name: f for f in run.audited}
    findings_by_file: dict[str, list[Finding]] = {
        name: [f for f in report.all_findings() if SEVERITY_RANK[f.severity] >= floor] for name, report in by_name.items()
    }
    from audit.model import line_starts_of

    gold_spans: dict[str, list[tuple[GoldItem, tuple[int, int] | None]]] = {}
    for item in gold:
        report = by_name.get(PurePath(item.file).name)
        offsets = _gold_offsets(report.text, line_starts_of(report.text), item) if report else None
        gold_spans.setdefault(PurePath(item.file).name, []).append((item, offsets))

    def overlaps(f: Finding, item: GoldItem, offsets: tuple[int, int] | None) -> bool:
        if offsets is None:
            return f.line == item.line
        return f.start < offsets[1] and offsets[0] < f.end

    per_category: dict[str, dict[str, int]] = {}
    missed: list[dict[str, Any]] = []
    for name, items in sorted(gold_spans.items()):
        for item, offsets in items:
            row = per_category.setdefault(item.category, {"gold": 0, "found": 0, "found_in_category": 0, "gold_major": 0, "found_major": 0})
            row["gold"] += 1
            row["gold_major"] += item.severity == "major"
            hits = [f for f in findings_by_file.get(name, []) if overlaps(f, item, offsets)]
            if hits:
                row["found"] += 1
                row["found_major"] += item.severity == "major"
                if any(f.category in EQUIVALENT.get(item.category, {item.category}) for f in hits):
                    row["found_in_category"] += 1
            else:
                missed.append({"file": item.file, "line": item.line, "span": item.span, "category": item.category, "severity": item.severity})

    predictions: dict[str, dict[str, int]] = {}
    for name, findings in sorted(findings_by_file.items()):
        for f in findings:
            row = predictions.setdefault(f.category, {"findings": 0, "correct": 0})
            row["findings"] += 1
            row["correct"] += any(overlaps(f, item, offsets) for item, offsets in gold_spans.get(name, []))

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    total_gold = sum(r["gold"] for r in per_category.values())
    total_found = sum(r["found"] for r in per_category.values())
    total_major = sum(r["gold_major"] for r in per_category.values())
    found_major = sum(r["found_major"] for r in per_category.values())
    total_pred = sum(r["findings"] for r in predictions.values())
    total_correct = sum(r["correct"] for r in predictions.values())
    return {
        "recall": ratio(total_found, total_gold),
        "recall_major": ratio(found_major, total_major),
        "recall_in_category": ratio(sum(r["found_in_category"] for r in per_category.values()), total_gold),
        "precision": ratio(total_correct, total_pred),
        "gold": total_gold,
        "gold_major": total_major,
        "found": total_found,
        "found_major": found_major,
        "categories": {c: {**r, "recall": ratio(r["found"], r["gold"])} for c, r in sorted(per_category.items())},
        "predictions": {c: {**r, "precision": ratio(r["correct"], r["findings"])} for c, r in sorted(predictions.items())},
        "missed": missed,
        "min_severity": min_severity,
    }


def format_table(scores: dict[str, Any]) -> str:
    def pct(v: float | None) -> str:
        return "  n/a" if v is None else f"{v * 100:5.1f}%"

    lines = [f"{'category':<16}{'gold':>6}{'found':>7}{'in-cat':>8}{'recall':>9}", "-" * 46]
    for cat, r in scores["categories"].items():
        lines.append(f"{cat:<16}{r['gold']:>6}{r['found']:>7}{r['found_in_category']:>8}{pct(r['recall']):>9}")
    lines.append("-" * 46)
    lines.append(f"{'all':<16}{scores['gold']:>6}{scores['found']:>7}{'':>8}{pct(scores['recall']):>9}")
    lines.append(f"{'major':<16}{scores['gold_major']:>6}{scores['found_major']:>7}{'':>8}{pct(scores['recall_major']):>9}")
    lines.append("")
    lines.append(f"{'finding category':<18}{'findings':>9}{'on gold':>9}{'precision':>11}")
    for cat, r in scores["predictions"].items():
        lines.append(f"{cat:<18}{r['findings']:>9}{r['correct']:>9}{pct(r['precision']):>11}")
    lines.append(f"overall precision (lower bound, gold is not exhaustive): {pct(scores['precision'])}")
    if scores["missed"]:
        lines.append("")
        lines.append("missed:")
        for m in scores["missed"]:
            lines.append(f"  {m['file']}:{m['line']} [{m['category']}, {m['severity']}] {m['span']}")
    return "\n".join(lines)

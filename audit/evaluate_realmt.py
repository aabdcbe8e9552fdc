"""Line-based measurement on real machine translation annotated line by line.

The real-MT gold (``tests/data/realmt/opusmt-gold.jsonl``) annotates a file that
has one segment a line (``opusmt-newstest2014.hyp.fr``). Only some documents are
annotated; ``opusmt-split.tsv`` lists them (``doc``, ``first_line``, ``last_line``,
``split``) and puts each in the *dev* or the *test* half. Every line inside an
annotated document is judged: it either carries gold items or is *clean*.

- A gold item is *found* when a major or minor finding on its line overlaps its
  span (the whole line when the span cannot be located); *in category* when one
  such finding's category matches the gold category (see ``evaluate.EQUIVALENT``).
- A clean line is *flagged* when it carries any major or minor finding.

Only the lines of the requested split are loaded: items of the other half are
dropped while reading, so tuning on dev never shows a test item.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from audit.evaluate import EQUIVALENT, _fold
from audit.model import SEVERITY_RANK, Finding

SPLITS = ("dev", "test")


@dataclass(frozen=True)
class RealItem:
    file: str
    line: int
    span: str
    category: str
    severity: str
    source_span: str = ""
    note: str = ""


@dataclass(frozen=True)
class SplitDoc:
    doc: str
    first_line: int
    last_line: int
    split: str


def load_split(path: Path) -> list[SplitDoc]:
    """The annotated documents, each with its line range and half."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"{path}: cannot read split file: {exc.strerror or exc}") from None
    docs = []
    for number, row in enumerate(csv.DictReader(text.splitlines(), delimiter="\t"), start=2):
        try:
            doc = SplitDoc(row["doc"], int(row["first_line"]), int(row["last_line"]), row["split"].strip())
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path}:{number}: not a split row ({exc})") from None
        if doc.split not in SPLITS or doc.first_line > doc.last_line:
            raise ValueError(f"{path}:{number}: split must be dev or test and first_line <= last_line")
        docs.append(doc)
    return docs


def split_lines(docs: Iterable[SplitDoc], split: str) -> set[int]:
    """Every line number inside the documents of ``split``."""
    return {n for d in docs if d.split == split for n in range(d.first_line, d.last_line + 1)}


def load_items(path: Path, lines: set[int]) -> list[RealItem]:
    """Gold items whose line is in ``lines``; the others are never kept."""
    try:
        raw_lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ValueError(f"{path}: cannot read gold file: {exc.strerror or exc}") from None
    items = []
    for number, raw in enumerate(raw_lines, start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
            line = int(data["line"])
            if line not in lines:
                continue
            items.append(RealItem(
                file=data["file"], line=line, span=data["span"], category=data["category"],
                severity=data.get("severity", "major"), source_span=data.get("source_span", ""), note=data.get("note", ""),
            ))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path}:{number}: not a gold item ({exc})") from None
    return items


def _line_texts(text: str) -> dict[int, tuple[int, str]]:
    """line number -> (offset of the line, its text)."""
    out, offset = {}, 0
    for number, line in enumerate(text.split("\n"), start=1):
        out[number] = (offset, line)
        offset += len(line) + 1
    return out


def _item_offsets(lines: dict[int, tuple[int, str]], item: RealItem) -> tuple[int, int] | None:
    if item.line not in lines:
        return None
    offset, line = lines[item.line]
    found = _fold(line).find(_fold(item.span))
    if found < 0 or not item.span:
        return None
    return offset + found, offset + found + len(item.span)


def evaluate_lines(text: str, findings: Iterable[Finding], items: list[RealItem], lines: set[int], min_severity: str = "minor") -> dict[str, Any]:
    """Recall on ``items`` and flagged clean lines among ``lines`` of ``text``, overall and per rule code."""
    floor = SEVERITY_RANK[min_severity]
    texts = _line_texts(text)
    by_line: dict[int, list[Finding]] = defaultdict(list)
    for f in findings:
        if SEVERITY_RANK[f.severity] >= floor and f.line in lines:
            by_line[f.line].append(f)
    gold_lines = {i.line for i in items}
    clean = sorted(lines - gold_lines)

    per_code: dict[str, dict[str, int]] = defaultdict(lambda: {"found": 0, "found_major": 0, "in_category": 0, "clean_flagged": 0})
    found = found_major = in_category = 0
    missed: list[RealItem] = []
    for item in items:
        offsets = _item_offsets(texts, item)
        hits = [f for f in by_line.get(item.line, []) if offsets is None or (f.start < offsets[1] and offsets[0] < f.end)]
        accepted = EQUIVALENT.get(item.category, {item.category})
        if hits:
            found += 1
            found_major += item.severity == "major"
            in_category += any(f.category in accepted for f in hits)
        else:
            missed.append(item)
        for code in sorted({f.code for f in hits}):
            row = per_code[code]
            row["found"] += 1
            row["found_major"] += item.severity == "major"
            row["in_category"] += any(f.category in accepted for f in hits if f.code == code)
    flagged_clean = [n for n in clean if by_line.get(n)]
    for n in flagged_clean:
        for code in sorted({f.code for f in by_line[n]}):
            per_code[code]["clean_flagged"] += 1

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    majors = sum(i.severity == "major" for i in items)
    return {
        "lines": len(lines),
        "clean_lines": len(clean),
        "items": len(items),
        "majors": majors,
        "found": found,
        "found_major": found_major,
        "found_in_category": in_category,
        "recall": ratio(found, len(items)),
        "recall_major": ratio(found_major, majors),
        "recall_in_category": ratio(in_category, len(items)),
        "clean_flagged": len(flagged_clean),
        "clean_flagged_share": ratio(len(flagged_clean), len(clean)),
        "per_code": {c: {**r, "clean_flagged_share": ratio(r["clean_flagged"], len(clean))} for c, r in sorted(per_code.items())},
        "missed": [{"line": m.line, "span": m.span, "category": m.category, "severity": m.severity} for m in missed],
        "flagged_clean_lines": flagged_clean,
    }


def format_lines_table(scores: dict[str, Any]) -> str:
    """The per-code and overall table, one line a rule code."""
    def pct(v: float | None) -> str:
        return "  n/a" if v is None else f"{v * 100:5.1f}%"

    out = [
        f"{'code':<10}{'items':>7}{'majors':>8}{'in-cat':>8}{'clean flagged':>15}",
        "-" * 48,
    ]
    for code, r in scores["per_code"].items():
        out.append(f"{code:<10}{r['found']:>7}{r['found_major']:>8}{r['in_category']:>8}{r['clean_flagged']:>8} {pct(r['clean_flagged_share']):>6}")
    out.append("-" * 48)
    out.append(
        f"{'overall':<10}{scores['found']:>7}{scores['found_major']:>8}{scores['found_in_category']:>8}"
        f"{scores['clean_flagged']:>8} {pct(scores['clean_flagged_share']):>6}"
    )
    out.append(
        f"{scores['lines']} lines ({scores['clean_lines']} clean), {scores['items']} items ({scores['majors']} major): "
        f"major recall {pct(scores['recall_major'])}, all recall {pct(scores['recall'])}, "
        f"in category {pct(scores['recall_in_category'])}, clean lines flagged {pct(scores['clean_flagged_share'])}"
    )
    return "\n".join(out)

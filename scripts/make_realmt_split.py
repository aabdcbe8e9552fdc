"""Merge the per-range annotations of the real-MT gold and split it into dev and test by document.

Inputs (tests/data/realmt/): ``opusmt-gold-lines*.jsonl`` (error items, one annotator per range) and
``opusmt-docs-lines*.tsv`` (the documents each annotator saw in that range). Outputs:
``opusmt-gold.jsonl`` (all items, sorted) and ``opusmt-split.tsv`` (doc, first_line, last_line, split).

Why by document: lines of one article share names and wording, so a detector tuned on one line of an
article would be measured on its neighbours. Units are assigned alternately (dev, test, dev, ...) in
line order, so adding newly annotated ranges later never moves an existing unit to the other half.
A document cut by the edge of two ranges (same id in both TSVs) becomes one unit. The one very long
document made of separate reader testimonies (d0137, lines 137-227) is split at the testimonies,
each an independent text by a different reader.

Run from the project root: ``python scripts/make_realmt_split.py``.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "realmt"
# d0137 is one page of nine readers' testimonies; each starts at one of these lines.
TESTIMONY_PARTS = {"d0137": [137, 145, 155, 169, 180, 191, 200, 207, 218]}


def read_units() -> list[tuple[str, int, int]]:
    spans: dict[str, list[int]] = {}
    for tsv in sorted(DATA.glob("opusmt-docs-lines*.tsv")):
        with tsv.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                first, last = int(row["first_line"]), int(row["last_line"])
                known = spans.setdefault(row["doc"], [first, last])
                known[0], known[1] = min(known[0], first), max(known[1], last)
    units = []
    for doc, (first, last) in sorted(spans.items(), key=lambda kv: kv[1][0]):
        starts = TESTIMONY_PARTS.get(doc)
        if not starts:
            units.append((doc, first, last))
            continue
        bounds = starts + [last + 1]
        for index, (a, b) in enumerate(zip(bounds, bounds[1:])):
            units.append((f"{doc}{chr(ord('a') + index)}", a, b - 1))
    previous_end = 0
    for doc, first, last in units:
        if first != previous_end + 1:
            raise SystemExit(f"documents leave a gap or overlap before line {first} ({doc})")
        previous_end = last
    return units


def main() -> None:
    units = read_units()
    with (DATA / "opusmt-split.tsv").open("w", encoding="utf-8", newline="") as handle:
        handle.write("doc\tfirst_line\tlast_line\tsplit\n")
        for index, (doc, first, last) in enumerate(units):
            handle.write(f"{doc}\t{first}\t{last}\t{'dev' if index % 2 == 0 else 'test'}\n")
    items = []
    for part in sorted(DATA.glob("opusmt-gold-lines*.jsonl")):
        items.extend(json.loads(line) for line in part.read_text(encoding="utf-8").splitlines() if line.strip())
    items.sort(key=lambda item: (item["line"], item["span"]))
    last_line = units[-1][2]
    if any(item["line"] > last_line for item in items):
        raise SystemExit("an item lies outside every document")
    (DATA / "opusmt-gold.jsonl").write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items), encoding="utf-8")
    print(f"{len(units)} units, lines 1-{last_line}, {len(items)} items")


if __name__ == "__main__":
    main()

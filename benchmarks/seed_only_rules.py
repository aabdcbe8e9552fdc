"""Rules that fire on the seeds and on no text outside them (issue 13, item 6).

    python benchmarks/seed_only_rules.py [--realmt-hyp ../shared/corpora/real-mt-fr/opusmt-newstest2014.hyp.fr]

"Outside" is the two held-out sets (tests/data/heldout*/), the clean French texts
(tests/data/clean*.txt) and the dev half of the real-MT gold (tests/data/realmt/opusmt-split.tsv:
only the documents marked ``dev`` are read; the test half is never opened here). Each rule
that fires only on the seeds must carry ``evidence`` (the English construction it comes
from, with three examples of its own); the script lists them and exits 1 if one does not.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

from audit.checks import load_all
from audit.checks.registry import RULES
from audit.checks.runner import build_context, run_checks
from audit.ingest.segment import segment

ROOT = Path(__file__).resolve().parents[1]


def codes_in(text: str) -> set[str]:
    doc = segment(text)
    return {f.code for f in run_checks(doc, build_context(doc))}


def realmt_dev_documents(hyp: Path) -> list[str]:
    lines = hyp.read_text(encoding="utf-8").split("\n")
    with open(ROOT / "tests" / "data" / "realmt" / "opusmt-split.tsv", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["split"] == "dev"]
    return ["\n\n".join(lines[int(r["first_line"]) - 1:int(r["last_line"])]) for r in rows]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--realmt-hyp", type=Path, default=ROOT.parent / "shared" / "corpora" / "real-mt-fr" / "opusmt-newstest2014.hyp.fr")
    args = parser.parse_args()
    load_all()
    seen: dict[str, set[str]] = defaultdict(set)
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for code in codes_in(path.read_text(encoding="utf-8")):
            seen[code].add("seeds")
    outside = [p.read_text(encoding="utf-8") for d in ("heldout", "heldout2") for p in sorted((ROOT / "tests" / "data" / d).glob("*.txt"))]
    outside += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "data").glob("clean*.txt"))]
    if args.realmt_hyp.exists():
        outside += realmt_dev_documents(args.realmt_hyp)
    else:
        print(f"{args.realmt_hyp}: not found, the real-MT dev half is left out", file=sys.stderr)
    for text in outside:
        for code in codes_in(text):
            seen[code].add("outside")
    only = sorted(c for c, where in seen.items() if where == {"seeds"})
    missing = [c for c in only if not RULES[c].extra.get("evidence")]
    fired = sum(1 for where in seen.values() if "seeds" in where)
    print(f"{fired} rules fire on the seeds; {len(only)} of them on nothing outside: {' '.join(only)}")
    if missing:
        print(f"without evidence: {' '.join(missing)}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())

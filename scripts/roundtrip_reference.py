"""Measure the fixed round-trip chrF reference that passage scores are calibrated on.

A passage's chrF z-score compares its round trip with (a) the other passages of its
file and (b) this reference: the median and MAD of round-trip chrF over real,
untranslated French news, measured once per engine and route. A fixed reference
keeps a file's scores independent of the other files of a run.

Usage (from the repository root)::

    python scripts/roundtrip_reference.py ../shared/corpora/fr-news-original \
        --engine apertium --pivot es --pivot ca

It audits the corpus with the auditor's own pipeline (same segmentation, language
decision and eligibility as a run), keeps every back-translated passage's chrF and
writes ``audit/data/roundtrip_reference.json``: derived statistics only, no text.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from audit.config import Settings  # noqa: E402
from audit.pipeline import collect_targets, process_targets  # noqa: E402
from audit.scoring.suspicion import MAD_TO_SIGMA, MIN_SCALE, REFERENCE_FILE, reference_key  # noqa: E402


def measure(corpus: Path, engine: str, pivot: str) -> tuple[str, dict]:
    settings = Settings(engine=engine, pivot=pivot, no_cache=True)
    targets, errors = collect_targets([corpus])
    if errors or not targets:
        raise SystemExit(f"roundtrip_reference: {corpus}: no readable .txt file")
    files, engine_dict, warnings = process_targets(targets, settings)
    if not engine_dict or engine_dict.get("name") in (None, "none"):
        raise SystemExit(f"roundtrip_reference: engine {engine} unavailable: {warnings}")
    values = sorted(p.metrics["chrf"] for f in files for p in f.passages if p.metrics and isinstance(p.metrics.get("chrf"), (int, float)))
    median = statistics.median(values)
    mad = statistics.median(abs(v - median) for v in values)
    key = reference_key(engine_dict)
    return key, {
        "median": round(median, 4),
        "mad": round(mad, 4),
        "scale": round(max(MAD_TO_SIGMA * mad, MIN_SCALE), 4),
        "passages": len(values),
        "files": len(files),
        "engine_version": engine_dict.get("version", ""),
        "corpus": corpus.name,
        "measured": date.today().isoformat(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="folder of untranslated French news (.txt)")
    parser.add_argument("--engine", default="apertium")
    parser.add_argument("--pivot", action="append", help="Apertium pivot(s) to measure [default: es]")
    parser.add_argument("--out", type=Path, default=ROOT / "audit" / "data" / REFERENCE_FILE)
    args = parser.parse_args()
    data = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
    for pivot in args.pivot or ["es"]:
        key, entry = measure(args.corpus, args.engine, pivot)
        data[key] = entry
        print(f"{key}: median {entry['median']}, MAD {entry['mad']} over {entry['passages']} passages of {entry['files']} files", file=sys.stderr)
    args.out.write_text(json.dumps(dict(sorted(data.items())), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

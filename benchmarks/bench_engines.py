"""Throughput of the Apertium engine: one call per batch vs one call per passage, cold and cached.

Run:  python3 benchmarks/bench_engines.py [--pivot es] [--per-passage-limit 30] [FILES...]

Passages are the sentences of the seeds (audit.ingest.segment), each sent on a
round trip (fr->en, then en->fr) as the back-translation stage does. One call per
passage is slow enough that only the first ``--per-passage-limit`` passages are
timed; the rate is what matters. Prints a Markdown table for docs/ENGINES.md.
"""

from __future__ import annotations

import argparse
import glob
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from audit.engines.apertium import ApertiumEngine  # noqa: E402
from audit.engines.cache import CachedEngine, TranslationCache  # noqa: E402
from audit.ingest.segment import segment  # noqa: E402


def passages_of(paths: list[str]) -> list[str]:
    texts = []
    for path in paths:
        doc = segment(Path(path).read_text(encoding="utf-8"), path=path)
        texts += [s.text for s in doc.sentences if len(s.text.split()) >= 3]
    return list(dict.fromkeys(texts))


def round_trip(engine, texts: list[str]) -> None:
    english = engine.translate(texts, "fr", "en")
    engine.translate([t.text for t in english], "en", "fr")


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", default=sorted(glob.glob(str(ROOT / "seeds" / "*.txt"))))
    parser.add_argument("--pivot", default="es", choices=("es", "ca"))
    parser.add_argument("--per-passage-limit", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3, help="batch modes: best of N (the machine may be shared)")
    args = parser.parse_args()

    engine = ApertiumEngine(pivot=args.pivot)
    if not engine.available("fr", "en") or not engine.available("en", "fr"):
        print("apertium is not installed for this pivot", file=sys.stderr)
        return 1
    texts = passages_of(args.files)
    sample = texts[: args.per_passage_limit]
    rows = []

    seconds = min(timed(lambda: round_trip(engine, texts)) for _ in range(args.repeat))
    rows.append(("one call per batch and hop, no cache", len(texts), seconds))

    def one_by_one() -> None:
        for text in sample:
            round_trip(engine, [text])

    seconds = timed(one_by_one)
    rows.append(("one call per passage, no cache", len(sample), seconds))

    cold, hot, calls = [], [], 0
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as folder:
            cached = CachedEngine(engine, TranslationCache(Path(folder) / "cache.sqlite3"))
            cold.append(timed(lambda: round_trip(cached, texts)))
            warm = CachedEngine(engine, TranslationCache(Path(folder) / "cache.sqlite3"))
            hot.append(timed(lambda: round_trip(warm, texts)))
            calls = max(calls, warm.calls)
    rows.append(("batch, cache cold (misses written)", len(texts), min(cold)))
    rows.append((f"batch, cache warm ({calls} engine calls)", len(texts), min(hot)))

    print(f"Machine: {os.cpu_count()} cores, {cpu_name()}; Python {platform.python_version()}")
    print(f"Engine: apertium via {args.pivot} ({engine.version()})")
    print(f"Passages: {len(texts)} distinct sentences of >= 3 words from {len(args.files)} files, round trip fr->en->fr")
    print()
    print("| mode | passages | seconds | passages/s |")
    print("|---|---:|---:|---:|")
    for name, count, seconds in rows:
        print(f"| {name} | {count} | {seconds:.2f} | {count / seconds:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Seconds per MB on big inputs against the seeds: time must grow linearly with size.

Run:  python3 benchmarks/bench_ingest.py [--stage ingest|audit] [--line-mb 5] [--plain-mb 50] [--keep]

Big files are generated from the seed articles under /tmp/audit-bench/ (never in
the repository): ``line-<N>mb.txt`` is the seeds' text joined into one single line,
``plain-<N>mb.txt`` the seeds one after another, repeated to the size asked for.

``--stage ingest`` (default) times what a file goes through before the checks:
decoding and segmentation into paragraphs and sentences, the stage that hung for
ever on a 5 MB single line. ``--stage audit`` times ``audit.pipeline.analyse_file``
(decoding, segmentation, language identification and every check, no engine):
about 6 minutes per MB on a shared 2-core machine, so use small sizes there
(e.g. ``--line-mb 0.4 --plain-mb 0.4``) and compare the rates.

The seeds' rate is measured the same way, in the same process, after a warm-up
file, so model loading counts for none of the figures. Seconds are CPU seconds of
the process. The last column is each file's rate over the seeds' rate: the issue
asks for at most 3.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from audit.config import Settings  # noqa: E402
from audit.ingest.decode import read_text  # noqa: E402
from audit.ingest.segment import segment  # noqa: E402

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
OUT = Path("/tmp/audit-bench")


def generate(name: str, megabytes: float, one_line: bool) -> Path:
    """A file of about ``megabytes`` MB made of the seeds' text (cached between runs)."""
    path = OUT / f"{name}-{megabytes:g}mb.txt"
    if path.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    unit = " ".join(" ".join(t.split()) for t in texts) if one_line else "\n\n".join(t.strip() for t in texts)
    separator = " " if one_line else "\n\n"
    target = int(megabytes * 1_000_000)
    with path.open("w", encoding="utf-8") as handle:
        written = 0
        while written < target:
            chunk = unit + separator
            handle.write(chunk)
            written += len(chunk.encode("utf-8"))
        handle.write("\n")
    return path


def ingest(path: Path) -> int:
    decoded = read_text(path, path.name)
    return len(segment(decoded.text, path.name, decoded.encoding).sentences)


def audit(path: Path) -> int:
    from audit.pipeline import Target, analyse_file

    report = analyse_file(Target(path=path, display=path.name, report_name=path.stem), Settings(engine="none"))
    if report.error:
        raise SystemExit(f"{path}: {report.error}")
    return len(report.passages)


def timed(stage, paths: list[Path]) -> tuple[float, float, int]:
    """(CPU seconds, megabytes, passages) for ``paths`` through ``stage``.

    CPU time of this process, not wall time: the machine is shared, and other
    processes' load must not count against the file being measured.
    """
    started = time.process_time()
    passages = sum(stage(p) for p in paths)
    seconds = time.process_time() - started
    megabytes = sum(p.stat().st_size for p in paths) / 1_000_000
    return seconds, megabytes, passages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stage", choices=("ingest", "audit"), default="ingest")
    parser.add_argument("--line-mb", type=float, default=5.0, help="size of the single-line file (0: skip)")
    parser.add_argument("--plain-mb", type=float, default=50.0, help="size of the ordinary file (0: skip)")
    parser.add_argument("--keep", action="store_true", help="keep the generated files in /tmp/audit-bench")
    args = parser.parse_args()
    stage = ingest if args.stage == "ingest" else audit

    stage(SEEDS[0])  # warm-up: models and caches load here, not in a measurement
    seconds, megabytes, passages = timed(stage, SEEDS)
    seed_rate = seconds / megabytes
    rows = [("seeds", megabytes, passages, seconds, seed_rate, 1.0)]
    print(f"stage: {args.stage}; seeds: {len(SEEDS)} files, {megabytes:.3f} MB, {seconds:.2f} s, {seed_rate:.2f} s/MB", flush=True)
    generated = []
    for name, size, one_line in (("line", args.line_mb, True), ("plain", args.plain_mb, False)):
        if size <= 0:
            continue
        path = generate(name, size, one_line)
        generated.append(path)
        seconds, megabytes, passages = timed(stage, [path])
        rate = seconds / megabytes
        rows.append((path.name, megabytes, passages, seconds, rate, rate / seed_rate))
        print(f"{path.name}: {megabytes:.2f} MB, {passages} passages, {seconds:.1f} s, {rate:.2f} s/MB, {rate / seed_rate:.2f} x seeds", flush=True)
    print()
    print(f"| input ({args.stage}) | MB | passages | CPU s | CPU s/MB | × seeds |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, mb, passages, seconds, rate, ratio in rows:
        print(f"| {name} | {mb:.3f} | {passages} | {seconds:.2f} | {rate:.2f} | {ratio:.2f} |")
    if not args.keep:
        for path in generated:
            os.unlink(path)


if __name__ == "__main__":
    main()

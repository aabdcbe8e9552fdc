"""Speed and memory of ``audit run`` against the floor set by the translation engine.

Run (from the repository root, on a quiet machine)::

    python benchmarks/perf.py --articles 100            # the README's figures
    python benchmarks/perf.py --articles 20             # quick, while developing
    python benchmarks/perf.py --articles 1000 --engine none --steps cold1   # scaling check

One run measures, on the same corpus:

``bare``   the bare batched Apertium round trip of every passage the auditor would
           back-translate (fr->es->en, then en->es->fr: one pipeline per hop, one
           call per direction), in this process; the floor any audit pays
``cold1``  ``audit run --jobs 1`` with an empty cache
``warm``   the same command again, with the cache ``cold1`` filled
``cold2``  ``audit run --jobs 2`` with an empty cache

and prints each wall time, the ratios the README quotes, the peak resident memory
of the largest process of each run (``wait4``'s ``ru_maxrss``: the maximum over the
audit process and the workers it waited for), and whether the JSON reports of the
runs are byte-identical.

The corpus: the 5 seeds, the 36 articles of ``../shared/corpora/fr-news-original``,
then articles of about 300 words cut, in order, from the Assemblée nationale
debates of ``../shared/corpora/fr-text-large`` (real French, never repeated, so
that no cache or deduplication flatters the larger runs). It is written under
``--workdir`` and never into the project.
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPORA = ROOT.parent / "shared" / "corpora"
for candidate in (ROOT.parent / "shared" / "corpora", ROOT.parents[1] / "shared" / "corpora", Path("/work/shared/corpora")):
    if candidate.is_dir():
        CORPORA = candidate
        break
FILLER_WORDS = 300
SENTENCES_PER_PARAGRAPH = 3


def build_corpus(folder: Path, n: int) -> tuple[int, int]:
    """Write ``n`` articles into ``folder``; returns (articles, words)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    sources = sorted((ROOT / "seeds").glob("*.txt")) + sorted((CORPORA / "fr-news-original").glob("*.txt"))
    words = 0
    count = 0
    for path in sources[:n]:
        text = path.read_text(encoding="utf-8")
        (folder / f"{count:04d}_{path.name}").write_text(text, encoding="utf-8")
        words += len(text.split())
        count += 1
    if count < n:
        with lzma.open(CORPORA / "fr-text-large" / "assemblee-nationale-debats.txt.xz", "rt", encoding="utf-8") as lines:
            while count < n:
                sentences: list[str] = []
                size = 0
                for line in lines:
                    line = line.strip()
                    if len(line.split()) < 4:
                        continue  # "Il est défendu." and the like: not article prose
                    sentences.append(line)
                    size += len(line.split())
                    if size >= FILLER_WORDS:
                        break
                if not sentences:
                    raise SystemExit("perf.py: fr-text-large ran out of text")
                paragraphs = [" ".join(sentences[i:i + SENTENCES_PER_PARAGRAPH]) for i in range(0, len(sentences), SENTENCES_PER_PARAGRAPH)]
                text = f"Débat n° {count}\n\n" + "\n\n".join(paragraphs) + "\n"
                (folder / f"{count:04d}_debat.txt").write_text(text, encoding="utf-8")
                words += len(text.split())
                count += 1
    return count, words


def bare_round_trip(folder: Path) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, passages sent) of the batched Apertium round trip of every passage of 3+ words."""
    from audit.backtranslation import MIN_WORDS, passage_words
    from audit.engines.apertium import ApertiumEngine
    from audit.ingest.segment import segment

    texts = []
    for path in sorted(folder.glob("*.txt")):
        doc = segment(path.read_text(encoding="utf-8"), str(path))
        texts += [s.text for s in doc.sentences if passage_words(s.text) >= MIN_WORDS]
    texts = list(dict.fromkeys(texts))
    engine = ApertiumEngine()
    before = _cpu()
    start = time.perf_counter()
    english = engine.translate(texts, "fr", "en")
    engine.translate(list(dict.fromkeys(t.text for t in english if t.text)), "en", "fr")
    return time.perf_counter() - start, _cpu() - before, len(texts)


def _cpu() -> float:
    """CPU seconds of this process and of the children it waited for (Apertium's processes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def audit_run(folder: Path, out: Path, cache: Path, jobs: int, engine: str) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, peak RSS in MB, exit status) of one ``audit run`` in a child process.

    CPU seconds include the processes it waited for (workers, Apertium): the work
    done, which unlike wall time does not grow with other users' load.
    """
    if out.exists():
        shutil.rmtree(out)
    command = [sys.executable, "-m", "audit", "run", str(folder), "--format", "json", "--out", str(out),
               "--cache", str(cache), "--jobs", str(jobs), "--engine", engine, "--quiet"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    log = out.with_suffix(".log")
    with log.open("wb") as stderr:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    child.returncode = code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"perf.py: audit run failed ({code}): {log.read_text(errors='replace')[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, code


def same_reports(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.glob("*.json") if p.name != "summary.json")
    return names == sorted(p.name for p in b.glob("*.json") if p.name != "summary.json") and all(
        (a / n).read_bytes() == (b / n).read_bytes() for n in names
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", "-n", type=int, default=100)
    parser.add_argument("--engine", default="apertium", help="engine of the audit runs (apertium | none) [default: apertium]")
    parser.add_argument("--steps", default="bare,cold1,warm,cold2", help="comma-separated subset of bare,cold1,warm,cold2")
    parser.add_argument("--workdir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "audit-perf")
    args = parser.parse_args()
    steps = {s.strip() for s in args.steps.split(",") if s.strip()}
    work = args.workdir / f"n{args.articles}-{args.engine}"
    corpus = work / "corpus"
    articles, words = build_corpus(corpus, args.articles)
    results: dict = {"articles": articles, "words": words, "engine": args.engine, "cpus": len(os.sched_getaffinity(0)),
                     "load_before": os.getloadavg()}
    print(f"corpus: {articles} articles, {words} words, in {corpus}; load average {results['load_before'][0]:.2f}", file=sys.stderr)
    if "bare" in steps and args.engine != "none":
        results["bare_s"], results["bare_cpu_s"], results["bare_passages"] = bare_round_trip(corpus)
        print(f"bare round trip: {results['bare_s']:.1f} s ({results['bare_cpu_s']:.1f} s CPU) for {results['bare_passages']} passages", file=sys.stderr)
    runs = {"cold1": (1, True), "warm": (1, False), "cold2": (2, True)}
    for step, (jobs, fresh) in runs.items():
        if step not in steps:
            continue
        cache = work / ("cache-j1.sqlite" if step in ("cold1", "warm") else "cache-j2.sqlite")
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{cache}{suffix}").unlink(missing_ok=True)
        seconds, cpu, rss, code = audit_run(corpus, work / f"out-{step}", cache, jobs, args.engine)
        results[f"{step}_s"], results[f"{step}_cpu_s"], results[f"{step}_rss_mb"] = seconds, cpu, rss
        print(f"{step}: {seconds:.1f} s ({cpu:.1f} s CPU), peak RSS {rss} MB (exit {code})", file=sys.stderr)
    results["load_after"] = os.getloadavg()
    if "cold1_s" in results and "bare_s" in results:
        results["cold1_over_bare"] = results["cold1_s"] / results["bare_s"]
        results["cold1_over_bare_cpu"] = results["cold1_cpu_s"] / results["bare_cpu_s"]
    if "cold1_s" in results and "warm_s" in results:
        results["cold_over_warm"] = results["cold1_s"] / results["warm_s"]
        results["warm_identical"] = same_reports(work / "out-cold1", work / "out-warm")
    if "cold1_s" in results and "cold2_s" in results:
        results["jobs1_over_jobs2"] = results["cold1_s"] / results["cold2_s"]
        results["jobs_identical"] = same_reports(work / "out-cold1", work / "out-cold2")
    (work / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print("| measure | value |\n|---|---:|")
    for key, value in results.items():
        shown = f"{value:.2f}" if isinstance(value, float) else (", ".join(f"{v:.2f}" for v in value) if isinstance(value, tuple) else value)
        print(f"| {key} | {shown} |")


if __name__ == "__main__":
    main()

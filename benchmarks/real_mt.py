"""Recall on real machine translation, false alarms on French-original news, MT against human flag rates.

    python benchmarks/real_mt.py [--split dev] [--engine none] [--corpora ../shared/corpora] [--examples 3]

Three measurements, each per rule code and overall (major and minor findings only):
1. the real-MT gold (``tests/data/realmt/opusmt-gold.jsonl``, lines of the ``--split``
   documents of ``opusmt-split.tsv``): items found, majors found, clean lines flagged;
2. ``fr-news-original``: sentences with a finding (every one is a false alarm);
3. WMT22 German->French: share of lines flagged for each system and for the human
   reference, and their ratio, on the news domain and on all domains; with the
   share of suspect passages of each file.
The test split is for the final measurement only: tune on dev.
Audits are cached under ``--cache`` keyed by the input file, the auditor's code and data, and the options.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from audit.config import Settings  # noqa: E402
from audit.evaluate_realmt import evaluate_lines, format_lines_table, load_items, load_split, split_lines  # noqa: E402
from audit.model import Finding  # noqa: E402
from audit.pipeline import audit_paths  # noqa: E402

MT_FILE = "opusmt-newstest2014.hyp.fr"
WMT_SYSTEMS = ("LT22", "Online-G", "Online-W", "Online-B")
FLAGGING = ("major", "minor")


def default_corpora() -> Path:
    """``shared/corpora`` beside the project (CI), else the workplace copy."""
    for candidate in (ROOT.parent / "shared" / "corpora", Path("/work/shared/corpora")):
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared" / "corpora"


def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted((ROOT / "audit").rglob("*")):
        if path.suffix in (".py", ".toml", ".json", ".tsv", ".txt") and path.is_file():
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def audit_cached(paths: list[Path], settings: Settings, cache: Path) -> dict[Path, dict]:
    """path -> {"text", "findings": [Finding], "passages": [(line, has_flag, suspect)], "suspect_share"}."""
    fingerprint = _code_fingerprint()
    options = json.dumps({"engine": settings.engine, "select": settings.select, "ignore": settings.ignore, "severity": settings.severity}, sort_keys=True)
    out: dict[Path, dict] = {}
    todo = []
    for path in paths:
        key = hashlib.sha256(path.read_bytes() + fingerprint.encode() + options.encode()).hexdigest()[:24]
        file = cache / f"{path.name}.{key}.json"
        if file.exists():
            data = json.loads(file.read_text(encoding="utf-8"))
            data["findings"] = [Finding(**f) for f in data["findings"]]
            out[path] = data
        else:
            todo.append((path, file))
    if todo:
        run = audit_paths([p for p, _ in todo], settings)
        by_path = {Path(r.path).resolve(): r for r in run.audited}
        cache.mkdir(parents=True, exist_ok=True)
        for path, file in todo:
            report = by_path[path.resolve()]
            findings = report.all_findings()
            data = {
                "findings": [
                    {k: getattr(f, k) for k in ("code", "category", "severity", "message", "start", "end", "line", "col", "span")}
                    for f in findings
                ],
                "passages": [
                    [p.sentence.line, any(f.severity in FLAGGING for f in p.findings), p.suspect, sorted({f.code for f in p.findings if f.severity in FLAGGING})]
                    for p in report.passages
                ],
                "suspect_share": report.suspect_share,
                "text": report.text,
            }
            tmp = file.with_suffix(".tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            tmp.replace(file)
            data["findings"] = findings
            out[path] = data
    return out


def real_mt_recall(corpora: Path, split: str, settings: Settings, cache: Path) -> dict | None:
    gold = ROOT / "tests" / "data" / "realmt" / "opusmt-gold.jsonl"
    split_file = ROOT / "tests" / "data" / "realmt" / "opusmt-split.tsv"
    if not gold.exists() or not split_file.exists():
        print(f"real-MT gold: {gold.relative_to(ROOT)} or {split_file.relative_to(ROOT)} missing; skipped")
        return None
    lines = split_lines(load_split(split_file), split)
    items = load_items(gold, lines)
    mt = corpora / "real-mt-fr" / MT_FILE
    data = audit_cached([mt], settings, cache)[mt]
    return evaluate_lines(data["text"], data["findings"], items, lines)


def false_alarms(corpora: Path, settings: Settings, cache: Path) -> dict:
    """Sentences of French-original news with a major or minor finding, overall and per code."""
    files = sorted((corpora / "fr-news-original").glob("*.txt"))
    results = audit_cached(files, settings, cache)
    sentences = flagged = 0
    by_code: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for path in files:
        data = results[path]
        sentences += len(data["passages"])
        flagged += sum(1 for p in data["passages"] if p[1])
        for p in data["passages"]:
            by_code.update(p[3])
        for f in data["findings"]:
            if f.severity in FLAGGING:
                examples[f.code].append(f"{path.name}:{f.line} «{f.span}»")
    return {"files": len(files), "sentences": sentences, "flagged": flagged, "by_code": dict(sorted(by_code.items())), "examples": examples}


def wmt_flag_rates(corpora: Path, settings: Settings, cache: Path) -> dict:
    """Share of lines with a major or minor finding for each WMT22 de->fr system and the reference."""
    folder = corpora / "real-mt-fr"
    with (folder / "wmt22-defr.docids.tsv").open(encoding="utf-8") as handle:
        domains = {int(row["line"]): row["domain"] for row in csv.DictReader(handle, delimiter="\t")}
    names = {"reference": folder / "wmt22-defr.ref.fr", **{s: folder / f"wmt22-defr.hyp.{s}.fr" for s in WMT_SYSTEMS}}
    results = audit_cached(list(names.values()), settings, cache)
    table = {}
    for name, path in names.items():
        data = results[path]
        flagged_lines: dict[int, set[str]] = defaultdict(set)
        for f in data["findings"]:
            if f.severity in FLAGGING:
                flagged_lines[f.line].add(f.code)
        row = {"suspect_share": data["suspect_share"], "by_code": Counter()}
        for scope in ("news", "all"):
            lines = [n for n, d in domains.items() if scope == "all" or d == scope]
            row[scope] = (sum(1 for n in lines if flagged_lines.get(n)), len(lines))
        for codes in flagged_lines.values():
            row["by_code"].update(codes)
        table[name] = row
    return table


def _pct(a: int, b: int) -> str:
    return f"{a / b:6.1%}" if b else "   n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev", help="gold half to measure (tune on dev only)")
    parser.add_argument("--engine", default="none")
    parser.add_argument("--corpora", type=Path, default=None, help="the shared corpora folder")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/audit-real-mt-cache"))
    parser.add_argument("--select", default=None, help="comma-separated codes, prefixes or categories to run (default: all on by default)")
    parser.add_argument("--severity", default="", help="comma-separated CODE=LEVEL overrides, to measure a rule that is off (info) by default")
    parser.add_argument("--examples", type=int, default=0, help="false alarms to show per code")
    parser.add_argument("--missed", action="store_true", help="list missed gold items and flagged clean lines")
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: gold,news,wmt")
    args = parser.parse_args()
    corpora = args.corpora or default_corpora()
    severity = dict(item.split("=", 1) for item in args.severity.split(",") if "=" in item)
    settings = Settings(engine=args.engine, select=args.select.split(",") if args.select else None, severity=severity)
    skip = set(filter(None, args.skip.split(",")))

    if "gold" not in skip:
        scores = real_mt_recall(corpora, args.split, settings, args.cache)
        if scores is not None:
            print(f"== real MT ({MT_FILE}), {args.split} split ==")
            print(format_lines_table(scores))
            if args.missed:
                for m in scores["missed"]:
                    print(f"  missed {m['line']} [{m['category']}, {m['severity']}] {m['span']}")
                print(f"  flagged clean lines: {scores['flagged_clean_lines']}")
            print()

    if "news" not in skip:
        fa = false_alarms(corpora, settings, args.cache)
        print(f"== false alarms: fr-news-original ({fa['files']} files, {fa['sentences']} sentences) ==")
        for code, count in fa["by_code"].items():
            print(f"{code:<10}{count:>5} {_pct(count, fa['sentences'])}")
            for example in fa["examples"][code][: args.examples]:
                print(f"      {example}")
        print(f"{'overall':<10}{fa['flagged']:>5} {_pct(fa['flagged'], fa['sentences'])}")
        print()

    if "wmt" not in skip:
        table = wmt_flag_rates(corpora, settings, args.cache)
        ref = table["reference"]
        print("== WMT22 de->fr: lines with a major/minor finding ==")
        print(f"{'file':<12}{'news':>16}{'ratio':>7}{'all':>18}{'ratio':>7}{'suspect':>9}")
        for name, row in table.items():
            cells = []
            for scope in ("news", "all"):
                a, b = row[scope]
                ratio = (a / ref[scope][0]) if ref[scope][0] else float("inf")
                cells.append(f"{a:>5}/{b:<5}{_pct(a, b)}{ratio:>7.2f}")
            print(f"{name:<12}{cells[0]:>23}{cells[1]:>25}{row['suspect_share']:>8.1%}")
        codes = sorted({c for row in table.values() for c in row["by_code"]})
        print(f"{'lines by code':<14}" + "".join(f"{n[:9]:>10}" for n in table))
        for code in codes:
            print(f"{code:<14}" + "".join(f"{table[n]['by_code'].get(code, 0):>10}" for n in table))


if __name__ == "__main__":
    main()

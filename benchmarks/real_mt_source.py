"""Source-aware audit measured on real MT: OPUS-MT English->French with its English source.

    python benchmarks/real_mt_source.py [--split dev] [--engine apertium] [--missed]

The OPUS-MT files hold one segment a line. Each annotated document of
``tests/data/realmt/opusmt-split.tsv`` (of the chosen half only) becomes a pair of
files under ``--work``: ``DOC.fr.txt`` (the MT lines) and ``DOC.en.txt`` (the
English lines), audited with ``--source-text auto``; the human reference of the
same lines (``DOC.ref.txt`` with the same English) is audited the same way, as if
it were a translation to check. Findings are mapped back to the lines of the
whole MT file and scored with :mod:`audit.evaluate_realmt` (major and minor
findings count; a clean line is flagged when it carries one).

Reported: for both modes (monolingual, source-aware) on the same lines, major
recall, all recall and the share of clean lines flagged; the share of reference
lines flagged; per-code counts. Tune on dev; the test half is for the final
measurement only.

The monolingual audit and the back-translation of each document are cached
(``--cache``, keyed by the text and the code outside ``audit/source``), so a
change to the source checks re-runs only the source stage.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import pickle
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from audit.config import Settings  # noqa: E402
from audit.evaluate_realmt import evaluate_lines, format_lines_table, load_items, load_split  # noqa: E402
from audit.model import SEVERITY_RANK, Finding  # noqa: E402
from audit.pipeline import Target, process_targets  # noqa: E402

GOLD = ROOT / "tests" / "data" / "realmt" / "opusmt-gold.jsonl"
SPLIT = ROOT / "tests" / "data" / "realmt" / "opusmt-split.tsv"
FILES = {"fr": "opusmt-newstest2014.hyp.fr", "en": "opusmt-newstest2014.en", "ref": "opusmt-newstest2014.ref.fr"}


def default_corpora() -> Path:
    for candidate in (ROOT.parent / "shared" / "corpora", Path("/work/shared/corpora")):
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared" / "corpora"


def _fingerprint(skip: tuple[str, ...] = ("audit/source", "audit/writers")) -> str:
    """The auditor's code and data outside ``skip``: what the cached monolingual reports depend on."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "audit").rglob("*")):
        rel = path.relative_to(ROOT).as_posix()
        if path.is_file() and path.suffix in (".py", ".toml", ".json", ".tsv", ".txt") and not rel.startswith(skip):
            digest.update(rel.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build_documents(corpora: Path, split: str, work: Path) -> list[tuple[str, int, int]]:
    """Write DOC.fr.txt, DOC.en.txt and DOC.ref.txt for each document of ``split``; (doc, first, last)."""
    lines = {k: (corpora / "real-mt-fr" / name).read_text(encoding="utf-8").splitlines() for k, name in FILES.items()}
    docs = [(d.doc, d.first_line, d.last_line) for d in load_split(SPLIT) if d.split == split]
    for kind in ("mt", "ref"):
        (work / kind).mkdir(parents=True, exist_ok=True)
    for doc, first, last in docs:
        chunk = {k: "\n".join(v[first - 1:last]) + "\n" for k, v in lines.items()}
        (work / "mt" / f"{doc}.fr.txt").write_text(chunk["fr"], encoding="utf-8")
        (work / "mt" / f"{doc}.en.txt").write_text(chunk["en"], encoding="utf-8")
        (work / "ref" / f"{doc}.fr.txt").write_text(chunk["ref"], encoding="utf-8")
        (work / "ref" / f"{doc}.en.txt").write_text(chunk["en"], encoding="utf-8")
    return docs


def monolingual_reports(folder: Path, docs, settings: Settings, cache: Path) -> dict[str, object]:
    """doc -> FileReport of the monolingual audit (with back-translation), cached on disk."""
    key_base = _fingerprint() + settings.engine
    out, todo = {}, []
    for doc, _, _ in docs:
        path = folder / f"{doc}.fr.txt"
        key = hashlib.sha256(path.read_bytes() + key_base.encode()).hexdigest()[:20]
        file = cache / f"{folder.name}-{doc}-{key}.pickle"
        if file.exists():
            out[doc] = pickle.loads(file.read_bytes())
        else:
            todo.append((doc, path, file))
    if todo:
        targets = [Target(path=p, display=p.name, report_name=doc) for doc, p, _ in todo]
        files, _, _ = process_targets(targets, settings)
        cache.mkdir(parents=True, exist_ok=True)
        for (doc, _, file), report in zip(todo, files):
            file.write_bytes(pickle.dumps(report))
            out[doc] = report
    return out


def with_source(reports: dict[str, object], folder: Path, settings: Settings) -> dict[str, object]:
    """Copies of ``reports`` run through the source stage and scored."""
    from audit.scoring.suspicion import assign_scores
    from audit.source.stage import run_source_stage

    copies = {doc: copy.deepcopy(r) for doc, r in reports.items()}
    targets = [Target(path=folder / f"{doc}.fr.txt", display=f"{doc}.fr.txt", report_name=doc, source=folder / f"{doc}.en.txt")
               for doc in copies]
    audited = [r for r in copies.values() if not r.error]
    run_source_stage(audited, targets, settings)
    assign_scores(audited, threshold=settings.threshold)
    return copies


def scored_copy(reports: dict[str, object], settings: Settings) -> dict[str, object]:
    from audit.scoring.suspicion import assign_scores

    copies = {doc: copy.deepcopy(r) for doc, r in reports.items()}
    assign_scores([r for r in copies.values() if not r.error], threshold=settings.threshold)
    return copies


def global_findings(reports: dict[str, object], docs, text: str) -> list[Finding]:
    """The findings of the per-document reports, moved to the lines and offsets of the whole file."""
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    out = []
    for doc, first, _ in docs:
        report = reports[doc]
        if report.error:
            print(f"  {doc}: {report.error}", file=sys.stderr)
            continue
        doc_starts = [0]
        for line in report.text.split("\n"):
            doc_starts.append(doc_starts[-1] + len(line) + 1)
        for f in report.all_findings():
            line = first + f.line - 1
            shift = starts[line - 1] - doc_starts[f.line - 1]
            out.append(replace(f, line=line, start=f.start + shift, end=f.end + shift))
    return out


def flagged_share(reports: dict[str, object], docs) -> tuple[int, int]:
    """(lines with a major or minor finding, lines) over the documents."""
    flagged = total = 0
    for doc, first, last in docs:
        report = reports[doc]
        lines = {f.line for f in report.all_findings() if SEVERITY_RANK[f.severity] >= SEVERITY_RANK["minor"]}
        flagged += len(lines)
        total += last - first + 1
    return flagged, total


def flagged_by_code(reports: dict[str, object], docs) -> dict[str, int]:
    """code -> lines it flags (major or minor findings) over the documents."""
    lines: dict[str, set[tuple[str, int]]] = {}
    for doc, _, _ in docs:
        for f in reports[doc].all_findings():
            if SEVERITY_RANK[f.severity] >= SEVERITY_RANK["minor"]:
                lines.setdefault(f.code, set()).add((doc, f.line))
    return {code: len(v) for code, v in sorted(lines.items())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev", help="gold half to measure (tune on dev only)")
    parser.add_argument("--engine", default="apertium")
    parser.add_argument("--corpora", type=Path, default=None)
    parser.add_argument("--work", type=Path, default=Path("/tmp/audit-real-mt-source"))
    parser.add_argument("--missed", action="store_true", help="list missed major items and flagged clean lines")
    parser.add_argument("--codes", action="store_true", help="per-code table of the source-aware mode")
    args = parser.parse_args()
    corpora = args.corpora or default_corpora()
    work = args.work / args.split
    docs = build_documents(corpora, args.split, work)
    settings = Settings(engine=args.engine, no_cache=False)
    lines = {n for _, a, b in docs for n in range(a, b + 1)}
    items = load_items(GOLD, lines)
    text = (corpora / "real-mt-fr" / FILES["fr"]).read_text(encoding="utf-8")

    base = monolingual_reports(work / "mt", docs, settings, args.work / "cache")
    mono = evaluate_lines(text, global_findings(scored_copy(base, settings), docs, text), items, lines)
    aware_reports = with_source(base, work / "mt", settings)
    aware = evaluate_lines(text, global_findings(aware_reports, docs, text), items, lines)
    ref_base = monolingual_reports(work / "ref", docs, settings, args.work / "cache")
    ref_mono = flagged_share(scored_copy(ref_base, settings), docs)
    ref_aware_reports = with_source(ref_base, work / "ref", settings)
    ref_aware = flagged_share(ref_aware_reports, docs)

    def pct(v):
        return "n/a" if v is None else f"{v:.1%}"

    print(f"== OPUS-MT en->fr, {args.split} half: {len(docs)} documents, {len(lines)} lines, {mono['clean_lines']} clean, "
          f"{mono['items']} items ({mono['majors']} major); engine {args.engine} ==")
    print(f"{'mode':<14}{'major recall':>14}{'all recall':>12}{'clean flagged':>15}{'ref lines flagged':>19}")
    for name, scores, ref in (("monolingual", mono, ref_mono), ("source-aware", aware, ref_aware)):
        print(f"{name:<14}{pct(scores['recall_major']):>14}{pct(scores['recall']):>12}{pct(scores['clean_flagged_share']):>15}"
              f"{pct(ref[0] / ref[1]):>19}")
    if args.codes:
        print()
        print(format_lines_table(aware))
        print("\nreference lines flagged per code (source-aware): "
              + ", ".join(f"{code} {n}" for code, n in flagged_by_code(ref_aware_reports, docs).items()))
    if args.missed:
        majors = [m for m in aware["missed"] if m["severity"] == "major"]
        print(f"\nmissed majors ({len(majors)}):")
        for m in majors:
            print(f"  {m['line']} [{m['category']}] {m['span']}")
        print(f"flagged clean lines: {aware['flagged_clean_lines']}")


if __name__ == "__main__":
    main()

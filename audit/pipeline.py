"""From input paths to a :class:`RunReport`: read, check, back-translate, score.

Files are analysed independently (so one bad file never stops the others); the
back-translation is batched across all the files a process holds, and the
suspicion scores are assigned once, over the whole run, because they compare
each passage with the distribution of its file and of the run.
"""

from __future__ import annotations

import bisect
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from audit.checks.factory import FindingPolicy
from audit.checks.runner import build_context, run_checks
from audit.config import Settings
from audit.ingest.decode import InputError, read_text
from audit.ingest.segment import segment
from audit.model import FileReport, Finding, PassageReport, RunReport

INPUT_SUFFIXES = (".txt", ".md")

ProgressCallback = Callable[[str], None]


@dataclass(frozen=True)
class Target:
    path: Path
    display: str
    report_name: str
    source: Path | None = None  # the original text it translates (--source-text)
    reference: Path | None = None  # a human translation of the same original (--reference-text)


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


def collect_targets(inputs: list[Path], out_dir: Path | None = None) -> tuple[list[Target], list[FileReport]]:
    """Expand folders into their ``*.txt``/``*.md`` files; a missing input becomes an error report.

    A file inside a folder given on the command line is reported under its path
    relative to that folder; a file given directly under its stem. Reports the
    auditor wrote (first line :data:`~audit.fileio.REPORT_SIGNATURE`) and, when it
    lies inside a given folder, the output folder ``out_dir`` are never inputs; a
    report name that would put a report over an input file (or over any ``.md``/``.txt``
    file the auditor did not write) gets ``.audit`` added.
    """
    from audit.fileio import is_own_report

    errors: list[FileReport] = []
    found_files: list[tuple[Path, str]] = []  # (path, report name wanted)
    out_resolved = out_dir.resolve() if out_dir is not None else None
    for given in inputs:
        if given.is_dir():
            root = given.resolve()
            # The output folder inside an input folder holds reports, never articles ("audit run ." twice).
            skip_out = out_resolved is not None and out_resolved != root and _inside(out_resolved, root)
            found = sorted(
                p for p in given.rglob("*")
                if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(given).parts)
                and not (skip_out and _inside(p.resolve(), out_resolved))
                and not is_own_report(p)
            )
            if not found:
                errors.append(FileReport(path=str(given), display_path=_display(given), report_name="", error="folder holds no .txt or .md file"))
            for path in found:
                found_files.append((path, path.relative_to(given).with_suffix("").as_posix()))
        elif given.exists() or given.is_symlink():
            if given.is_file() and is_own_report(given):
                errors.append(FileReport(path=str(given), display_path=_display(given), report_name="", error="a report written by audit, not an article"))
                continue
            found_files.append((given, given.stem))
        else:
            errors.append(FileReport(path=str(given), display_path=_display(given), report_name="", error="no such file or folder"))

    inputs_resolved = {p.resolve() for p, _ in found_files}
    # "index" and "summary" name run-level outputs (index.html, summary.json): never a file's report.
    used: set[str] = {"index", "summary", "findings", "passages", "audit", "junit"}

    def over_an_input(name: str) -> bool:
        """True when a report called ``name`` would replace an input, or any text file the auditor did not write."""
        if out_resolved is None:
            return False
        for suffix in INPUT_SUFFIXES:
            candidate = (out_resolved / f"{name}{suffix}").resolve()
            if candidate in inputs_resolved or (candidate.exists() and not is_own_report(candidate)):
                return True
        return False

    def unique(name: str) -> str:
        if over_an_input(name):
            name = f"{name}.audit"
        candidate, n = name, 2
        while candidate in used or over_an_input(candidate):
            candidate = f"{name}-{n}"
            n += 1
        used.add(candidate)
        return candidate

    targets = [Target(path=path, display=_display(path), report_name=unique(name)) for path, name in found_files]
    return targets, errors


def _assign(findings: list[Finding], passages: list[PassageReport]) -> list[Finding]:
    """Put each finding on the first passage it overlaps; return the ones outside every passage."""
    # Passages are in text order and do not overlap: a bisection finds the home, so a
    # file of 100 000 passages is not a quadratic walk.
    starts = [p.sentence.start for p in passages]
    leftovers = []
    for finding in findings:
        home = None
        i = bisect.bisect_right(starts, finding.start) - 1
        if i >= 0 and finding.start < passages[i].sentence.end:
            home = passages[i]
        elif i + 1 < len(passages) and finding.start <= starts[i + 1] < finding.end:
            home = passages[i + 1]
        if home is None:
            leftovers.append(finding)
        else:
            home.findings.append(finding)
    for passage in passages:
        passage.findings.sort(key=Finding.sort_key)
    return leftovers


def finding_policy(settings: Settings) -> FindingPolicy:
    """The user's --select/--ignore and [severity], which the one finding factory applies to every rule."""
    return FindingPolicy.of(settings.ignore, settings.select, settings.severity)


def analyse_file(target: Target, settings: Settings) -> FileReport:
    """Decode, segment, identify languages and run the checks on one file."""
    report = FileReport(path=str(target.path), display_path=target.display, report_name=target.report_name, language=settings.language)
    try:
        decoded = read_text(target.path, target.display)
    except InputError as exc:
        report.error = exc.reason
        return report
    try:
        doc = segment(decoded.text, target.display, decoded.encoding)
        ctx = build_context(doc, language=settings.language, source_language=settings.source_language,
                            options={"rule_files": list(settings.rules)}, policy=finding_policy(settings))
        findings = run_checks(doc, ctx)
        passages = [PassageReport(sentence=s, language=ctx.sentence_languages.get(s.id, settings.language)) for s in doc.sentences]
        report.findings = _assign(findings, passages)
        report.passages = passages
        report.encoding = decoded.encoding
        report.text = decoded.text
    except Exception as exc:  # one file's failure must not lose the others' reports
        report.error = f"internal error while auditing: {type(exc).__name__}: {exc}"
        report.passages = []
        report.findings = []
    return report


def _engine_for(settings: Settings):
    """The engine (wrapped in the cache) chosen by ``settings``, its info, and warnings."""
    from audit.engines import select_engine

    engine, info, warnings = select_engine(settings.engine, source=settings.language, target=settings.source_language, pivot=settings.pivot)
    if engine is not None and not settings.no_cache:
        from audit.engines.cache import CachedEngine, TranslationCache

        engine = CachedEngine(engine, TranslationCache(settings.cache or None))
    return engine, info, list(warnings)


def process_targets(targets: list[Target], settings: Settings, progress: ProgressCallback | None = None) -> tuple[list[FileReport], dict | None, list[str]]:
    """Analyse then back-translate ``targets`` in this process."""
    files = []
    for target in targets:
        files.append(analyse_file(target, settings))
        if progress:
            progress(target.display)
    engine, info, warnings = _engine_for(settings)
    audited = [f for f in files if not f.error]
    engine_dict = info.to_dict() if info else None
    if engine is not None and audited:
        from audit.backtranslation import backtranslate_reports
        from audit.engines.base import EngineError

        try:
            backtranslate_reports(
                audited, engine, info, language=settings.language, source_language=settings.source_language,
                policy=finding_policy(settings),
            )
        except EngineError as exc:
            warnings.append(f"back-translation skipped: {exc}")
            engine_dict = {"name": "none", "version": "", "route": [], "reason": f"{info.name} failed: {exc}"}
            for report in audited:
                report.engine = None
        warnings.extend(w for w in getattr(engine, "warnings", []) if w not in warnings)
    for report in audited:
        if report.engine is None:
            report.engine = engine_dict
    if any(t.source is not None or t.reference is not None for t in targets):
        from audit.source.stage import run_source_stage

        run_source_stage(audited, targets, settings)
    return files, engine_dict, warnings


def _process_chunk(args: tuple[list[Target], Settings]) -> tuple[list[FileReport], dict | None, list[str]]:
    targets, settings = args
    return process_targets(targets, settings)


def audit_paths(inputs: list[Path], settings: Settings, progress: ProgressCallback | None = None) -> RunReport:
    """Audit every file under ``inputs``; never raises for a bad file."""
    targets, errors = collect_targets(inputs, out_dir=Path(settings.out))
    pairing_warnings: list[str] = []
    if settings.source_text or settings.reference_text:
        from audit.source.pairing import pair_targets

        targets, pairing_warnings = pair_targets(inputs, targets, settings.source_text, settings.reference_text, settings.language, settings.source_language)
    jobs = max(1, min(settings.jobs, len(targets)))
    if jobs == 1:
        files, engine, warnings = process_targets(targets, settings, progress)
    else:
        # Round-robin chunks keep the processes' loads even; results are re-sorted below.
        chunks = [targets[i::jobs] for i in range(jobs)]
        files, engine, warnings = [], None, []
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for chunk_files, chunk_engine, chunk_warnings in pool.map(_process_chunk, [(c, settings) for c in chunks]):
                files.extend(chunk_files)
                engine = engine or chunk_engine
                warnings.extend(w for w in chunk_warnings if w not in warnings)
                if progress:
                    for f in chunk_files:
                        progress(f.display_path)
    order = {t.report_name: i for i, t in enumerate(targets)}
    files.sort(key=lambda f: order.get(f.report_name, len(order)))
    run = RunReport(files=errors + files, settings=settings.to_dict(), engine=engine, warnings=pairing_warnings + warnings)
    # Accepted findings go before scoring, so that scores and failures speak of what is new.
    _apply_baselines(run, settings)
    from audit.scoring.suspicion import assign_scores

    assign_scores(run.audited, threshold=settings.threshold)
    return run


def _apply_baselines(run: RunReport, settings: Settings) -> None:
    if settings.baseline or settings.suppressions:
        from audit.baseline import apply_accepted

        apply_accepted(run, settings.suppressions, settings.baseline)

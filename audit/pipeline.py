"""From input paths to a :class:`RunReport`: read, check, back-translate, score, hand over.

The flow of a run:

1. :func:`collect_targets` expands the inputs into files, in a fixed order.
2. :func:`iter_batches` cuts them into batches of up to :data:`BATCH_FILES` files and
   hands each batch to an executor: this process (``--jobs 1``), a pool of
   ``--jobs`` processes (default: the cores available), or Dask workers
   (``--executor dask``, local cluster or ``--scheduler``). At most two batches per
   worker are in flight, and results come back in input order.
3. A worker runs :func:`audit_batch`: each file is analysed on its own (decode,
   segment, languages, checks; one bad file never stops the others), then the
   whole batch is back-translated in one engine call per direction. Models, rules
   and the engine load once per worker process.
4. The driver scores each file on its own (:func:`~audit.scoring.suspicion.assign_scores`
   compares a file's passages with the file and a fixed reference, never with the
   other files) and passes it to ``on_file`` at once, so the CLI writes its
   reports and adds it to the run-level outputs while the run goes on, and need not
   keep it (``keep_reports=False``). A file's report is therefore the same
   alone, in a folder, with any ``--jobs`` and on any executor. Only a baseline or
   suppression file, which speaks of the whole run, defers scoring and ``on_file``
   to the end, and keeps every report until then.
"""

from __future__ import annotations

import bisect
import multiprocessing
import os
import threading
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

from audit.checks.factory import FindingPolicy
from audit.checks.runner import build_context, run_checks
from audit.config import Settings
from audit.ingest.decode import MAX_BYTES, InputError, decode_bytes, read_text
from audit.ingest.segment import segment
from audit.model import FileReport, Finding, PassageReport, RunReport

INPUT_SUFFIXES = (".txt", ".md")

ProgressCallback = Callable[[str], None]
FileCallback = Callable[[FileReport], None]
# Files per unit of work: enough passages for the engine's batch calls to pay off,
# few enough that reports stream out early and memory stays bounded.
BATCH_FILES = 8


@dataclass(frozen=True)
class Target:
    path: Path
    display: str
    report_name: str
    source: Path | None = None  # the original text it translates (--source-text)
    reference: Path | None = None  # a human translation of the same original (--reference-text)
    data: bytes | None = None  # the file's bytes, when the worker may not see the driver's files


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


def _decode(target: Target):
    """(decoded text, None) or (None, the one-line reason it cannot be read)."""
    try:
        return (decode_bytes(target.data, target.display) if target.data is not None else read_text(target.path, target.display)), None
    except InputError as exc:
        return None, exc.reason


def analyse_file(target: Target, settings: Settings, decoded=None) -> FileReport:
    """Decode (unless ``decoded`` is given), segment, identify languages and run the checks on one file."""
    report = FileReport(path=str(target.path), display_path=target.display, report_name=target.report_name, language=settings.language)
    if decoded is None:
        decoded, reason = _decode(target)
        if decoded is None:
            report.error = reason
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


@lru_cache(maxsize=4)
def _analysis_store(path: str | None):
    from audit.engines.cache import TranslationCache

    return TranslationCache(path or None)


def engine_key(settings: Settings) -> tuple:
    """The settings an engine depends on: one engine per distinct key and process."""
    return (settings.engine, settings.language, settings.source_language, settings.pivot, settings.no_cache, settings.cache)


@lru_cache(maxsize=4)
def _engine_for_key(key: tuple):
    from audit.engines import select_engine

    name, language, source_language, pivot, no_cache, cache = key
    engine, info, warnings = select_engine(name, source=language, target=source_language, pivot=pivot)
    if engine is not None and not no_cache:
        from audit.engines.cache import CachedEngine, TranslationCache

        engine = CachedEngine(engine, TranslationCache(cache or None))
    return engine, info, tuple(warnings)


def _engine_for(settings: Settings):
    """The engine (wrapped in the cache) chosen by ``settings``, its info, and warnings: built once per process."""
    engine, info, warnings = _engine_for_key(engine_key(settings))
    return engine, info, list(warnings)


def process_targets(targets: list[Target], settings: Settings, progress: ProgressCallback | None = None) -> tuple[list[FileReport], dict | None, list[str]]:
    """Analyse then back-translate ``targets`` in this process (one engine call per direction).

    Files whose analysis is in the cache (audit/analysis_cache.py) are neither
    analysed nor back-translated again; the others are, and are stored.
    """
    from audit import analysis_cache

    engine, info, warnings = _engine_for(settings)
    engine_dict = info.to_dict() if info else None
    paired = any(t.source is not None or t.reference is not None for t in targets)
    store = None if settings.no_cache or paired else _analysis_store(settings.cache)
    decoded = [_decode(t) for t in targets]
    keys: dict[int, str] = {}
    if store is not None:
        keys = {i: analysis_cache.analysis_key(d.text, t.display, settings, engine_dict) for i, (t, (d, _)) in enumerate(zip(targets, decoded)) if d is not None}
    cached = analysis_cache.load(store, list(keys.values()), warnings) if keys else {}
    misses = [(t, d) for i, (t, (d, _)) in enumerate(zip(targets, decoded)) if d is not None and keys.get(i) not in cached]
    prefetch = _start_prefetch(engine, misses, settings)
    files: list[FileReport] = []
    fresh: list[tuple[str | None, FileReport]] = []
    for i, (target, (text, reason)) in enumerate(zip(targets, decoded)):
        hit = cached.get(keys.get(i, ""))
        if hit is not None:
            hit.path, hit.display_path, hit.report_name = str(target.path), target.display, target.report_name
            analysis_cache.STATS.hits += 1
            files.append(hit)
        elif text is None:
            files.append(FileReport(path=str(target.path), display_path=target.display, report_name=target.report_name, language=settings.language, error=reason))
        else:
            report = analyse_file(target, settings, text)
            analysis_cache.STATS.misses += 1
            files.append(report)
            fresh.append((keys.get(i), report))
        if progress:
            progress(target.display)
    if prefetch is not None:
        prefetch.join()
    audited = [f for _, f in fresh if not f.error]
    engine_ok = True
    if engine is not None and audited:
        from audit.backtranslation import backtranslate_reports
        from audit.engines.base import EngineError
        from audit.status import announce

        # A file in another language (FR100) is not a translation to check by round trip.
        audited = [r for r in audited if not any(f.code == "FR100" for f in r.all_findings())]
        announce(f"back-translating {sum(len(r.passages) for r in audited)} passages with {info.name}")
        try:
            backtranslate_reports(
                audited, engine, info, language=settings.language, source_language=settings.source_language,
                policy=finding_policy(settings),
            )
        except EngineError as exc:
            engine_ok = False
            warnings.append(f"back-translation skipped: {exc}")
            engine_dict = {"name": "none", "version": "", "route": [], "reason": f"{info.name} failed: {exc}"}
            for report in audited:
                report.engine = None
        warnings.extend(w for w in getattr(engine, "warnings", []) if w not in warnings)
    for report in audited:
        if report.engine is None:
            report.engine = engine_dict
    if paired:
        from audit.source.stage import run_source_stage

        run_source_stage([f for f in files if not f.error], targets, settings)
    if store is not None and engine_ok:
        # Internal errors are not stored: a fixed bug must not be served from the cache.
        analysis_cache.store(store, [(k, f) for k, f in fresh if k and not f.error], warnings)
    return files, engine_dict, warnings


def _start_prefetch(engine, misses: list, settings: Settings) -> threading.Thread | None:
    """Round-trip the batch's passages in a thread while the checks run; None when it cannot help.

    The engine (Apertium: separate processes) then works on one core while the
    analysis uses the other, instead of after it. Which passages are eligible is only
    known after language identification, so every passage of three words or more is
    sent; the translations land in the translation cache, where the back-translation
    stage finds them. Without a cache there is nowhere to put them.
    """
    if engine is None or getattr(engine, "cache", None) is None or not misses:
        return None

    def work() -> None:
        from audit.backtranslation import MIN_WORDS, passage_words

        try:
            texts = list(dict.fromkeys(
                s.text for target, text in misses for s in segment(text.text, target.display, text.encoding).sentences
                if passage_words(s.text) >= MIN_WORDS
            ))
            if not texts:
                return
            english = engine.translate(texts, settings.language, settings.source_language)
            if engine.available(settings.source_language, settings.language):
                engine.translate(list(dict.fromkeys(t.text for t in english if t.text)), settings.source_language, settings.language)
        except Exception:  # noqa: BLE001 - the back-translation stage meets the same error and reports it
            return

    thread = threading.Thread(target=work, name="audit-prefetch", daemon=True)
    thread.start()
    return thread


def audit_batch(targets: list[Target], settings: Settings) -> tuple[list[FileReport], dict | None, list[str]]:
    """The unit of work of every executor: one batch of files, audited in the calling process.

    Models, rules and the engine load once per process (module-level caches), so a
    worker that audits many batches pays for them once.
    """
    return process_targets(targets, settings)


def batches(targets: list[Target], size: int = BATCH_FILES) -> list[list[Target]]:
    """Consecutive batches of ``size`` files, in input order."""
    return [targets[i:i + size] for i in range(0, len(targets), size)]


def _with_bytes(batch: list[Target]) -> list[Target]:
    """Targets that carry their bytes, for workers that may not see the driver's files."""
    out = []
    for t in batch:
        try:
            data = t.path.read_bytes() if t.path.is_file() and t.path.stat().st_size <= MAX_BYTES else None
        except OSError:
            data = None  # the worker reports the reason in one line
        out.append(replace(t, data=data))
    return out


def _run_local(chunks: list[list[Target]], settings: Settings, jobs: int) -> Iterator[tuple[list[FileReport], dict | None, list[str]]]:
    if jobs == 1:
        for chunk in chunks:
            yield audit_batch(chunk, settings)
        return
    # At most 2 batches per process in flight: results come back in input order, memory stays bounded.
    window = 2 * jobs
    # Workers are spawned, never forked: a fork copies the locks that other threads of this
    # process hold at that instant (the prefetch thread, the cache's, a library's thread pool),
    # and a child born holding one waits on it forever. Measured: a full test run hung at 14 %
    # with both forked workers asleep on a futex before running a line.
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        pending = deque()
        for chunk in chunks:
            pending.append(pool.submit(audit_batch, chunk, settings))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _run_dask(targets: list[Target], settings: Settings, jobs: int) -> Iterator[tuple[list[FileReport], dict | None, list[str]]]:
    """Batches audited by Dask workers; the driver (this process) keeps order and writes the reports."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ValueError("--executor dask needs the 'distributed' package: pip install 'dask[distributed]'") from None
    address = settings.scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS")
    cluster = None
    if address:
        try:
            client = Client(address, timeout="30s")
        except (OSError, TimeoutError) as exc:
            raise ValueError(f"--scheduler {address}: cannot reach the Dask scheduler ({exc})") from None
    else:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        workers = len(client.scheduler_info().get("workers", {})) or jobs
        window = 2 * workers
        pending = deque()
        # pure=False: a batch is work to do, not a value Dask may share between identical keys.
        for chunk in _split(targets, workers):
            pending.append(client.submit(audit_batch, _with_bytes(chunk), settings, pure=False))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def iter_batches(targets: list[Target], settings: Settings) -> Iterator[tuple[list[FileReport], dict | None, list[str]]]:
    """(files, engine, warnings) of each batch, in input order, from the chosen executor."""
    jobs = max(1, min(settings.jobs or available_cores(), max(1, len(targets))))
    if settings.executor == "dask":
        return _run_dask(targets, settings, jobs)
    chunks = _split(targets, jobs)
    return _run_local(chunks, settings, min(jobs, len(chunks)) if chunks else 1)


def _split(targets: list[Target], workers: int) -> list[list[Target]]:
    # Small runs still keep every worker busy; large ones get batches of BATCH_FILES.
    return batches(targets, max(1, min(BATCH_FILES, -(-len(targets) // max(1, workers)))))


def audit_paths(
    inputs: list[Path],
    settings: Settings,
    progress: ProgressCallback | None = None,
    on_file: FileCallback | None = None,
    on_targets: Callable[[list[Target]], None] | None = None,
    keep_reports: bool = True,
) -> RunReport:
    """Audit every file under ``inputs``; never raises for a bad file.

    ``on_file`` receives every report of the run, scored, in the order of
    ``RunReport.files`` (inputs that could not be found first, then the files in
    input order, unreadable ones included), each as soon as its batch is done: the
    CLI writes its outputs there. A baseline or suppression file speaks of the
    whole run, so with one the reports are handed over once all files are audited.
    ``on_targets`` receives the list of files before the first is audited (the CLI
    guards them against overwriting).

    With ``keep_reports=False`` (and no baseline or suppression file) the run does
    not keep the reports of the files it could read once ``on_file`` has had them:
    the returned ``files`` holds only the unreadable ones, and memory stays bounded
    however many files there are.
    """
    targets, errors = collect_targets(inputs, out_dir=Path(settings.out))
    pairing_warnings: list[str] = []
    if settings.source_text or settings.reference_text:
        from audit.source.pairing import pair_targets

        targets, pairing_warnings = pair_targets(inputs, targets, settings.source_text, settings.reference_text, settings.language, settings.source_language)
    if on_targets:
        on_targets(targets)
    from audit.scoring.suspicion import assign_scores

    deferred = bool(settings.baseline or settings.suppressions)
    if on_file and not deferred:
        for report in errors:
            on_file(report)
    files: list[FileReport] = []
    engine: dict | None = None
    warnings: list[str] = list(pairing_warnings)
    for batch_files, batch_engine, batch_warnings in iter_batches(targets, settings):
        engine = engine or batch_engine
        warnings.extend(w for w in batch_warnings if w not in warnings)
        for report in batch_files:
            if progress:
                progress(report.display_path)
            if not deferred:
                if not report.error:
                    assign_scores([report], threshold=settings.threshold)
                if on_file:
                    on_file(report)
            if deferred or keep_reports or report.error:
                files.append(report)
        # Not kept alive while the next batch is audited.
        del batch_files, report
    run = RunReport(files=errors + files, settings=settings.to_dict(), engine=engine, warnings=warnings)
    if deferred:
        # Accepted findings go before scoring, so that scores and failures speak of what is new.
        _apply_baselines(run, settings)
        assign_scores(run.audited, threshold=settings.threshold)
        if on_file:
            for report in run.files:
                on_file(report)
    return run


def available_cores() -> int:
    """CPUs this process may run on (the affinity mask, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _apply_baselines(run: RunReport, settings: Settings) -> None:
    if settings.baseline or settings.suppressions:
        from audit.baseline import apply_accepted

        apply_accepted(run, settings.suppressions, settings.baseline)

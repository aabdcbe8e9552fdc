"""What every output format is: a writer over the one result model.

A writer renders per-file outputs (``render_file``) and run-level outputs through
a stream (``open_run``): the run's reports are added one by one as files are
audited, and the stream writes its files at ``close``. A stream keeps small
per-file summaries (:class:`FileSummary`) in memory and puts the rest (table rows,
SARIF results, JUnit suites) in a :class:`Spool` on disk, so a run of 10,000 files
never holds 10,000 reports. :class:`OutputFolder` places everything under the output
folder and writes each file atomically, so a crash never leaves a half-written report.
"""

from __future__ import annotations

import io
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from audit.fileio import AtomicTextFile, atomic_write, is_own_report
from audit.model import SEVERITIES, FileReport, RunReport

if TYPE_CHECKING:
    from audit.checks.registry import Rule


def registered_rule(code: str) -> "Rule | None":
    """The registry's rule for ``code`` (built-in checks loaded on demand), or None for a code no
    rule has: a rule pack that was not loaded in this process, or a test's made-up code."""
    from audit.checks.registry import RULES, load_builtin_checks

    if code not in RULES:
        load_builtin_checks()
    return RULES.get(code)


@dataclass(frozen=True, slots=True)
class FileSummary:
    """What run-level outputs keep of one file once its report has gone: names and counts."""

    path: str
    display_path: str
    report_name: str
    encoding: str | None
    error: str | None
    passages: int
    suspect: int
    findings: int
    severities: dict[str, int]
    categories: dict[str, int]
    codes: dict[str, int]
    accepted: int

    @classmethod
    def of(cls, report: FileReport) -> "FileSummary":
        found = report.all_findings()
        codes: dict[str, int] = {}
        for f in found:
            codes[f.code] = codes.get(f.code, 0) + 1
        return cls(
            path=report.path, display_path=report.display_path, report_name=report.report_name,
            encoding=report.encoding, error=report.error, passages=len(report.passages),
            suspect=report.suspect_count, findings=len(found), severities=report.severity_counts(),
            categories=report.category_counts(), codes=codes, accepted=len(report.accepted),
        )

    @property
    def suspect_share(self) -> float:
        """Share of the passages that are suspect (0 for a file with none), as FileReport.suspect_share."""
        return self.suspect / self.passages if self.passages else 0.0


def run_totals(summaries: list[FileSummary]) -> dict[str, Any]:
    """RunReport.totals() from the summaries: files, audited, errors, passages, suspect."""
    audited = [s for s in summaries if not s.error]
    return {
        "files": len(summaries),
        "audited": len(audited),
        "errors": len(summaries) - len(audited),
        "passages": sum(s.passages for s in audited),
        "suspect": sum(s.suspect for s in audited),
    }


def severity_totals(summaries: list[FileSummary]) -> dict[str, int]:
    totals = {s: 0 for s in SEVERITIES}
    for summary in summaries:
        if not summary.error:
            for severity, count in summary.severities.items():
                totals[severity] += count
    return totals


def count_totals(summaries: list[FileSummary], field: str) -> dict[str, int]:
    """Sum of one count table (``categories`` or ``codes``) over the audited files, sorted by key."""
    totals: dict[str, int] = {}
    for summary in summaries:
        if not summary.error:
            for key, count in getattr(summary, field).items():
                totals[key] = totals.get(key, 0) + count
    return dict(sorted(totals.items()))


class Spool:
    """Pieces of an output parked on disk as files come, read back in the order of their keys.

    Run-level outputs list files sorted by name, while files are audited in input
    order; each piece (a file's table rows, SARIF results, JUnit suite) is pickled
    into an unnamed temporary file, and only its key and place stay in memory. Equal
    keys come back in the order they were added.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self._file = tempfile.TemporaryFile(dir=folder)
        self._index: list[tuple[Any, int, int, int]] = []

    def add(self, key: Any, piece: Any) -> None:
        data = pickle.dumps(piece, protocol=pickle.HIGHEST_PROTOCOL)
        self._file.seek(0, os.SEEK_END)
        self._index.append((key, len(self._index), self._file.tell(), len(data)))
        self._file.write(data)

    def __len__(self) -> int:
        return len(self._index)

    def in_order(self) -> Iterator[Any]:
        for _, _, offset, length in sorted(self._index):
            self._file.seek(offset)
            yield pickle.loads(self._file.read(length))

    def close(self) -> None:
        self._file.close()


class RunFiles:
    """Where a run-level stream writes: files it creates at its close, and spools before that."""

    def __init__(self, folder: Path | None = None) -> None:
        # Spools go in the output folder: the disk the reports go to, not a small /tmp.
        self.folder = folder

    def spool(self) -> Spool:
        return Spool(self.folder)

    def create(self, name: str):
        """A handle with ``write(text)`` for the run-level file ``name`` (relative to the output folder)."""
        raise NotImplementedError


class FolderFiles(RunFiles):
    """Files written to temporary files in the output folder; :class:`OutputFolder` renames or drops them."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.created: dict[str, AtomicTextFile] = {}

    def create(self, name: str) -> AtomicTextFile:
        handle = AtomicTextFile(self.folder / name)
        self.created[name] = handle
        return handle

    def discard(self) -> None:
        for handle in self.created.values():
            handle.discard()
        self.created.clear()


class MemoryFiles(RunFiles):
    """Files kept as strings (:meth:`Writer.render_run`)."""

    def __init__(self) -> None:
        super().__init__(None)
        self.handles: dict[str, io.StringIO] = {}

    def create(self, name: str) -> io.StringIO:
        self.handles[name] = io.StringIO()
        return self.handles[name]

    @property
    def contents(self) -> dict[str, str]:
        return {name: handle.getvalue() for name, handle in self.handles.items()}


class RunStream:
    """A run-level output in the making: :meth:`add` every file's report in run order, then :meth:`close`.

    Reports come in the order of ``RunReport.files`` (unreadable files too, with
    ``error`` set), already scored, with their :class:`FileSummary` when the caller
    made one for every stream (one copy per run, not one per writer). :meth:`close` creates the files through
    ``self.files``; of ``run`` it reads only what concerns the whole run (``settings``,
    ``engine``, ``warnings``): its ``files`` may no longer hold the reports.
    """

    def __init__(self, files: RunFiles, settings: dict[str, Any]) -> None:
        self.files = files
        self.settings = settings

    def add(self, report: FileReport, summary: FileSummary | None = None) -> None:
        raise NotImplementedError

    def close(self, run: RunReport) -> None:
        raise NotImplementedError


class SummaryStream(RunStream):
    """A stream whose output needs only each file's :class:`FileSummary` (summaries, index)."""

    def __init__(self, files: RunFiles, settings: dict[str, Any]) -> None:
        super().__init__(files, settings)
        self.summaries: list[FileSummary] = []

    def add(self, report: FileReport, summary: FileSummary | None = None) -> None:
        self.summaries.append(summary or FileSummary.of(report))

    def close(self, run: RunReport) -> None:
        for name, content in self.finish(run, self.summaries).items():
            self.files.create(name).write(content)

    def finish(self, run: RunReport, summaries: list[FileSummary]) -> dict[str, str]:
        """The files, by name, from the run-wide facts and the files' summaries in run order."""
        raise NotImplementedError


class Writer:
    """Base class: subclasses set ``format`` and ``extension`` and override what they produce."""

    format: str = ""
    extension: str = ""

    def render_file(self, report: FileReport) -> str | bytes | None:
        """The per-file output for one audited file, or None when this format has none."""
        return None

    def open_run(self, files: RunFiles, settings: dict[str, Any]) -> RunStream | None:
        """The stream of this format's run-level outputs, or None when it has none."""
        return None

    def render_run(self, run: RunReport) -> dict[str, str]:
        """Run-level outputs of a whole run at once: file name (relative to the output folder) to content."""
        files = MemoryFiles()
        stream = self.open_run(files, run.settings)
        if stream is not None:
            for report in run.files:
                stream.add(report)
            stream.close(run)
        return files.contents


class OutputFolder:
    """Writes reports into ``out_dir`` as they come: per-file outputs during the run, run-level ones at its end.

    :meth:`open_run`, then :meth:`add` each report of the run in order, then :meth:`close`.

    An output that would replace one of the run's input files is not written (a
    warning in ``warnings`` says so); neither is a ``.md``/``.txt`` output whose file
    exists and was not written by the auditor (report names already avoid both;
    this is the last guard, for run-level files such as ``summary.md``).
    """

    def __init__(self, out_dir: Path, writers: list[Writer], inputs: Iterable[str | Path] = ()) -> None:
        self.out_dir = out_dir
        self.writers = writers
        self.inputs = {Path(p).resolve() for p in inputs if p}
        self.warnings: list[str] = []
        self.written: list[Path] = []
        self.streams: list[tuple[RunStream, FolderFiles]] = []

    def add_inputs(self, paths: Iterable[str | Path]) -> None:
        self.inputs.update(Path(p).resolve() for p in paths if p)

    def _refused(self, target: Path) -> bool:
        """True (with a warning) when writing ``target`` would replace an input or a text file the auditor did not write."""
        # Text files are what the auditor reads: never replace one it did not write itself.
        foreign_text = target.suffix.lower() in (".md", ".txt") and target.exists() and not is_own_report(target)
        if target.resolve() in self.inputs or foreign_text:
            self.warnings.append(f"{target}: not written, it would replace a file the auditor did not write; choose another --out")
            return True
        return False

    def _put(self, target: Path, content: str | bytes) -> None:
        if not self._refused(target):
            atomic_write(target, content)
            self.written.append(target)

    def write_file(self, report: FileReport) -> None:
        """Every writer's per-file output of one audited file."""
        if report.error:
            return
        for writer in self.writers:
            content = writer.render_file(report)
            if content is not None:
                self._put(self.out_dir / f"{report.report_name}.{writer.extension}", content)

    def open_run(self, settings: dict[str, Any]) -> None:
        """Open every writer's run-level stream (``settings``: the run's, as in ``RunReport.settings``)."""
        for writer in self.writers:
            files = FolderFiles(self.out_dir)
            stream = writer.open_run(files, settings)
            if stream is not None:
                self.streams.append((stream, files))

    def add(self, report: FileReport) -> None:
        """One report of the run, in run order: its own outputs now, its share of the run-level ones."""
        self.write_file(report)
        summary = FileSummary.of(report) if self.streams else None
        for stream, _ in self.streams:
            stream.add(report, summary)

    def close(self, run: RunReport) -> None:
        """Write every run-level output (summary, index, CSV, SARIF, JUnit); ``run`` gives the run-wide facts."""
        self.add_inputs(report.path for report in run.files)
        try:
            for stream, files in self.streams:
                stream.close(run)
                for name, handle in sorted(files.created.items()):
                    if self._refused(self.out_dir / name):
                        handle.discard()
                    else:
                        handle.commit()
                        self.written.append(self.out_dir / name)
                files.created.clear()
        finally:
            for _, files in self.streams:
                files.discard()
            self.streams = []


def write_outputs(run: RunReport, out_dir: Path, writers: list[Writer]) -> list[Path]:
    """Write every writer's outputs at once; returns the paths written, sorted (warnings go to ``run.warnings``)."""
    folder = OutputFolder(out_dir, writers, (report.path for report in run.files))
    for writer in writers:
        single = OutputFolder(out_dir, [writer], folder.inputs)
        single.open_run(run.settings)
        for report in run.files:
            single.add(report)
        single.close(run)
        folder.written.extend(single.written)
        run.warnings.extend(single.warnings)
    return sorted(folder.written)

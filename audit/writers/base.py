"""What every output format is: a writer over the one result model.

A writer renders per-file outputs (``render_file``) and/or run-level outputs
(``render_run``); :func:`write_outputs` places them under the output folder and
writes each atomically, so a crash never leaves a half-written report.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from audit.fileio import atomic_write, is_own_report
from audit.model import FileReport, RunReport

if TYPE_CHECKING:
    from audit.checks.registry import Rule


def registered_rule(code: str) -> "Rule | None":
    """The registry's rule for ``code`` (built-in checks loaded on demand), or None for a code no
    rule has: a rule pack that was not loaded in this process, or a test's made-up code."""
    from audit.checks.registry import RULES, load_builtin_checks

    if code not in RULES:
        load_builtin_checks()
    return RULES.get(code)


class Writer:
    """Base class: subclasses set ``format`` and ``extension`` and override what they produce."""

    format: str = ""
    extension: str = ""

    def render_file(self, report: FileReport) -> str | bytes | None:
        """The per-file output for one audited file, or None when this format has none."""
        return None

    def render_run(self, run: RunReport) -> dict[str, str | bytes]:
        """Run-level outputs: a mapping of file name (relative to the output folder) to content."""
        return {}


class OutputFolder:
    """Writes reports into ``out_dir`` as they come: per-file outputs during the run, run-level ones at its end.

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

    def add_inputs(self, paths: Iterable[str | Path]) -> None:
        self.inputs.update(Path(p).resolve() for p in paths if p)

    def _put(self, target: Path, content: str | bytes) -> None:
        # Text files are what the auditor reads: never replace one it did not write itself.
        foreign_text = target.suffix.lower() in (".md", ".txt") and target.exists() and not is_own_report(target)
        if target.resolve() in self.inputs or foreign_text:
            self.warnings.append(f"{target}: not written, it would replace a file the auditor did not write; choose another --out")
            return
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

    def write_run(self, run: RunReport) -> None:
        """Every writer's run-level outputs (summary, index, CSV, SARIF, JUnit)."""
        self.add_inputs(report.path for report in run.files)
        for writer in self.writers:
            for name, content in sorted(writer.render_run(run).items()):
                self._put(self.out_dir / name, content)


def write_outputs(run: RunReport, out_dir: Path, writers: list[Writer]) -> list[Path]:
    """Write every writer's outputs at once; returns the paths written, sorted (warnings go to ``run.warnings``)."""
    folder = OutputFolder(out_dir, writers, (report.path for report in run.files))
    for writer in writers:
        single = OutputFolder(out_dir, [writer], folder.inputs)
        for report in run.files:
            single.write_file(report)
        single.write_run(run)
        folder.written.extend(single.written)
        run.warnings.extend(single.warnings)
    return sorted(folder.written)

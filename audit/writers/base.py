"""What every output format is: a writer over the one result model.

A writer renders per-file outputs (``render_file``) and/or run-level outputs
(``render_run``); :func:`write_outputs` places them under the output folder and
writes each atomically, so a crash never leaves a half-written report.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

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


def write_outputs(run: RunReport, out_dir: Path, writers: list[Writer]) -> list[Path]:
    """Write every writer's outputs; returns the paths written, sorted.

    An output that would replace one of the run's input files is not written: a
    warning in ``run.warnings`` says so; so is a ``.md``/``.txt`` output whose file
    exists and was not written by the auditor (report names already avoid both; this
    is the last guard, for run-level files such as ``summary.md``).
    """
    inputs = {Path(report.path).resolve() for report in run.files if report.path}
    written: list[Path] = []

    def put(target: Path, content: str | bytes) -> None:
        # Text files are what the auditor reads: never replace one it did not write itself.
        foreign_text = target.suffix.lower() in (".md", ".txt") and target.exists() and not is_own_report(target)
        if target.resolve() in inputs or foreign_text:
            run.warnings.append(f"{target}: not written, it would replace a file the auditor did not write; choose another --out")
            return
        atomic_write(target, content)
        written.append(target)

    for writer in writers:
        for report in run.files:
            if report.error:
                continue
            content = writer.render_file(report)
            if content is None:
                continue
            put(out_dir / f"{report.report_name}.{writer.extension}", content)
        for name, content in sorted(writer.render_run(run).items()):
            put(out_dir / name, content)
    return sorted(written)

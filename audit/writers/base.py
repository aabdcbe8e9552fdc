"""What every output format is: a writer over the one result model.

A writer renders per-file outputs (``render_file``) and/or run-level outputs
(``render_run``); :func:`write_outputs` places them under the output folder and
writes each atomically, so a crash never leaves a half-written report.
"""

from __future__ import annotations

from pathlib import Path

from audit.fileio import atomic_write
from audit.model import FileReport, RunReport


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
    """Write every writer's outputs; returns the paths written, sorted."""
    written: list[Path] = []
    for writer in writers:
        for report in run.files:
            if report.error:
                continue
            content = writer.render_file(report)
            if content is None:
                continue
            target = out_dir / f"{report.report_name}.{writer.extension}"
            atomic_write(target, content)
            written.append(target)
        for name, content in sorted(writer.render_run(run).items()):
            target = out_dir / name
            atomic_write(target, content)
            written.append(target)
    return sorted(written)

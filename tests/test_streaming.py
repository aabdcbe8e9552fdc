"""Run-level outputs stream: a run keeps a bounded number of reports, and the streamed files
are the ones a whole-run rendering gives (sorted by file, CSV columns typed over the whole table)."""

from __future__ import annotations

import copy
import gc
import json
import weakref
from pathlib import Path

import pytest
from typer.testing import CliRunner

from audit.model import RunReport
from audit.writers import get_writer, write_outputs
from audit.writers.csv_writer import CsvWriter, _csv, _frame, _Table
from audit.writers.base import Spool
from tests.writer_reports import full_run

SORTED_OUTPUTS = {"csv": None, "sarif": None, "junit": None, "html": "index.html", "md": "summary.md"}


def _reversed(run: RunReport) -> RunReport:
    return RunReport(files=list(reversed(copy.deepcopy(run.files))), settings=dict(run.settings),
                     engine=run.engine, warnings=list(run.warnings))


@pytest.mark.parametrize("fmt", sorted(SORTED_OUTPUTS))
def test_sorted_outputs_do_not_depend_on_the_order_files_arrive_in(fmt: str) -> None:
    """Files arrive in input order; CSV, SARIF, JUnit, index.html and summary.md list them sorted by
    name, so the spools must put them back in order whatever order they came in."""
    run = full_run(fail_on="major")
    wanted = SORTED_OUTPUTS[fmt]
    first = get_writer(fmt).render_run(run)
    again = get_writer(fmt).render_run(_reversed(run))
    if wanted:
        first, again = first[wanted], again[wanted]
    assert first == again


def test_summary_json_lists_files_in_run_order_and_the_rest_is_order_free() -> None:
    run = full_run(fail_on="major")
    first = json.loads(get_writer("json").render_run(run)["summary.json"])
    again = json.loads(get_writer("json").render_run(_reversed(run))["summary.json"])
    assert [row["file"] for row in first["files"]] == [r.display_path for r in run.files]
    assert again.pop("files") == list(reversed(first.pop("files")))
    assert again == first


def test_csv_written_chunk_by_chunk_equals_one_table(monkeypatch: pytest.MonkeyPatch) -> None:
    run = full_run()
    whole = CsvWriter().render_run(run)
    monkeypatch.setattr(_Table, "CHUNK_ROWS", 2)
    assert CsvWriter().render_run(run) == whole


@pytest.mark.parametrize("late", [{"n": None}, {}], ids=["empty cell", "missing key"])
def test_a_whole_number_column_with_a_gap_is_float_in_every_chunk(monkeypatch: pytest.MonkeyPatch, late: dict) -> None:
    """pandas writes a whole-number column as 3.0 once one cell of the table is empty; a chunk of
    rows without the empty cell must be written the same way."""
    rows = [("a.txt", [{"file": "a.txt", "n": 3}, {"file": "a.txt", "n": 4}]), ("b.txt", [{"file": "b.txt", **late}])]
    columns = ["file", "n"]
    monkeypatch.setattr(_Table, "CHUNK_ROWS", 1)
    table = _Table(Spool())
    for name, file_rows in rows:
        table.add(name, file_rows)

    class Sink:
        text = ""

        def write(self, piece: str) -> None:
            self.text += piece

    sink = Sink()
    table.write(sink, columns)
    expected = _csv(_frame([r for _, file_rows in rows for r in file_rows], columns))
    assert expected == "file,n\na.txt,3.0\na.txt,4.0\nb.txt,\n"
    assert sink.text == expected


def test_no_temporary_file_is_left_in_the_output_folder(tmp_path: Path) -> None:
    run = full_run(fail_on="major")
    written = write_outputs(run, tmp_path, [get_writer(f) for f in ("json", "md", "html", "csv", "sarif", "junit")])
    on_disk = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert on_disk == sorted(written)
    assert not [p for p in on_disk if p.name.startswith(".")]


def _article(i: int) -> str:
    # Small articles that differ from one another, as a newsroom's would.
    return (f"Le conseil municipal de la commune numéro {i} a voté le budget pour l'année {2000 + i % 25}.\n\n"
            f"Les travaux de la route départementale {i % 97} commenceront au printemps, selon le maire.\n")


def test_a_run_holds_a_bounded_number_of_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`audit run` on many files keeps at most two batches of full reports alive, however many files."""
    import audit.pipeline as pipeline
    from audit.cli import app

    count = 5 * pipeline.BATCH_FILES
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(count):
        (folder / f"article_{i:04d}.txt").write_text(_article(i), encoding="utf-8")

    real_audit_paths = pipeline.audit_paths
    watched_reports: list[weakref.ref] = []
    peak = {"live": 0, "seen": 0}

    def watching(*args, on_file=None, **kwargs):
        """The real pipeline; each report handed to the CLI is watched until nothing holds it."""

        def watched(report) -> None:
            on_file(report)  # the CLI writes it, adds it to the run-level outputs and its counts
            watched_reports.append(weakref.ref(report))
            peak["seen"] += 1
            alive = sum(1 for ref in watched_reports if ref() is not None)
            if alive > 2 * pipeline.BATCH_FILES:
                gc.collect()  # a collection is slow with the models loaded: only to rule out garbage in cycles
                alive = sum(1 for ref in watched_reports if ref() is not None)
            peak["live"] = max(peak["live"], alive)

        return real_audit_paths(*args, on_file=watched, **kwargs)

    monkeypatch.setattr(pipeline, "audit_paths", watching)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "reports"
    result = CliRunner().invoke(app, ["run", "articles", "--engine", "none", "--no-cache", "--jobs", "1", "-q",
                                      "-f", "json,md,html,csv,sarif,junit", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    assert peak["seen"] == count
    assert peak["live"] <= 2 * pipeline.BATCH_FILES, f"{peak['live']} of {count} reports alive at once"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["totals"]["audited"] == count
    assert len((out / "passages.csv").read_text(encoding="utf-8").splitlines()) == 1 + summary["totals"]["passages"]

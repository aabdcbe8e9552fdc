"""CSV writer: three run-level tables, fixed columns, sorted rows, UTF-8, formula-safe."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from audit.model import CATEGORIES, RunReport
from audit.writers import get_writer, write_outputs
from audit.writers.csv_writer import FINDING_COLUMNS, PASSAGE_COLUMNS, CsvWriter, safe_cell
from tests.writer_reports import full_run, report_from_text


@pytest.fixture(scope="module")
def run() -> RunReport:
    return full_run()


@pytest.fixture(scope="module")
def tables(run) -> dict[str, str]:
    return CsvWriter().render_run(run)


def frame(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), keep_default_na=False, dtype=str)


def test_registered_and_run_level_only(run, tmp_path: Path):
    writer = get_writer("csv")
    assert isinstance(writer, CsvWriter) and writer.format == "csv"
    written = write_outputs(run, tmp_path, [writer])
    assert sorted(p.name for p in written) == ["findings.csv", "passages.csv", "summary.csv"]
    raw = (tmp_path / "passages.csv").read_bytes()
    assert raw.decode("utf-8") and b"\r\n" not in raw
    assert "é".encode() in raw


def test_findings_table(run, tables):
    df = frame(tables["findings.csv"])
    assert list(df.columns) == FINDING_COLUMNS
    expected = sum(len(r.all_findings()) for r in run.audited)
    assert len(df) == expected
    keys = list(zip(df["file"], df["start"].astype(int), df["end"].astype(int)))
    assert [k[:2] for k in keys] == sorted(k[:2] for k in keys)
    # Spans are the article text at their offsets; passage ids point at the holding passage.
    reports = {r.display_path: r for r in run.audited}
    for row in df.itertuples(index=False):
        report = reports[row.file]
        span = report.text[int(row.start):int(row.end)]
        assert row.span == safe_cell(span)
        assert row.passage in {p.sentence.id for p in report.passages}
        assert row.severity in {"major", "minor", "info"}


def test_passages_table(run, tables):
    df = frame(tables["passages.csv"])
    assert list(df.columns) == PASSAGE_COLUMNS
    assert len(df) == sum(len(r.passages) for r in run.audited)
    assert set(df["suspect"]) <= {"true", "false"}
    assert df["file"].is_monotonic_increasing
    for _, group in df.groupby("file", sort=False):
        assert group["start"].astype(int).is_monotonic_increasing
    row = df[(df["file"] == "seeds/000_2b33bb464146af7e.txt") & (df["id"] == "p1.s1")].iloc[0]
    assert row["text"].startswith("Le président américain Joe Biden")
    assert float(row["chrf"]) > 0 and row["bleu"] and row["ter"]
    assert row["backtranslation"].startswith("English back-translation")


def test_summary_table(run, tables):
    df = frame(tables["summary.csv"])
    columns = list(df.columns)
    assert columns[:8] == ["file", "passages", "suspect", "share", "findings", "major", "minor", "info"]
    assert columns[-1] == "error"
    assert columns[8:8 + len(CATEGORIES)] == list(CATEGORIES)
    assert "<category>" in columns  # a category outside the known list gets its own column, after them
    assert len(df) == len(run.files) and df["file"].is_monotonic_increasing
    broken = df[df["file"] == "inputs/broken.txt"].iloc[0]
    assert broken["error"].startswith("cannot decode") and broken["passages"] == "0"
    for report in run.audited:
        row = df[df["file"] == report.display_path].iloc[0]
        assert int(row["passages"]) == len(report.passages)
        assert int(row["suspect"]) == report.suspect_count
        assert int(row["major"]) == report.severity_counts()["major"]
        for category, count in report.category_counts().items():
            assert int(row[category]) == count
        assert row["error"] == ""


def test_deterministic(tables):
    again = full_run()
    again.files.reverse()
    assert CsvWriter().render_run(again) == tables


def test_quotes_newlines_and_formulas_survive():
    text = "=HYPERLINK(\"http://x\") est un « titre », avec ; et \"guillemets\".\n-0,6% au premier trimestre.\n"
    report = report_from_text(text, "f.txt", "f", run_real_checks=False,
                              extra=[("XT501", "typography", "minor", "=HYPERLINK(\"http://x\")", "formula", "@SUM(1)")])
    tables = CsvWriter().render_run(RunReport(files=[report]))
    rows = list(csv.DictReader(io.StringIO(tables["passages.csv"])))
    assert rows[0]["text"].startswith("'=HYPERLINK(")
    assert rows[1]["text"] == "-0,6% au premier trimestre."
    finding = list(csv.DictReader(io.StringIO(tables["findings.csv"])))[0]
    assert finding["span"] == "'=HYPERLINK(\"http://x\")" and finding["suggestion"] == "'@SUM(1)"


@pytest.mark.parametrize("value, safe", [
    ("=1+1", "'=1+1"), ("+33 1 23", "'+33 1 23"), ("@cmd", "'@cmd"), ("-cmd|x", "'-cmd|x"),
    ("-0,6%", "-0,6%"), ("- Oui", "- Oui"), ("«\u00a0Oui\u00a0»", "«\u00a0Oui\u00a0»"), (3, 3), (None, None),
])
def test_safe_cell(value, safe):
    assert safe_cell(value) == safe


def test_empty_run():
    tables = CsvWriter().render_run(RunReport(files=[]))
    assert tables["findings.csv"].strip() == ",".join(FINDING_COLUMNS)
    assert tables["passages.csv"].strip() == ",".join(PASSAGE_COLUMNS)

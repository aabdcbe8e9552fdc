"""JUnit writer: well-formed XML, one suite per file, failures at or above fail-on, errors for unreadable files."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from audit.model import SEVERITY_RANK, RunReport
from audit.writers import get_writer
from audit.writers.junit import JunitWriter
from tests.writer_reports import error_report, full_run, hostile_report, report_from_text


def parse(run: RunReport) -> ET.Element:
    out = JunitWriter().render_run(run)
    assert list(out) == ["junit.xml"]
    text = out["junit.xml"]
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.encode("utf-8"))


def test_registered():
    writer = get_writer("junit")
    assert isinstance(writer, JunitWriter) and writer.format == "junit"


@pytest.mark.parametrize("fail_on", ["major", "minor", "info", "never"])
def test_structure_and_counts(fail_on):
    run = full_run(fail_on=fail_on)
    root = parse(run)
    assert root.tag == "testsuites" and root.get("name") == "audit"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == sorted(r.display_path for r in run.files)
    threshold = None if fail_on == "never" else SEVERITY_RANK[fail_on]
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for suite, report in zip(suites, sorted(run.files, key=lambda r: r.display_path)):
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == sum(1 for c in cases if c.find("failure") is not None)
        assert int(suite.get("errors")) == sum(1 for c in cases if c.find("error") is not None)
        for key in totals:
            totals[key] += int(suite.get(key))
        if report.error:
            assert [c.get("name") for c in cases] == ["read"]
            assert cases[0].find("error").get("message").startswith("cannot decode")
            continue
        codes = sorted({f.code for f in report.all_findings()})
        if not codes:
            assert [c.get("name") for c in cases] == ["audit"]
            continue
        assert [c.get("name").split(" ")[0] for c in cases] == codes
        for case, code in zip(cases, codes):
            found = [f for f in report.all_findings() if f.code == code]
            failing = [f for f in found if threshold is not None and SEVERITY_RANK[f.severity] >= threshold]
            failure = case.find("failure")
            assert (failure is not None) == bool(failing)
            if failure is not None:
                assert failure.get("type") == code
                assert failure.text.count(f"] {code} (") == len(failing)
            out = case.find("system-out")
            assert (out is not None) == (len(failing) < len(found))
    for key, value in totals.items():
        assert int(root.get(key)) == value
    if fail_on == "never":
        assert totals["failures"] == 0
    assert totals["errors"] == 1


def test_more_failures_with_lower_fail_on():
    counts = [int(parse(full_run(fail_on=level)).get("failures")) for level in ("major", "minor", "info")]
    assert counts[0] <= counts[1] <= counts[2] and counts[0] < counts[2]


def test_default_fail_on_is_major():
    assert parse(full_run()).get("failures") == parse(full_run(fail_on="major")).get("failures")


def test_hostile_content_is_escaped_and_control_characters_removed():
    run = RunReport(files=[hostile_report(), error_report()], settings={"fail_on": "info"})
    text = JunitWriter().render_run(run)["junit.xml"]
    assert "<script>" not in text and "<img" not in text and "\x00" not in text
    root = ET.fromstring(text.encode("utf-8"))
    names = [s.get("name") for s in root.findall("testsuite")]
    assert 'evil/<b>x</b>"&.txt' in names
    failures = root.findall(".//failure")
    assert any("<script>alert(1)</script>" in (f.text or "") for f in failures)
    assert any("<category>" in (c.get("name") or "") for c in root.iter("testcase"))
    error = root.find(".//error")
    assert "\ufffd" in error.get("message")


def test_clean_file_passes():
    report = report_from_text("Une phrase.\n", "clean.txt", "clean", run_real_checks=False)
    root = parse(RunReport(files=[report]))
    case = root.find("testsuite/testcase")
    assert case.get("name") == "audit" and len(case) == 0
    assert root.get("failures") == "0" and root.get("tests") == "1"


def test_deterministic():
    first = JunitWriter().render_run(full_run())
    again = full_run()
    again.files.reverse()
    assert JunitWriter().render_run(again) == first

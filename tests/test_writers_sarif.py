"""SARIF writer: every log validates against the official SARIF 2.1.0 schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import audit
from audit.fingerprint import fingerprint
from audit.checks.registry import RULES, Rule
from audit.model import RunReport
from audit.writers import get_writer
from audit.writers.sarif import SarifWriter, artifact_uri
from tests.writer_reports import ROOT, error_report, full_run, hostile_report, report_from_text, seed_run

SCHEMA_PATH = ROOT / "audit" / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    cls = jsonschema.validators.validator_for(schema)
    assert cls is jsonschema.Draft4Validator
    cls.check_schema(schema)
    return cls(schema)


def valid(validator, log: dict) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def render(run: RunReport) -> dict:
    out = SarifWriter().render_run(run)
    assert list(out) == ["audit.sarif"]
    return json.loads(out["audit.sarif"])


def test_registered():
    writer = get_writer("sarif")
    assert isinstance(writer, SarifWriter) and writer.format == "sarif"


def test_full_run_is_valid_sarif(validator):
    run = full_run(fail_on="major")
    log = render(run)
    valid(validator, log)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    sarif_run = log["runs"][0]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "audit" and driver["version"] == audit.__version__
    assert driver["informationUri"].startswith("https://")
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    used = {f.code for r in run.audited for f in r.all_findings()}
    assert [r["id"] for r in driver["rules"]] == sorted(used)
    assert len(sarif_run["results"]) == sum(len(r.all_findings()) for r in run.audited)
    levels = {"major": "error", "minor": "warning", "info": "note"}
    for result in sarif_run["results"]:
        rule = driver["rules"][result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        assert result["level"] == levels[result["properties"]["severity"]]
        assert rule["properties"]["category"]
        assert rule["defaultConfiguration"]["level"] in levels.values()
        assert result["partialFingerprints"]["auditFingerprint/v1"]


def test_regions_point_at_the_span():
    run = full_run()
    log = render(run)
    reports = {artifact_uri(r.path)[0]: r for r in run.audited}
    checked = 0
    for result in log["runs"][0]["results"]:
        location = result["locations"][0]["physicalLocation"]
        report = reports[location["artifactLocation"]["uri"]]
        region = location["region"]
        start, length = region["charOffset"], region["charLength"]
        span = report.text[start:start + length]
        assert region["snippet"]["text"] == span
        lines = report.text.split("\n")
        # 1-based line/column in characters; the end column is exclusive.
        assert lines[region["startLine"] - 1][region["startColumn"] - 1:].startswith(span.split("\n")[0])
        assert region["endLine"] == region["startLine"] + span.count("\n")
        if "\n" not in span:
            assert region["endColumn"] - region["startColumn"] == len(span)
        assert result["properties"]["passage"] in {p.sentence.id for p in report.passages}
        assert 0 <= result["properties"]["suspicionScore"] <= 1
        assert location["artifactLocation"].get("uriBaseId") == "%SRCROOT%"
        checked += 1
    assert checked > 10


def test_fingerprints_are_the_baseline_ones():
    run = seed_run()
    log = render(run)
    expected = sorted(fingerprint(r, f) for r in run.audited for f in r.all_findings())
    got = sorted(res["partialFingerprints"]["auditFingerprint/v1"] for res in log["runs"][0]["results"])
    assert got == expected and len(set(got)) == len(got)


def test_unreadable_files_are_notifications(validator):
    run = RunReport(files=[hostile_report(), error_report()])
    log = render(run)
    valid(validator, log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert len(notes) == 1 and notes[0]["level"] == "error"
    assert "inputs/broken.txt" in notes[0]["message"]["text"]
    ok = render(RunReport(files=[hostile_report()]))
    valid(validator, ok)
    assert ok["runs"][0]["invocations"][0]["executionSuccessful"] is True
    assert "toolExecutionNotifications" not in ok["runs"][0]["invocations"][0]


def test_empty_run_and_hostile_text_stay_valid(validator):
    valid(validator, render(RunReport(files=[])))
    log = render(RunReport(files=[hostile_report()], warnings=["a <warning>"]))
    valid(validator, log)
    text = json.dumps(log, ensure_ascii=False)
    assert "<script>alert(1)</script>" in text  # JSON carries text verbatim; viewers escape it
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "evil/%3Cb%3Ex%3C/b%3E%22%26.txt"


def test_registered_rule_texts_are_used(validator, monkeypatch):
    monkeypatch.setitem(RULES, "XT501", Rule(
        code="XT501", name="space-before-comma", category="typography", severity="info",
        message="Space before a comma.", explain="French puts no space before a comma.", suggestion="remove the space",
    ))
    run = seed_run()
    log = render(run)
    valid(validator, log)
    rule = next(r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "XT501")
    assert rule["name"] == "space-before-comma"
    assert rule["shortDescription"]["text"] == "Space before a comma."
    assert rule["fullDescription"]["text"] == "French puts no space before a comma."
    assert "remove the space" in rule["help"]["text"]
    assert rule["defaultConfiguration"]["level"] == "note"
    assert rule["properties"]["category"] == "typography"


def test_multiline_span_and_suggestion(validator):
    text = "Première ligne coupée\nen deux par le site.\n"
    report = report_from_text(text, "m.txt", "m", run_real_checks=False,
                              extra=[("XT801", "garble", "major", "coupée\nen deux", "garbled", "« coupée en deux »")])
    log = render(RunReport(files=[report]))
    valid(validator, log)
    result = log["runs"][0]["results"][0]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (1, 16, 2, 8)
    assert result["message"]["text"] == "garbled Suggestion: « coupée en deux »"


def test_artifact_uris(tmp_path: Path):
    assert artifact_uri("seeds/a b.txt", cwd=tmp_path) == ("seeds/a%20b.txt", "%SRCROOT%")
    assert artifact_uri(str(tmp_path / "x" / "été.txt"), cwd=tmp_path) == ("x/%C3%A9t%C3%A9.txt", "%SRCROOT%")
    uri, base = artifact_uri("/elsewhere/f.txt", cwd=tmp_path)
    assert uri == "file:///elsewhere/f.txt" and base is None
    uri, base = artifact_uri("../up.txt", cwd=tmp_path / "sub")
    assert uri == (tmp_path / "up.txt").as_uri() and base is None


def test_source_root_in_a_repository_names_no_machine_path(validator, tmp_path: Path):
    """Run from a subfolder of a repository: URIs relative to its root, %SRCROOT% without a URI."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)  # a worktree has a .git file instead; either marks the root
    (repo / "articles" / "in").mkdir(parents=True)
    report = report_from_text("Une phrase simple ici pour le test.\n", "in/a.txt", "a", path="in/a.txt",
                              extra=[("XT501", "typography", "minor", "phrase", "m", None)], run_real_checks=False)
    log = SarifWriter().build(RunReport(files=[report]), cwd=repo / "articles")
    valid(validator, log)
    run = log["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"].get("uri") is None
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "articles/in/a.txt", "uriBaseId": "%SRCROOT%"}
    assert str(tmp_path) not in json.dumps(log)
    # Outside any repository, the working folder is the root and its URI is given.
    (repo / ".git").rmdir()
    log = SarifWriter().build(RunReport(files=[report]), cwd=repo / "articles")
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == (repo / "articles").as_uri() + "/"
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "in/a.txt", "uriBaseId": "%SRCROOT%"}


def test_deterministic():
    first = SarifWriter().render_run(full_run())
    again = full_run()
    again.files.reverse()
    assert SarifWriter().render_run(again) == first


def test_real_pipeline_outputs(validator, tmp_path: Path, monkeypatch):
    """The real pipeline (engine none) over the seeds: every run-level output is valid."""
    from audit.config import Settings
    from audit.pipeline import audit_paths
    from audit.writers import write_outputs

    monkeypatch.chdir(ROOT)
    settings = Settings(engine="none", jobs=1, formats=["html", "csv", "sarif", "junit"], no_cache=True)
    run = audit_paths([Path("seeds")], settings)
    assert len(run.audited) == 5
    written = write_outputs(run, tmp_path, [get_writer(f) for f in settings.formats])
    names = {p.relative_to(tmp_path).as_posix() for p in written}
    assert {"index.html", "audit.sarif", "junit.xml", "findings.csv", "passages.csv", "summary.csv"} <= names
    assert {f"{r.report_name}.html" for r in run.audited} <= names
    log = json.loads((tmp_path / "audit.sarif").read_text(encoding="utf-8"))
    valid(validator, log)
    results = log["runs"][0]["results"]
    assert len(results) == sum(len(r.all_findings()) for r in run.audited)
    assert all(res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("seeds/") for res in results)
    import xml.etree.ElementTree as ET

    assert len(ET.parse(tmp_path / "junit.xml").getroot().findall("testsuite")) == 5

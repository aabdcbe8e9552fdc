"""Baseline and suppression files as a contract: their format, every reader path, every message.

tests/test_baseline.py follows findings across edits on a seed article; these pin
the file formats (written and read, old and new), file-level findings, the
matching thresholds and the one-line errors, found by a mutation run
(docs/MUTATION.md). The reports are built from real segmentation of a short
fresh text, with findings placed on it by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit import __version__
from audit.baseline import (
    BASELINE_SCHEMA,
    BaselineError,
    apply_accepted,
    apply_baseline,
    apply_suppressions,
    baseline_to_record,
    file_fingerprints,
    load_baseline,
    load_suppressions,
    record_baseline,
    write_baseline,
)
from audit.ingest.segment import segment
from audit.model import FileReport, Finding, PassageReport, RunReport

TEXT = "Le maire a inauguré le pont mardi. Les habitants l’attendaient depuis dix ans.\n\nLa fête a duré jusqu’au soir.\n"


def _finding(doc, code: str, span: str, severity: str = "major") -> Finding:
    start = doc.text.index(span)
    line, col = doc.position(start)
    return Finding(code=code, category="mistranslation", severity=severity, message="m",
                   start=start, end=start + len(span), line=line, col=col, span=span)


def _report(tmp_path: Path, display: str = "news/pont.txt") -> FileReport:
    """A real file on disk, segmented, with two passage findings and one file-level finding."""
    path = tmp_path / "news" / "pont.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEXT, encoding="utf-8")
    doc = segment(TEXT, path=str(path))
    passages = [PassageReport(sentence=s, language="fr") for s in doc.sentences]
    passages[0].findings = [_finding(doc, "XT101", "inauguré")]
    passages[1].findings = [_finding(doc, "XT102", "l’attendaient", "minor")]
    report = FileReport(path=str(path), display_path=display, report_name="pont", passages=passages, text=TEXT)
    report.findings = [_finding(doc, "XT900", "La fête", "info")]
    return report


def _run(*reports: FileReport, **settings) -> RunReport:
    return RunReport(files=list(reports), settings=dict(settings))


# --- the baseline file ------------------------------------------------------------------------------


def test_baseline_file_format(tmp_path: Path):
    report = _report(tmp_path)
    out = tmp_path / "baseline.json"
    assert write_baseline(_run(report), out) == 3
    text = out.read_text(encoding="utf-8")
    data = json.loads(text)
    # Sorted keys, two-space indent, non-ASCII kept as is: a stable, reviewable diff.
    assert text == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert "l’attendaient" in text
    assert {k: data[k] for k in ("schema", "tool", "version", "paths")} == {
        "schema": BASELINE_SCHEMA, "tool": "audit", "version": __version__, "paths": "relative to this file's folder",
    }
    rows = sorted((e["code"], e["span"], e["line"], e["file"]) for e in data["findings"])
    assert rows == [
        ("XT101", "inauguré", 1, "news/pont.txt"),
        ("XT102", "l’attendaient", 1, "news/pont.txt"),
        ("XT900", "La fête", 3, "news/pont.txt"),
    ]


def test_file_level_findings_are_accepted_too(tmp_path: Path):
    report = _report(tmp_path)
    out = tmp_path / "baseline.json"
    write_baseline(_run(report), out)
    again = _report(tmp_path)
    run = _run(again, baseline_suppressed=2)
    assert apply_baseline(run, load_baseline(out)) == 3
    assert again.findings == [] and all(not p.findings for p in again.passages)
    assert [f.code for f in again.accepted] == ["XT101", "XT102", "XT900"]
    assert all(f.accepted == "baseline" for f in again.accepted)
    assert run.settings["baseline_suppressed"] == 5  # added to what the run already counted
    assert run.warnings == []


def test_old_baselines_are_read_with_their_meaning(tmp_path: Path):
    report = _report(tmp_path)
    # Version 1: paths were the display paths, relative to the working directory.
    old = [fp for _, fp in file_fingerprints(report, report.display_path)]
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps(old), encoding="utf-8")
    listed = tmp_path / "listed.json"
    listed.write_text(json.dumps({"schema": "audit-baseline/1", "fingerprints": old}), encoding="utf-8")
    unnamed = tmp_path / "unnamed.json"
    unnamed.write_text(json.dumps({"findings": [{"fingerprint": fp, "file": "news/pont.txt"} for fp in old]}), encoding="utf-8")
    for path in (bare, listed, unnamed):
        baseline = load_baseline(path)
        assert baseline.folder is None and set(baseline) == set(old) and len(baseline) == 3
        assert apply_baseline(_run(_report(tmp_path)), baseline) == 3
    assert load_baseline(unnamed).files == {"news/pont.txt"}
    # A plain list of fingerprints is an old baseline too.
    assert apply_baseline(_run(_report(tmp_path)), old) == 3


def test_new_baselines_hash_paths_from_their_folder(tmp_path: Path):
    out = tmp_path / "ci" / "baseline.json"
    out.parent.mkdir()
    write_baseline(_run(_report(tmp_path)), out)
    baseline = load_baseline(out)
    assert baseline.folder == out.parent and baseline.files == {"../news/pont.txt"}
    assert baseline.source == str(out)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\xff\xfe not utf-8", "cannot read baseline"),
        (b'{"findings": [""]}', "entry 1 has no fingerprint"),
        (b'{"findings": ["a:0", 7]}', "entry 2 has no fingerprint"),
        (b'{"schema": "audit-baseline/9", "findings": []}', "unsupported baseline schema 'audit-baseline/9', expected 'audit-baseline/2'"),
    ],
)
def test_unusable_baselines(tmp_path: Path, content: bytes, message: str):
    path = tmp_path / "b.json"
    path.write_bytes(content)
    with pytest.raises(BaselineError) as caught:
        load_baseline(path)
    assert str(caught.value).startswith(f"{path}: ") and message in str(caught.value)


# --- when a baseline mostly matches nothing ---------------------------------------------------------------


def _half_baseline(tmp_path: Path, matching: int, stale: int, files: list[str]) -> Path:
    fps = [fp for _, fp in file_fingerprints(_report(tmp_path), "news/pont.txt")][:matching]
    entries = [{"fingerprint": fp, "file": f} for fp, f in zip(fps + [f"{i:040x}:0" for i in range(stale)], files * 10)]
    path = tmp_path / "b.json"
    path.write_text(json.dumps({"schema": BASELINE_SCHEMA, "findings": entries}), encoding="utf-8")
    return path


def test_half_matched_is_quiet_less_warns(tmp_path: Path):
    run = _run(_report(tmp_path))
    apply_baseline(run, load_baseline(_half_baseline(tmp_path, 1, 1, ["news/pont.txt"])))
    assert run.warnings == []
    run = _run(_report(tmp_path))
    path = _half_baseline(tmp_path, 1, 2, ["news/pont.txt"])
    apply_baseline(run, load_baseline(path))
    assert run.warnings == [
        f"{path}: only 1 of its 3 entries match a finding of this run;"
        " fixed, or recorded for other files? `--update-baseline` records today's findings"
    ]


def test_warning_when_no_file_of_the_baseline_was_audited(tmp_path: Path):
    run = _run(_report(tmp_path))
    path = _half_baseline(tmp_path, 0, 2, ["elsewhere/a.txt", "elsewhere/b.txt"])
    apply_baseline(run, load_baseline(path))
    assert run.warnings == [
        f"{path}: only 0 of its 2 entries match a finding of this run;"
        " none of its 2 files was audited (its paths are relative to its own folder)"
    ]


def test_a_plain_list_that_matches_nothing_is_named_baseline(tmp_path: Path):
    run = _run(_report(tmp_path))
    apply_baseline(run, ["0" * 40 + ":0"])
    assert run.warnings[0].startswith("baseline: only 0 of its 1 entries")


# --- recording and applying in one run -------------------------------------------------------------------


def test_baseline_to_record(tmp_path: Path):
    existing = tmp_path / "b.json"
    existing.write_text("[]", encoding="utf-8")
    assert baseline_to_record(None, True) is False
    assert baseline_to_record(str(tmp_path / "new.json"), False) is True
    assert baseline_to_record(str(existing), False) is False
    assert baseline_to_record(str(existing), True) is True


def test_record_baseline_accepts_and_rescores_everything(tmp_path: Path):
    report = _report(tmp_path)
    report.passages[0].score = 0.6
    run = _run(report)
    assert record_baseline(run, tmp_path / "b.json", threshold=0.5) == 3
    assert len(report.accepted) == 3 and not report.all_findings()
    assert all(p.score == 0.0 and not p.suspect for p in report.passages)
    assert len(load_baseline(tmp_path / "b.json")) == 3


def test_apply_accepted_suppressions_then_baseline(tmp_path: Path):
    suppressions = tmp_path / "s.toml"
    suppressions.write_text('[[suppress]]\ncode = "XT101"\nspan = "inauguré"\nreason = "checked"\n', encoding="utf-8")
    baseline = tmp_path / "b.json"
    first = _report(tmp_path)
    apply_suppressions(_run(first), load_suppressions(suppressions))
    write_baseline(_run(first), baseline)  # recorded after suppressions, as the CLI does
    report = _report(tmp_path)
    run = _run(report)
    apply_accepted(run, str(suppressions), str(baseline))
    assert sorted((f.code, f.accepted) for f in report.accepted) == [
        ("XT101", "suppressed: checked"), ("XT102", "baseline"), ("XT900", "baseline"),
    ]
    assert (run.settings["suppressed"], run.settings["baseline_suppressed"]) == (1, 2)
    other = _report(tmp_path)
    apply_accepted(_run(other), None, str(tmp_path / "absent.json"))  # no baseline yet: nothing accepted
    assert other.accepted == []


# --- suppression files ----------------------------------------------------------------------------------


def test_suppression_file_formats(tmp_path: Path):
    entry = {"code": "XT101", "file": "news/*.txt", "reason": "checked"}
    cases = {
        "plain": json.dumps({"suppress": [entry]}),  # no suffix, JSON inside
        "list.JSON": json.dumps([entry]),
        "alias.json": json.dumps({"suppressions": [entry]}),
        "rules": '[[suppress]]\ncode = "XT101"\nfile = "news/*.txt"\nreason = "checked"\n',  # no suffix, TOML inside
        "rules.TOML": '[[suppress]]\ncode = "XT101"\nfile = "news/*.txt"\nreason = "checked"\n',
    }
    for name, content in cases.items():
        path = tmp_path / name
        path.write_bytes(b"\xef\xbb\xbf" + content.encode("utf-8"))  # a BOM is fine
        suppressions = load_suppressions(path)
        assert [(s.code, s.file, s.reason, s.source) for s in suppressions] == [("XT101", "news/*.txt", "checked", f"{path}:1")], name


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("s.JSON", b"{broken", "invalid JSON at line 1"),
        ("s.toml", b"\xff\xfe", "suppression file is not UTF-8"),
        ("s.json", b'{"suppress": {"code": "X"}}', "'suppress' must be a list of entries"),
        ("s.json", b'[{"code": "XT1", "span": "a", "reason": "r"}, "text"]', "suppression 2 is not a table/object"),
        ("s.json", b'[{"code": "XT1", "span": "", "reason": "r"}]', "suppression 1 needs a file or a span"),
        ("s.json", b'[{"fingerprint": "a:0", "span": "x", "reason": "r"}]', "give either a fingerprint or code/file/span, not both"),
        ("s.json", b'[{"fingerprint": "a:0", "reason": "r", "why": 1}]', "unknown key 'why' (allowed: code, file, fingerprint, reason, span)"),
    ],
)
def test_unusable_suppression_files(tmp_path: Path, name: str, content: bytes, message: str):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(BaselineError) as caught:
        load_suppressions(path)
    assert str(caught.value).startswith(f"{path}") and message in str(caught.value)


def test_unreadable_suppression_file(tmp_path: Path):
    with pytest.raises(BaselineError, match=r"cannot read suppression file: Is a directory"):
        load_suppressions(tmp_path)


def test_windows_display_paths_match_posix_patterns(tmp_path: Path):
    report = _report(tmp_path, display="news\\pont.txt")
    path = tmp_path / "s.json"
    path.write_text(json.dumps([{"code": "XT101", "file": "news/pont.txt", "reason": "r"}]), encoding="utf-8")
    assert apply_suppressions(_run(report), load_suppressions(path)) == 1


def test_stale_suppression_warning_names_the_entry(tmp_path: Path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps([{"code": "XT999", "file": "news/*.txt", "span": "rien", "reason": "r"}]), encoding="utf-8")
    run = _run(_report(tmp_path), suppressed=1)
    assert apply_suppressions(run, load_suppressions(path)) == 0
    assert run.settings["suppressed"] == 1
    assert run.warnings == [f"{path}:1: suppression (code XT999, file news/*.txt, span 'rien') matched no finding"]


def test_suffix_and_content_decide_the_format(tmp_path: Path):
    bad_json = tmp_path / "s.json"
    bad_json.write_text("suppress = 1\n", encoding="utf-8")  # a .json file is read as JSON, whatever it holds
    with pytest.raises(BaselineError, match="invalid JSON at line 1"):
        load_suppressions(bad_json)
    indented = tmp_path / "plain"
    indented.write_text('\n   {"suppress": [{"code": "XT1", "span": "a", "reason": "r"}]}', encoding="utf-8")
    assert [s.code for s in load_suppressions(indented)] == ["XT1"]


def test_an_empty_suppression_file_suppresses_nothing(tmp_path: Path):
    path = tmp_path / "s.toml"
    path.write_text("# nothing accepted yet\n", encoding="utf-8")
    assert load_suppressions(path) == []


def test_record_baseline_rescores_with_the_run_threshold(tmp_path: Path):
    # Everything is accepted, so only back-translation evidence is left: B = 0.5, score 0.225.
    report = _report(tmp_path)
    report.passages[0].evidence = {"unknown_share": 0.5, "numbers_lost": ["1", "2"], "length_ratio": 3.0}
    record_baseline(_run(report), tmp_path / "b.json", threshold=0.2)
    assert report.passages[0].score == 0.225 and report.passages[0].suspect

"""Fingerprints, baselines and suppressions: only new findings count."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.baseline import (
    BaselineError,
    apply_baseline,
    apply_suppressions,
    file_fingerprints,
    fingerprint,
    load_baseline,
    load_suppressions,
    write_baseline,
)
from audit.model import RunReport
from audit.writers.junit import JunitWriter
from tests.writer_reports import SEEDS, report_from_text

ARTICLE = SEEDS[0].read_text(encoding="utf-8")
SEED_NAME = SEEDS[0].name
INSERTED = "Un paragraphe ajouté en tête, avec une phrase nouvelle qui parle d’autre chose.\n"
NEW_FINDING = ("XT904", "mistranslation", "major", "parle d’autre chose", "new mistranslation", None)
EXTRA = [("XT501", "typography", "minor", "Financial Times", "an extra finding", None)]


def report(text: str = ARTICLE, extra=(), display: str = "seeds/article.txt"):
    return report_from_text(text, display, "article", extra=[*EXTRA, *extra], use_gold=SEED_NAME, run_real_checks=False)


def run_of(*reports, **settings) -> RunReport:
    return RunReport(files=list(reports), settings=dict(settings))


def fps(r) -> list[str]:
    return [fp for _, fp in file_fingerprints(r)]


def junit_failures(run: RunReport) -> int:
    import xml.etree.ElementTree as ET

    return int(ET.fromstring(JunitWriter().render_run(run)["junit.xml"].encode()).get("failures"))


def test_fingerprint_shape_and_uniqueness():
    r = report()
    prints = fps(r)
    assert len(prints) == len(r.all_findings()) > 3
    assert len(set(prints)) == len(prints)
    for fp in prints:
        digest, occurrence = fp.split(":")
        assert len(digest) == 32 and int(digest, 16) >= 0 and occurrence == "0"
    f = r.all_findings()[2]
    assert fingerprint(r, f) == prints[2]


def test_fingerprints_survive_a_paragraph_inserted_earlier():
    before = report()
    after = report(INSERTED + ARTICLE)
    moved = {f.span: f for f in after.all_findings()}
    for f in before.all_findings():
        assert moved[f.span].start == f.start + len(INSERTED)
        assert moved[f.span].line == f.line + 1
    assert fps(before) == fps(after)


def test_fingerprints_survive_edits_in_other_sentences_of_the_paragraph():
    before = report()
    edited = ARTICLE.replace("Le président américain Joe Biden", "Le président des États-Unis, Joe Biden,")
    assert edited != ARTICLE
    assert fps(before) == fps(report(edited))


def test_fingerprint_depends_on_file_code_span_and_nearby_words():
    base = report()
    f = next(f for f in base.all_findings() if f.code == "XT501" and f.span == "Financial Times")
    fp = fingerprint(base, f)
    other_file = report(display="seeds/other.txt")
    assert fingerprint(other_file, next(g for g in other_file.all_findings() if g.span == f.span and g.code == f.code)) != fp
    near = report(ARTICLE.replace("écrit le journal britannique Financial Times", "écrit le quotidien britannique Financial Times"))
    g = next(g for g in near.all_findings() if g.span == "Financial Times")
    assert fingerprint(near, g) != fp
    # Typographic apostrophes and spacing do not matter.
    retyped = report(ARTICLE.replace("l’OTAN, écrit le journal britannique", "l'OTAN,  écrit le journal britannique"))
    g = next(g for g in retyped.all_findings() if g.span == "Financial Times")
    assert fingerprint(retyped, g) == fp


def test_identical_findings_get_occurrence_indexes():
    text = "Le chat dort sur le tapis.\n\nLe chat dort sur le tapis.\n"
    r = report_from_text(text, "twice.txt", "twice", run_real_checks=False,
                         extra=[("XT101", "untranslated", "minor", "chat", "m", None)])
    second = text.index("chat", 10)
    from tests.writer_reports import make_finding
    from audit.ingest.segment import segment

    doc = segment(text)
    r.passages[1].findings.append(make_finding(doc, "XT101", "untranslated", "minor", second, second + 4, "m"))
    a, b = fps(r)
    assert a.split(":")[0] == b.split(":")[0]
    assert (a.split(":")[1], b.split(":")[1]) == ("0", "1")


def test_a_new_finding_fails_an_old_one_does_not(tmp_path: Path):
    path = tmp_path / "baseline.json"
    old_run = run_of(report(), fail_on="major")
    assert junit_failures(old_run) > 0
    written = write_baseline(old_run, path)
    assert written == len(old_run.files[0].all_findings())

    # The same article, edited earlier on: nothing new, nothing fails.
    same = run_of(report(INSERTED + ARTICLE), fail_on="major")
    removed = apply_baseline(same, load_baseline(path))
    assert removed == written and same.settings["baseline_suppressed"] == written
    assert same.files[0].all_findings() == []
    assert junit_failures(same) == 0

    # A new finding in the inserted paragraph is the only one left, and it fails.
    new = run_of(report(INSERTED + ARTICLE, extra=[NEW_FINDING]), fail_on="major")
    apply_baseline(new, load_baseline(path))
    left = new.files[0].all_findings()
    assert [(f.code, f.span) for f in left] == [("XT904", "parle d’autre chose")]
    assert junit_failures(new) == 1


def test_baseline_file_is_sorted_json_and_deterministic(tmp_path: Path):
    run = run_of(report(), report(display="seeds/b.txt"))
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    write_baseline(run, first)
    again = run_of(report(display="seeds/b.txt"), report())
    write_baseline(again, second)
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_text(encoding="utf-8"))
    assert data["schema"] == "audit-baseline/2"
    keys = [(e["file"], e["fingerprint"]) for e in data["findings"]]
    assert keys == sorted(keys)
    assert load_baseline(first).fingerprints == {e["fingerprint"] for e in data["findings"]}
    # A bare list of fingerprints is accepted too.
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps(["abc:0"]), encoding="utf-8")
    assert load_baseline(bare).fingerprints == {"abc:0"}


@pytest.mark.parametrize("content, message", [
    (None, "not found"),
    ("{not json", "invalid JSON"),
    ('{"schema": "other/2", "findings": []}', "unsupported baseline schema"),
    ('{"findings": {}}', "expected a 'findings' list"),
    ('{"findings": [{"file": "x"}]}', "entry 1 has no fingerprint"),
])
def test_bad_baseline_files(tmp_path: Path, content, message):
    path = tmp_path / "b.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError) as caught:
        load_baseline(path)
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert str(path) in str(caught.value)


def test_suppressions_toml(tmp_path: Path):
    r = report()
    target = next(f for f in r.all_findings() if f.code == "XT501" and f.span == "Financial Times")
    omission = next(f for f in r.all_findings() if f.category == "omission")
    path = tmp_path / "accepted.toml"
    path.write_text(
        f'''
[[suppress]]
fingerprint = "{fingerprint(r, omission)}"
reason = "the editor checked it"

[[suppress]]
file = "seeds/*.txt"
code = "XT501"
span = "Financial  Times"
reason = "a newspaper's name"

[[suppress]]
code = "XT999"
span = "nothing"
reason = "stale entry"
''',
        encoding="utf-8",
    )
    suppressions = load_suppressions(path)
    assert [s.reason for s in suppressions] == ["the editor checked it", "a newspaper's name", "stale entry"]
    run = run_of(r)
    count = len(r.all_findings())
    assert apply_suppressions(run, suppressions) == 2
    left = r.all_findings()
    assert len(left) == count - 2
    assert target not in left and omission not in left
    assert run.settings["suppressed"] == 2
    assert len(run.warnings) == 1 and "XT999" in run.warnings[0] and "matched no finding" in run.warnings[0]


def test_suppressions_json_and_file_scope(tmp_path: Path):
    a, b = report(display="seeds/a.txt"), report(display="other/b.txt")
    path = tmp_path / "accepted.json"
    path.write_text(json.dumps({"suppress": [{"file": "seeds/a.txt", "code": "XT501", "reason": "house style"}]}), encoding="utf-8")
    run = run_of(a, b)
    before_b = len(b.all_findings())
    removed = apply_suppressions(run, load_suppressions(path))
    assert removed == sum(1 for f in report().all_findings() if f.code == "XT501")
    assert not any(f.code == "XT501" for f in a.all_findings())
    assert len(b.all_findings()) == before_b


@pytest.mark.parametrize("content, message", [
    ('[[suppress]]\ncode = "FR501"\nspan = "x"\n', "has no reason"),
    ('[[suppress]]\ncode = "FR501"\nreason = "r"\n', "needs a file or a span"),
    ('[[suppress]]\nspan = "x"\nreason = "r"\n', "needs a fingerprint, or a code"),
    ('[[suppress]]\nfingerprint = "a:0"\ncode = "FR501"\nreason = "r"\n', "not both"),
    ('[[suppress]]\nfingerprint = "a:0"\nreason = "r"\nwhy = "?"\n', "unknown key 'why'"),
    ('[[suppress]]\nfingerprint = 3\nreason = "r"\n', "must be a string"),
    ("[[suppress]\n", "invalid TOML"),
    ('[rules]\nx = 1\n', "unknown key 'rules'"),
])
def test_bad_suppression_files(tmp_path: Path, content, message):
    path = tmp_path / "s.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError) as caught:
        load_suppressions(path)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_missing_suppression_file(tmp_path: Path):
    with pytest.raises(BaselineError, match="not found"):
        load_suppressions(tmp_path / "nope.toml")


# --- issue 12 item 5: baselines that silently hide everything -------------------------------------


def test_baseline_matches_from_another_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Paths in a baseline are relative to the baseline file, not to where the command ran."""
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    article = project / "articles" / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(project)
    recorded = run_of(report(display="articles/a.txt"))
    recorded.files[0].path = "articles/a.txt"
    count = write_baseline(recorded, project / "baseline.json")
    assert json.loads((project / "baseline.json").read_text(encoding="utf-8"))["findings"][0]["file"] == "articles/a.txt"

    # The same files audited from the folder above: other display paths, same files.
    monkeypatch.chdir(tmp_path)
    later = run_of(report(display="project/articles/a.txt"))
    later.files[0].path = "project/articles/a.txt"
    assert apply_baseline(later, load_baseline(tmp_path / "project" / "baseline.json")) == count
    assert later.files[0].all_findings() == []
    assert later.warnings == []


def test_a_baseline_that_mostly_matches_nothing_warns(tmp_path: Path):
    path = tmp_path / "baseline.json"
    write_baseline(run_of(report(display="seeds/article.txt")), path)
    other = run_of(report(display="elsewhere/article.txt"))
    other.files[0].path = str(tmp_path / "elsewhere" / "article.txt")
    assert apply_baseline(other, load_baseline(path)) == 0
    assert len(other.warnings) == 1
    warning = other.warnings[0]
    assert str(path) in warning and "only 0 of its" in warning and "\n" not in warning


def test_accepted_findings_are_kept_marked_and_reported(tmp_path: Path):
    from audit.writers.json_writer import JsonWriter, run_summary
    from audit.writers.markdown import MarkdownWriter

    path = tmp_path / "baseline.json"
    written = write_baseline(run_of(report()), path)
    run = run_of(report(INSERTED + ARTICLE, extra=[NEW_FINDING]))
    apply_suppressions(run, [s for s in _suppress_financial_times(tmp_path)])
    apply_baseline(run, load_baseline(path))
    r = run.files[0]
    assert [f.code for f in r.all_findings()] == ["XT904"]
    marks = sorted({f.accepted for f in r.accepted})
    assert marks == ["baseline", "suppressed: a newspaper's name"]
    assert len(r.accepted) == written

    data = json.loads(JsonWriter().render_file(r))
    assert data["summary"]["accepted"] == written
    assert {f["accepted"] for f in data["accepted"]} == set(marks)
    totals = run_summary(run)["totals"]
    assert totals["accepted"] == {"baseline": written - 1, "suppressed": 1}

    md = MarkdownWriter().render_file(r)
    assert f"{written} findings accepted by a baseline or suppression file are not counted" in md
    section = md.split("## Accepted findings", 1)[1]
    assert section.count("*Accepted:* baseline") == written - 1
    assert "*Accepted:* suppressed: a newspaper's name" in section
    summary = MarkdownWriter().render_run(run)["summary.md"]
    assert f"{written - 1} findings already in the baseline and 1 finding accepted by the suppression file not counted" in summary


def _suppress_financial_times(tmp_path: Path):
    path = tmp_path / "suppress.toml"
    path.write_text('[[suppress]]\ncode = "xt501"\nspan = "Financial Times"\nreason = "a newspaper\'s name"\n', encoding="utf-8")
    return load_suppressions(path)


def _imported_modules(path: Path) -> set[str]:
    import ast

    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_fingerprints_sit_below_baselines_and_writers():
    """Issue 13 item 5: no writer imports the baseline module, and the baseline imports no writer."""
    audit_dir = Path(__file__).resolve().parents[1] / "audit"
    for low in ("baseline.py", "fingerprint.py", "fileio.py"):
        assert not any(m.startswith("audit.writers") for m in _imported_modules(audit_dir / low)), low
    assert not any(m.startswith(("audit.baseline", "audit.writers")) for m in _imported_modules(audit_dir / "fingerprint.py"))
    for writer in (audit_dir / "writers").glob("*.py"):
        assert "audit.baseline" not in _imported_modules(writer), writer.name
    assert "audit.fingerprint" in _imported_modules(audit_dir / "writers" / "sarif.py")


def test_html_pages_list_accepted_findings_marked_as_accepted(tmp_path: Path):
    from audit.writers.html import HtmlWriter

    path = tmp_path / "baseline.json"
    written = write_baseline(run_of(report()), path)
    run = run_of(report(INSERTED + ARTICLE, extra=[NEW_FINDING]))
    apply_baseline(run, load_baseline(path))
    page = HtmlWriter().render_file(run.files[0])
    assert f"<b>{written}</b> findings accepted by a baseline or suppression file are not counted" in page
    accepted_section = page.split('class="filelevel accepted"', 1)[1].split("</section>", 1)[0]
    assert accepted_section.count('<p class="acc">accepted: baseline</p>') == written
    index = HtmlWriter().render_run(run)["index.html"]
    assert f"{written} findings already in the baseline not counted" in index

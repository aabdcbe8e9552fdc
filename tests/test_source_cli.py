"""`audit run --source-text/--reference-text`: pairing, errors, the JSON contract, monolingual fallback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from audit.cli import app

ROOT = Path(__file__).resolve().parents[1]

EN = (
    "The storm killed 12,000 people in 2013, officials said on Tuesday.\n"
    "The minister did not resign after the vote.\n"
    "Mr Ditta met John Smith in Leeds last week.\n"
)
FR = (
    "La tempête a tué 1 200 personnes en 2013, ont déclaré mardi les responsables.\n"
    "Le ministre a démissionné après le vote.\n"
    "M. Ditta a rencontré John Smith à Leeds la semaine dernière.\n"
)
REF = (
    "La tempête a fait 12 000 morts en 2013, ont indiqué mardi les autorités.\n"
    "Le ministre n'a pas démissionné après le vote.\n"
    "M. Ditta a rencontré John Smith à Leeds la semaine dernière.\n"
)


def run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_auto_pairing_checks_against_the_source_and_keeps_bad_pairs_apart(workdir: Path) -> None:
    texts = workdir / "texts"
    texts.mkdir()
    (texts / "a.fr.txt").write_text(FR, encoding="utf-8")
    (texts / "a.en.txt").write_text(EN, encoding="utf-8")
    (texts / "b.fr.txt").write_text(FR, encoding="utf-8")  # no source: monolingual audit and a warning
    (texts / "c.fr.txt").write_text(FR, encoding="utf-8")
    (texts / "c.en.txt").write_text("\n\n", encoding="utf-8")  # empty source: one-line error
    (texts / "d.fr.txt").write_text(FR, encoding="utf-8")
    (texts / "d.en.txt").write_text(FR, encoding="utf-8")  # a "source" in French: one-line error
    result = run("run", "texts", "--source-text", "auto", "--engine", "none", "-f", "json", "-o", "out", "-q")
    assert result.exit_code == 1
    err = result.stderr if hasattr(result, "stderr") else result.output
    assert "b.fr.txt: no source text found; audited without a source" in err
    assert "texts/c.fr.txt: source text texts/c.en.txt: empty file" in err
    assert "source text texts/d.en.txt is in fr, not in en" in err
    assert "Traceback" not in err
    out = workdir / "out"
    # The sources are not audited as translations.
    assert sorted(p.name for p in out.glob("*.json")) == ["a.fr.json", "b.fr.json", "summary.json"]
    report = json.loads((out / "a.fr.json").read_text(encoding="utf-8"))
    assert report["source"]["file"] == "texts/a.en.txt"
    assert report["source"]["alignment"]["beads"] == {"1-1": 3}
    codes = {f["code"] for p in report["passages"] for f in p["findings"]}
    assert {"SR101", "SR105"} <= codes
    assert report["passages"][1]["source"]["text"] == "The minister did not resign after the vote."
    plain = json.loads((out / "b.fr.json").read_text(encoding="utf-8"))
    assert "source" not in plain and all("source" not in p for p in plain["passages"])
    assert not any(f["code"].startswith("SR") for p in plain["passages"] for f in p["findings"])

    import jsonschema

    schema = json.loads((ROOT / "audit" / "schemas" / "audit-report-1.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, schema)
    jsonschema.validate(plain, schema)


def test_folders_pair_by_relative_path_and_reference_is_scored(workdir: Path) -> None:
    for lang, text in (("fr", FR), ("en", EN), ("ref", REF)):
        (workdir / lang / "news").mkdir(parents=True)
        (workdir / lang / "news" / "story.txt").write_text(text, encoding="utf-8")
    result = run("run", "fr", "--source-text", "en", "--reference-text", "ref", "--engine", "apertium",
                 "--no-cache", "-f", "json,md,csv,html", "-o", "out", "-q")
    assert result.exit_code == 1, result.output
    report = json.loads((workdir / "out" / "news" / "story.json").read_text(encoding="utf-8"))
    assert report["source"]["file"] == "en/news/story.txt"
    metrics = report["source"]["metrics"]
    assert metrics["segments"] == 3 and 0 < metrics["chrf"] < 100 and "nrefs:1" in metrics["signatures"]["chrf"]
    first = report["passages"][0]
    assert first["source"]["metrics"]["chrf"] > 0
    # The round trip stays in the report beside the source scores.
    assert first["roundtrip"] and first["metrics"]["chrf"] > 0
    reference = report["reference"]["metrics"]
    assert reference["segments"] == 3 and 0 < reference["bleu"] < 100
    assert report["passages"][2]["reference"]["metrics"]["chrf"] == 100.0
    markdown = (workdir / "out" / "news" / "story.md").read_text(encoding="utf-8")
    assert "The minister did not resign after the vote." in markdown
    header = (workdir / "out" / "passages.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "source_text" in header and "source_chrf" in header and "reference_chrf" in header
    page = next(p for p in (workdir / "out" / "news").glob("*.html")).read_text(encoding="utf-8")
    # The page shows each passage's aligned source sentence with its bead, and the alignment summary.
    assert '<div class="src" lang="en"><span class="bead"' in page
    assert "The minister did not resign after the vote." in page and "alignment 3 × 1-1" in page


def test_a_missing_source_file_is_an_error_for_that_file_only(workdir: Path) -> None:
    (workdir / "a.txt").write_text(FR, encoding="utf-8")
    result = run("run", "a.txt", "--source-text", "nowhere.txt", "--engine", "none", "-f", "json", "-o", "out", "-q")
    err = result.stderr if hasattr(result, "stderr") else result.output
    assert "source text nowhere.txt: no such file" in err
    assert result.exit_code == 2  # no file could be audited

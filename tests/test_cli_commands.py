"""The other commands: doctor, eval, models."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from audit.cli import app
from tests.argos_fixture import build_argos_package

ROOT = Path(__file__).resolve().parents[1]


def invoke(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_doctor_lists_engines_and_checkers() -> None:
    result = invoke("doctor")
    assert "apertium" in result.stdout.lower()
    assert "Grammalecte" in result.stdout
    assert "hunspell-fr" in result.stdout
    # CI installs every component, so the doctor must be satisfied there.
    assert result.exit_code == 0, result.stdout


def test_eval_measures_the_seeds_against_the_gold() -> None:
    result = invoke("eval", str(ROOT / "tests" / "data" / "seeds-gold.jsonl"), str(ROOT / "seeds"), "--json")
    assert result.exit_code == 0
    scores = json.loads(result.stdout)
    floors = tomllib.loads((ROOT / "tests" / "data" / "floors.toml").read_text(encoding="utf-8"))["seeds"]
    assert scores["gold"] == 44 and scores["gold_major"] == floors["major_gold"]
    assert scores["found_major"] >= floors["major_found_engine_none"], scores["missed"]
    assert {"calque", "mistranslation", "typography"} <= set(scores["categories"])
    table = invoke("eval", str(ROOT / "tests" / "data" / "seeds-gold.jsonl"), str(ROOT / "seeds"))
    assert "recall" in table.stdout and "major" in table.stdout


def test_eval_rejects_a_bad_gold_file(tmp_path: Path) -> None:
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"file": "x.txt"}\n', encoding="utf-8")
    result = invoke("eval", str(bad), str(ROOT / "seeds"))
    assert result.exit_code == 2
    assert "gold.jsonl:1: not a gold item" in result.stderr


def test_models_install_list_and_run_with_argos(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    monkeypatch.chdir(tmp_path)
    assert "No Argos Translate model" in invoke("models", "list").stdout
    archives = build_argos_package(tmp_path / "build")
    first = invoke("models", "install", str(archives[0]))
    assert first.exit_code == 0 and "installed" in first.stdout
    assert invoke("models", "install", "--path", str(archives[1])).exit_code == 0
    listing = invoke("models", "list").stdout
    assert "fr->en" in listing and "en->fr" in listing
    (tmp_path / "article.txt").write_text("Le gouvernement a présenté mardi son projet de budget pour l'année prochaine.\n", encoding="utf-8")
    result = invoke("run", "article.txt", "--out", "out", "--no-cache", "--fail-on", "never")
    assert result.exit_code == 0
    report = json.loads((tmp_path / "out" / "article.json").read_text(encoding="utf-8"))
    assert report["engine"]["name"] == "argos"
    assert "Argos" in report["engine"]["reason"]
    assert report["passages"][0]["backtranslation"]


def test_models_install_of_a_missing_file_is_one_line(tmp_path: Path) -> None:
    result = invoke("models", "install", "--path", str(tmp_path / "nothing.argosmodel"))
    assert result.exit_code == 2
    assert "no such file" in result.stderr

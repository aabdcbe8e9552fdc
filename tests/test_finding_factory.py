"""The one finding factory: every rule, back-translation ones included, obeys --select/--ignore and [severity]."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from audit.checks import load_all
from audit.checks.factory import EVERY_RULE, FindingPolicy
from audit.checks.runner import build_context, run_checks
from audit.cli import app
from audit.engines.apertium import ApertiumEngine
from audit.ingest.segment import segment

# Three made-up words in a French sentence: unknown to Apertium and to the French lexicon, so the
# back-translation stage reports each as FR901, major because three make the passage unreadable.
INVENTED = (
    "Le ministre a évoqué le fouzzbar, le blorptang et le skrivnak lors du conseil des ministres de mercredi.\n\n"
    "La police a ouvert une enquête après l'accident de samedi.\n"
)


def test_policy_selects_and_overrides_in_one_place():
    load_all()
    assert EVERY_RULE.selects("FR901") and EVERY_RULE.selects("FR101")
    policy = FindingPolicy.of(ignore=["FR9"], severity={"FR101": "info"})
    assert not policy.selects("FR901") and policy.selects("FR101")
    assert not FindingPolicy.of(select=["backtranslation"]).selects("FR101")
    assert FindingPolicy.of(select=["backtranslation"]).selects("FR902")
    made = policy.make("FR101", start=0, end=4, line=1, col=1, span="xxxx", severity="major")
    assert made is not None and made.severity == "info"  # the user's override beats the check's choice
    assert policy.make("FR903", start=0, end=4, line=1, col=1, span="xxxx") is None


def test_checks_get_overrides_from_the_context_policy():
    doc = segment("Le président a parlé hier soir.\n\nThank you for reading our newsletter today.\n")
    plain = [f for f in run_checks(doc, build_context(doc)) if f.code == "FR101"]
    assert plain and plain[0].severity != "info"
    ctx = build_context(doc, policy=FindingPolicy.of(severity={"FR101": "info"}))
    assert {f.severity for f in run_checks(doc, ctx) if f.code == "FR101"} == {"info"}
    ctx = build_context(doc, policy=FindingPolicy.of(ignore=["untranslated"]))
    assert not [f for f in run_checks(doc, ctx) if f.category == "untranslated"]


def _fr901(workdir: Path, *args: str) -> list[dict]:
    result = CliRunner().invoke(app, ["run", "a.txt", "--out", "out", "--format", "json", "--engine", "apertium",
                                      "--fail-on", "never", "--no-cache", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    report = json.loads((workdir / "out" / "a.json").read_text(encoding="utf-8"))
    return [f for p in report["passages"] for f in p["findings"] if f["code"] == "FR901"]


@pytest.mark.skipif(not ApertiumEngine().available("fr", "en"), reason="apertium not installed")
def test_severity_and_ignore_reach_backtranslation_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """End to end with real Apertium: [severity] in audit.toml and --ignore act on FR901 as on any rule."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(INVENTED, encoding="utf-8")
    found = _fr901(tmp_path)
    assert sorted(f["span"] for f in found) == ["blorptang", "fouzzbar", "skrivnak"]
    assert {f["severity"] for f in found} == {"major"}

    (tmp_path / "audit.toml").write_text('[severity]\nFR901 = "info"\n', encoding="utf-8")
    overridden = _fr901(tmp_path)
    assert sorted(f["span"] for f in overridden) == ["blorptang", "fouzzbar", "skrivnak"]
    assert {f["severity"] for f in overridden} == {"info"}

    assert _fr901(tmp_path, "--ignore", "FR901") == []
    assert _fr901(tmp_path, "--ignore", "backtranslation") == []

"""The committed reports/ are what the documented command writes today, and name no machine path.

One run of ``scripts/make_reports.sh`` (the README's audit command over seeds/, real
Apertium) into a temporary folder, compared file by file with reports/. When this
fails after a change that alters findings or scores, regenerate: ``bash scripts/make_reports.sh``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from audit.engines.apertium import ApertiumEngine

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "reports"
SCRIPT = ROOT / "scripts" / "make_reports.sh"

# Nothing in the reports is a timestamp today; should one appear, it is not a difference.
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?")

pytestmark = pytest.mark.skipif(not ApertiumEngine().available("fr", "en"), reason="apertium not installed")


def normalised(path: Path) -> str:
    return TIMESTAMP.sub("<time>", path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reports") / "reports"
    env = dict(os.environ, PYTHON=sys.executable, PYTHONPATH=str(ROOT))
    done = subprocess.run(["bash", str(SCRIPT), str(out)], cwd=tmp_path_factory.getbasetemp(), env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    return out


def files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_committed_reports_match_a_fresh_run(fresh: Path):
    assert files(fresh) == files(REPORTS), "reports/ lists other files than a fresh run: bash scripts/make_reports.sh"
    stale = [name for name in files(fresh) if normalised(fresh / name) != normalised(REPORTS / name)]
    assert not stale, f"reports/ is stale ({', '.join(stale)}): bash scripts/make_reports.sh"


def test_reports_name_no_machine_path(fresh: Path):
    for folder in (fresh, REPORTS):
        for name in files(folder):
            text = (folder / name).read_text(encoding="utf-8")
            assert "file://" not in text and str(ROOT) not in text and str(fresh) not in text, (folder, name)
    log = json.loads((fresh / "audit.sarif").read_text(encoding="utf-8"))
    run = log["runs"][0]
    assert "uri" not in run["originalUriBaseIds"]["%SRCROOT%"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert uris and all(u.startswith("seeds/") for u in uris)


def test_the_readme_documents_the_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "scripts/make_reports.sh" in readme
    script = SCRIPT.read_text(encoding="utf-8")
    command = "audit run seeds --out reports --format json,md,html,csv,sarif,junit --fail-on never"
    assert command in readme
    assert 'audit run seeds --out "$out" --format json,md,html,csv,sarif,junit --fail-on never' in script

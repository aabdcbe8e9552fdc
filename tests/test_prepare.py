"""install.sh's warm-up: `python -m audit.resources.prepare` leaves every packed model file in the cache folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_prepare_builds_the_packed_files_a_first_audit_would_otherwise_build(tmp_path: Path) -> None:
    env = {**os.environ, "AUDIT_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "audit.resources.prepare"], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    names = sorted(p.name.split("-")[0] + "-" + p.name.split("-")[1] for p in tmp_path.iterdir())
    assert names == ["regex-spacy", "spacy-lemmas", "wordfreq-en", "wordfreq-fr"], names
    assert all(p.stat().st_size > 1000 for p in tmp_path.iterdir())
    assert "skipped" not in done.stderr

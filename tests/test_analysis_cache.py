"""The analysis cache: a re-run on unchanged text reuses each file's analysis, and only when nothing it depends on changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from audit import analysis_cache
from audit.config import Settings
from audit.engines.apertium import ApertiumEngine
from audit.pipeline import audit_paths
from audit.writers.json_writer import JsonWriter

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

apertium_only = pytest.mark.skipif(not ApertiumEngine().available("fr", "en"), reason="apertium not installed")


def _reports(run) -> dict[str, str]:
    return {f.report_name: JsonWriter().render_file(f) for f in run.audited}


@apertium_only
def test_rerun_is_served_from_the_cache_and_identical(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("000_2b33bb464146af7e.txt", "004_7d3cf8ff89de5123.txt"):
        shutil.copy(SEEDS / name, folder / name)
    settings = Settings(engine="apertium", cache=str(tmp_path / "cache.sqlite"), jobs=1, out=str(tmp_path / "out"))

    before = analysis_cache.STATS.hits, analysis_cache.STATS.misses
    first = _reports(audit_paths([folder], settings))
    assert analysis_cache.STATS.misses - before[1] == 2
    second = _reports(audit_paths([folder], settings))
    assert analysis_cache.STATS.hits - before[0] == 2
    assert second == first
    assert any('"FR' in text for text in first.values())

    # A changed file is analysed again; its unchanged neighbour is not.
    edited = folder / "000_2b33bb464146af7e.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nLes enfant sont partis hier soir.\n", encoding="utf-8")
    hits, misses = analysis_cache.STATS.hits, analysis_cache.STATS.misses
    third = _reports(audit_paths([folder], settings))
    assert (analysis_cache.STATS.hits - hits, analysis_cache.STATS.misses - misses) == (1, 1)
    assert third["004_7d3cf8ff89de5123"] == first["004_7d3cf8ff89de5123"]
    assert third["000_2b33bb464146af7e"] != first["000_2b33bb464146af7e"]

    # Settings that shape findings are part of the key: --ignore FR2 is a new analysis, without FR2xx.
    hits = analysis_cache.STATS.hits
    ignoring = _reports(audit_paths([folder], Settings(engine="apertium", cache=settings.cache, jobs=1, out=settings.out, ignore=["FR2"])))
    assert analysis_cache.STATS.hits == hits
    assert '"FR2' in first["004_7d3cf8ff89de5123"] and '"FR2' not in ignoring["004_7d3cf8ff89de5123"]

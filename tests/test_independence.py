"""A file's report depends on that file alone: alone, in a folder, with any --jobs, on Dask."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from audit.config import Settings
from audit.engines.apertium import ApertiumEngine
from audit.pipeline import audit_paths
from audit.writers.json_writer import JsonWriter

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

apertium_only = pytest.mark.skipif(not ApertiumEngine().available("fr", "en"), reason="apertium not installed")


def _json_reports(run) -> dict[str, str]:
    writer = JsonWriter()
    return {f.report_name: writer.render_file(f) for f in run.audited}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Two seeds in a folder: enough to show that the run's other file no longer moves the scores."""
    folder = tmp_path_factory.mktemp("seeds")
    for name in ("001_6839ca8ef4dfad8f.txt", "003_0654ac20de488328.txt"):
        shutil.copy(SEEDS / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> str:
    return str(tmp_path_factory.mktemp("cache") / "cache.sqlite")


@apertium_only
def test_file_alone_and_in_a_folder_give_identical_json(folder: Path, cache: str) -> None:
    settings = Settings(engine="apertium", cache=cache, out=str(folder.parent / "reports"))
    together = _json_reports(audit_paths([folder], settings))
    alone = _json_reports(audit_paths([folder / "001_6839ca8ef4dfad8f.txt"], settings))
    assert set(alone) == {"001_6839ca8ef4dfad8f"}
    assert alone["001_6839ca8ef4dfad8f"] == together["001_6839ca8ef4dfad8f"]
    # The scores really use the back-translation (else identity would be trivial).
    assert '"chrf_z"' in alone["001_6839ca8ef4dfad8f"]


@apertium_only
def test_any_jobs_and_dask_give_identical_json(cache: str, tmp_path: Path) -> None:
    """The seeds with one process, two processes and a Dask LocalCluster of 2 workers: same reports."""
    from distributed import LocalCluster

    serial = audit_paths([SEEDS], Settings(engine="apertium", cache=cache, jobs=1, out=str(tmp_path)))
    expected = _json_reports(serial)
    assert len(expected) == 5
    # Every seed was really back-translated and scored against the French-news reference.
    assert all('"chrf_z"' in text for text in expected.values())
    assert _json_reports(audit_paths([SEEDS], Settings(engine="apertium", cache=cache, jobs=2, out=str(tmp_path)))) == expected
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        on_dask = audit_paths([SEEDS], Settings(engine="apertium", cache=cache, executor="dask", scheduler=cluster.scheduler_address, out=str(tmp_path)))
        assert len(cluster.scheduler_info["workers"]) == 2
    assert _json_reports(on_dask) == expected
    assert on_dask.engine == serial.engine

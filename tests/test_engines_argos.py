"""Argos engine with a tiny random-weight package built offline (tests/argos_fixture.py)."""

from __future__ import annotations

import json
import sys
import zipfile

import pytest

from audit.engines import EngineError, select_engine
from audit.engines.argos import ArgosEngine, find_chain, install_from_index, install_model, list_models
from tests.argos_fixture import build_argos_package


@pytest.fixture(scope="session")
def argos_archives(tmp_path_factory):
    """fr->en and en->fr .argosmodel files sharing one tiny model (built once, well under a second)."""
    return build_argos_package(tmp_path_factory.mktemp("argos-build"))


@pytest.fixture
def packages_dir(tmp_path, monkeypatch):
    folder = tmp_path / "packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(folder))
    return folder


def test_install_list_and_translate(argos_archives, packages_dir):
    installed = [install_model(path) for path in argos_archives]
    assert {(p.from_code, p.to_code) for p in installed} == {("fr", "en"), ("en", "fr")}
    assert all(p.path.parent == packages_dir for p in installed)
    assert [(p.from_code, p.to_code) for p in list_models()] == [("en", "fr"), ("fr", "en")]

    engine = ArgosEngine()
    assert engine.available("fr", "en") and engine.available("en", "fr")
    assert not engine.available("fr", "de")
    assert engine.route("fr", "en") == ("fr-en",)
    texts = ["Le président a annoncé une réunion. Les prix ont augmenté de 3,5 %.", "", "Bonjour à tous."]
    out = engine.translate(texts, "fr", "en")
    assert len(out) == 3
    assert out[0].text and out[2].text and out[1].text == ""
    assert all(isinstance(t.text, str) and "▁" not in t.text for t in out)
    back = engine.translate([t.text for t in out if t.text], "en", "fr")
    assert len(back) == 2 and all(t.text for t in back)
    assert "0.1" in engine.version()
    # The argostranslate/stanza route would pull in PyTorch; ours never does.
    assert "stanza" not in sys.modules and "argostranslate.translate" not in sys.modules


def test_upstream_argostranslate_reads_our_install(argos_archives, packages_dir):
    from argostranslate.package import Package

    install_model(argos_archives[0])
    (folder,) = [p for p in packages_dir.iterdir() if p.is_dir()]
    upstream = Package(folder)
    assert (upstream.from_code, upstream.to_code) == ("fr", "en")


def test_auto_selection_picks_argos_when_both_directions_are_installed(argos_archives, packages_dir):
    install_model(argos_archives[0])
    _, info, _ = select_engine("auto")
    assert info.name != "argos"  # en->fr missing: no round trip possible
    install_model(argos_archives[1])
    engine, info, warnings = select_engine("auto")
    assert isinstance(engine, ArgosEngine) and warnings == []
    assert info.name == "argos" and info.route == ("fr-en", "en-fr") and "auto" in info.reason
    engine, info, _ = select_engine("argos")
    assert info.name == "argos" and "requested" in info.reason


def test_argos_requested_but_missing_warns(packages_dir):
    engine, info, warnings = select_engine("argos")
    assert engine is None and info.name == "none"
    assert "audit models install fr en" in warnings[0]


def test_pivot_chain(argos_archives, packages_dir, tmp_path):
    # Re-label the model as fr->es and es->en: translation goes through both.
    for source, target in (("fr", "es"), ("es", "en")):
        top = f"translate-{source}_{target}"
        archive = tmp_path / f"{top}.argosmodel"
        with zipfile.ZipFile(argos_archives[0]) as src, zipfile.ZipFile(archive, "w") as dst:
            for item in src.infolist():
                data = src.read(item)
                name = top + item.filename[item.filename.index("/"):]
                if name.endswith("metadata.json"):
                    meta = json.loads(data)
                    meta.update(from_code=source, to_code=target)
                    data = json.dumps(meta).encode()
                dst.writestr(name, data)
        install_model(archive)
    engine = ArgosEngine()
    assert engine.route("fr", "en") == ("fr-es", "es-en")
    assert [p.to_code for p in find_chain(engine.packages(), "fr", "en")] == ["es", "en"]
    out = engine.translate(["Le chat dort."], "fr", "en")
    assert len(out) == 1 and out[0].text


def test_bad_archives_are_refused(tmp_path, packages_dir):
    not_zip = tmp_path / "x.argosmodel"
    not_zip.write_text("hello")
    with pytest.raises(EngineError, match="not an Argos model"):
        install_model(not_zip)
    evil = tmp_path / "evil.argosmodel"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("../escape/metadata.json", "{}")
    with pytest.raises(EngineError, match="unsafe"):
        install_model(evil)
    with pytest.raises(EngineError, match="no such model file"):
        install_model(tmp_path / "missing.argosmodel")
    with pytest.raises(EngineError, match="no fr->de model"):
        ArgosEngine().translate(["Bonjour."], "fr", "de")


def test_install_from_index_offline_is_one_clear_error(packages_dir, monkeypatch):
    from argostranslate import settings

    # An unreachable index stands for "offline", whatever the test machine's network.
    monkeypatch.setattr(settings, "remote_package_index", "http://127.0.0.1:9/index.json")
    with pytest.raises(EngineError, match=r"cannot fetch the model index .*offline"):
        install_from_index("fr", "en", timeout=2)

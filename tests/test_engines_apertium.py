"""Apertium engine, against the real Debian packages (no mocks except for faults we cannot provoke)."""

from __future__ import annotations

import stat

import pytest

from audit.engines import EngineError, select_engine
from audit.engines.apertium import ApertiumEngine, flatten, strip_marks, unknown_words

pytestmark = pytest.mark.skipif(not ApertiumEngine().available("fr", "en"), reason="apertium fr-es/spa-eng not installed")


@pytest.fixture(scope="module")
def engine() -> ApertiumEngine:
    return ApertiumEngine(pivot="es")


def test_one_process_per_hop_and_one_result_per_input(engine):
    texts = [
        "Le président a annoncé une réunion lundi.",
        "Une phrase coupée\npar un saut de ligne\nunique.",
        "",
        "Les prix ont augmenté de 3,5 % en janvier.\n\nUn second paragraphe dans le même passage.",
        "La police a ouvert une enquête.",
    ]
    before = engine.process_calls
    out = engine.translate(texts, "fr", "en")
    assert engine.process_calls - before == 2  # fr-es, spa-eng: once each for the whole batch
    assert len(out) == len(texts)
    assert out[2].text == ""
    assert all(t.text for i, t in enumerate(out) if i != 2)
    assert "police" in out[4].text.lower()
    assert "3,5" in out[3].text or "3.5" in out[3].text
    assert "\n" not in out[1].text


def test_unknown_words_of_first_hop_are_kept_and_marks_stripped(engine):
    out = engine.translate(["Le ministre a présenté le fouzzzbar et la smartphonisation hier."], "fr", "en")[0]
    assert "fouzzzbar" in out.unknown and "smartphonisation" in out.unknown
    assert not any(mark + "fouzzzbar" in out.text for mark in "*@#")
    assert "*" not in out.text


def test_round_trip_back_to_french(engine):
    english = engine.translate(["Le gouvernement veut réduire le déficit."], "fr", "en")[0].text
    french = engine.translate([english], "en", "fr")[0].text
    assert "gouvernement" in french.lower()


def test_catalan_pivot():
    cat = ApertiumEngine(pivot="ca")
    if not cat.available("fr", "en"):
        pytest.skip("fra-cat/cat-eng not installed")
    assert cat.route("fr", "en") == ("fra-cat", "cat-eng")
    assert cat.route("en", "fr") == ("eng-cat", "cat-fra")
    out = cat.translate(["Le chat dort sur le canapé."], "fr", "en")
    assert len(out) == 1 and out[0].text


def test_version_names_the_debian_packages(engine):
    version = engine.version()
    assert "apertium-fr-es=" in version and "apertium-eng-spa=" in version
    assert engine.version() == version


def test_marks_helpers():
    assert strip_marks("Follow @LeMonde and #*MeToo, *Macron has #give", "@LeMonde #MeToo") == (
        "Follow @LeMonde and #MeToo, Macron has give"
    )
    assert strip_marks("write to jean@example.org at 14*h30") == "write to jean@example.org at 14h30"
    assert unknown_words("el *viti-*vinicole y la *mi-tiempo de *Biden") == ("viti-vinicole", "mi", "Biden")
    assert unknown_words("nota *importante", source="nota *importante") == ()
    assert flatten(" a\nb\t c\x00d ") == "a b c d"


class _DroppingSeparators(ApertiumEngine):
    """Apertium never merges blank-line separated items in our tests; simulate it to test the fallback."""

    def _call(self, mode, text, marks):
        out = super()._call(mode, text, marks)
        if text.count("\n\n") >= 2:  # batches of 3+ items lose their first separator
            out = out.replace("\n\n", " ", 1)
        return out


def test_count_mismatch_splits_batch_in_halves():
    engine = _DroppingSeparators()
    texts = [f"Le chat numéro {i} dort." for i in range(4)]
    out = engine.translate(texts, "fr", "en")
    assert engine.process_calls == 6  # per hop: the whole batch (wrong count), then two halves
    assert len(out) == 4
    for i, t in enumerate(out):
        assert str(i) in t.text


def _script(folder, body: str) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "apertium"
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


def test_errors_are_one_line_engine_errors(tmp_path):
    crashing = ApertiumEngine(binary=_script(tmp_path / "crash", "echo 'Error: mode broken' >&2; exit 3"))
    with pytest.raises(EngineError, match=r"exit status 3: Error: mode broken"):
        crashing._call("fr-es", "texte\n", True)
    missing = ApertiumEngine(binary=str(tmp_path / "does-not-exist"))
    with pytest.raises(EngineError, match="cannot run"):
        missing._call("fr-es", "texte\n", True)
    slow = ApertiumEngine(binary=_script(tmp_path / "slow", "sleep 5"), timeout=0.3)
    with pytest.raises(EngineError, match="no answer"):
        slow._call("fr-es", "texte\n", True)
    with pytest.raises(EngineError, match="no route"):
        ApertiumEngine().route("fr", "de")


def test_select_engine_apertium_and_none():
    engine, info, warnings = select_engine("apertium")
    assert isinstance(engine, ApertiumEngine) and warnings == []
    assert info.name == "apertium" and info.route == ("fr-es", "spa-eng", "eng-spa", "es-fr")
    assert "requested" in info.reason and info.version == engine.version()
    none, info, warnings = select_engine("none")
    assert none is None and info.name == "none" and warnings == []
    with pytest.raises(EngineError):
        select_engine("google")


def test_auto_falls_back_to_apertium_without_argos(tmp_path, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "empty"))
    engine, info, warnings = select_engine("auto")
    assert info.name == "apertium" and "no Argos model" in info.reason and warnings == []


def test_auto_without_any_engine_warns(tmp_path, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "empty"))
    monkeypatch.setenv("PATH", str(tmp_path))  # no apertium on PATH
    engine, info, warnings = select_engine("auto")
    assert engine is None and info.name == "none"
    assert len(warnings) == 1 and "no translation engine: install apertium" in warnings[0]
    assert "other checks still run" in warnings[0]


def test_doctor_rows_list_every_engine_and_direction(tmp_path, monkeypatch):
    from audit.engines import doctor_rows

    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "empty"))
    rows = doctor_rows()
    assert {(r["engine"], r["pair"]) for r in rows} == {
        (e, p) for e in ("apertium (pivot es)", "apertium (pivot ca)", "argos") for p in ("fr-en", "en-fr")
    }
    es = next(r for r in rows if r["engine"] == "apertium (pivot es)" and r["pair"] == "fr-en")
    assert es["available"] and es["route"] == ["fr-es", "spa-eng"] and es["install"] == ""
    argos = next(r for r in rows if r["engine"] == "argos")
    assert not argos["available"] and "audit models install" in argos["install"]
    monkeypatch.setenv("PATH", str(tmp_path))
    missing = next(r for r in doctor_rows() if r["engine"] == "apertium (pivot es)")
    assert missing["install"].startswith("apt-get install apertium")

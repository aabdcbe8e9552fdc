"""Translation engines behind one interface, and the choice between them.

``auto`` prefers Argos (neural, closer to the MT that produced the text) when
models for both directions are installed, then Apertium (rule-based, Debian
packages), else runs without back-translation: every other check still runs.
"""

from __future__ import annotations

from typing import Any

from audit.engines.base import EngineError, EngineInfo, Translation, TranslationEngine
from audit.engines.none import NoneEngine, none_info

CHOICES = ("auto", "argos", "apertium", "none")

APT_HINT = "apt-get install apertium apertium-fr-es apertium-eng-spa apertium-fra-cat apertium-eng-cat"


def argos_hint(source: str, target: str) -> str:
    return f"audit models install {source} {target} (online), or audit models install PATH.argosmodel"


def _info(engine: TranslationEngine, source: str, target: str, reason: str, **extra: Any) -> EngineInfo:
    route = engine.route(source, target) + engine.route(target, source)
    return EngineInfo(name=engine.name, version=engine.version(), route=route, reason=reason, extra=extra)


def _try_argos(source: str, target: str) -> tuple[TranslationEngine | None, str]:
    """The Argos engine when both directions are installed, else None and what is missing."""
    try:
        from audit.engines.argos import ArgosEngine
    except Exception as exc:  # ctranslate2 or sentencepiece missing or broken
        return None, f"argos unusable ({exc})"
    engine = ArgosEngine()
    missing = [f"{a}->{b}" for a, b in ((source, target), (target, source)) if not engine.available(a, b)]
    if missing:
        return None, f"no Argos model for {', '.join(missing)} in {engine.directory}"
    return engine, ""


def _try_apertium(source: str, target: str, pivot: str) -> tuple[TranslationEngine | None, str]:
    from audit.engines.apertium import ApertiumEngine

    engine = ApertiumEngine(pivot=pivot)
    if engine.available(source, target) and engine.available(target, source):
        return engine, ""
    return None, f"Apertium via {pivot} needs: {' '.join(engine.missing(source, target))}"


def select_engine(
    choice: str, source: str = "fr", target: str = "en", pivot: str = "es"
) -> tuple[TranslationEngine | None, EngineInfo | None, list[str]]:
    """Pick the back-translation engine for ``source``->``target`` (and back).

    Returns (engine or None, what was chosen and why, warnings). With no engine the
    info is the "none" engine's, whose ``reason`` says why; the warnings tell the
    user what to install.
    """
    choice = (choice or "auto").lower()
    if choice not in CHOICES:
        raise EngineError(f"unknown engine {choice!r} (choose from {', '.join(CHOICES)})")
    if choice == "none":
        return None, none_info("back-translation turned off (engine: none)"), []

    if choice == "argos":
        engine, why = _try_argos(source, target)
        if engine:
            return engine, _info(engine, source, target, "requested (engine: argos)"), []
        return None, none_info(why), [f"argos engine unavailable: {why}; install: {argos_hint(source, target)}; other checks still run"]

    if choice == "apertium":
        engine, why = _try_apertium(source, target, pivot)
        if engine:
            return engine, _info(engine, source, target, f"requested (engine: apertium, pivot {pivot})", pivot=pivot), []
        return None, none_info(why), [f"apertium engine unavailable: {why}; other checks still run"]

    # auto
    notes = []
    engine, why = _try_argos(source, target)
    if engine:
        return engine, _info(engine, source, target, "auto: Argos models installed for both directions"), []
    notes.append(why)
    for p in dict.fromkeys((pivot, "ca" if pivot == "es" else "es")):
        engine, why = _try_apertium(source, target, p)
        if engine:
            reason = f"auto: Apertium via {p} ({notes[0]})"
            return engine, _info(engine, source, target, reason, pivot=p), []
        notes.append(why)
    warning = (
        f"no translation engine: install apertium ({APT_HINT}) or an Argos model "
        f"({argos_hint(source, target)}); other checks still run"
    )
    return None, none_info("auto: nothing installed (" + "; ".join(notes) + ")"), [warning]


def doctor_rows(source: str = "fr", target: str = "en") -> list[dict[str, Any]]:
    """One row per engine and direction: available?, version, route, and what to install when missing."""
    from audit.engines.apertium import MODE_PACKAGES, ApertiumEngine

    rows: list[dict[str, Any]] = []
    for pivot in ("es", "ca"):
        engine = ApertiumEngine(pivot=pivot)
        version = engine.version() if engine.binary else ""
        for a, b in ((source, target), (target, source)):
            ok = engine.available(a, b)
            try:
                route = list(engine.route(a, b))
            except EngineError:
                route = []
            missing = [] if ok else engine.missing(a, b)
            needed = [m for m in missing if m == "apertium" or any(MODE_PACKAGES.get(r) == m for r in route)]
            rows.append(
                {
                    "engine": f"apertium (pivot {pivot})",
                    "pair": f"{a}-{b}",
                    "available": ok,
                    "version": version if ok else "",
                    "route": route,
                    "install": "" if ok else "apt-get install " + " ".join(needed or missing),
                }
            )
    try:
        from audit.engines.argos import ArgosEngine

        argos: TranslationEngine | None = ArgosEngine()
    except Exception:
        argos = None
    for a, b in ((source, target), (target, source)):
        ok = bool(argos and argos.available(a, b))
        rows.append(
            {
                "engine": "argos",
                "pair": f"{a}-{b}",
                "available": ok,
                "version": argos.version() if ok and argos else "",
                "route": list(argos.route(a, b)) if ok and argos else [],
                "install": "" if ok else argos_hint(a, b),
            }
        )
    return rows


__all__ = [
    "CHOICES",
    "EngineError",
    "EngineInfo",
    "NoneEngine",
    "Translation",
    "TranslationEngine",
    "doctor_rows",
    "select_engine",
]

"""The "none" engine choice: no back-translation; every other check still runs."""

from __future__ import annotations

from audit.engines.base import EngineError, EngineInfo, Translation, TranslationEngine


class NoneEngine(TranslationEngine):
    """An engine that translates nothing; selecting it turns the back-translation stage off."""

    name = "none"

    def available(self, source: str, target: str) -> bool:
        return False

    def version(self) -> str:
        return ""

    def route(self, source: str, target: str) -> tuple[str, ...]:
        return ()

    def translate(self, texts: list[str], source: str, target: str) -> list[Translation]:
        raise EngineError("no translation engine selected (--engine none)")


def none_info(reason: str) -> EngineInfo:
    """The :class:`EngineInfo` reported when there is no back-translation, with why."""
    return EngineInfo(name="none", version="", route=(), reason=reason)

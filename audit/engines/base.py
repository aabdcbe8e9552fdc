"""The one small interface every translation engine implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any


class EngineError(Exception):
    """An engine failed in a way the user should be told about in one line."""


@dataclass(frozen=True)
class Translation:
    """One translated passage, with the source words the engine did not know."""

    text: str
    unknown: tuple[str, ...] = ()


@dataclass(frozen=True)
class EngineInfo:
    name: str
    version: str
    route: tuple[str, ...] = ()
    reason: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "version": self.version, "route": list(self.route), "reason": self.reason}
        out.update(self.extra)
        return out


class TranslationEngine(ABC):
    """Translate batches of passages from one language to another.

    Implementations make one call per batch and direction (not one per passage)
    and return exactly one :class:`Translation` per input, in order.
    """

    name: str = "engine"

    @abstractmethod
    def available(self, source: str, target: str) -> bool:
        """True when this engine can translate ``source`` -> ``target`` on this machine."""

    @abstractmethod
    def version(self) -> str:
        """A version string that changes when the engine's output may change (for the cache key)."""

    @abstractmethod
    def route(self, source: str, target: str) -> tuple[str, ...]:
        """The hops taken, e.g. ``("fr-es", "spa-eng")``."""

    @abstractmethod
    def translate(self, texts: list[str], source: str, target: str) -> list[Translation]:
        """Translate every text; the result has the same length and order as ``texts``."""

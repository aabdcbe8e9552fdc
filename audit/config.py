"""Settings: defaults, then ``[tool.audit]`` in pyproject.toml or an ``audit.toml``, then the command line."""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

FAIL_ON_CHOICES = ("major", "minor", "info", "never")
ENGINE_CHOICES = ("auto", "argos", "apertium", "none")
PIVOT_CHOICES = ("es", "ca")


class ConfigError(Exception):
    """A configuration file or value that cannot be used; the message is one line."""


@dataclass
class Settings:
    language: str = "fr"
    source_language: str = "en"
    engine: str = "auto"
    pivot: str = "es"
    formats: list[str] = field(default_factory=lambda: ["json", "md"])
    out: str = "reports"
    fail_on: str = "major"
    fail_score: float | None = None
    threshold: float = 0.5
    ignore: list[str] = field(default_factory=list)
    select: list[str] | None = None
    rules: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    cache: str | None = None
    no_cache: bool = False
    jobs: int = 1
    baseline: str | None = None
    suppressions: str | None = None
    quiet: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def validate(self) -> None:
        if self.fail_on not in FAIL_ON_CHOICES:
            raise ConfigError(f"fail-on must be one of {', '.join(FAIL_ON_CHOICES)}, not {self.fail_on!r}")
        if self.engine not in ENGINE_CHOICES:
            raise ConfigError(f"engine must be one of {', '.join(ENGINE_CHOICES)}, not {self.engine!r}")
        if self.pivot not in PIVOT_CHOICES:
            raise ConfigError(f"pivot must be one of {', '.join(PIVOT_CHOICES)}, not {self.pivot!r}")
        if not 0.0 <= self.threshold <= 1.0:
            raise ConfigError(f"threshold must be between 0 and 1, not {self.threshold}")
        if self.fail_score is not None and not 0.0 <= self.fail_score <= 1.0:
            raise ConfigError(f"fail-score must be between 0 and 1, not {self.fail_score}")
        if self.jobs < 1:
            raise ConfigError(f"jobs must be at least 1, not {self.jobs}")
        for code, severity in self.severity.items():
            if severity not in ("major", "minor", "info"):
                raise ConfigError(f"severity of {code} must be major, minor or info, not {severity!r}")
        from audit.writers import WRITERS

        unknown = [f for f in self.formats if f not in WRITERS]
        if unknown:
            raise ConfigError(f"unknown format {', '.join(unknown)}; choose from {', '.join(sorted(WRITERS))}")


_KEY_ALIASES = {"lang": "language", "source": "source_language", "fail-on": "fail_on", "fail-score": "fail_score", "format": "formats"}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None


def find_config(start: Path) -> tuple[Path | None, dict[str, Any]]:
    """The nearest audit.toml, or pyproject.toml with a [tool.audit] table, from ``start`` upwards."""
    for folder in [start, *start.parents]:
        candidate = folder / "audit.toml"
        if candidate.is_file():
            return candidate, _read_toml(candidate)
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            table = _read_toml(candidate).get("tool", {}).get("audit")
            if table is not None:
                return candidate, table
    return None, {}


def settings_from_table(table: dict[str, Any], source: str, base: Settings | None = None) -> Settings:
    settings = base or Settings()
    known = {f.name for f in fields(Settings)}
    for raw_key, value in table.items():
        key = _KEY_ALIASES.get(raw_key, raw_key.replace("-", "_"))
        if key not in known:
            raise ConfigError(f"{source}: unknown setting {raw_key!r}")
        if key == "formats" and isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        setattr(settings, key, value)
    return settings


def load_settings(config: Path | None = None, cwd: Path | None = None) -> tuple[Settings, Path | None]:
    """Settings from an explicit config file, or the nearest one found from ``cwd``."""
    if config is not None:
        table = _read_toml(config)
        if config.name == "pyproject.toml":
            table = table.get("tool", {}).get("audit", {})
        return settings_from_table(table, str(config)), config
    path, table = find_config(cwd or Path.cwd())
    return settings_from_table(table, str(path)) if path else Settings(), path

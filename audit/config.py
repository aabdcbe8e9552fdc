"""Settings: defaults, then ``[tool.audit]`` in pyproject.toml or an ``audit.toml``, then the command line."""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

FAIL_ON_CHOICES = ("major", "minor", "info", "never")
ENGINE_CHOICES = ("auto", "argos", "apertium", "none")
PIVOT_CHOICES = ("es", "ca")
EXECUTOR_CHOICES = ("local", "dask")


# ISO 639-1 or 639-3 codes, as the language identifiers and the engines name languages.
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


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
    jobs: int | None = None  # None: the cores available to this process
    executor: str = "local"
    scheduler: str | None = None  # Dask scheduler address; else DASK_SCHEDULER_ADDRESS, else a local cluster
    baseline: str | None = None
    suppressions: str | None = None
    quiet: bool = False
    source_text: str | None = None  # file, folder or "auto" (audit.source.pairing)
    reference_text: str | None = None
    # Which file set each key (for error messages); not a setting itself.
    origins: dict[str, str] = field(default_factory=dict, repr=False, compare=False, metadata={"internal": True})

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out.pop("origins", None)
        return out

    def where(self, key: str, option: str) -> str:
        """How to name a setting in an error: ``audit.toml: fail-on`` or the command-line option."""
        source = self.origins.get(key)
        return f"{source}: {option.lstrip('-')}" if source else option

    def validate(self) -> None:
        """Ranges and choices; one-line :class:`ConfigError` naming the file and key (or the option)."""
        where = self.where
        self._choice("fail_on", "--fail-on", FAIL_ON_CHOICES)
        self._choice("engine", "--engine", ENGINE_CHOICES)
        self._choice("pivot", "--pivot", PIVOT_CHOICES)
        for key, option in (("language", "--lang"), ("source_language", "--source")):
            if not _LANGUAGE_CODE.fullmatch(getattr(self, key)):
                raise ConfigError(f"{where(key, option)} must be a language code such as fr or en, not {getattr(self, key)!r}")
        if not 0.0 <= self.threshold <= 1.0:
            raise ConfigError(f"{where('threshold', '--threshold')} must be between 0 and 1, not {self.threshold}")
        if self.fail_score is not None and not 0.0 <= self.fail_score <= 1.0:
            raise ConfigError(f"{where('fail_score', '--fail-score')} must be between 0 and 1, not {self.fail_score}")
        if self.jobs is not None and self.jobs < 1:
            raise ConfigError(f"{where('jobs', '--jobs')} must be at least 1, not {self.jobs}")
        self._choice("executor", "--executor", EXECUTOR_CHOICES)
        for code, severity in self.severity.items():
            if severity not in ("major", "minor", "info"):
                raise ConfigError(f"{where('severity', 'severity')}: severity of {code} must be major, minor or info, not {severity!r}")
        # Codes are matched without regard to case.
        self.severity = {code.upper(): severity for code, severity in self.severity.items()}
        from audit.formats import WRITERS

        unknown = [f for f in self.formats if f not in WRITERS]
        if unknown:
            import difflib

            close = difflib.get_close_matches(unknown[0], list(WRITERS), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ConfigError(f"{where('formats', '--format')}: unknown format {unknown[0]!r}{hint} (choose from {', '.join(sorted(WRITERS))})")

    def _choice(self, key: str, option: str, choices: tuple[str, ...]) -> None:
        value = getattr(self, key)
        if value in choices:
            return
        import difflib

        close = difflib.get_close_matches(str(value), choices, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ConfigError(f"{self.where(key, option)} must be one of {', '.join(choices)}, not {value!r}{hint}")

    def check_selection(self) -> None:
        """Every --select/--ignore pattern and [severity] code must name registered rules (load rule packs first)."""
        from audit.checks.registry import check_codes, check_selectors

        try:
            check_selectors(self.select or [], self.where("select", "--select"))
            check_selectors(self.ignore, self.where("ignore", "--ignore"))
            check_codes(self.severity, self.where("severity", "severity"))
        except ValueError as exc:
            raise ConfigError(str(exc)) from None


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


def _type_error(value: Any, annotation: str) -> str | None:
    """Why ``value`` does not fit the field annotation (as written in :class:`Settings`), or None."""
    options = [a.strip() for a in annotation.split("|")]
    if value is None:
        return None if "None" in options else "must be set"
    kinds = []
    for option in options:
        if option == "None":
            continue
        if option == "str":
            kinds.append("a string")
            if isinstance(value, str):
                return None
        elif option == "bool":
            kinds.append("true or false")
            if isinstance(value, bool):
                return None
        elif option == "int":
            kinds.append("a whole number")
            if isinstance(value, int) and not isinstance(value, bool):
                return None
        elif option == "float":
            kinds.append("a number")
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return None
        elif option == "list[str]":
            kinds.append("a list of strings")
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                return None
        elif option == "dict[str, str]":
            kinds.append("a table of strings")
            if isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
                return None
        else:
            return None  # a type this check does not know: Settings.validate speaks for it
    shown = f'"{value}"' if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else repr(value)
    return f"must be {' or '.join(kinds)}, not {shown}"


def settings_from_table(table: dict[str, Any], source: str, base: Settings | None = None) -> Settings:
    settings = base or Settings()
    annotations = {f.name: str(f.type) for f in fields(Settings) if not f.metadata.get("internal")}
    for raw_key, value in table.items():
        key = _KEY_ALIASES.get(raw_key, raw_key.replace("-", "_"))
        if key not in annotations:
            import difflib

            names = sorted({*annotations, *_KEY_ALIASES} - {"quiet"})
            close = difflib.get_close_matches(raw_key.replace("_", "-"), [n.replace("_", "-") for n in names], n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ConfigError(f"{source}: unknown setting {raw_key!r}{hint}")
        if key == "formats" and isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        problem = _type_error(value, annotations[key])
        if problem:
            raise ConfigError(f"{source}: {raw_key} {problem}")
        setattr(settings, key, value)
        settings.origins[key] = source
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

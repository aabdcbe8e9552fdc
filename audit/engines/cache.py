"""A persistent translation cache (SQLite) and an engine wrapper that uses it.

The key of a translation is the sha256 of (engine name, engine version, route,
source language, target language, text): a new engine version or route never
reuses old output. Several audits may run at once on one machine (CI matrix, a
Makefile with -j), so the database runs in WAL mode with a busy timeout, every
write is one short ``INSERT OR IGNORE`` transaction (identical keys written twice
hold identical values, so the first one wins harmlessly), and connections are
reopened after a fork.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Iterable

from audit.engines.base import EngineError, Translation, TranslationEngine

SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    created REAL NOT NULL
) WITHOUT ROWID
"""

# Whole-file analyses (findings, passages, back-translation evidence) keyed by the file's
# text, the settings that shape them and the versions of every tool (audit/analysis_cache.py).
ANALYSIS_SCHEMA = """
CREATE TABLE IF NOT EXISTS analyses (
    key TEXT PRIMARY KEY,
    value BLOB NOT NULL,
    created REAL NOT NULL
) WITHOUT ROWID
"""

BUSY_TIMEOUT_MS = 30_000
# SQLite limits the number of host parameters per statement (999 on old builds).
_CHUNK = 500


def default_cache_path() -> Path:
    """``$AUDIT_CACHE_DIR/translations.sqlite3`` or the user cache folder (platformdirs)."""
    folder = os.environ.get("AUDIT_CACHE_DIR")
    if not folder:
        from platformdirs import user_cache_dir

        folder = user_cache_dir("audit")
    return Path(folder) / "translations.sqlite3"


def cache_key(engine: str, version: str, route: Iterable[str], source: str, target: str, text: str) -> str:
    """The cache key of one translation request."""
    payload = json.dumps([engine, version, list(route), source, target, text], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class TranslationCache:
    """Key -> :class:`Translation` store in one SQLite file, safe for concurrent processes."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else default_cache_path()
        self._connection: sqlite3.Connection | None = None
        self._pid = 0
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        # A connection inherited through fork() must not be used by the child.
        if self._connection is not None and self._pid == os.getpid():
            return self._connection
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self._retry(lambda: connection.execute("PRAGMA journal_mode = WAL"))
        connection.execute("PRAGMA synchronous = NORMAL")
        self._retry(lambda: connection.execute(SCHEMA))
        self._retry(lambda: connection.execute(ANALYSIS_SCHEMA))
        self._connection, self._pid = connection, os.getpid()
        return connection

    @staticmethod
    def _retry(action, attempts: int = 5):
        """Run ``action``; retry when another process holds a lock busy_timeout does not cover (schema, WAL switch)."""
        for attempt in range(attempts):
            try:
                return action()
            except sqlite3.OperationalError as exc:
                transient = "locked" in str(exc) or "busy" in str(exc)
                if not transient or attempt == attempts - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))

    def get_many(self, keys: Iterable[str]) -> dict[str, Translation]:
        """The cached translations of the keys that are present."""
        keys = list(dict.fromkeys(keys))
        found: dict[str, Translation] = {}
        with self._lock:
            connection = self._connect()
            for i in range(0, len(keys), _CHUNK):
                chunk = keys[i:i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = self._retry(
                    lambda: connection.execute(f"SELECT key, value FROM translations WHERE key IN ({marks})", chunk).fetchall()
                )
                for key, value in rows:
                    data = json.loads(value)
                    found[key] = Translation(text=data["text"], unknown=tuple(data.get("unknown", ())))
        return found

    def put_many(self, items: Iterable[tuple[str, Translation]]) -> int:
        """Store translations in one short transaction; keys already present are left alone. Returns rows written."""
        now = time.time()
        rows = [
            (key, json.dumps({"text": t.text, "unknown": list(t.unknown)}, ensure_ascii=False), now)
            for key, t in items
        ]
        if not rows:
            return 0
        return self._insert_rows("translations", rows)

    def get_blobs(self, keys: Iterable[str]) -> dict[str, bytes]:
        """Stored analyses of the keys that are present."""
        keys = list(dict.fromkeys(keys))
        found: dict[str, bytes] = {}
        with self._lock:
            connection = self._connect()
            for i in range(0, len(keys), _CHUNK):
                chunk = keys[i:i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = self._retry(lambda: connection.execute(f"SELECT key, value FROM analyses WHERE key IN ({marks})", chunk).fetchall())
                found.update((key, bytes(value)) for key, value in rows)
        return found

    def put_blobs(self, items: Iterable[tuple[str, bytes]]) -> int:
        """Store analyses in one short transaction (same rules as :meth:`put_many`)."""
        now = time.time()
        rows = [(key, value, now) for key, value in items]
        if not rows:
            return 0
        return self._insert_rows("analyses", rows)

    def _insert_rows(self, table: str, rows: list[tuple]) -> int:
        """Insert ``(key, value, created)`` rows into ``table`` in one short transaction; keys
        already present are left alone (another process may have stored the same key). Returns rows written."""
        with self._lock:
            connection = self._connect()

            def write() -> int:
                connection.execute("BEGIN IMMEDIATE")
                try:
                    before = connection.total_changes
                    connection.executemany(f"INSERT OR IGNORE INTO {table} (key, value, created) VALUES (?, ?, ?)", rows)
                    connection.execute("COMMIT")
                    return connection.total_changes - before
                except BaseException:
                    connection.execute("ROLLBACK")
                    raise

            return self._retry(write)

    def __len__(self) -> int:
        with self._lock:
            return self._connect().execute("SELECT COUNT(*) FROM translations").fetchone()[0]

    def clear(self) -> None:
        with self._lock:
            self._connect().execute("DELETE FROM translations")
            self._connect().execute("DELETE FROM analyses")

    def close(self) -> None:
        with self._lock:
            if self._connection is not None and self._pid == os.getpid():
                self._connection.close()
            self._connection = None


class CachedEngine(TranslationEngine):
    """Serve translations from the cache; send only the misses to the engine, in one batch.

    ``calls`` counts batch calls made to the wrapped engine, ``hits``/``misses``
    count texts. A cache that cannot be read or written (read-only disk, corrupt
    file) does not stop the audit: the engine is used and ``warnings`` says why.
    """

    def __init__(self, engine: TranslationEngine, cache: TranslationCache) -> None:
        self.engine = engine
        self.cache = cache
        self.name = engine.name
        self.calls = 0
        self.hits = 0
        self.misses = 0
        self.warnings: list[str] = []
        self._version: str | None = None

    def available(self, source: str, target: str) -> bool:
        return self.engine.available(source, target)

    def version(self) -> str:
        if self._version is None:
            self._version = self.engine.version()
        return self._version

    def route(self, source: str, target: str) -> tuple[str, ...]:
        return self.engine.route(source, target)

    def translate(self, texts: list[str], source: str, target: str) -> list[Translation]:
        route = self.route(source, target)
        version = self.version()
        keys = [cache_key(self.engine.name, version, route, source, target, t) for t in texts]
        try:
            cached = self.cache.get_many(keys)
        except (sqlite3.Error, OSError, ValueError) as exc:
            self._warn(f"translation cache unreadable ({self.cache.path}): {exc}")
            cached = {}
        todo: dict[str, str] = {}
        for key, text in zip(keys, texts):
            if key not in cached:
                todo.setdefault(key, text)
        self.hits += len(texts) - sum(1 for k in keys if k not in cached)
        self.misses += len(todo)
        if todo:
            self.calls += 1
            fresh = self.engine.translate(list(todo.values()), source, target)
            if len(fresh) != len(todo):
                raise EngineError(f"{self.engine.name}: returned {len(fresh)} translations for {len(todo)} texts")
            new = dict(zip(todo, fresh))
            try:
                self.cache.put_many(new.items())
            except (sqlite3.Error, OSError) as exc:
                self._warn(f"translation cache not written ({self.cache.path}): {exc}")
            cached.update(new)
        return [cached[k] for k in keys]

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

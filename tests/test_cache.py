"""The SQLite translation cache and the caching engine wrapper."""

from __future__ import annotations

import multiprocessing
import sqlite3

import pytest

from audit.engines.apertium import ApertiumEngine
from audit.engines.base import Translation, TranslationEngine
from audit.engines.cache import CachedEngine, TranslationCache, cache_key, default_cache_path


class CountingEngine(TranslationEngine):
    """A deterministic in-memory engine that records what it was asked."""

    name = "counting"

    def __init__(self):
        self.batches: list[list[str]] = []

    def available(self, source, target):
        return True

    def version(self):
        return "1"

    def route(self, source, target):
        return (f"{source}-{target}",)

    def translate(self, texts, source, target):
        self.batches.append(list(texts))
        return [Translation(text=t.upper(), unknown=("x",) if "?" in t else ()) for t in texts]


def test_key_depends_on_every_part():
    base = ("apertium", "1", ("fr-es", "spa-eng"), "fr", "en", "Bonjour")
    keys = {cache_key(*base)}
    for i, other in enumerate(("argos", "2", ("fra-cat", "cat-eng"), "es", "de", "Bonsoir")):
        changed = list(base)
        changed[i] = other
        keys.add(cache_key(*changed))
    assert len(keys) == 7 and all(len(k) == 64 for k in keys)


def test_put_get_and_insert_or_ignore(tmp_path):
    cache = TranslationCache(tmp_path / "c.sqlite3")
    assert cache.get_many(["a"]) == {}
    assert cache.put_many([("a", Translation("one", ("w",))), ("b", Translation("two"))]) == 2
    assert cache.put_many([("a", Translation("changed"))]) == 0
    assert cache.get_many(["a", "b", "c"]) == {"a": Translation("one", ("w",)), "b": Translation("two")}
    assert len(cache) == 2
    mode = sqlite3.connect(cache.path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    many = [(f"k{i}", Translation(str(i))) for i in range(1200)]  # more than one IN (...) chunk
    cache.put_many(many)
    assert len(cache.get_many(k for k, _ in many)) == 1200


def test_default_path_is_the_user_cache_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("AUDIT_CACHE_DIR", raising=False)
    from platformdirs import user_cache_dir

    assert default_cache_path().parent == __import__("pathlib").Path(user_cache_dir("audit"))
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path))
    assert default_cache_path() == tmp_path / "translations.sqlite3"
    assert TranslationCache().path == tmp_path / "translations.sqlite3"


def test_cached_engine_sends_only_misses_in_one_batch(tmp_path):
    inner = CountingEngine()
    engine = CachedEngine(inner, TranslationCache(tmp_path / "c.sqlite3"))
    assert engine.translate(["a", "b", "a?"], "fr", "en") == [Translation("A"), Translation("B"), Translation("A?", ("x",))]
    assert engine.translate(["b", "c", "c", "a?"], "fr", "en")[1:3] == [Translation("C"), Translation("C")]
    assert inner.batches == [["a", "b", "a?"], ["c"]]
    assert (engine.calls, engine.hits, engine.misses) == (2, 2, 4)  # misses counted once per distinct text
    engine.translate(["a", "b"], "fr", "en")
    assert engine.calls == 2
    engine.translate(["a"], "en", "fr")  # another direction is another key
    assert engine.calls == 3


def test_second_run_with_apertium_makes_no_engine_call(tmp_path):
    apertium = ApertiumEngine()
    if not apertium.available("fr", "en"):
        pytest.skip("apertium not installed")
    texts = ["Le gouvernement a annoncé un plan.", "La smartphonisation avance."]
    first = CachedEngine(apertium, TranslationCache(tmp_path / "c.sqlite3"))
    out1 = first.translate(texts, "fr", "en")
    assert first.calls == 1
    calls = apertium.process_calls
    second = CachedEngine(apertium, TranslationCache(tmp_path / "c.sqlite3"))  # a new run, same file
    out2 = second.translate(texts, "fr", "en")
    assert out2 == out1 and second.calls == 0 and apertium.process_calls == calls
    assert "smartphonisation" in out2[1].unknown


def test_unusable_cache_does_not_stop_translation(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    engine = CachedEngine(CountingEngine(), TranslationCache(blocker / "sub" / "c.sqlite3"))
    assert engine.translate(["a"], "fr", "en") == [Translation("A")]
    assert engine.warnings and "cache" in engine.warnings[0]


def _writer(path: str, worker: int, queue) -> None:
    try:
        cache = TranslationCache(path)
        for batch in range(20):
            # Every worker writes overlapping keys: 0-99 shared, plus its own.
            items = [(f"shared{(batch * 5 + i) % 100}", Translation(f"s{(batch * 5 + i) % 100}")) for i in range(5)]
            items += [(f"w{worker}-{batch}-{i}", Translation("own")) for i in range(5)]
            cache.put_many(items)
            cache.get_many(k for k, _ in items)
        queue.put(None)
    except Exception as exc:  # pragma: no cover - reported to the parent
        queue.put(repr(exc))


def test_concurrent_writers(tmp_path):
    path = str(tmp_path / "c.sqlite3")
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    workers = [context.Process(target=_writer, args=(path, w, queue)) for w in range(4)]
    for p in workers:
        p.start()
    errors = [queue.get(timeout=60) for _ in workers]
    for p in workers:
        p.join(timeout=60)
    assert errors == [None] * 4
    cache = TranslationCache(path)
    assert len(cache) == 100 + 4 * 20 * 5
    assert cache.get_many(["shared7"])["shared7"] == Translation("s7")


def test_fork_reopens_connection(tmp_path):
    cache = TranslationCache(tmp_path / "c.sqlite3")
    cache.put_many([("parent", Translation("p"))])
    context = multiprocessing.get_context("fork")
    queue = context.Queue()

    def child():
        cache.put_many([("child", Translation("c"))])
        queue.put(sorted(cache.get_many(["parent", "child"])))

    process = context.Process(target=child)
    process.start()
    assert queue.get(timeout=30) == ["child", "parent"]
    process.join(timeout=30)
    assert sorted(cache.get_many(["parent", "child"])) == ["child", "parent"]

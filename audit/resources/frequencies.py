"""wordfreq's frequency tables held packed: the same frequencies in a fraction of the memory.

``wordfreq.zipf_frequency`` reads a dictionary of every word of the language's list (French and
English: 34 MB each per process, and wordfreq keeps the list it was built from as well). Here
each list is a sorted array of 64-bit hashes of the words, the words themselves in one UTF-8
string (a lookup compares the word, so a hash collision cannot answer for another word), and
each word's frequency band (wordfreq stores frequencies rounded to centibels and gives
``cB_to_freq(-band)``). :func:`install` makes wordfreq read these instead of building its
dictionary; its tokenisation, number handling and rounding are untouched, so every frequency
is the one wordfreq gives. The packed lists are built once from wordfreq's own files and kept
in the cache folder (``$AUDIT_CACHE_DIR`` or the user cache folder).
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from array import array
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

FORMAT = 1


def _hash(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


class PackedFrequencies:
    """A read-only stand-in for ``wordfreq.get_frequency_dict(lang)``: word -> frequency."""

    def __init__(self, hashes: array, words: bytes, ends: array, bands: array):
        self.hashes = hashes
        self.words = words
        self.ends = ends
        self.bands = bands

    @classmethod
    def build(cls, bands_of_words: dict[str, int]) -> "PackedFrequencies":
        rows = sorted((_hash(w.encode("utf-8", "surrogatepass")), w.encode("utf-8", "surrogatepass"), band) for w, band in bands_of_words.items())
        hashes = array("Q", (r[0] for r in rows))
        ends = array("I")
        total = 0
        for r in rows:
            total += len(r[1])
            ends.append(total)
        return cls(hashes, b"".join(r[1] for r in rows), ends, array("H", (r[2] for r in rows)))

    def _find(self, word) -> int:
        if not isinstance(word, str):
            return -1
        data = word.encode("utf-8", "surrogatepass")
        h = _hash(data)
        i = bisect_left(self.hashes, h)
        while i < len(self.hashes) and self.hashes[i] == h:
            if self.words[self.ends[i - 1] if i else 0:self.ends[i]] == data:
                return i
            i += 1
        return -1

    def __contains__(self, word) -> bool:
        return self._find(word) >= 0

    def __getitem__(self, word):
        from wordfreq import cB_to_freq

        i = self._find(word)
        if i < 0:
            raise KeyError(word)
        return cB_to_freq(-self.bands[i])

    def get(self, word, default=None):
        return self[word] if word in self else default

    def __len__(self) -> int:
        return len(self.hashes)

    def to_bytes(self) -> bytes:
        from srsly import msgpack_dumps

        return msgpack_dumps([self.hashes.tobytes(), self.words, self.ends.tobytes(), self.bands.tobytes()])

    @classmethod
    def from_bytes(cls, data: bytes) -> "PackedFrequencies":
        from srsly import msgpack_loads

        hashes, words, ends, bands = msgpack_loads(data)
        arrays = []
        for code, raw in (("Q", hashes), ("I", ends), ("H", bands)):
            a = array(code)
            a.frombytes(raw)
            arrays.append(a)
        return cls(arrays[0], words, arrays[1], arrays[2])


def _bands(lang: str, wordlist: str) -> dict[str, int]:
    """word -> band as ``get_frequency_dict`` sees it: a word in two bands keeps the last one."""
    import wordfreq

    pack = wordfreq.get_frequency_list.__wrapped__(lang, wordlist)  # not kept in wordfreq's cache
    bands: dict[str, int] = {}
    for index, bucket in enumerate(pack):
        for word in bucket:
            bands[word] = index
    return bands


def cache_file(lang: str, wordlist: str) -> Path:
    from importlib.metadata import version

    folder = os.environ.get("AUDIT_CACHE_DIR")
    if not folder:
        from platformdirs import user_cache_dir

        folder = user_cache_dir("audit")
    digest = hashlib.sha256(f"{FORMAT}:{version('wordfreq')}:{lang}:{wordlist}:{sys.byteorder}".encode()).hexdigest()[:16]
    return Path(folder) / f"wordfreq-{lang}-{wordlist}-{digest}.msgpack"


@lru_cache(maxsize=None)
def packed(lang: str, wordlist: str = "best") -> PackedFrequencies:
    """The packed list of ``lang``: read from the cache folder, or built from wordfreq's file and stored."""
    from audit.fileio import atomic_write

    target = cache_file(lang, wordlist)
    try:
        return PackedFrequencies.from_bytes(target.read_bytes())
    except FileNotFoundError:
        pass
    except Exception as exc:  # noqa: BLE001 - a damaged cache is rebuilt
        log.info("%s: unreadable (%s); rebuilding", target, exc)
    table = PackedFrequencies.build(_bands(lang, wordlist))
    try:
        atomic_write(target, table.to_bytes())
    except OSError as exc:
        log.info("cannot keep the packed word frequencies in %s: %s", target, exc)
    return table


_PACKED_LANGUAGES = ("fr", "en")  # the lists the auditor reads; others go through wordfreq unchanged


@lru_cache(maxsize=1)
def install() -> bool:
    """Make ``wordfreq`` look French and English frequencies up in the packed lists (once per process)."""
    try:
        import wordfreq
    except ImportError:
        return False
    original = wordfreq.get_frequency_dict
    if getattr(original, "audit_packed", False):
        return True

    def get_frequency_dict(lang: str, wordlist: str = "best", match_cutoff=None):
        if lang in _PACKED_LANGUAGES and match_cutoff is None:
            try:
                return packed(lang, wordlist)
            except Exception as exc:  # noqa: BLE001 - wordfreq's own dictionary has the same answers
                log.info("packed word frequencies unavailable (%s)", exc)
        return original(lang, wordlist, match_cutoff)

    get_frequency_dict.audit_packed = True
    wordfreq.get_frequency_dict = get_frequency_dict
    return True

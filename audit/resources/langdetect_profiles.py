"""langdetect's language profiles held sparse: the same probabilities in a fifth of the memory.

langdetect keeps, for each of its 87,600 character n-grams, a list of 55 floats (one per
language), about 60 MB per process, although 96 % of the entries are 0.0. :class:`SparseProfiles`
keeps only the non-zero ones (language index and value) and builds the n-gram's list of 55 floats
when the detector asks for it, with the same values; langdetect's own loading is replayed step by
step (same files in the same order, same arithmetic), so the detector computes exactly the same
probabilities. :func:`install` hands langdetect a factory holding it before its first use.
"""

from __future__ import annotations

import json
import os
from array import array
from os import path

_ROW_CACHE = 4096  # rows built and kept: one text's n-grams are asked for again and again


class SparseProfiles:
    """A read-only stand-in for ``DetectorFactory.word_lang_prob_map`` (n-gram -> one float per language)."""

    def __init__(self, languages: int, rows: dict[str, int], starts: array, indexes: array, values: array):
        self._languages = languages
        self._rows = rows
        self._starts = starts  # row r's entries are [starts[r], starts[r + 1])
        self._indexes = indexes
        self._values = values
        self._built: dict[str, list[float]] = {}

    def __contains__(self, word) -> bool:
        return word in self._rows

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self):
        return iter(self._rows)

    def keys(self):
        return self._rows.keys()

    def __getitem__(self, word: str) -> list[float]:
        row = self._built.get(word)
        if row is None:
            r = self._rows[word]
            row = [0.0] * self._languages
            for k in range(self._starts[r], self._starts[r + 1]):
                row[self._indexes[k]] = self._values[k]
            if len(self._built) >= _ROW_CACHE:
                self._built.clear()
            self._built[word] = row
        return row


def load(profile_directory: str) -> tuple[list[str], SparseProfiles]:
    """(languages, profiles) as ``DetectorFactory.load_profile(profile_directory)`` would hold them.

    The same walk as langdetect's: every file of the folder in ``os.listdir`` order counts in the
    number of languages; hidden files and folders are skipped; each n-gram of a profile gets a row,
    and n-grams of 1 to 3 characters get ``freq / n_words[length - 1]`` for that language.
    """
    files = os.listdir(profile_directory)
    if not files:
        raise ValueError(f"no langdetect profile in {profile_directory}")
    languages = len(files)
    langlist: list[str] = []
    rows: dict[str, int] = {}
    # (row, language, value) triples in flat arrays, grouped by row below: no per-n-gram objects
    # while loading, whose freed memory the process would keep.
    coo_rows, coo_languages, coo_values = array("I"), array("B" if languages < 256 else "H"), array("d")
    for filename in files:
        if filename.startswith("."):
            continue
        filename = path.join(profile_directory, filename)
        if not path.isfile(filename):
            continue
        with open(filename, encoding="utf-8") as handle:
            profile = json.load(handle)
        name, freq, n_words = profile["name"], profile["freq"], profile["n_words"]
        if name in langlist:
            raise ValueError(f"two langdetect profiles for {name}")
        index = len(langlist)
        langlist.append(name)
        for word, count in freq.items():
            row = rows.setdefault(word, len(rows))
            length = len(word)
            if 1 <= length <= 3:
                coo_rows.append(row)
                coo_languages.append(index)
                coo_values.append(1.0 * count / n_words[length - 1])
        del profile, freq
    # Counting sort by row, in place in arrays (each row's entries keep the languages' order).
    starts = array("I", bytes(4 * (len(rows) + 1)))
    for row in coo_rows:
        starts[row + 1] += 1
    for r in range(1, len(starts)):
        starts[r] += starts[r - 1]
    cursor = array("I", starts)
    indexes = array(coo_languages.typecode, bytes(coo_languages.itemsize * len(coo_rows)))
    values = array("d", bytes(8 * len(coo_rows)))
    for k, row in enumerate(coo_rows):
        position = cursor[row]
        indexes[position] = coo_languages[k]
        values[position] = coo_values[k]
        cursor[row] = position + 1
    return langlist, SparseProfiles(languages, rows, starts, indexes, values)


def install() -> bool:
    """Give langdetect, before it loads its own, a factory whose profiles are sparse; False if it already has one."""
    from langdetect import detector_factory

    if detector_factory._factory is not None:
        return False
    factory = detector_factory.DetectorFactory()
    factory.langlist, factory.word_lang_prob_map = load(detector_factory.PROFILES_DIRECTORY)
    detector_factory._factory = factory
    return True

"""hunspell lookups from a precomputed word-form set, without loading spylls.

Reading hunspell-fr with spylls costs about 4 s of CPU and 120 MB in every process
(each ``--jobs`` worker), while the auditor only asks ``lookup(word)``. So the forms
spylls accepts are expanded once (``audit.resources.hunspell_build``, with spylls)
into a MARISA trie kept in the user cache folder, named after a hash of the .aff and
.dic files, the spylls version and the expansion's code. A process maps the trie
(a few milliseconds; its pages are shared by every worker) and replays around it
what spylls' ``Lookup.__call__`` does: ICONV, numbers, BREAK, the case variants of
a word, KEEPCASE, the case-blind pass for words in capitals, COMPOUNDRULE.

``scripts/install.sh`` builds the sets. A process that finds one missing or stale
builds it (one process at a time, under a lock; the others meanwhile use spylls),
and a dictionary the expansion cannot replay stays on spylls: the answers are the
same either way (tests/test_hunspell_words.py compares them on real text).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
from functools import reduce
from importlib import metadata
from itertools import product
from pathlib import Path

# Bump when the stored layout changes (a change to hunspell_build.py rebuilds the sets by itself).
FORMAT = 1
KEEPCASE_MARK = "\x01"  # "form\x01c": a KEEPCASE form, good when the word's case type is c
CASELESS_MARK = "\x02"  # "\x02form": good in the case-blind pass of a word in capitals
NUMBER_RE = re.compile(r"^\d+(\.\d+)?$")  # spylls accepts numbers before any lookup


def cache_folder() -> Path:
    """``$AUDIT_HUNSPELL_DIR`` or ``hunspell/`` in the user cache folder."""
    folder = os.environ.get("AUDIT_HUNSPELL_DIR")
    if folder:
        return Path(folder)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("audit")) / "hunspell"


def dictionary_key(base: Path) -> str:
    """What a set depends on: the .aff and .dic bytes, the spylls version, the expansion's code and FORMAT."""
    digest = hashlib.sha256()
    digest.update(Path(__file__).with_name("hunspell_build.py").read_bytes())
    for suffix in (".aff", ".dic"):
        digest.update(base.with_suffix(suffix).read_bytes())
        digest.update(b"\0")
    try:
        spylls = metadata.version("spylls")
    except metadata.PackageNotFoundError:
        spylls = "none"
    digest.update(f"{FORMAT}:{spylls}".encode())
    return digest.hexdigest()[:24]


# --- spylls' casing (spylls/hunspell/algo/capitalization.py, the default Casing) ---

NO, INIT, ALL, HUHINIT, HUH = "n", "i", "a", "h", "u"


def guess(word: str) -> str:
    if word.islower():
        return NO
    if word.isupper():
        return ALL
    if word[:1].isupper():
        return INIT if word[1:].islower() else HUHINIT
    return HUH


def _lower(word: str) -> list[str]:
    if not word or word[0] == "İ":
        return []
    return [word.lower().replace("i\u0307", "i")]


def _capitalize(word: str) -> list[str]:
    if len(word) == 1:
        return list(word[0].upper())
    return [word[0].upper() + low for low in _lower(word[1:])]


def variants(word: str) -> tuple[str, list[str]]:
    """The word's case type and the spellings it may have in the dictionary."""
    captype = guess(word)
    if captype == INIT:
        return captype, [word, *_lower(word)]
    if captype == HUHINIT:
        return captype, [word, *(letter + word[1:] for letter in _lower(word[0]))]
    if captype == ALL:
        return captype, [word, *_lower(word), *_capitalize(word)]
    return captype, [word]


class _Conversion:
    """spylls' ConvTable (ICONV): at each position the longest pattern that matches is replaced.

    spylls tries every pattern at every position; one alternation in spylls' order
    (longest first, then alphabetical) scanned by ``re.sub`` does the same. The build
    refuses patterns with regular-expression characters, so patterns are plain text
    (with ``^``/``$`` for hunspell's leading and trailing ``_``).
    """

    def __init__(self, pairs):
        table = []
        for pattern, replacement in pairs:
            clean = pattern.replace("_", "")
            regex = re.escape(clean)
            if pattern.startswith("_"):
                regex = "^" + regex
            if pattern.endswith("_"):
                regex = regex + "$"
            table.append((clean, regex, replacement.replace("_", " ")))
        table.sort(key=lambda row: row[0])
        table.sort(key=lambda row: -len(row[0]))  # stable: ties keep the alphabetical order
        self.replacements = [row[2] for row in table]
        self.regex = re.compile("|".join(f"(?P<p{i}>{row[1]})" for i, row in enumerate(table)))

    def __call__(self, word: str) -> str:
        return self.regex.sub(lambda match: self.replacements[int(match.lastgroup[1:])], word)


class _CompoundRule:
    """spylls' CompoundRule: a regular expression over the flags of a compound's parts."""

    def __init__(self, text: str):
        if "(" in text:
            self.flags = set(re.findall(r"\((.+?)\)", text))
            parts = re.findall(r"\([^*?]+?\)[*?]?", text)
        else:
            self.flags = set(re.sub(r"[\*\?]", "", text))
            parts = [part.replace(")", "\\)") for part in re.findall(r"[^*?][*?]?", text)]
        self.re = re.compile("".join(parts))
        self.partial_re = re.compile(reduce(lambda res, part: f"{part}({res})?", parts[::-1]))

    def _any(self, regex, flag_sets) -> bool:
        relevant = [self.flags.intersection(flags) for flags in flag_sets]
        return any(regex.fullmatch("".join(choice)) for choice in product(*relevant))

    def fullmatch(self, flag_sets) -> bool:
        return self._any(self.re, flag_sets)

    def partial_match(self, flag_sets) -> bool:
        return self._any(self.partial_re, flag_sets)


class HunspellWords:
    """``lookup(word)`` answered like spylls' ``Dictionary.lookup``, from a precomputed set."""

    def __init__(self, trie, header: dict, source: str):
        self.trie = trie
        self.source = source
        self.iconv = _Conversion(header["iconv"]) if header["iconv"] else None
        self.breaks = []
        for pattern in header["breaks"]:
            regex = re.escape(pattern).replace("\\^", "^").replace("\\$", "$")
            anchored = regex.startswith("^") or regex.endswith("$")
            self.breaks.append(re.compile(f"({regex})" if anchored else f".({regex})."))
        self.rules = [_CompoundRule(text) for text in header["compound_rules"]]
        self.compound_words = {stem: [set(flags) for flags in homonyms] for stem, homonyms in header["compound_words"].items()}
        self.compound_min = header["compound_min"]
        self.compound_word_max = header["compound_word_max"]

    def lookup(self, word: str) -> bool:
        if self.iconv is not None:
            word = self.iconv(word)
        if NUMBER_RE.fullmatch(word):
            return True
        for parts in self._break_word(word):
            if all(self._correct(part) for part in parts if part):
                return True
        return False

    def _break_word(self, text: str, depth: int = 0):
        if depth > 10:
            return
        yield [text]
        for regex in self.breaks:
            for match in regex.finditer(text):
                start, rest = text[: match.start(1)], text[match.end(1):]
                for breaking in self._break_word(rest, depth + 1):
                    yield [start, *breaking]

    def _correct(self, word: str) -> bool:
        captype, spellings = variants(word)
        for spelling in spellings:
            if self._affix_form(spelling, captype) or (self.rules and self._compound(spelling, captype)):
                return True
        return False

    def _affix_form(self, spelling: str, captype: str) -> bool:
        trie = self.trie
        if spelling in trie or f"{spelling}{KEEPCASE_MARK}{captype}" in trie:
            return True
        return captype == ALL and guess(spelling) == NO and f"{CASELESS_MARK}{spelling}" in trie

    # COMPOUNDRULE compounds (en_US: ordinal numbers such as 21st), as spylls' compounds_by_rules.
    def _compound(self, word: str, captype: str) -> bool:
        return any(not self._bad_compound(parts, captype) for parts in self._compounds(word, [], self.rules))

    def _compounds(self, rest: str, prev: list, rules: list):
        if prev:
            for flags in self.compound_words.get(rest, ()):
                if any(rule.fullmatch([*(f for _, f in prev), flags]) for rule in rules):
                    yield [*(text for text, _ in prev), rest]
        if len(rest) < self.compound_min * 2 or (self.compound_word_max and len(prev) >= self.compound_word_max):
            return
        for pos in range(self.compound_min, len(rest) - self.compound_min + 1):
            beginning = rest[:pos]
            for flags in self.compound_words.get(beginning, ()):
                parts = [*prev, (beginning, flags)]
                matching = [rule for rule in rules if rule.partial_match([f for _, f in parts])]
                if matching:
                    for found in self._compounds(rest[pos:], parts, matching):
                        yield found

    def _bad_compound(self, parts: list[str], captype: str) -> bool:
        # A compound whose two neighbours form a dictionary entry with a space is not a compound.
        return any(self._affix_form(left + " " + right, captype) for left, right in zip(parts, parts[1:]))


class SpyllsWords:
    """The same interface over spylls itself (no set built yet, or a dictionary the expansion refuses)."""

    def __init__(self, base: Path, reason: str):
        from spylls.hunspell import Dictionary

        self.dictionary = Dictionary.from_files(str(base))
        self.source = f"{base} through spylls ({reason})"

    def lookup(self, word: str) -> bool:
        return bool(self.dictionary.lookup(word))


def set_paths(base: Path, folder: Path | None = None) -> tuple[Path, Path]:
    """The trie and header files of the set built from ``base`` (.aff/.dic without suffix)."""
    folder = folder or cache_folder()
    # fr_FR, fr_BE... are links to fr: one set for all of them.
    stem = f"{base.with_suffix('.dic').resolve().stem}-{dictionary_key(base)}"
    return folder / f"{stem}.marisa", folder / f"{stem}.json"


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def build(base: Path, folder: Path | None = None) -> Path:
    """Expand the dictionary ``base`` with spylls and write its set; returns the header path.

    Raises ``hunspell_build.Unsupported`` for a dictionary the expansion does not replay.
    """
    import marisa_trie
    from spylls.hunspell import Dictionary

    from audit.resources.hunspell_build import expand

    trie_path, header_path = set_paths(base, folder)
    expansion = expand(Dictionary.from_files(str(base)))
    keys = expansion.forms | expansion.keepcase
    keys.update(f"{CASELESS_MARK}{form}" for form in expansion.caseless)
    trie_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = trie_path.with_name(f"{trie_path.name}.{os.getpid()}.tmp")
    marisa_trie.Trie(keys).save(str(tmp))
    tmp.replace(trie_path)
    header = {
        "format": FORMAT,
        "dictionary": str(base),
        "key": dictionary_key(base),
        "forms": len(expansion.forms), "keepcase_forms": len(expansion.keepcase), "caseless_forms": len(expansion.caseless),
        "iconv": expansion.iconv, "breaks": expansion.breaks,
        "compound_rules": expansion.compound_rules, "compound_words": expansion.compound_words,
        "compound_min": expansion.compound_min, "compound_word_max": expansion.compound_word_max,
    }
    # The header is written last: a set is complete when its header exists.
    _atomic_write(header_path, json.dumps(header, ensure_ascii=False, indent=1).encode("utf-8"))
    return header_path


def load(base: Path, folder: Path | None = None) -> HunspellWords | None:
    """The set built from ``base`` if it exists and is current, else None."""
    import marisa_trie

    trie_path, header_path = set_paths(base, folder)
    try:
        header = json.loads(header_path.read_text(encoding="utf-8"))
        trie = marisa_trie.Trie()
        trie.mmap(str(trie_path))  # pages shared by every process that maps the same file
    except Exception:  # noqa: BLE001 - missing, half-written or damaged: rebuilt or answered by spylls
        return None
    if header.get("format") != FORMAT:
        return None
    return HunspellWords(trie, header, f"{base} as {header['forms'] + header['keepcase_forms']:,} precomputed forms ({trie_path})")


def describe(base: Path) -> str:
    """Where lookups in ``base`` come from, without loading or building anything (for ``audit doctor``)."""
    words = load(base)
    if words is not None:
        return words.source
    return f"{base} through spylls until its precomputed set is built (python -m audit.resources.hunspell_words --build; the first audit builds it too)"


def open_dictionary(base: Path, *, build_missing: bool = True):
    """A lookup for the dictionary ``base``: the precomputed set, built now if missing, or spylls."""
    from audit.resources.hunspell_build import Unsupported

    words = load(base)
    if words is not None:
        return words
    if not build_missing:
        return SpyllsWords(base, "no precomputed set")
    folder = cache_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock = open(folder / f"{base.name}.lock", "w")
    except OSError:
        return SpyllsWords(base, f"cache folder {folder} not writable")
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # another process is building it: answer through spylls meanwhile
            return SpyllsWords(base, "set being built by another process")
        words = load(base)
        if words is not None:
            return words
        try:
            build(base, folder)
        except Unsupported as exc:
            return SpyllsWords(base, f"not expandable: {exc}")
        except Exception as exc:  # noqa: BLE001 - a set that cannot be built never stops an audit
            return SpyllsWords(base, f"set not built: {exc}")
    return load(base) or SpyllsWords(base, "set unreadable")


def main(argv: list[str] | None = None) -> int:
    """``python -m audit.resources.hunspell_words [--build]``: build (or show) the sets of the installed dictionaries."""
    import argparse

    from audit.resources.hunspell_build import Unsupported
    from audit.resources.lexicon import HUNSPELL_DIRS

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--build", action="store_true", help="build missing or stale sets")
    parser.add_argument("names", nargs="*", default=["fr", "en_US"])
    args = parser.parse_args(argv)
    for name in args.names:
        base = next((folder / name for folder in HUNSPELL_DIRS if (folder / f"{name}.dic").exists()), None)
        if base is None:
            print(f"{name}: not installed")
            continue
        if load(base) is None and args.build:
            try:
                build(base)
            except Unsupported as exc:
                print(f"{name}: left to spylls ({exc})")
                continue
        words = load(base)
        print(f"{name}: {words.source if words else 'no precomputed set (run with --build)'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

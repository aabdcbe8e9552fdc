"""Regular expressions compiled once per process, for libraries that pass pattern strings.

Python's ``re`` module keeps only the last 512 compiled patterns. Grammalecte calls
``re.search(pattern_string, ...)`` with thousands of different patterns (its
graph rules test token morphologies by regex), so with the standard cache every
paragraph recompiled hundreds of patterns: 31,000 compilations and 10 s on 100
articles. :class:`CompiledOnce` is a drop-in for the module-level functions of
``re`` with an unbounded memo: each distinct (pattern, flags) is compiled once
for the life of the process. Our own code compiles its patterns at import or
rule-loading time and does not need it.
"""

from __future__ import annotations

import re
import types
from typing import Any


# (pattern, flags) -> compiled pattern. A plain dict: Grammalecte asks about 30,000 times a
# paragraph, and lru_cache plus an isinstance test cost as much as the searches themselves.
# An already compiled pattern is its own entry (re.compile returns it unchanged).
_COMPILED: dict[tuple[Any, int], re.Pattern] = {}


# pattern -> its compiled pattern's ``search`` (flags 0), the hottest path of all.
_SEARCH: dict[Any, Any] = {}


def compiled(pattern: str | bytes, flags: int = 0) -> re.Pattern:
    """``re.compile`` memoised without bound (the set of patterns a library uses is finite)."""
    return _pattern(pattern, flags)


def _pattern(pattern: Any, flags: int) -> re.Pattern:
    try:
        return _COMPILED[pattern, flags]
    except KeyError:
        found = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, int(flags))
        _COMPILED[pattern, flags] = found
        return found


class CompiledOnce(types.ModuleType):
    """A stand-in for the ``re`` module whose functions never recompile a pattern."""

    def __init__(self) -> None:
        super().__init__("re")

    def __getattr__(self, name: str) -> Any:  # flags, error, escape, Pattern ...
        return getattr(re, name)

    @staticmethod
    def compile(pattern, flags=0):
        return _pattern(pattern, flags)

    @staticmethod
    def search(pattern, string, flags=0):
        # Grammalecte's graph rules call this 800,000 times on 30 articles, nearly always
        # without flags: go straight from the pattern to its bound ``search``.
        if not flags:
            try:
                return _SEARCH[pattern](string)
            except KeyError:
                found = _SEARCH[pattern] = _pattern(pattern, 0).search
                return found(string)
        return _pattern(pattern, flags).search(string)

    @staticmethod
    def match(pattern, string, flags=0):
        return _pattern(pattern, flags).match(string)

    @staticmethod
    def fullmatch(pattern, string, flags=0):
        return _pattern(pattern, flags).fullmatch(string)

    @staticmethod
    def sub(pattern, repl, string, count=0, flags=0):
        return _pattern(pattern, flags).sub(repl, string, count)

    @staticmethod
    def subn(pattern, repl, string, count=0, flags=0):
        return _pattern(pattern, flags).subn(repl, string, count)

    @staticmethod
    def split(pattern, string, maxsplit=0, flags=0):
        return _pattern(pattern, flags).split(string, maxsplit)

    @staticmethod
    def findall(pattern, string, flags=0):
        return _pattern(pattern, flags).findall(string)

    @staticmethod
    def finditer(pattern, string, flags=0):
        return _pattern(pattern, flags).finditer(string)


COMPILED_ONCE = CompiledOnce()


def install(module: types.ModuleType) -> bool:
    """Make ``module`` (which did ``import re``) use :data:`COMPILED_ONCE`; False when it does not use ``re``."""
    if getattr(module, "re", None) is re:
        module.re = COMPILED_ONCE
        return True
    return getattr(module, "re", None) is COMPILED_ONCE

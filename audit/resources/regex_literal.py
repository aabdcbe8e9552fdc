"""A cheap test that proves a regular expression cannot match a text.

The rule pack runs about 370 regexes on every sentence and almost all of them find
nothing. Most of these regexes contain words every match must contain (« iceberg »
in ``\\bpointe\\s+de\\s+l['’]iceberg\\b``), and a substring test on the sentence
(lower-cased once for the case-insensitive rules) is far cheaper than the regex
engine trying each position. :func:`regex_plan` reads those words from the parsed
regex; :meth:`RegexPlan.may_match` says False only when the regex cannot match, so
the findings are the same with and without it.

Lower-casing the text stands for ``re.IGNORECASE`` only for characters whose every
case-insensitive match lower-cases to the same single character. ``re`` also makes
a few characters equivalent that ``str.lower`` keeps apart (« s » and « ſ », « i »
and « ı », Greek sigmas ...: ``re._compiler._EXTRA_CASES``), and « İ » matches
« i » while lower-casing to two characters; literals are cut at such characters
(« iceberg » is tested as « ceberg »). ``tests/test_regex_literal.py`` checks these facts over every code point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import _sre

try:  # Python 3.11+
    from re import _compiler as _re_compiler, _constants as _c, _parser as _re_parser
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_compile as _re_compiler  # type: ignore[no-redef]
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _re_parser  # type: ignore[no-redef]

# Lower-case code point -> the other code points re.IGNORECASE makes equivalent to it.
_EXTRA_CASES = getattr(_re_compiler, "_EXTRA_CASES", None) or getattr(_re_compiler, "_ignorecase_fixes")
# Lower-case characters that a character whose ``str.lower`` is longer matches case-insensitively
# (« İ ».lower() is « i̇ », two characters, yet ``re`` matches it with « i »).
_MATCHED_BY_LONGER_LOWER = frozenset({"i"})
_HIT_GROUP = re.compile(r"hit\d*")
# The most selective few entries are enough: each further one prunes little.
_MAX_LITERALS = 3


def folds_safely(ch: str) -> bool:
    """True when every character ``re.IGNORECASE`` matches with ``ch`` lower-cases to ``ch.lower()``."""
    low = _sre.unicode_tolower(ord(ch))
    if low in _EXTRA_CASES:
        return False
    return ch.lower() == chr(low) and chr(low) not in _MATCHED_BY_LONGER_LOWER


def _pieces(literal: str, fold: bool) -> list[str]:
    """The parts of a required literal a substring test may use (lower-cased when ``fold``)."""
    if not literal:
        return []
    if not fold:
        return [literal]
    # Any piece of a required literal is required too: cut at the characters that do not fold safely.
    return [p for p in "".join(ch if folds_safely(ch) else "\0" for ch in literal).lower().split("\0") if p]


def _required(items, fold: bool) -> list[tuple[str, ...]]:
    """What every match of this parsed sequence contains: each entry is a set of literals, one of which occurs."""
    out: list[tuple[str, ...]] = []
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        out.extend((piece,) for piece in _pieces("".join(run), fold))
        run = []
        if op is _c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if not add_flags and not del_flags:  # a scoped flag changes how its literals match
                out.extend(_required(sub, fold))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
            low, _high, sub = av
            if low >= 1:
                out.extend(_required(sub, fold))
        elif op is _c.BRANCH:
            # One of the alternatives matches: the longest literal of each makes a set, if each has one.
            choices = []
            for alternative in av[1]:
                singles = [req[0] for req in _required(alternative, fold) if len(req) == 1]
                if not singles:
                    break
                choices.append(max(singles, key=len))
            else:
                out.append(tuple(sorted(set(choices))))
    out.extend((piece,) for piece in _pieces("".join(run), fold))
    return out


@dataclass(frozen=True)
class RegexPlan:
    regex: re.Pattern
    hit_groups: tuple[str, ...]
    # Every match contains one literal of each entry (lower-cased when ``fold``).
    required: tuple[tuple[str, ...], ...]
    fold: bool

    def may_match(self, text: str) -> bool:
        """False only when the regex cannot match ``text``."""
        if not self.required:
            return True
        haystack = _lower(text) if self.fold else text
        for choices in self.required:
            for literal in choices:
                if literal in haystack:
                    break
            else:
                return False
        return True


# (text, text.lower()) of the last sentence, as one tuple so that threads never pair one text
# with another's lower-cased form.
_last: tuple[str, str] = ("", "")


def _lower(text: str) -> str:
    # The rule pack asks for the same sentence once per rule: remember the last one.
    global _last
    last = _last
    if last[0] is not text:
        last = _last = (text, text.lower())
    return last[1]


def regex_plan(regex: re.Pattern) -> RegexPlan:
    """The hit groups of ``regex`` and the literals every match of it contains."""
    hits = tuple(g for g in regex.groupindex if _HIT_GROUP.fullmatch(g))
    fold = bool(regex.flags & re.IGNORECASE)
    required: list[tuple[str, ...]] = []
    if isinstance(regex.pattern, str):
        try:
            parsed = _re_parser.parse(regex.pattern, regex.flags)
        except Exception:  # an unknown construct: no prefilter rather than a wrong one
            parsed = None
        if parsed is not None:
            required = _required(parsed, fold)
    # The most selective first: the shortest choice of an entry is the one most likely found by chance.
    unique = sorted(set(required), key=lambda choices: (-min(map(len, choices)), len(choices), choices))
    return RegexPlan(regex=regex, hit_groups=hits, required=tuple(unique[:_MAX_LITERALS]), fold=fold)

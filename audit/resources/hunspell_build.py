"""Build time only: expand a hunspell dictionary into the word forms spylls accepts.

``audit.resources.hunspell_words`` answers ``lookup(word)`` from these forms without
loading spylls (4 s of CPU and 120 MB per process for hunspell-fr). To give the
same answers, this module reads the dictionary with spylls itself and replays, in
the forward direction, what spylls' ``Lookup.affix_forms`` accepts
(spylls/hunspell/algo/lookup.py): a stem of the .dic file alone, with one suffix,
with two suffixes (the inner one carrying the outer one's flag), with a prefix, or
with a prefix and one or two cross-product suffixes, each combination kept only
when spylls' ``is_good_form`` would keep it (affix flags licensed by the stem or by
the other affixes, NEEDAFFIX, CIRCUMFIX, ONLYINCOMPOUND). What lookup does around
that (ICONV, numbers, BREAK, the case variants of a word, KEEPCASE, the case-blind
pass for words in capitals, COMPOUNDRULE) is done at run time on these forms.

A dictionary that uses a feature this expansion does not replay (COMPOUNDFLAG,
COMPLEXPREFIXES, IGNORE, a German or Turkic casing, forbidden words...) is
refused with ``Unsupported``; the auditor then keeps using spylls for it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

# The case types of spylls' Casing.guess, as one character each (stored in the data).
CAPTYPE_CODES = {"NO": "n", "INIT": "i", "ALL": "a", "HUHINIT": "h", "HUH": "u"}


class Unsupported(Exception):
    """The dictionary uses a hunspell feature that the expansion does not replay."""


@dataclass
class Expansion:
    """What the run-time lookup needs, as plain data."""

    forms: set[str] = field(default_factory=set)  # good for any case type of the looked-up word
    keepcase: set[str] = field(default_factory=set)  # "form\x01c": good only when the word's case type is c
    caseless: set[str] = field(default_factory=set)  # lower-case forms good for a word written in capitals
    iconv: list[tuple[str, str]] = field(default_factory=list)
    breaks: list[str] = field(default_factory=list)
    compound_rules: list[str] = field(default_factory=list)
    compound_words: dict[str, list[list[str]]] = field(default_factory=dict)  # stem -> rule flags of each homonym
    compound_min: int = 3
    compound_word_max: int | None = None


def _check_supported(aff, dic) -> None:
    from spylls.hunspell.algo.capitalization import Casing

    if type(aff.casing) is not Casing:
        raise Unsupported("language-specific casing (German or Turkic)")
    for name in ("COMPLEXPREFIXES", "CHECKSHARPS", "CHECKCOMPOUNDREP", "CHECKCOMPOUNDTRIPLE", "CHECKCOMPOUNDCASE", "CHECKCOMPOUNDDUP", "SIMPLIFIEDTRIPLE"):
        if getattr(aff, name, False):
            raise Unsupported(name)
    for name in ("IGNORE", "COMPOUNDFLAG", "COMPOUNDBEGIN", "COMPOUNDMIDDLE", "COMPOUNDEND", "FORCEUCASE", "COMPOUNDFORBIDFLAG", "COMPOUNDPERMITFLAG"):
        if getattr(aff, name, None):
            raise Unsupported(name)
    if getattr(aff, "CHECKCOMPOUNDPATTERN", None):
        raise Unsupported("CHECKCOMPOUNDPATTERN")
    if aff.FORBIDDENWORD and any(aff.FORBIDDENWORD in word.flags for word in dic.words):
        raise Unsupported("forbidden words")
    for affix in [*(a for group in aff.SFX.values() for a in group), *(a for group in aff.PFX.values() for a in group)]:
        # spylls strips an affix with a regular expression built from its text: plain text only.
        if any(ch in affix.add + affix.strip for ch in ".^$*+?{}[]\\|()"):
            raise Unsupported(f"affix with a regular-expression character: {affix.add!r}")


def _check_iconv(aff) -> None:
    for pattern, _ in aff.ICONV.pairs if aff.ICONV else ():
        if not pattern.replace("_", "") or any(ch in pattern for ch in ".^$*+?{}[]\\|()"):
            raise Unsupported(f"ICONV pattern {pattern!r}")


class _Expander:
    def __init__(self, aff):
        self.needaffix = aff.NEEDAFFIX
        self.circumfix = aff.CIRCUMFIX
        self.onlyincompound = aff.ONLYINCOMPOUND
        self.suffixes = {flag: list(group) for flag, group in aff.SFX.items()}
        # Prefix entries of each flag grouped by what they strip, so that a text is tried only
        # against the entries whose strip it starts with (hunspell-fr: 35 elision entries a flag).
        self.prefix_groups = {flag: self._by_strip(group) for flag, group in aff.PFX.items()}
        self.cross_prefix_groups = {flag: self._by_strip([p for p in group if p.crossproduct]) for flag, group in aff.PFX.items()}
        # Affixes whose own flags license them (is_good_form looks at stem + prefix + suffix flags).
        self.self_suffix_flags = {s.flag for group in aff.SFX.values() for s in group if s.flag in s.flags}
        self.self_prefix_flags = {p.flag for group in aff.PFX.values() for p in group if p.flag in p.flags}
        self.prefix_cont_flags = {f for group in aff.PFX.values() for p in group for f in p.flags}

    @staticmethod
    def _by_strip(entries):
        groups = defaultdict(list)
        for entry in entries:
            groups[entry.strip].append(entry)
        return list(groups.items())

    @staticmethod
    def _suffixed(stem: str, suffix) -> str | None:
        if not stem.endswith(suffix.strip) or not suffix.cond_regexp.search(stem):
            return None
        return stem[: len(stem) - len(suffix.strip)] + suffix.add

    def _good(self, root, prefix, suffix, suffix2) -> bool:
        """spylls' is_good_form outside compounds (KEEPCASE is left to run time)."""
        need = self.needaffix
        if need:
            if prefix is None and suffix is None:
                if need in root:
                    return False
            elif all(need in a.flags for a in (prefix, suffix, suffix2) if a is not None):
                return False
        if prefix is not None and not (prefix.flag in root or prefix.flag in prefix.flags or (suffix is not None and prefix.flag in suffix.flags)):
            return False
        if suffix is not None and not (suffix.flag in root or suffix.flag in suffix.flags or (prefix is not None and suffix.flag in prefix.flags)):
            return False
        circumfix = self.circumfix
        if circumfix and (suffix is not None and circumfix in suffix.flags) != (prefix is not None and circumfix in prefix.flags):
            return False
        only = self.onlyincompound
        if only and (only in root or (prefix is not None and only in prefix.flags) or (suffix is not None and only in suffix.flags)):
            return False
        return True

    def _prefixed(self, text: str, groups, root, suffix, suffix2):
        for strip, entries in groups:
            if text.startswith(strip):
                rest = text[len(strip):]
                for prefix in entries:
                    if prefix.cond_regexp.search(text) and self._good(root, prefix, suffix, suffix2):
                        yield prefix.add + rest

    def forms(self, stem: str, flags: set[str]):
        """Every text spylls analyses as a good affix form of the entry (stem, flags)."""
        if self._good(flags, None, None, None):
            yield stem
        # The suffix closest to the stem: licensed by the stem, by itself or by a prefix.
        inner_flags = (flags | self.self_suffix_flags | self.prefix_cont_flags) & self.suffixes.keys()
        suffixed = []  # (text, inner suffix, outer suffix or None)
        for flag in inner_flags:
            for s1 in self.suffixes[flag]:
                text1 = self._suffixed(stem, s1)
                if text1 is None:
                    continue
                suffixed.append((text1, s1, None))
                for flag2 in s1.flags & self.suffixes.keys():
                    for s2 in self.suffixes[flag2]:
                        text2 = self._suffixed(text1, s2)
                        if text2 is not None:
                            suffixed.append((text2, s1, s2))
        for text, s1, s2 in suffixed:
            if self._good(flags, None, s1, s2):
                yield text
        crossing = [row for row in suffixed if row[1].crossproduct and (row[2] is None or row[2].crossproduct)]
        prefix_flags = (flags | self.self_prefix_flags | {f for _, s1, _ in crossing for f in s1.flags}) & self.prefix_groups.keys()
        for flag in prefix_flags:
            yield from self._prefixed(stem, self.prefix_groups[flag], flags, None, None)
            groups = self.cross_prefix_groups[flag]
            if not groups:
                continue
            licensed = flag in flags or flag in self.self_prefix_flags
            for text1, s1, s2 in crossing:
                if licensed or flag in s1.flags:
                    yield from self._prefixed(text1, groups, flags, s1, s2)


def expand(dictionary) -> Expansion:
    """The forms and settings that let ``hunspell_words`` answer like ``dictionary.lookup``."""
    from spylls.hunspell.algo.capitalization import Type as CapType

    aff, dic = dictionary.aff, dictionary.dic
    _check_supported(aff, dic)
    _check_iconv(aff)
    expander = _Expander(aff)
    out = Expansion()
    keepcase = aff.KEEPCASE
    # Virtual entries for the case-blind pass of a word in capitals: spylls looks the lower-case
    # stem up in dic.lowercase_index, which holds each cased stem under its lower case and (a quirk
    # of spylls' reader) each lower-case stem under every one of its characters.
    caseless_entries = set()
    for word in dic.words:
        flags = word.flags
        code = CAPTYPE_CODES[word.captype.name]
        for text in expander.forms(word.stem, flags):
            if keepcase and keepcase in flags:
                out.keepcase.add(f"{text}\x01{code}")
            else:
                out.forms.add(text)
        # In the case-blind pass the word's case type is ALL: a KEEPCASE stem passes only when it is ALL too.
        if keepcase and keepcase in flags and word.captype != CapType.ALL:
            continue
        if word.captype == CapType.NO:
            caseless_entries.update((ch, frozenset(flags)) for ch in set(word.stem))
        else:
            caseless_entries.update((low, frozenset(flags)) for low in aff.casing.lower(word.stem))
    for stem, flags in caseless_entries:
        out.caseless.update(expander.forms(stem, set(flags)))

    if aff.ICONV:
        out.iconv = [tuple(pair) for pair in aff.ICONV.pairs]
    out.breaks = [pattern.pattern for pattern in aff.BREAK]
    if aff.COMPOUNDRULE:
        out.compound_rules = [rule.text for rule in aff.COMPOUNDRULE]
        rule_flags = set().union(*(rule.flags for rule in aff.COMPOUNDRULE))
        for word in dic.words:
            relevant = sorted(word.flags & rule_flags)
            if relevant:
                out.compound_words.setdefault(word.stem, []).append(relevant)
    for key in (*out.forms, *out.caseless):
        if "\x01" in key or "\x02" in key:
            raise Unsupported(f"control character in a form: {key!r}")
    out.compound_min = aff.COMPOUNDMIN
    out.compound_word_max = aff.COMPOUNDWORDMAX
    return out

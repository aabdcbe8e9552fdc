"""The registry of rules and the checks that emit them.

A *rule* is what a user sees: a stable code (``FR101``), a category, a default
severity, a one-line message, an ``explain`` text and examples: text that must
trigger it and text that must not. The examples are the rule's tests.

A *check* is a function ``(doc, ctx) -> Iterable[Finding]`` that emits findings
for one or more rules. Built-in checks register with :func:`check`; rule packs
(data files) register their rules with :func:`register_rule` and are run by the
rule-pack check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable

if TYPE_CHECKING:
    from audit.checks.context import CheckContext
    from audit.model import Document, Finding


# An example marks the words its rule must report, as LanguageTool's <marker> does:
# "La [[facture de dépenses]] a été bloquée." One marker per expected finding.
MARKER = re.compile(r"\[\[(.+?)\]\]")


def unmark(example: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The example without its ``[[ ]]`` markers, and the (start, end) of each marked run in it."""
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    length = 0
    for m in MARKER.finditer(example):
        before = example[pos:m.start()]
        text.append(before)
        length += len(before)
        spans.append((length, length + len(m.group(1))))
        text.append(m.group(1))
        length += len(m.group(1))
        pos = m.end()
    text.append(example[pos:])
    return "".join(text), tuple(spans)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    severity: str
    message: str
    explain: str
    suggestion: str | None = None
    english: str | None = None
    examples: tuple[str, ...] = ()
    counterexamples: tuple[str, ...] = ()
    source: str = "builtin"
    # When a check reports this rule at another severity than the default, and why (for `audit explain`).
    severity_note: str | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)
    # Filled from the examples' [[markers]]: for each example, the spans the rule must report.
    # ``examples`` itself holds the plain text, so every caller reads ordinary sentences.
    example_spans: tuple[tuple[tuple[int, int], ...], ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if self.example_spans:
            return
        plain = [unmark(e) for e in self.examples]
        object.__setattr__(self, "examples", tuple(t for t, _ in plain))
        object.__setattr__(self, "example_spans", tuple(s for _, s in plain))


CheckFunction = Callable[["Document", "CheckContext"], Iterable["Finding"]]


@dataclass(frozen=True)
class Check:
    name: str
    function: CheckFunction
    codes: tuple[str, ...]
    # Checks that need the whole document (repetition across paragraphs) run once per file;
    # all checks receive the document and decide their own scope.
    doc: str = ""
    # An opt-in check runs only when the user asks for one of its rules: raises its severity above
    # info or names it in --select. Its rules are off by default and it is costly (it needs spaCy's parser).
    opt_in: bool = False


# What a code's prefix says about its category: ``audit rules`` and tests/test_rule_codes.py
# hold every rule to it, so that ``--select CQ`` selects calques and nothing else. The longest
# matching prefix wins; FR and SR codes are grouped by their hundreds.
CODE_PREFIXES: dict[str, tuple[str, ...]] = {
    "CQ": ("calque",), "CL": ("calque",), "FF": ("false-friend",), "MT": ("mistranslation",),
    "EN": ("entity",), "LN": ("entity",), "GR": ("grammar",), "OM": ("omission",), "CG": ("false-friend",),
    "FR1": ("untranslated",), "FR2": ("mt-disclaimer", "mt-indicator"), "FR3": ("boilerplate",),
    "FR4": ("repetition",), "FR5": ("typography",), "FR6": ("number-format", "date-format"),
    "FR7": ("grammar",), "FR8": ("garble",), "FR9": ("backtranslation",),
    # Checks against the source text: SR1 compares facts (numbers, names, negation, untranslated
    # words), SR2 what was added or dropped, SR3 how much of the source is covered, SR4 meaning the
    # source's words do not have (idioms word for word, misread words).
    "SR1": ("number-mismatch", "entity", "negation", "untranslated"), "SR2": ("omission", "addition"),
    "SR3": ("coverage",), "SR4": ("calque", "mistranslation"),
}


def prefix_categories(code: str) -> tuple[str, ...] | None:
    """The categories a code's prefix stands for (None for a prefix nobody declared, e.g. a user's)."""
    for n in (3, 2):
        if code[:n] in CODE_PREFIXES:
            return CODE_PREFIXES[code[:n]]
    return None


RULES: dict[str, Rule] = {}
CHECKS: dict[str, Check] = {}


def register_rule(rule: Rule, replace: bool = False) -> Rule:
    if rule.code in RULES and not replace and RULES[rule.code] != rule:
        raise ValueError(f"rule code {rule.code} is registered twice")
    RULES[rule.code] = rule
    return rule


def check(*rules: Rule, opt_in: bool = False) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check function together with the rules it emits (``opt_in``: see :class:`Check`)."""

    def decorate(function: CheckFunction) -> CheckFunction:
        for rule in rules:
            register_rule(rule)
        CHECKS[function.__name__] = Check(
            name=function.__name__,
            function=function,
            codes=tuple(r.code for r in rules),
            doc=(function.__doc__ or "").strip().splitlines()[0] if function.__doc__ else "",
            opt_in=opt_in,
        )
        return function

    return decorate


def load_builtin_checks() -> None:
    """Import every check module so that its rules and checks are registered."""
    from audit.checks import load_all

    load_all()


def all_rules() -> list[Rule]:
    load_builtin_checks()
    return [RULES[c] for c in sorted(RULES)]


def selector_vocabulary() -> tuple[list[str], list[str]]:
    """(every registered code, every category) as the registry holds them now.

    Derived at run time, never a fixed list, so that codes and categories added by
    rule packs or new checks are known as soon as they are registered.
    """
    from audit.model import CATEGORIES

    load_builtin_checks()
    codes = sorted(RULES)
    categories = sorted({r.category for r in RULES.values()} | set(CATEGORIES))
    return codes, categories


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """``; did you mean 'X'?`` for the closest candidate (case-insensitive), or ``""``."""
    import difflib

    by_folded = {c.lower(): c for c in candidates}
    close = difflib.get_close_matches(word.lower(), list(by_folded), n=1, cutoff=0.6)
    return f"; did you mean {by_folded[close[0]]!r}?" if close else ""


def selector_matches(pattern: str, code: str, category: str) -> bool:
    """ruff-style: ``FR5`` matches every FR5xx code, a category name its rules; case does not matter."""
    return code.upper().startswith(pattern.upper()) or pattern.lower() == category.lower()


def check_selectors(patterns: Iterable[str], option: str) -> None:
    """Raise ValueError (one line, with a "did you mean") for a pattern that selects no registered rule."""
    codes, categories = selector_vocabulary()
    for pattern in patterns:
        if any(selector_matches(pattern, code, RULES[code].category) for code in codes) or pattern.lower() in categories:
            continue
        hint = ""
        # A code with a typo in its digits (FR9999): the longest prefix that selects something.
        for cut in range(len(pattern) - 1, 1, -1):
            prefix = pattern[:cut].upper()
            if prefix[-1:].isdigit() and any(code.startswith(prefix) for code in codes):
                some = [c for c in codes if c.startswith(prefix)]
                hint = f"; did you mean the prefix {prefix!r} ({', '.join(some[:3])}{', …' if len(some) > 3 else ''})?"
                break
        if not hint:
            # Prefixes a user may mean: every code's letters and its letters plus the first digit.
            prefixes = {c.rstrip("0123456789") for c in codes} | {c[: len(c.rstrip("0123456789")) + 1] for c in codes}
            hint = did_you_mean(pattern, [*codes, *categories, *prefixes])
        raise ValueError(f"{option}: {pattern!r} is no rule code, code prefix or category{hint} (`audit rules` lists them)")


def check_codes(codes: Iterable[str], option: str) -> None:
    """Raise ValueError (one line, with a "did you mean") for a code that is not registered."""
    known, _ = selector_vocabulary()
    for code in codes:
        if code.upper() not in RULES:
            raise ValueError(f"{option}: no rule with code {code!r}{did_you_mean(code, known)} (`audit rules` lists them)")


def check_category(category: str, option: str = "--category") -> None:
    _, categories = selector_vocabulary()
    if category.lower() not in categories:
        raise ValueError(f"{option}: no category {category!r}{did_you_mean(category, categories)}; one of {', '.join(categories)}")

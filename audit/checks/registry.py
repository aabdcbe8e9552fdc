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


RULES: dict[str, Rule] = {}
CHECKS: dict[str, Check] = {}


def register_rule(rule: Rule, replace: bool = False) -> Rule:
    if rule.code in RULES and not replace and RULES[rule.code] != rule:
        raise ValueError(f"rule code {rule.code} is registered twice")
    RULES[rule.code] = rule
    return rule


def check(*rules: Rule) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check function together with the rules it emits."""

    def decorate(function: CheckFunction) -> CheckFunction:
        for rule in rules:
            register_rule(rule)
        CHECKS[function.__name__] = Check(
            name=function.__name__,
            function=function,
            codes=tuple(r.code for r in rules),
            doc=(function.__doc__ or "").strip().splitlines()[0] if function.__doc__ else "",
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

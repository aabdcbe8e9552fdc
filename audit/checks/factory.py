"""The one place a :class:`~audit.model.Finding` is made.

Every finding, from a built-in check, the rule pack or the back-translation stage
(FR9xx), comes out of :meth:`FindingPolicy.make`. It fills the rule's defaults and
applies what the user chose: ``--select``/``--ignore`` (a rule that is not selected
yields no finding at all) and ``[severity]`` overrides (which win over the rule's
default and over a severity the check picked for this occurrence). Callers work
out positions, since only they know how their offsets map to lines and columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping

from audit.checks.registry import RULES, selector_matches
from audit.model import Finding


def code_selected(code: str, category: str, ignore: Iterable[str] = (), select: Iterable[str] | None = None) -> bool:
    """ruff-style selection: ``FR5`` matches every FR5xx code; a category name matches its rules; case does not matter."""
    def matches(pattern: str) -> bool:
        return selector_matches(pattern, code, category)

    if select is not None and not any(matches(p) for p in select):
        return False
    return not any(matches(p) for p in ignore)


@dataclass(frozen=True)
class FindingPolicy:
    """What the user chose about findings: which rules report, and at which severity."""

    ignore: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None
    severity: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, ignore: Iterable[str] = (), select: Iterable[str] | None = None,
           severity: Mapping[str, str] | None = None) -> "FindingPolicy":
        return cls(tuple(ignore), tuple(select) if select is not None else None, dict(severity or {}))

    def selects(self, code: str, category: str | None = None) -> bool:
        """Whether rule ``code`` reports (``category`` defaults to the rule's own)."""
        return code_selected(code, category or RULES[code].category, self.ignore, self.select)

    def asks_for(self, code: str) -> bool:
        """Whether the user asked for rule ``code``: selected, and named in --select or reported above info."""
        if not self.selects(code):
            return False
        return self.select is not None or (self.severity.get(code) or RULES[code].severity) != "info"

    def make(
        self,
        code: str,
        *,
        start: int,
        end: int,
        line: int,
        col: int,
        span: str,
        message: str | None = None,
        severity: str | None = None,
        suggestion: str | None = None,
        evidence: str | None = None,
        category: str | None = None,
    ) -> Finding | None:
        """A finding of rule ``code``, or None when the user's selection leaves the rule out.

        ``message``, ``severity``, ``suggestion`` and ``category`` default to the rule's.
        """
        rule = RULES[code]
        category = category or rule.category
        if not self.selects(code, category):
            return None
        return Finding(
            code=code,
            category=category,
            severity=self.severity.get(code) or severity or rule.severity,
            message=message or rule.message,
            start=start,
            end=end,
            line=line,
            col=col,
            span=span,
            suggestion=suggestion if suggestion is not None else rule.suggestion,
            evidence=evidence,
        )


# Everything selected, no override: what tests and rule examples use.
EVERY_RULE = FindingPolicy()

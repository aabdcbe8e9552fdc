"""The finding factory field by field: what comes from the rule, what the caller gives.

tests/test_finding_factory.py checks selection and severity overrides end to end;
this pins every field ``FindingPolicy.make`` fills (found by a mutation run,
docs/MUTATION.md).
"""

from __future__ import annotations

from audit.checks import disclaimer  # noqa: F401  (registers FR201 and FR202)
from audit.checks.factory import EVERY_RULE, FindingPolicy
from audit.checks.registry import RULES


def test_defaults_come_from_the_rule():
    rule = RULES["FR201"]
    f = EVERY_RULE.make("FR201", start=3, end=9, line=2, col=4, span="traduit")
    assert (f.code, f.category, f.severity, f.message, f.suggestion) == (
        "FR201", rule.category, rule.severity, rule.message, rule.suggestion,
    )
    assert (f.start, f.end, f.line, f.col, f.span, f.evidence) == (3, 9, 2, 4, "traduit", None)


def test_given_values_win_over_the_rule():
    f = EVERY_RULE.make(
        "FR201", start=0, end=1, line=1, col=1, span="t", message="Said otherwise.", severity="minor",
        suggestion="", evidence="matched 't'", category="mt-indicator",
    )
    assert (f.category, f.severity, f.message, f.suggestion, f.evidence) == (
        "mt-indicator", "minor", "Said otherwise.", "", "matched 't'",
    )


def test_selection_uses_the_category_given_to_the_finding():
    policy = FindingPolicy.of(ignore=["mt-indicator"])
    assert policy.make("FR201", start=0, end=1, line=1, col=1, span="t", category="mt-indicator") is None
    assert policy.make("FR201", start=0, end=1, line=1, col=1, span="t") is not None

"""Every registered rule's examples must trigger it and its counterexamples must not.

The examples are the rules' tests: one test id per rule code.
"""

from __future__ import annotations

import pytest

from audit.checks import load_all
from audit.checks.registry import RULES
from audit.checks.runner import check_text

load_all()

_RULES = [RULES[code] for code in sorted(RULES) if RULES[code].extra.get("stage") != "backtranslation"]


def test_rules_are_registered():
    assert _RULES, "no rules registered"


@pytest.mark.parametrize("code", [r.code for r in _RULES])
def test_rule_examples(code):
    rule = RULES[code]
    for example in rule.examples:
        found = [f for f in check_text(example, select=[code]) if f.code == code]
        assert found, f"{code} ({rule.name}) does not fire on its example: {example!r}"
    for counter in rule.counterexamples:
        found = [f for f in check_text(counter, select=[code]) if f.code == code]
        assert not found, f"{code} ({rule.name}) fires on its counterexample {counter!r}: {[f.span for f in found]}"

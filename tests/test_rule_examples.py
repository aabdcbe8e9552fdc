"""Every registered rule's examples must trigger it where they mark, and its counterexamples must not.

An example marks the words the rule must report, as LanguageTool's ``<marker>`` does:
``"La [[facture de dépenses]] a été bloquée."``. The test compares the reported spans
with the marked ones, so a rule that fires on the right sentence but points at the
wrong words (a ``span = [i, j]`` ignored, a regex group lost) fails here.
"""

from __future__ import annotations

import pytest

from audit.checks import load_all
from audit.checks.registry import RULES, unmark
from audit.checks.runner import check_text

load_all()

_RULES = [RULES[code] for code in sorted(RULES) if RULES[code].extra.get("stage") not in ("backtranslation", "source")]


def test_rules_are_registered():
    assert _RULES, "no rules registered"


def test_unmark_reads_markers():
    assert unmark("La [[facture de dépenses]] a été [[bloquée]].") == (
        "La facture de dépenses a été bloquée.", ((3, 22), (29, 36)),
    )
    assert unmark("Sans marque.") == ("Sans marque.", ())


@pytest.mark.parametrize("code", [r.code for r in _RULES])
def test_rule_examples(code):
    rule = RULES[code]
    for example, marked in zip(rule.examples, rule.example_spans, strict=True):
        assert marked, f"{code}: example without a [[marker]] on the words to report: {example!r}"
        found = [f for f in check_text(example, select=[code]) if f.code == code]
        assert found, f"{code} ({rule.name}) does not fire on its example: {example!r}"
        got = sorted({(f.start, f.end) for f in found})
        want = sorted(set(marked))
        assert got == want, (
            f"{code} reports {[example[s:e] for s, e in got]} on {example!r}, "
            f"the example marks {[example[s:e] for s, e in want]}"
        )
    for counter in rule.counterexamples:
        found = [f for f in check_text(counter, select=[code]) if f.code == code]
        assert not found, f"{code} ({rule.name}) fires on its counterexample {counter!r}: {[f.span for f in found]}"

"""A code's prefix and its category agree (issue 12, item 12): ``--select CQ`` selects calques only.

GR012 (« Aussi, » for 'Also,') was filed under mistranslation with a GR code; it is now a
grammar rule and keeps its code, so suppressions naming it still work. CQ054, the other
misfiled rule, was removed with the seed-fitted rules (issue 13, item 6).
"""

from __future__ import annotations

import pytest

from audit.checks import load_all
from audit.checks.registry import CODE_PREFIXES, RULES, prefix_categories

load_all()


@pytest.mark.parametrize("code", sorted(RULES))
def test_prefix_and_category_agree(code):
    categories = prefix_categories(code)
    assert categories is not None, f"{code}: prefix not declared in registry.CODE_PREFIXES"
    assert RULES[code].category in categories, f"{code} is filed under {RULES[code].category}, its prefix stands for {categories}"


def test_every_declared_prefix_is_used():
    used = {p for p in CODE_PREFIXES if any(c.startswith(p) for c in RULES)}
    assert used == set(CODE_PREFIXES)


def test_prefix_lookup_prefers_the_longest_prefix():
    assert prefix_categories("FR601") == ("number-format", "date-format")
    assert prefix_categories("CQ001") == ("calque",)
    assert prefix_categories("ZZ001") is None

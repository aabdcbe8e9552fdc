"""The stand-in for ``re`` that Grammalecte uses answers exactly like ``re`` (audit/resources/regex.py)."""

from __future__ import annotations

import re

import pytest

from audit.resources import regex
from audit.resources.regex import COMPILED_ONCE


@pytest.mark.parametrize("pattern, text, flags", [
    (r"^[NA]:[fe]:[si]", "N:f:s", 0),
    (r"^[na]:[fe]", "N:f:s", re.IGNORECASE),
    (r"^[na]:[fe]", "N:f:s", 0),
    (rb"ab+", b"xabbb", 0),
    (re.compile(r"b+"), "abbb", 0),
])
def test_search_answers_like_re(pattern, text, flags):
    for _ in range(2):  # the second call takes the remembered pattern
        got, want = COMPILED_ONCE.search(pattern, text, flags), re.search(pattern, text, flags)
        assert (got and got.span()) == (want and want.span())


def test_each_pattern_is_compiled_once_and_bad_patterns_raise_re_error(monkeypatch):
    compiled = []
    real_compile = re.compile
    monkeypatch.setattr(regex.re, "compile", lambda p, f=0: compiled.append(p) or real_compile(p, f))
    for _ in range(3):
        COMPILED_ONCE.search(r"^V[0-3]e?_i_.*:Q", "V1_i_:Q")
    assert compiled == [r"^V[0-3]e?_i_.*:Q"]
    with pytest.raises(re.error):
        COMPILED_ONCE.search(r"(unclosed", "x")

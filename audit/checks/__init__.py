"""Checks: each module registers its rules and check functions on import."""

from __future__ import annotations

import importlib

# Order does not matter for results (findings are sorted), only for readability of `audit rules`.
CHECK_MODULES = (
    "file_language",
    "untranslated",
    "english_tokens",
    "literal_names",
    "cognates",
    "disclaimer",
    "boilerplate",
    "repetition",
    "typography",
    "formats",
    "garble",
    "collocation",
    "rulepack",
    "grammar",
    "backtranslation",
)

_loaded = False


def load_all() -> None:
    global _loaded
    if _loaded:
        return
    from audit.status import announce

    announce("loading the checks")
    for name in CHECK_MODULES:
        importlib.import_module(f"audit.checks.{name}")
    # The source-aware rules (SRxxx) are listed with the others; the source stage emits them.
    importlib.import_module("audit.source.rules")
    _loaded = True

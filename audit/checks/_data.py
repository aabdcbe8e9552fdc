"""Load the phrase lists and patterns of the built-in checks from ``audit/data/*.toml`` (and mined ``*.json``).

Checks keep their vocabulary (disclaimer phrases, agency names, exceptions) in
data files so that adding a phrase never means touching code.
"""

from __future__ import annotations

import json
import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """The parsed TOML file ``audit/data/<name>``."""
    with resources.files("audit.data").joinpath(name).open("rb") as handle:
        return tomllib.load(handle)


def load_json(name: str) -> Any:
    """The parsed JSON file ``audit/data/<name>`` (the lexicons mined from resources), read anew each call."""
    return json.loads(resources.files("audit.data").joinpath(name).read_text(encoding="utf-8"))


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any white space."""
    parts = sorted({p for p in phrases if p}, key=len, reverse=True)
    escaped = [re.escape(p.replace("’", "'")).replace(r"\ ", r"\s+").replace("'", "['’]") for p in parts]
    return "(?:" + "|".join(escaped) + ")"


def lowered(values: Iterable[str]) -> frozenset[str]:
    return frozenset(v.lower().replace("’", "'") for v in values)

"""A crude French stemmer shared by the mining scripts and the checks that use their data.

Mined data (literal renderings of English names, cognates) is matched against French
text whatever the inflection: "fête"/"fêtes", "fédéral"/"fédérale"/"fédéraux" must
meet. Accents and case are dropped and the common plural and feminine endings cut.
Both sides go through the same function, so its crudeness cancels out.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿŒœ]+")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    low = "".join(c for c in unicodedata.normalize("NFD", word.lower()) if unicodedata.category(c) != "Mn")
    low = low.replace("œ", "oe")
    if len(low) > 4 and low.endswith("aux"):
        return low[:-3] + "al"
    for ending in ("es", "s", "x", "e"):
        if len(low) > len(ending) + 2 and low.endswith(ending):
            return low[: -len(ending)]
    return low


def stems_of(text: str) -> list[tuple[int, int, str]]:
    """(start, end, stem) of every word of ``text`` (elisions split: "l'autoroute" gives "autorout")."""
    return [(m.start(), m.end(), stem(m.group(0))) for m in _WORD.finditer(text)]


def find_groups(tokens: list[tuple[int, int, str]], groups: list[frozenset[str]], window: int) -> tuple[int, int] | None:
    """Character span of the first stretch of at most ``window`` words holding one stem of every group."""
    for i, (start, _, first) in enumerate(tokens):
        if not any(first in g for g in groups):
            continue
        stretch = tokens[i:i + window]
        used: set[int] = set()
        end = None
        for group in groups:
            hit = next((j for j, t in enumerate(stretch) if t[2] in group and j not in used), None)
            if hit is None:
                break
            used.add(hit)
        else:
            end = stretch[max(used)][1]
            return start, end
    return None

"""The one model of quotations: where quoted words are in a text.

Every check that asks "is this inside quotation marks?" asks this module. It reads
« », “ ”, ‘ ’ and straight double quotes, nested in any order, and answers with
:class:`Quotation` regions. What a machine-translated text does to quotation marks
is part of the model:

- an unclosed quotation runs to the end of the text it was found in (a sentence or
  a paragraph); a check that trusts only closed quotations says so (``closed_only``);
- a closing mark closes the nearest open quotation of its kind; marks opened inside
  it and left open end there too (« a “ b » ends both);
- ’ is an apostrophe between two letters (l’homme, aujourd’hui) and closes a ‘ only
  elsewhere; straight " alternates between opening and closing;
- an engine's reversed guillemet, » glued to the next word where no « is open
  (d' »actions agressives »), opens a quotation that the next » closes.

Where a check needs another reading, that is a parameter (``closed_only``,
``max_length``, ``emphasis``), not another detector. With ``emphasis``, straight
single quotes and Markdown's ``*…*`` and ``_…_`` also mark words as set apart (a
term or a title), as they do in text pasted from the web.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

# Opening mark -> the mark that closes it.
PAIRS = {"«": "»", "“": "”", "‘": "’", '"': '"'}
OPENING = frozenset(PAIRS)
CLOSING = frozenset(PAIRS.values())
# Every character that is a quotation mark in some reading (for checks that stop at any of them).
MARKS = "".join(sorted(OPENING | CLOSING))
# Marks that open and close alike, read only with ``emphasis``.
EMPHASIS = ("'", "*", "_")


@dataclass(frozen=True)
class Quotation:
    """One quotation: ``text[start]`` is its opening mark; ``text[end - 1]`` its closing mark when
    ``closed``, else it runs to the end of the text. ``depth`` is 0 for an outermost quotation."""

    start: int
    end: int
    mark: str
    closed: bool
    depth: int

    @property
    def inner(self) -> tuple[int, int]:
        """The quoted words, without the marks."""
        return self.start + 1, self.end - 1 if self.closed else self.end

    def covers(self, start: int, end: int | None = None) -> bool:
        """Whether ``text[start:end]`` (or the character at ``start``) lies within the quoted words."""
        inner_start, inner_end = self.inner
        end = start + 1 if end is None else end
        return inner_start <= start and end <= inner_end and start < inner_end


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


@lru_cache(maxsize=4096)
def quotations(text: str, emphasis: bool = False) -> tuple[Quotation, ...]:
    """Every quotation of ``text``, sorted by start (outer before inner); see the module docstring."""
    found: list[Quotation] = []
    stack: list[tuple[int, str, str]] = []  # (offset, opening mark, closing mark)

    def close(index: int, closing: str) -> bool:
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][2] == closing:
                for depth in range(len(stack) - 1, k - 1, -1):
                    start, mark, _ = stack[depth]
                    # The one that matches ends with its mark; those opened inside it end just before.
                    found.append(Quotation(start, index + 1 if depth == k else index, mark, depth == k, depth))
                del stack[k:]
                return True
        return False

    n = len(text)
    for i, ch in enumerate(text):
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < n else ""
        if ch == '"' or (emphasis and ch in EMPHASIS):
            if ch == "'" and _is_letter(before) and _is_letter(after):
                continue  # an apostrophe: l'homme
            if not close(i, ch):
                stack.append((i, ch, ch))
        elif ch == "’":
            if not (_is_letter(before) and _is_letter(after)):
                close(i, "’")
        elif ch == "»":
            if close(i, "»"):
                continue
            if _is_letter(after) and (not before or before.isspace() or before in "'’"):
                stack.append((i, "»", "»"))  # reversed: the engine wrote » for «
        elif ch in CLOSING:
            close(i, ch)
        elif ch in OPENING:
            stack.append((i, ch, PAIRS[ch]))
    for depth in range(len(stack) - 1, -1, -1):
        start, mark, _ = stack[depth]
        found.append(Quotation(start, n, mark, False, depth))
    return tuple(sorted(found, key=lambda q: (q.start, -q.end)))


def is_quoted(text: str, start: int, end: int | None = None, *, closed_only: bool = False,
              max_length: int | None = None, emphasis: bool = False) -> bool:
    """Whether ``text[start:end]`` (or the character at ``start``) is quoted.

    ``closed_only``: count only quotations whose closing mark is there (a check that
    excuses quoted words should not excuse the rest of a sentence after a stray «).
    ``max_length``: count only quotations of at most this many characters, marks included
    (a long "quotation" is more likely a lost closing mark than quoted words).
    """
    return enclosing(text, start, end, closed_only=closed_only, max_length=max_length, emphasis=emphasis) is not None


def enclosing(text: str, start: int, end: int | None = None, *, closed_only: bool = False,
              max_length: int | None = None, emphasis: bool = False) -> Quotation | None:
    """The innermost quotation around ``text[start:end]`` (parameters as :func:`is_quoted`), or None."""
    found = None
    for q in quotations(text, emphasis):
        if q.start >= start:
            break
        if closed_only and not q.closed:
            continue
        if max_length is not None and q.end - q.start > max_length:
            continue
        if q.covers(start, end):
            found = q  # sorted by start: a later one that covers is nested inside
    return found


def quoted_mask(text: str, *, closed_only: bool = False) -> list[bool]:
    """For each character of ``text``, whether it is quoted (for checks that test many offsets)."""
    mask = [False] * len(text)
    for q in quotations(text):
        if closed_only and not q.closed:
            continue
        a, b = q.inner
        mask[a:b] = [True] * (b - a)
    return mask


def starts_with_quotation(text: str) -> bool:
    """Whether ``text`` (leading spaces aside) opens with a quotation: the whole sentence is someone's words."""
    first = len(text) - len(text.lstrip())
    return any(q.start == first for q in quotations(text))

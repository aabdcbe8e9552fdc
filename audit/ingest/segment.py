"""Split decoded text into paragraphs and sentences with exact offsets.

Web articles come either one paragraph a line or with blank lines between
paragraphs, sometimes hard-wrapped. A line that does not end a sentence and is
followed by a line starting in lower case is a wrapped continuation; any other
line break ends a paragraph.

Sentences come from pysbd (good on French), then a repair pass re-joins the
splits it makes after French abbreviations and initials ("J.-C.", "p. 12").
"""

from __future__ import annotations

import re
import threading

from audit.model import Document, Paragraph, Sentence, line_starts_of

_SENTENCE_END = re.compile(r"[.!?…:»\")\]]\s*$")
_ABBREVIATIONS = {
    "M", "MM", "Mme", "Mmes", "Mlle", "Dr", "Pr", "Me", "Mgr", "St", "Ste", "av", "apr", "p", "pp",
    "art", "al", "cf", "env", "etc", "ex", "fig", "n", "no", "vol", "éd", "chap", "hab", "min", "max",
    "janv", "févr", "avr", "juil", "sept", "oct", "nov", "déc", "Jr", "Sr", "Gén", "Col", "Cie", "Ltd", "Inc",
}
_ENDS_WITH_ABBREVIATION = re.compile(r"(?:^|[\s(«\"'’-])([A-Za-zÀ-ÿ]{1,5})\.\s*$")
_ENDS_WITH_INITIAL = re.compile(r"(?:^|[\s(«\"'’.-])[A-ZÀ-Ý]\.\s*$")


# One pysbd segmenter per thread: a Segmenter keeps the text it is working on in its own
# attributes, so two threads sharing one (the back-translation prefetch thread segments while
# the checks segment the next file) cut each other's sentences: seed 003 came out with 27 or
# 28 passages from run to run.
_PER_THREAD = threading.local()


def _segmenter():
    segmenter = getattr(_PER_THREAD, "segmenter", None)
    if segmenter is None:
        import pysbd

        segmenter = _PER_THREAD.segmenter = pysbd.Segmenter(language="fr", clean=False, char_span=True)
    return segmenter


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, trimmed of surrounding white space."""
    spans: list[tuple[int, int]] = []
    lines: list[tuple[int, int]] = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, pos + len(raw)))
        pos += len(raw) + 1
    current: list[tuple[int, int]] = []

    def flush() -> None:
        if current:
            spans.append((current[0][0], current[-1][1]))
            current.clear()

    for start, end in lines:
        line = text[start:end]
        if not line.strip():
            flush()
            continue
        if current:
            previous = text[current[-1][0]:current[-1][1]].rstrip()
            stripped = line.lstrip()
            wrapped = not _SENTENCE_END.search(previous) and stripped[:1].islower()
            if not wrapped:
                flush()
        current.append((start, end))
    flush()
    trimmed = []
    for start, end in spans:
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        trimmed.append((start + lead, end - trail))
    return trimmed


def _joins_previous(previous: str, current: str) -> bool:
    """True when a split between ``previous`` and ``current`` falls after an abbreviation."""
    head = current.lstrip()[:1]
    if not head:
        return True
    if head.islower():
        # French sentences start with a capital; a lower-case start is a split inside one.
        return True
    if re.search(r"\b(?:av|apr)\.\s*$", previous) and current.lstrip().startswith("J."):
        return True
    m = _ENDS_WITH_ABBREVIATION.search(previous)
    if m and m.group(1) in _ABBREVIATIONS and (head.isdigit() or head.islower() or head == "-" or m.group(1) in {"M", "MM", "Mme", "Dr", "Pr", "Me", "Mgr", "St", "Ste"}):
        return True
    if _ENDS_WITH_INITIAL.search(previous) and (head == "-" or head.isupper()):
        # "J.-C." or "John F. Kennedy": an initial, not the end of a sentence.
        tail = previous.rstrip()
        before = tail[:-2].rstrip()
        return head == "-" or (bool(before) and before[-1:].isalpha() and before.split()[-1][:1].isupper())
    return False


# pysbd's abbreviation pass is quadratic in the length of what it is given (an 80 KB line took
# 22 s, a 5 MB one never finished); it never sees more than this many characters at once.
MAX_PIECE = 2000
_SAFE_CUT = re.compile(r"[.!?…]+[»\")\]]*\s+(?=[«\"(\[]?\s*[A-ZÀ-Ý0-9])")


def safe_windows(chunk: str, limit: int = MAX_PIECE) -> list[tuple[int, int]]:
    """Cut ``chunk`` into consecutive windows of at most ``limit`` characters, at safe points.

    A safe point is the end of what looks like a sentence (terminal punctuation, space,
    capital) not after a known abbreviation; failing that the last white space; failing
    that (no space in ``limit`` characters) the limit itself. Linear in ``len(chunk)``.
    """
    windows: list[tuple[int, int]] = []
    start = 0
    n = len(chunk)
    while n - start > limit:
        hard = start + limit
        cut = -1
        for m in _SAFE_CUT.finditer(chunk, start + limit // 4, hard):
            if m.end() <= hard and not _after_abbreviation(chunk[max(start, m.start() - 12):m.start() + 1]):
                cut = m.end()
        if cut <= start:
            space = max(chunk.rfind(" ", start + 1, hard), chunk.rfind("\n", start + 1, hard))
            cut = space + 1 if space > start else hard
        windows.append((start, cut))
        start = cut
    windows.append((start, n))
    return windows


def _after_abbreviation(text: str) -> bool:
    m = _ENDS_WITH_ABBREVIATION.search(text)
    return bool((m and m.group(1) in _ABBREVIATIONS) or _ENDS_WITH_INITIAL.search(text))


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]``, trimmed, as absolute offsets."""
    chunk = text[start:end]
    pieces: list[list[int]] = []
    for w_start, w_end in safe_windows(chunk):
        window = chunk[w_start:w_end]
        cursor = 0
        for span in _segmenter().segment(window):
            s, e = span.start, span.end
            if window[s:e] != span.sent:  # pysbd lost its place; find the sentence ourselves
                found = window.find(span.sent.strip(), cursor)
                if found < 0:
                    continue
                s, e = found, found + len(span.sent.strip())
            s = max(s, cursor)
            if e <= s:
                continue
            cursor = e
            s, e = s + w_start, e + w_start
            # A join never builds a sentence longer than MAX_PIECE: text with no sentence ends
            # (a dump, a list) must not become one sentence of megabytes for the checks.
            if pieces and e - pieces[-1][0] <= MAX_PIECE and _joins_previous(chunk[pieces[-1][0]:pieces[-1][1]], chunk[s:e]):
                pieces[-1][1] = e
            else:
                pieces.append([s, e])
    if not pieces:
        pieces = [[0, len(chunk)]]
    pieces[-1][1] = max(pieces[-1][1], len(chunk.rstrip()))
    out = []
    for s, e in pieces:
        piece = chunk[s:e]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if e - trail > s + lead:
            out.append((start + s + lead, start + e - trail))
    return out


def segment(text: str, path: str = "<text>", encoding: str = "utf-8") -> Document:
    """Build a :class:`Document` of paragraphs and sentences from decoded text."""
    starts = line_starts_of(text)
    doc = Document(path=path, text=text, encoding=encoding, paragraphs=[], line_starts=starts)
    sentence_index = 0
    for p_index, (p_start, p_end) in enumerate(paragraph_spans(text), start=1):
        sentences = []
        for s_no, (s_start, s_end) in enumerate(sentence_spans(text, p_start, p_end), start=1):
            line, col = doc.position(s_start)
            sentence_index += 1
            sentences.append(
                Sentence(
                    id=f"p{p_index}.s{s_no}",
                    paragraph=p_index,
                    index=sentence_index,
                    start=s_start,
                    end=s_end,
                    line=line,
                    col=col,
                    text=text[s_start:s_end],
                )
            )
        line, col = doc.position(p_start)
        doc.paragraphs.append(
            Paragraph(index=p_index, start=p_start, end=p_end, line=line, col=col, text=text[p_start:p_end], sentences=tuple(sentences))
        )
    return doc

"""Decode the bytes users really have into text whose offsets the reports can trust."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

# A stated limit, not a hang: beyond it a file gets a one-line error. Segmentation and the
# checks are linear in the size (benchmarks/bench_ingest.py), so the limit only bounds memory.
MAX_BYTES = 64 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Windows-1252 leaves these bytes undefined; a file that has them is not cp1252.
_CP1252_HOLES = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


class InputError(Exception):
    """A file that cannot be audited; the message is one line a user can act on."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    controls = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\n\r\t\f\v") or ch == "\ufffd")
    return controls / len(text) > 0.01


def _utf16_without_bom(data: bytes) -> str | None:
    """Spot BOM-less UTF-16 by its NUL bytes on every other position (ASCII-heavy text)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, path: str = "<bytes>") -> DecodedText:
    """Decode ``data`` as UTF-8 (with or without BOM), UTF-16/32 with BOM, or Windows-1252.

    Raises :class:`InputError` for empty, binary or undecodable input.
    """
    if not data.strip():
        raise InputError(path, "empty file: nothing to audit")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"starts with a {encoding} byte-order mark but is not valid {encoding} (byte {exc.start})") from None
            text = text.lstrip("\ufeff")
            return _finish(text, encoding, path)
    guessed16 = _utf16_without_bom(data)
    if guessed16:
        try:
            return _finish(data.decode(guessed16), guessed16, path)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise InputError(path, "binary file (contains NUL bytes): not a text article")
    try:
        return _finish(data.decode("utf-8"), "utf-8", path)
    except UnicodeDecodeError:
        pass
    if not any(b in _CP1252_HOLES for b in data):
        text = data.decode("cp1252")
        return _finish(text, "cp1252", path)
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # pragma: no cover - the detector is optional
        best = None
    if best is not None and best.encoding:
        return _finish(str(best), best.encoding, path)
    raise InputError(path, "undecodable: not UTF-8, UTF-16 or Windows-1252 text")


def _finish(text: str, encoding: str, path: str) -> DecodedText:
    text = normalise_newlines(text)
    if _looks_binary(text):
        raise InputError(path, f"binary content (control characters) after decoding as {encoding}: not a text article")
    if not text.strip():
        raise InputError(path, "empty file: only white space")
    return DecodedText(text=text, encoding=encoding)


def read_text(path: Path, display: str | None = None) -> DecodedText:
    """Read and decode a file, turning every OS error into a one-line :class:`InputError`."""
    name = display or str(path)
    try:
        if path.is_dir():
            raise InputError(name, "is a folder, not a file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(name, f"too large ({size} bytes; the limit is {MAX_BYTES})")
        data = path.read_bytes()
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except PermissionError:
        raise InputError(name, "permission denied: cannot read the file") from None
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    return decode_bytes(data, name)

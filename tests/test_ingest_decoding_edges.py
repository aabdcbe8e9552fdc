"""Decoding edge cases: the detectors' bounds, every fallback, and the exact one-line errors.

tests/test_ingest.py covers the encodings users have; these pin what lies between
them (BOM-less UTF-16 in both byte orders, the 1 % control-character bound, the
Windows-1252 holes that send a file to charset-normalizer, read errors), found by
a mutation run (docs/MUTATION.md).
"""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from audit.ingest import decode
from audit.ingest.decode import InputError, decode_bytes, read_text

# Fresh sentence; its "à" and "è" are where Windows-1250 and Mac Roman differ from Windows-1252.
ARTICLE = "Le président a déclaré à la presse que l'été serait très chaud. Ça suffit, a-t-il ajouté, la forêt brûle.\n"


def _error(data: bytes) -> str:
    with pytest.raises(InputError) as info:
        decode_bytes(data, "bad.txt")
    assert info.value.path == "bad.txt"
    return info.value.reason


# --- BOM-less UTF-16 -------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_bomless_utf16_in_both_byte_orders(encoding: str):
    decoded = decode_bytes(ARTICLE.encode(encoding), "a.txt")
    assert (decoded.text, decoded.encoding) == (ARTICLE, encoding)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_bomless_utf16_tolerates_a_few_nul_bytes_on_the_other_side(encoding: str):
    # "Ā" (U+0100) puts a NUL where ASCII never has one; one such letter must not break detection.
    text = "Ārija Kalniņa est arrivée à Paris ce matin pour le sommet européen.\n"
    assert decode_bytes(text.encode(encoding)).text == text


def test_four_bytes_are_enough_for_bomless_utf16():
    assert decode_bytes("Ok".encode("utf-16-le")).text == "Ok"


@pytest.mark.parametrize(
    "data",
    [
        b"B\x00onjour a tous, ceci est un article tout a fait ordinaire..",  # NUL at an odd position
        b"\x00Bonjour a tous, ceci est un article tout a fait ordinaire..",  # NUL at an even position
    ],
)
def test_nul_bytes_in_ordinary_text_are_binary_not_utf16(data: bytes):
    # One NUL is not the every-other-byte pattern of UTF-16.
    assert len(data) % 2 == 0
    assert _error(data) == "binary file (contains NUL bytes): not a text article"


def test_all_nul_bytes_are_binary():
    assert _error(b"\x00" * 100) == "binary file (contains NUL bytes): not a text article"


# --- binary content after decoding -------------------------------------------------------


def test_one_percent_of_control_characters_is_tolerated_more_is_binary():
    assert decode_bytes(b"a" * 99 + b"\x01").text == "a" * 99 + "\x01"
    assert _error(b"a" * 98 + b"\x01\x01") == "binary content (control characters) after decoding as utf-8: not a text article"


def test_layout_characters_are_not_control_characters():
    text = "Titre\tsous-titre\f\vsuite\n" * 5
    assert decode_bytes(text.encode()).text == text


def test_replacement_characters_count_as_binary():
    reason = _error(("Texte " + "\ufffd" * 10).encode())
    assert reason.startswith("binary content")


def test_control_characters_in_every_decoding_path_name_it():
    controls = bytes(range(1, 32)) * 20
    assert _error(controls) == "binary content (control characters) after decoding as utf-8: not a text article"
    assert _error(b"caf\xe9" + controls) == "binary content (control characters) after decoding as cp1252: not a text article"
    assert _error("\x01\x02\x03\x04 a".encode("utf-16-le")) == (
        "binary content (control characters) after decoding as utf-16-le: not a text article"
    )


# --- empty input ---------------------------------------------------------------------------


def test_empty_input_messages():
    assert _error(b"") == "empty file: nothing to audit"
    assert _error(codecs.BOM_UTF8) == "empty file: only white space"
    assert _error(codecs.BOM_UTF16_LE + "  \n ".encode("utf-16-le")) == "empty file: only white space"
    assert _error("   \n\n  ".encode("utf-16-le")) == "empty file: only white space"
    with pytest.raises(InputError, match=r"^<bytes>: empty file"):
        decode_bytes(b"")


def test_bom_is_removed_but_nothing_after_it():
    text = "Xavier Niel a parlé devant l'assemblée.\n"
    assert decode_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le")).text == text


# --- Windows-1252 and the detector ------------------------------------------------------------


def test_windows_1252_without_holes_is_decoded_as_windows_1252():
    # charset-normalizer alone reads this as Windows-1250 ("à" -> "ŕ"): the fast path must keep it.
    decoded = decode_bytes(ARTICLE.encode("cp1252"))
    assert (decoded.text, decoded.encoding) == (ARTICLE, "cp1252")


def test_bytes_undefined_in_windows_1252_go_to_the_detector():
    # Mac Roman writes "è" and "ê" as 0x8F and 0x90, two bytes Windows-1252 leaves undefined.
    data = ARTICLE.encode("mac_roman")
    assert any(b in (0x8F, 0x90) for b in data)
    decoded = decode_bytes(data)
    assert decoded.text == ARTICLE
    assert decoded.encoding not in ("cp1252", "utf-8")


def test_control_characters_after_the_detector_name_its_encoding():
    data = (ARTICLE * 3).encode("mac_roman") + bytes(range(1, 7))
    reason = _error(data)
    assert reason.startswith("binary content (control characters) after decoding as mac")


def test_what_no_detector_can_read_is_undecodable():
    rng = random.Random(1)
    data = bytes(rng.randrange(128, 256) for _ in range(400)) + b"\x81"
    assert _error(data) == "undecodable: not UTF-8, UTF-16 or Windows-1252 text"


# --- reading files ---------------------------------------------------------------------------------


def test_read_text_reads_and_names_the_file(tmp_path: Path):
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    assert read_text(path).text == ARTICLE
    path.write_bytes(b"")
    with pytest.raises(InputError, match=r"^shown\.txt: empty"):
        read_text(path, display="shown.txt")
    with pytest.raises(InputError, match="^" + str(path) + ": empty"):
        read_text(path)


def test_read_errors_are_one_line_with_the_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def reason(path: Path) -> str:
        with pytest.raises(InputError) as info:
            read_text(path, display="in.txt")
        assert str(info.value) == f"in.txt: {info.value.reason}"
        return info.value.reason

    assert reason(tmp_path / "missing.txt") == "no such file"
    assert reason(tmp_path) == "is a folder, not a file"
    plain = tmp_path / "plain.txt"
    plain.write_text("Un article.\n", encoding="utf-8")
    assert reason(plain / "child.txt") == "cannot read: Not a directory"
    # Root (tests and CI run as root) reads any file: a permission error can only be simulated.
    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    with monkeypatch.context() as patched:
        patched.setattr(Path, "read_bytes", refuse)
        assert reason(plain) == "permission denied: cannot read the file"
    monkeypatch.setattr(decode, "MAX_BYTES", len("Un article.\n"))
    assert read_text(plain).text == "Un article.\n"  # exactly at the limit: read
    plain.write_text("Un article plus long.\n", encoding="utf-8")
    assert reason(plain) == f"too large (22 bytes; the limit is 12)"

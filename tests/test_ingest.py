"""Decoding what users really have, and segmenting it with exact offsets."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from audit.ingest.decode import InputError, decode_bytes, read_text
from audit.ingest.segment import paragraph_spans, segment

FRENCH = "Le président a déclaré « Ça suffit » à 94 000 manifestants.\nL’été sera chaud, a-t-il ajouté.\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (FRENCH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + FRENCH.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + FRENCH.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + FRENCH.encode("utf-16-be"), "utf-16-be"),
        (FRENCH.replace("’", "'").encode("cp1252"), "cp1252"),
        (FRENCH.replace("’", "'").encode("latin-1"), "cp1252"),
    ],
)
def test_decodes_every_encoding_users_have(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data, "article.txt")
    assert decoded.encoding == encoding
    assert decoded.text.replace("’", "'") == FRENCH.replace("’", "'")
    assert not decoded.text.startswith("\ufeff")


def test_bomless_utf16_is_recognised() -> None:
    decoded = decode_bytes("Le président est arrivé à Paris ce matin.".encode("utf-16-le"), "a.txt")
    assert decoded.text == "Le président est arrivé à Paris ce matin."


def test_line_endings_are_normalised_and_offsets_follow() -> None:
    decoded = decode_bytes("Première ligne.\r\nDeuxième ligne.\rTroisième.".encode("utf-8"))
    assert decoded.text == "Première ligne.\nDeuxième ligne.\nTroisième."
    doc = segment(decoded.text)
    third = doc.sentences[2]
    assert (third.line, third.col, third.text) == (3, 1, "Troisième.")
    assert decoded.text[third.start:third.end] == third.text


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"   \n\n \t", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (bytes(range(0, 32)) * 20, "binary"),
        (codecs.BOM_UTF8 + b"caf\xe9 \xff\xfe", "byte-order mark"),
    ],
)
def test_bad_input_gets_a_one_line_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(data, "bad.txt")
    message = str(info.value)
    assert message.startswith("bad.txt: ")
    assert reason in message
    assert "\n" not in message


def test_unreadable_paths(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="folder"):
        read_text(tmp_path)


def test_paragraphs_one_per_line_or_separated_by_blank_lines() -> None:
    assert len(paragraph_spans("Un.\nDeux.\nTrois.")) == 3
    assert len(paragraph_spans("Un.\n\n\nDeux.\n\nTrois.")) == 3


def test_hard_wrapped_lines_stay_in_one_paragraph() -> None:
    text = "Le gouvernement a présenté mardi un projet de loi qui\nprévoit une hausse des crédits pour les hôpitaux.\nUn autre paragraphe commence ici."
    spans = paragraph_spans(text)
    assert len(spans) == 2
    assert text[spans[0][0]:spans[0][1]].endswith("hôpitaux.")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("M. Dupont est arrivé. Il est reparti.", ["M. Dupont est arrivé.", "Il est reparti."]),
        ("La ville fut fondée en 52 av. J.-C. par les Romains. Elle prospéra.", ["La ville fut fondée en 52 av. J.-C. par les Romains.", "Elle prospéra."]),
        ("Le taux atteint 3,5 % cette année. Il était de 2,1 % en 2020.", ["Le taux atteint 3,5 % cette année.", "Il était de 2,1 % en 2020."]),
        ("John F. Kennedy est mort à Dallas. Voir p. 12 pour la suite.", ["John F. Kennedy est mort à Dallas.", "Voir p. 12 pour la suite."]),
        ("« Nous partirons demain », a-t-il dit. Mme Durand a confirmé.", ["« Nous partirons demain », a-t-il dit.", "Mme Durand a confirmé."]),
    ],
)
def test_sentences_respect_french_abbreviations(text: str, expected: list[str]) -> None:
    assert [s.text for s in segment(text).sentences] == expected


def test_every_offset_is_true_to_the_text() -> None:
    for path in sorted(Path(__file__).resolve().parents[1].joinpath("seeds").glob("*.txt")):
        text = read_text(path).text
        doc = segment(text)
        assert doc.sentences, path
        for p in doc.paragraphs:
            assert text[p.start:p.end] == p.text
            for s in p.sentences:
                assert text[s.start:s.end] == s.text
                line, col = doc.position(s.start)
                assert (s.line, s.col) == (line, col)
                assert text.split("\n")[line - 1][col - 1:].startswith(s.text[:20])


# --- issue 12 item 1: a long line must not hang the segmenter ------------------------------------

SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))]


def _sentences(text: str) -> list[str]:
    return [s.text for s in segment(text).sentences]


def test_an_80_kb_line_segments_in_seconds_not_minutes() -> None:
    import time

    line = " ".join(" ".join(t.split()) for t in SEED_TEXTS)
    line = (line + " ") * (80_000 // len(line) + 1)
    started = time.perf_counter()
    sentences = _sentences(line[:80_000])
    elapsed = time.perf_counter() - started
    # Before the windows, pysbd took 22 s on such a line (quadratic); now ~1 s on a loaded machine.
    assert elapsed < 8, f"{elapsed:.1f} s"
    assert len(sentences) > 300


def test_cutting_a_long_paragraph_keeps_the_sentences_of_an_uncut_one(monkeypatch: pytest.MonkeyPatch) -> None:
    import audit.ingest.segment as seg

    def balanced(p: str) -> bool:
        # pysbd never splits inside an open quotation; an unclosed one (MT output has them)
        # would make it keep the rest of the paragraph as one sentence, which no cut can match.
        return p.count("«") == p.count("»") and p.count('"') % 2 == 0 and p.count("“") == p.count("”") and p[-1] in ".!?"

    paragraphs = [" ".join(p.split()) for t in SEED_TEXTS for p in t.split("\n") if p.strip() and balanced(p.strip())]
    joined = " ".join(paragraphs)
    assert len(joined) > 5 * seg.MAX_PIECE
    cut = _sentences(joined)
    # The reference: pysbd given the whole paragraph at once (fine at this size, quadratic beyond).
    monkeypatch.setattr(seg, "MAX_PIECE", 10 * len(joined))
    monkeypatch.setattr(seg.safe_windows, "__defaults__", (10 * len(joined),))
    whole = _sentences(joined)
    assert len(whole) > 50
    assert cut == whole


def test_text_without_sentence_ends_is_cut_into_bounded_sentences() -> None:
    from audit.ingest.segment import MAX_PIECE, safe_windows

    text = "mot " * 20_000 + "x" * 5_000
    windows = safe_windows(text)
    assert windows[0][0] == 0 and windows[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(windows, windows[1:]))
    assert all(0 < e - s <= MAX_PIECE for s, e in windows)
    sentences = segment(text).sentences
    assert all(len(s.text) <= MAX_PIECE for s in sentences)
    assert "".join(s.text for s in sentences).replace(" ", "") == text.replace(" ", "")

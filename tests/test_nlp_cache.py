"""The per-process spaCy analysis cache stays bounded without losing what a call asked for."""

from __future__ import annotations

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

"""langdetect's profiles held sparse give langdetect exactly its own numbers."""

from __future__ import annotations

import pytest

from audit.resources import langdetect_profiles


def test_every_ngram_row_is_langdetects_own() -> None:
    detector_factory = pytest.importorskip("langdetect.detector_factory")
    stock = detector_factory.DetectorFactory()
    stock.load_profile(detector_factory.PROFILES_DIRECTORY)
    langlist, sparse = langdetect_profiles.load(detector_factory.PROFILES_DIRECTORY)
    assert langlist == stock.langlist and len(langlist) >= 50
    assert len(sparse) == len(stock.word_lang_prob_map) > 80_000
    for word, row in stock.word_lang_prob_map.items():
        assert word in sparse
        assert sparse[word] == row, word  # float equality: the same values, not close ones
    assert "zzzz" not in sparse


def test_detect_langs_gives_the_same_probabilities() -> None:
    langdetect = pytest.importorskip("langdetect")
    from langdetect import DetectorFactory, detector_factory

    texts = [
        "Le gouvernement a présenté mardi son projet de budget pour l'année prochaine.",
        "The government presented its budget plan on Tuesday, officials said.",
        "Der Haushalt wurde am Dienstag vorgestellt.",
        "Ukraine, NATO, OTAN : 12,5 % des voix.",
    ]

    def probabilities():
        out = []
        for text in texts:
            DetectorFactory.seed = 0
            out.append([(p.lang, p.prob) for p in langdetect.detect_langs(text)])
        return out

    saved = detector_factory._factory
    try:
        detector_factory._factory = None
        detector_factory.init_factory()  # langdetect's own profiles
        expected = probabilities()
        detector_factory._factory = None
        assert langdetect_profiles.install()
        assert isinstance(detector_factory._factory.word_lang_prob_map, langdetect_profiles.SparseProfiles)
        assert probabilities() == expected
        assert not langdetect_profiles.install()  # never replaces a factory already there
    finally:
        detector_factory._factory = saved

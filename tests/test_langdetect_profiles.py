"""langdetect's profiles held sparse give langdetect exactly its own numbers."""

from __future__ import annotations

import json

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
    assert list(sparse) == list(sparse.keys()) == list(stock.word_lang_prob_map)


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


def _write_profiles(folder, count: int) -> None:
    """``count`` small profiles in langdetect's format; n-grams of 1 to 4 letters, the last not counted."""
    for i in range(count):
        freq = {"a": i + 1, f"b{i % 7}": 2, "cde": 3 + i % 5, "wxyz": 9}
        profile = {"name": f"l{i:03d}", "freq": freq, "n_words": [10 + i, 20, 30, 40]}
        (folder / f"l{i:03d}").write_text(json.dumps(profile), encoding="utf-8")


def _same_as_langdetect(folder) -> None:
    detector_factory = pytest.importorskip("langdetect.detector_factory")
    stock = detector_factory.DetectorFactory()
    stock.load_profile(str(folder))
    langlist, sparse = langdetect_profiles.load(str(folder))
    assert langlist == stock.langlist
    assert list(sparse) == list(stock.word_lang_prob_map)
    for word, row in stock.word_lang_prob_map.items():
        assert sparse[word] == row, word


@pytest.mark.parametrize("count", [3, 200, 300])
def test_any_number_of_languages_loads_as_langdetect_does(tmp_path, count) -> None:
    # 200 languages need language indexes above 127, 300 above 255.
    _write_profiles(tmp_path, count)
    _same_as_langdetect(tmp_path)


def test_hidden_files_and_folders_count_as_languages_but_hold_none(tmp_path) -> None:
    _write_profiles(tmp_path, 20)
    (tmp_path / ".hidden").write_text("not a profile", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    langlist, sparse = langdetect_profiles.load(str(tmp_path))
    assert len(langlist) == 20 and len(sparse["a"]) == 22
    _same_as_langdetect(tmp_path)


def test_an_empty_folder_or_a_language_twice_is_one_clear_error(tmp_path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match=r"^no langdetect profile in .*empty$"):
        langdetect_profiles.load(str(tmp_path / "empty"))
    (tmp_path / "empty").rmdir()
    _write_profiles(tmp_path, 2)
    (tmp_path / "again").write_text((tmp_path / "l001").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ValueError, match=r"^two langdetect profiles for l001$"):
        langdetect_profiles.load(str(tmp_path))

"""wordfreq's lists held packed give wordfreq's own frequencies, word for word."""

from __future__ import annotations

import pytest

from audit.resources import frequencies


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_word_has_wordfreqs_frequency(lang, tmp_path, monkeypatch) -> None:
    wordfreq = pytest.importorskip("wordfreq")
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path))
    frequencies.packed.cache_clear()
    stock = wordfreq.get_frequency_dict.__wrapped__(lang, "best") if hasattr(wordfreq.get_frequency_dict, "__wrapped__") else None
    if stock is None:  # already replaced by install(): rebuild wordfreq's dictionary from its list
        stock = {}
        for index, bucket in enumerate(wordfreq.get_frequency_list.__wrapped__(lang, "best")):
            for word in bucket:
                stock[word] = wordfreq.cB_to_freq(-index)
    built = frequencies.packed(lang)
    assert frequencies.cache_file(lang, "best").exists()
    frequencies.packed.cache_clear()
    table = frequencies.packed(lang)  # read back from the file
    assert len(table) == len(built) == len(stock) > 100_000
    for word, freq in stock.items():
        assert table[word] == freq, word
    for absent in ("qzxwv", "", "Le", "THE", "l'homme-qzx"):
        assert (absent in table) == (absent in stock)
    frequencies.packed.cache_clear()


def test_zipf_frequency_unchanged_once_installed() -> None:
    wordfreq = pytest.importorskip("wordfreq")
    words = [("automatically", "en"), ("the", "fr"), ("week-end", "fr"), ("aujourd'hui", "fr"), ("l'OTAN", "fr"),
             ("12,5", "fr"), ("2021", "en"), ("New York", "en"), ("zzyzx", "en"), ("Élysée", "fr"), ("naïve", "en")]
    expected = [wordfreq.zipf_frequency(w, lang) for w, lang in words]
    wordfreq._wf_cache.clear()
    assert frequencies.install()
    assert getattr(wordfreq.get_frequency_dict, "audit_packed", False)
    assert [wordfreq.zipf_frequency(w, lang) for w, lang in words] == expected
    assert isinstance(wordfreq.get_frequency_dict("fr"), frequencies.PackedFrequencies)


def test_a_small_table_answers_like_a_dict_of_frequencies() -> None:
    wordfreq = pytest.importorskip("wordfreq")
    # A lone surrogate (a byte kept by surrogateescape) is a word like any other, in the table and in a lookup.
    bands = {"chat": 300, "chien": 310, "a\udcffb": 700, "": 5, "été": 0}
    table = frequencies.PackedFrequencies.from_bytes(frequencies.PackedFrequencies.build(bands).to_bytes())
    assert len(table) == len(bands)
    for word, band in bands.items():
        assert word in table and table[word] == table.get(word) == wordfreq.cB_to_freq(-band)
    # Fifty absent words: some hash below every word of the table, some above.
    for absent in ("chats", "ete", "a\udcfeb", 12, None, b"chat", *(f"mot{i}" for i in range(50))):
        assert absent not in table and table.get(absent, "none") == "none"
    with pytest.raises(KeyError, match="chats"):  # the missing word, as a dict says it
        table["chats"]


def test_the_word_list_asked_for_is_the_one_packed(tmp_path, monkeypatch) -> None:
    wordfreq = pytest.importorskip("wordfreq")
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path))
    frequencies.packed.cache_clear()
    try:
        small = frequencies.packed("en", "small")
        assert frequencies.cache_file("en", "small").parent == tmp_path  # $AUDIT_CACHE_DIR is the cache folder
        assert frequencies.cache_file("en", "small").exists()
        stock = wordfreq.get_frequency_list.__wrapped__("en", "small")
        assert len(small) == sum(len(bucket) for bucket in stock) < len(frequencies.packed("en", "best"))
        assert small["the"] == wordfreq.cB_to_freq(-next(i for i, b in enumerate(stock) if "the" in b))
    finally:
        frequencies.packed.cache_clear()


def test_without_audit_cache_dir_the_lists_go_to_the_user_cache_folder(monkeypatch) -> None:
    from pathlib import Path

    from platformdirs import user_cache_dir

    monkeypatch.delenv("AUDIT_CACHE_DIR", raising=False)
    assert frequencies.cache_file("fr", "best").parent == Path(user_cache_dir("audit"))
    assert frequencies.cache_file("fr", "best") != frequencies.cache_file("en", "best") != frequencies.cache_file("en", "small")

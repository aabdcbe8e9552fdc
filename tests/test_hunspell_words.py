"""The precomputed hunspell word sets answer lookup() exactly as spylls does (real hunspell-fr/en-us, real spylls).

benchmarks/hunspell_words.py runs the same comparison on 100,000 words of real text.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from spylls.hunspell import Dictionary

from audit.resources import hunspell_words
from audit.resources.hunspell_build import Unsupported, expand
from audit.resources.lexicon import WORD_RE, hunspell_base

ROOT = Path(__file__).resolve().parent.parent


def _words() -> list[str]:
    """Every distinct word of the seeds and the first held-out set, as written and in other cases,
    with apostrophes typed both ways, the parts of hyphenated words and elided forms."""
    seen = set()
    for folder in (ROOT / "seeds", ROOT / "tests/data/heldout"):
        for path in sorted(folder.glob("*.txt")):
            seen.update(m.group() for m in WORD_RE.finditer(path.read_text(encoding="utf-8")))
    words = set()
    for word in seen:
        for variant in (word, word.lower(), word.capitalize(), word.upper()):
            words.update((variant, variant.replace("'", "’")))
        words.update(part for part in re.split(r"[-'’]", word) if part)
    vowel_initial = sorted(w for w in seen if w[:1] in "aeéiouh" and w.isalpha())[::5]
    words.update(elision + w for w in vowel_initial for elision in ("l'", "d’", "qu'", "L'"))
    return sorted(words)


@pytest.fixture(scope="module")
def words() -> list[str]:
    return _words()


def _precomputed(name: str) -> hunspell_words.HunspellWords:
    base = hunspell_base(name)
    if base is None:
        pytest.skip(f"hunspell {name} is not installed")
    found = hunspell_words.load(base)
    if found is None:  # not built yet (or the expansion's code changed): build it now
        hunspell_words.build(base)
        found = hunspell_words.load(base)
    assert isinstance(found, hunspell_words.HunspellWords)
    return found


@pytest.mark.parametrize("name", ["fr", "en_US"])
def test_the_set_answers_every_word_as_spylls(name, words):
    assert len(words) > 5000
    precomputed = _precomputed(name)
    spylls = Dictionary.from_files(str(hunspell_base(name)))
    differences = [w for w in words if precomputed.lookup(w) != bool(spylls.lookup(w))]
    assert differences == []
    # The sample exercises both answers, and the affixed and elided forms.
    accepted = {w for w in words if precomputed.lookup(w)}
    assert len(accepted) > 0.2 * len(words) and len(words) - len(accepted) > 300


def test_case_rules_apostrophes_and_hyphens_follow_spylls():
    """Forms that only spylls' wrappers around the affix analysis accept or refuse."""
    precomputed = _precomputed("fr")
    spylls = Dictionary.from_files(str(hunspell_base("fr")))
    probes = ["L’HOMME", "l’homme", "L'Homme", "PARIS", "paris", "Paris", "ONU", "onu", "kA", "KA", "ka",
              "porte-monnaie", "porte-monnaies", "-t-il", "aujourd’hui", "Mme", "MME", "mme", "1er", "12,5", "3.14",
              "vice-président-directeur", "états-unis", "États-Unis", "ÉTATS-UNIS", "qu'", "l'", "'", "œuvre", "Œuvre", "OEUVRE"]
    assert [precomputed.lookup(w) for w in probes] == [bool(spylls.lookup(w)) for w in probes]


def test_english_ordinals_come_from_the_compound_rules():
    precomputed = _precomputed("en_US")
    spylls = Dictionary.from_files(str(hunspell_base("en_US")))
    probes = ["21st", "21th", "111th", "112nd", "112th", "1st", "3rd", "13rd", "0th", "42", "2.5", "1,000", "l33t"]
    answers = [precomputed.lookup(w) for w in probes]
    assert answers == [bool(spylls.lookup(w)) for w in probes]
    assert answers[0] and not answers[1]


def test_the_lexicon_answers_without_loading_spylls():
    _precomputed("fr"), _precomputed("en_US")
    code = (
        "import sys\n"
        "from audit.resources.lexicon import in_french_lexicon\n"
        "from audit.resources.wordlists import english_valid\n"
        "print(in_french_lexicon('maisons'), in_french_lexicon('ewhqwe'), english_valid('houses'), english_valid('maisons'))\n"
        "print('spylls' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.split() == ["True", "False", "True", "False", "False"]


def _write_dictionary(folder: Path, aff: str, dic: list[str]) -> Path:
    (folder / "xx.aff").write_text(aff, encoding="utf-8")
    (folder / "xx.dic").write_text(f"{len(dic)}\n" + "\n".join(dic) + "\n", encoding="utf-8")
    return folder / "xx"


def test_a_dictionary_the_expansion_cannot_replay_stays_on_spylls(tmp_path, monkeypatch):
    base = _write_dictionary(tmp_path, "SET UTF-8\nCOMPOUNDFLAG Z\n", ["foot/Z", "ball/Z"])
    with pytest.raises(Unsupported):
        expand(Dictionary.from_files(str(base)))
    monkeypatch.setenv("AUDIT_HUNSPELL_DIR", str(tmp_path / "sets"))
    opened = hunspell_words.open_dictionary(base)
    assert isinstance(opened, hunspell_words.SpyllsWords)
    assert "through spylls" in opened.source
    assert opened.lookup("football") and not opened.lookup("ballfeet")


def test_a_missing_set_is_built_once_and_then_read(tmp_path, monkeypatch):
    aff = "SET UTF-8\nSFX S Y 1\nSFX S 0 s .\n"
    base = _write_dictionary(tmp_path, aff, ["chat/S", "chien/S"])
    monkeypatch.setenv("AUDIT_HUNSPELL_DIR", str(tmp_path / "sets"))
    assert "through spylls" in hunspell_words.describe(base)
    first = hunspell_words.open_dictionary(base)
    assert isinstance(first, hunspell_words.HunspellWords)
    assert first.lookup("chats") and first.lookup("CHIENS") and not first.lookup("chatss")
    assert "precomputed forms" in hunspell_words.describe(base)
    # The dictionary changes: its set is stale, and a new one is built.
    _write_dictionary(tmp_path, aff, ["chat/S", "chien/S", "loup/S"])
    assert "through spylls" in hunspell_words.describe(base)
    assert hunspell_words.open_dictionary(base).lookup("loups")


# A small dictionary that uses every feature the expansion replays: two suffix levels,
# cross-product prefixes, NEEDAFFIX, CIRCUMFIX, KEEPCASE, ONLYINCOMPOUND, ICONV, BREAK,
# COMPOUNDRULE, and stems in several cases.
FEATURES_AFF = """SET UTF-8
FLAG long
NEEDAFFIX ()
CIRCUMFIX **
KEEPCASE ||
ONLYINCOMPOUND cc
COMPOUNDMIN 1
COMPOUNDRULE 1
COMPOUNDRULE (nn)*(tt)
ICONV 2
ICONV ’ '
ICONV ﬁ fi
BREAK 3
BREAK -
BREAK ^'
BREAK '$
PFX L' Y 2
PFX L' 0 l' [aeiou]
PFX L' 0 L' [aeiou]
PFX Re Y 1
PFX Re 0 re/() .
PFX Gr Y 1
PFX Gr 0 gross/** .
SFX Ss Y 2
SFX Ss 0 s [^s]
SFX Ss 0 es s
SFX Er Y 2
SFX Er er ons/Ss er
SFX Er er ez er
SFX Xa N 1
SFX Xa er ation/Ss er
SFX Ci Y 1
SFX Ci 0 ism/** .
SFX Na Y 1
SFX Na 0 eur .
SFX Nb Y 1
SFX Nb 0 ett/()Ss .
"""
FEATURES_DIC = ["aimer/ErL'Re", "chat/SsNb", "os/Ss", "organiser/ErXaL'", "fix/CiGr", "ami/Na()", "Paris/L'",
                "Ah/Ss||", "UNESCO/||", "OpenOffice.org", "ibm/||", "1/nn", "2/nn", "1th/ttcc", "2th/ttcc", "fin/Ss",
                "porte-monnaie/Ss", "a", "été"]


def test_every_feature_of_a_small_dictionary_follows_spylls(tmp_path, monkeypatch):
    base = _write_dictionary(tmp_path, FEATURES_AFF, FEATURES_DIC)
    spylls = Dictionary.from_files(str(base))
    expansion = expand(spylls)
    hunspell_words.build(base, tmp_path)
    precomputed = hunspell_words.load(base, tmp_path)
    assert isinstance(precomputed, hunspell_words.HunspellWords)
    forms = sorted(expansion.forms | {k.split("\x01")[0] for k in expansion.keepcase} | expansion.caseless)
    assert {"aimons", "reaimez", "l'aimez", "organisation", "organisations", "grossfixism", "amieur", "chats", "oses", "chatetts"} <= set(forms)
    assert not {"ami", "fixism", "grossfix", "aimation", "1th", "reaimer", "chatett"} & set(forms)
    probes = set()
    for form in forms + ["11th", "121th", "12th", "1th", "ﬁn", "l’aimez", "L'AIMEZ", "'chat", "chat-chat", "chat-", "fin-os", "reami", "OS", "E", "A"]:
        for variant in (form, form.upper(), form.capitalize(), form.lower(), form + "s", form[1:], form[:-1]):
            probes.update((variant, variant.replace("'", "’")))
    answers = {w: precomputed.lookup(w) for w in sorted(probes)}
    assert answers == {w: bool(spylls.lookup(w)) for w in sorted(probes)}
    assert answers["L'AIMEZ"] and answers["ﬁn"] and answers["12th"] and not answers["1th"]

"""Mine cognate traps: French words spelt like an English word whose dictionary translations exclude them.

    python scripts/mine_false_friends.py [--corpus .../assemblee-nationale-debats.txt.xz]

An engine that meets "motorists" may write "motoristes" (engine makers) instead of
"automobilistes". Such pairs are found, not listed by hand:
1. French words: wordfreq's 80,000 most frequent French words that Grammalecte's
   lexicon accepts; English words: wordfreq's 50,000 most frequent English words
   that hunspell-en-us accepts.
2. A French word W and an English word E are *cognates* when they are spelt the same
   once accents are dropped and the regular suffix correspondences are applied
   (-iste/-ist, -ique/-ic, -eur/-or, -ité/-ity, -ellement/-ally, -eux/-ous, -aire/-ary...);
   verb endings are left out (-er/-e, -é/-ed pair nouns with verbs: passager/passage).
3. The pair is a *trap* when the bilingual dictionaries know E (Apertium eng-spa then
   es-fr, every alternative; FreeDict eng-fra) and none of their translations of E is W's
   lemma (Grammalecte gives the lemma): a translator would not write W for E.
4. For the context gate, each trap carries W's frequency in real French (count in the
   3.3-million-word French corpus, wordfreq Zipf) and E's English Zipf.
Output: ``audit/data/false_friends.json``. Only counts leave the corpus.
"""

from __future__ import annotations

import argparse
import gzip
import lzma
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpora import default_corpus, write_json  # noqa: E402
from audit.resources import bilingual  # noqa: E402
from audit.resources.lexicon import WORD_RE, zipf  # noqa: E402
from audit.resources.stems import stem  # noqa: E402
from audit.resources.wordlists import english_names, english_valid, french_valid, grammalecte_spellchecker  # noqa: E402

OUT = ROOT / "audit" / "data" / "false_friends.json"
FREEDICT = Path("/usr/share/dictd/freedict-eng-fra.dict.dz")
# French ending -> English ending, longest first: the regular spelling correspondences of cognates.
SUFFIXES = (
    ("uellement", "ually"), ("ellement", "ally"), ("istes", "ists"), ("iste", "ist"), ("iques", "ics"), ("ique", "ic"),
    ("ités", "ities"), ("ité", "ity"), ("eurs", "ors"), ("eur", "or"), ("euses", "ous"), ("euse", "ous"), ("eux", "ous"),
    ("aires", "aries"), ("aire", "ary"), ("ifs", "ives"), ("if", "ive"), ("ives", "ives"), ("ive", "ive"),
    ("isme", "ism"), ("ismes", "isms"), ("ement", "ly"), ("es", "es"), ("e", ""),
)


def plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if unicodedata.category(c) != "Mn")


def english_keys(french: str) -> set[str]:
    """English spellings a French word's cognate could have."""
    base = plain(french)
    keys = {base}
    for fr_end, en_end in SUFFIXES:
        if french.lower().endswith(fr_end) and len(french) - len(fr_end) >= 3:
            keys.add(plain(french[: len(french) - len(fr_end)]) + en_end)
    return keys


def freedict(path: Path) -> dict[str, set[str]]:
    """English headword -> French words of its FreeDict entry."""
    out: dict[str, set[str]] = {}
    if not path.exists():
        return out
    text = gzip.open(path, "rt", encoding="utf-8").read()
    head = None
    for line in text.splitlines():
        m = re.match(r"^([a-z][a-z' -]*) /[^/]*/\s*$", line)
        if m:
            head = m.group(1).strip()
            out.setdefault(head, set())
            continue
        if head and line.strip():
            body = re.sub(r"^\d+\.\s*", "", line.strip())
            out[head].update(w.strip() for w in body.split(",") if w.strip())
    return out


def lemmas(word: str) -> set[str]:
    checker = grammalecte_spellchecker()
    found = {m.split("/", 1)[0].lstrip(">") for m in checker.getMorph(word)} if checker else set()
    return found or {word}


def main() -> None:
    from wordfreq import top_n_list

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None)
    args = parser.parse_args()
    corpus = args.corpus
    if corpus is None:
        corpus = default_corpus()
        corpus = corpus if corpus.exists() else None  # counts are optional here: the gate then uses wordfreq alone

    english = {
        w for w in top_n_list("en", 50_000)
        if w.isalpha() and w.isascii() and len(w) >= 5 and english_valid(w) and w.capitalize() not in english_names()
    }
    pairs: dict[str, str] = {}
    for w in top_n_list("fr", 80_000):
        if not w.isalpha() or len(w) < 5 or not french_valid(w):
            continue
        matches = sorted(english_keys(w) & english)
        if matches:
            pairs[w] = matches[0]
    print(f"{len(pairs)} cognate pairs", file=sys.stderr)

    analysed = bilingual.analyse(" . ".join(sorted(set(pairs.values()))) + " .", "en")
    english_lemma = {}
    for a in analysed:
        if a.tags and a.tags[0] != "sent":
            english_lemma.setdefault(a.surface.lower(), (a.lemma.lower(), a.tags[:1]))
    units = sorted(set(english_lemma.values()))
    apertium = bilingual.translations(units, "en", "fr")
    fd = freedict(FREEDICT)

    traps = {}
    for w, e in sorted(pairs.items()):
        unit = english_lemma.get(e)
        translations = set(apertium.get(unit, [])) if unit else set()
        translations |= fd.get(e, set()) | (fd.get(unit[0], set()) if unit else set())
        if not translations:
            continue  # the dictionaries do not know E: no evidence either way
        known = {stem(t) for t in translations} | {stem(x) for t in translations for x in t.split()}
        if any(stem(lemma) in known for lemma in lemmas(w)) or stem(w) in known:
            continue  # a true cognate: the dictionaries translate E by W
        traps[w] = {"en": e, "dictionary": sorted(translations)[:6]}

    counts: Counter[str] = Counter()
    if corpus is not None:
        with lzma.open(corpus, "rt", encoding="utf-8") as handle:
            for line in handle:
                for m in WORD_RE.finditer(line.lower()):
                    if m.group(0) in traps:
                        counts[m.group(0)] += 1
    for w, entry in traps.items():
        entry.update({"fr_count": counts[w], "fr_zipf": zipf(w, "fr"), "en_zipf": zipf(entry["en"], "en")})
    data = {
        "about": "French words spelt like an English word that the dictionaries do not translate by them; see README.false_friends.md",
        "corpus_lines_counted": corpus.name if corpus else None,
        "pairs": len(pairs),
        "traps": dict(sorted(traps.items())),
    }
    write_json(OUT, data, indent=0)
    print(f"{OUT.relative_to(ROOT)}: {len(pairs)} cognate pairs, {len(traps)} traps")


if __name__ == "__main__":
    main()

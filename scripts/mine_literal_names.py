"""Mine word-for-word French renderings of English institution and programme names.

    python scripts/mine_literal_names.py [--wordnet /usr/share/wordnet] [--corpus .../assemblee-nationale-debats.txt.xz]

Engines translate an English name word by word when they do not know it as a name:
"Tea Party" becomes "fête du thé", "House committee" "comité de la maison". The
names come from a gazetteer that ships as a package: WordNet 3.0 (Debian
``wordnet-base``), its noun synsets of groups (organisations, parties,
legislatures), acts (programmes, games), artifacts (buildings) and events, keeping
title-case names of two to five words made only of common English words (so that
a literal rendering is possible). Each content word is translated by Apertium's
bilingual dictionaries (eng-spa then es-fr, every alternative: see
``audit.resources.bilingual``); nothing is written by hand. A name whose word-for-word
rendering appears in real French text (the 3.3-million-word French corpus) is
dropped: French uses that rendering ("Cour suprême", "Jeux olympiques").
Output: ``audit/data/literal_names.json``, the stems of the French words of each name.
"""

from __future__ import annotations

import argparse
import lzma
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpora import default_corpus, write_json  # noqa: E402
from audit.resources import bilingual  # noqa: E402
from audit.resources.stems import find_groups, stem, stems_of  # noqa: E402
from audit.resources.wordlists import english_names, english_valid  # noqa: E402

LEXICOGRAPHER_FILES = {"04": "noun.act", "06": "noun.artifact", "11": "noun.event", "14": "noun.group"}
FUNCTION_WORDS = {"of", "the", "and", "for", "on", "in", "to", "a", "an", "at", "by", "de"}
CONTENT_POS = {"n", "adj"}
OUT = ROOT / "audit" / "data" / "literal_names.json"


def wordnet_names(folder: Path) -> list[tuple[str, str]]:
    """(name, lexicographer file) of title-case WordNet nouns made of common English words."""
    names = {}
    for line in (folder / "data.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        if fields[1] not in LEXICOGRAPHER_FILES:
            continue
        for i in range(int(fields[3], 16)):
            lemma = fields[4 + 2 * i]
            words = lemma.replace("_", " ").split()
            content = [w for w in words if w.lower() not in FUNCTION_WORDS]
            if not 2 <= len(words) <= 5 or len(content) < 2:
                continue
            if not all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in content):
                continue
            if any(w in english_names() or not english_valid(w.lower()) for w in content):
                continue  # a person's or a place's name inside: no literal rendering to fear
            names.setdefault(" ".join(words), LEXICOGRAPHER_FILES[fields[1]])
    return sorted(names.items())


def renderings(names: list[str]) -> dict[str, list[list[str]]]:
    """name -> for each content word, the French lemmas Apertium gives (names with an untranslatable word are left out)."""
    text = " . ".join(n.lower() for n in names) + " ."
    analysed = bilingual.analyse(text, "en")
    per_name: list[list[bilingual.Analysis]] = [[]]
    for a in analysed:
        if a.tags[:1] == ("sent",):
            per_name.append([])
        else:
            per_name[-1].append(a)
    per_name = per_name[: len(names)]
    units = [(a.lemma, a.tags) for words in per_name for a in words if a.pos in CONTENT_POS]
    french = bilingual.translations(units, "en", "fr")
    out = {}
    for name, words in zip(names, per_name):
        content = [a for a in words if a.surface.lower() not in FUNCTION_WORDS]
        if len(content) < 2 or any(a.pos not in CONTENT_POS for a in content):
            continue
        groups = [french[(a.lemma, a.tags)] for a in content]
        if any(not g for g in groups):
            continue
        # A name whose words all stay the same in French ("Sierra Club") has no literal rendering.
        if all(stem(a.surface) in {stem(x) for x in g} for a, g in zip(content, groups)):
            continue
        out[name] = [
            {"en": a.lemma.lower(), "fr": sorted({x for x in g if " " not in x}) or sorted(g)} for a, g in zip(content, groups)
        ]
    return out


def attested(signatures: dict[str, list[frozenset[str]]], corpus: Path) -> dict[str, int]:
    """How many corpus lines hold each rendering (all its words within the window the check uses)."""
    by_stem: dict[str, set[str]] = {}
    for name, groups in signatures.items():
        for s in groups[0]:
            by_stem.setdefault(s, set()).add(name)
    counts = {name: 0 for name in signatures}
    with lzma.open(corpus, "rt", encoding="utf-8") as handle:
        for line in handle:
            tokens = stems_of(line)
            present = {t[2] for t in tokens}
            for name in {n for s in present if s in by_stem for n in by_stem[s]}:
                groups = signatures[name]
                if all(present & g for g in groups) and find_groups(tokens, groups, window_for(groups)):
                    counts[name] += 1
    return counts


def window_for(groups: list) -> int:
    return 2 * len(groups) + 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    args = parser.parse_args()
    names = wordnet_names(args.wordnet)
    files = dict(names)
    french = renderings([n for n, _ in names])
    signatures = {name: [frozenset(stem(x) for x in w["fr"]) for w in words] for name, words in french.items()}
    counts = attested(signatures, args.corpus)
    kept = {
        name: {"words": words, "wordnet": files[name]}
        for name, words in sorted(french.items()) if counts[name] == 0
    }
    data = {
        "about": "English names (WordNet 3.0) with the French words Apertium gives for each content word; see README.literal_names.md",
        "names_read": len(names),
        "rendered": len(french),
        "dropped_as_attested_in_french": sum(1 for c in counts.values() if c),
        "names": kept,
    }
    write_json(OUT, data, indent=1)
    print(f"{OUT.relative_to(ROOT)}: {len(names)} names, {len(french)} rendered, {len(kept)} kept ({data['dropped_as_attested_in_french']} attested in French)")


if __name__ == "__main__":
    main()

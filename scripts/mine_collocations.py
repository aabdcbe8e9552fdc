"""Mine audit/data/collocations.json: French pair counts and the English pairs that would explain a calque.

    python scripts/mine_collocations.py [--corpus FILE.txt.xz] [--cache /tmp/colloc/parsed] [--out audit/data/collocations.json]

1. Parse the French corpus (one sentence a line, xz) with spaCy's fr_core_news_sm, the
   model the auditor uses, parser on; the parse is cached in chunks under ``--cache`` so
   that an interrupted run resumes (a full run takes 10-20 minutes on one core).
2. Count the pairs of ``audit.resources.collocations.pairs`` (verb-object, noun-adjective,
   noun-de-noun) by lemma, with the marginal count of each head and dependent lemma.
   Pairs seen once are dropped (the check reads "absent" as "at most once").
3. Translate every frequent lemma into English with Apertium's bilingual dictionaries
   (fr -> es -> en); then a cognate spelling that the English analyser knows
   ("vicieux" -> "vicious"), as a literal translation would write it.
4. From WordNet's two-word entries (Debian wordnet-base) and the English bigram counts that ship with the symspellpy package (Google Books
   n-grams, MIT-licensed package), keep the English lemma pairs of the same relations
   ("raise taxes": verb + noun; "vicious criticism": adjective + noun; "traffic lights":
   noun + noun) whose words translate a frequent French lemma, with their PMI.

Only counts and lemmas leave the corpus; no sentence is written out.
"""

from __future__ import annotations

import argparse
import json
import lzma
import math
import os
import pickle
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpora import atomic_write, default_corpus  # noqa: E402
from audit.resources import bilingual  # noqa: E402
from audit.resources.collocations import RELATIONS, pairs  # noqa: E402
from audit.resources.nlp import Tok  # noqa: E402

CHUNK = 10_000
MIN_MARGINAL = 2  # lemmas seen once are dropped, as pairs seen once are
MIN_TRANSLATED = 5
WORDNET = Path("/usr/share/wordnet")  # Debian wordnet-base
WORDNET_SCORE = 20.0  # the "PMI" given to a WordNet multiword entry: above any bigram's  # lemmas translated into English
APERTIUM_POS = {
    "verb-object": ("vblex", "n"),
    "noun-adjective": ("n", "adj"),
    "noun-de-noun": ("n", "n"),
}
# French -> English spelling of suffixes, for cognates the dictionaries lack.
COGNATE_SUFFIXES = (
    ("eux", "ous"), ("euse", "ous"), ("ique", "ic"), ("ique", "ical"), ("if", "ive"), ("ive", "ive"),
    ("el", "al"), ("elle", "al"), ("aire", "ary"), ("oire", "ory"), ("é", "ed"), ("ée", "ed"), ("er", "e"),
    ("re", "er"), ("e", ""), ("", ""),
)


def parse(corpus: Path, cache: Path) -> list[Path]:
    """Parse the corpus in chunks of CHUNK lines, each pickled as tuples (lower, lemma, pos, dep, head offset)."""
    import spacy

    cache.mkdir(parents=True, exist_ok=True)
    with lzma.open(corpus, "rt", encoding="utf-8") as handle:
        lines = [line.strip().replace("’", "'").replace("ʼ", "'") for line in handle]
    chunks = []
    nlp = None
    started = time.time()
    for first in range(0, len(lines), CHUNK):
        path = cache / f"{first // CHUNK:04d}.pkl"
        chunks.append(path)
        if path.exists():
            continue
        if nlp is None:
            nlp = spacy.load("fr_core_news_sm", exclude=["ner"])
        out = []
        for doc in nlp.pipe(lines[first:first + CHUNK], batch_size=256):
            out.append(tuple((t.lower_, t.lemma_.lower(), t.pos_, t.dep_, t.head.i - t.i) for t in doc if not t.is_space))
        with open(path.with_suffix(".tmp"), "wb") as handle:
            pickle.dump(out, handle, protocol=4)
        os.replace(path.with_suffix(".tmp"), path)
        print(f"parsed {min(first + CHUNK, len(lines))}/{len(lines)} lines, {time.time() - started:.0f}s", file=sys.stderr)
    return chunks


def sentences(chunks: list[Path]):
    """The cached parse as token tuples shaped like the auditor's (lemma, pos, dep, head index)."""
    for path in chunks:
        with open(path, "rb") as handle:
            for sentence in pickle.load(handle):
                # Head offsets count spaCy's tokens; the corpus has normalised white space, so no space
                # token was dropped before a word and the offsets hold (pairs() ignores a head out of range).
                yield tuple(
                    Tok(lower, lower, lemma.replace("’", "'"), pos, {}, 0, 0, dep, i + offset)
                    for i, (lower, lemma, pos, dep, offset) in enumerate(sentence)
                )


def count(chunks: list[Path]) -> dict[str, dict]:
    totals: Counter[str] = Counter()
    heads: dict[str, Counter[str]] = defaultdict(Counter)
    dependents: dict[str, Counter[str]] = defaultdict(Counter)
    pair_counts: dict[str, Counter[str]] = defaultdict(Counter)
    for tokens in sentences(chunks):
        for pair in pairs(tokens):
            head, dependent = pair.lemmas(tokens)
            totals[pair.relation] += 1
            heads[pair.relation][head] += 1
            dependents[pair.relation][dependent] += 1
            pair_counts[pair.relation][f"{head} {dependent}"] += 1
    return {
        r: {
            "total": totals[r],
            "heads": {k: v for k, v in sorted(heads[r].items()) if v >= MIN_MARGINAL},
            "dependents": {k: v for k, v in sorted(dependents[r].items()) if v >= MIN_MARGINAL},
            "pairs": {k: v for k, v in sorted(pair_counts[r].items()) if v >= 2},
        }
        for r in RELATIONS
    }


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def english_lexicon() -> tuple[Path, dict[str, int]]:
    import symspellpy

    folder = Path(symspellpy.__file__).parent
    unigrams = {}
    with open(folder / "frequency_dictionary_en_82_765.txt", encoding="utf-8") as handle:
        for line in handle:
            word, _, number = line.strip().partition(" ")
            if number.isdigit():
                unigrams[word] = int(number)
    return folder / "frequency_bigramdictionary_en_243_342.txt", unigrams


def translate(relations: dict[str, dict], unigrams: dict[str, int]) -> dict[str, list[str]]:
    """'lemma|pos' -> English lemmas, dictionary translations first, then cognate spellings."""
    wanted = set()
    for relation, (head_pos, dep_pos) in APERTIUM_POS.items():
        wanted |= {(lemma, head_pos) for lemma, n in relations[relation]["heads"].items() if n >= MIN_TRANSLATED}
        wanted |= {(lemma, dep_pos) for lemma, n in relations[relation]["dependents"].items() if n >= MIN_TRANSLATED}
    wanted = sorted(wanted)
    found = bilingual.translations(wanted, "fr", "en")
    # Cognate candidates, checked against the English analyser for the same part of speech.
    candidates = {}
    for lemma, pos in wanted:
        plain = _plain(lemma)
        options = []
        for fr, en in COGNATE_SUFFIXES:
            if plain.endswith(_plain(fr)) and len(plain) - len(fr) >= 3:
                options.append(plain[: len(plain) - len(_plain(fr))] + en)
        candidates[(lemma, pos)] = [o for o in dict.fromkeys(options) if o in unigrams]
    analysed = bilingual.readings(sorted({o for c in candidates.values() for o in c}), "en")
    out = {}
    for lemma, pos in wanted:
        english = list(found.get((lemma, (pos,)), []))
        # A cognate is what a literal engine writes ("vicieux" for vicious): it comes after the dictionary's senses.
        for option in candidates[(lemma, pos)]:
            english += [l for l, tags in analysed.get(option, []) if tags and tags[0] == pos and l == option]
        english = [e.lower() for e in dict.fromkeys(english) if " " not in e]
        if english:
            out[f"{lemma}|{pos}"] = english
    return out


def english_pairs(bigram_file: Path, unigrams: dict[str, int], english: dict[str, list[str]]) -> dict[str, dict[str, float]]:
    """English lemma pairs of each relation found as adjacent words in the bigram counts, with their PMI."""
    wanted = {pos: set() for pos in ("vblex", "n", "adj")}
    for key, lemmas in english.items():
        wanted[key.split("|")[1]].update(lemmas)
    bigrams = []
    with open(bigram_file, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) == 3 and parts[2].isdigit():
                bigrams.append((parts[0].lower(), parts[1].lower(), int(parts[2])))
    words = sorted({w for a, b, _ in bigrams for w in (a, b)})
    analysed = bilingual.readings(words, "en")
    total = sum(unigrams.values())

    def lemmas(word: str, pos: str) -> set[str]:
        return {l.lower() for l, tags in analysed.get(word, []) if tags and tags[0] == pos and l.lower() in wanted[pos]}

    out: dict[str, dict[str, float]] = {r: {} for r in RELATIONS}
    for first, second, n in bigrams:
        if first not in unigrams or second not in unigrams:
            continue
        score = round(math.log2(n * total / (unigrams[first] * unigrams[second])), 2)
        shapes = (
            ("verb-object", lemmas(first, "vblex"), lemmas(second, "n"), False),  # raise taxes
            ("noun-adjective", lemmas(second, "n"), lemmas(first, "adj"), False),  # vicious criticism
            ("noun-de-noun", lemmas(second, "n"), lemmas(first, "n"), False),  # traffic lights: head 'light'
        )
        for relation, heads, dependents, _ in shapes:  # noqa: B007
            for h in heads:
                for d in dependents:
                    key = f"{h} {d}"
                    if score > out[relation].get(key, -1e9):
                        out[relation][key] = score
    # WordNet's multiword entries are lexicalised English collocations ("liquid_assets",
    # "traffic_light", "take_place"); they count as the strongest English pairs.
    entries = []
    for name, shape in (("index.noun", "noun"), ("index.verb", "verb")):
        path = WORDNET / name
        if not path.exists():
            print(f"{path} missing (apt-get install wordnet-base): WordNet entries skipped", file=sys.stderr)
            continue
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                parts = line.split(" ", 1)[0].split("_")
                if len(parts) == 2 and all(p.isalpha() for p in parts):
                    entries.append((shape, parts[0], parts[1]))
    analysed = bilingual.readings(sorted({w for _, a, b in entries for w in (a, b)} - set(analysed)), "en") | analysed
    for shape, first, second in entries:
        if shape == "verb":
            shapes = (("verb-object", lemmas(first, "vblex"), lemmas(second, "n")),)
        else:
            shapes = (
                ("noun-adjective", {second} & wanted["n"], lemmas(first, "adj")),
                ("noun-de-noun", {second} & wanted["n"], lemmas(first, "n")),
            )
        for relation, heads, dependents in shapes:
            for h in heads:
                for d in dependents:
                    out[relation][f"{h} {d}"] = WORDNET_SCORE
    return {r: dict(sorted(v.items())) for r, v in out.items()}


def back_translate(pairs_en: dict[str, dict[str, float]]) -> dict[str, list[str]]:
    """'english lemma|pos' -> French lemmas (en -> es -> fr), for every word of an English pair.

    With the inverse of the French->English table, these are the other French words an engine
    could have chosen for the same English word: the check looks among them for the French collocation.
    """
    wanted = set()
    for relation, keys in pairs_en.items():
        head_pos, dep_pos = APERTIUM_POS[relation]
        for key in keys:
            head, dependent = key.split(" ")
            wanted.add((head, head_pos))
            wanted.add((dependent, dep_pos))
    found = bilingual.translations(sorted(wanted), "en", "fr")
    out = {}
    for (lemma, tags), french in sorted(found.items()):
        french = [f.lower() for f in french if "#" not in f and " " not in f]
        if french:
            out[f"{lemma}|{tags[0]}"] = french
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--cache", type=Path, default=Path("/tmp/colloc/parsed"))
    parser.add_argument("--out", type=Path, default=ROOT / "audit" / "data" / "collocations.json")
    args = parser.parse_args()
    chunks = parse(args.corpus, args.cache)
    relations = count(chunks)
    for name, r in relations.items():
        print(f"{name}: {r['total']} pairs, {len(r['pairs'])} kept, {len(r['heads'])} heads, {len(r['dependents'])} dependents", file=sys.stderr)
    bigram_file, unigrams = english_lexicon()
    english = translate(relations, unigrams)
    print(f"{len(english)} lemmas translated", file=sys.stderr)
    pairs_en = english_pairs(bigram_file, unigrams, english)
    for name, p in pairs_en.items():
        print(f"English {name}: {len(p)} pairs", file=sys.stderr)
    back = back_translate(pairs_en)
    print(f"{len(back)} English lemmas translated back", file=sys.stderr)
    data = {
        "corpus": "the Assemblée nationale debates (3.3 million words)",
        "relations": relations,
        "english": dict(sorted(english.items())),
        "english_pairs": pairs_en,
        "french": back,
    }
    # One entry a line (indent=0): plain JSON so that the analysis caches, which hash the package's
    # .json files, notice a new table; and a re-mining shows as a readable diff.
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0, separators=(",", ":")) + "\n"
    atomic_write(args.out, raw)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()

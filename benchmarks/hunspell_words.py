"""Compare the precomputed hunspell word sets with spylls, word for word, and time both.

    python benchmarks/hunspell_words.py compare [--large-lines N]   # every word: same answer?
    python benchmarks/hunspell_words.py measure {spylls,set} {fr,en_US}  # load CPU, RSS, 10k lookups

``compare`` looks up, in hunspell-fr and hunspell-en-us, every distinct token of the
seeds, the held-out sets, ../shared/corpora/fr-news-original, the English side of
../shared/corpora/real-mt-fr (OPUS-MT newstest2014, lines 229-1228) and one line in
every 20 of ../shared/corpora/fr-text-large (or its first N lines), as written and in
lower, title and upper case, with apostrophes typed both ways, plus the parts of
hyphenated words and a few elided forms; it prints every word on which the set and
spylls disagree (spylls' answers are cached under /tmp/hunspell-words-compare/).
``measure`` loads one dictionary one way in this process: CPU seconds
(time.process_time) and resident memory (VmRSS, which counts the pages of the mapped
trie file that were read: the page cache shares them between processes) to load it,
then 10,000 lookups of distinct words of the samples.
"""

from __future__ import annotations

import argparse
import json
import lzma
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from audit.resources.lexicon import WORD_RE  # noqa: E402
from scripts.corpora import default_corpus  # noqa: E402

CACHE = Path("/tmp/hunspell-words-compare")
DICTIONARIES = ("fr", "en_US")
TOKEN_RE = re.compile(r"\S+")
EDGE_PUNCTUATION = "\"«»“”‘’'()[]{},.;:!?…—–-/*"
ELISIONS = ("l'", "d'", "qu'", "n'", "s'", "j'", "L'", "D'", "jusqu'", "lorsqu'")


def texts(large_every: int, large_lines: int | None) -> list[str]:
    """The text of every sample (read from disk, never stored in the project)."""
    out = []
    for folder in (ROOT / "seeds", ROOT / "tests/data/heldout", ROOT / "tests/data/heldout2"):
        out += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.txt"))]
    corpora = default_corpus(Path("fr-news-original")).parent
    out += [p.read_text(encoding="utf-8", errors="replace") for p in sorted((corpora / "fr-news-original").glob("*.txt"))]
    english = corpora / "real-mt-fr" / "opusmt-newstest2014.en"
    if english.exists():
        out.append(english.read_text(encoding="utf-8"))
    with lzma.open(corpora / "fr-text-large" / "assemblee-nationale-debats.txt.xz", "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if large_lines is not None:
                if number >= large_lines:
                    break
            elif number % large_every:
                continue
            out.append(line)
    return out


def sample_words(large_every: int = 20, large_lines: int | None = None) -> list[str]:
    """Distinct tokens as written, their case variants, apostrophe variants, hyphen parts and elisions."""
    seen: set[str] = set()
    for text in texts(large_every, large_lines):
        for match in WORD_RE.finditer(text):
            seen.add(match.group())
        for token in TOKEN_RE.findall(text):
            seen.add(token.strip(EDGE_PUNCTUATION))
    words = set()
    for word in seen:
        if not word or len(word) > 60:
            continue
        for variant in (word, word.lower(), word.title(), word.capitalize(), word.upper()):
            words.add(variant)
            words.add(variant.replace("'", "’"))
            words.add(variant.replace("’", "'"))
        words.update(part for part in re.split(r"[-'’]", word) if part)
    for word in sorted(w for w in words if w.isalpha() and w[:1].lower() in "aeéèêiîouyh")[::3]:
        words.update(elision + word for elision in ELISIONS)
    return sorted(words)


def spylls_answers(name: str, words: list[str]) -> dict[str, bool]:
    """spylls' lookup of every word, cached on disk (it takes minutes on the whole sample)."""
    from audit.resources.lexicon import HUNSPELL_DIRS

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{name}.json"
    answers = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    missing = [w for w in words if w not in answers]
    if missing:
        from spylls.hunspell import Dictionary

        base = next(folder / name for folder in HUNSPELL_DIRS if (folder / f"{name}.dic").exists())
        dictionary = Dictionary.from_files(str(base))
        for number, word in enumerate(missing):
            try:
                answers[word] = bool(dictionary.lookup(word))
            except Exception:  # noqa: BLE001 - the auditor reads an exception as "not in the lexicon"
                answers[word] = False
            if number % 20000 == 19999:
                path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
        path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    return answers


def compare(args) -> int:
    from audit.resources.hunspell_words import open_dictionary
    from audit.resources.lexicon import HUNSPELL_DIRS

    words = sample_words(args.large_every, args.large_lines)
    print(f"{len(words):,} distinct words and variants")
    status = 0
    for name in DICTIONARIES:
        base = next(folder / name for folder in HUNSPELL_DIRS if (folder / f"{name}.dic").exists())
        fast = open_dictionary(base)
        expected = spylls_answers(name, words)
        differences = [w for w in words if fast.lookup(w) != expected[w]]
        accepted = sum(expected[w] for w in words)
        print(f"{name}: {len(words) - len(differences):,}/{len(words):,} same answers ({accepted:,} accepted by spylls); source: {fast.source}")
        for word in differences[:50]:
            print(f"  differs: {word!r} spylls={expected[word]} set={not expected[word]}")
        status |= bool(differences)
    return status


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure(args) -> int:
    """One dictionary, one way, in this fresh process: load CPU and RSS, then 10,000 lookups."""
    import gc

    from audit.resources.lexicon import hunspell_base

    words = sample_words(large_lines=2000)[::4][:10_000]
    base = hunspell_base(args.name)
    gc.collect()
    rss0, cpu0 = rss_mb(), time.process_time()
    if args.how == "spylls":
        from audit.resources.hunspell_words import SpyllsWords

        lookup = SpyllsWords(base, "measured").lookup
    else:
        from audit.resources.hunspell_words import load

        words_set = load(base)
        if words_set is None:
            print(f"{args.name}: no set built (python -m audit.resources.hunspell_words --build)")
            return 1
        lookup = words_set.lookup
    cpu1, rss1 = time.process_time(), rss_mb()
    accepted = sum(lookup(word) for word in words)
    cpu2, rss2 = time.process_time(), rss_mb()
    print(f"{args.name} via {args.how}: load {cpu1 - cpu0:.2f} s CPU, +{rss1 - rss0:.0f} MB RSS; "
          f"{len(words):,} lookups ({accepted:,} accepted) {cpu2 - cpu1:.2f} s CPU; RSS +{rss2 - rss0:.0f} MB in all")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    compare_parser = commands.add_parser("compare")
    compare_parser.add_argument("--large-every", type=int, default=20, help="one line of fr-text-large in N (default 20)")
    compare_parser.add_argument("--large-lines", type=int, help="the first N lines of fr-text-large instead")
    measure_parser = commands.add_parser("measure")
    measure_parser.add_argument("how", choices=("spylls", "set"))
    measure_parser.add_argument("name", choices=DICTIONARIES)
    args = parser.parse_args()
    return compare(args) if args.command == "compare" else measure(args)


if __name__ == "__main__":
    raise SystemExit(main())

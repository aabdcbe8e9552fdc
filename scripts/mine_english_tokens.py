"""Mine the anglicisms real French text uses, for the English-token checks (FR104-FR106).

    python scripts/mine_english_tokens.py [--corpus ../shared/corpora/fr-text-large/assemblee-nationale-debats.txt.xz]

A word that English dictionaries know and French ones do not is left-over English
in a machine translation, unless French writers use it too (flat tax, crowdfunding,
bashing). Which ones they use is read from real French text, not decided by hand:
every lower-case word of the corpus that hunspell-en-us accepts and that neither
Grammalecte's lexicon nor hunspell-fr knows, seen at least MIN_COUNT times, is
written to ``audit/data/english_tokens.json`` with its count. Only counts leave the
corpus (its licence allows derived statistics with provenance; see the data README).
"""

from __future__ import annotations

import argparse
import lzma
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpora import default_corpus, write_json  # noqa: E402
from audit.resources.lexicon import WORD_RE  # noqa: E402
from audit.resources.wordlists import english_dictionary, french_valid  # noqa: E402

MIN_COUNT = 3
OUT = ROOT / "audit" / "data" / "english_tokens.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    args = parser.parse_args()
    counts: Counter[str] = Counter()
    lines = 0
    with lzma.open(args.corpus, "rt", encoding="utf-8") as handle:
        for line in handle:
            lines += 1
            for m in WORD_RE.finditer(line):
                word = m.group(0)
                if word[:1].islower():
                    counts[word] += 1
    english = english_dictionary()
    anglicisms = {
        w: n for w, n in sorted(counts.items())
        if n >= MIN_COUNT and len(w) >= 3 and not french_valid(w) and english.lookup(w)
    }
    data = {
        "about": "English words (hunspell-en-us) unknown to French lexicons (Grammalecte, hunspell-fr) that real French text uses; see README.english_tokens.md",
        "corpus": f"fr-text-large/{args.corpus.name}: {lines} lines",
        "min_count": MIN_COUNT,
        "anglicisms": anglicisms,
    }
    write_json(OUT, data, indent=1, sort_keys=False)
    print(f"{OUT.relative_to(ROOT)}: {len(anglicisms)} anglicisms from {lines} lines")


if __name__ == "__main__":
    main()

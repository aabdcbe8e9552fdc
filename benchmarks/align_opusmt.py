"""Sentence alignment on real MT: OPUS-MT lines as whole documents with lines missing on one side.

    python benchmarks/align_opusmt.py [--lines 1000] [--document 100] [--drop 0.04] [--seed 1]

The 1000 lines of ``opusmt-newstest2014.en`` / ``.hyp.fr`` are cut into documents of
``--document`` lines. In each, a share ``--drop`` of the lines is removed from the
French and as many other lines from the English, so that those lines are on one
side only (an omission, an addition, a headline of one edition). The aligner sees
the remaining lines as two documents; a 1-1 bead is *right* when it pairs the
English and French of the same original line. Reported: right / proposed 1-1
links (precision), right / pairs present on both sides (recall), bead counts.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from test_source_checks import one_to_one_accuracy  # noqa: E402


def default_corpus() -> Path:
    for candidate in (ROOT.parent / "shared" / "corpora" / "real-mt-fr", Path("/work/shared/corpora/real-mt-fr")):
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared" / "corpora" / "real-mt-fr"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--document", type=int, default=100)
    parser.add_argument("--drop", type=float, default=0.04)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    corpus = default_corpus()
    en_all = (corpus / "opusmt-newstest2014.en").read_text(encoding="utf-8").splitlines()[: args.lines]
    fr_all = (corpus / "opusmt-newstest2014.hyp.fr").read_text(encoding="utf-8").splitlines()[: args.lines]
    right = proposed = both = 0
    kinds: Counter[str] = Counter()
    started = time.time()
    for first in range(0, len(en_all), args.document):
        en, fr = en_all[first:first + args.document], fr_all[first:first + args.document]
        removed = max(1, round(args.drop * len(en)))
        r, p, b, k = one_to_one_accuracy(en, fr, removed=removed, added=removed, seed=args.seed + first, details=True)
        right, proposed, both = right + r, proposed + p, both + b
        kinds.update(k)
    print(f"OPUS-MT newstest2014 lines 1-{len(en_all)}, documents of {args.document} lines, "
          f"{args.drop:.0%} of lines removed from each side, seed {args.seed}")
    print(f"1-1 links right: {right}/{proposed} = {right / proposed:.1%} (precision); "
          f"{right}/{both} = {right / both:.1%} of the line pairs present on both sides (recall)")
    print("beads: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) + f"; {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()

"""False positives on real, untranslated French news, and recall on the seeds.

    python benchmarks/measure_corpus.py [--corpus ../shared/corpora/fr-news-original] [--engine none]

Every sentence of the clean corpus that gets a major or minor finding is a false
positive; the script lists them by rule code so each can be explained or fixed.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from audit.config import Settings
from audit.evaluate import evaluate_run, load_gold
from audit.pipeline import audit_paths

ROOT = Path(__file__).resolve().parents[1]


def false_positives(corpus: Path, engine: str) -> dict:
    started = time.perf_counter()
    run = audit_paths([corpus], Settings(engine=engine))
    elapsed = time.perf_counter() - started
    sentences = flagged = suspect = 0
    by_code: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    for report in run.audited:
        for p in report.passages:
            sentences += 1
            suspect += p.suspect
            hits = [f for f in p.findings if f.severity in ("major", "minor")]
            if hits:
                flagged += 1
            for f in hits:
                by_code[f.code] += 1
                examples.setdefault(f.code, []).append(f"{report.display_path}:{f.line}:{f.col} «{f.span}» — {f.message}")
    return {
        "files": len(run.audited),
        "sentences": sentences,
        "flagged": flagged,
        "suspect": suspect,
        "by_code": dict(sorted(by_code.items())),
        "examples": examples,
        "seconds": round(elapsed, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "fr-news-original")
    parser.add_argument("--engine", default="none")
    parser.add_argument("--examples", type=int, default=5)
    args = parser.parse_args()
    fp = false_positives(args.corpus, args.engine)
    share = fp["flagged"] / fp["sentences"] if fp["sentences"] else 0.0
    print(f"clean corpus: {fp['files']} files, {fp['sentences']} sentences, {fp['flagged']} with a major/minor finding ({share:.1%}), {fp['suspect']} suspect; {fp['seconds']} s")
    for code, count in fp["by_code"].items():
        print(f"  {code}: {count}")
        for example in fp["examples"][code][: args.examples]:
            print(f"      {example}")
    run = audit_paths([ROOT / "seeds"], Settings(engine=args.engine))
    scores = evaluate_run(run, load_gold(ROOT / "tests" / "data" / "seeds-gold.jsonl"))
    print(f"seeds: recall {scores['recall']:.1%} (major {scores['recall_major']:.1%}), in category {scores['recall_in_category']:.1%}, precision >= {scores['precision']:.1%}")
    for m in scores["missed"]:
        print(f"  missed {m['file']}:{m['line']} [{m['category']}, {m['severity']}] {m['span']}")


if __name__ == "__main__":
    main()

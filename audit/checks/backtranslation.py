"""Rules for back-translation evidence (FR9xx).

There is no check function here: the evidence exists only after the whole run has
been back-translated, so ``audit.backtranslation`` emits these findings. The
rules are registered at import so that ``audit rules`` and ``audit explain`` list
them. They have no examples (an engine is needed to trigger them); their
``extra["stage"]`` tells the generic example test to skip them.

Thresholds are conservative: on 509 sentences of untranslated French news none of
these rules fires (docs/SCORING.md).
"""

from __future__ import annotations

from audit.checks.registry import Rule, register_rule

STAGE = {"stage": "backtranslation"}

FR901 = register_rule(
    Rule(
        code="FR901",
        name="unknown-non-french-words",
        category="backtranslation",
        severity="minor",
        message="Words unknown to the translation engine and absent from the French lexicon",
        explain=(
            "The back-translation engine (Apertium) marks the words it cannot analyse. Most are names or rare "
            "French words, so only lower-case words that the French lexicon does not know either count, minus "
            "compound prefixes (\"germano-\") and words inside quotes. Several of them in one passage point to "
            "left-over source-language text or words the machine translation invented. Minor for two such "
            "words making a tenth of the passage; major for three or more, or a fifth of the passage."
        ),
        suggestion="Check these words: untranslated, misspelt or invented?",
        extra=dict(STAGE),
    )
)

FR902 = register_rule(
    Rule(
        code="FR902",
        name="number-lost-in-backtranslation",
        category="backtranslation",
        severity="minor",
        message="A number of the passage is missing from its back-translation",
        explain=(
            "Numbers survive translation almost always (decimal and thousands separators are ignored in the "
            "comparison, and \"14h30\" may come back as \"2:30\"). When one disappears, the sentence around it "
            "is usually garbled or its structure was not understood, so the number's role may be wrong too."
        ),
        suggestion="Check that the number is attached to the right thing",
        extra=dict(STAGE),
    )
)

FR903 = register_rule(
    Rule(
        code="FR903",
        name="backtranslation-collapsed",
        category="backtranslation",
        severity="minor",
        message="The back-translation is less than half as long as the passage",
        explain=(
            "English is a little shorter than French (about 10 % in characters), never half as long. A "
            "back-translation that collapses means the engine could not make sense of most of the passage."
        ),
        suggestion="Read the passage: it may be garbled or repeated",
        extra=dict(STAGE),
    )
)

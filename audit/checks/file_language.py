"""FR100: a whole file in another language than the one audited.

The French checks read English text as French and report its number formats,
capitals and quotes by the dozen; and ``--lang de`` on a French article would run
them all against the wrong language. One finding about the file says what is wrong;
the runner then checks the file no further (see ``runner.GATE_CHECKS``).
"""

from __future__ import annotations

from typing import Iterable

from audit.checks.registry import Rule, check
from audit.ingest.langid import _langdetect_probabilities
from audit.model import Document, Finding

# Enough text for langdetect to be reliable, and little enough to stay cheap on a big file.
SAMPLE_CHARS = 4000
# Under this, langdetect is unsure and the per-passage checks (FR101, FR102) speak instead.
MIN_WORDS = 20
MIN_PROBABILITY = 0.9

LANGUAGE_NAMES = {"fr": "French", "en": "English", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese", "nl": "Dutch", "ca": "Catalan"}

FR100 = Rule(
    code="FR100",
    name="file-language",
    category="untranslated",
    severity="major",
    message="The file is not in the audited language; its passages were not checked.",
    explain=(
        "Catches a file whose text, taken as a whole, is in another language than the one "
        "audited (--lang, French by default): an article left untranslated, the original "
        "put in the wrong folder, or --lang set to the wrong language. The checks are written "
        "for the audited language and would only report noise on such a file, so it gets this "
        "one finding instead. Fix: translate the file, move it out of the audit, or set --lang."
    ),
    english="a file in another language",
    examples=(
        "[[The government presented its budget plan for next year on Tuesday, and officials said the text would be debated in parliament next month.]]",
    ),
    counterexamples=(
        "Le gouvernement a présenté mardi son projet de budget pour l'année prochaine. "
        "Le texte, qui cite le Financial Times et « The Economist », sera débattu le mois prochain.",
    ),
)


def _sample(doc: Document) -> str:
    parts: list[str] = []
    size = 0
    for paragraph in doc.paragraphs:
        parts.append(paragraph.text)
        size += len(paragraph.text)
        if size >= SAMPLE_CHARS:
            break
    return " ".join(parts)[:SAMPLE_CHARS]


@check(FR100)
def file_language(doc: Document, ctx) -> Iterable[Finding]:
    """A file whose text as a whole is in another language than the audited one (one finding, on its first paragraph)."""
    if not doc.paragraphs:
        return
    sample = _sample(doc)
    if len(sample.split()) < MIN_WORDS:
        return
    probabilities = _langdetect_probabilities(sample)
    if not probabilities:
        return
    detected, probability = max(probabilities.items(), key=lambda item: item[1])
    if detected == ctx.language or probability < MIN_PROBABILITY:
        return
    first = doc.paragraphs[0]
    name = LANGUAGE_NAMES.get(detected, detected)
    yield ctx.finding(
        "FR100",
        first.start,
        first.end,
        message=f"The file is in {name}, not in {LANGUAGE_NAMES.get(ctx.language, ctx.language)}; its passages were not checked.",
        evidence=f"langdetect on the first {len(sample)} characters: {detected} {probability:.2f}",
    )

"""Run the registered checks over a document."""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from audit.checks import load_all
from audit.checks.context import CheckContext
from audit.checks.factory import EVERY_RULE, FindingPolicy
from audit.checks.registry import CHECKS
from audit.ingest.langid import LanguageIdentifier
from audit.ingest.segment import segment
from audit.model import SEVERITY_RANK, Document, Finding
from audit.resources.frequencies import install as install_packed_frequencies
from audit.resources.nlp import set_parsing

# Findings of one family on the same words are one problem seen by two rules (Grammalecte and a
# construction rule on « a également a appelé »): the reader gets one finding naming both.
FAMILIES = {
    "grammar": "form", "omission": "form", "garble": "form",
    "calque": "meaning", "false-friend": "meaning", "mistranslation": "meaning", "entity": "meaning",
}


def build_context(doc: Document, language: str = "fr", source_language: str = "en", options: dict | None = None,
                  policy: FindingPolicy = EVERY_RULE) -> CheckContext:
    install_packed_frequencies()  # wordfreq's lists packed: same frequencies, ~60 MB less per process
    identifier = LanguageIdentifier(expected=language, source=source_language)
    sentence_languages = {s.id: identifier.language(s.text) for s in doc.sentences}
    paragraph_languages = {p.index: identifier.language(p.text) for p in doc.paragraphs}
    return CheckContext(
        doc=doc,
        language=language,
        source_language=source_language,
        sentence_languages=sentence_languages,
        paragraph_languages=paragraph_languages,
        options=dict(options or {}),
        policy=policy,
    )


GATE_CHECKS = ("file_language",)


def run_checks(
    doc: Document,
    ctx: CheckContext,
    ignore: Iterable[str] = (),
    select: Iterable[str] | None = None,
    severity_overrides: dict[str, str] | None = None,
) -> list[Finding]:
    """Every finding of every selected rule, deduplicated and sorted by position.

    Selection and severity are the context's policy; ``ignore``, ``select`` and
    ``severity_overrides`` (for tests and callers without one) replace it.
    """
    load_all()
    if ignore or select is not None or severity_overrides:
        ctx = replace(ctx, policy=FindingPolicy.of(ignore, select, severity_overrides))
    # A gate check that reports means the file is not fit for the other checks (a file in
    # another language): its finding is the file's only one.
    for name in GATE_CHECKS:
        gate = CHECKS.get(name)
        if gate is not None and any(ctx.policy.selects(c) for c in gate.codes):
            stop = [f for f in gate.function(doc, ctx) if f is not None]
            if stop:
                return stop

    def runs(check) -> bool:
        if check.opt_in:
            return any(ctx.policy.asks_for(c) for c in check.codes)
        return any(ctx.policy.selects(c) for c in check.codes)  # else none of its rules would report: save the time

    chosen = [CHECKS[name] for name in sorted(CHECKS) if name not in GATE_CHECKS and runs(CHECKS[name])]
    # Only the opt-in collocation check reads dependency relations: parse when it runs, so that
    # the other checks share its analysis; otherwise spaCy runs without its parser.
    set_parsing(any(c.opt_in for c in chosen))
    seen: set[tuple] = set()
    findings: list[Finding] = []
    for check in chosen:
        for finding in check.function(doc, ctx):
            if finding is None:  # the factory left out a rule the user did not select
                continue
            key = (finding.code, finding.start, finding.end)
            if key in seen:
                continue
            seen.add(key)
            findings.append(finding)
    return consolidate(findings)


def _overlap(a: Finding, b: Finding) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def consolidate(findings: list[Finding]) -> list[Finding]:
    """Merge findings of the same family that cover mostly the same words; keep the most severe."""
    kept: list[Finding] = []
    order = sorted(findings, key=lambda f: (-SEVERITY_RANK[f.severity], -(f.end - f.start), f.code, f.start))
    for finding in order:
        family = FAMILIES.get(finding.category)
        twin = None
        if family and finding.severity != "info":
            for other in kept:
                if FAMILIES.get(other.category) != family or other.severity == "info":
                    continue
                shortest = min(finding.end - finding.start, other.end - other.start)
                if shortest > 0 and _overlap(finding, other) * 2 >= shortest:
                    twin = other
                    break
        if twin is None:
            kept.append(finding)
        else:
            note = f"also flagged by {finding.code}: {finding.message}"
            twin.evidence = f"{twin.evidence}; {note}" if twin.evidence else note
    return sorted(kept, key=Finding.sort_key)


def check_text(text: str, select: Iterable[str] | None = None, language: str = "fr", options: dict | None = None) -> list[Finding]:
    """Convenience for tests and rule examples: segment ``text`` and run the checks on it."""
    doc = segment(text)
    ctx = build_context(doc, language=language, options=options)
    return run_checks(doc, ctx, select=select)

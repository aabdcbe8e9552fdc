"""Run the registered checks over a document."""

from __future__ import annotations

from typing import Iterable

from audit.checks import load_all
from audit.checks.context import CheckContext
from audit.checks.registry import CHECKS, RULES
from audit.ingest.langid import LanguageIdentifier
from audit.ingest.segment import segment
from audit.model import SEVERITY_RANK, Document, Finding

# Findings of one family on the same words are one problem seen by two rules (Grammalecte and a
# construction rule on « a également a appelé »): the reader gets one finding naming both.
FAMILIES = {
    "grammar": "form", "omission": "form", "garble": "form",
    "calque": "meaning", "false-friend": "meaning", "mistranslation": "meaning", "entity": "meaning",
}


def code_selected(code: str, category: str, ignore: Iterable[str] = (), select: Iterable[str] | None = None) -> bool:
    """ruff-style selection: ``FR5`` matches every FR5xx code; a category name matches its rules."""
    def matches(pattern: str) -> bool:
        return code.startswith(pattern) or pattern == category

    if select is not None and not any(matches(p) for p in select):
        return False
    return not any(matches(p) for p in ignore)


def build_context(doc: Document, language: str = "fr", source_language: str = "en", options: dict | None = None) -> CheckContext:
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
    )


def run_checks(
    doc: Document,
    ctx: CheckContext,
    ignore: Iterable[str] = (),
    select: Iterable[str] | None = None,
    severity_overrides: dict[str, str] | None = None,
) -> list[Finding]:
    """Every finding of every selected rule, deduplicated and sorted by position."""
    load_all()
    ignore = tuple(ignore)
    select = tuple(select) if select is not None else None
    seen: set[tuple] = set()
    findings: list[Finding] = []
    for name in sorted(CHECKS):
        check = CHECKS[name]
        if not any(code_selected(c, RULES[c].category, ignore, select) for c in check.codes):
            continue
        for finding in check.function(doc, ctx):
            if not code_selected(finding.code, finding.category, ignore, select):
                continue
            if severity_overrides and finding.code in severity_overrides:
                finding.severity = severity_overrides[finding.code]
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

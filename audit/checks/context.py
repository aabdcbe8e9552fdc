"""What a check is given besides the document: settings, languages, and a finding factory."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from audit.checks.registry import RULES
from audit.model import Document, Finding


@dataclass
class CheckContext:
    doc: Document
    language: str = "fr"
    source_language: str = "en"
    # sentence id -> language code ("fr", "en", "und") decided by ingest.langid
    sentence_languages: dict[str, str] = field(default_factory=dict)
    paragraph_languages: dict[int, str] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)

    def finding(
        self,
        code: str,
        start: int,
        end: int,
        message: str | None = None,
        severity: str | None = None,
        suggestion: str | None = None,
        evidence: str | None = None,
        category: str | None = None,
    ) -> Finding:
        """A finding of rule ``code`` on ``doc.text[start:end]``, defaults taken from the rule."""
        rule = RULES[code]
        line, col = self.doc.position(start)
        return Finding(
            code=code,
            category=category or rule.category,
            severity=severity or rule.severity,
            message=message or rule.message,
            start=start,
            end=end,
            line=line,
            col=col,
            span=self.doc.text[start:end],
            suggestion=suggestion if suggestion is not None else rule.suggestion,
            evidence=evidence,
        )

    def is_foreign(self, sentence_id: str) -> bool:
        return self.sentence_languages.get(sentence_id) == self.source_language

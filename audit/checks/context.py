"""What a check is given besides the document: settings, languages, and the finding factory."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from audit.checks.factory import EVERY_RULE, FindingPolicy
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
    policy: FindingPolicy = EVERY_RULE

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
    ) -> Finding | None:
        """A finding of rule ``code`` on ``doc.text[start:end]`` made by the one factory
        (rule defaults, the user's severity overrides); None when the rule is not selected."""
        line, col = self.doc.position(start)
        return self.policy.make(
            code, start=start, end=end, line=line, col=col, span=self.doc.text[start:end], message=message,
            severity=severity, suggestion=suggestion, evidence=evidence, category=category,
        )

    def is_foreign(self, sentence_id: str) -> bool:
        return self.sentence_languages.get(sentence_id) == self.source_language

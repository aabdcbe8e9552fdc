"""SARIF 2.1.0 output (``audit.sarif``) for code-scanning tools and CI annotations.

One run; ``tool.driver.rules`` holds every rule code used, with its message,
explanation, default level and category. Each finding is a result whose region
gives 1-based lines and columns counted in characters (``columnKind`` is
``unicodeCodePoints``) and the character offset and length in the decoded text.
``partialFingerprints["auditFingerprint/v1"]`` is the stable fingerprint of
:mod:`audit.fingerprint`. Files that could not be read become tool execution
notifications; the invocation is then not successful.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import quote

from audit.fingerprint import file_fingerprints
from audit.model import FileReport, Finding, RunReport
from audit.writers.base import FileSummary, RunFiles, RunStream, Writer, registered_rule

SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
# Placeholder until pyproject.toml names the project's home page ([project.urls] Homepage),
# which information_uri() prefers.
INFORMATION_URI = "https://github.com/audit-mt/audit"
FINGERPRINT_KEY = "auditFingerprint/v1"
LEVELS = {"major": "error", "minor": "warning", "info": "note"}


def information_uri() -> str:
    try:
        from importlib.metadata import PackageNotFoundError, metadata

        for entry in metadata("audit").get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if label.strip().lower() in {"homepage", "home", "source", "repository"} and url.strip():
                return url.strip()
    except (ImportError, PackageNotFoundError):
        pass
    return INFORMATION_URI


def repository_root(folder: Path) -> Path | None:
    """The root of the git repository (a ``.git`` folder, or file in a worktree) holding ``folder``."""
    for candidate in [folder, *folder.parents]:
        if (candidate / ".git").exists():
            return candidate
    return None


def source_root(cwd: Path | None = None) -> tuple[Path, bool]:
    """(%SRCROOT%, whether it is a repository): the repository holding the working folder, else that folder.

    In a repository, artifact URIs are relative to its root and the log names no machine
    path: whoever reads it (code scanning, a colleague's checkout) supplies the root.
    """
    cwd = (cwd or Path.cwd()).resolve()
    root = repository_root(cwd)
    return (root, True) if root is not None else (cwd, False)


def artifact_uri(path: str, cwd: Path | None = None) -> tuple[str, str | None]:
    """(uri, uriBaseId): relative to the working directory when possible, else an absolute file URI."""
    cwd = (cwd or Path.cwd()).resolve()
    p = Path(path)
    if p.is_absolute():
        try:
            rel = p.resolve().relative_to(cwd)
        except ValueError:
            return p.resolve().as_uri(), None
    else:
        rel = Path(os.path.normpath(p))
        if rel.parts[:1] == ("..",):
            return (cwd / rel).resolve().as_uri(), None
    return quote(rel.as_posix(), safe="/"), "%SRCROOT%"


def base_location(root: Path, in_repository: bool) -> dict[str, Any]:
    """%SRCROOT%: no machine path for a repository (the reader's checkout is the root), else the folder's URI."""
    if in_repository:
        return {"description": {"text": "The root of the repository the audit ran in."}}
    return {"uri": root.as_uri() + "/"}


def end_position(finding: Finding) -> tuple[int, int]:
    """1-based (line, column) just after the span; the column is exclusive, as SARIF wants."""
    lines = finding.span.split("\n")
    if len(lines) == 1:
        return finding.line, finding.col + len(finding.span)
    return finding.line + len(lines) - 1, len(lines[-1]) + 1


def _passage_of(report: FileReport, finding: Finding):
    for passage in report.passages:
        if any(f is finding for f in passage.findings):
            return passage
    for passage in report.passages:
        if passage.sentence.start <= finding.start < passage.sentence.end:
            return passage
    return None


class SarifWriter(Writer):
    format = "sarif"
    extension = "sarif"

    def open_run(self, files: RunFiles, settings: dict[str, Any], cwd: Path | None = None) -> RunStream:
        return _SarifStream(files, settings, cwd)

    def build(self, run: RunReport, cwd: Path | None = None) -> dict[str, Any]:
        """The SARIF log of a whole run as a dict (the stream writes it piece by piece).

        ``cwd`` is the folder relative paths are resolved against (default: the working folder);
        %SRCROOT% is the repository holding it, or the folder itself outside any repository.
        """
        from audit.writers.base import MemoryFiles

        files = MemoryFiles()
        stream = self.open_run(files, run.settings, cwd)
        for report in run.files:
            stream.add(report)
        stream.close(run)
        return json.loads(files.contents["audit.sarif"])


def _rules(first: dict[str, tuple[str, str, str]]) -> list[dict[str, Any]]:
    """``tool.driver.rules``: every code used, sorted; ``first`` gives (message, severity, category) of
    its first finding, for a code no registered rule describes."""
    rules = []
    for code in sorted(first):
        f_message, f_severity, f_category = first[code]
        rule = registered_rule(code)
        message = rule.message if rule else f_message
        explain = (rule.explain if rule else "") or message
        severity = rule.severity if rule else f_severity
        category = rule.category if rule else f_category
        name = rule.name if rule else category
        help_text = explain
        if rule and rule.suggestion:
            help_text += f"\nSuggestion: {rule.suggestion}"
        rules.append({
            "id": code,
            "name": name,
            "shortDescription": {"text": message},
            "fullDescription": {"text": explain},
            "help": {"text": help_text},
            "defaultConfiguration": {"level": LEVELS.get(severity, "warning")},
            "properties": {"category": category, "severity": severity, "tags": [category]},
        })
    return rules


def _result(report: FileReport, finding: Finding, fp: str, uri: tuple[str, str | None]) -> dict[str, Any]:
    """One SARIF result; its ``ruleIndex`` is set once every rule of the run is known."""
    text = finding.message
    if finding.suggestion:
        text += f" Suggestion: {finding.suggestion}"
    end_line, end_col = end_position(finding)
    region: dict[str, Any] = {
        "startLine": finding.line,
        "startColumn": finding.col,
        "endLine": end_line,
        "endColumn": end_col,
        "charOffset": finding.start,
        "charLength": max(finding.end - finding.start, 0),
    }
    if finding.span:
        region["snippet"] = {"text": finding.span}
    location: dict[str, Any] = {"uri": uri[0]}
    if uri[1]:
        location["uriBaseId"] = uri[1]
    passage = _passage_of(report, finding)
    properties: dict[str, Any] = {"category": finding.category, "severity": finding.severity}
    if passage is not None:
        properties["passage"] = passage.sentence.id
        properties["suspicionScore"] = round(passage.score, 4)
        properties["suspect"] = passage.suspect
    if finding.evidence:
        properties["evidence"] = finding.evidence
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": None,
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": text},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: fp},
        "properties": properties,
    }
    if passage is not None:
        result["locations"][0]["logicalLocations"] = [{"name": passage.sentence.id, "kind": "passage"}]
    return result


class _SarifStream(RunStream):
    """``audit.sarif``: each file's results parked in a spool as it comes, the log written at the end.

    Results are listed by file (display path, then path) as when the log is built at
    once; their ``ruleIndex`` points into the sorted list of every code of the run,
    so it is filled in when the results are copied out of the spool.
    """

    def __init__(self, files: RunFiles, settings: dict[str, Any], cwd: Path | None) -> None:
        super().__init__(files, settings)
        self.base_dir = (cwd or Path.cwd()).resolve()
        self.root, self.in_repository = source_root(self.base_dir)
        self.results = files.spool()
        # code -> (place of its first finding in the log, (message, severity, category))
        self.first: dict[str, tuple[tuple, tuple[str, str, str]]] = {}
        self.errors: list[tuple[tuple, str, str, str]] = []
        self.added = 0

    def add(self, report: FileReport, summary: FileSummary | None = None) -> None:
        place = (report.display_path, report.path, self.added)
        self.added += 1
        if report.error:
            self.errors.append((place, report.display_path, report.path, report.error))
            return
        uri = artifact_uri(str(self.base_dir / report.path), self.root)
        results = []
        for i, (finding, fp) in enumerate(file_fingerprints(report)):
            results.append(_result(report, finding, fp, uri))
            known = self.first.get(finding.code)
            if known is None or (place, i) < known[0]:
                self.first[finding.code] = ((place, i), (finding.message, finding.severity, finding.category))
        self.results.add(place, results)

    def _notifications(self, run: RunReport) -> list[dict[str, Any]]:
        notifications = []
        for _, display_path, path, error in sorted(self.errors):
            uri, base = artifact_uri(str(self.base_dir / path), self.root)
            location: dict[str, Any] = {"uri": uri}
            if base:
                location["uriBaseId"] = base
            notifications.append({
                "level": "error",
                "message": {"text": f"{display_path}: {error}"},
                "descriptor": {"id": "input-error"},
                "locations": [{"physicalLocation": {"artifactLocation": location}}],
            })
        for warning in run.warnings:
            notifications.append({"level": "warning", "message": {"text": warning}, "descriptor": {"id": "warning"}})
        return notifications

    def close(self, run: RunReport) -> None:
        rules = _rules({code: facts for code, (_, facts) in self.first.items()})
        index = {rule["id"]: i for i, rule in enumerate(rules)}
        invocation: dict[str, Any] = {"executionSuccessful": not self.errors}
        notifications = self._notifications(run)
        if notifications:
            invocation["toolExecutionNotifications"] = notifications
        from audit import __version__

        # The results are spliced in where this marker stands, so that they need not all be in memory.
        marker = f"audit-results-{uuid.uuid4().hex}"
        sarif_run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "audit",
                    "version": __version__,
                    "semanticVersion": __version__,
                    "informationUri": information_uri(),
                    "rules": rules,
                }
            },
            "invocations": [invocation],
            "originalUriBaseIds": {"%SRCROOT%": base_location(self.root, self.in_repository)},
            "columnKind": "unicodeCodePoints",
            "results": [marker],
        }
        properties: dict[str, Any] = {}
        if run.engine:
            properties["engine"] = run.engine
        fail_on = run.settings.get("fail_on")
        if fail_on:
            properties["failOn"] = fail_on
        for key in ("baseline_suppressed", "suppressed"):
            if run.settings.get(key):
                properties[key] = run.settings[key]
        if properties:
            sarif_run["properties"] = properties
        log = {"$schema": SARIF_SCHEMA_URI, "version": "2.1.0", "runs": [sarif_run]}
        text = json.dumps(log, ensure_ascii=False, indent=2) + "\n"
        before, _, after = text.partition(json.dumps(marker))
        indent = before[len(before.rstrip(" ")):]
        before = before[: len(before) - len(indent)]  # ends with "[\n"
        out = self.files.create("audit.sarif")
        written = 0
        for results in self.results.in_order():
            for result in results:
                result["ruleIndex"] = index[result["ruleId"]]
                out.write(before if not written else ",\n")
                out.write(indent + json.dumps(result, ensure_ascii=False, indent=2).replace("\n", "\n" + indent))
                written += 1
        if written:
            out.write(after)
        else:
            out.write(before[:-1] + after.lstrip("\n "))  # "results": []
        self.results.close()

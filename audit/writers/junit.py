"""JUnit XML (``junit.xml``) so that CI systems show the audit as test results.

One ``<testsuite>`` per input file (named by its display path), and in it one
``<testcase>`` per rule code that fired in the file (``FR501 typography-...``).
A testcase *fails* when at least one of its findings is at or above the run's
fail-on severity (``run.settings["fail_on"]``, default ``major``; ``none`` never
fails); findings below it are listed in ``<system-out>`` of a passing testcase.
A file without findings has one passing testcase, ``audit``. A file that could
not be read has one testcase, ``read``, with an ``<error>``.

Everything is deterministic (``time="0"``, sorted) and characters XML 1.0 cannot
carry are replaced by U+FFFD.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from typing import Any

from audit.model import SEVERITY_RANK, FileReport, Finding, RunReport, quote_span
from audit.writers.base import FileSummary, RunFiles, RunStream, Writer, registered_rule

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
NEVER = {"none", "never", "off"}


def xml_text(value: object) -> str:
    return _XML_INVALID.sub("\ufffd", str(value))


def fail_threshold(run: RunReport) -> int | None:
    """The lowest severity rank that fails, or None when nothing fails."""
    return threshold_of(run.settings)


def threshold_of(settings: dict[str, Any]) -> int | None:
    """The lowest severity rank that fails under ``settings["fail_on"]``, or None when nothing fails."""
    level = str(settings.get("fail_on") or "major").lower()
    if level in NEVER:
        return None
    return SEVERITY_RANK.get(level, SEVERITY_RANK["major"])


def _describe(f: Finding) -> str:
    lines = [f"{f.line}:{f.col} [{f.severity}] {f.code} ({f.category}) {f.message}", f"    text: {quote_span(f.span)}"]
    if f.suggestion:
        lines.append(f"    suggestion: {f.suggestion}")
    return "\n".join(lines)


class JunitWriter(Writer):
    format = "junit"
    extension = "xml"

    def _suite(self, report: FileReport, threshold: int | None) -> ET.Element:
        suite = ET.Element("testsuite", {"name": xml_text(report.display_path)})
        props = ET.SubElement(suite, "properties")
        facts = {"path": report.path, "passages": len(report.passages), "suspect": report.suspect_count}
        if report.encoding:
            facts["encoding"] = report.encoding
        if report.engine:
            facts["engine"] = " ".join(str(report.engine.get(k, "")) for k in ("name", "version")).strip()
        for name in sorted(facts):
            ET.SubElement(props, "property", {"name": name, "value": xml_text(facts[name])})
        tests = failures = errors = 0
        if report.error:
            case = ET.SubElement(suite, "testcase", {"classname": xml_text(report.display_path), "name": "read", "time": "0"})
            error = ET.SubElement(case, "error", {"type": "input-error", "message": xml_text(report.error)})
            error.text = xml_text(f"{report.display_path}: {report.error}")
            tests, errors = 1, 1
        else:
            by_code: dict[str, list[Finding]] = {}
            for f in report.all_findings():
                by_code.setdefault(f.code, []).append(f)
            if not by_code:
                ET.SubElement(suite, "testcase", {"classname": xml_text(report.display_path), "name": "audit", "time": "0"})
                tests = 1
            for code in sorted(by_code):
                found = by_code[code]
                rule = registered_rule(code)
                label = f"{code} {rule.name}" if rule else f"{code} {found[0].category}"
                case = ET.SubElement(suite, "testcase", {"classname": xml_text(report.display_path), "name": xml_text(label), "time": "0"})
                tests += 1
                failing = [f for f in found if threshold is not None and SEVERITY_RANK[f.severity] >= threshold]
                if failing:
                    failures += 1
                    worst = max(failing, key=lambda f: SEVERITY_RANK[f.severity]).severity
                    first = failing[0]
                    message = f"{len(failing)} {worst} finding(s), first at {first.line}:{first.col}: {first.message}"
                    failure = ET.SubElement(case, "failure", {"type": code, "message": xml_text(message)})
                    failure.text = xml_text("\n".join(_describe(f) for f in failing))
                failing_ids = {id(f) for f in failing}
                rest = [f for f in found if id(f) not in failing_ids]
                if rest:
                    out = ET.SubElement(case, "system-out")
                    out.text = xml_text("\n".join(_describe(f) for f in rest))
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
        suite.set("skipped", "0")
        suite.set("time", "0")
        return suite

    def open_run(self, files: RunFiles, settings: dict[str, Any]) -> RunStream:
        return _JunitStream(files, settings)


class _JunitStream(RunStream):
    """``junit.xml``: each file's testsuite rendered as it comes and parked in a spool, sorted by file at the end."""

    def __init__(self, files: RunFiles, settings: dict[str, Any]) -> None:
        super().__init__(files, settings)
        self.threshold = threshold_of(settings)
        self.suites = files.spool()
        self.totals = {"tests": 0, "failures": 0, "errors": 0}
        self.added = 0

    def add(self, report: FileReport, summary: FileSummary | None = None) -> None:
        suite = JunitWriter()._suite(report, self.threshold)
        for key in self.totals:
            self.totals[key] += int(suite.get(key))
        # Indented as a child of <testsuites>, without the tail that separates it from the next one.
        ET.indent(suite, space="  ", level=1)
        self.suites.add((report.display_path, report.path, self.added), ET.tostring(suite, encoding="unicode"))
        self.added += 1

    def close(self, run: RunReport) -> None:
        root = ET.Element("testsuites", {"name": "audit"})
        for key, value in self.totals.items():
            root.set(key, str(value))
        root.set("time", "0")
        out = self.files.create("junit.xml")
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        if not len(self.suites):
            out.write(ET.tostring(root, encoding="unicode") + "\n")
            return
        marker = f"audit-suites-{uuid.uuid4().hex}"
        root.text = marker
        head, _, tail = ET.tostring(root, encoding="unicode").partition(marker)
        out.write(head)
        for suite in self.suites.in_order():
            out.write("\n  " + suite)
        out.write("\n" + tail + "\n")
        self.suites.close()

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
import xml.etree.ElementTree as ET

from audit.model import SEVERITY_RANK, FileReport, Finding, RunReport, quote_span
from audit.writers.base import Writer, registered_rule

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
NEVER = {"none", "never", "off"}


def xml_text(value: object) -> str:
    return _XML_INVALID.sub("\ufffd", str(value))


def fail_threshold(run: RunReport) -> int | None:
    """The lowest severity rank that fails, or None when nothing fails."""
    level = str(run.settings.get("fail_on") or "major").lower()
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

    def build(self, run: RunReport) -> ET.Element:
        threshold = fail_threshold(run)
        root = ET.Element("testsuites", {"name": "audit"})
        totals = {"tests": 0, "failures": 0, "errors": 0}
        for report in sorted(run.files, key=lambda r: (r.display_path, r.path)):
            suite = self._suite(report, threshold)
            for key in totals:
                totals[key] += int(suite.get(key))
            root.append(suite)
        for key, value in totals.items():
            root.set(key, str(value))
        root.set("time", "0")
        return root

    def render_run(self, run: RunReport) -> dict[str, str | bytes]:
        root = self.build(run)
        ET.indent(root, space="  ")
        body = ET.tostring(root, encoding="unicode")
        return {"junit.xml": '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"}

"""Markdown: a report an editor reads top to bottom, suspect passages first."""

from __future__ import annotations

import re
from urllib.parse import quote

from audit.model import SEVERITY_RANK, FileReport, Finding, PassageReport, RunReport, plural
from audit.fileio import REPORT_SIGNATURE
from audit.writers.base import FileSummary, RunFiles, SummaryStream, Writer, count_totals, run_totals

SEVERITY_WORDS = {"major": "**major**", "minor": "minor", "info": "info"}


def _inline(text: str) -> str:
    """Text safe inside a Markdown line: no accidental emphasis, tables or HTML."""
    out = text.replace("\\", "\\\\").replace("\n", " ")
    for ch in "*_`|<>[]#":
        out = out.replace(ch, "\\" + ch)
    return out


def _code(text: str) -> str:
    """A span as a Markdown code span: its fence is longer than any run of backticks inside,
    so no character of the span (guillemets included) can close or blur it."""
    text = text.replace("\n", " ")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _link_target(name: str) -> str:
    """A relative link to a report file, percent-encoded so spaces, parentheses and pipes keep it whole."""
    return quote(name, safe="/")


def _quote(text: str) -> str:
    return "\n".join("> " + _inline(line) if line.strip() else ">" for line in text.split("\n"))


def _finding_line(report: FileReport, f: Finding) -> str:
    place = f"{report.display_path}:{f.line}:{f.col}"
    line = f"- {SEVERITY_WORDS[f.severity]} · {_code(f.code)} {_inline(f.category)} at {_code(place)} — {_code(f.span)}: {_inline(f.message)}"
    if f.suggestion:
        line += f" *Suggestion:* {_inline(f.suggestion)}"
    if f.evidence:
        line += f" *Evidence:* {_inline(f.evidence)}"
    return line


def _metrics(p: PassageReport) -> str:
    m = p.metrics
    parts = []
    for key, label in (("chrf", "chrF"), ("bleu", "BLEU"), ("ter", "TER")):
        if m.get(key) is not None:
            parts.append(f"{label} {m[key]:.1f}")
    return ", ".join(parts)


def _scores(m: dict) -> str:
    return ", ".join(f"{label} {m[key]:.1f}" for key, label in (("chrf", "chrF"), ("bleu", "BLEU"), ("ter", "TER"))
                     if isinstance(m.get(key), (int, float)))


def source_lines(p: PassageReport) -> list[str]:
    """The aligned source sentence(s) under the passage, with the bead and the scores against them."""
    src = p.source or {}
    if not src.get("text"):
        return ["Source: *none: no sentence of the source is aligned with this passage.*", ""]
    where = f"line {src['line']}, " if src.get("line") else ""
    lines = [f"Source ({where}bead {src.get('bead')}):", "", _quote(src["text"]), ""]
    scores = _scores(src.get("metrics") or {})
    if scores:
        lines += [f"Back-translation against the source: {scores}.", ""]
    if p.reference:
        lines += [f"Reference: *{_inline(p.reference['text'])}* ({_scores(p.reference.get('metrics') or {})}).", ""]
    return lines


def render_passage(report: FileReport, p: PassageReport) -> list[str]:
    s = p.sentence
    head = f"### Line {s.line}, column {s.col} · passage {s.id} · suspicion {p.score:.2f}"
    lines = [head, "", _quote(s.text), ""]
    if p.source is not None:
        lines += source_lines(p)
    if p.language not in (report.language, "und"):
        lines += [f"Language detected: **{p.language}** (the text should be in {report.language}).", ""]
    if p.findings:
        lines += ["Why it is suspect:", ""]
        lines += [_finding_line(report, f) for f in sorted(p.findings, key=lambda f: (-SEVERITY_RANK[f.severity], f.start, f.code))]
        lines.append("")
    if p.backtranslation:
        lines += [f"Back-translation (English): *{_inline(p.backtranslation)}*", ""]
    if p.roundtrip:
        lines += [f"Round trip (French): *{_inline(p.roundtrip)}*", ""]
    scores = _metrics(p)
    if scores:
        lines += [f"Round-trip scores: {scores}.", ""]
    unknown = p.evidence.get("unknown_foreign") if p.evidence else None
    if unknown:
        lines += [f"Words the engine did not know and no French dictionary lists: {', '.join(_inline(w) for w in unknown)}.", ""]
    return lines


class MarkdownWriter(Writer):
    format = "md"
    extension = "md"

    def render_file(self, report: FileReport) -> str:
        suspects = [p for p in report.passages if p.suspect]
        others = [p for p in report.passages if not p.suspect and p.findings]
        severities = report.severity_counts()
        out = [REPORT_SIGNATURE, f"# Translation audit: {_inline(report.display_path)}", ""]
        out.append(
            f"{plural(len(report.passages), 'passage')}, **{len(suspects)} suspect**; "
            f"findings: {severities['major']} major, {severities['minor']} minor, {severities['info']} info."
        )
        out.append("")
        if report.accepted:
            out += [f"{plural(len(report.accepted), 'finding')} accepted by a baseline or suppression file "
                    "are not counted above; they are listed at the end, marked as accepted.", ""]
        if report.engine:
            e = report.engine
            route = " → ".join(e.get("route") or [])
            out += [f"Back-translation engine: {e.get('name')} {e.get('version', '')} ({route}). {_inline(e.get('reason', ''))}", ""]
        else:
            out += ["Back-translation: none (no engine was used for this run).", ""]
        if report.corpus_metrics:
            cm = report.corpus_metrics
            scores = ", ".join(f"{k} {cm[k]:.1f}" for k in ("chrf", "bleu", "ter") if isinstance(cm.get(k), (int, float)))
            if scores:
                out += [f"Whole-file round-trip scores: {scores}.", ""]
        if report.source is not None:
            src = report.source
            beads = ", ".join(f"{n} × {k}" for k, n in (src.get("alignment") or {}).get("beads", {}).items())
            out += [f"Source: `{_inline(str(src.get('file')))}` ({src.get('sentences')} sentences; alignment: {beads or 'none'}).", ""]
            scores = _scores(src.get("metrics") or {})
            if scores:
                out += [f"Back-translation against the source, whole file: {scores}.", ""]
        if report.reference is not None:
            scores = _scores(report.reference.get("metrics") or {})
            out += [f"Against the reference `{_inline(report.reference['file'])}`: {scores or 'no aligned sentence'}.", ""]
        counts = report.category_counts()
        if counts:
            out += ["| category | findings |", "|---|---:|"]
            out += [f"| {_inline(c)} | {n} |" for c, n in counts.items()]
            out.append("")
        out += ["## Suspect passages", ""]
        if not suspects:
            out += ["None.", ""]
        for p in suspects:
            out += render_passage(report, p)
        if others:
            out += ["## Other findings (below the suspicion threshold)", ""]
            for p in others:
                out += [_finding_line(report, f) for f in p.findings]
            out.append("")
        if report.findings:
            out += ["## Findings outside any passage", ""]
            out += [_finding_line(report, f) for f in report.findings]
            out.append("")
        if report.accepted:
            out += ["## Accepted findings (baseline or suppressions; not counted)", ""]
            out += [f"{_finding_line(report, f)} *Accepted:* {_inline(f.accepted or '')}" for f in report.accepted]
            out.append("")
        return "\n".join(out).rstrip() + "\n"

    def open_run(self, files: RunFiles, settings: dict) -> SummaryStream:
        return _SummaryMarkdown(files, settings)


class _SummaryMarkdown(SummaryStream):
    def finish(self, run: RunReport, summaries: list[FileSummary]) -> dict[str, str]:
        t = run_totals(summaries)
        out = [REPORT_SIGNATURE, "# Translation audit: summary", ""]
        out.append(f"{plural(t['audited'], 'file')} audited, {t['errors']} unreadable; {plural(t['passages'], 'passage')}, {t['suspect']} suspect.")
        out.append("")
        accepted = run.accepted_sentence()
        if accepted:
            out += [f"{accepted}.", ""]
        if run.engine:
            out += [f"Engine: {run.engine.get('name')} {run.engine.get('version', '')} ({' → '.join(run.engine.get('route') or [])}).", ""]
        for warning in run.warnings:
            out += [f"Warning: {_inline(warning)}", ""]
        out += ["| file | passages | suspect | major | minor | info | report |", "|---|---:|---:|---:|---:|---:|---|"]
        audited = [f for f in summaries if not f.error]
        ranked = sorted(audited, key=lambda f: (-f.suspect_share, f.display_path))
        for f in ranked:
            sev = f.severities
            out.append(f"| {_inline(f.display_path)} | {f.passages} | {f.suspect} | {sev['major']} | {sev['minor']} | {sev['info']} | [{_inline(f.report_name)}.md]({_link_target(f.report_name + '.md')}) |")
        out.append("")
        categories = count_totals(summaries, "categories")
        if categories:
            out += ["| category | findings |", "|---|---:|"]
            out += [f"| {_inline(c)} | {n} |" for c, n in categories.items()]
            out.append("")
        errors = [f for f in summaries if f.error]
        if errors:
            out += ["## Files that could not be audited", ""]
            out += [f"- {_code(f.display_path)}: {_inline(f.error or '')}" for f in errors]
            out.append("")
        return {"summary.md": "\n".join(out).rstrip() + "\n"}

"""Self-contained HTML reports: one page per audited file and ``index.html`` for the run.

A file's page shows the whole article, passage by passage in reading order. Suspect
spans are highlighted by category (background colour) and severity (underline
style), with a legend; next to each passage are its findings (severity, rule code,
category, line:column, message, flagged text, suggestion), its back-translation,
round trip and chrF/BLEU/TER. A little inline script filters findings by category
and severity and can hide the passages with nothing to see; without script the
page is complete, only the filter bar stays hidden.

The markup lives in Jinja2 templates (``templates/*.html.j2``) rendered with
autoescape on, so every piece of text from the article, the findings, the engine
or file names is escaped by the engine; this module only arranges the data. The
stylesheet (``templates/report.css``) and the filter script (``templates/filters.js``)
are package files inlined into each page: pages load nothing from anywhere, and a
Content Security Policy allows only that one script (by hash), so markup that
slipped through would still not run. Output is deterministic.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from functools import lru_cache
from importlib.resources import files
from typing import Any, Iterable
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from audit.model import CATEGORIES, SEVERITIES, SEVERITY_RANK, FileReport, Finding, PassageReport, RunReport
from audit.writers.base import FileSummary, RunFiles, SummaryStream, Writer

CATEGORY_COLOURS = {
    "untranslated": "#ffd54f",
    "mt-disclaimer": "#ce93d8",
    "mt-indicator": "#e1bee7",
    "boilerplate": "#cfd8dc",
    "repetition": "#80deea",
    "typography": "#dce775",
    "number-format": "#a5d6a7",
    "date-format": "#80cbc4",
    "calque": "#ffab91",
    "false-friend": "#ffcc80",
    "mistranslation": "#ef9a9a",
    "entity": "#90caf9",
    "grammar": "#f48fb1",
    "omission": "#b39ddb",
    "garble": "#bcaaa4",
    "backtranslation": "#9fa8da",
}
SEVERITY_COLOURS = {"major": "#b71c1c", "minor": "#e65100", "info": "#546e7a"}
SEVERITY_TEXT = {
    "major": "a reader would be misled or the text is visibly broken",
    "minor": "awkward or likely wrong, worth a look",
    "info": "typographic nit",
}
METRIC_LABELS = (("chrf", "chrF"), ("bleu", "BLEU"), ("ter", "TER"))

TEMPLATES = files("audit.writers") / "templates"
# Package files, not data: trusted as they are (CSS and script must not be HTML-escaped).
CSS = (TEMPLATES / "report.css").read_text(encoding="utf-8")
SCRIPT = (TEMPLATES / "filters.js").read_text(encoding="utf-8")
# Appended only to the pages of files audited against a source, so monolingual pages stay as they were.
SOURCE_CSS = (TEMPLATES / "source.css").read_text(encoding="utf-8")

_SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    f"script-src 'sha256-{_SCRIPT_HASH}'; base-uri 'none'; form-action 'none'"
)


def slug(category: str) -> str:
    """A class-name-safe form of a category (categories come from rule data)."""
    return re.sub(r"[^a-z0-9-]+", "-", category.lower()).strip("-") or "other"


def category_colour(category: str) -> str:
    if category in CATEGORY_COLOURS:
        return CATEGORY_COLOURS[category]
    hue = int(hashlib.sha256(category.encode("utf-8")).hexdigest()[:4], 16) % 360
    return f"hsl({hue} 70% 80%)"


def ordered_categories(categories: Iterable[str]) -> list[str]:
    present = set(categories)
    return [c for c in CATEGORIES if c in present] + sorted(present - set(CATEGORIES))


def report_href(report_name: str) -> str:
    """Link from index.html to a file's page, the same relative path write_outputs writes."""
    return quote(f"{report_name}.html", safe="/")


def index_href(report_name: str) -> str:
    """Link from a file's page (possibly in a subfolder) back to index.html."""
    return "../" * report_name.count("/") + "index.html"


def fmt_metric(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return "–"
    if isinstance(value, (int, float)):
        return f"{value:.1f}"
    return str(value)


def metric_value(metrics: dict[str, Any], name: str) -> Any:
    for key, value in metrics.items():
        if key.lower().replace("+", "") == name:
            return value
    return None


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "0%"


def category_css(categories: Iterable[str] = ()) -> Markup:
    """Colour variables per category class; class names are slugs and colours are computed here,
    so nothing from the data reaches the CSS verbatim."""
    wanted = list(CATEGORIES) + [c for c in ordered_categories(categories) if c not in CATEGORY_COLOURS]
    return Markup("\n" + "\n".join(f".cat-{slug(c)}{{--c:{category_colour(c)}}}" for c in wanted) + "\n")


def _finding_classes(f: Finding) -> str:
    return f"cat-{slug(f.category)} sev-{slug(f.severity)}"


def _priority(f: Finding) -> tuple:
    """Which finding colours a highlight covered by several: worst severity, then the narrowest."""
    return (-SEVERITY_RANK.get(f.severity, 0), f.end - f.start, f.code, f.start)


def _mark(covering: list[tuple[str, Finding]], point: bool = False) -> dict[str, Any]:
    """What a <mark> says: classes of the finding that colours it, every covering finding's id and message."""
    covering = sorted(covering, key=lambda item: _priority(item[1]))
    return {
        "point": point,
        "classes": _finding_classes(covering[0][1]),
        "multi": len(covering) > 1,
        "ids": " ".join(fid for fid, _ in covering),
        "title": "\n".join(f"{f.code} · {f.category} · {f.severity}: {f.message}" for _, f in covering),
    }


def highlight_pieces(text: str, base: int, findings: list[tuple[str, Finding]]) -> list[dict[str, Any]]:
    """``text`` (which starts at offset ``base``) cut where findings start and end.

    Each piece is its text and the mark over it (None for unmarked text); an empty
    span (a missing character) becomes an empty "point" mark at its offset.
    """
    n = len(text)
    spans: list[tuple[int, int, str, Finding]] = []
    points: list[tuple[int, str, Finding]] = []
    cuts = {0, n}
    for fid, f in findings:
        a, b = f.start - base, f.end - base
        if a >= b:
            if 0 <= a <= n:
                points.append((a, fid, f))
                cuts.add(a)
            continue
        if b <= 0 or a >= n:
            continue
        a, b = max(a, 0), min(b, n)
        spans.append((a, b, fid, f))
        cuts.update((a, b))
    bounds = sorted(cuts)
    pieces: list[dict[str, Any]] = []
    for i in range(len(bounds) - 1):
        x, y = bounds[i], bounds[i + 1]
        here = [(fid, f) for a, fid, f in points if a == x]
        if here:
            pieces.append({"text": "", "mark": _mark(here, point=True)})
        covering = [(fid, f) for a, b, fid, f in spans if a <= x and y <= b]
        pieces.append({"text": text[x:y], "mark": _mark(covering) if covering else None})
    tail = [(fid, f) for a, fid, f in points if a == n and n > 0]
    if tail:
        pieces.append({"text": "", "mark": _mark(tail, point=True)})
    return pieces


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        # Block tags on their own line leave no blank line behind; the files end with a newline.
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["slug"] = slug
    env.filters["classes"] = _finding_classes
    env.filters["fragment"] = lambda value: quote(str(value), safe="")
    return env


def render(template: str, **context: Any) -> str:
    from audit import __version__

    return environment().get_template(template).render(version=__version__, **context)


def highlight(text: str, base: int, findings: list[tuple[str, Finding]]) -> str:
    """``text`` (which starts at offset ``base``) escaped, with <mark> around each finding's span."""
    macros = environment().get_template("parts.html.j2").module
    return str(macros.highlighted(highlight_pieces(text, base, findings)))


def engine_facts(engine: dict[str, Any]) -> dict[str, Any] | None:
    """Engine name and route; the (long) version and the reason it was chosen on hover."""
    if not engine:
        return None
    route = engine.get("route")
    return {
        "name": engine.get("name") or "unknown",
        "hover": "; ".join(f"{k}: {engine[k]}" for k in ("version", "reason") if engine.get(k)),
        "route": list(route) if isinstance(route, (list, tuple)) else [],
    }


def corpus_facts(metrics: dict[str, Any]) -> dict[str, Any] | None:
    """Whole-file scores (chrF, BLEU, TER, then any other number); other values on hover."""
    if not metrics:
        return None
    known = [(label, metric_value(metrics, key)) for key, label in METRIC_LABELS]
    bits = [(label, fmt_metric(v)) for label, v in known if isinstance(v, (int, float)) and not isinstance(v, bool)]
    used = {k for k in metrics if k.lower().replace("+", "") in {key for key, _ in METRIC_LABELS}}
    rest = {k: v for k, v in sorted(metrics.items()) if k not in used}
    for key, value in rest.items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            bits.append((key, fmt_metric(value) if isinstance(value, float) else value))
    if not bits:
        return None
    hover = "; ".join(f"{k}: {v}" for k, v in rest.items() if not isinstance(v, (int, float)) or isinstance(v, bool))
    return {"bits": bits, "hover": hover}


def source_facts(report: FileReport) -> dict[str, Any] | None:
    """The source file, the alignment's bead counts and the whole-file scores against the source."""
    if report.source is None:
        return None
    src = report.source
    beads = ", ".join(f"{n} × {k}" for k, n in ((src.get("alignment") or {}).get("beads") or {}).items())
    scores = corpus_facts(src.get("metrics") or {})
    reference = corpus_facts((report.reference or {}).get("metrics") or {}) if report.reference else None
    return {"file": src.get("file"), "sentences": src.get("sentences"), "beads": beads, "scores": scores,
            "reference_file": (report.reference or {}).get("file"), "reference": reference}


def score_bits(p: PassageReport) -> list[tuple[str, str]]:
    bits = [(label, fmt_metric(metric_value(p.metrics, key))) for key, label in METRIC_LABELS
            if metric_value(p.metrics, key) is not None]
    bits.append(("suspicion", f"{p.score:.2f}"))
    return bits


class HtmlWriter(Writer):
    format = "html"
    extension = "html"

    # --- one file --------------------------------------------------------------------------

    def render_file(self, report: FileReport) -> str:
        findings = report.all_findings()
        fids = {id(f): f"f{i}" for i, f in enumerate(findings, start=1)}
        in_passage = {id(f) for p in report.passages for f in p.findings}
        categories = report.category_counts()
        severities = report.severity_counts()
        n = len(report.passages)
        return render(
            "file.html.j2",
            title=f"audit — {report.display_path}",
            csp=CSP, css=Markup(CSS + SOURCE_CSS if report.source is not None else CSS),
            category_css=category_css(categories), script=Markup(SCRIPT),
            report=report,
            source=source_facts(report),
            back_href=index_href(report.report_name),
            passages=n,
            suspect_share=percent(report.suspect_count, n),
            findings=len(findings),
            severities=[(s, severities[s]) for s in SEVERITIES],
            severity_text=list(SEVERITY_TEXT.items()),
            bar_colours=SEVERITY_COLOURS,
            categories=[(c, categories[c]) for c in ordered_categories(categories)],
            flagged=sum(1 for p in report.passages if p.findings or p.suspect),
            engine=engine_facts(report.engine),
            corpus=corpus_facts(report.corpus_metrics),
            file_level=[(fids[id(f)], f, report.passage_id_at(f.start)) for f in findings if id(f) not in in_passage],
            accepted=[(f"a{i}", f, report.passage_id_at(f.start)) for i, f in enumerate(report.accepted, start=1)],
            paragraphs=self._paragraphs(report, findings, fids),
            has_passages=bool(report.passages),
        )

    def _paragraphs(self, report: FileReport, findings: list[Finding], fids: dict[int, str]) -> list[dict[str, Any]]:
        """The article in reading order: paragraphs of passage rows, with the text the
        segmenter left out between them as "gap" rows (a last paragraph of number None)."""
        text = report.text
        offsets_ok = bool(text) and all(text[p.sentence.start:p.sentence.end] == p.sentence.text for p in report.passages)
        passages = sorted(report.passages, key=lambda p: (p.sentence.start, p.sentence.end))
        by_paragraph: dict[int, list[PassageReport]] = {}
        for p in passages:
            by_paragraph.setdefault(p.sentence.paragraph, []).append(p)
        paragraphs: list[dict[str, Any]] = []
        cursor = 0
        for number in sorted(by_paragraph, key=lambda k: by_paragraph[k][0].sentence.start):
            rows: list[dict[str, Any]] = []
            first = True  # the paragraph number shows in the gutter of its first passage
            for p in by_paragraph[number]:
                if offsets_ok and p.sentence.start > cursor and text[cursor:p.sentence.start].strip():
                    rows.append({"gap": text[cursor:p.sentence.start].strip()})
                rows.append(self._passage_row(p, findings, fids, number if first else None))
                first = False
                cursor = max(cursor, p.sentence.end)
            paragraphs.append({"number": number, "rows": rows})
        if offsets_ok and text[cursor:].strip():
            paragraphs.append({"number": None, "rows": [{"gap": text[cursor:].strip()}]})
        return paragraphs

    def _passage_row(self, p: PassageReport, findings: list[Finding], fids: dict[int, str],
                     paragraph: int | None) -> dict[str, Any]:
        s = p.sentence
        own = sorted(p.findings, key=Finding.sort_key)
        # Highlight every finding whose span touches this passage (file-level ones too).
        touching = [f for f in findings if f.start < s.end and f.end > s.start or (f.start == f.end and s.start <= f.start <= s.end)]
        for f in own:
            if all(f is not t for t in touching):
                touching.append(f)
        marks = [(fids[id(f)], f) for f in touching if id(f) in fids]
        worst = p.worst_severity()
        classes = ["passage"]
        if own or p.suspect:
            classes.append("flagged")
        if worst:
            classes.append(f"worst-{slug(worst)}")
        if p.suspect:
            classes.append("suspect")
            if not own:
                classes.append("nofind")
        return {
            "passage": p,
            "paragraph": paragraph,
            "classes": classes,
            "own": [(fids[id(f)], f) for f in own],
            "own_ids": " ".join(fids[id(f)] for f in own if id(f) in fids),
            "lang": p.language if re.fullmatch(r"[a-z]{2,3}", p.language or "") else "fr",
            "pieces": highlight_pieces(s.text, s.start, marks),
            "scores": score_bits(p),
        }

    # --- the run ---------------------------------------------------------------------------

    def open_run(self, files: RunFiles, settings: dict[str, Any]) -> SummaryStream:
        return _Index(files, settings)

    def render_index(self, run: RunReport, summaries: list[FileSummary] | None = None) -> str:
        """index.html from the run-wide facts of ``run`` and one summary per file (default: run.files')."""
        if summaries is None:
            summaries = [FileSummary.of(r) for r in run.files]
        audited = [s for s in summaries if not s.error]
        ranked = sorted(audited, key=lambda r: (-r.suspect_share, -r.suspect, -r.findings, r.display_path, r.report_name))
        passages = sum(r.passages for r in audited)
        suspect = sum(r.suspect for r in audited)
        severities = Counter({s: 0 for s in SEVERITIES})
        categories: Counter[str] = Counter()
        for r in audited:
            severities.update(r.severities)
            categories.update(r.categories)
        rows = []
        for r in ranked:
            rows.append({"report": r, "href": report_href(r.report_name), "share": 100 * r.suspect_share,
                         "severities": [r.severities[s] for s in SEVERITIES], "findings": r.findings})
        return render(
            "index.html.j2",
            title="audit — run overview",
            csp=CSP, css=Markup(CSS), category_css=category_css(categories), script=None,
            audited=len(audited),
            errors=sorted((s for s in summaries if s.error), key=lambda r: (r.display_path, r.path)),
            warnings=run.warnings,
            passages=passages,
            suspect=suspect,
            suspect_share=percent(suspect, passages),
            findings=sum(severities.values()),
            severities=[(s, severities[s]) for s in SEVERITIES],
            engine=engine_facts(run.engine),
            settings=run.settings,
            ranked=rows,
            category_chart=bar_chart(
                [(c, categories[c], category_colour(c)) for c in ordered_categories(categories)],
                "findings-per-category", "Findings per category",
            ),
            severity_chart=bar_chart(
                [(s, severities[s], SEVERITY_COLOURS[s]) for s in SEVERITIES], "findings-per-severity", "Findings per severity",
            ),
        )


class _Index(SummaryStream):
    def finish(self, run: RunReport, summaries: list[FileSummary]) -> dict[str, str]:
        return {"index.html": HtmlWriter().render_index(run, summaries)}


def bar_chart(rows: list[tuple[str, int, str]], ident: str, title: str) -> dict[str, Any]:
    """Geometry of a horizontal bar chart (no bars when every count is zero)."""
    label_w, bar_w, row_h = 170, 420, 24
    chart: dict[str, Any] = {"id": ident, "title": title, "bars": []}
    if not rows or not any(count for _, count, _ in rows):
        return chart
    top = max(count for _, count, _ in rows) or 1
    height = row_h * len(rows) + 8
    chart.update(width=label_w + bar_w + 60, height=height, label_width=label_w, bar_height=row_h - 8)
    for i, (label, count, colour) in enumerate(rows):
        chart["bars"].append({"label": label, "count": count, "colour": colour, "y": 4 + i * row_h,
                              "width": round(bar_w * count / top, 1) if count else 0})
    return chart

"""Self-contained HTML reports: one page per audited file and ``index.html`` for the run.

A file's page shows the whole article, passage by passage in reading order. Suspect
spans are highlighted by category (background colour) and severity (underline
style), with a legend; next to each passage are its findings (severity, rule code,
category, line:column, message, flagged text, suggestion), its back-translation,
round trip and chrF/BLEU/TER. A little inline script filters findings by category
and severity and can hide the passages with nothing to see; without script the
page is complete, only the filter bar stays hidden.

Pages load nothing from anywhere: CSS and script are inline, and a Content
Security Policy allows only that one script (by hash), so markup that slipped
through would still not run. Every piece of text from the article, the findings,
the engine or file names goes through :func:`html.escape`. Output is deterministic.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections import Counter
from typing import Any, Iterable
from urllib.parse import quote

from audit.model import CATEGORIES, SEVERITIES, SEVERITY_RANK, FileReport, Finding, PassageReport, RunReport
from audit.writers.base import Writer

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


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


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


CSS = """
:root{--ink:#1f2328;--muted:#5b636b;--line:#d7dce1;--bg:#fff;--panel:#f6f8fa}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
header.top{padding:1rem 1.5rem .5rem;border-bottom:1px solid var(--line);background:var(--panel)}
header.top h1{margin:.2rem 0;font-size:1.35rem;word-break:break-all}
header.top nav a{color:#0b57d0;text-decoration:none}
.meta{margin:.2rem 0;color:var(--muted)}
.meta b{color:var(--ink)}
.wrap{padding:0 1.5rem 2rem}
h2{font-size:1.05rem;margin:1.2rem 0 .5rem}
.legend{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center;margin:.8rem 0;font-size:.88rem}
.legend .group{display:flex;flex-wrap:wrap;gap:.3rem .8rem;align-items:center}
.legend .title{font-weight:600;margin-right:.2rem}
.sw{display:inline-block;min-width:1.1rem;height:1rem;border:1px solid rgba(0,0,0,.25);border-radius:3px;vertical-align:-2px;margin-right:.3rem;background:var(--c,#e0e0e0)}
.bar-sample{display:inline-block;width:5px;height:1.1rem;vertical-align:-3px;margin-right:.3rem}
.filters{position:sticky;top:0;z-index:2;background:rgba(255,255,255,.96);border:1px solid var(--line);border-radius:6px;padding:.5rem .8rem;margin:.6rem 0;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;font-size:.86rem;align-items:flex-start}
.filters fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.2rem .7rem;align-items:center}
.filters legend{font-weight:600;float:left;margin-right:.4rem}
.filters label{white-space:nowrap;cursor:pointer}
#shown{color:var(--muted);margin-left:auto}
mark{color:inherit;background:none}
mark.hl{background:var(--c,#e0e0e0);border-radius:2px;padding:0 1px}
mark.hl,mark.sample{text-decoration-thickness:2px;text-underline-offset:3px;text-decoration-skip-ink:none}
mark.sample{background:#eef0f2;padding:0 .25rem;border-radius:2px}
mark.sev-major{text-decoration-line:underline;text-decoration-style:solid;text-decoration-color:#b71c1c;text-decoration-thickness:3px}
mark.sev-minor{text-decoration-line:underline;text-decoration-style:dashed;text-decoration-color:#e65100}
mark.sev-info{text-decoration-line:underline;text-decoration-style:dotted;text-decoration-color:#455a64}
mark.hl.off{background:none;text-decoration:none}
mark.pt{display:inline-block;width:0;height:1.1em;vertical-align:-.15em;border-left:3px solid #b71c1c;padding:0}
mark.pt.off{border-left-color:transparent}
.article{margin-top:.5rem}
.para{border-top:1px solid #eef0f2;padding:.35rem 0}
.passage{display:grid;grid-template-columns:4.6rem minmax(0,1.1fr) minmax(0,1fr);gap:.2rem 1.2rem;padding:.25rem .4rem;border-left:4px solid transparent}
.passage.flagged{background:#fffdf5}
.passage.worst-major{border-left-color:#b71c1c}
.passage.worst-minor{border-left-color:#e65100}
.passage.worst-info{border-left-color:#90a4ae}
.passage.suspect.nofind{border-left:4px dashed #6a1b9a}
.passage.dim{background:none}
.gutter{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--muted);padding-top:.2rem}
.gutter a{color:var(--muted);text-decoration:none}
.gutter .pn{display:block;font-weight:600;color:var(--ink)}
.text{font:17px/1.65 Georgia,"Iowan Old Style","Times New Roman",serif;white-space:pre-wrap;overflow-wrap:anywhere}
.gap .text{color:var(--muted);font-style:italic}
.notes{font-size:.85rem;color:var(--ink);overflow-wrap:anywhere}
.notes ul{list-style:none;margin:0;padding:0}
li.finding{margin:0 0 .45rem;padding:.3rem .5rem;border-radius:5px;background:var(--panel);border-left:6px solid var(--c,#e0e0e0)}
li.finding .head{display:flex;flex-wrap:wrap;gap:.2rem .5rem;align-items:baseline}
.badge{font-size:.72rem;font-weight:700;text-transform:uppercase;letter-spacing:.03em;padding:0 .35rem;border-radius:3px;color:#fff}
.badge.sev-major{background:#b71c1c}.badge.sev-minor{background:#e65100}.badge.sev-info{background:#546e7a}
.badge.sus{background:#6a1b9a}
code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#eaeef2;padding:0 .25rem;border-radius:3px}
.cat{color:var(--muted)}
.pos{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--muted)}
.msg{margin:.15rem 0 0}
.span{margin:.1rem 0 0;color:#37474f;font-family:Georgia,serif}
.sugg{margin:.1rem 0 0;color:#1b5e20}
.ev{margin:.1rem 0 0;color:var(--muted);font-size:.8rem}
.bt{margin:.2rem 0 0;display:grid;grid-template-columns:auto 1fr;gap:.05rem .6rem}
.bt dt{color:var(--muted);font-weight:600}
.bt dd{margin:0}
.scores{margin:.25rem 0 0;color:var(--muted);font-variant-numeric:tabular-nums}
.scores b{color:var(--ink);font-weight:600}
details.quiet summary{cursor:pointer;color:var(--muted);font-variant-numeric:tabular-nums}
.filelevel li.finding{max-width:60rem}
table{border-collapse:collapse;width:100%;font-size:.9rem;font-variant-numeric:tabular-nums}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:middle}
th{background:var(--panel);font-weight:600}
td.n,th.n{text-align:right}
td a{color:#0b57d0;word-break:break-all}
.share{display:flex;align-items:center;gap:.4rem}
.share .track{flex:0 0 8rem;height:.7rem;background:#eceff1;border-radius:3px;overflow:hidden}
.share .fill{display:block;height:100%;background:#c62828}
.chart text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:#1f2328}
.warn{color:#8a4b00}
footer{padding:1rem 1.5rem;color:var(--muted);font-size:.8rem;border-top:1px solid var(--line)}
@media (max-width:900px){.passage{grid-template-columns:3.2rem minmax(0,1fr)}.notes{grid-column:2}}
@media print{.filters{display:none!important}.passage{break-inside:avoid}}
"""

SCRIPT = """(function () {
  "use strict";
  var bar = document.getElementById("filters");
  if (!bar) { return; }
  bar.hidden = false;
  var info = {};
  Array.prototype.forEach.call(document.querySelectorAll("li.finding[data-fid]"), function (li) {
    info[li.getAttribute("data-fid")] = {cat: li.getAttribute("data-cat"), sev: li.getAttribute("data-sev"), cls: li.getAttribute("data-cls"), li: li, on: true};
  });
  function ids(el, attr) { return (el.getAttribute(attr) || "").split(" ").filter(function (x) { return x; }); }
  function checked(kind) {
    var on = {};
    Array.prototype.forEach.call(bar.querySelectorAll('input[data-kind="' + kind + '"]'), function (box) { on[box.value] = box.checked; });
    return on;
  }
  function apply() {
    var cats = checked("cat"), sevs = checked("sev");
    var flaggedOnly = bar.querySelector('input[name="show"][value="flagged"]').checked;
    Object.keys(info).forEach(function (id) {
      var f = info[id];
      f.on = cats[f.cat] !== false && sevs[f.sev] !== false;
      f.li.hidden = !f.on;
    });
    Array.prototype.forEach.call(document.querySelectorAll("mark.hl"), function (m) {
      var best = null;
      ids(m, "data-f").some(function (id) { if (info[id] && info[id].on) { best = info[id]; return true; } return false; });
      m.className = "hl " + (m.classList.contains("pt") ? "pt " : "") + (best ? best.cls : "off");
    });
    var shown = 0, total = 0;
    Array.prototype.forEach.call(document.querySelectorAll(".passage"), function (row) {
      var mine = ids(row, "data-fids");
      var visible = mine.some(function (id) { return info[id] && info[id].on; });
      var suspectOnly = mine.length === 0 && row.getAttribute("data-suspect") === "1";
      row.classList.toggle("dim", mine.length > 0 && !visible);
      var hide = flaggedOnly && !visible && !suspectOnly;
      row.hidden = hide;
      if (!row.classList.contains("gap")) { total += 1; if (!hide) { shown += 1; } }
    });
    Array.prototype.forEach.call(document.querySelectorAll(".para"), function (para) {
      para.hidden = para.querySelector(".passage:not([hidden])") === null;
    });
    var count = document.getElementById("shown");
    if (count) { count.textContent = "showing " + shown + " of " + total + " passages"; }
  }
  bar.addEventListener("change", apply);
  var reset = document.getElementById("reset");
  if (reset) {
    reset.addEventListener("click", function () {
      Array.prototype.forEach.call(bar.querySelectorAll('input[type="checkbox"]'), function (box) { box.checked = true; });
      bar.querySelector('input[name="show"][value="all"]').checked = true;
      apply();
    });
  }
  apply();
})();
"""

_SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    f"script-src 'sha256-{_SCRIPT_HASH}'; base-uri 'none'; form-action 'none'"
)


def page(title: str, body: str, script: bool = False, categories: Iterable[str] = ()) -> str:
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{esc(title)}</title>",
        f"<style>{category_css(categories)}{CSS}</style>",
        "</head>",
        "<body>",
        body,
    ]
    if script:
        head.append(f"<script>{SCRIPT}</script>")
    head += ["</body>", "</html>", ""]
    return "\n".join(head)


def category_css(categories: Iterable[str] = ()) -> str:
    """Colour variables per category class; class names are slugs and colours are computed here,
    so nothing from the data reaches the CSS verbatim."""
    wanted = list(CATEGORIES) + [c for c in ordered_categories(categories) if c not in CATEGORY_COLOURS]
    return "\n" + "\n".join(f".cat-{slug(c)}{{--c:{category_colour(c)}}}" for c in wanted) + "\n"


def _footer() -> str:
    from audit import __version__

    return f'<footer>Made by audit {esc(__version__)}. Findings point at what to distrust; they are not corrections.</footer>'


def _finding_classes(f: Finding) -> str:
    return f"cat-{slug(f.category)} sev-{slug(f.severity)}"


def _priority(f: Finding) -> tuple:
    """Which finding colours a highlight covered by several: worst severity, then the narrowest."""
    return (-SEVERITY_RANK.get(f.severity, 0), f.end - f.start, f.code, f.start)


def highlight(text: str, base: int, findings: list[tuple[str, Finding]]) -> str:
    """``text`` (which starts at offset ``base``) escaped, with <mark> around each finding's span."""
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
    out: list[str] = []

    def mark_attrs(covering: list[tuple[str, Finding]]) -> str:
        covering = sorted(covering, key=lambda item: _priority(item[1]))
        top = covering[0][1]
        title = "\n".join(f"{f.code} · {f.category} · {f.severity}: {f.message}" for _, f in covering)
        multi = " multi" if len(covering) > 1 else ""
        data = " ".join(fid for fid, _ in covering)
        return f'class="hl {_finding_classes(top)}{multi}" data-f="{esc(data)}" title="{esc(title)}"'

    for i in range(len(bounds) - 1):
        x, y = bounds[i], bounds[i + 1]
        here = [(fid, f) for a, fid, f in points if a == x]
        if here:
            attrs = mark_attrs(here).replace('class="hl ', 'class="hl pt ', 1)
            out.append(f"<mark {attrs}></mark>")
        covering = [(fid, f) for a, b, fid, f in spans if a <= x and y <= b]
        chunk = esc(text[x:y])
        out.append(f"<mark {mark_attrs(covering)}>{chunk}</mark>" if covering else chunk)
    tail = [(fid, f) for a, fid, f in points if a == n and n > 0]
    if tail:
        attrs = mark_attrs(tail).replace('class="hl ', 'class="hl pt ', 1)
        out.append(f"<mark {attrs}></mark>")
    return "".join(out)


def finding_item(fid: str, f: Finding, passage_id: str | None = None) -> str:
    parts = [
        f'<li class="finding {_finding_classes(f)}" data-fid="{esc(fid)}" data-cat="{esc(f.category)}" '
        f'data-sev="{esc(f.severity)}" data-cls="{esc(_finding_classes(f))}">',
        '<div class="head">',
        f'<span class="badge sev-{slug(f.severity)}">{esc(f.severity)}</span>',
        f"<code>{esc(f.code)}</code>",
        f'<span class="cat"><span class="sw cat-{slug(f.category)}"></span>{esc(f.category)}</span>',
        f'<span class="pos" title="line:column">{f.line}:{f.col}</span>',
    ]
    if passage_id:
        parts.append(f'<a class="pos" href="#{esc(quote(passage_id, safe=""))}">{esc(passage_id)}</a>')
    parts.append("</div>")
    parts.append(f'<p class="msg">{esc(f.message)}</p>')
    if f.span:
        parts.append(f'<p class="span">«\u202f{esc(f.span)}\u202f»</p>')
    if f.suggestion:
        parts.append(f'<p class="sugg">→ {esc(f.suggestion)}</p>')
    if f.evidence:
        parts.append(f'<p class="ev">{esc(f.evidence)}</p>')
    parts.append("</li>")
    return "".join(parts)


def engine_summary(engine: dict[str, Any]) -> str:
    """Engine name and route; the (long) version and the reason it was chosen on hover."""
    name = esc(engine.get("name") or "unknown")
    hover = "; ".join(f"{k}: {engine[k]}" for k in ("version", "reason") if engine.get(k))
    text = f'<span title="{esc(hover)}">{name}</span>' if hover else name
    route = engine.get("route")
    if isinstance(route, (list, tuple)) and route:
        text += " (" + " → ".join(esc(r) for r in route) + ")"
    return f"back-translation: {text}"


def corpus_summary(metrics: dict[str, Any]) -> str:
    """Whole-file scores (chrF, BLEU, TER, then any other number); other values on hover."""
    if not metrics:
        return ""
    known = [(label, metric_value(metrics, key)) for key, label in METRIC_LABELS]
    bits = [f"{label} <b>{esc(fmt_metric(v))}</b>" for label, v in known if isinstance(v, (int, float)) and not isinstance(v, bool)]
    used = {k for k in metrics if k.lower().replace("+", "") in {key for key, _ in METRIC_LABELS}}
    rest = {k: v for k, v in sorted(metrics.items()) if k not in used}
    for key, value in rest.items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            bits.append(f"{esc(key)} <b>{esc(fmt_metric(value) if isinstance(value, float) else value)}</b>")
    hover = "; ".join(f"{k}: {v}" for k, v in rest.items() if not isinstance(v, (int, float)) or isinstance(v, bool))
    if not bits:
        return ""
    line = "whole-file round trip: " + " · ".join(bits)
    return f'<span title="{esc(hover)}">{line}</span>' if hover else line


def scores_line(p: PassageReport) -> str:
    bits = [f"{label} <b>{esc(fmt_metric(metric_value(p.metrics, key)))}</b>" for key, label in METRIC_LABELS
            if metric_value(p.metrics, key) is not None]
    bits.append(f"suspicion <b>{p.score:.2f}</b>")
    return " · ".join(bits)


def backtranslation_block(p: PassageReport) -> str:
    rows = []
    if p.backtranslation:
        rows.append(f'<dt>Back-translation</dt><dd lang="en">{esc(p.backtranslation)}</dd>')
    if p.roundtrip:
        rows.append(f'<dt>Round trip</dt><dd lang="fr">{esc(p.roundtrip)}</dd>')
    return f'<dl class="bt">{"".join(rows)}</dl>' if rows else ""


class HtmlWriter(Writer):
    format = "html"
    extension = "html"

    # --- one file --------------------------------------------------------------------------

    def render_file(self, report: FileReport) -> str:
        findings = report.all_findings()
        fids = {id(f): f"f{i}" for i, f in enumerate(findings, start=1)}
        in_passage = {id(f) for p in report.passages for f in p.findings}
        file_level = [f for f in findings if id(f) not in in_passage]
        severities = report.severity_counts()
        categories = report.category_counts()
        n = len(report.passages)
        flagged = sum(1 for p in report.passages if p.findings or p.suspect)

        out: list[str] = []
        out.append('<header class="top">')
        out.append(f'<nav><a href="{esc(index_href(report.report_name))}">← Run overview</a></nav>')
        out.append(f"<h1>{esc(report.display_path)}</h1>")
        out.append(
            f'<p class="meta"><b>{n}</b> passages · <b>{report.suspect_count}</b> suspect '
            f"({percent(report.suspect_count, n)}) · <b>{len(findings)}</b> findings: "
            + ", ".join(f"{severities[s]} {s}" for s in SEVERITIES)
            + "</p>"
        )
        facts = []
        if report.engine:
            facts.append(engine_summary(report.engine))
        if report.encoding:
            facts.append(f"encoding {esc(report.encoding)}")
        if facts:
            out.append(f'<p class="meta">{" · ".join(facts)}</p>')
        corpus = corpus_summary(report.corpus_metrics)
        if corpus:
            out.append(f'<p class="meta">{corpus}</p>')
        out.append("</header>")
        out.append('<div class="wrap">')
        out.append(self._legend(categories))
        out.append(self._filters(categories, severities, flagged))
        if file_level:
            out.append('<section class="filelevel"><h2>Findings about the whole file</h2><ul class="findings">')
            for f in file_level:
                pid = report.passage_id_at(f.start)
                out.append(finding_item(fids[id(f)], f, pid))
            out.append("</ul></section>")
        out.append(f'<h2>Article <span class="meta">({flagged} of {n} passages flagged)</span></h2>')
        out.append('<main class="article">')
        out.append(self._article(report, findings, fids))
        out.append("</main></div>")
        out.append(_footer())
        return page(f"audit — {report.display_path}", "\n".join(out), script=True, categories=categories)

    def _legend(self, categories: dict[str, int]) -> str:
        parts = ['<section class="legend" aria-label="Legend">']
        if categories:
            parts.append('<div class="group"><span class="title">Category (highlight colour):</span>')
            for c in ordered_categories(categories):
                parts.append(f'<span><span class="sw cat-{slug(c)}"></span>{esc(c)} ({categories[c]})</span>')
            parts.append("</div>")
        parts.append('<div class="group"><span class="title">Severity (underline):</span>')
        for s in SEVERITIES:
            parts.append(
                f'<span title="{esc(SEVERITY_TEXT[s])}"><mark class="sample sev-{s}">{s}</mark> '
                f'<span class="cat">{esc(SEVERITY_TEXT[s])}</span></span>'
            )
        parts.append("</div>")
        parts.append(
            '<div class="group"><span class="title">Left bar:</span>'
            f'<span><span class="bar-sample" style="background:{SEVERITY_COLOURS["major"]}"></span>worst finding major</span>'
            f'<span><span class="bar-sample" style="background:{SEVERITY_COLOURS["minor"]}"></span>minor</span>'
            '<span><span class="bar-sample" style="background:#90a4ae"></span>info</span>'
            '<span><span class="bar-sample" style="background:#6a1b9a"></span>suspect by round-trip scores only</span>'
            "</div>"
        )
        parts.append("</section>")
        return "".join(parts)

    def _filters(self, categories: dict[str, int], severities: dict[str, int], flagged: int) -> str:
        parts = ['<section id="filters" class="filters" aria-label="Filters" hidden>']
        if categories:
            parts.append("<fieldset><legend>Category</legend>")
            for c in ordered_categories(categories):
                parts.append(
                    f'<label><input type="checkbox" data-kind="cat" value="{esc(c)}" checked> '
                    f'<span class="sw cat-{slug(c)}"></span>{esc(c)} ({categories[c]})</label>'
                )
            parts.append("</fieldset>")
        parts.append("<fieldset><legend>Severity</legend>")
        for s in SEVERITIES:
            parts.append(
                f'<label><input type="checkbox" data-kind="sev" value="{s}" checked> '
                f'<span class="badge sev-{s}">{s}</span> ({severities.get(s, 0)})</label>'
            )
        parts.append("</fieldset>")
        parts.append(
            "<fieldset><legend>Show</legend>"
            '<label><input type="radio" name="show" value="all" checked> whole article</label>'
            f'<label><input type="radio" name="show" value="flagged"> flagged passages only ({flagged})</label>'
            '<button type="button" id="reset">reset</button>'
            "</fieldset>"
        )
        parts.append('<span id="shown" aria-live="polite"></span>')
        parts.append("</section>")
        return "".join(parts)

    def _article(self, report: FileReport, findings: list[Finding], fids: dict[int, str]) -> str:
        text = report.text
        offsets_ok = bool(text) and all(text[p.sentence.start:p.sentence.end] == p.sentence.text for p in report.passages)
        passages = sorted(report.passages, key=lambda p: (p.sentence.start, p.sentence.end))
        by_paragraph: dict[int, list[PassageReport]] = {}
        for p in passages:
            by_paragraph.setdefault(p.sentence.paragraph, []).append(p)
        out: list[str] = []
        cursor = 0
        for number in sorted(by_paragraph, key=lambda k: by_paragraph[k][0].sentence.start):
            out.append(f'<section class="para" id="para-{number}">')
            first = True
            for p in by_paragraph[number]:
                if offsets_ok and p.sentence.start > cursor and text[cursor:p.sentence.start].strip():
                    out.append(self._gap(text[cursor:p.sentence.start]))
                out.append(self._passage(p, findings, fids, number if first else None))
                first = False
                cursor = max(cursor, p.sentence.end)
            out.append("</section>")
        if offsets_ok and text[cursor:].strip():
            out.append(f'<section class="para">{self._gap(text[cursor:])}</section>')
        if not passages:
            out.append('<p class="meta">No passages.</p>')
        return "\n".join(out)

    def _gap(self, chunk: str) -> str:
        return (
            '<div class="passage gap"><div class="gutter">—</div>'
            f'<div class="text" lang="fr">{esc(chunk.strip())}</div>'
            '<aside class="notes"><span class="cat">text outside the segmented passages</span></aside></div>'
        )

    def _passage(self, p: PassageReport, findings: list[Finding], fids: dict[int, str], paragraph: int | None) -> str:
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
        own_ids = " ".join(fids[id(f)] for f in own if id(f) in fids)
        lang = p.language if re.fullmatch(r"[a-z]{2,3}", p.language or "") else "fr"
        parts = [
            f'<div class="{" ".join(classes)}" id="{esc(s.id)}" data-fids="{esc(own_ids)}" '
            f'data-suspect="{1 if p.suspect else 0}" data-score="{p.score:.4f}">',
            '<div class="gutter">',
        ]
        if paragraph is not None:
            parts.append(f'<span class="pn">¶{paragraph}</span>')
        parts.append(f'<a href="#{esc(quote(s.id, safe=""))}">{esc(s.id)}</a><br>{s.line}:{s.col}</div>')
        parts.append(f'<div class="text" lang="{lang}">{highlight(s.text, s.start, marks)}</div>')
        parts.append('<aside class="notes">')
        if own or p.suspect:
            if p.suspect:
                parts.append(f'<span class="badge sus" title="suspicion score {p.score:.2f}">suspect</span> ')
            if p.language and p.language != "fr":
                parts.append(f'<span class="cat">language: {esc(p.language)}</span>')
            if own:
                parts.append('<ul class="findings">')
                parts.extend(finding_item(fids[id(f)], f) for f in own)
                parts.append("</ul>")
            parts.append(backtranslation_block(p))
            parts.append(f'<p class="scores">{scores_line(p)}</p>')
        else:
            block = backtranslation_block(p)
            summary = scores_line(p)
            if block:
                parts.append(f'<details class="quiet"><summary>{summary}</summary>{block}</details>')
            else:
                parts.append(f'<p class="scores">{summary}</p>')
        parts.append("</aside></div>")
        return "".join(parts)

    # --- the run ---------------------------------------------------------------------------

    def render_run(self, run: RunReport) -> dict[str, str | bytes]:
        return {"index.html": self.render_index(run)}

    def render_index(self, run: RunReport) -> str:
        audited = run.audited
        ranked = sorted(audited, key=lambda r: (-r.suspect_share, -r.suspect_count, -len(r.all_findings()), r.display_path, r.report_name))
        passages = sum(len(r.passages) for r in audited)
        suspect = sum(r.suspect_count for r in audited)
        severities = Counter({s: 0 for s in SEVERITIES})
        categories: Counter[str] = Counter()
        for r in audited:
            severities.update(r.severity_counts())
            categories.update(r.category_counts())
        total_findings = sum(severities.values())

        out: list[str] = ['<header class="top">', "<h1>audit — run overview</h1>"]
        out.append(
            f'<p class="meta"><b>{len(audited)}</b> files audited · <b>{len(run.errors)}</b> unreadable · '
            f"<b>{passages}</b> passages · <b>{suspect}</b> suspect ({percent(suspect, passages)}) · "
            f"<b>{total_findings}</b> findings: " + ", ".join(f"{severities[s]} {s}" for s in SEVERITIES) + "</p>"
        )
        facts = []
        if run.engine:
            facts.append(engine_summary(run.engine))
        if run.settings.get("fail_on"):
            facts.append(f"fails on: {esc(run.settings['fail_on'])}")
        if run.settings.get("baseline_suppressed"):
            facts.append(f"{esc(run.settings['baseline_suppressed'])} findings already in the baseline not shown")
        if run.settings.get("suppressed"):
            facts.append(f"{esc(run.settings['suppressed'])} accepted findings suppressed")
        if facts:
            out.append(f'<p class="meta">{" · ".join(facts)}</p>')
        out.append("</header>")
        out.append('<div class="wrap">')
        out.append("<h2>Files ranked by share of suspect passages</h2>")
        if ranked:
            out.append(
                '<table class="files"><thead><tr><th class="n">#</th><th>File</th><th class="n">Passages</th>'
                '<th class="n">Suspect</th><th>Share suspect</th><th class="n">Major</th><th class="n">Minor</th>'
                '<th class="n">Info</th><th class="n">Findings</th></tr></thead><tbody>'
            )
            for i, r in enumerate(ranked, start=1):
                counts = r.severity_counts()
                pct = 100 * r.suspect_share
                out.append(
                    f'<tr><td class="n">{i}</td><td><a href="{esc(report_href(r.report_name))}">{esc(r.display_path)}</a></td>'
                    f'<td class="n">{len(r.passages)}</td><td class="n">{r.suspect_count}</td>'
                    f'<td><span class="share"><span class="track"><span class="fill" style="width:{pct:.1f}%"></span></span>'
                    f"{pct:.0f}%</span></td>"
                    + "".join(f'<td class="n">{counts[s]}</td>' for s in SEVERITIES)
                    + f'<td class="n">{len(r.all_findings())}</td></tr>'
                )
            out.append("</tbody></table>")
        else:
            out.append('<p class="meta">No file could be audited.</p>')
        out.append("<h2>Findings per category</h2>")
        out.append(self._bar_chart(
            [(c, categories[c], category_colour(c)) for c in ordered_categories(categories)],
            "findings-per-category", "Findings per category",
        ))
        out.append("<h2>Findings per severity</h2>")
        out.append(self._bar_chart(
            [(s, severities[s], SEVERITY_COLOURS[s]) for s in SEVERITIES], "findings-per-severity", "Findings per severity",
        ))
        if run.errors:
            out.append('<h2>Files that could not be read</h2><table class="errors"><thead><tr><th>File</th><th>Reason</th></tr></thead><tbody>')
            for r in sorted(run.errors, key=lambda r: (r.display_path, r.path)):
                out.append(f"<tr><td>{esc(r.display_path)}</td><td>{esc(r.error)}</td></tr>")
            out.append("</tbody></table>")
        if run.warnings:
            out.append('<h2>Warnings</h2><ul class="warn">')
            out.extend(f"<li>{esc(w)}</li>" for w in run.warnings)
            out.append("</ul>")
        out.append("</div>")
        out.append(_footer())
        return page("audit — run overview", "\n".join(out), categories=categories)

    def _bar_chart(self, rows: list[tuple[str, int, str]], ident: str, title: str) -> str:
        if not rows or not any(count for _, count, _ in rows):
            return '<p class="meta">No findings.</p>'
        label_w, bar_w, row_h = 170, 420, 24
        top = max(count for _, count, _ in rows) or 1
        height = row_h * len(rows) + 8
        parts = [
            f'<svg class="chart" id="{ident}" role="img" aria-labelledby="{ident}-title" width="{label_w + bar_w + 60}" '
            f'height="{height}" viewBox="0 0 {label_w + bar_w + 60} {height}" xmlns="http://www.w3.org/2000/svg">',
            f'<title id="{ident}-title">{esc(title)}</title>',
        ]
        for i, (label, count, colour) in enumerate(rows):
            y = 4 + i * row_h
            width = round(bar_w * count / top, 1) if count else 0
            parts.append(
                f'<g class="bar"><title>{esc(label)}: {count}</title>'
                f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{esc(label)}</text>'
                f'<rect x="{label_w}" y="{y + 3}" width="{width}" height="{row_h - 8}" rx="3" fill="{esc(colour)}" stroke="rgba(0,0,0,.25)"></rect>'
                f'<text x="{label_w + width + 6}" y="{y + 16}">{count}</text></g>'
            )
        parts.append("</svg>")
        return "".join(parts)


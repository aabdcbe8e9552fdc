"""HTML writer: escaping of hostile content, highlights, the whole article, links, determinism."""

from __future__ import annotations

import base64
import hashlib
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from audit.model import Finding
from audit.writers import get_writer, write_outputs
from audit.writers.base import Writer
from audit.writers.html import SCRIPT, HtmlWriter, highlight, index_href, report_href
from tests.writer_reports import SEEDS, full_run, hostile_report, report_from_text, seed_report


# Every element the writer itself emits; anything else in a page came from the data.
OWN_TAGS = {
    "html", "head", "meta", "title", "style", "body", "script", "header", "nav", "a", "h1", "h2", "p", "b", "div",
    "section", "span", "mark", "fieldset", "legend", "label", "input", "button", "main", "aside", "ul", "li", "code",
    "dl", "dt", "dd", "details", "summary", "br", "footer", "table", "thead", "tbody", "tr", "th", "td",
    "svg", "g", "rect", "text",
}


class Page(HTMLParser):
    """Collects tags, attributes, script bodies and the text of chosen elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.texts: list[str] = []  # text of div.text elements, one per element
        self._text_depth = 0
        self._depth = 0
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs_d = dict(attrs)
        self.tags.append((tag, attrs_d))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        if tag == "title":
            self._in_title = True
        if tag == "div":
            self._depth += 1
            if "text" in (attrs_d.get("class") or "").split() and not self._text_depth:
                self._text_depth = self._depth
                self.texts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False
        if tag == "title":
            self._in_title = False
        if tag == "div":
            if self._text_depth == self._depth:
                self._text_depth = 0
            self._depth -= 1

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        if self._in_title:
            self.title += data
        if self._text_depth:
            self.texts[-1] += data

    def find(self, tag: str, cls: str | None = None) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and (cls is None or cls in (a.get("class") or "").split())]


def parse(source: str) -> Page:
    page = Page()
    page.feed(source)
    page.close()
    return page


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_registered_under_its_format():
    writer = get_writer("html")
    assert isinstance(writer, HtmlWriter) and isinstance(writer, Writer)
    assert (writer.format, writer.extension) == ("html", "html")


def test_hostile_article_messages_and_file_name_are_escaped():
    report = hostile_report()
    source = HtmlWriter().render_file(report)
    page = parse(source)
    # The only script is ours, and it is the one the CSP hash allows.
    assert [t for t, _ in page.tags if t == "script"] == ["script"]
    assert page.scripts == [SCRIPT]
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    csp = [a["content"] for a in page.find("meta") if a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and f"'sha256-{digest}'" in csp[0] and "default-src 'none'" in csp[0]
    # Nothing from the data became an element or an event handler.
    assert {t for t, _ in page.tags} <= OWN_TAGS - {"svg", "g", "rect", "text"}
    assert not page.find("img") and not page.find("i") and all(a == {} for a in page.find("b"))
    for tag, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
    for needle in ("<script>alert", "<img src=x", "<svg onload", "</style><script>", "<b>x</b>"):
        assert needle not in source
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source
    assert "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;" in source  # markupsafe spells " as &#34;
    assert page.title == 'audit — evil/<b>x</b>"&.txt'
    # Categories from rule data never reach CSS or class names verbatim.
    for _, attrs in page.tags:
        assert "<" not in (attrs.get("class") or "")
    # The text shown is the article, character for character.
    assert squash(" ".join(page.texts)) == squash(report.text)


def test_hostile_index_is_escaped():
    run = full_run()
    source = HtmlWriter().render_run(run)["index.html"]
    page = parse(source)
    assert not page.scripts
    assert "<b>x</b>" not in source and "evil/&lt;b&gt;x&lt;/b&gt;&#34;&amp;.txt" in source
    assert {t for t, _ in page.tags} <= OWN_TAGS
    assert all(a == {} for a in page.find("b"))  # only our own <b> counters
    for tag, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)


def test_seed_page_shows_whole_article_with_highlights():
    report = seed_report(SEEDS[0])
    source = HtmlWriter().render_file(report)
    page = parse(source)
    findings = report.all_findings()
    assert findings, "the seed helper must give this seed findings"
    marks = page.find("mark", "hl")
    assert marks
    # Every finding is explained in place: its item carries id, category and severity.
    items = page.find("li", "finding")
    assert len(items) == len(findings)
    assert sorted(a["data-cat"] for a in items) == sorted(f.category for f in findings)
    for f in findings:
        assert f"{f.line}:{f.col}" in source
        assert f.code in source
    marked_ids = {fid for a in marks for fid in a["data-f"].split()}
    assert marked_ids == {a["data-fid"] for a in items}
    # Highlight classes name category and severity; the legend lists each category present.
    for a in marks:
        classes = a["class"].split()
        assert any(c.startswith("cat-") for c in classes) and any(c.startswith("sev-") for c in classes)
    legend = source[source.index('class="legend"'):source.index('id="filters"')]
    for category in report.category_counts():
        assert category in legend
    # Passages: one row each, flagged ones marked; back-translation and metrics beside them.
    rows = [a for a in page.find("div", "passage") if "gap" not in a["class"].split()]
    assert len(rows) == len(report.passages)
    assert sum("flagged" in a["class"].split() for a in rows) == sum(1 for p in report.passages if p.findings or p.suspect)
    assert source.count("Back-translation") >= sum(1 for p in report.passages if p.findings or p.suspect)
    assert "chrF <b>" in source and "BLEU <b>" in source and "TER <b>" in source
    assert squash(" ".join(page.texts)) == squash(report.text)
    # The filter bar is there, hidden until the script shows it.
    filters = [a for a in page.find("section") if a.get("id") == "filters"]
    assert filters and "hidden" in filters[0]
    assert {a["value"] for a in page.find("input") if a.get("data-kind") == "sev"} == {"major", "minor", "info"}


def test_highlight_overlapping_and_empty_spans():
    text = "abcdefgh"

    def f(code, severity, start, end):
        return Finding(code=code, category="calque", severity=severity, message=code, start=start, end=end,
                       line=1, col=start + 1, span=text[start:end])

    out = highlight(text, 100, [("f1", f("A", "minor", 101, 105)), ("f2", f("B", "major", 102, 103)),
                                ("f3", f("C", "info", 106, 106)), ("f4", f("D", "major", 90, 95))])
    assert re.sub(r"<[^>]+>", "", out) == text
    assert 'data-f="f2 f1"' in out  # the overlap lists the major first
    assert out.count('data-f="f1"') == 2  # before and after the overlap
    assert 'class="hl pt ' in out and 'data-f="f3"' in out
    assert "f4" not in out


def test_deterministic_and_independent_of_input_order():
    run = full_run(fail_on="major")
    writer = HtmlWriter()
    first = writer.render_run(run)["index.html"]
    pages = [writer.render_file(r) for r in run.audited]
    again = full_run(fail_on="major")
    again.files.reverse()
    assert writer.render_run(again)["index.html"] == first
    assert [writer.render_file(r) for r in full_run(fail_on="major").audited] == pages
    assert not re.search(r"20\d\d-\d\d-\d\d", first)


def test_index_ranks_files_and_links_resolve(tmp_path: Path):
    run = full_run()
    written = write_outputs(run, tmp_path, [HtmlWriter()])
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    page = parse(index)
    links = [a["href"] for a in page.find("a")]
    assert len(links) == len(run.audited)
    for href in links:
        assert (tmp_path / unquote(href)).is_file()
    assert "sub/dir/000_2b33bb464146af7e.html" in links
    # Ranked by share of suspect passages, highest first.
    shares = {r.report_name: (r.suspect_count / len(r.passages) if r.passages else 0) for r in run.audited}
    ranked = [unquote(h)[:-5] for h in links]
    assert [shares[n] for n in ranked] == sorted(shares.values(), reverse=True)
    # The unreadable file is listed with its reason and not linked.
    assert "inputs/broken.txt" in index and "cannot decode" in index
    # Findings per category as an inline SVG chart, one bar per category.
    categories = {c for r in run.audited for c in r.category_counts()}
    bars = re.findall(r'<svg class="chart" id="findings-per-category".*?</svg>', index, re.S)
    assert bars and bars[0].count("<rect") == len(categories)
    # Every page links back to the index with a correct relative path.
    for path in written:
        if path.name == "index.html":
            continue
        back = [a["href"] for a in parse(path.read_text(encoding="utf-8")).find("a") if "index.html" in a["href"]]
        assert back and (path.parent / back[0]).resolve() == (tmp_path / "index.html").resolve()
    assert not any("http" in a.get("href", "") for a in page.find("a"))
    assert "src=" not in index and "@import" not in index and "url(" not in index


@pytest.mark.parametrize("name, href, back", [
    ("a", "a.html", "index.html"),
    ("sub/dir/a", "sub/dir/a.html", "../../index.html"),
    ("un été #2?", "un%20%C3%A9t%C3%A9%20%232%3F.html", "index.html"),
    ("x:y", "x%3Ay.html", "index.html"),
])
def test_relative_hrefs(name, href, back):
    assert report_href(name) == href
    assert index_href(name) == back
    assert posixpath.normpath(posixpath.join(posixpath.dirname(name), back)) == "index.html"


def test_file_level_findings_and_missing_text():
    report = report_from_text("Un texte court. Une autre phrase ici.\n", "a.txt", "a", run_real_checks=False)
    report.findings.append(Finding(code="XT401", category="repetition", severity="minor", message="whole file",
                                   start=0, end=5, line=1, col=1, span="Un te"))
    source = HtmlWriter().render_file(report)
    assert "Findings about the whole file" in source and "whole file" in source
    report.text = ""  # hand-built reports may lack the text: passages still render
    source = HtmlWriter().render_file(report)
    assert squash(" ".join(parse(source).texts)) == "Un texte court. Une autre phrase ici."


def test_empty_run():
    from audit.model import RunReport

    source = HtmlWriter().render_run(RunReport(files=[]))["index.html"]
    assert "No file could be audited" in source and "No findings" in source


def test_unknown_category_gets_a_safe_colour_class():
    source = HtmlWriter().render_file(hostile_report())
    assert ".cat-category{--c:hsl(" in source
    assert 'class="hl cat-category sev-info"' in source


def test_text_outside_passages_is_still_shown():
    text = "Première phrase ici. Deuxième phrase là. Troisième phrase enfin.\n\nUn autre paragraphe.\n"
    report = report_from_text(text, "g.txt", "g", run_real_checks=False)
    assert len(report.passages) == 4
    del report.passages[1]  # a passage the segmenter lost
    source = HtmlWriter().render_file(report)
    page = parse(source)
    assert squash(" ".join(page.texts)) == squash(text)
    assert len([a for a in page.find("div", "passage") if "gap" in a["class"].split()]) == 1


def test_templates_escape_and_ship_with_the_package():
    """The engine escapes (autoescape on every template), and every template file is package data."""
    import fnmatch
    import tomllib

    from audit.writers.html import CSS, TEMPLATES, environment

    env = environment()
    names = env.list_templates()
    assert {"page.html.j2", "file.html.j2", "index.html.j2", "parts.html.j2"} <= set(names)
    assert env.autoescape is True  # every template, whatever its name
    hostile = '<script>"x"</script>'
    rendered = env.from_string("{{ value }}").render(value=hostile)
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered
    # The stylesheet is a file of its own, inlined verbatim (not escaped) into each page.
    page = HtmlWriter().render_file(hostile_report())
    assert CSS.strip() and CSS in page and '"Segoe UI"' in CSS
    pyproject = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["audit"]
    shipped = [f"writers/templates/{p.name}" for p in Path(str(TEMPLATES)).iterdir() if p.is_file()]
    assert {"writers/templates/report.css", "writers/templates/filters.js"} <= set(shipped)
    for name in shipped:
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns), name
    assert any(dep.lower().startswith("jinja2") for dep in pyproject["project"]["dependencies"])

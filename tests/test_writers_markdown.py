"""Markdown writer: what an editor reads, and text from the article that cannot turn into markup.

Reports are rendered with markdown-it-py (CommonMark, raw HTML allowed as in a plain
renderer) so the tests see what a reader would: no element that came from the data,
and every piece of data back as literal text.
"""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

from audit.fileio import REPORT_SIGNATURE
from audit.model import Finding, RunReport
from audit.writers import get_writer
from audit.writers.markdown import MarkdownWriter
from tests.writer_reports import SEEDS, error_report, hostile_report, report_from_text, seed_report

MD = MarkdownIt("commonmark", {"html": True}).enable("table")

MARKUP = "Voir *ceci* et _cela_, `code`, [lien](http://x.example) <b>gras</b> # titre | barre \\ fin"


def rendered(markdown: str) -> str:
    return MD.render(markdown)


def visible_text(markdown: str) -> str:
    """The text a reader sees: tags removed, entities decoded, spaces squashed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", rendered(markdown)))).strip()


def raw_html(markdown: str) -> list[str]:
    return [t.content for t in MD.parse(markdown) if t.type == "html_block"] + [
        c.content for t in MD.parse(markdown) if t.children for c in t.children if c.type == "html_inline"
    ]


def test_registered_under_its_format():
    writer = get_writer("md")
    assert isinstance(writer, MarkdownWriter) and (writer.format, writer.extension) == ("md", "md")


def test_hostile_report_renders_no_markup_from_the_data():
    report = hostile_report()
    source = MarkdownWriter().render_file(report)
    assert source.startswith(REPORT_SIGNATURE)
    assert raw_html(source) == [REPORT_SIGNATURE + "\n"]  # our own signature comment, nothing else
    page = rendered(source)
    assert "<script" not in page and "<img" not in page and "<svg" not in page and "<b>x</b>" not in page
    text = visible_text(source)
    # Every hostile string is there, as text.
    assert "Message with <script>alert(3)</script> & \"quotes\"" in text
    assert "<img src=x onerror=alert(4)>" in text
    assert "odd </style><script>alert(6)</script>" in text
    assert 'evil/<b>x</b>"&.txt' in text


def test_emphasis_code_links_and_headings_from_the_article_stay_literal():
    text = f"Un premier paragraphe tout à fait ordinaire ici.\n\n{MARKUP}\n"
    report = report_from_text(text, "m.txt", "m", extra=[
        ("XT904", "mistranslation", "major", "*ceci* et _cela_", "Message *gras* `x` [y](z)", "→ _a_ | b"),
    ], run_real_checks=False)
    for p in report.passages:
        p.suspect = True  # every passage quoted in the report
    source = MarkdownWriter().render_file(report)
    page = rendered(source)
    # Our own emphasis (back-translations) and code spans (codes, places) only.
    assert not {"ceci", "cela", "gras", "_a_"} & set(re.findall(r"<em>(.*?)</em>", page))
    assert "<code>x</code>" not in page and "<code>code</code>" not in page
    assert "<a " not in page
    assert page.count("<h1>") == 1  # the report's own title, not "# titre"
    seen = visible_text(source)
    assert MARKUP in seen
    assert "Message *gras* `x` [y](z)" in seen and "→ _a_ | b" in seen


def test_pipes_and_link_targets_keep_the_summary_table_whole():
    report = report_from_text("Une phrase simple pour le tableau du résumé ici.\n", "dossier|a (1).txt", "dossier|a (1)",
                              run_real_checks=False)
    run = RunReport(files=[report, error_report("cassé|b.txt")])
    source = MarkdownWriter().render_run(run)["summary.md"]
    page = rendered(source)
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    cells = [len(re.findall(r"<t[hd][ >]", r)) for r in rows]
    assert cells and len(set(cells)) == 1  # a "|" in a name does not add a column
    links = re.findall(r'<a href="([^"]+)">', page)
    assert links == ["dossier%7Ca%20%281%29.md"]
    assert "dossier|a (1).txt" in visible_text(source) and "cassé|b.txt" in visible_text(source)


def test_seed_report_lists_suspect_passages_with_their_findings():
    report = seed_report(SEEDS[1])
    source = MarkdownWriter().render_file(report)
    suspects = [p for p in report.passages if p.suspect]
    assert suspects
    assert f"**{len(suspects)} suspect**" in source
    for p in suspects:
        assert f"passage {p.sentence.id} " in source
        for f in p.findings:
            assert f"`{report.display_path}:{f.line}:{f.col}`" in source
    # Suspect passages come first, in their own section, before the other findings.
    assert source.index("## Suspect passages") < source.index(f"passage {suspects[0].sentence.id} ")


def test_accepted_findings_are_listed_and_marked():
    report = report_from_text("Une phrase simple ici.\n", "a.txt", "a", run_real_checks=False)
    report.accepted.append(Finding(code="XT101", category="untranslated", severity="major", message="m", start=0, end=3,
                                   line=1, col=1, span="Une", accepted="baseline audit-baseline.json"))
    source = MarkdownWriter().render_file(report)
    assert "## Accepted findings" in source and "*Accepted:* baseline audit-baseline.json" in source
    assert "1 finding accepted" in source

"""Line-based evaluation on real MT gold: split loading, items found, clean lines flagged."""

from __future__ import annotations

import json

import pytest

from audit.checks.runner import check_text
from audit.evaluate_realmt import evaluate_lines, format_lines_table, load_items, load_split, split_lines

TEXT = "\n".join([
    "Titre sans rapport.",                                              # 1: outside every document
    "Le porte-parole a déclaré que the talks were over depuis longtemps.",  # 2: gold, found by FR102
    "Le gouvernement a présenté son budget mardi.",                      # 3: gold, missed
    "Il a répété que the negotiations have failed completely hier.",     # 4: clean per gold, but flagged
    "La réunion s'est tenue à Paris.",                                   # 5: clean, quiet
    "Une autre phrase dans le document de test.",                        # 6: test half
])


@pytest.fixture()
def files(tmp_path):
    split = tmp_path / "split.tsv"
    split.write_text("doc\tfirst_line\tlast_line\tsplit\nd1\t2\t5\tdev\nd2\t6\t6\ttest\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"file": "x.fr", "line": 2, "span": "the talks were over", "source_span": "the talks were over", "category": "untranslated", "severity": "major", "note": ""},
        {"file": "x.fr", "line": 3, "span": "présenté", "source_span": "tabled", "category": "mistranslation", "severity": "minor", "note": ""},
        {"file": "x.fr", "line": 6, "span": "autre", "source_span": "other", "category": "calque", "severity": "major", "note": ""},
    ]
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return split, gold


def test_dev_split_reads_only_dev_items_and_counts_found_and_flagged(files):
    split, gold = files
    lines = split_lines(load_split(split), "dev")
    assert lines == {2, 3, 4, 5}
    items = load_items(gold, lines)
    assert [i.line for i in items] == [2, 3]  # the test item on line 6 is never loaded
    scores = evaluate_lines(TEXT, check_text(TEXT), items, lines)
    assert (scores["items"], scores["majors"], scores["found"], scores["found_major"]) == (2, 1, 1, 1)
    assert scores["recall_major"] == 1.0 and scores["recall"] == 0.5 and scores["recall_in_category"] == 0.5
    assert scores["clean_lines"] == 2 and scores["clean_flagged"] == 1 and scores["flagged_clean_lines"] == [4]
    assert scores["per_code"]["FR102"]["found_major"] == 1 and scores["per_code"]["FR102"]["clean_flagged"] == 1
    assert [m["line"] for m in scores["missed"]] == [3]
    assert "FR102" in format_lines_table(scores)


def test_a_finding_elsewhere_on_the_line_does_not_find_the_item(files):
    split, gold = files
    lines = split_lines(load_split(split), "dev")
    items = [i for i in load_items(gold, lines) if i.line == 2]
    findings = [f for f in check_text(TEXT) if f.line == 2]
    assert findings
    for f in findings:  # move the finding onto "Le porte-parole", outside the gold span
        f.start, f.end = 20, 35
    scores = evaluate_lines(TEXT, findings, items, lines)
    assert scores["found"] == 0


def test_bad_split_row_is_one_clear_error(tmp_path):
    bad = tmp_path / "split.tsv"
    bad.write_text("doc\tfirst_line\tlast_line\tsplit\nd1\tten\t5\tdev\n", encoding="utf-8")
    with pytest.raises(ValueError, match="split.tsv:2"):
        load_split(bad)

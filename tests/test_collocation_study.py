"""benchmarks/collocation_study.py: how candidate pair detectors are counted, and the Apertium compound renderings."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import collocation_study as study  # noqa: E402
from audit.resources import bilingual  # noqa: E402


def _pair(source, key, seen, hits=(), cos=None):
    return study.Scored(source, key, "d1", "noun-adjective", ("nappe", "bavarde"), ("nappe", "bavard"), 0, 12,
                        seen=seen, cos=cos, hits=list(hits))


def test_a_detector_is_counted_by_items_clean_lines_and_news_sentences(capsys):
    major = SimpleNamespace(severity="major")
    minor = SimpleNamespace(severity="minor")
    found = [
        _pair("gold", 3, 0, hits=[major, minor], cos=0.01),  # unseen, overlaps two items of line 3
        _pair("gold", 3, 0, hits=[major], cos=0.01),  # the same major again: counted once
        _pair("gold", 8, 0, cos=0.30),  # unseen, on a clean line
        _pair("gold", 9, 4, cos=0.01),  # seen in the corpus: no candidate takes it
        _pair("news", ("a.txt", 0), 0, cos=0.02),
        _pair("news", ("a.txt", 0), 0, cos=0.02),  # same sentence: one sentence flagged
        _pair("news", ("a.txt", 1), 0, cos=0.50),
    ]
    gold = {"items": [major, minor], "lines": {3, 8, 9}}
    study.report(found, gold, clean={8, 9}, news_sentences=4, show=None)
    rows = {line.split()[0]: line.split()[1:] for line in capsys.readouterr().out.splitlines() if line.strip()}
    # items, majors, clean lines, clean share, news sentences, news share
    assert rows["unseen"] == ["2", "1", "1", "50.0%", "2", "50.0%"]
    assert rows["cos<0.05"] == ["2", "1", "0", "0.0%", "1", "25.0%"]


@pytest.mark.skipif(not bilingual.apertium_available(), reason="Apertium eng-spa and fr-es are needed")
def test_unit_renderings_come_only_from_compounds_apertium_translates_as_one_term():
    renderings = study._unit_renderings(["ice cream", "traffic light", "press conference"])
    compounds = set(renderings.values())
    # "ice cream" is one unit whose French term ("glace") drops the head: its word-for-word renderings are kept.
    assert "ice cream" in compounds
    assert all(head == "crème" for (_, head, _), c in renderings.items() if c == "ice cream")
    # "traffic light" is two words to Apertium; "press conference" keeps its head in French ("conférence de presse").
    assert "traffic light" not in compounds and "press conference" not in compounds

"""Source-aware checks (SRxxx): rule examples, alignment on real MT, number and name details."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from audit.checks.registry import RULES
from audit.source.align import align
from audit.source.rules import EXAMPLE_SEPARATOR, SOURCE_RULES
from audit.source.stage import align_texts, audit_pair

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "real-mt-fr"
if not CORPUS.exists():
    CORPUS = Path("/work/shared/corpora/real-mt-fr")


def _codes(source: str, translation: str) -> dict[str, list[str]]:
    """code -> severities of the findings on the pair."""
    report = audit_pair(source, translation)
    out: dict[str, list[str]] = {}
    for f in report.all_findings():
        out.setdefault(f.code, []).append(f.severity)
    return out


@pytest.mark.parametrize("code", [r.code for r in SOURCE_RULES])
def test_source_rule_examples(code: str) -> None:
    rule = RULES[code]
    assert rule.examples and rule.counterexamples, f"{code} needs examples and counterexamples"
    for example in rule.examples:
        source, translation = example.split(EXAMPLE_SEPARATOR)
        assert code in _codes(source, translation), f"{code} missed its example: {example}"
    for counter in rule.counterexamples:
        source, translation = counter.split(EXAMPLE_SEPARATOR)
        assert code not in _codes(source, translation), f"{code} fired on its counterexample: {counter}"


def test_numbers_read_through_separators_and_conversions() -> None:
    clean = _codes(
        "Some 12,000 people marched 3.5 miles on March 5, 2013, in 86 degrees Fahrenheit.",
        "Quelque 12 000 personnes ont marché 5,6 kilomètres le 5 mars 2013, par 30 degrés.",
    )
    assert "SR101" not in clean
    changed = audit_pair("Some 12,000 people marched.", "Quelque 1 200 personnes ont défilé.")
    found = [f for f in changed.all_findings() if f.code == "SR101"]
    assert [f.span for f in found] == ["1 200"] and "12000" in found[0].message


def test_name_altered_points_at_the_changed_spelling() -> None:
    report = audit_pair("Mr Ditta met Jan Kowalski in Leeds.", "M. Ditta a rencontré Jan Kowalsky à Leeds.")
    names = [f for f in report.all_findings() if f.code == "SR102"]
    assert [f.span for f in names] == ["Kowalsky"]
    # An institution whose words the dictionaries know is translated, not "missing".
    report = audit_pair("The Red Cross was called by the Fire Department.", "La Croix-Rouge a été appelée par les pompiers.")
    assert not [f for f in report.all_findings() if f.code == "SR102"]


def test_lexical_coverage_links_through_dictionaries() -> None:
    # « atroce » is known to the dictionaries but no translation of it is in the source.
    report = audit_pair("The crowd was aghast at the decision.", "La foule était atroce par la décision.")
    unlinked = {f.span for f in report.all_findings() if f.code == "SR301"}
    assert "atroce" in unlinked
    assert not unlinked & {"foule", "décision"}


def test_passage_gets_its_source_and_bead() -> None:
    report = audit_pair("The mayor spoke. The council voted against the plan on Tuesday.",
                        "Le maire a parlé. Le conseil a voté contre le projet mardi.")
    assert [p.source["text"] for p in report.passages] == ["The mayor spoke.", "The council voted against the plan on Tuesday."]
    assert all(p.source["bead"] == "1-1" for p in report.passages)
    assert report.source["alignment"]["beads"] == {"1-1": 2}


def _opus_slice(first: int, count: int) -> tuple[list[str], list[str]]:
    en = (CORPUS / "opusmt-newstest2014.en").read_text(encoding="utf-8").splitlines()[first:first + count]
    fr = (CORPUS / "opusmt-newstest2014.hyp.fr").read_text(encoding="utf-8").splitlines()[first:first + count]
    return en, fr


def one_to_one_accuracy(en: list[str], fr: list[str], removed: int, added: int, seed: int, details: bool = False):
    """Remove ``removed`` lines from the translation and ``added`` lines from the source (so those are one-sided),
    align, and count the 1-1 links that pair the right lines: (right, proposed); with ``details``, also the
    number of lines present on both sides and the bead counts."""
    rng = random.Random(seed)
    n = len(en)
    drop_fr = set(rng.sample(range(n), removed))
    drop_en = set(rng.sample(sorted(set(range(n)) - drop_fr), added))
    src = [i for i in range(n) if i not in drop_en]
    tgt = [i for i in range(n) if i not in drop_fr]
    beads, _, _ = align_texts([en[i] for i in src], [fr[i] for i in tgt])
    links = [(src[b.source[0]], tgt[b.target[0]]) for b in beads if b.kind == "1-1"]
    right = sum(1 for s, t in links if s == t)
    if details:
        from collections import Counter

        return right, len(links), len(set(src) & set(tgt)), Counter(b.kind for b in beads)
    return right, len(links)


@pytest.mark.skipif(not CORPUS.exists(), reason="real-mt-fr corpus not present")
def test_alignment_of_real_mt_with_lines_missing_on_each_side() -> None:
    en, fr = _opus_slice(300, 60)
    right, proposed = one_to_one_accuracy(en, fr, removed=3, added=3, seed=7)
    assert proposed >= 50  # most lines are still paired one to one
    assert right / proposed >= 0.95


def test_alignment_without_lexical_evidence_still_follows_lengths() -> None:
    beads = align([40, 80, 120, 60], [44, 90, 130, 66], lambda s, t: 0.0)
    assert [b.kind for b in beads] == ["1-1"] * 4


def test_english_sentences_rejoined_after_acronyms_and_before_closing_quotes() -> None:
    from audit.ingest.segment import segment
    from audit.source.stage import english_sentences

    text = 'The 2nd U.S. Circuit Court of Appeals ruled. "The time has come for peace to be restored."\nNext line.'
    assert [s.text for s in english_sentences(segment(text))] == [
        "The 2nd U.S. Circuit Court of Appeals ruled.", '"The time has come for peace to be restored."', "Next line."]
    # A closing quote the splitter cuts off is no sentence of its own, so no omission.
    report = audit_pair('People will go wherever the best care is offered."\nThe hospital closed.',
                        "Les gens iront là où les meilleurs soins sont offerts.\nL'hôpital a fermé.")
    assert not [f for f in report.all_findings() if f.code == "SR201"]
    # The same on the French side: « paix. | » » cut in two, the quote rides with its sentence.
    report = audit_pair('He said the time has come for peace to be restored."\nThe hospital closed.',
                        "Il a dit que le moment était venu de rétablir la paix. »\nL'hôpital a fermé.")
    assert len(report.passages) == 3 and report.passages[1].sentence.text == "»"
    assert not [f for f in report.all_findings() if f.code in ("SR201", "SR202")]
    assert report.source["alignment"]["pairs"][0][1] == [report.passages[0].sentence.id, report.passages[1].sentence.id]


def test_omitted_sentence_sits_on_the_line_that_lost_it() -> None:
    source = ("The council met on Tuesday to discuss the budget. Presidential elections are planned for 2015 in the country.\n"
              "The mayor left the meeting early.")
    translation = "Le conseil s'est réuni mardi pour discuter du budget.\nLe maire a quitté la réunion plus tôt."
    report = audit_pair(source, translation)
    omissions = [f for f in report.all_findings() if f.code == "SR201"]
    assert [f.line for f in omissions] == [1]
    # A paragraph of its own that is missing is reported on the translation that follows the gap.
    report = audit_pair(source.replace(" Presidential", "\nPresidential"), translation)
    assert [f.line for f in report.all_findings() if f.code == "SR201"] == [2]

"""The rule-pack engine: inflection, word order, offsets, user rule files, selection."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from audit.checks import load_all
from audit.checks.registry import RULES
from audit.checks.rulepack import RuleFileError, builtin_pack, load_rule_file, rulepack_options
from audit.checks.runner import build_context, check_text, run_checks
from audit.ingest.segment import segment
from audit.model import CATEGORIES

load_all()

DATA = Path(__file__).parent / "data"
PACK_CATEGORIES = {"calque", "false-friend", "mistranslation", "entity", "grammar", "omission"}


def spans(text: str, code: str, options: dict | None = None) -> list[str]:
    return [f.span for f in check_text(text, select=[code], options=options) if f.code == code]


# ------------------------------------------------------------------ the pack itself


def test_pack_size_and_shape():
    pack = builtin_pack()
    assert len(pack) >= 200
    codes = [c.rule.code for c in pack]
    assert len(codes) == len(set(codes))
    for c in pack:
        rule = c.rule
        assert rule.category in PACK_CATEGORIES and rule.category in CATEGORIES
        assert rule.severity in ("major", "minor", "info")
        assert rule.examples and rule.counterexamples, rule.code
        assert rule.english and rule.message and rule.suggestion, rule.code
        assert rule.source.startswith("pack:") and rule.source.endswith(".toml")
        assert RULES[rule.code] is rule or RULES[rule.code] == rule


def test_every_category_is_covered():
    categories = {c.rule.category for c in builtin_pack()}
    assert PACK_CATEGORIES <= categories


# ------------------------------------------------------------------ matching


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Il faut toucher la base avec Paris.", "toucher la base"),
        ("Nous touchons la base chaque semaine.", "touchons la base"),
        ("Ils ont touché la base hier.", "touché la base"),
        ("Il touchera la base demain.", "touchera la base"),
        ("Elles touchaient la base tous les mois.", "touchaient la base"),
    ],
)
def test_verb_phrase_in_every_tense(text, expected):
    assert spans(text, "CQ001") == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ils veulent une consultation significative.", "consultation significative"),
        ("Ils veulent des consultations significatives.", "consultations significatives"),
        ("Il réclame un dialogue significatif.", "dialogue significatif"),
    ],
)
def test_noun_phrase_singular_and_plural(text, expected):
    assert spans(text, "CQ003") == [expected]


def test_words_between_and_order():
    # adjectives and determiners may sit between the fixed words
    assert spans("Ils négocient au milieu de fortes tensions.", "CQ004") == ["au milieu de fortes tensions"]
    assert spans("Ils négocient au milieu des craintes occidentales.", "CQ004") == ["au milieu des craintes"]
    # a gap of a few words: blâmer X pour Y
    assert spans("Les républicains ont blâmé le président démocrate pour la hausse des prix.", "FF086")
    # the spatial sense stays quiet
    assert not spans("Ils ont dansé au milieu de la place.", "CQ004")


def test_span_is_exact_in_the_document():
    text = "Titre de l'article\n\nPremier paragraphe sans problème.\n\nBiden a menacé que les États-Unis renforcent le drapeau oriental de l'OTAN."
    doc = segment(text)
    findings = run_checks(doc, build_context(doc), select=["GR001", "MT001"])
    assert {f.code for f in findings} == {"GR001", "MT001"}
    for f in findings:
        assert text[f.start:f.end] == f.span
        line, col = doc.position(f.start)
        assert (f.line, f.col) == (line, col)
    by_code = {f.code: f for f in findings}
    assert by_code["GR001"].span == "menacé que"
    assert by_code["MT001"].span == "drapeau oriental"
    assert by_code["MT001"].line == 5


def test_curly_apostrophes_match_like_straight_ones():
    assert spans("Moscou veut s’abstenir de contingents en Pologne.", "OM001") == ["s’abstenir de contingents"]
    assert spans("Moscou veut s'abstenir de contingents en Pologne.", "OM001") == ["s'abstenir de contingents"]


def test_english_sentences_are_left_to_other_checks():
    text = "The president said he would touch base with his allies on Thursday, according to officials in Washington."
    assert not [f for f in check_text(text) if f.code[:2] in {"CQ", "FF", "MT", "EN", "GR", "OM"}]


def test_clean_french_news_gives_no_major_or_minor_finding():
    text = (DATA / "clean_fr_news.txt").read_text(encoding="utf-8")
    doc = segment(text)
    assert len(doc.sentences) >= 60
    findings = run_checks(doc, build_context(doc), select=["CQ", "FF", "MT", "EN", "GR", "OM", "FR7"])
    loud = [(f.code, f.span) for f in findings if f.severity in ("major", "minor")]
    assert loud == []


def test_speed_on_an_article():
    text = (DATA / "clean_fr_news.txt").read_text(encoding="utf-8")
    check_text("Il a touché la base.", select=["CQ"])  # load the model once
    doc = segment(text.replace("Le ", "Ce "))  # new sentences: no analysis cache
    ctx = build_context(doc)
    started = time.perf_counter()
    run_checks(doc, ctx, select=["CQ", "FF", "MT", "EN", "GR", "OM"])
    assert time.perf_counter() - started < 2.0


# ------------------------------------------------------------------ selection


def test_ignore_semantics():
    text = "Biden a menacé que les États-Unis renforcent le drapeau oriental. Il veut toucher la base avec Kiev."
    doc = segment(text)
    ctx = build_context(doc)
    everything = {f.code for f in run_checks(doc, ctx, select=["CQ", "MT", "GR"])}
    assert {"CQ001", "MT001", "GR001"} <= everything
    assert "CQ001" not in {f.code for f in run_checks(doc, ctx, select=["CQ", "MT", "GR"], ignore=["CQ001"])}
    by_category = {f.code for f in run_checks(doc, ctx, select=["CQ", "MT", "GR"], ignore=["calque"])}
    assert "CQ001" not in by_category and "MT001" in by_category
    by_prefix = {f.code for f in run_checks(doc, ctx, select=["CQ", "MT", "GR"], ignore=["MT", "GR"])}
    assert by_prefix == {"CQ001"}


def test_severity_override():
    doc = segment("Il veut toucher la base avec Kiev.")
    findings = run_checks(doc, build_context(doc), select=["CQ001"], severity_overrides={"CQ001": "info"})
    assert [f.severity for f in findings] == ["info"]


# ------------------------------------------------------------------ user rule files

USER_RULES = """
category = "calque"

[[rule]]
code = "CQ901"
name = "faire-sens"
severity = "minor"
english = "make sense"
message = "« faire sens » renders 'make sense'."
suggestion = "avoir du sens"
pattern = [{lemma = "faire"}, {lower = "sens"}]
examples = ["Cela fait sens pour nous."]
counterexamples = ["Cela a du sens pour nous."]

[[rule]]
code = "EN901"
name = "kyiv"
category = "entity"
severity = "info"
english = "Kyiv"
message = "Local house style writes « Kiev »."
regex = '\\bKyiv\\b'
case = true
not_in_quote = true
examples = ["Le président est arrivé à Kyiv."]
"""


def write(tmp_path: Path, text: str, name: str = "house.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_rule_file(tmp_path):
    path = write(tmp_path, USER_RULES)
    rules = load_rule_file(path)
    assert [r.code for r in rules] == ["CQ901", "EN901"]
    assert rules[0].source == f"user:{path}"
    assert RULES["CQ901"].category == "calque"
    options = rulepack_options([path])
    assert options == {"rule_files": [str(path)]}
    assert spans("Cela ferait sens, selon lui.", "CQ901", options) == ["ferait sens"]
    assert spans("Cela fait sens.", "CQ901") == []  # not loaded without the option
    assert spans("Il est arrivé à Kyiv lundi.", "EN901", options) == ["Kyiv"]
    assert spans("Il a dit : « Je pars pour Kyiv demain. »", "EN901", options) == []  # not_in_quote


def test_user_rule_examples_hold(tmp_path):
    path = write(tmp_path, USER_RULES)
    options = rulepack_options([path])
    for rule in load_rule_file(path):
        for example in rule.examples:
            assert spans(example, rule.code, options), (rule.code, example)
        for counter in rule.counterexamples:
            assert not spans(counter, rule.code, options), (rule.code, counter)


@pytest.mark.parametrize(
    "text, problem",
    [
        ("[[rule]\ncode = 'X'", "not valid TOML"),
        ("title = 'x'", "unknown top-level key"),
        ("[[rule]]\nname = 'a'", "code"),
        ("[[rule]]\ncode = 'CQ902'\nname = 'a'\nseverity = 'huge'\nmessage = 'm'\nregex = 'a'", "severity"),
        ("[[rule]]\ncode = 'ZZ902'\nname = 'a'\nseverity = 'minor'\nmessage = 'm'\nregex = 'a'", "category"),
        ("[[rule]]\ncode = 'CQ902'\nname = 'a'\nseverity = 'minor'\nmessage = 'm'\nregex = '(a'", "bad regular expression"),
        ("[[rule]]\ncode = 'CQ902'\nname = 'a'\nseverity = 'minor'\nmessage = 'm'", "exactly one of 'pattern' or 'regex'"),
        ("[[rule]]\ncode = 'CQ902'\nname = 'a'\nseverity = 'minor'\nmessage = 'm'\npattern = [{lema = 'x'}]", "unknown pattern key"),
        ("[[rule]]\ncode = 'CQ902'\nname = 'a'\nseverity = 'minor'\nmessage = 'm'\npattern = [{pos = 'NOM'}]", "unknown POS"),
        ("[[rule]]\ncode = 'CQ902'\nname = 'a'\nseverity = 'minor'\nmessage = 'm'\nregex = 'a'\ncolour = 'red'", "unknown key"),
        ("[[rule]]\ncode = 'CQ001'\nname = 'a'\nseverity = 'minor'\nmessage = 'm'\nregex = 'a'", "already used by a built-in rule"),
    ],
)
def test_bad_rule_file_gives_a_one_line_error(tmp_path, text, problem):
    path = write(tmp_path, text, "bad.toml")
    with pytest.raises(RuleFileError) as info:
        load_rule_file(path)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message
    assert problem in message


def test_missing_rule_file(tmp_path):
    with pytest.raises(RuleFileError, match="no such rule file"):
        load_rule_file(tmp_path / "absent.toml")
    with pytest.raises(RuleFileError):
        rulepack_options([tmp_path / "absent.toml"])

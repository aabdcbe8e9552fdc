"""The rule-pack check: French rules kept as data in ``audit/rules/*.toml``.

A rule pack is a TOML file of ``[[rule]]`` tables. Each rule has a code, a name,
a category, a severity, the English it usually comes from, a message, a
suggestion, examples that must trigger it and counterexamples that must not, and
either a ``regex`` (run on each sentence) or a ``pattern``: a list of token
constraints matched against spaCy's analysis of the sentence, so that one rule
catches every tense and person of a verb phrase and both numbers of a noun phrase.

Token constraint keys (all optional, all must hold):

``lemma``/``lower``/``text`` (string or list), ``re``/``re_cs`` (regex the whole
token must match, case-insensitive/sensitive), ``lemma_re`` (regex on the lemma),
``form`` (``participle`` or ``infinitive``: morphology backed by the word's ending),
``pos`` (UPOS or list), ``morph``
(table of feature -> value or list), and the negations ``not_lemma``,
``not_lower``, ``not_re``, ``not_pos``, ``not_morph``. ``op`` is ``"?"``, ``"*"``
or ``"+"``; ``{gap = [min, max]}`` skips min..max tokens (that satisfy the other
keys of the same table, if any).

Rule-level conditions keep a rule quiet on correct French: ``unless_sentence``,
``require_sentence`` (regex searched in the sentence), ``unless_before``,
``require_before`` (searched in the sentence text before the match),
``unless_after``, ``require_after`` (searched in the text after it: anchor with
``^``), ``unless_span`` (searched in the matched text), ``require_doc``,
``unless_doc`` (searched in the whole document), ``not_in_quote``; ``span =
[i, j]`` reports only pattern elements i..j; a regex's named group ``hit`` (or ``hit2``,
``hit3``... in other alternatives) is reported instead of the whole match. ``case = true`` makes regexes case-sensitive.
``replace`` (a table ``"reported words" = "suggestion"``) gives each span its own suggestion
(« Kosachev » -> « Kossatchev »), and ``{span}`` in ``suggestion`` is filled with the reported
words: a suggestion fits the words it points at, never another example's.

Examples mark the words the rule reports with ``[[ ]]`` (see ``registry.unmark``). ``evidence``
says why a rule that has fired only on the seeds is believed general (the English construction);
such a rule needs three examples (tests/test_rules_not_seeds.py).

User rule files use the same format: :func:`load_rule_file` validates one and
raises :class:`RuleFileError` (one line naming the file and the problem).
"""

from __future__ import annotations

import dataclasses
import logging
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

from audit.checks.registry import CHECKS, RULES, Rule, check, register_rule
from audit.model import CATEGORIES, SEVERITIES
from audit.resources.nlp import Tok, analyse, norm as _norm
from audit.resources.quotes import quoted_mask
from audit.resources.regex_literal import RegexPlan, regex_plan

log = logging.getLogger(__name__)

PACK_DIR = Path(__file__).resolve().parent.parent / "rules"
PACK_FILES = (
    "calques.toml", "false_friends.toml", "mistranslations.toml", "entities.toml", "constructions.toml", "omissions.toml",
    "senses.toml", "calques_news.toml", "constructions_news.toml", "names.toml",
)

CODE_RE = re.compile(r"^[A-Z]{2,3}\d{3,4}$")
PREFIX_CATEGORY = {"CQ": "calque", "FF": "false-friend", "MT": "mistranslation", "EN": "entity", "GR": "grammar", "OM": "omission"}

RULE_KEYS = {
    "code", "name", "category", "severity", "message", "explain", "suggestion", "english", "examples",
    "counterexamples", "pattern", "regex", "case", "span", "unless_sentence", "require_sentence",
    "unless_before", "require_before", "unless_after", "require_after", "unless_span", "require_doc",
    "unless_doc", "not_in_quote", "extra", "evidence", "replace",
}
CONDITION_KEYS = (
    "unless_sentence", "require_sentence", "unless_before", "require_before", "unless_after",
    "require_after", "unless_span", "require_doc", "unless_doc",
)
TOKEN_KEYS = {
    "lemma", "lower", "text", "re", "re_cs", "pos", "morph", "not_lemma", "not_lower", "not_re",
    "not_pos", "not_morph", "op", "gap", "form", "lemma_re",
}
# The small model's morphology is unsure on participles and infinitives: a suffix test backs it up.
_PARTICIPLE = re.compile(r".{2,}(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues|it|ite|its|ites|ert|erte|erts|ertes|eint|einte|eints|eintes|ait|aite|aits|aites)", re.I)
_INFINITIVE = re.compile(r".{2,}(?:er|ir|re|oir)", re.I)
FORMS = ("participle", "infinitive")
UPOS = {
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X", "SPACE",
}
MAX_REPEAT = 4


def _infinitive_by_ending(tok: Tok) -> bool:
    """A verb whose ending is an infinitive's, when the model does not say so.

    -er, -ir and -oir end no finite form, but -re does: the present of a verb in -rer or -rir
    (« j'espère », « j'ignore », « je souffre ») ends like « prendre ». An infinitive is its own
    lemma, so a -re form the model lemmatises to another word is finite.
    """
    if tok.pos not in ("VERB", "AUX") or not _INFINITIVE.fullmatch(tok.text):
        return False
    return not tok.lower.endswith("re") or tok.lemma == tok.lower


class RuleFileError(ValueError):
    """A rule file that cannot be used; ``str()`` is one line naming the file and the problem."""


# --------------------------------------------------------------------------- analysis
# Tokens, lemmas, POS and morphology come from audit.resources.nlp (shared with other checks).


# --------------------------------------------------------------------------- patterns


_ER_ENDINGS = (
    "e", "es", "ent", "ons", "ez", "ais", "ait", "aient", "ions", "iez", "é", "ée", "és", "ées", "er", "era",
    "eras", "erons", "erez", "eront", "erai", "erais", "erait", "erions", "eriez", "eraient", "a", "as", "âmes",
    "âtes", "èrent", "ant", "asse", "assent",
)
_IRREGULAR = {
    "courir": "cours court courons courez courent courais courait couraient couru courue courus courra courront courrait courraient courut coururent courant",
    "prendre": "prends prend prenons prenez prennent prenais prenait prenaient pris prise prises prendra prendront prendrait prendraient prit prirent prenant prenne",
    "faire": "fais fait faisons faites font faisais faisait faisaient faits faite faites fera feront ferait feraient fit firent faisant fasse",
    "mettre": "mets met mettons mettez mettent mettait mettaient mis mise mises mettra mettront mettrait mit mirent mettant",
    "voir": "vois voit voyons voyez voient voyait voyaient vu vue vus vues verra verront verrait virent vit voyant",
    "recevoir": "reçois reçoit recevons recevez reçoivent recevait recevaient reçu reçue reçus reçues recevra recevront recevrait reçut",
    "tenir": "tiens tient tenons tenez tiennent tenait tenaient tenu tenue tenus tenues tiendra tiendront tiendrait tint",
    "rendre": "rends rend rendons rendez rendent rendait rendaient rendu rendue rendus rendra rendront rendrait rendit",
    "attendre": "attends attend attendons attendez attendent attendait attendaient attendu attendue attendra attendront attendrait",
    "dire": "dis dit disons dites disent disait disaient dite dits dira diront dirait",
    "servir": "sers sert servons servez servent servait servaient servi servie servis servira serviront servirait",
    "introduire": "introduis introduit introduisons introduisez introduisent introduisait introduisaient introduite introduits introduira",
    "résoudre": "résous résout résolvons résolvent résolu résolue résolus résolvait résoudra",
    "succéder": "succède succèdes succèdent succédé succédait succédera",
    "dépendre": "dépends dépend dépendent dépendait dépendaient dépendu dépendra dépendrait",
    "abstenir": "abstiens abstient abstenons abstenez abstiennent abstenait abstenaient abstenu abstenue abstenus abstiendra abstiendront abstiendrait",
}


@lru_cache(maxsize=4096)
def inflections(lemma: str) -> frozenset[str]:
    """Forms of a verb: the regular first-group paradigm, or a short table of irregular verbs."""
    lemma = _norm(lemma)
    if lemma in _IRREGULAR:
        return frozenset(_IRREGULAR[lemma].split()) | {lemma}
    if not lemma.endswith("er") or len(lemma) < 4 or " " in lemma:
        return frozenset({lemma})
    stem = lemma[:-2]
    forms = {stem + e for e in _ER_ENDINGS}
    soft = stem[:-1] + ("ç" if stem.endswith("c") else "ge" if stem.endswith("g") else stem[-1])
    forms |= {soft + e for e in ("a", "ais", "ait", "aient", "ant", "ons", "èrent", "as", "âmes", "âtes", "asse")}
    m = re.match(r"^(.*)é([^aeiouyéè]+)$", stem)
    if m:  # répéter -> répète, répètent
        forms |= {m.group(1) + "è" + m.group(2) + e for e in ("e", "es", "ent")}
    return frozenset(forms)


def _as_set(value: Any, where: str, key: str, lower: bool = True) -> frozenset[str]:
    values = value if isinstance(value, list) else [value]
    if not values or not all(isinstance(v, str) and v for v in values):
        raise RuleFileError(f"{where}: '{key}' must be a non-empty string or list of strings")
    return frozenset(_norm(v) if lower else v for v in values)


def _compile_re(value: Any, where: str, key: str, flags: int) -> re.Pattern:
    if not isinstance(value, str) or not value:
        raise RuleFileError(f"{where}: '{key}' must be a non-empty regular expression string")
    try:
        return re.compile(value, flags)
    except re.error as exc:
        raise RuleFileError(f"{where}: bad regular expression in '{key}': {exc}") from None


@dataclass
class TokenSpec:
    lemma: frozenset | None = None
    lower: frozenset | None = None
    text: frozenset | None = None
    regex: re.Pattern | None = None
    lemma_regex: re.Pattern | None = None
    pos: frozenset | None = None
    morph: dict | None = None
    not_lemma: frozenset | None = None
    not_lower: frozenset | None = None
    not_regex: re.Pattern | None = None
    not_pos: frozenset | None = None
    not_morph: dict | None = None
    min: int = 1
    max: int = 1
    lazy: bool = False
    forms: frozenset = frozenset()
    form: str | None = None

    def test(self, tok: Tok) -> bool:
        if self.lemma is not None and tok.lemma not in self.lemma and tok.lower not in self.forms and tok.lower not in self.lemma:
            return False
        if self.lower is not None and tok.lower not in self.lower:
            return False
        if self.text is not None and tok.text not in self.text:
            return False
        if self.regex is not None and not self.regex.fullmatch(tok.text.replace("’", "'")):
            return False
        if self.lemma_regex is not None and not self.lemma_regex.fullmatch(tok.lemma):
            return False
        if self.pos is not None and tok.pos not in self.pos:
            return False
        if self.morph is not None:
            for feat, allowed in self.morph.items():
                if tok.morph.get(feat) not in allowed:
                    return False
        if self.form == "participle" and not (
            tok.morph.get("VerbForm") == "Part" or (tok.pos in ("ADJ", "VERB", "AUX") and _PARTICIPLE.fullmatch(tok.text))
        ):
            return False
        if self.form == "infinitive" and not (tok.morph.get("VerbForm") == "Inf" or _infinitive_by_ending(tok)):
            return False
        if self.not_lemma is not None and (tok.lemma in self.not_lemma or tok.lower in self.not_lemma):
            return False
        if self.not_lower is not None and tok.lower in self.not_lower:
            return False
        if self.not_regex is not None and self.not_regex.fullmatch(tok.text.replace("’", "'")):
            return False
        if self.not_pos is not None and tok.pos in self.not_pos:
            return False
        if self.not_morph is not None:
            for feat, banned in self.not_morph.items():
                if tok.morph.get(feat) in banned:
                    return False
        return True

    def anchors(self) -> frozenset | None:
        """Words one of which must be in the sentence for this element to match."""
        if self.min < 1:
            return None
        if self.lemma is not None:
            return self.lemma | self.forms
        if self.lower is not None:
            return self.lower
        return None


def _morph_table(value: Any, where: str, key: str) -> dict:
    if not isinstance(value, dict) or not value:
        raise RuleFileError(f"{where}: '{key}' must be a table such as {{Number = \"Plur\"}}")
    out = {}
    for feat, v in value.items():
        vals = v if isinstance(v, list) else [v]
        if not all(isinstance(x, str) for x in vals):
            raise RuleFileError(f"{where}: '{key}.{feat}' must be a string or list of strings")
        out[feat] = frozenset(vals)
    return out


def compile_token(spec: Any, where: str) -> TokenSpec:
    if not isinstance(spec, dict):
        raise RuleFileError(f"{where}: each pattern element must be a table, got {type(spec).__name__}")
    unknown = set(spec) - TOKEN_KEYS
    if unknown:
        raise RuleFileError(f"{where}: unknown pattern key(s) {', '.join(sorted(unknown))}")
    ts = TokenSpec()
    for key in ("lower", "not_lemma", "not_lower"):
        if key in spec:
            setattr(ts, key, _as_set(spec[key], where, key))
    if "lemma" in spec:
        ts.lemma = _as_set(spec["lemma"], where, "lemma")
        # spaCy's lemmatiser misreads some forms ("court" as an adjective): accept the verb's forms too.
        ts.forms = frozenset().union(*(inflections(v) for v in ts.lemma))
    if "text" in spec:
        ts.text = _as_set(spec["text"], where, "text", lower=False)
    if "re" in spec:
        ts.regex = _compile_re(spec["re"], where, "re", re.IGNORECASE)
    if "re_cs" in spec:
        if ts.regex is not None:
            raise RuleFileError(f"{where}: use either 're' or 're_cs', not both")
        ts.regex = _compile_re(spec["re_cs"], where, "re_cs", 0)
    if "lemma_re" in spec:
        ts.lemma_regex = _compile_re(spec["lemma_re"], where, "lemma_re", re.IGNORECASE)
    if "not_re" in spec:
        ts.not_regex = _compile_re(spec["not_re"], where, "not_re", re.IGNORECASE)
    for key in ("pos", "not_pos"):
        if key in spec:
            values = _as_set(spec[key], where, key, lower=False)
            bad = values - UPOS
            if bad:
                raise RuleFileError(f"{where}: unknown POS {', '.join(sorted(bad))} in '{key}'")
            setattr(ts, key, values)
    for key in ("morph", "not_morph"):
        if key in spec:
            setattr(ts, key, _morph_table(spec[key], where, key))
    if "form" in spec:
        if spec["form"] not in FORMS:
            raise RuleFileError(f"{where}: 'form' must be one of {', '.join(FORMS)}")
        ts.form = spec["form"]
    if "gap" in spec:
        gap = spec["gap"]
        if not (isinstance(gap, list) and len(gap) == 2 and all(isinstance(g, int) and g >= 0 for g in gap) and gap[0] <= gap[1] <= 12):
            raise RuleFileError(f"{where}: 'gap' must be [min, max] with 0 <= min <= max <= 12")
        if "op" in spec:
            raise RuleFileError(f"{where}: 'gap' and 'op' cannot be combined")
        ts.min, ts.max, ts.lazy = gap[0], gap[1], True
    elif "op" in spec:
        op = spec["op"]
        if op not in ("?", "*", "+", "1"):
            raise RuleFileError(f"{where}: 'op' must be one of ?, *, +")
        ts.min, ts.max = {"?": (0, 1), "*": (0, MAX_REPEAT), "+": (1, MAX_REPEAT), "1": (1, 1)}[op]
    return ts


def _match(specs: list[TokenSpec], toks: tuple[Tok, ...], pi: int, ti: int, acc: list) -> list | None:
    if pi == len(specs):
        return acc
    spec = specs[pi]
    n = 0
    while n < spec.max and ti + n < len(toks) and spec.test(toks[ti + n]):
        n += 1
    if n < spec.min:
        return None
    counts = range(spec.min, n + 1) if spec.lazy else range(n, spec.min - 1, -1)
    for k in counts:
        found = _match(specs, toks, pi + 1, ti + k, acc + [(ti, ti + k)])
        if found is not None:
            return found
    return None


# --------------------------------------------------------------------------- rules


@dataclass
class CompiledRule:
    rule: Rule
    pattern: list[TokenSpec] | None = None
    regex: re.Pattern | None = None
    span: tuple[int, int] | None = None
    conditions: dict[str, re.Pattern] = field(default_factory=dict)
    not_in_quote: bool = False
    anchors: tuple[frozenset, ...] = ()
    replace: dict[str, str] = field(default_factory=dict)
    # Built on first use from ``regex``: its hit groups and a literal every match contains.
    _plan: RegexPlan | None = field(default=None, repr=False, compare=False)

    def suggestion_for(self, span: str) -> str | None:
        """The suggestion for these words: the ``replace`` entry of the span, or the rule's suggestion
        with ``{span}`` filled in, so that a suggestion never names words of another example."""
        key = " ".join(span.replace("’", "'").split())
        fix = self.replace.get(key) or self.replace.get(key.lower())
        if fix:
            return fix
        suggestion = self.rule.suggestion
        return suggestion.replace("{span}", span) if suggestion and "{span}" in suggestion else None

    def find(self, sentence_text: str, toks: tuple[Tok, ...] | None, doc_text: str, vocab: set[str] | None) -> Iterator[tuple[int, int]]:
        """(start, end) of each hit, as offsets in the sentence."""
        if self.anchors and vocab is not None and not all(a & vocab for a in self.anchors):
            return
        # Most rules cannot match most sentences: a substring test proves it far cheaper than the regex.
        if self.regex is not None and not self._regex_plan().may_match(sentence_text):
            return
        c = self.conditions
        if "require_sentence" in c and not c["require_sentence"].search(sentence_text):
            return
        if "unless_sentence" in c and c["unless_sentence"].search(sentence_text):
            return
        if "require_doc" in c and not c["require_doc"].search(doc_text):
            return
        if "unless_doc" in c and c["unless_doc"].search(doc_text):
            return
        mask = quoted_mask(sentence_text) if self.not_in_quote else None
        for (ms, me), (hs, he) in self._raw(sentence_text, toks):
            if "unless_before" in c and c["unless_before"].search(sentence_text[:ms]):
                continue
            if "require_before" in c and not c["require_before"].search(sentence_text[:ms]):
                continue
            if "unless_after" in c and c["unless_after"].search(sentence_text[me:]):
                continue
            if "require_after" in c and not c["require_after"].search(sentence_text[me:]):
                continue
            if "unless_span" in c and c["unless_span"].search(sentence_text[ms:me]):
                continue
            if mask is not None and hs < len(mask) and mask[hs]:
                continue
            yield hs, he

    def _regex_plan(self) -> RegexPlan:
        plan = self._plan
        if plan is None or plan.regex is not self.regex:
            plan = self._plan = regex_plan(self.regex)
        return plan

    def _raw(self, text: str, toks: tuple[Tok, ...] | None) -> Iterator[tuple[tuple[int, int], tuple[int, int]]]:
        if self.regex is not None:
            # Alternatives of one regex cannot share a group name: hit, hit2, hit3... all mark the reported words.
            hits = self._regex_plan().hit_groups
            for m in self.regex.finditer(text):
                if m.end() == m.start():
                    continue
                group = next((g for g in hits if m.group(g) is not None), None)
                hs, he = m.span(group) if group else m.span()
                yield m.span(), (hs, he)
            return
        if not toks:
            return
        ti = 0
        while ti < len(toks):
            found = _match(self.pattern, toks, 0, ti, [])
            if found is None or found[-1][1] <= ti:
                ti += 1
                continue
            used = [(a, b) for a, b in found if b > a]
            ms, me = toks[used[0][0]].start, toks[used[-1][1] - 1].end
            if self.span is not None:
                part = [(a, b) for a, b in found[self.span[0]:self.span[1] + 1] if b > a]
                hs, he = (toks[part[0][0]].start, toks[part[-1][1] - 1].end) if part else (ms, me)
            else:
                hs, he = ms, me
            yield (ms, me), (hs, he)
            ti = found[-1][1]


def _str_list(value: Any, where: str, key: str) -> tuple[str, ...]:
    values = value if isinstance(value, list) else [value]
    if not all(isinstance(v, str) and v.strip() for v in values):
        raise RuleFileError(f"{where}: '{key}' must be a list of non-empty strings")
    return tuple(values)


def compile_rule(raw: Any, source: str, defaults: dict, where: str, require_examples: bool = True) -> CompiledRule:
    if not isinstance(raw, dict):
        raise RuleFileError(f"{where}: a rule must be a table")
    data = {**defaults, **raw}
    code = data.get("code")
    if not isinstance(code, str) or not CODE_RE.match(code):
        raise RuleFileError(f"{where}: missing or bad 'code' (two or three capitals and 3-4 digits, e.g. CQ901): {code!r}")
    where = f"{where} ({code})"
    unknown = set(raw) - RULE_KEYS
    if unknown:
        raise RuleFileError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    category = data.get("category") or PREFIX_CATEGORY.get(code[:2])
    if category not in CATEGORIES:
        raise RuleFileError(f"{where}: 'category' must be one of {', '.join(CATEGORIES)}, got {category!r}")
    severity = data.get("severity")
    if severity not in SEVERITIES:
        raise RuleFileError(f"{where}: 'severity' must be one of {', '.join(SEVERITIES)}, got {severity!r}")
    for key in ("name", "message"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise RuleFileError(f"{where}: missing '{key}'")
    for key in ("suggestion", "english", "explain", "evidence"):
        if key in data and not isinstance(data[key], str):
            raise RuleFileError(f"{where}: '{key}' must be a string")
    examples = _str_list(data["examples"], where, "examples") if "examples" in data else ()
    counter = _str_list(data["counterexamples"], where, "counterexamples") if "counterexamples" in data else ()
    if require_examples and not examples:
        raise RuleFileError(f"{where}: needs at least one entry in 'examples'")
    if ("pattern" in data) == ("regex" in data):
        raise RuleFileError(f"{where}: needs exactly one of 'pattern' or 'regex'")
    case = data.get("case", False)
    if not isinstance(case, bool):
        raise RuleFileError(f"{where}: 'case' must be true or false")
    flags = 0 if case else re.IGNORECASE
    compiled = CompiledRule(rule=None)  # type: ignore[arg-type]
    if "regex" in data:
        compiled.regex = _compile_re(data["regex"], where, "regex", flags)
    else:
        pattern = data["pattern"]
        if not isinstance(pattern, list) or not pattern:
            raise RuleFileError(f"{where}: 'pattern' must be a non-empty list of token tables")
        compiled.pattern = [compile_token(p, f"{where} pattern[{i}]") for i, p in enumerate(pattern)]
        if all(p.min == 0 for p in compiled.pattern):
            raise RuleFileError(f"{where}: 'pattern' must have at least one required element")
        compiled.anchors = tuple(a for a in (p.anchors() for p in compiled.pattern) if a)
    if "span" in data:
        span = data["span"]
        n = len(compiled.pattern or [])
        if compiled.pattern is None or not (isinstance(span, list) and len(span) == 2 and all(isinstance(i, int) for i in span) and 0 <= span[0] <= span[1] < n):
            raise RuleFileError(f"{where}: 'span' must be [first, last] element indices of the pattern")
        compiled.span = (span[0], span[1])
    for key in CONDITION_KEYS:
        if key in data:
            compiled.conditions[key] = _compile_re(data[key], where, key, flags)
    nq = data.get("not_in_quote", False)
    if not isinstance(nq, bool):
        raise RuleFileError(f"{where}: 'not_in_quote' must be true or false")
    compiled.not_in_quote = nq
    replace = data.get("replace", {})
    if not isinstance(replace, dict) or not all(isinstance(k, str) and isinstance(v, str) and k and v for k, v in replace.items()):
        raise RuleFileError(f"{where}: 'replace' must be a table of \"reported words\" = \"suggestion\"")
    compiled.replace = {**replace, **{k.lower(): v for k, v in replace.items()}}
    extra = data.get("extra", {})
    if not isinstance(extra, dict):
        raise RuleFileError(f"{where}: 'extra' must be a table")
    english = data.get("english")
    suggestion = data.get("suggestion")
    explain = data.get("explain") or " ".join(
        part for part in (
            data["message"].strip(),
            f"It usually comes from English \u201c{english}\u201d." if english else "",
            f"Prefer: {suggestion.replace('{span}', '<the reported words>')}." if suggestion else "",
        ) if part
    )
    compiled.rule = Rule(
        code=code,
        name=data["name"],
        category=category,
        severity=severity,
        message=data["message"].strip(),
        explain=explain,
        suggestion=suggestion,
        english=english,
        examples=examples,
        counterexamples=counter,
        source=source,
        # Why a rule that has fired only on the seeds is believed general (issue 13): kept with the rule.
        extra={**extra, **({"evidence": data["evidence"]} if "evidence" in data else {})},
    )
    return compiled


def parse_rule_text(text: str, path: str, source: str, require_examples: bool = True) -> list[CompiledRule]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(f"{path}: not valid TOML: {exc}") from None
    unknown = set(data) - {"rule", "category", "severity", "description"}
    if unknown:
        raise RuleFileError(f"{path}: unknown top-level key(s) {', '.join(sorted(unknown))} (rules go in [[rule]] tables)")
    rules = data.get("rule")
    if not isinstance(rules, list) or not rules:
        raise RuleFileError(f"{path}: no [[rule]] tables")
    defaults = {k: data[k] for k in ("category", "severity") if k in data}
    out: list[CompiledRule] = []
    seen: set[str] = set()
    for i, raw in enumerate(rules):
        compiled = compile_rule(raw, source, defaults, f"{path}: rule #{i + 1}", require_examples)
        if compiled.rule.code in seen:
            raise RuleFileError(f"{path}: rule code {compiled.rule.code} appears twice")
        seen.add(compiled.rule.code)
        out.append(compiled)
    return out


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RuleFileError(f"{path}: no such rule file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(f"{path}: cannot read: {exc}") from None


@lru_cache(maxsize=1)
def builtin_pack() -> tuple[CompiledRule, ...]:
    from audit.status import announce

    announce("compiling the rule pack")
    out: list[CompiledRule] = []
    seen: set[str] = set()
    for name in PACK_FILES:
        path = PACK_DIR / name
        if not path.exists():
            continue
        for compiled in parse_rule_text(_read(path), name, f"pack:{name}"):
            if compiled.rule.code in seen:
                raise RuleFileError(f"{name}: rule code {compiled.rule.code} is already used by another pack")
            seen.add(compiled.rule.code)
            out.append(compiled)
    return tuple(out)


_USER: dict[tuple[str, float], tuple[CompiledRule, ...]] = {}


def load_compiled_file(path: str | Path) -> tuple[CompiledRule, ...]:
    """Parse, validate and register a user rule file (cached by path and modification time)."""
    p = Path(path)
    try:
        key = (str(p.resolve()), p.stat().st_mtime)
    except OSError:
        raise RuleFileError(f"{path}: no such rule file") from None
    if key in _USER:
        return _USER[key]
    compiled = tuple(parse_rule_text(_read(p), str(path), f"user:{path}", require_examples=False))
    builtin_codes = {c.rule.code for c in builtin_pack()}
    for c in compiled:
        existing = RULES.get(c.rule.code)
        if c.rule.code in builtin_codes or (existing is not None and not existing.source.startswith("user:")):
            raise RuleFileError(f"{path}: rule code {c.rule.code} is already used by a built-in rule")
    for c in compiled:
        register_rule(c.rule, replace=True)
    chk = CHECKS.get("rulepack")
    if chk is not None:
        new = tuple(c.rule.code for c in compiled if c.rule.code not in chk.codes)
        if new:
            CHECKS["rulepack"] = dataclasses.replace(chk, codes=chk.codes + new)
    _USER[key] = compiled
    return compiled


def load_rule_file(path: str | Path) -> list[Rule]:
    """The rules of a user rule file (same TOML format as the built-in packs), registered.

    Raises :class:`RuleFileError` with a one-line message naming the file and the problem.
    """
    return [c.rule for c in load_compiled_file(path)]


def rulepack_options(rule_files: Iterable[str | Path] = ()) -> dict[str, Any]:
    """Validate user rule files now (so the CLI fails early) and return the check options."""
    files = [str(f) for f in rule_files]
    for f in files:
        load_rule_file(f)
    return {"rule_files": files}


# --------------------------------------------------------------------------- the check

_BUILTIN = builtin_pack()


@check(*[c.rule for c in _BUILTIN])
def rulepack(doc, ctx):
    """Calques, false friends, word-sense slips, entity renderings, English constructions and omissions (rules/*.toml)."""
    if ctx.language != "fr":
        return
    compiled = list(_BUILTIN)
    for path in ctx.options.get("rule_files", []) or []:
        compiled.extend(load_compiled_file(path))
    sentences = [s for s in doc.sentences if not ctx.is_foreign(s.id)]
    if not sentences:
        return
    needs_tokens = any(c.pattern is not None for c in compiled)
    analyses = analyse([s.text for s in sentences]) if needs_tokens else [None] * len(sentences)
    for sentence, toks in zip(sentences, analyses):
        vocab = None
        if toks is not None:
            vocab = {t.lower for t in toks} | {t.lemma for t in toks}
        for c in compiled:
            for hs, he in c.find(sentence.text, toks, doc.text, vocab if c.pattern is not None else None):
                # A rule with a ``replace`` table covers several words, and its ``english`` lists them
                # all (« Shoigu / Gerasimov / … »): shown beside one of them it would name the others.
                evidence = f"English: {c.rule.english}" if c.rule.english and not c.replace else None
                yield ctx.finding(
                    c.rule.code, sentence.start + hs, sentence.start + he, evidence=evidence,
                    suggestion=c.suggestion_for(sentence.text[hs:he]),
                )

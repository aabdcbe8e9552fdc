"""Grammar through Grammalecte: agreement, conjugation, participles, infinitives.

Grammalecte (Debian's ``python3-grammalecte``, pure Python) is loaded from its
package folder only, never by adding all of ``dist-packages`` to ``sys.path``.
Set ``AUDIT_GRAMMALECTE_PATH`` to the ``grammalecte`` package folder (or the
folder that contains it) to use another copy. Its typography rules are switched
off (the typography check does that job, with offsets and severities of its
own); what is left is mapped to FR7xx findings with Grammalecte's message and
suggestions. Without Grammalecte the check warns once and finds nothing.
"""

from __future__ import annotations

import logging
import re

from audit.checks.registry import Rule, check
from audit.resources.grammalecte import DEFAULT_LOCATIONS, ENV_VAR, grammalecte_status  # noqa: F401  (re-exported)
from audit.resources.grammalecte import engine as _engine

log = logging.getLogger(__name__)

# Grammalecte option groups. Typography and layout are left to checks/typography.py;
# "neg", "redon*", "mc" and "ocr" are noisy on news prose by Grammalecte's own account.
OPTIONS_OFF = (
    "typo", "apos", "eepi", "esp", "tab", "nbsp", "tu", "maj", "minis", "num", "virg", "poncfin",
    "unit", "nf", "liga", "mapos", "chim", "ocr", "neg", "redon1", "redon2", "mc", "idrule", "html",
    "latex", "md",
)
OPTIONS_ON = ("conf", "loc", "gn", "infi", "conj", "ppas", "imp", "inte", "vmode", "bs", "pleo", "eleu", "date")
TYPOGRAPHIC_TYPES = frozenset(OPTIONS_OFF) | {"", "apostrophe", "space", "maj"}

RULE_CONJ = Rule(
    code="FR701", name="grammalecte-conjugation", category="grammar", severity="major",
    message="The verb does not agree with its subject (Grammalecte).",
    explain="Grammalecte found a verb whose person or number does not match its subject, as when a translation keeps an English verb form.",
    suggestion="conjugate the verb to agree with its subject",
    examples=("Les enfants [[est]] partis ce matin.",),
    counterexamples=("Les enfants sont partis ce matin.",),
)
RULE_GN = Rule(
    code="FR702", name="grammalecte-agreement", category="grammar", severity="major",
    message="Gender or number agreement error between a noun and its determiner or adjective (Grammalecte).",
    explain="Grammalecte found a determiner, noun or adjective that does not agree in gender or number.",
    suggestion="make the words of the noun phrase agree",
    examples=("Les [[enfant]] jouent dans la cour.",),
    counterexamples=("Les enfants jouent dans la cour.",),
)
RULE_PPAS = Rule(
    code="FR703", name="grammalecte-participle", category="grammar", severity="major",
    message="Past participle error: wrong form or agreement, or a conjugated verb where a participle is needed (Grammalecte).",
    explain="Grammalecte found a past participle that does not agree, or a verb after an auxiliary that is not a participle, as in a doubled auxiliary (« a également a appelé »).",
    suggestion="use the agreeing past participle",
    examples=("Le syndicat a également [[a]] demandé des garanties.",),
    counterexamples=("Le Kremlin a également appelé à des garanties.",),
)
RULE_INFI = Rule(
    code="FR704", name="grammalecte-infinitive", category="grammar", severity="major",
    message="A participle or conjugated form where an infinitive is needed (Grammalecte).",
    explain="Grammalecte found a past participle or conjugated verb after a preposition or pronoun that calls for an infinitive (« nous envoyé » for « nous envoyer »).",
    suggestion="use the infinitive",
    examples=("N'hésitez pas à regarder nos offres ou nous [[envoyé]] votre contribution.",),
    counterexamples=("N'hésitez pas à regarder nos offres ou à nous envoyer votre contribution.",),
)
RULE_VMODE = Rule(
    code="FR705", name="grammalecte-mood", category="grammar", severity="minor",
    message="Verb mood looks wrong, e.g. an indicative where French requires a subjunctive (Grammalecte).",
    explain="Grammalecte found a verb mood that the construction does not allow (subjunctive after « bien que », conditional after « si »…).",
    suggestion="use the mood the construction requires",
    examples=("Il faut qu'il [[vient]] demain.",),
    counterexamples=("Il faut qu'il vienne demain.",),
)
RULE_CONF = Rule(
    code="FR706", name="grammalecte-confusion", category="grammar", severity="major",
    message="Confusion between words that sound alike (Grammalecte).",
    explain="Grammalecte found a homophone used for another (« a/à », « ces/ses », « davantage/d'avantage »…).",
    suggestion="use the intended word",
    examples=("Le ministre va [[a]] Paris demain.", "Il faudra davantage de soldats, mais il n'y a pas [[d'avantage]] de moyens."),
    counterexamples=("Le ministre va à Paris demain.",),
)
RULE_IMP = Rule(
    code="FR707", name="grammalecte-imperative-interrogative", category="grammar", severity="minor",
    message="Imperative or interrogative form looks wrong (Grammalecte).",
    explain="Grammalecte found an imperative or an inverted question whose form is wrong (missing hyphen, wrong ending).",
    suggestion="fix the imperative or interrogative form",
    examples=("Les 20 ans de l'émission [[vont-il]] signer la fin du jeu ?",),
    counterexamples=("Les 20 ans de l'émission vont-ils signer la fin du jeu ?",),
)
RULE_LOC = Rule(
    code="FR708", name="grammalecte-locution", category="grammar", severity="minor",
    message="A fixed expression is misspelt or misused (Grammalecte).",
    explain="Grammalecte found a set phrase written in a wrong form.",
    suggestion="use the usual form of the expression",
    examples=("Les deux ministres ont discuté entre [[autre]] de la sécurité.", "Les deux pays sont [[en bon terme]]."),
    counterexamples=("Les deux ministres ont discuté entre autres de la sécurité.",),
)
RULE_STYLE = Rule(
    code="FR709", name="grammalecte-style", category="grammar", severity="info",
    message="Style remark: pleonasm, elision or register (Grammalecte).",
    explain="Grammalecte's style remarks (pleonasms such as « au jour d'aujourd'hui », popular forms, elisions). Rarely a translation problem.",
    suggestion=None,
    examples=("[[Au jour d'aujourd'hui]], la situation reste tendue.",),
    counterexamples=("Aujourd'hui, la situation reste tendue.",),
)
RULE_DATE = Rule(
    code="FR710", name="grammalecte-date", category="grammar", severity="minor",
    message="This date does not exist or its weekday is wrong (Grammalecte).",
    explain="Grammalecte checks that dates exist and that a weekday matches its date.",
    suggestion="check the date",
    examples=("La réunion aura lieu le [[31 février]] 2023.",),
    counterexamples=("La réunion aura lieu le 28 février 2023.",),
)
RULE_OTHER = Rule(
    code="FR799", name="grammalecte-other", category="grammar", severity="info",
    message="Other remark from Grammalecte.",
    explain="A Grammalecte remark of a kind the auditor does not map to a more specific code.",
    suggestion=None,
    examples=(),
    counterexamples=(),
)

TYPE_TO_RULE: dict[str, Rule] = {
    "conj": RULE_CONJ,
    "gn": RULE_GN,
    "ppas": RULE_PPAS,
    "infi": RULE_INFI,
    "vmode": RULE_VMODE,
    "conf": RULE_CONF,
    "imp": RULE_IMP,
    "inte": RULE_IMP,
    "loc": RULE_LOC,
    "bs": RULE_STYLE,
    "pleo": RULE_STYLE,
    "eleu": RULE_STYLE,
    "date": RULE_DATE,
}

# Measured on ../shared/corpora/fr-news-original (real French news, 509 sentences): with the
# typography options off, Grammalecte marked 12 sentences. Three were real slips of the originals
# (« des ces », « vont-il », « les Britanniques était censés »); the rest came from a handful of
# rule families, demoted here to info rather than dropped:
#  - "A partir de", "A savoir": an unaccented capital À read as the verb « a » (typography);
#  - noun-phrase agreement across several words or after « l' », a figure or a « de » complement
#    (epicene nouns such as « édile », "de samedi communiqués"): only the determiner + noun rules
#    (rule ids ``..._1m__``) stay major;
#  - a proper adjective read as a verb after « le/la/leur » (« L'entraîneur castrais »);
#  - hyphenated compound adjectives (« social-démocrate ») in agreement rules.
DEMOTED_RULE_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"conj_le_la_leur_nom", "info"),
    (r"gn_nombre_chiffres", "info"),
    (r"gn_pfx_", "info"),
)
DROPPED_RULE_PATTERNS: tuple[str, ...] = (r"^num_", r"^nbsp", r"^typo", r"^esp_", r"^apos")
_DROPPED = tuple(re.compile(p) for p in DROPPED_RULE_PATTERNS)
_DEMOTED = tuple((re.compile(p), severity) for p, severity in DEMOTED_RULE_PATTERNS)


# A word inside a multi-word proper name or a designation (« des Boston Celtics », « la A 31 »,
# « à La Valette », « la L 12 »): a capitalised word beside another capitalised word or a number.
# French does not inflect proper names, and a designation takes the gender of the class noun it
# stands for (la [route] A 31, la [ligne] L 12), so agreement rules cannot judge it.
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w’'-]*"
_NAME_NEXT = re.compile(r"^[ \u00a0]+(?:[A-ZÀ-ÖØ-Þ]|\d)")
_NAME_PREVIOUS = re.compile(r"\b" + _NAME_WORD + r"[ \u00a0]+$")
_DETERMINER_THEN_WORD = re.compile(r"^[ \u00a0]*[«\"“]?[ \u00a0]*(" + _NAME_WORD + r")")
# « quelque chose de cassé », « rien de prévu »: after an indefinite pronoun, « de » introduces an
# adjective or a participle, not an infinitive.
_INDEFINITE_DE = re.compile(r"\b(?:chose|rien|quoi|personne|quelqu['’]une?)\s+(?:de\s+|d['’])$", re.I)
# A « DE » in capitals in a sentence that is not is a code or an acronym (« Siemens DE »), not the preposition.
_CAPITAL_DE = re.compile(r"(?<![\w’'])(?:DE|D['’])\s+(?:(?:ne|n['’])\s*)?(?:\w+\s+)?$")
# « ce n'est pas parce que le maire s'en défend qu'il... »: the second « que » closes the cleft, it is no completive.
_CLEFT_BECAUSE = re.compile(r"\bc(?:e\s+n)?['’]est\s+(?:pas\s+|justement\s+|seulement\s+)?parce\s+qu", re.I)
# A coordinated subject after the verb (« que posent la décision ... et celle ... ») takes a plural verb.
_COORDINATED_SUBJECT = re.compile(
    r"^[^,;:.!?]*?\bet\s+(?:celle|celui|celles|ceux|le|la|les|l['’]|un|une|des|son|sa|ses|leur|leurs|mon|ma|mes|ton|ta|tes|notre|votre|nos|vos|ce|cet|cette|ces)\b",
    re.I,
)
# « une fois de plus », « une fois encore » are adverbs, not « une fois » + a noun phrase.
_ONCE_MORE = re.compile(r"\bfois\s+(?:de\s+plus|encore)\s+$", re.I)


# Sentences of correct French on which Grammalecte reports at the rule's severity; the context
# gates of severity_for() must turn each report into info (tests/test_grammar.py checks both).
CONTEXT_COUNTEREXAMPLES: dict[str, tuple[str, ...]] = {
    "FR701": ("C'est une question que posent la décision du juge et celle du ministre.",),
    "FR702": ("Le club affrontera les Boston Celtics samedi.", "Le trafic reprend sur la A 31 entre Metz et Nancy.", "La ligne de la L 12 sera prolongée."),
    "FR704": ("Voyez-vous autre chose de modifié ?", "La filiale Siemens DE n'avait pas encore publié ses comptes."),
    "FR705": ("Ce n'est pas parce que le maire s'en défend qu'il a raison.",),
    "FR706": ("Le festival a lieu à La Valette en juillet.", "Il faut une fois de plus rappeler les règles."),
}


def _in_name(text: str, start: int, end: int) -> bool:
    """True when the words at text[start:end] are, or introduce, a word of a multi-word name or designation."""
    span = text[start:end]
    if not span[:1].isupper() or _sentence_initial(text, start):
        m = _DETERMINER_THEN_WORD.match(text[end:])
        if not m:
            return False
        start, end = end + m.start(1), end + m.end(1)
    if _NAME_NEXT.match(text[end:]):
        return True
    previous = _NAME_PREVIOUS.search(text[:start])
    return bool(previous) and not _sentence_initial(text, previous.start())


def _sentence_initial(text: str, index: int) -> bool:
    before = text[:index].rstrip(" \u00a0\"«“")
    return not before or before[-1] in ".!?:;([–—-"


def severity_for(error: dict, span: str, text: str = "") -> str | None:
    """The severity to report for one Grammalecte error: None keeps the rule's default, "drop" drops it.

    ``text`` is the paragraph the error's offsets point into; without it only the rule id and
    the span are used.
    """
    rule_id = error.get("sRuleId", "") or ""
    kind = error.get("sType", "") or ""
    if any(p.search(rule_id) for p in _DROPPED):
        return "drop"
    for pattern, severity in _DEMOTED:
        if pattern.search(rule_id):
            return severity
    if text:
        start, end = int(error.get("nStart", 0)), int(error.get("nEnd", 0))
        before, after = text[:start], text[end:]
        if kind in ("gn", "conf") and _in_name(text, start, end):
            return "info"
        if kind == "infi" and (_INDEFINITE_DE.search(before) or _CAPITAL_DE.search(before)):
            return "info"
        if kind == "vmode" and _CLEFT_BECAUSE.search(before):
            return "info"
        if kind == "conj" and "sujet_sing" in rule_id and _COORDINATED_SUBJECT.search(after):
            return "info"
        if kind == "conf" and "une_fois" in rule_id and _ONCE_MORE.search(before):
            return "info"
    if kind == "conf" and span == "A" and "À" in (error.get("aSuggestions") or []):
        return "info"
    if kind == "gn" and "_1m__" not in rule_id:
        return "info"
    if kind in ("gn", "ppas", "conj") and "-" in span.strip("-"):
        return "info"
    return None


_warned = False


def _options(engine) -> dict[str, bool]:
    options = dict(engine.getOptions()) if hasattr(engine, "getOptions") else {}
    for name in OPTIONS_OFF:
        options[name] = False
    for name in OPTIONS_ON:
        options[name] = True
    return options


def grammar_errors(text: str) -> list[dict]:
    """Grammalecte's non-typographic errors in one paragraph: dicts with nStart, nEnd, sType, sRuleId, sMessage, aSuggestions."""
    engine, _ = _engine()
    if engine is None:
        return []
    found = engine.parse(text.replace("\n", " "), "FR", bDebug=False, dOptions=_options(engine), bContext=False)
    return [
        e for e in found
        if e.get("sType", "") not in TYPOGRAPHIC_TYPES
        and not any(p.search(e.get("sRuleId", "") or "") for p in _DROPPED)
    ]


@check(RULE_CONJ, RULE_GN, RULE_PPAS, RULE_INFI, RULE_VMODE, RULE_CONF, RULE_IMP, RULE_LOC, RULE_STYLE, RULE_DATE, RULE_OTHER)
def grammar(doc, ctx):
    """Agreement, conjugation, participle and infinitive errors found by Grammalecte (typography off)."""
    global _warned
    if ctx.language != "fr":
        return
    engine, info = _engine()
    if engine is None:
        if not _warned:
            log.warning("grammar check skipped: %s", info)
            _warned = True
        return
    for paragraph in doc.paragraphs:
        if ctx.paragraph_languages.get(paragraph.index) == ctx.source_language and all(
            ctx.is_foreign(s.id) for s in paragraph.sentences
        ):
            continue
        for error in grammar_errors(paragraph.text):
            start = paragraph.start + int(error["nStart"])
            end = paragraph.start + int(error["nEnd"])
            if end <= start:
                continue
            sentence = doc.sentence_at(start)
            if sentence is not None and ctx.is_foreign(sentence.id):
                continue
            rule = TYPE_TO_RULE.get(error.get("sType", ""), RULE_OTHER)
            rule_id = error.get("sRuleId", "")
            severity = severity_for(error, doc.text[start:end], paragraph.text)
            if severity == "drop":
                continue
            suggestions = [s for s in error.get("aSuggestions", []) if s][:3]
            yield ctx.finding(
                rule.code,
                start,
                end,
                message=f"{error.get('sMessage', '').strip()} (Grammalecte)" if error.get("sMessage") else None,
                severity=severity,
                suggestion=" / ".join(suggestions) if suggestions else None,
                evidence=f"grammalecte:{error.get('sType', '')}:{rule_id}",
            )

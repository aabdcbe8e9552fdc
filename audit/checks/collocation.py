"""CL0xx: implausible collocations, word pairs that French does not use but English does.

Machine translation renders an English collocation word by word: "raising gas taxes"
becomes "en soulevant des taxes sur le gaz", "vicious criticism" becomes "critiques
vicieuses". Each word is French; the pair is not. Nothing here lists such phrases.
The knowledge is statistical and comes from resources:

- how often French pairs a verb with its object, a noun with its adjective, a noun with a
  bare "de" complement: counts mined from 3.3 million words of French parliamentary
  debates (``audit/resources/collocations.py``, ``scripts/mine_collocations.py``);
- what each French word means in English: Apertium's bilingual dictionaries (fr->es->en);
- which English pairs are collocations: English bigram counts (Google Books n-grams,
  shipped by the symspellpy package).

A pair is reported when French did not use it (seen at most once), translating both words
into English gives a pair English does use, and French says that English pair with another
word often enough that the pair itself would have shown up (``judge``).

Off by default: the rules are registered at severity ``info`` (reported, never counted as a
flag), because on the dev half of the real-MT gold they found no annotated error (see
docs/REAL_MT.md). Turn them on with ``[severity] CL001 = "minor"`` (CL002, CL003 alike).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from audit.checks._data import load
from audit.checks.registry import Rule, check
from audit.model import Document, Finding
from audit.resources.collocations import Pair, pairs, table
from audit.resources.nlp import analyse, available as nlp_available

_EXPLAIN_TAIL = (
    " The counts come from 3.3 million words of French parliamentary debates (Assemblée nationale, "
    "2013-2018), the English side from Apertium's dictionaries, English bigram counts and WordNet. A "
    "pair is reported only when French never used it, its word-for-word English is a common "
    "collocation, and French says that English pair with another word often enough that the pair "
    "itself would have been seen; that other word is the suggestion. Off by default (severity info): "
    "on real machine translation it found none of the annotated errors (docs/REAL_MT.md); turn it on "
    "with [severity] CL001 = \"minor\" (CL002, CL003). Fix: use the French collocation."
)

CL001 = Rule(
    code="CL001",
    name="implausible-verb-object",
    category="calque",
    severity="info",
    message="French does not pair this verb with this object: a word-for-word English collocation.",
    explain=(
        "Catches a verb and its direct object that real French does not combine, while their literal "
        "English translations form a common English pair: 'soulever des taxes' (raise taxes, French "
        "'augmenter les taxes'), 'prendre action' (take action, 'agir', 'mener une action')." + _EXPLAIN_TAIL
    ),
    suggestion="Use the verb French uses with this noun.",
    english="literal verb-object collocation",
    examples=(
        "Le gouverneur propose de financer les routes en [[soulevant des taxes]] sur l'essence.",
    ),
    counterexamples=(
        "Le gouverneur propose de financer les routes en augmentant les taxes sur l'essence.",
        "Le ministre a soulevé une question importante devant les députés.",
    ),
)

CL002 = Rule(
    code="CL002",
    name="implausible-noun-adjective",
    category="calque",
    severity="info",
    message="French does not pair this noun with this adjective: a word-for-word English collocation.",
    explain=(
        "Catches an adjective on a noun that real French does not combine, while the literal English "
        "pair is a common collocation: 'l'avis public' (public opinion, French 'l'opinion publique'), "
        "'la banque centrale' rendered 'le banc central'."
        + _EXPLAIN_TAIL
    ),
    suggestion="Use the adjective (or the noun) French uses for this meaning.",
    english="literal adjective-noun collocation",
    examples=("Sous la pression de l'[[avis public]], le gouvernement a retiré son projet.",),
    counterexamples=(
        "Sous la pression de l'opinion publique, le gouvernement a retiré son projet.",
        "Le ministre a présenté un budget rectificatif devant les députés.",
    ),
)

CL003 = Rule(
    code="CL003",
    name="implausible-noun-compound",
    category="calque",
    severity="info",
    message="French does not build this noun with 'de' + this noun: a word-for-word English compound.",
    explain=(
        "Catches a noun + 'de' + bare noun that real French does not build, while the literal English "
        "compound is common: 'des délits de guerre' (war crimes, French 'des crimes de guerre'), "
        "'la création de travaux' (job creation, 'la création d'emplois')." + _EXPLAIN_TAIL
    ),
    suggestion="Use the French term for this compound.",
    english="literal noun compound",
    examples=("L'ancien général est poursuivi pour [[délits de guerre]] devant le tribunal de La Haye.",),
    counterexamples=(
        "L'ancien général est poursuivi pour crimes de guerre devant le tribunal de La Haye.",
        "Le projet de loi de finances a été adopté en première lecture.",
    ),
)

_CODES = {"verb-object": "CL001", "noun-adjective": "CL002", "noun-de-noun": "CL003"}
# Apertium part of speech of (head, dependent) in each relation, as the mined translations are keyed.
_POS = {"verb-object": ("vblex", "n"), "noun-adjective": ("n", "adj"), "noun-de-noun": ("n", "n")}


@lru_cache(maxsize=1)
def _settings() -> dict:
    data = load("collocation.toml")
    return {
        "max_translations": int(data["max_translations"]),
        "relations": {r: data[r] for r in _CODES},
        "skip_heads": frozenset(data["skip"]["heads"]),
        "skip_dependents": frozenset(data["skip"]["dependents"]),
    }


def judge(relation: str, head: str, dependent: str) -> dict | None:
    """Why the lemma pair is implausible in French, or None when nothing says so.

    Three things must hold: French should have shown the pair (expected count at least
    ``min_expected``) and did not (seen at most once); translating both words gives an English
    collocation (PMI at least ``min_english_pmi``); and French says that English collocation
    with another word for one side, a pair it does use (seen at least ``min_alternative`` times):
    "soulever des taxes" is English "raise taxes", which French says "augmenter les taxes".
    """
    settings = _settings()
    if head in settings["skip_heads"] or dependent in settings["skip_dependents"]:
        return None
    limits = settings["relations"][relation]
    mined = table()
    counts = mined.relations[relation]
    observed = counts.observed(head, dependent)
    expected = counts.expected(head, dependent)
    if observed > 0 or expected < limits["min_expected"]:
        return None
    head_pos, dependent_pos = _POS[relation]
    k = settings["max_translations"]
    best = None
    for english_head in mined.translations(head, head_pos)[:k]:
        for english_dependent in mined.translations(dependent, dependent_pos)[:k]:
            score = mined.english_pmi(relation, english_head, english_dependent)
            if limits["min_english_pmi"] is not None and (score is None or score < limits["min_english_pmi"]):
                continue
            # The French collocation for the same English pair: another head, or another dependent.
            options = [(x, dependent) for x in mined.french_for(english_head, head_pos) if x != head]
            options += [(head, y) for y in mined.french_for(english_dependent, dependent_pos) if y != dependent]
            for alternative in options:
                n = counts.observed(*alternative)
                if n < limits["min_alternative"]:
                    continue
                # Were the two words interchangeable, the pair would show up as often as the alternative,
                # scaled by how often each word fills that slot: that many sightings are missing.
                if alternative[0] != head:
                    projected = n * counts.heads.get(head, 0) / max(counts.heads.get(alternative[0], 1), 1)
                else:
                    projected = n * counts.dependents.get(dependent, 0) / max(counts.dependents.get(alternative[1], 1), 1)
                if projected < limits["min_projected"]:
                    continue
                if best is None or projected > best["projected"]:
                    best = {
                        "expected": expected,
                        "english": f"{english_head} {english_dependent}" if relation == "verb-object" else f"{english_dependent} {english_head}",
                        "english_pmi": score,
                        "alternative": alternative,
                        "alternative_count": n,
                        "projected": projected,
                    }
    return best


def _span(tokens, pair: Pair) -> tuple[int, int]:
    first, last = sorted((pair.head, pair.dependent))
    return tokens[first].start, tokens[last].end


# Opt-in: at its default severity (info) it does not run, so nobody pays for the parser it needs.
@check(CL001, CL002, CL003, opt_in=True)
def implausible_collocations(doc: Document, ctx) -> Iterable[Finding]:
    """Verb-object, noun-adjective and noun-de-noun pairs unseen in real French that literal English explains."""
    if not nlp_available():
        return  # without the parser there are no relations to judge
    sentences = doc.sentences
    for sentence, tokens in zip(sentences, analyse([s.text for s in sentences], parse=True)):
        for pair in pairs(tokens):
            head, dependent = pair.lemmas(tokens)
            verdict = judge(pair.relation, head, dependent)
            if verdict is None:
                continue
            start, end = _span(tokens, pair)
            if end - start > 60:
                continue  # a long-distance relation is more likely a parse error than a collocation
            yield ctx.finding(
                _CODES[pair.relation],
                sentence.start + start,
                sentence.start + end,
                suggestion="French uses '{}' with '{}' ({} times in the debates).".format(*verdict["alternative"], verdict["alternative_count"]),
                evidence=(
                    "'{}' + '{}' is not in {}, where '{} {}' is seen {} times (about {:.0f} sightings of the pair "
                    "expected if the words were interchangeable); word for word it is English '{}'".format(
                        head, dependent, table().corpus, *verdict["alternative"], verdict["alternative_count"],
                        verdict["projected"], verdict["english"],
                    )
                ),
            )

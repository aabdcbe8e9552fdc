"""Rules of the source-aware audit (SRxxx): they need the original English beside the translation.

They have no check function in the registry: the source stage
(:mod:`audit.source.stage`) emits their findings once the two texts are aligned.
Their examples are pairs written ``English => French``; ``extra["stage"]`` tells the
generic example test to leave them to ``tests/test_source_checks.py``, which runs
them through the source checks.
"""

from __future__ import annotations

from audit.checks.registry import Rule, register_rule

STAGE = {"stage": "source"}
EXAMPLE_SEPARATOR = " => "


def _rule(**kwargs) -> Rule:
    return register_rule(Rule(source="builtin", extra=dict(STAGE), **kwargs))


SR101 = _rule(
    code="SR101",
    name="number-differs-from-source",
    category="number-mismatch",
    severity="major",
    message="A number, date or amount differs from the source",
    explain=(
        "Every number of the source sentence should be in its translation, and no other. The comparison "
        "reads through the separators (12,000 = 12 000 = 12.000, 3.5 = 3,5), spelt-out numbers (up to "
        "twelve, and the tens), a year added to a date the source gives without one, and the conversions a French edition makes: miles to kilometres, feet to metres, pounds "
        "to kilograms, degrees Fahrenheit to Celsius (within 2 %). A number that changed usually means a "
        "slip of the engine (a dropped digit, a year misread) that changes the facts."
    ),
    suggestion="Compare the number with the source sentence",
    examples=(
        "The storm killed 12,000 people in 2013. => La tempête a tué 1 200 personnes en 2013.",
        "Prices rose 3.5% in May. => Les prix ont augmenté de 5,3 % en mai.",
    ),
    counterexamples=(
        "The storm killed 12,000 people in 2013. => La tempête a tué 12 000 personnes en 2013.",
        "The road is 10 miles long. => La route est longue de 16 kilomètres.",
        "It was 86 degrees Fahrenheit. => Il faisait 30 degrés.",
        "The festival offers more than sixty shows. => Le festival propose plus de 60 spectacles.",
        "It comes out in two parts, on January 1st and 8th. => Il sort en deux parties, les 1er et 8 janvier 2014.",
    ),
)

SR102 = _rule(
    code="SR102",
    name="name-missing-or-altered",
    category="entity",
    severity="minor",
    message="A name of the source is missing or spelt differently",
    explain=(
        "A proper name of the source sentence (a person, a place, an organisation: a capitalised word "
        "inside the sentence) that is nowhere in the translation, or only with a different spelling. "
        "When the family name is there, a given name left out or transliterated (Yulia / Ioulia) is not reported. "
        "Names are rarely translated: a missing one was dropped or garbled. Accents, a French exonym the "
        "dictionaries know (London / Londres) and a possessive 's are not differences."
    ),
    suggestion="Check that the name is there and spelt as in the source",
    examples=("Mr Ditta met Kowalski in Leeds. => M. Ditta a rencontré Kowalsky à Leeds.",),
    counterexamples=(
        "Mr Ditta met Kowalski in London. => M. Ditta a rencontré Kowalski à Londres.",
        "Brussels wants the release of Yulia Timochenko. => Bruxelles veut la libération de Ioulia Timochenko.",
    ),
)

SR103 = _rule(
    code="SR103",
    name="name-translated-literally",
    category="entity",
    severity="info",
    message="A name of the source seems translated word for word",
    explain=(
        "A name made of ordinary words (Green Party, Golden Dawn, Glass) is missing from the translation "
        "while a dictionary translation of each of its words is there. Some names have an official "
        "French form (le Parti vert, la Croix-Rouge, les Nations unies), most brand and place names do not (Google "
        "Glass, Silver Spring), so this is info: on the OPUS-MT dev half it fired on 10 lines without error "
        "for 7 major errors found."
    ),
    suggestion="Keep the name as it is, or use its established French form",
    examples=("He lives in Silver Spring. => Il vit à Argent Printemps.",),
    counterexamples=("He lives in Silver Spring. => Il vit à Silver Spring.",),
)

SR104 = _rule(
    code="SR104",
    name="source-copied",
    category="untranslated",
    severity="major",
    message="The passage is a copy of its source, left untranslated",
    explain=(
        "Most words of the passage are the words of its source sentence, in the same order: the engine "
        "passed it through. Names and numbers alone are not enough: at least four words and two thirds of "
        "the passage must be copied."
    ),
    suggestion="Translate the passage",
    examples=("Google Glass Accessories Shop Launched => Google Glass Accessories Shop Launched",),
    counterexamples=("Google Glass Accessories Shop Launched => Lancement d'une boutique d'accessoires pour Google Glass",),
)

SR107 = _rule(
    code="SR107",
    name="source-word-copied",
    category="untranslated",
    severity="minor",
    message="An English word of the source copied into the translation",
    explain=(
        "A word of the passage is a word of its source sentence, spelt the same, that the dictionaries "
        "translate (so it is a common word, not a name) and that the French lexicon does not know: the "
        "engine left it in English (\"Accessories Shop\", \"Woman Tries\"). A capitalised word counts only in a "
        "headline (the source's, when Apertium's tagger reads the word there as a verb: a name is no verb "
        "form). Words in quotes and words the "
        "French lexicon accepts (\"week-end\", \"budget\") are not reported."
    ),
    suggestion="Translate the word",
    examples=(
        "The shop sells accessories. => La boutique vend des accessories.",
        "Woman Tries Smuggling Cocaine Inside Pumpkins => Tries de femme en contrebande de cocaïne dans des citrouilles",
    ),
    counterexamples=(
        "The budget was cut. => Le budget a été réduit.",
        "Apple Watch Sales Soar in Europe => Les ventes de l'Apple Watch s'envolent en Europe",
        "Sue Gray met the minister in Reading. => Sue Gray a rencontré le ministre à Reading.",
    ),
)

SR108 = _rule(
    code="SR108",
    name="source-abbreviation-copied",
    category="untranslated",
    severity="minor",
    message="An English abbreviation of a trade or title copied into the translation",
    explain=(
        "The source abbreviates a person's trade or title the English way (GP for general practitioner, MP, "
        "CFO), and the translation keeps the abbreviation, which a French reader does not know: French spells "
        "these out (« médecin généraliste », « député », « directeur financier »). The abbreviations come from "
        "WordNet: one written in capitals beside a longer common noun in a synset of persons. Those the French "
        "lexicon knows (VIP, CEO) and organisations (NSA, FBI) are not reported."
    ),
    suggestion="Write out the trade or title in French",
    examples=("Self-employed GPs will take part. => Les GP indépendants y participeront.",),
    counterexamples=(
        "Self-employed GPs will take part. => Les médecins généralistes indépendants y participeront.",
        "The VIP lounge was closed. => Le salon VIP était fermé.",
        "The NSA denied it. => La NSA a démenti.",
    ),
)

SR105 = _rule(
    code="SR105",
    name="negation-lost",
    category="negation",
    severity="major",
    message="The source is negative, the translation is not",
    explain=(
        "The source sentence holds a negation (not, n't, never, no, nothing, nobody, none, neither, nor, "
        "without) and the translation none (ne ... pas/jamais/rien/plus/aucun, sans, non, ni, and the literary "
        "« ne » alone with pouvoir, savoir, oser: « ne pourra intervenir »). A lost "
        "negation says the opposite of the source."
    ),
    suggestion="Check the meaning against the source",
    examples=("The minister did not resign. => Le ministre a démissionné.",),
    counterexamples=(
        "The minister did not resign. => Le ministre n'a pas démissionné.",
        "The closure cannot take place in November. => La fermeture ne pourra intervenir en novembre.",
    ),
)

SR106 = _rule(
    code="SR106",
    name="negation-added",
    category="negation",
    severity="info",
    message="The translation is negative, the source is not",
    explain=(
        "The translation holds a negation that the source sentence lacks. French sometimes turns a "
        "sentence around (failed to -> n'a pas réussi à; no longer -> ne ... plus; only -> ne ... que, which is "
        "not counted), so this is info: read it against the source."
    ),
    suggestion="Check the meaning against the source",
    examples=("The minister resigned. => Le ministre n'a pas démissionné.",),
    counterexamples=("The minister only resigned. => Le ministre n'a fait que démissionner.",),
)

SR201 = _rule(
    code="SR201",
    name="source-sentence-omitted",
    category="omission",
    severity="major",
    message="A sentence of the source has no translation",
    explain=(
        "The sentence aligner found no sentence of the translation for this source sentence: the "
        "alignment (lengths and dictionary links) prefers leaving it out to pairing it with a neighbour. "
        "The finding sits on the translated sentence that follows the gap and quotes the source sentence. "
        "Short lines (four words or fewer: a byline, a credit) are minor."
    ),
    suggestion="Translate the missing sentence",
    examples=(
        "The mayor spoke. The council voted against the plan on Tuesday. Work stops. => Le maire a parlé. Les travaux s'arrêtent.",
    ),
    counterexamples=(
        "The mayor spoke. The council voted against the plan on Tuesday. Work stops. => Le maire a parlé. Le conseil a voté contre le projet mardi. Les travaux s'arrêtent.",
    ),
)

SR202 = _rule(
    code="SR202",
    name="sentence-added",
    category="addition",
    severity="minor",
    message="A sentence of the translation has no source",
    explain=(
        "The sentence aligner found no source sentence for this sentence of the translation. Either the "
        "engine invented it (hallucination, repetition) or it was added by hand (a headline, a credit); "
        "read it. Major when it holds more than twelve words."
    ),
    suggestion="Remove the sentence or check where it comes from",
    examples=(
        "The mayor spoke. Work stops. => Le maire a parlé. Le conseil municipal a également voté une motion de soutien aux commerçants du centre-ville. Les travaux s'arrêtent.",
    ),
    counterexamples=("The mayor spoke. Work stops. => Le maire a parlé. Les travaux s'arrêtent.",),
)

SR301 = _rule(
    code="SR301",
    name="word-without-source",
    category="coverage",
    severity="info",
    message="No word of the source sentence translates to this word",
    explain=(
        "The dictionaries (Apertium's bilingual dictionaries through Spanish and Catalan, FreeDict) know "
        "this French word, but none of its translations, and no cognate, number or name, is in the aligned "
        "source sentence; no source word translates to it either. Each word alone is weak evidence "
        "(dictionaries are small, translators paraphrase), so it is info. Measured on the OPUS-MT dev half, "
        "no count or share of such words in a passage separated MT errors from human paraphrase (they are "
        "more frequent in the human reference), so it never raises a passage's severity."
    ),
    suggestion="Check the word against the source sentence",
    examples=("The crowd was aghast. => La foule était ravie.",),
    counterexamples=("The crowd was delighted. => La foule était ravie.",),
)

SR302 = _rule(
    code="SR302",
    name="source-word-not-rendered",
    category="coverage",
    severity="info",
    message="A content word of the source has no rendering in the translation",
    explain=(
        "A noun, verb, adjective or adverb of the source sentence that the dictionaries know, none of "
        "whose translations, cognates or names is in the translation. It is weak evidence (an omission, "
        "or a paraphrase), so it is info; the finding quotes the words and sits on the passage."
    ),
    suggestion="Check whether the word's meaning was dropped",
    examples=("The crowd cheered loudly. => La foule était là.",),
    counterexamples=("The crowd applauded. => La foule a applaudi.",),
)

SR401 = _rule(
    code="SR401",
    name="idiom-word-for-word",
    category="calque",
    severity="minor",
    message="An English idiom rendered word for word",
    explain=(
        "The source sentence holds an English verbal idiom that WordNet lists as one unit (throw in the "
        "towel, keep one's head), and the translation renders each of its content words by its own "
        "dictionary translation (Apertium through Spanish and Catalan, FreeDict), within a few words of each "
        "other, while the idiom as a whole is neither kept nor translated by a dictionary's rendering of the "
        "whole. Pairs that French itself uses (seen in the French corpus of the collocation counts) are not "
        "reported. The meaning of an idiom is not the sum of its words: a word-for-word rendering is a "
        "calque, often nonsense. Only verbal idioms are checked: noun compounds (civil rights, press "
        "conference) are rendered part by part in good French as often as in machine translation."
    ),
    suggestion="Translate the idiom by its meaning, with a French idiom if there is one",
    examples=("After a long fight, the union threw in the towel. => Après un long combat, le syndicat a jeté la serviette.",),
    counterexamples=(
        "After a long fight, the union threw in the towel. => Après un long combat, le syndicat a jeté l'éponge.",
        "He threw the towel on the bed. => Il a jeté la serviette sur le lit.",
        "She gave birth to twins. => Elle a donné naissance à des jumeaux.",
    ),
)

SR402 = _rule(
    code="SR402",
    name="source-word-misread",
    category="mistranslation",
    severity="major",
    message="The word translates another English word than the source's",
    explain=(
        "A French word with no dictionary link to its source sentence translates an English word that is "
        "spelt almost like a word of the source that has no rendering (« risque » from risk, where the source "
        "says frisk: one letter apart, words of five letters or more, not an inflection, a derivation or a "
        "negation of it); or it renders only "
        "one part of a source compound whose other parts are nowhere in the translation, when that "
        "compound is a noun WordNet lists as a unit or its other parts are words no dictionary knows "
        "(« souffleur », a blower, for whistle-blower). Engines reach for a look-alike when they do not "
        "know a word: the sentence reads well and says something else. Agent nouns in -eur that no "
        "dictionary lists are read through their verb (souffl-er, blow: blower)."
    ),
    suggestion="Translate the source word itself, not the word it resembles",
    examples=(
        "Officers may frisk anyone at the gate. => Les agents peuvent risquer n'importe qui à l'entrée.",
        "She was a whistle-blower. => Elle était un souffleur.",
    ),
    counterexamples=(
        "Officers may frisk anyone at the gate. => Les agents peuvent fouiller n'importe qui à l'entrée.",
        "She was a whistle-blower. => Elle était une lanceuse d'alerte.",
        "It is an unlikely outcome. => C'est un résultat peu probable.",
    ),
)

SOURCE_RULES = (SR101, SR102, SR103, SR104, SR105, SR106, SR107, SR108, SR201, SR202, SR301, SR302, SR401, SR402)

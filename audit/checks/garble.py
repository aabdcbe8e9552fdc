"""FR8xx: garbled fragments machine translation leaves behind.

When an engine cannot parse a phrase it drops or splits words: "in a Facebook post"
becomes a stray sentence "Publication Facebook.", "as cited by Interfax on December
30" loses its agent ("comme cité par le 30 décembre"), "told NBC News" loses its
preposition ("un porte-parole ... NBC News dans un communiqué"), "a call by Blinken
with the Ukrainian leader" gets two "avec". These checks are conservative: each
needs a specific shape, and vocabularies live in ``audit/data/garble.toml``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from audit.checks._data import alternation, load, lowered
from audit.checks.registry import Rule, check
from audit.model import Document, Finding
from audit.resources.lexicon import in_french_lexicon
from audit.resources.nlp import analyse, available as nlp_available

FR801 = Rule(
    code="FR801",
    name="fragment-sentence",
    category="garble",
    severity="major",
    severity_note='major when the fragment starts with a word naming a publication or message (Publication, Vidéo, Déclaration...); info otherwise',
    message="A verbless fragment split off the previous sentence.",
    explain=(
        "Catches a short sentence without a verb, made of a bare noun and a name ('Publication "
        "Facebook.'), that follows another sentence of the same paragraph. It is usually the end of "
        "the previous sentence ('in a Facebook post') that the engine cut off and translated word "
        "for word. Deliberate fragments French journalists write ('Direction Kiev.', 'Une "
        "première.') are not reported. Fix: rejoin it: 'a-t-il écrit dans une publication sur "
        "Facebook'."
    ),
    suggestion="Rejoin the fragment to the previous sentence ('dans une publication sur <name>').",
    english="split-off fragment",
    extra={"evidence": "No hit outside the seeds yet (heldout, heldout2, clean texts, real-MT dev, 2026-11-29); kept as a general pattern: 'in a Facebook post' at the end of an English sentence is split off and translated as a verbless fragment."},
    examples=("« Le calendrier sera tenu », a-t-elle assuré dans un message. [[Publication Facebook.]]", "« Nous reviendrons », a-t-il promis devant ses partisans. [[Vidéo Instagram.]]", "La chanteuse a annoncé la fin de sa tournée. [[Message Twitter.]]"),
    counterexamples=(
        "Les troupes se sont remises en route vers le nord. Direction Kiev.",
        "Le sommet s'est achevé sans accord. Une première depuis 1945.",
    ),
)

FR802 = Rule(
    code="FR802",
    name="lost-agent",
    category="garble",
    severity="major",
    message="'par' is followed by a date: the name of the source was lost.",
    explain=(
        "Catches a participle of reporting followed by 'par' and directly by a date: 'comme cité "
        "par le 30 décembre'. The English had 'as cited by <agency> on December 30'; the engine "
        "dropped the agency. The reader does not know who is quoted. Fix: restore the source from "
        "the original ('comme l'a rapporté Interfax le 30 décembre')."
    ),
    suggestion="Restore the name of the source before the date.",
    english="lost passive agent",
    extra={"evidence": "No hit outside the seeds yet (heldout, heldout2, clean texts, real-MT dev, 2026-11-29); kept as a general pattern: 'as cited by <agency> on <date>' loses its agency name in MT."},
    examples=("Le ministère a confirmé la visite, [[comme cité par le 12 mars]].", "La nouvelle a été confirmée, [[comme rapporté par le 3 avril]].", "Le chiffre a été [[publié par le 2 mai]], sans autre détail."),
    counterexamples=(
        "Peskov a confirmé l'appel, comme l'a rapporté Interfax le 30 décembre.",
        "Le texte doit être adopté par le Parlement d'ici le 30 décembre.",
    ),
)

FR803 = Rule(
    code="FR803",
    name="doubled-complement",
    category="garble",
    severity="major",
    message="Two 'avec' complements in a row: the sentence has lost its structure.",
    explain=(
        "Catches 'avec <title> <Name> avec le <person>' ('un entretien avec le secrétaire d'État "
        "Antony Blinken avec le dirigeant ukrainien'). The English 'a call by Blinken with the "
        "Ukrainian leader' was translated with 'avec' twice, so the reader cannot tell who spoke "
        "with whom. Fix: 'un entretien entre Antony Blinken et le dirigeant ukrainien'."
    ),
    suggestion="Rewrite with 'entre X et Y' or 'de X avec Y'.",
    english="doubled complement",
    extra={"evidence": "No hit outside the seeds yet (heldout, heldout2, clean texts, real-MT dev, 2026-11-29); kept as a general pattern: 'a call by X with Y' is translated with two 'avec' complements."},
    examples=("La visite intervient après une rencontre [[avec la ministre Anne Martin avec le maire]] de Lille.", "Il a dîné [[avec le chef Paul Bocuse avec le président]] en 1975.", "Un accord a été trouvé [[avec la patronne Marie Durand avec le ministre]]."),
    counterexamples=(
        "La visite intervient après une rencontre entre la ministre Anne Martin et le maire de Lille.",
        "Il a signé un accord avec la Chine avec des garanties de financement.",
    ),
)

FR804 = Rule(
    code="FR804",
    name="glued-media",
    category="garble",
    severity="major",
    message="A media name is glued to the sentence without its preposition (English 'told <media>').",
    explain=(
        "Catches a media name (NBC News, Reuters, CNN...) stuck after a noun phrase with no "
        "preposition, in a sentence with a verb of saying: 'a déclaré un porte-parole du Conseil de "
        "sécurité nationale NBC News dans un communiqué'. The English 'told NBC News' lost its "
        "'à'. 'la chaîne NBC News', 'selon CNN', 'a déclaré à Reuters' are correct and not "
        "reported. Fix: 'a déclaré à NBC News un porte-parole...'."
    ),
    suggestion="Add the missing preposition: 'a déclaré à <media>'.",
    english="media name without preposition",
    extra={"evidence": "No hit outside the seeds yet (heldout, heldout2, clean texts, real-MT dev, 2026-11-29); kept as a general pattern: 'told NBC News' loses its preposition: the media name is glued to the noun phrase."},
    examples=(
        "« Nous ne céderons pas », a déclaré un responsable du syndicat des [[pilotes Reuters]] dans un communiqué.", "« Rien n'est décidé », a confié un conseiller du [[ministre CNN]] mardi soir.", "« Le match aura lieu », a assuré un dirigeant de la [[fédération AFP]] dans la soirée."),
    counterexamples=(
        "Le maire a indiqué à Reuters que le chantier reprendrait lundi.",
        "Selon CNN, la chaîne NBC News a déclaré que l'agence de presse officielle Xinhua avait menti.",
        "La conduite a été tranquille, rapporte à l'AFP Moustapha, responsable de la sécurité.",
        "Le bilan s'est encore alourdi, a rapporté CNN dans la soirée.",
    ),
)

_TOKEN = re.compile(r"[\w’'-]+")


@lru_cache(maxsize=1)
def _data():
    data = load("garble.toml")
    months = load("formats.toml")["months_fr"]
    weekdays = load("formats.toml")["weekdays"]
    return {
        "media": re.compile(r"(?<![\w.-])" + alternation(data["media"]) + r"(?![\w-]|\.\w)"),
        "introducers": lowered(data["media_introducers"]),
        "linkers": lowered(data["media_linkers"]),
        "speech": re.compile(r"\b" + alternation(data["speech_verbs"]) + r"\b", re.IGNORECASE),
        "agent": re.compile(
            r"(?:\bcomme\s+)?\b" + alternation(data["agent_participles"]) + r"\s+par\s+(?:le\s+|ce\s+)?"
            r"(?:\d{1,2}(?:er)?\s+" + alternation(months) + r"(?:\s+\d{4})?|" + alternation(weekdays) + r"(?:\s+\d{1,2}(?:er)?\s+" + alternation(months) + r")?)\b",
            re.IGNORECASE,
        ),
        "complement": re.compile(
            r"\bavec\s+(?:le|la|les|l['’]|son|sa|ses|leur|leurs)\s*[^,;:.()«»\"\n]{0,80}?\b[A-ZÀ-Ý][\w’'-]+\s+avec\s+"
            r"(?:le|la|les|l['’]|son|sa|ses|leur|leurs)\s*" + alternation(data["person_nouns"])
            # an adjective may follow the person ("le dirigeant ukrainien"), a preposition may not ("le maire de Lille")
            + r"\b(?:\s+(?!(?:de|du|des|d|et|à|au|aux|en|pour|par|sur|dans)\b)[a-zà-ÿ]+)?"
        ),
        "time_words": lowered(data.get("time_words", [])),
        "heads": lowered(data["fragment_heads"]),
        "stylistic": lowered(data["stylistic_heads"]),
        "max_tokens": int(data.get("fragment_max_tokens", 4)),
    }


def _has_verb(text: str) -> bool:
    return any(t.pos in {"VERB", "AUX"} for t in analyse([text])[0])


def _noun_phrase_end(before: str) -> bool:
    """True when the text before a media name ends with a noun or an adjective (spaCy POS)."""
    if not nlp_available():
        return not re.search(r"(?:é|ée|és|ées|it|is|u)\s*$", before)
    tokens = [t for t in analyse([before.rstrip()])[0] if t.pos != "PUNCT"]
    return bool(tokens) and tokens[-1].pos in {"NOUN", "ADJ", "PROPN"}


@check(FR801)
def fragment_sentence(doc: Document, ctx) -> Iterable[Finding]:
    """A verbless 'noun + Name.' sentence split off inside a paragraph ("Publication Facebook.")."""
    d = _data()
    for paragraph in doc.paragraphs:
        for k, sentence in enumerate(paragraph.sentences):
            if k == 0:
                continue
            text = sentence.text.strip()
            if not text.endswith(".") or text[:1] in "«\"“(":
                continue
            tokens = _TOKEN.findall(text)
            if not 2 <= len(tokens) <= d["max_tokens"]:
                continue
            head = tokens[0].lower()
            names = tokens[1:]
            if not (tokens[0][:1].isupper() and all(t[:1].isupper() for t in names)):
                continue
            if head in d["stylistic"] or not in_french_lexicon(head):
                continue
            if _has_verb(text):
                continue
            severity = None if head in d["heads"] else "info"
            yield ctx.finding(
                "FR801",
                sentence.start,
                sentence.end,
                severity=severity,
                evidence=f"verbless '{tokens[0]} + name' sentence after {paragraph.sentences[k - 1].text[-40:]!r}",
                # built from the fragment's own words: "Publication Instagram." -> "(dans une) publication sur Instagram"
                suggestion=f"Rejoin the fragment to the previous sentence ('… {tokens[0].lower()} sur {' '.join(names)}').",
            )


@check(FR802)
def lost_agent(doc: Document, ctx) -> Iterable[Finding]:
    """'cité par' (and other reporting participles) followed directly by a date."""
    pattern = _data()["agent"]
    for paragraph in doc.paragraphs:
        for m in pattern.finditer(paragraph.text):
            yield ctx.finding("FR802", paragraph.start + m.start(), paragraph.start + m.end())


@check(FR803)
def doubled_complement(doc: Document, ctx) -> Iterable[Finding]:
    """'avec <title> <Name> avec le <person>': two 'avec' complements for one noun."""
    pattern = _data()["complement"]
    for sentence in doc.sentences:
        for m in pattern.finditer(sentence.text):
            between = m.group(0)
            if re.search(r"\s(?:et|ou|qui|que|dont)\s", between):
                continue
            yield ctx.finding("FR803", sentence.start + m.start(), sentence.start + m.end())


@check(FR804)
def glued_media(doc: Document, ctx) -> Iterable[Finding]:
    """A media name right after a noun phrase, with no preposition, in a sentence of saying."""
    d = _data()
    for sentence in doc.sentences:
        text = sentence.text
        for m in d["media"].finditer(text):
            before = text[:m.start()]
            if not before.strip() or not d["speech"].search(before):
                continue
            if before.rstrip()[-1:] in "(«\"“:,;–—-/|" or not before.endswith((" ", "\u00a0")):
                continue
            previous = _TOKEN.findall(before)
            if not previous:
                continue
            prev = previous[-1].lower().replace("’", "'")
            if prev in d["linkers"] or prev.endswith("'") or prev.isdigit():
                continue
            if any(t.lower().replace("’", "'") in d["introducers"] for t in previous[-4:]):
                continue
            if prev in d["time_words"] or not prev.replace("-", "").isalpha():
                continue
            if not _noun_phrase_end(before):
                continue  # "a rapporté CNN": an inverted subject after the verb is correct
            start = m.start() - len(previous[-1]) - (len(before) - len(before.rstrip()))
            yield ctx.finding(
                "FR804",
                sentence.start + start,
                sentence.start + m.end(),
                evidence=f"{m.group(0)!r} follows {previous[-1]!r} with no preposition",
                suggestion=f"Add the missing preposition: '… à {m.group(0)}'.",
            )

"""FR104-FR107: single English words left in French, decided token by token from lexicons.

FR102 catches runs of three English words and FR103 a common English noun right
after a French article. Real neural MT leaves subtler traces: one rare English
word the model could not translate ("les wonks", "le wry"), a headline half in
English ("… Shop Lancé", "NSA Spying :"), and imperial units it did not convert
("les miles que vous parcourez"). Every decision here comes from resources, not
from a list of words seen in MT output:

- a word is *English* when hunspell-en-us accepts it, and *not French* when
  neither Grammalecte's lexicon nor hunspell-fr does (``audit.resources.wordlists``);
- a capitalised word is a *name* when hunspell-en-us lists it capitalised
  (Apple, Kerry) or when French text uses it as much as English does (wordfreq);
- a word French writers use anyway is quiet: those seen in the 3.3-million-word
  French corpus (``audit/data/english_tokens.json``, mined by
  ``scripts/mine_english_tokens.py``) and those common in French web text
  (wordfreq Zipf >= 3 and less than 1.5 below English).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from audit.checks._data import load_json
from audit.checks.registry import Rule, check
from audit.checks.untranslated import _french_sentences, _vocabulary, english_runs
from audit.model import Document, Finding
from audit.resources.lexicon import zipf
from audit.resources.quotes import enclosing
from audit.resources.wordlists import english_names, english_valid, french_valid

FR104 = Rule(
    code="FR104",
    name="english-token",
    category="untranslated",
    severity="major",
    message="An English word left in a French sentence.",
    explain=(
        "Catches one lower-case word that English dictionaries know and French ones do not "
        "(hunspell-en-us against Grammalecte's lexicon and hunspell-fr), standing among French words: "
        "the engine did not know how to translate it and copied it. Words that French writers use "
        "(flat tax, crowdfunding, bashing), measured on real French text, stay quiet, and so "
        "do words inside a quoted English title and terms the text uses three times or more. "
        "Fix: translate the word."
    ),
    suggestion="Translate the word into French.",
    english="an English word copied as it was",
    examples=(
        "Les experts les plus [[nerdy]] du ministère ont rendu leur copie.",
        "Elle est restée très [[poised]] pendant tout le procès.",
    ),
    counterexamples=(
        "La flat tax a été votée par les députés.",
        "Le projet a été financé par crowdfunding.",
        "Elle a chanté « Bridge over troubled water » en fin de concert.",
    ),
)

FR105 = Rule(
    code="FR105",
    name="english-headline-word",
    category="untranslated",
    severity="major",
    message="A capitalised English word in a French title or headline: it was not translated.",
    explain=(
        "Catches capitalised common English words (not names: hunspell-en-us lists them only in lower "
        "case) next to French words in a title-case run ('Un Musée Reborn Ouvre à Lyon'), and English gerunds or "
        "hyphenated English compounds leading a headline ('Spying', 'Green-lights'). Headlines are "
        "where engines most often keep the English, because title case makes every word look like a "
        "name. Names of organisations written wholly in English ('National Gallery') stay quiet. Fix: "
        "translate the headline."
    ),
    suggestion="Translate the headline.",
    english="an English headline word",
    examples=(
        "Un Musée [[Reborn]] Ouvre à Lyon",
        "Vote [[Rigging]] : le parquet ouvre une enquête",
    ),
    counterexamples=(
        "La National Gallery prête trois tableaux au Louvre.",
        "Apple a présenté jeudi son nouveau téléphone.",
        "Le Washington Post a révélé l'affaire mardi.",
    ),
)

FR106 = Rule(
    code="FR106",
    name="imperial-unit-word",
    category="untranslated",
    severity="minor",
    message="An imperial unit a French text would have converted.",
    explain=(
        "Catches miles, gallons, yards and square feet named without a figure ('les miles que vous "
        "parcourez', 'le prix du gallon'): the engine translated an American measure word for word. "
        "A French article speaks of kilometres, litres or square metres. Figures with units are FR606. "
        "Fix: convert, or say what is meant ('les kilomètres parcourus')."
    ),
    suggestion="Use the metric unit (kilomètres, litres, mètres carrés).",
    english="miles, gallons, yards, square feet",
    examples=(
        "Les automobilistes paieront selon les [[miles]] qu'ils parcourent.",
        "Le prix du [[gallon]] d'essence a encore augmenté.",
    ),
    counterexamples=(
        "Les automobilistes paieront selon les kilomètres qu'ils parcourent.",
        "Le trompettiste Miles Davis a enregistré cet album en 1959.",
        "La tempête a parcouru 300 miles avant de toucher terre.",
    ),
)

FR107 = Rule(
    code="FR107",
    name="invented-word",
    category="untranslated",
    severity="minor",
    message="A word no French or English dictionary knows: the engine made it up from the English.",
    explain=(
        "Catches a lower-case word of five letters or more that neither Grammalecte's lexicon, "
        "hunspell-fr nor hunspell-en-us knows, that French text hardly ever uses (wordfreq), and that "
        "is not a regular French derivation (a known word behind a prefix such as re-, dé-, auto-, "
        "cyber-, or a place adjective in -ois, -ais, -ien). Neural engines build such words from "
        "pieces of the English one ('lambasted' became 'lambassé'). Fix: find the English word and "
        "translate it."
    ),
    suggestion="Translate the English word the engine adapted.",
    english="an English word half-adapted into French",
    examples=("Le ministre a [[chastisé]] le projet de loi devant les députés.",),
    counterexamples=(
        "Il faudra réautoriser les livres retirés du catalogue.",
        "Les élus lessinois ont voté le budget.",
        "Les enfants du village ont descendu toute la piste en minibob avec leurs parents.",
        "Le gardien a repoussé une frappe smashée du pied gauche.",
        "Écrivez à contact@mairiedevilleneuve.fr pour tout renseignement.",
    ),
)

# French elisions glued to the next word by WORD_RE ("l'agence"): the word after the apostrophe is judged.
_ELISION = re.compile(r"^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu|quoiqu)['’]", re.IGNORECASE)
_TOKEN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿŒœ]+(?:['’-][A-Za-zÀ-ÖØ-öø-ÿŒœ]+)*")
_IMPERIAL = re.compile(
    r"\b(?:miles?|gallons?|yards?|mph)\b(?![-’'])|\b(?:pieds|pouces|miles)\s+carrés\b", re.IGNORECASE
)
_NUMBER_BEFORE = re.compile(r"\d[\d\s\u00a0\u202f.,]*(?:\s*(?:de|d['’]))?\s*$")


@lru_cache(maxsize=1)
def anglicisms() -> frozenset[str]:
    """English words real French text uses (mined; see ``scripts/mine_english_tokens.py``)."""
    data = load_json("english_tokens.json")
    return frozenset(w.lower() for w in data["anglicisms"])


def used_in_french(word: str) -> bool:
    """French writers use this (English) word: seen in French text, or common in French web text."""
    low = word.lower()
    if low in anglicisms() or low in _vocabulary()[0]:
        return True
    fr = zipf(low, "fr")
    return fr >= 3.0 and zipf(low, "en") - fr < 1.5


@lru_cache(maxsize=100_000)
def is_english_word(word: str) -> bool:
    """English (hunspell-en-us, some use in English text) and not French (Grammalecte, hunspell-fr)."""
    if not word.isascii() or len(word) < 3:
        return False
    return english_valid(word) and zipf(word.lower(), "en") >= 1.5 and not french_valid(word) and not used_in_french(word)


@lru_cache(maxsize=100_000)
def is_french_word(word: str) -> bool:
    low = word.lower()
    return french_valid(word) and not (english_valid(low) and zipf(low, "en") - zipf(low, "fr") >= 1.0)


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) with elided French clitics split off (l'agence -> agence)."""
    out = []
    for m in _TOKEN.finditer(text):
        start, word = m.start(), m.group(0)
        elided = _ELISION.match(word)
        if elided and len(word) > elided.end():
            start += elided.end()
            word = word[elided.end():]
        out.append((start, m.end(), word))
    return out


def _quoted_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The inside of the quotation marks around ``text[start:end]``, if any. Straight single quotes
    and Markdown emphasis (``*term*``, ``_term_``) count too: they also set a term apart as foreign."""
    quotation = enclosing(text, start, end, closed_only=True, emphasis=True)
    return quotation.inner if quotation is not None else None


def _is_title(words: list[str]) -> bool:
    """A quoted stretch that is a title or a quote in English: none of its words is French."""
    return not any(is_french_word(w) and not is_english_word(w) for w in words if w[:1].islower() or len(words) == 1)


# A word the text uses this often is a term its writer chose (a technical loanword kept on
# purpose: "bass-reflex" six times in one product page), not a word an engine failed to translate.
TERM_REPEATS = 3
# "un possible shutdown, la paralysie de l'administration": a French gloss in apposition right
# after the word, which MT output does not write after the English it leaves behind.
_APPOSITION_AFTER = re.compile(r"\s*,\s+(?:la|le|les|l['’]|c['’]est-à-dire|soit)\s*\w", re.IGNORECASE)


def _repeated(doc: Document, word: str) -> bool:
    return len(re.findall(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", doc.text, flags=re.IGNORECASE)) >= TERM_REPEATS


@check(FR104)
def english_token(doc: Document, ctx) -> Iterable[Finding]:
    """One lower-case English word (not French, not a French-used anglicism) among French words."""
    for sentence in _french_sentences(doc, ctx):
        text = sentence.text
        covered = {i for start, end, _ in english_runs(sentence) for i in range(start, end)}
        phrases = _vocabulary()[1]  # newsroom phrases ("too big to fail") are French usage
        if phrases is not None:
            covered.update(i for m in phrases.finditer(text) for i in range(m.start(), m.end()))
        tokens = _tokens(text)
        for i, (start, end, word) in enumerate(tokens):
            if start in covered or not word[:1].islower() or not is_english_word(word):
                continue
            if text[end:end + 1] in ("@",) or text[max(0, start - 1):start] in ("@", "#", "/", "."):
                continue  # handles, hashtags, addresses
            quoted = _quoted_span(text, start, end)
            if quoted is not None and _is_title([w for s, e, w in tokens if quoted[0] <= s and e <= quoted[1]]):
                continue
            neighbours = [w for _, _, w in tokens[max(0, i - 2):i] + tokens[i + 1:i + 3]]
            if not any(is_french_word(w) for w in neighbours if w[:1].islower()):
                continue  # among names or other English: a title, a name, or a run FR102 judges
            if _repeated(doc, word):
                continue
            if "-" in word and any(french_valid(part) for part in word.split("-") if len(part) >= 3):
                continue  # a compound on a French-used word ("match-delegate"): newsroom jargon
            if text[end:].lstrip(" \u00a0").startswith("(") or _APPOSITION_AFTER.match(text, end):
                continue  # the writer explains the word, in brackets or in apposition: a loanword on purpose
            yield ctx.finding("FR104", sentence.start + start, sentence.start + end, evidence=f"“{word}”: in hunspell-en-us, not in Grammalecte's lexicon nor hunspell-fr")


def _common_capitalised(word: str) -> bool:
    """A capitalised English common word: listed in lower case only, rare in French."""
    if not word[:1].isupper() or word.isupper() or word in english_names():
        return False
    low = word.lower()
    return is_english_word(low) and zipf(low, "en") >= 2.5


@check(FR105)
def english_headline_word(doc: Document, ctx) -> Iterable[Finding]:
    """Capitalised English common words next to French words in a title-case run, or leading a headline."""
    for sentence in _french_sentences(doc, ctx):
        text = sentence.text
        tokens = _tokens(text)
        runs: list[list[tuple[int, int, str]]] = []
        for token in tokens:
            gap = text[runs[-1][-1][1]:token[0]] if runs and runs[-1] else None
            if token[2][:1].isupper() and runs and gap is not None and gap.strip() == "":
                runs[-1].append(token)
            elif token[2][:1].isupper():
                runs.append([token])
            else:
                runs.append([])
        for run in runs:
            english = [t for t in run if _common_capitalised(t[2])]
            if not english:
                continue
            # French evidence: a capitalised French-only word that is not the sentence's first word
            # (capitalised anyway) nor an acronym.
            french = [
                t for t in run
                if t[0] > 0 and not t[2].isupper() and is_french_word(t[2]) and not english_valid(t[2].lower()) and t[2] not in english_names()
            ]
            for start, end, word in english:
                leading = text[end:].lstrip().startswith(":") or (
                    ("-" in word or word.lower().endswith("ing")) and len(run) <= 3 and run[0][0] <= 3
                )
                if french or leading:
                    yield ctx.finding(
                        "FR105", sentence.start + start, sentence.start + end,
                        evidence=f"“{word}” is a common English word" + (f" beside the French “{french[0][2]}”" if french else " leading a headline"),
                    )


@check(FR106)
def imperial_unit_word(doc: Document, ctx) -> Iterable[Finding]:
    """Miles, gallons, yards, square feet named without a figure (with a figure it is FR606)."""
    for sentence in doc.sentences:
        text = sentence.text
        for m in _IMPERIAL.finditer(text):
            if m.group(0)[:1].isupper() or _NUMBER_BEFORE.search(text[:m.start()]):
                continue
            yield ctx.finding("FR106", sentence.start + m.start(), sentence.start + m.end())


# Productive French prefixes and demonym endings: "réautorisé", "cyberattaque", "lessinois" are
# regular words even when no dictionary lists them.
_PREFIXES = (
    "re", "ré", "dé", "dés", "auto", "multi", "géo", "cyber", "mono", "anti", "néo", "post", "pré", "pro", "sous",
    "sur", "super", "ultra", "inter", "co", "bi", "tri", "télé", "micro", "macro", "mini", "méga", "hyper", "non",
    "contre", "robo", "semi", "éco", "bio", "euro", "extra", "hydro", "infra", "méta", "poly", "psycho", "radio",
)
_DEMONYM = re.compile(r"(?:ois|oise|ais|aise|ien|ienne|ain|aine|an|ane|in|ine)s?$")


_SUFFIX = re.compile(r"(?:ées|ée|és|é|er|ant|ants|ante|antes|eur|eurs|euse|euses|able|ables|isme|iste|istes)$")


def _derived(word: str) -> bool:
    """A French word built regularly: a known word behind a productive prefix or before a French
    suffix ("volleyée" from volley), or a place adjective."""
    if _DEMONYM.search(word):
        return True
    suffix = _SUFFIX.search(word)
    if suffix:
        rest = word[: suffix.start()]
        if len(rest) >= 4 and any(french_valid(rest + end) for end in ("", "e", "er")):
            return True
    for prefix in _PREFIXES:
        rest = word[len(prefix):]
        # A prefix of four letters or more leaves no doubt where the word splits, so a short known
        # word may follow it (« monobob », « minibus »); after re-, co-, bi- four letters are needed.
        if word.startswith(prefix) and len(rest) >= (3 if len(prefix) >= 4 else 4) and (french_valid(rest) or french_valid(rest.lstrip("-"))):
            return True
    return False


@check(FR107)
def invented_word(doc: Document, ctx) -> Iterable[Finding]:
    """A lower-case word unknown to every French and English lexicon, rare in French, not a regular derivation."""
    for sentence in _french_sentences(doc, ctx):
        text = sentence.text
        for start, end, word in _tokens(text):
            if len(word) < 5 or not word.islower() or "-" in word or "'" in word or "’" in word:
                continue
            around = text[max(0, start - 1):start] + text[end:end + 1]
            if any(c in around for c in "@./_#*"):
                continue  # addresses, handles, file names, emphasis
            if french_valid(word) or english_valid(word) or zipf(word, "fr") >= 1.5 or _derived(word):
                continue
            quoted = _quoted_span(text, start, end)
            if quoted is not None and _is_title([w for s, e, w in _tokens(text) if quoted[0] <= s and e <= quoted[1]]):
                continue  # a quoted title in another language
            yield ctx.finding("FR107", sentence.start + start, sentence.start + end, evidence=f"“{word}” is in no French or English lexicon")

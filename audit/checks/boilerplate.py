"""FR3xx: page residue that is not article text.

Scraped and re-published articles keep the furniture of the page they came from:
share buttons ("Partager:"), links ("Lire aussi", "➡️ ICI"), appeals for money or
subscriptions, photo credits left on their own line ("La Maison Blanche via
Reuters"). None of it is a translation error, but it pollutes the article and
often shows that nobody edited the text. Phrases live in ``audit/data/boilerplate.toml``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from audit.checks._data import alternation, load
from audit.checks.registry import Rule, check
from audit.model import Document, Finding
from audit.resources.quotes import is_quoted

FR301 = Rule(
    code="FR301",
    name="page-ui",
    category="boilerplate",
    severity="minor",
    message="Page interface left in the text (share button, link, 'read also').",
    explain=(
        "Catches lines such as 'Partager:', 'Lire aussi : ...', 'Cliquez ici', separators of "
        "asterisks, and link calls like '➡️ ICI' at the end of a sentence. They come from the web "
        "page the article was copied from, not from the article. Fix: delete them."
    ),
    suggestion="Delete this page element.",
    english="page UI residue",
    extra={"evidence": "No hit outside the seeds yet (heldout, heldout2, clean texts, real-MT dev, 2026-11-29); kept as a general pattern: share buttons and 'read also' links are scraped with the article on any news site."},
    examples=("[[Partager:]]", "[[Lire aussi : Les négociations reprennent à Genève]]", "Inscrivez-vous à la lettre [[➡️ ICI]]"),
    counterexamples=(
        "Les internautes ont partagé la vidéo des milliers de fois sur les réseaux sociaux.",
        "Retrouvez en cliquant sur ce lien tout le calendrier en détail.",
    ),
)

FR302 = Rule(
    code="FR302",
    name="appeal",
    category="boilerplate",
    severity="minor",
    message="Appeal for subscriptions or donations: site text, not article text.",
    explain=(
        "Catches newsletter and donation appeals ('inscrivez-vous à ma newsletter', 'votre soutien "
        "est essentiel', 'envoyez votre contribution via Paypal'). They belong to the site that "
        "republished the article. Fix: delete them from the article body."
    ),
    suggestion="Delete the appeal from the article body.",
    english="newsletter or donation appeal",
    examples=(
        "[[Soutenez-nous : chaque don compte pour garder ce site gratuit.]]",
        "[[Abonnez-vous à notre newsletter pour ne rien manquer de l'actualité locale.]]",
    ),
    counterexamples=(
        "Le ministre a reçu le soutien de son parti pour la réforme des retraites.",
        "L'association a lancé un appel aux dons après les inondations.",
    ),
)

FR303 = Rule(
    code="FR303",
    name="photo-credit",
    category="boilerplate",
    severity="minor",
    message="Photo credit left as a line of text.",
    explain=(
        "Catches photo credits that lost their picture and became lines of text: 'La Maison "
        "Blanche via Reuters', 'Andriy Dubchak | AP', '(Photo de John Thys/AFP via Getty Images)', "
        "'Photo : X / AFP'. Read as text they interrupt the article (and an English credit such as "
        "'via Getty Images' betrays a translation). Fix: delete them or put them under the picture."
    ),
    suggestion="Delete the credit or move it under its picture.",
    english="stray photo credit",
    examples=("[[La Maison Blanche via Reuters]]", "[[Andriy Dubchak | AP]]", "[[(Photo de Marc Dupuis/AFP via Getty Images)]]"),
    counterexamples=(
        "La Maison Blanche a confirmé l'information à Reuters mardi soir.",
        "La présidente de la région, au Congrès des régions de France, le 30 septembre 2021 (AFP - Pascal GUYOT)",
    ),
)

_EDGE = " \t\u00a0\u202f:;,.!?-–—|•·*>»«\"'’()[]"
_EMOJI = re.compile("[\u2190-\u21ff\u2700-\u27bf\u2b00-\u2bff\ufe0f\U0001f000-\U0001faff]")
_CREDIT_MAX_WORDS = 12
_NAME_WORD = re.compile(r"^[A-ZÀ-Ý][\w'’.-]*$|^(?:de|du|des|van|von|der|da|di|el|al|bin|ben|le|la)$")


@lru_cache(maxsize=1)
def _data():
    data = load("boilerplate.toml")
    flags = re.IGNORECASE
    ui_line = re.compile("(?:" + "|".join(data["ui"]["line"]) + r")\Z", flags)
    ui_inline = re.compile("|".join(data["ui"]["inline"]), flags)
    appeal = re.compile("|".join(data["appeal"]["patterns"]), flags)
    agencies = alternation(data["credit"]["agencies"])
    agency_word = re.compile(r"(?<![\w-])" + agencies + r"(?![\w-])")
    lead = re.compile(data["credit"]["lead"], flags)
    via = re.compile(r"^(?P<who>.{1,60}?)\s+via\s+" + agencies + r"(?:\s*/\s*.{1,30})?$")
    return ui_line, ui_inline, appeal, agency_word, lead, via


def _core(text: str) -> str:
    """The text without decorations: emoji, arrows, bullets, edge punctuation."""
    return _EMOJI.sub("", text).strip(_EDGE)


def _looks_like_name(text: str, max_words: int = 5) -> bool:
    parts = text.split()
    return 0 < len(parts) <= max_words and all(_NAME_WORD.match(p) for p in parts) and parts[0][:1].isupper()


def is_credit(text: str) -> bool:
    """True when ``text`` (a short line or a parenthesised sentence) is a photo credit."""
    _, _, _, agency_word, lead, via = _data()
    unit = text.strip().strip("()[] ").rstrip(".").strip("()[] ")
    if not unit or len(unit.split()) > _CREDIT_MAX_WORDS:
        return False
    if unit.startswith("©"):
        return True
    m = lead.match(unit)
    if m:
        rest = unit[m.end():]
        return bool(agency_word.search(rest) or "/" in rest or "©" in rest or _looks_like_name(rest, 4))
    m = via.match(unit)
    if m:
        who = m.group("who")
        return _looks_like_name(who, 6) or "/" in who or bool(lead.match(who))
    if unit.count("|") == 1:
        left, right = (p.strip() for p in unit.split("|"))
        right_ok = bool(agency_word.fullmatch(right)) or (right.isupper() and 2 <= len(right) <= 12)
        return _looks_like_name(left) and len(left.split()) >= 2 and right_ok
    if unit.count("/") == 1:
        left, right = (p.strip() for p in unit.split("/"))
        if agency_word.fullmatch(right) and _looks_like_name(left, 4):
            return True
        if agency_word.fullmatch(left) and _looks_like_name(right, 4):
            return True
    return False


@check(FR301)
def page_ui(doc: Document, ctx) -> Iterable[Finding]:
    """Share buttons, 'read also' links, separators and 'click here' calls."""
    ui_line, ui_inline, _, _, _, _ = _data()
    for paragraph in doc.paragraphs:
        reported: list[tuple[int, int]] = []
        units = [(paragraph.start, paragraph.end, paragraph.text)]
        units += [(s.start, s.end, s.text) for s in paragraph.sentences if len(paragraph.sentences) > 1]
        for start, end, text in units:
            if any(s <= start and end <= e for s, e in reported):
                continue
            core = _core(text)
            if core and ui_line.match(core):
                reported.append((start, end))
                yield ctx.finding("FR301", start, end, evidence="the whole line is page interface")
            elif not core and len(text.strip()) >= 3:
                reported.append((start, end))
                yield ctx.finding("FR301", start, end, severity="info", evidence="a separator line of symbols only")
        for m in ui_inline.finditer(paragraph.text):
            start, end = paragraph.start + m.start(), paragraph.start + m.end()
            if not any(s <= start and end <= e for s, e in reported):
                yield ctx.finding("FR301", start, end, evidence="a link call, not article text")


@check(FR302)
def appeal(doc: Document, ctx) -> Iterable[Finding]:
    """Newsletter, subscription and donation appeals of the publishing site."""
    _, _, appeal_re, _, _, _ = _data()
    for sentence in doc.sentences:
        m = appeal_re.search(sentence.text)
        if m and not is_quoted(sentence.text, m.start()):  # someone quoted says it, not the site
            yield ctx.finding("FR302", sentence.start, sentence.end, evidence=f"appeal: {m.group(0)!r}")


@check(FR303)
def photo_credit(doc: Document, ctx) -> Iterable[Finding]:
    """Photo credits standing alone as a paragraph or as a parenthesised sentence."""
    for paragraph in doc.paragraphs:
        if len(paragraph.text.split()) <= _CREDIT_MAX_WORDS and is_credit(paragraph.text):
            yield ctx.finding("FR303", paragraph.start, paragraph.end)
            continue
        if len(paragraph.sentences) < 2:
            continue
        for sentence in paragraph.sentences:
            text = sentence.text.strip()
            if text.startswith("(") and text.rstrip(".").endswith(")") and is_credit(text):
                yield ctx.finding("FR303", sentence.start, sentence.end)

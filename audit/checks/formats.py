"""FR6xx: English number and date formats left in French text.

An engine that copies "12,000 protesters" as "12,000 manifestants" tells a French
reader there were twelve. French news writes "12 000" or "12.000" (thousands),
"3,5 %" (decimal comma), "3 millions de dollars", "le 5 mars 2021", "14h30",
"1er", "2e" — none of which may fire. Month names and units are in
``audit/data/formats.toml``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from audit.checks._data import alternation, load
from audit.checks.registry import Rule, check
from audit.model import Document, Finding

FR601 = Rule(
    code="FR601",
    name="comma-thousands",
    category="number-format",
    severity="major",
    severity_note='minor when the number could also be a French decimal (one comma, three digits after it)',
    message="English thousands separator: a comma in French marks decimals.",
    explain=(
        "Catches numbers grouped by commas in the English way: '12,000 manifestants', "
        "'1,250,000 dollars'. A French reader reads the comma as a decimal mark: 12,000 is twelve. "
        "A single group of non-zero digits ('1,234') is ambiguous and reported as minor. French "
        "writes '12 000' (or '12.000' in some newsrooms). Fix: replace the comma by a (narrow "
        "no-break) space."
    ),
    suggestion="Write the thousands with a space: 12 000.",
    english="comma as thousands separator",
    examples=("Quelque [[12,000]] manifestants ont défilé samedi.", "Le contrat s'élève à [[1,250,000]] dollars."),
    counterexamples=(
        "Quelque 12 000 manifestants ont défilé samedi.",
        "Le déficit atteint 12.345,67 euros, soit 3,5 % du budget.",
        "Le taux est passé à 0,125 % en mars.",
    ),
)

FR602 = Rule(
    code="FR602",
    name="decimal-point",
    category="number-format",
    severity="minor",
    message="English decimal point: French writes a decimal comma.",
    explain=(
        "Catches a decimal point before a percentage, a unit or 'millions': '4.2 %', '1.5 million'. "
        "French uses a decimal comma ('4,2 %'); a point with three digits ('3.137') is a French "
        "thousands separator and is not reported. Fix: write a comma."
    ),
    suggestion="Write a decimal comma: 4,2 %.",
    english="decimal point",
    examples=("L'inflation a atteint [[4.2]] % en novembre.", "La ville compte [[1.5]] million d'habitants."),
    counterexamples=("L'inflation a atteint 4,2 % en novembre, contre -0,6% un an plus tôt.", "Le bilan s'élève à 3.137 cas."),
)

FR603 = Rule(
    code="FR603",
    name="currency-before-amount",
    category="number-format",
    severity="minor",
    message="Currency symbol before the amount (English order).",
    explain=(
        "Catches '$3 millions', '€50', '£2 milliards'. French writes the currency after the amount, "
        "usually in words: '3 millions de dollars', '50 euros'. Fix: move the currency after the "
        "number."
    ),
    suggestion="Write the currency after the amount: 3 millions de dollars.",
    english="currency symbol first",
    examples=("Washington a promis [[$3 millions]] d'aide.",),
    counterexamples=("Washington a promis 3 millions de dollars d'aide, soit 2,6 M€.",),
)

FR604 = Rule(
    code="FR604",
    name="english-ordinal",
    category="number-format",
    severity="minor",
    message="English ordinal suffix (1st, 2nd, 3rd, 4th).",
    explain=(
        "Catches English ordinal suffixes such as '21st siècle' or 'le 2nd tour'. French writes 1er, "
        "1re, 2e, 21e. A suffix before a capitalised name ('5th Avenue', '20th Century Studios') is a "
        "name and is not reported. Fix: write 1er, 2e, 3e..."
    ),
    suggestion="Write the French ordinal: 1er, 2e, 3e.",
    english="English ordinal",
    examples=("Il s'agit de la pire crise du [[21st]] siècle.",),
    counterexamples=("C'est la pire crise du XXIe siècle, depuis le 1er janvier et le 2e tour.",),
)

FR605 = Rule(
    code="FR605",
    name="twelve-hour-time",
    category="date-format",
    severity="minor",
    message="English 12-hour time (a.m./p.m.).",
    explain=(
        "Catches times such as '5 p.m.' or '10:30 AM'. French uses the 24-hour clock: '17 h', "
        "'17h', '10 h 30'. Fix: convert to the 24-hour clock."
    ),
    suggestion="Use the 24-hour clock: 17 h.",
    english="12-hour clock",
    examples=("La réunion commencera à [[5 p.m.]] heure locale.",),
    counterexamples=("La réunion commencera à 17h00, puis à 14h30 le lendemain.",),
)

FR611 = Rule(
    code="FR611",
    name="month-day-year",
    category="date-format",
    severity="minor",
    message="Date in the English order month-day-year.",
    explain=(
        "Catches dates written month first: 'Mars 5, 2021', 'March 5, 2021', 'le décembre 7'. "
        "French writes the day first: 'le 5 mars 2021'. Fix: reorder the date."
    ),
    suggestion="Write the day first: le 5 mars 2021.",
    english="month-day-year date",
    examples=("L'accord a été signé [[Mars 5, 2021]] à Genève.", "Il a été publié le [[March 5, 2021]]."),
    counterexamples=("L'accord a été signé le 5 mars 2021 à Genève.", "La mission Mars 2020 a atterri en février."),
)

FR612 = Rule(
    code="FR612",
    name="month-first-numeric-date",
    category="date-format",
    severity="major",
    message="Numeric date in the American order MM/DD/YYYY.",
    explain=(
        "Catches numeric dates whose second number is a day above 12 ('12/25/2021'): they are in "
        "the American month/day order, and a French reader sees a 25th month. Dates whose day is "
        "12 or less are ambiguous and not reported. Fix: write 25/12/2021 or 'le 25 décembre 2021'."
    ),
    suggestion="Write the day first: 25/12/2021.",
    english="MM/DD/YYYY date",
    examples=("Le document est daté du [[12/25/2021]].",),
    counterexamples=("Le document est daté du 25/12/2021.",),
)

FR613 = Rule(
    code="FR613",
    name="english-month",
    category="date-format",
    severity="minor",
    message="English month name in a French date.",
    explain=(
        "Catches a date with an English month name ('le 5 March 2021', '5 December'). French "
        "writes 'le 5 mars 2021'. Fix: translate the month."
    ),
    suggestion="Translate the month name.",
    english="English month name",
    examples=("La loi est entrée en vigueur le [[5 March 2021]].",),
    counterexamples=("La loi est entrée en vigueur le 5 mars 2021.",),
)


FR606 = Rule(
    code="FR606",
    name="imperial-units",
    category="number-format",
    severity="minor",
    message="Imperial units left as in the English text (miles, feet, Fahrenheit…).",
    explain=(
        "Catches measures in units French readers do not use: miles, feet, inches, gallons, acres, "
        "degrees Fahrenheit, and temperatures in 'degrés' too high to be Celsius in a weather "
        "context ('115 degrés' of heat). The engine translated the words but did not convert the "
        "figures. Fix: convert (1 mile = 1.609 km, 1 foot = 0.305 m, °C = (°F − 32) / 1.8), or keep "
        "the original with the conversion in brackets."
    ),
    suggestion="Convert to metric units (km, m, °C), or add the conversion in brackets.",
    english="miles, feet, inches, gallons, acres, degrees Fahrenheit",
    examples=(
        "La tempête a parcouru [[300 miles]] avant de toucher terre.",
        "Le thermomètre a atteint [[115 degrés]] samedi à Phoenix, une chaleur record.",
        "Le mur mesure [[20 pieds]] de haut.",
    ),
    counterexamples=(
        "La tempête a parcouru 480 kilomètres avant de toucher terre.",
        "Le thermomètre a atteint 46 degrés samedi à Phoenix, une chaleur record.",
        "Le navire a pivoté de 180 degrés pour rentrer au port.",
        "Le domaine compte 5 000 pieds de vigne.",
        "L'école de Miles Davis a formé des générations de musiciens.",
    ),
)

FR614 = Rule(
    code="FR614",
    name="english-date-punctuation",
    category="date-format",
    severity="minor",
    message="English punctuation in a date ('mardi, le 23 avril', '6 novembre, 2024').",
    explain=(
        "Catches the commas of English dates carried into French: between the weekday and the "
        "date ('Tuesday, April 23' became 'mardi, le 23 avril') and before the year ('November 6, "
        "2024' became '6 novembre, 2024'). French writes 'mardi 23 avril' and '6 novembre 2024'."
    ),
    suggestion="Drop the comma: mardi 23 avril, 6 novembre 2024.",
    english="Tuesday, April 23; November 6, 2024",
    examples=(
        "Le vote aura lieu [[mardi, le 23 avril]], au Sénat.",
        "Le film sortira le [[6 novembre, 2024]] dans toutes les salles.",
    ),
    counterexamples=(
        "Le vote aura lieu mardi 23 avril au Sénat.",
        "Le film sortira le 6 novembre 2024 dans toutes les salles.",
        "Il est arrivé mardi, le 23 avril étant un jour férié.",
        "Le bilan du 6 novembre, 2 024 morts, a été révisé.",
    ),
)

_IMPERIAL = re.compile(
    r"(?<![\w,.])\d+(?:[ \u00a0\u202f.,]\d+)*[ \u00a0\u202f]*(?:(?:miles?|gallons?|acres?)\b|(?:pieds|pouces)(?=[ \u00a0]+(?:de|d['’])[ \u00a0]*(?:haut|hauteur|long|longueur|large|largeur|profondeur|altitude|diamètre)\b)|(?:degrés|°)[ \u00a0]*(?:Fahrenheit|F)\b|°F\b)"
)
_BARE_DEGREES = re.compile(r"(?<![\w,.])(\d{2,3})[ \u00a0\u202f]*(?:degrés|°)(?![ \u00a0]*[CF]\b|[ \u00a0]*(?:Celsius|Fahrenheit))")
_WEATHER = re.compile(r"\b(?:chaleur|canicule|températures?|thermomètre|vague de chaleur|fournaise|mercure)\b", re.IGNORECASE)

_MEASURE_AFTER = re.compile(r"[ \u00a0\u202f]*(?:%|‰|°|pour\s*cent|points?\b|(?:km|kg|cm|mm|m|g|l|t|ha|mg|ml)\b)")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    data = load("formats.toml")
    fr = alternation(data["months_fr"])
    en = alternation(data["months_en"])
    months = alternation(data["months_fr"] + [m.capitalize() for m in data["months_fr"]] + data["months_en"])
    weekdays = alternation(data["weekdays"])
    leads = alternation(data["date_leads"])
    units = alternation(data["decimal_units"])
    return {
        "thousands": re.compile(r"(?<![\d.,])(\d{1,3})((?:,\d{3})+)(?![\d,]|\.\d)"),
        "decimal": re.compile(r"(?<![\d.,])\d{1,3}\.\d{1,2}(?![\d.,])(?=\s?(?:" + units + r")(?!\w))", re.IGNORECASE),
        "currency": re.compile(r"(?<![\w$€£¥])(?:US|CA|C|A|HK)?[$€£¥][ \u00a0]?\d+(?:[.,]\d+)*(?:[ \u00a0]?(?:millions?|milliards?|billions?|bn|[MmKkB]n?)\b)?"),
        "ordinal": re.compile(r"(?<![\w.])\d{1,4}(?:st|nd|rd|th)\b(?!\s+[A-ZÀ-Ý])"),
        "time": re.compile(r"(?<![\d:.])\d{1,2}(?:[:.]\d{2})?[ \u00a0]?(?:[ap]\.[ \u00a0]?m\.|[AP]M\b|[ap]m\b(?![’'-]))"),
        "mdy": re.compile(r"\b(" + months + r")[ \u00a0]+(\d{1,2})(?:st|nd|rd|th)?(?:,[ \u00a0]*|[ \u00a0]+)(\d{4})\b"),
        "md": re.compile(r"(?:\b(?:" + leads + r"|" + weekdays + r")\s*,?\s+)(" + months + r")[ \u00a0]+(\d{1,2})(?:st|nd|rd|th)?(?![\d\w,.]|\s*(?:h\b|heures?|%|ans|millions?|milliards?|\d))", re.IGNORECASE),
        "numeric": re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])"),
        "english_month": re.compile(r"\b\d{1,2}(?:er)?[ \u00a0]+(" + en + r")\b(?:[ \u00a0]+\d{4})?"),
        "french_months": re.compile(r"^" + fr + r"$", re.IGNORECASE),
        "weekday_comma": re.compile(r"\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche),[ \u00a0]+(?:le[ \u00a0]+)?\d{1,2}(?:er)?[ \u00a0]+" + fr + r"\b(?=[ \u00a0]*(?:\d{4}\b|[,.;)]|$|[ \u00a0]+(?:à|au|dans|en|pour|lors)\b))", re.IGNORECASE),
        "year_comma": re.compile(r"\b\d{1,2}(?:er)?[ \u00a0]+" + fr + r",[ \u00a0]*(?:19|20)\d{2}\b(?![ \u00a0\u202f]?\d)", re.IGNORECASE),
    }


@check(FR606)
def imperial_units(doc: Document, ctx) -> Iterable[Finding]:
    """Miles, feet, gallons, Fahrenheit, and Celsius-impossible heat in 'degrés', left unconverted."""
    for sentence in doc.sentences:
        text = sentence.text
        for m in _IMPERIAL.finditer(text):
            yield ctx.finding("FR606", sentence.start + m.start(), sentence.start + m.end())
        if _WEATHER.search(text) and "Celsius" not in text and "°C" not in text:
            for m in _BARE_DEGREES.finditer(text):
                if 60 <= int(m.group(1)) <= 140:
                    yield ctx.finding(
                        "FR606", sentence.start + m.start(), sentence.start + m.end(),
                        evidence=f"{m.group(1)} degrees of heat can only be Fahrenheit ({(int(m.group(1)) - 32) / 1.8:.0f} °C)",
                    )


@check(FR601, FR602, FR603, FR604)
def number_format(doc: Document, ctx) -> Iterable[Finding]:
    """English number formats: comma thousands, decimal point, currency first, 1st/2nd."""
    p = _patterns()
    for paragraph in doc.paragraphs:
        text, base = paragraph.text, paragraph.start
        for m in p["thousands"].finditer(text):
            head, groups = m.group(1), m.group(2)
            if head == "0":
                continue  # "0,125": a French decimal
            if groups.count(",") > 1 or groups.endswith(",000"):
                severity = None
            elif _MEASURE_AFTER.match(text, m.end()):
                continue  # "1,125 %", "48,856°": a French decimal with three places
            else:
                severity = "minor"
            yield ctx.finding(
                "FR601",
                base + m.start(),
                base + m.end(),
                severity=severity,
                suggestion=f"Write {m.group(0).replace(',', ' ')}.",
                evidence="comma between groups of three digits" + ("" if severity is None else " (could also be a French decimal)"),
            )
        for m in p["decimal"].finditer(text):
            yield ctx.finding("FR602", base + m.start(), base + m.end(), suggestion=f"Write {m.group(0).replace('.', ',')}.")
        for m in p["currency"].finditer(text):
            yield ctx.finding("FR603", base + m.start(), base + m.end())
        for m in p["ordinal"].finditer(text):
            yield ctx.finding("FR604", base + m.start(), base + m.end())


@check(FR614)
def date_punctuation(doc: Document, ctx) -> Iterable[Finding]:
    """Commas of English dates: 'mardi, le 23 avril', '6 novembre, 2024'."""
    p = _patterns()
    for paragraph in doc.paragraphs:
        text, base = paragraph.text, paragraph.start
        for key in ("weekday_comma", "year_comma"):
            for m in p[key].finditer(text):
                yield ctx.finding("FR614", base + m.start(), base + m.end())


@check(FR605, FR611, FR612, FR613)
def date_format(doc: Document, ctx) -> Iterable[Finding]:
    """English date and time formats: month-day-year, MM/DD/YYYY, English months, a.m./p.m."""
    p = _patterns()
    for paragraph in doc.paragraphs:
        text, base = paragraph.text, paragraph.start
        for m in p["time"].finditer(text):
            yield ctx.finding("FR605", base + m.start(), base + m.end())
        taken: list[tuple[int, int]] = []
        for key in ("mdy", "md"):
            for m in p[key].finditer(text):
                start = m.start(1)
                if any(s <= start < e for s, e in taken):
                    continue
                day = int(m.group(2))
                if not 1 <= day <= 31:
                    continue
                taken.append((start, m.end()))
                yield ctx.finding(
                    "FR611",
                    base + start,
                    base + m.end(),
                    suggestion=f"Write le {day} {m.group(1).lower()}" + (f" {m.group(3)}" if m.lastindex and m.lastindex >= 3 else "") + ".",
                )
        for m in p["numeric"].finditer(text):
            first, second = int(m.group(1)), int(m.group(2))
            if 1 <= first <= 12 and 12 < second <= 31:
                yield ctx.finding(
                    "FR612",
                    base + m.start(),
                    base + m.end(),
                    suggestion=f"Write {second:02d}/{first:02d}/{m.group(3)}.",
                    evidence=f"{second} cannot be a month",
                )
        for m in p["english_month"].finditer(text):
            if any(s <= m.start(1) < e for s, e in taken):
                continue
            yield ctx.finding("FR613", base + m.start(), base + m.end(), evidence=f"English month {m.group(1)!r}")

"""FR6xx: number and date formats."""

from audit.checks.runner import check_text


def found(text, select=("FR6",)):
    return [(f.code, f.severity, f.span) for f in check_text(text, select=list(select))]


def test_comma_thousands():
    assert found("Quelque 12,000 manifestants ont défilé samedi.") == [("FR601", "major", "12,000")]
    assert found("Le contrat s'élève à 1,250,000 dollars.") == [("FR601", "major", "1,250,000")]
    assert found("Au total, 1,234 personnes ont été évacuées.") == [("FR601", "minor", "1,234")]


def test_french_numbers_are_clean():
    for text in (
        "Quelque 94 000 soldats et 12 000 manifestants.",
        "Le déficit atteint 12.345,67 euros, soit 3,5 % du budget.",
        "La production a reculé de -0,6% et le taux est de 0,125 %.",
        "Le taux du livret A passera à 1,375 % le 1er février.",
        "Le nombre de cas a atteint 3.137, soit 65% de plus.",
        "Le 2e trimestre et le 1er janvier, à 14h30 puis à 20H00.",
        "PARIS (Reuters) - Le Premier ministre a démissionné.",
        "La mission Mars 2020 a atterri en février, depuis mai 68.",
        "Les 2/3 des élus ont voté pour, le texte a été publié le 12/05/2021.",
        "Le budget est de 2,6 M€, soit 3 M$ canadiens.",
    ):
        assert found(text) == [], text


def test_decimal_point():
    assert found("L'inflation a atteint 4.2 % en novembre.") == [("FR602", "minor", "4.2")]
    assert found("La ville compte 1.5 million d'habitants.") == [("FR602", "minor", "1.5")]


def test_currency_first_and_ordinals():
    assert found("Washington a promis $3 millions d'aide.") == [("FR603", "minor", "$3 millions")]
    assert found("Il s'agit de la pire crise du 21st siècle.") == [("FR604", "minor", "21st")]
    assert found("Il habite sur la 5th Avenue.") == []


def test_dates_and_times():
    assert found("L'accord a été signé Mars 5, 2021 à Genève.") == [("FR611", "minor", "Mars 5, 2021")]
    assert found("Il a été publié le March 5, 2021.") == [("FR611", "minor", "March 5, 2021")]
    assert found("Le document est daté du 12/25/2021.") == [("FR612", "major", "12/25/2021")]
    assert found("La loi est entrée en vigueur le 5 March 2021.") == [("FR613", "minor", "5 March 2021")]
    assert found("La réunion commencera à 5 p.m. heure locale.") == [("FR605", "minor", "5 p.m.")]


def test_french_dates_are_clean():
    assert found("L'accord a été signé le 5 mars 2021 à Genève, puis le 14 Juillet, le 1er janvier.") == []

"""FR4xx: repeated paragraphs and words."""

import random

from audit.checks.runner import check_text


def found(text, select=("FR4",)):
    return [(f.code, f.severity, f.span) for f in check_text(text, select=list(select))]


CAPTION = "Le président ukrainien Volodymyr Zelensky au siège de l'OTAN à Bruxelles. (Photo de John Thys/AFP via Getty Images)"


def test_duplicated_caption_reports_the_second_copy_with_the_first_line():
    text = f"Titre de l'article\n\n{CAPTION}\n\n{CAPTION}\n\nMoscou (CNSNews.com) – Le président russe a parlé."
    findings = check_text(text, select=["FR401"])
    assert len(findings) == 1
    f = findings[0]
    assert f.line == 5 and f.span == CAPTION and "line 3" in f.evidence


def test_near_duplicate_paragraph():
    first = "Les États-Unis et l'Ukraine ont accusé la Russie d'avoir amassé jusqu'à 94 000 soldats près de la frontière."
    second = "Les États-Unis et l’Ukraine ont accusé la Russie d’avoir amassé jusqu’à 94 000 soldats près de la frontière ukrainienne."
    findings = check_text(f"{first}\n\nAutre chose, vraiment différente, pour séparer.\n\n{second}", select=["FR401"])
    assert [f.line for f in findings] == [5]


def test_different_paragraphs_are_not_duplicates():
    text = (
        "Le président ukrainien Volodymyr Zelensky au siège de l'OTAN à Bruxelles.\n\n"
        "Le président ukrainien Volodymyr Zelensky a rencontré le secrétaire général à Bruxelles mardi."
    )
    assert found(text) == []


def test_short_lines_are_not_compared():
    assert found("Partager\n\nLe texte.\n\nPartager") == []


def test_doubled_name_and_word():
    assert found("Près de Debaltsevo, région de Donetsk, Ukraine, Ukraine vendredi 3 décembre 2021.") == [("FR402", "major", "Ukraine, Ukraine")]
    assert found("Il a rencontré le le président mardi.") == [("FR402", "major", "le le")]
    assert found("Joe Biden Joe Biden a parlé avec Poutine.") == [("FR402", "major", "Joe Biden Joe Biden")]
    assert found("Le Kremlin a également a appelé à des garanties.") == []  # not adjacent: grammar's business


def test_legitimate_doublings():
    for text in (
        "Nous nous sommes rencontrés à Paris, et vous vous en souvenez.",
        "Non, non, je ne partirai pas, a-t-il répété.",
        "Il faut vacciner vite, vite, avant l'hiver.",
        "Lui, lui ne savait rien.",
        "Le musée consacré à la vie de De Gaulle a rouvert.",
        "Les vacanciers ont rejoint Bora Bora en avion.",
        "Il a rencontré Boutros Boutros-Ghali en 1995.",
        "Elles se sont aidées l'une l'autre.",
    ):
        assert found(text) == [], text


def test_de_de_is_reported():
    assert found("Il a parlé de de nombreux sujets.") == [("FR402", "major", "de de")]


_WORDS = ("maison jardin rivière montagne village voiture école marché forêt pont route église château "
          "musée port gare place usine ferme moulin prairie colline vallée lac île phare tour palais").split()


def _filler(n: int) -> list[str]:
    """``n`` distinct paragraphs of eight words drawn at random (seeded), none near another."""
    return [" ".join(random.Random(i).sample(_WORDS, 8)) + "." for i in range(n)]


def test_exact_copies_are_found_however_far_apart_near_copies_within_the_window():
    first = "Les États-Unis et l'Ukraine ont accusé la Russie d'avoir amassé jusqu'à 94 000 soldats près de la frontière."
    near = "Les États-Unis et l’Ukraine ont accusé la Russie d’avoir amassé jusqu’à 94 000 soldats près de la frontière ukrainienne."
    far = "\n\n".join([first, *_filler(150), first, near])
    findings = check_text(far, select=["FR401"])
    # The exact copy 150 paragraphs later is found; the near copy compares with the last 100
    # distinct paragraphs only, and the first is further back than that.
    assert [(f.line, "exact copy" in f.evidence) for f in findings] == [(2 * 152 - 1, True)]  # paragraph 152 starts on line 303
    close = "\n\n".join([*_filler(150), first, near])
    assert [f.line for f in check_text(close, select=["FR401"])] == [2 * 152 - 1]


def test_a_sentence_inside_a_reported_paragraph_is_not_reported_again():
    paragraph = "La séance est ouverte à quinze heures. Le président donne la parole au rapporteur du projet de loi."
    filler = "\n\n".join(_filler(5))
    findings = check_text(f"{paragraph}\n\n{filler}\n\n{paragraph}\n\n{filler}", select=["FR401"])
    # Only the repeated paragraph (and the filler's own second copy), never its sentences one by one.
    assert all(f.span.count(".") >= 1 and f.span not in paragraph.split(". ") for f in findings)
    assert sum(f.span == paragraph for f in findings) == 1

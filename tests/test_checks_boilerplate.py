"""FR3xx: page residue."""

from audit.checks.boilerplate import is_credit
from audit.checks.runner import check_text


def found(text, select=("FR3",)):
    return [(f.code, f.severity, f.span) for f in check_text(text, select=list(select))]


def test_share_line():
    text = "Partager:\n\nLe président américain Joe Biden et le président russe s'exprimeront jeudi."
    assert found(text) == [("FR301", "minor", "Partager:")]


def test_link_call_and_newsletter_appeal():
    text = "J’ai besoin que vous vous inscriviez à ma newsletter gratuite ➡️ ICI"
    result = found(text)
    assert ("FR301", "minor", "➡️ ICI") in result
    assert ("FR302", "minor", text) in result


def test_donation_appeals():
    assert [c for c, _, _ in found("Votre soutien est essentiel pour nous permettre de vous partager une information libre.")] == ["FR302"]
    assert [c for c, _, _ in found("N'hésitez pas à nous envoyer votre contribution via Paypal.")] == ["FR302"]


def test_appeals_quoted_or_reported_are_article_text():
    assert found("« Nous avons besoin de votre soutien », a déclaré la directrice de l'ONG.") == []
    assert found("Le groupe PayPal a publié des résultats supérieurs aux attentes.") == []
    assert found("Le ministre a reçu le soutien de son parti pour la réforme.") == []


def test_read_also_line_and_separator():
    assert found("Lire aussi : Les négociations reprennent à Genève") == [("FR301", "minor", "Lire aussi : Les négociations reprennent à Genève")]
    assert found("*********") == [("FR301", "info", "*********")]


def test_in_text_click_link_is_not_ui():
    assert found("Retrouvez en cliquant sur ce lien tout le calendrier en détail.") == []


def test_photo_credits():
    for credit in ("La Maison Blanche via Reuters", "Andriy Dubchak | AP", "Andriy Dubchak | PA", "Photo : John Thys / AFP", "© AFP", "John Thys/AFP"):
        assert is_credit(credit), credit
    for line in ("Grand Paris | Transports", "La Maison Blanche a confirmé l'information à Reuters", "Photo de famille des dirigeants du G7"):
        assert not is_credit(line), line


def test_credit_sentence_in_a_caption():
    text = "Le président ukrainien au siège de l'OTAN. L'Ukraine espère devenir membre. (Photo de John Thys/AFP via Getty Images)"
    assert found(text) == [("FR303", "minor", "(Photo de John Thys/AFP via Getty Images)")]


def test_caption_with_agency_in_parentheses_is_not_reported():
    text = "La présidente de la région, au Congrès des régions de France, le 30 septembre 2021 (AFP - Pascal GUYOT)"
    assert found(text) == []

"""FR5xx: typography."""

from audit.checks.runner import check_text


def found(text, select=("FR501", "FR502", "FR503", "FR504")):
    return [(f.code, f.severity, f.span) for f in check_text(text, select=list(select))]


def test_reversed_guillemet_after_elision():
    text = "Moscou a nié les accusations d' »actions agressives » de la part de l'Occident et les déclarations d' »agression » sont utilisées."
    result = found(text, ("FR501",))
    assert result == [("FR501", "major", "d' »actions agressives »"), ("FR501", "major", "d' »agression »")]


def test_guillemet_closing_a_quote():
    assert [c for c, _, _ in found("Il a parlé d'une « conversation franche « , a dit le Kremlin.", ("FR501",))] == ["FR501"]


def test_correct_guillemets():
    assert found("Moscou a nié les accusations d'« actions agressives » de la part de l'Occident.") == []


def test_unclosed_guillemet():
    text = "Il a déclaré que Biden n'avait «fait aucun engagement ou concession de ce type. Il soutient la proposition.\n\nSullivan a ensuite parlé."
    assert found(text, ("FR502",)) == [("FR502", "major", "«fait aucun engagement ou")]


def test_nested_unclosed_guillemet_is_minor():
    text = "« Lorsque le président a demandé à parler, Poutine a répondu : « Oui, parlons-en. Et il a dit oui.\n\nLe président est susceptible de réitérer."
    result = found(text, ("FR502",))
    assert [s for _, s, _ in result] == ["major", "minor"]
    assert result[1][2].startswith("« Oui, parlons-en")


def test_quote_running_over_paragraphs():
    repeated = "« Nous ne céderons pas. Nous irons jusqu'au bout.\n\n« Personne ne nous fera reculer », a-t-il ajouté."
    closed_later = "« Nous ne céderons pas.\n\nNous irons jusqu'au bout.\n\nPersonne ne nous fera reculer », a-t-il ajouté."
    assert found(repeated, ("FR502",)) == []
    assert found(closed_later, ("FR502",)) == []


def test_capital_article_before_a_country():
    text = "Le secrétaire général a réitéré la position selon laquelle La Russie n'a pas de veto."
    assert found(text, ("FR503",)) == [("FR503", "major", "La Russie")]


def test_capital_article_names_and_titles():
    for text in (
        "Selon Le Monde, la Cour pénale internationale de La Haye a été saisie.",
        "Marine Le Pen et Les Républicains ont réagi, tout comme La France insoumise.",
        "Le journal « La Russie d'aujourd'hui » a publié la lettre.",
        "Bruno Le Maire et Jean-Yves Le Drian se sont rendus au Caire.",
        "Le rappeur La Fouine a annoncé une tournée.",
        "La Russie a nié toute intention d'attaquer.",
    ):
        assert found(text, ("FR503",)) == [], text


def test_capital_article_before_common_noun_is_info():
    assert found("Il a ironisé sur la proposition, La candidate veut prouver qu'elle est là.", ("FR503",)) == [
        ("FR503", "info", "La candidate")
    ]


def test_space_before_comma():
    text = "« Les alliés sont inquiets » , écrit le journal."
    assert found(text, ("FR504",)) == [("FR504", "minor", "» ,")]
    assert found("« Les alliés sont inquiets », écrit le journal. Il a attendu... puis il est parti.", ("FR504",)) == []


def test_nits_are_info():
    findings = check_text('Kremlin: Poutine a parlé d\'une conversation « franche ». Il a dit "non".', select=["FR505", "FR506"])
    assert {f.code for f in findings} == {"FR505", "FR506"}
    assert all(f.severity == "info" for f in findings)

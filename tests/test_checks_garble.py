"""FR8xx: garbled fragments."""

from audit.checks.runner import check_text


def found(text, select=("FR8",)):
    return [(f.code, f.severity, f.span) for f in check_text(text, select=list(select))]


def test_fragment_sentence():
    text = "« La logique est claire », a-t-il écrit dans un communiqué. Publication Facebook."
    assert found(text) == [("FR801", "major", "Publication Facebook.")]


def test_deliberate_fragments_are_clean():
    assert found("Les troupes se sont remises en route vers le nord. Direction Kiev.") == []
    assert found("Le sommet s'est achevé sans accord. Une première depuis 1945.") == []
    assert found("Publication Facebook.") == []  # alone in its paragraph: a heading, not a split


def test_lost_agent():
    text = "Peskov a déclaré à Reuters que l'appel aurait lieu jeudi soir, comme cité par le 30 décembre."
    assert found(text) == [("FR802", "major", "comme cité par le 30 décembre")]
    assert found("Il a été cité par l'agence Interfax le 30 décembre.") == []
    assert found("Le texte doit être adopté par le Parlement d'ici le 30 décembre.") == []


def test_doubled_complement():
    text = "Cela fait suite à un entretien mercredi avec le secrétaire d'État américain Antony Blinken avec le dirigeant ukrainien, selon un porte-parole."
    result = found(text)
    assert [c for c, _, _ in result] == ["FR803"]
    assert "Antony Blinken avec le dirigeant ukrainien" in result[0][2]
    assert found("Un entretien entre le secrétaire d'État Antony Blinken et le dirigeant ukrainien.") == []
    assert found("Il a signé un accord avec la Chine avec des garanties de financement.") == []


def test_glued_media_name():
    text = "« Nous mettrons nos préoccupations sur la table », a déclaré un porte-parole du Conseil de sécurité nationale NBC News dans un communiqué."
    assert found(text) == [("FR804", "major", "nationale NBC News")]


def test_media_names_with_their_preposition_are_clean():
    for text in (
        "Le porte-parole a déclaré à Reuters que l'appel aurait lieu jeudi.",
        "Selon CNN, la chaîne NBC News a déclaré que l'agence de presse officielle Xinhua avait menti.",
        "La conduite a été tranquille, rapporte à l'AFP Moustapha, responsable de la sécurité.",
        "Les forces russes avancent, a rapporté mardi CNN.",
        "Les forces russes avancent, a déclaré la chaîne américaine CNN.",
        # An inverted subject right after the verb of saying: "CNN" is who reported, nothing is lost.
        "Le bilan s'est encore alourdi, a rapporté CNN dans la soirée.",
    ):
        assert found(text) == [], text

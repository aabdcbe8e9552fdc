"""FR401's comparison key and FR402's doubled names written in lower case.
Pinned from the mutation survivors (docs/MUTATION.md)."""

from audit.checks.repetition import normalise
from audit.checks.runner import check_text


def test_normalise_lowers_drops_punctuation_and_quote_styles_and_single_spaces():
    assert normalise("  L’État,   a «  tranché » !\n\tFin.  ") == "l état a tranché fin"
    assert normalise("L'État a tranché") == normalise("l’état a TRANCHÉ.")


def test_duplicate_paragraph_despite_quote_style_and_spacing():
    first = "Le gouvernement a annoncé mardi un nouveau plan d'aide pour les agriculteurs touchés par la sécheresse."
    again = "Le gouvernement a annoncé mardi un  nouveau plan d’aide pour les agriculteurs touchés par la sécheresse !"
    findings = check_text(first + "\n\n" + again, select=["FR401"])
    assert [f.code for f in findings] == ["FR401"]
    assert findings[0].start == len(first) + 2


def test_doubled_name_listed_in_lower_case_matches_any_capitalisation():
    # "bye bye" is listed in lower case: "Bye bye" at the start of a quote is the same word pair
    assert check_text("Il a lancé « Bye bye » à ses anciens collègues.", select=["FR402"]) == []
    # an unlisted pair with the same shape is still reported
    assert [f.span for f in check_text("Il a lancé « Salut salut » à ses anciens collègues.", select=["FR402"])] == ["Salut salut"]

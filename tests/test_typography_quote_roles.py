"""FR501/FR502/FR503 helpers: which way each guillemet points, how quotes balance and run
over paragraphs, and where a sentence starts (pinned from the mutation survivors)."""

from audit.checks.runner import check_text
from audit.checks.typography import Mark, _balance, _continues, _marks, _sentence_start_before
from audit.model import Paragraph


def paragraph(text, start=100):
    # a paragraph that does not start the document, so offsets must add its start
    return Paragraph(index=3, start=start, end=start + len(text), line=7, col=1, text=text, sentences=())


def paragraphs(*texts):
    result, start = [], 0
    for i, text in enumerate(texts):
        result.append(Paragraph(index=i, start=start, end=start + len(text), line=1 + 2 * i, col=1, text=text, sentences=()))
        start += len(text) + 2
    return result


def test_guillemet_glued_to_an_elision_opens_the_quote():
    text = "le refus d'»actions agressives » hier"
    first = text.index("»")
    assert _marks(paragraph(text)) == [Mark(100 + first, "open", True), Mark(100 + text.rindex("»"), "close", False)]


def test_guillemet_after_a_space_and_elision_opens_the_quote():
    text = "les accusations d' »agression » sont reprises"
    assert _marks(paragraph(text)) == [Mark(100 + text.index("»"), "open", True), Mark(100 + text.rindex("»"), "close", False)]


def test_bare_guillemet_before_a_word_opens_the_quote():
    text = "il a répondu »jamais » sans hésiter"
    assert _marks(paragraph(text)) == [Mark(100 + text.index("»"), "open", True), Mark(100 + text.rindex("»"), "close", False)]


def test_guillemet_before_punctuation_closes_the_quote():
    text = "une « conversation franche « , a dit le Kremlin"
    assert _marks(paragraph(text)) == [Mark(100 + text.index("«"), "open", False), Mark(100 + text.rindex("«"), "close", True)]


def test_guillemets_the_right_way_are_not_reversed():
    text = "il a dit « non » puis « oui »"
    marks = _marks(paragraph(text, start=40))
    assert [(m.offset - 40, m.role, m.reversed) for m in marks] == [
        (text.index("«"), "open", False), (text.index("»"), "close", False),
        (text.rindex("«"), "open", False), (text.rindex("»"), "close", False),
    ]


def test_balance_returns_the_marks_left_open_and_the_stray_closings():
    stray = Mark(5, "close")
    opened = Mark(9, "open")
    pair = [Mark(12, "open"), Mark(20, "close")]
    assert _balance([stray, opened, *pair]) == ([opened], [stray])
    assert _balance(pair) == ([], [])


def _unclosed_continues(*texts):
    paras = paragraphs(*texts)
    return _continues(paras, [_marks(p) for p in paras], 0)


def test_continuation_is_searched_three_paragraphs_ahead_and_no_further():
    opened = "« Nous ne céderons pas."
    assert _unclosed_continues(opened, "Il se tait.", "Il attend.", "Personne ne nous fera reculer », dit-il.")
    assert not _unclosed_continues(opened, "Il se tait.", "Il attend.", "Il repart.", "« Personne ne nous fera reculer », dit-il.")


def test_continuation_may_follow_leading_spaces():
    assert _unclosed_continues("« Nous ne céderons pas.", "  « Personne ne nous fera reculer », dit-il.")


def test_a_paragraph_starting_with_another_letter_does_not_continue():
    assert not _unclosed_continues("« Nous ne céderons pas.", "Xavier Bertrand a répondu.")


def test_a_new_quote_opened_mid_paragraph_stops_the_search():
    assert not _unclosed_continues("« Nous ne céderons pas.", "Le ministre a dit « rien de plus.", "« Personne ne nous fera reculer », dit-il.")


def test_unclosed_quote_with_continuation_too_far_is_reported():
    text = "\n\n".join(("Il a dit « nous ne céderons pas.", "Il se tait.", "Il attend.", "Il repart.", "« Personne ne nous fera reculer », dit-il."))
    assert [(f.code, f.span) for f in check_text(text, select=["FR502"])] == [("FR502", "« nous ne céderons pas")]


def test_sentence_start_after_a_full_stop_or_a_line_break():
    text = "Il a parlé. La Russie"
    assert _sentence_start_before(text, text.index("La"))
    assert _sentence_start_before("Titre\nLa Russie", 6)
    assert _sentence_start_before("La Russie", 0)
    assert _sentence_start_before("« La Russie", 2)


def test_mid_sentence_is_not_a_sentence_start():
    text = "Il l'a écrit sur X La Russie"
    assert not _sentence_start_before(text, text.index("La"))
    assert not _sentence_start_before("selon laquelle La Russie", 15)


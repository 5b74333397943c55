"""One way to say things in Indonesian and English (shared/core/messages.py): every catalog —
the domain's errors, the kiosk's, the printer's and the display's — says each sentence in both
languages with the same placeholders, and fills them the same way."""

from __future__ import annotations

import string

import pytest

import display.texts
import kiosk.printer.texts
import kiosk.texts
from shared.core.access.sentences import ACCESS_ERRORS
from shared.core.errors import ERRORS, DomainError, FieldError, InvalidInput, NotFound, Throttled
from shared.core.feedback.sentences import FEEDBACK_ERRORS
from shared.core.messages import Bilingual, Catalog, Sentence
from shared.core.queue.sentences import QUEUE_ERRORS
from shared.core.visitors.sentences import VISITOR_ERRORS

CATALOGS = {"errors": ERRORS, "access errors": ACCESS_ERRORS, "feedback errors": FEEDBACK_ERRORS,
            "queue errors": QUEUE_ERRORS, "visitor errors": VISITOR_ERRORS,
            "kiosk": kiosk.texts.TEXTS, "printer": kiosk.printer.texts.TEXTS,
            "display": display.texts.TEXTS}
# The one sentence whose placeholders differ on purpose: its English is email_validator's own
# reason (it has none in Indonesian), its Indonesian says what to check.
UNEVEN = {("visitor errors", "email_domain_incomplete"): ({"domain"}, {"reason"}),
          ("visitor errors", "email_invalid"): (set(), {"reason"})}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("area", sorted(CATALOGS))
def test_every_sentence_in_both_languages_with_the_same_placeholders(area: str) -> None:
    for code, sentence in CATALOGS[area].items():
        assert isinstance(sentence, Bilingual), code
        assert sentence.message_id.strip() and sentence.message_en.strip(), code
        expected = UNEVEN.get((area, code))
        placeholders = (_placeholders(sentence.message_id), _placeholders(sentence.message_en))
        if expected is None:
            assert placeholders[0] == placeholders[1], code
        else:
            assert placeholders == expected, code


def test_a_catalog_fills_placeholders_in_the_language_asked_for() -> None:
    catalog = Catalog({"code": Sentence("Kode {code}", "Code {code}")})
    assert catalog.text("code", "id", code="4821") == "Kode 4821"
    assert catalog.text("code", "en", code="4821") == "Code 4821"
    assert catalog.text("code", "xx", code="4821") == "Kode 4821"  # Indonesian by default
    assert catalog["code"].format(code=7) == Sentence("Kode 7", "Code 7")
    assert "code" in catalog and "other" not in catalog
    with pytest.raises(KeyError):
        catalog.text("other", "id")


def test_a_domain_error_in_the_catalogs_words() -> None:
    error = NotFound.said("desk_not_found", field="desk", desk="9")
    assert (error.code, error.field, error.status) == ("desk_not_found", "desk", "not_found")
    assert error.message("id") == "Meja '9' tidak ada."
    assert error.message("en") == str(error) == "There is no desk '9'."
    assert DomainError.said("ticket_not_found").message_en == "Ticket not found."


def test_a_domain_error_in_another_areas_catalog() -> None:
    error = Throttled.said_after(30, "too_many_logins", field="password", words=ACCESS_ERRORS,
                                 wait=30)
    assert (error.code, error.field, error.retry_after) == ("too_many_logins", "password", 30)
    assert error.message("en") == "Too many failed logins. Try again in 30 seconds."
    # a key of its own where one code has several sentences
    closed = FieldError.said("password", "too_short", words=ACCESS_ERRORS,
                             key="password_too_short")
    assert (closed.code, closed.message_id) == ("too_short", "Kata sandi minimal 8 karakter.")
    # a Bilingual value is said in each language
    invalid = InvalidInput.said_of("comment", "not_text", words=FEEDBACK_ERRORS,
                                   label=FEEDBACK_ERRORS["label.comment"])
    assert [invalid.message("id"), invalid.message("en")] == [
        "Komentar harus berupa teks.", "The comment must be text."]
    assert invalid.errors[0].field == "comment"

"""Rating at the real kiosk app, by touch, against the real server process: the number, the
rating code printed on the ticket, a face, the nine SKM answers, a comment, thanks; a wrong
code and a refusal in words; desk mode (no code); a complaint with its contact and today's
number."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from shared.api.client import ApiError
from shared.core.feedback.satisfaction import ELEMENTS
from tests.support.kiosk_driver import ARTIFACTS, KioskDriver
from tests.support.offices import Office, visitor

pytestmark = pytest.mark.slow



def finished(office: Office, n: int, desk: str = "1") -> tuple[int, str]:
    """A visit finished at ``desk``: (ticket id, the rating code printed on its paper)."""
    ticket = office.kiosk.take_ticket("KONSULTASI", visitor(n), consent=True)
    called = office.officer.call_next(desk)
    assert called is not None and called.id == ticket.id
    office.officer.finish(ticket.id)
    return ticket.id, ticket.rating_code


def type_code(kiosk: KioskDriver, code: str) -> None:
    """The code on the big keypad, then **Lanjut**."""
    for digit in code:
        kiosk.tap(digit)
    kiosk.tap("Lanjut")


def to_faces(kiosk: KioskDriver, number: str, code: str) -> None:
    kiosk.tap("Beri Penilaian / Pengaduan")
    kiosk.wait_for(lambda: kiosk.view.rating.loaded, "today's finished numbers")
    kiosk.tap(number)
    kiosk.wait_for(lambda: kiosk.view.rating.stage == "code", "the rating code")
    type_code(kiosk, code)
    kiosk.wait_for(lambda: kiosk.view.rating.stage == "faces", "the faces")


def test_rate_a_finished_visit_by_touch(kiosk: KioskDriver, served_office: Office) -> None:
    finished(served_office, 1)
    ticket_id, code = finished(served_office, 2)
    kiosk.tap("Beri Penilaian / Pengaduan")
    kiosk.wait_for(lambda: kiosk.view.rating.loaded, "today's finished numbers")
    assert kiosk.shows("K-001") and kiosk.shows("K-002")
    kiosk.tap("2")  # the keypad narrows the list to the numbers with a 2
    assert kiosk.shows("K-002") and not kiosk.shows("K-001")
    kiosk.screenshot(ARTIFACTS / "rating-pick.png")
    kiosk.tap("K-002")
    kiosk.wait_for(lambda: kiosk.view.rating.stage == "code", "the rating code")
    assert kiosk.shows("Ketik kode penilaian (4 angka)") and kiosk.shows("Nomor K-002")
    kiosk.tap(code[0])
    kiosk.tap(code[1])
    assert kiosk.find("Lanjut").disabled  # two digits short
    kiosk.screenshot(ARTIFACTS / "rating-code.png")
    kiosk.tap(code[2])
    kiosk.tap(code[3])
    assert kiosk.view.rating.code == code
    kiosk.tap("Lanjut")
    kiosk.wait_for(lambda: kiosk.view.rating.stage == "faces", "the faces")
    kiosk.screenshot(ARTIFACTS / "rating-faces.png")
    kiosk.tap(kiosk.find("Sangat puas", exact=False))
    kiosk.tap("Isi survei")
    for n, element in enumerate(ELEMENTS):
        assert kiosk.shows(f"Pertanyaan {n + 1} dari 9")
        if n == 0:
            kiosk.screenshot(ARTIFACTS / "rating-question.png")
        kiosk.tap(element.answers[3 if n % 2 == 0 else 2])
    assert kiosk.view.rating.stage == "comment"
    kiosk.tap_keys("RAMAH")
    assert kiosk.view.rating.comment == "Ramah"
    kiosk.screenshot(ARTIFACTS / "rating-comment.png")
    kiosk.tap("Kirim penilaian")
    kiosk.wait_for(lambda: kiosk.view.rating.stage == "thanks", "the thank-you")
    assert kiosk.shows("Terima kasih atas penilaian Anda!")
    kiosk.screenshot(ARTIFACTS / "rating-thanks.png")
    ikm = served_office.admin.ikm("2020-01-01", "2029-12-31")
    assert ikm.respondents == 1
    assert [e.mean for e in ikm.elements][:2] == [4.0, 3.0]
    with pytest.raises(ApiError):  # the kiosk's rating is the ticket's one rating
        served_office.kiosk.rate(ticket_id, 1, rating_code=code)


def test_a_wrong_code_is_said_and_typed_again(kiosk: KioskDriver, served_office: Office) -> None:
    ticket_id, code = finished(served_office, 1)
    wrong = f"{(int(code) + 1) % 10000:04d}"
    to_faces(kiosk, "K-001", wrong)
    kiosk.tap(kiosk.find("Puas", exact=False))
    kiosk.tap("Lewati")
    kiosk.tap("Kirim penilaian")
    kiosk.wait_for(lambda: kiosk.view.rating.problem is not None, "the refusal")
    assert kiosk.view.rating.stage == "code"  # back on the keypad, the face kept
    assert kiosk.shows("Kode penilaian tidak cocok dengan tiket K-001")
    kiosk.screenshot(ARTIFACTS / "rating-wrong-code.png")
    type_code(kiosk, code)  # Lanjut sends the rating filled in before
    kiosk.wait_for(lambda: kiosk.view.rating.stage == "thanks", "the thank-you")
    assert served_office.kiosk.rateable() == []  # rated, once
    with pytest.raises(ApiError) as again:
        served_office.kiosk.rate(ticket_id, 1, rating_code=code)
    assert again.value.code == "already_rated"


def test_a_second_rating_is_refused_in_words(kiosk: KioskDriver, served_office: Office) -> None:
    ticket_id, code = finished(served_office, 1)
    to_faces(kiosk, "K-001", code)
    kiosk.tap(kiosk.find("Puas", exact=False))
    kiosk.tap("Lewati")
    served_office.kiosk.rate(ticket_id, 4, rating_code=code)  # meanwhile rated on the phone
    kiosk.tap("Kirim penilaian")
    kiosk.wait_for(lambda: kiosk.view.rating.problem is not None, "the refusal")
    assert kiosk.shows("Tiket K-001 sudah dinilai")
    kiosk.screenshot(ARTIFACTS / "rating-refused.png")


def test_desk_mode_shows_the_finished_visitor_by_itself(
    served_office: Office, kiosk_for: Callable[..., KioskDriver]
) -> None:
    tablet = kiosk_for(served_office, desk="1")
    assert tablet.view.step == "rating"
    tablet.wait_for(lambda: tablet.view.rating.loaded, "the desk's finished tickets")
    assert tablet.shows("Penilaian muncul di sini")
    finished(served_office, 5, desk="1")
    # The tablet asks every second (its tick): the faces come without a touch.
    tablet.wait_for(lambda: tablet.view.rating.stage == "faces", "the finished visitor")
    assert tablet.shows("Nomor K-001")
    tablet.screenshot(ARTIFACTS / "rating-desk.png")
    tablet.tap(tablet.find("Sangat puas", exact=False))
    tablet.tap("Lewati")
    tablet.tap("Kirim penilaian")
    tablet.wait_for(lambda: tablet.view.rating.stage == "thanks", "the thank-you")
    report = served_office.admin.report("2020-01-01", "2020-12-31")
    assert report.ratings == 0  # (a range without the visit)


def complaint_screen(kiosk: KioskDriver) -> Any:
    return kiosk.app.root.ids.screens.current_screen


def test_a_complaint_at_the_kiosk(kiosk: KioskDriver, served_office: Office) -> None:
    ticket_id, _ = finished(served_office, 1)
    served_office.kiosk.take_ticket("KONSULTASI", visitor(2), consent=True)  # K-002, still waiting
    kiosk.tap("Beri Penilaian / Pengaduan")
    kiosk.wait_for(lambda: kiosk.view.rating.loaded, "the rating screen")
    kiosk.tap("Pengaduan")
    kiosk.wait_for(lambda: kiosk.view.rating.complaint.loaded, "today's numbers")
    assert kiosk.view.step == "complaint"
    assert kiosk.shows("pengaduan7501@gmail.com")  # the official channels beside the form
    kiosk.tap_keys("AC MATI")
    kiosk.tap("Lanjut")
    assert kiosk.shows("paling sedikit 10 karakter")  # beside the field; nothing sent
    kiosk.tap_keys(" SEJAK PAGI")
    kiosk.tap("Lanjut")
    assert kiosk.view.rating.complaint.page == 1
    kiosk.tap_keys("siti@gmail")  # the email keyboard: the email field has the focus
    screen = complaint_screen(kiosk)
    kiosk.tap(screen.inputs["phone"])
    kiosk.tap_keys("0812")
    kiosk.tap("Lanjut")
    assert kiosk.view.rating.complaint.page == 1
    assert kiosk.shows("Bagian setelah @ (gmail) belum lengkap")  # beside each field
    assert kiosk.shows("Nomor telepon harus 9 sampai 15 angka (Anda mengetik 4)")
    kiosk.screenshot(ARTIFACTS / "complaint-contact-error.png")
    kiosk.tap(screen.inputs["email"])
    kiosk.tap_keys(".com")
    kiosk.tap(screen.inputs["phone"])
    kiosk.tap_keys("34567890")
    kiosk.tap("Lanjut")
    assert kiosk.view.rating.complaint.page == 2
    assert kiosk.shows("K-001") and kiosk.shows("K-002")
    kiosk.tap_keys("1")  # the keypad narrows today's numbers to those with a 1
    assert kiosk.shows("K-001") and not kiosk.shows("K-002")
    kiosk.tap("K-001")
    kiosk.screenshot(ARTIFACTS / "complaint-ticket.png")
    kiosk.tap("Kirim pengaduan")
    kiosk.wait_for(lambda: kiosk.view.rating.stage == "thanks", "the thank-you")
    assert kiosk.shows("Pengaduan Anda sudah kami terima")
    (filed,) = served_office.admin.complaints().complaints  # as the admin's console reads them
    assert filed.text == "Ac mati sejak pagi"  # the keyboard capitalises the first letter
    assert (filed.contact_email, filed.contact_phone) == ("siti@gmail.com", "081234567890")
    assert (filed.ticket_id, filed.ticket_number) == (ticket_id, "K-001")
    assert filed.channel == "kiosk"

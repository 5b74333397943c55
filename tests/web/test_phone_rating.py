"""Rating and complaining from the ticket's phone page, in headless Chromium at phone size."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from shared.api.client import ApiError
from tests.support.offices import Office, visitor

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, locale="id-ID")
    page = context.new_page()
    yield page
    context.close()


def _finished_visit(office: Office, n: int) -> tuple[int, str]:
    ticket = office.kiosk.take_ticket("KONSULTASI", visitor(n), consent=True)
    called = office.officer.call_next("1")
    assert called is not None and called.id == ticket.id
    office.officer.finish(ticket.id)
    return ticket.id, ticket.status_url


def _fits(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_rate_with_faces_and_the_nine_questions(web_office: Office, phone: Page,
                                                screenshots: Path) -> None:
    ticket_id, url = _finished_visit(web_office, 31)
    phone.goto(url)
    assert "Layanan selesai" in phone.locator(".state").inner_text()
    form = phone.locator("form#rating")
    assert form.locator(".faces label").count() == 4
    assert form.locator("fieldset.answers").count() == 9
    assert "Bagaimana pendapat Saudara" in form.locator("legend.q").first.inner_text()
    _fits(phone)
    # The stylesheet is applied under the page's CSP (a blocked one leaves bare HTML).
    assert phone.evaluate(
        "getComputedStyle(document.querySelector('.number')).fontSize") == "64px"
    assert phone.evaluate("getComputedStyle(document.querySelector('form button'))"
                          ".backgroundColor") == "rgb(11, 92, 173)"
    phone.screenshot(path=screenshots / "phone-rating-form.png", full_page=True)

    phone.get_by_text("Sangat puas").click()
    phone.get_by_text("Sesuai", exact=True).first.click()  # only question 1: incomplete
    phone.locator("button[type=submit]").first.click()
    alert = phone.locator(".error")
    assert "kesembilan pertanyaan" in alert.inner_text()
    assert phone.locator("input[name=overall][value='4']").is_checked()  # kept
    phone.screenshot(path=screenshots / "phone-rating-incomplete.png", full_page=True)

    answers = [4, 3, 4, 4, 3, 4, 4, 3, 3]
    for element, answer in enumerate(answers, start=1):
        phone.locator(f"input[name=u{element}][value='{answer}']").check()
    phone.locator("textarea[name=comment]").fill("Petugas sangat membantu")
    phone.locator("button[type=submit]").first.click()
    assert "Terima kasih atas penilaian Anda" in phone.locator("#thanks").inner_text()
    assert phone.locator("form#rating").count() == 0
    phone.screenshot(path=screenshots / "phone-rating-thanks.png", full_page=True)

    around = [(date.today() + timedelta(days=d)).isoformat() for d in (-1, 1)]
    csv_text = web_office.web.get(
        f"{web_office.url}/api/v1/reports/skm.csv?from={around[0]}&to={around[1]}",
        headers={"Authorization": f"Bearer {web_office.admin.token}"}).text
    assert ",4,4,3,4,4,3,4,4,3,3\r\n" in csv_text  # face 4, then the nine answers
    with pytest.raises(ApiError) as again:
        web_office.client(url.rsplit("/", 1)[1]).rate(ticket_id, 1)
    assert again.value.status == 409 and "sudah dinilai" in again.value.detail["message_id"]


def test_a_waiting_ticket_has_no_rating_form(web_office: Office, phone: Page) -> None:
    ticket = web_office.kiosk.take_ticket("KONSULTASI", visitor(32), consent=True)
    phone.goto(ticket.status_url)
    assert phone.locator("form#rating").count() == 0
    assert phone.locator("a.complain").count() == 1
    web_office.officer.call_next("1")
    web_office.officer.finish(ticket.id)


def test_complaint_from_the_phone(web_office: Office, phone: Page, screenshots: Path) -> None:
    _, url = _finished_visit(web_office, 33)
    phone.goto(url)
    phone.locator("a.complain").click()
    assert "s.bps.go.id/pengaduan_gorontalo" in phone.locator("form#complaint").inner_text()
    phone.locator("textarea[name=text]").fill("ok")
    phone.locator("form#complaint button").click()
    assert "paling sedikit 10 karakter" in phone.locator(".error").inner_text()
    phone.locator("textarea[name=text]").fill("Toilet pengunjung terkunci sepanjang pagi.")
    phone.locator("input[name=contact_phone]").fill("0812 9999 0000")
    _fits(phone)
    phone.screenshot(path=screenshots / "phone-complaint-form.png", full_page=True)
    phone.locator("form#complaint button").click()
    assert "Pengaduan Anda sudah kami terima" in phone.locator("#thanks").inner_text()
    filed = web_office.admin.complaints("new").complaints[0]
    assert filed.text == "Toilet pengunjung terkunci sepanjang pagi."
    assert filed.contact_phone == "081299990000" and filed.channel == "phone"

"""The phone page behind a ticket's QR code, in a real (headless) browser at phone size."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.support.offices import PERSONAL, VISITOR, Office, visitor

PHONE = {"width": 360, "height": 740}  # a small Android phone, common among visitors


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, locale="id-ID")
    page = context.new_page()
    yield page
    context.close()


def _fits_the_screen(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide: it scrolls sideways"


def test_waiting_then_called_then_done(web_office: Office, phone: Page, screenshots: Path) -> None:
    web_office.kiosk.take_ticket("KONSULTASI", visitor(1), consent=True)
    web_office.kiosk.take_ticket("KONSULTASI", visitor(2), consent=True)
    mine = web_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)

    phone.goto(mine.status_url)
    assert phone.locator(".number").inner_text() == "K-003"
    assert "Konsultasi Statistik" in phone.content()
    people_ahead = phone.locator("dd").first.inner_text()
    assert people_ahead == "2"
    assert "menit" in phone.locator("dd").nth(1).inner_text()
    _fits_the_screen(phone)
    phone.screenshot(path=screenshots / "status-waiting.png", full_page=True)
    body = phone.locator("body").inner_text()
    for secret in PERSONAL:
        assert secret not in body

    first = web_office.officer.call_next("1")
    assert first is not None
    web_office.officer.finish(first.id)
    web_office.officer.call_next("2")
    third = web_office.officer.call_next("1")
    assert third is not None and third.number == "K-003"
    phone.reload()
    assert "Silakan menuju Meja Konsultasi 1" in phone.locator(".go").inner_text()
    _fits_the_screen(phone)
    phone.screenshot(path=screenshots / "status-called.png", full_page=True)

    web_office.officer.finish(third.id)
    phone.reload()
    assert "Layanan selesai" in phone.locator("body").inner_text()
    phone.screenshot(path=screenshots / "status-done.png", full_page=True)


def test_unknown_ticket(web_office: Office, phone: Page, screenshots: Path) -> None:
    response = phone.goto(f"{web_office.url}/t/bukan-tiket")
    assert response is not None and response.status == 404
    assert "Tiket tidak ditemukan" in phone.locator("body").inner_text()
    _fits_the_screen(phone)
    phone.screenshot(path=screenshots / "status-not-found.png", full_page=True)

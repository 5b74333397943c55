"""The admin's report and complaint pages in the console, in headless Chromium, against the
real server process on a SQLite file seeded with a December whose figures are known."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from shared.core.calendar.clock import OfficeCalendar
from shared.core.feedback.use_cases import FeedbackOffice
from shared.core.queue.office import QueueOffice
from shared.settings_file import load_settings
from shared.storage.identity_key import keyring_in
from shared.storage.sqlite.store import SqliteStore
from tests.support.fakes import FakeClock
from tests.support.feedback_seed import seed_december
from tests.support.offices import LIBRARY, Office, start_office

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DESKTOP = {"width": 1366, "height": 900}
ADMIN = ("kepala", "rahasia-kepala")
# The library office's services; desk 2 serves both (the seed refers a visitor there).
CONFIG = LIBRARY.split("[[desks]]")[0] + """
[[desks]]
id = "1"
name = "Meja Konsultasi 1"
name_en = "Consultation Desk 1"

[[desks]]
id = "2"
name = "Meja Konsultasi 2"
name_en = "Consultation Desk 2"
services = ["KONSULTASI", "PERPUSTAKAAN"]
"""


@pytest.fixture(scope="module")
def december_office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:
    """December 2026 seeded (tests/support/feedback_seed.py), then the server started on 15
    December 2026 with that file."""
    root = tmp_path_factory.mktemp("reports")
    config = root / "pst-antrian.toml"
    config.write_text(CONFIG, encoding="utf-8")
    settings = load_settings(config)
    store = SqliteStore(root / "data")
    clock = FakeClock(datetime(2026, 11, 30, 1, 0, tzinfo=UTC))
    calendar = OfficeCalendar(settings, clock)
    queue = QueueOffice(store, settings, calendar, keyring_in(root / "data"))
    seeded = seed_december(queue, clock)
    feedback = FeedbackOffice(store, settings, calendar)
    for ticket, face, skm in ((seeded.v1, 4, [4] * 9), (seeded.v2, 3, [3] * 9),
                              (seeded.v4, 2, None)):
        assert ticket.id is not None
        feedback.rate(ticket.id, face, skm, None, "kiosk", rating_code=ticket.rating_code)
    store.close()
    started = start_office(root, CONFIG, clock_start="2026-12-15T10:00:00+08:00")
    yield started
    started.process.stop()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP, locale="id-ID")  # type: ignore[arg-type]
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert errors == []


def log_in(page: Page, office: Office) -> None:
    page.goto(f"{office.url}/console")
    page.fill("#login-username", ADMIN[0])
    page.fill("#login-password", ADMIN[1])
    page.click("#login-form button[type=submit]")
    expect(page.locator("#topbar")).to_be_visible()


def _figure(page: Page, label: str) -> str:
    return page.locator(".figure", has_text=label).locator("strong").inner_text()


def test_monthly_report_with_charts_and_print(december_office: Office, page: Page) -> None:
    log_in(page, december_office)
    page.click("nav a[data-section=reports]")
    expect(page.locator("#headline")).to_be_visible()
    assert _figure(page, "Pengunjung") == "5"
    assert _figure(page, "Nomor antrian") == "6"
    assert _figure(page, "Tunggu (median)") == "10 menit"
    assert _figure(page, "Tunggu (p90)") == "25 menit"
    assert _figure(page, "Layanan (median)") == "15 menit"
    assert _figure(page, "Tidak hadir") == "1" and _figure(page, "Rujukan") == "1"
    assert _figure(page, "IKM") == "87.50 (B, Baik)"
    expect(page.locator("img.chart")).to_have_count(4)
    for chart in page.locator("img.chart").all():
        assert chart.evaluate("img => img.complete && img.naturalWidth") == 640
    assert "petugas2" in page.locator("#per-officer").inner_text()
    assert "Tugas Kuliah" in page.locator("#per-purpose").inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "report-month.png", full_page=True)

    page.emulate_media(media="print")
    assert not page.locator("#topbar").is_visible()
    assert page.locator(".print-only").is_visible()
    page.screenshot(path=SCREENSHOTS / "report-print.png", full_page=True)
    page.emulate_media(media="screen")

    with page.expect_download() as download:
        page.click("#skm-csv")
    assert download.value.suggested_filename == "skm-2026-12-01-2026-12-31.csv"


def test_a_range_outside_the_data_says_no_data(december_office: Office, page: Page) -> None:
    log_in(page, december_office)
    page.click("nav a[data-section=reports]")
    expect(page.locator("#headline")).to_be_visible()
    page.fill("#report-filters input[name=from]", "2026-10-01")
    page.fill("#report-filters input[name=to]", "2026-10-31")
    page.click("#report-filters button[type=submit]")
    expect(page.locator(".period")).to_contain_text("Oktober")
    assert _figure(page, "Pengunjung") == "0" and _figure(page, "IKM") == "–"


def test_month_picker_names_months_in_the_consoles_language(december_office: Office,
                                                            browser: Browser) -> None:
    """The browser speaks English (as a borrowed laptop may); the console is in Indonesian,
    so are its months; in English, English ones."""
    context = browser.new_context(viewport=DESKTOP, locale="en-US")  # type: ignore[arg-type]
    page = context.new_page()
    log_in(page, december_office)
    page.click("nav a[data-section=reports]")
    picker = page.locator("#report-filters select[name=month]")
    expect(picker.locator("option:checked")).to_have_text("Desember 2026")
    assert picker.locator("option").nth(2).inner_text() == "November 2026"
    assert picker.locator("option").nth(3).inner_text() == "Oktober 2026"
    picker.select_option("2026-10")
    expect(page.locator(".period")).to_contain_text("1 Oktober 2026")
    assert page.locator("#report-filters input[name=from]").input_value() == "2026-10-01"
    assert page.locator("#report-filters input[name=to]").input_value() == "2026-10-31"
    page.fill("#report-filters input[name=from]", "2026-12-02")
    page.fill("#report-filters input[name=to]", "2026-12-09")
    page.click("#report-filters button[type=submit]")
    expect(page.locator(".period")).to_contain_text("2 Desember 2026")
    expect(picker.locator("option:checked")).to_have_text("–")  # not a whole month
    page.click("#topbar [data-lang-switch]")
    picker = page.locator("#report-filters select[name=month]")
    expect(picker.locator("option").nth(1)).to_have_text("December 2026")
    expect(picker.locator("option").nth(3)).to_have_text("October 2026")
    context.close()


def test_complaints_with_open_count_and_status_filter(december_office: Office, page: Page) -> None:
    december_office.kiosk.file_complaint("Ruang tunggu terlalu panas di siang hari.",
                                         contact_email="warga@example.com")
    december_office.kiosk.file_complaint("Petugas meja 2 datang terlambat pagi ini.")
    log_in(page, december_office)
    badge = page.locator("[data-badge=complaints]")
    expect(badge).to_have_text("2")  # visible on the front page, whichever section opens
    page.click("nav a[data-section=complaints]")
    expect(page.locator("table.complaints tbody tr")).to_have_count(2)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "complaints.png", full_page=True)

    row = page.locator("tr", has_text="terlalu panas")
    row.locator("textarea.reply").fill("Teknisi AC datang besok pagi.")
    row.locator("select.status").select_option("in_progress")
    row.locator("button").click()
    # The list is drawn again from the server's answer: wait for it before the next row.
    expect(page.locator("tr", has_text="terlalu panas").locator(".tag")).to_have_text(
        "Sedang ditangani")
    row = page.locator("tr", has_text="terlambat")
    row.locator("select.status").select_option("closed")
    row.locator("button").click()
    expect(badge).to_have_text("1")
    expect(page.locator("#open-complaints")).to_contain_text("Pengaduan terbuka: 1")
    page.click("#complaints-closed")
    expect(page.locator("table.complaints tbody tr")).to_have_count(1)
    expect(page.locator("table.complaints tbody tr")).to_contain_text("terlambat")
    listed = december_office.admin.complaints("in_progress").complaints
    assert [c.reply for c in listed] == ["Teknisi AC datang besok pagi."]

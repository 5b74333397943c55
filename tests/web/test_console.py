"""The officers' console in a real (headless) Chromium against the real server process.

The office has a consultation desk and a library desk, and its clock starts on Wednesday
23 December 2026, 10:00 WITA: Thursday is cuti bersama, Friday Christmas, then the weekend.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from shared.api.client import ApiError
from tests.support.offices import ADMIN, LIBRARY, OFFICER, VISITOR, Office, start_office, visitor

BEFORE_CHRISTMAS = "2026-12-23T10:00:00+08:00"
DESKTOP = {"width": 1366, "height": 768}


@pytest.fixture
def library_office(tmp_path: Path) -> Iterator[Office]:
    started = start_office(tmp_path, LIBRARY, clock_start=BEFORE_CHRISTMAS)
    yield started
    started.process.stop()


class Problems:
    """What the page itself complained about: script errors and refused resources (CSP)."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def watch(self, page: Page) -> None:
        page.on("pageerror", lambda error: self.seen.append(f"script error: {error}"))
        page.on("console", lambda message: self.seen.append(f"console: {message.text}")
                if message.type == "error" and "Failed to load resource" not in message.text
                else None)


@pytest.fixture
def problems() -> Iterator[Problems]:
    found = Problems()
    yield found
    assert found.seen == []


def _open(browser: Browser, problems: Problems, viewport: dict[str, int] = DESKTOP,
          ) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport=viewport, locale="id-ID")  # type: ignore[arg-type]
    page = context.new_page()
    problems.watch(page)
    return context, page


@pytest.fixture
def page(browser: Browser, problems: Problems) -> Iterator[Page]:
    context, opened = _open(browser, problems)
    yield opened
    context.close()


def log_in(page: Page, office: Office, who: tuple[str, str] = OFFICER, desk: str = "1") -> None:
    if "/console" not in page.url:
        page.goto(f"{office.url}/console")
    page.fill("#login-username", who[0])
    page.fill("#login-password", who[1])
    page.select_option("#login-desk", desk)
    page.click("#login-form button[type=submit]")
    expect(page.locator("#topbar")).to_be_visible()


def current_number(page: Page) -> str:
    return page.locator("#current-number").inner_text()


def _fits(page: Page, width: int) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"the page is {scroll}px wide: it scrolls sideways"


# --- logging in -----------------------------------------------------------------------------


def test_a_page_opened_without_login_lands_on_login(library_office: Office, page: Page) -> None:
    page.goto(f"{library_office.url}/")
    assert page.url == f"{library_office.url}/console"
    expect(page.locator("#login-form")).to_be_visible()
    expect(page.locator("#topbar")).to_be_hidden()
    expect(page.locator("#sections")).to_be_hidden()
    # the desks come from the server after the page: wait for them, don't read them at once
    expect(page.locator("#login-desk option")).to_have_text(
        ["(tanpa meja)", "Meja Konsultasi 1", "Meja Perpustakaan"])

    page.goto(f"{library_office.url}/console#/admin")
    expect(page.locator("#login-form")).to_be_visible()
    expect(page.locator("#users")).to_have_count(0)


def test_a_wrong_password_is_said_in_words(library_office: Office, page: Page) -> None:
    page.goto(f"{library_office.url}/console")
    page.fill("#login-username", "petugas1")
    page.fill("#login-password", "salah-sandi")
    page.click("#login-form button[type=submit]")
    expect(page.locator("#login-error")).to_have_text("Nama pengguna atau kata sandi salah.")


def test_log_out_ends_the_session_on_the_server(library_office: Office, page: Page) -> None:
    log_in(page, library_office)
    token = page.evaluate("JSON.parse(sessionStorage.getItem('pst.session')).token")

    page.click("#logout")

    expect(page.locator("#login-message")).to_have_text("Anda sudah keluar.")
    with pytest.raises(ApiError) as caught:
        library_office.client(token).tickets()
    assert caught.value.status == 401


# --- the desk -------------------------------------------------------------------------------


def test_call_next_recall_note_finish_and_no_show(
    library_office: Office, page: Page, screenshots: Path
) -> None:
    library_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    library_office.kiosk.take_ticket("KONSULTASI", visitor(2), consent=True)
    library_office.kiosk.take_ticket("KONSULTASI", visitor(3), consent=True, priority=True)
    library_office.kiosk.take_ticket("PERPUSTAKAAN", visitor(4), consent=True)
    log_in(page, library_office)
    expect(page.locator("#current-empty")).to_have_text("Belum ada pengunjung di meja ini.")

    page.click("#call-next")

    expect(page.locator("#current-number")).to_have_text("K-003")  # the priority visitor
    display = library_office.public.display()
    assert (display.calls[0].number, display.calls[0].desk, display.calls[0].recall) == (
        "K-003", "1", False)
    guest = page.locator("#current .guest").inner_text()
    assert "Pengunjung D" in guest and "Universitas Negeri Gorontalo" in guest
    assert "7502********0003" in guest and "750201410303000" not in guest
    queue = page.locator(".queue[data-service=KONSULTASI] li")
    expect(queue).to_have_count(2)
    assert queue.first.get_attribute("data-number") == "K-001"
    expect(page.locator(".queue[data-service=PERPUSTAKAAN] li")).to_have_count(1)

    page.click("#recall")
    expect(page.locator("#notice")).to_have_text("Dipanggil ulang: K-003")
    display = library_office.public.display()
    assert (display.calls[0].number, display.calls[0].recall) == ("K-003", True)

    page.fill("#note", "Butuh data kemiskinan per kecamatan 2020-2025")
    page.click("#note-save")
    expect(page.locator("#note-saved")).to_contain_text("oleh petugas1")
    page.screenshot(path=screenshots / "console-desk.png")

    page.click("#finish")
    expect(page.locator("#current-empty")).to_be_visible()
    page.click("#call-next")
    expect(page.locator("#current-number")).to_have_text("K-001")
    page.click("#no-show")
    expect(page.locator("#current-empty")).to_be_visible()
    statuses = {t.number: t.status for t in library_office.officer.tickets()}
    assert statuses["K-003"] == "done" and statuses["K-001"] == "no_show"
    notes = {v.number: v.note for v in library_office.officer.guest_book()}
    assert notes["K-003"] is not None
    assert notes["K-003"].text == "Butuh data kemiskinan per kecamatan 2020-2025"


def test_refer_makes_a_ticket_in_the_other_service(library_office: Office, page: Page) -> None:
    library_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    log_in(page, library_office)
    page.click("#call-next")
    expect(page.locator("#current-number")).to_have_text("K-001")

    page.select_option("#refer-service", "PERPUSTAKAAN")
    page.click("#refer")

    expect(page.locator("#notice")).to_contain_text("P-001")
    expect(page.locator("#current-empty")).to_be_visible()
    expect(page.locator(".queue[data-service=PERPUSTAKAAN] li[data-number=P-001]")).to_be_visible()
    tickets = {t.number: t for t in library_office.officer.tickets()}
    assert tickets["K-001"].transferred_to == tickets["P-001"].id
    assert tickets["P-001"].status == "waiting"
    assert tickets["P-001"].guest is not None
    assert tickets["P-001"].guest.name == VISITOR["name"]


def test_a_kiosk_ticket_appears_in_the_waiting_list_without_a_reload(
    library_office: Office, page: Page
) -> None:
    log_in(page, library_office)
    expect(page.locator(".queue[data-service=KONSULTASI]")).to_contain_text(
        "Tidak ada yang menunggu.")
    page.evaluate("window.sameDocument = true")

    library_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True, priority=True)

    row = page.locator(".queue[data-service=KONSULTASI] li[data-number=K-001]")
    expect(row).to_be_visible()
    expect(row.locator(".priority")).to_have_text("Prioritas")
    assert row.locator(".waited").inner_text() == "0 mnt"
    assert page.evaluate("window.sameDocument") is True


def test_errors_are_said_in_words(library_office: Office, page: Page) -> None:
    log_in(page, library_office)
    page.click("#call-next")
    expect(page.locator("#notice")).to_have_text("Tidak ada antrian yang menunggu.")

    library_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    library_office.kiosk.take_ticket("KONSULTASI", visitor(2), consent=True)
    expect(page.locator(".queue[data-service=KONSULTASI] li")).to_have_count(2)
    page.click("#call-next")
    expect(page.locator("#current-number")).to_have_text("K-001")

    page.click("#call-next")  # K-001 is still at the desk

    expect(page.locator("#notice")).to_have_text(
        "Meja Konsultasi 1 masih melayani K-001. Selesaikan atau tandai tidak hadir dahulu.")
    expect(page.locator("#notice")).to_have_class("notice error")
    expect(page.locator("#current-number")).to_have_text("K-001")


def test_keyboard_shortcuts(library_office: Office, page: Page) -> None:
    library_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    log_in(page, library_office)
    expect(page.locator(".queue[data-service=KONSULTASI] li")).to_have_count(1)

    page.keyboard.press("p")
    expect(page.locator("#current-number")).to_have_text("K-001")
    # Done when it says so: the desk may show K-001 from its follow-up of the queue before
    # the call's own answer, and a key pressed while an action is on its way is not taken.
    expect(page.locator("#notice")).to_have_text("Dipanggil: K-001")
    page.fill("#note", "s")  # typing in the note is typing, not a shortcut
    expect(page.locator("#current-number")).to_have_text("K-001")
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("u")
    expect(page.locator("#notice")).to_have_text("Dipanggil ulang: K-001")
    page.keyboard.press("r")  # refer needs a service: the key opens the choice, no more
    expect(page.locator("#refer-service")).to_be_focused()
    expect(page.locator("#current-number")).to_have_text("K-001")
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("s")
    expect(page.locator("#current-empty")).to_be_visible()
    assert library_office.officer.tickets()[0].status == "done"


def test_a_session_that_ends_returns_to_login_and_keeps_the_visitor(
    library_office: Office, page: Page
) -> None:
    library_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    log_in(page, library_office)
    page.click("#call-next")
    expect(page.locator("#current-number")).to_have_text("K-001")
    page.fill("#note", "belum disimpan")
    # The session ends on the server (as at the end of its working day).
    token = page.evaluate("JSON.parse(sessionStorage.getItem('pst.session')).token")
    library_office.client(token).logout()

    page.click("#recall")

    expect(page.locator("#login-message")).to_contain_text("Sesi Anda sudah berakhir")
    expect(page.locator("#login-username")).to_have_value("petugas1")
    expect(page.locator("#current-number")).to_have_text("K-001")  # still in view behind
    page.fill("#login-password", OFFICER[1])
    page.click("#login-form button[type=submit]")
    expect(page.locator("#login")).to_be_hidden()
    expect(page.locator("#current-number")).to_have_text("K-001")
    expect(page.locator("#note")).to_have_value("belum disimpan")
    assert library_office.officer.tickets()[0].status == "called"


def test_english(library_office: Office, page: Page) -> None:
    page.goto(f"{library_office.url}/console")
    page.click("#login-form [data-lang-switch]")
    expect(page.locator("#login-form h1")).to_have_text("Officer Console log in")
    log_in(page, library_office)
    expect(page.locator("nav a[data-section=desk]")).to_have_text("Desk")
    expect(page.locator("#call-next")).to_contain_text("Call next")
    page.click("#call-next")
    expect(page.locator("#notice")).to_have_text("Nobody is waiting.")


# --- follow-ups -----------------------------------------------------------------------------


def test_follow_up_is_due_after_the_holidays_and_the_weekend_then_overdue(
    library_office: Office, browser: Browser, problems: Problems, screenshots: Path
) -> None:
    library_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    context, page = _open(browser, problems)
    log_in(page, library_office)
    page.click("#call-next")
    expect(page.locator("#current-number")).to_have_text("K-001")

    page.click("#follow-up")
    page.fill("#follow-up-note", "Kirim tabel kemiskinan per kecamatan")
    page.click("#follow-up-mark")

    # Wed 23 Dec -> Thu 24 cuti bersama, Fri 25 Christmas, the weekend -> Monday 28.
    expect(page.locator("#follow-up-due")).to_have_text(
        "Tindak lanjut, jatuh tempo Senin, 28 Desember 2026")
    expect(page.locator("nav [data-badge=followups]")).to_have_text("1")
    page.click("nav a[data-section=followups]")
    row = page.locator("tr[data-number=K-001]")
    expect(row).to_contain_text("Senin, 28 Desember 2026")
    expect(row).not_to_have_class("overdue")
    context.close()

    # The same office on Tuesday 29 December: the follow-up is overdue.
    library_office.process.stop()
    library_office.process.clock_start = "2026-12-29T08:30:00+08:00"
    library_office.process.start()
    context, page = _open(browser, problems)
    page.goto(f"{library_office.url}/console#/followups")
    log_in(page, library_office)
    row = page.locator("tr[data-number=K-001]")
    expect(row).to_have_class("overdue")
    expect(row.locator(".tag.late")).to_have_text("Terlambat")
    expect(page.locator("nav [data-badge=followups]")).to_have_class("badge late")
    page.screenshot(path=screenshots / "console-follow-ups.png")

    row.locator(".close-open").click()
    row.locator("input[name=note]").fill("Tabel dikirim lewat email")
    row.locator("button[type=submit]").click()
    expect(page.locator(".follow-ups")).to_have_count(0)
    expect(page.locator(".section-followups")).to_contain_text("Tidak ada tindak lanjut terbuka.")
    page.click("#fu-closed")
    expect(page.locator("tr[data-number=K-001]")).to_contain_text("Tabel dikirim lewat email")
    context.close()


# --- the guest book -------------------------------------------------------------------------


def test_guest_book_search_and_csv_download(
    library_office: Office, page: Page, tmp_path: Path
) -> None:
    library_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    library_office.kiosk.take_ticket("KONSULTASI", visitor(2, institution="Bappeda Boalemo"),
                                     consent=True)
    called = library_office.officer.call_next("1")
    assert called is not None
    library_office.officer.set_note(called.id, "Data dikirim")
    library_office.officer.finish(called.id)
    log_in(page, library_office)
    page.click("nav a[data-section=guestbook]")
    expect(page.locator(".guest-book tbody tr")).to_have_count(2)

    page.fill("#guest-search", "bappeda")
    page.click("#guest-book-filters button[type=submit]")
    expect(page.locator(".guest-book tbody tr")).to_have_count(1)
    expect(page.locator(".guest-book tbody tr")).to_contain_text("Bappeda Boalemo")

    with page.expect_download() as download:
        page.click("#csv")
    assert download.value.suggested_filename == "buku-tamu_2026-12-23_2026-12-23.csv"
    saved = tmp_path / "export.csv"
    download.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert [(r["nomor"], r["nama"], r["status"]) for r in rows] == [
        ("K-001", VISITOR["name"], "selesai"), ("K-002", "Pengunjung C", "menunggu")]
    assert rows[0]["nomor_identitas"] == "7502********0001"
    assert rows[0]["catatan"] == "Data dikirim"
    assert VISITOR["id_number"] not in saved.read_text(encoding="utf-8-sig")


def test_guest_book_lists_a_long_day_page_by_page(library_office: Office, page: Page) -> None:
    for n in range(1, 106):
        library_office.kiosk.take_ticket("KONSULTASI", visitor(n), consent=True)
    log_in(page, library_office)
    page.click("nav a[data-section=guestbook]")
    rows = page.locator(".guest-book tbody tr")
    expect(rows).to_have_count(100)
    page.click("#guest-more")
    expect(rows).to_have_count(105)
    expect(page.locator("#guest-more")).to_have_count(0)
    expect(rows.last).to_have_attribute("data-number", "K-105")


# --- the admin ------------------------------------------------------------------------------


def test_admin_creates_an_officer_who_then_logs_in(
    library_office: Office, browser: Browser, problems: Problems, page: Page
) -> None:
    log_in(page, library_office, ADMIN)
    page.click("nav a[data-section=admin]")
    form = page.locator("#add-user")
    form.locator("input[name=username]").fill("petugas2")
    form.locator("input[name=password]").fill("rahasia-kedua")
    form.locator("button[type=submit]").click()
    expect(page.locator("tr[data-username=petugas2]")).to_contain_text("aktif")

    context, newcomer = _open(browser, problems)
    log_in(newcomer, library_office, ("petugas2", "rahasia-kedua"))
    expect(newcomer.locator("#me")).to_have_text("petugas2 (petugas)")
    expect(newcomer.locator("nav a[data-section=admin]")).to_have_count(0)
    newcomer.goto(f"{library_office.url}/console#/admin")  # a hidden section stays out of reach
    expect(newcomer.locator("#users")).to_have_count(0)

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("tr[data-username=petugas2] [data-action=disable]").click()
    expect(page.locator("tr[data-username=petugas2]")).to_contain_text("nonaktif")
    newcomer.click("nav a[data-section=guestbook]")
    expect(newcomer.locator("#login-message")).to_contain_text("Sesi Anda sudah berakhir")
    context.close()


def test_admin_sets_a_new_password_which_ends_the_officers_session(
    library_office: Office, browser: Browser, problems: Problems, page: Page
) -> None:
    context, officer = _open(browser, problems)
    log_in(officer, library_office)
    log_in(page, library_office, ADMIN)
    page.click("nav a[data-section=admin]")
    row = page.locator("tr[data-username=petugas1]")

    row.get_by_role("button", name="Ganti sandi").click()
    row.locator("input[name=password]").fill("sandi-baru-petugas")
    row.locator("button[type=submit]").click()

    expect(page.locator("#notice")).to_have_text(
        "Kata sandi diganti; sesinya berakhir: petugas1")
    officer.click("nav a[data-section=guestbook]")
    expect(officer.locator("#login-message")).to_contain_text("Sesi Anda sudah berakhir")
    officer.fill("#login-password", "rahasia-petugas")
    officer.click("#login-form button[type=submit]")
    expect(officer.locator("#login-error")).to_have_text("Nama pengguna atau kata sandi salah.")
    officer.fill("#login-password", "sandi-baru-petugas")
    officer.click("#login-form button[type=submit]")
    expect(officer.locator("#login")).to_be_hidden()
    context.close()


def test_admin_registers_and_revokes_devices(
    library_office: Office, page: Page, screenshots: Path
) -> None:
    library_office.kiosk.report_status({"printer": {"state": "paper_out"}})
    log_in(page, library_office, ADMIN)
    page.click("nav a[data-section=admin]")
    kiosk = page.locator("tr[data-device=kiosk-1]")
    expect(kiosk).to_contain_text("kertas printer habis")
    expect(kiosk).to_contain_text("terhubung")
    expect(page.locator("tr[data-device=display-1]")).to_contain_text("tidak terhubung")

    form = page.locator("#add-device")
    form.locator("input[name=name]").fill("layar-ruang-tunggu")
    form.locator("select[name=role]").select_option("display")
    form.locator("button[type=submit]").click()
    token = page.locator("#new-token code").inner_text()
    library_office.client(token).report_status({"screen": {"state": "ok"}})
    page.screenshot(path=screenshots / "console-admin.png")

    page.once("dialog", lambda dialog: dialog.accept())
    kiosk.locator("[data-action=revoke]").click()
    expect(page.locator("tr[data-device=kiosk-1]")).to_have_count(0)
    with pytest.raises(ApiError) as caught:
        library_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    assert caught.value.status == 401


# --- screens --------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "viewport"), [
    ("tablet-landscape", {"width": 1280, "height": 800}),
    ("tablet-portrait", {"width": 800, "height": 1280}),
])
def test_the_desk_fits_a_ten_inch_tablet(
    library_office: Office, browser: Browser, problems: Problems, screenshots: Path, name: str,
    viewport: dict[str, int],
) -> None:
    for n in range(1, 5):
        library_office.kiosk.take_ticket("KONSULTASI", visitor(n), consent=True, priority=n == 3)
    context, page = _open(browser, problems, viewport)
    log_in(page, library_office)
    page.click("#call-next")
    expect(page.locator("#current-number")).to_have_text("K-003")
    _fits(page, viewport["width"])
    for button in ("#call-next", "#recall", "#finish", "#no-show"):
        box = page.locator(button).bounding_box()
        assert box is not None and box["height"] >= 48, f"{button} is too small to touch"
    page.screenshot(path=screenshots / f"console-desk-{name}.png", full_page=True)
    context.close()

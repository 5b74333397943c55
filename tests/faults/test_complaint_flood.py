"""Issue 17, item 4: complaint floods, against the real server process. One status token,
one kiosk, one address (many tokens) file complaints as fast as they can: past each limit
the answer is 429 with Retry-After, and the admin's list holds only the allowed ones. A
token of a visit long ago is refused."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from shared.core.feedback.use_cases import COMPLAINTS_PER_ADDRESS, COMPLAINTS_PER_KIOSK
from tests.support.offices import ADMIN, Office, start_office, visitor
from tests.support.serverproc import ServerProcess

TEXT = "Antrian terlalu lama, AC ruang tunggu mati."
FLOOD = 40


def _token(office: Office, n: int) -> str:
    ticket = office.kiosk.take_ticket("KONSULTASI", visitor(n), consent=True)
    return ticket.status_url.rsplit("/", 1)[1]


def _flood(url: str, bearer: str, count: int = FLOOD) -> list[requests.Response]:
    """``count`` complaints at once over 8 connections, as the attacker did."""
    def one(_: int) -> requests.Response:
        return requests.post(f"{url}/api/v1/complaints", json={"text": TEXT}, timeout=30,
                             headers={"Authorization": f"Bearer {bearer}"})

    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(one, range(count)))


def _stored(office: Office) -> int:
    listed = office.admin.complaints()
    assert listed.open == len(listed.complaints)
    return listed.open


def _refused_properly(answers: list[requests.Response]) -> None:
    for answer in answers:
        assert answer.status_code == 429
        assert answer.headers["content-type"] == "application/json"
        assert int(answer.headers["retry-after"]) > 0
        detail = answer.json()["detail"]
        assert detail["code"] == "too_many_complaints"
        assert "coba lagi" in detail["message_id"] and "try again" in detail["message_en"]


def test_one_status_token_files_three_then_is_refused(served_office: Office) -> None:
    token = _token(served_office, 1)
    answers = _flood(served_office.url, token)
    assert sorted(a.status_code for a in answers) == [201] * 3 + [429] * (FLOOD - 3)
    _refused_properly([a for a in answers if a.status_code == 429])
    # the phone page's own form is refused too, with a sentence and the text kept
    page = requests.post(f"{served_office.url}/t/{token}/pengaduan", timeout=30,
                         data={"text": "Masih belum ditanggapi sampai sekarang."})
    assert page.status_code == 429 and int(page.headers["retry-after"]) > 0
    assert "sudah mengirim 3 pengaduan dalam 24 jam terakhir" in page.text
    assert "Masih belum ditanggapi sampai sekarang." in page.text
    assert _stored(served_office) == 3


def test_one_kiosk_is_refused_past_its_limit(served_office: Office) -> None:
    burst = COMPLAINTS_PER_KIOSK[0]
    answers = _flood(served_office.url, served_office.kiosk_token)
    assert sorted(a.status_code for a in answers) == [201] * burst + [429] * (FLOOD - burst)
    _refused_properly([a for a in answers if a.status_code == 429])
    assert _stored(served_office) == burst


def test_one_address_with_many_tokens_is_refused_past_its_limit(
    served_office: Office,
) -> None:
    burst = COMPLAINTS_PER_ADDRESS[0]
    tokens = [_token(served_office, n) for n in range(1, burst + 4)]
    pages = [requests.post(f"{served_office.url}/t/{token}/pengaduan", data={"text": TEXT},
                           timeout=30) for token in tokens]
    assert [p.status_code for p in pages] == [200] * burst + [429] * 3
    assert "Terlalu banyak pengaduan dalam waktu singkat" in pages[-1].text
    assert "Too many complaints in a short time" in pages[-1].text
    assert _stored(served_office) == burst


def test_a_token_of_a_visit_long_ago_cannot_complain(tmp_path: Path) -> None:
    office = start_office(tmp_path, clock_start="2025-06-02T09:00:00+08:00")
    try:
        token = _token(office, 1)
    finally:
        office.process.stop()
    later = ServerProcess(tmp_path / "data", clock_start="2026-12-08T09:00:00+08:00").start()
    try:
        answer = requests.post(f"{later.url}/api/v1/complaints", json={"text": TEXT},
                               headers={"Authorization": f"Bearer {token}"}, timeout=30)
        assert answer.status_code == 409
        detail = answer.json()["detail"]
        assert detail["code"] == "complaint_closed"
        assert "30 hari setelah kunjungan" in detail["message_id"]
        assert "s.bps.go.id/pengaduan_gorontalo" in detail["message_en"]
        page = requests.post(f"{later.url}/t/{token}/pengaduan", data={"text": TEXT},
                             timeout=30)
        assert page.status_code == 409 and "30 days after the visit" in page.text
        form = requests.get(f"{later.url}/t/{token}/pengaduan", timeout=30)
        assert "30 hari setelah kunjungan" in form.text and 'id="complaint"' not in form.text
        assert 'class="complain"' not in requests.get(f"{later.url}/t/{token}", timeout=30).text
        admin = requests.Session()
        login = admin.post(f"{later.url}/api/v1/auth/login", timeout=30,
                           json={"username": ADMIN[0], "password": ADMIN[1]}).json()
        listed = admin.get(f"{later.url}/api/v1/complaints", timeout=30,
                           headers={"Authorization": f"Bearer {login['token']}"}).json()
        assert listed["complaints"] == []
    finally:
        later.stop()

"""Issue 17 item 5: a ticket's status-page token (the phone's credential for rating) and its
rating code reach only the kiosk that issued it; no staff list or desk answer carries them."""

from __future__ import annotations

from typing import Any

from tests.support.offices import Office, visitor

SECRET_KEYS = {"status_url", "rating_code", "token"}


def _keys(value: Any) -> set[str]:
    """Every key at any depth of a JSON value."""
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_only_the_kiosks_answer_carries_the_token_and_the_code(api_office: Office) -> None:
    bearer = {"Authorization": f"Bearer {api_office.kiosk_token}"}
    issued = api_office.web.post(f"{api_office.url}/api/v1/tickets", headers=bearer, json={
        "service": "KONSULTASI", "visitor": visitor(1), "consent": True})
    assert issued.status_code == 201
    first = issued.json()
    token = first["status_url"].rsplit("/", 1)[1]
    assert len(token) >= 16 and first["rating_code"].isdigit()
    second = api_office.kiosk.take_ticket("KONSULTASI", visitor(2), consent=True)
    third = api_office.kiosk.take_ticket("KONSULTASI", visitor(3), consent=True)
    tokens = [token] + [t.status_url.rsplit("/", 1)[1] for t in (second, third)]

    staff = {"Authorization": f"Bearer {api_office.officer.token}"}
    answers = [
        api_office.web.post(f"{api_office.url}/api/v1/desks/1/call-next", headers=staff),
        api_office.web.post(f"{api_office.url}/api/v1/tickets/{first['id']}/recall", headers=staff),
        api_office.web.get(f"{api_office.url}/api/v1/console/desks/1?timeout=0", headers=staff),
        api_office.web.post(f"{api_office.url}/api/v1/tickets/{first['id']}/finish", headers=staff),
        api_office.web.post(f"{api_office.url}/api/v1/desks/1/call-next", headers=staff),
        api_office.web.post(f"{api_office.url}/api/v1/tickets/{second.id}/finish", headers=staff),
        api_office.web.post(f"{api_office.url}/api/v1/desks/1/call-next", headers=staff),
        api_office.web.post(f"{api_office.url}/api/v1/tickets/{third.id}/no-show", headers=staff),
        api_office.web.get(f"{api_office.url}/api/v1/tickets", headers=staff),
        api_office.web.get(f"{api_office.url}/api/v1/guest-book", headers=staff),
        api_office.web.get(f"{api_office.url}/api/v1/console/setup", headers=staff),
        api_office.web.get(f"{api_office.url}/api/v1/ratings/rateable", headers=staff),
        api_office.web.get(f"{api_office.url}/api/v1/complaints/tickets", headers=staff),
    ]
    for answer in answers:
        assert answer.status_code < 300, (answer.request.url, answer.text)
        assert not _keys(answer.json()) & SECRET_KEYS, (answer.request.url, answer.text)
        assert not any(t in answer.text for t in tokens), answer.request.url
    csv = api_office.web.get(f"{api_office.url}/api/v1/guest-book.csv", headers=staff)
    assert csv.status_code == 200 and not any(t in csv.text for t in tokens)
    listed = api_office.web.get(f"{api_office.url}/api/v1/tickets", headers=staff).json()
    assert [t["status"] for t in listed] == ["done", "done", "no_show"]  # the list still works

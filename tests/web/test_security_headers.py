"""Finding 15: the ticket page's security headers, and that its strict CSP (no inline script,
its own stylesheet file only) still lets the page look as designed in a real browser."""

from __future__ import annotations

from pathlib import Path

import requests
from playwright.sync_api import Browser

from tests.support.offices import Office, visitor


def test_the_ticket_page_sends_strict_headers(web_office: Office) -> None:
    ticket = web_office.kiosk.take_ticket("KONSULTASI", visitor(1), consent=True)
    reply = requests.get(ticket.status_url, timeout=10)
    assert reply.headers["x-content-type-options"] == "nosniff"
    assert reply.headers["referrer-policy"] == "no-referrer"
    assert reply.headers["cache-control"] == "no-store"
    csp = reply.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "script-src" not in csp
    api = requests.get(f"{web_office.url}/api/v1/health", timeout=10)
    assert api.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in api.headers["content-security-policy"]


def test_the_page_is_styled_under_its_csp(
    web_office: Office, browser: Browser, screenshots: Path
) -> None:
    ticket = web_office.kiosk.take_ticket("KONSULTASI", visitor(2), consent=True)
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto(ticket.status_url)
    # 4rem at the default 16px: the stylesheet was applied, not blocked
    size = page.evaluate("getComputedStyle(document.querySelector('.number')).fontSize")
    page.screenshot(path=str(screenshots / "ticket-under-csp.png"))
    context.close()
    assert size == "64px"
    assert refused == []

"""The client's promise to the apps: typed answers, and one error type for every failure.

A tiny HTTP server on loopback plays the queue server's part, so the odd answers an office
network produces (a proxy's HTML page, another version's shapes) can be served on purpose."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from shared.api.client import ApiError, ClientError, Offline, QueueClient
from shared.api.models import IssuedTicketOut, ServiceOut

TICKET = {
    "id": 3, "number": "K-003", "service": "KONSULTASI", "status": "waiting", "priority": False,
    "issued_at": "2026-11-30T09:00:00+08:00", "waiting_ahead": 2, "estimated_wait_minutes": 15,
    "status_url": "http://127.0.0.1/t/abc", "rating_code": "4821",
}
ANSWERS: dict[str, tuple[int, str, str]] = {
    "/api/v1/services": (200, "application/json", json.dumps([{
        "code": "KONSULTASI", "name": "Konsultasi Statistik", "name_en": "Statistical "
        "consultation", "letter": "K", "enabled": True, "open": True}])),
    "/api/v1/tickets": (201, "application/json", json.dumps(TICKET)),
    "/api/v1/health": (200, "text/html", "<html>captive portal</html>"),
    "/api/v1/display": (200, "application/json", json.dumps({"version": "not a number"})),
    "/api/v1/desks/1/call-next": (409, "application/json", json.dumps({"detail": {
        "field": None, "code": "desk_busy", "message": "Meja masih melayani K-001",
        "message_id": "Meja masih melayani K-001", "message_en": "Desk still serving K-001"}})),
}


class _Handler(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        status, kind, body = ANSWERS.get(self.path.split("?")[0], (404, "text/plain", "no"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body.encode())))
        self.end_headers()
        self.wfile.write(body.encode())

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._answer()

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self._answer()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def client() -> Iterator[QueueClient]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    queue = QueueClient(f"http://127.0.0.1:{server.server_address[1]}", "token", timeout=2)
    yield queue
    queue.close()
    server.shutdown()
    server.server_close()


def test_answers_are_the_api_models(client: QueueClient) -> None:
    services = client.services()
    assert services == [ServiceOut(code="KONSULTASI", name="Konsultasi Statistik",
                                   name_en="Statistical consultation", letter="K",
                                   enabled=True, open=True)]
    ticket = client.take_ticket("KONSULTASI", {"name": "x"}, consent=True)
    assert isinstance(ticket, IssuedTicketOut)
    assert ticket.number == "K-003" and ticket.issued_at.utcoffset() is not None


def test_an_error_answer_is_an_api_error_with_both_languages(client: QueueClient) -> None:
    with pytest.raises(ClientError) as caught:
        client.call_next("1")
    error = caught.value
    assert isinstance(error, ApiError)
    assert (error.status, error.code) == (409, "desk_busy")
    assert error.message("en") == "Desk still serving K-001"
    assert error.message() == "Meja masih melayani K-001"


def test_a_page_that_is_not_json_counts_as_offline(client: QueueClient) -> None:
    with pytest.raises(Offline):
        client.health()


def test_an_answer_of_another_shape_is_an_api_error_not_a_crash(client: QueueClient) -> None:
    with pytest.raises(ApiError) as caught:
        client.display()
    assert caught.value.status == 502
    assert "/display" in str(caught.value)


def test_nobody_listening_is_offline_and_a_client_error() -> None:
    with pytest.raises(ClientError) as caught:
        QueueClient("http://127.0.0.1:9", timeout=0.5).services()  # nothing listens on port 9
    assert isinstance(caught.value, Offline)

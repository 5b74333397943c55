"""The one HTTP client the kiosk, the display and the tools use to reach the queue server."""

from __future__ import annotations

import uuid
from typing import Any

import requests

JSON = dict[str, Any]


class Offline(Exception):
    """The server could not be reached (network down, server stopped, timeout)."""


class ApiError(Exception):
    """The server answered with an error; ``detail`` is its ``{"detail": ...}`` payload."""

    def __init__(self, status: int, detail: Any):
        self.status = status
        self.detail = detail
        super().__init__(f"HTTP {status}: {detail}")

    @property
    def field_errors(self) -> list[JSON]:
        """Every ``{"field", "code", "message_id", "message_en"}`` the server reported."""
        if isinstance(self.detail, list):
            return [d for d in self.detail if isinstance(d, dict)]
        if isinstance(self.detail, dict):
            return [self.detail]
        return []

    @property
    def code(self) -> str | None:
        errors = self.field_errors
        return str(errors[0].get("code")) if errors else None

    def message(self, lang: str = "id") -> str:
        errors = self.field_errors
        if not errors:
            return str(self.detail)
        key = "message_en" if lang == "en" else "message_id"
        return " ".join(str(e.get(key) or e.get("message", "")) for e in errors)


class QueueClient:
    def __init__(self, base_url: str, token: str | None = None, timeout: float = 5.0):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self._http = requests.Session()

    def close(self) -> None:
        self._http.close()

    def _request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        timeout: float | None = None,
    ) -> Any:
        all_headers = dict(headers or {})
        if self.token:
            all_headers["Authorization"] = f"Bearer {self.token}"
        try:
            response = self._http.request(
                method,
                f"{self.base_url}/api/v1{path}",
                json=json,
                params={k: v for k, v in (params or {}).items() if v is not None},
                headers=all_headers,
                timeout=timeout or self.timeout,
            )
        except requests.RequestException as exc:
            raise Offline(str(exc)) from exc
        if response.status_code >= 400:
            try:
                detail = response.json().get("detail")
            except ValueError:
                detail = response.text
            raise ApiError(response.status_code, detail)
        if response.status_code == 204 or not response.content:
            return None
        return response.json()

    # --- public ---------------------------------------------------------------------------

    def health(self) -> JSON:
        result: JSON = self._request("GET", "/health")
        return result

    def services(self) -> list[JSON]:
        result: list[JSON] = self._request("GET", "/services")
        return result

    def display(self, since: int | None = None, wait: float = 25.0) -> JSON:
        """The waiting room's state; with ``since`` it long-polls up to ``wait`` seconds."""
        result: JSON = self._request(
            "GET", "/display", params={"since": since, "timeout": wait}, timeout=wait + 5
        )
        return result

    # --- kiosk ----------------------------------------------------------------------------

    @staticmethod
    def new_idempotency_key() -> str:
        return uuid.uuid4().hex

    def take_ticket(
        self,
        service: str,
        visitor: JSON,
        consent: bool,
        priority: bool = False,
        idempotency_key: str | None = None,
    ) -> JSON:
        """Take a ticket. Retrying with the same ``idempotency_key`` after :class:`Offline`
        never makes a second ticket."""
        result: JSON = self._request(
            "POST",
            "/tickets",
            json={"service": service, "visitor": visitor, "consent": consent,
                  "priority": priority},
            headers={"Idempotency-Key": idempotency_key or self.new_idempotency_key()},
        )
        return result

    def lookup_visitor(self, id_type: str, id_number: str) -> JSON | None:
        try:
            result: JSON = self._request(
                "GET", "/visitors/lookup", params={"id_type": id_type, "id_number": id_number}
            )
        except ApiError as exc:
            if exc.status == 404:
                return None
            raise
        return result

    def report_status(self, status: JSON) -> None:
        self._request("POST", "/devices/me/status", json=status)

    # --- officers -------------------------------------------------------------------------

    def login(self, username: str, password: str) -> JSON:
        result: JSON = self._request(
            "POST", "/auth/login", json={"username": username, "password": password}
        )
        self.token = result["token"]
        return result

    def tickets(
        self,
        date: str | None = None,
        status: str | None = None,
        limit: int | None = None,
        offset: int | None = None,
    ) -> list[JSON]:
        result: list[JSON] = self._request(
            "GET", "/tickets",
            params={"date": date, "status": status, "limit": limit, "offset": offset},
        )
        return result

    def call_next(self, desk: str) -> JSON | None:
        """The ticket now called at ``desk``, or None when nobody waits."""
        try:
            result: JSON = self._request("POST", f"/desks/{desk}/call-next")
        except ApiError as exc:
            if exc.status == 404 and exc.code == "queue_empty":
                return None
            raise
        return result

    def recall(self, ticket_id: int) -> JSON:
        result: JSON = self._request("POST", f"/tickets/{ticket_id}/recall")
        return result

    def finish(self, ticket_id: int) -> JSON:
        result: JSON = self._request("POST", f"/tickets/{ticket_id}/finish")
        return result

    def no_show(self, ticket_id: int) -> JSON:
        result: JSON = self._request("POST", f"/tickets/{ticket_id}/no-show")
        return result

    def transfer(self, ticket_id: int, service: str) -> JSON:
        result: JSON = self._request(
            "POST", f"/tickets/{ticket_id}/transfer", json={"service": service}
        )
        return result

    def devices(self) -> list[JSON]:
        result: list[JSON] = self._request("GET", "/devices")
        return result

"""The one HTTP client the kiosk, the display and the tools use to reach the queue server.

Every method returns the API's own pydantic models (``shared.api_models``); every failure is a
:class:`ClientError`: :class:`Offline` when the server cannot be reached, :class:`ApiError` when
it answered with an error.
"""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

import requests
from pydantic import BaseModel, ValidationError

from shared.api_models import (
    DeviceOut,
    DisplayOut,
    Health,
    LoginOut,
    ServiceOut,
    TicketOut,
    TicketRecordOut,
    VisitorIn,
    VisitorPrefill,
)

JSON = dict[str, Any]
Model = TypeVar("Model", bound=BaseModel)


class ClientError(Exception):
    """Anything that kept a call from succeeding; callers that only need to know "it did
    not work" catch this one."""


class Offline(ClientError):
    """The server could not be reached (network down, server stopped, timeout)."""


class ApiError(ClientError):
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
        try:
            return response.json()
        except ValueError as exc:  # a proxy's HTML page, a truncated answer
            raise Offline(f"not a JSON answer from {path}: {exc}") from exc

    def _model(self, model: type[Model], method: str, path: str, **kwargs: Any) -> Model:
        payload = self._request(method, path, **kwargs)
        try:
            return model.model_validate(payload)
        except ValidationError as exc:
            raise _unexpected(path, exc) from exc

    def _models(self, model: type[Model], method: str, path: str, **kwargs: Any) -> list[Model]:
        payload = self._request(method, path, **kwargs)
        try:
            return [model.model_validate(item) for item in _as_list(payload)]
        except ValidationError as exc:
            raise _unexpected(path, exc) from exc

    # --- public ---------------------------------------------------------------------------

    def health(self) -> Health:
        return self._model(Health, "GET", "/health")

    def services(self) -> list[ServiceOut]:
        return self._models(ServiceOut, "GET", "/services")

    def display(self, since: int | None = None, wait: float = 25.0) -> DisplayOut:
        """The waiting room's state; with ``since`` it long-polls up to ``wait`` seconds."""
        return self._model(
            DisplayOut, "GET", "/display",
            params={"since": since, "timeout": wait}, timeout=wait + 5,
        )

    # --- kiosk ----------------------------------------------------------------------------

    @staticmethod
    def new_idempotency_key() -> str:
        return uuid.uuid4().hex

    def take_ticket(
        self,
        service: str,
        visitor: VisitorIn | JSON,
        consent: bool,
        priority: bool = False,
        idempotency_key: str | None = None,
    ) -> TicketOut:
        """Take a ticket. Retrying with the same ``idempotency_key`` after :class:`Offline`
        never makes a second ticket."""
        if isinstance(visitor, VisitorIn):
            visitor = visitor.model_dump()
        return self._model(
            TicketOut, "POST", "/tickets",
            json={"service": service, "visitor": visitor, "consent": consent,
                  "priority": priority},
            headers={"Idempotency-Key": idempotency_key or self.new_idempotency_key()},
        )

    def lookup_visitor(self, id_type: str, id_number: str) -> VisitorPrefill | None:
        try:
            return self._model(
                VisitorPrefill, "GET", "/visitors/lookup",
                params={"id_type": id_type, "id_number": id_number},
            )
        except ApiError as exc:
            if exc.status == 404:
                return None
            raise

    def report_status(self, status: JSON) -> None:
        self._request("POST", "/devices/me/status", json=status)

    # --- officers -------------------------------------------------------------------------

    def login(self, username: str, password: str) -> LoginOut:
        result = self._model(
            LoginOut, "POST", "/auth/login", json={"username": username, "password": password}
        )
        self.token = result.token
        return result

    def tickets(
        self,
        date: str | None = None,
        status: str | None = None,
        limit: int | None = None,
        offset: int | None = None,
    ) -> list[TicketRecordOut]:
        return self._models(
            TicketRecordOut, "GET", "/tickets",
            params={"date": date, "status": status, "limit": limit, "offset": offset},
        )

    def call_next(self, desk: str) -> TicketOut | None:
        """The ticket now called at ``desk``, or None when nobody waits."""
        try:
            return self._model(TicketOut, "POST", f"/desks/{desk}/call-next")
        except ApiError as exc:
            if exc.status == 404 and exc.code == "queue_empty":
                return None
            raise

    def recall(self, ticket_id: int) -> TicketOut:
        return self._model(TicketOut, "POST", f"/tickets/{ticket_id}/recall")

    def finish(self, ticket_id: int) -> TicketOut:
        return self._model(TicketOut, "POST", f"/tickets/{ticket_id}/finish")

    def no_show(self, ticket_id: int) -> TicketOut:
        return self._model(TicketOut, "POST", f"/tickets/{ticket_id}/no-show")

    def transfer(self, ticket_id: int, service: str) -> TicketOut:
        return self._model(
            TicketOut, "POST", f"/tickets/{ticket_id}/transfer", json={"service": service}
        )

    def devices(self) -> list[DeviceOut]:
        return self._models(DeviceOut, "GET", "/devices")


def _as_list(payload: Any) -> list[Any]:
    if not isinstance(payload, list):
        raise ApiError(502, "unexpected answer: a list was expected")
    return payload


def _unexpected(path: str, exc: ValidationError) -> ApiError:
    """An answer of another shape: a server of another version, which we cannot use."""
    return ApiError(502, f"unexpected answer from {path}: {exc.error_count()} field(s) differ")

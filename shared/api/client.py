"""The one HTTP client the kiosk, the display and the tools use to reach the queue server.

Every method returns the API's own pydantic models (``shared.api.models``); every failure is a
:class:`ClientError`: :class:`Offline` when the server cannot be reached, :class:`ApiError` when
it answered with an error.
"""

from __future__ import annotations

import uuid
from typing import Any, Protocol, TypeVar

import requests
from pydantic import BaseModel, ValidationError

from shared.api.console_models import (
    DeskViewOut,
    DeviceCreatedOut,
    FollowUpOut,
    UserOut,
    VisitOut,
)
from shared.api.feedback_models import (
    ComplaintList,
    ComplaintOut,
    IkmOut,
    RateableOut,
    RatingOut,
    ReportOut,
)
from shared.api.models import (
    DeviceOut,
    DisplayOut,
    Health,
    IssuedTicketOut,
    LoginOut,
    OfficeOut,
    ServiceOut,
    TicketOut,
    TicketRecordOut,
    VisitorIn,
    VisitorPrefill,
)
from shared.core.messages import Bilingual

JSON = dict[str, Any]
Model = TypeVar("Model", bound=BaseModel)


class ClientError(Exception):
    """Anything that kept a call from succeeding; callers that only need to know "it did
    not work" catch this one."""


class Offline(ClientError):
    """The server could not be reached (network down, server stopped, timeout)."""


class ApiError(Bilingual, ClientError):
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

    def _joined(self, key: str) -> str:
        errors = self.field_errors
        if not errors:
            return str(self.detail)
        return " ".join(str(e.get(key) or e.get("message", "")) for e in errors)

    @property
    def message_id(self) -> str:  # type: ignore[override]
        """Every reported reason in Indonesian, one after the other."""
        return self._joined("message_id")

    @property
    def message_en(self) -> str:  # type: ignore[override]
        return self._joined("message_en")


class HttpResponse(Protocol):
    @property
    def status_code(self) -> int: ...
    @property
    def content(self) -> bytes: ...
    @property
    def text(self) -> str: ...
    def json(self) -> Any: ...


class HttpSession(Protocol):
    """What the client needs of an HTTP session: ``requests.Session`` on the network, or an
    in-process ASGI transport (Starlette's ``TestClient``) in the tests."""

    def request(
        self,
        method: str,
        url: str,
        *,
        json: Any,
        params: dict[str, Any],
        headers: dict[str, str],
        timeout: float,
    ) -> HttpResponse: ...
    def close(self) -> None: ...


class QueueClient:
    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        timeout: float = 5.0,
        http: HttpSession | None = None,
    ):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self._http: HttpSession = http if http is not None else requests.Session()

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

    def office(self) -> OfficeOut:
        return self._model(OfficeOut, "GET", "/office")

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
        visitor: VisitorIn | JSON | None,
        consent: bool,
        priority: bool = False,
        idempotency_key: str | None = None,
        visitor_reference: str | None = None,
    ) -> IssuedTicketOut:
        """Take a ticket. Retrying with the same ``idempotency_key`` after :class:`Offline`
        never makes a second ticket. With ``visitor_reference`` (from :meth:`lookup_visitor`)
        ``visitor`` may be None or hold only the fields the visitor changed."""
        if isinstance(visitor, VisitorIn):
            visitor = visitor.model_dump(exclude_unset=visitor_reference is not None)
        body: JSON = {"service": service, "consent": consent, "priority": priority}
        if visitor is not None:
            body["visitor"] = visitor
        if visitor_reference is not None:
            body["visitor_reference"] = visitor_reference
        return self._model(
            IssuedTicketOut, "POST", "/tickets", json=body,
            headers={"Idempotency-Key": idempotency_key or self.new_idempotency_key()},
        )

    def lookup_visitor(self, id_type: str, id_number: str) -> VisitorPrefill | None:
        """A returning visitor's masked details and a ``reference`` for :meth:`take_ticket`,
        or None when the number was never seen. 429 (ApiError) when looked up too often."""
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

    # --- ratings and complaints (kiosk token, or a ticket's status-page token) -------------

    def rate(self, ticket_id: int | None, overall: int, skm: list[int] | None = None,
             comment: str | None = None, rating_code: str | None = None,
             desk: str | None = None) -> RatingOut:
        """Rate a finished visit; ApiError 409 when it is not finished or already rated.
        A kiosk proves the visit with the ticket's ``rating_code`` (or, at a desk, ``desk``)."""
        body: JSON = {"ticket_id": ticket_id, "overall": overall, "skm": skm,
                      "comment": comment}
        if rating_code is not None:
            body["rating_code"] = rating_code
        if desk is not None:
            body["desk"] = desk
        return self._model(RatingOut, "POST", "/ratings", json=body)

    def rateable(self, desk: str | None = None) -> list[RateableOut]:
        """Today's finished, not yet rated ticket numbers, the latest finish first."""
        return self._models(RateableOut, "GET", "/ratings/rateable", params={"desk": desk})

    def todays_tickets(self) -> list[RateableOut]:
        """Today's ticket numbers (any state), the latest first: a complaint's link."""
        return self._models(RateableOut, "GET", "/complaints/tickets")

    def file_complaint(self, text: str, contact_email: str | None = None,
                       contact_phone: str | None = None,
                       ticket_id: int | None = None) -> ComplaintOut:
        return self._model(ComplaintOut, "POST", "/complaints", json={
            "text": text, "contact_email": contact_email, "contact_phone": contact_phone,
            "ticket_id": ticket_id})

    # --- the admin ------------------------------------------------------------------------

    def complaints(self, status: str | None = None) -> ComplaintList:
        return self._model(ComplaintList, "GET", "/complaints", params={"status": status})

    def update_complaint(self, complaint_id: int, status: str,
                         reply: str | None = None) -> ComplaintOut:
        return self._model(ComplaintOut, "PATCH", f"/complaints/{complaint_id}",
                           json={"status": status, "reply": reply})

    def ikm(self, first: str, last: str) -> IkmOut:
        return self._model(IkmOut, "GET", "/reports/ikm", params={"from": first, "to": last})

    def report(self, first: str, last: str) -> ReportOut:
        return self._model(ReportOut, "GET", "/reports/summary",
                           params={"from": first, "to": last})

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

    def logout(self) -> None:
        """End this session on the server; its token is refused from then on."""
        self._request("POST", "/auth/logout")
        self.token = None

    # --- the officer console --------------------------------------------------------------

    def desk_view(self, desk: str, since: int | None = None, wait: float = 0) -> DeskViewOut:
        return self._model(
            DeskViewOut, "GET", f"/console/desks/{desk}",
            params={"since": since, "timeout": wait}, timeout=wait + 5,
        )

    def set_note(self, ticket_id: int, text: str) -> VisitOut:
        return self._model(VisitOut, "PUT", f"/tickets/{ticket_id}/note", json={"text": text})

    def mark_follow_up(self, ticket_id: int, note: str = "") -> FollowUpOut:
        return self._model(
            FollowUpOut, "POST", f"/tickets/{ticket_id}/follow-up", json={"note": note}
        )

    def follow_ups(self, state: str = "open") -> list[FollowUpOut]:
        return self._models(FollowUpOut, "GET", "/follow-ups", params={"state": state})

    def close_follow_up(self, follow_up_id: int, note: str) -> FollowUpOut:
        return self._model(
            FollowUpOut, "POST", f"/follow-ups/{follow_up_id}/close", json={"note": note}
        )

    def guest_book(
        self, first: str | None = None, last: str | None = None, search: str = "",
        limit: int | None = None, offset: int = 0,
    ) -> list[VisitOut]:
        """One page of the guest book (the server's largest without ``limit``)."""
        return self._models(
            VisitOut, "GET", "/guest-book",
            params={"from": first, "to": last, "q": search, "limit": limit, "offset": offset},
        )

    # --- the admin ------------------------------------------------------------------------

    def users(self) -> list[UserOut]:
        return self._models(UserOut, "GET", "/users")

    def add_user(self, username: str, role: str, password: str) -> UserOut:
        return self._model(UserOut, "POST", "/users",
                           json={"username": username, "role": role, "password": password})

    def set_password(self, username: str, password: str) -> None:
        self._request("POST", f"/users/{username}/password", json={"password": password})

    def disable_user(self, username: str) -> None:
        self._request("POST", f"/users/{username}/disable")

    def add_device(self, name: str, role: str) -> DeviceCreatedOut:
        return self._model(DeviceCreatedOut, "POST", "/devices", json={"name": name, "role": role})

    def revoke_device(self, name: str) -> None:
        self._request("POST", f"/devices/{name}/revoke")


def _as_list(payload: Any) -> list[Any]:
    if not isinstance(payload, list):
        raise ApiError(502, "unexpected answer: a list was expected")
    return payload


def _unexpected(path: str, exc: ValidationError) -> ApiError:
    """An answer of another shape: a server of another version, which we cannot use."""
    return ApiError(502, f"unexpected answer from {path}: {exc.error_count()} field(s) differ")

"""What the app keeps between requests, in one typed value: the routes reach it through
``server_state(request)`` (or the dependencies in ``deps``), never through ``app.state.x``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import anyio
from fastapi import FastAPI, Request, Response

from shared.core.access.auth import Gatekeeper
from shared.core.feedback.reports import OfficeReports
from shared.core.feedback.use_cases import FeedbackOffice
from shared.core.ports.accounts import AccountStore
from shared.core.queue.office import QueueOffice
from shared.core.queue.read_model import DeskBoard, QueueBoard
from shared.core.queue.visits import Visits
from shared.server.changes import ChangeFeed


@dataclass
class DisplayCache:
    """The display's last answer, for the queue version and office day it was built for."""

    key: tuple[int, date] | None = None
    response: Response | None = None

    def get(self, key: tuple[int, date]) -> Response | None:
        return self.response if self.key == key else None

    def put(self, key: tuple[int, date], response: Response) -> None:
        self.key, self.response = key, response


@dataclass
class RefusedLogins:
    """Addresses told to wait before their next login (monotonic time), and how many refused
    logins are being held before their answer (see routes_accounts)."""

    told_until: dict[str, float] = field(default_factory=dict)
    held: int = 0


@dataclass
class ServerState:
    office: QueueOffice
    board: QueueBoard
    feedback: FeedbackOffice
    reports: OfficeReports
    accounts: AccountStore
    gatekeeper: Gatekeeper
    changes: ChangeFeed
    visits: Visits
    desk_board: DeskBoard
    display_cache: DisplayCache
    # Password hashing runs on its own single thread (see routes_accounts.login).
    password_hashing: anyio.CapacityLimiter
    refused_logins: RefusedLogins


def attach(app: FastAPI, state: ServerState) -> None:
    app.state.server = state


def of_app(app: FastAPI) -> ServerState:
    state = app.state.server
    if not isinstance(state, ServerState):
        raise TypeError("the app was not made by create_app")
    return state


def server_state(request: Request) -> ServerState:
    app: FastAPI = request.app
    return of_app(app)

"""``create_app``: wires storage, the office's queue and the routes into one ASGI app."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import anyio
from fastapi import FastAPI

from shared.core.access.auth import Gatekeeper
from shared.core.calendar.clock import Clock, OfficeCalendar, system_clock
from shared.core.feedback.reports import OfficeReports
from shared.core.feedback.use_cases import FeedbackOffice
from shared.core.queue.office import QueueOffice
from shared.core.queue.read_model import DeskBoard, QueueBoard
from shared.core.queue.visits import Visits
from shared.core.settings import Settings
from shared.core.visitors.personal_data import PersonalData
from shared.server import errors, openapi_links, state
from shared.server.changes import ChangeFeed
from shared.server.console import page as console_page
from shared.server.deps import DeviceOrOfficerTokens
from shared.server.guard import RequestGuard
from shared.server.phone import routes as phone_pages
from shared.server.routes import accounts as routes_accounts
from shared.server.routes import admin as routes_admin
from shared.server.routes import console as routes_console
from shared.server.routes import feedback as routes_feedback
from shared.server.routes import office as routes_office
from shared.server.routes import officer as routes_officer
from shared.server.routes import queue as routes_queue
from shared.server.routes import reports as routes_reports
from shared.storage.identity_key import keyring_in
from shared.storage.sqlite.store import SqliteStore

log = logging.getLogger("pst_antrian.server")

PURGE_EVERY_SECONDS = 6 * 3600


def create_app(
    data_dir: Path, settings: Settings | None = None, clock: Clock = system_clock
) -> FastAPI:
    settings = settings or Settings()
    store = SqliteStore(data_dir)
    calendar = OfficeCalendar(settings, clock)
    with store.snapshot() as tx:
        changes = ChangeFeed(tx.version())
    keyring = keyring_in(data_dir)
    office = QueueOffice(store, settings, calendar, keyring, changes.publish)
    personal_data = PersonalData(store, settings, calendar, keyring)
    visits = Visits(store, settings, calendar, changes.publish)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        changes.attach(asyncio.get_running_loop())
        if settings.close_on_holidays:  # learn this year's holidays before the first visitor
            await asyncio.to_thread(calendar.opening)
        purge = asyncio.create_task(_purge_regularly(office, personal_data, visits, store))
        day_ends = asyncio.create_task(_close_each_day(office))
        log.info("serving %s from %s", settings.office.short_name, store.path)
        try:
            yield
        finally:
            purge.cancel()
            day_ends.cancel()
            store.close()

    app = FastAPI(
        title="PST Antrian",
        version="1",
        summary="Walk-in queue of the PST, BPS Kabupaten Boalemo",
        lifespan=lifespan,
        # The OpenAPI document is served at /openapi.json. No /docs or /redoc: their pages
        # load JavaScript from a CDN, which the office LAN cannot reach.
        docs_url=None,
        redoc_url=None,
    )
    gatekeeper = Gatekeeper(store)
    state.attach(app, state.ServerState(
        office=office,
        board=QueueBoard(store, settings, calendar),
        feedback=FeedbackOffice(store, settings, calendar),
        reports=OfficeReports(store, calendar),
        accounts=store,
        gatekeeper=gatekeeper,
        changes=changes,
        visits=visits,
        desk_board=DeskBoard(store, settings, calendar),
        display_cache=state.DisplayCache(),
        password_hashing=anyio.CapacityLimiter(1),
        refused_logins=state.RefusedLogins(),
    ))
    errors.install(app)
    openapi_links.install(app)
    app.add_middleware(RequestGuard, tokens=DeviceOrOfficerTokens(gatekeeper, calendar.now))
    app.include_router(routes_queue.router)
    app.include_router(routes_accounts.router)
    app.include_router(routes_feedback.router)
    app.include_router(routes_reports.router)
    app.include_router(routes_office.router)
    app.include_router(routes_officer.router)
    app.include_router(phone_pages.router)
    app.include_router(routes_console.router)
    app.include_router(routes_admin.router)
    console_page.install(app)
    return app


async def _purge_regularly(
    office: QueueOffice, personal_data: PersonalData, visits: Visits, accounts: SqliteStore
) -> None:
    while True:
        try:
            await asyncio.to_thread(office.purge_expired)
            await asyncio.to_thread(personal_data.purge)
            await asyncio.to_thread(visits.purge_expired)
            await asyncio.to_thread(accounts.drop_expired_sessions, office.calendar.now())
        except Exception:  # keep serving; the next round tries again
            log.exception("retention purge failed")
        await asyncio.sleep(PURGE_EVERY_SECONDS)


async def _close_each_day(office: QueueOffice) -> None:
    """At start and at each office midnight: earlier days' open tickets are closed."""
    while True:
        try:
            await asyncio.to_thread(office.close_earlier_days)
        except Exception:  # keep serving; the next round tries again
            log.exception("closing the earlier days' tickets failed")
        # Woken at midnight (+1 s); at least hourly, in case the system clock jumps.
        await asyncio.sleep(min(office.calendar.seconds_until_tomorrow() + 1, 3600))

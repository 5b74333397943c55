"""``create_app``: wires storage, the office's queue and the routes into one ASGI app."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import anyio
from fastapi import FastAPI

from shared.auth import Gatekeeper
from shared.clock import Clock, OfficeCalendar, system_clock
from shared.config import Settings
from shared.feedback import FeedbackOffice
from shared.identity import IdentityKeyring
from shared.office import QueueOffice
from shared.personal_data import PersonalData
from shared.read_model import DeskBoard, QueueBoard
from shared.server import (
    console_page,
    errors,
    feedback_page,
    openapi_links,
    routes_accounts,
    routes_admin,
    routes_console,
    routes_feedback,
    routes_office,
    routes_officer,
    routes_queue,
    routes_reports,
    state,
    status_page,
)
from shared.server.changes import ChangeFeed
from shared.server.deps import DeviceOrOfficerTokens
from shared.server.guard import RequestGuard
from shared.sqlite_store import SqliteStore
from shared.visits import Visits

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
    keyring = IdentityKeyring.in_directory(data_dir)
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
    app.include_router(status_page.router)
    app.include_router(feedback_page.router)
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

"""Wakes long-polling displays the moment the queue changes."""

from __future__ import annotations

import asyncio
import threading

from starlette.types import Receive


class ChangeFeed:
    """The queue's change counter, awaitable from the event loop and fed from any thread."""

    def __init__(self, version: int):
        self._version = version
        self._event = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread: int | None = None
        self._closing = False

    @property
    def version(self) -> int:
        return self._version

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._loop_thread = threading.get_ident()

    def publish(self, version: int) -> None:
        """Called after a change is committed, from a worker thread or the loop itself."""
        if self._loop is None or threading.get_ident() == self._loop_thread:
            self._advance(version)
        else:
            self._loop.call_soon_threadsafe(self._advance, version)

    def close(self) -> None:
        """The server is shutting down: every long poll returns now, new ones at once.
        Safe to call from a signal handler or another thread."""
        if self._loop is None:
            self._wake_all()
        else:
            self._loop.call_soon_threadsafe(self._wake_all)

    def _wake_all(self) -> None:
        self._closing = True
        event, self._event = self._event, asyncio.Event()
        event.set()

    def _advance(self, version: int) -> None:
        if version > self._version:
            self._version = version
            event, self._event = self._event, asyncio.Event()
            event.set()

    async def wait_beyond(self, since: int, timeout: float) -> int:
        """Return as soon as the version differs from ``since``, or after ``timeout``."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self._version == since and not self._closing:
            remaining = deadline - loop.time()
            if remaining <= 0:
                break
            try:
                await asyncio.wait_for(self._event.wait(), remaining)
            except TimeoutError:
                break
        return self._version


async def wait_or_leave(feed: ChangeFeed, since: int, timeout: float, receive: Receive) -> bool:
    """``feed.wait_beyond`` unless the client goes away first (its socket closed: the ASGI
    ``http.disconnect`` message). True if it went away: nobody is left to answer, and its
    place among the requests in progress is freed now rather than after ``timeout``."""
    changed = asyncio.ensure_future(feed.wait_beyond(since, timeout))
    gone = asyncio.ensure_future(_disconnected(receive))
    try:
        await asyncio.wait({changed, gone}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        changed.cancel()
        gone.cancel()
    if gone.done() and not gone.cancelled():
        gone.result()  # a request body that broke its limits is answered as such
        return True
    return False


async def _disconnected(receive: Receive) -> None:
    # A GET's body (empty) comes first; the next message only comes when the client leaves.
    while (await receive())["type"] != "http.disconnect":
        pass

"""The stores the contract suite (``tests/contract``) runs over, and its register of ports.

Every contract test takes the ``store`` fixture (or ``backend``, for a second handle on the
same data) and so runs once per store kind: ``"fake"`` (in memory) and ``"sqlite"`` (a file in
``tmp_path``). A PostgreSQL store joins by adding a kind to ``STORE_KINDS`` and a branch to
``_open``; no test changes.

Each contract test names the port methods it checks with ``@covers(Port.method, ...)``;
``tests/contract/test_coverage.py`` fails when a method of a storage port has no test.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

import pytest

import shared.core.ports
from shared.core.ports.accounts import AccountStore
from shared.core.ports.feedback import FeedbackTransaction
from shared.core.ports.personal_data import PersonalDataTransaction
from shared.core.ports.queue import QueueTransaction
from shared.core.ports.reads import DeskReads
from shared.core.ports.reports import ReportReads
from shared.core.ports.visits import VisitTransaction
from shared.storage.sqlite.store import SqliteStore
from tests.support.account_fakes import FakeAccountStore
from tests.support.fakes import FakeIntegrityError
from tests.support.feedback_fakes import FakeFeedbackStore

# The modules that declare storage ports (Protocol classes), one per port family: every
# module of ``shared.core.ports``, so a new port module is checked without being listed here.
# Every method of every port is a port method that must have a contract test.
PORT_MODULES = tuple(
    found.name for found in pkgutil.iter_modules(shared.core.ports.__path__, "shared.core.ports.")
)

STORE_KINDS = ("fake", "sqlite")
# What each store raises when a constraint refuses a write (a number or token taken twice, a
# row that names a missing one), and when a closed store is asked for a transaction.
REFUSED: tuple[type[Exception], ...] = (FakeIntegrityError, sqlite3.IntegrityError)
CLOSED: tuple[type[Exception], ...] = (RuntimeError, sqlite3.ProgrammingError)


class OfficeTransaction(QueueTransaction, VisitTransaction, FeedbackTransaction, ReportReads,
                        PersonalDataTransaction, DeskReads, Protocol):
    """Everything a transaction of a complete store offers: every port's transaction."""


class OfficeStore(AccountStore, Protocol):
    """A complete store: the queue, visits, feedback, reports, personal data, the read side
    and the accounts."""

    def transaction(self) -> AbstractContextManager[OfficeTransaction]: ...
    def snapshot(self) -> AbstractContextManager[OfficeTransaction]: ...
    def close(self) -> None: ...


class FakeOfficeStore(FakeFeedbackStore, FakeAccountStore):
    """The in-memory store with everything: queue, visits, feedback and accounts."""

    def __init__(self) -> None:
        FakeFeedbackStore.__init__(self)
        FakeAccountStore.__init__(self)


@dataclass
class Backend:
    """One store kind's data, and the handles opened on it."""

    kind: str
    directory: Path
    _handles: ExitStack = field(default_factory=ExitStack)
    _fake: FakeOfficeStore | None = None

    def open(self) -> OfficeStore:
        """Another handle on the same data: for SQLite a new store (its own connections) on
        the same file, as another server thread or process would have; the fake has one."""
        if self.kind == "fake":
            if self._fake is None:
                self._fake = FakeOfficeStore()
            return self._fake
        store = SqliteStore(self.directory, durable=False)  # no fsync per test commit
        self._handles.callback(store.close)
        return store

    def close(self) -> None:
        self._handles.close()


@pytest.fixture(params=STORE_KINDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    opened = Backend(str(request.param), tmp_path / "data")
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def store(backend: Backend) -> OfficeStore:
    return backend.open()


# --- the register of port methods and the tests that check them -----------------------------

COVERED: set[str] = set()

Test = TypeVar("Test", bound=Callable[..., Any])


def port_name(method: Callable[..., Any]) -> str:
    """``"QueueTransaction.next_sequence"``: the port that declares the method, and its name."""
    return str(method.__qualname__)


def covers(*methods: Callable[..., Any]) -> Callable[[Test], Test]:
    """Marks a contract test as checking these port methods (``covers(Port.method)``)."""

    def mark(test: Test) -> Test:
        COVERED.update(port_name(m) for m in methods)
        return test

    return mark


def port_methods() -> dict[str, Callable[..., Any]]:
    """Every public method of every storage port, by ``Port.method``."""
    found: dict[str, Callable[..., Any]] = {}
    for module_name in PORT_MODULES:
        module = importlib.import_module(module_name)
        for _, port in inspect.getmembers(module, inspect.isclass):
            if port.__module__ != module_name or not getattr(port, "_is_protocol", False):
                continue
            for name, method in inspect.getmembers(port, inspect.isfunction):
                if not name.startswith("_"):
                    found[port_name(method)] = method
    return found


# --- writers in other processes --------------------------------------------------------------


def take_tickets_in_sqlite(directory: str, service: str, count: int) -> list[tuple[int, str]]:
    """In a process of its own: ``count`` tickets of ``service`` on Monday from a new store
    on the SQLite file in ``directory``, each in its own transaction (retried while busy, as
    the kiosk retries); their (sequence, number)."""
    from shared.core.errors import StorageBusy
    from tests.contract.samples import issue

    taken = []
    store = SqliteStore(Path(directory), durable=False)
    try:
        while len(taken) < count:
            try:
                with store.transaction() as tx:
                    ticket = issue(tx, service)
            except StorageBusy:
                continue
            taken.append((ticket.sequence, ticket.number))
    finally:
        store.close()
    return taken

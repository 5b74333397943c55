"""Every storage port method has a contract test: a new method without one fails here."""

from __future__ import annotations

import importlib
import pkgutil

import tests.contract
from tests.support import contract
from tests.support.contract import COVERED, PORT_MODULES, OfficeStore, port_methods

backend, store = contract.backend, contract.store


def _contract_tests_loaded() -> set[str]:
    """The methods the suite's tests say they check (``@covers``), all modules imported."""
    for found in pkgutil.iter_modules(tests.contract.__path__, "tests.contract."):
        importlib.import_module(found.name)
    return set(COVERED)


def test_every_port_method_has_a_contract_test() -> None:
    missing = sorted(set(port_methods()) - _contract_tests_loaded())
    assert missing == [], (
        f"storage port methods without a contract test in tests/contract: {missing}"
        " (write one that runs over every store, marked @covers(Port.method))"
    )


def test_every_covered_name_is_a_port_method() -> None:
    stale = sorted(_contract_tests_loaded() - set(port_methods()))
    assert stale == [], f"@covers names no port method of {PORT_MODULES}: {stale}"


def test_the_ports_are_found() -> None:
    ports = {name.split(".")[0] for name in port_methods()}
    assert {"QueueTransaction", "QueueStore", "AccountStore", "VisitTransaction", "VisitStore",
            "FeedbackTransaction", "FeedbackStore", "ReportReads", "ReportStore",
            "PersonalDataTransaction", "PersonalDataStore", "QueueReads", "ReadStore",
            "VisitReads", "DeskReads", "DeskReadStore"} <= ports


def _is_store_port(port: str) -> bool:
    """A store's own methods (``*Store``: a transaction, a snapshot, the accounts), not a
    transaction's."""
    return port.endswith("Store")


def test_every_store_offers_every_port_method(store: OfficeStore) -> None:
    """The fake complete, no method left out (each is then checked by its contract test)."""
    with store.transaction() as tx:
        missing = [
            name for name in port_methods()
            if not hasattr(store if _is_store_port(name.split(".")[0]) else tx,
                           name.split(".")[1])
        ]
    assert missing == []

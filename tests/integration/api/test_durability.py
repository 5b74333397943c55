"""Many kiosks at once, and a server killed mid-day: no duplicate number, nothing lost."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from shared.api.client import ApiError, Offline, QueueClient
from tests.support.offices import Office, start_office, visitor
from tests.support.serverproc import ServerProcess
from tests.support.waiting import wait_until


@pytest.mark.slow
def test_eight_kiosks_take_800_distinct_numbers(tmp_path: Path) -> None:
    office = start_office(tmp_path)  # a real process: eight kiosks on eight connections
    try:
        _eight_kiosks_take_800_distinct_numbers(office)
    finally:
        office.process.stop()


def _eight_kiosks_take_800_distinct_numbers(office: Office) -> None:
    numbers: list[str] = []
    failures: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def kiosk(k: int) -> None:
        client = QueueClient(office.url, office.kiosk_token, timeout=30)
        start.wait()
        try:
            for i in range(100):
                ticket = client.take_ticket("KONSULTASI", visitor(k * 100 + i + 1), True)
                with lock:
                    numbers.append(ticket.number)
        except BaseException as exc:  # reported below
            failures.append(exc)

    threads = [threading.Thread(target=kiosk, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert failures == []
    assert sorted(numbers) == [f"K-{n:03d}" for n in range(1, 801)]
    stored = [t.number for t in office.officer.tickets()]
    assert sorted(stored) == sorted(numbers)


@pytest.mark.slow
def test_tickets_acknowledged_before_sigkill_survive_and_numbering_continues(
    tmp_path: Path,
) -> None:
    office = start_office(tmp_path)
    acknowledged: dict[str, str] = {}  # idempotency key -> number
    unanswered: list[tuple[str, int]] = []
    lock = threading.Lock()
    stop = threading.Event()

    def kiosk(k: int) -> None:
        client = QueueClient(office.url, office.kiosk_token, timeout=5)
        n = 0
        while not stop.is_set():
            n += 1
            key = f"kiosk{k}-{n}"
            try:
                ticket = client.take_ticket("KONSULTASI", visitor(k * 1000 + n), True,
                                            idempotency_key=key)
            except (Offline, ApiError):
                with lock:
                    unanswered.append((key, k * 1000 + n))
                return
            with lock:
                acknowledged[key] = ticket.number

    threads = [threading.Thread(target=kiosk, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()

    def busy() -> bool:  # or every kiosk gave up: the assertion below says so
        with lock:
            return len(acknowledged) > 20 or not any(t.is_alive() for t in threads)

    wait_until(busy, "more than 20 tickets answered", limit=120)
    office.process.kill()  # SIGKILL: no shutdown, no flush
    stop.set()
    for t in threads:
        t.join(30)
    assert len(acknowledged) > 20, "the kiosks were not busy when the server died"

    restarted = ServerProcess(office.process.data_dir, port=office.process.port).start()
    try:
        officer = QueueClient(restarted.url)
        officer.login("petugas1", "rahasia-petugas")
        stored = [t.number for t in officer.tickets()]
        assert set(acknowledged.values()) <= set(stored)
        assert len(stored) == len(set(stored))
        sequences = sorted(int(n.split("-")[1]) for n in stored)
        assert sequences == list(range(1, len(stored) + 1))

        # a kiosk retrying its unanswered request gets at most one ticket for it
        kiosk = QueueClient(restarted.url, office.kiosk_token)
        for key, n in unanswered:
            kiosk.take_ticket("KONSULTASI", visitor(n), True, idempotency_key=key)
            kiosk.take_ticket("KONSULTASI", visitor(n), True, idempotency_key=key)
        after = [t.number for t in officer.tickets()]
        assert len(after) == len(set(after))
        assert len(after) <= len(stored) + len(unanswered)
        fresh = kiosk.take_ticket("KONSULTASI", visitor(9999), True)
        assert fresh.number == f"K-{len(after) + 1:03d}"
    finally:
        restarted.stop()

"""Measure a kiosk's ticket latency while one client keeps sending long polls of the display
and closing their sockets at once, against the same server left quiet.

Run from the repository root::

    .venv/bin/python -m bench.bench_longpoll_flood            # print the figures
    .venv/bin/python -m bench.bench_longpoll_flood --write    # ... and put them in
                                                              #     docs/performance.md
    # also the same phases against another tree (e.g. `git archive <commit>` unpacked):
    .venv/bin/python -m bench.bench_longpoll_flood --before /tmp/before --write

The real server process (``python -m shared.cli.main server``, started in the tree measured) on
loopback with a fresh SQLite file. The attacker connects from 127.0.0.2, the kiosk from
127.0.0.1. Measurement only: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import platform
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import requests

from bench.figures import percentile, publish
from tests.support.faults import visitor
from tests.support.serverproc import add_device, end_process, free_port

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
SECTION = "longpoll-flood"
ATTACKER = "127.0.0.2"
TRICKLE_PER_S = 14.0
BURST = 420
_serial = itertools.count(1)


@dataclass
class Phase:
    name: str
    took_s: list[float] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)
    polls_sent: int = 0

    def row(self) -> str:
        answers = ", ".join(f"{s} x{n}" for s, n in sorted(self.outcomes.items()))
        return (f"{percentile(self.took_s, 50) * 1000:.0f} / "
                f"{percentile(self.took_s, 95) * 1000:.0f} ms ({answers})")


@contextmanager
def server_in(tree: Path, data_dir: Path) -> Iterator[str]:
    """The server of ``tree`` (its own ``shared`` package, imported from its directory)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(tree)}
    process = subprocess.Popen(
        [sys.executable, "-m", "shared.cli.main", "server", "--port", str(port),
         "--data-dir", str(data_dir)],
        cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{url}/api/v1/health", timeout=2).ok:
                    break
            except requests.RequestException:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"the server in {tree} did not start") from None
                time.sleep(0.1)
        yield url
    finally:
        end_process(process)


class Attacker:
    """One address sending long polls at the display's current version and closing each
    socket as soon as the request is sent."""

    def __init__(self, url: str):
        self.url = url
        self.port = int(url.rsplit(":", 1)[1])
        self.version = 0
        self.sent = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _learn_version(self) -> None:
        try:
            reply = requests.get(f"{self.url}/api/v1/display", params={"timeout": 0},
                                 timeout=5)
            if reply.ok:
                self.version = reply.json()["version"]
        except requests.RequestException:
            pass  # a refused or slow answer: keep the last version seen

    def _vanish(self, count: int) -> None:
        request = (f"GET /api/v1/display?since={self.version}&timeout=30 HTTP/1.1\r\n"
                   "Host: x\r\n\r\n").encode()
        sockets = []
        for _ in range(count):
            try:
                sockets.append(socket.create_connection(
                    ("127.0.0.1", self.port), timeout=5, source_address=(ATTACKER, 0)))
            except OSError:
                break
        for sock in sockets:
            try:
                sock.sendall(request)
            except OSError:
                pass
        for sock in sockets:
            sock.close()
        self.sent += len(sockets)

    def burst(self, count: int = BURST) -> None:
        self._learn_version()
        self._vanish(count)

    def start_trickle(self, per_second: float = TRICKLE_PER_S) -> None:
        def trickle() -> None:
            next_at = time.monotonic()
            while not self._stop.is_set():
                self._learn_version()
                self._vanish(1)
                next_at += 1 / per_second
                self._stop.wait(max(0.0, next_at - time.monotonic()))

        self._thread = threading.Thread(target=trickle)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()


def kiosk_tickets(url: str, token: str, phase: Phase, seconds: float) -> None:
    """Tickets one after another (a kiosk's client gives up after 5 s: so does this)."""
    with requests.Session() as http:
        until = time.monotonic() + seconds
        while time.monotonic() < until:
            entry = visitor(next(_serial) % 9999 + 1)
            began = time.perf_counter()
            try:
                reply = http.post(f"{url}/api/v1/tickets", timeout=5,
                                  headers={"Authorization": f"Bearer {token}"},
                                  json={"service": "KONSULTASI", "visitor": entry,
                                        "consent": True})
                phase.outcomes[str(reply.status_code)] += 1
            except requests.RequestException as exc:
                phase.outcomes[type(exc).__name__] += 1
            phase.took_s.append(time.perf_counter() - began)
            time.sleep(0.05)  # a kiosk is not a load generator


def run(tree: Path, seconds: float) -> list[Phase]:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        token = add_device(data_dir, "kiosk-1", "kiosk")
        with server_in(tree, data_dir) as url:
            quiet = Phase("quiet")
            kiosk_tickets(url, token, quiet, seconds)
            trickle = Phase(f"{TRICKLE_PER_S:.0f} vanishing polls a second")
            attacker = Attacker(url)
            attacker.start_trickle()
            try:
                kiosk_tickets(url, token, trickle, seconds)
                trickle.polls_sent = attacker.sent
                burst = Phase(f"a burst of {BURST}, then {TRICKLE_PER_S:.0f} a second")
                attacker.burst()
                kiosk_tickets(url, token, burst, seconds)
                burst.polls_sent = attacker.sent - trickle.polls_sent
            finally:
                attacker.stop()
    return [quiet, trickle, burst]


def commit(source: Path) -> str:
    """The checked-out commit of ``source``, short, or "?" outside git."""
    found = subprocess.run(["git", "-C", str(source), "rev-parse", "--short", "HEAD"],
                           capture_output=True, text=True, check=False)
    return found.stdout.strip() or "?"


def section(now: list[Phase], before: list[Phase] | None, seconds: float,
            before_tree: Path | None = None) -> str:
    moment = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = os.getloadavg()[0]
    head = "| Phase | kiosk ticket p50 / p95 (answers) |"
    rule = "|---|---|"
    if before is not None:
        head = "| Phase | before | now |"
        rule = "|---|---|---|"
    rows = []
    for n, phase in enumerate(now):
        cells = [phase.row()] if before is None else [before[n].row(), phase.row()]
        rows.append(f"| {phase.name} ({phase.polls_sent}) | " + " | ".join(cells) + " |")
    method = (
        f"Measured {moment} (Python {platform.python_version()}; load average {load:.1f} on "
        f"{os.cpu_count()} CPUs, shared with other work) by `bench/bench_longpoll_flood.py`: "
        "the real server process; a kiosk (its token, a 5 s timeout) takes tickets one after "
        f"another, 0.05 s apart, for {seconds:.0f} s in each phase, while one other address "
        "sends `GET /api/v1/display?since=<current>&timeout=30` and closes each socket as soon "
        "as it is sent (the polls sent per phase, last run, in brackets). The phases run in "
        "order on one server. Latencies count every attempt, refused ones too. Each ticket "
        "changes the queue, which answers every waiting poll: while the kiosk is busy a "
        "trickle alone does not pile up, a burst does. "
        + (f"\"before\" is commit {commit(before_tree or ROOT)} (`--before`), \"now\" commit "
           f"{commit(ROOT)}." if before is not None else "")
    )
    return (
        f"<!-- section:{SECTION} -->\n"
        "## Vanishing long polls\n\n"
        + textwrap.fill(method, 95) + "\n\n"
        f"{head}\n{rule}\n" + "\n".join(rows) + "\n"
        f"<!-- /section:{SECTION} -->\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="kiosk time per phase")
    parser.add_argument("--before", type=Path, help="another tree to measure the same way")
    parser.add_argument("--write", action="store_true", help=f"update {DOC.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    before = run(args.before.resolve(), args.seconds) if args.before else None
    now = run(ROOT, args.seconds)
    block = section(now, before, args.seconds, args.before)
    publish(SECTION, block, args.write)
    return 0


if __name__ == "__main__":
    sys.exit(main())

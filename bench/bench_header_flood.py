"""Measure a header flood against the real server: several connections
each send endless headers while a kiosk takes tickets. Reports the server's peak RSS and the
kiosk's ticket latency (p50/p95) during the flood against the same on a quiet server.

Run from the repository root::

    .venv/bin/python -m bench.bench_header_flood                    # this checkout
    .venv/bin/python -m bench.bench_header_flood --before ../old    # ... and an older one
    .venv/bin/python -m bench.bench_header_flood --write            # update docs/performance.md

The kiosk uses the kiosk's own client (``QueueClient.take_ticket``, 5 s timeout): a ticket
that takes longer fails as it would at the kiosk. A server whose memory passes ``--rss-cap``
has its flood stopped there (the server before the fix grows by about 200 MB a second per
connection). Measurement only: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.bench_server import visitor
from bench.bench_soak import Server
from bench.figures import percentile, publish
from shared.api.client import ApiError, Offline, QueueClient

ROOT = Path(__file__).resolve().parent.parent
HEADERS = b"X-a: b\r\n" * 8192  # 64 KiB of small headers a write
KIOSK_PACE_S = 0.1


@dataclass
class Phase:
    """One phase: a kiosk's tickets while the server's RSS is sampled."""

    tickets_s: list[float] = field(default_factory=list)
    failed: int = 0
    rss_peak_mb: float = 0.0
    flood_connections: int = 0
    capped_after_s: float | None = None  # the flood was stopped at the RSS cap


@dataclass
class Result:
    label: str
    rss_start_mb: float = 0.0
    rss_after_mb: float = 0.0  # 5 s after the flood stopped
    quiet: Phase = field(default_factory=Phase)
    flood: Phase = field(default_factory=Phase)


def _flood(port: int, stop: threading.Event, phase: Phase, lock: threading.Lock) -> None:
    """Send endless headers; when the server closes the connection, open another."""
    while not stop.is_set():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
                with lock:
                    phase.flood_connections += 1
                sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n")
                while not stop.is_set():
                    sock.sendall(HEADERS)
        except OSError:
            pass  # refused, reset or closed by the server: start again


def _phase(server: Server, kiosk: QueueClient, seconds: float, floods: int,
           rss_cap_mb: float) -> Phase:
    assert server.process is not None
    phase = Phase(rss_peak_mb=server.rss_mb())
    stop = threading.Event()
    lock = threading.Lock()
    flooders = [threading.Thread(target=_flood, args=(server.port, stop, phase, lock))
                for _ in range(floods)]

    def sample() -> None:
        while not stop.is_set():
            phase.rss_peak_mb = max(phase.rss_peak_mb, server.rss_mb())
            if phase.rss_peak_mb > rss_cap_mb and phase.capped_after_s is None:
                phase.capped_after_s = time.monotonic() - started
                stop.set()
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    started = time.monotonic()
    sampler.start()
    for thread in flooders:
        thread.start()
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline and not stop.is_set():
            began = time.perf_counter()
            try:
                kiosk.take_ticket("KONSULTASI", visitor(), consent=True)
                phase.tickets_s.append(time.perf_counter() - began)
            except (Offline, ApiError):
                phase.failed += 1
            time.sleep(KIOSK_PACE_S)
    finally:
        stop.set()
        for thread in [sampler, *flooders]:
            thread.join()
    return phase


def run(source: Path, label: str, work: Path, seconds: float, floods: int,
        rss_cap_mb: float) -> Result:
    server = Server(source, work / label / "data")
    server.data_dir.parent.mkdir(parents=True)
    token = server.enrol(kiosks=1)[0]
    server.start()
    try:
        kiosk = QueueClient(server.url, token)
        kiosk.take_ticket("KONSULTASI", visitor(), consent=True)  # warm up
        result = Result(label, rss_start_mb=server.rss_mb())
        result.quiet = _phase(server, kiosk, seconds, 0, rss_cap_mb)
        result.flood = _phase(server, kiosk, seconds, floods, rss_cap_mb)
        time.sleep(5)  # the header deadline (10 s) may still hold the flood's last connections
        result.rss_after_mb = server.rss_mb()
        return result
    finally:
        server.stop()


def _ms(values: list[float], q: float) -> str:
    return f"{percentile(values, q) * 1000:.0f} ms" if values else "-"


def document(results: list[Result], seconds: float, floods: int) -> str:
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = " / ".join(f"{v:.1f}" for v in os.getloadavg())
    lines = [
        "<!-- section:header-flood -->", "## Header flood", "",
        f"Measured {when} with `bench/bench_header_flood.py`: {seconds:g} s of a kiosk taking"
        f" tickets (the kiosk's client, one every {KIOSK_PACE_S:g} s after the last answer)"
        f" on a quiet server, then {seconds:g} s more while {floods} connections each send"
        " endless headers (64 KiB of `X-a: b` lines a write, a new connection whenever the"
        " server closes one). Load generator and server share the machine's 2 CPUs with"
        f" other engineers' runs (load average at the end: {load}).", "",
        "| Server | RSS at start | peak, quiet | peak, flood | 5 s after | ticket p50 / p95, quiet"
        " | ticket p50 / p95, flood | tickets failed (flood) | flood connections opened |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        capped = ("" if r.flood.capped_after_s is None
                  else f" (flood stopped at the cap after {r.flood.capped_after_s:.1f} s)")
        lines.append(
            f"| {r.label} | {r.rss_start_mb:.0f} MB | {r.quiet.rss_peak_mb:.0f} MB"
            f" | {r.flood.rss_peak_mb:.0f} MB{capped} | {r.rss_after_mb:.0f} MB"
            f" | {_ms(r.quiet.tickets_s, 50)} / {_ms(r.quiet.tickets_s, 95)}"
            f" | {_ms(r.flood.tickets_s, 50)} / {_ms(r.flood.tickets_s, 95)}"
            f" | {r.flood.failed} of {r.flood.failed + len(r.flood.tickets_s)}"
            f" | {r.flood.flood_connections} |")
    lines += ["<!-- /section:header-flood -->", ""]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="each phase's length")
    parser.add_argument("--connections", type=int, default=8, help="flooding connections")
    parser.add_argument("--rss-cap", type=float, default=1500.0,
                        help="stop the flood when the server's RSS passes this (MB)")
    parser.add_argument("--before", type=Path, help="an older checkout for 'before' figures")
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    args = parser.parse_args(argv)
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="pst-header-flood-") as tmp:
        work = Path(tmp)
        if args.before is not None:
            results.append(run(args.before.resolve(), "before", work, args.seconds,
                               args.connections, args.rss_cap))
        results.append(run(ROOT, "after", work, args.seconds, args.connections, args.rss_cap))
    section = document(results, args.seconds, args.connections)
    publish("header-flood", section, args.write)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())

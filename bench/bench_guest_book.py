"""Measure the real server answering a year's guest book: the largest answer and the memory.

A SQLite file is seeded with a year of 2026 (``bench_reports.seed``: tickets over the working
days with their guest-book entries), the real ``python -m shared.cli.main server`` process is
started on it, an officer logs in, and the console's guest book for the whole year is read
the way the console reads it: ``GET /api/v1/guest-book?from=2026-01-01&to=2026-12-31`` a page
at a time until a short page; then one search over the year that matches nothing (every
ticket read). The server's resident memory before, after and at its peak (``VmHWM``) is
taken from ``/proc``. A server that ignores ``limit`` answers the whole year at once: that
is reported as one page.

    .venv/bin/python -m bench.bench_guest_book            # print the figures
    .venv/bin/python -m bench.bench_guest_book --write    # ... and put them in docs/performance.md

Measurement only: nothing asserts a size or a time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import psutil
import requests

from bench.bench_reports import seed
from bench.bench_server import OFFICER, PASSWORD, vm_hwm_mb
from bench.figures import publish
from shared.api.client import QueueClient
from tests.support.serverproc import ServerProcess, add_user

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
SECTION = "guest-book-over-a-year"
GOAL_MB = 60.0
YEAR = {"from": "2026-01-01", "to": "2026-12-31"}
PAGE = 200


def _rss_mb(pid: int) -> float:
    return float(psutil.Process(pid).memory_info().rss) / 2**20


def measure(tickets: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        seed(data_dir, tickets, 0)
        add_user(data_dir, OFFICER, "officer", PASSWORD)
        server = ServerProcess(data_dir).start(timeout=120)
        try:
            assert server.process is not None
            pid = server.process.pid
            officer = QueueClient(server.url)
            officer.login(OFFICER, PASSWORD)
            http = requests.Session()
            http.headers["Authorization"] = f"Bearer {officer.token}"
            url = f"{server.url}/api/v1/guest-book"
            http.get(url, timeout=60).raise_for_status()  # today's: the route warmed up
            before = _rss_mb(pid)
            rows = pages = largest = total = 0
            started = time.perf_counter()
            while True:
                answer = http.get(url, params={**YEAR, "limit": PAGE, "offset": rows},
                                  timeout=600)
                answer.raise_for_status()
                got = len(answer.json())
                pages, rows = pages + 1, rows + got
                largest, total = max(largest, len(answer.content)), total + len(answer.content)
                if got < PAGE or got > PAGE:  # the last page, or a server that ignores limit
                    break
            paging_s = time.perf_counter() - started
            after_pages = _rss_mb(pid)
            started = time.perf_counter()
            http.get(url, params={**YEAR, "q": "tidak ada nama ini", "limit": PAGE},
                     timeout=600).raise_for_status()
            search_s = time.perf_counter() - started
            return {"tickets": tickets, "rows": rows, "pages": pages, "largest_mb": largest / 1e6,
                    "total_mb": total / 1e6, "paging_s": paging_s, "search_s": search_s,
                    "before_mb": before, "after_pages_mb": after_pages,
                    "after_mb": _rss_mb(pid), "peak_mb": vm_hwm_mb(pid)}
        finally:
            server.stop()


def section(r: dict[str, float]) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    growth = r["peak_mb"] - r["before_mb"]
    return "\n".join([
        f"<!-- section:{SECTION} -->",
        "## The guest book over a year",
        "",
        f"Measured {now} on this machine (Python {platform.python_version()}; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs, shared with other work) by "
        f"`bench/bench_guest_book.py`: the real server process on a SQLite file seeded with "
        f"{int(r['tickets']):,} tickets of 2026 and their guest-book entries; an officer reads "
        f"the whole year's guest book a page at a time ({PAGE} visits, the most one answer "
        "holds), as the console does, then searches the year for a name nobody has.",
        "",
        "| Figure | Value |",
        "|---|---|",
        f"| Visits read / answers | {int(r['rows']):,} / {int(r['pages'])} |",
        f"| Largest answer | {r['largest_mb']:.2f} MB (all pages: {r['total_mb']:.1f} MB) |",
        f"| Every page, one after the other | {r['paging_s']:.1f} s |",
        f"| The search over the year (nothing found) | {r['search_s']:.1f} s |",
        f"| Server RSS before / after the pages / after the search | {r['before_mb']:.0f} / "
        f"{r['after_pages_mb']:.0f} / {r['after_mb']:.0f} MB |",
        f"| Server peak RSS (VmHWM) above the RSS before | +{growth:.0f} MB "
        f"(budget {GOAL_MB:.0f}: {'met' if growth < GOAL_MB else 'NOT met'}) |",
        "",
        "The guest book comes a page at a time because whole it is costly: at commit ad598f3 "
        "(this bench, 30,000 tickets, this machine, 2026-12-08 about 03:00 UTC) the year came back "
        "as one answer of 21.7 MB and the server's peak RSS rose by 208 MB (60 MB before, "
        "137 MB after): every visit of the range was a Python object, then a dict, then JSON, "
        "at once. A search reads the range "
        "1,000 tickets at a time, so it costs time (every ticket is read) but not memory.",
        f"<!-- /section:{SECTION} -->",
        "",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=30_000)
    parser.add_argument("--write", action="store_true", help=f"update {DOC.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    block = section(measure(args.tickets))
    publish(SECTION, block, args.write)
    return 0


if __name__ == "__main__":
    sys.exit(main())

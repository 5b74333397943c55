"""Measure the admin's figures over a seeded office year: the monthly report and the IKM.

A SQLite file (the real store, the real schema) is filled with a year of 2026: 100,000
tickets over the working days (with their guest-book entries, calls naming desks and
officers, no-shows and referrals) and 30,000 ratings (four in five with the nine SKM
answers). Then ``OfficeReports.report`` for one month and ``OfficeReports.satisfaction``
for the whole year are timed, each many times. Goal: < 500 ms each.

    .venv/bin/python -m bench.bench_reports            # print the figures
    .venv/bin/python -m bench.bench_reports --write    # ... and put them in docs/performance.md

Measurement only: nothing asserts a time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from bench.figures import Timings, percentile, publish, timed
from shared.core.calendar.clock import OfficeCalendar
from shared.core.feedback.reports import OfficeReports
from shared.core.settings import Settings
from shared.storage.sqlite.store import DB_FILE, SqliteStore

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
SECTION = "reports-over-a-year"
GOAL_MS = 500.0
WITA = dt.timezone(dt.timedelta(hours=8))
PURPOSES = ("Tugas Sekolah/Tugas Kuliah", "Pemerintahan", "Komersial", "Penelitian", "Lainnya")
OCCUPATIONS = ("Pelajar/Mahasiswa", "Peneliti/Dosen", "ASN/TNI/Polri", "Pegawai BUMN/BUMD",
               "Pegawai Swasta", "Wiraswasta", "Lainnya")


def _ts(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def seed(data_dir: Path, tickets: int, ratings: int, year: int = 2026) -> None:
    SqliteStore(data_dir, durable=False).close()  # the schema, by the store's migrations
    rng = random.Random(11)
    days = [d for d in (dt.date(year, 1, 1) + dt.timedelta(n) for n in range(365))
            if d.weekday() < 5]
    per_day = tickets // len(days) + 1
    guests, rows, calls, done = [], [], [], []
    ticket_id = 0
    for day in days:
        for sequence in range(1, per_day + 1):
            if ticket_id == tickets:
                break
            ticket_id += 1
            issued = dt.datetime.combine(day, dt.time(8), WITA) + dt.timedelta(
                minutes=rng.uniform(0, 450))
            called = issued + dt.timedelta(minutes=rng.expovariate(1 / 12))
            finished = called + dt.timedelta(minutes=rng.uniform(5, 40))
            status = "no_show" if rng.random() < 0.08 else "done"
            desk = rng.choice(("1", "2"))
            guests.append((ticket_id, _ts(issued), "KTP", f"7502********{ticket_id % 10000:04d}",
                           f"hash{ticket_id}", f"Pengunjung {ticket_id}", f"p{ticket_id}@x.id",
                           None, None, rng.choice(OCCUPATIONS), rng.choice(PURPOSES),
                           _ts(issued), "2026-11"))
            rows.append((ticket_id, f"t{ticket_id}", "KONSULTASI", day.isoformat(), sequence,
                         f"K-{sequence:03d}", status, 0, ticket_id, _ts(issued), desk,
                         _ts(called), _ts(finished)))
            calls.append((ticket_id, f"K-{sequence:03d}", "KONSULTASI", desk, day.isoformat(),
                          _ts(called), 0, f"petugas{desk}"))
            if status == "done":
                done.append((ticket_id, day, finished))
    chosen = rng.sample(done, ratings)
    rated = [
        (tid, day.isoformat(), _ts(at), rng.choice((2, 3, 3, 4, 4)),
         *([rng.choice((2, 3, 3, 4, 4)) for _ in range(9)] if rng.random() < 0.8 else
           [None] * 9), None, "kiosk")
        for tid, day, at in chosen
    ]
    db = sqlite3.connect(data_dir / DB_FILE)
    with db:
        db.executemany("INSERT INTO guest_entries (id, created_at, id_type, id_masked, id_hash,"
                       " name, email, phone, institution, occupation, purpose, consent_at,"
                       " consent_version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", guests)
        db.executemany("INSERT INTO tickets (id, token, service, day, sequence, number, status,"
                       " priority, guest_entry_id, issued_at, desk, called_at, finished_at)"
                       " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        db.executemany("INSERT INTO calls (ticket_id, number, service, desk, day, called_at,"
                       " recall, officer) VALUES (?,?,?,?,?,?,?,?)", calls)
        db.executemany("INSERT INTO ratings (ticket_id, day, rated_at, overall, e1, e2, e3, e4,"
                       " e5, e6, e7, e8, e9, comment, channel)"
                       " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rated)
    db.execute("ANALYZE")
    db.close()


def measure(tickets: int, ratings: int, runs: int) -> tuple[dict[str, Timings], str]:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        started = time.perf_counter()
        seed(data_dir, tickets, ratings)
        seeded = time.perf_counter() - started
        store = SqliteStore(data_dir)
        settings = Settings()
        reports = OfficeReports(store, OfficeCalendar(settings))
        month = reports.month(2026, 10)
        year = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
        check = reports.report(*month)
        index = reports.satisfaction(*year)
        names = ("Monthly report (October)", "IKM over the year",
                 "Report over the whole year (366 days)")
        results = {
            names[0]: timed(lambda: reports.report(*month), runs),
            names[1]: timed(lambda: reports.satisfaction(*year), runs),
            names[2]: timed(lambda: reports.report(*year), max(3, runs // 4)),
        }
        store.close()
        note = (f"Seeded in {seeded:.1f} s; October: {check.tickets} tickets, "
                f"{check.ratings} ratings; the year's IKM {index.ikm} from "
                f"{index.respondents} SKM respondents.")
    return results, note


def section(results: dict[str, Timings], note: str, tickets: int, ratings: int) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"<!-- section:{SECTION} -->",
        "## Reports and the IKM over a year",
        "",
        f"Measured {now} on this machine (Python {platform.python_version()}, SQLite "
        f"{sqlite3.sqlite_version}; load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} CPUs, shared with other work) by `bench/bench_reports.py`: a SQLite "
        f"file with a seeded 2026 of {tickets:,} tickets (guest-book entries, calls, no-shows) "
        f"and {ratings:,} ratings, four in five with the nine SKM answers; the use cases "
        "`OfficeReports.report` and `.satisfaction` timed in-process (what the API routes "
        "call). " + note,
        "",
        "| Figure | p50 | p95 | CPU p50 / p95 | Goal | Goal met (p95 wall / CPU) |",
        "|---|---|---|---|---|---|",
    ]
    for name, timings in results.items():
        p50, p95 = percentile(timings.wall, 50), percentile(timings.wall, 95)
        cpu50, cpu95 = percentile(timings.cpu, 50), percentile(timings.cpu, 95)
        goal = name != "Report over the whole year (366 days)"
        met = f"{'met' if p95 < GOAL_MS else 'NOT met'} / {'met' if cpu95 < GOAL_MS else 'NOT met'}"
        lines.append(f"| {name} ({len(timings.wall)} runs) | {p50:.0f} ms | {p95:.0f} ms | "
                     f"{cpu50:.0f} / {cpu95:.0f} ms | "
                     + (f"< {GOAL_MS:.0f} ms | {met} |" if goal else "(no goal) | |"))
    lines += ["", "The IKM is one aggregate query (`COUNT`, nine `SUM`s over the ratings'"
              " day index). The report's counts are `GROUP BY` queries over the tickets' day"
              " index (per service, per day and quarter hour, per purpose and occupation, calls"
              " per desk and officer): a few hundred groups, no Python object per ticket; only"
              " the waiting and service minutes come back as two columns of numbers, for the"
              " median and p90 in Python. CPU time is the figure to read on a loaded machine.",
              f"<!-- /section:{SECTION} -->", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--ratings", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--write", action="store_true", help=f"update {DOC.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    results, note = measure(args.tickets, args.ratings, args.runs)
    block = section(results, note, args.tickets, args.ratings)
    publish(SECTION, block, args.write)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A simulated office day, sped up, against the real server: kiosks issuing tickets (some for
returning visitors, by reference), officers calling, finishing, recalling and referring,
three displays long-polling, phones refreshing their ticket pages, kiosks reporting their
printers. Then the abuse figures (big bodies, a login flood, another process holding the
write lock), optionally also against an older checkout for "before" figures.

Run from the repository root::

    .venv/bin/python -m bench.bench_soak --minutes 10 --write
    .venv/bin/python -m bench.bench_soak --minutes 0 --before /tmp/before --write  # abuse only

``--before DIR`` is a checkout of an older commit (``git worktree add DIR COMMIT``) run with
this virtualenv. Measurement only: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
import requests

from bench.bench_server import visitor
from bench.figures import percentile
from tests.support.serverproc import free_port

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
OFFICER, PASSWORD = "petugas1", "rahasia-petugas"
MIB = 1024 * 1024


# --- the server, from this checkout or an older one -------------------------------------------

@dataclass
class Server:
    source: Path
    data_dir: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cli(self, *args: str, stdin: str | None = None) -> str:
        done = subprocess.run([sys.executable, "-m", "shared.cli.main", *args], cwd=self.source,
                              input=stdin, capture_output=True, text=True, check=True,
                              timeout=120)
        return done.stdout

    def enrol(self, kiosks: int) -> list[str]:
        tokens = [self.cli("device", "add", "--data-dir", str(self.data_dir), "--name",
                           f"kiosk-{k}", "--role", "kiosk").strip().splitlines()[-1]
                  for k in range(1, kiosks + 1)]
        for desk in ("1", "2"):
            self.cli("user", "add", "--data-dir", str(self.data_dir), "--username",
                     f"{OFFICER}{desk}", "--role", "officer", "--password-stdin",
                     stdin=PASSWORD + "\n")
        return tokens

    def start(self) -> Server:
        log = open(self.data_dir.parent / f"server-{self.port}.log", "ab")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "shared.cli.main", "server", "--port", str(self.port),
             "--data-dir", str(self.data_dir)],
            cwd=self.source, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/api/v1/health", timeout=1).ok:
                    return self
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError("the server did not start")

    def rss_mb(self) -> float:
        assert self.process is not None
        return float(psutil.Process(self.process.pid).memory_info().rss / MIB)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def login(url: str, username: str) -> str:
    reply = requests.post(f"{url}/api/v1/auth/login", timeout=30,
                          json={"username": username, "password": PASSWORD})
    reply.raise_for_status()
    return str(reply.json()["token"])


# --- the day ---------------------------------------------------------------------------------

class Ledger:
    """Every request's kind, latency and outcome, from every actor thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.outcomes: Counter[tuple[str, str]] = Counter()
        self.errors: list[str] = []

    def call(self, kind: str, expected: Sequence[int],
             send: Callable[..., requests.Response], *args: Any,
             **kwargs: Any) -> requests.Response | None:
        began = time.perf_counter()
        try:
            reply = send(*args, timeout=60, **kwargs)
        except requests.RequestException as exc:
            with self.lock:
                self.outcomes[(kind, type(exc).__name__)] += 1
                self.errors.append(f"{kind}: {exc}")
            return None
        took = time.perf_counter() - began
        with self.lock:
            self.latency[kind].append(took)
            self.outcomes[(kind, str(reply.status_code))] += 1
            if reply.status_code not in expected:
                self.errors.append(f"{kind}: {reply.status_code} {reply.text[:160]}")
        return reply


@dataclass
class Day:
    url: str
    kiosk_tokens: list[str]
    ledger: Ledger = field(default_factory=Ledger)
    stop: threading.Event = field(default_factory=threading.Event)
    status_urls: list[str] = field(default_factory=list)
    returning: list[dict[str, str]] = field(default_factory=list)

    def pause(self, seconds: float) -> None:
        self.stop.wait(seconds * random.uniform(0.5, 1.5))


def kiosk(day: Day, token: str, pace: float) -> None:
    auth = {"Authorization": f"Bearer {token}"}
    http = requests.Session()
    while not day.stop.is_set():
        body: dict[str, Any] = {"service": "KONSULTASI", "consent": True,
                                "priority": random.random() < 0.1}
        if day.returning and random.random() < 0.2:  # a returning visitor, by reference
            known = random.choice(day.returning)
            found = day.ledger.call(
                "lookup", (200, 429), http.get, f"{day.url}/api/v1/visitors/lookup",
                headers=auth, params={"id_type": "KTP", "id_number": known["id_number"]})
            if found is not None and found.status_code == 200:
                body["visitor_reference"] = found.json()["reference"]
                body["visitor"] = {"purpose": "Data inflasi bulanan"}
        if "visitor" not in body:
            body["visitor"] = visitor()
        reply = day.ledger.call("ticket", (201, 422), http.post, f"{day.url}/api/v1/tickets",
                                json=body, headers=auth)
        if reply is not None and reply.status_code == 201:
            with day.ledger.lock:
                day.status_urls.append(reply.json()["status_url"])
                if "id_number" in body["visitor"] and len(day.returning) < 200:
                    day.returning.append(body["visitor"])
        day.pause(pace)


def reporter(day: Day, token: str) -> None:
    auth = {"Authorization": f"Bearer {token}"}
    states = ["ok", "paper_near_end", "ok", "paper_out"]
    n = 0
    while not day.stop.is_set():
        n += 1
        status = {"printer": {"state": states[n % 4], "can_print": n % 4 != 3}}
        day.ledger.call("device status", (204,), requests.post,
                        f"{day.url}/api/v1/devices/me/status", json=status, headers=auth)
        day.pause(15)


def officer(day: Day, desk: str, serve: float) -> None:
    auth = {"Authorization": f"Bearer {login(day.url, OFFICER + desk)}"}
    http = requests.Session()

    def post(kind: str, expected: Sequence[int], path: str,
             **kw: Any) -> requests.Response | None:
        return day.ledger.call(kind, expected, http.post, f"{day.url}/api/v1{path}",
                               headers=auth, **kw)

    while not day.stop.is_set():
        called = post("call next", (200, 404), f"/desks/{desk}/call-next")
        if called is None or called.status_code != 200:
            day.pause(0.5)
            continue
        ticket = called.json()["id"]
        day.pause(serve)
        if random.random() < 0.15:
            post("recall", (200,), f"/tickets/{ticket}/recall")
            day.pause(serve / 2)
        roll = random.random()
        if roll < 0.05:
            post("transfer", (201, 409), f"/tickets/{ticket}/transfer",
                 json={"service": "PERPUSTAKAAN"})
            post("finish", (200, 409), f"/tickets/{ticket}/finish")
        elif roll < 0.15:
            post("no-show", (200,), f"/tickets/{ticket}/no-show")
        else:
            post("finish", (200,), f"/tickets/{ticket}/finish")
        if random.random() < 0.1:
            day.ledger.call("officer list", (200,), http.get, f"{day.url}/api/v1/tickets",
                            headers=auth)


def display(day: Day) -> None:
    http = requests.Session()
    version = None
    while not day.stop.is_set():
        params: dict[str, Any] = {} if version is None else {"since": version, "timeout": 25}
        reply = day.ledger.call("display long poll", (200,), http.get,
                                f"{day.url}/api/v1/display", params=params)
        if reply is not None and reply.status_code == 200:
            version = reply.json()["version"]
        else:
            day.pause(1)


def phone(day: Day, every: float) -> None:
    http = requests.Session()
    while not day.stop.is_set():
        with day.ledger.lock:
            recent = day.status_urls[-30:]
        if recent:
            url = random.choice(recent)
            day.ledger.call("phone page", (200,), http.get, url)
        day.pause(every)


@dataclass
class SoakResult:
    minutes: float
    ledger: Ledger
    rss: list[tuple[float, float]]  # (minute, MB)
    tickets: int


def soak(minutes: float, work: Path) -> SoakResult:
    server = Server(ROOT, work / "soak" / "data")
    server.data_dir.parent.mkdir(parents=True)
    tokens = server.enrol(kiosks=3)
    server.start()
    day = Day(server.url, tokens)
    actors = [threading.Thread(target=kiosk, args=(day, t, 1.0)) for t in tokens]
    actors += [threading.Thread(target=reporter, args=(day, t)) for t in tokens]
    actors += [threading.Thread(target=officer, args=(day, desk, 0.6)) for desk in ("1", "2")]
    actors += [threading.Thread(target=display, args=(day,)) for _ in range(3)]
    actors += [threading.Thread(target=phone, args=(day, 1.0)) for _ in range(10)]
    for actor in actors:
        actor.start()
    rss: list[tuple[float, float]] = []
    began = time.monotonic()
    try:
        while (elapsed := time.monotonic() - began) < minutes * 60:
            rss.append((elapsed / 60, server.rss_mb()))
            time.sleep(15)
        rss.append(((time.monotonic() - began) / 60, server.rss_mb()))
    finally:
        day.stop.set()
        for actor in actors:
            actor.join(60)
        server.stop()
    tickets = sum(n for (kind, status), n in day.ledger.outcomes.items()
                  if kind == "ticket" and status == "201")
    return SoakResult(minutes, day.ledger, rss, tickets)


# --- the abuse figures (findings 2, 3, 4) -------------------------------------------------------

@dataclass
class AbuseResult:
    label: str
    big_rss_growth_mb: float = float("nan")
    big_health_max_s: float = float("nan")
    big_statuses: str = ""
    flood_ticket_p50_s: float = float("nan")
    flood_ticket_max_s: float = float("nan")
    flood_tickets: str = ""
    flood_logins: str = ""
    lock_health_max_s: float = float("nan")
    lock_ticket: str = ""
    lock_page_max_s: float = float("nan")


@contextmanager
def watch_health(url: str) -> Iterator[list[float]]:
    """/health latencies, one probe every 0.2 s, for as long as the block runs."""
    seen: list[float] = []
    stop = threading.Event()

    def probe() -> None:
        while not stop.is_set():
            began = time.perf_counter()
            try:
                requests.get(f"{url}/api/v1/health", timeout=60)
            except requests.RequestException:
                pass
            seen.append(time.perf_counter() - began)
            stop.wait(0.2)

    thread = threading.Thread(target=probe)
    thread.start()
    try:
        yield seen
    finally:
        stop.set()
        thread.join()


class BigBody:
    """A JSON body of ``size`` bytes, streamed with its Content-Length (not chunked)."""

    def __init__(self, size: int):
        self._left = size
        self._head = b'{"service": "'

    def __len__(self) -> int:
        return self._left

    def read(self, n: int = -1) -> bytes:
        if self._left <= 0:
            return b""
        n = self._left if n < 0 else min(n, self._left)
        chunk = (self._head + b" " * n)[:n] if self._head else b" " * n
        self._head = b""
        self._left -= n
        return chunk


def big_bodies(server: Server, result: AbuseResult) -> None:
    """Finding 2: four 250 MB POSTs without a token."""
    before = server.rss_mb()
    peak = [before]
    statuses: list[str] = []

    def post() -> None:
        try:
            reply = requests.post(f"{server.url}/api/v1/tickets", data=BigBody(250 * MIB),
                                  timeout=120, headers={"Content-Type": "application/json"})
            statuses.append(str(reply.status_code))
        except requests.RequestException as exc:
            statuses.append(type(exc).__name__)

    with watch_health(server.url) as health:
        posts = [threading.Thread(target=post) for _ in range(4)]
        for thread in posts:
            thread.start()
        while any(t.is_alive() for t in posts):
            peak.append(server.rss_mb())
            time.sleep(0.1)
    result.big_rss_growth_mb = max(peak) - before
    result.big_health_max_s = max(health)
    result.big_statuses = ", ".join(f"{s} x{n}" for s, n in Counter(statuses).items())


def login_flood(server: Server, kiosk_token: str, result: AbuseResult,
                seconds: float = 20.0) -> None:
    """Finding 3: 200 threads of wrong passwords; a kiosk takes tickets one after another
    for ``seconds`` meanwhile."""
    stop = threading.Event()
    logins: Counter[str] = Counter()

    def flood() -> None:
        http = requests.Session()
        while not stop.is_set():
            try:
                reply = http.post(f"{server.url}/api/v1/auth/login", timeout=60,
                                  json={"username": f"{OFFICER}1", "password": "salah"})
                logins[str(reply.status_code)] += 1
            except requests.RequestException as exc:
                logins[type(exc).__name__] += 1

    attackers = [threading.Thread(target=flood) for _ in range(200)]
    for thread in attackers:
        thread.start()
    time.sleep(2)
    took: list[float] = []
    outcomes: Counter[str] = Counter()
    http = requests.Session()
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        began = time.perf_counter()
        try:
            reply = http.post(f"{server.url}/api/v1/tickets", timeout=30,
                              headers={"Authorization": f"Bearer {kiosk_token}"},
                              json={"service": "KONSULTASI", "visitor": visitor(),
                                    "consent": True})
            outcomes[str(reply.status_code)] += 1
        except requests.RequestException as exc:
            outcomes[type(exc).__name__] += 1
        took.append(time.perf_counter() - began)
    stop.set()
    for thread in attackers:
        thread.join()
    result.flood_ticket_p50_s = percentile(took, 50)
    result.flood_ticket_max_s = max(took)
    result.flood_tickets = ", ".join(f"{s} x{n}" for s, n in sorted(outcomes.items()))
    result.flood_logins = ", ".join(f"{s} x{n}" for s, n in sorted(logins.items()))


def write_lock(server: Server, kiosk_token: str, result: AbuseResult) -> None:
    """Finding 4: another process holds the write lock for 15 s."""
    first = requests.post(f"{server.url}/api/v1/tickets", timeout=60,
                          headers={"Authorization": f"Bearer {kiosk_token}"},
                          json={"service": "KONSULTASI", "visitor": visitor(), "consent": True})
    page = first.json()["status_url"]
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time\n"
        f"db = sqlite3.connect({str(server.data_dir / 'pst-antrian.sqlite3')!r},"
        " isolation_level=None)\n"
        "db.execute('BEGIN IMMEDIATE'); print('locked', flush=True); time.sleep(15)\n"
        "db.execute('ROLLBACK')\n")], stdout=subprocess.PIPE)
    assert holder.stdout is not None
    holder.stdout.readline()
    pages: list[float] = []
    with watch_health(server.url) as health:
        began = time.perf_counter()
        try:
            reply = requests.post(f"{server.url}/api/v1/tickets", timeout=60,
                                  headers={"Authorization": f"Bearer {kiosk_token}"},
                                  json={"service": "KONSULTASI", "visitor": visitor(),
                                        "consent": True})
            kind = "JSON" if reply.headers.get("content-type") == "application/json" else "text"
            retry = reply.headers.get("retry-after")
            result.lock_ticket = (f"{reply.status_code} {kind}"
                                  f"{f', Retry-After {retry}' if retry else ''} after"
                                  f" {time.perf_counter() - began:.1f} s")
        except requests.RequestException as exc:
            result.lock_ticket = f"{type(exc).__name__} after {time.perf_counter() - began:.1f} s"
        for _ in range(5):
            began = time.perf_counter()
            requests.get(page, timeout=60)
            pages.append(time.perf_counter() - began)
        holder.wait()
    result.lock_health_max_s = max(health)
    result.lock_page_max_s = max(pages)


def abuse(source: Path, label: str, work: Path) -> AbuseResult:
    result = AbuseResult(label)
    for scenario in ("big", "flood", "lock"):
        server = Server(source, work / f"{label}-{scenario}" / "data")
        server.data_dir.parent.mkdir(parents=True)
        token = server.enrol(kiosks=1)[0]
        server.start()
        try:
            if scenario == "big":
                big_bodies(server, result)
            elif scenario == "flood":
                login_flood(server, token, result)
            else:
                write_lock(server, token, result)
        finally:
            server.stop()
    return result


# --- the report ---------------------------------------------------------------------------------

def soak_section(r: SoakResult) -> str:
    lines = [f"A simulated office day, sped up, for {r.minutes:g} minutes against the real"
             " server (3 kiosks taking a ticket about every second, 20% of them returning"
             " visitors by reference; 2 officers calling, recalling, referring and finishing;"
             " 3 displays long-polling; 10 phones refreshing ticket pages every second; kiosks"
             " reporting printer states). Load generator and server share the 2 CPUs.", "",
             "| Requests | count | p50 | p99 | max |", "|---|---|---|---|---|"]
    for kind, values in sorted(r.ledger.latency.items()):
        if kind == "display long poll":
            continue  # its latency is the wait for a change, by design
        lines.append(f"| {kind} | {len(values)} | {percentile(values, 50) * 1000:.1f} ms |"
                     f" {percentile(values, 99) * 1000:.1f} ms | {max(values) * 1000:.1f} ms |")
    polls = len(r.ledger.latency.get("display long poll", []))
    statuses = ", ".join(f"{kind} {status}: {n}"
                         for (kind, status), n in sorted(r.ledger.outcomes.items())
                         if not status.startswith("2"))
    rss = r.rss
    lines += ["", f"- Tickets issued: {r.tickets}; display long polls answered: {polls}.",
              f"- Errors (5xx, timeouts, refused connections, unexpected statuses):"
              f" **{len(r.ledger.errors)}** (goal 0)."
              + (f" First: {r.ledger.errors[:3]}" if r.ledger.errors else ""),
              f"- Expected non-2xx answers: {statuses or 'none'}.",
              f"- Server RSS over the run (MB, every 15 s): start {rss[0][1]:.1f}, after 1 min"
              f" {_at(rss, 1):.1f}, {r.minutes / 2:g} min {_at(rss, r.minutes / 2):.1f}, end"
              f" {rss[-1][1]:.1f}; max {max(v for _, v in rss):.1f} (goal: flat, < 80 MB).",
              f"- RSS samples: {', '.join(f'{v:.0f}' for _, v in rss)}."]
    return "\n".join(lines)


def _at(series: list[tuple[float, float]], minute: float) -> float:
    return min(series, key=lambda point: abs(point[0] - minute))[1]


def abuse_section(results: list[AbuseResult]) -> str:
    head = "| Finding | Figure | " + " | ".join(r.label for r in results) + " |"
    rule = "|---|---|" + "---|" * len(results)
    rows = [
        ("2 big bodies", "4 x 250 MB POSTs without a token: answers",
         [r.big_statuses for r in results]),
        ("2 big bodies", "server RSS growth during them",
         [f"{r.big_rss_growth_mb:.0f} MB" for r in results]),
        ("2 big bodies", "slowest /health meanwhile", [f"{r.big_health_max_s:.2f} s"
                                                      for r in results]),
        ("3 login flood", "200 threads of wrong passwords for 20 s: kiosk ticket p50 / max",
         [f"{r.flood_ticket_p50_s:.2f} s / {r.flood_ticket_max_s:.2f} s" for r in results]),
        ("3 login flood", "the kiosk's tickets meanwhile", [r.flood_tickets for r in results]),
        ("3 login flood", "the flood's answers", [r.flood_logins for r in results]),
        ("4 write lock", "another process holds it 15 s: a ticket gets",
         [r.lock_ticket for r in results]),
        ("4 write lock", "slowest /health meanwhile", [f"{r.lock_health_max_s:.2f} s"
                                                      for r in results]),
        ("4 write lock", "slowest phone page meanwhile", [f"{r.lock_page_max_s:.2f} s"
                                                         for r in results]),
    ]
    return "\n".join([head, rule] + [f"| {a} | {b} | " + " | ".join(c) + " |"
                                     for a, b, c in rows])


def commit(source: Path) -> str:
    """The checked-out commit of ``source``, short, or "?" outside git."""
    found = subprocess.run(["git", "-C", str(source), "rev-parse", "--short", "HEAD"],
                           capture_output=True, text=True, check=False)
    return found.stdout.strip() or "?"


def document(soaked: SoakResult | None, abused: list[AbuseResult],
             before: Path | None = None) -> str:
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = ["<!-- section:soak -->", "## Soak and abuse", "",
             f"Measured {when} with `bench/bench_soak.py` on the machine above, shared with"
             " other work at the time (load average over the last 1/5/15"
             f" minutes at the end: {' / '.join(f'{v:.1f}' for v in os.getloadavg())} on 2"
             " CPUs): latency tails include waiting for a CPU."]
    if soaked is not None:
        parts += ["", "### An office day, sped up", "", soak_section(soaked)]
    if abused:
        compared = (f"\"before\" is commit {commit(before)} (`--before`), run from its checkout"
                    " with the same virtualenv; " if before is not None else "")
        parts += ["", "### Abuse", "",
                  f"{compared}\"after\" is commit {commit(ROOT)}.", "",
                  abuse_section(abused)]
    parts += ["<!-- /section:soak -->", ""]
    return "\n".join(parts)


def write(section: str) -> None:
    old = DOC.read_text(encoding="utf-8")
    pattern = re.compile(r"<!-- section:soak -->.*?<!-- /section:soak -->\n", re.DOTALL)
    if pattern.search(old):
        new = pattern.sub(lambda _: section, old)
    elif "## Re-running" in old:
        new = old.replace("## Re-running", section + "\n## Re-running", 1)
    else:
        new = old + "\n" + section
    DOC.write_text(new, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="0 skips the soak")
    parser.add_argument("--before", type=Path, help="an older checkout for 'before' figures")
    parser.add_argument("--no-abuse", action="store_true")
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    args = parser.parse_args(argv)
    random.seed(7)
    with tempfile.TemporaryDirectory(prefix="pst-soak-") as tmp:
        work = Path(tmp)
        soaked = soak(args.minutes, work) if args.minutes > 0 else None
        abused: list[AbuseResult] = []
        if not args.no_abuse:
            if args.before is not None:
                abused.append(abuse(args.before.resolve(), "before", work))
            abused.append(abuse(ROOT, "after", work))
    section = document(soaked, abused, args.before)
    print(section)
    if args.write:
        write(section)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())

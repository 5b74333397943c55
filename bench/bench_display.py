"""Measure the waiting-room display on this machine: how fast an officer's call reaches the
board and the loudspeaker, and the display's memory beside a bare Kivy window.

Run from the repository root::

    .venv/bin/python -m bench.bench_display            # print the results
    .venv/bin/python -m bench.bench_display --write    # ... and put them in docs/performance.md

A real ``shared.cli server`` process on loopback (fresh SQLite file) and the real display app
in its own process (headless, ``tests/ui/display/harness.py``, SDL's ``disk`` audio driver
writing what it plays to a file). Measurement only: nothing here passes or fails.

- board: wall time from just before ``POST /desks/1/call-next`` to the moment the big number's
  label text changed, and to the end of the frame that shows it;
- sound: from the same moment to the first non-silent sample the audio device wrote (this
  process watches the file SDL writes, every 2 ms);
- memory: resident set (RSS) of the display after start, and after 1,000 calls (sound muted,
  so calls need not wait for the voice), beside a bare Kivy window of the same size started
  in the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from array import array
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import psutil

from tests.support.offices import Office, start_office, visitor
from tests.ui.display.driver import DisplayProcess

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
SECTION = "## Display"
GOALS = {"board_p95_s": 0.300, "sound_p95_s": 0.500, "above_bare_mb": 60.0}
LOUD = 500


def percentile(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def rss_mb(pid: int) -> float:
    return psutil.Process(pid).memory_info().rss / 2**20


def first_sound_after(audio: Path, offset: int, deadline: float) -> float | None:
    """Wall time when a non-silent sample appears in ``audio`` past byte ``offset``."""
    while time.time() < deadline:
        size = audio.stat().st_size if audio.exists() else 0  # made at the first sound
        if size > offset:
            with open(audio, "rb") as file:
                file.seek(offset)
                data = file.read(size - offset)
            usable = len(data) // 2 * 2
            if any(abs(s) > LOUD for s in array("h", data[:usable])):
                return time.time()
            offset += usable
        time.sleep(0.002)
    return None


def call(office: Office, serving: dict[str, int]) -> float:
    """Finish whoever desk 1 serves, call the next visitor there; when the call was sent."""
    if "1" in serving:
        office.officer.finish(serving.pop("1"))
    started = time.time()
    ticket = office.officer.call_next("1")
    assert ticket is not None
    serving["1"] = ticket.id
    return started


def measure_calls(office: Office, display: DisplayProcess, count: int) -> dict[str, list[float]]:
    board, frame, sound = [], [], []
    serving: dict[str, int] = {}
    for n in range(count):
        display.wait_said(n)  # the voice is quiet again: the next call's sound is its own
        offset = display.audio.stat().st_size if display.audio.exists() else 0
        started = call(office, serving)
        heard = first_sound_after(display.audio, offset, time.time() + 30)
        number = f"K-{n + 1:03d}"
        display.wait("latest_number", number)
        change = next(c for c in display.ask(do="changes") if c[0] == number)
        board.append(change[1] - started)
        frame.append(change[2] - started)
        if heard is not None:
            sound.append(heard - started)
    return {"board": board, "frame": frame, "sound": sound}


def bare_window(size: str, seconds: float) -> None:
    """A Kivy window with nothing in it, drawn like the display (the memory baseline)."""
    os.environ.pop("DISPLAY", None)
    os.environ.update(KIVY_NO_ARGS="1", KIVY_NO_CONSOLELOG="1",
                      KIVY_HOME=tempfile.mkdtemp(prefix="kivy-"), SDL_AUDIODRIVER="dummy")
    from kivy.config import Config

    width, height = size.split("x")
    Config.set("graphics", "width", width)
    Config.set("graphics", "height", height)
    from kivy.base import EventLoop, runTouchApp
    from kivy.graphics.opengl import glFinish
    from kivy.uix.widget import Widget

    runTouchApp(Widget(), embedded=True)
    print("ready", flush=True)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        EventLoop.idle()
        glFinish()


def memory(office: Office, size: str, workdir: Path, calls: int) -> dict[str, Any]:
    config = workdir / "muted.toml"
    config.write_text("[sound]\nmute = true\n", encoding="utf-8")
    bare = subprocess.Popen([sys.executable, "-m", "bench.bench_display", "--bare", size],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    display = DisplayProcess(office.url, size, workdir, config=config)
    try:
        assert bare.stdout is not None and bare.stdout.readline().strip() == "ready"
        display.wait("waiting", [["Konsultasi Statistik", str(calls)]])
        time.sleep(5)  # both settled
        start = {"display": rss_mb(display.process.pid), "bare": rss_mb(bare.pid)}
        serving: dict[str, int] = {}
        growth = []
        for n in range(calls):
            call(office, serving)
            if (n + 1) % 100 == 0:
                display.wait("latest_number", f"K-{n + 1:03d}")
                growth.append((n + 1, rss_mb(display.process.pid)))
        end = {"display": rss_mb(display.process.pid), "bare": rss_mb(bare.pid)}
    finally:
        display.close()
        bare.kill()
        bare.wait(10)
    return {"start": start, "end": end, "growth": growth}


def run(args: argparse.Namespace) -> dict[str, Any]:
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-display-") as tmp:
        workdir = Path(tmp)
        office = start_office(workdir / "calls")
        try:
            for n in range(args.calls):
                office.kiosk.take_ticket("KONSULTASI", visitor(n + 1), consent=True)
            display = DisplayProcess(office.url, args.size, workdir, config=args.config)
            try:
                display.wait("waiting", [["Konsultasi Statistik", str(args.calls)]])
                times = measure_calls(office, display, args.calls)
            finally:
                display.close()
        finally:
            office.process.stop()
        office = start_office(workdir / "memory")
        try:
            for n in range(args.memory_calls):
                office.kiosk.take_ticket("KONSULTASI", visitor(n % 9999 + 1), consent=True)
            mem = memory(office, args.size, workdir, args.memory_calls)
        finally:
            office.process.stop()
    return {"times": times, "memory": mem, "load": load, "size": args.size}


def report(results: dict[str, Any]) -> str:
    times, mem = results["times"], results["memory"]

    def row(name: str, values: list[float], goal: float | None) -> str:
        p50, p95 = percentile(values, 50), percentile(values, 95)
        verdict = "" if goal is None else ("met" if p95 < goal else "**not met**")
        goal_text = "" if goal is None else f"< {goal * 1000:.0f} ms"
        return (f"| {name} | {len(values)} | {p50 * 1000:.0f} | {p95 * 1000:.0f} | "
                f"{max(values) * 1000:.0f} | {goal_text} {verdict} |")

    start, end = mem["start"], mem["end"]
    above = start["display"] - start["bare"]
    growth = mem["growth"]
    first_mb, last_mb = growth[0][1], growth[-1][1]
    lines = [
        f"Display at {results['size']}, server on loopback; load average at the start "
        f"{results['load'][0]:.1f} on {os.cpu_count()} CPUs (other work shares this machine).",
        "",
        "| from the API call to | calls | p50 ms | p95 ms | max ms | goal (p95) |",
        "|---|---:|---:|---:|---:|---|",
        row("the big number's label text changed", times["board"], GOALS["board_p95_s"]),
        row("the frame showing it drawn", times["frame"], None),
        row("the first sound sample written", times["sound"], GOALS["sound_p95_s"]),
        "",
        "| memory (RSS) | display | bare Kivy window | display above bare |",
        "|---|---:|---:|---:|",
        f"| after start | {start['display']:.0f} MB | {start['bare']:.0f} MB | "
        f"{above:.0f} MB (goal < {GOALS['above_bare_mb']:.0f} MB: "
        f"{'met' if above < GOALS['above_bare_mb'] else '**not met**'}) |",
        f"| after {growth[-1][0]} calls | {end['display']:.0f} MB | {end['bare']:.0f} MB | "
        f"{end['display'] - end['bare']:.0f} MB |",
        "",
        "Display RSS every 100 calls (MB): "
        + ", ".join(f"{mb:.0f}" for _, mb in growth)
        + f" — from call 100 to call {growth[-1][0]}: {last_mb - first_mb:+.1f} MB.",
    ]
    return "\n".join(lines)


def section(results: dict[str, Any]) -> str:
    return (
        f"{SECTION}\n\n"
        "Output of `.venv/bin/python -m bench.bench_display` on the shared 2-CPU machine, "
        f"{dt.date.today().isoformat()} (Python {platform.python_version()}, Kivy 2.3.1, "
        "Mesa's software renderer, no GPU). Method: see the docstring of `bench/bench_display.py`"
        "; the 1,000 calls run with the sound muted and do not wait for the board.\n\n"
        f"{report(results)}\n"
    )


def write(results: dict[str, Any]) -> None:
    """Put the display section into docs/performance.md, replacing an earlier one."""
    text = DOC.read_text(encoding="utf-8")
    new = section(results)
    if SECTION + "\n" in text:
        start = text.index(SECTION + "\n")
        following = text.find("\n## ", start + len(SECTION))
        text = text[:start] + new + (text[following + 1:] if following != -1 else "")
    elif "\n## Re-running" in text:
        at = text.index("\n## Re-running") + 1
        text = text[:at] + new + "\n" + text[at:]
    else:
        text = text.rstrip("\n") + "\n\n" + new
    DOC.write_text(text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--calls", type=int, default=20, help="calls timed, one at a time")
    parser.add_argument("--memory-calls", type=int, default=1000)
    parser.add_argument("--config", type=Path, help="display TOML for the timed display")
    parser.add_argument("--write", action="store_true", help=f"update {DOC.name}")
    parser.add_argument("--bare", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.bare:
        bare_window(args.bare, seconds=3600)
        return 0
    results = run(args)
    print(json.dumps(results["times"]), file=sys.stderr)
    print(report(results))
    if args.write:
        write(results)
        print(f"wrote {DOC}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

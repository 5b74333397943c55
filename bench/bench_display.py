"""Measure the waiting-room display on this machine: how fast an officer's call reaches the
board and the loudspeaker, and the display's memory beside a bare Kivy window.

Run from the repository root::

    .venv/bin/python -m bench.bench_display            # print the results
    .venv/bin/python -m bench.bench_display --write    # ... and put them in docs/performance.md

A real ``shared.cli.main server`` process on loopback (fresh SQLite file) and the real display app
in its own process (headless, ``tests/support/display/harness.py``, SDL's ``disk`` audio driver
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

from bench.figures import percentile
from display.sound import PAUSE_SECONDS
from tests.support.display.driver import DisplayProcess
from tests.support.offices import Office, start_office, visitor

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
SECTION = "## Display"
GOALS = {"board_p95_s": 0.300, "sound_p95_s": 0.500, "above_bare_mb": 60.0}
LOUD = 500
IDLE_SECONDS = 5.0
SETTLE_SECONDS = 10.0


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


def measure_calls(office: Office, display: DisplayProcess, count: int) -> dict[str, Any]:
    board, frame, sound = [], [], []
    serving: dict[str, int] = {}
    time.sleep(SETTLE_SECONDS)  # the voice's start-up work (clips resampled once) is over
    idle_from = time.time()
    time.sleep(IDLE_SECONDS)  # the board standing (its running text moving): the idle frames
    idle = display.ask(do="trace")["frames"]
    starts: dict[str, float] = {}
    for n in range(count):
        display.wait_said(n)  # the voice is quiet again: the next call's sound is its own
        time.sleep(PAUSE_SECONDS)  # and the pause it keeps after an announcement is over
        offset = display.audio.stat().st_size if display.audio.exists() else 0
        started = call(office, serving)
        heard = first_sound_after(display.audio, offset, time.time() + 30)
        number = f"K-{n + 1:03d}"
        starts[number] = started
        display.wait("latest_number", number)
        change = next(c for c in display.ask(do="changes") if c[0] == number)
        board.append(change[1] - started)
        frame.append(change[2] - started)
        if heard is not None:
            sound.append(heard - started)
    display.wait_said(count)
    trace = display.ask(do="trace")
    return {"board": board, "frame": frame, "sound": sound,
            "where": where_time_goes(trace, starts, idle_from, idle)}


def where_time_goes(trace: dict[str, Any], starts: dict[str, float], idle_from: float,
                    idle_frames: list[list[float]]) -> dict[str, Any]:
    """The display's own figures (``tests/support/display/tracing.py``): CPU per frame, what a
    call costs the main thread, how long the update waited for it, when the sound started."""
    frames = trace["frames"]  # [start, end, main CPU, process CPU, drawn, draw CPU, finish, whole]
    first_call = min(starts.values())
    idle = [f for f in idle_frames if idle_from <= f[0] and f[1] < first_call]
    span = (idle[-1][1] - idle[0][0]) if idle else 0.0
    drawn = [f for f in frames if f[4]]
    calls = [trace["calls"][n] | {"sent": s} for n, s in starts.items() if n in trace["calls"]]
    complete = [c for c in calls if {"delivered", "applied", "playing"} <= c.keys()]

    def waited(c: dict[str, float]) -> int:
        """Frames that ended between the update's arrival and its turn on the main thread."""
        return sum(1 for f in frames if c["delivered"] < f[1] <= c["applied"])

    return {
        "idle_seconds": span,
        "idle_frames_per_s": sum(f[4] for f in idle) / span if span else 0.0,
        "idle_cpu_per_s": sum(f[3] for f in idle) / span if span else 0.0,
        "idle_main_cpu_per_s": sum(f[2] for f in idle) / span if span else 0.0,
        "band_frame_cpu": [f[3] for f in drawn if not f[7]],
        "whole_frame_cpu": [f[3] for f in drawn if f[7]],
        "frame_main_cpu": [f[2] for f in drawn],
        "apply_cpu": [c["applied_cpu"] for c in complete],
        "waited_frames": [waited(c) for c in complete],
        "waited": [c["applied"] - c["delivered"] for c in complete],
        "delivered": [c["delivered"] - c["sent"] for c in complete],
        "sound_after_apply": [c["playing"] - c["applied"] for c in complete],
        "made_ahead": sum(1 for c in complete if c.get("make", 0) < c["applied"]),
        "calls": len(complete),
    }


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
        every = max(1, min(100, calls // 5))  # a sample every 100 calls (fewer calls: 5 samples)
        for n in range(calls):
            call(office, serving)
            if (n + 1) % every == 0:
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
        f"Display RSS every {growth[0][0]} calls (MB): "
        + ", ".join(f"{mb:.0f}" for _, mb in growth)
        + f" — from call {growth[0][0]} to call {growth[-1][0]}: {last_mb - first_mb:+.1f} MB.",
        "",
        *where_lines(times["where"]),
    ]
    return "\n".join(lines)


def where_lines(where: dict[str, Any]) -> list[str]:
    """The load-independent figures (CPU time) and the waits behind the latencies."""

    def med(values: list[float]) -> str:
        return f"{percentile(values, 50) * 1000:.1f}" if values else "–"

    def p95(values: list[float]) -> str:
        return f"{percentile(values, 95) * 1000:.0f}" if values else "–"

    def count(values: list[int], p: float) -> str:
        return f"{percentile(values, p):.0f}" if values else "–"

    whole, band = where["whole_frame_cpu"], where["band_frame_cpu"]
    return [
        "Where the time goes (from the display's own trace; CPU times do not depend on the "
        "machine's load, wall times do):",
        "",
        "| | median | p95 |",
        "|---|---:|---:|",
        f"| process CPU of a whole 1920x1080 frame ({len(whole)} frames), ms | {med(whole)} | "
        f"{p95(whole)} |",
        f"| process CPU of a frame redrawing only the running text ({len(band)} frames), ms | "
        f"{med(band)} | {p95(band)} |",
        f"| main-thread CPU of a frame, ms | {med(where['frame_main_cpu'])} | "
        f"{p95(where['frame_main_cpu'])} |",
        f"| main-thread CPU to apply a call (label texts, sound start), ms | "
        f"{med(where['apply_cpu'])} | {p95(where['apply_cpu'])} |",
        f"| wall: API call -> update received by the display, ms | {med(where['delivered'])} | "
        f"{p95(where['delivered'])} |",
        "| wall: update received -> applied on the main thread (waiting first for its sound, "
        f"at most 0.2 s), ms | {med(where['waited'])} | "
        f"{p95(where['waited'])} |",
        f"| frames drawn meanwhile | {count(where['waited_frames'], 50)} | "
        f"{count(where['waited_frames'], 95)} |",
        f"| wall: applied -> sound started, ms | {med(where['sound_after_apply'])} | "
        f"{p95(where['sound_after_apply'])} |",
        "",
        f"Standing board with the running text moving ({where['idle_seconds']:.0f} s): "
        f"{where['idle_frames_per_s']:.1f} frames drawn a second, "
        f"{where['idle_cpu_per_s']:.2f} CPU-seconds a second for the whole display process "
        f"({where['idle_main_cpu_per_s']:.3f} on its main thread). "
        f"Sound made before the call was applied: {where['made_ahead']} of {where['calls']} "
        "calls.",
    ]


def section(results: dict[str, Any]) -> str:
    return (
        f"{SECTION}\n\n"
        "Output of `.venv/bin/python -m bench.bench_display` on the shared 2-CPU machine, "
        f"{dt.date.today().isoformat()} (Python {platform.python_version()}, Kivy 2.3.1, "
        "Mesa's software renderer, no GPU). Method: see the docstring of `bench/bench_display.py`"
        "; the memory calls (`--memory-calls`, 1,000 by default) run with the sound muted "
        "and do not wait for the board.\n\n"
        f"{report(results)}\n"
    )


def write(results: dict[str, Any]) -> None:
    """Put the display section into docs/performance.md, replacing an earlier one."""
    text = DOC.read_text(encoding="utf-8")
    new = section(results)
    if SECTION + "\n" in text:
        start = text.index(SECTION + "\n")
        following = text.find("\n## ", start + len(SECTION))
        text = text[:start] + new + ("\n" + text[following + 1:] if following != -1 else "")
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
    times = {k: v for k, v in results["times"].items() if k != "where"}
    print(json.dumps(times), file=sys.stderr)
    print(report(results))
    if args.write:
        write(results)
        print(f"wrote {DOC}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

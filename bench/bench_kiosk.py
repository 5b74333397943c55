"""Measure the kiosk app on this machine: cold start to Welcome, the tap on "Ambil Nomor" to
the ticket screen, and the app's memory beside a bare Kivy window of the same size.

Run from the repository root::

    .venv/bin/python -m bench.bench_kiosk            # print the results
    .venv/bin/python -m bench.bench_kiosk --write    # ... and put them in docs/performance.md

The real queue server runs as a process on loopback with a fresh SQLite file; each kiosk (and
the bare window) runs in its own process, offscreen (the Kivy wheel's SDL2 with EGL; Mesa
renders in software here, as on an office PC without a GPU driver). Measurement only.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.figures import percentile

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
SECTION = "kiosk"  # kept by bench_server --write, like the other benches' sections
BEGIN, END = f"<!-- section:{SECTION} -->", f"<!-- /section:{SECTION} -->"
GOALS = {"start_s": 3.0, "tap_p95_ms": 300.0, "above_bare_mb": 60.0}
# How long each bench visitor looks at a screen or page before the next touch (a person takes
# longer; a bench visitor without it jumps through screens that are never drawn).
READING_S = 0.7


def _memory() -> dict[str, float]:
    """Resident and anonymous resident memory of this process, MB (from /proc)."""
    values: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "RssAnon", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values


# --- child processes -----------------------------------------------------------------------


def _harness() -> None:
    """What the bench's own driving needs (Kivy's test touches, which import pytest, ~10 MB),
    imported in both children before they measure: in neither number as the kiosk's."""
    import kivy.tests.common  # noqa: F401


def child_kiosk(args: argparse.Namespace) -> dict[str, Any]:
    from tests.support.kiosk_driver import (
        KioskDriver,
        fill_guest_book,
        kiosk_settings,
        prepare_kivy,
    )

    prepare_kivy(args.size)
    _harness()
    token = Path(args.token_file).read_text().strip()
    kiosk = KioskDriver(kiosk_settings(args.server, args.size), token)
    kiosk.wait_for(lambda: kiosk.view.connected and kiosk.shows("Konsultasi Statistik"),
                   "Welcome with the services")
    welcome_at = time.time()
    at_welcome = _memory()
    taps: list[float] = []
    flow = kiosk.flow
    for n in range(args.taps):
        flow.wipe()
        # at a person's pace: each screen drawn and read before the next touch
        fill_guest_book(kiosk, f"750201410303{args.first + n:04d}", "Pengunjung Bench",
                        "bench@example.com", reading=READING_S)
        button = kiosk.find("Ambil Nomor")
        started = time.perf_counter()
        kiosk.tap(button)
        kiosk.wait_for(lambda: kiosk.view.step == "ticket", "the ticket", limit=30)
        # wait_for steps two more frames: the ticket screen has been drawn
        taps.append(time.perf_counter() - started)
    memory = _memory()
    flow.wipe()  # the next visitor: back to Welcome, where the kiosk spends its day
    kiosk.wait_step("welcome")
    kiosk.settle()
    until = time.monotonic() + 1.5  # the app collects the dropped screens 0.5 s after
    kiosk.wait_for(lambda: time.monotonic() > until, "the dropped screens' collection")
    home = _memory()
    kiosk.stop()
    return {"welcome_at": welcome_at, "taps": taps, "memory": memory,
            "at_welcome": at_welcome, "home": home}


def child_bare(args: argparse.Namespace) -> dict[str, Any]:
    from tests.support.kiosk_driver import prepare_kivy

    prepare_kivy(args.size)
    _harness()
    from kivy.app import App
    from kivy.base import EventLoop, runTouchApp
    from kivy.uix.label import Label

    class Bare(App):
        def build(self) -> Label:
            return Label(text="bare")

    app = Bare()
    app._run_prepare()
    runTouchApp(embedded=True)
    for _ in range(20):
        EventLoop.idle()
    memory = _memory()
    app.stop()
    return {"memory": memory}


# --- the parent ----------------------------------------------------------------------------


def _child(kind: str, extra: list[str]) -> tuple[dict[str, Any], float]:
    env = {**os.environ}
    env.pop("DISPLAY", None)
    launched = time.time()
    done = subprocess.run(
        [sys.executable, "-m", "bench.bench_kiosk", "--child", kind, *extra],
        capture_output=True, text=True, timeout=900, env=env, cwd=ROOT,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{kind} failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1]), launched


def measure(args: argparse.Namespace) -> dict[str, Any]:
    from tests.support.serverproc import ServerProcess, add_device

    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-kiosk-") as tmp:
        data = Path(tmp) / "data"
        token = add_device(data, "kiosk-bench", "kiosk")
        token_file = Path(tmp) / "kiosk.token"
        token_file.write_text(token)
        server = ServerProcess(data).start()
        try:
            common = ["--size", args.size, "--server", server.url,
                      "--token-file", str(token_file)]
            starts: list[float] = []
            taps: list[float] = []
            kiosk_memory: dict[str, Any] = {}
            for run in range(args.starts):
                result, launched = _child(
                    "kiosk", [*common, "--taps", str(args.taps if run == 0 else 0),
                              "--first", str(1 + run * 1000)])
                starts.append(result["welcome_at"] - launched)
                if run == 0:
                    taps = result["taps"]
                    kiosk_memory = {key: result[key] for key in ("memory", "at_welcome", "home")}
            bare, _ = _child("bare", ["--size", args.size])
        finally:
            server.stop()
    return {
        "size": args.size,
        "starts": starts,
        "taps": taps,
        "kiosk": kiosk_memory["memory"],
        "kiosk_welcome": kiosk_memory["at_welcome"],
        "kiosk_home": kiosk_memory["home"],
        "bare": bare["memory"],
        "load": (load_before, os.getloadavg()[0]),
    }


def _load(results: dict[str, Any]) -> str:
    before, after = results.get("load", (0.0, 0.0))
    return f"{before:.1f} before, {after:.1f} after"


def table(results: dict[str, Any]) -> str:
    starts, taps = results["starts"], [t * 1000 for t in results["taps"]]
    kiosk, bare = results["kiosk"], results["bare"]
    welcome, home = results["kiosk_welcome"], results["kiosk_home"]
    above = kiosk["VmRSS"] - bare["VmRSS"]
    rows = [
        (f"cold start to Welcome (median of {len(starts)})",
         f"{statistics.median(starts):.2f} s", f"< {GOALS['start_s']:.0f} s"),
        (f"tap on Ambil Nomor to the ticket screen, p50 ({len(taps)} tickets)",
         f"{percentile(taps, 50):.0f} ms", ""),
        ("tap on Ambil Nomor to the ticket screen, p95",
         f"{percentile(taps, 95):.0f} ms", f"< {GOALS['tap_p95_ms']:.0f} ms"),
        ("bare Kivy window: RSS (anonymous)",
         f"{bare['VmRSS']:.0f} MB ({bare['RssAnon']:.0f} MB)", ""),
        ("kiosk at Welcome, before the first visitor: RSS (anonymous)",
         f"{welcome['VmRSS']:.0f} MB ({welcome['RssAnon']:.0f} MB)", ""),
        ("kiosk after the tickets, on the last ticket: RSS (anonymous)",
         f"{kiosk['VmRSS']:.0f} MB ({kiosk['RssAnon']:.0f} MB)", ""),
        ("kiosk back at Welcome after the tickets: RSS (anonymous)",
         f"{home['VmRSS']:.0f} MB ({home['RssAnon']:.0f} MB)", ""),
        ("kiosk after the tickets above the bare window (RSS)", f"{above:.0f} MB",
         f"< {GOALS['above_bare_mb']:.0f} MB"),
        ("kiosk's peak during the tickets above the bare window (VmHWM)",
         f"{home['VmHWM'] - bare['VmRSS']:.0f} MB", ""),
    ]
    lines = ["| measure | result | goal |", "|---|---:|---:|"]
    lines += [f"| {name} | {value} | {goal} |" for name, value, goal in rows]
    return "\n".join(lines)


def section(results: dict[str, Any]) -> str:
    return f"""{BEGIN}
## Kiosk

Output of `.venv/bin/python -m bench.bench_kiosk --write` ({dt_now()}, {platform.node() or
'this machine'},
Python {platform.python_version()}, {os.cpu_count()} CPUs, load average {_load(results)},
window {results['size']}, offscreen SDL2/EGL with Mesa software rendering, the server on
loopback):

{table(results)}

- Cold start: from launching `python -m bench.bench_kiosk --child kiosk` (the kiosk app made
  by `kiosk.app.make_app`, as `pst-antrian kiosk` does) to the first frame of Welcome showing
  the services read from the server.
- Tap to ticket: a touch down and up on **Ambil Nomor** (the confirm screen's button) until
  the ticket screen has been drawn; the ticket is taken on the kiosk's worker thread and comes
  back with `Clock.schedule_once`. Each ticket is a new visitor (a fresh identity number).
  The kiosk finishes each frame (`glFinish`), so "drawn" means Mesa has drawn it (see
  below).
- Memory: `VmRSS` / `RssAnon` from `/proc/self/status` of the kiosk at Welcome before the
  first visitor, right after the last ticket, and back at Welcome 1.5 s later; and of a Kivy
  app showing one label in a window of the same size, measured in the same run. Both
  children import the bench's own driving first (Kivy's test touches, which import pytest,
  ~10 MB), so neither number counts it as the kiosk's; the bare window imports nothing else
  (the kiosk's settings would bring pydantic and python-escpos, ~30 MB).
- Pace: each bench visitor reads every screen and page for {READING_S} s before the next
  touch, so every screen is drawn between the presenter's actions. The peak is `VmHWM` back
  at Welcome, over the whole run.

{FINDINGS}
{END}"""


FINDINGS = """For comparison, commit ceee819 on a quiet machine (2026-11-29 10:37 UTC), without
the frame and memory work described below: start 1.88 s, tap p50/p95 192/320 ms, bare window
197 MB, kiosk at Welcome 237, after 30 tickets 335 (+138 MB), back at Welcome 335. Commit
55b7ba5, quiet (2026-11-29 14:02 UTC), with the frame work but not the memory work: start
1.64 s, tap p50/p95 145/197 ms, bare window 197 MB, +87 MB after 30 tickets (the bench's
harness counted as the kiosk's, the visitor at machine pace).

### Where a tap's time goes (traced 2026-11-29, window 1080x1920)

Traced per frame on the main thread (Clock, input, layout, draw call, `glFinish`) and per call
(the screen switch, the worker's request), with the process's CPU time per frame (Mesa's
threads included; it does not depend on what else the machine runs). Each cause, what the code
does about it, and the figure measured with and without:

- **Frames queued for Mesa**: offscreen nothing waits for a frame to be drawn, so frames pile
  up and one `glFinish` waits for all of them (1.5-3 s with 7-9 frames queued; the p95 taps
  were the ones that met this wait). Every frame is finished as it is drawn (as a window on a
  screen is), through ctypes so that the worker thread runs meanwhile
  (`shared/gui/software_gl.py`, shared with the display): a tap pays for the drawing of its
  own frames, and only those.
- **Hidden overlays**: "mohon tunggu", the idle countdown and the PIN pad cover the whole
  window; hidden with opacity 0 Kivy still draws them (about three whole-window passes in
  every frame). A hidden overlay is out of the window (`kiosk/root.py`). CPU per frame
  (Welcome / Confirm / Ticket, median, under load): 335 / 366 / 291 ms with opacity 0,
  96 / 129 / 103 ms out of the window.
- **Whole-window passes**: a white rectangle painted by every screen, and the stencil (two
  more passes) Kivy's ScreenManager adds for slide transitions the kiosk does not use. The
  window is cleared to white and the screen manager has no stencil: 81 / 67 / 85 ms.
- **A screen switch in one frame**: Kivy's "no transition" is a zero-length animation that
  ends on the next frame (the switching frame draws both screens, and one more frame follows);
  the kiosk's switch ends at once.
- **The ticket screen built ahead** (building it on the tap costs ~50 ms of Python): it is
  built while Confirm is on screen (`BUILT_AHEAD`, dropped with the visit), and the QR uses
  one mask and becomes a one-texel-per-module texture (3 ms quiet, against 84 ms under load
  trying all eight masks through a PNG; read back by zbarimg in the flow's UI test).
  Main-thread CPU per tap 80 -> 30-45 ms; whole process 350 -> 250 ms.
- **"Mohon tunggu" only for a slow server**: it appears once the server has taken 0.3 s (the
  screen's buttons are held off from the start; UI test with a slow server); the usual tap
  draws no overlay frame.
- **No frame that shows nothing new**: during the first 0.3 s of a wait the window keeps its
  last frame (the button pressed) and draws the next screen as soon as the answer is there
  (`KioskApp._holding`), rather than drawing the button's release (~70 ms) that the ticket's
  frame would wait for. Process CPU per tap 250 -> 190 ms.

A tap is two frames: the button pressed (~70 ms), the ticket (~110 ms, its texts and QR
uploaded to Mesa), plus the worker's request (10-40 ms) and ~30 ms of Python. Bench runs on
2026-11-29 (load average 3.6-5, this bench at normal priority, other work at nice 19), p50/p95:
313/425 ms without the held frame; with it 186/258 and 235/412 ms (two runs, 13:07 and 13:08
UTC): under load the p95 is a frame drawn while Mesa's threads wait for a CPU.

### Where the kiosk's memory goes (measured 2026-11-29, window 1080x1920)

Measured with `/proc/self/status` and `/proc/self/smaps` after each import, each screen and
each ticket, `tracemalloc` for the Python heap, and `heaptrack` for the C heap. RSS in MB; the
window alone (Kivy, SDL2, Mesa's llvmpipe and its 1080x1920 buffers) is 194-197. Per cause:

- **Mesa keeps every deleted texture** until something waits for the frames that used it
  (~125 kB per changed label). With each frame finished, a deleted texture is freed at once;
  `malloc_trim` runs once a second. With a `glFinish` once a second only: after 30 tickets
  318-335, back at Welcome 301-335; with every frame finished: 281-290 and 268-276 (under load;
  same bare window).
- **Screens**: built on first use and dropped when left; only Welcome stays (and the ticket
  screen during Confirm), rather than all seven built at start and kept.
- **python-escpos** (8.4 MB): imported at the first ticket printed.
- **Imports the kiosk needs** (+24): pydantic with the API models 17, requests 7.
- **Welcome and its overlays** (+19 at start): the overlays leave the window when hidden; the
  idle countdown and the PIN pad are made only while they show (-2 to -3).
- **A visit**: measured before the fixes of the next section, +50 at the ticket and +38 back at
  Welcome (in smaps, the main heap 28 -> 50-60 MB and other anonymous maps 100 -> 122). Kivy's
  text-field cache (60 s of the typed lines) is emptied when a visit ends (for privacy; a few
  kB).
- **Not causes**: malloc arenas and the mmap threshold: `MALLOC_ARENA_MAX=1`,
  `MALLOC_MMAP_THRESHOLD_=131072` and both gave 287 / 286 / 283 MB after 20 tickets against
  287 without (so neither is set; the threshold tried again after the fixes below: no change
  either). `PYTHONMALLOC=malloc` (Python's objects in glibc's heap, which `malloc_trim` returns
  page by page): no change. One llvmpipe thread (`LP_NUM_THREADS=1`): same memory, slower taps.

### The visit's memory, attributed (2026-11-29, window 1080x1920)

heaptrack between Welcome and the return to Welcome, `sys._debugmallocstats()` (Python's
arenas), `tracemalloc`, and a census of the live widgets (`gc.get_objects()`) after each
visit. Each of these is kept by a UI test that fails without it
(`tests/ui/kiosk/test_memory.py`):

- **Each label's pixels once.** Kivy's SDL2 text provider keeps each label's SDL surface
  (RGBA, the label's size) after copying it into the texture: 8 MB at the ticket. The surface
  is freed once copied (`shared/gui/label_pixels.py`, kiosk and display).
- **A visit's screens do not outlive it.** Kivy's screen manager transition keeps the last
  screen it hid (the ticket screen, with its number and QR); Kivy's table of focused fields
  keeps the field that had the keyboard when its page or screen was left; and Kivy's
  `TextInput` scrolls through one trigger shared by every field of the process, which keeps
  the last field typed in, with the visitor's text. The kiosk's transition lets go, a field
  is unfocused when its page or screen goes, and each kiosk field has its own trigger.
- **Dropped screens are collected half a second after they are left** (their widgets live in
  reference cycles; left alone they wait for the next visitor's return home, so at the ticket
  the notice, guest book and confirm screens would all be in memory), on Confirm before the
  ticket screen is built ahead. What the start made is set aside (`gc.freeze()` once Welcome
  is drawn), so such a collection takes ~20 ms instead of ~300.
- **The bench's own harness is not the kiosk's**: Kivy's test touches import pytest and
  pygments (~10 MB); both children import them before measuring.
- **The bench's visitor draws every screen**: it reads every screen and page for 0.7 s before
  the next touch, as a person does (the presenter's actions back to back would skip the
  frames and the collections between them); the tap on **Ambil Nomor** is timed alone.

What remains above the bare window, at the ticket (+56-58): Python's objects +21 (the
libraries the kiosk needs: requests ~8, pydantic with the API models ~5, the kiosk's own code
and kv rules ~3; Welcome, the overlays and the ticket screen; and ~7-9 MB of arenas that the
visits' freed objects leave partly used: pymalloc returns an arena only when all of it is free),
the C heap +18 (the textures of Welcome and the ticket ~5, llvmpipe's compiled shaders ~2,
fonts, freed-but-fragmented memory), the libraries' code +6 (`pydantic_core` 3.7). It is flat
from about the 20th ticket on (60 tickets: 264-266 MB). The peak during the visits (VmHWM) is a
few MB above the figure on the last ticket.
"""


def dt_now() -> str:
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())


def write(results: dict[str, Any]) -> None:
    """Replace this bench's section of the document (added before "## Re-running")."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Performance\n"
    block = section(results) + "\n"
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + block + text[text.index(END) + len(END) + 1:]
    elif "## Re-running" in text:
        text = text.replace("## Re-running", block + "\n## Re-running", 1)
    else:
        text = text.rstrip("\n") + "\n\n" + block
    DOC.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1080x1920")
    parser.add_argument("--starts", type=int, default=5, help="cold starts (median)")
    parser.add_argument("--taps", type=int, default=40, help="tickets taken for the p50/p95")
    parser.add_argument("--write", action="store_true", help=f"update {DOC.relative_to(ROOT)}")
    parser.add_argument("--child", choices=("kiosk", "bare"), help=argparse.SUPPRESS)
    parser.add_argument("--server", help=argparse.SUPPRESS)
    parser.add_argument("--token-file", help=argparse.SUPPRESS)
    parser.add_argument("--first", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        result = child_kiosk(args) if args.child == "kiosk" else child_bare(args)
        print(json.dumps(result))
        return 0
    results = measure(args)
    print(table(results))
    if args.write:
        write(results)
        print(f"written to {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What the benches share: timing an action (wall and CPU), percentiles, and putting a
bench's section into ``docs/performance.md``.

Measurement only: nothing here asserts a time.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

PERFORMANCE_DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"


def percentile(values: Sequence[float], q: float) -> float:
    """The value at ``q`` (0-100) of the way through ``values`` sorted (nearest index);
    NaN when there are none (e.g. every request of a load level failed)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


@dataclass
class Timings:
    """Milliseconds per run: wall clock, and the process's CPU (on a machine shared with
    other work, wall time includes waiting for a CPU; CPU time does not)."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)


def timed(action: Callable[[], object], runs: int) -> Timings:
    action()  # warm the page cache once
    timings = Timings()
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        timings.wall.append((time.perf_counter() - start) * 1000)
        timings.cpu.append((time.process_time() - start_cpu) * 1000)
    return timings


def put_section(text: str, section: str, block: str) -> str:
    """``text`` with the section ``<!-- section:NAME -->`` replaced by ``block`` (a new
    section goes before "## Re-running", or at the end)."""
    pattern = re.compile(
        rf"<!-- section:{section} -->.*?<!-- /section:{section} -->\n", re.DOTALL)
    if pattern.search(text):
        return pattern.sub(lambda _: block, text)
    marker = "## Re-running"
    if marker in text:
        return text.replace(marker, block + "\n" + marker, 1)
    return text.rstrip("\n") + "\n\n" + block


def publish(section: str, block: str, write: bool, doc: Path = PERFORMANCE_DOC) -> None:
    """Print a bench's section; with ``write`` also put it into ``doc`` in place of the old."""
    print(block)
    if write:
        doc.write_text(put_section(doc.read_text(encoding="utf-8"), section, block),
                       encoding="utf-8")
        print(f"wrote {doc}", file=sys.stderr)

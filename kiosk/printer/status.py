"""Real-time status (DLE EOT n) answers decoded into a PrinterState. Pure, no I/O.

Each answer is one byte with bit 1 and bit 4 set and bits 0 and 7 clear; anything else is
not a status answer (wrong baud rate, noise) and counts as no answer.

- n=1 printer status:      bit 3 offline
- n=2 offline cause:       bit 2 cover open, bit 5 stopped by paper end, bit 6 error
- n=4 paper roll sensor:   bits 2-3 paper near end, bits 5-6 paper end

python-escpos has ``is_online()`` / ``paper_status()``, but ``paper_status()`` answers
"paper OK" when the printer says nothing, and neither reads the cover; so this is done here.
"""

from __future__ import annotations

from .model import PrinterState, PrinterStatus
from .texts import TEXTS

DLE_EOT = b"\x10\x04"
QUERY_PRINTER = 1
QUERY_OFFLINE_CAUSE = 2
QUERY_PAPER = 4
QUERIES = (QUERY_PRINTER, QUERY_OFFLINE_CAUSE, QUERY_PAPER)

_FIXED_MASK = 0b1001_0011
_FIXED_BITS = 0b0001_0010

_OFFLINE = 0b0000_1000  # n=1
_COVER_OPEN = 0b0000_0100  # n=2
_STOPPED_PAPER_END = 0b0010_0000  # n=2
_PAPER_NEAR_END = 0b0000_1100  # n=4
_PAPER_END = 0b0110_0000  # n=4


def query(n: int) -> bytes:
    """The bytes that ask the printer for status ``n`` (1, 2 or 4)."""
    if n not in QUERIES:
        raise ValueError(f"unsupported DLE EOT query: {n}")
    return DLE_EOT + bytes((n,))


def is_status_byte(answer: int) -> bool:
    return answer & _FIXED_MASK == _FIXED_BITS


def decode(
    printer: int | None, offline_cause: int | None = None, paper: int | None = None
) -> PrinterState:
    """The state the three answers describe; ``None`` means the printer did not answer."""
    answers = [a for a in (printer, offline_cause, paper) if a is not None]
    if printer is None or not all(is_status_byte(a) for a in answers):
        return PrinterState.UNKNOWN
    if offline_cause is not None and offline_cause & _COVER_OPEN:
        return PrinterState.COVER_OPEN
    if (paper is not None and paper & _PAPER_END) or (
        offline_cause is not None and offline_cause & _STOPPED_PAPER_END
    ):
        return PrinterState.PAPER_OUT
    if printer & _OFFLINE:
        return PrinterState.OFFLINE
    if paper is not None and paper & _PAPER_NEAR_END:
        return PrinterState.PAPER_NEAR_END
    return PrinterState.OK


def describe(state: PrinterState) -> PrinterStatus:
    """The state with its standard sentences."""
    said = TEXTS[state.value]
    return PrinterStatus(state, said.message_id, said.message_en)

"""Test doubles for the far end of the printer cable: a printer that records and answers."""

from __future__ import annotations

import queue
import re
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
import serial

OK = 0x12  # a DLE EOT answer with only the fixed bits set
ALL_OK = {1: OK, 2: OK, 4: OK}


@dataclass
class SerialPair:
    kiosk_end: str
    printer_end: str
    process: subprocess.Popen[bytes]

    def unplug(self) -> None:
        """Pull the cable: socat exits and both /dev/pts ends disappear."""
        self.process.terminate()
        self.process.wait(timeout=5)


@contextmanager
def virtual_serial_pair() -> Iterator[SerialPair]:
    """Two connected pseudo-terminals from socat, like a printer on a USB-serial cable."""
    if shutil.which("socat") is None:
        pytest.fail("socat is not installed (apt-get install socat): no virtual serial pair")
    process = subprocess.Popen(
        ["socat", "-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    lines: queue.Queue[str] = queue.Queue()
    stderr = process.stderr

    def drain() -> None:  # keep reading so socat never blocks on a full pipe
        for raw in stderr:
            lines.put(raw.decode(errors="replace"))

    drainer = threading.Thread(target=drain, daemon=True)
    drainer.start()
    paths: list[str] = []
    deadline = time.monotonic() + 5
    try:
        while len(paths) < 2:
            try:
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                pytest.fail("socat did not report two PTYs within 5 s")
            found = re.search(r"PTY is (/dev/\S+)", line)
            if found:
                paths.append(found.group(1))
        yield SerialPair(paths[0], paths[1], process)
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=5)
        drainer.join(timeout=5)  # ends at EOF once socat is gone; then closing is safe
        stderr.close()


class FakePrinter:
    """The far end of the cable: records every byte and answers DLE EOT like a printer.

    ``answers`` maps n (1, 2, 4) to the status byte sent back; a missing n gets no answer.
    """

    def __init__(self, connection: serial.Serial | socket.socket, answers: dict[int, int]):
        self.answers = dict(answers)
        self.received = bytearray()
        self._connection = connection
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _receive(self) -> bytes:
        if isinstance(self._connection, serial.Serial):
            chunk: bytes = self._connection.read(4096)
            return chunk
        try:
            return self._connection.recv(4096)
        except TimeoutError:
            return b""

    def _send(self, data: bytes) -> None:
        if isinstance(self._connection, serial.Serial):
            self._connection.write(data)
        else:
            self._connection.sendall(data)

    def _run(self) -> None:
        scanned = 0
        while not self._stop.is_set():
            try:
                chunk = self._receive()
            except OSError:
                return
            if not chunk:
                if isinstance(self._connection, socket.socket) and not self._stop.is_set():
                    time.sleep(0.01)
                continue
            with self._lock:
                self.received += chunk
                stream = bytes(self.received)
            while (at := stream.find(b"\x10\x04", scanned)) >= 0 and at + 2 < len(stream):
                scanned = at + 3
                answer = self.answers.get(stream[at + 2])
                if answer is not None:
                    try:
                        self._send(bytes((answer,)))
                    except OSError:
                        return  # the kiosk hung up before the answer: the cable is gone

    def bytes(self, at_least: int = 0, quiet_s: float = 0.2, timeout_s: float = 5.0) -> bytes:
        """All bytes so far, once ``at_least`` arrived and the line went quiet."""
        deadline = time.monotonic() + timeout_s
        seen, since = -1, time.monotonic()
        while time.monotonic() < deadline:
            with self._lock:
                count = len(self.received)
            if count != seen:
                seen, since = count, time.monotonic()
            elif count >= at_least and time.monotonic() - since >= quiet_s:
                break
            time.sleep(0.02)
        with self._lock:
            return bytes(self.received)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

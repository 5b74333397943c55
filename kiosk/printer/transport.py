"""Byte pipes to the printer: serial, raw TCP (port 9100), file, none. Every wait is bounded.

pyserial is used directly rather than python-escpos's ``Serial`` printer: that one has no
write timeout, turns on DSR/DTR flow control by default (a write can then block forever on a
cable without DSR) and reads status by waiting for 16 bytes.
"""

from __future__ import annotations

import errno
import socket
import time
from pathlib import Path
from typing import BinaryIO, Protocol

import serial


class TransportError(Exception):
    """The printer could not be reached or stopped taking bytes; the sentences say why."""

    def __init__(self, message_id: str, message_en: str):
        super().__init__(message_en)
        self.message_id = message_id
        self.message_en = message_en


class Connection(Protocol):
    def write(self, data: bytes, timeout_s: float) -> None:
        """Send all of ``data`` or raise TransportError within ``timeout_s``."""

    def read_byte(self, timeout_s: float) -> bytes:
        """One byte from the printer, or ``b""`` when none came within ``timeout_s``."""

    def discard_input(self) -> None:
        """Forget bytes the printer sent earlier."""

    def close(self) -> None: ...


class Transport(Protocol):
    description: str
    answers_status: bool  # False when nothing can come back (file)

    def connect(self, timeout_s: float) -> Connection: ...


def transfer_seconds(byte_count: int, baudrate: int) -> float:
    """Time to push ``byte_count`` bytes through an 8N1 serial line (10 bits a byte)."""
    return byte_count * 10 / baudrate


class _SerialConnection:
    def __init__(self, port: serial.Serial, name: str) -> None:
        self._port = port
        self._name = name

    def write(self, data: bytes, timeout_s: float) -> None:
        self._port.write_timeout = timeout_s
        try:
            self._port.write(data)
            self._port.flush()
        except serial.SerialTimeoutException as exc:
            raise TransportError(
                f"Printer di {self._name} berhenti menerima data.",
                f"The printer on {self._name} stopped taking data.",
            ) from exc
        except (serial.SerialException, OSError) as exc:
            raise _lost(self._name, exc) from exc

    def read_byte(self, timeout_s: float) -> bytes:
        self._port.timeout = max(timeout_s, 0.0)
        try:
            answer: bytes = self._port.read(1)
        except (serial.SerialException, OSError) as exc:
            raise _lost(self._name, exc) from exc
        return answer

    def discard_input(self) -> None:
        try:
            self._port.reset_input_buffer()
        except (serial.SerialException, OSError) as exc:
            raise _lost(self._name, exc) from exc

    def close(self) -> None:
        try:
            self._port.close()
        except (serial.SerialException, OSError):
            pass  # already gone (unplugged): nothing left to release


def _lost(name: str, exc: BaseException) -> TransportError:
    return TransportError(
        f"Sambungan ke printer di {name} terputus ({exc}).",
        f"The connection to the printer on {name} was lost ({exc}).",
    )


class SerialTransport:
    """ESC/POS over a serial port, 8N1, no flow control."""

    answers_status = True

    def __init__(self, port: str, baudrate: int) -> None:
        self.port = port
        self.baudrate = baudrate
        self.description = f"serial {port} {baudrate} baud"

    def connect(self, timeout_s: float) -> Connection:
        try:
            device = serial.Serial(
                self.port, self.baudrate, timeout=timeout_s, write_timeout=timeout_s
            )
        except (serial.SerialException, OSError, ValueError) as exc:
            raise _cannot_open(self.port, exc) from exc
        return _SerialConnection(device, self.port)


def _cannot_open(port: str, exc: BaseException) -> TransportError:
    code = getattr(exc, "errno", None)
    if code == errno.ENOENT:
        return TransportError(
            f"Printer tidak terhubung: port {port} tidak ada (kabel dicabut?).",
            f"Printer not connected: port {port} does not exist (unplugged?).",
        )
    if code == errno.EACCES:
        return TransportError(
            f"Port {port} tidak boleh dibuka: pengguna kiosk perlu grup dialout.",
            f"Port {port} cannot be opened: the kiosk user needs the dialout group.",
        )
    if code == errno.EBUSY:
        return TransportError(
            f"Port {port} sedang dipakai program lain.",
            f"Port {port} is in use by another program.",
        )
    return TransportError(
        f"Printer tidak terhubung: port {port} tidak dapat dibuka.",
        f"Printer not connected: port {port} cannot be opened ({exc}).",
    )


class _SocketConnection:
    def __init__(self, sock: socket.socket, name: str) -> None:
        self._sock = sock
        self._name = name

    def write(self, data: bytes, timeout_s: float) -> None:
        self._sock.settimeout(timeout_s)
        try:
            self._sock.sendall(data)
        except TimeoutError as exc:
            raise TransportError(
                f"Printer di {self._name} berhenti menerima data.",
                f"The printer at {self._name} stopped taking data.",
            ) from exc
        except OSError as exc:
            raise _lost(self._name, exc) from exc

    def read_byte(self, timeout_s: float) -> bytes:
        if timeout_s <= 0:
            return b""
        self._sock.settimeout(timeout_s)
        try:
            return self._sock.recv(1)
        except TimeoutError:
            return b""
        except OSError as exc:
            raise _lost(self._name, exc) from exc

    def discard_input(self) -> None:
        self._sock.setblocking(False)
        try:
            while self._sock.recv(256):
                pass
        except (BlockingIOError, InterruptedError):
            pass
        except OSError as exc:
            raise _lost(self._name, exc) from exc

    def close(self) -> None:
        self._sock.close()


class NetworkTransport:
    """ESC/POS as raw bytes over TCP (the "JetDirect" port 9100)."""

    answers_status = True

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self.description = f"network {host}:{port}"

    def connect(self, timeout_s: float) -> Connection:
        name = f"{self.host}:{self.port}"
        try:
            sock = socket.create_connection((self.host, self.port), timeout=timeout_s)
        except OSError as exc:
            raise TransportError(
                f"Printer tidak terhubung: {name} tidak dapat dihubungi ({exc}).",
                f"Printer not connected: {name} cannot be reached ({exc}).",
            ) from exc
        return _SocketConnection(sock, name)


class _FileConnection:
    def __init__(self, file: BinaryIO, name: str) -> None:
        self._file = file
        self._name = name

    def write(self, data: bytes, timeout_s: float) -> None:
        try:
            self._file.write(data)
            self._file.flush()
        except OSError as exc:
            raise _lost(self._name, exc) from exc

    def read_byte(self, timeout_s: float) -> bytes:
        return b""

    def discard_input(self) -> None:
        pass

    def close(self) -> None:
        self._file.close()


class FileTransport:
    """Appends the bytes to a file, for looking at them (or feeding /dev/usb/lp0)."""

    answers_status = False

    def __init__(self, path: Path) -> None:
        self.path = path
        self.description = f"file {path}"

    def connect(self, timeout_s: float) -> Connection:
        try:
            file = self.path.open("ab")
        except OSError as exc:
            raise TransportError(
                f"Berkas printer {self.path} tidak dapat dibuka ({exc}).",
                f"The printer file {self.path} cannot be opened ({exc}).",
            ) from exc
        return _FileConnection(file, str(self.path))


class Deadline:
    """A fixed point in time; ``left()`` is what remains of the budget, never negative."""

    def __init__(self, seconds: float) -> None:
        self._end = time.monotonic() + seconds

    def left(self) -> float:
        return max(0.0, self._end - time.monotonic())

"""A small ESC/POS reader for tests: turns printer bytes back into what lands on paper.

It knows exactly the commands a ticket may use and rejects anything else, so a stray or
malformed command fails the test instead of passing unnoticed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ESC, GS, DLE, LF = 0x1B, 0x1D, 0x10, 0x0A


class UnreadableBytes(AssertionError):
    """The bytes are not ESC/POS this reader (and a cheap printer) would understand."""


@dataclass(frozen=True)
class PrintedLine:
    text: str
    width: int  # character magnification, 1-8
    height: int
    align: str
    bold: bool


@dataclass(frozen=True)
class PrintedQR:
    payload: str
    module_dots: int
    error_correction: str  # L, M, Q, H


@dataclass(frozen=True)
class PrintedImage:
    width_dots: int
    height_dots: int
    row_bytes: int
    data: bytes

    def black(self, x: int, y: int) -> bool:
        return bool(self.data[y * self.row_bytes + x // 8] >> (7 - x % 8) & 1)


@dataclass(frozen=True)
class Cut:
    partial: bool


@dataclass
class Paper:
    """Everything the bytes print, in order, plus the status questions asked on the way."""

    items: list[PrintedLine | PrintedQR | PrintedImage | Cut] = field(default_factory=list)
    status_queries: list[int] = field(default_factory=list)

    @property
    def lines(self) -> list[PrintedLine]:
        return [item for item in self.items if isinstance(item, PrintedLine)]

    @property
    def texts(self) -> list[str]:
        return [line.text for line in self.lines]

    @property
    def qr_codes(self) -> list[PrintedQR]:
        return [item for item in self.items if isinstance(item, PrintedQR)]

    @property
    def images(self) -> list[PrintedImage]:
        return [item for item in self.items if isinstance(item, PrintedImage)]

    @property
    def pictures(self) -> list[PrintedImage]:
        """Images, with the GS v 0 fragments of one picture (printed back to back) joined."""
        groups: list[list[PrintedImage]] = []
        previous: object = None
        for item in self.items:
            if isinstance(item, PrintedImage):
                if isinstance(previous, PrintedImage):
                    groups[-1].append(item)
                else:
                    groups.append([item])
            previous = item
        return [merge_images(group) for group in groups]

    def line(self, text: str) -> PrintedLine:
        found = [line for line in self.lines if line.text == text]
        assert found, f"{text!r} is not printed; lines are {self.texts}"
        return found[0]

    def all_text(self) -> str:
        return "\n".join(self.texts)


@dataclass
class _Style:
    width: int = 1
    height: int = 1
    align: str = "left"
    bold: bool = False


def read(data: bytes) -> Paper:
    """Decode ``data``; raises UnreadableBytes on anything unknown or truncated."""
    paper = Paper()
    style = _Style()
    text = bytearray()
    qr_store: dict[str, object] = {"module": 3, "ec": "L", "data": None}
    i = 0

    def need(count: int) -> bytes:
        if i + count > len(data):
            raise UnreadableBytes(f"command at offset {i} is cut short")
        return data[i : i + count]

    def end_line() -> None:
        paper.items.append(
            PrintedLine(text.decode("ascii"), style.width, style.height, style.align, style.bold)
        )
        text.clear()

    while i < len(data):
        byte = data[i]
        if byte == LF:
            end_line()
            i += 1
        elif 0x20 <= byte <= 0x7E:
            text.append(byte)
            i += 1
        elif byte == ESC:
            command, arg = need(3)[1], need(3)[2]
            if command == ord("@"):
                style = _Style()
                i += 2
                continue
            if command == ord("a"):
                style.align = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center"}[arg]
            elif command == ord("E"):
                style.bold = bool(arg & 1)
            elif command == ord("t"):
                pass  # code page; the text is ASCII anyway
            elif command == ord("!"):
                style.width = 2 if arg & 0x20 else 1
                style.height = 2 if arg & 0x10 else 1
                style.bold = bool(arg & 0x08)
            elif command == ord("d"):
                if text:
                    end_line()
            else:
                raise UnreadableBytes(f"unknown command ESC {command:#04x} at offset {i}")
            i += 3
        elif byte == GS:
            command = need(2)[1]
            if command == ord("!"):
                arg = need(3)[2]
                style.width, style.height = (arg >> 4) + 1, (arg & 0x07) + 1
                i += 3
            elif command == ord("V"):
                if text:
                    end_line()
                mode = need(3)[2]
                paper.items.append(Cut(partial=mode in (1, 49, 66)))
                i += 4 if mode in (65, 66) else 3
            elif command == ord("("):
                head = need(5)
                if head[2] != ord("k"):
                    raise UnreadableBytes(f"unknown command GS ( {head[2]:#04x} at offset {i}")
                size = head[3] + 256 * head[4]
                body = need(5 + size)[5:]
                if body[0] != 0x31:
                    raise UnreadableBytes(f"2D code other than QR at offset {i}")
                function = body[1]
                if function == 0x41:
                    pass  # model
                elif function == 0x43:
                    qr_store["module"] = body[2]
                elif function == 0x45:
                    qr_store["ec"] = "LMQH"[body[2] - 0x30]
                elif function == 0x50:
                    qr_store["data"] = body[3:].decode("ascii")
                elif function == 0x51:
                    if text:
                        end_line()
                    payload = qr_store["data"]
                    if not isinstance(payload, str):
                        raise UnreadableBytes(f"QR printed before its data was stored ({i})")
                    module, ec = qr_store["module"], qr_store["ec"]
                    assert isinstance(module, int) and isinstance(ec, str)
                    paper.items.append(PrintedQR(payload, module, ec))
                else:
                    raise UnreadableBytes(f"unknown QR function {function:#04x} at offset {i}")
                i += 5 + size
            elif command == ord("v"):
                head = need(8)
                if head[2] != ord("0"):
                    raise UnreadableBytes(f"unknown command GS v {head[2]:#04x} at offset {i}")
                row_bytes = head[4] + 256 * head[5]
                rows = head[6] + 256 * head[7]
                bitmap = need(8 + row_bytes * rows)[8:]
                paper.items.append(PrintedImage(row_bytes * 8, rows, row_bytes, bitmap))
                i += 8 + row_bytes * rows
            else:
                raise UnreadableBytes(f"unknown command GS {command:#04x} at offset {i}")
        elif byte == DLE:
            if need(2)[1] != 0x04:
                raise UnreadableBytes(f"unknown real-time command at offset {i}")
            paper.status_queries.append(need(3)[2])
            i += 3
        else:
            raise UnreadableBytes(f"byte {byte:#04x} at offset {i} is neither ASCII nor ESC/POS")
    if text:
        raise UnreadableBytes(f"text {text!r} left in the printer's buffer, never printed")
    return paper


def merge_images(images: list[PrintedImage]) -> PrintedImage:
    """Fragments of one picture (consecutive GS v 0 blocks of equal width) as one."""
    assert images and all(image.row_bytes == images[0].row_bytes for image in images)
    return PrintedImage(
        images[0].width_dots,
        sum(image.height_dots for image in images),
        images[0].row_bytes,
        b"".join(image.data for image in images),
    )

"""A QR code as a Kivy texture, made on the UI thread from a short URL (a few ms).

One texel per module (the Image widget scales it up, without smoothing), and a fixed mask
pattern: a QR code reads with any of the eight masks, and trying all eight to pick the
"best" took ~50 ms of the tap that shows the ticket on a slow PC (docs/performance.md,
kiosk)."""

from __future__ import annotations

import qrcode
from kivy.graphics.texture import Texture

MASK_PATTERN = 0
DARK, LIGHT = b"\x00\x00\x00\xff", b"\xff\xff\xff\xff"


def qr_modules(data: str) -> list[list[bool]]:
    """The code's modules, top row first, with a quiet zone of two modules (True = dark)."""
    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M,
                         mask_pattern=MASK_PATTERN)
    code.add_data(data)
    code.make(fit=True)
    rows: list[list[bool]] = code.get_matrix()
    return rows


def qr_texture(data: str) -> Texture:
    rows = qr_modules(data)
    size = len(rows)
    # GL's rows run bottom up
    pixels = b"".join(DARK if dark else LIGHT for row in reversed(rows) for dark in row)
    texture = Texture.create(size=(size, size), colorfmt="rgba")
    texture.blit_buffer(pixels, colorfmt="rgba", bufferfmt="ubyte")
    texture.mag_filter = "nearest"
    texture.min_filter = "nearest"
    return texture

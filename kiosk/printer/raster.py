"""Pictures as ESC/POS raster bytes (GS v 0): the logo and the QR fallback. No device I/O.

python-escpos's ``image()`` would do this too, but with its default profile (paper width
"Unknown") it ``print()``s a notice to stdout on every call, and its ``center`` pads every row
to the full paper width. Here a picture is padded on the left only, so it stays centered on
any printer (some ignore ESC a for images) and costs fewer bytes.
"""

from __future__ import annotations

from pathlib import Path

import qrcode
import qrcode.constants
from escpos.image import EscposImage
from PIL import Image, UnidentifiedImageError

from .model import PrinterConfigError

GS = b"\x1d"
LOGO_MAX_HEIGHT_DOTS = 120  # 15 mm at 203 dpi: a logo, not a poster (each row costs bytes)
_FRAGMENT_ROWS = 256  # printers with small buffers choke on one huge GS v 0 block


def raster_command(picture: Image.Image, dot_width: int) -> bytes:
    """GS v 0 commands printing ``picture`` centered on paper ``dot_width`` dots wide."""
    if picture.width > dot_width:
        raise ValueError(f"picture is {picture.width} dots wide, paper only {dot_width}")
    left = (dot_width - picture.width) // 2
    padded = Image.new("RGB", (left + picture.width, picture.height), "white")
    rgba = picture.convert("RGBA")
    padded.paste(rgba, (left, 0), mask=rgba)
    # EscposImage flattens alpha, converts to 1 bit and inverts (1 = black dot).
    bits = EscposImage(padded)
    row_bytes = bits.width_bytes
    data = bits.to_raster_format()
    out = bytearray()
    for top in range(0, bits.height, _FRAGMENT_ROWS):
        rows = min(_FRAGMENT_ROWS, bits.height - top)
        out += GS + b"v0\x00" + row_bytes.to_bytes(2, "little") + rows.to_bytes(2, "little")
        out += data[top * row_bytes : (top + rows) * row_bytes]
    return bytes(out)


def prepare_logo(path: Path, dot_width: int) -> bytes:
    """The logo at ``path`` scaled to fit the paper, as raster bytes (do this once)."""
    try:
        with Image.open(path) as source:
            logo = source.convert("RGBA")
    except (OSError, UnidentifiedImageError) as exc:
        raise PrinterConfigError(
            f"Logo tiket tidak dapat dibaca: {path} ({exc}).",
            f"The ticket logo cannot be read: {path} ({exc}).",
            "logo",
        ) from exc
    logo.thumbnail((dot_width, LOGO_MAX_HEIGHT_DOTS), Image.Resampling.LANCZOS)
    return raster_command(logo, dot_width)


def qr_picture(payload: str, module_dots: int) -> Image.Image:
    """The QR code of ``payload`` (error correction M, as the native command uses)."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=module_dots, border=0
    )
    code.add_data(payload)
    code.make(fit=True)
    picture: Image.Image = code.make_image().get_image()
    return picture

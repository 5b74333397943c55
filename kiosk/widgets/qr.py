"""A QR code as a Kivy texture, made on the UI thread from a short URL (a few ms)."""

from __future__ import annotations

import io

import qrcode
from kivy.core.image import Image as CoreImage
from kivy.graphics.texture import Texture


def qr_texture(data: str) -> Texture:
    code = qrcode.QRCode(border=2, box_size=8, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    picture = code.make_image(fill_color="black", back_color="white")
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    buffer.seek(0)
    texture: Texture = CoreImage(buffer, ext="png").texture
    texture.mag_filter = "nearest"
    return texture

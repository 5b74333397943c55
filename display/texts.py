"""Every sentence the waiting-room board shows: the display's catalog, Indonesian on the board.

The same ``shared.core.messages`` catalog as the kiosk's and the printer's; the English is
there for the day the board gets a language switch. Names that belong to the office (its
name, desks, services, channels, hours) come from the server, not from here.
"""

from __future__ import annotations

from shared.core.messages import Catalog, Sentence

__all__ = ["TEXTS", "say"]

TEXTS = Catalog({
    # the latest call
    "caption_call": Sentence("NOMOR ANTRIAN", "QUEUE NUMBER"),
    "caption_recall": Sentence("PANGGILAN ULANG", "CALLED AGAIN"),
    "no_call_yet": Sentence("belum ada panggilan", "no call yet"),
    "connecting": Sentence("menghubungkan ke server…", "connecting to the server…"),
    # the desks and the last calls
    "serving_now": Sentence("DILAYANI SEKARANG", "SERVING NOW"),
    "last_calls": Sentence("PANGGILAN TERAKHIR", "LAST CALLS"),
    "waiting": Sentence("{count} orang menunggu", "{count} waiting"),
    "offline": Sentence("offline — menyambung ulang", "offline — reconnecting"),
    # the running text, from the server's GET /office
    "free_of_charge": Sentence("Layanan ini tidak dipungut biaya.",
                               "This service is free of charge."),
    "opening_hours": Sentence("Jam layanan: {hours}", "Opening hours: {hours}"),
    "complaints": Sentence("Pengaduan: {channels}", "Complaints: {channels}"),
    "phone": Sentence("Telepon {phone}", "Phone {phone}"),
})


def say(code: str, /, **values: object) -> str:
    """The board's sentence ``code`` (in Indonesian), ``{placeholders}`` filled from ``values``."""
    return TEXTS.text(code, "id", **values)

"""Every sentence of the ticket printer: the words on the paper (printed in Indonesian) and
what the kiosk and the officers are told about the printer. The printer's catalog, built as
the kiosk's and the display's (``shared.core.messages``)."""

from __future__ import annotations

from shared.core.messages import Catalog, Sentence

__all__ = ["TEXTS", "PAPER_LANG"]

PAPER_LANG = "id"  # the ticket is printed in Indonesian

TEXTS = Catalog({
    # on the paper
    "queue_number": Sentence("Nomor Antrian", "Queue number"),
    "people_ahead": Sentence("Orang di depan Anda: {count}", "People ahead of you: {count}"),
    "estimated_wait": Sentence("Perkiraan tunggu: {wait}", "Estimated wait: {wait}"),
    "wait_under_a_minute": Sentence("kurang dari 1 menit", "less than 1 minute"),
    "wait_minutes": Sentence("{minutes} menit", "{minutes} min"),
    "wait_hours": Sentence("{hours} jam", "{hours} h"),
    "scan_qr": Sentence("Pindai QR untuk melihat status antrian",
                        "Scan the QR to follow the queue"),
    "rating_code": Sentence("Kode penilaian: {code}", "Rating code: {code}"),
    "rating_code_hint": Sentence("Ketik kode ini di kiosk untuk menilai layanan",
                                 "Type this code at the kiosk to rate our service"),
    "complaints": Sentence("Pengaduan: {channel}", "Complaints: {channel}"),
    # the printer's states (PrinterState values)
    "ok": Sentence("Printer siap.", "Printer ready."),
    "offline": Sentence("Printer offline atau sedang error.",
                        "The printer is offline or in error."),
    "cover_open": Sentence("Tutup printer terbuka.", "The printer cover is open."),
    "paper_out": Sentence("Kertas printer habis.", "The printer is out of paper."),
    "paper_near_end": Sentence("Kertas printer hampir habis.", "The printer paper is running low."),
    "unknown": Sentence("Printer tidak menjawab; statusnya tidak diketahui.",
                        "The printer does not answer; its status is unknown."),
    "disabled": Sentence("Printer dinonaktifkan.", "The printer is disabled."),
    "ready_at": Sentence("Printer siap ({description}).", "Printer ready ({description})."),
    # one ticket
    "printed": Sentence("Tiket dicetak. Silakan ambil tiket Anda.",
                        "Ticket printed. Please take your ticket."),
    "not_printed": Sentence(
        "Tiket tidak dapat dicetak: {reason} "
        "Silakan pindai kode QR di layar untuk melihat status antrian Anda.",
        "The ticket could not be printed: {reason} "
        "Please scan the QR code on the screen to follow your place in the queue.",
    ),
})

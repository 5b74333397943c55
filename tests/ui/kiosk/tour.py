"""Every kiosk screen in both languages at one window size, saved as PNG files; run as its
own process because Kivy fixes the window size when the window is made:

    python -m tests.ui.kiosk.tour --size 1366x768 --server URL --token-file F --out DIR

Prints a JSON report: the screenshots, the texts each one shows, and any text that does not
fit its box or the window.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", required=True)
    parser.add_argument("--server", required=True)
    parser.add_argument("--token-file", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)

    from tests.support.kiosk_driver import KioskDriver, kiosk_settings, prepare_kivy

    prepare_kivy(args.size)
    token = args.token_file.read_text().strip()
    report: dict[str, object] = {}
    for lang in ("id", "en"):
        kiosk = KioskDriver(kiosk_settings(args.server, args.size, lang=lang), token)
        kiosk.wait_for(lambda k=kiosk: k.view.connected, "the services")  # type: ignore[misc]
        flow = kiosk.flow

        def shot(name: str, kiosk: KioskDriver = kiosk, lang: str = lang) -> None:
            kiosk.settle()
            path = kiosk.screenshot(args.out / lang / f"{name}.png")
            report[f"{lang}/{name}"] = {"file": str(path), "texts": kiosk.texts(),
                                        "boxes": kiosk.boxes(), "clipped": kiosk.clipped()}

        shot("1-welcome")
        flow.go("feedback")
        kiosk.frames(3)
        shot("2-feedback")
        flow.back()
        flow.guest_book.choose_service("KONSULTASI")
        kiosk.frames(3)
        shot("3-notice")
        flow.guest_book.agree()  # without consent: the reason shows
        kiosk.frames(2)
        flow.guest_book.toggle_consent()
        flow.guest_book.agree()
        flow.guest_book.select("id_type", "KTP")
        flow.guest_book.edit("id_number", "7502011303030000")
        flow.guest_book.next()
        kiosk.frames(3)
        shot("4-guest-identity-error")
        flow.guest_book.edit("id_number", "750201410303000" + ("1" if lang == "id" else "2"))
        flow.guest_book.next()
        kiosk.wait_for(lambda k=kiosk: k.view.page == 1, "page 2")  # type: ignore[misc]
        flow.guest_book.edit("name", "Siti Aisyah Pakaya")
        flow.guest_book.focus("email")
        flow.guest_book.edit("email", "siti.pakaya@gmail")
        flow.guest_book.next()
        kiosk.frames(3)
        shot("5-guest-contact-error")
        flow.guest_book.edit("email", "siti.pakaya@gmail.com")
        flow.guest_book.next()
        kiosk.frames(3)
        shot("6-guest-phone")
        flow.guest_book.edit("phone", "081234567890")
        flow.guest_book.edit("institution", "Universitas Negeri Gorontalo")
        flow.guest_book.next()
        flow.guest_book.select("occupation", "Pelajar/Mahasiswa")
        flow.guest_book.select("purpose", "Tugas Sekolah/Tugas Kuliah")
        kiosk.frames(3)
        shot("7-guest-about")
        flow.guest_book.next()
        kiosk.frames(3)
        shot("8-confirm")
        flow.ticket.take()
        kiosk.wait_step("ticket")
        shot("9-ticket")
        flow.ticket.print()  # no printer configured: said kindly, the QR stays
        kiosk.wait_for(lambda k=kiosk: k.view.print_state == "failed",  # type: ignore[misc]
                       "the printer's answer")
        shot("10-ticket-not-printed")
        flow._clock = lambda c=flow._clock: c() + 10_000  # type: ignore[misc]
        flow.wipe()
        flow.guest_book.choose_service("KONSULTASI")
        flow._last_touch = 0.0
        flow._clock = lambda: 61.0
        flow.tick()
        kiosk.frames(3)
        shot("11-idle")
        flow.admin.ask()
        flow._clock = lambda: 0.0
        flow.touched()
        kiosk.frames(3)
        shot("12-admin-pin")
        flow.admin.close()
        flow.wipe()
        flow.rating.start()
        flow.complaint.start()
        kiosk.wait_for(lambda k=kiosk: k.view.rating.complaint.loaded,  # type: ignore[misc]
                       "today's numbers")
        flow.complaint.next()  # nothing written: the reason beside the field
        kiosk.frames(3)
        shot("13-complaint-text")
        flow.complaint.edit("text", "AC ruang tunggu mati sejak pagi, antrian terasa lama.")
        flow.complaint.next()
        flow.complaint.edit("email", "siti.pakaya@gmail")
        flow.complaint.focus("phone")
        flow.complaint.edit("phone", "0812")
        flow.complaint.next()
        kiosk.frames(3)
        shot("14-complaint-contact-error")
        flow.complaint.edit("email", "siti.pakaya@gmail.com")
        flow.complaint.edit("phone", "081234567890")
        flow.complaint.next()
        flow.complaint.edit("ticket", "1" if lang == "id" else "2")  # today's K-001 / K-002
        flow.complaint.pick_ticket(flow.view.rating.complaint.shown[0].ticket_id)
        kiosk.frames(3)
        shot("15-complaint-ticket")
        flow.complaint.next()
        kiosk.wait_for(lambda k=kiosk: k.view.rating.stage == "thanks",  # type: ignore[misc]
                       "the thank-you")
        shot("16-complaint-thanks")
        kiosk.stop()
    json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())

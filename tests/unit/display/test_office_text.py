"""The header and the running text when display.toml leaves them to the server."""

from __future__ import annotations

from display.office_text import opening_hours, running_text
from shared.api.models import OfficeOut

COMMON = {day: ["08:00-15:30"] for day in ("monday", "tuesday", "wednesday", "thursday")}


def office(**changes: object) -> OfficeOut:
    fields: dict[str, object] = {
        "name": "Pelayanan Statistik Terpadu BPS Kabupaten Boalemo",
        "short_name": "PST BPS Kabupaten Boalemo", "address": "Jl. Trans Sulawesi",
        "phone": "0811437501", "website": "boalemokab.bps.go.id",
        "complaint_channels": ["s.bps.go.id/pengaduan_gorontalo", "pengaduan7501@gmail.com"],
        "hours": {**COMMON, "friday": ["08:00-16:00"]}, "close_on_holidays": True,
        "timezone": "Asia/Makassar", "retention_days": 365, "privacy_notice_version": "2026-11",
    }
    return OfficeOut.model_validate({**fields, **changes})


def test_the_common_pst_hours_in_indonesian() -> None:
    assert running_text(office()) == [
        "Layanan ini tidak dipungut biaya.",
        "Jam layanan: Senin-Kamis 08.00-15.30; Jumat 08.00-16.00 WITA.",
        "Pengaduan: s.bps.go.id/pengaduan_gorontalo · pengaduan7501@gmail.com",
        "Telepon 0811437501 · boalemokab.bps.go.id",
    ]


def test_a_lunch_break_and_days_apart() -> None:
    hours = {"monday": ["08:00-12:00", "13:00-15:30"], "wednesday": ["08:00-12:00", "13:00-15:30"],
             "thursday": ["08:00-12:00", "13:00-15:30"], "saturday": ["08:00-11:00"]}
    assert opening_hours(hours) == (
        "Senin 08.00-12.00 dan 13.00-15.30; Rabu-Kamis 08.00-12.00 dan 13.00-15.30; "
        "Sabtu 08.00-11.00"
    )


def test_open_at_all_hours_says_no_hours_and_no_contact_left_out() -> None:
    assert running_text(office(hours=None, phone="", complaint_channels=[])) == [
        "Layanan ini tidak dipungut biaya.", "boalemokab.bps.go.id"]

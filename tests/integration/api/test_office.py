"""``GET /office``: what the kiosk shows about the office comes from the server's settings."""

from __future__ import annotations

from collections.abc import Callable

from tests.support.offices import Office

CONFIG = """
retention_days = 90
close_on_holidays = true
[office]
name = "PST BPS Kabupaten Contoh"
short_name = "PST Contoh"
complaint_channels = ["pengaduan@example.org"]
[hours]
monday = ["08:00-12:00", "13:00-15:30"]
friday = ["08:00-16:00"]
"""


def test_office_defaults_are_the_service_standards_office(api_office: Office) -> None:
    about = api_office.public.office()
    assert about.name == "Pelayanan Statistik Terpadu BPS Kabupaten Boalemo"
    assert about.complaint_channels == ["s.bps.go.id/pengaduan_gorontalo",
                                        "pengaduan7501@gmail.com"]
    assert about.hours is None  # open at all hours without a configuration
    assert about.retention_days == 365
    assert about.timezone == "Asia/Makassar"


def test_office_follows_the_configuration(api_office_with: Callable[[str], Office]) -> None:
    about = api_office_with(CONFIG).public.office()
    assert (about.name, about.short_name) == ("PST BPS Kabupaten Contoh", "PST Contoh")
    assert about.complaint_channels == ["pengaduan@example.org"]
    assert about.hours == {"monday": ["08:00-12:00", "13:00-15:30"], "friday": ["08:00-16:00"]}
    assert about.retention_days == 90
    assert about.close_on_holidays is True

"""Settings: the defaults an office starts with, a TOML file, and errors that name the setting."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from shared.core.settings import Settings
from shared.settings_file import ConfigError, load_settings

REPO_ROOT = Path(__file__).resolve().parents[2]

GOOD_TOML = """
timezone = "Asia/Makassar"
close_on_holidays = true
retention_days = 180
public_base_url = "https://antrian.boalemo.example/"

[office]
short_name = "PST Boalemo"

[hours]
monday = ["08:00-12:00", "13:00-15:30"]
friday = ["08.00-16.00"]

[queue]
priority_guard = 2
max_open_tickets_per_visitor = 1

[[services]]
code = "KONSULTASI"
name = "Konsultasi Statistik"
name_en = "Statistical Consultation"
letter = "K"

[[services]]
code = "PERPUSTAKAAN"
name = "Perpustakaan"
name_en = "Library"
letter = "P"

[[desks]]
id = "1"
name = "Meja 1"
services = ["KONSULTASI", "PERPUSTAKAAN"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pst-antrian.toml"
    path.write_text(text, encoding="utf-8")
    return path


def config_error(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as exc:
        load_settings(path)
    message = str(exc.value)
    assert str(path) in message
    return message


# --- defaults -----------------------------------------------------------------------------


def test_without_a_file_the_office_offers_konsultasi_at_desks_1_and_2() -> None:
    settings = load_settings(None)

    enabled = [(s.code, s.letter) for s in settings.services if s.enabled]
    assert enabled == [("KONSULTASI", "K")]
    assert {s.code for s in settings.services if not s.enabled} == {
        "PERPUSTAKAAN", "PENJUALAN", "REKOMENDASI"}
    assert [(d.id, d.services) for d in settings.desks] == [
        ("1", ("KONSULTASI",)), ("2", ("KONSULTASI",))]


def test_without_a_file_it_is_open_at_all_hours_in_wita() -> None:
    settings = load_settings(None)

    assert settings.hours is None
    assert settings.opening_hours() is None
    assert settings.close_on_holidays is False
    assert settings.timezone == "Asia/Makassar"
    assert settings.zone.key == "Asia/Makassar"


def test_defaults_name_the_boalemo_office_and_its_complaint_channels() -> None:
    office = load_settings(None).office

    assert "Boalemo" in office.name
    assert office.phone == "0811437501"
    assert "pengaduan7501@gmail.com" in office.complaint_channels


def test_default_queue_rules() -> None:
    queue = Settings().queue

    assert (queue.priority_guard, queue.max_open_tickets_per_visitor) == (3, 0)
    assert queue.default_service_minutes == 15


# --- a file -------------------------------------------------------------------------------


def test_a_toml_file_sets_hours_services_desks_and_rules(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, GOOD_TOML))

    assert settings.opening_hours() == {
        0: [(time(8), time(12)), (time(13), time(15, 30))],
        4: [(time(8), time(16))],
    }
    assert settings.close_on_holidays is True
    assert settings.retention_days == 180
    assert settings.public_base_url == "https://antrian.boalemo.example"
    assert settings.office.short_name == "PST Boalemo"
    assert settings.office.phone == "0811437501"  # not in the file: default kept
    assert [s.code for s in settings.services if s.enabled] == ["KONSULTASI", "PERPUSTAKAAN"]
    desk = settings.desk("1")
    assert desk is not None and desk.services == ("KONSULTASI", "PERPUSTAKAAN")
    assert settings.desk("2") is None
    assert (settings.queue.priority_guard, settings.queue.max_open_tickets_per_visitor) == (2, 1)
    assert settings.queue.estimate_sample == 10


def test_an_empty_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, "")) == Settings()


def test_a_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_settings(tmp_path / "nowhere.toml")


def test_broken_toml_is_a_config_error(tmp_path: Path) -> None:
    assert "not valid TOML" in config_error(tmp_path, "[hours\nmonday = 1")


# --- errors that name the setting ---------------------------------------------------------


def test_unknown_weekday(tmp_path: Path) -> None:
    message = config_error(tmp_path, '[hours]\nsenin = ["08:00-15:30"]\n')

    assert "hours" in message
    assert "'senin' is not a weekday" in message


def test_range_that_closes_before_it_opens(tmp_path: Path) -> None:
    message = config_error(tmp_path, '[hours]\nmonday = ["15:30-08:00"]\n')

    assert "hours" in message
    assert "15:30-08:00" in message
    assert "closes before it opens" in message


@pytest.mark.parametrize("text", ["8-15", "08:00 to 15:30", "25:00-26:00", "08:00-15:61"])
def test_range_that_is_not_a_range(tmp_path: Path, text: str) -> None:
    message = config_error(tmp_path, f'[hours]\nmonday = ["{text}"]\n')

    assert "hours" in message
    assert text in message


def test_unknown_time_zone(tmp_path: Path) -> None:
    message = config_error(tmp_path, 'timezone = "Asia/Gorontalo"\n')

    assert "timezone" in message
    assert "unknown time zone 'Asia/Gorontalo'" in message


def test_two_services_with_the_same_letter(tmp_path: Path) -> None:
    message = config_error(tmp_path, """
[[services]]
code = "KONSULTASI"
name = "Konsultasi Statistik"
name_en = "Statistical Consultation"
letter = "K"

[[services]]
code = "KUNJUNGAN"
name = "Kunjungan"
name_en = "Visit"
letter = "K"
""")

    assert "services" in message
    assert "ticket letter" in message


def test_a_desk_serving_an_unknown_service(tmp_path: Path) -> None:
    message = config_error(tmp_path, """
[[desks]]
id = "1"
name = "Meja 1"
services = ["KONSULTASI", "PERPUSTAKAN"]
""")

    assert "desks" in message
    assert "desk 1 serves unknown service 'PERPUSTAKAN'" in message


@pytest.mark.parametrize(
    ("text", "setting"),
    [
        ("retention_day = 30\n", "retention_day"),
        ("[queue]\npriority_gaurd = 2\n", "queue.priority_gaurd"),
        ("[office]\nnama = 'PST'\n", "office.nama"),
    ],
)
def test_a_misspelt_key_is_refused_by_name(tmp_path: Path, text: str, setting: str) -> None:
    message = config_error(tmp_path, text)

    assert f"{setting}: Extra inputs are not permitted" in message


def test_a_value_out_of_range_names_the_setting(tmp_path: Path) -> None:
    message = config_error(tmp_path, "[queue]\npriority_guard = 0\n")

    assert "queue.priority_guard" in message


# --- the example shipped with the project -------------------------------------------------


def test_the_example_configuration_loads() -> None:
    example = REPO_ROOT / "config.example.toml"
    assert example.is_file(), f"{example} is missing: the README points every office to it"

    settings = load_settings(example)

    assert settings.timezone == "Asia/Makassar"
    enabled = {s.code for s in settings.services if s.enabled}
    assert "KONSULTASI" in enabled
    assert all(set(desk.services) & enabled for desk in settings.desks)
    # domain.md section 9: the example shows the common PST hours, weekdays from 08.00.
    hours = settings.opening_hours()
    assert hours is not None
    assert hours[0][0][0] == time(8, 0)
    assert not hours.get(6)



def test_no_proxy_is_trusted_unless_named(tmp_path: Path) -> None:
    assert Settings().http.trusted_proxies == ()
    path = write(tmp_path, '[http]\ntrusted_proxies = ["192.168.1.2", "10.0.0.0/24"]\n')
    assert load_settings(path).http.trusted_proxies == ("192.168.1.2", "10.0.0.0/24")


@pytest.mark.parametrize("text", ['trusted_proxies = ["*"]', 'trusted_proxies = ["proxy"]',
                                  "body_seconds = 0", "min_body_bytes_per_second = -1"])
def test_a_bad_http_setting_is_refused_by_name(tmp_path: Path, text: str) -> None:
    assert "http." + text.split(" ")[0] in config_error(tmp_path, f"[http]\n{text}\n")

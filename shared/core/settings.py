"""Settings of one office, every value with a default (read from a TOML file by
``shared.settings_file``).

With no file the server starts with the office of the service standard (BPS Kabupaten
Boalemo), the Konsultasi Statistik service, two desks, and is open at all hours.
"""

from __future__ import annotations

import ipaddress
import re
from datetime import date, time
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RANGE = re.compile(r"^(\d{1,2})[.:](\d{2})\s*-\s*(\d{1,2})[.:](\d{2})$")


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Office(_Section):
    name: str = "Pelayanan Statistik Terpadu BPS Kabupaten Boalemo"
    short_name: str = "PST BPS Kabupaten Boalemo"
    address: str = (
        "Jl. Trans Sulawesi, Desa Lamu, Kecamatan Tilamuta, Kabupaten Boalemo 96263"
    )
    phone: str = "0811437501"
    website: str = "boalemokab.bps.go.id"
    complaint_channels: tuple[str, ...] = (
        "s.bps.go.id/pengaduan_gorontalo",
        "pengaduan7501@gmail.com",
    )


class ServiceConfig(_Section):
    code: Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]{1,31}$")]
    name: str
    name_en: str
    letter: Annotated[str, Field(pattern=r"^[A-Z]$")]
    enabled: bool = True


class DeskConfig(_Section):
    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{1,16}$")]
    name: str
    name_en: str = ""
    services: tuple[str, ...] = ("KONSULTASI",)


DEFAULT_SERVICES = (
    ServiceConfig(code="KONSULTASI", name="Konsultasi Statistik",
                  name_en="Statistical Consultation", letter="K"),
    ServiceConfig(code="PERPUSTAKAAN", name="Perpustakaan", name_en="Library",
                  letter="P", enabled=False),
    ServiceConfig(code="PENJUALAN", name="Penjualan Produk Statistik",
                  name_en="Sale of Statistical Products", letter="J", enabled=False),
    ServiceConfig(code="REKOMENDASI", name="Rekomendasi Kegiatan Statistik",
                  name_en="Statistical Activity Recommendation", letter="R", enabled=False),
)
DEFAULT_DESKS = (
    DeskConfig(id="1", name="Meja Konsultasi 1", name_en="Consultation Desk 1"),
    DeskConfig(id="2", name="Meja Konsultasi 2", name_en="Consultation Desk 2"),
)


class Queue(_Section):
    # After this many priority visitors in a row, a waiting regular visitor goes next.
    priority_guard: Annotated[int, Field(ge=1, le=50)] = 3
    # 0 = no limit on the tickets one visitor holds (waiting or being served) at once.
    max_open_tickets_per_visitor: Annotated[int, Field(ge=0, le=20)] = 0
    # Used for the wait estimate until the day has finished visits to learn from.
    default_service_minutes: Annotated[int, Field(ge=1, le=240)] = 15
    # How many of the day's latest finished visits the estimate averages.
    estimate_sample: Annotated[int, Field(ge=1, le=100)] = 10


class Feedback(_Section):
    # A visitor may rate a finished visit up to this many days after it (0: the same day).
    rating_days: Annotated[int, Field(ge=0, le=90)] = 7
    # A ticket's phone page (its status token) takes complaints up to this many days after
    # the visit; later the visitor uses the office's official channels.
    complaint_days: Annotated[int, Field(ge=0, le=365)] = 30


class Http(_Section):
    # Reverse proxies (addresses or networks) whose X-Forwarded-For names the client. None by
    # default: a client that could name its own address would escape the per-address limits
    # (the login throttle) by changing the name on every request.
    trusted_proxies: tuple[str, ...] = ()
    # A request body must arrive whole within this many seconds of its headers and, after
    # the first 5 s, at this many bytes a second on average (0: no minimum).
    body_seconds: Annotated[float, Field(gt=0, le=300)] = 15.0
    min_body_bytes_per_second: Annotated[int, Field(ge=0, le=1_048_576)] = 1024

    @field_validator("trusted_proxies")
    @classmethod
    def _addresses(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for text in value:
            try:
                ipaddress.ip_network(text, strict=False)
            except ValueError as exc:
                raise ValueError(f"{text!r} is not an IP address or network") from exc
        return value


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    office: Office = Office()
    services: tuple[ServiceConfig, ...] = DEFAULT_SERVICES
    desks: tuple[DeskConfig, ...] = DEFAULT_DESKS
    # weekday -> list of "HH:MM-HH:MM"; None (no [hours] table) = open at all hours.
    hours: dict[str, tuple[str, ...]] | None = None
    close_on_holidays: bool = False
    # Cuti bersama the office observes beyond those the ``holidays`` package knows (the
    # government decrees them late each year): days off for opening and for follow-up due dates.
    cuti_bersama: tuple[date, ...] = ()
    timezone: str = "Asia/Makassar"
    retention_days: Annotated[int, Field(ge=1, le=3650)] = 365
    public_base_url: str | None = None
    privacy_notice_version: str = "2026-11"
    queue: Queue = Queue()
    feedback: Feedback = Feedback()
    http: Http = Http()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("hours")
    @classmethod
    def _hours(cls, value: dict[str, tuple[str, ...]] | None) -> dict[str, tuple[str, ...]] | None:
        if value is None:
            return None
        for day, ranges in value.items():
            if day not in WEEKDAYS:
                raise ValueError(f"{day!r} is not a weekday (use {', '.join(WEEKDAYS)})")
            for text in ranges:
                parse_range(text)
        return value

    @field_validator("public_base_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://[^\s/]+", value):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/") if value else None

    @model_validator(mode="after")
    def _consistent(self) -> Settings:
        codes = [s.code for s in self.services]
        letters = [s.letter for s in self.services]
        if len(set(codes)) != len(codes):
            raise ValueError("services: two services share a code")
        if len(set(letters)) != len(letters):
            raise ValueError("services: two services share a ticket letter")
        ids = [d.id for d in self.desks]
        if len(set(ids)) != len(ids):
            raise ValueError("desks: two desks share an id")
        for desk in self.desks:
            for code in desk.services:
                if code not in codes:
                    raise ValueError(f"desks: desk {desk.id} serves unknown service {code!r}")
        return self

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def service(self, code: str) -> ServiceConfig | None:
        return next((s for s in self.services if s.code == code), None)

    def desk(self, desk_id: str) -> DeskConfig | None:
        return next((d for d in self.desks if d.id == desk_id), None)

    def opening_hours(self) -> dict[int, list[tuple[time, time]]] | None:
        """Weekday number (0 = Monday) -> open intervals; None = always open."""
        if self.hours is None:
            return None
        return {
            WEEKDAYS.index(day): sorted(parse_range(text) for text in ranges)
            for day, ranges in self.hours.items()
        }


def parse_range(text: str) -> tuple[time, time]:
    match = _RANGE.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a range like '08:00-15:30'")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    try:
        start = time(h1, m1)
        # "24:00": open until midnight; time.max stands for the end of the day.
        end = time.max if (h2, m2) == (24, 0) else time(h2, m2)
    except ValueError as exc:
        raise ValueError(f"{text!r}: {exc}") from exc
    if end <= start:
        raise ValueError(f"{text!r}: closes before it opens")
    return start, end

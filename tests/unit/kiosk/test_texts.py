"""The kiosk's sentences: both languages everywhere, the office's hours as a visitor reads them."""

from __future__ import annotations

from datetime import datetime

from kiosk.texts import TEXTS, long_date, opening_hours, tr


def test_every_sentence_exists_in_both_languages_and_differs() -> None:
    same = {"email"}  # the same word in both languages
    for key, text in TEXTS.items():
        assert text.message_id.strip() and text.message_en.strip(), key
        if key not in same:
            assert text.message_id != text.message_en, key


def test_placeholders_are_filled() -> None:
    assert tr("people_ahead", "id", count=3) == "Orang di depan Anda: 3"
    assert tr("people_ahead", "en", count=3) == "People ahead of you: 3"


def test_date_in_indonesian_and_english() -> None:
    monday = datetime(2026, 11, 30, 9, 0)
    assert long_date(monday, "id") == "Senin, 30 November 2026"
    assert long_date(monday, "en") == "Monday, 30 November 2026"


def test_opening_hours_group_equal_days() -> None:
    hours = {day: ["08:00-15:30"] for day in ("monday", "tuesday", "wednesday", "thursday")}
    hours["friday"] = ["08:00-16:00"]
    assert opening_hours(hours, "id") == ["Senin-Kamis 08.00-15.30", "Jumat 08.00-16.00"]
    assert opening_hours(hours, "en") == ["Monday-Thursday 08.00-15.30", "Friday 08.00-16.00"]
    assert opening_hours(None, "id") == ["Buka setiap saat"]
    broken = {"monday": ["08:00-12:00", "13:00-15:30"], "saturday": ["09:00-12:00"]}
    # A break reads "dan"/"and", as on the display (it was a comma: "08.00-12.00, 13.00-15.30").
    assert opening_hours(broken, "id") == ["Senin 08.00-12.00 dan 13.00-15.30", "Sabtu 09.00-12.00"]
    assert opening_hours(broken, "en")[0] == "Monday 08.00-12.00 and 13.00-15.30"

"""The kiosk's sentences: both languages everywhere, the office's hours as a visitor reads them."""

from __future__ import annotations

import ast
from datetime import datetime
from pathlib import Path

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


def _written_sentences(path: Path) -> list[int]:
    """Lines where ``path`` writes the words of a ``Sentence`` or a ``FieldError`` itself."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        words = {"Sentence": node.args, "FieldError": node.args[2:]}.get(node.func.id, [])
        if any(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in words):
            found.append(node.lineno)
    return found


def test_the_presenters_and_forms_take_their_sentences_from_the_catalog() -> None:
    # Every sentence the visitor reads is the catalog's (kiosk/texts.py) or the server's: a
    # presenter or a form writing its own would escape the check that both languages exist.
    kiosk = Path(__file__).resolve().parents[4] / "kiosk"
    modules = [*sorted((kiosk / "presenters").glob("*.py")), kiosk / "guest_form.py",
               kiosk / "complaint_form.py"]
    written = {str(m.relative_to(kiosk)): _written_sentences(m) for m in modules}
    assert {name: lines for name, lines in written.items() if lines} == {}

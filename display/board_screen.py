"""The board on screen: shows a :class:`~display.board.BoardView`; ``board.kv`` lays it out.
No decisions here: what to show comes from the presenter in ``display/board.py``."""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.floatlayout import FloatLayout
from kivy.utils import escape_markup

from display.board import BoardView
from display.texts import say

__all__ = ["BoardScreen", "load_layout", "BACKGROUND"]

_KV = Path(__file__).with_name("board.kv")
NO_NUMBER = "—"
BACKGROUND = (0.043, 0.122, 0.227, 1)  # navy (NAVY in board.kv): the window's clear colour


def load_layout() -> None:
    """Loads ``board.kv`` once (call when the first screen is made, not at import)."""
    if str(_KV) not in Builder.files:
        Builder.load_file(str(_KV))


class DeskTile(BoxLayout):  # type: ignore[misc]
    desk_name = StringProperty()
    number = StringProperty()


class CallRow(BoxLayout):  # type: ignore[misc]
    number = StringProperty()
    desk_name = StringProperty()
    recall = BooleanProperty(False)


class WaitingRow(BoxLayout):  # type: ignore[misc]
    service = StringProperty()
    count = StringProperty()


class BoardScreen(FloatLayout):  # type: ignore[misc]
    # one design pixel at 1920x1080; everything in board.kv is sized in these
    u = NumericProperty(1.0)
    office_name = StringProperty()
    logo = StringProperty("")
    date_text = StringProperty()
    clock_text = StringProperty()
    caption = StringProperty(say("caption_call"))
    latest_number = StringProperty(NO_NUMBER)
    latest_desk = StringProperty("")  # what it says, "→ Meja Konsultasi 1"
    latest_desk_markup = StringProperty("")  # the same, with the arrow's font
    highlighted = BooleanProperty(False)
    offline = BooleanProperty(False)
    connected = BooleanProperty(False)
    ticker_text = StringProperty()
    ticker_x = NumericProperty(0.0)
    recent_slots = NumericProperty(6)  # rows of "last calls": the list never grows past them

    def __init__(self, **kwargs: object) -> None:
        load_layout()
        super().__init__(**kwargs)
        self._shown: BoardView | None = None
        self.bind(size=self._rescale)

    def _rescale(self, *_: object) -> None:
        self.u = min(self.width / 1920.0, self.height / 1080.0)

    def show(self, view: BoardView) -> None:
        last = self._shown
        self._shown = view
        self.connected = view.connected
        self.offline = view.offline
        self.highlighted = view.highlighted
        latest = view.latest
        if latest is None:
            self.caption = say("caption_call")
            self.latest_number = NO_NUMBER
            self.latest_desk = say("no_call_yet" if view.connected else "connecting")
        else:
            self.caption = say("caption_recall" if latest.recall else "caption_call")
            self.latest_number = latest.number
            self.latest_desk = f"→ {latest.desk_name}"
        # Roboto has no arrow; Kivy's bundled DejaVu Sans has one.
        self.latest_desk_markup = escape_markup(self.latest_desk).replace(
            "→", "[font=DejaVuSans]→[/font]", 1)
        if last is None or last.desks != view.desks:
            self._fill(self.ids.desks, DeskTile, [
                {"desk_name": d.name, "number": d.current or NO_NUMBER} for d in view.desks
            ])
        if last is None or last.recent != view.recent:
            rows = [{"number": c.number, "desk_name": c.desk_name, "recall": c.recall}
                    for c in view.recent]
            blank = {"number": "", "desk_name": "", "recall": False}
            rows += [blank] * max(0, int(self.recent_slots) - len(rows))
            self._fill(self.ids.recent, CallRow, rows)
        if last is None or last.waiting != view.waiting:
            self._fill(self.ids.waiting, WaitingRow, [
                {"service": w.service, "count": str(w.count)} for w in view.waiting
            ])

    @staticmethod
    def _fill(container: BoxLayout, kind: type[BoxLayout], rows: list[dict[str, object]]) -> None:
        """Shows ``rows`` (the properties of each widget) in ``container``: the widgets there
        get the new texts; widgets are made or removed only when the number of rows changes."""
        shown = list(reversed(container.children))  # in the order they were added
        for widget in shown[len(rows):]:
            container.remove_widget(widget)
        for widget, properties in zip(shown, rows, strict=False):
            for name, value in properties.items():
                setattr(widget, name, value)
        for properties in rows[len(shown):]:
            container.add_widget(kind(**properties))

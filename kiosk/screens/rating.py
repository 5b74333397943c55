"""Rating a finished visit: the number, the ticket's rating code, four faces, the nine SKM
questions, a comment, thanks.

One screen whose middle part is drawn for the rating's stage (``KioskView.rating``); every tap
goes to the presenter (``kiosk.presenters.rating``).
"""

from __future__ import annotations

from typing import Any

from kivy.factory import Factory

from shared.core.feedback.satisfaction import ELEMENTS

from ..presenters import KioskFlow, KioskView
from ..presenters.rating_state import CODE_DIGITS, RatingState, Stage
from ..texts import tr
from ..widgets.keyboard import BACKSPACE, SPACE
from .base import KioskScreen, kv_beside

FACE_MARKS = (":(", ":/", ":)", ":D")
FACE_COLORS = ((0.69, 0.0, 0.13, 1), (0.85, 0.45, 0.05, 1), (0.2, 0.55, 0.25, 1),
               (0.04, 0.45, 0.2, 1))


class RatingScreen(KioskScreen):
    kv_file = kv_beside(__file__)

    def __init__(self, flow: KioskFlow, **kwargs: Any) -> None:
        super().__init__(flow, **kwargs)
        self._drawn: tuple[Any, ...] | None = None
        self._comment = ""

    def give(self, flow: KioskFlow) -> None:
        self.rating = flow.rating
        self.complaint = flow.complaint

    def title(self, view: KioskView, lang: str) -> str:
        state = view.rating
        if state.stage == Stage.QUESTION:
            return tr("rate_question", lang, n=state.question + 1)
        if state.complaint.sent:
            return tr("rate_complaint", lang)
        return tr("rate_title", lang)

    def show(self, view: KioskView) -> None:
        state = view.rating
        self._comment = state.comment  # what the keyboard types onto
        key = (view.lang, state.stage, state.shown, state.typed, state.code, state.loaded,
               state.question,
               state.ticket, state.problem, state.sending, state.comment, state.complaint,
               self.rating.desk)
        if key == self._drawn:
            return
        self._drawn = key
        body = self.ids.body
        body.clear_widgets()
        lang = view.lang
        draw = {Stage.PICK: self._pick, Stage.CODE: self._code, Stage.FACES: self._faces,
                Stage.OFFER: self._offer, Stage.QUESTION: self._question,
                Stage.COMMENT: self._comment_box, Stage.THANKS: self._thanks}
        draw[state.stage](body, state, lang)
        self.ids.keyboard.layout = "letters" if state.stage == Stage.COMMENT else "none"

    def _label(self, text: str, **kwargs: Any) -> Any:
        return Factory.KioskLabel(text=text, **kwargs)

    def _pick(self, body: Any, state: RatingState, lang: str) -> None:
        if self.rating.desk is not None:
            body.add_widget(Factory.Heading(text=tr("rate_desk_wait", lang)))
            return
        body.add_widget(Factory.Heading(text=tr("rate_pick", lang)))
        body.add_widget(Factory.Heading(text=state.typed or "-", halign="center",
                                        font_size=80 * self.scale))
        body.add_widget(self._keypad(lang))
        if state.loaded and not state.shown:
            body.add_widget(self._label(tr("rate_none", lang)))
        numbers = Factory.ChoiceGrid(cols=3)
        for choice in state.shown:
            button = Factory.ChoiceButton(text=choice.number)
            button.bind(on_release=lambda _b, t=choice.ticket_id: self.rating.pick_ticket(t))
            numbers.add_widget(button)
        body.add_widget(numbers)

    def _keypad(self, lang: str) -> Any:
        keypad = Factory.ChoiceGrid(cols=6)
        for digit in "1234567890":
            button = Factory.KioskButton(text=digit)
            button.bind(on_release=lambda _b, d=digit: self.rating.key(d))
            keypad.add_widget(button)
        clear = Factory.QuietButton(text=tr("rate_clear", lang))
        clear.bind(on_release=lambda _b: self.rating.key("clear"))
        keypad.add_widget(clear)
        return keypad

    def _code(self, body: Any, state: RatingState, lang: str) -> None:
        """The code printed on the ticket: one box per digit, the keypad, **Lanjut**."""
        if state.ticket is not None:
            body.add_widget(self._label(tr("rate_for", lang, number=state.ticket.number),
                                        halign="center"))
        body.add_widget(Factory.Heading(text=tr("rate_code", lang, digits=CODE_DIGITS)))
        boxes = "  ".join(state.code.ljust(CODE_DIGITS, "_"))
        body.add_widget(Factory.Heading(text=boxes, halign="center",
                                        font_size=80 * self.scale))
        body.add_widget(self._keypad(lang))
        ready = len(state.code) == CODE_DIGITS and not state.sending
        go = Factory.MainButton(
            text=tr("please_wait" if state.sending else "rate_code_next", lang),
            disabled=not ready)
        go.bind(on_release=lambda _b: self.rating.confirm_code())
        body.add_widget(go)

    def _faces(self, body: Any, state: RatingState, lang: str) -> None:
        if state.ticket is not None:
            body.add_widget(self._label(tr("rate_for", lang, number=state.ticket.number),
                                        halign="center"))
        body.add_widget(Factory.Heading(text=tr("rate_faces", lang), halign="center"))
        faces = Factory.ChoiceGrid(cols=2)
        faces.row_default_height = self.touch * 2
        for n in (4, 3, 2, 1):
            button = Factory.KioskButton(text=f"{FACE_MARKS[n - 1]}\n{tr(f'face_{n}', lang)}",
                                         background_color=FACE_COLORS[n - 1])
            button.font_size = 44 * self.scale
            button.height = self.touch * 2
            button.bind(on_release=lambda _b, v=n: self.rating.choose_face(v))
            faces.add_widget(button)
        body.add_widget(faces)

    def _offer(self, body: Any, state: RatingState, lang: str) -> None:
        body.add_widget(Factory.Heading(text=tr("rate_offer", lang)))
        take = Factory.MainButton(text=tr("rate_survey", lang))
        take.bind(on_release=lambda _b: self.rating.take_survey())
        skip = Factory.QuietButton(text=tr("rate_skip", lang))
        skip.bind(on_release=lambda _b: self.rating.skip_survey())
        body.add_widget(take)
        body.add_widget(skip)

    def _question(self, body: Any, state: RatingState, lang: str) -> None:
        element = ELEMENTS[state.question]
        body.add_widget(self._label(element.name, bold=True))
        body.add_widget(Factory.Heading(text=element.question))
        for value in (4, 3, 2, 1):
            button = Factory.ChoiceButton(text=element.answers[value - 1])
            button.bind(on_release=lambda _b, v=value: self.rating.answer(v))
            body.add_widget(button)

    def _comment_box(self, body: Any, state: RatingState, lang: str) -> None:
        body.add_widget(Factory.Heading(text=tr("rate_comment", lang)))
        body.add_widget(self._label(state.comment + "|", bold=True,
                                    font_size=40 * self.scale))
        send = Factory.MainButton(text=tr("please_wait" if state.sending else "rate_send", lang),
                                  disabled=state.sending)
        send.bind(on_release=lambda _b: self.rating.send())
        body.add_widget(send)

    def _thanks(self, body: Any, state: RatingState, lang: str) -> None:
        key = "complaint_thanks" if state.complaint.sent else "rate_thanks"
        body.add_widget(Factory.Heading(text=tr(key, lang), halign="center",
                                        font_size=64 * self.scale))

    def key(self, key: str) -> None:
        """The on-screen keyboard, typing the comment."""
        text = self._comment
        if key == BACKSPACE:
            text = text[:-1]
        elif key == SPACE:
            text += " "
        elif len(key) == 1:
            text += key.lower() if text and not text.endswith(". ") else key
        self.rating.comment(text)

"""A complaint at the kiosk (step 7 of the service standard): the presenter part. No Kivy.

Three pages: what happened (required); an email and a phone number to be answered on
(optional); the visitor's number today (optional: typed digits narrow today's numbers, a tap
links it). The office's official complaint channels are shown beside the form. Each page is
checked before the next opens, and the whole form again before sending, so nothing goes to
the server that it would refuse; what it still refuses shows beside the field. The form lives
in ``KioskView.rating``, so the idle timeout wipes it with everything else.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from shared.api.client import ApiError
from shared.api.feedback_models import ComplaintOut, RateableOut
from shared.core.errors import FieldError

from ..complaint_form import PAGES, ComplaintForm
from .rating import RATING, THANKS, RatingState, refusal

log = logging.getLogger("pst_antrian.kiosk.complaint")

COMPLAINT = "complaint"  # the flow step (its screen)


class ComplaintActions:
    """The complaint half of :class:`kiosk.flow.KioskFlow` (mixed in; uses its view, tasks,
    backend and ``touched``)."""

    view: Any
    _tasks: Any
    _backend: Any
    _session: int

    def touched(self) -> None: ...
    def _show(self, **changes: Any) -> None: ...
    def _rating(self, **changes: Any) -> None: ...
    def start_rating(self) -> None: ...

    def _form(self, form: ComplaintForm, **changes: Any) -> None:
        self._rating(complaint=form, **changes)

    def start_complaint(self) -> None:
        """**Pengaduan**: an empty form; today's numbers are read for the last page."""
        self.touched()
        self._show(step=COMPLAINT, rating=RatingState(), problem=None)
        session = self._session

        def done(result: list[RateableOut] | Exception) -> None:
            if session != self._session or self.view.step != COMPLAINT:
                return
            form = self.view.rating.complaint
            if isinstance(result, Exception):  # the link is optional: the form still works
                log.warning("today's numbers not read: %s", result)
                self._form(replace(form, loaded=True))
                return
            self._form(replace(form, choices=tuple(result), loaded=True))

        self._tasks.submit(self._backend.todays_tickets, done)

    def complaint_focus(self, name: str) -> None:
        self.touched()
        form = self.view.rating.complaint
        if name in PAGES[form.page]:
            self._form(replace(form, focus=name))

    def complaint_edit(self, name: str, text: str) -> None:
        self.touched()
        self._form(self.view.rating.complaint.with_value(name, text), problem=None)

    def complaint_ticket(self, ticket_id: int) -> None:
        self.touched()
        self._form(self.view.rating.complaint.with_ticket(ticket_id))

    def complaint_next(self) -> None:
        """Next page when this one is fine; on the last, send."""
        self.touched()
        state = self.view.rating
        form = state.complaint.check_page(state.complaint.page)
        if form.page in form.pages_with_errors():
            self._form(replace(form, focus=next(n for n in PAGES[form.page]
                                                 if n in form.errors)))
            return
        if form.last_page:
            self._form(form)
            self.send_complaint()
            return
        page = form.page + 1
        self._form(replace(form, page=page, focus=PAGES[page][0]))

    def complaint_back(self) -> None:
        """The page before; from the first, back to choosing a number to rate."""
        self.touched()
        state = self.view.rating
        if state.sending:
            return
        if state.complaint.page > 0:
            page = state.complaint.page - 1
            self._form(replace(state.complaint, page=page, focus=PAGES[page][0]),
                       problem=None)
        else:
            self.start_rating()

    def send_complaint(self) -> None:
        self.touched()
        state = self.view.rating
        if state.sending or self.view.step != COMPLAINT:
            return
        form = state.complaint.checked()
        if form.errors:
            self._form(form)
            return
        session = self._session
        text, email, phone, ticket_id = form.sending()
        self._form(form, sending=True, problem=None)

        def done(result: ComplaintOut | Exception) -> None:
            if session != self._session:
                return
            if isinstance(result, ApiError) and result.status == 422:
                errors = [FieldError(str(e.get("field", "")), str(e.get("code", "")),
                                     str(e.get("message_id", "")), str(e.get("message_en", "")))
                          for e in result.field_errors]
                refused = self.view.rating.complaint.with_server_errors(errors)
                if refused.pages_with_errors():
                    self._form(refused, sending=False)
                    return
            if isinstance(result, Exception):
                self._rating(sending=False, problem=refusal(result))
                return
            log.info("complaint %s filed", result.id)
            self._show(step=RATING, rating=RatingState(
                stage=THANKS, complaint=replace(self.view.rating.complaint, sent=True)))

        self._tasks.submit(
            lambda: self._backend.file_complaint(text, email, phone, ticket_id), done)

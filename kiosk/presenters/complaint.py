"""A complaint at the kiosk (step 7 of the service standard): the presenter part. No Kivy.

Three pages: what happened (required); an email and a phone number to be answered on
(optional); the visitor's number today (optional: typed digits narrow today's numbers, a tap
links it). The office's official complaint channels are shown beside the form. Each page is
checked before the next opens, and the whole form again before sending, so nothing goes to
the server that it would refuse; what it still refuses shows beside the field. The form lives
in ``KioskView.rating`` (its thank-you and its way back are the rating's), so the idle timeout
wipes it with everything else.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol, TypeVar

from shared.api.client import ApiError
from shared.api.feedback_models import ComplaintOut, RateableOut
from shared.core.errors import FieldError

from ..complaint_form import PAGES, ComplaintForm
from .errors import refusal
from .rating_state import RatingState, Stage
from .view import KioskView, Step

log = logging.getLogger("pst_antrian.kiosk.complaint")

T = TypeVar("T")


class ComplaintHost(Protocol):
    """What the complaint needs of the kernel."""

    @property
    def view(self) -> KioskView: ...
    def show(self, view: KioskView) -> None: ...
    def touched(self) -> None: ...
    def submit_for_visitor(self, job: Callable[[], T],
                           done: Callable[[T | Exception], None]) -> None: ...


class ComplaintBackend(Protocol):
    def todays_tickets(self) -> list[RateableOut]: ...
    def file_complaint(self, text: str, email: str | None, phone: str | None,
                       ticket_id: int | None) -> ComplaintOut: ...


class ComplaintPresenter:
    def __init__(self, host: ComplaintHost, backend: ComplaintBackend,
                 back_to_rating: Callable[[], None]) -> None:
        self._host = host
        self._backend = backend
        self._back_to_rating = back_to_rating  # from the first page: choosing a number

    @property
    def form(self) -> ComplaintForm:
        return self._host.view.rating.complaint

    def _state(self, state: RatingState) -> None:
        self._host.show(replace(self._host.view, rating=state))

    def _form(self, form: ComplaintForm) -> None:
        self._state(replace(self._host.view.rating, complaint=form))

    def start(self) -> None:
        """**Pengaduan**: an empty form; today's numbers are read for the last page."""
        self._host.touched()
        self._host.show(replace(self._host.view, step=Step.COMPLAINT, rating=RatingState(),
                                problem=None))

        def done(result: list[RateableOut] | Exception) -> None:
            if self._host.view.step != Step.COMPLAINT:
                return
            form = self.form
            if isinstance(result, Exception):  # the link is optional: the form still works
                log.warning("today's numbers not read: %s", result)
                self._form(replace(form, loaded=True))
                return
            self._form(replace(form, choices=tuple(result), loaded=True))

        self._host.submit_for_visitor(self._backend.todays_tickets, done)

    def focus(self, name: str) -> None:
        self._host.touched()
        form = self.form
        if name in PAGES[form.page]:
            self._form(replace(form, focus=name))

    def next_field(self, after: str) -> None:
        """Tab on a physical keyboard: the page's next field, round to its first."""
        names = PAGES[self.form.page]
        self.focus(names[(names.index(after) + 1) % len(names)])

    def edit(self, name: str, text: str) -> None:
        self._host.touched()
        state = self._host.view.rating
        self._state(replace(state, complaint=state.complaint.with_value(name, text),
                            problem=None))

    def pick_ticket(self, ticket_id: int) -> None:
        self._host.touched()
        self._form(self.form.with_ticket(ticket_id))

    def next(self) -> None:
        """Next page when this one is fine; on the last, send."""
        self._host.touched()
        form = self.form.check_page(self.form.page)
        if form.page in form.pages_with_errors():
            self._form(replace(form, focus=next(n for n in PAGES[form.page]
                                                 if n in form.errors)))
            return
        if form.last_page:
            self._form(form)
            self.send()
            return
        page = form.page + 1
        self._form(replace(form, page=page, focus=PAGES[page][0]))

    def back(self) -> None:
        """The page before; from the first, back to choosing a number to rate."""
        self._host.touched()
        state = self._host.view.rating
        if state.sending:
            return
        if state.complaint.page > 0:
            page = state.complaint.page - 1
            self._state(replace(state, complaint=replace(state.complaint, page=page,
                                                         focus=PAGES[page][0]),
                                problem=None))
        else:
            self._back_to_rating()

    def send(self) -> None:
        self._host.touched()
        state = self._host.view.rating
        if state.sending or self._host.view.step != Step.COMPLAINT:
            return
        form = state.complaint.checked()
        if form.errors:
            self._form(form)
            return
        text, email, phone, ticket_id = form.sending()
        self._state(replace(state, complaint=form, sending=True, problem=None))

        def done(result: ComplaintOut | Exception) -> None:
            state = self._host.view.rating
            if isinstance(result, ApiError) and result.status == 422:
                errors = [FieldError(str(e.get("field", "")), str(e.get("code", "")),
                                     str(e.get("message_id", "")), str(e.get("message_en", "")))
                          for e in result.field_errors]
                refused = state.complaint.with_server_errors(errors)
                if refused.pages_with_errors():
                    self._state(replace(state, complaint=refused, sending=False))
                    return
            if isinstance(result, Exception):
                self._state(replace(state, sending=False, problem=refusal(result)))
                return
            log.info("complaint %s filed", result.id)
            self._host.show(replace(self._host.view, step=Step.RATING, rating=RatingState(
                stage=Stage.THANKS, complaint=replace(state.complaint, sent=True))))

        self._host.submit_for_visitor(
            lambda: self._backend.file_complaint(text, email, phone, ticket_id), done)

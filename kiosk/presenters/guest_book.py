"""The guest book's part: choosing the service, the personal-data notice and its consent, the
form a page at a time with its errors, and the returning visitor's offer. No Kivy.

The form lives in ``KioskView.form`` (``kiosk.guest_form``), so the idle wipe forgets it with
everything else; the ticket's part (``ticket.py``) sends it and brings the server's refusals
back here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import Protocol, TypeVar

from shared.core.errors import FieldError

from ..guest_form import PAGES, REUSED_PAGES, GuestForm, ReturningVisitor, keyboard_for
from .errors import short
from .view import KioskView, Step

log = logging.getLogger("pst_antrian.kiosk")

T = TypeVar("T")

# Tab (or Enter in a field that is not the page's last) moves through these.
TYPED_FIELDS = ("id_number", "name", "email", "phone", "institution")


class GuestBookHost(Protocol):
    """What the guest book needs of the kernel."""

    @property
    def view(self) -> KioskView: ...
    def show(self, view: KioskView) -> None: ...
    def touched(self) -> None: ...
    def back(self) -> None: ...
    def submit_for_visitor(self, job: Callable[[], T],
                           done: Callable[[T | Exception], None]) -> None: ...


class GuestBookBackend(Protocol):
    def lookup(self, id_type: str, id_number: str) -> ReturningVisitor | None: ...


class GuestBookPresenter:
    def __init__(self, host: GuestBookHost, backend: GuestBookBackend,
                 today: Callable[[], date]) -> None:
        self._host = host
        self._backend = backend
        self._today = today

    # --- welcome, requirements and personal-data notice -----------------------------------

    def choose_service(self, code: str) -> None:
        host = self._host
        host.touched()
        view = host.view
        service = next((s for s in view.services if s.code == code), None)
        if service is None or not service.open or view.busy:
            return
        host.show(replace(view, step=Step.NOTICE, service=service, problem=None))

    def toggle_consent(self) -> None:
        self._host.touched()
        view = self._host.view
        self._host.show(replace(view, consent=not view.consent, consent_error=False))

    def agree(self) -> None:
        """"Lanjut" on the notice: only with the visitor's consent."""
        self._host.touched()
        view = self._host.view
        if not view.consent:
            self._host.show(replace(view, consent_error=True))
            return
        self._host.show(replace(view, step=Step.GUEST, consent_error=False))
        self.open_page(0)

    def back(self) -> None:
        """"Kembali": the offer closes, or the page before, or from the first page the
        notice; elsewhere the step before."""
        host = self._host
        view = host.view
        if view.step != Step.GUEST:
            host.back()
            return
        host.touched()
        if view.busy:
            return
        if view.offer is not None:
            host.show(replace(view, offer=None))
        elif view.page > 0:
            page = view.page - 1
            if view.form.reused is not None and page in REUSED_PAGES:
                page = 0
                host.show(replace(view, form=replace(view.form, reused=None)))
            self.open_page(page)
        else:
            host.show(replace(view, step=Step.NOTICE))

    # --- the pages ------------------------------------------------------------------------

    def open_page(self, page: int) -> None:
        view = self._host.view
        focus = view.form.first_empty(page)
        self._host.show(replace(view, page=page, focus=focus,
                                keyboard=keyboard_for(focus or "", view.form.id_type)))

    def focus(self, name: str) -> None:
        self._host.touched()
        view = self._host.view
        if name in PAGES[view.page]:
            self._host.show(replace(view, focus=name,
                                    keyboard=keyboard_for(name, view.form.id_type)))

    def edit(self, name: str, text: str) -> None:
        """The visitor typed (on screen or on a keyboard) into ``name``."""
        self._host.touched()
        view = self._host.view
        if view.form.value(name) != text:
            self._host.show(replace(view, form=view.form.with_value(name, text)))

    def select(self, name: str, value: str) -> None:
        """A big choice button: identity type, occupation, purpose."""
        self._host.touched()
        view = self._host.view
        form = view.form.with_value(name, value)
        if name == "id_type":
            self._host.show(replace(view, form=form, focus="id_number",
                                    keyboard=keyboard_for("id_number", value)))
        else:
            self._host.show(replace(view, form=form))

    def toggle_priority(self) -> None:
        self._host.touched()
        view = self._host.view
        self._host.show(replace(view, form=replace(view.form, priority=not view.form.priority)))

    def next(self) -> None:
        """"Lanjut" (or Enter) on a guest-book page."""
        host = self._host
        host.touched()
        view = host.view
        if view.busy or view.step != Step.GUEST:
            return
        if view.offer is not None:
            return
        form = view.form.check_page(view.page, self._today())
        if form.errors:
            wrong = next(n for n in PAGES[view.page] if n in form.errors)
            host.show(replace(view, form=form, focus=wrong,
                              keyboard=keyboard_for(wrong, form.id_type)))
            return
        host.show(replace(view, form=form))
        if view.page == 0 and form.reused is None:
            self._look_up(form)
        elif view.page + 1 < len(PAGES):
            self.open_page(view.page + 1)
        else:
            host.show(replace(host.view, step=Step.CONFIRM, focus=None, keyboard="none",
                              problem=None))

    def next_field(self) -> None:
        """Tab on a physical keyboard, or Enter in a field that is not the page's last."""
        view = self._host.view
        names = [n for n in PAGES[view.page] if n in TYPED_FIELDS]
        if view.focus in names and names.index(view.focus) + 1 < len(names):
            self.focus(names[names.index(view.focus) + 1])
        else:
            self.next()

    # --- the returning visitor ------------------------------------------------------------

    def _look_up(self, form: GuestForm) -> None:
        host = self._host
        host.show(replace(host.view, busy=True, problem=None))

        def done(result: ReturningVisitor | None | Exception) -> None:
            if isinstance(result, Exception):
                # No lookup is no reason to stop the visitor: they fill in the form.
                log.warning("returning-visitor lookup failed: %s", short(result))
                result = None
            host.show(replace(host.view, busy=False))
            if result is not None and result.reference is not None:
                host.show(replace(host.view, offer=result))
            else:
                self.open_page(1)

        host.submit_for_visitor(lambda: self._backend.lookup(form.id_type, form.id_number),
                                done)

    def accept_offer(self) -> None:
        self._host.touched()
        view = self._host.view
        offer = view.offer
        if offer is None:
            return
        form = replace(
            view.form,
            reused=offer,
            occupation=view.form.occupation or offer.occupation,
            purpose=view.form.purpose or offer.purpose,
        )
        self._host.show(replace(view, offer=None, form=form))
        self.open_page(len(PAGES) - 1)

    def decline_offer(self) -> None:
        self._host.touched()
        self._host.show(replace(self._host.view, offer=None))
        self.open_page(1)

    # --- back from the confirm screen and the server ---------------------------------------

    def reopen(self, page: int | None = None) -> None:
        """From the confirm screen: "Ubah" opens ``page``; "Kembali" (no page) shows the
        page as it was."""
        self._host.show(replace(self._host.view, step=Step.GUEST, problem=None))
        if page is not None:
            self.open_page(page)

    def refused(self, errors: Sequence[FieldError]) -> bool:
        """The server refused fields of the form: back to the first page showing one (False
        when none of them is the form's)."""
        view = self._host.view
        form = view.form.with_server_errors(list(errors))
        pages = form.pages_with_errors()
        if not pages:
            return False
        self._host.show(replace(view, form=form, busy=False, step=Step.GUEST))
        self.open_page(pages[0])
        return True

"""A returning visitor at the kiosk: found by their identity number, their earlier guest-book
entry lent to the kiosk under a reference, and the reference turned back into a full entry
when they take a ticket. Over both stores (see conftest.py), Monday 09:00 WITA.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from shared.core.errors import FieldError, InvalidInput, NotFound, Throttled
from shared.core.queue.model import GuestEntry
from shared.core.queue.office import LOOKUP_BURST, QueueOffice
from tests.support.fakes import FakeClock, make_visitor, nik
from tests.support.stores import InspectableStore

FIRST_VISIT = make_visitor(
    1, name="Rahmat Hulopi", email="rahmat.hulopi@yahoo.com", phone="0813 1122 3344",
    institution="Dinas Pendidikan Boalemo", occupation="PNS/TNI/Polri",
    purpose="Data IPM Kabupaten Boalemo",
)
EXPIRED = FieldError(
    "visitor_reference", "reference_expired",
    "Data kunjungan sebelumnya sudah kedaluwarsa. Silakan masukkan nomor identitas lagi.",
    "The earlier visit's details have expired. Please enter the ID number again.",
)


def _personal(guest: GuestEntry) -> tuple[object, ...]:
    return (guest.id_type, guest.id_masked, guest.id_hash, guest.name, guest.email,
            guest.phone, guest.institution, guest.occupation, guest.purpose)


def test_the_reference_fills_every_field_the_visitor_leaves_out(
    queue_office: QueueOffice, store: InspectableStore, clock: FakeClock
) -> None:
    queue_office.issue_ticket("KONSULTASI", FIRST_VISIT, consent=True, principal="kiosk-1")
    clock.advance(days=7)

    found = queue_office.returning_visitor("KTP", nik(1), "kiosk-1")
    view = queue_office.issue_ticket("KONSULTASI", {}, consent=True, principal="kiosk-1",
                                     visitor_reference=found.reference)

    assert found.guest.id == 1 and found.guest.name == "Rahmat Hulopi"
    assert found.expires_at == clock() + timedelta(minutes=10)
    first, second = store.guests
    assert view.ticket.guest_entry_id == second.id != first.id
    assert _personal(second) == _personal(first)
    assert second.phone == "081311223344"
    assert second.consent_at == clock()


def test_what_the_visitor_retypes_replaces_the_earlier_entry(
    queue_office: QueueOffice, store: InspectableStore
) -> None:
    queue_office.issue_ticket("KONSULTASI", FIRST_VISIT, consent=True, principal="kiosk-1")
    found = queue_office.returning_visitor("KTP", nik(1), "kiosk-1")

    queue_office.issue_ticket(
        "KONSULTASI", {"purpose": "Data inflasi Gorontalo", "phone": "0852 9988 7766"},
        consent=True, principal="kiosk-1", visitor_reference=found.reference,
    )

    second = store.guests[1]
    assert (second.name, second.email, second.institution, second.occupation) == (
        "Rahmat Hulopi", "rahmat.hulopi@yahoo.com", "Dinas Pendidikan Boalemo", "PNS/TNI/Polri")
    assert (second.purpose, second.phone) == ("Data inflasi Gorontalo", "085299887766")


@pytest.mark.parametrize("case", ["ten minutes later", "another kiosk", "made up",
                                  "erased meanwhile"])
def test_a_reference_that_no_longer_stands_for_an_entry_is_refused_in_words(
    queue_office: QueueOffice, store: InspectableStore, clock: FakeClock, case: str
) -> None:
    queue_office.issue_ticket("KONSULTASI", FIRST_VISIT, consent=True, principal="kiosk-1")
    reference = queue_office.returning_visitor("KTP", nik(1), "kiosk-1").reference
    principal = "kiosk-1"
    if case == "ten minutes later":
        clock.advance(minutes=10)
    elif case == "another kiosk":
        principal = "kiosk-2"
    elif case == "made up":
        reference = "bukan-referensi"
    else:  # the retention purge ran between the lookup and the ticket
        with store.transaction() as tx:
            tx.erase_guests_before(clock() + timedelta(seconds=1), clock())

    with pytest.raises(InvalidInput) as caught:
        queue_office.issue_ticket("KONSULTASI", {}, consent=True, principal=principal,
                                  visitor_reference=reference)

    assert caught.value.errors == [EXPIRED]
    assert len(store.tickets) == 1 and len(store.guests) == 1


def test_an_unknown_visitor_is_asked_to_fill_in_the_guest_book(queue_office: QueueOffice) -> None:
    queue_office.issue_ticket("KONSULTASI", FIRST_VISIT, consent=True)

    with pytest.raises(NotFound) as caught:
        queue_office.returning_visitor("KTP", nik(2), "kiosk-1")

    assert (caught.value.code, caught.value.field) == ("visitor_not_found", "id_number")
    assert caught.value.message_id == "Data pengunjung belum ada. Silakan isi buku tamu."
    assert caught.value.message_en == "No earlier visit found. Please fill in the guest book."


def test_a_kiosk_walking_through_identity_numbers_is_slowed_down(
    queue_office: QueueOffice, clock: FakeClock
) -> None:
    """A stolen kiosk token must not export the guest book: ten lookups at once, then one
    every six seconds, per kiosk."""
    queue_office.issue_ticket("KONSULTASI", FIRST_VISIT, consent=True)
    for serial in range(2, 2 + LOOKUP_BURST):
        with pytest.raises(NotFound):
            queue_office.returning_visitor("KTP", nik(serial), "kiosk-1")

    with pytest.raises(Throttled) as caught:
        queue_office.returning_visitor("KTP", nik(1), "kiosk-1")

    assert (caught.value.code, caught.value.field, caught.value.retry_after) == (
        "too_many_lookups", "id_number", 6)
    assert caught.value.message_id == (
        "Terlalu banyak pencarian data pengunjung. Coba lagi dalam 6 detik.")
    assert caught.value.message_en == "Too many visitor lookups. Try again in 6 seconds."
    assert queue_office.returning_visitor("KTP", nik(1), "kiosk-2").guest.id == 1  # another kiosk
    clock.advance(seconds=6)
    assert queue_office.returning_visitor("KTP", nik(1), "kiosk-1").guest.id == 1


USED = FieldError(
    "visitor_reference", "reference_used",
    "Data kunjungan sebelumnya sudah dipakai untuk satu nomor antrian. Silakan masukkan nomor"
    " identitas lagi.",
    "The earlier visit's details were already used for a queue number. Please enter the ID"
    " number again.",
)


def test_a_reference_takes_one_ticket_only(
    queue_office: QueueOffice, store: InspectableStore, clock: FakeClock
) -> None:
    queue_office.issue_ticket("KONSULTASI", FIRST_VISIT, consent=True, principal="kiosk-1")
    reference = queue_office.returning_visitor("KTP", nik(1), "kiosk-1").reference
    queue_office.issue_ticket("KONSULTASI", {}, consent=True, principal="kiosk-1",
                              visitor_reference=reference)
    clock.advance(minutes=1)  # well within its ten minutes

    for key in (None, "another-request"):
        with pytest.raises(InvalidInput) as caught:
            queue_office.issue_ticket("KONSULTASI", {}, consent=True, principal="kiosk-1",
                                      visitor_reference=reference, idempotency_key=key)
        assert caught.value.errors == [USED]
    assert len(store.tickets) == 2 and len(store.guests) == 2
    again = queue_office.returning_visitor("KTP", nik(1), "kiosk-1").reference  # a new lookup
    queue_office.issue_ticket("KONSULTASI", {}, consent=True, principal="kiosk-1",
                              visitor_reference=again)
    assert len(store.tickets) == 3


def test_a_retry_of_the_request_that_used_the_reference_gets_its_ticket_again(
    queue_office: QueueOffice, store: InspectableStore
) -> None:
    queue_office.issue_ticket("KONSULTASI", FIRST_VISIT, consent=True, principal="kiosk-1")
    reference = queue_office.returning_visitor("KTP", nik(1), "kiosk-1").reference

    first = queue_office.issue_ticket("KONSULTASI", {}, consent=True, principal="kiosk-1",
                                      visitor_reference=reference, idempotency_key="tap-1")
    retried = queue_office.issue_ticket("KONSULTASI", {}, consent=True, principal="kiosk-1",
                                        visitor_reference=reference, idempotency_key="tap-1")

    assert retried.ticket.id == first.ticket.id
    assert len(store.tickets) == 2


def test_a_reference_whose_ticket_was_refused_can_be_used_again(
    queue_office: QueueOffice, store: InspectableStore
) -> None:
    queue_office.issue_ticket("KONSULTASI", FIRST_VISIT, consent=True, principal="kiosk-1")
    reference = queue_office.returning_visitor("KTP", nik(1), "kiosk-1").reference

    with pytest.raises(InvalidInput) as caught:  # the visitor retyped a wrong e-mail address
        queue_office.issue_ticket("KONSULTASI", {"email": "bukan-email"}, consent=True,
                                  principal="kiosk-1", visitor_reference=reference)
    assert [e.field for e in caught.value.errors] == ["visitor.email"]
    view = queue_office.issue_ticket("KONSULTASI", {}, consent=True, principal="kiosk-1",
                                     visitor_reference=reference)

    assert view.ticket.guest_entry_id == store.guests[1].id
    assert len(store.tickets) == 2

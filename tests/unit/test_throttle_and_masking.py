from __future__ import annotations

from shared.core.access.throttle import Throttle
from shared.core.visitors.masking import mask_email, mask_name, mask_phone


def test_throttle_allows_a_burst_then_one_per_interval() -> None:
    limit = Throttle(burst=3, every=10.0)
    for _ in range(3):
        assert limit.retry_after("kiosk-1", 0.0) == 0
        limit.spend("kiosk-1", 0.0)
    assert limit.retry_after("kiosk-1", 0.0) == 10
    assert limit.retry_after("kiosk-2", 0.0) == 0  # per key
    assert limit.retry_after("kiosk-1", 4.0) == 6
    assert limit.retry_after("kiosk-1", 10.0) == 0


def test_a_flood_past_the_limit_keeps_itself_out_longer() -> None:
    limit = Throttle(burst=2, every=10.0)
    for _ in range(5):
        limit.spend("attacker", 0.0)
    assert limit.retry_after("attacker", 10.0) > 0
    assert limit.retry_after("attacker", 60.0) == 0


def test_throttle_forgets_refilled_keys_when_full() -> None:
    limit = Throttle(burst=1, every=1.0, max_keys=10)
    for n in range(10):
        limit.spend(f"k{n}", 0.0)
    limit.spend("late", 100.0)
    assert limit.retry_after("late", 100.0) > 0
    assert limit.retry_after("k0", 100.0) == 0


def test_masks_keep_only_what_the_visitor_needs_to_recognise_their_own() -> None:
    assert mask_name("Siti Aisyah Pakaya") == "S*** A***** P*****"
    assert mask_email("siti.pakaya@example.com") == "s**********@e******.com"
    assert mask_email("a@localhost") == "a@l********"
    assert mask_phone("081234567890") == "0812******90"
    assert mask_phone("+62812345678") == "+628******78"
    assert mask_phone(None) is None

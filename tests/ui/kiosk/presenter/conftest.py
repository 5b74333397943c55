"""What the kiosk presenter tests share: background work held until run, a settable clock."""

from __future__ import annotations

import pytest

from tests.support.kiosk_fakes import Clock, HeldTasks


@pytest.fixture
def tasks() -> HeldTasks:
    return HeldTasks()


@pytest.fixture
def kiosk_clock() -> Clock:
    return Clock()

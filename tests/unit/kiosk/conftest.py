"""What the kiosk presenter tests share: background work held until run, a settable clock."""

from __future__ import annotations

import pytest

from tests.unit.kiosk.test_flow import Clock, HeldTasks


@pytest.fixture
def tasks() -> HeldTasks:
    return HeldTasks()


@pytest.fixture
def clock() -> Clock:
    return Clock()

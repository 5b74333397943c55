"""Names the core's tests share (fixtures live in ``tests/unit/conftest.py``)."""

from __future__ import annotations

from collections.abc import Callable

from shared.core.queue.office import QueueOffice
from shared.core.queue.read_model import QueueBoard
from shared.core.settings import Settings

OfficeFactory = Callable[[Settings], QueueOffice]
"""Makes a ``QueueOffice`` with the given settings over the test's store, clock and keyring."""

BoardOf = Callable[[QueueOffice], QueueBoard]
"""The read model (display, officers' lists) over the same store as the given office."""

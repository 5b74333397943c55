"""Settings for the whole suite. No fixtures here: each suite's live beside it (a conftest of
its folder), so ``pytest tests/unit`` loads no server, HTTP client or Kivy."""

from __future__ import annotations

from hypothesis import settings

# No time limit per example: on a loaded machine a slow example is not a failure (timings are
# measured in bench/, not asserted in tests).
settings.register_profile("no-deadline", deadline=None)
settings.load_profile("no-deadline")

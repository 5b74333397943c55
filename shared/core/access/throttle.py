"""Rate limits: a token bucket per key (a device, a username, a client address).

Pure Python, no clock of its own: callers pass the time in seconds, so the core's injected
clock (or ``time.monotonic``) drives it and tests need no sleeping.
"""

from __future__ import annotations

import math


class Throttle:
    """At most ``burst`` actions at once per key, then one more every ``every`` seconds."""

    def __init__(self, burst: int, every: float, max_keys: int = 10_000):
        self.burst = burst
        self.every = every
        self._max_keys = max_keys
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, at)

    def _tokens(self, key: str, now: float) -> float:
        tokens, at = self._buckets.get(key, (float(self.burst), now))
        return min(float(self.burst), tokens + max(0.0, now - at) / self.every)

    def retry_after(self, key: str, now: float) -> int:
        """0 if ``key`` may act now, else the whole seconds until it may."""
        missing = 1.0 - self._tokens(key, now)
        return 0 if missing <= 0 else max(1, math.ceil(missing * self.every))

    def spend(self, key: str, now: float) -> None:
        """Count one action of ``key`` (even past the limit: a flood keeps itself out)."""
        if key not in self._buckets and len(self._buckets) >= self._max_keys:
            self._forget_full(now)
        self._buckets[key] = (max(-float(self.burst), self._tokens(key, now) - 1.0), now)

    def _forget_full(self, now: float) -> None:
        """Drop keys whose bucket has refilled (they would act freely anyway)."""
        for key in [k for k in self._buckets if self._tokens(k, now) >= self.burst]:
            del self._buckets[key]
        if len(self._buckets) >= self._max_keys:  # all still throttled: forget the oldest
            for key in list(self._buckets)[: self._max_keys // 10]:
                del self._buckets[key]

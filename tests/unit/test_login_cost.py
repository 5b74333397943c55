"""Finding 6: a login costs the same whether the username exists or not (one PBKDF2 run at
full strength), so its timing tells nothing. Counted, not timed."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from shared.core.access.auth import ITERATIONS, AuthError, Gatekeeper
from shared.storage.sqlite.store import SqliteStore

NOW = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)


def _hash_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    runs: list[int] = []
    real: Callable[..., bytes] = hashlib.pbkdf2_hmac

    def counting(name: str, password: bytes, salt: bytes, iterations: int) -> bytes:
        runs.append(iterations)
        return real(name, password, salt, 1)  # the count matters here, not the strength

    monkeypatch.setattr(hashlib, "pbkdf2_hmac", counting)
    return runs


def test_unknown_and_known_usernames_cost_one_full_hash_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = Gatekeeper(SqliteStore(tmp_path))
    gate.add_user("petugas1", "officer", "rahasia-petugas", NOW)
    runs = _hash_runs(monkeypatch)
    for username in ("tidak-ada", "petugas1", "tidak-ada-juga", "petugas1"):
        runs.clear()
        with pytest.raises(AuthError):
            gate.login(username, "tebakan-salah", NOW, "192.0.2.1")
        assert runs == [ITERATIONS], username

"""The office's PIN: only its hash in kiosk.toml, 6 digits or more, and a wait on the pad after
three wrong ones (the presenter with a set clock; the window test is tests/ui/kiosk)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kiosk.pin import PinError, hash_pin, verify_pin
from kiosk.presenters import KioskFlow, Timing
from kiosk.settings import KioskSettingsError, load_kiosk_settings
from shared.cli.main import main
from tests.support.kiosk_fakes import PIN, PIN_HASH, TODAY, Clock, FakeBackend, HeldTasks

EXAMPLE = Path(__file__).resolve().parents[4] / "kiosk.example.toml"


@pytest.fixture
def flow(tasks: HeldTasks, kiosk_clock: Clock) -> KioskFlow:
    kiosk = KioskFlow(FakeBackend(), tasks, kiosk_clock, lambda: TODAY, Timing(idle_seconds=60),
                      admin_pin_hash=PIN_HASH)
    kiosk.start()
    tasks.run()
    return kiosk


def wrong_pin(flow: KioskFlow, tasks: HeldTasks) -> None:
    flow.admin.enter_pin("111111")
    tasks.run()


def test_three_wrong_pins_lock_the_pad_for_a_wait_that_grows(
    flow: KioskFlow, tasks: HeldTasks, kiosk_clock: Clock
) -> None:
    left: list[bool] = []
    flow.admin.on_exit(lambda: left.append(True))
    flow.admin.ask()
    wrong_pin(flow, tasks)
    wrong_pin(flow, tasks)
    assert flow.view.admin_error and flow.view.admin_wait is None  # two slips are free
    wrong_pin(flow, tasks)
    assert flow.view.admin_wait == 30

    # Locked: even the right PIN is not checked, the wait shows.
    kiosk_clock.now += 10
    flow.admin.enter_pin(PIN)
    assert not tasks.pending and not left
    assert flow.view.admin_wait == 20
    kiosk_clock.now += 5
    flow.tick()
    assert flow.view.admin_wait == 15  # the visitor sees it count down

    # The idle wipe closes the pad but keeps the count: reopened, it is still locked.
    kiosk_clock.now += 14
    flow.tick()
    kiosk_clock.now += 60
    flow.wipe()
    flow.admin.ask()
    assert flow.view.admin and flow.view.admin_wait is None  # 30 s are over
    wrong_pin(flow, tasks)
    assert flow.view.admin_wait == 60  # the fourth in a row: twice as long
    kiosk_clock.now += 60
    flow.tick()
    assert flow.view.admin_wait is None

    flow.admin.enter_pin(PIN)
    tasks.run()
    assert left == [True]


def test_the_right_pin_resets_the_count(
    flow: KioskFlow, tasks: HeldTasks, kiosk_clock: Clock
) -> None:
    flow.admin.ask()
    wrong_pin(flow, tasks)
    wrong_pin(flow, tasks)
    flow.admin.enter_pin(PIN)
    tasks.run()
    flow.admin.ask()
    wrong_pin(flow, tasks)
    assert flow.view.admin_error and flow.view.admin_wait is None


def test_a_kiosk_without_a_pin_hash_never_opens() -> None:
    tasks, left = HeldTasks(), []
    kiosk = KioskFlow(FakeBackend(), tasks, Clock(), lambda: TODAY)
    kiosk.admin.on_exit(lambda: left.append(True))
    kiosk.admin.ask()
    kiosk.admin.enter_pin("")
    tasks.run()
    assert kiosk.view.admin_error and not left


def test_the_hash_verifies_only_its_pin() -> None:
    stored = hash_pin("24681357")
    assert stored.startswith("pbkdf2_sha256$600000$") and "24681357" not in stored
    assert verify_pin("24681357", stored)
    assert not verify_pin("24681358", stored)
    assert not verify_pin("24681357", "")
    assert hash_pin("24681357") != stored  # salted


@pytest.mark.parametrize("pin", ["2468", "24681", "12345a", "1234567890123", ""])
def test_a_pin_of_fewer_than_six_digits_is_refused(pin: str) -> None:
    with pytest.raises(PinError, match="6 to 12 digits"):
        hash_pin(pin)


def test_the_settings_refuse_a_pin_in_clear_and_say_how_to_hash_it(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('admin_pin = "2468"\n', encoding="utf-8")
    with pytest.raises(KioskSettingsError) as error:
        load_kiosk_settings(config, {})
    message = str(error.value)
    assert "admin_pin keeps the PIN in clear" in message
    assert "pst-antrian kiosk pin --config kiosk.toml" in message
    assert "2468" not in message

    config.write_text('admin_pin_hash = "2468"\n', encoding="utf-8")
    with pytest.raises(KioskSettingsError, match="admin_pin_hash: .*is not a PIN hash"):
        load_kiosk_settings(config, {})


def test_the_pin_command_writes_the_hash_into_kiosk_toml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An office's old file (a 4-digit PIN in clear) after the command: the hash in place of
    the PIN's line, every other line as it was, and the kiosk starts with it."""
    config = tmp_path / "kiosk.toml"
    old = EXAMPLE.read_text(encoding="utf-8").replace('admin_pin_hash = ""', 'admin_pin = "2468"')
    config.write_text(old, encoding="utf-8")

    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert main(["kiosk", "pin", "--config", str(config)]) == 2
    assert "the PIN must be 6 to 12 digits" in capsys.readouterr().err
    assert config.read_text(encoding="utf-8") == old  # nothing written

    monkeypatch.setattr("sys.stdin", io.StringIO("24681357\n"))
    assert main(["kiosk", "pin", "--config", str(config)]) == 0
    new = config.read_text(encoding="utf-8")
    assert "admin_pin =" not in new and "24681357" not in new
    assert [line for line in new.splitlines() if not line.startswith("admin_pin")] == [
        line for line in old.splitlines() if not line.startswith("admin_pin")]
    settings = load_kiosk_settings(config, {})
    assert verify_pin("24681357", settings.admin_pin_hash)

    monkeypatch.setattr("sys.stdin", io.StringIO("97531864\n"))  # a new PIN replaces it
    assert main(["kiosk", "pin", "--config", str(config)]) == 0
    stored = load_kiosk_settings(config, {}).admin_pin_hash
    assert verify_pin("97531864", stored) and not verify_pin("24681357", stored)
    assert config.read_text(encoding="utf-8").count("admin_pin_hash") == 1


def test_the_example_settings_load() -> None:
    assert load_kiosk_settings(EXAMPLE, {}).admin_pin_hash == ""

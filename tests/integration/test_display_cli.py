"""``pst-antrian announce`` previews the voice; ``pst-antrian display`` refuses bad input."""

from __future__ import annotations

import wave
from array import array
from pathlib import Path

from tests.support.serverproc import cli


def test_announce_prints_the_words_and_writes_the_wav(tmp_path: Path) -> None:
    out = tmp_path / "k123.wav"
    result = cli("announce", "--number", "K-123", "--desk", "1", "--out", str(out))
    assert result.stdout == (
        "nomor antrian ka seratus dua puluh tiga silakan menuju meja konsultasi satu\n"
    )
    with wave.open(str(out), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 16_000)
        seconds = wav.getnframes() / wav.getframerate()
        samples = array("h", wav.readframes(wav.getnframes()))
    assert 6 < seconds < 15
    assert max(abs(s) for s in samples) > 5000


def test_announce_uses_the_office_desks_and_display_sound_settings(tmp_path: Path) -> None:
    server = tmp_path / "server.toml"
    server.write_text('[[desks]]\nid = "A"\nname = "Loket B"\n', encoding="utf-8")
    display = tmp_path / "display.toml"
    display.write_text("[sound]\nrepeat = 2\nvolume = 0.5\n", encoding="utf-8")
    once = tmp_path / "once.wav"
    twice = tmp_path / "twice.wav"
    cli("announce", "--number", "P-011", "--desk", "A", "--config", str(server),
        "--out", str(once))
    result = cli("announce", "--number", "P-011", "--desk", "A", "--config", str(server),
                 "--display-config", str(display), "--out", str(twice))
    assert result.stdout == "nomor antrian pe sebelas silakan menuju loket be\n"
    with wave.open(str(once)) as a, wave.open(str(twice)) as b:
        assert b.getnframes() > a.getnframes() * 1.5  # said twice
        loud_once = max(abs(s) for s in array("h", a.readframes(a.getnframes())))
        loud_twice = max(abs(s) for s in array("h", b.readframes(b.getnframes())))
    assert abs(loud_twice - loud_once / 2) <= 1  # at half volume


def test_announce_names_what_is_wrong(tmp_path: Path) -> None:
    bad_number = cli("announce", "--number", "123", "--desk", "1", check=False)
    assert bad_number.returncode == 2
    assert "--number: '123' is not a ticket number like K-123" in bad_number.stderr
    bad_desk = cli("announce", "--number", "K-1", "--desk", "9", check=False)
    assert bad_desk.returncode == 2
    assert "there is no desk '9'; desks: 1 (Meja Konsultasi 1), 2 (Meja Konsultasi 2)" in (
        bad_desk.stderr)
    display = tmp_path / "display.toml"
    display.write_text("[sound]\nvolume = 3\n", encoding="utf-8")
    bad_volume = cli("announce", "--number", "K-1", "--desk", "1", "--display-config",
                     str(display), check=False)
    assert bad_volume.returncode == 2
    assert "sound.volume: Input should be less than or equal to 1" in bad_volume.stderr
    assert not list(tmp_path.glob("*.wav")) and not Path("K-1.wav").exists()


def test_display_refuses_a_missing_token_file_or_a_bad_config(tmp_path: Path) -> None:
    missing = cli("display", "--server", "http://127.0.0.1:9", "--token-file",
                  str(tmp_path / "nope.token"), check=False)
    assert missing.returncode == 2
    assert "--token-file: cannot read" in missing.stderr and "nope.token" in missing.stderr
    config = tmp_path / "display.toml"
    config.write_text('timezone = "Mars/Olympus"\n', encoding="utf-8")
    bad = cli("display", "--server", "http://127.0.0.1:9", "--config", str(config), check=False)
    assert bad.returncode == 2
    assert "timezone: Value error, unknown time zone 'Mars/Olympus'" in bad.stderr
    size = cli("display", "--server", "http://x", "--size", "big", check=False)
    assert size.returncode == 2 and "'big' is not a size like 1920x1080" in size.stderr

"""Every screen, both languages, the three screen sizes: nothing clipped, the key words
readable (OCR), the files kept in tests/artifacts/kiosk/ (the Indonesian portrait set is
docs/screenshots/)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.kiosk_driver import ARTIFACTS, SIZES
from tests.support.offices import Office

pytestmark = pytest.mark.slow

# Words each screen must show, read back from the picture by tesseract.
KEY_WORDS = {
    "id/1-welcome": ["Ambil", "Antrian", "Konsultasi"],
    "en/1-welcome": ["Take", "number", "Consultation"],
    "id/3-notice": ["Persyaratan", "setuju"],
    "en/3-notice": ["Requirements", "agree"],
    "id/8-confirm": ["Periksa", "Ambil"],
    "en/8-confirm": ["Check", "Take"],
    "id/9-ticket": ["K-001", "Cetak"],
    "en/9-ticket": ["K-002", "Print"],
    "id/13-complaint-text": ["adukan", "Lanjut"],
    "en/13-complaint-text": ["complain", "Next"],
    "id/14-complaint-contact-error": ["Email", "angka"],
    "en/14-complaint-contact-error": ["Email", "digits"],
    "id/15-complaint-ticket": ["Nomor", "Kirim"],
    "en/15-complaint-ticket": ["number", "Send"],
    "id/16-complaint-thanks": ["Pengaduan", "terima"],
    "en/16-complaint-thanks": ["complaint", "received"],
}


def ocr(path: Path, box: list[int], lang: str) -> str:
    """What tesseract reads in ``box`` of the picture, made black on white first (dark text
    on the orange buttons reads badly in colour). Read per widget: tesseract's page layout
    takes the giant ticket number beside the QR code for a picture."""
    from PIL import Image

    left, top, width, height = box
    crop = path.with_name(f"{path.stem}-ocr-{left}-{top}.png")
    edge = 4  # inside a button's border line, which tesseract takes for a letter
    picture = Image.open(path).crop(
        (left + edge, top + edge, left + width - edge, top + height - edge)).convert("L")
    picture.point(lambda v: 255 if v > 128 else 0).save(crop)
    languages = "ind+eng" if lang == "id" else "eng"
    done = subprocess.run(["tesseract", str(crop), "-", "-l", languages, "--psm", "6"],
                          capture_output=True, text=True, check=True, timeout=120)
    crop.unlink()
    return done.stdout


@pytest.mark.parametrize("size", SIZES)
def test_every_screen_fits_and_reads(size: str, served_office: Office, tmp_path: Path) -> None:
    token = tmp_path / "kiosk.token"
    token.write_text(served_office.kiosk_token)
    out = ARTIFACTS / size
    shutil.rmtree(out, ignore_errors=True)
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.kiosk.tour", "--size", size, "--server", served_office.url,
         "--token-file", str(token), "--out", str(out)],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout)
    assert len(report) == 32  # 16 screens x 2 languages
    clipped = {name: shot["clipped"] for name, shot in report.items() if shot["clipped"]}
    assert clipped == {}
    english = report["en/1-welcome"]["texts"]
    assert "Take a number" in english and "Bahasa Indonesia" in english
    if shutil.which("tesseract") is None:
        pytest.fail("tesseract is not installed (scripts/setup installs tesseract-ocr)")
    for name, words in KEY_WORDS.items():
        shot = report[name]
        for word in words:
            boxes = [box for text, box in shot["boxes"] if word in text]
            assert boxes, f"{size} {name}: {word!r} is not on screen"
            read = ocr(Path(shot["file"]), boxes[-1], name[:2])
            assert word.lower() in read.lower(), f"{size} {name}: OCR read {read!r}, not {word!r}"
    if size == "1080x1920":
        docs = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
        docs.mkdir(parents=True, exist_ok=True)
        for shot in sorted((out / "id").glob("*[0-9]-*[a-z].png")):
            shutil.copyfile(shot, docs / f"kiosk-{shot.name}")

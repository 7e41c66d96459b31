"""Phone photos and the unreadable gate (#21): a page photographed on a desk is found and
flattened, a white-on-blue title banner is read, an upright page is not turned on a near tie,
a poor reading gets one more clean-up, every page of a file is in the report with the reason
it reads as it does, and only a page a person could not read either is called unreadable."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from intake import images as im
from intake import pdf, scan
from intake.ocr import OcrResult, OcrWord, Orientation
from intake.options import ReadOptions
from intake.pipeline import process_file
from verifier.claim import Claim
from verifier.engine import verify
from verifier.i18n import PAGE_REASONS

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LINES = [
    "PERTUBUHAN KESELAMATAN SOSIAL",
    "Nama: Muhammad Hafiz bin Ismail",
    "No. Kad Pengenalan: 870903-10-6231",
    "Tarikh kemalangan: 2 Oktober 2026",
]


def page(banner: str | None = None, lines: list[str] = LINES, size: int = 40) -> np.ndarray:
    """An A4-shaped page; ``banner``: a white title on a blue band across its top."""
    img = Image.new("RGB", (1700, 2200), (250, 250, 248))
    draw = ImageDraw.Draw(img)
    y = 150
    if banner:
        draw.rectangle((100, 100, 1600, 260), fill=(40, 90, 200))
        draw.text((160, 140), banner, fill=(255, 255, 255), font=ImageFont.truetype(FONT, 70))
        y = 360
    for i, line in enumerate(lines):
        draw.text((120, y + int(i * size * 1.8)), line, fill=0, font=ImageFont.truetype(FONT, size))
    return np.asarray(img.convert("L")).copy()


def photographed(gray: np.ndarray) -> np.ndarray:
    """The page seen by a phone held at an angle, on a darker desk."""
    h, w = gray.shape
    big_h, big_w = int(h * 1.35), int(w * 1.45)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32(
        [[big_w * 0.18, big_h * 0.10], [big_w * 0.86, big_h * 0.06],
         [big_w * 0.93, big_h * 0.93], [big_w * 0.10, big_h * 0.88]]
    )  # fmt: skip
    m = cv2.getPerspectiveTransform(src, dst)
    return cv2.warpPerspective(gray, m, (big_w, big_h), borderValue=70)


# --- phone photos (real Tesseract) -----------------------------------------------------------


def test_a_photographed_page_with_a_white_on_blue_title_reads_the_title(engine: Any) -> None:
    got = scan.read_scan(photographed(page("LAPORAN POLIS")), "p.jpg", 1, engine, ReadOptions())
    assert "perspective" in got.steps and "invert_banner" in got.steps
    assert "LAPORAN POLIS" in got.text  # flattening alone whitened the band and its title away
    assert "870903-10-6231" in got.text and got.readable and got.rotation == 0


def test_a_banner_is_found_and_plain_text_lines_are_not() -> None:
    [(x0, y0, x1, y1)] = im.dark_banners(page("LAPORAN POLIS"))
    assert abs(y0 - 100) <= 4 and abs(y1 - 260) <= 4 and x1 - x0 > 1400
    assert im.dark_banners(page()) == []  # black text on paper is no banner
    flipped = im.invert_regions(page("LAPORAN POLIS"), [(x0, y0, x1, y1)])
    assert float(np.median(flipped[y0:y1, x0:x1])) > 200  # the band is paper now


def test_an_upside_down_page_of_few_words_is_turned(engine: Any) -> None:
    few = page(lines=["SURAT AKUAN", "Tarikh: 3/10/2026"], size=44)
    got = scan.read_scan(np.rot90(photographed(few), 2).copy(), "p.jpg", 1, engine, ReadOptions())
    assert got.rotation == 180 and "SURAT AKUAN" in got.text


class NearTieEngine:
    """An upright page that reads poorly, its 180-degree turn a little better: noise."""

    name = "fake"

    def recognize(self, image: np.ndarray, *, langs: str, psm: int, timeout: float) -> OcrResult:
        upright = bool(image[0, 0] == 0)  # the marked corner is top-left when upright
        conf = 0.40 if upright else 0.43
        return OcrResult([OcrWord(f"w{i}", (i, 0, i + 1, 1), conf) for i in range(4)])

    def orientation(self, image: np.ndarray) -> Orientation | None:
        return Orientation(rotate_cw=180, confidence=0.4)  # unsure


def test_an_upright_page_is_not_turned_on_a_near_tie_when_osd_is_unsure() -> None:
    image = np.full((400, 300), 230, np.uint8)
    image[0, 0] = 0
    p = scan.Prepared(image, np.eye(3))
    scan.recognise(NearTieEngine(), p, ReadOptions())  # type: ignore[arg-type]
    assert p.rotation == 0 and "turn_180" not in p.steps


class SharpEngine:
    """Reads well only an image whose edges are sharp (what the last clean-up gives)."""

    name = "fake"

    def __init__(self, need: float) -> None:
        self.need = need

    def recognize(self, image: np.ndarray, *, langs: str, psm: int, timeout: float) -> OcrResult:
        lap = float(cv2.Laplacian(image, cv2.CV_64F).var())
        conf = 0.9 if lap > self.need else 0.2
        return OcrResult([OcrWord(f"w{i}", (i, 0, i + 1, 1), conf) for i in range(30)])


def test_a_soft_page_gets_a_last_clean_up_before_it_is_given_up() -> None:
    grey = (page().astype(np.float32) * 0.7 + 30).astype(np.uint8)  # a photo's grey paper
    soft = cv2.GaussianBlur(grey, (0, 0), 1.5)
    need = 2.0 * float(cv2.Laplacian(soft, cv2.CV_64F).var())
    engine = SharpEngine(need)
    p = scan.Prepared(soft, np.eye(3), steps=["flatten"])  # flattened already: no flat retry
    first = engine.recognize(p.image, langs="eng", psm=3, timeout=5)
    best = scan.second_chance(engine, p, ReadOptions(), first)  # type: ignore[arg-type]
    assert scan.quality(best) > 0.8 and "sharpen_retry" in p.steps


# --- a page is never dropped -----------------------------------------------------------------


def _scanned_pdf(path: Path, pages: list[np.ndarray]) -> Path:
    c = canvas.Canvas(str(path), pagesize=(595, 842), invariant=1)
    for gray in pages:
        c.drawImage(ImageReader(Image.fromarray(gray)), 0, 0, width=595, height=842)
        c.showPage()
    c.save()
    return path


CLAIM = {
    "claim_type": "temporary_disablement", "insured_name": "MUHAMMAD HAFIZ BIN ISMAIL",
    "insured_ic": "870903-10-6231", "accident_date": "2026-10-01",
    "accident_kind": "workplace", "submitted_on": "2026-10-10",
}  # fmt: skip


def test_a_pdf_page_that_fails_to_render_still_has_its_entry_in_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: Any
) -> None:
    blank = np.full((2200, 1700), 255, np.uint8)
    path = _scanned_pdf(tmp_path / "three.pdf", [page(), page(), blank])
    real, calls = pdf.render, []

    def render(p: Any, dpi: int, max_pixels: int) -> tuple[np.ndarray, int]:
        calls.append(dpi)
        if len(calls) == 2:
            raise RuntimeError("a damaged content stream")
        return real(p, dpi, max_pixels)

    monkeypatch.setattr(pdf, "render", render)
    result = process_file(path, "three.pdf", ReadOptions(cache_dir=None))
    report = verify(Claim.from_dict(CLAIM), [result], today=date(2026, 10, 10)).to_dict()
    entries = [(e["page"], e["readable"], e.get("reason")) for e in report["pages"]]
    assert entries == [(1, True, None), (2, False, "render_failed"), (3, True, "blank")]
    second = report["pages"][1]
    assert second["message"] == PAGE_REASONS["en"]["render_failed"]
    assert second["message_ms"] == PAGE_REASONS["ms"]["render_failed"]


def test_every_reason_has_a_message_in_english_and_malay() -> None:
    reasons = scan.UNREADABLE_REASONS | {"blank", "low_confidence", "render_failed", "read_failed"}
    for lang in ("en", "ms"):
        assert reasons <= set(PAGE_REASONS[lang]) and all(PAGE_REASONS[lang].values())


# --- the unreadable gate ---------------------------------------------------------------------


class PoorEngine:
    """Reads every page poorly (a reading that a person would do better than)."""

    name = "fake"

    def version(self) -> str:
        return "fake 1.0"

    def recognize(self, image: np.ndarray, *, langs: str, psm: int, timeout: float) -> OcrResult:
        return OcrResult([OcrWord("x", (0, 0, 1, 1), 0.1)])

    def orientation(self, image: np.ndarray) -> Orientation | None:
        return Orientation(rotate_cw=0, confidence=5.0)


def _gate(gray: np.ndarray) -> tuple[bool, str | None]:
    got = scan.read_scan(gray, "p.png", 1, PoorEngine(), ReadOptions())  # type: ignore[arg-type]
    return got.readable, got.reason


def test_a_legible_page_that_reads_poorly_is_not_called_unreadable() -> None:
    assert _gate(page()) == (True, "low_confidence")  # a person reads it: an officer checks


def test_a_thumbnail_and_a_heavy_blur_are_unreadable_with_their_reason() -> None:
    thumb = cv2.resize(page(), None, fx=0.1, fy=0.1, interpolation=cv2.INTER_AREA)  # ~30 dpi
    assert _gate(thumb) == (False, "too_small")
    assert _gate(cv2.GaussianBlur(page(), (0, 0), 8)) == (False, "blurred")


def _faint(gray: np.ndarray, contrast: float) -> np.ndarray:
    """The page with its ink brought ``contrast`` of the way from paper (a faded print)."""
    return (gray.astype(np.float32) * contrast + 255 * (1 - contrast)).astype(np.uint8)


@pytest.mark.parametrize("contrast", [0.3, 0.15])
def test_faint_print_on_a_sparse_page_is_read_not_called_blank(contrast: float) -> None:
    got = scan.read_scan(_faint(page(), contrast), "p.png", 1, PoorEngine(), ReadOptions())  # type: ignore[arg-type]
    assert not got.blank
    assert (got.readable, got.reason) == (True, "low_confidence")


def test_print_a_person_cannot_see_is_faint_not_blank() -> None:
    got = scan.read_scan(_faint(page(), 0.05), "p.png", 1, PoorEngine(), ReadOptions())  # type: ignore[arg-type]
    assert not got.blank
    assert (got.readable, got.reason) == (False, "faint")


@pytest.mark.parametrize("size", [24, 40])
def test_a_blur_that_runs_the_text_together_is_blurred_not_blank(size: int) -> None:
    gray = page(size=size)
    glyph = im.text_height(gray)
    assert glyph is not None
    got = scan.read_scan(
        cv2.GaussianBlur(gray, (0, 0), 0.6 * glyph),
        "p.png",
        1,
        PoorEngine(),
        ReadOptions(),  # type: ignore[arg-type]
    )
    assert not got.blank
    assert not got.readable and got.reason in ("blurred", "faint")

"""Every page carries the account of its reading, and the cuts that make reading cheaper read
the same words (#24). No test here asserts a time: speed is measured in bench/cost.py."""

from __future__ import annotations

import io
from pathlib import Path
from types import SimpleNamespace

import pypdfium2 as pdfium
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from intake import cache, pdf
from intake.cost import metering, step
from intake.models import PageSource
from intake.ocr import OcrEngine
from intake.options import ReadOptions
from intake.reading import read_pages


def scanned_pdf(path: Path, img: Image.Image, dpi: int = 150) -> Path:
    """One stored image filling its page at ``dpi`` (Pillow stores a grey image as a JPEG)."""
    img.save(path, "PDF", resolution=dpi)
    return path


def test_steps_are_charged_their_own_time_and_the_rest_to_other() -> None:
    with metering() as cost, step("outer"):
        sum(range(20000))
        with step("inner"):
            sum(range(20000))
    assert set(cost.cpu) == {"other", "outer", "inner"}
    assert cost.total_cpu >= cost.cpu["inner"] > 0
    assert cost.recognition_cpu == 0.0
    with step("nobody listens"):  # outside metering(): nothing to charge, nothing breaks
        pass


def test_a_scanned_page_accounts_for_tesseract_and_each_step(
    tmp_path: Path, kit: SimpleNamespace, engine: OcrEngine
) -> None:
    cache._caches.clear()
    path = tmp_path / "page.png"
    kit.text_page().save(path)
    (page,) = read_pages(path, "page.png", ReadOptions(), engine=engine)
    cost = page.cost
    assert {"decode", "hash", "blank", "prepare", "ocr:first", "words", "phash"} <= set(cost.cpu)
    assert cost.recognition_cpu > 0
    assert cost.total_cpu > cost.recognition_cpu
    assert cost.total_wall >= cost.wall["ocr:first"] > 0
    (again,) = read_pages(path, "page.png", ReadOptions(), engine=engine)
    assert again.extra.get("cached") and "cache" in again.cost.cpu
    assert again.cost.recognition_cpu == 0.0  # a cached page costs its look-up, not its OCR


def test_a_text_layer_page_costs_no_recognition(tmp_path: Path) -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    c.drawString(72, 760, "Sijil Cuti Sakit: Muhammad Hafiz bin Ismail, 870903-10-6231")
    c.showPage()
    c.save()
    path = tmp_path / "layer.pdf"
    path.write_bytes(buf.getvalue())
    (page,) = read_pages(path, "layer.pdf")
    assert page.source == PageSource.TEXT_LAYER
    assert "layer" in page.cost.cpu and page.cost.recognition_cpu == 0.0


def test_a_decoded_scan_reads_the_same_words_as_the_rendered_one(
    tmp_path: Path, kit: SimpleNamespace, engine: OcrEngine
) -> None:
    path = scanned_pdf(tmp_path / "scan.pdf", kit.text_page())
    cache._caches.clear()
    (decoded,) = read_pages(path, "scan.pdf", ReadOptions(decode_images=True), engine=engine)
    cache._caches.clear()
    (rendered,) = read_pages(path, "scan.pdf", ReadOptions(decode_images=False), engine=engine)
    assert "decode" in decoded.cost.cpu and "render" not in decoded.cost.cpu
    assert "render" in rendered.cost.cpu
    assert [w.text for w in decoded.words] == [w.text for w in rendered.words]
    assert "Muhammad Hafiz bin Ismail" in decoded.text
    assert (decoded.width, decoded.height, decoded.dpi) == (2000, 672, 150)  # as stored
    assert abs(rendered.width - 2000) <= 1 and abs(rendered.height - 672) <= 1  # resampled


def test_an_rgb_scan_decodes_to_its_rendered_grey(tmp_path: Path, kit: SimpleNamespace) -> None:
    path = scanned_pdf(tmp_path / "rgb.pdf", kit.text_page().convert("RGB"))
    page = pdfium.PdfDocument(str(path))[0]
    gray = pdf.stored_image(page, 150, 10**8)
    drawn, _ = pdf.render(page, 150, 10**8)
    assert gray is not None and gray.shape == (672, 2000) and abs(drawn.shape[1] - 2000) <= 1
    assert abs(float(gray.mean()) - float(drawn.mean())) < 2.0


def test_only_a_page_that_is_its_image_is_decoded(tmp_path: Path, kit: SimpleNamespace) -> None:
    img = kit.text_page()
    path = scanned_pdf(tmp_path / "scan.pdf", img)
    page = pdfium.PdfDocument(str(path))[0]
    assert pdf.stored_image(page, 150, 10**8) is not None
    assert pdf.stored_image(page, 300, 10**8) is None  # not at the reading resolution
    page.set_rotation(90)
    assert pdf.stored_image(page, 150, 10**8) is None  # a turned page is drawn turned
    buf = io.BytesIO()  # the image and a line of text over it
    w, h = img.width * 72 / 150, img.height * 72 / 150
    c = canvas.Canvas(buf, pagesize=(w, h))
    c.drawImage(ImageReader(img), 0, 0, w, h)
    c.drawString(20, 20, "stamped over the scan")
    c.showPage()
    c.save()
    two = pdfium.PdfDocument(buf.getvalue())[0]
    assert pdf.stored_image(two, 150, 10**8) is None
    buf = io.BytesIO()  # the image on half the page
    c = canvas.Canvas(buf, pagesize=(w, 2 * h))
    c.drawImage(ImageReader(img), 0, 0, w, h)
    c.showPage()
    c.save()
    assert pdf.stored_image(pdfium.PdfDocument(buf.getvalue())[0], 150, 10**8) is None


def test_a_pdf_with_masked_images_is_drawn(tmp_path: Path, kit: SimpleNamespace) -> None:
    img = kit.text_page().convert("RGBA")
    w, h = img.width * 72 / 150, img.height * 72 / 150
    for mask, expected in ((None, False), ("auto", True)):
        buf = io.BytesIO()
        c = canvas.Canvas(buf, pagesize=(w, h))
        c.drawImage(ImageReader(img if mask else img.convert("RGB")), 0, 0, w, h, mask=mask)
        c.showPage()
        c.save()
        path = tmp_path / f"m{expected}.pdf"
        path.write_bytes(buf.getvalue())
        assert pdf.has_masks(path) is expected


def test_one_loaded_model_reads_every_segmentation_as_its_own_model_did(
    kit: SimpleNamespace,
) -> None:
    from intake.ocr import TesserocrEngine

    page = kit.as_array(kit.text_page())
    digits = kit.as_array(kit.text_page(["870903 10 6231"]))
    shared = TesserocrEngine()
    for psm in (3, 11, 6, 3):
        alone = TesserocrEngine().recognize(page, langs="eng", psm=psm, timeout=60)
        again = shared.recognize(page, langs="eng", psm=psm, timeout=60)
        assert [(w.text, w.bbox) for w in again.words] == [(w.text, w.bbox) for w in alone.words]
    for psm in (7, 11):
        alone = TesserocrEngine().read_chars(
            digits, chars="0123456789", langs="eng", psm=psm, timeout=60
        )
        again = shared.read_chars(digits, chars="0123456789", langs="eng", psm=psm, timeout=60)
        assert [w.text for w in again.words] == [w.text for w in alone.words]
    plain = shared.recognize(digits, langs="eng", psm=7, timeout=60)  # no whitelist left over
    assert plain.text == TesserocrEngine().recognize(digits, langs="eng", psm=7, timeout=60).text
    assert len(shared._apis) == 2  # eng, and eng with the digits' whitelist


def test_our_perceptual_hash_is_imagehash_s_without_scipy(kit: SimpleNamespace) -> None:
    import imagehash
    import numpy as np

    from intake import hashes

    rng = np.random.default_rng(24)
    pictures = [kit.text_page(), kit.skewed(kit.text_page(), 3), kit.text_page(size=20)]
    pictures += [Image.fromarray(rng.integers(0, 256, (90 + i, 140), np.uint8)) for i in range(20)]
    pictures += [Image.fromarray(np.full((50, 50), 255, np.uint8))]  # a blank page: all equal
    for picture in pictures:
        assert hashes.phash(picture) == str(imagehash.phash(picture))

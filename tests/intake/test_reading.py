"""read_pages on every accepted file type, with the real Tesseract."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from intake.errors import OcrFailed
from intake.models import PageSource
from intake.ocr import OcrEngine, OcrResult
from intake.options import ReadOptions
from intake.reading import read_pages

pytestmark = pytest.mark.tesseract
TRUTH = "\n".join


def pdf_with(pages: list[dict[str, Any]]) -> bytes:
    """Pages of ``{"text": [...], "image": PIL, "invisible": bool}`` on A4."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    for spec in pages:
        if "image" in spec:
            img = spec["image"]
            c.drawImage(
                ImageReader(img),
                36,
                842 - 36 - img.height * 72 / 300,
                width=img.width * 72 / 300,
                height=img.height * 72 / 300,
            )
        visible_over_image = "image" in spec and not spec.get("invisible")
        text = c.beginText(72, 160 if visible_over_image else 760)  # below the picture
        text.setFont("Helvetica", 12)
        if spec.get("invisible"):
            text.setTextRenderMode(3)
        for line in spec.get("text", []):
            text.textLine(line)
        c.drawText(text)
        c.showPage()
    c.save()
    return buf.getvalue()


def test_text_layer_pdf_is_not_ocrd(write: Any, kit: Any) -> None:
    path = write("mc.pdf", pdf_with([{"text": kit.LINES}, {"text": kit.LINES[:2]}]))
    engine = kit.CountingEngine(fail=True)
    pages = read_pages(path, "mc.pdf", engine=engine)
    assert engine.calls == 0
    assert [p.source for p in pages] == [PageSource.TEXT_LAYER] * 2
    assert kit.cer(TRUTH(kit.LINES), pages[0].text) < 0.01
    first = pages[0].words[0]
    assert first.text == "PERTUBUHAN"
    assert first.bbox[0] == pytest.approx(72 * 300 / 72, abs=3)  # 72 pt -> 300 px at 300 dpi
    assert (pages[0].width, pages[0].height, pages[0].dpi) == (2479, 3508, 300)
    assert pages[0].perceptual_hash and pages[0].content_hash
    assert [p.number for p in pages] == [1, 2]


def test_text_layer_boxes_match_pdfplumber_and_rotated_pages(write: Any, kit: Any) -> None:
    import pdfplumber
    import pypdfium2 as pdfium

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    c.setFont("Helvetica", 14)
    c.drawString(100, 700, "Sijil Cuti Sakit 870903-10-6231")
    c.showPage()
    c.setPageRotation(90)  # reportlab swaps the media box to 842 x 595
    c.setFont("Helvetica", 14)
    c.drawString(100, 400, "Sijil Cuti Sakit 870903-10-6231")
    c.showPage()
    c.save()
    path = write("two.pdf", buf.getvalue())
    pages = read_pages(path, "two.pdf", engine=kit.CountingEngine(fail=True))
    with pdfplumber.open(path) as doc:  # an independent reader of the same layer
        theirs = doc.pages[0].extract_words()
    assert [w.text for w in pages[0].words] == [w["text"] for w in theirs]
    for a, b in zip(pages[0].words, theirs, strict=True):
        box = [b[k] * 300 / 72 for k in ("x0", "top", "x1", "bottom")]
        assert np.allclose(a.bbox, box, atol=12)  # within 3 pt: ascent conventions differ
    turned = pages[1]
    shown = pdfium.PdfDocument(path)[1].render(scale=300 / 72, grayscale=True).to_numpy()
    for w in turned.words:  # every box holds ink on the page as a viewer shows it
        x0, y0, x1, y1 = (int(v) for v in w.bbox)
        assert (shown[y0:y1, x0:x1] < 128).mean() > 0.05
    assert (turned.width, turned.height) == (2479, 3508)  # shown upright: portrait again
    x0, y0, x1, y1 = turned.words[0].bbox
    assert y1 - y0 > x1 - x0  # the line runs down the page as shown


def test_scanned_pdf_is_rendered_and_read(write: Any, kit: Any, engine: OcrEngine) -> None:
    scan = kit.text_page(size=40)
    path = write("scan.pdf", pdf_with([{"image": scan}]))
    (page,) = read_pages(path, "scan.pdf", engine=engine)
    assert page.source == PageSource.OCR
    assert page.extra["text_layer"] == "empty"
    assert kit.cer(TRUTH(kit.LINES), page.text) < 0.03
    assert page.readable and page.quality > 0.8 and page.mean_confidence > 0.8


@pytest.mark.parametrize(
    ("spec", "reason"),
    [
        (
            {"text": ["SHUWXEXKDQ NHVHODPDWDQ VRVLDO", "Vlmlo Fxwl Vdnlw xqwxn shnhumd"] * 3},
            "garbage",
        ),  # a font whose characters map to the wrong letters
        ({"text": ["#%&x ~^|q| @@k **$$w<> ¬¬j ^^v ~~ §§ ¤¤ ¦¦ ±±"] * 4}, "garbage"),
        (
            {"text": ["Tbe qu!ck 8r0wn f@x jumq$ 0ver"] * 3 + ["~~ %% ^^"] * 3, "invisible": True},
            "poor_ocr_layer",
        ),
    ],
)
def test_bad_text_layers_are_ocrd(
    write: Any, kit: Any, engine: OcrEngine, spec: dict[str, Any], reason: str
) -> None:
    path = write("layer.pdf", pdf_with([{**spec, "image": kit.text_page(size=40)}]))
    (page,) = read_pages(path, "layer.pdf", engine=engine)
    assert page.source == PageSource.OCR
    assert page.extra["text_layer"] == reason
    assert kit.cer(TRUTH(kit.LINES), page.text[: len(TRUTH(kit.LINES))]) < 0.05


def test_good_invisible_layer_is_used(write: Any, kit: Any) -> None:
    path = write(
        "ocrd.pdf",
        pdf_with([{"text": kit.LINES, "invisible": True, "image": kit.text_page(size=40)}]),
    )
    engine = kit.CountingEngine(fail=True)
    (page,) = read_pages(path, "ocrd.pdf", engine=engine)
    assert engine.calls == 0
    assert page.source == PageSource.TEXT_LAYER and page.extra["text_layer"] == "invisible"


def test_mixed_pdf_decides_per_page(
    write: Any, kit: Any, engine: OcrEngine, tmp_path: Path
) -> None:
    counting = kit.CountingEngine(engine)
    path = write("mixed.pdf", pdf_with([{"text": kit.LINES}, {"image": kit.text_page(size=40)}]))
    opts = ReadOptions(cache_dir=tmp_path / "cache")  # nothing read before
    pages = read_pages(path, "mixed.pdf", opts, engine=counting)
    assert [p.source for p in pages] == [PageSource.TEXT_LAYER, PageSource.OCR]
    assert counting.calls == 1


def test_multipage_tiff(write: Any, kit: Any, engine: OcrEngine) -> None:
    frames = [kit.text_page(kit.LINES[:3], size=36), kit.text_page(kit.LINES[3:], size=36)]
    buf = io.BytesIO()
    frames[0].save(
        buf, format="TIFF", save_all=True, append_images=frames[1:], compression="tiff_lzw"
    )
    pages = read_pages(write("stack.tiff", buf.getvalue()), "stack.tiff", engine=engine)
    assert [p.number for p in pages] == [1, 2]
    assert kit.cer(TRUTH(kit.LINES[3:]), pages[1].text) < 0.03


def test_iter_pages_reads_only_the_selected_pages_of_a_stack(
    write: Any, kit: Any, engine: OcrEngine
) -> None:
    from intake.reading import iter_pages

    frames = [kit.text_page(kit.LINES[i : i + 2], size=36) for i in (0, 2, 4)]
    buf = io.BytesIO()
    frames[0].save(buf, format="TIFF", save_all=True, append_images=frames[1:])
    counting, asked = kit.CountingEngine(engine), []
    tiff = write("stack.tiff", buf.getvalue())
    select = lambda n: asked.append(n) or n == 2  # noqa: E731
    pages = list(iter_pages(tiff, "stack.tiff", engine=counting, select=select))
    assert [p.number for p in pages] == [2] and asked == [1, 2, 3]
    assert kit.cer(TRUTH(kit.LINES[2:4]), pages[0].text) < 0.03
    calls = counting.calls
    scan = write("scan.pdf", kit.image_bytes(frames[2], "PDF"))
    assert [p.number for p in iter_pages(scan, "scan.pdf", engine=counting,
                                         select=lambda n: False)] == []  # fmt: skip
    assert counting.calls == calls  # a page not selected is not read


def test_png_upside_down_is_turned_and_boxes_stay_in_the_original(
    write: Any, kit: Any, engine: OcrEngine
) -> None:
    page = kit.text_page(kit.LINES * 2, size=36)
    upside = page.rotate(180)
    (read,) = read_pages(write("up.png", kit.image_bytes(upside, "PNG")), "up.png", engine=engine)
    assert read.rotation == 180
    assert kit.cer(TRUTH(kit.LINES * 2), read.text) < 0.03
    word = next(w for w in read.words if w.text == "PERTUBUHAN")
    x0, y0, x1, y1 = word.bbox  # upright at (120, 120): upside down near the far corner
    w, h = upside.size
    assert abs(x1 - (w - 120)) < 8 and abs(y1 - (h - 120)) < 12
    ink = np.asarray(upside)[int(y0) : int(y1), int(x0) : int(x1)]
    assert (ink < 128).mean() > 0.1


def test_skewed_low_dpi_fax_reads(write: Any, kit: Any, engine: OcrEngine) -> None:
    fax = kit.skewed(kit.text_page(size=15, width=800, margin=50), 2.5)
    (read,) = read_pages(write("fax.png", kit.image_bytes(fax, "PNG")), "fax.png", engine=engine)
    assert abs(abs(read.skew) - 2.5) < 0.3
    assert kit.cer(TRUTH(kit.LINES), read.text) < 0.05


def test_jpeg_exif_orientation(write: Any, kit: Any, engine: OcrEngine) -> None:
    upright = kit.text_page(size=36).convert("RGB")
    stored = upright.rotate(90, expand=True)  # the camera stored it turned a quarter left
    exif = stored.getexif()
    exif[0x0112] = 6  # "rotate 90 clockwise to view"
    data = kit.image_bytes(stored, "JPEG", exif=exif.tobytes(), quality=92)
    (read,) = read_pages(write("IMG_2231.jpg", data), "IMG_2231.jpg", engine=engine)
    assert read.rotation == 90 and read.extra["exif_rotation"] == 90
    assert (read.width, read.height) == stored.size
    assert kit.cer(TRUTH(kit.LINES), read.text) < 0.03


def test_heic_phone_photo(write: Any, kit: Any, engine: OcrEngine) -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    buf = io.BytesIO()
    try:
        kit.text_page(size=40).convert("RGB").save(buf, format="HEIF", quality=90)
    except (KeyError, OSError, ValueError) as exc:
        pytest.skip(f"this libheif has no HEIC encoder: {exc}")
    (read,) = read_pages(write("IMG_0001.HEIC", buf.getvalue()), "IMG_0001.HEIC", engine=engine)
    assert read.media_type == "image/heic"
    assert kit.cer(TRUTH(kit.LINES), read.text) < 0.03


def test_blank_page_is_not_ocrd(write: Any, kit: Any) -> None:
    engine = kit.CountingEngine(fail=True)
    blank = Image.new("L", (1700, 2200), 250)
    (read,) = read_pages(
        write("blank.png", kit.image_bytes(blank, "PNG")), "blank.png", engine=engine
    )
    assert read.blank and read.readable and read.text == ""
    assert engine.calls == 0


@pytest.mark.parametrize("kind", ["black", "noise"])
def test_unreadable_pages_are_marked(write: Any, kit: Any, engine: OcrEngine, kind: str) -> None:
    rng = np.random.default_rng(3)
    if kind == "black":
        pixels = np.full((2200, 1700), 8, np.uint8)
    else:
        pixels = rng.integers(0, 256, (550, 425), dtype=np.uint8)  # enlarged x3 to read, as before
    data = kit.image_bytes(Image.fromarray(pixels), "PNG")
    (read,) = read_pages(write(f"{kind}.png", data), f"{kind}.png", engine=engine)
    assert not read.blank
    assert not read.readable and read.error == "page_unreadable"
    assert read.quality < 0.35


class FailsOnSecondPage:
    name = "flaky"

    def __init__(self, inner: OcrEngine) -> None:
        self.inner, self.calls = inner, 0

    def version(self) -> str:
        return "flaky"

    def recognize(self, image: np.ndarray, *, langs: str, psm: int, timeout: float) -> OcrResult:
        self.calls += 1
        if self.calls == 2:
            raise OcrFailed("Tesseract crashed on the page.")
        return self.inner.recognize(image, langs=langs, psm=psm, timeout=timeout)

    def orientation(self, image: np.ndarray) -> Any:
        return self.inner.orientation(image)


def test_one_bad_page_never_sinks_the_file(write: Any, kit: Any, engine: OcrEngine) -> None:
    scans = [{"image": kit.text_page(kit.LINES[i : i + 2], size=40)} for i in (0, 2, 4)]
    path = write("stack.pdf", pdf_with(scans))
    pages = read_pages(path, "stack.pdf", engine=FailsOnSecondPage(engine))
    assert [p.readable for p in pages] == [True, False, True]
    assert pages[1].error == "ocr_failed" and pages[1].source == PageSource.NONE
    assert "PERTUBUHAN" in pages[0].text


def test_cache_reads_a_page_once(write: Any, kit: Any, engine: OcrEngine, tmp_path: Path) -> None:
    opts = ReadOptions(cache_dir=tmp_path / "cache")
    img = kit.image_bytes(kit.text_page(size=38), "PNG")
    counting = kit.CountingEngine(engine)
    first = read_pages(write("a.png", img), "a.png", opts, engine=counting)
    calls = counting.calls
    again = read_pages(write("b.png", img), "b.png", opts, engine=counting)
    assert counting.calls == calls
    assert again[0].extra.get("cached") and again[0].file == "b.png"
    assert again[0].text == first[0].text and again[0].words == first[0].words


def test_second_scan_of_the_same_paper_has_a_close_phash(
    write: Any, kit: Any, engine: OcrEngine
) -> None:
    import imagehash

    page = kit.text_page(kit.LINES * 3, size=36)
    a = read_pages(write("a.png", kit.image_bytes(page, "PNG")), "a.png", engine=engine)[0]
    other = kit.skewed(page, 180.6).convert("RGB")
    b = read_pages(write("b.jpg", kit.image_bytes(other, "JPEG")), "b.jpg", engine=engine)[0]
    assert a.perceptual_hash and b.perceptual_hash
    dist = imagehash.hex_to_hash(a.perceptual_hash) - imagehash.hex_to_hash(b.perceptual_hash)
    assert dist <= 10
    assert a.content_hash != b.content_hash


def test_iter_pages_streams_and_raises_file_errors_first(write: Any, kit: Any) -> None:
    from intake.errors import SemakError
    from intake.reading import iter_pages

    path = write("mc.pdf", pdf_with([{"text": kit.LINES}, {"text": kit.LINES[:2]}]))
    pages = iter_pages(path, "mc.pdf", engine=kit.CountingEngine(fail=True))
    assert next(pages).number == 1 and next(pages).number == 2
    with pytest.raises(SemakError):
        next(iter_pages(write("empty.pdf", b""), "empty.pdf"))


def test_options_from_env(tmp_path: Path) -> None:
    env = {
        "OCR_LANGS": "eng+msa",
        "OCR_ENGINE": "child",
        "OCR_PAGE_TIMEOUT": "12",
        "SEMAK_CACHE_DIR": str(tmp_path),
    }
    opts = ReadOptions.from_env(env)
    assert (opts.langs, opts.engine, opts.page_timeout, opts.cache_dir) == (
        "eng+msa",
        "child",
        12.0,
        tmp_path,
    )
    assert ReadOptions.from_env({}) == ReadOptions()


def test_phone_photo_of_a_card_is_flattened_and_read(
    write: Any, kit: Any, engine: OcrEngine
) -> None:
    import cv2

    lines = ["KAD PENGENALAN", "MALAYSIA", "870903-10-6231", "MUHAMMAD HAFIZ", "BIN ISMAIL"]
    card = kit.as_array(kit.text_page(lines, size=44, width=1011, margin=60))[:638]
    card = np.clip(card.astype(int) - 25, 0, 255).astype(np.uint8)  # a tinted card
    h, w = card.shape
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    dst = np.array([[300, 250], [1350, 330], [1300, 1000], [250, 920]], dtype=np.float32)
    desk = np.full((1300, 1600), 40, np.uint8)
    photo = cv2.warpPerspective(
        card,
        cv2.getPerspectiveTransform(src, dst),
        (1600, 1300),
        dst=desk,
        borderMode=cv2.BORDER_TRANSPARENT,
    )
    data = kit.image_bytes(Image.fromarray(photo), "JPEG", quality=90)
    (read,) = read_pages(write("mykad.jpg", data), "mykad.jpg", engine=engine)
    assert read.kind == "card" and "perspective" in read.steps
    assert kit.cer(TRUTH(lines), read.text) < 0.05
    ic = next(wd for wd in read.words if wd.text == "870903-10-6231")
    x0, y0, x1, y1 = ic.bbox  # in the photo's pixels: inside the card's quad
    assert 250 < x0 < x1 < 1350 and 250 < y0 < y1 < 1000

"""Turn a FileSpec into bytes: JPEG, PNG, multi-page TIFF, scanned PDF, text-layer PDF."""

from __future__ import annotations

import io

from PIL import Image

from sample_docs.content import RENDER
from sample_docs.degrade import LEVELS, degrade, rotate, unreadable
from sample_docs.model import Doc, FileSpec, PageShot, Story
from sample_docs.raster import render
from sample_docs.sheet import Sheet
from sample_docs.textpdf import image_pdf, text_pdf


def doc_sheets(doc: Doc, story: Story) -> list[Sheet]:
    if doc.unreadable:
        return [Sheet()]
    if doc.data.get("family"):
        from sample_docs.families.render import render

        return render(doc, story)
    return RENDER[doc.doc_type](doc, story)


def page_image(doc: Doc, sheet: Sheet, shot: PageShot) -> Image.Image:
    if doc.unreadable:
        k = shot.dpi / 25.4
        return unreadable(shot, (round(210 * k * 0.75), round(297 * k * 0.75)))
    img = degrade(render(sheet, shot.dpi), shot)
    return rotate(img, shot.rotation)


def _quality(shot: PageShot) -> int:
    """Phone cameras compress harder than scanners (and their desks cost bytes)."""
    q = LEVELS[shot.severity].quality
    return q - 12 if shot.mode == "photo" else q


def _jpeg(img: Image.Image, quality: int) -> bytes:
    buf = io.BytesIO()
    if img.mode == "1":
        img = img.convert("L")
    img.save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def _png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=False, compress_level=9)
    return buf.getvalue()


def _tiff(images: list[Image.Image], dpi: int) -> bytes:
    buf = io.BytesIO()
    bw = [
        im
        if im.mode == "1"
        else im.convert("L").point(lambda v: 255 if v > 150 else 0).convert("1")
        for im in images
    ]
    bw[0].save(
        buf, "TIFF", save_all=True, append_images=bw[1:], compression="group4", dpi=(dpi, dpi)
    )
    return buf.getvalue()


def file_bytes(spec: FileSpec, story: Story) -> tuple[bytes, list[int]]:
    """The file's bytes and, per document, how many pages it got."""
    if spec.kind == "pdf_text":
        sheets: list[Sheet] = []
        counts = []
        for doc in spec.docs:
            s = doc_sheets(doc, story)
            sheets += s
            counts.append(len(s))
        return text_pdf(sheets, spec.name), counts
    images: list[tuple[Image.Image, PageShot]] = []
    counts = []
    for doc, shots in zip(spec.docs, spec.shots, strict=True):
        sheets = doc_sheets(doc, story)
        counts.append(len(sheets))
        for i, sheet in enumerate(sheets):
            shot = shots[min(i, len(shots) - 1)]
            images.append((page_image(doc, sheet, shot), shot))
    if spec.kind == "tiff":
        return _tiff([im for im, _ in images], images[0][1].dpi), counts
    if spec.kind == "pdf_scan":
        pages = [(_jpeg(im, _quality(s)), im.width, im.height, s.dpi) for im, s in images]
        return image_pdf(pages), counts
    img, shot = images[0]
    if spec.kind == "png":
        return _png(img), counts
    return _jpeg(img, _quality(shot)), counts

"""The instant check at upload: type, size, blurred, dark and tiny photos."""

from __future__ import annotations

import io

from PIL import Image, ImageFilter
from web_helpers import page_png

from semak.web.quality import Limits, check_upload


def _png(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def _page() -> Image.Image:
    return Image.open(io.BytesIO(page_png()))


def test_clear_page_passes() -> None:
    r = check_upload(page_png())
    assert r.ok and r.media_type == "image/png", r


def test_clear_jpeg_passes() -> None:
    out = io.BytesIO()
    _page().convert("RGB").save(out, "JPEG", quality=85)
    assert check_upload(out.getvalue()).ok


def test_blurred_photo_is_refused_with_reason() -> None:
    r = check_upload(_png(_page().filter(ImageFilter.GaussianBlur(4))))
    assert not r.ok and r.code == "blurred"
    assert "blurred" in r.message.lower()


def test_tiny_photo_is_refused() -> None:
    r = check_upload(_png(_page().resize((300, 420))))
    assert not r.ok and r.code == "tiny"
    assert r.metrics["width"] == 300


def test_dark_photo_is_refused() -> None:
    r = check_upload(_png(_page().point(lambda v: int(v * 0.15))))
    assert not r.ok and r.code == "dark"


def test_blank_page_is_refused() -> None:
    r = check_upload(_png(Image.new("L", (1200, 1600), 250)))
    assert not r.ok and r.code == "blank"


def test_wrong_type_empty_and_too_large() -> None:
    assert check_upload(b"hello, not a scan").code == "unsupported_type"
    assert check_upload(b"").code == "empty"
    assert check_upload(page_png(), Limits(max_bytes=1000)).code == "too_large"


def test_pdf_passes_on_type_and_size_only() -> None:
    assert check_upload(b"%PDF-1.7\n%fake but typed\n").ok


def test_broken_image_is_unreadable() -> None:
    assert check_upload(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100).code == "unreadable"

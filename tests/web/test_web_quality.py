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


def _png_header(width: int, height: int) -> bytes:
    """A PNG that declares ``width`` x ``height`` grey pixels and holds none."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b"")


def test_huge_png_is_refused_from_its_header_without_decoding(monkeypatch) -> None:
    from PIL import ImageFile

    def no_decode(self: object) -> None:
        raise AssertionError("the upload check decoded the image")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decode)
    r = check_upload(_png_header(10_000, 10_000))  # 100 Mpx: under the reader's limit
    assert not r.ok and r.code == "too_many_pixels"
    assert check_upload(_png_header(6_000, 6_000), Limits(max_decode_pixels=30_000_000)).code == (
        "too_many_pixels"
    )

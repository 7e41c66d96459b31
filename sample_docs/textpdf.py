"""Replay Sheets into a PDF with a real text layer, as clinic and payroll systems produce."""

from __future__ import annotations

import io

from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from sample_docs.fonts import pdf_font
from sample_docs.sheet import Ellipse, Ink, Line, Op, Poly, Rect, Sheet, Text

MM = 72.0 / 25.4
rl_config.useA85 = 0  # binary streams: scanned PDFs as small as real scanner output
_REGISTERED: set[str] = set()


def _font(name: str) -> str:
    key, path = pdf_font(name)
    face = f"SD-{key}"
    if face not in _REGISTERED:
        pdfmetrics.registerFont(TTFont(face, str(path)))
        _REGISTERED.add(face)
    return face


def _rgb(c: tuple[int, int, int]) -> tuple[float, float, float]:
    return c[0] / 255, c[1] / 255, c[2] / 255


class _Page:
    def __init__(self, cv: Canvas, sheet: Sheet) -> None:
        self.cv, self.h = cv, sheet.height

    def xy(self, x: float, y: float) -> tuple[float, float]:
        return x * MM, (self.h - y) * MM

    def op(self, o: Op) -> None:
        cv = self.cv
        if isinstance(o, Ink):
            cv.saveState()
            cv.setFillAlpha(o.alpha)
            cv.setStrokeAlpha(o.alpha)
            for sub in o.ops:
                self.op(sub)
            cv.restoreState()
            return
        if isinstance(o, Text):
            cv.setFillColorRGB(*_rgb(o.color))
            face = _font(o.font)
            cv.setFont(face, o.size)
            x, y = self.xy(o.x, o.y)
            {"l": cv.drawString, "c": cv.drawCentredString, "r": cv.drawRightString}[o.anchor](
                x, y, o.s
            )
            return
        cv.setStrokeColorRGB(*_rgb(o.color))
        cv.setLineWidth(o.width * MM)
        if isinstance(o, Line):
            cv.setDash(2, 2) if o.dash else cv.setDash()
            cv.line(*self.xy(o.x1, o.y1), *self.xy(o.x2, o.y2))
            cv.setDash()
        elif isinstance(o, Rect):
            self._fill(o.fill)
            x, y = self.xy(o.x, o.y + o.h)
            if o.radius:
                cv.roundRect(
                    x, y, o.w * MM, o.h * MM, o.radius * MM, stroke=1, fill=int(o.fill is not None)
                )
            else:
                cv.rect(
                    x, y, o.w * MM, o.h * MM, stroke=int(o.width > 0), fill=int(o.fill is not None)
                )
        elif isinstance(o, Ellipse):
            self._fill(o.fill)
            x1, y1 = self.xy(o.cx - o.rx, o.cy + o.ry)
            x2, y2 = self.xy(o.cx + o.rx, o.cy - o.ry)
            cv.ellipse(x1, y1, x2, y2, stroke=1, fill=int(o.fill is not None))
        elif isinstance(o, Poly):
            self._fill(o.fill)
            p = cv.beginPath()
            p.moveTo(*self.xy(*o.points[0]))
            for pt in o.points[1:]:
                p.lineTo(*self.xy(*pt))
            if o.closed or o.fill is not None:
                p.close()
            cv.drawPath(p, stroke=1, fill=int(o.fill is not None))

    def _fill(self, fill: tuple[int, int, int] | None) -> None:
        if fill is not None:
            self.cv.setFillColorRGB(*_rgb(fill))


def text_pdf(sheets: list[Sheet], title: str = "") -> bytes:
    buf = io.BytesIO()
    cv = Canvas(buf, invariant=1, pageCompression=1)
    cv.setTitle(title)
    cv.setCreator("ClinicSys 4.2")
    for sheet in sheets:
        cv.setPageSize((sheet.width * MM, sheet.height * MM))
        page = _Page(cv, sheet)
        for o in sheet.ops:
            page.op(o)
        cv.showPage()
    cv.save()
    return buf.getvalue()


def image_pdf(pages: list[tuple[bytes, int, int, int]]) -> bytes:
    """A scanned PDF: one JPEG per page, (jpeg bytes, width px, height px, dpi)."""
    buf = io.BytesIO()
    cv = Canvas(buf, invariant=1, pageCompression=1)
    cv.setCreator("Scanner ScanSnap")
    for data, w, h, dpi in pages:
        pw, ph = w * 72.0 / dpi, h * 72.0 / dpi
        cv.setPageSize((pw, ph))
        cv.drawImage(ImageReader(io.BytesIO(data)), 0, 0, pw, ph)
        cv.showPage()
    cv.save()
    return buf.getvalue()

"""Pages of placed words for the field tests: a form's rows as OCR's words give them."""

from __future__ import annotations

from intake.models import Page, Word

Row = list[tuple[str, float]]


def cell_page(rows: list[Row], name: str = "form.png", width: int = 1400,
              height: int | None = None) -> Page:  # fmt: skip
    """Each row's words placed left to right at x (12 px a letter, 20 px high), one row per
    line 40 px apart; the page's text is the rows' words, a line each."""
    words = [
        Word(text, (x, 40.0 * i, x + 12.0 * len(text), 40.0 * i + 20), 0.95, line=i, block=i)
        for i, row in enumerate(rows)
        for text, x in row
    ]
    text = "\n".join(" ".join(t for t, _ in row) for row in rows)
    tall = 40 * len(rows) + 40 if height is None else height
    return Page(name, 1, text, words=words, width=width, height=tall)

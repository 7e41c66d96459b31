"""The report for people: HTML in both languages, the PDF, and the page in a real browser."""

from __future__ import annotations

import base64
import io
from datetime import timedelta
from pathlib import Path

import pytest
from verifier_helpers import ACCIDENT, complete_docs, doc, mc, results_of, run

from verifier.render import render_html, render_pdf

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def needs_review_report() -> dict:
    docs = [d for d in complete_docs() if str(d.doc_type) != "attendance_record"]
    docs += [
        doc(
            "police_report",
            file="polis.jpg",
            ic="870903-10-6233",
            name="SITI BINTI ALI",
            document_date=ACCIDENT,
        ),
        mc(ACCIDENT, ACCIDENT + timedelta(days=4), days=6, file="mc2.jpg"),
    ]
    results = results_of(docs)
    for r in results:  # page sizes, so the evidence can be boxed on a thumbnail
        from intake.models import Page

        r.pages = [Page(file=r.file, number=1, text="", width=400, height=300)]
    return run(docs, results=results, accident_kind="commuting")


def test_html_shows_checklist_findings_actions_and_basis() -> None:
    report = needs_review_report()
    html = render_html(report, "en")
    assert 'data-verdict="incomplete"' in html
    assert "Incomplete" in html and "Attendance record or employer letter" in html
    assert html.count('class="finding') == len(report["findings"])
    assert "What to do" in html and "Legal basis" in html
    assert "PERKESO identifies every insured person by the MyKad number" in html  # R16's basis
    assert "<mark>870903-10-6233</mark>" in html  # the words, without page images
    assert "870903-10-6231" not in html.split('id="documents"')[1]  # IC masked in the table


def test_html_in_malay() -> None:
    html = render_html(needs_review_report(), "ms")
    assert 'lang="ms"' in html and "Tidak lengkap" in html and "Dokumen wajib" in html
    assert "Tindakan" in html and "Rekod kedatangan / surat majikan" in html
    assert "What to do" not in html


def test_html_escapes_printed_text() -> None:
    report = run([*complete_docs(), doc("other", file="<script>x.jpg", readable=False)])
    html = render_html(report)
    assert "<script>x.jpg" not in html and "&lt;script&gt;x.jpg" in html


def test_pdf_is_a_pdf_with_the_verdict() -> None:
    data = render_pdf(needs_review_report(), "en")
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert len(data) > 1500
    assert render_pdf(needs_review_report(), "ms") != data


def page_image() -> str:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (400, 300), "white")
    draw = ImageDraw.Draw(img)
    draw.text((10, 20), "NO. KP: 870903-10-6233", fill="black")
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


@pytest.mark.browser
def test_report_page_in_a_real_browser(tmp_path: Path) -> None:
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    report = needs_review_report()
    html = render_html(report, "ms", page_images={("polis.jpg", 1): page_image()})
    page_file = tmp_path / "report.html"
    page_file.write_text(html, encoding="utf-8")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 1200})
            page.goto(page_file.as_uri())
            assert page.locator("#verdict strong").inner_text() == "Tidak lengkap"
            missing = page.locator("#checklist tr.req-missing")
            assert missing.count() == 2  # attendance record and sketch map
            assert page.locator("article.finding").count() == len(report["findings"])
            box = page.locator("article[data-code=IC_MISMATCH] .thumb .hl").first
            assert box.is_visible()
            width = box.bounding_box()["width"]
            assert width > 20  # 190 of 400 pixels on a 240-pixel thumbnail
            page.screenshot(path=str(ARTIFACTS / "verifier_report_ms.png"), full_page=True)
        finally:
            browser.close()
    assert (ARTIFACTS / "verifier_report_ms.png").stat().st_size > 10_000


def test_fragment_for_embedding_has_no_document_wrapper() -> None:
    html = render_html(needs_review_report(), "en", fragment=True)
    assert html.lstrip().startswith("<style>") and "<html" not in html and "<body" not in html
    assert '<div class="semak-report"' in html and html.rstrip().endswith("</div>")
    assert "<main" not in html  # the page embedding it has its own <main>


def _contrast(fg: str, bg: str) -> float:
    def lum(h: str) -> float:
        def lin(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (int(h[i : i + 2], 16) / 255 for i in (1, 3, 5))
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)

    hi, lo = sorted((lum(fg), lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_status_and_note_colours_reach_wcag_aa() -> None:
    """'Present', 'Missing' and the small print are read on white: 4.5:1 at least (WCAG AA)."""
    import re

    html = render_html(needs_review_report(), "en")
    for selector in (r"\.ok", r"\.no", r"\.basis, \.semak-report \.small"):
        rule = re.search(r"\.semak-report " + selector + r" \{ color: (#[0-9a-f]{6})", html)
        assert rule, selector
        assert _contrast(rule.group(1), "#ffffff") >= 4.5, (selector, rule.group(1))


def _evidence_pages(report: dict) -> list[tuple[str, int]]:
    pages = {(e["file"], e["page"]) for f in report["findings"] for e in f.get("documents", [])}
    assert pages  # the findings point at pages
    return sorted(pages)


def test_a_finding_pointing_at_a_page_url_renders_the_whole_report() -> None:
    """The portal passes its page route's URLs; they are used as they are, never opened."""
    report = needs_review_report()
    urls = {
        (file, page): f"/claims/abc/documents/{i}/pages/{page}.png"
        for i, (file, page) in enumerate(_evidence_pages(report))
    }
    html = render_html(report, "en", page_images=urls, fragment=True)
    assert "What to do" in html and "Legal basis" in html
    for url in urls.values():
        assert f'src="{url}"' in html


def test_page_image_values_are_never_read_as_files(tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG secret bytes of another claim")
    inlined = base64.b64encode(secret.read_bytes()).decode()
    report = needs_review_report()
    (first, page), *_ = _evidence_pages(report)
    for value in ("../secret.png", "secret.png", "javascript:alert(1)", "//x/y"):
        html = render_html(report, "en", page_images={(first, page): value})
        assert inlined not in html and "What to do" in html
        assert "<img" not in html.split('class="finding', 1)[1]  # dropped, not shown broken
    for value in (str(secret), "/etc/passwd"):  # a URL on the site at most; never read
        html = render_html(report, "en", page_images={(first, page): value})
        assert f'src="{value}"' in html and inlined not in html and "What to do" in html
    assert "cm9vd" not in html  # base64 of "root:", /etc/passwd's first line
    html = render_html(report, "en", page_images={(first, page): secret.read_bytes()})
    assert f"data:image/png;base64,{inlined}" in html  # bytes given on purpose are inlined


def test_each_page_names_the_engine_that_read_it_and_the_title_is_the_benefits() -> None:
    """Item 11: the engine per page in the documents table (the footer lists all of them);
    a report without its claim's title still names the benefit, never its key (item 6)."""
    report = needs_review_report()
    first = report["documents"][0]
    first["pages"], first["page_engines"] = [1, 2], ["tesseract 5.5.4", "tesseract 5.5.4 (child)"]
    report.pop("claim", None)
    for lang, title in (("en", "Temporary Disablement Benefit"), ("ms", "Faedah Hilang Upaya")):
        html = render_html(report, lang)
        row = html.split('id="documents"')[1].split("</tr>")[1]
        assert '1 <span class="small engine">(tesseract 5.5.4)</span>, 2 <span' in row
        assert "(tesseract 5.5.4 (child))" in row
        assert title in html and "temporary_disablement" not in html

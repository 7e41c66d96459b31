"""The claim form's limits in a real browser (Debian's Chromium, Playwright), against the real app
in a thread (no worker: nothing here is read): a file over the per-file limit is marked refused
on drop, with its name and the limit, and never sent; files that together pass the claim limit
are refused before sending, with a message that says so (issue #22, item 3). axe finds nothing
on the form, in English and Malay.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from axe_check import assert_accessible
from e2e_browser import EMPLOYER, create_employer, desktop, login, png_file, serve, set_lang

pytestmark = [pytest.mark.browser, pytest.mark.redis]

MB = 1024 * 1024
FILE_LIMIT = MB // 2  # stated as "0.5 MB"
CLAIM_LIMIT = MB  # stated as "1 MB"


def _scan(side: int, seed: int) -> bytes:
    """A noisy grey page of about side * side bytes as PNG (noise does not compress)."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(seed)
    pixels = rng.integers(40, 215, size=(side, side), dtype=np.uint8)
    out = io.BytesIO()
    Image.fromarray(pixels, "L").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def server(make_app: Any, settings: Any) -> Iterator[tuple[str, list[str]]]:
    limits = {"max_upload_bytes": FILE_LIMIT, "max_claim_bytes": CLAIM_LIMIT, "max_files": 30}
    app = make_app(SETTINGS=settings.with_overrides(**limits), WTF_CSRF_ENABLED=True)
    with app.extensions["semak"].db.session() as s:
        create_employer(s)
    posted: list[str] = []

    @app.before_request
    def _seen() -> None:
        from flask import request

        posted.append(request.path)

    with serve(app) as base:
        yield base, posted


def _open_form(browser: Any, base: str, lang: str) -> Any:
    page = desktop(browser).new_page()
    login(page, base, EMPLOYER)
    set_lang(page, lang)
    page.goto(f"{base}/employer/claims/new")
    return page


def _fill_claim(page: Any) -> None:
    page.locator("#claim_type").select_option("temporary_disablement")
    page.locator("#insured_name").fill("SITI AMINAH BINTI ABU")
    page.locator("#insured_ic").fill("900101-14-5678")
    page.locator("#accident_date").fill("2026-10-02")
    page.locator("#accident_kind").select_option("workplace")


@pytest.mark.parametrize(
    ("lang", "refused", "file_limit", "claim_limit"),
    [
        ("en", "refused", "the limit is 0.5 MB per file", "the limit is 1 MB per claim"),
        ("ms", "ditolak", "hadnya 0.5 MB bagi setiap fail", "hadnya 1 MB bagi setiap tuntutan"),
    ],
)
def test_limits_are_checked_on_drop_and_before_sending(
    server: tuple[str, list[str]],
    browser: Any,
    lang: str,
    refused: str,
    file_limit: str,
    claim_limit: str,
) -> None:
    base, posted = server
    page = _open_form(browser, base, lang)
    assert_accessible(page)
    big = _scan(800, 1)  # about 0.6 MB
    assert len(big) > FILE_LIMIT
    posted.clear()
    page.locator("#files").set_input_files([png_file("big-scan.png", big)])
    row = page.locator("[data-file-list] li", has_text="big-scan.png")
    row.locator(".bad").wait_for()
    text = row.inner_text()
    assert refused in text and file_limit in text, text
    assert "/employer/check-file" not in posted  # refused on drop, never sent
    row.get_by_role("button").click()

    scans = [png_file(f"scan-{i}.png", _scan(600, 10 + i)) for i in (1, 2, 3)]
    assert all(len(s["buffer"]) <= FILE_LIMIT for s in scans)
    assert sum(len(s["buffer"]) for s in scans) > CLAIM_LIMIT
    page.locator("#files").set_input_files(scans)
    ready = page.locator("[data-file-list] li .ok")
    ready.nth(2).wait_for()
    assert ready.count() == 3
    _fill_claim(page)
    posted.clear()
    page.locator("#submit-claim").click()
    error = page.locator("[data-form-error]")
    error.wait_for()
    message = error.inner_text()
    assert claim_limit in message, message
    assert "connection" not in message and "sambungan" not in message
    assert "/employer/claims/new" not in posted  # refused before sending
    assert_accessible(page)
    page.context.close()


def test_a_server_refusal_is_shown_without_the_network_line(
    server: tuple[str, list[str]], browser: Any
) -> None:
    base, _posted = server
    page = _open_form(browser, base, "en")
    page.locator("#files").set_input_files([png_file("scan.png", _scan(600, 5))])
    page.locator("[data-file-list] li .ok").wait_for()
    _fill_claim(page)
    page.locator("#insured_ic").fill("900101-00-5678")  # state code 00: not a MyKad
    page.locator("#submit-claim").click()
    page.locator("#field-insured_ic .error").wait_for()
    message = page.locator("[data-form-error]").inner_text()
    assert "Check the connection" not in message, message
    assert "Check the fields marked below." in message
    page.context.close()

"""What the browser tests share: the demo accounts, where screenshots go, the app served by
werkzeug in a thread, the desktop and phone contexts, logging in and switching the language."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "tests" / "artifacts" / "screenshots"
DOCS = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
PASSWORD = "demo-password-123"
EMPLOYER = "clerk@demo.semak"
OFFICER = "officer@demo.semak"
FITS_JS = "document.documentElement.scrollWidth <= window.innerWidth + 1"


def create_employer(session: Any) -> Any:
    """The demo employer's clerk (DEMO001), password PASSWORD."""
    from semak.auth import create_user

    return create_user(
        session,
        EMPLOYER,
        "employer",
        password=PASSWORD,
        employer_code="DEMO001",
        employer_name="Demo Sdn. Bhd.",
    )


def create_officer(session: Any) -> Any:
    from semak.auth import create_user

    return create_user(session, OFFICER, "officer", password=PASSWORD)


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """The app served by werkzeug in a thread on a free port; yields its base URL."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


def desktop(browser: Any, timeout: int | None = 20_000) -> Any:
    """A desktop browser context in British English (1280 x 900)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    if timeout is not None:
        ctx.set_default_timeout(timeout)
    return ctx


def phone(browser: Any) -> Any:
    """A phone's browser context (390 x 844, touch) set to Malay."""
    return browser.new_context(
        viewport={"width": 390, "height": 844}, locale="ms-MY", is_mobile=True, has_touch=True
    )


def login(page: Any, base: str, email: str, *, by_label: bool = False) -> None:
    """Log in through the form; by_label finds the fields by their English labels."""
    page.goto(f"{base}/login")
    if by_label:
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(PASSWORD)
    else:
        page.locator("#email").fill(email)
        page.locator("#password").fill(PASSWORD)
    page.locator("#login-submit").click()
    page.wait_for_load_state()


def set_lang(page: Any, lang: str) -> None:
    page.locator("select[name=lang]").select_option(lang)  # submits on change
    page.wait_for_function(f"document.documentElement.lang === '{lang}'")


def png_file(name: str, data: bytes) -> dict[str, Any]:
    """A PNG as Playwright's set_input_files takes it."""
    return {"name": name, "mimeType": "image/png", "buffer": data}


def publish(names: Iterable[str], *, only_taken: bool = False) -> None:
    """Copy screenshots to docs/screenshots/ (only_taken: skip those this run did not take)."""
    DOCS.mkdir(parents=True, exist_ok=True)
    for name in names:
        if not only_taken or (SHOTS / name).exists():
            shutil.copyfile(SHOTS / name, DOCS / name)

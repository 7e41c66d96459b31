"""Fixtures for the portal tests: the four kinds of people, a claim of employer A with a stored
page and a report, logged-in clients."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # web_helpers, under --import-mode=importlib

from web_helpers import INSURED_IC, PASSWORD, REPORT, login, page_png, reading


@dataclass
class People:
    employer_a: Any
    employer_b: Any
    officer: Any
    admin: Any


@pytest.fixture(autouse=True)
def _no_queue(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The portal tests stop at the queue: claims are stored, not read (the browser test runs
    the real worker). A worker left running by other tests must not rewrite these claims."""
    from semak import claims

    queued: list[str] = []

    def enqueue(*args: Any, **kwargs: Any) -> None:
        queued.append(args[2].public_id)

    monkeypatch.setattr(claims, "_enqueue", enqueue)
    return queued


@pytest.fixture(autouse=True)
def _clear_login_throttle(redis_conn: Any) -> Iterator[None]:
    yield
    keys = list(redis_conn.scan_iter("semak:login-fail:*"))
    keys += list(redis_conn.scan_iter("semak:revoked-session:*"))
    if keys:
        redis_conn.delete(*keys)


@pytest.fixture
def people(make_user: Callable[..., tuple[Any, str]]) -> People:
    a, _ = make_user("a@employer-a.my", "employer", "EA0001", password=PASSWORD)
    b, _ = make_user("b@employer-b.my", "employer", "EB0002", password=PASSWORD)
    o, _ = make_user("officer@perkeso.gov.my", "officer", None, password=PASSWORD)
    adm, _ = make_user("admin@perkeso.gov.my", "admin", None, password=PASSWORD)
    return People(a, b, o, adm)


@pytest.fixture
def as_user(app: Any) -> Callable[[str], Any]:
    def make(email: str) -> Any:
        c = app.test_client()
        resp = login(c, email)
        assert resp.status_code == 302, resp.get_data(as_text=True)[:500]
        return c

    return make


@dataclass
class ClaimA:
    public_id: str
    claim_id: int
    doc_id: int


@pytest.fixture
def make_claim(app: Any) -> Callable[..., ClaimA]:
    """make_claim(user_id, reference, report=REPORT, file_lines=None, **claim_fields): a claim
    read and reported, the report written as a worker would; its one file, ``mc.png``, is a
    page of ``file_lines`` (default: the reference), so two claims may share one file."""
    from semak import claims
    from semak.claims import UploadFile
    from semak.models import Claim, Report, User
    from semak.reports import store_reading

    svc = app.extensions["semak"]

    def make(
        user_id: int,
        reference: str,
        report: dict[str, Any] | None = None,
        file_lines: list[str] | None = None,
        **fields: Any,
    ) -> ClaimA:
        report = report or REPORT
        data = {
            "claim_id": reference,
            "claim_type": "temporary_disablement",
            "insured_name": "MUHAMMAD HAFIZ BIN ISMAIL",
            "insured_ic": INSURED_IC,
            "accident_date": "2026-10-02",
            "accident_kind": "commuting",
            "employment_status": "employed",
            **fields,
        }
        with svc.db.session() as s:
            user = s.get(User, user_id)
            claim = claims.create_claim(
                user,
                data,
                [UploadFile("mc.png", io.BytesIO(page_png(file_lines or [reference])))],
                session=s,
                svc=svc,
            )
            c = s.get(Claim, claim.id)
            assert c is not None
            store_reading(c, reading())  # as the worker stores what it read
            s.add(Report(claim_id=c.id, data=report, verdict=report["verdict"]))
            c.status, c.verdict = "done", report["verdict"]
            return ClaimA(c.public_id, c.id, c.documents[0].id)

    return make


@pytest.fixture
def claim_a(people: People, make_claim: Callable[..., ClaimA]) -> ClaimA:
    """A claim of employer A: incomplete, the sketch map missing."""
    return make_claim(people.employer_a.id, "C-A-1")

"""The report page as a person reads it, in Malay and in English: no raw field key, finding
code, rule id or "p.1"; Malay pages carry none of the English words of the report."""

from __future__ import annotations

import copy
import html as html_lib
import re
from collections.abc import Callable
from typing import Any

import pytest
from web_helpers import FINDINGS, REPORT

pytestmark = pytest.mark.redis

RAW = re.compile(
    r"\b(ic_number|mc_days|mc_start|mc_end|document_date|report_number|notified_date|"
    r"[A-Z]+_[A-Z_]+|R\d{2})\b|\bp\.\d|domain\.md|SEED"
)
ENGLISH_ON_MS = ("Findings", "Required documents", "What to do", "Legal basis", "Evidence")


def _rich_report() -> dict[str, Any]:
    report = copy.deepcopy(REPORT)
    report["documents"][0]["fields"]["report_number"] = "IPD/123/2026"
    report["findings"] = copy.deepcopy(FINDINGS)
    return report


def _visible(page: str) -> str:
    body = page.split("<body", 1)[1]
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    return " ".join(html_lib.unescape(body).split())


@pytest.mark.parametrize("with_page", [True, False], ids=["evidence-page", "no-page"])
@pytest.mark.parametrize("lang", ["ms", "en"])
def test_report_page_shows_no_raw_key_or_code(
    lang: str, with_page: bool, people: Any, make_claim: Any, as_user: Callable[[str], Any]
) -> None:
    report = _rich_report()
    if not with_page:  # the full report renders (a page image is another engineer's fix, #22.1)
        report["findings"][1]["documents"] = [{"file": "mc.png", "words": "5"}]
    claim = make_claim(people.employer_a.id, f"M-{lang}-{with_page}", report)
    c = as_user("a@employer-a.my")
    c.post("/language", data={"lang": lang})
    page = c.get(f"/employer/claims/{claim.public_id}").get_data(as_text=True)
    assert with_page or 'id="full-report"' in page
    text = _visible(page)
    assert not RAW.search(text), RAW.search(text)
    if lang == "ms":
        for english in ENGLISH_ON_MS:
            assert english not in text, english
        for malay in ("Dapatan", "Dokumen tiada", "Tarikh tidak sepadan"):
            assert malay in text, malay
        assert with_page is False or "(halaman 1)" in text
        assert "Penemuan" not in text  # one word for findings on the page

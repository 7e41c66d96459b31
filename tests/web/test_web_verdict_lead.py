"""The employer's report page leads with the verdict and what to do now, in the reader's
language, above the checklist."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

import pytest
from web_helpers import REPORT

pytestmark = pytest.mark.redis

FINDING_IC = {
    "code": "IC_MISMATCH",
    "severity": "error",
    "message": "The police report gives the insured's IC as 870903-10-6233.",
    "message_ms": "Laporan polis mencatat No. KP orang berinsurans sebagai 870903-10-6233.",
    "documents": [],
}
FINDING_MC = {
    "code": "MC_TOO_SHORT",
    "severity": "error",
    "message": "Certified sick leave counts 2 day(s) including the accident day.",
    "message_ms": "Cuti sakit yang diperakui berjumlah 2 hari termasuk hari kemalangan.",
    "documents": [],
}
PRESENT = [{"doc_type": "medical_certificate", "status": "present"}]

CASES = {  # verdict: (report changes, English sentence, Malay sentence, verdict words)
    "complete": (
        {"requirements": PRESENT, "findings": []},
        "Nothing more to send: PERKESO will now decide on the claim.",
        "Tiada apa-apa lagi perlu dihantar: PERKESO akan membuat keputusan.",
        ("Complete", "Lengkap"),
    ),
    "incomplete": (
        {},
        "Upload what is missing: Sketch map of the accident.",
        "Muat naik yang tiada: Peta lakar kemalangan.",
        ("Incomplete", "Tidak lengkap"),
    ),
    "ineligible": (
        {"requirements": PRESENT, "findings": [FINDING_MC]},
        "As read, the claim does not qualify: Certified sick leave counts 2 day(s)",
        "Seperti yang dibaca, tuntutan ini tidak layak: Cuti sakit yang diperakui berjumlah 2",
        ("Ineligible", "Tidak layak"),
    ),
    "needs_review": (
        {"requirements": PRESENT, "findings": [FINDING_IC]},
        "a PERKESO officer will check the IC numbers on the documents.",
        "pegawai PERKESO akan menyemak nombor KP pada dokumen.",
        ("Needs review", "Perlu disemak"),
    ),
}


def _text(html: str) -> str:
    import html as html_lib

    lead = html.split('id="verdict-lead"', 1)[1].split("</section>", 1)[0]
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", lead)).split())


@pytest.mark.parametrize("verdict", list(CASES))
def test_report_page_leads_with_verdict_and_next_step(
    verdict: str, people: Any, make_claim: Any, as_user: Callable[[str], Any]
) -> None:
    changes, en, ms, words = CASES[verdict]
    report = copy.deepcopy(REPORT)
    report.update(verdict=verdict, **copy.deepcopy(changes))
    claim = make_claim(people.employer_a.id, f"L-{verdict}", report)
    c = as_user("a@employer-a.my")
    for lang, sentence, word in (("en", en, words[0]), ("ms", ms, words[1])):
        c.post("/language", data={"lang": lang})
        html = c.get(f"/employer/claims/{claim.public_id}").get_data(as_text=True)
        assert html.index('id="verdict-lead"') < html.index('id="portal-checklist"')
        assert html.index('id="verdict-lead"') < html.index('class="facts')
        lead = _text(html)
        assert word in lead and sentence in lead, lead
        other = ms if lang == "en" else en
        assert other not in lead

"""The claim form's "You will need" hint is read from the rules, so it cannot drift from them
(#23): an occupational-disease claim names Borang 68/69 and Borang 10 as the rules do, and a
dependants' claim names the police report a commuting accident needs."""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.redis


def _hints(client: Any) -> dict[str, str]:
    page = client.get("/employer/claims/new").get_data(as_text=True)
    found = re.findall(r'<p class="help" data-claim-types="([a-z_]+)">(.*?)</p>', page, re.S)
    return {ct: " ".join(htmllib.unescape(text).split()) for ct, text in found}


@pytest.fixture
def employer(people: Any, as_user: Callable[[str], Any]) -> Any:
    return as_user("a@employer-a.my")


def test_occupational_disease_hint_names_the_forms_the_rules_accept(employer: Any) -> None:
    hint = _hints(employer)["occupational_disease"]
    for label in ("Borang 34", "Borang 68", "Borang 69", "Borang 10"):
        assert label in hint, hint
    # Borang 68 while employed, 69 after leaving (occupational_disease.yml: notice)
    assert re.search(r"Borang 68 [^;]*if the insured still works here", hint), hint
    assert re.search(r"Borang 69 [^;]*if the insured has left the job", hint), hint
    # Borang 10 only with the legacy forms and a medical certificate (legacy_claim_form)
    legacy = r"with Borang 68 .* or Borang 69 .* and Medical certificate.*: Borang 10"
    assert re.search(legacy, hint), hint


def test_dependants_hint_names_the_police_report_of_a_commuting_accident(employer: Any) -> None:
    hint = _hints(employer)["dependants_benefit"]
    assert "for a commuting accident: Police report" in hint, hint
    assert "Police report" not in hint.split(";")[0]  # not asked of every dependants' claim


def test_hint_in_malay(employer: Any) -> None:
    employer.post("/language", data={"lang": "ms"})
    hint = _hints(employer)["dependants_benefit"]
    assert "bagi kemalangan perjalanan: Laporan polis" in hint, hint
    assert "MyKad si mati" in hint  # the requirement's own note, in Malay


def test_every_claim_type_of_the_rules_is_offered(employer: Any) -> None:
    from verifier.rules import load_rules

    assert set(_hints(employer)) == set(load_rules().claim_types)

"""An IC that differs from the claim's only in its date of birth is IC_MISMATCH, and the
finding says which part differs, in both languages (issue #22 item 4)."""

from __future__ import annotations

from verifier_helpers import complete_docs, doc, run


def test_an_ic_differing_only_in_the_birth_date_is_a_mismatch_that_says_so() -> None:
    report = run([*complete_docs(), doc("wage_statement", file="slip2.jpg", ic="870904-10-6231")])
    (finding,) = [f for f in report["findings"] if f["code"] == "IC_MISMATCH"]
    assert finding["details"] == {"differs_in": "birth_date"}
    assert "date-of-birth part differs (870904, the claim's 870903)" in finding["message"]
    assert "tarikh lahir berbeza (870904, dalam tuntutan 870903)" in finding["message_ms"]
    assert report["verdict"] == "needs_review"


def test_another_part_differing_keeps_the_plain_message() -> None:
    report = run([*complete_docs(), doc("wage_statement", file="slip2.jpg", ic="870903-10-6233")])
    (finding,) = [f for f in report["findings"] if f["code"] == "IC_MISMATCH"]
    assert "details" not in finding and "date-of-birth" not in finding["message"]


def test_differing_part() -> None:
    from verifier.checks.identity import differing_part

    assert differing_part("870904106231", "870903106231") == "birth_date"
    assert differing_part("870903106233", "870903106231") is None
    assert differing_part("870904106233", "870903106231") is None
    assert differing_part("8709", "870903106231") is None

"""PDPA: a full run (upload, a real worker reading with Tesseract, a failure, the report, the
status calls) leaves no IC number, name or medical detail in the web or worker logs."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest
from reliability_helpers import finished, mc_png, status_of, upload, wait_until
from service_scans import INSURED_IC, INSURED_NAME

pytestmark = [pytest.mark.redis, pytest.mark.tesseract]
SECRETS = [
    re.compile(r"870903\D{0,3}10\D{0,3}6231"),  # the IC, any way written
    re.compile(r"HAFIZ", re.I),  # the name
    re.compile(r"tidak sihat|MMC 45123|Aminah", re.I),  # the medical certificate's text
]
PRELUDE = "from semak.logscrub import install_log_scrubber; install_log_scrubber()"


def _leaks(text: str) -> list[str]:
    return [m.group(0) for rx in SECRETS for m in rx.finditer(text)]


def test_a_full_run_logs_no_personal_data(
    rel_app: Any,
    rel_client: Any,
    make_user: Any,
    workers: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from semak.logscrub import install_log_scrubber, uninstall_log_scrubber

    install_log_scrubber()
    caplog.set_level(logging.DEBUG)
    try:
        _, token = make_user()
        worker = workers.start(prelude=PRELUDE)
        # the IC is in the file name and the claim; the name and diagnosis in the pixels
        ok = upload(rel_client, token, [(mc_png(60), f"MC {INSURED_IC} {INSURED_NAME}.png")])
        assert ok.status_code == 202
        bad = upload(rel_client, token, [(mc_png(61), "x.png")], insured_ic="870903-10-623")
        assert bad.status_code == 400  # an invalid claim: its error must not echo the IC
        cid = ok.get_json()["id"]
        body = wait_until(rel_client, token, cid, finished, 120, worker.log)
        assert body["status"] == "done"
        report = status_of(rel_client, token, cid)["report"]
        fields = [d.get("fields", {}) for d in report["documents"]]
        assert any(f.get("ic_number") == INSURED_IC for f in fields), "the run read the IC"
        worker.stop()
        worker_log = worker.log_path.read_text(errors="replace")
    finally:
        uninstall_log_scrubber()
    web_log = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert "claim" in (web_log + worker_log).lower(), "the logs were captured"
    assert len(worker_log) > 200
    assert _leaks(worker_log) == [], worker_log[-3000:]
    assert _leaks(web_log) == [], web_log[-3000:]

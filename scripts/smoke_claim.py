"""Send one sample_docs bundle to a running Semak and wait for its report (docker-smoke.sh).

    python scripts/smoke_claim.py BASE_URL BUNDLE_DIR --token-cmd "CMD {employer_code}"

Exits 0 when the claim is done with a report whose verdict is printed beside the expected one;
1 when it failed or did not finish in time.
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any


def wait_healthy(base: str, seconds: float = 120) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=5) as r:
                if json.load(r).get("status") == "ok":
                    return
        except OSError:
            pass
        time.sleep(1)
    raise SystemExit(f"smoke: {base}/healthz did not answer ok")


def token(cmd: str, employer_code: str) -> str:
    out = subprocess.run(
        shlex.split(cmd.format(employer_code=employer_code)), capture_output=True, text=True
    )
    if out.returncode:
        raise SystemExit(f"smoke: token command failed: {out.stderr.strip()}")
    return out.stdout.strip().splitlines()[-1]


def upload(base: str, tok: str, bundle: Path) -> str:
    files = [p for p in sorted(bundle.iterdir()) if p.suffix != ".json"]
    cmd = ["curl", "-sS", "-H", f"Authorization: Bearer {tok}", "-F", f"claim=@{bundle}/claim.json"]
    for f in files:
        cmd += ["-F", f"files=@{f}"]
    body = json.loads(subprocess.run([*cmd, f"{base}/api/v1/claims"], check=True,
                                     capture_output=True, text=True).stdout)  # fmt: skip
    print(f"smoke: uploaded {len(files)} files: {body}")
    return str(body["id"])


def poll(base: str, tok: str, cid: str, seconds: float = 300) -> dict[str, Any]:
    req = urllib.request.Request(f"{base}/api/v1/claims/{cid}",
                                 headers={"Authorization": f"Bearer {tok}"})  # fmt: skip
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        with urllib.request.urlopen(req, timeout=10) as r:
            body: dict[str, Any] = json.load(r)
        if body["status"] in ("done", "failed"):
            return body
        time.sleep(2)
    raise SystemExit(f"smoke: claim {cid} not finished after {seconds:.0f} s")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("bundle", type=Path)
    ap.add_argument("--token-cmd", required=True)
    a = ap.parse_args()
    claim = json.loads((a.bundle / "claim.json").read_text())
    wait_healthy(a.base)
    tok = token(a.token_cmd, claim["employer_code"])
    started = time.monotonic()
    body = poll(a.base, tok, upload(a.base, tok, a.bundle))
    report = body.get("report") or {}
    expected = json.loads((a.bundle / "expected_report.json").read_text())["verdict"]
    print(f"smoke: {body['status']} in {time.monotonic() - started:.0f} s; verdict "
          f"{report.get('verdict')} (expected {expected}); findings "
          f"{sorted(f['code'] for f in report.get('findings', []))}")  # fmt: skip
    return 0 if body["status"] == "done" and report.get("verdict") else 1


if __name__ == "__main__":
    sys.exit(main())

"""Time of one API upload of a hostile multi-frame TIFF, in-process (Flask test client).

    python -m bench.uploads                  # 50,000 frames of 1x1 (~5 MB), 3 runs
    python -m bench.uploads --frames 20000 --runs 1

It builds an app on a temporary SQLite database and storage folder (Redis is not needed: the
request is refused before anything is queued), posts one claim holding the TIFF and prints the
status, the error code and the wall time of each request. Run it on two checkouts to compare.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=50_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "tests" / "security"))
    sys.path.insert(0, str(ROOT / "tests" / "service"))
    from hostile import tiff_many_frames
    from service_scans import claim_data

    from semak.auth import create_user, issue_token
    from semak.config import Settings
    from semak.db import Database
    from semak.factory import create_app

    data = tiff_many_frames(args.frames)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/semak.db"
        Database(url).upgrade()
        settings = Settings(
            database_url=url,
            redis_url="redis://127.0.0.1:1/0",
            storage_dir=Path(tmp) / "storage",
            instance_dir=Path(tmp),
            secret_key="bench",
        )
        app = create_app({"SETTINGS": settings, "TESTING": True})
        with app.extensions["semak"].db.session() as s:
            user = create_user(s, "bench@example.my", "employer", employer_code="E1")
            token = issue_token(s, user)
            s.commit()
        client = app.test_client()
        print(f"{args.frames} frames, {len(data) / 1e6:.1f} MB")
        for run in range(args.runs):
            body = {"claim": json.dumps(claim_data()), "files": [(io.BytesIO(data), "s.tif")]}
            started = time.perf_counter()
            resp = client.post(
                "/api/v1/claims", data=body, headers={"Authorization": f"Bearer {token}"}
            )
            took = time.perf_counter() - started
            code = (resp.get_json() or {}).get("error", {}).get("code")
            print(f"run {run + 1}: HTTP {resp.status_code} {code} in {took:.3f} s")
        app.extensions["semak"].close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

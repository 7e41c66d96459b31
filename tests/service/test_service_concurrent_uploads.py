"""Two uploads to one claim at the same moment: both files are kept, in distinct positions.

The race is made deterministic: session A loads the claim and its documents, then session B
adds a file and commits, then A adds its own with its stale list of documents (what a second
request running alongside the first sees). Before the fix A's insert clashed on
(claim_id, position) and the API answered 500.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from service_scans import MC_LINES, claim_data, medical_certificate_png
from sqlalchemy import select

from semak import claims
from semak.claims import UploadFile
from semak.models import Claim, User

pytestmark = pytest.mark.postgres


def _file(name: str, seed: int) -> UploadFile:
    lines = [*MC_LINES, f"Salinan {seed}"]  # distinct bytes: three files, not one stored thrice
    return UploadFile(name, io.BytesIO(medical_certificate_png(lines)))


def test_concurrent_uploads_to_one_claim_keep_both_files(app: Any, make_user: Any) -> None:
    svc = app.extensions["semak"]
    user, _ = make_user()
    with svc.db.Session() as s:
        owner = s.get(User, user.id)
        public_id = claims.create_claim(
            owner, claim_data(), [_file("mc.png", 0)], session=s, svc=svc
        ).public_id

    with svc.db.Session() as a, svc.db.Session() as b:
        claim_a = a.scalar(select(Claim).where(Claim.public_id == public_id))
        assert claim_a is not None and len(claim_a.documents) == 1  # loaded, now stale
        claim_b = b.scalar(select(Claim).where(Claim.public_id == public_id))
        claims.add_documents(
            claim_b, [_file("second.png", 1)], user=b.get(User, user.id), session=b, svc=svc
        )
        claims.add_documents(
            claim_a, [_file("third.png", 2)], user=a.get(User, user.id), session=a, svc=svc
        )

    with svc.db.Session() as s:
        claim = s.scalar(select(Claim).where(Claim.public_id == public_id))
        assert claim is not None
        docs = sorted(claim.documents, key=lambda d: d.position)
        assert [d.original_name for d in docs] == ["mc.png", "second.png", "third.png"]
        assert [d.position for d in docs] == [0, 1, 2]
        for d in docs:
            assert svc.storage.exists(d.storage_key), d.original_name

"""A second look by an officer at a share of the claims the machine found complete.

Deterministic: a claim is sampled when the hash of its public id falls under the rate
(``Settings.sample_rate``, SEMAK_SAMPLE_RATE), so the choice is reproducible and cannot be
steered by resubmitting. Each claim is checked once (``Claim.sampling_checked``).
"""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from semak import audit
from semak.models import Claim


def sample_draw(public_id: str) -> float:
    """Where the claim falls in [0, 1]: the first 32 bits of the SHA-256 of its public id."""
    return int(hashlib.sha256(public_id.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF


def apply_sampling(s: Session, rate: float) -> int:
    """Sample a share of complete, undecided claims into the review queue; how many (committed)."""
    n = 0
    for claim in s.scalars(
        select(Claim).where(
            Claim.verdict == "complete",
            Claim.sampled_for_review.is_(False),
            Claim.sampling_checked.is_(False),
            Claim.decision.is_(None),
        )
    ):
        claim.sampling_checked = True
        if sample_draw(claim.public_id) < rate:
            claim.sampled_for_review = True
            audit.note(s, claim, None, "sampled", {"rate": rate})
            n += 1
    s.commit()
    return n

"""An officer's decision on a claim: accept, reject, or ask the employer for documents."""

from __future__ import annotations

from sqlalchemy.orm import Session

from semak import audit
from semak.models import Claim, Decision, User, utcnow


def decide(s: Session, claim: Claim, user: User, decision: str, message: str) -> None:
    """Record the decision and what the employer is told (committed). Accept and reject close
    the claim; a request for documents leaves it open. ValueError for an unknown decision."""
    claim.decision = Decision(decision).value
    text = message.strip()
    claim.decision_message = text or None
    claim.decided_by_id = user.id
    claim.decided_at = utcnow()
    if decision in (Decision.ACCEPT, Decision.REJECT):
        claim.closed_at = utcnow()
    # the audit records what the employer was told, as written (retention drops it with the
    # claim's other words: semak.audit.forget_words)
    detail = {"decision": decision, **({"message": text} if text else {})}
    audit.note(s, claim, user, "decided", detail)
    s.commit()

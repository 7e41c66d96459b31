"""The portal's door to the cross-claim signals (:mod:`semak.signals`), on the request's
database session."""

from __future__ import annotations

from semak import signals as service
from semak.models import Claim, Signal
from semak.services import session
from semak.signals import COMPARED, Side, evidence

__all__ = ["COMPARED", "Side", "evidence"]


def refresh(claim: Claim) -> list[Signal]:
    return service.refresh(session(), claim)


def current(claim: Claim) -> list[Signal]:
    """Compared once per report (``refresh``), else read from the signals table."""
    if claim.status == "done" and claim.reports and not service.compared(session(), claim):
        return refresh(claim)
    return service.signals_of(session(), claim)


def refresh_pending(limit: int = 30) -> None:
    for claim in list(session().scalars(service.pending_query(limit))):
        refresh(claim)


def all_signals() -> list[tuple[Signal, Claim, Claim]]:
    return service.all_signals(session())

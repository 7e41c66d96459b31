"""The portal's door to the cross-claim signals (:mod:`semak.signals`), on the request's
database session."""

from __future__ import annotations

from semak import signals as service
from semak.models import Claim, Signal
from semak.signals import COMPARED, Side, evidence
from semak.web import portal

__all__ = ["COMPARED", "Side", "evidence"]


def refresh(claim: Claim) -> list[Signal]:
    return service.refresh(portal.db(), claim)


def current(claim: Claim) -> list[Signal]:
    """Compared once per report (``refresh``), else read from the signals table."""
    if claim.status == "done" and claim.reports and not service.compared(portal.db(), claim):
        return refresh(claim)
    return service.signals_of(portal.db(), claim)


def refresh_pending(limit: int = 30) -> None:
    for claim in list(portal.db().scalars(service.pending_query(limit))):
        refresh(claim)


def all_signals() -> list[tuple[Signal, Claim, Claim]]:
    return service.all_signals(portal.db())

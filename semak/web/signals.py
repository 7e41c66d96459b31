"""The portal's door to the cross-claim signals (:mod:`semak.signals`), on the request's
database session; ``page_hashes`` renders pages as the portal shows them."""

from __future__ import annotations

from typing import Any

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


def page_hashes(stored: Any, pages: list[int]) -> list[str]:
    """pHash of each page as the portal renders it (the report's ``perceptual_hashes``, which
    the verifier compares within a claim; across claims a look-alike is no signal)."""
    if stored is None:
        return []
    try:
        import imagehash

        from semak.pageimages import render_page
        from semak.services import services

        path = str(services().storage.path(stored.storage_key))
        return [str(imagehash.phash(render_page(path, stored.media_type, p))) for p in pages]
    except Exception:  # unreadable: no fingerprint
        return []

"""Officer corrections: the plain functions live in :mod:`semak.corrections` (no Flask there, so
the RQ job applies the same corrections after a re-read); the portal imports them from here."""

from __future__ import annotations

from semak.corrections import (
    OfficerCorrection,
    PhashFor,
    apply_corrections,
    corrector,
    for_claim,
    results_from_report,
    reverify,
)

__all__ = [
    "OfficerCorrection",
    "PhashFor",
    "apply_corrections",
    "corrector",
    "for_claim",
    "results_from_report",
    "reverify",
]

"""verifier: judging a claim. Claim + intake's documents -> report.

A plain library: no Flask, RQ or Redis here. ``today`` and ``submitted_on`` are
inputs; nothing in a rule reads the clock.
"""

from verifier.claim import Claim
from verifier.models import FindingCode, Report, Severity, Verdict

__all__ = ["Claim", "FindingCode", "Report", "Severity", "Verdict"]

"""The review queue's order: what an officer can still act on comes first.

Claims whose time limit is still open come first, due soonest first; then claims with no time
limit stated; then, in their own group, claims whose time limit has already passed (the most
recently passed first). Within a day, the oldest claim first.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import IntEnum
from typing import Protocol, TypeVar


class Urgency(IntEnum):
    DUE = 0  # the time limit is still open
    NO_DEADLINE = 1  # the report states no time limit
    BARRED = 2  # the time limit has passed


class Queued(Protocol):
    @property
    def deadline(self) -> date | None: ...


Q = TypeVar("Q", bound=Queued)


def urgency(deadline: date | None, today: date) -> Urgency:
    if deadline is None:
        return Urgency.NO_DEADLINE
    return Urgency.BARRED if deadline < today else Urgency.DUE


def sort_key(deadline: date | None, today: date) -> tuple[int, int]:
    """(group, days): due soonest first; among the barred, the most recently passed first."""
    group = urgency(deadline, today)
    days = (deadline - today).days if deadline else 0
    return (group, -days if group is Urgency.BARRED else days)


def grouped(claims: Iterable[Q], today: date) -> list[tuple[Urgency, list[Q]]]:
    """The claims (already in queue order) in their urgency groups, empty groups left out."""
    groups: dict[Urgency, list[Q]] = {g: [] for g in Urgency}
    for claim in claims:
        groups[urgency(claim.deadline, today)].append(claim)
    return [(g, items) for g, items in groups.items() if items]

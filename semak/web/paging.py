"""Pages of a list: ``?page=N`` validated, 50 rows a page, one row more fetched to know whether
a next page exists (no COUNT over the table)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from flask import request
from sqlalchemy import Select
from sqlalchemy.orm import Session

from intake.errors import SemakError

T = TypeVar("T")
PAGE_SIZE = 50
MAX_PAGE = 10_000  # 500,000 rows at 50 a page: past this a list is searched, not paged


class InvalidPage(SemakError):
    """``?page=`` is not a whole number from 1 to MAX_PAGE."""

    code = "invalid_page"


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    number: int
    has_next: bool

    @property
    def has_prev(self) -> bool:
        return self.number > 1


def page_number(raw: str | None = None) -> int:
    """The requested page (1 when absent); raises InvalidPage (400) for anything else."""
    if raw is None:
        raw = request.args.get("page")
    if raw is None:
        return 1
    if not (raw.isascii() and raw.isdigit() and len(raw) <= len(str(MAX_PAGE))):
        raise InvalidPage(f"'page' must be a whole number from 1 to {MAX_PAGE}.")
    number = int(raw)
    if not 1 <= number <= MAX_PAGE:
        raise InvalidPage(f"'page' must be a whole number from 1 to {MAX_PAGE}.")
    return number


def fetch(s: Session, stmt: Select[Any], number: int, size: int = PAGE_SIZE) -> Page[Any]:
    """Page ``number`` of the rows ``stmt`` selects (it must have a total order)."""
    rows = list(s.scalars(stmt.offset((number - 1) * size).limit(size + 1)))
    return Page(rows[:size], number, len(rows) > size)


def page_or_400() -> int:
    """``page_number()`` for the HTML pages: a bad ``?page=`` is the plain 400 page."""
    from flask import abort

    try:
        return page_number()
    except InvalidPage:
        abort(400)

"""Checks are small named functions; the rules files name them, this registry finds them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from verifier.models import FindingCode

if TYPE_CHECKING:
    from verifier.checks.context import Context
    from verifier.models import Finding
    from verifier.rules.model import CheckRule

CheckFunc = Callable[["Context", "CheckRule"], list["Finding"]]


@dataclass(frozen=True)
class CheckDef:
    name: str
    func: CheckFunc
    codes: tuple[FindingCode, ...]
    params: dict[str, type | tuple[type, ...]]
    required: frozenset[str]
    choices: dict[str, tuple[str, ...]]


REGISTRY: dict[str, CheckDef] = {}


def register(
    name: str,
    *,
    codes: tuple[FindingCode, ...],
    params: dict[str, type | tuple[type, ...]] | None = None,
    required: tuple[str, ...] = (),
    choices: dict[str, tuple[str, ...]] | None = None,
) -> Callable[[CheckFunc], CheckFunc]:
    """Register ``func`` under ``name`` with the parameters a rules file may give it."""

    def deco(func: CheckFunc) -> CheckFunc:
        if name in REGISTRY:
            raise ValueError(f"check {name!r} registered twice")
        REGISTRY[name] = CheckDef(
            name, func, codes, dict(params or {}), frozenset(required), dict(choices or {})
        )
        return func

    return deco


def params_problem(name: str, params: dict[str, Any]) -> str | None:
    """Why ``params`` do not suit check ``name``, or None when they do."""
    spec = REGISTRY[name]
    unknown = sorted(set(params) - set(spec.params))
    if unknown:
        allowed = ", ".join(sorted(spec.params)) or "none"
        return f"unknown parameter {unknown[0]!r} for check {name!r} (allowed: {allowed})"
    missing = sorted(spec.required - set(params))
    if missing:
        return f"check {name!r} needs parameter {missing[0]!r}"
    for key, value in params.items():
        expected = spec.params[key]
        if isinstance(value, bool) and expected is not bool:
            return f"parameter {key!r} of check {name!r} has the wrong type"
        if not isinstance(value, expected):
            return f"parameter {key!r} of check {name!r} has the wrong type"
        problem = _choice_problem(spec.choices.get(key), value)
        if problem:
            return f"parameter {key!r} of check {name!r}: {problem}"
    return None


def _choice_problem(allowed: tuple[str, ...] | None, value: Any) -> str | None:
    if allowed is None:
        return None
    items: list[Any] = value if isinstance(value, list) else [value]
    bad = [v for v in items if v not in allowed]
    return f"{bad[0]!r} is not one of {', '.join(allowed)}" if bad else None

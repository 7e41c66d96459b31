"""Named checks. Importing this package registers every check the rules files may name."""

from verifier.checks import dates, deadlines, documents, identity  # noqa: F401  (registration)
from verifier.checks.context import Context, is_usable
from verifier.checks.registry import REGISTRY, CheckDef, params_problem, register

__all__ = ["REGISTRY", "CheckDef", "Context", "is_usable", "params_problem", "register"]

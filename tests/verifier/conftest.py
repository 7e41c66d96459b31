"""The verifier's tests import the real ``intake`` and ``verifier`` packages.

pytest's rootless imports put tests/ and tests/<dir>/ on sys.path; should a tests/intake/ or
tests/verifier/ ever become a regular package it would shadow the real one. Put the repository
root first so these tests do not depend on the order pytest collects directories in.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _use_real_packages() -> None:
    if str(ROOT) in sys.path:
        sys.path.remove(str(ROOT))
    sys.path.insert(0, str(ROOT))
    for name in ("intake", "verifier"):
        mod = sys.modules.get(name)
        origin = str(getattr(mod, "__file__", "") or "")
        if mod is not None and not origin.startswith(str(ROOT / name)):
            for key in [k for k in sys.modules if k == name or k.startswith(name + ".")]:
                del sys.modules[key]


_use_real_packages()

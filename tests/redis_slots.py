"""The Redis database number a test run uses: one of 1-15 that no other run holds."""

from __future__ import annotations

from typing import Any

import pytest

LOCK_PREFIX = "semak:test-redis-db:"


def claim_redis_db(lock: Any, token: str) -> int:
    """A Redis database number (15 down to 1) no other test run holds, held for an hour by
    ``token`` in ``lock`` (database 0). None free fails the run, never skips it: a skipped
    suite would pass in CI having run nothing."""
    for n in range(15, 0, -1):
        if lock.set(f"{LOCK_PREFIX}{n}", token, nx=True, ex=3600):
            return n
    pytest.fail(
        "no free Redis database number (1-15) for this test run: other runs hold all of them "
        f"(keys {LOCK_PREFIX}N in database 0, an hour each); wait for them or delete stale keys"
    )

"""Login throttling: exponential back-off per account, that slows an attacker who rotates client
addresses without letting anyone lock the owner out.

Two counters of failed log-ins, both in Redis (shared by every web process):

- per (account, address): after ``limit`` (5) failures from one address, each further attempt
  from that address must wait ``2^k`` seconds, k = failures so far (32 s, 64 s, ...), at most
  ``cap`` (15 minutes). Attempts made while waiting are refused unread and not counted, so the
  wait never grows by itself;
- per account, from any address: after ``account_limit`` (20) failures the same back-off
  (``2^(failures - account_limit + 5)`` seconds, at most ``cap``) applies to every address
  that has not logged in to this account successfully before - an attacker rotating
  addresses gets one guess per wait, not one per address.

The owner is not locked out by someone else's failures: an address that logged in to the account
successfully (remembered ``known_for`` days) and has no back-off of its own is let through the
account-wide back-off, so a correct password from it succeeds during an attack. Only a new
address of the owner's waits out the account-wide back-off (at most 15 minutes). Another account
is never affected. A success clears its own address's failures and remembers the address; it does
not clear the account-wide count (the attacker's failures still count). Counts are forgotten
``forget`` seconds after the last failure.

Counters update in one MULTI/EXEC (no incr-then-expire race). If Redis does not answer, log-in
is not throttled here (logged; the per-address rate limit of :mod:`semak.ratelimit` still holds
in memory): an outage must not lock everybody out. Keys hold digests, never the e-mail or address.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

LIMIT = 5
ACCOUNT_LIMIT = 20
FIRST_WAIT_POWER = 5  # the first wait is 2^5 = 32 s
CAP = 15 * 60
FORGET = 60 * 60
KNOWN_FOR = 30 * 24 * 60 * 60
PREFIX = "semak:login-fail:"


def backoff(failures: int, threshold: int, cap: int = CAP) -> float:
    """Seconds to wait after the last failure: 0 below ``threshold``, then doubling."""
    if failures < threshold:
        return 0.0
    return float(min(2 ** min(failures - threshold + FIRST_WAIT_POWER, 30), cap))


class LoginThrottle:
    def __init__(
        self,
        redis: Any = None,
        *,
        clock: Callable[[], float] = time.time,
        limit: int = LIMIT,
        account_limit: int = ACCOUNT_LIMIT,
        cap: int = CAP,
        forget: int = FORGET,
        known_for: int = KNOWN_FOR,
    ) -> None:
        self.redis = redis
        self.clock = clock
        self.limit = limit
        self.account_limit = account_limit
        self.cap = cap
        self.forget = forget
        self.known_for = known_for

    @staticmethod
    def _digest(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:32]

    def _keys(self, email: str, address: str) -> tuple[str, str, str, str]:
        account = self._digest(email.strip().lower())
        pair = self._digest(f"{account}|{address}")
        return (
            f"{PREFIX}pair:{pair}",
            f"{PREFIX}account:{account}",
            f"{PREFIX}known:{account}",
            self._digest(address),
        )

    def wait(self, email: str, address: str) -> int:
        """Whole seconds this address must wait before trying this account again; 0: try."""
        pair, account, known, addr = self._keys(email, address)
        try:
            pipe = self.redis.pipeline(transaction=False)
            pipe.hmget(pair, "n", "last")
            pipe.hmget(account, "n", "last")
            pipe.sismember(known, addr)
            (pn, plast), (an, alast), is_known = pipe.execute()
        except Exception as exc:  # Redis down: not throttled here (see the module docstring)
            log.warning("login throttle unavailable: %s", type(exc).__name__)
            return 0
        now = self.clock()
        own = self._left(pn, plast, self.limit, now)
        shared = 0.0 if is_known and own == 0 else self._left(an, alast, self.account_limit, now)
        return math.ceil(max(own, shared))

    def _left(self, n: Any, last: Any, threshold: int, now: float) -> float:
        if n is None or last is None:
            return 0.0
        return max(0.0, float(last) + backoff(int(n), threshold, self.cap) - now)

    def failed(self, email: str, address: str) -> None:
        pair, account, _known, _addr = self._keys(email, address)
        now = self.clock()
        try:
            pipe = self.redis.pipeline(transaction=True)
            for key in (pair, account):
                pipe.hincrby(key, "n", 1)
                pipe.hset(key, "last", repr(now))
                pipe.expire(key, self.forget)
            pipe.execute()
        except Exception as exc:
            log.warning("login failure not counted: %s", type(exc).__name__)

    def succeeded(self, email: str, address: str) -> None:
        pair, _account, known, addr = self._keys(email, address)
        try:
            pipe = self.redis.pipeline(transaction=True)
            pipe.delete(pair)
            pipe.sadd(known, addr)
            pipe.expire(known, self.known_for)
            pipe.execute()
        except Exception as exc:
            log.warning("login success not recorded: %s", type(exc).__name__)

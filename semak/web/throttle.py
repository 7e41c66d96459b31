"""Login throttling: after ``limit`` failures for one email from one address in ``window``
seconds, further attempts are refused until the window passes.

Counts live in Redis when it answers (shared by every web process) and in this process's memory
otherwise, so a Redis outage never locks everybody out nor disables the limit.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from typing import Any

LIMIT = 5
WINDOW = 15 * 60


class LoginThrottle:
    def __init__(self, redis: Any | None = None, limit: int = LIMIT, window: int = WINDOW) -> None:
        self.redis = redis
        self.limit = limit
        self.window = window
        self._memory: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def key(email: str, address: str) -> str:
        digest = hashlib.sha256(f"{email.strip().lower()}|{address}".encode()).hexdigest()[:32]
        return f"semak:login-fail:{digest}"

    def blocked(self, email: str, address: str) -> bool:
        return self._count(self.key(email, address)) >= self.limit

    def failed(self, email: str, address: str) -> None:
        key = self.key(email, address)
        if self.redis is not None:
            try:
                if int(self.redis.incr(key)) == 1:
                    self.redis.expire(key, self.window)
                return
            except Exception:  # Redis down: fall back to memory
                pass
        now = time.monotonic()
        with self._lock:
            hits = [t for t in self._memory.get(key, []) if now - t < self.window]
            hits.append(now)
            self._memory[key] = hits

    def succeeded(self, email: str, address: str) -> None:
        key = self.key(email, address)
        if self.redis is not None:
            with contextlib.suppress(Exception):
                self.redis.delete(key)
        with self._lock:
            self._memory.pop(key, None)

    def _count(self, key: str) -> int:
        if self.redis is not None:
            try:
                value = self.redis.get(key)
                return int(value or 0)
            except Exception:
                pass
        now = time.monotonic()
        with self._lock:
            return len([t for t in self._memory.get(key, []) if now - t < self.window])

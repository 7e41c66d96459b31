"""semak.worker.supervise: the work loop is started again, after a capped back-off, when it
loses Redis; it ends when it was asked to stop; other errors end the process (run.sh's
supervision is the second line). Fakes stand in for RQ's worker and Redis here; the real ones
are in test_faults_redis.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from semak.worker import RESTART_CAP, RESTART_FIRST, supervise


class FakeConnection:
    def __init__(self, down_pings: int) -> None:
        self.down_pings = down_pings
        self.pings = 0

    def ping(self) -> bool:
        self.pings += 1
        if self.pings <= self.down_pings:
            raise RedisConnectionError("Error 111 connecting. Connection refused.")
        return True


class FakeWorker:
    """Runs one scripted outcome per work(): an exception to raise, "stop" (asked to stop),
    or "quit" (RQ's loop quitting on its own after an error it logged)."""

    def __init__(self, outcome: Any, connection: FakeConnection, deaths: list[str]) -> None:
        self.outcome, self.connection, self.deaths = outcome, connection, deaths
        self.name = "w1"
        self.stop_asked = False
        self._horse_pid = 0

    def work(self, **kwargs: Any) -> bool:
        if isinstance(self.outcome, BaseException):
            raise self.outcome
        self.stop_asked = self.outcome == "stop"
        return True

    def register_death(self) -> None:
        self.deaths.append(self.name)


def _builder(outcomes: list[Any], conn: FakeConnection) -> tuple[Callable[[], Any], list[str]]:
    """One worker per outcome; an outcome ``("build", exc)`` makes building it raise."""
    deaths: list[str] = []
    pending = list(outcomes)

    def build() -> FakeWorker:
        outcome = pending.pop(0)
        if isinstance(outcome, tuple):
            raise outcome[1]
        return FakeWorker(outcome, conn, deaths)

    return build, deaths


def test_redis_errors_restart_the_loop_with_a_growing_capped_back_off() -> None:
    conn = FakeConnection(down_pings=8)
    outcomes = [RedisConnectionError("refused"), RedisTimeoutError("timed out"), "quit", "stop"]
    build, deaths = _builder(outcomes, conn)
    slept: list[float] = []
    assert supervise(build, sleep=slept.append, clock=lambda: 0.0) == 0
    # one sleep per failed ping (eight) and one per successful restart (three), doubling
    # from the first delay up to the cap
    assert slept == [RESTART_FIRST, 2, 4, 8, 16, *[RESTART_CAP] * 6]
    assert deaths == ["w1", "w1", "w1"]  # the old registration cleared before each restart


def test_a_loop_that_ran_long_starts_its_next_outage_at_the_first_delay() -> None:
    conn = FakeConnection(down_pings=3)
    build, _ = _builder([RedisConnectionError("a"), RedisConnectionError("b"), "stop"], conn)
    slept: list[float] = []
    times = iter([0.0, 1.0, 1000.0, 5000.0, 9000.0, 9001.0])
    assert supervise(build, sleep=slept.append, clock=lambda: next(times)) == 0
    # the first outage: 1, 2, 4, 8 (three failed pings); the second, after a long run: 1 again
    assert slept == [1.0, 2.0, 4.0, 8.0, RESTART_FIRST]


def test_a_stop_request_ends_it_and_other_errors_propagate() -> None:
    conn = FakeConnection(down_pings=0)
    build, _ = _builder(["stop"], conn)
    assert supervise(build, sleep=lambda s: None) == 0
    build, _ = _builder([RuntimeError("a bug")], conn)
    with pytest.raises(RuntimeError):
        supervise(build, sleep=lambda s: None)


def test_a_worker_that_cannot_even_register_is_built_again_after_the_back_off() -> None:
    refused = RedisConnectionError("Error 111 connecting. Connection refused.")
    build, deaths = _builder([("build", refused), ("build", refused), "stop"], FakeConnection(0))
    slept: list[float] = []
    assert supervise(build, sleep=slept.append, clock=lambda: 0.0) == 0
    assert slept == [RESTART_FIRST, 2 * RESTART_FIRST]
    assert deaths == []  # nothing registered, nothing to clear


def test_burst_mode_ends_when_the_loop_returns() -> None:
    build, _ = _builder(["quit"], FakeConnection(down_pings=0))
    assert supervise(build, burst=True, sleep=lambda s: None) == 0

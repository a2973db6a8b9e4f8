"""A time limit on a block of code in this process: `with time_limit(120): …` raises `OutOfTime`
when the block runs longer. A timer signal, so only in the main thread of a Unix process (as a
build and the check run); elsewhere the block runs without a limit."""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator


class OutOfTime(Exception):
    """The block ran past its time limit."""


def can_limit() -> bool:
    """Whether `time_limit` can interrupt a block here (main thread, interval timers)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise `OutOfTime` inside the block after `seconds` (or never, where `can_limit()` is false)."""
    if not can_limit():
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise OutOfTime(f"ran for more than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

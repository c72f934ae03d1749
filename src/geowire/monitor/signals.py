"""SIGTERM and SIGINT as a graceful stop: the first calls `stop` (the monitor finishes the batch in hand,
records it and exits), a second one interrupts at once (KeyboardInterrupt: the open transaction is rolled
back, nothing half-written stays)."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = ["stop_on_signals"]


@contextmanager
def stop_on_signals(stop: Callable[[str], None]) -> Iterator[None]:
    """Within the block, SIGTERM and SIGINT call `stop(signal name)` once; the next one raises
    KeyboardInterrupt. Outside the main thread (where handlers cannot be set) this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def handler(signum: int, frame: FrameType | None) -> None:
        if received:
            raise KeyboardInterrupt
        received.append(signum)
        stop(signal.Signals(signum).name)

    previous = {s: signal.signal(s, handler) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)

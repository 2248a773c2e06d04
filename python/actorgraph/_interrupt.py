"""Ctrl-C between batches that cannot be lost.

The core runs a batch with the GIL released; a Ctrl-C meanwhile sets Python's
signal flag, and the handler raises KeyboardInterrupt as soon as the batch returns.
But the handler runs wherever Python next checks the flag, and when that is inside
a finalizer (``__del__``, a weakref callback: tqdm's WeakSet, a DataFrame going
away) the KeyboardInterrupt is printed as "Exception ignored" and dropped. An
endless ``nlp.analyze`` then never stops; the tests saw it about one run in three.
:func:`interruptible` remembers the signal and raises again once the batch is done.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def interruptible() -> Iterator[Callable[[], None]]:
    """Runs the block with a SIGINT handler that raises KeyboardInterrupt as the
    default one does and also remembers it. The block gets a ``check()`` to call
    between batches, which raises KeyboardInterrupt if a Ctrl-C came and was
    swallowed; leaving the block checks too.

    Outside the main thread, or when someone else handles SIGINT, the handler is
    left alone and ``check()`` does nothing.
    """
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield lambda: None
        return
    seen: list[int] = []

    def handler(signum: int, frame: object) -> None:
        seen.append(signum)
        raise KeyboardInterrupt

    def check() -> None:
        if seen:
            raise KeyboardInterrupt

    try:
        signal.signal(signal.SIGINT, handler)
        yield check
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    check()

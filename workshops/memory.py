"""Big pages render with Python's cyclic garbage collector paused, for a bounded time.

The listing, the schedule and the exports (but the PDF booklet, which takes seconds or waits
for the background) of a large program build tens of thousands of objects that live until
the page is rendered: slots, grid cells, pieces of markup, model instances. The collector's
young collections during the render move them to the oldest generation, which soon sets off
a full collection of the whole process: 30-45 ms in every second or third render of the
large schedule, 250-300 ms in all for its XML export. With the collector paused they are
freed by reference counting as the render ends; what a render leaves in cycles waits for the
collector's next pass once it is back on.

The collector is one per process, shared by a worker's threads: it comes back on when the
last overlapping render ends, or when one ends more than `PAUSE_SECONDS` after it went off
(renders that keep overlapping, say a crawler asking for many filtered listings, must not
keep it off for good). A collector that was off before stays off.
"""

from __future__ import annotations

import contextlib
import gc
import threading
import time
from collections.abc import Iterator

PAUSE_SECONDS = 1.0

_lock = threading.Lock()
_renders = 0  # renders running with the collector paused or about to end the pause
_paused_since: float | None = None  # when the collector was turned off here; None: it is not


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block (a view) with the cyclic garbage collector off; also a decorator."""
    global _renders, _paused_since
    with _lock:
        if _renders == 0 and gc.isenabled():
            gc.disable()
            _paused_since = time.monotonic()
        _renders += 1
    try:
        yield
    finally:
        with _lock:
            _renders -= 1
            if _paused_since is not None and (
                _renders == 0 or time.monotonic() - _paused_since > PAUSE_SECONDS
            ):
                gc.enable()
                _paused_since = None

"""A progress bar on stderr for long CLI runs (rebuilds, exports)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable


def progress_bar(total: int, unit: str = "events") -> Callable[[int, int], None]:
    """`show(done, total)`: redrawn in place on a terminal; otherwise a line
    every two seconds (and at the end), so logs of CI runs stay readable."""
    tty = sys.stderr.isatty()
    last = [0.0]

    def show(position: int, top: int) -> None:
        top = max(top, total, 1)
        now = time.monotonic()
        if not tty and now - last[0] < 2 and position < top:
            return
        last[0] = now
        done = min(position / top, 1.0)
        bar = "#" * int(done * 30)
        end = "" if tty else "\n"
        print(
            f"\r[{bar:<30}] {done:6.1%}  {position}/{top} {unit}",
            end=end,
            file=sys.stderr,
            flush=True,
        )

    return show

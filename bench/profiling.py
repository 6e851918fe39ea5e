"""cProfile tables the benchmarks print: by own time, then by cumulative time."""

from __future__ import annotations

import cProfile
import io
import pstats


def profile_text(profiler: cProfile.Profile, top: int) -> str:
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs()
    out.write("-- by own time (tottime)\n")
    stats.sort_stats("tottime").print_stats(top)
    out.write("-- by cumulative time\n")
    stats.sort_stats("cumulative").print_stats(top)
    lines = [line.rstrip() for line in out.getvalue().splitlines()]
    # Keep the tables, drop pstats' preamble lines about files and ordering.
    return "\n".join(
        line
        for line in lines
        if line
        and not line.lstrip().startswith(("Ordered by", "List reduced"))
        and "function calls" not in line
    )

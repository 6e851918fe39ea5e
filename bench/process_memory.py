"""The memory of this process as the kernel counts it, for the import benchmark's
child processes (Linux)."""

from __future__ import annotations

from dataclasses import dataclass, field


def memory_status() -> dict[str, int]:
    """This process's resident memory now and at its peak, in KiB (Linux).

    Not `getrusage(RUSAGE_SELF).ru_maxrss`: on Linux a process started by
    another keeps, as its ru_maxrss, at least the peak of the parent it was
    forked from (the kernel carries the old peak across exec), so a child of
    this benchmark would report the parent's RSS. VmHWM is the peak of the
    child's own memory.
    """
    fields = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0])
    return fields


@dataclass
class RssByTenth:
    """VmRSS after each tenth of the rows written (the second pass), in KiB."""

    samples: list[int] = field(default_factory=list)

    def __call__(self, done: int, total: int) -> None:
        if done and done * 10 >= total * (len(self.samples) + 1):
            self.samples.append(memory_status()["VmRSS"])

"""CPU seconds of processes, read from Linux's /proc (the benches' CPU figures).

``/proc/PID/stat`` after the name: state, parent, … utime (field 14), stime, and the user and
system time of children already reaped (cutime, cstime), in clock ticks.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Process:
    pid: int
    parent: int
    name: str
    ticks: int  # own user + system time
    reaped_ticks: int  # of the children it has waited for


def processes() -> list[Process]:
    """Every process readable now (none where there is no /proc)."""
    found = []
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else ():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile, or not ours to read
        fields = stat[stat.rindex(")") + 2 :].split()
        found.append(
            Process(
                pid=int(entry.name),
                parent=int(fields[1]),
                name=stat[stat.index("(") + 1 : stat.rindex(")")],
                ticks=int(fields[11]) + int(fields[12]),
                reaped_ticks=int(fields[13]) + int(fields[14]),
            )
        )
    return found


def tree_cpu(root: int, running: list[Process] | None = None) -> float:
    """User + system seconds of ``root`` and every live descendant, with the children they
    have already reaped."""
    running = processes() if running is None else running
    family, grew = {root}, True
    while grew:
        more = {p.pid for p in running if p.parent in family} - family
        family |= more
        grew = bool(more)
    ticks = sum(p.ticks + p.reaped_ticks for p in running if p.pid in family)
    return ticks / CLOCK_TICKS


def named_cpu(names: tuple[str, ...], running: list[Process] | None = None) -> float:
    """User + system seconds of every process with one of ``names`` (e.g. PostgreSQL's)."""
    running = processes() if running is None else running
    return sum(p.ticks for p in running if p.name in names) / CLOCK_TICKS

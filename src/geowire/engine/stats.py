"""The one stats record of a run, whatever the executor and the sink.

`read` counts every item read (Rejects in the input included) and always equals
`stored + already + duplicates + skipped + rejected`; `rejected` also counts documents the pipeline failed on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["RunStats", "COUNTS"]

COUNTS = ("read", "stored", "already", "duplicates", "skipped", "rejected", "events")


@dataclass
class RunStats:
    """What a run did; `cpu_s` is the CPU time spent inside coding tasks, summed over processes."""

    executor: str = "inline"
    workers: int = 1
    read: int = 0
    stored: int = 0
    already: int = 0
    duplicates: int = 0
    skipped: int = 0
    rejected: int = 0
    events: int = 0
    batches: int = 0
    cpu_s: float = 0.0
    wall_s: float = 0.0
    load_s: float = 0.0
    pids: set[int] = field(default_factory=set)

    def to_dict(self) -> dict[str, Any]:
        """The figures as a plain dict (times rounded to milliseconds; `processes`: how many coded)."""
        out: dict[str, Any] = {k: getattr(self, k) for k in COUNTS}
        out.update(batches=self.batches, executor=self.executor, workers=self.workers, processes=len(self.pids),
                   cpu_s=round(self.cpu_s, 3), wall_s=round(self.wall_s, 3), load_s=round(self.load_s, 3))
        return out

"""What a document as a whole says of the countries it names (`DocScope`): how many, how often each, which one
it is mostly about, and so how a pair of one country stands to it. The event model reads these as features
(`features`) and its calibration as groups (`scoring.calibration_group`)."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import ActorMention

__all__ = ["DocScope", "doc_scope"]

_NOT_STATES = ("IGO", "NGO", "IMG", "WST")


@dataclass(frozen=True)
class DocScope:
    """What the document as a whole says of the countries it is about: how many it names (a report of one
    country's own affairs or of relations between countries) and how often it names each."""

    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def breadth(self) -> str:
        n = len(self.counts)
        return "one" if n <= 1 else "two" if n == 2 else "many"

    def home(self, country: str | None) -> bool:
        """Whether most of the document's country mentions are of `country`."""
        return bool(country) and self.counts.get(str(country), 0) * 2 > self.total

    def standing(self, source: str | None, target: str | None) -> str:
        """How a pair of these countries stands to the document: "home" (one country, named by more than two
        thirds of its country mentions: a report of that country's own affairs), "away" (one country, any
        other), else "apart". Its calibration group (`scoring.calibration_group`). Out of fold on the training
        labels, the model's pairs of a country named by a half to two thirds of the mentions were right as
        rarely as those of any other country (about 0.19), those above two thirds about half the time."""
        if not source or source != target:
            return "apart"
        return "home" if self.counts.get(source, 0) * 3 > self.total * 2 else "away"


def doc_scope(mentions: list[ActorMention]) -> DocScope:
    """The countries the document's `mentions` name, and how often (`DocScope`)."""
    counts: dict[str, int] = {}
    for m in mentions:
        if m.country and len(m.country) == 3 and m.country not in _NOT_STATES:
            counts[m.country] = counts.get(m.country, 0) + 1
    return DocScope(counts)

"""Plain records that flow between stages: Article in, ActorMention and Event out, Reject for bad input."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["Article", "Reject", "ActorMention", "Event"]


@dataclass
class Article:
    """One document as geowire reads it. `text` is kept exactly as given: offsets point into it."""

    id: str
    text: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    origin: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Reject:
    """An input (or one record of it) that could not be read, and why."""

    origin: str
    reason: str
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def message(self) -> str:
        where = f"{self.origin}:{self.line}" if self.line is not None else self.origin
        return f"{where}: {self.reason}"


@dataclass
class ActorMention:
    """An actor as mentioned in a document, resolved to a CAMEO actor code."""

    text: str
    start: int
    end: int
    name: str | None
    code: str | None
    country: str | None
    sector: str | None
    how: str = "dictionary"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("how")
        return d



@dataclass
class Event:
    """One coded event: who did what to whom, with its evidence. Field names follow the event contract."""

    id: str
    doc_id: str
    sentence_index: int
    sentence: str
    source: dict[str, Any] | None
    target: dict[str, Any] | None
    trigger: dict[str, Any]
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover: dict[str, Any]
    negated: bool
    modality: str
    attributed_to: dict[str, Any] | None
    date: str | None
    confidence: float
    tone: float = 0.0
    mentions: int = 1
    # where the act happened: {text, start, end, name, country, adm1, lat, lon, geonames_id, precision}
    location: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("extra")
        return d

    @property
    def asserted(self) -> bool:
        return not self.negated and self.modality != "hypothetical"

    @property
    def confident(self) -> bool:
        """At or above the confidence bar of the run that coded it (stored as the `confident` flag)."""
        return bool(self.extra.get("confident", True))

    @property
    def pattern_backed(self) -> bool:
        """Coded by a dictionary pattern and verified by the model (not the model's proposal alone)."""
        explain = self.explain or {}
        return bool(explain.get("backed", explain.get("pattern")))

    def meets(self, min_confidence: float | None = None) -> bool:
        """At or above `min_confidence`, or, when none is given, the default bar of its kind
        (`knowledge.meets_bar`)."""
        from .knowledge import meets_bar

        return meets_bar(self.confidence, self.pattern_backed, min_confidence)

    @property
    def explain(self) -> dict[str, Any] | None:
        """Why the event was printed: the rule and candidate, actor resolution, cues, the features behind its
        score (`geowire explain`)."""
        value = self.extra.get("explain")
        return value if isinstance(value, dict) else None

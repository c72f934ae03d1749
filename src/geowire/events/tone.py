"""Tone of events and articles on a political scale, not a generic sentiment lexicon.

Generic sentiment scores "expressed concern amid the invasion" as mildly positive ("concern" reads as care).
Here tone follows what the coded events say: an event's tone is its Goldstein value scaled to -100..100 and
weakened when the event is not asserted; an article's tone is the mention-weighted mean of its events.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Event

__all__ = ["event_tone", "article_tone"]


def event_tone(ev: Event) -> float:
    """-100 (hostile) .. 100 (cooperative); zero for negated events, halved for future or hypothetical."""
    if ev.negated:
        return 0.0
    scale = 1.0 if ev.modality == "actual" else 0.5
    return round(ev.goldstein * 10 * scale, 1)


def article_tone(events: Iterable[Event]) -> float | None:
    """Mention-weighted mean event tone of one article, None when it has no event."""
    total = weight = 0.0
    for ev in events:
        total += ev.tone * ev.mentions
        weight += ev.mentions
    return round(total / weight, 1) if weight else None

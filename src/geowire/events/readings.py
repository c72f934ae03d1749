"""Choosing among the learned event model's readings (`events/learned.py`): which records are one event, which
stands where two say the same, and which of the model's own proposals another reading shadows."""

from __future__ import annotations

from typing import Any

from .codebook import root_of

__all__ = ["act_key", "drop_shadowed", "identity", "standing"]


def _side(actor: dict[str, Any] | None) -> str | None:
    return (actor or {}).get("country") or (actor or {}).get("code")


def drop_shadowed(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Without the model's own proposals that another reading of an act the pattern coder coded on the same
    word shadows: the reverse ("Russia shelled Ukraine": the pattern's RUS -> UKR stands, the model's UKR ->
    RUS goes; a reciprocal act is coded both ways by the patterns themselves), or the same source with no
    target ("Russia expelled 20 Czech diplomats": RUS -> CZE 161 stands, a targetless RUS 170 goes)."""
    coded = {(e["trigger"]["start"], _side(e["source"]), _side(e["target"]))
             for e in events if e["explain"].get("backed")}
    sources = {(start, src) for start, src, tgt in coded if tgt is not None}

    def shadowed(e: dict[str, Any]) -> bool:
        start, src, tgt = e["trigger"]["start"], _side(e["source"]), _side(e["target"])
        return (start, tgt, src) in coded or (tgt is None and (start, src) in sources)

    return [e for e in events if e["explain"].get("backed") or not shadowed(e)]


def standing(e: dict[str, Any]) -> tuple[bool, float]:
    """How an event record stands against another of the same act (`act_key`): pattern-backed first, then the
    surer."""
    return bool(e["explain"].get("backed")), e["confidence"]


def identity(e: dict[str, Any]) -> tuple[Any, ...]:
    """What makes two event records one event (the parts of `pipeline`'s event id)."""
    return (e["sentence_index"], e["trigger"]["start"], (e["source"] or {}).get("code"),
            (e["target"] or {}).get("code"), e["cameo"])


def act_key(e: dict[str, Any]) -> tuple[Any, ...]:
    """What makes two event records one act as a reader counts acts: the same sentence and word, the same
    countries on each side and the same root, whatever actor codes the mentions had ("the Chinese Foreign
    Ministry" and the dateline's Chinese news agency on one "protest" are one protest by China)."""
    return (e["sentence_index"], e["trigger"]["start"], _side(e["source"]), _side(e["target"]),
            root_of(str(e["cameo"])))

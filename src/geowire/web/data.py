"""The data behind each API endpoint and its page: both call these, so a page and its JSON twin agree.

Errors of the relations functions (a bad period or code) become 422 responses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import HTTPException

from .. import relations
from ..errors import GeowireError
from ..store import Store
from ..store.query import Page, paged

__all__ = ["relations_call", "network_data", "dyad_data", "balance_data", "spikes_page"]

R = TypeVar("R")


def relations_call(fn: Callable[..., R], *args: Any, **kw: Any) -> R:
    """`fn(*args, **kw)`; a GeowireError (an argument it refuses) becomes a 422."""
    try:
        return fn(*args, **kw)
    except GeowireError as exc:
        raise HTTPException(422, str(exc)) from None


def network_data(store: Store, since: str | None, max_nodes: int | None) -> dict[str, Any]:
    net = relations_call(relations.network, store, since=since, max_nodes=max_nodes)
    return {"since": since, "max_nodes": max_nodes, **net}


def dyad_data(store: Store, a: str, b: str, by: str) -> dict[str, Any]:
    return {"a": a, "b": b, "by": by, "series": relations_call(relations.dyad_series, store, a, b, by=by)}


def balance_data(store: Store, country: str, a: str, b: str, by: str) -> dict[str, Any]:
    c, a, b = country.upper(), a.upper(), b.upper()
    return {"country": c, "a": a, "b": b, "by": by,
            "series": relations_call(relations.balance, store, c, a, b, by=by)}


def spikes_page(store: Store, page: Page, **options: Any) -> dict[str, Any]:
    """One page of `relations.spikes` rows (z descending)."""
    rows = relations_call(relations.spikes, store, **options)
    end = None if page.limit is None else page.offset + page.limit
    return paged(len(rows), page, rows[page.offset:end])

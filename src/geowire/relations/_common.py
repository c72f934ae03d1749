"""What the relation functions share besides the query layer (`store/query.py`): graph nodes and rounding."""

from __future__ import annotations

__all__ = ["GROUP_COUNTRIES", "node_expr", "rnd"]

# Pseudo-countries the actor recognizer gives organizations (IGOEUREEC has country "IGO").
GROUP_COUNTRIES = ("IGO", "NGO", "IMG", "MNC")
# A state or organization as a graph node: its country, else (organizations) its actor code.
node_expr = ("CASE WHEN {p}_country IS NULL OR {p}_country IN ("
             + ", ".join(f"'{c}'" for c in GROUP_COUNTRIES) + ") THEN {p}_code ELSE {p}_country END").format


def rnd(x: float | None, n: int = 3) -> float | None:
    return None if x is None else round(float(x), n)

"""Data on stdout: rows as a table, as one JSON document, or as JSON lines (`--format table|json|jsonl`)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any

__all__ = ["emit", "print_table", "print_jsonl", "print_json"]


def print_json(value: Any) -> None:
    """One JSON document."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=1) + "\n")


def print_jsonl(rows: Iterable[dict[str, Any]]) -> None:
    """One JSON object per line (streamed)."""
    for r in rows:
        sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _actor_label(a: dict[str, Any] | None) -> str:
    if not a:
        return "-"
    return f"{a.get('code') or a.get('country')}"


_EVENT_COLUMNS = ["doc", "sent", "source", "cameo", "target", "trigger", "modality", "date", "place", "sentence"]


def _event_cells(r: dict[str, Any]) -> list[str]:
    return [str(r["doc_id"]), str(r["sentence_index"]), _actor_label(r["source"]), r["cameo"],
            _actor_label(r["target"]), r["trigger"]["text"], r["modality"] + (" NEG" if r["negated"] else ""),
            str(r["date"] or "-"), _place_label(r.get("location")), (r["sentence"] or "")[:70].replace("\n", " ")]


def _place_label(loc: dict[str, Any] | None) -> str:
    """Where an event happened, for the table: "Kyiv (UKR)", "South China Sea", or "-"."""
    if not loc or not loc.get("name"):
        return "-"
    return f"{loc['name']} ({loc['country']})" if loc.get("country") and loc.get("precision") != "country" \
        else str(loc["name"])


def print_table(rows: Iterable[dict[str, Any]], columns: list[str] | None = None) -> None:
    """Events (contract shape) or flat rows as an aligned text table."""
    out: list[list[str]] = []
    for r in rows:
        if "trigger" in r:
            columns = _EVENT_COLUMNS
            out.append(_event_cells(r))
        else:
            columns = columns or list(r)
            out.append(["" if r.get(c) is None else str(r.get(c)) for c in columns])
    if not out or columns is None:
        print("(no rows)")
        return
    widths = [max(len(c), *(len(row[i]) for row in out)) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for row in out:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


def emit(rows: Iterable[dict[str, Any]], fmt: str, columns: list[str] | None = None) -> None:
    """Rows in the chosen format: `table` (with `columns`, default all), `json` (one array) or `jsonl`."""
    if fmt == "jsonl":
        print_jsonl(rows)
    elif fmt == "json":
        print_json(list(rows))
    else:
        print_table(rows, columns)

"""Parquet export and import: the documents and events tables, column for column (DuckDB COPY).

`export_parquet(store, dir)` writes `dir/documents.parquet` and `dir/events.parquet`; `import_export(store,
dir)` loads them into a (writable, usually empty) store: a round trip keeps every row and value (the location
columns too), and an export made before a column existed loads with that column at its default."""

from __future__ import annotations

from pathlib import Path

from ..errors import GeowireError
from ..store import Store

__all__ = ["TABLES", "export_parquet", "import_export"]

TABLES = ("documents", "events")


def _quote(p: Path) -> str:
    return "'" + str(p).replace("'", "''") + "'"


def export_parquet(store: Store, out: str | Path) -> dict[str, int]:
    d = Path(out)
    if d.exists() and not d.is_dir():
        raise GeowireError(f"{out} is a file: the Parquet export is a directory (documents.parquet, events.parquet)")
    d.mkdir(parents=True, exist_ok=True)
    counts = {}
    for t in TABLES:
        store.con.execute(f"COPY (SELECT * FROM {t} ORDER BY id) TO {_quote(d / (t + '.parquet'))} "
                          "(FORMAT parquet, COMPRESSION zstd)")
        row = store.con.execute(f"SELECT count(*) FROM {t}").fetchone()
        counts[t] = int(row[0]) if row else 0
    return counts


def import_export(store: Store, path: str | Path) -> dict[str, int]:
    """Load a Parquet export (a directory from `export_parquet`) into `store`; rows already there (same id)
    are kept as they are. Returns how many rows each table gained."""
    d = Path(path)
    counts = {}
    for t in TABLES:
        f = d / f"{t}.parquet"
        if not f.is_file():
            raise GeowireError(f"{f} is missing: give a directory written by export_parquet")
        before = store.con.execute(f"SELECT count(*) FROM {t}").fetchone()
        present = {r[0] for r in store.con.execute(f"DESCRIBE SELECT * FROM read_parquet({_quote(f)})").fetchall()}
        # an export written before a column existed lacks it: the column gets its default
        cols = [r[0] for r in store.con.execute(f"DESCRIBE {t}").fetchall() if r[0] in present]
        names = ", ".join(f'"{c}"' for c in cols)
        store.con.execute(f"INSERT OR IGNORE INTO {t} ({names}) SELECT {names} FROM read_parquet({_quote(f)})")
        after = store.con.execute(f"SELECT count(*) FROM {t}").fetchone()
        counts[t] = int(after[0] if after else 0) - int(before[0] if before else 0)
    return counts

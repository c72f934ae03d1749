"""Exports: the GDELT 2.0 event table, PLOVER JSONL, Parquet (with its import)."""

from .gdelt import GDELT_COLUMNS, gdelt_rows, read_gdelt, write_gdelt
from .parquet import export_parquet, import_export
from .plover import plover_records, read_plover, write_plover

__all__ = ["GDELT_COLUMNS", "export_parquet", "gdelt_rows", "import_export", "plover_records", "read_gdelt",
           "read_plover", "write_gdelt", "write_plover"]

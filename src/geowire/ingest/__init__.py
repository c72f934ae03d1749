"""Ingest: turn what the user has into Article and Reject records.

Inputs: plain text, HTML pages (trafilatura), RSS/Atom feeds (feedparser), WARC archives (warcio), JSONL and
CSV with configurable field names, directories, `.gz` and `.zip`, http(s) URLs and stdin. Readers are
generators; a bad input or record yields a `Reject` and the run goes on. Nothing downstream knows where an
article came from. `base.py` holds the options and the reader registry; each format module registers its
reader there when imported (below), and heavy libraries load on first use. `dedup.py` and `lang.py` are used
by the engine's planner; `watch.py` polls feeds.
"""

from . import archives, feeds, html, tabular, text, warc  # noqa: F401  (each registers its reader)
from .base import ReadOptions, WebArticle
from .readers import read_inputs, read_text_file
from .tabular import read_jsonl

__all__ = ["ReadOptions", "WebArticle", "read_inputs", "read_jsonl", "read_text_file"]

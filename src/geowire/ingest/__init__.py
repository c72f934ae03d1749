"""Ingest: turn what the user has into Article and Reject records.

Inputs: plain text, HTML pages (trafilatura), RSS/Atom feeds (feedparser), WARC archives (warcio), JSONL and
CSV with configurable field names, directories, `.gz` and `.zip`, http(s) URLs and stdin. Readers are
generators; a bad input or record yields a `Reject` and the run goes on. Nothing downstream knows where an
article came from. `dedup.py` and `lang.py` are used by the runner; `watch.py` polls feeds.
"""

from .readers import ReadOptions, WebArticle, read_inputs, read_jsonl, read_text_file

__all__ = ["ReadOptions", "WebArticle", "read_inputs", "read_jsonl", "read_text_file"]

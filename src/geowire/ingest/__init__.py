"""Ingest: turn what the user has (files, directories, JSONL, stdin) into Article and Reject records.

Readers are generators; a bad input or record yields a `Reject` and the run goes on. Nothing downstream
knows where an article came from.
"""

from .readers import read_inputs, read_jsonl, read_text_file

__all__ = ["read_inputs", "read_jsonl", "read_text_file"]

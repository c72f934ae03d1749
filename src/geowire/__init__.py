"""geowire: political events from news, coded in CAMEO and PLOVER, resolved to actors, stored in DuckDB.

    >>> import geowire
    >>> for ev in geowire.extract("Russia expelled 20 Czech diplomats on Sunday."):
    ...     print(ev.source["code"], ev.cameo, ev.target["code"])

`import geowire` is cheap: the records, the readers and the engine's entry points load at once (none of them
imports spaCy, scipy or pyarrow); the pipeline, the store and evaluation on first use of their names.
"""

from __future__ import annotations

import logging
from importlib import import_module
from typing import TYPE_CHECKING, Any

from . import engine
from .errors import GeowireError
from .ingest import ReadOptions, read_inputs
from .model import ActorMention, Article, Event, Reject

if TYPE_CHECKING:
    from .eval import evaluate
    from .pipeline import events_from_doc, extract, load, parse
    from .store import Store, open_store

__all__ = [
    "ActorMention", "Article", "Event", "GeowireError", "ReadOptions", "Reject", "Store",
    "evaluate", "events_from_doc", "extract", "ingest", "load", "open_store", "parse", "read_inputs",
]
__version__ = "0.1.0"

_LAZY = {"evaluate": "eval", "events_from_doc": "pipeline", "extract": "pipeline", "load": "pipeline", "parse": "pipeline",
         "Store": "store", "open_store": "store"}

ingest = engine.ingest  # bound after the package `geowire.ingest` was imported, so the name is this function
logging.getLogger(__name__).addHandler(logging.NullHandler())  # the CLI (or the application) configures output


def __getattr__(name: str) -> Any:
    """The public names that need heavy modules, imported on first use (PEP 562)."""
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

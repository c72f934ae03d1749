"""geowire: political events from news, coded in CAMEO and PLOVER, resolved to actors, stored in DuckDB.

    >>> import geowire
    >>> for ev in geowire.extract("Russia expelled 20 Czech diplomats on Sunday."):
    ...     print(ev.source["code"], ev.cameo, ev.target["code"])
"""

from .errors import GeowireError
from .eval import evaluate
from .ingest import ReadOptions, read_inputs
from .model import ActorMention, Article, Event, Reject
from .pipeline import events_from_doc, extract, load, parse
from .runner import ingest
from .store import Store, open_store

# Heavier layers load on first use: geowire.relations, geowire.export, geowire.web, geowire.engine.
__all__ = [
    "ActorMention", "Article", "Event", "GeowireError", "ReadOptions", "Reject", "Store",
    "evaluate", "events_from_doc", "extract", "ingest", "load", "open_store", "parse", "read_inputs",
]
__version__ = "0.1.0"

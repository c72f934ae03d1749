"""Relations between states as data: dyad series, the network, balance between poles, conflict spikes,
clustering of mentions into events, plots, and a synthetic store for benchmarks.

Every function takes a `geowire.Store` and returns plain JSON-able dicts and lists."""

from ..store.clusters import cluster_mentions, clusters
from .aggregates import aggregates_fresh, refresh_aggregates
from .balance import balance
from .cluster import cluster_events
from .dyads import dyad_series
from .network import network
from .spikes import spikes
from .synth import synth

__all__ = ["aggregates_fresh", "balance", "cluster_events", "cluster_mentions", "clusters", "dyad_series",
           "network", "refresh_aggregates", "spikes", "synth"]

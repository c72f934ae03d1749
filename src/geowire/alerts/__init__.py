"""Alerts: rules over the store that fire when a relation turns.

    rules.py     the rules file (TOML or YAML): who (a dyad, a country, an actor), what (a CAMEO root or a
                 quad class), a threshold on event counts in a window of days, or on the z-score of `spikes`
    evaluate.py  rules -> alerts (plain dicts carrying the events and evidence sentences behind them)
    deliver.py   where alerts go besides the store: JSON lines (a file or stdout) and a webhook (POST JSON
                 from a background thread, with a timeout and retries with backoff; never blocks the caller)

The store keeps every alert once (`geowire.store.alerts`); `geowire alerts` evaluates a rules file once,
`geowire monitor` and `geowire watch` after every poll.
"""

from .rules import Rule, RuleSet, WebhookConfig, load_rules

__all__ = ["Rule", "RuleSet", "WebhookConfig", "load_rules", "evaluate", "raise_alerts"]


def __getattr__(name: str) -> object:
    if name in ("evaluate", "raise_alerts"):
        from . import evaluate as _evaluate

        return getattr(_evaluate, name)
    raise AttributeError(name)

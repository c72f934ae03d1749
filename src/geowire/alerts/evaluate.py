"""Rules -> alerts. A count rule fires when at least `min_events` asserted events of its subject (and CAMEO
prefix or quad class) are dated within its window, the `window_days` ending at the evaluation day; a z-score
rule fires for each dyad of its subject that `relations.spikes` scores at `min_z` or more in the current
period. The evaluation day is today (UTC) unless given, so a store can be replayed as of any day.

An alert is a plain dict: its id (from rule, subject and window, so each fires once per window), the figure
that fired it, a one-line message, and the events behind it (the latest `MAX_EVIDENCE`) each with its
evidence sentence, trigger, document URL and title. `raise_alerts` records the new ones in the store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from ..relations._common import GROUP_COUNTRIES
from ..store import Store, query
from ..store.alerts import known_alerts, record_alerts
from .rules import Rule

__all__ = ["Alert", "evaluate", "raise_alerts", "MAX_EVIDENCE", "today"]

MAX_EVIDENCE = 20  # events carried by one alert (the latest ones)


@dataclass(frozen=True)
class Alert:
    id: str
    rule: str
    kind: str
    subject: str
    value: float
    threshold: float
    window_start: str
    window_end: str
    message: str
    events: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def _alert_id(rule: str, subject: str, start: str, end: str) -> str:
    return hashlib.sha1(f"{rule}\x00{subject}\x00{start}\x00{end}".encode()).hexdigest()[:20]


def _side(actor: dict[str, Any] | None) -> str | None:
    """An event side as a `spikes` node: its country, else (organizations) its actor code."""
    if not actor:
        return None
    country = actor.get("country")
    return actor.get("code") if not country or country in GROUP_COUNTRIES else country


def _evidence(store: Store, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events as an alert carries them: codes, date, trigger, the evidence sentence, the article."""
    ids = sorted({e["doc_id"] for e in events})
    docs = {r["id"]: r for r in query.dicts(store.con, "SELECT id, url, title FROM documents WHERE id IN "
                                                       "(SELECT unnest(?))", [ids])} if ids else {}
    out = []
    for e in events:
        doc = docs.get(e["doc_id"], {})
        out.append({"id": e["id"], "doc_id": e["doc_id"], "date": e["date"],
                    "source": (e["source"] or {}).get("code"), "target": (e["target"] or {}).get("code"),
                    "cameo": e["cameo"], "cameo_root": e["cameo_root"], "quad_class": e["quad_class"],
                    "goldstein": e["goldstein"], "trigger": (e["trigger"] or {}).get("text"),
                    "sentence": e["sentence"], "url": doc.get("url"), "title": doc.get("title")})
    return out


def _filter(rule: Rule, since: str, until: str) -> query.EventFilter:
    return query.EventFilter(dyad=rule.dyad, country=rule.country, actor=rule.actor, cameo=rule.cameo,
                             quad=rule.quad, since=since, until=until)


def _count(store: Store, rule: Rule, at: dt.date) -> list[Alert]:
    start, end = (at - dt.timedelta(days=rule.window_days - 1)).isoformat(), at.isoformat()
    f = _filter(rule, start, end)
    n = query.count_events(store.con, f)
    if n < rule.min_events:
        return []
    events = query.events(store.con, f, query.Page(MAX_EVIDENCE, max(0, n - MAX_EVIDENCE)))
    what = "".join(x for x in (f" CAMEO {rule.cameo}" if rule.cameo else "",
                               f" quad {rule.quad}" if rule.quad else ""))
    message = (f"{rule.name}: {n} events {rule.subject}{what} dated {start} to {end} "
               f"(threshold {rule.min_events})")
    return [Alert(_alert_id(rule.name, rule.subject, start, end), rule.name, rule.kind, rule.subject, float(n),
                  rule.threshold, start, end, message, _evidence(store, events))]


def _period(by: str, at: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the period (`by`) holding `at`."""
    if by == "day":
        return at, at
    if by == "week":
        start = at - dt.timedelta(days=at.weekday())
        return start, start + dt.timedelta(days=6)
    if by == "month":
        start = at.replace(day=1)
        return start, (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return at.replace(month=1, day=1), at.replace(month=12, day=31)


def _matches(rule: Rule, source: str, target: str) -> bool:
    if rule.dyad:
        a, b = rule.dyad
        return (source.startswith(a) and target.startswith(b)) or (source.startswith(b) and target.startswith(a))
    code = rule.country or rule.actor or ""
    return source.startswith(code) or target.startswith(code)


def _zscore(store: Store, rule: Rule, at: dt.date) -> list[Alert]:
    from ..relations import spikes

    start, end = _period(rule.by, at)
    label = start.strftime(query.period_format(rule.by))
    rows = [r for r in spikes(store, by=rule.by, min_history=rule.min_history, threshold=rule.min_z,
                              measure=rule.measure) if r["period"] == label and _matches(rule, r["source"], r["target"])]
    out = []
    for r in rows:
        subject = f"{r['source']}-{r['target']}"
        f = query.EventFilter(dyad=(r["source"], r["target"]), since=start.isoformat(), until=end.isoformat())
        hostile = [e for e in query.events(store.con, f) if _side(e["source"]) == r["source"]
                   and _side(e["target"]) == r["target"]
                   and ((e["quad_class"] or 0) >= 3 if rule.measure == "conflict" else (e["goldstein"] or 0) < 0)]
        message = (f"{rule.name}: {subject} {rule.measure} {r['value']} in the {rule.by} of {label}, z {r['z']} "
                   f"against {r['history']} earlier periods (threshold {rule.min_z:g})")
        out.append(Alert(_alert_id(rule.name, subject, start.isoformat(), end.isoformat()), rule.name, rule.kind,
                         subject, float(r["z"]), rule.threshold, start.isoformat(), end.isoformat(), message,
                         _evidence(store, hostile[-MAX_EVIDENCE:])))
    return out


def evaluate(store: Store, rules: Sequence[Rule], at: dt.date | None = None) -> list[Alert]:
    """Every alert the rules raise as of `at` (default today, UTC), recorded before or not."""
    day = at or today()
    out: list[Alert] = []
    for rule in rules:
        out += _count(store, rule, day) if rule.kind == "count" else _zscore(store, rule, day)
    return out


def raise_alerts(store: Store, rules: Sequence[Rule], at: dt.date | None = None,
                 webhook: bool = False) -> list[dict[str, Any]]:
    """Evaluate the rules and record the alerts not recorded before; returns those new alerts as plain
    dicts (with `fired_at`, UTC, and `delivery` "pending" when a webhook is to send them)."""
    fired = evaluate(store, rules, at)
    known = known_alerts(store.con, [a.id for a in fired])
    stamp = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="seconds")
    new = [dict(a.to_dict(), fired_at=stamp, delivery="pending" if webhook else None) for a in fired
           if a.id not in known]
    recorded = set(record_alerts(store.con, new))
    return [a for a in new if a["id"] in recorded]

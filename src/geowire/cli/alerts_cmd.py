"""`geowire alerts --db FILE [--rules RULES]`: with `--rules`, evaluate the rules once, record the alerts not
raised before and print them (and write or POST them); without, list the alerts in the store, newest first.

The rules file (TOML or YAML) is described in `geowire.alerts.rules`; each alert carries the events and the
evidence sentences behind it. `--at DATE` evaluates as of that day instead of today (UTC), to replay a store.
"""

from __future__ import annotations

import argparse

from .options import add_alert_options, add_db, add_format, add_limit, command, iso_date

_COLUMNS = ["fired_at", "rule", "subject", "value", "threshold", "window_start", "window_end", "delivery"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = command(sub, "alerts", help="evaluate alert rules on a store, or list the alerts raised",
                description="Rules (TOML or YAML): [[rule]] tables with a name; dyad = \"RUS-UKR\", country = "
                            "\"IRN\" or actor = \"USAGOV\"; optionally cameo = \"19\" or quad = 4; then either "
                            "min_events = N with window = \"2d\" (days or weeks), or min_z = 2.5 with by = \"week\" "
                            "(the z-score of `geowire spikes`). An optional [webhook] table: url, timeout, retries.")
    add_db(p)
    add_alert_options(p, out_flag="--out")
    p.add_argument("--at", type=iso_date, metavar="YYYY-MM-DD", help="evaluate as of this day (default today, UTC)")
    p.add_argument("--rule", metavar="NAME", help="list only this rule's alerts")
    add_limit(p, "alerts")
    add_format(p)
    p.set_defaults(run=run)


def _raise(args: argparse.Namespace) -> list[dict]:
    import datetime as dt

    from ..alerts import load_rules
    from ..alerts.deliver import JsonlSink, webhook_for
    from ..alerts.evaluate import raise_alerts
    from ..store import Store
    from ..store.alerts import set_delivery
    from .live import log_alert

    rules = load_rules(args.rules)
    webhook = webhook_for(rules, args.webhook)
    out = JsonlSink(args.alerts_out) if args.alerts_out else None
    with Store(args.db) as store:
        new = raise_alerts(store, rules.rules, dt.date.fromisoformat(args.at) if args.at else None,
                           webhook=webhook is not None)
        for alert in new:
            log_alert(alert)
            if out:
                out.write(alert)
            if webhook:
                webhook.submit(alert)
        if webhook:
            webhook.close(wait=60)
            set_delivery(store.con, webhook.outcomes())
    if out:
        out.close()
    return new


def run(args: argparse.Namespace) -> int:
    from ..store import open_store
    from ..store.alerts import alerts
    from ..store.query import Page
    from .console import log
    from .output import emit

    if args.rules:
        rows = _raise(args)
        log.info("%d new alerts", len(rows))
    else:
        with open_store(args.db) as store:
            rows = alerts(store.con, Page(args.limit), args.rule)
    if args.alerts_out != "-":
        emit(rows[: args.limit], args.format, _COLUMNS)
    return 0

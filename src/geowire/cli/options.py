"""Options shared by the commands, defined once: `--db` (default `$GEOWIRE_DB`), `--format`, a validated
`--limit`, the place filters (`--in`, `--near`, `--km`), the input options (`--date`, `--sample`, field names,
size cap), the engine options, and the options of the live commands: polling (`watch`, `monitor`), alerts
(`alerts`, `watch`, `monitor`) and the web server (`serve`, `monitor`).

This module stays light: `geowire dyads` must start in well under a second, so nothing heavy is imported here
or at the top of any command module.
"""

from __future__ import annotations

import argparse
import math
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..ingest.base import MAX_BYTES, valid_date

if TYPE_CHECKING:
    from ..ingest.base import ReadOptions

__all__ = ["Parser", "command", "count", "confidence", "add_min_confidence", "iso_date", "add_db", "add_format",
           "add_limit", "add_input_options", "add_engine_options", "read_options", "engine_options", "input_paths",
           "add_place_filters", "place_filter", "country", "point", "km", "QUERY_FORMATS", "DB_ENV", "port",
           "add_poll_options", "add_alert_options", "add_server_options"]

DB_ENV = "GEOWIRE_DB"
QUERY_FORMATS = ("table", "json", "jsonl")


class Parser(argparse.ArgumentParser):
    """Usage errors as one line (exit 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"geowire: error: {message} (see `{self.prog} --help`)\n")


def _verbosity() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    g = p.add_mutually_exclusive_group()
    g.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                   help="only warnings and errors on stderr")
    g.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                   help="also debugging messages on stderr")
    p.add_argument("--log-format", choices=("text", "json"), default=argparse.SUPPRESS,
                   help="messages on stderr as text (default) or one JSON object per line")
    return p


def command(sub: argparse._SubParsersAction, name: str, help: str, **kw: Any) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    """A subcommand's parser, with `--quiet`, `--verbose` and `--log-format`."""
    return sub.add_parser(name, help=help, parents=[_verbosity()], **kw)  # type: ignore[no-any-return]


def _number(value: str, convert: Callable[[str], float], low: float, high: float, message: str) -> Any:
    """`value` converted (int or float) when it lies in [low, high], else argparse's error "invalid ... " +
    message."""
    try:
        x = convert(value)
    except ValueError:
        x = low - 1
    if not low <= x <= high:
        raise argparse.ArgumentTypeError(message.format(value=repr(value)))
    return x


def count(value: str) -> int:
    """argparse type for counts (limits, workers, batch sizes): a whole number of at least 1."""
    return int(_number(value, int, 1, math.inf, "invalid count {value}: give a whole number of at least 1"))


def iso_date(value: str) -> str:
    """argparse type for YYYY-MM-DD dates."""
    d = valid_date(value)
    if d is None or len(value.strip()) != 10:
        raise argparse.ArgumentTypeError(f"invalid date {value!r}: use YYYY-MM-DD")
    return d


def add_db(p: argparse.ArgumentParser, help: str = "DuckDB file, or a Parquet directory written by `geowire run`"
           ) -> None:
    """`--db PATH`, by default `$GEOWIRE_DB` (required when that is not set)."""
    env = os.environ.get(DB_ENV) or None
    p.add_argument("--db", default=env, required=env is None, metavar="PATH", help=f"{help} (default ${DB_ENV})")


def add_format(p: argparse.ArgumentParser, default: str = "table", choices: tuple[str, ...] = QUERY_FORMATS) -> None:
    p.add_argument("--format", choices=choices, default=default,
                   help=f"output on stdout: {', '.join(choices)} (default {default})")


def confidence(value: str) -> float:
    """argparse type for a confidence bar: a number from 0 to 1."""
    return float(_number(value, float, 0.0, 1.0, "invalid confidence {value}: give a number from 0 to 1"))


def add_min_confidence(p: argparse.ArgumentParser, coding: bool = False) -> None:
    """`--min-confidence X`: the bar under which events are left out (when coding: stored, flagged)."""
    what = ("events under it are stored but flagged, so a query can lower the bar without coding again"
            if coding else "events under it are left out")
    p.add_argument("--min-confidence", type=confidence, default=None, metavar="X",
                   help=f"confidence bar from 0 to 1 for every event (default: the model's two bars, one for "
                        f"pattern-coded events and one for its own proposals, chosen for the best F1 on the dev "
                        f"articles); {what}")


def add_limit(p: argparse.ArgumentParser, what: str = "rows") -> None:
    p.add_argument("--limit", type=count, metavar="N", help=f"at most N {what}")


def country(value: str) -> str:
    """argparse type for an ISO 3166-1 alpha-3 country code (UKR)."""
    from ..errors import GeowireError
    from ..store.query import check_country

    try:
        return check_country(value)
    except GeowireError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def point(value: str) -> tuple[float, float]:
    """argparse type for a point LAT,LON in decimal degrees (50.45,30.52)."""
    from ..errors import GeowireError
    from ..store.query import check_near

    try:
        lat, lon = (float(v) for v in value.split(","))
        check_near(lat, lon, 1.0)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid point {value!r}: use LAT,LON in decimal degrees, "
                                         "e.g. 50.45,30.52") from None
    except GeowireError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return lat, lon


def km(value: str) -> float:
    """argparse type for a distance in km (more than 0, at most half the Earth's circumference)."""
    from ..errors import GeowireError
    from ..store.query import check_near

    try:
        return check_near(0.0, 0.0, float(value))[2]
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid distance {value!r}: give a number of km") from None
    except GeowireError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_place_filters(p: argparse.ArgumentParser) -> None:
    """`--in ISO3` and `--near LAT,LON --km N`: where the events happened (their location)."""
    p.add_argument("--in", dest="in_country", type=country, metavar="ISO3",
                   help="only events located in this country (ISO 3166-1 alpha-3, e.g. UKR)")
    p.add_argument("--near", type=point, metavar="LAT,LON",
                   help="only events located within --km of this point (decimal degrees)")
    p.add_argument("--km", type=km, metavar="N", help="the distance of --near in km")


def place_filter(p: argparse.ArgumentParser, args: argparse.Namespace) -> dict[str, Any]:
    """The EventFilter fields of the place filters (a usage error when `--near` and `--km` come apart)."""
    if (args.near is None) != (args.km is None):
        p.error("--near and --km go together: --near LAT,LON --km N")
    near = (*args.near, args.km) if args.near is not None else None
    return {"in_country": args.in_country, "near": near}


def add_input_options(p: argparse.ArgumentParser, sample: bool = True) -> None:
    """PATH..., `--date`, `--sample`, JSONL/CSV field names, the size cap and private hosts."""
    p.add_argument("paths", nargs="*" if sample else "+", metavar="PATH",
                   help="files, directories, http(s) URLs, or - for stdin")
    p.add_argument("--date", type=iso_date, help="article date for inputs that have none (YYYY-MM-DD)")
    if sample:
        p.add_argument("--sample", action="store_true", help="also read the bundled sample corpus")
    for name in ("text", "id", "date", "title", "url"):
        p.add_argument(f"--{name}-field", default=name, metavar="NAME",
                       help=f"JSONL/CSV field holding the {name} (default {name!r})")
    p.add_argument("--max-bytes", type=count, default=MAX_BYTES, metavar="N",
                   help=f"size cap of one whole-file input (default {MAX_BYTES})")
    p.add_argument("--allow-private", action="store_true", help="allow fetching URLs on private/loopback hosts")


def read_options(args: argparse.Namespace) -> ReadOptions:
    from ..ingest.base import ReadOptions

    return ReadOptions(date=args.date, text_field=args.text_field, id_field=args.id_field,
                       date_field=args.date_field, title_field=args.title_field, url_field=args.url_field,
                       max_bytes=args.max_bytes, allow_private=args.allow_private)


def input_paths(args: argparse.Namespace) -> list[str]:
    """The PATH arguments plus the bundled sample with `--sample`; a usage error when there are none."""
    from ..errors import GeowireError

    paths = list(args.paths)
    if getattr(args, "sample", False):
        from ..knowledge import data_path

        paths.append(str(data_path("sample", "articles.jsonl")))
    if not paths:
        raise GeowireError("no input: give files, directories, URLs, - for stdin, or --sample")
    return paths


def add_engine_options(p: argparse.ArgumentParser) -> None:
    """Where and how documents are coded (the same for `ingest` and `run`)."""
    from ..engine import BATCH_SIZE, ENGINES

    p.add_argument("--engine", choices=ENGINES, default="local",
                   help="local: this machine (default); dask: a Dask cluster")
    p.add_argument("--workers", type=count, metavar="N",
                   help="coding processes (local) or workers of a new local Dask cluster (dask)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (tcp://HOST:8786)")
    p.add_argument("--batch-size", type=count, default=BATCH_SIZE, metavar="N",
                   help=f"documents per batch, one transaction each (default {BATCH_SIZE})")
    p.add_argument("--no-dedup", action="store_true", help="code duplicates again instead of linking them")
    p.add_argument("--any-language", action="store_true", help="code documents in any language")
    p.add_argument("--progress", action="store_true", help="draw a progress bar even when stderr is not a terminal")
    add_min_confidence(p, coding=True)


def engine_options(args: argparse.Namespace) -> dict[str, Any]:
    """Keyword arguments of `geowire.engine.ingest` / `run` from the engine options."""
    return {"engine": args.engine, "workers": args.workers, "scheduler": args.scheduler,
            "batch_size": args.batch_size, "dedup": not args.no_dedup,
            "languages": None if args.any_language else ("en",), "min_confidence": args.min_confidence}


def port(value: str) -> int:
    """argparse type for a TCP port (0 picks a free one)."""
    return int(_number(value, int, 0, 65535, "invalid port {value}: use 0-65535"))


def _workers(value: str) -> int:
    return int(_number(value, int, 0, math.inf, "invalid count {value}: give a whole number (0: code in this process)"))


def add_poll_options(p: argparse.ArgumentParser, workers: int = 0) -> None:
    """FEEDS.txt, the interval, the limits of fetching and the coding processes (`watch`, `monitor`)."""
    p.add_argument("feeds", metavar="FEEDS.txt", help="file with one feed URL per line")
    p.add_argument("--every", default="15m", help="poll interval (30s, 15m, 2h; default 15m)")
    p.add_argument("--once", action="store_true", help="poll once and exit")
    p.add_argument("--allow-private", action="store_true", help="allow private and loopback hosts (tests)")
    p.add_argument("--delay", type=float, default=1.0, help="seconds between requests to one host (default 1)")
    p.add_argument("--timeout", type=float, default=20.0, help="seconds per request (default 20)")
    p.add_argument("--max-bytes", type=count, default=MAX_BYTES, help=f"size cap per response (default {MAX_BYTES})")
    p.add_argument("--workers", type=_workers, default=workers, metavar="N",
                   help=f"coding processes kept up between polls; 0 codes in this process (default {workers})")


def add_alert_options(p: argparse.ArgumentParser, out_flag: str = "--alerts-out") -> None:
    """The rules file and where new alerts go besides the store (`alerts`, `watch`, `monitor`)."""
    p.add_argument("--rules", metavar="RULES", help="alert rules, a TOML or YAML file (see `geowire alerts --help`)")
    p.add_argument(out_flag, metavar="FILE", dest="alerts_out",
                   help="also write each new alert as a JSON line to FILE (appended), or - for stdout")
    p.add_argument("--webhook", metavar="URL", help="POST each new alert as JSON to URL (overrides the rules file's)")


def add_server_options(p: argparse.ArgumentParser, timeout_flag: str = "--timeout") -> None:
    """Where and how the dashboard listens (`serve`, `monitor`)."""
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=port, default=8000, help="port (default 8000; 0 picks a free one)")
    p.add_argument(timeout_flag, dest="web_timeout", type=float, default=10.0,
                   help="seconds a web request may take (default 10)")
    p.add_argument("--max-body", type=count, default=64 * 1024, help="largest request body in bytes (default 65536)")
    p.add_argument("--no-access-log", action="store_true", help="do not log every request")

"""The `geowire` command line: one small module per command (`<name>_cmd.py`, discovered automatically), each
calling the public library. Shared options are in `options.py`, stdout output in `output.py`, stderr messages
(logging, rejects, progress) in `console.py`.

Command modules import heavy libraries (spaCy, pyarrow, networkx, FastAPI) inside `run()`, so building the
parser is cheap and a query command such as `geowire dyads` starts in a fraction of a second. Every error a
user can cause ends as one line on stderr: a GeowireError or a DuckDB error exits 1, a usage error 2.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from types import ModuleType

from ..errors import GeowireError
from .console import log, setup_logging
from .options import Parser

__all__ = ["main", "build_parser", "commands"]

# Commands listed first appear first in --help; any other `*_cmd` module of this package is added after them.
_ORDER = ["extract", "ingest", "watch", "monitor", "alerts", "status", "rejects", "events", "dyads", "actors", "eval",
          "dyad", "network", "balance", "spikes", "export", "serve", "run", "synth"]


def commands() -> list[ModuleType]:
    """Every command module (`cli/<name>_cmd.py`, each with `add_parser(sub)`)."""
    names = [m.name for m in pkgutil.iter_modules(__path__) if m.name.endswith("_cmd")]
    names.sort(key=lambda n: (_ORDER.index(n[:-4]) if n[:-4] in _ORDER else len(_ORDER), n))
    return [importlib.import_module(f"{__name__}.{n}") for n in names]


def _version() -> str:
    from .. import __version__

    return f"geowire {__version__}"


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="geowire", description="Political events from news: who did what to whom.")
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for cmd in commands():
        cmd.add_parser(sub)
    return parser


def _database_error(exc: BaseException) -> bool:
    duckdb = sys.modules.get("duckdb")  # loaded only if a command used it
    return duckdb is not None and isinstance(exc, duckdb.Error)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    setup_logging(quiet=getattr(args, "quiet", False), verbose=getattr(args, "verbose", False),
                  log_format=getattr(args, "log_format", "text"))
    try:
        return int(args.run(args) or 0)
    except GeowireError as exc:
        log.error("%s", exc)
        return 1
    except KeyboardInterrupt:
        log.error("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if not _database_error(exc):
            raise
        log.error("database: %s", str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__)
        return 1


if __name__ == "__main__":
    sys.exit(main())

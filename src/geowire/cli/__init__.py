"""The `geowire` command line: one small module per command, each calling the public library."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from types import ModuleType

from ..errors import GeowireError

__all__ = ["main", "build_parser", "commands"]

# Commands listed first appear first in --help; any other `*_cmd` module of this package is added after them.
_ORDER = ["extract", "ingest", "watch", "rejects", "events", "dyads", "actors", "eval", "dyad", "network",
          "balance", "spikes", "export", "serve", "run", "synth"]


def commands() -> list[ModuleType]:
    """Every command module (`cli/<name>_cmd.py`, each with `add_parser(sub)`)."""
    names = [m.name for m in pkgutil.iter_modules(__path__) if m.name.endswith("_cmd")]
    names.sort(key=lambda n: (_ORDER.index(n[:-4]) if n[:-4] in _ORDER else len(_ORDER), n))
    return [importlib.import_module(f"{__name__}.{n}") for n in names]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"geowire: error: {message} (see `geowire --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="geowire", description="Political events from news: who did what to whom.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for cmd in commands():
        cmd.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except GeowireError as exc:
        print(f"geowire: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("geowire: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())

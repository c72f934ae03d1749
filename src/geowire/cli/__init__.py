"""The `geowire` command line: one small module per command, each calling the public library."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ..errors import GeowireError
from . import actors_cmd, dyads_cmd, eval_cmd, events_cmd, extract_cmd, ingest_cmd

__all__ = ["main", "build_parser"]

COMMANDS = (extract_cmd, ingest_cmd, events_cmd, dyads_cmd, actors_cmd, eval_cmd)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"geowire: error: {message} (see `geowire --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="geowire", description="Political events from news: who did what to whom.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for cmd in COMMANDS:
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

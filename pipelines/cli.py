"""The ``crosscheck`` command line.

Each subcommand lives in its own module under :mod:`pipelines.commands` and is
discovered automatically. A command module defines::

    NAME = "validate"                 # the subcommand
    HELP = "one line for crosscheck --help"
    def add_arguments(parser: argparse.ArgumentParser) -> None: ...
    def run(args: argparse.Namespace) -> int: ...   # returns an exit code

Conventions (data contract): ``--input DIR``, ``--out DIR``, ``--db URL``
(default ``$CROSSCHECK_DB`` else ``sqlite:///crosscheck.db``), ``--json`` prints one
JSON object as the last line; exit codes 0/1/2/3/4 as in :mod:`pipelines.errors`.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import pkgutil
import sys
from collections.abc import Sequence

from pipelines import commands as _commands_pkg
from pipelines.errors import EXIT_INTERNAL, EXIT_USAGE, CrosscheckError

DEFAULT_DB = "sqlite:///crosscheck.db"
log = logging.getLogger("crosscheck")


def default_db_url() -> str:
    return os.environ.get("CROSSCHECK_DB") or DEFAULT_DB


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", default=None, metavar="URL",
        help="run store (SQLAlchemy URL); default $CROSSCHECK_DB, else sqlite:///crosscheck.db",
    )


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON object as the last line")


def db_url(args: argparse.Namespace) -> str:
    return getattr(args, "db", None) or default_db_url()


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse prints usage and exits 2; keep the one-line convention on stderr
        self.print_usage(sys.stderr)
        sys.stderr.write(f"crosscheck: error: {message} — see `{self.prog} --help`\n")
        raise SystemExit(EXIT_USAGE)


def _command_modules() -> list:
    mods = []
    for info in sorted(pkgutil.iter_modules(_commands_pkg.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{_commands_pkg.__name__}.{info.name}")
        if hasattr(mod, "NAME") and hasattr(mod, "run"):
            mods.append(mod)
    return sorted(mods, key=lambda m: m.NAME)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="crosscheck",
        description="Find concealed and under-reported production-safety accidents by linking "
        "people across departments' records.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    parser.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for mod in _command_modules():
        p = sub.add_parser(mod.NAME, help=mod.HELP, description=getattr(mod, "DESCRIPTION", mod.HELP))
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else (logging.WARNING if args.quiet else logging.INFO),
        format="%(asctime)s %(levelname)s %(message)s",
        datefmt="%H:%M:%S",
        stream=sys.stderr,
    )
    if not getattr(args, "_run", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args._run(args) or 0)
    except CrosscheckError as exc:
        sys.stderr.write(f"crosscheck: error: {exc.one_line()}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("crosscheck: interrupted — nothing was committed; re-run the command\n")
        return EXIT_INTERNAL
    except Exception as exc:
        log.debug("internal error", exc_info=True)
        sys.stderr.write(
            f"crosscheck: internal error: {type(exc).__name__}: {exc} — re-run with -v for the "
            "traceback and report it\n"
        )
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

"""``crosscheck serve``: run the investigators' review web app (uvicorn)."""

from __future__ import annotations

import argparse
import logging

from pipelines.cli import add_db_option, db_url
from pipelines.errors import UsageError

NAME = "serve"
HELP = "serve the investigators' review web app"
log = logging.getLogger("crosscheck")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_option(parser)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from review.app import create_app
    from review.settings import Settings

    if not 0 < args.port < 65536:
        raise UsageError(f"port {args.port} is out of range", hint="pass --port 1..65535")
    app = create_app(Settings(db_url=db_url(args)))
    if not app.state.data.usernames():
        log.warning("serve: the store has no users yet — add one with "
                    "`crosscheck users add NAME --role supervisor`")
    log.info("serve: http://%s:%d/", args.host, args.port)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0

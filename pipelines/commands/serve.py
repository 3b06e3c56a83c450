"""``crosscheck serve``: run the investigators' review web app (uvicorn).

With ``--workers N`` (N > 1) uvicorn starts N processes, each building the app from the
environment (``review.app:create_app`` as a factory): the store URL is passed to them as
``CROSSCHECK_DB`` and the session-signing key as ``CROSSCHECK_SECRET_KEY`` — if that is not
set, one random key is made here and shared by every worker, so a session cookie is valid
whichever worker answers (sessions then end when the server stops). The store is opened
(and migrated) once here, before the workers start.
"""

from __future__ import annotations

import argparse
import logging
import os
import secrets

from pipelines.cli import add_db_option, db_url
from pipelines.errors import UsageError

NAME = "serve"
HELP = "serve the investigators' review web app"
log = logging.getLogger("crosscheck")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_option(parser)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument("--workers", type=int, default=1, metavar="N",
                        help="worker processes (default 1; set CROSSCHECK_SECRET_KEY to keep "
                             "sessions across restarts)")


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from review.app import create_app
    from review.settings import Settings

    if not 0 < args.port < 65536:
        raise UsageError(f"port {args.port} is out of range", hint="pass --port 1..65535")
    if not 1 <= args.workers <= 64:
        raise UsageError(f"--workers {args.workers} is out of range", hint="pass --workers 1..64")
    url = db_url(args)
    if args.workers == 1:
        app = create_app(Settings(db_url=url))
        users = app.state.data.usernames()
    else:
        from pipelines.store import open_store

        store = open_store(url)   # migrate once, before the workers open it
        try:
            users = store.list_users()
        finally:
            store.close()
        os.environ["CROSSCHECK_DB"] = url
        if not os.environ.get("CROSSCHECK_SECRET_KEY"):
            log.warning("serve: CROSSCHECK_SECRET_KEY is not set; using a random key shared "
                        "by the %d workers (sessions end when the server stops)", args.workers)
            os.environ["CROSSCHECK_SECRET_KEY"] = secrets.token_urlsafe(48)
    if not users:
        log.warning("serve: the store has no users yet — add one with "
                    "`crosscheck users add NAME --role supervisor`")
    log.info("serve: http://%s:%d/ (%d worker%s)", args.host, args.port, args.workers,
             "" if args.workers == 1 else "s")
    if args.workers == 1:
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    else:
        uvicorn.run("review.app:create_app", factory=True, workers=args.workers,
                    host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0

"""Shared fixtures: a private PostgreSQL server and ``store_url`` over SQLite and PostgreSQL.

Each pytest process (each xdist worker) starts its own throw-away PostgreSQL cluster
(``initdb`` + ``pg_ctl`` from Debian's ``postgresql`` package, run as the ``postgres``
user when the tests run as root) in a temporary folder, on a free TCP port, the first
time a test asks for it, and stops and deletes it at the end of the session. Nothing is
shared between workers, so ``pytest -n 2`` cannot collide.

- ``postgres_server``: session; the server's base URL (``postgresql://postgres@127.0.0.1:PORT``).
- ``pg_url``: session; a database of this worker on that server.
- ``store_url``: per test, parametrised ``sqlite`` / ``postgresql``; a fresh, empty database.

When the PostgreSQL binaries are missing the fixtures fail (never skip): install them with
``bash scripts/bootstrap.sh --dev``.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest


def _pg_bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    exe = shutil.which("initdb")
    if exe:
        return Path(exe).parent
    pytest.fail("PostgreSQL server binaries (initdb, pg_ctl) not found — install Debian's "
                "postgresql package: bash scripts/bootstrap.sh --dev", pytrace=False)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_pg_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", "postgres", "--", *cmd]
    return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(cmd)]


class _Cluster:
    def __init__(self) -> None:
        self.bindir = _pg_bindir()
        self.root = Path(tempfile.mkdtemp(prefix="crosscheck-pg-"))
        self.data = self.root / "data"
        self.port = 0
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        self._run([str(self.bindir / "initdb"), "-D", str(self.data), "-A", "trust", "-U",
                   "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        last = ""
        for _ in range(5):
            self.port = _free_port()
            opts = (f"-c listen_addresses=127.0.0.1 -c port={self.port} "
                    f"-c unix_socket_directories={self.root} -c fsync=off "
                    "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200 "
                    "-c shared_buffers=32MB")
            proc = subprocess.run(
                _as_pg_user([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", opts, "-l",
                             str(self.root / "server.log"), "-w", "-t", "60", "start"]),
                capture_output=True, text=True,
            )
            if proc.returncode == 0:
                return
            last = proc.stderr + proc.stdout
            with contextlib.suppress(OSError):
                last += (self.root / "server.log").read_text()[-2000:]
        self.stop()
        pytest.fail(f"PostgreSQL did not start: {last[-2000:]}", pytrace=False)

    def _run(self, cmd: list[str]) -> None:
        proc = subprocess.run(_as_pg_user(cmd), capture_output=True, text=True)
        if proc.returncode != 0:
            self.stop()
            pytest.fail(f"{Path(cmd[0]).name} failed: {proc.stderr[-2000:]}", pytrace=False)

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(f"{self.url}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"{self.url}/{name}"

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            subprocess.run(_as_pg_user([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m",
                                        "immediate", "-w", "stop"]), capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A private PostgreSQL server for this pytest process; its base URL."""
    cluster = _Cluster()
    try:
        yield cluster.url
    finally:
        cluster.stop()


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def pg_url(postgres_server: str) -> str:
    """A database of this xdist worker on the private server."""
    import psycopg

    name = f"crosscheck_{_worker()}"
    with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{postgres_server}/{name}"


def _fresh_pg_database(server: str) -> str:
    import psycopg

    name = f"t_{_worker()}_{uuid.uuid4().hex[:12]}"
    for attempt in range(5):
        try:
            with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            break
        except psycopg.errors.ObjectInUse:  # template1 busy: another CREATE DATABASE in flight
            time.sleep(0.2 * (attempt + 1))
    return f"{server}/{name}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty store URL, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    server = request.getfixturevalue("postgres_server")
    return _fresh_pg_database(server)

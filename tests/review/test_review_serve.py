"""``crosscheck serve --workers 2``: every worker accepts the session cookie another made.

Without a configured ``CROSSCHECK_SECRET_KEY`` each worker would make its own random key and
about half of the requests after the login would bounce back to the login page.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from pipelines.store import open_store
from tests.review.conftest import CSRF_RE, USERS, seed_store

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_serve_with_two_workers_shares_sessions(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    store = open_store(url)
    seed_store(store)
    store.close()
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "CROSSCHECK_SECRET_KEY"}
    server = subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "-q", "serve", "--db", url, "--port", str(port),
         "--workers", "2"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
            try:
                httpx.get(f"{base}/login", timeout=2)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        with httpx.Client(base_url=base, follow_redirects=False, timeout=30) as c:
            tok = CSRF_RE.search(c.get("/login").text).group(1)
            r = c.post("/login", data={"username": "sup", "password": USERS["sup"][1],
                                       "csrf_token": tok})
            assert r.status_code == 303
            # new connections each time, so the kernel spreads them over both workers
            codes = [httpx.get(f"{base}/leads", cookies=c.cookies, timeout=30).status_code
                     for _ in range(16)]
        assert codes == [200] * 16, codes
    finally:
        server.terminate()
        server.wait(20)

"""Fixtures of the review app's tests: a seeded store (built once, copied per test), an app
over it, and a helper that logs a TestClient in."""

from __future__ import annotations

import re
import shutil
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipelines.store import Store, open_store
from review.app import create_app
from review.seed import add_users, seed_run
from review.settings import Settings

warnings.filterwarnings("ignore", message=".*httpx2.*")
from fastapi.testclient import TestClient  # noqa: E402

USERS = {
    "sup": ("supervisor", "supervisor-pass-1"),
    "inv": ("investigator", "investigator-pass-1"),
    "inv2": ("investigator", "investigator-pass-2"),
    "aud": ("auditor", "auditor-pass-1"),
    "adm": ("admin", "admin-pass-123"),
}
ASSIGNED = ["L00000000", "L00000001", "L00000002", "L00000003"]   # to inv
UNASSIGNED = "L00000005"
N_LEADS = 40
SECRET = "test-secret-key-0123456789abcdef"


def seed_store(store: Store) -> str:
    run_id = seed_run(store, n_leads=N_LEADS, seed=0)
    add_users(store, USERS)
    for lead_id in ASSIGNED:
        store.assign(lead_id, "inv", "seed")
    return run_id


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("review-seed") / "store.db"
    store = open_store(f"sqlite:///{path}")
    run_id = seed_store(store)
    store.close()
    return path, run_id


@dataclass
class Env:
    app: object
    store: Store
    run_id: str
    url: str

    def client(self) -> TestClient:
        return TestClient(self.app, follow_redirects=False)


@pytest.fixture
def env(seeded_db: tuple[Path, str], tmp_path: Path) -> Iterator[Env]:
    src, run_id = seeded_db
    dst = tmp_path / "store.db"
    shutil.copy(src, dst)
    url = f"sqlite:///{dst}"
    store = open_store(url)
    app = create_app(Settings(db_url=url, secret_key=SECRET), store=store)
    yield Env(app, store, run_id, url)
    store.close()


CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def login(client: TestClient, username: str, password: str | None = None) -> str:
    """Log ``client`` in; returns the session's CSRF token."""
    page = client.get("/login")
    token = CSRF_RE.search(page.text).group(1)
    r = client.post("/login", data={"username": username,
                                    "password": password or USERS[username][1],
                                    "csrf_token": token})
    assert r.status_code == 303, r.text
    home = client.get(r.headers["location"], follow_redirects=True)
    m = CSRF_RE.search(home.text)
    assert m, "no CSRF token on the home page"
    return m.group(1)


def audit_actions(store: Store, **filters: str) -> list[dict]:
    return store.list_audit(filters)


@pytest.fixture(scope="session")
def real(tmp_path_factory: pytest.TempPathFactory):
    """The small real run of the report tests (generated data, the real pipeline; shared
    between xdist workers, read-only — copy it before writing)."""
    from tests.reports.realrun import real_run

    return real_run(tmp_path_factory)

"""Browser tests: Debian's chromium driven by Playwright against a live uvicorn server, on
SQLite and PostgreSQL (``store_url``)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn

from pipelines.store import open_store
from review.app import create_app
from review.settings import Settings
from tests.review.conftest import ASSIGNED, SECRET, USERS, seed_store

pytestmark = pytest.mark.browser
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def live_url(store_url: str) -> Iterator[str]:
    store = open_store(store_url)
    seed_store(store)
    app = create_app(Settings(db_url=store_url, secret_key=SECRET), store=store)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield b
        b.close()


def _login(page: object, base: str, user: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", USERS[user][1])
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_investigator_flow_and_auditor_sees_it(live_url: str, browser: object) -> None:
    ctx = browser.new_context()
    page = ctx.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda d: d.accept())
    _login(page, live_url, "inv")
    from playwright.sync_api import expect

    assert page.url.endswith("/leads")
    rows = page.locator("table.queue tbody tr")
    assert rows.count() == 4                   # an investigator starts on "my leads"
    # filter the queue (htmx swaps the table in place)
    page.select_option("select[name=assignee]", "*")
    expect(rows).to_have_count(40)
    page.select_option("select[name=assignee]", "inv")
    expect(rows).to_have_count(4)
    assert "assignee=inv" in page.url
    page.select_option("select[name=type]", "unreported_death")
    expect(rows).to_have_count(1)
    # open the lead
    page.click("table.queue a.lead-link")
    page.wait_for_load_state()
    assert f"/leads/{ASSIGNED[0]}" in page.url
    svg = page.locator("svg.waterfall").first
    assert svg.is_visible()
    assert svg.locator("rect").count() >= 2
    assert page.locator("table.evidence td.disagree, table.evidence td.agree").count() > 0
    # record a decision
    page.check("input[name=status][value=in_review]")
    page.fill("textarea[name=comment]", "开始核查 started checking")
    page.click("form.decision-form button[type=submit]")
    page.wait_for_load_state()
    assert "已保存" in page.content()
    assert "开始核查 started checking" in page.locator("table.history").first.inner_text()
    assert not errors, errors     # no CSP violations or script errors
    ctx.close()

    ctx = browser.new_context()
    page = ctx.new_page()
    _login(page, live_url, "aud")
    assert page.url.endswith("/audit")
    page.fill("input[name=lead_id]", ASSIGNED[0])
    page.select_option("select[name=action]", "status_change")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    table = page.locator("table.audit tbody").inner_text()
    assert "inv" in table and "开始核查 started checking" in table and ASSIGNED[0] in table
    ctx.close()

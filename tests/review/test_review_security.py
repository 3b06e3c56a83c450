"""Sessions, CSRF, lock-out, security headers and the route inventory of the review app."""

from __future__ import annotations

import re
from datetime import timedelta

from fastapi.routing import APIRoute
from starlette.routing import Mount

from review.data import now_utc
from review.security import (
    SESSION_COOKIE,
    LoginThrottle,
    SessionCodec,
    hash_password,
    verify_password,
)
from tests.review.conftest import CSRF_RE, SECRET, USERS, Env, audit_actions, login

PUBLIC = {"/login"}


def _fill(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "L00000000", path)


def test_every_route_except_login_and_static_requires_a_session(env: Env) -> None:
    client = env.client()
    checked = 0
    for route in env.app.routes:
        if isinstance(route, Mount):
            assert route.path == "/static", f"unexpected mount {route.path}"
            continue
        assert isinstance(route, APIRoute), f"unexpected route type {route!r}"
        if route.path in PUBLIC:
            continue
        for method in route.methods:
            r = client.request(method, _fill(route.path), data={"csrf_token": "x"})
            assert r.status_code in (303, 401), (method, route.path, r.status_code)
            if r.status_code == 303:
                assert r.headers["location"] == "/login"
            checked += 1
    assert checked >= 18
    # and the public ones really are public
    assert client.get("/login").status_code == 200
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/htmx.min.js").status_code == 200


def test_no_docs_or_openapi_routes(env: Env) -> None:
    client = env.client()
    for path in ("/docs", "/redoc", "/openapi.json"):
        assert client.get(path).status_code in (303, 404)
        assert "swagger" not in client.get(path, follow_redirects=True).text.lower()


def test_forged_or_expired_session_is_refused(env: Env) -> None:
    client = env.client()
    login(client, "sup")
    assert client.get("/leads").status_code == 200
    good = client.cookies.get(SESSION_COOKIE)
    client.cookies.set(SESSION_COOKIE, good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB"))
    assert client.get("/leads").status_code == 303
    other_key = SessionCodec("another-secret-key-xxxxxxxxxxxxxx", 3600).new_session(1)[0]
    client.cookies.set(SESSION_COOKIE, other_key)
    assert client.get("/leads").status_code == 303
    expired = SessionCodec(SECRET, -1)
    token, _ = expired.new_session(1)
    assert SessionCodec(SECRET, -1).read(token) is None


def test_session_cookie_flags(env: Env) -> None:
    client = env.client()
    page = client.get("/login")
    token = CSRF_RE.search(page.text).group(1)
    r = client.post("/login", data={"username": "sup", "password": USERS["sup"][1],
                                    "csrf_token": token})
    cookie = next(v for k, v in r.headers.multi_items() if k == "set-cookie" and SESSION_COOKIE in v)
    low = cookie.lower()
    assert "httponly" in low and "samesite=strict" in low and "max-age=28800" in low


def test_login_form_needs_its_csrf_token(env: Env) -> None:
    client = env.client()
    client.get("/login")
    r = client.post("/login", data={"username": "sup", "password": USERS["sup"][1],
                                    "csrf_token": "forged"})
    assert r.status_code == 403
    assert SESSION_COOKIE not in r.cookies


def test_post_without_csrf_is_rejected_and_changes_nothing(env: Env) -> None:
    client = env.client()
    token = login(client, "sup")
    lead = "L00000010"
    cases = [
        ("/leads/assign", {"lead_id": lead, "assignee": "inv"}),
        (f"/leads/{lead}/status", {"status": "in_review", "comment": "look at it"}),
        (f"/leads/{lead}/evidence", {"source": "cremations", "record_id": f"C-{lead}-0",
                                     "comment": "other person"}),
        (f"/leads/{lead}/unmask", {}),
        ("/logout", {}),
    ]
    for path, form in cases:
        assert client.post(path, data=form).status_code == 403, path
        assert client.post(path, data={**form, "csrf_token": token + "x"}).status_code == 403
    st = env.store.lead_state(lead)
    assert st["status"] == "new" and st["assignee"] is None
    assert not env.store.labels().pairs.height
    # the same request with the token goes through
    r = client.post(f"/leads/{lead}/status", data={"status": "in_review", "comment": "ok now",
                                                   "csrf_token": token})
    assert r.status_code == 303
    # and the header form of the token works too (htmx)
    r = client.post("/leads/assign", data={"lead_id": lead, "assignee": "inv"},
                    headers={"X-CSRF-Token": token})
    assert r.status_code == 303
    assert env.store.lead_state(lead)["assignee"] == "inv"
    # admin forms too
    admin = env.client()
    atok = login(admin, "adm")
    assert admin.post("/admin/users", data={"username": "x1", "role": "auditor",
                                            "password": "longenough-1"}).status_code == 403
    assert admin.post("/admin/users/inv/disable").status_code == 403
    assert env.store.get_user("x1") is None and env.store.get_user("inv")["active"]
    assert atok


def test_lockout_after_repeated_failures(env: Env) -> None:
    client = env.client()

    def attempt(password: str) -> int:
        token = CSRF_RE.search(client.get("/login").text).group(1)
        return client.post("/login", data={"username": "inv", "password": password,
                                           "csrf_token": token}).status_code

    codes = [attempt("wrong-password") for _ in range(5)]
    assert codes[:4] == [401] * 4 and codes[4] == 429
    # locked: even the right password is refused
    assert attempt(USERS["inv"][1]) == 429
    assert env.store.get_user("inv")["locked_until"] > now_utc()
    actions = [e["action"] for e in audit_actions(env.store, actor="inv")]
    assert actions.count("login_failed") == 5 and "login_locked" in actions
    # the lock expires
    env.store.update_user("inv", locked_until=now_utc() - timedelta(seconds=1))
    assert attempt(USERS["inv"][1]) == 303


def test_client_throttle_locks_an_address_guessing_many_names() -> None:
    clock = [0.0]
    t = LoginThrottle(max_failures=3, window=60, lock_seconds=30, clock=lambda: clock[0])
    for _ in range(3):
        t.failure("ip:1")
    assert t.locked_for("ip:1") == 30
    assert t.locked_for("ip:2") == 0
    clock[0] = 31
    assert t.locked_for("ip:1") == 0


def test_password_hashes_are_argon2() -> None:
    h = hash_password("correct horse")
    assert h.startswith("$argon2id$")
    assert verify_password(h, "correct horse") and not verify_password(h, "wrong")
    assert not verify_password(None, "anything")


def test_security_headers_everywhere(env: Env) -> None:
    client = env.client()
    for path in ("/login", "/static/style.css"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "no-referrer"
    login(client, "sup")
    r = client.get("/leads/L00000000")
    assert r.headers["cache-control"] == "no-store"
    # no inline script or style attributes in the pages
    assert "<script>" not in r.text and "style=" not in r.text and " onclick" not in r.text


def test_disabled_user_loses_session_at_once(env: Env) -> None:
    inv = env.client()
    login(inv, "inv")
    assert inv.get("/leads").status_code == 200
    admin = env.client()
    token = login(admin, "adm")
    assert admin.post("/admin/users/inv/disable", data={"csrf_token": token}).status_code == 303
    assert inv.get("/leads").status_code == 303
    assert not env.store.get_user("inv")["active"]


def test_back_parameter_cannot_redirect_off_site(env: Env) -> None:
    client = env.client()
    token = login(client, "sup")
    r = client.post("/leads/assign", data={"lead_id": "L00000011", "assignee": "inv",
                                           "back": "//evil.example/x", "csrf_token": token})
    assert r.status_code == 303 and r.headers["location"].startswith("/leads")

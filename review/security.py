"""Security primitives of the review app: passwords, sessions, CSRF, lock-out, headers.

- Passwords are hashed with argon2id (``argon2-cffi``); :func:`hash_password` /
  :func:`verify_password`.
- A session is a signed, timestamped cookie (``itsdangerous``) carrying the user id,
  a random session id and the session's CSRF token; it is HttpOnly, SameSite=Strict
  and expires after ``Settings.session_max_age`` seconds. The server re-reads the
  user on every request, so disabling a user ends their sessions at once.
- CSRF: every state-changing request (POST) must carry the session's token in the
  ``csrf_token`` form field or the ``X-CSRF-Token`` header (:func:`csrf_ok`).
- :class:`LoginThrottle`: after ``max_failures`` failed logins for a user name (or
  from one client address) within the window, further attempts are refused until the
  lock expires — even with the right password.
- :class:`SecurityHeadersMiddleware`: CSP ``default-src 'self'`` (no inline script),
  no-sniff, frame-deny, a strict referrer policy and no caching of pages.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

_HASHER = PasswordHasher()
# a valid hash of a random password: verifying against it costs the same time as a real
# check, so a missing user name is not revealed by a faster answer
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))

SESSION_COOKIE = "cc_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


def hash_password(password: str) -> str:
    """Return an argon2id hash of ``password``."""
    if not password:
        raise ValueError("empty password")
    return _HASHER.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when ``password`` matches ``password_hash`` (constant work when the hash is None)."""
    try:
        return _HASHER.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _HASHER.check_needs_rehash(password_hash)


class SessionCodec:
    """Signs and reads the session cookie's payload (a small dict)."""

    def __init__(self, secret_key: str, max_age: int) -> None:
        self._s = URLSafeTimedSerializer(secret_key, salt="crosscheck-review-session")
        self.max_age = max_age

    def new_session(self, user_id: int) -> tuple[str, dict[str, Any]]:
        data = {"uid": int(user_id), "sid": secrets.token_urlsafe(12),
                "csrf": secrets.token_urlsafe(32)}
        return self._s.dumps(data), data

    def read(self, token: str | None) -> dict[str, Any] | None:
        if not token:
            return None
        try:
            data = self._s.loads(token, max_age=self.max_age)
        except (SignatureExpired, BadSignature):
            return None
        if not isinstance(data, dict) or not isinstance(data.get("uid"), int):
            return None
        return data


def csrf_ok(expected: str | None, given: str | None) -> bool:
    """Constant-time comparison of the session's CSRF token with the one sent."""
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())


@dataclass
class _Counter:
    failures: list[float] = field(default_factory=list)
    locked_until: float = 0.0


class LoginThrottle:
    """Counts failed logins per key (user name, client address) and locks a key out.

    ``max_failures`` failures within ``window`` seconds lock the key for ``lock_seconds``.
    A successful login clears the user-name key. Thread-safe; per process.
    """

    def __init__(self, max_failures: int = 5, window: float = 900.0,
                 lock_seconds: float = 900.0, clock: Any = time.monotonic) -> None:
        self.max_failures = max_failures
        self.window = window
        self.lock_seconds = lock_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._counters: dict[str, _Counter] = {}

    def locked_for(self, *keys: str) -> float:
        """Seconds left on the longest lock among ``keys`` (0 when none is locked)."""
        now = self._clock()
        with self._lock:
            left = [c.locked_until - now for k in keys if (c := self._counters.get(k))]
        return max([0.0, *left])

    def failure(self, *keys: str) -> None:
        now = self._clock()
        with self._lock:
            for k in keys:
                c = self._counters.setdefault(k, _Counter())
                c.failures = [t for t in c.failures if now - t < self.window] + [now]
                if len(c.failures) >= self.max_failures:
                    c.locked_until = now + self.lock_seconds
                    c.failures = []

    def success(self, key: str) -> None:
        with self._lock:
            self._counters.pop(key, None)


CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


class SecurityHeadersMiddleware:
    """Pure ASGI middleware adding the security headers (and no-store on pages) to every response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_static = scope.get("path", "").startswith("/static/")

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                if not is_static and b"cache-control" not in present:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)

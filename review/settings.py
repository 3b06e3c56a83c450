"""Settings of the review app (from arguments, else environment variables, else defaults).

``CROSSCHECK_SECRET_KEY`` signs the session cookies; without it a random key is made at
start-up (sessions then end when the server restarts). ``CROSSCHECK_COOKIE_SECURE=1``
marks cookies ``Secure`` (set it behind HTTPS).
"""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass, field

log = logging.getLogger("crosscheck.review")


def _secret_from_env() -> str:
    key = os.environ.get("CROSSCHECK_SECRET_KEY")
    if key:
        return key
    log.warning("review: CROSSCHECK_SECRET_KEY is not set; sessions end when the server stops")
    return secrets.token_urlsafe(48)


@dataclass
class Settings:
    db_url: str
    secret_key: str = field(default_factory=_secret_from_env, repr=False)
    session_max_age: int = 8 * 3600          # seconds; a working day
    cookie_secure: bool = field(
        default_factory=lambda: os.environ.get("CROSSCHECK_COOKIE_SECURE", "") == "1")
    max_failed_logins: int = 5               # per account, then locked
    lock_minutes: int = 15
    max_failed_per_client: int = 20          # per client address within lock window
    page_size: int = 50

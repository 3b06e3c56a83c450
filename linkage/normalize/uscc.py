"""Unified Social Credit Codes (GB 32100): cleaning and the check character.

18 characters from ``0123456789ABCDEFGHJKLMNPQRTUWXY`` (values 0–30; no I, O, S,
V, Z). Check: weights ``1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28`` on the
first 17, ``C18 = 31 − (Σ mod 31)``, 31 → 0. Some real codes fail the check, so a
failing code is flagged, never dropped.
"""

from __future__ import annotations

import polars as pl

from linkage.normalize.text import clean_compact, halfwidth_py

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
VALUES: dict[str, int] = {c: i for i, c in enumerate(ALPHABET)}
WEIGHTS: tuple[int, ...] = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_RE = rf"^[{ALPHABET}]{{18}}$"


def uscc_check_char(body17: str) -> str:
    """The check character for the first 17 characters of a USCC."""
    body17 = body17.upper()
    if len(body17) != 17 or any(c not in VALUES for c in body17):
        raise ValueError(f"the body of a USCC is 17 characters from {ALPHABET}")
    c = 31 - sum(VALUES[ch] * w for ch, w in zip(body17, WEIGHTS, strict=True)) % 31
    return ALPHABET[0 if c == 31 else c]


def is_valid_uscc(s: str) -> bool:
    """True when ``s`` (cleaned) is 18 alphabet characters with the right check character."""
    s = "".join(halfwidth_py(s).split()).replace("-", "").upper()
    return len(s) == 18 and all(c in VALUES for c in s) and uscc_check_char(s[:17]) == s[17]


def uscc_clean(expr: pl.Expr) -> pl.Expr:
    """Half-width, whitespace and hyphens removed (a code written in groups, ``9135-0100 …``),
    upper-case; empty → null."""
    return clean_compact(expr.str.replace_all("[-－]", ""))


def uscc_check_ok(expr: pl.Expr) -> pl.Expr:
    """Boolean: true when the cleaned code is well-formed with a right check; null when missing."""
    s = uscc_clean(expr)
    total = pl.lit(0, dtype=pl.Int64)
    for i, w in enumerate(WEIGHTS):
        v = s.str.slice(i, 1).replace_strict(VALUES, default=None, return_dtype=pl.Int64)
        total = total + v * w
    c = (31 - total % 31) % 31
    last = s.str.slice(17, 1).replace_strict(VALUES, default=None, return_dtype=pl.Int64)
    ok = s.str.contains(_RE) & (c == last)
    return pl.when(s.is_null()).then(None).otherwise(ok.fill_null(False))

"""Recorded sex in every form exports use → ``"M"`` / ``"F"`` / null.

``M``/``F``/``m``/``f``, ``男``/``女``, ``1``/``2`` (GB/T 2261.1), ``male``/``female``
(any case, full-width tolerated). Empty and anything else → null; the canonical
stage tells "empty" from "unrecognised" and flags the latter as invalid.
"""

from __future__ import annotations

import polars as pl

from linkage.normalize.text import halfwidth

SEX_MAP: dict[str, str] = {
    "m": "M", "male": "M", "男": "M", "1": "M", "男性": "M",
    "f": "F", "female": "F", "女": "F", "2": "F", "女性": "F",
}


def normalize_sex(expr: pl.Expr) -> pl.Expr:
    """String → ``"M"``/``"F"``; null when empty or unrecognised."""
    key = halfwidth(expr).str.strip_chars().str.to_lowercase()
    return key.replace_strict(SEX_MAP, default=None, return_dtype=pl.String)

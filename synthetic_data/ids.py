"""Identifier arithmetic for the generator: resident IDs (GB 11643) and USCCs (GB 32100).

Vectorised over numpy arrays so that millions of valid identifiers are made at once,
plus scalar helpers (``id_check_char``, ``uscc_check_char``, ``id_is_valid``) used by
tests. Implemented here from the standards' published weights, independently of
:mod:`linkage`.
"""

from __future__ import annotations

import numpy as np
import polars as pl

ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
ID_CHECK = np.array(list("10X98765432"))

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = np.array([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28],
                        dtype=np.int64)
ORG_WEIGHTS = np.array([3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)


def int_digits(values: np.ndarray, width: int) -> np.ndarray:
    """Decimal digits of non-negative integers as an ``(n, width)`` int64 array."""
    powers = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    return (np.asarray(values, dtype=np.int64)[:, None] // powers) % 10


def id_check_chars(region: np.ndarray, birth_ymd: np.ndarray, seq: np.ndarray) -> np.ndarray:
    """GB 11643 check characters for arrays of region (6 digits), YYYYMMDD and sequence."""
    total = np.zeros(len(region), dtype=np.int64)
    pos = 0
    for values, width in ((region, 6), (birth_ymd, 8), (seq, 3)):
        v = np.asarray(values, dtype=np.int64)
        for k in range(width):
            total += (v // 10 ** (width - 1 - k)) % 10 * ID_WEIGHTS[pos]
            pos += 1
    return ID_CHECK[total % 11]


def id_check_char(first17: str) -> str:
    """Check character of one 17-digit ID body."""
    s = sum(int(c) * int(w) for c, w in zip(first17, ID_WEIGHTS, strict=True))
    return str(ID_CHECK[s % 11])


def id_is_valid(id_number: str) -> bool:
    """True when ``id_number`` is an 18-character ID whose check character is right."""
    return (len(id_number) == 18 and id_number[:17].isdigit()
            and id_check_char(id_number[:17]) == id_number[17])


def make_id_numbers(region: np.ndarray, birth_ymd: np.ndarray, seq: np.ndarray) -> pl.Series:
    """18-character resident IDs as a polars String series."""
    check = id_check_chars(region, birth_ymd, seq)
    frame = pl.DataFrame({"r": region.astype(np.int64), "b": birth_ymd.astype(np.int64),
                          "s": seq.astype(np.int64), "c": check})
    return frame.select(
        pl.concat_str([
            pl.col("r").cast(pl.String),
            pl.col("b").cast(pl.String),
            pl.col("s").cast(pl.String).str.zfill(3),
            pl.col("c"),
        ]).alias("id_number")
    ).to_series()


def uscc_check_char(first17: str) -> str:
    """GB 32100 check character of a 17-character USCC body."""
    s = sum(USCC_ALPHABET.index(c) * int(w) for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - s % 31) % 31]


def uscc_is_valid(uscc: str) -> bool:
    return (len(uscc) == 18 and all(c in USCC_ALPHABET for c in uscc)
            and uscc_check_char(uscc[:17]) == uscc[17])


def make_usccs(rng: np.random.Generator, region: np.ndarray) -> pl.Series:
    """Valid USCCs ``91`` (market regulator, enterprise) + region + organisation code + check.

    The 9-character organisation code (GB 11714) is 8 digits and its own check character.
    """
    n = len(region)
    org = rng.integers(0, 10, size=(n, 8))
    c9 = (11 - (org * ORG_WEIGHTS).sum(axis=1) % 11) % 11       # 10 -> 'X' (not in alphabet)
    # GB 11714 writes 10 as X, which USCC forbids; real codes re-draw such bodies — so do we
    bad = c9 == 10
    while bad.any():
        org[bad] = rng.integers(0, 10, size=(int(bad.sum()), 8))
        c9 = (11 - (org * ORG_WEIGHTS).sum(axis=1) % 11) % 11
        bad = c9 == 10
    body = np.concatenate([
        np.tile(np.array([9, 1]), (n, 1)), int_digits(region, 6), org, c9[:, None]
    ], axis=1)
    check = (31 - (body * USCC_WEIGHTS).sum(axis=1) % 31) % 31
    alphabet = np.array(list(USCC_ALPHABET))
    chars = np.concatenate([body.astype(str), alphabet[check][:, None]], axis=1)
    return pl.Series("uscc", _join_rows(chars))


def _join_rows(chars: np.ndarray) -> list[str]:
    """Join an ``(n, k)`` array of single characters row-wise (vectorised via bytes view)."""
    n, k = chars.shape
    return chars.astype("<U1").view(f"<U{k}").reshape(n).tolist()

"""Resident ID (GB 11643) and Unified Social Credit Code (GB 32100), vectorised over numpy."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
ID_CHECK = "10X98765432"
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = np.array([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28],
                        dtype=np.int64)
ORG_WEIGHTS = np.array([3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
_USCC_VALUE = {c: i for i, c in enumerate(USCC_CHARS)}

IntArr = npt.NDArray[np.int64]


def id_check_values(digits: npt.NDArray[np.integer]) -> IntArr:
    """Check values 0..10 (10 means `X`) for an (n, 17) digit matrix."""
    r = (digits.astype(np.int64) @ ID_WEIGHTS) % 11
    # R -> character "10X98765432": as a value 0..10 with X = 10
    lut = np.array([1, 0, 10, 9, 8, 7, 6, 5, 4, 3, 2], dtype=np.int64)
    return lut[r]


def digits_to_strings(digits: npt.NDArray[np.integer], check: IntArr | None = None) -> np.ndarray:
    """(n, k) digit matrix (+ optional check value with 10 = X) -> numpy unicode array."""
    n, k = digits.shape
    width = k + (0 if check is None else 1)
    buf = np.empty((n, width), dtype=np.uint8)
    buf[:, :k] = digits.astype(np.uint8) + ord("0")
    if check is not None:
        buf[:, k] = np.where(check == 10, ord("X"), check + ord("0")).astype(np.uint8)
    return np.ascontiguousarray(buf).view(f"S{width}").ravel().astype(f"U{width}")


def id_is_valid(s: str | None) -> bool:
    """True for an 18-character ID whose check character is right (upper-case X only)."""
    if s is None or len(s) != 18 or not s[:17].isdigit():
        return False
    total = sum(int(c) * int(w) for c, w in zip(s[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11] == s[17]


def uscc_check_value(body: npt.NDArray[np.integer]) -> IntArr:
    """Check values 0..30 for an (n, 17) matrix of USCC character values."""
    c = 31 - (body.astype(np.int64) @ USCC_WEIGHTS) % 31
    return np.where(c == 31, 0, c)


def org_check_char(vals: npt.NDArray[np.integer]) -> np.ndarray:
    """GB 11714 organisation-code check (the 9th character): values of 8 characters -> char."""
    c = 11 - (vals.astype(np.int64) @ ORG_WEIGHTS) % 11
    out = np.where(c == 10, "X", np.where(c == 11, "0", c.astype(str)))
    return np.asarray(out)


def uscc_is_valid(s: str | None) -> bool:
    if s is None or len(s) != 18 or any(c not in _USCC_VALUE for c in s):
        return False
    body = np.array([[_USCC_VALUE[c] for c in s[:17]]])
    return USCC_CHARS[int(uscc_check_value(body)[0])] == s[17]


def uscc_values(s: str) -> list[int]:
    return [_USCC_VALUE[c] for c in s]

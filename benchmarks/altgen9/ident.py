"""Resident IDs (GB 11643) and Unified Social Credit Codes (GB 32100): making, checking and
corrupting them the way departments' data entry does."""

from __future__ import annotations

import random
from datetime import date

import numpy as np

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_VAL = {c: i for i, c in enumerate(USCC_CHARS)}
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def id_check_char(body17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(body17, ID_WEIGHTS, strict=True)) % 11]


def id_is_valid(s: object) -> bool:
    """18 characters, a real birth date and the right check character (upper-case X only)."""
    if not isinstance(s, str) or len(s) != 18 or not s[:17].isdigit():
        return False
    try:
        date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        return False
    return s[17] == id_check_char(s[:17])


def make_ids(region: np.ndarray, birth_ymd: np.ndarray, male: np.ndarray,
             rng: np.random.Generator) -> np.ndarray:
    """18-digit IDs, vectorised; ``region`` and ``birth_ymd`` are integers (150622, 19780314),
    sequence parity follows sex. Collisions are re-drawn so each person's number is unique."""
    n = len(region)
    seq = rng.integers(0, 500, size=n) * 2 + np.where(male, 1, 0)
    while True:
        key = region.astype(np.int64) * 10**11 + birth_ymd.astype(np.int64) * 1000 + seq
        _, first = np.unique(key, return_index=True)
        dup = np.ones(n, dtype=bool)
        dup[first] = False
        if not dup.any():
            break
        seq[dup] = rng.integers(0, 500, size=int(dup.sum())) * 2 + np.where(male[dup], 1, 0)
    body = np.stack([region // 10**k % 10 for k in range(5, -1, -1)]
                    + [birth_ymd // 10**k % 10 for k in range(7, -1, -1)]
                    + [seq // 10**k % 10 for k in range(2, -1, -1)], axis=1)
    chk = (body * np.array(ID_WEIGHTS)).sum(axis=1) % 11
    chars = np.array(list(ID_CHECK))[chk]
    return np.array([f"{r:06d}{b:08d}{s:03d}{c}" for r, b, s, c in
                     zip(region.tolist(), birth_ymd.tolist(), seq.tolist(), chars.tolist(),
                         strict=True)], dtype=object)


def legacy15(id18: str) -> str:
    """The pre-1999 15-digit number: region, 2-digit year, month, day, sequence."""
    return id18[:6] + id18[8:17]


def corrupt_id(id18: str, kind: str, r: random.Random, other: str | None = None) -> str | None:
    """One data-entry fault of the named kind; every kind but ``valid_corrupt`` and
    ``borrowed`` leaves a number that fails the GB 11643 check."""
    if kind == "missing":
        return None
    if kind == "legacy15":
        return legacy15(id18)
    if kind == "lower_x":
        return id18[:17] + "x"
    if kind == "wrong_check":
        return id18[:17] + r.choice([c for c in ID_CHECK if c != id18[17]])
    if kind == "typo1":  # one digit mistyped: with prime 11 and non-zero weights, always caught
        i = r.randrange(17)
        d = r.choice([c for c in "0123456789" if c != id18[i]])
        return id18[:i] + d + id18[i + 1:]
    if kind == "transposed":
        pos = [i for i in range(16) if id18[i] != id18[i + 1]]
        i = r.choice(pos)
        return id18[:i] + id18[i + 1] + id18[i] + id18[i + 2:]
    if kind == "valid_corrupt":  # a sequence digit changed and the check recomputed
        i = r.choice((14, 15))
        d = r.choice([c for c in "0123456789" if c != id18[i]])
        body = id18[:i] + d + id18[i + 1:17]
        return body + id_check_char(body)
    if kind == "borrowed":  # a relative's or workmate's number written in
        return other
    return id18


def _org_check(body8: str) -> str:
    v = 11 - sum(USCC_VAL[c] * w for c, w in zip(body8, ORG_WEIGHTS, strict=True)) % 11
    return "X" if v == 10 else ("0" if v == 11 else str(v))


def uscc_check_char(body17: str) -> str:
    v = 31 - sum(USCC_VAL[c] * w for c, w in zip(body17, USCC_WEIGHTS, strict=True)) % 31
    return USCC_CHARS[0 if v == 31 else v]


def uscc_is_valid(s: object) -> bool:
    if not isinstance(s, str) or len(s) != 18 or any(c not in USCC_VAL for c in s):
        return False
    return s[17] == uscc_check_char(s[:17])


def make_uscc(region: str, r: random.Random, new_style: bool, head: str = "91") -> str:
    """``91`` (enterprise; 92 individual business, 93 co-operative) + region + organisation code (old all-digit, or post-2015 ``MA…``) + check."""
    if new_style:
        body8 = "MA" + "".join(r.choice(USCC_CHARS)
                               for _ in range(6))
    else:
        body8 = "".join(r.choice("0123456789") for _ in range(8))
    org = body8 + _org_check(body8)
    body = head + region + org
    return body + uscc_check_char(body)


def corrupt_uscc(u: str, r: random.Random) -> str:
    """One character mistyped or two neighbours swapped (caught by the check only mostly)."""
    if r.random() < 0.7:
        i = r.randrange(2, 17)
        c = r.choice([x for x in "0123456789" if x != u[i]])
        return u[:i] + c + u[i + 1:]
    i = r.randrange(2, 16)
    return u[:i] + u[i + 1] + u[i] + u[i + 2:]

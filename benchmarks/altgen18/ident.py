"""Identifiers: resident ID (GB 11643) and USCC (GB 32100), clean and corrupted."""

from __future__ import annotations

import numpy as np

ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
ID_CHECK = "10X98765432"
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def id_check(first17: str) -> str:
    return ID_CHECK[sum(int(c) * int(w) for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def id_is_valid(s: str | None) -> bool:
    if s is None or len(s) != 18 or not s[:17].isdigit():
        return False
    return id_check(s[:17]) == s[17]


def make_ids(region: np.ndarray, birth: np.ndarray, male: np.ndarray,
             rng: np.random.Generator) -> np.ndarray:
    """18-digit IDs (vectorised): region code, birth date, sequence with sex parity, check."""
    n = len(region)
    seq = rng.integers(0, 500, n) * 2 + np.where(male, 1, 0)
    ymd = np.datetime_as_string(birth.astype("datetime64[D]"), unit="D")
    body = np.char.add(np.char.add(region.astype("U6"), np.char.replace(ymd, "-", "")),
                       np.char.zfill(seq.astype("U3"), 3))
    digits = np.frombuffer(body.astype("S17").tobytes(), dtype=np.uint8).reshape(n, 17) - 48
    chk = (digits.astype(np.int64) @ ID_WEIGHTS) % 11
    return np.char.add(body, np.array(list(ID_CHECK))[chk])


def corrupt_id(s: str, kind: str, rng: np.random.Generator) -> str | None:
    """Apply one ID noise kind; returns the written value (the kind may fall back to clean)."""
    if kind == "missing":
        return None
    if kind == "lower_x":
        return s.lower()
    if kind == "legacy15":
        return s[:6] + s[8:14] + s[14:17]
    if kind == "wrong_check":
        return s[:17] + rng.choice([c for c in ID_CHECK if c != s[17]])
    if kind == "typo":
        i = int(rng.integers(0, 17))
        d = int(s[i])
        new = (d + int(rng.integers(1, 10))) % 10
        return s[:i] + str(new) + s[i + 1:]
    if kind == "transposed":
        pos = [i for i in range(16) if s[i] != s[i + 1]]
        i = int(rng.choice(pos))
        return s[:i] + s[i + 1] + s[i] + s[i + 2:]
    if kind == "valid_other":  # another person's (or a re-keyed) ID that passes the check
        seq = (int(s[14:17]) + 2 * int(rng.integers(1, 50))) % 1000
        body = s[:14] + f"{seq:03d}"
        return body + id_check(body)
    return s


def resolve_kind(s: str, kind: str, born_year: int) -> str:
    """Kinds that cannot apply to this ID fall back to ``clean``."""
    if kind == "lower_x" and not s.endswith("X"):
        return "clean"
    if kind == "legacy15" and born_year >= 1990:
        return "clean"
    return kind


def _org_code(rng: np.random.Generator) -> str:
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = "".join(rng.choice(list(chars), 8))
    vals = [int(c) if c.isdigit() else ord(c) - 55 for c in body]
    r = 11 - sum(v * w for v, w in zip(vals, ORG_WEIGHTS, strict=True)) % 11
    return body + ("X" if r == 10 else "0" if r == 11 else str(r))


def uscc_check(first17: str) -> str:
    s = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    c = 31 - s % 31
    return USCC_CHARS[0 if c == 31 else c]


def uscc_is_valid(s: str | None) -> bool:
    if s is None or len(s) != 18 or any(c not in USCC_CHARS for c in s):
        return False
    return uscc_check(s[:17]) == s[17]


def make_uscc(region: str, rng: np.random.Generator, *, valid: bool = True) -> str:
    body = "91" + region + _org_code(rng)
    chk = uscc_check(body)
    if not valid:
        chk = USCC_CHARS[(USCC_CHARS.index(chk) + int(rng.integers(1, 31))) % 31]
    return body + chk


def mistype_uscc(s: str, rng: np.random.Generator) -> str:
    i = int(rng.integers(2, 17))
    alt = [c for c in "0123456789" if c != s[i]]
    return s[:i] + str(rng.choice(alt)) + s[i + 1:]

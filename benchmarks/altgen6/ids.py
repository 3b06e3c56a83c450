"""Resident ID numbers (GB 11643) and Unified Social Credit Codes (GB 32100)."""

from __future__ import annotations

import numpy as np

ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
ID_CHECK = "10X98765432"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
_USCC_VALUE = {c: i for i, c in enumerate(USCC_ALPHABET)}


def id_check(body17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(body17, ID_WEIGHTS, strict=True)) % 11]


def id_is_valid(s: str | None) -> bool:
    """A well-formed 18-character ID whose check character (upper-case X) is right."""
    if s is None or len(s) != 18 or not s[:17].isdigit():
        return False
    return id_check(s[:17]) == s[17]


def make_ids(region: np.ndarray, birth: np.ndarray, male: np.ndarray,
             rng: np.random.Generator) -> np.ndarray:
    """18-character IDs, vectorised: region (str6), birth (datetime64[D]), sequence by sex."""
    n = len(region)
    seq = rng.integers(0, 500, n) * 2 + np.where(male, 1, 0)
    ymd = np.datetime_as_string(birth.astype("datetime64[D]"), unit="D")
    body = np.char.add(np.char.add(region.astype("U6"), np.char.replace(ymd, "-", "")),
                       np.char.zfill(seq.astype("U3"), 3))
    digits = np.frombuffer(body.astype("S17").tobytes(), dtype=np.uint8).reshape(n, 17) - 48
    r = (digits.astype(np.int64) @ ID_WEIGHTS) % 11
    check = np.array(list(ID_CHECK))[r]
    return np.char.add(body, check).astype(object)


def legacy15(id18: str) -> str:
    """The 15-digit number the person held before 1999: 2-digit year, no check character."""
    return id18[:6] + id18[8:17]


def typo_keep_check(id18: str, rng: np.random.Generator) -> str:
    """A mistyped digit whose check character was recomputed by the entry system: still valid."""
    for _ in range(20):
        i = int(rng.choice([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]))
        d = str(int(rng.integers(10)))
        if d != id18[i]:
            body = id18[:i] + d + id18[i + 1:17]
            return body + id_check(body)
    return id18


def typo_digit(id18: str, rng: np.random.Generator) -> str:
    """One digit mistyped (MOD 11-2 always catches it)."""
    i = int(rng.integers(0, 17))
    d = str((int(id18[i]) + int(rng.integers(1, 10))) % 10)
    return id18[:i] + d + id18[i + 1:]


def transpose(id18: str, rng: np.random.Generator) -> str:
    """Two adjacent unequal digits swapped (fall back to a typo when all are equal)."""
    opts = [i for i in range(16) if id18[i] != id18[i + 1]]
    if not opts:
        return typo_digit(id18, rng)
    i = opts[int(rng.integers(len(opts)))]
    out = id18[:i] + id18[i + 1] + id18[i] + id18[i + 2:]
    return out if not id_is_valid(out) else typo_digit(id18, rng)


def wrong_check(id18: str, rng: np.random.Generator) -> str:
    alts = [c for c in ID_CHECK if c != id18[17]]
    return id18[:17] + alts[int(rng.integers(len(alts)))]


def uscc_check(body17: str) -> str:
    s = sum(_USCC_VALUE[c] * w for c, w in zip(body17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - s % 31) % 31]


def uscc_is_valid(s: str | None) -> bool:
    if s is None or len(s) != 18 or any(c not in _USCC_VALUE for c in s):
        return False
    return uscc_check(s[:17]) == s[17]


def _org_code(rng: np.random.Generator) -> str:
    """The 9-character organisation code inside a USCC (GB 11714, check over 8 digits)."""
    body = "".join(str(int(d)) for d in rng.integers(0, 10, 8))
    w = [3, 7, 9, 10, 5, 8, 4, 2]
    c = 11 - sum(int(ch) * wi for ch, wi in zip(body, w, strict=True)) % 11
    check = "X" if c == 10 else ("0" if c == 11 else str(c))
    return body + check


def make_uscc(region: str, rng: np.random.Generator, kind: str = "91") -> str:
    body = kind + region + _org_code(rng)
    return body + uscc_check(body)


def corrupt_uscc(uscc: str, rng: np.random.Generator) -> str:
    """One character mistyped (O for 0, I for 1 and plain digit slips) - fails the check."""
    i = int(rng.integers(2, 17))
    c = uscc[i]
    lookalike = {"0": "O", "1": "I", "5": "S", "2": "Z"}
    if c in lookalike and rng.random() < 0.4:
        new = lookalike[c]
    else:
        alts = [a for a in USCC_ALPHABET if a != c]
        new = alts[int(rng.integers(len(alts)))]
    out = uscc[:i] + new + uscc[i + 1:]
    return out if not uscc_is_valid(out) else out[:17] + ("0" if out[17] != "0" else "1")

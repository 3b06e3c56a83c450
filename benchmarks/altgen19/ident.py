"""GB 11643 resident ID numbers and GB 32100 credit codes: build, check and corrupt."""

from __future__ import annotations

import numpy as np
import polars as pl

ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
ID_CHECK = "10X98765432"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]

# ID kinds that must pass the check / must fail it (``lower_x`` and ``missing`` are neither)
CLEAN_KINDS = ("clean", "duplicate", "borrowed", "valid_corrupt")
NOISY_KINDS = ("wrong_check", "legacy15", "typo1", "typo2", "transposed")


def id_check_char(body17: str) -> str:
    """The GB 11643 check character of 17 digits."""
    total = sum(int(c) * w for c, w in zip(body17, ID_WEIGHTS.tolist(), strict=True))
    return ID_CHECK[total % 11]


def id_is_valid(s: str | None) -> bool:
    """True for an 18-character ID whose check character (upper-case X) is right."""
    if s is None or len(s) != 18 or not s[:17].isdigit():
        return False
    return s[17] == id_check_char(s[:17])


def make_ids(region: np.ndarray, birth: np.ndarray, seq: np.ndarray) -> np.ndarray:
    """Vectorised 18-digit IDs from region codes (int), birth dates (datetime64[D]) and
    3-digit sequence numbers."""
    b = birth.astype("datetime64[D]")
    y = b.astype("datetime64[Y]").astype(np.int64) + 1970
    m = b.astype("datetime64[M]").astype(np.int64) % 12 + 1
    d = (b - b.astype("datetime64[M]")).astype(np.int64) + 1
    body = (region.astype(np.int64) * 10**11 + (y * 10000 + m * 100 + d) * 1000
            + seq.astype(np.int64))
    digits = np.stack([(body // 10**k) % 10 for k in range(16, -1, -1)], axis=1)
    check = (digits @ ID_WEIGHTS) % 11
    chk = np.array(list(ID_CHECK))[check]
    s = pl.Series(body).cast(pl.Utf8).str.zfill(17)
    return (s + pl.Series(chk)).to_numpy().astype(object)


def _digit_other(rng: np.random.Generator, d: str) -> str:
    return str((int(d) + int(rng.integers(1, 10))) % 10)


def corrupt_id(s: str, kind: str, rng: np.random.Generator) -> tuple[str | None, str]:
    """``s`` corrupted as ``kind``; returns the new value and the kind actually applied
    (falls back to ``clean`` where the kind cannot apply, e.g. ``lower_x`` without an X)."""
    if kind == "missing":
        return None, "missing"
    if kind == "lower_x":
        return (s[:17] + "x", "lower_x") if s.endswith("X") else (s, "clean")
    if kind == "legacy15":
        if s[6:8] != "19":
            return corrupt_id(s, "typo1", rng)
        return s[:6] + s[8:17], "legacy15"
    if kind == "wrong_check":
        alts = [c for c in ID_CHECK if c != s[17]]
        return s[:17] + alts[int(rng.integers(len(alts)))], "wrong_check"
    if kind == "typo1":
        i = int(rng.integers(17))
        return s[:i] + _digit_other(rng, s[i]) + s[i + 1:], "typo1"
    if kind == "transposed":
        cands = [i for i in range(16) if s[i] != s[i + 1]]
        if not cands:
            return corrupt_id(s, "typo1", rng)
        i = cands[int(rng.integers(len(cands)))]
        return s[:i] + s[i + 1] + s[i] + s[i + 2:], "transposed"
    if kind in ("typo2", "valid_corrupt"):
        for _ in range(200):
            i, j = (int(x) for x in rng.choice(17, size=2, replace=False))
            t = list(s)
            t[i] = _digit_other(rng, t[i])
            t[j] = _digit_other(rng, t[j])
            v = "".join(t)
            if id_is_valid(v) == (kind == "valid_corrupt"):
                return v, kind
        return corrupt_id(s, "typo1", rng)
    return s, "clean"


def _org_code(rng: np.random.Generator) -> str:
    body = "".join(str(int(x)) for x in rng.integers(0, 10, size=8))
    r = 11 - sum(int(c) * w for c, w in zip(body, ORG_WEIGHTS, strict=True)) % 11
    return body + ("X" if r == 10 else "0" if r == 11 else str(r))


def uscc_check_char(body17: str) -> str:
    """The GB 32100 check character of 17 code characters."""
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(body17, USCC_WEIGHTS, strict=True))
    r = 31 - total % 31
    return USCC_ALPHABET[0 if r == 31 else r]


def uscc_is_valid(s: str | None) -> bool:
    """True for an 18-character USCC from the GB 32100 alphabet whose check is right."""
    if s is None or len(s) != 18 or any(c not in USCC_ALPHABET for c in s):
        return False
    return s[17] == uscc_check_char(s[:17])


def make_uscc(rng: np.random.Generator, region: str, org_type: str = "1") -> str:
    """A valid USCC registered by market regulation (9) in ``region``."""
    body = "9" + org_type + region + _org_code(rng)
    return body + uscc_check_char(body)


def corrupt_uscc(s: str, rng: np.random.Generator) -> str:
    """One character of ``s`` replaced (what a clerk mistypes)."""
    i = int(rng.integers(2, 18))
    alts = [c for c in USCC_ALPHABET[:10] if c != s[i]] if s[i].isdigit() else \
        [c for c in USCC_ALPHABET if c != s[i]]
    return s[:i] + alts[int(rng.integers(len(alts)))] + s[i + 1:]

"""Resident ID numbers (GB 11643) and unified social credit codes (GB 32100): make, check, spoil."""

from __future__ import annotations

import numpy as np

ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
ID_CHECK = "10X98765432"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_VALUE = {c: i for i, c in enumerate(USCC_ALPHABET)}
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def id_check_char(body17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(body17, ID_WEIGHTS.tolist(), strict=True))
                    % 11]


def id_is_valid(s: str | None) -> bool:
    """An 18-character ID whose check character (upper-case X) is right."""
    if s is None or len(s) != 18 or not s[:17].isdigit():
        return False
    return id_check_char(s[:17]) == s[17]


def make_ids(region: np.ndarray, birth_ymd: np.ndarray, seq: np.ndarray) -> list[str]:
    """Vectorised GB 11643 IDs from region code, yyyymmdd birth date and 3-digit sequence."""
    n = len(region)
    digits = np.empty((n, 17), dtype=np.int64)
    for k, (arr, width) in enumerate(((region, 6), (birth_ymd, 8), (seq, 3))):
        off = (0, 6, 14)[k]
        v = arr.astype(np.int64)
        for j in range(width - 1, -1, -1):
            digits[:, off + j] = v % 10
            v = v // 10
    checks = np.array(list(ID_CHECK))[(digits @ ID_WEIGHTS) % 11]
    return [f"{r:06d}{b:08d}{q:03d}{c}" for r, b, q, c in
            zip(region.tolist(), birth_ymd.tolist(), seq.tolist(), checks.tolist(), strict=True)]


def uscc_check_char(body17: str) -> str:
    s = sum(USCC_VALUE[c] * w for c, w in zip(body17, USCC_WEIGHTS, strict=True)) % 31
    return USCC_ALPHABET[(31 - s) % 31]


def uscc_is_valid(s: str | None) -> bool:
    if s is None or len(s) != 18 or any(c not in USCC_VALUE for c in s):
        return False
    return uscc_check_char(s[:17]) == s[17]


def make_uscc(rng: np.random.Generator, region: int, individual: bool = False) -> str:
    """91 (company) or 92 (individual business) + region + 9-character organisation code."""
    if rng.random() < 0.7:  # codes issued since 2015 start with MA
        org = "MA" + "".join(USCC_ALPHABET[int(i)] for i in rng.integers(0, 31, 7))
    else:
        org = "".join(str(int(i)) for i in rng.integers(0, 10, 8)) + str(int(rng.integers(10)))
    body = ("92" if individual else "91") + f"{region:06d}" + org
    return body + uscc_check_char(body)


def spoil_uscc(rng: np.random.Generator, s: str) -> str:
    """One mistyped character (the check then fails) or two adjacent ones swapped."""
    i = int(rng.integers(2, 17))
    if rng.random() < 0.3 and s[i] != s[i + 1]:
        return s[:i] + s[i + 1] + s[i] + s[i + 2:]
    alts = [c for c in "0123456789ABCDEFGHJKLMN" if c != s[i]]
    return s[:i] + alts[int(rng.integers(len(alts)))] + s[i + 1:]


# record-level ID noise: each kind turns the person's true ID into what a clerk wrote
ID_KINDS = ["clean", "missing", "legacy15", "lower_x", "wrong_check", "typo1", "transposed",
            "valid_corrupt"]


def spoil_id(rng: np.random.Generator, true_id: str, kind: str, birth_year: int) -> tuple[
        str | None, str]:
    """Apply ``kind`` to ``true_id``; returns the written value and the kind really applied."""
    if kind == "missing":
        return None, kind
    if kind == "legacy15":
        if birth_year < 1985:
            return true_id[:6] + true_id[8:17], kind
        return true_id, "clean"
    if kind == "lower_x":
        if true_id.endswith("X"):
            return true_id[:17] + "x", kind
        return true_id, "clean"
    if kind == "wrong_check":
        alts = [c for c in ID_CHECK if c != true_id[17]]
        return true_id[:17] + alts[int(rng.integers(len(alts)))], kind
    if kind == "typo1":  # MOD 11-2 catches every single substitution
        i = int(rng.integers(0, 17))
        d = (int(true_id[i]) + int(rng.integers(1, 10))) % 10
        return true_id[:i] + str(d) + true_id[i + 1:], kind
    if kind == "transposed":  # ... and every adjacent transposition of unequal digits
        cands = [i for i in range(16) if true_id[i] != true_id[i + 1]]
        i = cands[int(rng.integers(len(cands)))]
        return true_id[:i] + true_id[i + 1] + true_id[i] + true_id[i + 2:], kind
    if kind == "valid_corrupt":  # a sequence digit mistyped, check recomputed by the system
        i = int(rng.integers(14, 17))
        d = (int(true_id[i]) + int(rng.integers(1, 10))) % 10
        body = true_id[:i] + str(d) + true_id[i + 1:17]
        return body + id_check_char(body), kind
    return true_id, "clean"

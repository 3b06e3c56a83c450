"""Resident ID (GB 11643) and USCC (GB 32100) generation, checking and corruption."""

from __future__ import annotations

import numpy as np

ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
ID_CHECK = "10X98765432"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_VALUE = {c: i for i, c in enumerate(USCC_ALPHABET)}
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def id_check_char(body17: str) -> str:
    s = sum(int(c) * int(w) for c, w in zip(body17, ID_WEIGHTS, strict=True))
    return ID_CHECK[s % 11]


def id_is_valid(value: str | None) -> bool:
    """True when value is an 18-character ID whose check character (upper-case X) is right."""
    if value is None or len(value) != 18 or not value[:17].isdigit():
        return False
    return id_check_char(value[:17]) == value[17]


def uscc_check_char(body17: str) -> str:
    s = sum(USCC_VALUE[c] * w for c, w in zip(body17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - s % 31) % 31]


def uscc_is_valid(value: str | None) -> bool:
    if value is None or len(value) != 18 or any(c not in USCC_VALUE for c in value):
        return False
    return uscc_check_char(value[:17]) == value[17]


def make_ids(region: np.ndarray, birth_ymd: np.ndarray, seq: np.ndarray) -> np.ndarray:
    """Vectorised 18-character IDs from region codes (str), birth dates (int YYYYMMDD), seq."""
    n = len(region)
    body = np.char.add(np.char.add(region.astype("U6"), birth_ymd.astype("U8")),
                       np.char.zfill(seq.astype("U3"), 3))
    digits = np.frombuffer(body.astype("S17").tobytes(), dtype=np.uint8).reshape(n, 17) - 48
    r = (digits.astype(np.int64) @ ID_WEIGHTS) % 11
    checks = np.array(list(ID_CHECK))[r]
    return np.char.add(body, checks)


def make_usccs(region: np.ndarray, rng: np.random.Generator, bad_share: float) -> np.ndarray:
    """USCCs '91' + region + GB 11714 organisation code + check; bad_share fail the check."""
    n = len(region)
    org_alpha = np.array([c for c in USCC_ALPHABET])
    # GB 11714 values: digits 0-9, letters A=10 .. Z=35
    org_val = np.array([int(c) if c.isdigit() else ord(c) - 55 for c in USCC_ALPHABET])
    idx = rng.integers(0, 31, size=(n, 8))
    idx[:, 0] = rng.integers(0, 10, size=n)  # most organisation codes begin with a digit
    s = (org_val[idx] * np.array(ORG_WEIGHTS)).sum(axis=1)
    c9 = 11 - s % 11
    c9_chr = np.where(c9 == 10, "X", np.where(c9 == 11, "0", c9.astype("U2")))
    org = np.array(["".join(r) for r in org_alpha[idx]])
    body = np.char.add(np.char.add("91", region.astype("U6")), np.char.add(org, c9_chr))
    vals = np.array([[USCC_VALUE[c] for c in b] for b in body], dtype=np.int64)
    chk = (31 - (vals @ np.array(USCC_WEIGHTS)) % 31) % 31
    bad = rng.random(n) < bad_share
    chk = np.where(bad, (chk + rng.integers(1, 31, size=n)) % 31, chk)
    return np.char.add(body, np.array(list(USCC_ALPHABET))[chk])


def legacy15(id18: str) -> str:
    return id18[:6] + id18[8:14] + id18[14:17]


def corrupt_id(id18: str, kind: str, rng: np.random.Generator) -> str | None:
    """Return id18 damaged the way `kind` says (see README for the kinds)."""
    if kind == "missing":
        return None
    if kind == "legacy15":
        return legacy15(id18)
    if kind == "lower_x":
        return id18[:17] + id18[17].lower()
    body = list(id18[:17])
    if kind == "wrong_check":
        return id18[:17] + rng.choice([c for c in ID_CHECK if c != id18[17]])
    if kind in ("typo1", "typo2"):
        for p in rng.choice(17, size=1 if kind == "typo1" else 2, replace=False):
            body[p] = str((int(body[p]) + int(rng.integers(1, 10))) % 10)
        return "".join(body) + id18[17]
    if kind == "transposed":
        cands = [i for i in range(16) if body[i] != body[i + 1]]
        if not cands:
            return corrupt_id(id18, "typo1", rng)
        i = int(rng.choice(cands))
        body[i], body[i + 1] = body[i + 1], body[i]
        return "".join(body) + id18[17]
    if kind == "valid_corrupt":  # mistyped sequence digit, check recomputed by the clerk's system
        p = int(rng.integers(14, 17))
        body[p] = str((int(body[p]) + int(rng.integers(1, 10))) % 10)
        b = "".join(body)
        return b + id_check_char(b)
    return id18


def corrupt_uscc(code: str, kind: str, rng: np.random.Generator) -> str | None:
    if kind == "missing":
        return None
    if kind == "lower":
        return code.lower()
    if kind == "letter_o":
        return code.replace("0", "O", 1) if "0" in code else code[:-1] + "O"
    if kind == "space":
        return code[:8] + " " + code[8:]
    if kind == "typo":
        p = int(rng.integers(2, 18))
        alt = [c for c in USCC_ALPHABET if c != code[p]]
        return code[:p] + str(rng.choice(alt)) + code[p + 1:]
    return code

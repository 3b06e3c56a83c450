"""Resident ID numbers (GB 11643) and unified social credit codes (GB 32100): making, checking
and corrupting them the way departments' exports do."""

from __future__ import annotations

import random

import numpy as np

ID_W = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
ID_CHECK = "10X98765432"
USCC_ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_W = [3, 7, 9, 10, 5, 8, 4, 2]


def id_check_char(body17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(body17, ID_W, strict=True)) % 11]


def id_is_valid(s: str | None) -> bool:
    """A well-formed 18-character ID whose check character (upper-case X) is right."""
    if s is None or len(s) != 18 or not s[:17].isdigit():
        return False
    return s[17] == id_check_char(s[:17])


def make_ids(region: list[str], birth: np.ndarray, male: np.ndarray,
             rng: np.random.Generator) -> list[str]:
    """18-digit IDs: region, birth date (datetime64[D]), a sequence whose parity gives the sex."""
    n = len(region)
    seq = rng.integers(0, 500, size=n) * 2 + np.where(male, 1, 0)
    seq = np.where(seq == 0, 2, seq)
    ymd = np.datetime_as_string(birth.astype("datetime64[D]"), unit="D")
    bodies = [f"{region[i]}{ymd[i][:4]}{ymd[i][5:7]}{ymd[i][8:10]}{seq[i]:03d}" for i in range(n)]
    if n == 0:
        return []
    digits = np.frombuffer("".join(bodies).encode("ascii"), dtype=np.uint8).reshape(n, 17) - 48
    rem = (digits.astype(np.int64) @ ID_W) % 11
    return [b + ID_CHECK[k] for b, k in zip(bodies, rem, strict=True)]


def legacy15(id18: str) -> str:
    return id18[:6] + id18[8:17]


def corrupt_id(id18: str, kind: str, r: random.Random) -> str | None:
    """The ID as written, for one corruption kind (see :data:`ID_KINDS`)."""
    if kind == "missing":
        return None
    if kind == "legacy15":
        return legacy15(id18)
    if kind == "lower_x":
        return id18[:17] + "x"
    if kind == "wrong_check":
        return id18[:17] + r.choice([c for c in ID_CHECK if c != id18[17]])
    if kind == "typo1":
        i = r.randrange(0, 17)
        return id18[:i] + r.choice([d for d in "0123456789" if d != id18[i]]) + id18[i + 1:]
    if kind == "transposed":
        pos = [i for i in range(0, 16) if id18[i] != id18[i + 1]]
        i = r.choice(pos)
        return id18[:i] + id18[i + 1] + id18[i] + id18[i + 2:]
    if kind == "valid_corrupt":
        # a sequence digit mistyped, then the check character "fixed" by the clerk's software
        i = r.randrange(14, 17)
        body = id18[:i] + r.choice([d for d in "0123456789" if d != id18[i]]) + id18[i + 1:17]
        return body + id_check_char(body)
    return id18


# kinds of ID rendering; "clean" and "duplicate" (two persons issued one number) are as issued
ID_KINDS = ("clean", "duplicate", "missing", "legacy15", "lower_x", "wrong_check", "typo1",
            "transposed", "valid_corrupt")
VALID_KINDS = ("clean", "duplicate", "valid_corrupt")
INVALID_KINDS = ("wrong_check", "legacy15", "typo1", "transposed")


def _uscc_check(body17: str) -> str:
    s = sum(USCC_ALPHA.index(c) * w for c, w in zip(body17, USCC_W, strict=True))
    v = 31 - s % 31
    return USCC_ALPHA[0 if v == 31 else v]


def uscc_is_valid(s: str | None) -> bool:
    if s is None or len(s) != 18 or any(c not in USCC_ALPHA for c in s):
        return False
    return s[17] == _uscc_check(s[:17])


def make_uscc(region: str, r: random.Random) -> str:
    """'91' (an enterprise registered with market regulation), the region, a GB 11714
    organisation code with its own check character, and the GB 32100 check character."""
    body8 = "".join(r.choice("0123456789ABCDEFGHJKLMNPQRTUWXY" if k > 1 else "0123456789MA")
                    for k in range(8))
    vals = [int(c) if c.isdigit() else 10 + "ABCDEFGHIJKLMNOPQRSTUVWXYZ".index(c) for c in body8]
    c9 = 11 - sum(v * w for v, w in zip(vals, ORG_W, strict=True)) % 11
    org = body8 + ("X" if c9 == 10 else "0" if c9 == 11 else str(c9))
    body = "91" + region + org
    return body + _uscc_check(body)


def mistype_uscc(u: str, r: random.Random) -> str:
    """One character of the code mistyped (the check then fails)."""
    i = r.randrange(2, 17)
    return u[:i] + r.choice([c for c in USCC_ALPHA if c != u[i]]) + u[i + 1:]

"""Identifiers: GB 11643 resident IDs and GB 32100 Unified Social Credit Codes, made in bulk,
checked, and corrupted the ways departments corrupt them."""

from __future__ import annotations

import random

import numpy as np

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def id_check(body17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits."""
    return ID_CHECK[sum(int(c) * w for c, w in zip(body17, ID_WEIGHTS, strict=True)) % 11]


def id_checks(bodies: list[str]) -> list[str]:
    """:func:`id_check` of many 17-digit bodies at once."""
    if not bodies:
        return []
    raw = np.frombuffer("".join(bodies).encode("ascii"), dtype=np.uint8).reshape(-1, 17)
    r = ((raw.astype(np.int64) - 48) @ np.array(ID_WEIGHTS, dtype=np.int64)) % 11
    return [ID_CHECK[int(i)] for i in r]


def id_is_valid(s: str | None) -> bool:
    """18 characters, 17 digits and the right check character (upper-case X only)."""
    if s is None or len(s) != 18 or not s[:17].isdigit():
        return False
    return s[17] == id_check(s[:17])


def legacy15(id18: str) -> str:
    """The 15-digit number the same person carried before 1999: region, yymmdd, sequence."""
    return id18[:6] + id18[8:14] + id18[14:17]


def _typo(r: random.Random, s: str) -> str:
    pos = r.randrange(17)
    d = r.choice([c for c in "0123456789" if c != s[pos]])
    return s[:pos] + d + s[pos + 1:]


def _transpose(r: random.Random, s: str) -> str | None:
    spots = [i for i in range(16) if s[i] != s[i + 1]]
    if not spots:
        return None
    i = r.choice(spots)
    return s[:i] + s[i + 1] + s[i] + s[i + 2:]


def corrupt_id(r: random.Random, id18: str, kind: str) -> str | None:
    """``id18`` written wrongly in the way ``kind`` names (wrong_check, typo1, transposed,
    valid_corrupt, legacy15, lower_x, missing); None when that kind cannot apply to this ID."""
    if kind == "missing":
        return None
    if kind == "legacy15":
        return legacy15(id18) if id18[6:8] == "19" and id18[6:10] < "1985" else None
    if kind == "lower_x":
        return id18[:17] + "x" if id18.endswith("X") else None
    if kind == "wrong_check":
        return id18[:17] + r.choice([c for c in ID_CHECK if c != id18[17]])
    for _ in range(20):
        if kind == "typo1":
            out: str | None = _typo(r, id18[:17]) + id18[17]
        elif kind == "transposed":
            t = _transpose(r, id18[:17])
            out = None if t is None else t + id18[17]
        elif kind == "valid_corrupt":
            body = _typo(r, id18[:17])
            out = body + id_check(body)
        else:
            raise ValueError(kind)
        if out is None:
            return None
        if (kind == "valid_corrupt") == id_is_valid(out) and out != id18:
            return out
    return None


def uscc_check(body17: str) -> str:
    s = sum(USCC_CHARS.index(c) * w for c, w in zip(body17, USCC_WEIGHTS, strict=True))
    c = 31 - s % 31
    return USCC_CHARS[0 if c == 31 else c]


def uscc_is_valid(s: str | None) -> bool:
    if s is None or len(s) != 18 or any(c not in USCC_CHARS for c in s):
        return False
    return s[17] == uscc_check(s[:17])


def _org_value(c: str) -> int:
    return int(c) if c.isdigit() else ord(c) - 55


def make_uscc(r: random.Random, region: str, individual: bool = False) -> str:
    """A GB 32100 code: registration department and type, region, GB 11714 organisation code
    with its own check character, and the check character."""
    letters = "ABCDEFGHJKLMNPQRTUWXY"
    if r.random() < 0.7:  # codes issued since 2015: MA…
        body = "MA" + "".join(r.choice("0123456789" + letters) for _ in range(6))
    else:
        body = "".join(r.choice("0123456789") for _ in range(8))
    c = 11 - sum(_org_value(ch) * w for ch, w in zip(body, ORG_WEIGHTS, strict=True)) % 11
    org = body + ("X" if c == 10 else "0" if c == 11 else str(c))
    head = ("92" if individual else "91") + region + org
    return head + uscc_check(head)


def corrupt_uscc(r: random.Random, uscc: str) -> str:
    """One character mistyped (the check then fails)."""
    for _ in range(20):
        pos = r.randrange(2, 17)
        out = uscc[:pos] + r.choice([c for c in USCC_CHARS if c != uscc[pos]]) + uscc[pos + 1:]
        if not uscc_is_valid(out):
            return out
    return uscc[:17] + ("0" if uscc[17] != "0" else "1")

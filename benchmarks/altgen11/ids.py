"""Resident IDs (GB 11643) and Unified Social Credit Codes (GB 32100): make, check, corrupt."""

from __future__ import annotations

import random
from datetime import date

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_VALUE = {c: i for i, c in enumerate(USCC_CHARS)}
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def id_check(body17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits."""
    return ID_CHECK[sum(int(c) * w for c, w in zip(body17, ID_WEIGHTS, strict=True)) % 11]


def id_is_valid(value: str | None) -> bool:
    """18 characters, 17 digits and the right (upper-case) check character."""
    if value is None or len(value) != 18 or not value[:17].isdigit():
        return False
    return value[17] == id_check(value[:17])


def make_id(region: str, birth: date, seq: int) -> str:
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return body + id_check(body)


def legacy15(id18: str) -> str:
    """The first-generation 15-digit number: region, YYMMDD, sequence, no check character."""
    return id18[:6] + id18[8:14] + id18[14:17]


def wrong_check(id18: str, r: random.Random) -> str:
    return id18[:17] + r.choice([c for c in ID_CHECK if c != id18[17]])


def typo1(id18: str, r: random.Random) -> str:
    """One digit of the body mistyped (never caught by luck: MOD 11-2 detects every one)."""
    i = r.choice([*range(6, 17), *range(0, 6)])  # birth/sequence digits are the usual victims
    d = r.choice([c for c in "0123456789" if c != id18[i]])
    return id18[:i] + d + id18[i + 1:]


def transposed(id18: str, r: random.Random) -> str:
    """Two neighbouring, different body digits swapped (MOD 11-2 detects every such swap)."""
    spots = [i for i in range(16) if id18[i] != id18[i + 1]]
    i = r.choice(spots)
    return id18[:i] + id18[i + 1] + id18[i] + id18[i + 2:]


def valid_corrupt(id18: str, r: random.Random) -> str:
    """A sequence digit changed and the check character recomputed: valid, but someone else's."""
    i = r.choice((14, 15))
    d = r.choice([c for c in "0123456789" if c != id18[i]])
    body = id18[:i] + d + id18[i + 1:17]
    return body + id_check(body)


def uscc_check(body17: str) -> str:
    s = sum(USCC_VALUE[c] * w for c, w in zip(body17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - s % 31) % 31]


def uscc_is_valid(value: str | None) -> bool:
    if value is None or len(value) != 18 or any(c not in USCC_VALUE for c in value):
        return False
    return value[17] == uscc_check(value[:17])


def _org_code(r: random.Random) -> str:
    """A 9-character organisation code (GB 11714) whose own check character is right."""
    while True:
        body = "".join(r.choice("0123456789" if i else "0123456789MA") for i in range(8))
        vals = [int(c) if c.isdigit() else ord(c) - 55 for c in body]
        c9 = 11 - sum(v * w for v, w in zip(vals, ORG_WEIGHTS, strict=True)) % 11
        ch = "X" if c9 == 10 else "0" if c9 == 11 else str(c9)
        return body + ch


def make_uscc(region: str, r: random.Random, *, kind: str = "91") -> str:
    body = kind + region + _org_code(r)
    return body + uscc_check(body)


def uscc_typo(code: str, r: random.Random) -> str:
    """One character of the code mistyped (a digit for a digit: what clerks do)."""
    while True:
        i = r.randrange(2, 17)
        alt = r.choice([c for c in "0123456789" if c != code[i]])
        out = code[:i] + alt + code[i + 1:]
        if not uscc_is_valid(out):
            return out

"""Identifiers: GB 11643 resident ID numbers and GB 32100 unified social credit codes, and the
ways clerks corrupt them."""

from __future__ import annotations

import random
from datetime import date

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)  # GB 11714 organisation code, positions 9-17 of a USCC


def id_check_char(body17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits."""
    return ID_CHECK[sum(int(c) * w for c, w in zip(body17, ID_WEIGHTS, strict=True)) % 11]


def id_is_valid(value: str | None) -> bool:
    """18 characters, 17 digits and the right (upper-case) check character."""
    if value is None or len(value) != 18 or not value[:17].isdigit():
        return False
    return id_check_char(value[:17]) == value[17]


def make_id(region: str, birth: date, male: bool, rng: random.Random) -> str:
    """A fresh valid ID number: region, birth date, a sequence whose parity gives the sex."""
    seq = rng.randrange(0, 500) * 2 + (1 if male else 0)
    if seq == 0:
        seq = 2
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return body + id_check_char(body)


def legacy15(id18: str) -> str:
    """The pre-1999 15-digit form: region, 2-digit year, month, day, sequence, no check."""
    return id18[:6] + id18[8:14] + id18[14:17]


def wrong_check(id18: str, rng: random.Random) -> str:
    return id18[:17] + rng.choice([c for c in ID_CHECK if c != id18[17]])


def typo1(id18: str, rng: random.Random) -> str:
    """One digit of the first 17 mistyped: always breaks the check (11 is prime)."""
    pos = rng.choice([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 2, 3, 4, 5])
    digit = rng.choice([d for d in "0123456789" if d != id18[pos]])
    return id18[:pos] + digit + id18[pos + 1:]


def transposed(id18: str, rng: random.Random) -> str:
    """Two adjacent different digits swapped: adjacent weights differ mod 11, so the check fails."""
    spots = [i for i in range(16) if id18[i] != id18[i + 1]]
    if not spots:
        return typo1(id18, rng)
    i = rng.choice(spots)
    return id18[:i] + id18[i + 1] + id18[i] + id18[i + 2:]


def valid_corrupt(id18: str, rng: random.Random) -> str:
    """A sequence digit mistyped and the check recomputed (a system that "fixes" the check): a
    valid number that is not the person's. The sex parity is kept."""
    pos = rng.choice([14, 15])
    digit = rng.choice([d for d in "0123456789" if d != id18[pos]])
    body = id18[:pos] + digit + id18[pos + 1:17]
    return body + id_check_char(body)


def org_check_char(body8: str) -> str:
    """GB 11714 check character of an 8-character organisation code body."""
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w
                for c, w in zip(body8, ORG_WEIGHTS, strict=True))
    c = 11 - total % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def uscc_check_char(body17: str) -> str:
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(body17, USCC_WEIGHTS, strict=True))
    c = 31 - total % 31
    return USCC_CHARS[0 if c == 31 else c]


def uscc_is_valid(value: str | None) -> bool:
    if value is None or len(value) != 18 or any(c not in USCC_CHARS for c in value):
        return False
    return uscc_check_char(value[:17]) == value[17]


def make_uscc(region: str, rng: random.Random) -> str:
    """A valid code: 9 (market regulation) 1 (enterprise), the county, an organisation code with its
    own GB 11714 check, and the GB 32100 check character."""
    if rng.random() < 0.6:  # codes issued since 2015: "MA" and 6 characters
        org = "MA" + "".join(rng.choice(USCC_CHARS) for _ in range(6))
    else:  # the old organisation code carried over
        org = "".join(rng.choice("0123456789") for _ in range(8))
    body = "91" + region + org + org_check_char(org)
    return body + uscc_check_char(body)


def uscc_typo(code: str, rng: random.Random) -> str:
    """One of the first 17 characters mistyped: always breaks the check (31 is prime)."""
    pos = rng.randrange(2, 17)
    ch = rng.choice([c for c in "0123456789" if c != code[pos]])
    return code[:pos] + ch + code[pos + 1:]

"""GB 11643 resident IDs and GB 32100 social credit codes: checks, generation and the ways clerks
corrupt them."""

from __future__ import annotations

import random

ID_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
USCC_ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_W = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
NOISY_ID_KINDS = ("wrong_check", "legacy15", "typo1", "transposed")


def id_check(body17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(body17, ID_W, strict=True)) % 11]


def id_is_valid(v: str | None) -> bool:
    """An 18-character ID whose check character (upper-case X only) is right."""
    if v is None or len(v) != 18 or not v[:17].isdigit():
        return False
    return v[17] == id_check(v[:17])


def make_id(region: str, birth_ymd: str, seq: int) -> str:
    body = f"{region}{birth_ymd}{seq:03d}"
    return body + id_check(body)


def uscc_check(body17: str) -> str:
    s = sum(USCC_ALPHA.index(c) * w for c, w in zip(body17, USCC_W, strict=True))
    return USCC_ALPHA[(31 - s % 31) % 31]


def uscc_is_valid(v: str | None) -> bool:
    if v is None or len(v) != 18 or any(c not in USCC_ALPHA for c in v):
        return False
    return v[17] == uscc_check(v[:17])


def make_uscc(rng: random.Random, region: str) -> str:
    org = "".join(rng.choice("0123456789") for _ in range(4))
    org += "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(4))
    ow = (3, 7, 9, 10, 5, 8, 4, 2)
    s = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(org, ow, strict=True))
    oc = 11 - s % 11
    org += "X" if oc == 10 else ("0" if oc == 11 else str(oc))
    body = "91" + region + org
    return body + uscc_check(body)


def mistype_uscc(rng: random.Random, v: str) -> str:
    """One character changed (always breaks the check: 31 is prime)."""
    i = rng.randrange(2, 17)
    c = rng.choice([a for a in "0123456789" if a != v[i]])
    return v[:i] + c + v[i + 1:]


def typo1(rng: random.Random, v: str) -> str:
    i = rng.randrange(0, 17)
    c = rng.choice([d for d in "0123456789" if d != v[i]])
    return v[:i] + c + v[i + 1:]


def transposed(rng: random.Random, v: str) -> str | None:
    cands = [i for i in range(16) if v[i] != v[i + 1]]
    if not cands:
        return None
    i = rng.choice(cands)
    return v[:i] + v[i + 1] + v[i] + v[i + 2:]


def wrong_check(rng: random.Random, v: str) -> str:
    return v[:17] + rng.choice([c for c in "0123456789X" if c != v[17]])


def legacy15(v: str) -> str:
    return v[:6] + v[8:17]


def valid_corrupt(rng: random.Random, v: str) -> str:
    """A retyped birth day or sequence digit with the check recomputed by the clerk's software."""
    i = rng.choice((12, 13, 14, 15))
    c = rng.choice([d for d in "0123456789" if d != v[i]])
    body = v[:i] + c + v[i + 1:17]
    if i == 12 and body[12:14] in ("00", "32", "33", "34", "35", "36", "37", "38", "39"):
        body = v[:12] + "1" + v[13:17]
    return body + id_check(body)

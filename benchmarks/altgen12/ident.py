"""Identifiers: resident IDs (GB 11643), credit codes (GB 32100) and the ways clerks spoil them."""

from __future__ import annotations

import random
from datetime import date
from operator import mul

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_VAL = {c: i for i, c in enumerate(USCC_ALPHABET)}
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def id_check_char(first17: str) -> str:
    return ID_CHECK[sum(map(mul, map(int, first17), ID_WEIGHTS)) % 11]


def make_id(region: str, birth: date, seq: int) -> str:
    body = f"{region}{birth.year:04d}{birth.month:02d}{birth.day:02d}{seq:03d}"
    return body + id_check_char(body)


def id_is_valid(s: str | None) -> bool:
    """18 characters, 17 digits and the right ISO 7064 MOD 11-2 check (upper-case X only)."""
    if s is None or len(s) != 18 or not s[:17].isdigit():
        return False
    return s[17] == id_check_char(s[:17])


def legacy15(id18: str) -> str:
    """The pre-1999 15-digit form: region, YYMMDD birth, sequence; no check character."""
    return id18[:6] + id18[8:14] + id18[14:17]


def _sub_digit(rng: random.Random, s: str, pos: int) -> str:
    d = s[pos]
    new = rng.choice([c for c in "0123456789" if c != d])
    return s[:pos] + new + s[pos + 1:]


def corrupt_id(rng: random.Random, id18: str, kind: str) -> tuple[str | None, str]:
    """Apply one corruption ``kind``; returns the written value and the kind actually written
    (a two-digit typo that happens to keep the check valid is reported as ``valid_corrupt``)."""
    if kind == "missing":
        return None, "missing"
    if kind == "legacy15":
        return legacy15(id18), "legacy15"
    if kind == "lower_x":
        return (id18[:17] + "x", "lower_x") if id18.endswith("X") else (id18, "clean")
    if kind == "wrong_check":
        c = rng.choice([x for x in ID_CHECK if x != id18[17]])
        return id18[:17] + c, "wrong_check"
    if kind == "typo1":
        # clerks mistype the birth date and sequence far more often than the region
        pos = rng.choice([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 10, 11, 12, 13, 3, 4, 5])
        return _sub_digit(rng, id18, pos), "typo1"
    if kind == "transposed":
        for _ in range(20):
            pos = rng.randrange(6, 16)
            if id18[pos] != id18[pos + 1]:
                s = id18[:pos] + id18[pos + 1] + id18[pos] + id18[pos + 2:]
                return s, "transposed"
        return corrupt_id(rng, id18, "typo1")
    if kind in ("typo2", "valid_corrupt"):
        for _ in range(200):
            p1, p2 = rng.sample(range(6, 17), 2)
            s = _sub_digit(rng, _sub_digit(rng, id18[:17], p1), p2) + id18[17]
            ok = id_is_valid(s)
            if kind == "typo2" and not ok:
                return s, "typo2"
            if kind == "valid_corrupt" and ok:
                return s, "valid_corrupt"
        return corrupt_id(rng, id18, "typo1")
    return id18, "clean"


def uscc_check_char(first17: str) -> str:
    s = sum(_USCC_VAL[c] * w for c, w in zip(first17, USCC_WEIGHTS, strict=True)) % 31
    return USCC_ALPHABET[(31 - s) % 31]


def uscc_is_valid(s: str | None) -> bool:
    if s is None or len(s) != 18 or any(c not in _USCC_VAL for c in s):
        return False
    return s[17] == uscc_check_char(s[:17])


def make_uscc(rng: random.Random, region: str) -> str:
    """``91`` (market regulator, company) + region + organisation code (GB 11714) + check."""
    org_vals = [rng.randrange(10) if rng.random() < 0.8 else rng.randrange(10, 31)
                for _ in range(8)]
    org = "".join(USCC_ALPHABET[v] for v in org_vals)
    c9 = 11 - sum(v * w for v, w in zip(org_vals, _ORG_WEIGHTS, strict=True)) % 11
    org += "X" if c9 == 10 else ("0" if c9 == 11 else str(c9))
    first17 = "91" + region + org
    return first17 + uscc_check_char(first17)


def mistype_uscc(rng: random.Random, code: str) -> str:
    """A mistyped code: a substituted or transposed character, an O for a 0, or a dropped
    character. Each of these fails the GB 32100 check (31 is prime) when the code was valid; a
    code that already failed it is retyped until the result still fails."""
    for _ in range(20):
        bad = _mistype(rng, code)
        if not uscc_is_valid(bad):
            return bad
    return code[:-1]


def _mistype(rng: random.Random, code: str) -> str:
    r = rng.random()
    if r < 0.45:
        pos = rng.randrange(2, 17)
        new = rng.choice([c for c in USCC_ALPHABET if c != code[pos]])
        return code[:pos] + new + code[pos + 1:]
    if r < 0.7:
        for _ in range(20):
            pos = rng.randrange(2, 16)
            if code[pos] != code[pos + 1]:
                return code[:pos] + code[pos + 1] + code[pos] + code[pos + 2:]
    if r < 0.85 and "0" in code[2:17]:
        pos = code.index("0", 2)
        return code[:pos] + "O" + code[pos + 1:]
    pos = rng.randrange(2, 18)
    return code[:pos] + code[pos + 1:]

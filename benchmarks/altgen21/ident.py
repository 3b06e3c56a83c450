"""Identifiers: resident ID numbers (GB 11643) and unified social credit codes (GB 32100).

Vectorised construction plus the corruptions real registers show (wrong check character, one or
two mistyped digits, transpositions, legacy 15-digit numbers, lower-case x, corruptions that keep
the check valid)."""

from __future__ import annotations

import numpy as np

ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
ID_CHECK = "10X98765432"

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_VAL = {c: i for i, c in enumerate(USCC_CHARS)}
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


# ---------------------------------------------------------------- resident ID (GB 11643)
def id_check_char(body17: str) -> str:
    s = sum(int(c) * int(w) for c, w in zip(body17, ID_WEIGHTS, strict=True))
    return ID_CHECK[s % 11]


def id_is_valid(s: str | None) -> bool:
    """18 characters, 17 digits and the right upper-case check character."""
    if s is None or len(s) != 18 or not s[:17].isdigit():
        return False
    return s[17] == id_check_char(s[:17])


def id_check_chars(bodies: np.ndarray) -> np.ndarray:
    """Check characters for an array of 17-digit strings."""
    n = len(bodies)
    if n == 0:
        return np.array([], dtype="<U1")
    raw = np.frombuffer("".join(bodies.tolist()).encode("ascii"), dtype=np.uint8)
    digits = raw.reshape(n, 17).astype(np.int64) - 48
    r = (digits @ ID_WEIGHTS) % 11
    return np.array(list(ID_CHECK))[r]


def make_ids(region: np.ndarray, birth: np.ndarray, seq: np.ndarray) -> np.ndarray:
    """18-character IDs from region codes, birth dates (datetime64[D]) and 3-digit sequences."""
    ymd = np.datetime_as_string(birth.astype("datetime64[D]"), unit="D")
    ymd = np.char.replace(ymd, "-", "")
    seqs = np.char.zfill(seq.astype(str), 3)
    body = np.char.add(np.char.add(region.astype(str), ymd), seqs)
    return np.char.add(body, id_check_chars(body))


def legacy15(id18: str) -> str:
    """The 15-digit number an 18-digit ID replaced: no century, no check character."""
    return id18[:6] + id18[8:17]


def wrong_check(id18: str, rng: np.random.Generator) -> str:
    alts = [c for c in "0123456789X" if c != id18[17]]
    return id18[:17] + alts[int(rng.integers(len(alts)))]


def typo_digits(id18: str, rng: np.random.Generator, k: int = 1) -> str:
    """``k`` distinct positions among the first 17 mistyped (check character kept)."""
    s = list(id18)
    for p in rng.choice(17, size=k, replace=False):
        d = int(s[p])
        s[p] = str((d + int(rng.integers(1, 10))) % 10)
    return "".join(s)


def transpose(id18: str, rng: np.random.Generator) -> str | None:
    """Two adjacent different digits swapped among the first 17; None when all are equal."""
    cands = [i for i in range(16) if id18[i] != id18[i + 1]]
    if not cands:
        return None
    i = cands[int(rng.integers(len(cands)))]
    s = list(id18)
    s[i], s[i + 1] = s[i + 1], s[i]
    return "".join(s)


def valid_corrupt(id18: str, rng: np.random.Generator) -> str:
    """A sequence digit mistyped and the check recomputed: valid, but someone else's number."""
    s = list(id18[:17])
    p = 14 + int(rng.integers(2))
    s[p] = str((int(s[p]) + int(rng.integers(1, 10))) % 10)
    body = "".join(s)
    return body + id_check_char(body)


# ---------------------------------------------------------------- USCC (GB 32100)
def uscc_check_char(body17: str) -> str:
    s = sum(USCC_VAL[c] * w for c, w in zip(body17, USCC_WEIGHTS, strict=True))
    c = 31 - s % 31
    return USCC_CHARS[0 if c == 31 else c]


def uscc_is_valid(s: str | None) -> bool:
    if s is None or len(s) != 18 or any(c not in USCC_VAL for c in s):
        return False
    return s[17] == uscc_check_char(s[:17])


def _org_value(c: str) -> int:
    return int(c) if c.isdigit() else ord(c) - 55  # A=10 … Z=35 (GB 11714)


def org_code(body8: str) -> str:
    """GB 11714 organisation code: 8 characters and their check character."""
    s = sum(_org_value(c) * w for c, w in zip(body8, ORG_WEIGHTS, strict=True))
    c = 11 - s % 11
    return body8 + ("X" if c == 10 else "0" if c == 11 else str(c))


def make_uscc(region: str, kind: str, rng: np.random.Generator, new_style: bool) -> str:
    """A code for a registrant in ``region``: ``kind`` is the 2-character authority/type prefix
    (``91`` company, ``92`` individual business, ``93`` farmers' cooperative); new-style codes
    carry an ``MA…`` organisation part, older ones a converted numeric organisation code."""
    if new_style:
        tail = "".join(USCC_CHARS[int(i)] for i in rng.integers(0, 31, size=5))
        body8 = "MA6" + tail
    else:
        body8 = "".join(str(int(d)) for d in rng.integers(0, 10, size=8))
        body8 = ("7" if rng.random() < 0.5 else "2") + body8[1:]
    body17 = kind + region + org_code(body8)
    return body17 + uscc_check_char(body17)


def uscc_typo(code: str, rng: np.random.Generator) -> str:
    """One character mistyped (never the check character): always fails the check."""
    s = list(code)
    p = 2 + int(rng.integers(15))
    cur = USCC_VAL[s[p]]
    s[p] = USCC_CHARS[(cur + int(rng.integers(1, 31))) % 31]
    return "".join(s)


def uscc_bad_check(code: str, rng: np.random.Generator) -> str:
    alts = [c for c in USCC_CHARS if c != code[17]]
    return code[:17] + alts[int(rng.integers(len(alts)))]

"""Resident ID numbers (GB 11643) and Unified Social Credit Codes (GB 32100)."""

from __future__ import annotations

import datetime as dt

import numpy as np

ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
ID_CHECK = "10X98765432"
_ID_CHECK_ASCII = np.frombuffer(ID_CHECK.encode(), dtype=np.uint8)

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def id_check_char(body17: str) -> str:
    s = sum(int(c) * int(w) for c, w in zip(body17, ID_WEIGHTS, strict=True))
    return ID_CHECK[s % 11]


def id_is_valid(s: str | None) -> bool:
    """Strict GB 11643 check: 18 characters, real birth date, correct upper-case check."""
    if s is None or len(s) != 18 or not s[:17].isdigit():
        return False
    try:
        dt.date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        return False
    return id_check_char(s[:17]) == s[17]


def ymd(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Year, month, day of an array of days since 1970-01-01."""
    d = days.astype("datetime64[D]")
    y = d.astype("datetime64[Y]").astype(np.int64) + 1970
    m = d.astype("datetime64[M]").astype(np.int64) % 12 + 1
    dd = (d - d.astype("datetime64[M]")).astype(np.int64) + 1
    return y, m, dd


def _digits(values: np.ndarray, width: int) -> np.ndarray:
    out = np.empty((values.shape[0], width), dtype=np.int64)
    v = values.astype(np.int64).copy()
    for k in range(width - 1, -1, -1):
        out[:, k] = v % 10
        v //= 10
    return out


def check_ascii(body: np.ndarray) -> np.ndarray:
    """Check characters (ASCII codes) for an (n, 17) array of digit values."""
    r = (body.astype(np.int64) @ ID_WEIGHTS) % 11
    return _ID_CHECK_ASCII[r]


def make_ids(region: np.ndarray, birth_days: np.ndarray, seq: np.ndarray) -> np.ndarray:
    """(n, 18) uint8 ASCII array of valid 18-digit IDs."""
    y, m, d = ymd(birth_days)
    body = np.concatenate(
        [_digits(region, 6), _digits(y, 4), _digits(m, 2), _digits(d, 2), _digits(seq, 3)], axis=1)
    out = np.empty((body.shape[0], 18), dtype=np.uint8)
    out[:, :17] = body + 48
    out[:, 17] = check_ascii(body)
    return out


def ascii_to_str(arr: np.ndarray) -> np.ndarray:
    """(n, w) uint8 ASCII -> array of python str."""
    w = arr.shape[1]
    return np.ascontiguousarray(arr).view(f"S{w}").ravel().astype(f"U{w}")


def corrupt_ids(ids: np.ndarray, kinds: np.ndarray, rng: np.random.Generator) -> list[str | None]:
    """Render IDs with the requested noise kind per row.

    kinds: clean, lower_x, wrong_check, typo1, transposed, typo2, valid_corrupt, legacy15,
    missing (and duplicate / borrowed, which are rendered clean).
    """
    a = ids.copy()
    body = a[:, :17].astype(np.int64) - 48

    def mutate_digit(rows: np.ndarray) -> None:
        if rows.size == 0:
            return
        pos = rng.integers(0, 17, rows.size)
        delta = rng.integers(1, 10, rows.size)
        body[rows, pos] = (body[rows, pos] + delta) % 10

    m = np.flatnonzero(kinds == "typo1")
    mutate_digit(m)
    m2 = np.flatnonzero(kinds == "typo2")
    mutate_digit(m2)
    mutate_digit(m2)
    mv = np.flatnonzero(kinds == "valid_corrupt")
    if mv.size:  # the birth day or sequence part is wrong but the check was computed on it
        pos = rng.choice([14, 15], mv.size)
        body[mv, pos] = (body[mv, pos] + rng.integers(1, 10, mv.size)) % 10
        day_slip = mv[rng.random(mv.size) < 0.3]
        old = body[day_slip, 12] * 10 + body[day_slip, 13]
        new = (old - 1 + rng.integers(1, 28, day_slip.size)) % 28 + 1
        body[day_slip, 12] = new // 10
        body[day_slip, 13] = new % 10
    mt = np.flatnonzero(kinds == "transposed")
    for r in mt:
        cands = [i for i in range(16) if body[r, i] != body[r, i + 1]]
        i = cands[int(rng.integers(0, len(cands)))]
        body[r, i], body[r, i + 1] = body[r, i + 1], body[r, i]
    a[:, :17] = body + 48
    a[mv, 17] = check_ascii(body[mv])
    mw = np.flatnonzero(kinds == "wrong_check")
    if mw.size:
        cur = a[mw, 17]
        shift = rng.integers(1, 11, mw.size)
        idx = np.searchsorted(np.sort(_ID_CHECK_ASCII), cur)
        sorted_codes = np.sort(_ID_CHECK_ASCII)
        a[mw, 17] = sorted_codes[(idx + shift) % 11]
    ml = np.flatnonzero(kinds == "lower_x")
    a[ml, 17] = np.where(a[ml, 17] == ord("X"), ord("x"), a[ml, 17])
    strs = ascii_to_str(a)
    out: list[str | None] = strs.tolist()
    for r in np.flatnonzero(kinds == "legacy15"):
        s = out[r]
        assert s is not None
        out[r] = s[:6] + s[8:17]
    for r in np.flatnonzero(kinds == "missing"):
        out[r] = None
    # typo2 may leave the check valid by chance; that's realistic and reported as typo2
    return out


# --------------------------------------------------------------------------- USCC
def _org_check(body8: str) -> str:
    vals = [int(c, 36) for c in body8]
    s = sum(v * w for v, w in zip(vals, ORG_WEIGHTS, strict=True))
    c = 11 - s % 11
    return "X" if c == 10 else ("0" if c == 11 else str(c))


def uscc_check(body17: str) -> str:
    s = sum(USCC_ALPHABET.index(c) * w for c, w in zip(body17, USCC_WEIGHTS, strict=True))
    c = 31 - s % 31
    return USCC_ALPHABET[0 if c == 31 else c]


def uscc_is_valid(s: str | None) -> bool:
    if s is None or len(s) != 18 or any(c not in USCC_ALPHABET for c in s):
        return False
    return uscc_check(s[:17]) == s[17]


def make_uscc(region6: str, rng: np.random.Generator, kind: str = "91") -> str:
    """A code: registration authority + type, region, 9-char organisation code, check."""
    if rng.random() < 0.12:
        body8 = "MA" + "".join(USCC_ALPHABET[int(rng.integers(0, 31))] for _ in range(6))
    else:
        body8 = "".join(str(int(rng.integers(0, 10))) for _ in range(8))
    body17 = kind + region6 + body8 + _org_check(body8)
    return body17 + uscc_check(body17)


def mistype_uscc(s: str, rng: np.random.Generator) -> str:
    """One character mistyped (often O for 0, I for 1, or a neighbouring key)."""
    chars = list(s)
    pos = int(rng.integers(2, 18))
    c = chars[pos]
    if c == "0" and rng.random() < 0.5:
        chars[pos] = "O"
    elif c == "1" and rng.random() < 0.5:
        chars[pos] = "I"
    else:
        alts = [x for x in "0123456789" if x != c]
        chars[pos] = alts[int(rng.integers(0, len(alts)))]
    return "".join(chars)


def break_uscc_check(s: str, rng: np.random.Generator) -> str:
    """A registered code whose check character is wrong (such codes exist)."""
    alts = [x for x in USCC_ALPHABET if x != s[17]]
    return s[:17] + alts[int(rng.integers(0, len(alts)))]

"""Identifiers: resident ID numbers (GB 11643) and Unified Social Credit Codes (GB 32100), built
in bulk, checked, and damaged the ways real registers damage them."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
ID_CHECK = "10X98765432"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
_USCC_VALUE = {c: i for i, c in enumerate(USCC_ALPHABET)}

#: every kind of ID damage a record can carry; ``CLEAN_KINDS`` pass the GB 11643 check (some of
#: them are still another person's number), ``NOISY_KINDS`` never do, ``typo2`` may do either.
CLEAN_KINDS = ("clean", "dup_register", "kin", "recomputed")
NOISY_KINDS = ("typo1", "transposed", "bad_check")
OTHER_KINDS = ("typo2", "legacy15", "lower_x", "missing")
ALL_KINDS = CLEAN_KINDS + NOISY_KINDS + OTHER_KINDS


def id_check_char(first17: str) -> str:
    s = sum(int(c) * int(w) for c, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK[s % 11]


def id_is_valid(value: str | None) -> bool:
    """An 18-character ID whose check character (upper-case X) is right and whose birth date is
    plausible (a real calendar date)."""
    if value is None or len(value) != 18 or not value[:17].isdigit():
        return False
    if value[17] != id_check_char(value[:17]):
        return False
    try:
        np.datetime64(f"{value[6:10]}-{value[10:12]}-{value[12:14]}")
    except ValueError:
        return False
    return True


def make_ids(region: np.ndarray, birth_days: np.ndarray, seq: np.ndarray) -> np.ndarray:
    """18-character IDs from region codes (str), birth dates (days since 1970) and 3-digit
    sequence numbers, vectorised."""
    births = np.datetime_as_string(birth_days.astype("datetime64[D]"), unit="D")
    body = np.char.add(np.char.add(region.astype("U6"), np.char.replace(births, "-", "")),
                       np.char.zfill(seq.astype("U3"), 3))
    digits = np.frombuffer(body.astype("S17").tobytes(), dtype=np.uint8).reshape(-1, 17) - 48
    checks = np.array(list(ID_CHECK))[(digits.astype(np.int64) @ ID_WEIGHTS) % 11]
    return np.char.add(body, checks).astype(object)


def legacy15(id18: str) -> str:
    """The old 15-digit number of the same person: region, 2-digit year, month, day, sequence."""
    return id18[:6] + id18[8:17]


def uscc_check_char(first17: str) -> str:
    s = sum(_USCC_VALUE[c] * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - s % 31) % 31]


def uscc_is_valid(value: str | None) -> bool:
    if value is None or len(value) != 18 or any(c not in _USCC_VALUE for c in value):
        return False
    return value[17] == uscc_check_char(value[:17])


def make_uscc(rng: np.random.Generator, region: str, *, valid: bool = True) -> str:
    """Registration authority 9 (market regulation), type 1 (enterprise), the region, a 9-character
    organisation code, the check; ``valid=False`` gives a code with a wrong check (they exist)."""
    org = "".join(USCC_ALPHABET[i] for i in rng.integers(0, 31, 8))
    org += str(rng.integers(0, 10))
    first = "91" + region + org
    check = uscc_check_char(first)
    if not valid:
        check = USCC_ALPHABET[(_USCC_VALUE[check] + int(rng.integers(1, 31))) % 31]
    return first + check


def mistype_uscc(rng: np.random.Generator, code: str) -> str:
    """One character mistyped (O for 0, I for 1, or a neighbour) — the check then fails."""
    pos = int(rng.integers(2, 18))
    c = code[pos]
    swaps = {"0": "O", "1": "I", "8": "B", "5": "S", "2": "Z"}
    new = swaps.get(c) if rng.random() < 0.4 else None
    if new is None:
        new = USCC_ALPHABET[(_USCC_VALUE[c] + int(rng.integers(1, 31))) % 31]
    return code[:pos] + new + code[pos + 1:]


# ---------------------------------------------------------------- damage to one ID number

def _typo1(rng: np.random.Generator, v: str) -> str:
    pos = int(rng.integers(0, 17))
    d = (int(v[pos]) + int(rng.integers(1, 10))) % 10
    return v[:pos] + str(d) + v[pos + 1:]


def _transposed(rng: np.random.Generator, v: str) -> str:
    cand = [i for i in range(16) if v[i] != v[i + 1]]
    if not cand:
        return _typo1(rng, v)
    i = cand[int(rng.integers(0, len(cand)))]
    return v[:i] + v[i + 1] + v[i] + v[i + 2:]


def _typo2(rng: np.random.Generator, v: str) -> str:
    return _typo1(rng, _typo1(rng, v))


def _bad_check(rng: np.random.Generator, v: str) -> str:
    wrong = [c for c in ID_CHECK if c != v[17]]
    return v[:17] + wrong[int(rng.integers(0, len(wrong)))]


def _recomputed(rng: np.random.Generator, v: str) -> str:
    """A digit of the sequence mistyped by a system that then recomputed the check: valid, and
    someone else's number."""
    pos = int(rng.integers(14, 17))
    d = (int(v[pos]) + int(rng.integers(1, 10))) % 10
    body = v[:pos] + str(d) + v[pos + 1:17]
    return body + id_check_char(body)


def _kin(rng: np.random.Generator, v: str) -> str:
    """A relative's number copied in its place (same region, a child born 22-32 years later)."""
    year = int(v[6:10]) + int(rng.integers(22, 33))
    year = min(year, 2005)
    month, day = int(rng.integers(1, 13)), int(rng.integers(1, 29))
    seq = int(rng.integers(0, 1000))
    body = f"{v[:6]}{year:04d}{month:02d}{day:02d}{seq:03d}"
    return body + id_check_char(body)


DAMAGE: dict[str, Callable[[np.random.Generator, str], str]] = {
    "typo1": _typo1, "transposed": _transposed, "typo2": _typo2, "bad_check": _bad_check,
    "recomputed": _recomputed, "kin": _kin,
}


def apply_id_kinds(rng: np.random.Generator, ids: np.ndarray, kinds: np.ndarray) -> np.ndarray:
    """The ID number each record shows, given the person's true number and the record's kind."""
    out = ids.copy()
    for i in np.flatnonzero(kinds != "clean"):
        k = kinds[i]
        v = ids[i]
        if k == "missing":
            out[i] = None
        elif k == "legacy15":
            out[i] = legacy15(v)
        elif k == "lower_x":
            out[i] = v[:17] + "x"
        elif k == "dup_register":
            out[i] = v
        else:
            out[i] = DAMAGE[k](rng, v)
    return out

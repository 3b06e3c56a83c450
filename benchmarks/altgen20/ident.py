"""Identifiers: GB 11643 resident ID numbers (build, check, corrupt) and GB 32100 unified social
credit codes with their GB 11714 organisation-code core."""

from __future__ import annotations

import numpy as np

ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
ID_CHECK = "10X98765432"
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_VALUE = {ch: i for i, ch in enumerate(USCC_CHARS)}
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def id_check_char(first17: str) -> str:
    s = sum(int(c) * int(w) for c, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK[s % 11]


def id_is_valid(x: str | None) -> bool:
    """An 18-character ID whose check character (upper-case X only) matches GB 11643."""
    if x is None or len(x) != 18 or not x[:17].isdigit():
        return False
    return x[17] == id_check_char(x[:17])


def build_ids(region: np.ndarray, birth: np.ndarray, male: np.ndarray,
              rng: np.random.Generator) -> np.ndarray:
    """18-character IDs from region codes (str), birth dates (datetime64[D]) and sex, with a
    random sequence number of the right parity; vectorised."""
    n = len(region)
    seq = rng.integers(0, 500, n) * 2 + male.astype(np.int64)  # odd male, even female
    ymd = np.datetime_as_string(birth.astype("datetime64[D]"), unit="D")
    body = np.char.add(np.char.add(region.astype("U6"), np.char.replace(ymd, "-", "")),
                       np.char.zfill(seq.astype("U3"), 3))
    digits = np.frombuffer(body.astype("S17").tobytes(), dtype=np.uint8).reshape(n, 17) - 48
    chk = np.array(list(ID_CHECK))[(digits.astype(np.int64) @ ID_WEIGHTS) % 11]
    return np.char.add(body, chk)


def to_legacy15(id18: str) -> str:
    """The 15-digit number the same person held before 1999: no century, no check."""
    return id18[:6] + id18[8:17]


def corrupt(id18: str, kind: str, rng: np.random.Generator) -> tuple[str | None, str]:
    """Render one ID the way a clerk wrote it. Returns (value, the kind actually produced): a
    two-digit typo that happens to keep the check valid is reported as ``valid_corrupt``."""
    if kind == "missing":
        return None, kind
    if kind == "legacy15":
        return to_legacy15(id18), kind
    if kind == "lower_x":
        return (id18[:17] + "x", kind) if id18.endswith("X") else (id18, "clean")
    if kind == "wrong_check":
        chars = [c for c in ID_CHECK if c != id18[17]]
        return id18[:17] + chars[int(rng.integers(len(chars)))], kind
    if kind == "typo1":
        pos = int(rng.integers(6, 17))
        d = (int(id18[pos]) + int(rng.integers(1, 10))) % 10
        return id18[:pos] + str(d) + id18[pos + 1:], kind
    if kind == "transposed":
        for _ in range(20):
            pos = int(rng.integers(0, 16))
            if id18[pos] != id18[pos + 1]:
                return id18[:pos] + id18[pos + 1] + id18[pos] + id18[pos + 2:], kind
        return corrupt(id18, "typo1", rng)
    if kind == "typo2":
        a, b = rng.choice(np.arange(6, 17), 2, replace=False)
        s = list(id18)
        for pos in (int(a), int(b)):
            s[pos] = str((int(s[pos]) + int(rng.integers(1, 10))) % 10)
        out = "".join(s)
        return out, ("valid_corrupt" if id_is_valid(out) else "typo2")
    if kind == "valid_corrupt":
        # a mistyped birth day re-keyed into a system that recomputes the check character
        day = int(id18[12:14])
        new = day + 10 if day <= 18 else day - 10
        body = id18[:12] + f"{new:02d}" + id18[14:17]
        return body + id_check_char(body), kind
    return id18, kind


# ---- organisation codes and unified social credit codes ----
def org_check(body8: str) -> str:
    vals = [int(c) if c.isdigit() else ord(c) - 55 for c in body8]
    c9 = 11 - sum(v * w for v, w in zip(vals, ORG_WEIGHTS, strict=True)) % 11
    return "X" if c9 == 10 else ("0" if c9 == 11 else str(c9))


def uscc_check(first17: str) -> str:
    s = sum(USCC_VALUE[c] * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - s % 31) % 31]


def uscc_is_valid(x: str | None) -> bool:
    if x is None or len(x) != 18 or any(c not in USCC_VALUE for c in x):
        return False
    return x[17] == uscc_check(x[:17])


def make_uscc(region: str, rng: np.random.Generator, *, kind: str = "1") -> str:
    """A code registered by the market regulator (``9``) of an enterprise (``1``) in ``region``;
    the organisation code part is 8 characters plus its GB 11714 check."""
    alphabet = "0123456789" * 3 + "ABCDEFGHJKLMNPQRTUWXY"
    body8 = "".join(alphabet[int(i)] for i in rng.integers(0, len(alphabet), 8))
    first17 = "9" + kind + region + body8 + org_check(body8)
    return first17 + uscc_check(first17)


def uscc_typo(code: str, rng: np.random.Generator) -> str:
    """One character of a code mistyped (or two swapped): the check then fails."""
    for _ in range(20):
        pos = int(rng.integers(8, 17))
        if rng.random() < 0.5 and code[pos] != code[pos + 1]:
            out = code[:pos] + code[pos + 1] + code[pos] + code[pos + 2:]
        else:
            out = code[:pos] + USCC_CHARS[int(rng.integers(31))] + code[pos + 1:]
        if out != code and not uscc_is_valid(out):
            return out
    return code[:17] + ("0" if code[17] != "0" else "1")

"""GB 11643 resident ID numbers and GB 32100 unified social credit codes, with noise."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
ID_CHECK = "10X98765432"
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
_USCC_VAL = {c: i for i, c in enumerate(USCC_CHARSET)}
# GB 11714 organisation code: weights and character values (digits and A-Z as 10-35)
_ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def id_check_char(body17: str) -> str:
    """GB 11643 check character of the first 17 digits."""
    s = sum(int(c) * int(w) for c, w in zip(body17, ID_WEIGHTS, strict=True))
    return ID_CHECK[s % 11]


def id_is_valid(id18: str) -> bool:
    """True when an 18-character ID has 17 digits and the right check character."""
    if len(id18) != 18 or not id18[:17].isdigit():
        return False
    return id_check_char(id18[:17]) == id18[17].upper()


def id_check_chars(bodies: npt.NDArray[np.str_]) -> list[str]:
    """Vectorised check characters for an array of 17-digit strings."""
    n = len(bodies)
    if n == 0:
        return []
    codes = np.asarray(bodies, dtype="U17").view(np.uint32).reshape(n, 17).astype(np.int64) - 48
    r = (codes @ ID_WEIGHTS) % 11
    return [ID_CHECK[int(x)] for x in r]


def uscc_check_char(body17: str) -> str:
    """GB 32100 check character of the first 17 characters."""
    s = sum(_USCC_VAL[c] * w for c, w in zip(body17, USCC_WEIGHTS, strict=True))
    c = 31 - (s % 31)
    return USCC_CHARSET[0 if c == 31 else c]


def uscc_is_valid(code: str) -> bool:
    """True when all 18 characters are legal and the check character matches."""
    if len(code) != 18 or any(c not in _USCC_VAL for c in code):
        return False
    return uscc_check_char(code[:17]) == code[17]


def _org_check(body8: str) -> str:
    def val(c: str) -> int:
        return int(c) if c.isdigit() else ord(c) - 55

    s = sum(val(c) * w for c, w in zip(body8, _ORG_WEIGHTS, strict=True))
    c = 11 - s % 11
    return "X" if c == 10 else ("0" if c == 11 else str(c))


def make_uscc(rng: np.random.Generator, region: str, new_style: bool) -> str:
    """A valid USCC: registration authority 9 (market regulation), type 1 (enterprise)."""
    if new_style:
        letters = "0123456789ABCDEFGHJKLMNPQRTUWXY"
        body8 = "MA0" + "".join(letters[int(i)] for i in rng.integers(0, len(letters), 5))
    else:
        body8 = "".join(str(int(d)) for d in rng.integers(0, 10, 8))
    org = body8 + _org_check(body8)
    body17 = "91" + region + org
    return body17 + uscc_check_char(body17)


def mistype_uscc(rng: np.random.Generator, code: str) -> str:
    """One wrong or transposed character (as typed by a clerk)."""
    chars = list(code)
    if rng.random() < 0.5:
        i = int(rng.integers(2, 17))
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    else:
        i = int(rng.integers(0, 18))
        choices = [c for c in USCC_CHARSET if c != chars[i]]
        chars[i] = choices[int(rng.integers(0, len(choices)))]
    out = "".join(chars)
    return out if out != code else code[:17] + ("0" if code[17] != "0" else "1")


def legacy15(id18: str) -> str:
    """The 15-digit legacy form: region, 6-digit birth date, sequence; no check character."""
    return id18[:6] + id18[8:14] + id18[14:17]


def typo_id(rng: np.random.Generator, id18: str) -> str:
    """One or two mistyped digits, or two adjacent digits transposed."""
    chars = list(id18)
    kind = rng.random()
    if kind < 0.35:
        i = int(rng.integers(0, 16))
        if chars[i] == chars[i + 1]:
            i = 6 if chars[6] != chars[7] else 10
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    else:
        k = 1 if kind < 0.85 else 2
        for i in rng.choice(17, size=k, replace=False):
            d = chars[int(i)]
            chars[int(i)] = str((int(d) + int(rng.integers(1, 10))) % 10)
    return "".join(chars)


def wrong_check(rng: np.random.Generator, id18: str) -> str:
    """The right 17 digits with a wrong check character."""
    others = [c for c in ID_CHECK if c != id18[17].upper()]
    return id18[:17] + others[int(rng.integers(0, len(others)))]

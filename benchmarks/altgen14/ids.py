"""Resident ID numbers (GB 11643) and Unified Social Credit Codes (GB 32100): making, checking and
corrupting them the way real exports do."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_VALUE = {c: i for i, c in enumerate(USCC_CHARS)}

IntArray = npt.NDArray[np.int64]


def id_check_char(body17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(body17, ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11]


def id_is_valid(value: str | None) -> bool:
    """An 18-character ID with 17 digits and the right upper-case check character."""
    if value is None or len(value) != 18 or not value[:17].isdigit():
        return False
    return value[17] == id_check_char(value[:17])


def make_ids(region: IntArray, birth_ymd: IntArray, seq: IntArray) -> list[str]:
    """Valid 18-character IDs from region codes, birth dates as ``yyyymmdd`` and 3-digit
    sequences, vectorised."""
    digits = np.zeros((len(region), 17), dtype=np.int64)
    for k in range(6):
        digits[:, k] = (region // 10 ** (5 - k)) % 10
    for k in range(8):
        digits[:, 6 + k] = (birth_ymd // 10 ** (7 - k)) % 10
    for k in range(3):
        digits[:, 14 + k] = (seq // 10 ** (2 - k)) % 10
    rem = (digits * np.array(ID_WEIGHTS, dtype=np.int64)).sum(axis=1) % 11
    check = np.array(list(ID_CHECK))[rem]
    frame = pl.DataFrame({"r": region, "b": birth_ymd, "s": seq, "c": check})
    out = frame.select(pl.concat_str([pl.col("r").cast(pl.Utf8), pl.col("b").cast(pl.Utf8),
                                      pl.col("s").cast(pl.Utf8).str.zfill(3), pl.col("c")]))
    return list(out.to_series())


def legacy15(id18: str) -> str:
    """The 15-digit legacy form of an 18-digit ID: 2-digit year, no check character."""
    return id18[:6] + id18[8:14] + id18[14:17]


def corrupt_id(id18: str, kind: str, rng: np.random.Generator) -> str | None:
    """``id18`` damaged as ``kind`` says (see :data:`ID_KINDS_NOISY`)."""
    if kind == "missing":
        return None
    if kind == "legacy15":
        return legacy15(id18)
    if kind == "lower_x":
        return id18[:17] + "x"
    if kind == "wrong_check":
        choices = [c for c in ID_CHECK if c != id18[17]]
        return id18[:17] + choices[int(rng.integers(len(choices)))]
    if kind == "typo1":
        pos = int(rng.integers(6, 17)) if rng.random() < 0.85 else int(rng.integers(0, 6))
        old = int(id18[pos])
        new = (old + int(rng.integers(1, 10))) % 10
        return id18[:pos] + str(new) + id18[pos + 1:]
    if kind == "transposed":
        spots = [i for i in range(16) if id18[i] != id18[i + 1]]
        pos = spots[int(rng.integers(len(spots)))]
        return id18[:pos] + id18[pos + 1] + id18[pos] + id18[pos + 2:]
    if kind == "valid_corrupt":
        pos = int(rng.integers(14, 17))
        new = (int(id18[pos]) + int(rng.integers(1, 10))) % 10
        body = id18[:pos] + str(new) + id18[pos + 1:17]
        return body + id_check_char(body)
    raise ValueError(kind)


def uscc_check_char(body17: str) -> str:
    total = sum(_USCC_VALUE[c] * w for c, w in zip(body17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def uscc_is_valid(value: str | None) -> bool:
    """An 18-character code from the GB 32100 alphabet with the right check character."""
    if value is None or len(value) != 18 or any(c not in _USCC_VALUE for c in value):
        return False
    return value[17] == uscc_check_char(value[:17])


def make_uscc(region: int, rng: np.random.Generator) -> str:
    """A valid code for an enterprise (``91``) registered in ``region``: the 9-character
    organisation code is mostly digits."""
    org = "".join(str(int(d)) for d in rng.integers(0, 10, 6))
    org += "".join(USCC_CHARS[int(i)] for i in rng.integers(0, 31, 3))
    body = "91" + f"{region:06d}" + org
    return body + uscc_check_char(body)


def mistype_uscc(code: str, rng: np.random.Generator) -> str:
    """One character replaced by another of the alphabet: always fails the check."""
    pos = int(rng.integers(0, 18))
    choices = [c for c in USCC_CHARS if c != code[pos]]
    return code[:pos] + choices[int(rng.integers(len(choices)))] + code[pos + 1:]


def as_list(values: Any) -> list[Any]:
    return list(values)

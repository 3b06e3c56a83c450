"""Resident identity numbers (GB 11643): cleaning, check character, 15 → 18, derived fields.

An 18-character number is 6 digits of region (GB/T 2260), 8 of birth date, 3 of
sequence (odd = male, even = female) and an ISO 7064 MOD 11-2 check character:
``R = Σ dᵢ·wᵢ mod 11`` with weights ``7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2`` and
``R = 0…10 → 1 0 X 9 8 7 6 5 4 3 2``. Legacy 15-digit numbers have a 6-digit birth
date (19YY) and no check character; they are converted to 18 by inserting ``19``
and computing the check.

:func:`id_columns` derives, vectorised (integer arithmetic, no per-row Python):

* ``{p}_norm`` — trimmed, full-width → half-width, whitespace removed, upper-case
  ``X``; 15 digits converted to 18; null when the value is not 15 or 18 characters
  of the right form. An 18-character number with a wrong check character is kept
  as given (it is most likely one typo away from the truth) and flagged below.
* ``{p}_format`` — ``"18"``, ``"15"``, ``"invalid"``; null when missing.
* ``{p}_check_ok`` — 18: the check character is right; 15: true; null otherwise.
* ``{p}_birth_date`` (Date; null when not a calendar date), ``{p}_sex``
  (``M``/``F`` from sequence parity), ``{p}_region`` (first 6 digits).

:func:`id_mismatch_exprs` compares those with a record's own sex, birth date and
age (at an event date, ±1 year tolerance). Nothing is guessed silently: a value
that cannot be parsed is null and its format says why.
"""

from __future__ import annotations

import polars as pl

from linkage.normalize.text import clean_compact, halfwidth_py

WEIGHTS: tuple[int, ...] = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
_RE18 = r"^\d{17}[\dX]$"
_RE15 = r"^\d{15}$"


# --- plain Python (tests, the synthetic generator) ---------------------------------

def check_char(body17: str) -> str:
    """The MOD 11-2 check character for the first 17 digits."""
    if len(body17) != 17 or not body17.isdigit():
        raise ValueError("the body of an ID number is 17 digits")
    return CHECK_CHARS[sum(int(d) * w for d, w in zip(body17, WEIGHTS, strict=True)) % 11]


def clean_id(s: str) -> str:
    """Half-width, no whitespace, upper-case."""
    return "".join(halfwidth_py(s).split()).upper()


def is_valid_id(s: str) -> bool:
    """True for an 18-character number whose check character is right (birth date not checked)."""
    s = clean_id(s)
    return len(s) == 18 and s[:17].isdigit() and s[17] in "0123456789X" and check_char(s[:17]) == s[17]


def id15_to_18(s: str) -> str:
    """Convert a 15-digit legacy number to 18 (``19`` century, computed check character)."""
    s = clean_id(s)
    if len(s) != 15 or not s.isdigit():
        raise ValueError("a legacy ID number is 15 digits")
    body = s[:6] + "19" + s[6:]
    return body + check_char(body)


# --- vectorised ----------------------------------------------------------------------

def check_char_expr(body17: pl.Expr) -> pl.Expr:
    """Check character of a 17-digit String expression (null when not 17 digits)."""
    n = body17.str.to_integer(base=10, strict=False).cast(pl.Int64)
    total = pl.lit(0, dtype=pl.Int64)
    for i, w in enumerate(WEIGHTS):
        total = total + ((n // (10 ** (16 - i))) % 10) * w
    r = total % 11
    return r.replace_strict(dict(enumerate(CHECK_CHARS)), default=None, return_dtype=pl.String)


def id_columns(expr: pl.Expr, prefix: str = "id") -> list[pl.Expr]:
    """Normalised ID number and everything derived from it (see the module docstring)."""
    clean = clean_compact(expr)
    is18 = clean.str.contains(_RE18)
    is15 = clean.str.contains(_RE15)
    body = (
        pl.when(is18).then(clean.str.slice(0, 17))
        .when(is15).then(pl.concat_str([clean.str.slice(0, 6), pl.lit("19"), clean.str.slice(6, 9)]))
    )
    computed = check_char_expr(body)
    norm = pl.when(is18).then(clean).when(is15).then(pl.concat_str([body, computed]))
    fmt = (
        pl.when(clean.is_null()).then(None)
        .when(is18).then(pl.lit("18")).when(is15).then(pl.lit("15")).otherwise(pl.lit("invalid"))
    )
    check_ok = pl.when(is18).then(clean.str.slice(17, 1) == computed).when(is15).then(pl.lit(True))
    birth = norm.str.slice(6, 8).str.to_date("%Y%m%d", strict=False)
    seq = norm.str.slice(16, 1).str.to_integer(strict=False)
    sex = pl.when(seq.is_null()).then(None).when(seq % 2 == 1).then(pl.lit("M")).otherwise(pl.lit("F"))
    return [
        norm.alias(f"{prefix}_norm"),
        fmt.alias(f"{prefix}_format"),
        check_ok.cast(pl.Boolean).alias(f"{prefix}_check_ok"),
        birth.alias(f"{prefix}_birth_date"),
        sex.alias(f"{prefix}_sex"),
        norm.str.slice(0, 6).alias(f"{prefix}_region"),
    ]


def _col(c: str | pl.Expr | None) -> pl.Expr | None:
    return pl.col(c) if isinstance(c, str) else c


def age_at(birth: pl.Expr, at: pl.Expr) -> pl.Expr:
    """Completed years between two dates (Date or Datetime expressions)."""
    b, a = birth.cast(pl.Date), at.cast(pl.Date)
    before_birthday = (a.dt.month() * 100 + a.dt.day()) < (b.dt.month() * 100 + b.dt.day())
    return (a.dt.year() - b.dt.year() - before_birthday.cast(pl.Int32)).cast(pl.Int32)


def id_mismatch_exprs(
    prefix: str = "id",
    sex_col: str | pl.Expr | None = "sex",
    birth_col: str | pl.Expr | None = None,
    age_col: str | pl.Expr | None = None,
    at_col: str | pl.Expr | None = None,
    *,
    age_tolerance: int = 1,
) -> list[pl.Expr]:
    """Booleans ``{p}_sex_mismatch``, ``{p}_birth_mismatch``, ``{p}_age_mismatch``.

    Needs the :func:`id_columns` output with the same prefix in the frame. Each is null
    when either side is missing (or the column is not given); the age is compared at
    ``at_col`` (the record's event date) with ``age_tolerance`` years of slack.
    """
    id_sex = pl.col(f"{prefix}_sex")
    id_birth = pl.col(f"{prefix}_birth_date")
    null = pl.lit(None, dtype=pl.Boolean)
    sex, birth, age, at = _col(sex_col), _col(birth_col), _col(age_col), _col(at_col)
    sex_mm = null if sex is None else (id_sex != sex)
    birth_mm = null if birth is None else (id_birth != birth.cast(pl.Date))
    if age is None or at is None:
        age_mm = null
    else:
        age_mm = (age_at(id_birth, at) - age.cast(pl.Int32)).abs() > age_tolerance
    return [
        sex_mm.alias(f"{prefix}_sex_mismatch"),
        birth_mm.alias(f"{prefix}_birth_mismatch"),
        age_mm.alias(f"{prefix}_age_mismatch"),
    ]

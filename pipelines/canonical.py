"""Canonical typing (interfaces §2): raw string columns → the contract's dtypes, plus ``_invalid``.

``to_canonical(source, frame)`` keeps the rows and their order. Every contract column
present in ``frame`` is cast by its contract type:

=========  =====================================================================
str        String, stripped (empty → null)
int        Int64; ``41``, `` 41 ``, ``41.0``, ``1,234``, full-width digits; ``41.5`` is invalid
float      Float64; ``1,234.5`` accepted; NaN / infinity are invalid
date       Date, every format :mod:`linkage.normalize.dates` reads
datetime   Datetime("us"), likewise (a date alone is midnight)
bool       Boolean from true/false, 1/0, yes/no, y/n, t/f, 是/否
enum       String, lower-cased and stripped (inner spaces / hyphens → ``_``); null if outside
sex        ``M`` / ``F`` / null (:func:`linkage.normalize.sex.normalize_sex`)
region     String, the cleaned 6-digit code; null (and invalid) when not 6 digits
id         String, stripped, as given — ID problems are flags for the gate, not invalid
uscc       String, stripped, upper-case — a failing check is a flag, not invalid
=========  =====================================================================

Extra columns stay String, ``_row`` is kept. Contract columns absent from ``frame``
are not added (the gate reports missing required columns). ``_invalid`` (List(String))
names, in contract order, the columns whose non-empty raw value could not be parsed
or lies outside its enum; the gate quarantines on it and keeps the raw text.
"""

from __future__ import annotations

import polars as pl

from linkage.normalize.dates import parse_date, parse_datetime
from linkage.normalize.region import region_clean
from linkage.normalize.sex import normalize_sex
from linkage.normalize.text import halfwidth
from linkage.normalize.uscc import uscc_clean
from pipelines.contract import ENUM_SYNONYMS, SOURCES, Column

INVALID = "_invalid"
ROW = "_row"

BOOL_MAP: dict[str, bool] = {
    "true": True, "t": True, "1": True, "1.0": True, "yes": True, "y": True, "是": True,
    "false": False, "f": False, "0": False, "0.0": False, "no": False, "n": False, "否": False,
}


def _number_text(raw: pl.Expr) -> pl.Expr:
    return halfwidth(raw).str.replace_all(r"[\s,]", "")


def parse_int(raw: pl.Expr) -> pl.Expr:
    """String → Int64; integral decimals (``41.0``) and an age's unit (``41岁``, ``41周岁``)
    accepted, anything else null."""
    text = _number_text(raw).str.replace(r"(?:周岁|岁)$", "")
    as_int = text.str.to_integer(strict=False)
    as_float = text.cast(pl.Float64, strict=False)
    integral = as_float.is_finite() & (as_float == as_float.floor()) & (as_float.abs() < 2.0**62)
    return pl.coalesce(as_int, pl.when(integral).then(as_float).cast(pl.Int64))


def parse_float(raw: pl.Expr) -> pl.Expr:
    """String → Float64; null when unparseable or not finite."""
    f = _number_text(raw).cast(pl.Float64, strict=False)
    return pl.when(f.is_finite()).then(f)


def parse_bool(raw: pl.Expr) -> pl.Expr:
    key = halfwidth(raw).str.strip_chars().str.to_lowercase()
    return key.replace_strict(BOOL_MAP, default=None, return_dtype=pl.Boolean)


def parse_enum(raw: pl.Expr, values: tuple[str, ...]) -> pl.Expr:
    """An enum code: case, spaces and hyphens folded (``Serious Injury`` → ``serious_injury``), and
    the Chinese labels of :data:`~pipelines.contract.ENUM_SYNONYMS` (``工亡`` → ``death``); any
    other value → null."""
    key = halfwidth(raw).str.strip_chars().str.to_lowercase().str.replace_all(r"[\s\-]+", "_")
    synonyms = ENUM_SYNONYMS.get(values)
    if synonyms:
        key = key.replace(synonyms)
    return pl.when(key.is_in(list(values))).then(key)


def _typed(col: Column, raw: pl.Expr) -> pl.Expr:
    if col.dtype == "int":
        return parse_int(raw)
    if col.dtype == "float":
        return parse_float(raw)
    if col.dtype == "date":
        return parse_date(raw)
    if col.dtype == "datetime":
        return parse_datetime(raw)
    if col.dtype == "bool":
        return parse_bool(raw)
    if col.dtype == "enum":
        return parse_enum(raw, col.enum or ())
    if col.dtype == "sex":
        return normalize_sex(raw)
    if col.dtype == "region":
        r = region_clean(raw)
        return pl.when(r.str.contains(r"^\d{6}$")).then(r)
    if col.dtype == "uscc":
        return uscc_clean(raw)
    s = raw.str.strip_chars()  # str, id: as given
    return pl.when(s.str.len_chars() > 0).then(s)


_TMP = "__typed__"


def to_canonical(source: str, frame: pl.DataFrame) -> pl.DataFrame:
    """Type one source's raw frame as the contract says (see the module docstring)."""
    if source not in SOURCES:
        raise KeyError(f"unknown source {source!r}; sources are {sorted(SOURCES)}")
    src = SOURCES[source]
    # a time-zone-aware timestamp (a Parquet export) is read as Beijing time, the contract's
    # local time, before it is typed like text
    frame = frame.with_columns(
        pl.col(c).dt.convert_time_zone("Asia/Shanghai").dt.replace_time_zone(None)
        for c, t in frame.schema.items() if isinstance(t, pl.Datetime) and t.time_zone is not None
    )
    frame = frame.with_columns(
        pl.col(c).cast(pl.String) for c, t in frame.schema.items() if t != pl.String and c != ROW
    )
    typed: list[pl.Expr] = []
    flags: list[pl.Expr] = []
    for col in src.columns:
        if col.name not in frame.columns:
            continue
        raw = pl.col(col.name)
        typed.append(_typed(col, raw).alias(_TMP + col.name))
        if col.dtype in ("str", "id", "uscc"):
            continue
        present = raw.str.strip_chars().str.len_chars() > 0
        # compare with the typed value computed once above (parsing is the expensive part)
        flags.append(pl.when(present & pl.col(_TMP + col.name).is_null()).then(pl.lit(col.name)))
    invalid = (
        pl.concat_list(flags).list.drop_nulls() if flags else pl.lit([], dtype=pl.List(pl.String))
    )
    tmp_names = [e.meta.output_name() for e in typed]
    out = frame.with_columns(typed).with_columns(invalid.cast(pl.List(pl.String)).alias(INVALID))
    return out.drop([n[len(_TMP):] for n in tmp_names]).rename(
        {n: n[len(_TMP):] for n in tmp_names}).select([*frame.columns, INVALID])

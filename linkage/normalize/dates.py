"""Dates and datetimes in every form the data contract lists, parsed vectorised.

Accepted (after folding full-width characters and trimming whitespace):
``YYYY-MM-DD``, ``YYYY-M-D``, ``YYYY/M/D``, ``YYYY.M.D``, ``YYYYMMDD``,
``YYYY年M月D日``; each optionally followed by a time ``HH:MM[:SS][.ffffff]``
separated by spaces or ``T``, and that by a UTC offset (``Z``, ``+08:00``), converted to Beijing
time (the contract's local time). Anything else, and impossible dates
(2023-02-30, 25:00), become null — the canonical stage records that as invalid.
"""

from __future__ import annotations

import re

import polars as pl

from linkage.normalize.text import halfwidth

_DATE_SEP = r"(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?"
_DATE_COMPACT = r"(\d{4})(\d{2})(\d{2})"
# a time, optionally with its UTC offset (``Z``, ``+08:00``, ``+0800``): converted to Beijing time
_TIME = (r"(?:(?:\s+|\s*T\s*)(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?"
         r"(?:\s*(Z|[+-])(?:(\d{2}):?(\d{2}))?)?)?")
_RE_SEP = rf"^{_DATE_SEP}{_TIME}$"
_RE_COMPACT = rf"^{_DATE_COMPACT}{_TIME}$"
_GROUPS = ("y", "m", "d", "hh", "mi", "ss", "frac", "tzs", "tzh", "tzm")
#: the contract's local time: Asia/Shanghai, UTC+8 all year (no daylight saving since 1991)
LOCAL_OFFSET_MINUTES = 8 * 60


def _named(pattern: str) -> str:
    it = iter(_GROUPS)
    return re.sub(r"\((?!\?)", lambda _m: f"(?P<{next(it)}>", pattern)


_RE_SEP_N = _named(_RE_SEP)
_RE_COMPACT_N = _named(_RE_COMPACT)


def _parts(expr: pl.Expr) -> pl.Expr:
    """A struct of the matched parts (strings; null where absent or when nothing matched)."""
    s = halfwidth(expr).str.strip_chars()
    a = s.str.extract_groups(_RE_SEP_N)
    b = s.str.extract_groups(_RE_COMPACT_N)
    # the two patterns never both match (a separator vs. eight digits after the year)
    return pl.struct([pl.coalesce(a.struct.field(g), b.struct.field(g)).alias(g) for g in _GROUPS])


def _pad(e: pl.Expr, width: int) -> pl.Expr:
    return e.str.pad_start(width, "0")


def _date_string(p: pl.Expr) -> pl.Expr:
    return pl.concat_str(
        [p.struct.field("y"), _pad(p.struct.field("m"), 2), _pad(p.struct.field("d"), 2)],
        separator="-",
    )


def _parsed_table(s: pl.Series, with_time: bool) -> pl.Series:
    """Parse distinct values of ``s``; the regex parts are extracted once (a struct
    expression reused by several fields would be re-evaluated per use in eager mode)."""
    parts = pl.DataFrame({"k": s}).select(_parts(pl.col("k")).alias("p")).unnest("p")
    date_text = pl.concat_str([pl.col("y"), _pad(pl.col("m"), 2), _pad(pl.col("d"), 2)], separator="-")
    hh = _pad(pl.col("hh").fill_null("0"), 2)
    mi = _pad(pl.col("mi").fill_null("0"), 2)
    ss = _pad(pl.col("ss").fill_null("0"), 2)
    micros = pl.col("frac").fill_null("0").str.slice(0, 6).str.pad_end(6, "0").cast(pl.Int64)
    text = pl.concat_str([date_text, pl.lit(" "), hh, pl.lit(":"), mi, pl.lit(":"), ss])
    stamp = text.str.to_datetime("%Y-%m-%d %H:%M:%S", time_unit="us", strict=False) \
        + pl.duration(microseconds=micros)
    # a stated UTC offset: to Beijing time (local = stamp − offset + 8 h)
    sign = pl.when(pl.col("tzs") == "-").then(-1).otherwise(1)
    offset = sign * (pl.col("tzh").fill_null("0").cast(pl.Int64) * 60 + pl.col("tzm").fill_null("0").cast(pl.Int64))
    local = pl.when(pl.col("tzs").is_not_null()) \
        .then(stamp + pl.duration(minutes=LOCAL_OFFSET_MINUTES - offset)).otherwise(stamp)
    if not with_time:
        # the date as written, unless an offset moves it to another day in Beijing
        written = date_text.str.to_date("%Y-%m-%d", strict=False)
        return parts.select(pl.when(pl.col("tzs").is_not_null()).then(local.dt.date()).otherwise(written)).to_series()
    return parts.select(local).to_series()


def _distinct_parser(with_time: bool, dtype: pl.DataType):
    def _apply(s: pl.Series) -> pl.Series:
        if s.len() == 0:
            return pl.Series(s.name, [], dtype=dtype)
        keys = pl.DataFrame({"k": s.cast(pl.String)})
        uniq = keys.unique(maintain_order=True)
        # fast path: the ISO forms most exports use, parsed natively
        k = pl.col("k")
        if with_time:
            fast = pl.coalesce(
                k.str.to_datetime("%Y-%m-%d %H:%M:%S", time_unit="us", strict=False),
                k.str.to_datetime("%Y-%m-%d %H:%M", time_unit="us", strict=False),
                k.str.to_date("%Y-%m-%d", strict=False).cast(pl.Datetime("us")),
            )
        else:
            fast = k.str.to_date("%Y-%m-%d", strict=False)
        uniq = uniq.with_columns(fast.cast(dtype).alias("v"))
        slow = uniq.filter(pl.col("v").is_null() & k.is_not_null()).select("k")
        if slow.height:
            slow = slow.with_columns(_parsed_table(slow.get_column("k"), with_time).cast(dtype).alias("v"))
            uniq = uniq.join(slow, on="k", how="left", suffix="_slow").select(
                "k", pl.coalesce("v", "v_slow").alias("v"))
        table = uniq
        out = keys.join(table, on="k", how="left", nulls_equal=True, maintain_order="left")
        return out.get_column("v").alias(s.name)

    return _apply


def _parse_date_rows(expr: pl.Expr) -> pl.Expr:
    return expr.map_batches(_distinct_parser(False, pl.Date()), return_dtype=pl.Date(),
                            is_elementwise=True)


def parse_date(expr: pl.Expr) -> pl.Expr:
    """String → ``pl.Date``; a trailing time is allowed and dropped; null when unparseable.

    Parsed once per distinct value (dates repeat heavily in every source).
    """
    return _parse_date_rows(expr)


def parse_datetime(expr: pl.Expr) -> pl.Expr:
    """String → ``pl.Datetime("us")``; a date alone is midnight; null when unparseable."""
    return _parse_datetime_rows(expr)


def _parse_datetime_rows(expr: pl.Expr) -> pl.Expr:
    return expr.map_batches(_distinct_parser(True, pl.Datetime("us")),
                            return_dtype=pl.Datetime("us"), is_elementwise=True)

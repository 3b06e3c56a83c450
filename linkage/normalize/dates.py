"""Dates and datetimes in every form the data contract lists, parsed vectorised.

Accepted (after folding full-width characters and trimming whitespace):
``YYYY-MM-DD``, ``YYYY-M-D``, ``YYYY/M/D``, ``YYYY.M.D``, ``YYYYMMDD``,
``YYYY年M月D日``; each optionally followed by a time ``HH:MM[:SS][.ffffff]``
separated by spaces or ``T``. Anything else, and impossible dates
(2023-02-30, 25:00), become null — the canonical stage records that as invalid.
"""

from __future__ import annotations

import re

import polars as pl

from linkage.normalize.text import halfwidth, map_distinct

_DATE_SEP = r"(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?"
_DATE_COMPACT = r"(\d{4})(\d{2})(\d{2})"
_TIME = r"(?:(?:\s+|\s*T\s*)(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?)?"
_RE_SEP = rf"^{_DATE_SEP}{_TIME}$"
_RE_COMPACT = rf"^{_DATE_COMPACT}{_TIME}$"
_GROUPS = ("y", "m", "d", "hh", "mi", "ss", "frac")


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


def _parse_date_rows(expr: pl.Expr) -> pl.Expr:
    p = _parts(expr)
    return _date_string(p).str.to_date("%Y-%m-%d", strict=False)


def parse_date(expr: pl.Expr) -> pl.Expr:
    """String → ``pl.Date``; a trailing time is allowed and dropped; null when unparseable.

    Parsed once per distinct value (dates repeat heavily in every source).
    """
    return map_distinct(expr, _parse_date_rows, pl.Date())


def parse_datetime(expr: pl.Expr) -> pl.Expr:
    """String → ``pl.Datetime("us")``; a date alone is midnight; null when unparseable."""
    return map_distinct(expr, _parse_datetime_rows, pl.Datetime("us"))


def _parse_datetime_rows(expr: pl.Expr) -> pl.Expr:
    p = _parts(expr)
    hh = _pad(p.struct.field("hh").fill_null("0"), 2)
    mi = _pad(p.struct.field("mi").fill_null("0"), 2)
    ss = _pad(p.struct.field("ss").fill_null("0"), 2)
    frac = p.struct.field("frac").fill_null("0").str.slice(0, 6).str.pad_end(6, "0")
    text = pl.concat_str([_date_string(p), pl.lit(" "), hh, pl.lit(":"), mi, pl.lit(":"), ss,
                          pl.lit("."), frac])
    return text.str.to_datetime("%Y-%m-%d %H:%M:%S%.6f", time_unit="us", strict=False)

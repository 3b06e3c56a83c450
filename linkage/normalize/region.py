"""Administrative division codes (GB/T 2260): validity and province / city / county parts.

A county-level code is 6 digits; its first 2 are the province (14 = Shanxi), its
first 4 the city (1401 = Taiyuan). Parts are null when the code is not 6 digits.
"""

from __future__ import annotations

import polars as pl

from linkage.normalize.text import clean_compact, map_distinct


def region_clean(expr: pl.Expr) -> pl.Expr:
    """Half-width, whitespace removed; a code stored as a number (``140105.0``) loses ``.0``; a
    township (9-digit) or village (12-digit) statistical division code (统计用区划代码,
    ``140105001001``) keeps its county, the first 6 digits."""
    return clean_compact(expr).str.replace(r"^(\d{6})\.0+$", "${1}") \
        .str.replace(r"^(\d{6})(?:\d{3}|\d{6})$", "${1}")


def region_columns(expr: pl.Expr, prefix: str = "region") -> list[pl.Expr]:
    """``{p}_valid`` (Boolean, null when missing), ``{p}_province`` (2), ``{p}_city`` (4),
    ``{p}_county`` (6)."""
    s = map_distinct(expr, region_clean, pl.String())  # few distinct codes: clean each once
    valid = s.str.contains(r"^\d{6}$")
    code = pl.when(valid).then(s)
    return [
        valid.alias(f"{prefix}_valid"),
        code.str.slice(0, 2).alias(f"{prefix}_province"),
        code.str.slice(0, 4).alias(f"{prefix}_city"),
        code.alias(f"{prefix}_county"),
    ]

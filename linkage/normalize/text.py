"""Small text helpers shared by the normalisers: full-width → half-width, whitespace.

Chinese exports often type digits, letters and punctuation in their full-width
forms (``１４０１``, ``Ｘ``, ``：``) and pad cells with the ideographic space
U+3000. Every normaliser first folds those to ASCII with :func:`halfwidth`.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

# U+FF01..U+FF5E map to U+0021..U+007E; U+3000 (ideographic space) to a space.
_FULL = [chr(c) for c in range(0xFF01, 0xFF5F)] + ["\u3000"]
_HALF = [chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)] + [" "]
FULL_TO_HALF: dict[str, str] = dict(zip(_FULL, _HALF, strict=True))
_TRANS = str.maketrans(FULL_TO_HALF)


def halfwidth(expr: pl.Expr) -> pl.Expr:
    """Fold full-width ASCII forms and the ideographic space to ASCII (vectorised)."""
    return expr.str.replace_many(_FULL, _HALF)


def halfwidth_py(s: str) -> str:
    """Plain-Python :func:`halfwidth` for single values."""
    return s.translate(_TRANS)


def clean_compact(expr: pl.Expr) -> pl.Expr:
    """Half-width, all whitespace removed, upper-cased; empty → null."""
    out = halfwidth(expr).str.replace_all(r"\s+", "").str.to_uppercase()
    return pl.when(out.str.len_chars() == 0).then(None).otherwise(out)


def map_distinct(expr: pl.Expr, fn: Callable[[pl.Expr], pl.Expr], return_dtype: pl.DataType) -> pl.Expr:
    """Apply the expression builder ``fn`` once per distinct value of ``expr`` and map back.

    For columns whose values repeat (dates, sex, regions, names) this turns the cost of
    an expensive normaliser from per-row into per-distinct-value.
    """

    def _apply(s: pl.Series) -> pl.Series:
        if s.len() == 0:
            return pl.Series(s.name, [], dtype=return_dtype)
        keys = pl.DataFrame({"k": s})
        table = keys.unique().with_columns(fn(pl.col("k")).cast(return_dtype).alias("v"))
        out = keys.join(table, on="k", how="left", nulls_equal=True, maintain_order="left")
        return out.get_column("v").alias(s.name)

    return expr.map_batches(_apply, return_dtype=return_dtype, is_elementwise=True)


def icd_clean(col: str | pl.Expr) -> pl.Expr:
    """An ICD-10 code as written → canonical: full-width folded, upper-case, no spaces, the dot
    restored (``w206`` → ``W20.6``); anything not starting letter-digit-digit → null."""
    e = pl.col(col) if isinstance(col, str) else col
    s = clean_compact(e.cast(pl.String)).str.replace(r"^([A-Z]\d\d)(\d)", "$1.$2")
    return pl.when(s.str.contains(r"^[A-Z]\d\d")).then(s).otherwise(None)

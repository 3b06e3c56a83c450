"""Accident grades (生产安全事故报告和调查处理条例, Art. 3) and grade lines.

| grade | deaths | serious injuries | direct loss (10k yuan) |
|---|---|---|---|
| 特别重大 | ≥ 30 | ≥ 100 | ≥ 10 000 |
| 重大 | 10–29 | 50–99 | 5 000–10 000 |
| 较大 | 3–9 | 10–49 | 1 000–5 000 |
| 一般 | ≤ 2 | ≤ 9 | < 1 000 |

"以上" includes the boundary; the grade is the highest any criterion reaches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from pipelines.contract import GRADES

if TYPE_CHECKING:
    from polars.expr.whenthen import ChainedThen, Then

# (grade index, minimum deaths, minimum serious injuries, minimum loss in 10k yuan)
_THRESHOLDS = ((3, 30, 100, 10_000.0), (2, 10, 50, 5_000.0), (1, 3, 10, 1_000.0))
# Reported death counts just below a grade line (2 → 较大 at 3, 9 → 重大 at 10, 29 → 特别重大 at 30).
DEATHS_BELOW_LINE = (2, 9, 29)


def grade_index(deaths: int | None, serious: int | None = None, loss_10k: float | None = None) -> int:
    """0 一般, 1 较大, 2 重大, 3 特别重大 (plain Python, for one accident)."""
    d, s, x = deaths or 0, serious or 0, loss_10k or 0.0
    for idx, md, ms, ml in _THRESHOLDS:
        if d >= md or s >= ms or x >= ml:
            return idx
    return 0


def grade(deaths: int | None, serious: int | None = None, loss_10k: float | None = None) -> str:
    return GRADES[grade_index(deaths, serious, loss_10k)]


def grade_index_expr(deaths: pl.Expr, serious: pl.Expr | None = None,
                     loss_10k: pl.Expr | None = None) -> pl.Expr:
    """Vectorised :func:`grade_index` (null counts are zero)."""
    d = deaths.fill_null(0)
    s = serious.fill_null(0) if serious is not None else pl.lit(0)
    x = loss_10k.fill_null(0.0) if loss_10k is not None else pl.lit(0.0)
    out: Then | ChainedThen = pl.when(pl.lit(False)).then(pl.lit(0, dtype=pl.Int8))
    for idx, md, ms, ml in _THRESHOLDS:
        out = out.when((d >= md) | (s >= ms) | (x >= ml)).then(pl.lit(idx, dtype=pl.Int8))
    return out.otherwise(pl.lit(0, dtype=pl.Int8))


def grade_name_expr(index: pl.Expr) -> pl.Expr:
    return index.replace_strict(dict(enumerate(GRADES)), return_dtype=pl.String)


def below_line_expr(deaths: pl.Expr) -> pl.Expr:
    """A reported death count sitting just below a grade line."""
    return deaths.is_in(list(DEATHS_BELOW_LINE)).fill_null(False)

"""Identifier flags for kept rows: resident ID numbers (GB 11643) and credit codes (GB 32100).

A suspicious identifier is evidence, not a reason to drop the row, so every rule
here is a ``flag``. The parsing is engineer A's (:mod:`linkage.normalize.ids`,
:mod:`linkage.normalize.uscc`); this module only names the findings:

- ``id_malformed`` — neither 18 nor 15 characters of the right form;
- ``id_legacy15`` — a 15-digit legacy number;
- ``id_bad_check`` — 18 characters with a wrong check character;
- ``id_bad_birth_date`` — the birth-date digits are not a calendar date;
- ``id_sex_mismatch`` / ``id_birth_mismatch`` / ``id_age_mismatch`` — the ID
  disagrees with the row's own sex, birth date, or age (±1 year at the death or
  event date);
- ``<uscc column>_bad_check`` — a credit code that is malformed or fails its check
  (checked once per distinct code).

:func:`helper_columns` adds the derived columns (prefixed ``_qid``) the rules read;
the gate evaluates on a working copy and drops them.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from linkage.normalize.ids import id_columns, id_mismatch_exprs
from linkage.normalize.uscc import uscc_check_ok
from pipelines.contract import SOURCES
from pipelines.quality.rules import RowRule

P = "_qid"
ID_COLUMN = "id_number"


def _at(source: str, present: set[str]) -> pl.Expr | None:
    """The date an age refers to: the death date when the row has a plausible one (from 1900,
    not after the event date), else its event date."""
    event = SOURCES[source].event_date
    ev = pl.col(event).cast(pl.Date) if event and event in present else None
    if "death_date" not in present:
        return ev
    death = pl.col("death_date").cast(pl.Date)
    ok = death.dt.year() >= 1900
    if ev is None:
        return pl.when(ok).then(death)
    return pl.coalesce(pl.when(ok & (death <= ev)).then(death), ev)


def helper_columns(source: str, columns: Sequence[str]) -> list[pl.Expr]:
    """Derived columns the ID rules read (empty when the source has no ID column)."""
    present = set(columns)
    if ID_COLUMN not in present:
        return []
    out = id_columns(pl.col(ID_COLUMN), prefix=P)
    return out


def mismatch_columns(source: str, columns: Sequence[str]) -> list[pl.Expr]:
    """Mismatch booleans; need :func:`helper_columns` in the frame first."""
    present = set(columns)
    if ID_COLUMN not in present:
        return []
    at = _at(source, present)
    return id_mismatch_exprs(
        prefix=P,
        sex_col="sex" if "sex" in present else None,
        birth_col="birth_date" if "birth_date" in present else None,
        age_col="age" if "age" in present and at is not None else None,
        at_col=at if "age" in present else None,
    )


def id_rules(source: str, columns: Sequence[str]) -> list[RowRule]:
    """The identifier flags of ``source`` (rules read the :func:`helper_columns`)."""
    present = set(columns)
    src = SOURCES[source]
    rules: list[RowRule] = []
    if ID_COLUMN in present:
        fmt = pl.col(f"{P}_format")
        rules += [
            RowRule("id_malformed", "flag", (fmt == "invalid").fill_null(False), ID_COLUMN,
                    "ID number is not 18 or 15 characters of the right form",
                    "身份证号格式错误（非 18 位或 15 位）"),
            RowRule("id_legacy15", "flag", (fmt == "15").fill_null(False), ID_COLUMN,
                    "15-digit legacy ID number", "15 位旧身份证号"),
            RowRule("id_bad_check", "flag",
                    ((fmt == "18") & ~pl.col(f"{P}_check_ok")).fill_null(False), ID_COLUMN,
                    "ID number check character wrong", "身份证号校验位错误"),
            RowRule("id_bad_birth_date", "flag",
                    (pl.col(f"{P}_norm").is_not_null() & pl.col(f"{P}_birth_date").is_null())
                    .fill_null(False), ID_COLUMN,
                    "ID number's birth date is not a calendar date", "身份证号中的出生日期无效"),
        ]
        if "sex" in present:
            rules.append(RowRule("id_sex_mismatch", "flag",
                                 pl.col(f"{P}_sex_mismatch").fill_null(False), "sex",
                                 "ID number disagrees with the recorded sex",
                                 "身份证号与登记性别不符"))
        if "birth_date" in present:
            rules.append(RowRule("id_birth_mismatch", "flag",
                                 pl.col(f"{P}_birth_mismatch").fill_null(False), "birth_date",
                                 "ID number disagrees with the recorded birth date",
                                 "身份证号与登记出生日期不符"))
        if "age" in present and _at(source, present) is not None:
            rules.append(RowRule("id_age_mismatch", "flag",
                                 pl.col(f"{P}_age_mismatch").fill_null(False), "age",
                                 "ID number disagrees with the recorded age (more than 1 year)",
                                 "身份证号推算年龄与登记年龄相差超过 1 岁"))
    for col in src.columns:
        if col.dtype == "uscc" and col.name in present:
            rules.append(RowRule(f"{col.name}_bad_check", "flag",
                                 (~pl.col(f"{P}_{col.name}_ok")).fill_null(False), col.name,
                                 f"{col.name} malformed or check character wrong",
                                 f"{col.name} 统一社会信用代码格式或校验位错误"))
    return rules


def _uscc_ok(values: pl.Series) -> pl.Series:
    """:func:`uscc_check_ok` once per distinct code, mapped back (codes repeat per employer)."""
    table = (values.drop_nulls().unique().to_frame("k")
             .with_columns(uscc_check_ok(pl.col("k")).alias("v")))
    return values.replace_strict(table["k"], table["v"], default=None, return_dtype=pl.Boolean)


def with_helpers(source: str, frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` plus the helper columns the ID rules read."""
    frame = frame.with_columns(
        _uscc_ok(frame[c.name]).alias(f"{P}_{c.name}_ok")
        for c in SOURCES[source].columns if c.dtype == "uscc" and c.name in frame.columns
    )
    helpers = helper_columns(source, frame.columns)
    if not helpers:
        return frame
    # lazily: the optimiser shares the repeated sub-expressions of id_columns (9x faster
    # than eager with_columns, which re-evaluates them)
    lf = frame.lazy().with_columns(helpers)
    return lf.with_columns(mismatch_columns(source, lf.collect_schema().names())).collect()

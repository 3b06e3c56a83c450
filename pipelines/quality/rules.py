"""Row-level quality rules, vectorised in polars.

Each rule is a named boolean polars expression evaluated over the canonical
frame of one source (:func:`pipelines.canonical.to_canonical`, with its
``_invalid`` list of columns whose raw value failed to parse). A rule is true on
the rows it finds at fault. Its severity says what happens to those rows:

- ``quarantine`` — the row cannot be used safely; it is skipped and written to
  ``quality/quarantine/<source>.parquet`` with every reason it broke. Only what leaves a row
  unplaceable: no or a repeated ``record_id``, an event date missing, unreadable, before 1900
  or after the given extraction date, a required code (a victim's outcome) unknown, an age
  outside 0–120.
- ``flag`` — the value is suspicious but the row is usable (it is evidence); the row is
  kept and the rule's name is added to its ``dq_flags`` list. A value that cannot be read is
  read as empty (an unknown optional code, a region code that is not 6 digits); dates in an
  impossible order are kept as given.

The rules are data (:class:`RowRule`), built per source from the contract
(:mod:`pipelines.contract`) by :func:`row_rules`, so the gate, the HTML summary
and the tests read the same list. Evaluation (:func:`evaluate_rules`) is one
``select`` over the whole frame — no per-row Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

import polars as pl

from pipelines.contract import SOURCES, Column, Source

Severity = Literal["quarantine", "flag"]

INVALID = "_invalid"
ROW = "_row"
DEFAULT_PROVINCE = "14"  # Shanxi (GB/T 2260)
MIN_YEAR = 1900


@dataclass(frozen=True)
class RowRule:
    """One row-level rule: ``expr`` is true (never null) on the rows at fault."""

    name: str
    severity: Severity
    expr: pl.Expr
    column: str | None
    en: str
    zh: str


@dataclass(frozen=True)
class RuleContext:
    """What the rules depend on besides the frame itself."""

    as_of: date
    period: tuple[date, date] | None = None
    # False when the run was given no --as-of (today stands in): later dates are flagged, not
    # quarantined
    as_of_given: bool = True
    province: str = DEFAULT_PROVINCE
    accident_ids: pl.Series | None = None  # accidents.record_id, for accident_victims
    mismatched_accidents: pl.Series | None = None  # accidents whose reported deaths ≠ named dead


# Impossible orders of a row's own dates: (source, earlier, later, rule name, en, zh). Flagged,
# not quarantined: one of the two dates is mistyped, and which one is unknown — the row still
# names a person who died, was cremated, was admitted or claimed (a concealed death among them
# must not be dropped for a typo). Measures that depend on the order (days from death to
# cremation, length of stay) read such a row as unknown.
DATE_ORDER: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("medical_records", "admitted_at", "discharged_at", "discharged_before_admitted",
     "discharged before admitted", "出院早于入院"),
    ("cremations", "death_date", "cremated_on", "cremated_before_death",
     "cremated before death", "火化早于死亡"),
    ("deregistrations", "death_date", "deregistered_on", "deregistered_before_death",
     "deregistered before death", "注销早于死亡"),
    ("deregistrations", "birth_date", "death_date", "death_before_birth",
     "death before birth", "死亡早于出生"),
    ("injury_claims", "injury_date", "applied_on", "applied_before_injury",
     "claim applied for before the injury", "申请早于受伤"),
    ("injury_claims", "applied_on", "decided_on", "decided_before_applied",
     "claim decided before it was applied for", "认定早于申请"),
    ("employment", "start_date", "end_date", "employment_ended_before_start",
     "employment spell ends before it starts", "参保终止早于开始"),
    ("accidents", "occurred_at", "reported_at", "reported_before_occurred",
     "reported before it occurred", "报告时间早于发生时间"),
)


def _invalid(col: str) -> pl.Expr:
    """True where ``col``'s non-empty raw value failed to parse (or is outside its enum)."""
    return pl.col(INVALID).list.contains(pl.lit(col)).fill_null(False)


def _as_date(col: Column) -> pl.Expr:
    e = pl.col(col.name)
    return e.dt.date() if col.dtype == "datetime" else e


def _true(e: pl.Expr) -> pl.Expr:
    return e.fill_null(False)


def _date_rules(src: Source, ctx: RuleContext, present: set[str]) -> list[RowRule]:
    rules: list[RowRule] = []
    for col in src.columns:
        if col.dtype not in ("date", "datetime") or col.name not in present:
            continue
        d = _as_date(col)
        is_event = col.name == src.event_date
        sev: Severity = "quarantine" if is_event else "flag"
        n = col.name
        if is_event:
            rules.append(RowRule(
                f"{n}_missing", "quarantine", pl.col(n).is_null() & ~_invalid(n), n,
                f"event date {n} missing", f"事件日期 {n} 缺失"))
        rules.append(RowRule(
            f"{n}_unparseable", sev, _invalid(n), n,
            f"{n} is not a readable date", f"{n} 无法解析为日期"))
        # without an extraction date, today stands in and a later date is kept, flagged
        rules.append(RowRule(
            f"{n}_after_as_of", sev if ctx.as_of_given else "flag", _true(d > pl.lit(ctx.as_of)), n,
            *((f"{n} after the extraction date", f"{n} 晚于数据提取日期") if ctx.as_of_given else
              (f"{n} after today (no --as-of given: kept; give the export's date to quarantine)",
               f"{n} 晚于今天（未指定 --as-of，予以保留；指定数据提取日期后将隔离）"))))
        rules.append(RowRule(
            f"{n}_before_{MIN_YEAR}", sev, _true(d.dt.year() < MIN_YEAR), n,
            f"{n} before {MIN_YEAR}", f"{n} 早于 {MIN_YEAR} 年"))
        if is_event and ctx.period is not None:
            lo, hi = ctx.period
            rules.append(RowRule(
                "date_outside_period", "flag", _true((d < pl.lit(lo)) | (d > pl.lit(hi))), n,
                "event date outside the run's period", "事件日期不在本次核查期间内"))
    for source, early, late, name, en, zh in DATE_ORDER:
        if source != src.name or early not in present or late not in present:
            continue
        e_col, l_col = src.column(early), src.column(late)
        if e_col.dtype == l_col.dtype:
            cond = pl.col(late) < pl.col(early)
        else:  # compare at day precision when one side is a date
            cond = _as_date(l_col) < _as_date(e_col)
        rules.append(RowRule(name, "flag", _true(cond), late, en, zh))
    return rules


def _value_rules(src: Source, ctx: RuleContext, present: set[str]) -> list[RowRule]:
    rules: list[RowRule] = []
    for col in src.columns:
        n = col.name
        if n not in present or col.dtype in ("date", "datetime"):
            continue
        if n == "record_id":
            rules.append(RowRule(
                "record_id_missing", "quarantine", pl.col(n).is_null(), n,
                "record_id missing", "记录编号缺失"))
            rules.append(RowRule(
                "record_id_duplicate", "quarantine",
                _true(pl.col(n).is_not_null() & ~pl.col(n).is_first_distinct()), n,
                "record_id repeats an earlier row", "记录编号与前面的行重复"))
            continue
        if col.dtype == "enum":
            # an unknown code in a column that may be empty is read as empty and flagged: the row
            # still names a person, a date, a place (a cremation with an unknown certificate
            # issuer is still a death); a required code (a victim's outcome) quarantines the row
            rules.append(RowRule(
                f"{n}_not_in_enum", "flag" if col.nullable else "quarantine", _invalid(n), n,
                f"{n} outside its allowed values" + (" (read as empty)" if col.nullable else ""),
                f"{n} 不在允许取值内" + ("（按空值处理）" if col.nullable else "")))
        elif col.dtype == "region":
            # read as empty and flagged: the row's person and dates are still evidence
            rules.append(RowRule(
                "region_code_not_6_digits", "flag",
                _invalid(n) | _true(~pl.col(n).str.contains(r"^\d{6}$")), n,
                "region code is not 6 digits (read as empty)", "行政区划代码不是 6 位数字（按空值处理）"))
            rules.append(RowRule(
                "region_outside_province", "flag",
                _true(pl.col(n).str.contains(r"^\d{6}$")
                      & ~pl.col(n).str.starts_with(ctx.province)), n,
                "region code outside the province", "行政区划不在本省"))
        elif n == "age" and col.dtype == "int":
            rules.append(RowRule(
                "age_out_of_range", "quarantine", _true((pl.col(n) < 0) | (pl.col(n) > 120)), n,
                "age below 0 or above 120", "年龄小于 0 或大于 120"))
            rules.append(RowRule(
                "age_unparseable", "flag", _invalid(n), n,
                "age is not a whole number", "年龄不是整数"))
        elif col.dtype in ("int", "float", "bool", "sex"):
            rules.append(RowRule(
                f"{n}_unparseable", "flag", _invalid(n), n,
                f"{n} could not be read", f"{n} 无法解析"))
        if col.dtype == "id":
            rules.append(RowRule(
                "id_missing", "flag", pl.col(n).is_null(), n,
                "ID number missing", "身份证号缺失"))
        elif not col.nullable:
            rules.append(RowRule(
                f"{n}_missing", "flag", pl.col(n).is_null() & ~_invalid(n), n,
                f"{n} missing", f"{n} 缺失"))
    return rules


def _cross_rules(src: Source, ctx: RuleContext, present: set[str]) -> list[RowRule]:
    rules: list[RowRule] = []
    if src.name == "accident_victims" and ctx.accident_ids is not None and "accident_id" in present:
        rules.append(RowRule(
            "accident_not_found", "flag",
            _true(pl.col("accident_id").is_not_null()
                  & ~pl.col("accident_id").is_in(ctx.accident_ids.implode())),
            "accident_id", "accident_id names no reported accident", "事故编号在事故表中不存在"))
    if src.name == "accidents" and ctx.mismatched_accidents is not None:
        rules.append(RowRule(
            "named_deaths_mismatch", "flag",
            _true(pl.col("record_id").is_in(ctx.mismatched_accidents.implode())),
            "reported_deaths", "reported deaths differ from the dead named in accident_victims",
            "上报死亡人数与伤亡名单中的死亡人数不符"))
    return rules


def row_rules(source: str, ctx: RuleContext, columns: Sequence[str],
              extra: Sequence[RowRule] = ()) -> list[RowRule]:
    """Every row rule for ``source`` whose columns are in ``columns``.

    ``extra`` rules (e.g. the ID-number checks from :mod:`pipelines.quality.idchecks`)
    are appended as given.
    """
    src = SOURCES[source]
    present = set(columns)
    rules = [*_value_rules(src, ctx, present), *_date_rules(src, ctx, present),
             *_cross_rules(src, ctx, present), *extra]
    names = [r.name for r in rules]
    dup = {n for n in names if names.count(n) > 1}
    if dup:  # several event dates cannot share one flag name; keep the first
        seen: set[str] = set()
        rules = [r for r in rules if not (r.name in seen or seen.add(r.name))]  # type: ignore[func-returns-value]
    return rules


@dataclass
class RuleOutcome:
    """The result of evaluating rules over one frame."""

    hits: pl.DataFrame          # one Boolean column per rule, same rows as the input
    quarantine: pl.Series       # Boolean: the row is quarantined
    reasons: pl.Series          # String: '; '-joined quarantine reasons (null when kept)
    flags: pl.Series            # List(String): flag names on the row (empty list when none)


def evaluate_rules(frame: pl.DataFrame, rules: Sequence[RowRule]) -> RuleOutcome:
    """Evaluate ``rules`` over ``frame`` in one vectorised pass."""
    q_rules = [r for r in rules if r.severity == "quarantine"]
    f_rules = [r for r in rules if r.severity == "flag"]

    def _joined(rs: Sequence[RowRule]) -> pl.Expr:
        # a '; '-joined string is an order of magnitude faster to build than a list
        if not rs:
            return pl.repeat(pl.lit(""), pl.len())
        return pl.concat_str([pl.when(pl.col(r.name)).then(pl.lit(r.name)) for r in rs],
                             separator="; ", ignore_nulls=True).fill_null("")

    if not rules:
        n = frame.height
        return RuleOutcome(
            hits=pl.DataFrame(),
            quarantine=pl.Series("quarantine", [False] * n, dtype=pl.Boolean),
            reasons=pl.Series("reasons", [None] * n, dtype=pl.String),
            flags=pl.Series("dq_flags", [[]] * n, dtype=pl.List(pl.String)),
        )
    hits = frame.lazy().select([r.expr.fill_null(False).alias(r.name) for r in rules]).collect()
    out = hits.select(_joined(q_rules).alias("_q"), _joined(f_rules).alias("_f")).select(
        (pl.col("_q") != "").alias("quarantine"),
        pl.when(pl.col("_q") != "").then(pl.col("_q")).otherwise(None).alias("reasons"),
        pl.when(pl.col("_f") != "").then(pl.col("_f").str.split("; "))
        .otherwise(pl.lit([], dtype=pl.List(pl.String))).alias("dq_flags"),
    )
    return RuleOutcome(hits=hits, quarantine=out["quarantine"], reasons=out["reasons"],
                       flags=out["dq_flags"])

"""Table-level expectation suites, defined in code with Great Expectations Core 1.x.

Row-level rules run vectorised in polars (:mod:`pipelines.quality.rules`); Great
Expectations runs the table-level suite of every source on an ephemeral context
(no YAML project folder). Each suite is validated against one of three targets:

- ``rows`` — the accepted rows of the source (contract columns only), converted
  to pandas; a deterministic sample of ``gx_max_rows`` rows when the table is
  larger (GX on pandas is slow on millions of rows). Required columns,
  uniqueness of ``record_id``, value sets, region-code shape, referential
  integrity.
- aggregates computed exactly in polars over the full tables, one small frame
  for all sources each: ``schema`` (each column's dtype against the contract's),
  ``profile`` (each column's non-null share: completeness thresholds),
  ``volume`` (rows read against the previous run: drift) and ``deaths``
  (per accident, reported deaths against the dead named in ``accident_victims``).
  Each expectation picks its source's rows with a row condition.

Every expectation carries ``meta = {"check": "<source>|<check name>"}``; the
gate turns the validation results back into checks by that key. (GX's per-
expectation overhead, not the data, dominates on small tables: so the suites are
few expectations over aggregates rather than one per column and row.) Great
Expectations is imported lazily (it takes seconds) so the CLI stays quick.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import polars as pl

from pipelines.contract import SOURCES

log = logging.getLogger(__name__)

TableSeverity = Literal["warning", "fatal"]
Target = Literal["rows", "schema", "profile", "volume", "deaths"]

DEFAULT_GX_MAX_ROWS = 50_000  # every row is checked in polars; GX confirms on a sample

# Share of rows expected to carry an ID number; below → warning.
DEFAULT_ID_COMPLETENESS: dict[str, float] = {
    "accident_victims": 0.80,
    "deregistrations": 0.95,
    "cremations": 0.50,
    "injury_claims": 0.95,
    "medical_records": 0.50,
    "employment": 0.99,
}

# the polars dtype of each contract type after canonical typing
CANONICAL_DTYPES: dict[str, pl.DataType] = {
    "str": pl.String(), "enum": pl.String(), "region": pl.String(), "id": pl.String(),
    "uscc": pl.String(), "sex": pl.String(), "int": pl.Int64(), "float": pl.Float64(),
    "date": pl.Date(), "datetime": pl.Datetime("us"), "bool": pl.Boolean(),
}


@dataclass(frozen=True)
class TableCheck:
    """One table-level expectation: what it checks, how bad failing is, what it runs on."""

    name: str
    severity: TableSeverity
    target: Target
    kind: str                       # a great_expectations.expectations class name
    kwargs: dict[str, Any] = field(default_factory=dict)  # row_condition: {column: value}
    en: str = ""
    zh: str = ""


@dataclass
class TableResult:
    """The outcome of one :class:`TableCheck`."""

    check: TableCheck
    success: bool
    unexpected_count: int
    examples: list[str]             # record_ids (never ID numbers or diagnoses)
    observed: Any = None
    sampled: bool = False


def table_checks(source: str, columns: Sequence[str], *, id_threshold: float | None,
                 accident_ids: Sequence[str] | None = None,
                 previous_count: int | None = None, drift_limit: float = 0.5,
                 has_deaths: bool = False) -> list[TableCheck]:
    """The table-level suite of ``source`` (only for the columns present)."""
    src = SOURCES[source]
    present = set(columns)
    checks: list[TableCheck] = []
    required = [c.name for c in src.columns if c.required]
    checks.append(TableCheck(
        "required_columns", "fatal", "rows", "ExpectTableColumnsToMatchSet",
        {"column_set": required, "exact_match": False},
        "required columns present", "必需列齐全"))
    checks.append(TableCheck(
        "types", "fatal", "schema", "ExpectColumnPairValuesToBeEqual",
        {"column_A": "dtype", "column_B": "expected", "row_condition": {"source": source}},
        "columns have the contract types", "各列类型符合约定"))
    for col in src.columns:
        if col.name not in present:
            continue
        if col.enum:
            checks.append(TableCheck(
                f"value_set:{col.name}", "warning", "rows", "ExpectColumnValuesToBeInSet",
                {"column": col.name, "value_set": list(col.enum)},
                f"{col.name} within its allowed values", f"{col.name} 取值在允许范围内"))
        if col.dtype == "region":
            checks.append(TableCheck(
                f"format:{col.name}", "warning", "rows", "ExpectColumnValuesToMatchRegex",
                {"column": col.name, "regex": r"^\d{6}$"},
                "region codes are 6 digits", "行政区划代码为 6 位数字"))
        if not col.nullable:
            checks.append(TableCheck(
                f"completeness:{col.name}", "warning", "profile", "ExpectColumnValuesToBeBetween",
                {"column": "non_null_share", "min_value": 1.0,
                 "row_condition": {"source": source, "column": col.name}},
                f"{col.name} always given", f"{col.name} 应全部填写"))
        if col.dtype == "id" and id_threshold is not None:
            checks.append(TableCheck(
                f"completeness:{col.name}", "warning", "profile", "ExpectColumnValuesToBeBetween",
                {"column": "non_null_share", "min_value": id_threshold,
                 "row_condition": {"source": source, "column": col.name}},
                f"{col.name} given on at least {id_threshold:.0%} of rows",
                f"{col.name} 填写率不低于 {id_threshold:.0%}"))
    if "record_id" in present:
        checks.append(TableCheck(
            "unique:record_id", "warning", "rows", "ExpectColumnValuesToBeUnique",
            {"column": "record_id"}, "record_id unique", "记录编号唯一"))
    if source == "accident_victims" and accident_ids is not None and "accident_id" in present:
        checks.append(TableCheck(
            "referential:accident_id", "warning", "rows", "ExpectColumnValuesToBeInSet",
            {"column": "accident_id", "value_set": list(accident_ids)},
            "every victim's accident_id is a reported accident",
            "每名伤亡人员的事故编号都在事故表中"))
    if has_deaths:
        checks.append(TableCheck(
            "count:reported_vs_named_deaths", "warning", "deaths", "ExpectColumnPairValuesToBeEqual",
            {"column_A": "reported_deaths", "column_B": "named_deaths",
             "row_condition": {"source": source}},
            "reported deaths equal the dead named in accident_victims",
            "上报死亡人数等于伤亡名单中的死亡人数"))
    if previous_count is not None:
        lo = max(0.0, previous_count * (1 - drift_limit))
        hi = previous_count * (1 + drift_limit)
        checks.append(TableCheck(
            "volume_drift", "warning", "volume", "ExpectColumnValuesToBeBetween",
            {"column": "read", "min_value": lo, "max_value": hi,
             "row_condition": {"source": source}},
            f"row count within ±{drift_limit:.0%} of the previous run ({previous_count})",
            f"行数与上次运行（{previous_count}）相差不超过 {drift_limit:.0%}"))
    return checks


def _quiet_gx_logs() -> None:
    """GX's INFO lines (temporary docs folders, registry notes) are noise on stderr."""
    for name in list(logging.Logger.manager.loggerDict):
        if name == "great_expectations" or name.startswith("great_expectations."):
            logging.getLogger(name).setLevel(logging.WARNING)
    logging.getLogger("great_expectations").setLevel(logging.WARNING)


def preload_gx() -> threading.Thread:
    """Import Great Expectations in a background thread (it takes seconds, mostly Python that
    overlaps with polars' GIL-free typing and row rules); :class:`SuiteRunner` then finds it
    imported."""
    t = threading.Thread(target=_gx, name="gx-import", daemon=True)
    t.start()
    return t


def _gx() -> Any:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    _quiet_gx_logs()  # before the import (it logs while registering) and after
    import great_expectations as gx

    _quiet_gx_logs()
    return gx


class SuiteRunner:
    """Runs table checks on an ephemeral Great Expectations context (one per gate run)."""

    def __init__(self) -> None:
        gx = _gx()
        from great_expectations.data_context.types.base import ProgressBarsConfig

        self._gx = gx
        self.context = gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = ProgressBarsConfig(globally=False,
                                                                  metric_calculations=False)
        self._datasource = self.context.data_sources.add_pandas("crosscheck")
        self._n = 0

    def validate(self, suite_name: str, frame: pl.DataFrame,
                 checks: Sequence[tuple[str, TableCheck]], *,
                 index_column: str | None = None) -> dict[tuple[str, str], dict[str, Any]]:
        """Validate ``frame`` against ``(source, check)`` pairs; GX's result per pair."""
        if not checks:
            return {}
        gx = self._gx
        from great_expectations.expectations.row_conditions import Column

        self._n += 1
        asset = self._datasource.add_dataframe_asset(name=f"{suite_name}_{self._n}")
        batch_def = asset.add_batch_definition_whole_dataframe("whole")
        suite = gx.ExpectationSuite(name=f"{suite_name}_{self._n}")
        for source, c in checks:
            cls = getattr(gx.expectations, c.kind)
            kwargs = dict(c.kwargs)
            cond = kwargs.pop("row_condition", None)
            if cond:
                parts = [Column(k) == v for k, v in cond.items()]
                kwargs["row_condition"] = parts[0] if len(parts) == 1 else parts[0] & parts[1]
            suite.add_expectation(cls(**kwargs, meta={"check": f"{source}|{c.name}"}))
        suite = self.context.suites.add(suite)
        batch = batch_def.get_batch(batch_parameters={"dataframe": frame.to_pandas()})
        fmt: dict[str, Any] = {"result_format": "SUMMARY", "partial_unexpected_count": 20}
        if index_column is not None and index_column in frame.columns:
            fmt["unexpected_index_column_names"] = [index_column]
        result = batch.validate(suite, result_format=fmt)
        out: dict[tuple[str, str], dict[str, Any]] = {}
        for er in result.results:
            source, name = er.expectation_config.meta["check"].split("|", 1)
            exc = er.exception_info or {}
            raised = exc.get("raised_exception") if isinstance(exc, dict) else False
            if raised:
                log.warning("great expectations could not evaluate %s of %s: %s", name, source,
                            exc.get("exception_message"))
            out[(source, name)] = {"success": bool(er.success) and not raised,
                                   "result": dict(er.result),
                                   "error": exc.get("exception_message") if raised else None}
        return out


def index_examples(result: dict[str, Any], column: str = "record_id") -> list[str]:
    """The record_ids of a GX result's unexpected rows (partial list, ≤ 20)."""
    rows = result.get("partial_unexpected_index_list") or []
    vals = [r.get(column) for r in rows if isinstance(r, dict)]
    return [str(v) for v in vals if v is not None][:20]

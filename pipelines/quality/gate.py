"""The data-quality gate: every source is typed, checked, split and accounted for.

:func:`run_gate` takes the raw sources (:func:`pipelines.io.read_input_dir`),
types them (:func:`pipelines.canonical.to_canonical`), evaluates the polars row
rules (:mod:`pipelines.quality.rules` — quarantine or flag) and the Great
Expectations table suites (:mod:`pipelines.quality.suites` — warnings or
fatal), and returns a :class:`GateResult`:

- ``accepted[source]`` — the canonical frame of the kept rows plus ``dq_flags``
  (List(String)), in input order;
- ``quarantined[source]`` — the skipped rows exactly as read (all String, with
  ``_row``) plus ``reasons`` (String, ``; ``-joined);
- ``counts[source] = {read, accepted, quarantined}`` with read = accepted +
  quarantined, always (absent sources count zero);
- ``checks[source]`` — every check: name, severity, count, up to 20 example
  ``record_id``s (never ID numbers or diagnoses), English and Chinese labels;
- ``warnings`` / ``fatal`` — table-level findings; any fatal finding means the
  run must stop before linkage (exit 4).

The gate never reads the run store: the pipeline passes ``previous_counts``
(rows read per source in the previous run) for the volume-drift check.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from pipelines.contract import SOURCES
from pipelines.errors import FatalDataError
from pipelines.io import RawSource
from pipelines.quality import idchecks
from pipelines.quality.rules import (
    DEFAULT_PROVINCE,
    INVALID,
    ROW,
    RowRule,
    RuleContext,
    evaluate_rules,
    row_rules,
)
from pipelines.quality.suites import (
    CANONICAL_DTYPES,
    DEFAULT_GX_MAX_ROWS,
    DEFAULT_ID_COMPLETENESS,
    SuiteRunner,
    TableCheck,
    index_examples,
    preload_gx,
    table_checks,
)

log = logging.getLogger(__name__)

MAX_EXAMPLES = 20
FLAGS = "dq_flags"
REASONS = "reasons"


@dataclass
class Finding:
    """A table-level finding (a warning, or a fatal problem that stops the run)."""

    source: str
    check: str
    message: str
    file: str | None = None
    column: str | None = None
    hint: str | None = None

    def one_line(self) -> str:
        return self.error().one_line()

    def error(self) -> FatalDataError:
        return FatalDataError(self.message, file=self.file, column=self.column, hint=self.hint)

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "check": self.check, "message": self.message,
                "file": self.file, "column": self.column, "hint": self.hint}


@dataclass
class GateResult:
    """What the gate let through, what it held back, and why."""

    accepted: dict[str, pl.DataFrame] = field(default_factory=dict)
    quarantined: dict[str, pl.DataFrame] = field(default_factory=dict)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    checks: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    warnings: list[Finding] = field(default_factory=list)
    fatal: list[Finding] = field(default_factory=list)
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    parameters: dict[str, Any] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.fatal

    @property
    def any_quarantined(self) -> bool:
        return any(c["quarantined"] > 0 for c in self.counts.values())

    def raise_if_fatal(self) -> None:
        """Raise the first fatal finding as a :class:`FatalDataError` (exit code 4)."""
        if self.fatal:
            first = self.fatal[0]
            err = first.error()
            if len(self.fatal) > 1:
                err = FatalDataError(
                    f"{first.message} (and {len(self.fatal) - 1} more fatal finding(s), "
                    "see quality/summary.html)", file=first.file, column=first.column,
                    hint=first.hint)
            raise err

    def write(self, out_dir: str | Path) -> Path:
        """Write ``quality/`` into ``out_dir``; return the ``quality`` folder."""
        from pipelines.quality.report import write_quality

        return write_quality(self, Path(out_dir))


def _examples(frame: pl.DataFrame, mask: pl.Series | pl.Expr) -> list[str]:
    """Up to 20 record_ids of the rows in ``mask`` (``row N`` where the id is missing)."""
    rid = pl.col("record_id") if "record_id" in frame.columns else pl.lit(None, pl.String)
    label = pl.coalesce(rid, pl.format("row {}", pl.col(ROW)))
    return frame.filter(mask).head(MAX_EXAMPLES).select(label.alias("x"))["x"].to_list()


def _rule_check(rule: RowRule, frame: pl.DataFrame, hits: pl.Series) -> dict[str, Any]:
    count = int(hits.sum())
    return {"name": rule.name, "severity": rule.severity, "column": rule.column, "count": count,
            "examples": _examples(frame, hits) if count else [], "en": rule.en, "zh": rule.zh,
            "engine": "polars"}


def _missing_columns_finding(source: str, raw: RawSource, missing: list[str]) -> Finding:
    known = set(SOURCES[source].column_names) | {ROW}
    unknown = [c for c in raw.frame.columns if c not in known] if raw.frame is not None else []
    hint = "export the file with that column, or map its header to it in --column-map"
    if unknown:
        hint += (f" (headers not in the contract: {', '.join(unknown[:8])}; e.g. "
                 f'{{"{source}": {{"{unknown[0]}": "{missing[0]}"}}}})')
    cols = ", ".join(missing)
    return Finding(source, "required_columns",
                   f"required column(s) {cols} missing from {source}",
                   file=str(raw.path) if raw.path else None, column=missing[0], hint=hint)


def _profile(frame: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    n = frame.height
    if not columns:
        return pl.DataFrame({"column": [], "non_null": [], "non_null_share": []},
                            schema={"column": pl.String, "non_null": pl.Int64,
                                    "non_null_share": pl.Float64})
    nn = frame.select(pl.col(c).is_not_null().sum().cast(pl.Int64) for c in columns).row(0)
    return pl.DataFrame({
        "column": columns,
        "non_null": list(nn),
        "non_null_share": [(v / n) if n else 1.0 for v in nn],
    })


def _named_deaths(accidents: pl.DataFrame, victims: pl.DataFrame) -> pl.DataFrame:
    """Per accident with a reported death count: reported vs. named dead."""
    dead = (victims.filter(pl.col("outcome") == "death")
            .group_by("accident_id").agg(pl.len().cast(pl.Int64).alias("named_deaths")))
    return (accidents.select("record_id", "reported_deaths")
            .filter(pl.col("record_id").is_not_null() & pl.col("reported_deaths").is_not_null())
            .join(dead, left_on="record_id", right_on="accident_id", how="left")
            .with_columns(pl.col("named_deaths").fill_null(0)))


_REUSED = "_record_id_reused"
REUSED_ID_RULE = RowRule(
    "record_id_reused", "flag", pl.col(_REUSED), "record_id",
    "record_id repeats an earlier row with other content: kept as <record_id>#<row>",
    "记录编号与前面内容不同的行重复：按“编号#行号”保留")


def _distinguish_reused_ids(raw: pl.DataFrame, frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.Series]:
    """A record_id seen before on a row with the same content is a duplicate (quarantined by the
    ``record_id_duplicate`` rule); seen before on a row with other content, it is a key the
    supplier reused for another record — a death is not dropped for its supplier's numbering: the
    row keeps ``<record_id>#<row number>`` and is flagged. Returns the frame and the flag."""
    if "record_id" not in frame.columns or frame.height == 0:
        return frame, pl.Series(_REUSED, [False] * frame.height, dtype=pl.Boolean)
    content = [c for c in raw.columns if c not in ("record_id", ROW)]
    keys = raw.select(
        pl.col("record_id").str.strip_chars().alias("_id"),
        (pl.struct(content).hash() if content else pl.lit(0, dtype=pl.UInt64)).alias("_h"))
    reused = keys.select(
        (pl.col("_id").is_not_null() & (pl.col("_id").str.len_chars() > 0)
         & ~pl.col("_id").is_first_distinct() & pl.struct("_id", "_h").is_first_distinct()).alias(_REUSED)
    ).to_series()
    frame = frame.with_columns(
        pl.when(reused).then(pl.format("{}#{}", pl.col("record_id"), pl.col(ROW))).otherwise(pl.col("record_id"))
        .alias("record_id"))
    return frame, reused


def _institutions_province(sources: Mapping[str, RawSource]) -> str | None:
    """The province of the hospitals and funeral homes on file (their ``region_code``s as read)."""
    from pipelines.regions import home_province

    codes = [src.frame["region_code"].cast(pl.String) for name in ("medical_records", "cremations")
             if (src := sources.get(name)) is not None and src.frame is not None
             and "region_code" in src.frame.columns]
    return home_province(*codes)


def run_gate(
    sources: Mapping[str, RawSource],
    *,
    as_of: date | None = None,
    period: tuple[date, date] | None = None,
    previous_counts: Mapping[str, int] | None = None,
    quarantine_limit: float = 0.05,
    drift_limit: float = 0.5,
    id_completeness_warn: Mapping[str, float] | None = None,
    province: str | None = None,
    gx_max_rows: int = DEFAULT_GX_MAX_ROWS,
    seed: int = 0,
) -> GateResult:
    """Validate every source; see the module docstring for what comes back.

    ``quarantine_limit``: a source whose quarantined share exceeds it is fatal.
    ``drift_limit``: read count off the previous run's by more than this share → warning.
    ``id_completeness_warn``: per source, the ID-number share below which to warn
    (defaults: :data:`pipelines.quality.suites.DEFAULT_ID_COMPLETENESS`).
    ``gx_max_rows``: larger tables are sampled (``seed``) for the GX row-shaped suite.
    ``province``: the reporting province (2 digits of GB/T 2260); None: the province most of the
    hospitals and funeral homes on file are in (:func:`pipelines.regions.home_province`), else
    Shanxi's 14.
    ``as_of``: the extraction date; an event dated after it quarantines its row. Not given
    (None), today stands in, and a row dated after today is kept and flagged, not quarantined:
    without the export's date, a later date is a question to the supplier, not proof of an error
    (a delivery can cover a period that has not ended on the machine's clock).
    """
    from pipelines.canonical import to_canonical

    gx_import = preload_gx()
    id_thr = {**DEFAULT_ID_COMPLETENESS, **(id_completeness_warn or {})}
    prev = dict(previous_counts or {})
    as_of_given = as_of is not None
    province_given = province is not None
    province = province or _institutions_province(sources) or DEFAULT_PROVINCE
    as_of = as_of or date.today()
    res = GateResult(parameters={
        "as_of": as_of.isoformat(), "as_of_given": as_of_given, "period": [d.isoformat() for d in period] if period else None,
        "quarantine_limit": quarantine_limit, "drift_limit": drift_limit, "province": province,
        "province_given": province_given,
        "id_completeness_warn": id_thr, "gx_max_rows": gx_max_rows, "previous_counts": prev,
    })
    ctx = RuleContext(as_of=as_of, period=period, province=province, as_of_given=as_of_given)
    t0 = time.perf_counter()

    typing = 0.0
    for name in SOURCES:
        rs = sources.get(name)
        res.files[name] = {
            "file": str(rs.path) if rs is not None and rs.path else None,
            "sha256": rs.sha256 if rs is not None else None,
            "encoding": rs.encoding if rs is not None else None,
            "format": rs.format if rs is not None else None,
        }
        if rs is None or rs.frame is None:
            res.counts[name] = {"read": 0, "accepted": 0, "quarantined": 0}
            continue
        raw = rs.frame
        if ROW not in raw.columns:
            raw = raw.with_columns(pl.int_range(1, raw.height + 1, dtype=pl.Int64).alias(ROW))
        src = SOURCES[name]
        missing = [c.name for c in src.columns if c.required and c.name not in raw.columns]
        if missing:
            f = _missing_columns_finding(name, rs, missing)
            res.fatal.append(f)
            res.counts[name] = {"read": raw.height, "accepted": 0, "quarantined": raw.height}
            res.quarantined[name] = raw.with_columns(
                pl.lit(f"missing_required_column:{','.join(missing)}").alias(REASONS))
            res.checks[name] = [{"name": "required_columns", "severity": "fatal",
                                 "column": missing[0], "count": raw.height, "examples": [],
                                 "en": f.message, "zh": f"缺少必需列 {', '.join(missing)}",
                                 "engine": "polars"}]
            continue
        t_type = time.perf_counter()
        frame = to_canonical(name, raw)
        typing += time.perf_counter() - t_type
        if ROW not in frame.columns:
            frame = frame.with_columns(raw[ROW])
        if INVALID not in frame.columns:
            frame = frame.with_columns(pl.lit([], dtype=pl.List(pl.String)).alias(INVALID))
        frame, reused = _distinguish_reused_ids(raw, frame)
        rules = row_rules(name, ctx, frame.columns, [*idchecks.id_rules(name, frame.columns), REUSED_ID_RULE])
        out = evaluate_rules(idchecks.with_helpers(name, frame).with_columns(reused.alias(_REUSED)), rules)
        keep = ~out.quarantine
        res.accepted[name] = frame.with_columns(out.flags.alias(FLAGS)).filter(keep)
        res.quarantined[name] = raw.with_columns(out.reasons.alias(REASONS)).filter(out.quarantine)
        nq = res.quarantined[name].height
        res.counts[name] = {"read": raw.height, "accepted": raw.height - nq, "quarantined": nq}
        res.checks[name] = [_rule_check(r, frame, out.hits[r.name]) for r in rules]
        if raw.height == 0:
            res.warnings.append(Finding(name, "empty", f"{name} has a header row but no data rows",
                                        file=res.files[name]["file"]))
        elif nq / raw.height > quarantine_limit:
            worst = max((c for c in res.checks[name] if c["severity"] == "quarantine"),
                        key=lambda c: c["count"])
            res.fatal.append(Finding(
                name, "quarantine_share",
                f"{nq} of {raw.height} rows ({nq / raw.height:.1%}) would be quarantined, more than "
                f"the limit of {quarantine_limit:.0%}; most often {worst['name']} "
                f"({worst['count']} rows)",
                file=res.files[name]["file"], column=worst["column"],
                hint="fix the export (see quality/quarantine/) or raise the limit "
                "(--quarantine-limit, or quality.quarantine_limit in the run configuration)"))
    res.seconds["typing"] = typing
    res.seconds["row_rules"] = time.perf_counter() - t0 - typing

    _cross_source_flags(res, ctx)

    t1 = time.perf_counter()
    gx_import.join()
    _table_suites(res, prev, drift_limit, id_thr, gx_max_rows, seed)
    res.seconds["table_suites"] = time.perf_counter() - t1
    for name, c in res.counts.items():
        if c["read"] != c["accepted"] + c["quarantined"]:  # the gate's own invariant
            raise RuntimeError(f"quality gate lost rows of {name}: {c}")
    return res


def _cross_source_flags(res: GateResult, ctx: RuleContext) -> None:
    """Flags that need another source: victims of unknown accidents; death-count gaps."""
    acc, vic = res.accepted.get("accidents"), res.accepted.get("accident_victims")
    if acc is None:
        return
    extra: dict[str, list[RowRule]] = {}
    if vic is not None:
        ids = acc["record_id"].drop_nulls().unique()
        deaths = _named_deaths(acc, vic)
        mismatched = deaths.filter(pl.col("reported_deaths") != pl.col("named_deaths"))["record_id"]
        cctx = RuleContext(as_of=ctx.as_of, accident_ids=ids, mismatched_accidents=mismatched,
                           as_of_given=ctx.as_of_given)
        for name in ("accidents", "accident_victims"):
            cols = res.accepted[name].columns
            extra[name] = [r for r in row_rules(name, cctx, cols)
                           if r.name in ("accident_not_found", "named_deaths_mismatch")]
    for name, rules in extra.items():
        frame = res.accepted[name]
        if not rules:
            continue
        out = evaluate_rules(frame, rules)
        res.accepted[name] = frame.with_columns(
            pl.concat_list(pl.col(FLAGS), out.flags).alias(FLAGS))
        res.checks[name].extend(_rule_check(r, frame, out.hits[r.name]) for r in rules)


def _contract_columns(name: str, frame: pl.DataFrame) -> list[str]:
    return [c for c in SOURCES[name].column_names if c in frame.columns]


def _schema(name: str, frame: pl.DataFrame) -> pl.DataFrame:
    cols = _contract_columns(name, frame)
    src = SOURCES[name]
    return pl.DataFrame({
        "source": [name] * len(cols), "column": cols,
        "dtype": [str(frame.schema[c]) for c in cols],
        "expected": [str(CANONICAL_DTYPES[src.column(c).dtype]) for c in cols],
    }, schema={"source": pl.String, "column": pl.String, "dtype": pl.String,
               "expected": pl.String})


def _table_suites(res: GateResult, prev: dict[str, int], drift_limit: float,
                  id_thr: dict[str, float], gx_max_rows: int, seed: int) -> None:
    """Run the GX suites: one per source on its rows, one each on the shared aggregates."""
    runner = SuiteRunner()
    acc = res.accepted.get("accidents")
    vic = res.accepted.get("accident_victims")
    accident_ids = acc["record_id"].drop_nulls().unique().sort().to_list() if acc is not None else None
    shared: dict[str, list[tuple[str, TableCheck]]] = {}
    aggregates: dict[str, list[pl.DataFrame]] = {"schema": [], "profile": [], "volume": []}
    sampled: dict[str, bool] = {}
    for name, frame in res.accepted.items():
        cols = _contract_columns(name, frame)
        has_deaths = name == "accidents" and vic is not None and "reported_deaths" in cols
        checks = table_checks(
            name, cols, id_threshold=id_thr.get(name),
            accident_ids=accident_ids if name == "accident_victims" else None,
            previous_count=prev.get(name), drift_limit=drift_limit, has_deaths=has_deaths)
        rows = frame.select(cols)
        sampled[name] = rows.height > gx_max_rows
        if sampled[name]:
            rows = rows.sample(gx_max_rows, seed=seed)
        row_checks = [(name, c) for c in checks if c.target == "rows"]
        results = runner.validate(f"{name}_rows", rows, row_checks, index_column="record_id")
        _record(res, name, row_checks, results, frame, sampled[name])
        for c in checks:
            if c.target != "rows":
                shared.setdefault(c.target, []).append((name, c))
        aggregates["schema"].append(_schema(name, frame))
        aggregates["profile"].append(_profile(frame, cols).with_columns(source=pl.lit(name)))
        aggregates["volume"].append(pl.DataFrame({"source": [name],
                                                  "read": [res.counts[name]["read"]]}))
    targets = {k: pl.concat(v, how="vertical_relaxed") for k, v in aggregates.items() if v}
    if acc is not None and vic is not None and "reported_deaths" in acc.columns:
        targets["deaths"] = _named_deaths(acc, vic).with_columns(source=pl.lit("accidents"))
    for target, tchecks in shared.items():
        results = runner.validate(f"all_{target}", targets[target], tchecks,
                                  index_column="record_id" if target == "deaths" else None)
        for name, c in tchecks:
            _record(res, name, [(name, c)], results, res.accepted[name], False)


def _record(res: GateResult, name: str, checks: list[tuple[str, TableCheck]],
            results: dict[tuple[str, str], dict[str, Any]], frame: pl.DataFrame,
            sampled: bool) -> None:
    for _, c in checks:
        r = results.get((name, c.name), {"success": False, "result": {}, "error": "not evaluated"})
        res.checks[name].append(_table_check_entry(c, r, frame, sampled and c.target == "rows"))
        if not r["success"]:
            _finding(res, name, c, r, frame)


def _table_check_entry(c: TableCheck, r: dict[str, Any], frame: pl.DataFrame,
                       sampled: bool) -> dict[str, Any]:
    result = r["result"]
    count = int(result.get("unexpected_count") or 0)
    examples = index_examples(result)
    if c.target == "profile":  # exact counts and examples from the full table
        col = c.name.split(":", 1)[1]
        mask = frame[col].is_null()
        count = int(mask.sum())
        examples = _examples(frame, mask) if count else []
    elif c.target in ("volume", "schema"):
        examples = []
    entry = {"name": c.name, "severity": c.severity, "column": c.kwargs.get("column"),
             "count": count, "examples": examples, "en": c.en, "zh": c.zh, "engine": "gx",
             "success": r["success"], "sampled": sampled}
    if r.get("error"):
        entry["error"] = r["error"]
    return entry


def _finding(res: GateResult, name: str, c: TableCheck, r: dict[str, Any],
             frame: pl.DataFrame) -> None:
    file = res.files[name]["file"]
    result = r["result"]
    if c.target == "profile":
        col = c.name.split(":", 1)[1]
        n_missing = int(frame[col].is_null().sum())
        detail = (f"{n_missing} of {frame.height} accepted rows "
                  f"({n_missing / max(frame.height, 1):.1%}) lack {col}")
    elif c.target == "volume":
        detail = f"read {res.counts[name]['read']} rows"
    elif c.target == "schema":
        sch = _schema(name, frame).filter(pl.col("dtype") != pl.col("expected"))
        detail = ", ".join(f"{a} is {b}, not {e}" for a, b, e in
                           sch.select("column", "dtype", "expected").iter_rows())
    elif c.target == "deaths":
        detail = f"{result.get('unexpected_count', 0)} accident(s) differ"
    else:
        detail = f"{result.get('unexpected_count', 0)} row(s) fail"
        if r.get("error"):
            detail = f"could not be evaluated ({r['error']})"
    msg = f"{detail} (expected: {c.en})"
    f = Finding(name, c.name, msg, file=file, column=c.kwargs.get("column"))
    if c.severity == "fatal":
        f.hint = "check the export's columns and the column map"
        res.fatal.append(f)
    else:
        res.warnings.append(f)

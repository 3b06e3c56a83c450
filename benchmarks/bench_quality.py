"""Benchmark: the quality gate's row rules in polars against the same rules in Great Expectations.

Times, on the same table:

0. typing (:func:`pipelines.canonical.to_canonical`), which both need (timed apart);
1. ``polars`` — every row rule of :mod:`pipelines.quality.rules` and
   :mod:`pipelines.quality.idchecks` in one vectorised pass;
2. ``gx-full`` — the equivalent row-level expectations (not-null, unique, in-set, regex,
   between, column-pair order; fewer than the polars rules: no ID checks) run by Great
   Expectations on the full typed table as pandas (conversion included);
3. ``gate`` — the whole gate as shipped (row rules in polars, GX table suite on a
   sample of ``gx_max_rows`` plus exact aggregates).

and prints the three, the ratio gx-full / polars, and peak RSS.

Data: ``--input DIR`` (e.g. ``crosscheck generate --out DIR --scale 1.0``), or without
it a synthetic ``medical_records``-shaped table of ``--rows`` rows built in polars
(1 % of its rows corrupted).

    python benchmarks/bench_quality.py --rows 2000000
    python benchmarks/bench_quality.py --input /tmp/gen1 --source medical_records
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import psutil

from pipelines.contract import SOURCES
from pipelines.io import ROW, RawSource, read_input_dir
from pipelines.quality import idchecks, run_gate
from pipelines.quality.rules import RuleContext, evaluate_rules, row_rules


def synthetic_medical(n: int, seed: int = 0) -> pl.DataFrame:
    """A raw (all-String) ``medical_records`` table of ``n`` rows, ~1 % corrupted."""
    i = pl.int_range(0, n, dtype=pl.Int64)
    base = pl.lit(date(2024, 1, 1)) + pl.duration(days=(i * 7919) % 365)
    frame = pl.select(
        pl.format("M{}", i).alias("record_id"),
        pl.format("王{}", i % 5000).alias("name"),
        pl.format("1401{}19{}0101{}", (i % 90 + 10), (i % 80 + 20), (i % 900 + 100))
        .alias("id_number"),
        pl.when(i % 2 == 0).then(pl.lit("M")).otherwise(pl.lit("F")).alias("sex"),
        ((i % 70) + 16).cast(pl.String).alias("age"),
        pl.format("医院{}", i % 300).alias("hospital"),
        pl.format("1401{}", (i % 90 + 10)).alias("region_code"),
        pl.concat_str([base.dt.to_string("%Y-%m-%d"), pl.lit(" 10:00")]).alias("admitted_at"),
        pl.concat_str([(base + pl.duration(days=i % 20)).dt.to_string("%Y/%m/%d"),
                       pl.lit(" 12:00")]).alias("discharged_at"),
        pl.lit("S06.5").alias("diagnosis_icd10"),
        pl.lit("W20.6").alias("external_cause_icd10"),
        pl.lit("discharged").alias("disposition"),
        pl.lit("self_pay").alias("payer"),
        pl.format("企业{}", i % 10000).alias("employer_name"),
    )
    bad = (i * 2654435761 + seed) % 100 == 0
    frame = frame.with_columns(
        pl.when(bad & (i % 3 == 0)).then(pl.lit("20241345")).otherwise(pl.col("admitted_at"))
        .alias("admitted_at"),
        pl.when(bad & (i % 3 == 1)).then(pl.lit("unknown")).otherwise(pl.col("disposition"))
        .alias("disposition"),
        pl.when(bad & (i % 3 == 2)).then(pl.lit("140")).otherwise(pl.col("region_code"))
        .alias("region_code"),
    )
    return frame.with_columns(pl.int_range(1, n + 1, dtype=pl.Int64).alias(ROW))


def time_typing(source: str, raw: pl.DataFrame) -> tuple[float, pl.DataFrame]:
    from pipelines.canonical import to_canonical

    t = time.perf_counter()
    frame = to_canonical(source, raw)
    return time.perf_counter() - t, frame


def time_polars(source: str, frame: pl.DataFrame, as_of: date) -> tuple[float, int]:
    """Every row rule of the gate (incl. the ID checks) on the typed frame."""
    t = time.perf_counter()
    rules = row_rules(source, RuleContext(as_of=as_of), frame.columns,
                      idchecks.id_rules(source, frame.columns))
    out = evaluate_rules(idchecks.with_helpers(source, frame), rules)
    n = int(out.quarantine.sum())
    return time.perf_counter() - t, n


def gx_row_expectations(source: str, columns: list[str], as_of: date) -> list[Any]:
    import great_expectations as gx

    E = gx.expectations
    src = SOURCES[source]
    exps: list[Any] = [E.ExpectColumnValuesToNotBeNull(column="record_id"),
                       E.ExpectColumnValuesToBeUnique(column="record_id")]
    for c in src.columns:
        if c.name not in columns:
            continue
        if c.enum:
            exps.append(E.ExpectColumnValuesToBeInSet(column=c.name, value_set=list(c.enum)))
        if c.dtype == "region":
            exps.append(E.ExpectColumnValuesToMatchRegex(column=c.name, regex=r"^\d{6}$"))
        if c.name == "age":
            exps.append(E.ExpectColumnValuesToBeBetween(column=c.name, min_value=0, max_value=120))
        if c.name == src.event_date:
            exps.append(E.ExpectColumnValuesToNotBeNull(column=c.name))
            # ISO date strings: pydantic parses them at run time; the field is typed as the
            # parsed value (float | date | datetime | dict)
            exps.append(E.ExpectColumnValuesToBeBetween(
                column=c.name, min_value="1900-01-01", max_value=as_of.isoformat()))  # type: ignore[arg-type]
    if source == "medical_records":
        exps.append(E.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="discharged_at", column_B="admitted_at", or_equal=True,
            ignore_row_if="either_value_is_missing"))
    return exps


def time_gx(source: str, frame: pl.DataFrame, as_of: date) -> tuple[float, int]:
    """The equivalent row-level expectations in GX on the full typed frame (pandas conversion
    included)."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    t = time.perf_counter()
    cols = [c for c in SOURCES[source].column_names if c in frame.columns]
    pdf = frame.select(cols).to_pandas()
    batch = (ctx.data_sources.add_pandas("bench").add_dataframe_asset(name="t")
             .add_batch_definition_whole_dataframe("all")
             .get_batch(batch_parameters={"dataframe": pdf}))
    suite = ctx.suites.add(gx.ExpectationSuite(name="bench", expectations=gx_row_expectations(
        source, cols, as_of)))
    res = batch.validate(suite, result_format="SUMMARY")
    failed = sum(1 for r in res.results if not r.success)
    return time.perf_counter() - t, failed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", type=Path, help="a folder of generated sources")
    ap.add_argument("--source", default="medical_records", help="the table to time (with --input)")
    ap.add_argument("--rows", type=int, default=200_000, help="synthetic rows without --input")
    ap.add_argument("--as-of", type=date.fromisoformat, default=date(2025, 1, 1))
    ap.add_argument("--skip-gx-full", action="store_true", help="skip the slow GX full-table run")
    args = ap.parse_args(argv)

    proc = psutil.Process()
    if args.input:
        t = time.perf_counter()
        sources = read_input_dir(args.input)
        print(f"read {args.input}: {time.perf_counter() - t:.1f} s "
              f"({', '.join(f'{k} {v.rows:,}' for k, v in sources.items() if v.present)})")
        raw = sources[args.source].frame
        assert raw is not None, f"{args.source} not in {args.input}"
    else:
        raw = synthetic_medical(args.rows)
        sources = {s: RawSource(s, None, None) for s in SOURCES}
        sources["medical_records"] = RawSource("medical_records", Path("synthetic"), raw)
    source = args.source if args.input else "medical_records"
    print(f"table: {source}, {raw.height:,} rows")

    tt, frame = time_typing(source, raw)
    print(f"typing (to_canonical, shared by both):   {tt:8.2f} s")
    tp, nq = time_polars(source, frame, args.as_of)
    print(f"polars row rules (all, incl. ID checks):  {tp:8.2f} s  ({nq:,} rows quarantined)")
    if not args.skip_gx_full:
        tg, nf = time_gx(source, frame, args.as_of)
        print(f"GX row expectations, full table:          {tg:8.2f} s  ({nf} expectations failed)")
        print(f"ratio GX / polars rules:                  {tg / tp:8.1f} x")
    t, c = time.perf_counter(), time.process_time()
    gate = run_gate(sources, as_of=args.as_of, quarantine_limit=1.0)
    tgate, cgate = time.perf_counter() - t, time.process_time() - c
    total = sum(c["read"] for c in gate.counts.values())
    print(f"whole gate, all sources ({total:,} rows): {tgate:8.2f} s  "
          f"(typing {gate.seconds['typing']:.2f} s, row rules {gate.seconds['row_rules']:.2f} s, "
          f"GX table suites "
          f"{gate.seconds['table_suites']:.2f} s; CPU {cgate:.1f} s — wall time depends on "
          f"the machine's load, CPU time less)")
    print(f"peak RSS: {proc.memory_info().rss / 2**20:,.0f} MB (current); "
          f"max {getattr(proc.memory_info(), 'peak_wset', 0) or _maxrss_mb():,.0f} MB")
    return 0


def _maxrss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    raise SystemExit(main())

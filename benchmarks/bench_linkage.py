"""Linkage benchmark: crosscheck vs Splink 5 (DuckDB) vs recordlinkage, on generated data.

    python benchmarks/bench_linkage.py --scales 0.05 0.2 [--tools crosscheck splink recordlinkage]
                                       [--variant default] [--work DIR] [--seed 1]

For each scale the generator writes a province (cached under ``--work``) and its person
records are normalised once (``pipelines.persons``; not timed — every tool links the same
records). Each tool then runs in its own subprocess, so its peak memory is its own:

* crosscheck — ``pipelines.linking.link_persons`` (blocking, comparisons, EM, scoring,
  guarded clustering);
* Splink 5 on DuckDB — the same blocking rules and comparison levels written as Splink
  settings (custom SQL levels), u by random sampling (1M pairs), EM sessions blocked on
  ID, birth date + surname and name + event window, prediction, clustering at 0.5;
* recordlinkage — its ``Compare`` and ``ECMClassifier`` on crosscheck's candidate pairs
  (exported as a MultiIndex: the same blocking, outside its clock), every level of
  crosscheck's comparisons that recordlinkage can express as one binary feature (22:
  exact, Jaro-Winkler, Levenshtein, Damerau-Levenshtein, date and numeric-step
  features), connected components at the classifier's decision. Scales ≤ 0.2 only.

Printed per tool: seconds, peak RSS (MB), candidate pairs, pairs/s, pairwise precision /
recall / F1 against the generator's truth; then the speed ratios against crosscheck.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WINDOW_DAYS = 45


def pairwise_scores(assign: pl.DataFrame, truth: pl.DataFrame) -> dict[str, float]:
    """Pairwise P/R/F1 of ``assign`` (source, record_id, person_key) against the truth."""
    j = assign.join(truth, on=["source", "record_id"])

    def pairs(keys: list[str]) -> int:
        n = j.group_by(keys).len()["len"].cast(pl.Int64)
        return int((n * (n - 1) // 2).sum())

    tp, pred, true = pairs(["person_key", "person_id"]), pairs(["person_key"]), pairs(["person_id"])
    p = tp / pred if pred else 0.0
    r = tp / true if true else 0.0
    return {"precision": p, "recall": r, "f1": 2 * tp / (pred + true) if pred + true else 0.0}


def components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    g = coo_matrix((np.ones(a.size, dtype=np.int8), (a, b)), shape=(n, n))
    return connected_components(g, directed=False)[1]


# ---- workers (run in their own process) --------------------------------------------
def run_crosscheck(records: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    from pipelines.linking import link_persons

    res = link_persons(records, seed=0)
    return res.links.select("source", "record_id", "person_key"), int(res.stats["candidate_pairs"])


def _splink_settings() -> dict:
    import re

    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    def lv(sql: str, label: str, tf: str | None = None, null: bool = False) -> dict:
        # comparison levels name columns <col>_l / <col>_r (blocking rules use l. / r.)
        sql = re.sub(r"\b([lr])\.(\w+)", lambda m: f"{m[2]}_{m[1]}", sql)
        d: dict = {"sql_condition": sql, "label_for_charts": label}
        if null:
            d["is_null_level"] = True
        if tf:
            d.update(tf_adjustment_column=tf, tf_adjustment_weight=1.0)
        return d

    death = "l.source IN ('deregistrations','cremations') AND r.source IN ('deregistrations','cremations')"
    med = "l.source = 'medical_records' AND r.source = 'medical_records'"

    def date_levels(cond: str, days: list[int]) -> list[dict]:
        d = "abs(date_diff('day', l.event_date, r.event_date))"
        out = [lv(f"NOT ({cond}) OR l.event_date IS NULL OR r.event_date IS NULL", "null", null=True),
               lv("l.event_date = r.event_date", "exact"),
               lv("strftime(l.event_date, '%Y%d%m') = strftime(r.event_date, '%Y%m%d')", "swap"),
               lv("levenshtein(strftime(l.event_date, '%Y%m%d'), strftime(r.event_date, '%Y%m%d')) <= 1", "typo")]
        out += [lv(f"{d} <= {n}", f"within {n}") for n in days]
        return [*out, lv("ELSE", "else")]

    across = ("(l.source IN ('deregistrations','cremations') AND r.source = 'medical_records') OR "
              "(r.source IN ('deregistrations','cremations') AND l.source = 'medical_records')")

    def stay_levels(cond: str, flag: str, with_time: bool) -> list[dict]:
        # the same levels as linkage.comparisons.StayComparison
        el = "greatest(coalesce(l.event_end, l.event_date), l.event_date)"
        er = "greatest(coalesce(r.event_end, r.event_date), r.event_date)"
        ymd = "strftime(l.event_date, '%Y%m%d')", "strftime(r.event_date, '%Y%m%d')"
        gap = f"greatest(date_diff('day', {er}, l.event_date), date_diff('day', {el}, r.event_date))"
        out = [lv(f"NOT ({cond}) OR l.event_date IS NULL OR r.event_date IS NULL", "null", null=True)]
        if with_time:
            out.append(lv("l.event_time = r.event_time", "same start time"))
        out += [
            lv(f"(coalesce(l.{flag}, false) AND r.event_date > l.event_date AND "
               f"abs(date_diff('day', {el}, r.event_date)) <= 1) OR (coalesce(r.{flag}, false) AND "
               f"l.event_date > r.event_date AND abs(date_diff('day', {er}, l.event_date)) <= 1)", "continued"),
            lv("l.event_date = r.event_date", "same start day"),
            lv(f"strftime(l.event_date, '%Y%d%m') = {ymd[1]} OR levenshtein({ymd[0]}, {ymd[1]}) <= 1", "typo"),
            lv(f"l.event_date <= {er} AND r.event_date <= {el}", "overlapping"),
            lv(f"{gap} <= 45", "separate 45"), lv(f"{gap} <= 366", "separate 366"), lv("ELSE", "else")]
        return out

    gap = "greatest(l.birth_year_min - r.birth_year_max, r.birth_year_min - l.birth_year_max, 0)"
    both_dates = "l.birth_date IS NOT NULL AND r.birth_date IS NOT NULL"
    comparisons = [
        cl.CustomComparison(output_column_name="id", comparison_levels=[
            lv("l.id18 IS NULL OR r.id18 IS NULL", "null", null=True),
            lv("l.id18 = r.id18 AND NOT (l.id_legacy OR r.id_legacy)", "exact"),
            lv("l.id18 = r.id18", "legacy-equivalent"),
            lv("damerau_levenshtein(l.id18, r.id18) = 1 AND levenshtein(l.id18, r.id18) = 2", "transposition"),
            lv("levenshtein(l.id18, r.id18) = 1 AND length(l.id18) = length(r.id18)", "substitution"),
            lv("l.id_valid AND r.id_valid AND damerau_levenshtein(l.id18, r.id18) > 1", "conflict"),
            lv("ELSE", "else")]),
        cl.CustomComparison(output_column_name="name", comparison_levels=[
            lv("l.name_chars IS NULL OR r.name_chars IS NULL", "null", null=True),
            lv("l.name_chars = r.name_chars", "same chars", tf="name_pinyin"),
            lv("l.name_simp = r.name_simp", "same simplified", tf="name_pinyin"),
            lv("l.name_pinyin = r.name_pinyin", "same pinyin", tf="name_pinyin"),
            lv("abs(length(l.name_simp) - length(r.name_simp)) = 1 AND levenshtein(l.name_simp, r.name_simp) = 1",
               "one character dropped or added"),
            lv("jaro_winkler_similarity(l.name_pinyin, r.name_pinyin) >= 0.92", "jw 0.92"),
            lv("jaro_winkler_similarity(l.name_pinyin, r.name_pinyin) >= 0.84", "jw 0.84"),
            lv("ELSE", "else")]),
        cl.ExactMatch("sex"),
        cl.CustomComparison(output_column_name="birth", comparison_levels=[
            lv(f"NOT ({both_dates}) AND (l.birth_year_min IS NULL OR r.birth_year_min IS NULL)", "null", null=True),
            lv("l.birth_date = r.birth_date", "same date"),
            lv(f"{both_dates} AND (strftime(l.birth_date, '%Y%d%m') = strftime(r.birth_date, '%Y%m%d') OR "
               "levenshtein(strftime(l.birth_date, '%Y%m%d'), strftime(r.birth_date, '%Y%m%d')) <= 1)", "near"),
            lv(f"{both_dates} AND {gap} <= 2", "dates within 2y"),
            lv(f"NOT ({both_dates}) AND {gap} = 0", "age consistent"),
            lv(f"NOT ({both_dates}) AND {gap} <= 2", "age within 2y"),
            lv(f"NOT ({both_dates})", "age inconsistent"),
            lv("ELSE", "else")]),
        cl.CustomComparison(output_column_name="death_date", comparison_levels=date_levels(death, [3, 45])),
        cl.CustomComparison(output_column_name="encounter", comparison_levels=stay_levels(med, "transferred", True)),
        cl.CustomComparison(output_column_name="death_vs_stay", comparison_levels=stay_levels(across, "died", False)),
        cl.CustomComparison(output_column_name="event_date", comparison_levels=date_levels(
            f"NOT ({death}) AND NOT ({med}) AND NOT ({across})", [3, 45, 366])),
        cl.CustomComparison(output_column_name="region", comparison_levels=[
            lv("l.region_code IS NULL OR r.region_code IS NULL", "null", null=True),
            lv("l.region_code = r.region_code", "county"),
            lv("substr(l.region_code, 1, 4) = substr(r.region_code, 1, 4)", "city"),
            lv("substr(l.region_code, 1, 2) = substr(r.region_code, 1, 2)", "province"),
            lv("ELSE", "else")]),
        cl.CustomComparison(output_column_name="employer", comparison_levels=[
            lv("(l.employer_uscc IS NULL OR r.employer_uscc IS NULL) AND "
               "(l.employer_name IS NULL OR r.employer_name IS NULL)", "null", null=True),
            lv("l.employer_uscc = r.employer_uscc", "same uscc"),
            lv("l.employer_name = r.employer_name", "same name"),
            lv("jaro_winkler_similarity(l.employer_name, r.employer_name) >= 0.9", "jw 0.9"),
            lv("jaro_winkler_similarity(l.employer_name, r.employer_name) >= 0.7", "jw 0.7"),
            lv("ELSE", "else")]),
    ]
    window = f"l.name_pinyin = r.name_pinyin AND abs(date_diff('day', l.event_date, r.event_date)) <= {WINDOW_DAYS}"
    # birth-year ranges within one year of each other (a missing range pairs with all)
    years = ("(l.birth_year_min IS NULL OR r.birth_year_min IS NULL OR "
             "greatest(l.birth_year_min - r.birth_year_max, r.birth_year_min - l.birth_year_max) <= 1)")
    rules = [
        block_on("id18"),
        block_on("birth_date", "surname_pinyin"),
        {"blocking_rule": f"{window} AND {years}", "sql_dialect": "duckdb"},
        {"blocking_rule": f"l.name_pinyin = r.name_pinyin AND substr(l.id18, 1, 6) = substr(r.id18, 1, 6) "
                          f"AND {years}", "sql_dialect": "duckdb"},
        {"blocking_rule": f"l.name_pinyin = r.name_pinyin AND substr(l.region_code, 1, 4) = "
                          f"substr(r.region_code, 1, 4) AND {years}", "sql_dialect": "duckdb"},
        block_on("substr(id18, 1, 14)"),
        block_on("substr(id18, 7, 12)"),
    ]
    return SettingsCreator(link_type="dedupe_only", comparisons=comparisons,
                           blocking_rules_to_generate_predictions=rules,
                           unique_id_column_name="uid", retain_matching_columns=False,
                           retain_intermediate_calculation_columns=False, max_iterations=50)


def run_splink(records: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    import logging

    from splink import DuckDBAPI, Linker, block_on

    logging.getLogger("splink").setLevel(logging.ERROR)
    df = records.with_columns(pl.format("{}|{}", "source", "record_id").alias("uid")).to_arrow()
    db = DuckDBAPI()
    sdf = db.register(df)
    linker = Linker(sdf, _splink_settings(), log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match([block_on("id18")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=0)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("id18"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_date", "surname_pinyin"))
    linker.training.estimate_parameters_using_expectation_maximisation(
        f"l.name_pinyin = r.name_pinyin AND abs(date_diff('day', l.event_date, r.event_date)) <= {WINDOW_DAYS} "
        "AND (l.birth_year_min IS NULL OR r.birth_year_min IS NULL OR "
        "greatest(l.birth_year_min - r.birth_year_max, r.birth_year_min - l.birth_year_max) <= 1)")
    pred = linker.inference.predict(threshold_match_probability=0.1)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(pred, 0.5)
    cl = pl.from_arrow(clusters.as_duckdbpyrelation().arrow()) if hasattr(clusters, "as_duckdbpyrelation") \
        else pl.from_pandas(clusters.as_pandas_dataframe())
    cl = cl.select(pl.col("uid").cast(pl.String), pl.col("cluster_id").cast(pl.String).alias("person_key"))
    out = cl.with_columns(pl.col("uid").str.split_exact("|", 1).struct.rename_fields(["source", "record_id"])) \
        .unnest("uid").select("source", "record_id", "person_key")
    t = time.perf_counter()
    n = _candidate_count(records)
    run_splink.count_seconds = time.perf_counter() - t  # type: ignore[attr-defined]
    return out, n


def _candidate_count(records: pl.DataFrame) -> int:
    """Candidate pairs of the shared blocking rules (the same set every tool scores)."""
    from linkage import LinkageConfig, Linker

    linker = Linker(LinkageConfig.shipped("person"))
    return linker.candidate_pairs(linker.prepare(records)).height


def run_recordlinkage(records: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    """recordlinkage on crosscheck's candidate pairs with the same comparisons as binary features.

    Every level of crosscheck's comparisons that recordlinkage can express becomes one
    ``Compare`` feature (ECM needs binary features): ID exact / within two edits; name
    same characters / simplified / pinyin, one character edit, Jaro-Winkler at 0.92 and
    0.84; sex; birth date exact / day-month swap, birth year within 2; event date exact /
    within 3 / within 45 days; one record ending the day the other starts (transfers,
    deaths at discharge), both ways; county, city; employer USCC, name Jaro-Winkler at
    0.9 and 0.7. Blocking (crosscheck's) is outside the clock: the time is Compare + ECM +
    components.
    """
    import pandas as pd
    import recordlinkage as rl

    from linkage import LinkageConfig, Linker

    linker = Linker(LinkageConfig.shipped("person"))
    prepared = linker.prepare(records)
    pairs = linker.candidate_pairs(prepared)
    t0 = time.perf_counter()
    df = prepared.select(
        "_idx", "id18", "name_chars", "name_simp", "name_pinyin", "sex", "birth_date", "birth_year_min",
        "event_date", "region_code", pl.col("region_code").str.slice(0, 4).alias("city"),
        "employer_uscc", "employer_name",
        pl.col("event_date").cast(pl.Int32).alias("start_day"),
        pl.coalesce("event_end", "event_date").cast(pl.Int32).alias("end_day"),
    ).to_pandas().set_index("_idx")
    for c in ("birth_date", "event_date"):
        df[c] = pd.to_datetime(df[c]).astype("datetime64[ns]")
    mi = pd.MultiIndex.from_arrays([pairs["idx_l"].to_numpy(), pairs["idx_r"].to_numpy()])
    cmp = rl.Compare(n_jobs=2)
    cmp.exact("id18", "id18", label="id")
    cmp.string("id18", "id18", method="damerau_levenshtein", threshold=0.88, label="id_2_edits")
    cmp.exact("name_chars", "name_chars", label="name_chars")
    cmp.exact("name_simp", "name_simp", label="name_simp")
    cmp.exact("name_pinyin", "name_pinyin", label="name_pinyin")
    cmp.string("name_simp", "name_simp", method="levenshtein", threshold=0.66, label="name_1_edit")
    cmp.string("name_pinyin", "name_pinyin", method="jarowinkler", threshold=0.92, label="name_jw92")
    cmp.string("name_pinyin", "name_pinyin", method="jarowinkler", threshold=0.84, label="name_jw84")
    cmp.exact("sex", "sex", label="sex")
    cmp.exact("birth_date", "birth_date", label="birth")
    cmp.date("birth_date", "birth_date", label="birth_swap")
    cmp.numeric("birth_year_min", "birth_year_min", method="step", offset=2, label="birth_year")
    cmp.exact("event_date", "event_date", label="event")
    cmp.numeric("start_day", "start_day", method="step", offset=3, label="event_3d")
    cmp.numeric("start_day", "start_day", method="step", offset=45, label="event_45d")
    cmp.numeric("end_day", "start_day", method="step", offset=1, label="handover_lr")
    cmp.numeric("start_day", "end_day", method="step", offset=1, label="handover_rl")
    cmp.exact("region_code", "region_code", label="county")
    cmp.exact("city", "city", label="city")
    cmp.exact("employer_uscc", "employer_uscc", label="uscc")
    cmp.string("employer_name", "employer_name", method="jarowinkler", threshold=0.9, label="employer_90")
    cmp.string("employer_name", "employer_name", method="jarowinkler", threshold=0.7, label="employer_70")
    feats = cmp.compute(mi, df)
    feats = (feats >= 0.5).astype(int)
    ecm = rl.ECMClassifier(binarize=None)
    matches = ecm.fit_predict(feats)
    a = matches.get_level_values(0).to_numpy().astype(np.int64)
    b = matches.get_level_values(1).to_numpy().astype(np.int64)
    lab = components(prepared.height, a, b)
    run_recordlinkage.timed_seconds = time.perf_counter() - t0  # type: ignore[attr-defined]
    print(json.dumps({"recordlinkage_compare_ecm_seconds": run_recordlinkage.timed_seconds,
                      "features": int(feats.shape[1])}), file=sys.stderr)
    out = prepared.select("source", "record_id").with_columns(pl.Series("person_key", lab).cast(pl.String))
    return out, pairs.height


WORKERS = {"crosscheck": run_crosscheck, "splink": run_splink, "recordlinkage": run_recordlinkage}


def worker(tool: str, records_path: Path, truth_path: Path) -> None:
    records = pl.read_parquet(records_path)
    truth = pl.read_parquet(truth_path)
    t0 = time.perf_counter()
    assign, n_pairs = WORKERS[tool](records)
    seconds = time.perf_counter() - t0
    if tool == "splink":   # the candidate count is computed after the clock stopped
        seconds -= getattr(run_splink, "count_seconds", 0.0)
    if tool == "recordlinkage":   # its own clock: Compare + ECM + components (no imports, no blocking)
        seconds = getattr(run_recordlinkage, "timed_seconds", seconds)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    scores = pairwise_scores(assign, truth)
    print(json.dumps({"tool": tool, "seconds": seconds, "peak_rss_mb": peak, "records": records.height,
                      "candidate_pairs": n_pairs, "pairs_per_s": n_pairs / seconds if n_pairs > 0 else None,
                      **scores}))


# ---- driver -----------------------------------------------------------------------
def prepare(scale: float, variant: str, seed: int, work: Path) -> tuple[Path, Path]:
    data = work / f"{variant}_{scale}_{seed}"
    if not (data / "truth" / "record_person.parquet").is_file():
        from synthetic_data.config import GeneratorConfig
        from synthetic_data.generator import generate, write_dataset

        write_dataset(generate(GeneratorConfig.for_variant(variant, scale=scale, seed=seed)), data, parquet=True)
    rec = data / "person_records.parquet"
    if not rec.is_file():
        from pipelines.linking import records_from_input

        t = time.perf_counter()
        records_from_input(data).write_parquet(rec)
        print(f"  person records prepared in {time.perf_counter() - t:.1f} s", flush=True)
    return rec, data / "truth" / "record_person.parquet"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", type=float, nargs="+", default=[0.05, 0.2])
    ap.add_argument("--tools", nargs="+", default=list(WORKERS), choices=list(WORKERS))
    ap.add_argument("--variant", default="default")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", type=Path, default=Path("/tmp/crosscheck_bench_linkage"))
    ap.add_argument("--worker", choices=list(WORKERS), help=argparse.SUPPRESS)
    ap.add_argument("--records", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--truth", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.worker, args.records, args.truth)
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    all_rows = []
    for scale in args.scales:
        print(f"scale {scale} ({args.variant}, seed {args.seed})", flush=True)
        rec, truth = prepare(scale, args.variant, args.seed, args.work)
        rows = {}
        for tool in args.tools:
            if tool == "recordlinkage" and scale > 0.2:
                continue
            p = subprocess.run([sys.executable, __file__, "--worker", tool, "--records", str(rec),
                                "--truth", str(truth)], capture_output=True, text=True, check=False)
            if p.returncode != 0:
                print(f"  {tool}: failed\n{p.stderr[-2000:]}", flush=True)
                continue
            row = json.loads(p.stdout.strip().splitlines()[-1])
            row["scale"] = scale
            rows[tool] = row
            pps = f"{row['pairs_per_s']:,.0f}" if row["pairs_per_s"] else "n/a"
            print(f"  {tool:<14} {row['seconds']:8.1f} s  {row['peak_rss_mb']:7.0f} MB  "
                  f"{row['candidate_pairs']:>10,} pairs  {pps:>10} pairs/s  "
                  f"P {row['precision']:.4f} R {row['recall']:.4f} F1 {row['f1']:.4f}", flush=True)
        if "crosscheck" in rows:
            base = rows["crosscheck"]["seconds"]
            for tool, row in rows.items():
                if tool != "crosscheck":
                    print(f"  crosscheck is {row['seconds'] / base:.1f}x faster than {tool} "
                          f"(F1 {rows['crosscheck']['f1']:.4f} vs {row['f1']:.4f})", flush=True)
        all_rows.extend(rows.values())
    print(json.dumps(all_rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Linkage benchmark: crosscheck vs Splink 5 (DuckDB) vs recordlinkage, on generated data.

    python benchmarks/bench_linkage.py --scales 0.05 0.2 [--tools crosscheck splink recordlinkage]
                                       [--variant default] [--work DIR] [--seed 1] [--rl-jobs 1]

For each scale the generator writes a province (cached under ``--work``) and its person
records are normalised once (``pipelines.persons``; not timed — every tool links the same
records). Each tool then runs in its own subprocess, so its peak memory is its own:

* crosscheck — ``pipelines.linking.link_persons`` (blocking, comparisons, EM, scoring,
  guarded clustering);
* Splink 5 on DuckDB — the same blocking rules and comparison levels written as Splink
  settings (custom SQL levels), u by random sampling (1M pairs), EM sessions blocked on
  ID, birth date + surname and name + event window, prediction, clustering at 0.5;
* recordlinkage, two modes (``--tools recordlinkage`` runs both, each in its own
  subprocess; scales ≤ 0.2 only):

  - **end-to-end** (``recordlinkage``): recordlinkage does its own indexing with its own
    API — ``recordlinkage.index.Block`` for every rule, the key slices (``id18[:6]``,
    region city, ID head / tail) made as pandas columns; for the rules with a date window
    or a birth-year range (crosscheck's ``window`` / ``overlap`` rules) what a
    recordlinkage user does: ``Block`` on the key, then the MultiIndex filtered in pandas by
    the date difference (≤ 45 days) and the year ranges (within one year, a missing range
    keeps the pair); the rules' MultiIndexes unioned (``MultiIndex.union``, as
    ``recordlinkage.Index`` does) — then the same ``Compare`` features, ECM and
    connected components, all on its clock. recordlinkage has no block-size cap; on these
    data crosscheck skips no block either, so both index the same pairs (the counts and
    the overlap with crosscheck's pairs are printed);
  - **compare-only** (``recordlinkage-compare``): its ``Compare`` + ``ECMClassifier`` +
    components on crosscheck's candidate pairs (exported as a MultiIndex: crosscheck's
    blocking, outside its clock).

  Features: every level of crosscheck's comparisons that recordlinkage can express as
  one binary feature (27: exact, Jaro-Winkler, Levenshtein, Damerau-Levenshtein, date and
  numeric-step features). ECM — recordlinkage's unsupervised classifier, the one that
  matches crosscheck's label-free setting — takes binary features only, so each
  similarity is thresholded where crosscheck has a level. A recordlinkage user could
  keep continuous similarities (``Compare.string`` without ``threshold``) for a
  supervised classifier or K-means, but that needs labels or gives up the m/u model; it
  would not change the work: each similarity is computed either way, the threshold is a
  cheap step after it. (recordlinkage computes every feature on its own, so a
  similarity used at two thresholds is computed twice — that is its API's cost, kept.)

  ``Compare`` runs with ``n_jobs=1`` (``--rl-jobs``): its default, and faster than 2
  processes at these sizes (measured: scale 0.05 0.9–1.6 s against 1.3–4.0 s).

Every tool's clock starts after its libraries are imported and the records are loaded
(the pandas frame for recordlinkage is built before its clock too): the time is the
linkage itself.

Printed per tool: seconds, peak RSS (MB), candidate pairs, pairs/s, pairwise precision /
recall / F1 against the generator's truth; then the speed ratios against crosscheck, and
the comparison stage alone on the same pairs (crosscheck: encoding the records +
comparing the candidate pairs; recordlinkage: ``Compare.compute``).

The two tools do not do the same statistical work: recordlinkage's ECM learns m and u
from the candidate pairs alone, while crosscheck also compares 500,000 random pairs for u
(at scale 0.05, 14 times the 35k candidate pairs — a third of its time), estimates
term frequencies and one prior per source pair, guards clusters against chaining and
derives stable person keys. That work is what its F1 is made of (0.997 against 0.85 at
scale 0.05), so the whole-linkage ratio against recordlinkage stays small at small
scales; the ratio of the comparison stage shows the engines' speed at equal work.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import polars as pl

if TYPE_CHECKING:
    import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WINDOW_DAYS = 45
RL_JOBS = 1   # recordlinkage Compare processes (--rl-jobs); 1 is its default and the faster here


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
    t = res.stats["timings"]
    # the comparison stage on the candidate pairs: encoding the records + comparing the pairs
    print(json.dumps({"stage_compare_seconds": t.get("encoding", 0.0) + t.get("comparisons", 0.0),
                      "timings": t}), file=sys.stderr)
    return res.links.select("source", "record_id", "person_key"), int(res.stats["candidate_pairs"])


def _splink_settings() -> Any:
    import re

    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    def lv(sql: str, label: str, tf: str | None = None, null: bool = False) -> dict[str, Any]:
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

    def date_levels(cond: str, days: list[int]) -> list[Any]:
        d = "abs(date_diff('day', l.event_date, r.event_date))"
        out = [lv(f"NOT ({cond}) OR l.event_date IS NULL OR r.event_date IS NULL", "null", null=True),
               lv("l.event_date = r.event_date", "exact"),
               lv("strftime(l.event_date, '%Y%d%m') = strftime(r.event_date, '%Y%m%d')", "swap"),
               lv("levenshtein(strftime(l.event_date, '%Y%m%d'), strftime(r.event_date, '%Y%m%d')) <= 1", "typo")]
        out += [lv(f"{d} <= {n}", f"within {n}") for n in days]
        return [*out, lv("ELSE", "else")]

    across = ("(l.source IN ('deregistrations','cremations') AND r.source = 'medical_records') OR "
              "(r.source IN ('deregistrations','cremations') AND l.source = 'medical_records')")

    def stay_levels(cond: str, flag: str, with_time: bool) -> list[Any]:
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
    comparisons: list[Any] = [
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
            lv(f"NOT ({both_dates}) AND l.birth_from IS NOT NULL AND l.birth_to IS NOT NULL AND "
               "r.birth_from IS NOT NULL AND r.birth_to IS NOT NULL AND l.birth_from <= r.birth_to AND "
               "r.birth_from <= l.birth_to", "age exact"),
            lv(f"NOT ({both_dates}) AND {gap} = 0", "age consistent"),
            lv(f"NOT ({both_dates}) AND {gap} <= 2", "age within 2y"),
            lv(f"NOT ({both_dates})", "age inconsistent"),
            lv("ELSE", "else")]),
        cl.CustomComparison(output_column_name="death_date", comparison_levels=date_levels(death, [3, 45])),
        cl.CustomComparison(output_column_name="encounter", comparison_levels=stay_levels(med, "transferred", True)),
        cl.CustomComparison(output_column_name="diagnosis", comparison_levels=[
            lv(f"NOT ({med}) OR l.diagnosis IS NULL OR r.diagnosis IS NULL", "null", null=True),
            lv("l.diagnosis5 = r.diagnosis5", "same diagnosis", tf="diagnosis5"),
            lv("substr(l.diagnosis, 1, 3) = substr(r.diagnosis, 1, 3)", "same diagnosis category"),
            lv("ELSE", "else")]),
        cl.CustomComparison(output_column_name="external_cause", comparison_levels=[
            lv(f"NOT ({med}) OR l.external_cause IS NULL OR r.external_cause IS NULL", "null", null=True),
            lv("l.external_cause5 = r.external_cause5", "same external cause", tf="external_cause5"),
            lv("substr(l.external_cause, 1, 3) = substr(r.external_cause, 1, 3)", "same external cause category"),
            lv("ELSE", "else")]),
        cl.CustomComparison(output_column_name="death_place", comparison_levels=[
            lv("NOT ((l.source = 'cremations' AND r.source = 'medical_records') OR "
               "(l.source = 'medical_records' AND r.source = 'cremations')) "
               "OR l.death_place IS NULL OR r.death_place IS NULL", "null", null=True),
            lv("l.death_place = r.death_place", "exact"),
            lv("ELSE", "else")]),
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
    rules: list[Any] = [
        block_on("id18"),
        block_on("birth_date", "surname_pinyin"),
        {"blocking_rule": f"{window} AND {years}", "sql_dialect": "duckdb"},
        {"blocking_rule": f"l.name_pinyin = r.name_pinyin AND substr(l.id18, 1, 6) = substr(r.id18, 1, 6) "
                          f"AND {years}", "sql_dialect": "duckdb"},
        {"blocking_rule": f"l.name_pinyin = r.name_pinyin AND substr(l.region_code, 1, 4) = "
                          f"substr(r.region_code, 1, 4) AND {years}", "sql_dialect": "duckdb"},
        block_on("event_date", "surname_pinyin", "region_code", "sex"),
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
    # the 5-character code prefixes as columns: Splink's term-frequency adjustment needs an exact-match level
    df = records.with_columns(pl.format("{}|{}", "source", "record_id").alias("uid"),
                              pl.col("diagnosis").str.slice(0, 5).alias("diagnosis5"),
                              pl.col("external_cause").str.slice(0, 5).alias("external_cause5")).to_arrow()
    db = DuckDBAPI()
    sdf = db.register(df)
    linker = Linker(sdf, _splink_settings(), log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match([block_on("id18")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=0)
    sessions: dict[str, Any] = {
        "id18": block_on("id18"),
        "birth_date+surname": block_on("birth_date", "surname_pinyin"),
        "name+event_window": (
            f"l.name_pinyin = r.name_pinyin AND abs(date_diff('day', l.event_date, r.event_date)) <= {WINDOW_DAYS} "
            "AND (l.birth_year_min IS NULL OR r.birth_year_min IS NULL OR "
            "greatest(l.birth_year_min - r.birth_year_max, r.birth_year_min - l.birth_year_max) <= 1)"),
    }
    for name, rule in sessions.items():
        # Splink stops a session in which a level is (almost) never seen among the matches
        # (an m probability below 1e-300: in the ID-blocked session, two encounters of one
        # person with different diagnoses); the comparison is then trained by the others
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(rule)
        except ValueError as exc:
            print(json.dumps({"splink_em_session_skipped": name, "why": str(exc)[:120]}), file=sys.stderr)
    pred = linker.inference.predict(threshold_match_probability=0.1)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(pred, 0.5)
    # an Arrow table gives a DataFrame (from_arrow returns a Series only for an Arrow array)
    cl = cast(pl.DataFrame, pl.from_arrow(clusters.as_duckdbpyrelation().arrow())) \
        if hasattr(clusters, "as_duckdbpyrelation") else pl.from_pandas(clusters.as_pandas_dataframe())
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


def _rl_frame(prepared: pl.DataFrame) -> pd.DataFrame:
    """The pandas frame recordlinkage works on (built before its clock: loading the data)."""
    import pandas as pd

    df = prepared.select(
        "_idx", "id18", "name_chars", "name_simp", "name_pinyin", "surname_pinyin", "sex", "birth_date",
        "birth_year_min", "birth_year_max", "event_date", "region_code", "employer_uscc", "employer_name",
        pl.col("event_end"), "diagnosis", "external_cause", "death_place",
    ).to_pandas().set_index("_idx")
    for c in ("birth_date", "event_date", "event_end"):
        df[c] = pd.to_datetime(df[c]).astype("datetime64[ns]")
    return df


def _rl_derive(df: pd.DataFrame) -> pd.DataFrame:
    """Columns the Compare features and the blocking keys read (the user's pandas work)."""
    df = df.copy()
    df["city"] = df["region_code"].str[:4]
    df["start_day"] = (df["event_date"] - pd_epoch()).dt.days
    df["end_day"] = (df["event_end"].fillna(df["event_date"]) - pd_epoch()).dt.days
    df["id_region"] = df["id18"].str[:6]
    df["id_head"] = df["id18"].str[:14]
    df["id_tail"] = df["id18"].str[6:]
    df["diagnosis_category"] = df["diagnosis"].str[:3]
    df["external_cause_category"] = df["external_cause"].str[:3]
    return df


def pd_epoch() -> pd.Timestamp:
    import pandas as pd

    return pd.Timestamp("1970-01-01")


def _rl_index(df: pd.DataFrame) -> pd.MultiIndex:
    """recordlinkage's own indexing of crosscheck's eight rules (see the module docstring)."""
    from recordlinkage.index import Block

    ev = df["event_date"].to_numpy()
    lo, hi = df["birth_year_min"].to_numpy(dtype="float64", na_value=np.nan), \
        df["birth_year_max"].to_numpy(dtype="float64", na_value=np.nan)

    def years_ok(mi: pd.MultiIndex) -> np.ndarray:
        a, b = mi.get_level_values(0).to_numpy(), mi.get_level_values(1).to_numpy()
        gap = np.maximum(lo[a] - hi[b], lo[b] - hi[a])
        return np.isnan(gap) | (gap <= 1)

    def window_ok(mi: pd.MultiIndex) -> np.ndarray:
        a, b = mi.get_level_values(0).to_numpy(), mi.get_level_values(1).to_numpy()
        return np.abs(ev[a] - ev[b]) <= np.timedelta64(WINDOW_DAYS, "D")

    rules = [
        (["id18"], None),
        (["birth_date", "surname_pinyin", "sex"], None),
        (["name_pinyin"], lambda mi: window_ok(mi) & years_ok(mi)),
        (["name_pinyin", "id_region"], years_ok),
        (["name_pinyin", "city"], years_ok),
        (["event_date", "surname_pinyin", "region_code", "sex"], None),
        (["id_head", "surname_pinyin"], None),
        (["id_tail"], None),
    ]
    out = None
    for on, keep in rules:
        mi = Block(on).index(df)
        if keep is not None:
            mi = mi[keep(mi)]
        out = mi if out is None else out.union(mi)
    return out


def _rl_link(df: pd.DataFrame, mi: pd.MultiIndex) -> tuple[np.ndarray, int]:
    """Compare (25 binary features) + ECM + connected components; (labels, features)."""
    import recordlinkage as rl

    cmp = rl.Compare(n_jobs=RL_JOBS)
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
    cmp.exact("diagnosis", "diagnosis", label="diagnosis")
    cmp.exact("diagnosis_category", "diagnosis_category", label="diagnosis_category")
    cmp.exact("external_cause", "external_cause", label="external_cause")
    cmp.exact("external_cause_category", "external_cause_category", label="external_cause_category")
    cmp.exact("death_place", "death_place", label="death_place")
    cmp.exact("region_code", "region_code", label="county")
    cmp.exact("city", "city", label="city")
    cmp.exact("employer_uscc", "employer_uscc", label="uscc")
    cmp.string("employer_name", "employer_name", method="jarowinkler", threshold=0.9, label="employer_90")
    cmp.string("employer_name", "employer_name", method="jarowinkler", threshold=0.7, label="employer_70")
    t = time.perf_counter()
    feats = cmp.compute(mi, df)
    _rl_link.compare_seconds = time.perf_counter() - t  # type: ignore[attr-defined]
    feats = (feats >= 0.5).astype(int)
    ecm = rl.ECMClassifier(binarize=None)
    matches = ecm.fit_predict(feats)
    a = matches.get_level_values(0).to_numpy().astype(np.int64)
    b = matches.get_level_values(1).to_numpy().astype(np.int64)
    return components(df.shape[0], a, b), int(feats.shape[1])


def _pair_codes(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a, b = a.astype(np.int64), b.astype(np.int64)
    return np.unique((np.minimum(a, b) << 32) | np.maximum(a, b))


def run_recordlinkage(records: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    """recordlinkage end to end: its own indexing (Block + pandas filters), Compare, ECM,
    components — everything after loading the data on its clock."""
    from linkage import LinkageConfig, Linker

    linker = Linker(LinkageConfig.shipped("person"))
    prepared = linker.prepare(records)
    base = _rl_frame(prepared)
    t0 = time.perf_counter()
    df = _rl_derive(base)
    mi = _rl_index(df)
    t_index = time.perf_counter() - t0
    lab, n_feats = _rl_link(df, mi)
    run_recordlinkage.timed_seconds = time.perf_counter() - t0  # type: ignore[attr-defined]
    # off the clock: the same candidate pairs as crosscheck's blocking?
    cc = linker.candidate_pairs(prepared)
    mine = _pair_codes(mi.get_level_values(0).to_numpy(), mi.get_level_values(1).to_numpy())
    theirs = _pair_codes(cc["idx_l"].to_numpy(), cc["idx_r"].to_numpy())
    print(json.dumps({"recordlinkage_index_seconds": t_index, "recordlinkage_pairs": int(mine.size),
                      "crosscheck_pairs": int(theirs.size),
                      "common_pairs": int(np.intersect1d(mine, theirs, assume_unique=True).size),
                      "features": n_feats}), file=sys.stderr)
    out = prepared.select("source", "record_id").with_columns(pl.Series("person_key", lab).cast(pl.String))
    return out, int(mine.size)


def run_recordlinkage_compare(records: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    """recordlinkage on crosscheck's candidate pairs: Compare + ECM + components on its
    clock; crosscheck's blocking (exported as a MultiIndex) outside it."""
    import pandas as pd

    from linkage import LinkageConfig, Linker

    linker = Linker(LinkageConfig.shipped("person"))
    prepared = linker.prepare(records)
    pairs = linker.candidate_pairs(prepared)
    base = _rl_frame(prepared)
    mi = pd.MultiIndex.from_arrays([pairs["idx_l"].to_numpy(), pairs["idx_r"].to_numpy()])
    t0 = time.perf_counter()
    df = _rl_derive(base)
    lab, n_feats = _rl_link(df, mi)
    seconds = time.perf_counter() - t0
    run_recordlinkage_compare.timed_seconds = seconds  # type: ignore[attr-defined]
    print(json.dumps({"recordlinkage_compare_ecm_seconds": seconds,
                      "stage_compare_seconds": _rl_link.compare_seconds,  # type: ignore[attr-defined]
                      "features": n_feats}), file=sys.stderr)
    out = prepared.select("source", "record_id").with_columns(pl.Series("person_key", lab).cast(pl.String))
    return out, pairs.height


WORKERS = {"crosscheck": run_crosscheck, "splink": run_splink, "recordlinkage": run_recordlinkage,
           "recordlinkage-compare": run_recordlinkage_compare}
# imported before a tool's clock starts (library import is not linkage work)
IMPORTS = {"crosscheck": ["pipelines.linking", "linkage"], "splink": ["splink", "duckdb", "linkage"],
           "recordlinkage": ["recordlinkage", "pandas", "scipy.sparse.csgraph", "linkage"],
           "recordlinkage-compare": ["recordlinkage", "pandas", "scipy.sparse.csgraph", "linkage"]}
LABELS = {"recordlinkage": "recordlinkage end-to-end", "recordlinkage-compare": "recordlinkage compare-only"}


def worker(tool: str, records_path: Path, truth_path: Path) -> None:
    import importlib

    for mod in IMPORTS[tool]:
        importlib.import_module(mod)
    records = pl.read_parquet(records_path)
    truth = pl.read_parquet(truth_path)
    t0 = time.perf_counter()
    assign, n_pairs = WORKERS[tool](records)
    seconds = time.perf_counter() - t0
    if tool == "splink":   # the candidate count is computed after the clock stopped
        seconds -= getattr(run_splink, "count_seconds", 0.0)
    if tool in ("recordlinkage", "recordlinkage-compare"):   # their own clocks (see the docstring)
        seconds = getattr(WORKERS[tool], "timed_seconds", seconds)
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
    from pipelines.persons import RECORD_SCHEMA

    # records cached by an older version (other columns) are prepared again
    if not rec.is_file() or list(pl.read_parquet_schema(rec)) != list(RECORD_SCHEMA):
        from pipelines.linking import records_from_input

        t = time.perf_counter()
        records_from_input(data).write_parquet(rec)
        print(f"  person records prepared in {time.perf_counter() - t:.1f} s", flush=True)
    return rec, data / "truth" / "record_person.parquet"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", type=float, nargs="+", default=[0.05, 0.2])
    ap.add_argument("--tools", nargs="+", default=["crosscheck", "splink", "recordlinkage"], choices=list(WORKERS),
                    help="recordlinkage runs both its modes (end-to-end and compare-only)")
    ap.add_argument("--variant", default="default")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", type=Path, default=Path("/tmp/crosscheck_bench_linkage"))
    ap.add_argument("--rl-jobs", type=int, default=1,
                    help="recordlinkage Compare n_jobs (default 1: faster than 2 at these sizes, measured)")
    ap.add_argument("--worker", choices=list(WORKERS), help=argparse.SUPPRESS)
    ap.add_argument("--records", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--truth", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    global RL_JOBS
    RL_JOBS = args.rl_jobs
    if args.worker:
        worker(args.worker, args.records, args.truth)
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}, "
          f"{os.cpu_count()} cores, recordlinkage n_jobs {args.rl_jobs}", flush=True)
    all_rows: list[dict[str, Any]] = []
    for scale in args.scales:
        print(f"scale {scale} ({args.variant}, seed {args.seed})", flush=True)
        rec, truth = prepare(scale, args.variant, args.seed, args.work)
        rows = {}
        tools = [t for tool in args.tools
                 for t in ([tool, "recordlinkage-compare"] if tool == "recordlinkage" else [tool])]
        for tool in dict.fromkeys(tools):
            if tool.startswith("recordlinkage") and scale > 0.2:
                continue
            p = subprocess.run([sys.executable, __file__, "--worker", tool, "--records", str(rec),
                                "--truth", str(truth), "--rl-jobs", str(args.rl_jobs)],
                               capture_output=True, text=True, check=False)
            if p.returncode != 0:
                print(f"  {tool}: failed\n{p.stderr[-2000:]}", flush=True)
                continue
            extra: dict = {}
            for line in p.stderr.splitlines():
                if line.startswith("{"):
                    print(f"    {tool}: {line}", flush=True)
                    extra.update(json.loads(line))
            row = json.loads(p.stdout.strip().splitlines()[-1])
            if "stage_compare_seconds" in extra:
                row["stage_compare_seconds"] = extra["stage_compare_seconds"]
            row["scale"] = scale
            rows[tool] = row
            pps = f"{row['pairs_per_s']:,.0f}" if row["pairs_per_s"] else "n/a"
            print(f"  {LABELS.get(tool, tool):<27} {row['seconds']:8.2f} s  {row['peak_rss_mb']:7.0f} MB  "
                  f"{row['candidate_pairs']:>10,} pairs  {pps:>10} pairs/s  "
                  f"P {row['precision']:.4f} R {row['recall']:.4f} F1 {row['f1']:.4f}", flush=True)
        if "crosscheck" in rows:
            base = rows["crosscheck"]["seconds"]
            for tool, row in rows.items():
                if tool != "crosscheck":
                    print(f"  crosscheck is {row['seconds'] / base:.1f}x faster than {LABELS.get(tool, tool)} "
                          f"(F1 {rows['crosscheck']['f1']:.4f} vs {row['f1']:.4f})", flush=True)
            mine = rows["crosscheck"].get("stage_compare_seconds")
            theirs = rows.get("recordlinkage-compare", {}).get("stage_compare_seconds")
            if mine and theirs:
                print(f"  comparison stage on the same pairs: crosscheck encode + compare {mine:.2f} s, "
                      f"recordlinkage Compare.compute {theirs:.2f} s: {theirs / mine:.0f}x", flush=True)
        la = os.getloadavg()
        print(f"  load average after scale {scale}: {la[0]:.2f} {la[1]:.2f} {la[2]:.2f}", flush=True)
        all_rows.extend(rows.values())
    print(json.dumps(all_rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Entry point: ``python -m benchmarks.altgen20.generate --out DIR --scale S --seed N`` writes
the eight contract sources and ``truth/`` for a synthetic Guizhou, July-December 2023, exported
2024-01-31; :func:`generate` returns the statistics of what it wrote."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from . import geo
from .ident import uscc_is_valid
from .incidents import run_incidents
from .render import (
    FORMATS,
    PERSON_SOURCES,
    ages,
    date_styles,
    hospital_names,
    render_person_source,
    write_source,
)
from .world import World


def _pid(col: str = "pid") -> pl.Expr:
    return pl.format("P{}", pl.col(col).cast(pl.Utf8).str.zfill(7))


def _keyed(df: pl.DataFrame, sort_by: list[str], prefix: str, width: int,
           rng: np.random.Generator) -> pl.DataFrame:
    """Rows in the supplier's order (by date, ties at random) with its own running keys."""
    df = df.with_columns(pl.Series("_tie", rng.permutation(df.height)))
    df = df.sort([*sort_by, "_tie"]).drop("_tie")
    return df.with_columns(pl.format(f"{prefix}{{}}", (pl.int_range(pl.len()) + 1).cast(pl.Utf8)
                                     .str.zfill(width)).alias("record_id"))


def _styles(n: int, p: list[float], rng: np.random.Generator) -> pl.Series:
    return pl.Series("_style", rng.choice(len(p), n, p=p))


def _fh_style(name: str) -> int:
    """Each funeral home's software writes dates its own way."""
    h = sum(ord(c) for c in name) % 10
    return 0 if h < 5 else (1 if h < 7 else (3 if h < 9 else 2))


def generate(out: str | Path, scale: float = 0.2, seed: int = 1) -> dict[str, Any]:
    out = Path(out)
    (out / "truth").mkdir(parents=True, exist_ok=True)
    w = World(scale, seed)
    w.build_workers()
    maker = run_incidents(w)
    w.worker_deaths()
    w.general_deaths()
    w.migrant_deaths()
    w.work_injuries()
    w.general_injuries()
    w.employment()
    rng = w.r["render"]
    w.pop.freeze(rng)
    pop = w.pop
    stats: dict[str, Any] = {"rows": {}, "formats": dict(FORMATS), "id_kinds": {},
                             "id_kind_counts": {}}
    record_person: list[pl.DataFrame] = []

    # ---- accidents
    acc = pl.DataFrame(maker.accidents, schema={
        "incident_idx": pl.Int64, "occurred_at": pl.Datetime("us"), "reported_at":
        pl.Datetime("us"), "region_code": pl.Utf8, "address": pl.Utf8, "enterprise_name":
        pl.Utf8, "enterprise_uscc": pl.Utf8, "industry": pl.Utf8, "accident_type": pl.Utf8,
        "reported_deaths": pl.Int64, "reported_serious_injuries": pl.Int64,
        "reported_minor_injuries": pl.Int64, "direct_loss_10k_yuan": pl.Float64})
    acc = _keyed(acc, ["occurred_at"], "GZAQ2023", 5, rng)
    acc = acc.with_columns(_styles(acc.height, [.7, .2, .1], rng))
    for col in ("occurred_at", "reported_at"):
        c = pl.col(col)
        slash = pl.concat_str([c.dt.year().cast(pl.Utf8), c.dt.month().cast(pl.Utf8),
                               c.dt.day().cast(pl.Utf8)], separator="/")
        acc = acc.with_columns(
            pl.when(pl.col("_style") == 1).then(c.dt.strftime("%Y-%m-%d %H:%M:%S"))
            .when(pl.col("_style") == 2).then(pl.concat_str([slash, c.dt.strftime("%H:%M")],
                                                            separator=" "))
            .otherwise(c.dt.strftime("%Y-%m-%d %H:%M")).alias(col))
    acc_ids = dict(zip(acc["incident_idx"].to_list(), acc["record_id"].to_list(), strict=True))
    acc_out = acc.select("record_id", "occurred_at", "reported_at", "region_code", "address",
                         "enterprise_name", "enterprise_uscc", "industry", "accident_type",
                         "reported_deaths", "reported_serious_injuries",
                         "reported_minor_injuries", "direct_loss_10k_yuan")
    write_source(acc_out, out, "accidents")
    stats["rows"]["accidents"] = acc_out.height

    # ---- person-bearing sources
    for src in PERSON_SOURCES:
        df = w.rec.frame(src)
        if src == "accident_victims":
            df = df.with_columns(pl.col("accident_key").replace_strict(
                acc_ids, return_dtype=pl.Utf8).alias("accident_id"))
            df = df.with_columns(pl.Series("_tie", rng.permutation(df.height))).sort(
                ["accident_id", "order", "_tie"]).drop("_tie")
            df = df.with_columns(pl.format("{}-{}", pl.col("accident_id"), (pl.int_range(
                pl.len()).over("accident_id") + 1).cast(pl.Utf8).str.zfill(2)).alias("record_id"))
            df, kinds = render_person_source(df, src, pop, rng)
            df = df.with_columns(ages(df, pop, "day", rng, nominal=.15, missing=.05))
            final = df.select("record_id", "accident_id", "name", "id_number", "sex", "age",
                              "outcome")
        elif src == "deregistrations":
            df = _keyed(df, ["dereg_on"], "HJZX", 8, rng)
            df, kinds = render_person_source(df, src, pop, rng)
            who = df["as_pid"].fill_null(df["pid"]).to_numpy()
            birth = pop.births[who].astype("datetime64[D]")
            df = df.with_columns(pl.Series("birth_date", birth).cast(pl.Date),
                                 _styles(df.height, [.6, .05, .35, 0.0], rng))
            df = df.with_columns(
                pl.when(pl.Series(rng.random(df.height) < .03)).then(None)
                .otherwise(pl.col("birth_date")).alias("birth_date"),
                pl.when(pl.col("death_known")).then(pl.col("death_date")).alias("death_date"),
                pl.col("dereg_on").alias("deregistered_on"),
                pl.col("region").alias("region_code"), pl.col("cause").alias("death_cause"))
            df = df.with_columns(*(date_styles(c, pl.col("_style")) for c in
                                   ("birth_date", "death_date", "deregistered_on")))
            final = df.select("record_id", "name", "id_number", "sex", "birth_date",
                              "death_date", "deregistered_on", "region_code", "reason",
                              "death_cause")
        elif src == "cremations":
            df = _keyed(df, ["cremated_on"], "BZ", 8, rng)
            df, kinds = render_person_source(df, src, pop, rng)
            df = df.with_columns(ages(df, pop, "cremated_on", rng, nominal=.25, missing=.08))
            styles = {h: _fh_style(h) for h in df["funeral_home"].unique().to_list()}
            df = df.with_columns(
                pl.col("funeral_home").replace_strict(styles, return_dtype=pl.Int64)
                .alias("_style"),
                pl.when(pl.col("death_known")).then(pl.col("death_date")).alias("death_date"))
            df = df.with_columns(*(date_styles(c, pl.col("_style")) for c in
                                   ("death_date", "cremated_on")))
            final = df.select("record_id", "name", "id_number", "sex", "age", "death_date",
                              "cremated_on", "funeral_home", pl.col("region").alias("region_code"),
                              pl.col("cause").alias("death_cause"),
                              pl.col("issuer").alias("certificate_issuer"),
                              pl.col("origin").alias("body_origin"))
        elif src == "injury_claims":
            df = _keyed(df, ["applied_on"], "GS2023", 7, rng)
            df, kinds = render_person_source(df, src, pop, rng)
            final = df.select("record_id", "name", "id_number", "sex", "employer_name",
                              "employer_uscc", "injury_date", "applied_on", "decided_on",
                              "outcome", pl.col("desc").alias("injury_description"),
                              pl.col("region").alias("region_code"))
        elif src == "medical_records":
            df = _keyed(df, ["admitted_at"], "", 8, rng)
            df = df.with_columns(pl.format("{}-{}", pl.col("hospital").cast(pl.Utf8).str.zfill(3),
                                           pl.col("record_id")).alias("record_id"))
            df, kinds = render_person_source(df, src, pop, rng)
            hname, hregion = hospital_names(df["hospital"])
            df = df.with_columns(ages(df, pop, "admitted_at", rng, nominal=.0, missing=.03),
                                 hname.alias("hospital"), hregion)
            final = df.select("record_id", "name", "id_number", "sex", "age", "hospital",
                              "region_code", "admitted_at", "discharged_at",
                              pl.col("diag").alias("diagnosis_icd10"),
                              pl.col("ext").alias("external_cause_icd10"), "disposition",
                              "payer", "employer_name")
        else:
            df = _keyed(df, ["start_date"], "SB", 9, rng)
            df, kinds = render_person_source(df, src, pop, rng)
            df = df.with_columns(pl.when(pl.Series(rng.random(df.height) < .04)).then(None)
                                 .otherwise(pl.col("name")).alias("name"))
            final = df.select("record_id", "id_number", "name", "employer_name", "employer_uscc",
                              "industry", "start_date", "end_date")
        write_source(final, out, src)
        stats["rows"][src] = final.height
        stats["id_kinds"][src] = list(zip(final["record_id"].to_list(), kinds, strict=True))
        stats["id_kind_counts"][src] = dict(sorted(pl.Series(kinds).value_counts().iter_rows()))
        record_person.append(df.select(pl.lit(src).alias("source"), "record_id",
                                       _pid().alias("person_id")))

    # ---- enterprises
    f = w.firms
    ent = pl.DataFrame({"uscc": f.uscc, "name": f.name, "industry": f.industry,
                        "region_code": [geo.COUNTIES[c].code for c in f.county],
                        "high_risk": f.high_risk, "_in": f.in_register})
    ent = ent.filter(pl.col("_in")).drop("_in").unique("uscc", keep="first", maintain_order=True)
    ent = ent.sort(["region_code", "name"])
    write_source(ent, out, "enterprises")
    stats["rows"]["enterprises"] = ent.height

    # ---- truth
    rp = pl.concat(record_person).sort(["source", "record_id"])
    rp.write_parquet(out / "truth" / "record_person.parquet", statistics=False)
    inc = pl.DataFrame(w.incidents, schema={
        "incident_idx": pl.Int64, "kind": pl.Utf8, "pattern": pl.Utf8, "true_deaths": pl.Int64,
        "reported_deaths": pl.Int64, "employer_uscc": pl.Utf8, "occurred_on": pl.Date,
        "accident": pl.Boolean})
    inc = inc.with_columns(
        pl.format("INC{}", (pl.col("incident_idx") + 1).cast(pl.Utf8).str.zfill(5))
        .alias("incident_id"),
        pl.col("incident_idx").replace_strict(acc_ids, default=None, return_dtype=pl.Utf8)
        .alias("accident_record_id"))
    inc_ids = dict(zip(inc["incident_idx"].to_list(), inc["incident_id"].to_list(), strict=True))
    inc.select("incident_id", "accident_record_id", "kind", "true_deaths", "reported_deaths",
               "employer_uscc", "occurred_on").sort("incident_id").write_parquet(
        out / "truth" / "incidents.parquet", statistics=False)
    ip = pl.DataFrame(w.incident_persons, schema={"incident_idx": pl.Int64, "pid": pl.Int64,
                                                  "outcome": pl.Utf8,
                                                  "reported_outcome": pl.Utf8}, orient="row")
    ip = ip.with_columns(pl.col("incident_idx").replace_strict(inc_ids, return_dtype=pl.Utf8)
                         .alias("incident_id"), _pid().alias("person_id"))
    ip.select("incident_id", "person_id", "outcome", "reported_outcome").sort(
        ["incident_id", "person_id"]).write_parquet(out / "truth" / "incident_person.parquet",
                                                    statistics=False)
    deaths = pl.DataFrame([(p, c, i) for p, (c, i) in w.deaths.items()],
                          schema={"pid": pl.Int64, "death_class": pl.Utf8, "incident_idx":
                                  pl.Int64}, orient="row")
    deaths = deaths.with_columns(
        _pid().alias("person_id"),
        pl.when(pl.col("incident_idx") >= 0).then(pl.col("incident_idx").replace_strict(
            inc_ids, default=None, return_dtype=pl.Utf8)).alias("incident_id"))
    deaths.select("person_id", "death_class", "incident_id").sort("person_id").write_parquet(
        out / "truth" / "deaths.parquet", statistics=False)

    # ---- statistics
    hidden = ip.join(inc.select("incident_idx", "kind", "pattern"), on="incident_idx").filter(
        (pl.col("kind") != "reported") & (pl.col("outcome") == "death")
        & (pl.col("reported_outcome").is_null() | (pl.col("reported_outcome") != "death")))
    stats["hidden_deaths"] = hidden.height
    stats["hidden_deaths_by_pattern"] = dict(sorted(
        hidden.group_by("pattern").len().iter_rows()))
    for kind in ("concealed", "under_reported"):
        sub = inc.filter(pl.col("kind") == kind)
        stats[kind] = dict(sorted(sub.group_by("pattern").len().iter_rows()))
    stats["reported"] = inc.filter(pl.col("kind") == "reported").height
    stats["incident_patterns"] = dict(inc.select("incident_id", "pattern").sort("incident_id")
                                      .iter_rows())
    stats["incidents"] = inc.height
    stats["deaths"] = dict(sorted(deaths.group_by("death_class").len().iter_rows()))
    stats["persons"] = int(rp["person_id"].n_unique())
    stats["enterprise_uscc_valid_share"] = round(
        sum(uscc_is_valid(u) for u in ent["uscc"]) / max(ent.height, 1), 4)
    stats["merged_mines"] = sum(1 for x in f.merge_to if x >= 0)
    for k, v in w.stats.items():
        stats[k] = v
    stats["scale"] = scale
    stats["seed"] = seed
    return stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", required=True)
    ap.add_argument("--scale", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    stats = generate(a.out, scale=a.scale, seed=a.seed)
    summary = {k: v for k, v in stats.items() if k not in ("id_kinds", "incident_patterns")}
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

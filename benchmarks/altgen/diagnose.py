"""Why a run misses on altgen data: linkage errors by cause, hidden deaths by fate.

    python -m benchmarks.altgen.diagnose --data DIR --run RUN_DIR

Linkage: every true pair the run split (false negative) and every pair it merged across two
true persons (false positive), counted by source pair and by what the normalised records
(``records.parquet``) show: IDs equal / one missing / different, names equal / pinyin equal /
different, birth dates equal. Hidden deaths: for each, whether any lead holds one of its records,
the lead type and rank, and which sources the person has.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import polars as pl

from synthetic_data.evaluate import hidden_deaths, load_truth

KEY = ["source", "record_id"]


def _records(data: Path, run: Path) -> pl.DataFrame:
    truth = load_truth(data / "truth")
    rec = pl.read_parquet(run / "records.parquet")
    links = pl.read_parquet(run / "links.parquet").select(*KEY, "person_key")
    return (rec.join(truth["record_person"], on=KEY, how="inner")
            .join(links, on=KEY, how="left"))


def _pair_frame(rec: pl.DataFrame, by: str) -> pl.DataFrame:
    cols = ["source", "record_id", "person_id", "person_key", "id18", "name_simp", "name_pinyin",
            "birth_date", "sex"]
    r = rec.select(cols).with_row_index("i")
    p = r.join(r, on=by, suffix="_r").filter(pl.col("i") < pl.col("i_r"))
    return p


def classify(p: pl.DataFrame) -> pl.DataFrame:
    return p.with_columns(
        pl.concat_str([pl.min_horizontal("source", "source_r"), pl.lit("~"),
                       pl.max_horizontal("source", "source_r")]).alias("sources"),
        pl.when(pl.col("id18").is_null() | pl.col("id18_r").is_null()).then(pl.lit("id_missing"))
        .when(pl.col("id18") == pl.col("id18_r")).then(pl.lit("id_equal"))
        .otherwise(pl.lit("id_differ")).alias("id"),
        pl.when(pl.col("name_simp") == pl.col("name_simp_r")).then(pl.lit("name_equal"))
        .when(pl.col("name_pinyin") == pl.col("name_pinyin_r")).then(pl.lit("pinyin_equal"))
        .otherwise(pl.lit("name_differ")).alias("name"),
        pl.when(pl.col("birth_date").is_null() | pl.col("birth_date_r").is_null())
        .then(pl.lit("dob_missing")).when(pl.col("birth_date") == pl.col("birth_date_r"))
        .then(pl.lit("dob_equal")).otherwise(pl.lit("dob_differ")).alias("dob"))


def linkage_errors(data: Path, run: Path) -> dict[str, pl.DataFrame]:
    rec = _records(data, run)
    fn = classify(_pair_frame(rec, "person_id").filter(pl.col("person_key")
                                                       != pl.col("person_key_r")))
    fp = classify(_pair_frame(rec, "person_key").filter(pl.col("person_id")
                                                        != pl.col("person_id_r")))
    return {"false_negative_pairs": fn, "false_positive_pairs": fp}


def hidden_fate(data: Path, run: Path) -> pl.DataFrame:
    truth = load_truth(data / "truth")
    hd = hidden_deaths(truth)
    rp = truth["record_person"]
    ev = pl.read_parquet(run / "lead_evidence.parquet").select("lead_id", *KEY)
    leads = pl.read_parquet(run / "leads.parquet").select("lead_id", "rank", "lead_type", "score")
    src = rp.group_by("person_id").agg(pl.col("source").unique().sort().str.join("+")
                                       .alias("sources"))
    held = (rp.join(ev, on=KEY).join(leads, on="lead_id")
            .group_by("person_id").agg(pl.col("rank").min(), pl.col("lead_type").first(),
                                       pl.col("score").max()))
    return (hd.join(src, on="person_id", how="left").join(held, on="person_id", how="left")
            .sort("kind", "rank", nulls_last=True))


def rescore(data: Path, run: Path | None, scorers: dict[str, str | None]) -> dict[str, dict]:
    """Lead metrics of the run's candidates re-scored by other scorer files (None = shipped).

    Re-runs the gate and the detection's candidate stage in-process on the run's own links
    (``run=None``: links computed here as ``crosscheck run`` does), so only the scoring
    differs; ranks as ``detect`` does (score ≥ ``min_score``, ties by lead_id).
    """
    from datetime import date

    import numpy as np

    from pipelines.contract import SOURCES
    from pipelines.detection.detect import candidate_leads
    from pipelines.detection.features import feature_matrix
    from pipelines.detection.params import DetectionParams
    from pipelines.detection.scorer import Scorer
    from pipelines.io import read_input_dir
    from pipelines.quality import run_gate
    from synthetic_data.evaluate import lead_scores

    gate = run_gate(read_input_dir(data), as_of=date.today())
    accepted = {s: gate.accepted.get(s) for s in SOURCES}
    if run is not None:
        links = pl.read_parquet(run / "links.parquet")
    else:
        from pipelines.linking import link_persons
        from pipelines.persons import person_records

        links = link_persons(person_records(gate.accepted)).links.sort("source", "record_id")
    cands, _, _ = candidate_leads(accepted, links)
    X = feature_matrix(cands.leads)
    truth = load_truth(data / "truth")
    out = {}
    for name, path in scorers.items():
        sc = Scorer.load(path)
        prob = sc.predict_proba(X)
        prm = DetectionParams()
        leads = cands.leads.select("lead_id", "lead_type", "accident_id").with_columns(
            pl.Series("score", prob))
        leads = leads.with_columns(pl.col("score").round(12).alias("_s")).sort(
            ["_s", "lead_id"], descending=[True, False]).with_columns(
            pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias("rank"))
        # as detect writes them: score >= min_score, or among the best min_leads (when set)
        keep = pl.col("score") >= prm.min_score
        if hasattr(prm, "min_leads"):
            keep = keep | (pl.col("rank") <= prm.min_leads)
        leads = leads.filter(keep)
        ev = cands.evidence.join(leads.select("lead_id"), on="lead_id", how="semi")
        out[name] = lead_scores(truth, leads, ev)
        out[name]["weights"] = dict(zip(sc.features, np.round(sc.weights, 2).tolist(), strict=True))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--run", required=True)
    a = ap.parse_args(argv)
    data, run = Path(a.data), Path(a.run)
    pl.Config.set_tbl_rows(60)
    pl.Config.set_tbl_width_chars(200)
    for name, f in linkage_errors(data, run).items():
        print(f"{name}: {f.height}")
        print(f.group_by("sources").len().sort("len", descending=True).head(12))
        print(f.group_by("id", "name", "dob").len().sort("len", descending=True).head(15))
    h = hidden_fate(data, run)
    n = h.height
    print(f"hidden deaths {n}: held by a lead {h['rank'].is_not_null().sum()}")
    print(h.group_by("kind", "sources", h["rank"].is_not_null().alias("held")).len()
          .sort("len", descending=True).head(30))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

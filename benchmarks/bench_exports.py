"""Benchmark: the same delivery as departments really write it — detection side by side.

Takes a generated province (``crosscheck generate``, kept in ``--data``), writes a copy whose
rows use the other spellings exports have (none of them changes a fact), runs ``crosscheck
run`` on both in subprocesses, and prints the quarantined rows, pairwise F1 and the detection
figures of the two runs side by side with their differences. The copy's variations, each on a
share of rows (``--share``):

- cause texts (death certificates, deregistrations, claim descriptions) in traditional characters;
- codes written as their Chinese labels (工亡, 伤残3级, 重伤, 公安, 出院, 职工医保 …);
- timestamps in ISO form with a UTC offset (``2024-03-10T09:05:00+08:00``);
- region codes at village level (12 digits, ``140105001001``);
- ages with their unit (``41岁``);
- a record_id reused for the next record (a supplier's numbering slip, 1 % of rows; the truth
  follows the record to the id the gate keeps it under, ``<record_id>#<row>``);
- a cremation whose death date was typed a few days after the cremation (1 % of rows).

A reader that drops or misreads any of these shows it here as quarantined rows and lost recall.

    python benchmarks/bench_exports.py --scale 0.05 --data /tmp/gen005
    python benchmarks/bench_exports.py --scale 0.2 --seed 902 --json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipelines.contract import ENUM_SYNONYMS, SOURCES  # noqa: E402
from synthetic_data.evaluate import evaluate_run  # noqa: E402

FIGURES = ("hidden_recall@n", "hidden_recall@2n", "hidden_recall@5n", "precision@n", "average_precision",
           "concealed_recall", "under_reported_recall")
TEXT_COLUMNS = {"deregistrations": ["death_cause"], "cremations": ["death_cause"],
                "injury_claims": ["injury_description"]}
DATETIME_COLUMNS = {"accidents": ["occurred_at", "reported_at"], "medical_records": ["admitted_at", "discharged_at"]}


def _crosscheck() -> list[str]:
    exe = Path(sys.executable).with_name("crosscheck")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "pipelines.cli"]


def _labels() -> dict[tuple[str, str], dict[str, str]]:
    """(source, column) → {code: one Chinese label}, from the contract's synonym table."""
    out: dict[tuple[str, str], dict[str, str]] = {}
    for name, src in SOURCES.items():
        for col in src.columns:
            syn = ENUM_SYNONYMS.get(col.enum or ())
            if syn:
                first: dict[str, str] = {}
                for label, code in syn.items():
                    first.setdefault(code, label)
                out[(name, col.name)] = first
    return out


def _to_traditional(texts: pl.Series) -> dict[str, str]:
    import opencc

    conv = opencc.OpenCC("s2t")
    return {t: conv.convert(t) for t in texts.drop_nulls().unique().to_list()}


def _vary(name: str, f: pl.DataFrame, rng: np.random.Generator, share: float,
          labels: dict[tuple[str, str], dict[str, str]], changed: dict[str, int],
          renamed: list[pl.DataFrame]) -> pl.DataFrame:
    """One source's rows with the export variations; counts what changed into ``changed`` and
    the records whose id was reused into ``renamed`` (source, record_id, new_id: the id the
    gate gives them, ``<reused id>#<row>``)."""
    n = f.height

    def pick(p: float) -> pl.Series:
        return pl.Series(rng.random(n) < p)

    def count(key: str, mask: pl.Series, col: str) -> None:
        changed[key] = changed.get(key, 0) + int((mask & f[col].is_not_null()).sum())

    for col in TEXT_COLUMNS.get(name, []):
        if col in f.columns:
            m = pick(share)
            count("traditional cause text", m, col)
            f = f.with_columns(pl.when(m).then(pl.col(col).replace(_to_traditional(f[col])))
                               .otherwise(pl.col(col)).alias(col))
    for (source, col), lab in labels.items():
        if source == name and col in f.columns:
            m = pick(share)
            count("code as Chinese label", m, col)
            f = f.with_columns(pl.when(m).then(pl.col(col).replace(lab)).otherwise(pl.col(col)).alias(col))
    for col in DATETIME_COLUMNS.get(name, []):
        if col in f.columns:
            m = pick(share)
            count("timestamp with UTC offset", m, col)
            iso = pl.col(col).str.to_datetime("%Y-%m-%d %H:%M:%S", strict=False)
            f = f.with_columns(pl.when(m & iso.is_not_null())
                               .then(iso.dt.strftime("%Y-%m-%dT%H:%M:%S") + "+08:00")
                               .otherwise(pl.col(col)).alias(col))
    if "region_code" in f.columns:
        m = pick(share / 3)
        count("village-level region code", m, "region_code")
        f = f.with_columns(pl.when(m & pl.col("region_code").str.contains(r"^\d{6}$"))
                           .then(pl.col("region_code") + "001001").otherwise(pl.col("region_code"))
                           .alias("region_code"))
    if "age" in f.columns:
        m = pick(share)
        count("age with its unit", m, "age")
        f = f.with_columns(pl.when(m).then(pl.col("age") + "岁").otherwise(pl.col("age")).alias("age"))
    if name == "cremations" and {"death_date", "cremated_on"} <= set(f.columns):
        m = pick(0.01)
        late = pl.col("cremated_on").str.to_date("%Y-%m-%d", strict=False) + pl.duration(days=3)
        count("death typed after cremation", m, "death_date")
        f = f.with_columns(pl.when(m & late.is_not_null()).then(late.dt.strftime("%Y-%m-%d"))
                           .otherwise(pl.col("death_date")).alias("death_date"))
    if "record_id" in f.columns and name not in ("accidents", "enterprises"):
        m = pick(0.01) & (pl.int_range(n, eager=True) > 0)
        # not after a row that is itself reused (a chain would repeat one id three times)
        m = m & ~m.shift(1, fill_value=False)
        count("record_id reused", m, "record_id")
        rows = pl.int_range(1, n + 1, eager=True)
        renamed.append(f.select(pl.lit(name).alias("source"), "record_id",
                                pl.format("{}#{}", pl.col("record_id").shift(1), rows).alias("new_id"))
                       .filter(m))
        f = f.with_columns(pl.when(m).then(pl.col("record_id").shift(1)).otherwise(pl.col("record_id"))
                           .alias("record_id"))
    return f


def perturb(src: Path, dst: Path, share: float, seed: int) -> dict[str, int]:
    """Write ``src``'s delivery to ``dst`` with the export variations; return how many values
    each variation changed."""
    rng = np.random.default_rng(seed)
    labels = _labels()
    changed: dict[str, int] = {}
    renamed: list[pl.DataFrame] = []
    dst.mkdir(parents=True)
    for path in sorted(src.glob("*.csv")):
        f = _vary(path.stem, pl.read_csv(path, infer_schema=False), rng, share, labels, changed, renamed)
        f.write_csv(dst / path.name)
    if (src / "truth").is_dir():
        shutil.copytree(src / "truth", dst / "truth")
        # the truth follows a record whose id was reused to the id the gate keeps it under
        rp_path = dst / "truth" / "record_person.parquet"
        rp = pl.read_parquet(rp_path)
        ren = pl.concat(renamed) if renamed else pl.DataFrame(
            schema={"source": pl.String, "record_id": pl.String, "new_id": pl.String})
        rp = rp.with_columns(pl.col("source").cast(pl.String), pl.col("record_id").cast(pl.String)) \
            .join(ren, on=["source", "record_id"], how="left") \
            .with_columns(pl.coalesce("new_id", "record_id").alias("record_id")).drop("new_id")
        rp.write_parquet(rp_path)
    return changed


def _run(data: Path, out: Path, store: Path) -> tuple[dict[str, Any], float]:
    env = {**os.environ, "CROSSCHECK_DB": f"sqlite:///{store}"}
    t = time.perf_counter()
    subprocess.run([*_crosscheck(), "run", "--input", str(data), "--out", str(out), "--no-report",
                    "--as-of", "2030-01-01"], env=env, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - t
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    quarantined = sum(int(v.get("quarantined", 0)) for v in manifest["inputs"].values() if isinstance(v, dict))
    res = evaluate_run(data / "truth", out)
    figures = {"quarantined rows": quarantined, "pairwise F1": res["linkage"]["pair_f1"],
               **{k: res["leads"][k] for k in FIGURES}}
    return figures, seconds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--share", type=float, default=0.3, help="share of rows each variation touches")
    ap.add_argument("--data", type=Path, default=None, help="generated input folder (reused when present)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/crosscheck-bench-exports"))
    ap.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    args = ap.parse_args(argv)
    data = args.data or Path(f"/tmp/crosscheck-bench-data-{args.scale:g}-{args.seed}")
    if not (data / "accidents.csv").exists():
        subprocess.run([*_crosscheck(), "generate", "--out", str(data), "--scale", str(args.scale),
                        "--seed", str(args.seed), "--force"], check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    varied = args.work / "as-written"
    changed = perturb(data, varied, args.share, args.seed)
    clean, t_clean = _run(data, args.work / "run-clean", args.work / "clean.db")
    written, t_written = _run(varied, args.work / "run-as-written", args.work / "written.db")

    print(f"delivery: scale {args.scale:g}, seed {args.seed}; values rewritten in the copy:")
    for k, v in changed.items():
        print(f"  {k:<30} {v:>8,}")
    print(f"\n{'figure':<24} {'as generated':>13} {'as written':>11} {'difference':>11}")
    for k in clean:
        a, b = clean[k], written[k]
        fmt = (lambda x: f"{x:,}") if isinstance(a, int) else (lambda x: f"{x:.3f}")
        print(f"{k:<24} {fmt(a):>13} {fmt(b):>11} {fmt(b - a):>11}")
    print(f"{'run seconds':<24} {t_clean:>13.1f} {t_written:>11.1f} {t_written - t_clean:>11.1f}")
    if args.json:
        print(json.dumps({"changed": changed, "as_generated": clean, "as_written": written,
                          "seconds": {"as_generated": t_clean, "as_written": t_written}}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

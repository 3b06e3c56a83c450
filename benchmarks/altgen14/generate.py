"""Write one synthetic delivery: the eight contract sources and ``truth/``.

    python -m benchmarks.altgen14.generate --out DIR --scale 0.2 --seed 1
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path
from typing import Any

import polars as pl

from .export import Exporter
from .world import World

# each department's export: CSV in its encoding, or Parquet
FORMATS = {"accidents": "gb18030", "accident_victims": "utf-8", "deregistrations": "utf-8-sig",
           "cremations": "gb18030", "injury_claims": "parquet", "medical_records": "parquet",
           "employment": "utf-8-sig", "enterprises": "utf-8"}
SOURCES = tuple(FORMATS)


def write_source(df: pl.DataFrame, out: Path, src: str) -> None:
    fmt = FORMATS[src]
    if fmt == "parquet":
        df.write_parquet(out / f"{src}.parquet")
        return
    text = df.write_csv()
    data = text.encode("gb18030") if fmt == "gb18030" else text.encode("utf-8")
    if fmt == "utf-8-sig":
        data = b"\xef\xbb\xbf" + data
    (out / f"{src}.csv").write_bytes(data)


def hidden_deaths(truth: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """True deaths in concealed or under-reported incidents not reported as deaths."""
    ip = truth["incident_person"].join(truth["incidents"].select("incident_id", "kind"),
                                       on="incident_id")
    return ip.filter((pl.col("kind") != "reported") & (pl.col("outcome") == "death")
                     & (pl.col("reported_outcome").is_null()
                        | (pl.col("reported_outcome") != "death")))


def generate(out: Path, scale: float, seed: int) -> dict[str, Any]:
    """Simulate the world at ``scale`` (1.0 ≈ a large province's year at a sampled rate) with
    ``seed``, write the delivery into ``out`` and return statistics (row counts, every record's ID
    kind, truth counts)."""
    t0 = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(exist_ok=True)
    world = World(scale, seed)
    world.build()
    ex = Exporter(world, seed)
    tables = {"accidents": ex.accidents()}
    for src in SOURCES[1:]:
        tables[src] = getattr(ex, src)()
    for src, df in tables.items():
        write_source(df, out, src)
    truth = ex.truth()
    for name, df in truth.items():
        df.write_parquet(out / "truth" / f"{name}.parquet")
    inc = truth["incidents"]
    ip = truth["incident_person"].join(inc.select("incident_id", "kind"), on="incident_id")
    sizes = ip.group_by("incident_id").len()
    conc = inc.filter(pl.col("kind") == "concealed").join(sizes, on="incident_id")
    late = sum(1 for i in world.incidents for v in i.victims if v.handling == "late_death")
    deaths = truth["deaths"]
    return {
        "rows": {src: df.height for src, df in tables.items()},
        "id_kinds": ex.id_kinds,
        "hidden_deaths": hidden_deaths(truth).height,
        "late_deaths": late,
        "incidents": {k: int((inc["kind"] == k).sum()) for k in ("reported", "under_reported",
                                                                  "concealed")},
        "concealed_multi": int((conc["len"] >= 2).sum()),
        "incident_deaths": int(inc["true_deaths"].sum()),
        "deaths": {c: int((deaths["death_class"] == c).sum())
                   for c in ("natural", "non_occupational", "incident")},
        "records": sum(df.height for df in tables.values()),
        "seconds": round(time.perf_counter() - t0, 2),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.altgen14.generate",
                                 description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--scale", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    stats = generate(args.out, args.scale, args.seed)
    stats.pop("id_kinds")
    stats["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(stats, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

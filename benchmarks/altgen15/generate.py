"""Entry point of the altgen15 generator: ``python -m benchmarks.altgen15.generate --out DIR
--scale S --seed N`` writes every input source of the data contract into DIR and the ground truth
into DIR/truth/, and prints its counts as one JSON object.

Formats: accidents and enterprises as UTF-8 CSV, accident victims and cremations as UTF-8 CSV
with a BOM, deregistrations as GB18030 CSV (public security's export), injury claims, medical
records and employment as Parquet with typed dates. Headers are the contract's canonical names."""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

import polars as pl

from .render import Renderer
from .world import World

FORMATS: dict[str, str] = {
    "accidents": "utf-8",
    "accident_victims": "utf-8-sig",
    "deregistrations": "gb18030",
    "cremations": "utf-8-sig",
    "injury_claims": "parquet",
    "medical_records": "parquet",
    "employment": "parquet",
    "enterprises": "utf-8",
}


def _write(df: pl.DataFrame, out: Path, src: str) -> None:
    fmt = FORMATS[src]
    if fmt == "parquet":
        df.write_parquet(out / f"{src}.parquet", compression="zstd", statistics=True)
        return
    text = df.write_csv()
    raw = text.encode("gb18030") if fmt == "gb18030" else text.encode("utf-8")
    if fmt == "utf-8-sig":
        raw = b"\xef\xbb\xbf" + raw
    (out / f"{src}.csv").write_bytes(raw)


def generate(out: str | Path, scale: float = 0.2, seed: int = 1) -> dict[str, Any]:
    """Build the world for ``scale`` and ``seed`` and write its sources and truth under ``out``.
    Returns the counts, the ID-number kind of every person-bearing record
    (``id_kinds[source]`` = [(record_id, kind), ...]) and the number of hidden deaths."""
    t0 = time.perf_counter()
    out = Path(out)
    (out / "truth").mkdir(parents=True, exist_ok=True)
    world = World(scale, seed)
    world.build()
    rd = Renderer(world, seed)
    makers = {"accidents": rd.accidents, "accident_victims": rd.victims,
              "deregistrations": rd.deregistrations, "cremations": rd.cremations,
              "injury_claims": rd.injury_claims, "medical_records": rd.medical_records,
              "employment": rd.employment, "enterprises": rd.enterprises}
    rows: dict[str, int] = {}
    for src, make in makers.items():  # one at a time: written, then let go
        df = make()
        _write(df, out, src)
        rows[src] = df.height
        if src in world.tables:
            world.tables[src].cols.clear()
        del df
    truth = rd.truth()
    for name, df in truth.items():
        df.write_parquet(out / "truth" / f"{name}.parquet", compression="zstd", statistics=True)
    inc, ip = truth["incidents"], truth["incident_person"]
    j = ip.join(inc.select("incident_id", "kind"), on="incident_id")
    hidden = j.filter((pl.col("kind") != "reported") & (pl.col("outcome") == "death")
                      & (pl.col("reported_outcome").is_null()
                         | (pl.col("reported_outcome") != "death"))).height
    sizes = ip.group_by("incident_id").len()
    conc = inc.filter(pl.col("kind") == "concealed").join(sizes, on="incident_id")
    modes: dict[str, int] = {}
    for i in world.incidents:
        for m in i.members:
            if i.kind != "reported" and m.outcome == "death" and m.reported != "death":
                modes[m.mode] = modes.get(m.mode, 0) + 1
    deaths = truth["deaths"]["death_class"].value_counts().sort("death_class")
    return {
        "scale": scale, "seed": seed,
        "rows": rows,
        "truth_rows": {name: df.height for name, df in truth.items()},
        "incidents": {k: int((inc["kind"] == k).sum()) for k in ("reported", "under_reported",
                                                                 "concealed")},
        "patterns": dict(sorted(world.pattern_counts.items())),
        "hidden_deaths": hidden,
        "hidden_by_mode": dict(sorted(modes.items())),
        "concealed_multi": conc.filter(pl.col("len") >= 2).height,
        "deaths": dict(zip(deaths["death_class"], deaths["count"], strict=True)),
        "persons": len(world.people),
        "bad_rows": rd.bad_rows,
        "id_kinds": rd.kinds,
        "seconds": round(time.perf_counter() - t0, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.altgen15.generate",
                                 description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--out", required=True, help="folder to write (created if absent)")
    ap.add_argument("--scale", type=float, default=0.2, help="1.0 is about a province-year")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if args.scale <= 0:
        print("--scale must be positive", file=sys.stderr)
        return 2
    stats = generate(args.out, args.scale, args.seed)
    stats.pop("id_kinds")
    print(json.dumps(stats, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

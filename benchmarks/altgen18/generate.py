"""Generate the altgen18 Shaanxi world: ``python -m benchmarks.altgen18.generate --out DIR
--scale S --seed N``. Scale 1.0 is the whole province (39.5 million people, ~290,000 deaths).

Writes the eight contract sources (formats in :data:`.render.FORMATS`) and ``truth/``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from .incidents import IncidentBuilder
from .render import FORMATS, Renderer, write_source
from .world import (
    World,
    background_deaths,
    background_injuries,
    build_enterprises,
    build_workers,
    employment_block,
)


def generate(out: Path | str, scale: float = 0.2, seed: int = 1) -> dict[str, Any]:
    """Write the world to ``out``; returns row counts, ID kinds per record and truth summaries."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(exist_ok=True)
    w = World(rng=np.random.default_rng(seed), scale=scale)
    build_enterprises(w)
    build_workers(w)
    ib = IncidentBuilder(w)
    ib.build()
    background_deaths(w)
    background_injuries(w)
    employment_block(w)
    r = Renderer(w)
    tables = r.sources()
    tables.update(r.accidents(ib.accidents, ib.victims))
    rows: dict[str, int] = {}
    for src in FORMATS:
        write_source(tables[src], out, src)
        rows[src] = tables[src].height
    truth = _truth(w, r)
    for name, df in truth.items():
        df.write_parquet(out / "truth" / f"{name}.parquet")
    inc = truth["incidents"]
    ip = truth["incident_person"].join(inc.select("incident_id", "kind"), on="incident_id")
    hidden = ip.filter(pl.col("kind").is_in(["concealed", "under_reported"])
                       & (pl.col("outcome") == "death")
                       & (pl.col("reported_outcome").fill_null("") != "death"))
    pats = Counter((w.patterns[i], k) for i, k in zip(inc["incident_id"], inc["kind"],
                                                      strict=True))
    return {"rows": rows, "formats": dict(FORMATS), "id_kinds": r.id_kinds,
            "hidden_deaths": hidden.height,
            "concealed": {p: n for (p, k), n in sorted(pats.items()) if k == "concealed"},
            "under_reported": {p: n for (p, k), n in sorted(pats.items())
                               if k == "under_reported"},
            "reported": pats.get(("honest", "reported"), 0)}


def _truth(w: World, r: Renderer) -> dict[str, pl.DataFrame]:
    rp = pl.concat(r.record_person).sort("source", "record_id")
    inc = pl.DataFrame({
        "incident_id": [i["incident_id"] for i in w.incidents],
        "accident_record_id": pl.Series([i["accident_record_id"] for i in w.incidents],
                                        dtype=pl.String),
        "kind": [i["kind"] for i in w.incidents],
        "true_deaths": pl.Series([i["true_deaths"] for i in w.incidents], dtype=pl.Int64),
        "reported_deaths": pl.Series([i["reported_deaths"] for i in w.incidents],
                                     dtype=pl.Int64),
        "employer_uscc": [i["employer_uscc"] for i in w.incidents],
        "occurred_on": pl.Series(np.array([i["occurred_on"] for i in w.incidents],
                                          dtype="datetime64[D]"))})
    ip = pl.DataFrame({
        "incident_id": [x["incident_id"] for x in w.incident_person],
        "person_id": [f"P{x['person_id']:07d}" for x in w.incident_person],
        "outcome": [x["outcome"] for x in w.incident_person],
        "reported_outcome": pl.Series([x["reported_outcome"] for x in w.incident_person],
                                      dtype=pl.String)})
    parts = []
    for b in w.deaths:
        n = len(b.cols["pid"])
        inc_ids = b.cols["inc"].tolist() if b.cols["inc"] is not None else [None] * n
        parts.append(pl.DataFrame({
            "person_id": [f"P{x:07d}" for x in b.cols["pid"].tolist()],
            "death_class": b.cols["cls"].tolist(),
            "incident_id": pl.Series(inc_ids, dtype=pl.String)}))
    deaths = pl.concat(parts).sort("person_id")
    return {"record_person": rp, "incidents": inc, "incident_person": ip, "deaths": deaths}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--scale", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    if a.scale <= 0:
        print("--scale must be positive", file=sys.stderr)
        return 2
    stats = generate(a.out, a.scale, a.seed)
    stats.pop("id_kinds")
    print(json.dumps(stats, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

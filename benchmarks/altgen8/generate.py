"""Generate one synthetic input folder (8 sources + truth/) for crosscheck, Guizhou edition.

    python -m benchmarks.altgen8.generate --out DIR --scale 0.2 --seed 1
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from . import deaths, employers, incidents, injuries, writer
from .world import EXTRACT, NO_DEATH, NULL, World


def _employment(w: World) -> None:
    """Spells as the insurer holds them; a dead person's spell is closed weeks later (mostly)."""
    rng, death = w.rng, w.people.death[w.sp_pid]
    dead = (death != NO_DEATH) & ((w.sp_end < 0) | (w.sp_end > death)) & (w.sp_start <= death)
    close = dead & (rng.random(len(death)) < 0.92)
    end = death + rng.integers(5, 90, len(death))
    w.sp_end = np.where(close, np.where(end <= EXTRACT, end, NULL), w.sp_end)
    keep = w.sp_keep & (w.sp_start <= EXTRACT) & ~((death != NO_DEATH) & (w.sp_start > death))
    w.add_frame("employment", {"pid": w.sp_pid, "ent": w.sp_ent, "start": w.sp_start,
                               "end": w.sp_end}, keep)


def simulate(scale: float, seed: int) -> World:
    w = World(rng=np.random.default_rng(seed), scale=scale)
    w.ent = employers.build_enterprises(w)
    employers.build_workers(w)
    idx = employers.SpellIndex(w)
    incs = incidents.build_incidents(w, idx)
    victims = np.array(sorted({v.pid for i in incs for v in i.victims}), dtype=np.int64)
    deaths.work_related_deaths(w, victims)
    deaths.worker_natural_deaths(w, victims)
    deaths.natural_deaths(w)
    deaths.nonocc_deaths(w, victims)
    injuries.background_injuries(w)
    _employment(w)
    return w


def generate(out: Path, scale: float, seed: int) -> dict[str, Any]:
    """Write the sources and truth/ into ``out``; return counts and the ID kinds per record."""
    t = time.time()
    out = Path(out)
    w = simulate(scale, seed)
    ppl = writer.People(w)
    sources, extra = writer.build_sources(w, ppl)
    truth = writer.build_truth(w, extra["record_person"])
    if out.exists():
        for p in [*(out / f"{s}.{e}" for s in sources for e in ("csv", "parquet")),
                  out / "truth"]:
            if p.is_dir():
                shutil.rmtree(p)
            elif p.exists():
                p.unlink()
    writer.write_all(out, sources, truth)
    inc, ip = truth["incidents"], truth["incident_person"]
    hidden = ip.join(inc.select("incident_id", "kind"), on="incident_id").filter(
        (pl.col("kind") != "reported") & (pl.col("outcome") == "death")
        & (pl.col("reported_outcome").is_null() | (pl.col("reported_outcome") != "death")))
    kinds = inc["kind"].value_counts().sort("kind")
    return {
        "scale": scale, "seed": seed, "seconds": round(time.time() - t, 2),
        "rows": {s: df.height for s, df in sources.items()},
        "total_rows": sum(df.height for df in sources.values()),
        "incidents": dict(zip(kinds["kind"].to_list(), kinds["count"].to_list(), strict=True)),
        "hidden_deaths": hidden.height,
        "deaths": dict(zip(*truth["deaths"]["death_class"].value_counts().sort(
            "death_class").to_dict(as_series=False).values(), strict=True)),
        "duplicated_ids": ppl.n_dup,
        "tally": dict(sorted(w.tally.items())),
        "id_kinds": extra["id_kinds"],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--scale", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    stats = generate(a.out, a.scale, a.seed)
    stats["id_kinds"] = {s: dict(zip(*df["kind"].value_counts().sort("kind").to_dict(
        as_series=False).values(), strict=True)) for s, df in stats["id_kinds"].items()}
    print(json.dumps(stats, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

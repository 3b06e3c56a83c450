"""Generate the altgen17 world: ``python -m benchmarks.altgen17.generate --out DIR --scale S
--seed N``. Writes the eight contract sources and ``truth/``; prints a one-line JSON summary."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from . import background as B
from . import geo as G
from .firms import build_firms
from .incidents import make_incidents
from .people import People, build_workforce
from .render import FORMATS, Renderer
from .world import Ctx


def generate(out: Path | str, scale: float = 0.2, seed: int = 1, *,
             id_kinds: bool = False) -> dict[str, Any]:
    """Write one world into ``out`` (emptied first). Returns statistics: ``rows`` per source,
    ``formats``, the truth's counts, hidden deaths, incidents by pattern, and with ``id_kinds`` the
    kind of ID damage of every person-bearing record (``{source: {record_id: kind}}``)."""
    t0 = time.perf_counter()
    out = Path(out)
    _clear(out)
    seq = np.random.SeedSequence([seed, 17])
    r_geo, r_firm, r_work, r_inc, r_bg, r_people, r_render = (
        np.random.default_rng(s) for s in seq.spawn(7))
    geo = G.build_geo(r_geo)
    hospitals = G.build_hospitals(geo)
    funeral_homes = G.build_funeral_homes(geo, r_geo)
    firms = build_firms(r_firm, geo, scale)
    people = People()
    work = build_workforce(r_work, geo, firms, people)
    ctx = Ctx(rng=r_inc, scale=scale, geo=geo, hospitals=hospitals, funeral_homes=funeral_homes,
              firms=firms, people=people, work=work)
    maker = make_incidents(ctx)
    ctx.rng = r_bg
    n_worker_deaths = B.worker_deaths(ctx)
    B.work_claims(ctx)
    B.background_medical(ctx)
    B.natural_deaths(ctx, n_worker_deaths)
    B.injury_deaths(ctx)
    t_world = time.perf_counter() - t0
    people.finalize(r_people, geo)
    rend = Renderer(ctx, r_render, out, id_kinds)
    acc_ids = rend.accidents()
    rend.accident_victims(acc_ids)
    rend.deregistrations()
    rend.cremations()
    rend.injury_claims()
    rend.medical_records()
    rend.employment()
    rend.enterprises()
    truth = rend.truth(acc_ids)
    patterns = dict(sorted(maker.patterns.items()))
    stats: dict[str, Any] = {
        "scale": scale, "seed": seed, "rows": dict(rend.rows), "formats": dict(FORMATS),
        "persons": people.n, "hidden_deaths": truth["hidden_deaths"],
        "incidents": dict(truth["incidents"]), "deaths": dict(truth["deaths"]),
        "patterns": patterns,
        "concealed_by_pattern": {k.split(":", 1)[1]: v for k, v in patterns.items()
                                 if k.startswith("concealed:")},
        "under_reported_by_pattern": {k.split(":", 1)[1]: v for k, v in patterns.items()
                                      if k.startswith("under_reported:")},
        "seconds": {"world": round(t_world, 2), "total": round(time.perf_counter() - t0, 2)},
    }
    if id_kinds:
        stats["id_kinds"] = rend.kinds
    return stats


def _clear(out: Path) -> None:
    """Make ``out`` an empty folder; only a previous world (the sources and ``truth/``) is ever
    deleted — a folder holding anything else is refused."""
    ours = {f"{s}.{ext}" for s in FORMATS for ext in ("csv", "parquet")} | {"truth"}
    if out.exists():
        other = sorted(p.name for p in out.iterdir() if p.name not in ours)
        if other:
            raise FileExistsError(f"{out} holds other files ({', '.join(other[:3])}); "
                                  "give an empty or new folder")
        for p in out.iterdir():
            if p.is_dir():
                shutil.rmtree(p)
            else:
                p.unlink()
    out.mkdir(parents=True, exist_ok=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.altgen17.generate",
                                 description="Generate the altgen17 synthetic Shanxi world.")
    ap.add_argument("--out", required=True, type=Path, help="output folder (replaced)")
    ap.add_argument("--scale", type=float, default=0.2, help="share of the province (1.0 = all)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if not 0 < args.scale <= 2:
        print("--scale must be in (0, 2]", file=sys.stderr)
        return 2
    try:
        stats = generate(args.out, args.scale, args.seed)
    except FileExistsError as e:
        print(str(e), file=sys.stderr)
        return 2
    print(json.dumps(stats, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

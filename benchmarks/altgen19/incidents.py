"""Production-safety incidents: honestly reported, under-reported and concealed, each with the
records its casualties leave in every department."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import numpy as np
import polars as pl

from . import geo
from .icd import MINOR_DIAG, OCCUPATIONAL, ROAD_WORK
from .traces import DeathSpec, claim, death_records, medical, pick, pick1, work_desc
from .world import EXPORT, YEAR_END, YEAR_START, Ctx, Ent, birth_from_age, d64

# (kind, pattern) -> incidents at scale 1 (at least one at any scale)
PLAN: dict[tuple[str, str], int] = {
    ("reported", "honest_death"): 230,
    ("reported", "honest_injury"): 60,
    ("reported", "road_haulage"): 40,
    ("reported", "late_death_added"): 10,
    ("reported", "late_death_after_window"): 8,
    ("under_reported", "late_death_not_added"): 12,
    ("under_reported", "death_reported_as_injury"): 6,
    ("under_reported", "undercount_below_3"): 10,
    ("under_reported", "undercount_below_10"): 2,
    ("under_reported", "impersonated_victim"): 3,
    ("under_reported", "omitted_victim"): 10,
    ("concealed", "illness_disguise"): 30,
    ("concealed", "traffic_disguise"): 15,
    ("concealed", "body_moved"): 20,
    ("concealed", "fast_remote_cremation"): 20,
    ("concealed", "private_settlement"): 30,
    ("concealed", "late_claim"): 10,
    ("concealed", "injury_only"): 25,
    ("concealed", "mass_concealment"): 4,
}
DEATH_TRACES = ("illness_disguise", "traffic_disguise", "body_moved", "fast_remote_cremation",
                "private_settlement")


def plan_counts(scale: float) -> dict[tuple[str, str], int]:
    """How many incidents of each (kind, pattern) a world of ``scale`` holds."""
    return {k: max(1, round(v * scale)) for k, v in PLAN.items()}


# which employers have which kind of incident (weights by enterprise kind)
_HONEST_W = {"openpit": 1.5, "underground": 2.5, "strip": 2, "haul_in": 1.5, "blast": 1,
             "nonferrous": 2, "quarry": 2, "rare_earth_mine": 1.5, "coal_chem": 1, "chem": 1,
             "steel": 1, "re_smelt": 1, "ferroalloy": 1.5, "aluminium": 0.8, "power": 0.8,
             "construction": 2.5, "manufacturing": 0.4, "services": 0.2, "fireworks": 2}
_HIDE_W = {"openpit": 0.2, "underground": 4, "strip": 3, "haul_in": 1.5, "blast": 1,
           "nonferrous": 3, "quarry": 2, "rare_earth_mine": 0.5, "coal_chem": 0.5, "chem": 1,
           "steel": 0.2, "re_smelt": 0.5, "ferroalloy": 2, "aluminium": 0.3, "power": 0.3,
           "construction": 3, "manufacturing": 0.5, "services": 0.3, "fireworks": 1,
           "haulier": 0.3}
_BIG_W = {"underground": 4, "strip": 2, "openpit": 1, "nonferrous": 1.5, "coal_chem": 1,
          "construction": 1}
_TYPES: dict[str, dict[str, float]] = {
    "openpit": {"vehicle": 4, "collapse": 3, "struck_by_object": 2, "machinery": 2,
                "fall_from_height": 1, "electrocution": 0.5, "other": 0.5},
    "underground": {"roof_fall": 5, "gas_explosion": 1, "flooding": 0.7,
                    "poisoning_asphyxiation": 1, "machinery": 2, "vehicle": 2,
                    "electrocution": 0.5, "struck_by_object": 1},
    "blast": {"explosion": 5, "struck_by_object": 2, "other": 1},
    "mine": {"roof_fall": 2, "collapse": 2, "fall_from_height": 2, "struck_by_object": 2,
             "machinery": 1.5, "explosion": 1, "poisoning_asphyxiation": 1, "vehicle": 1},
    "chem": {"explosion": 2, "fire": 2, "poisoning_asphyxiation": 3, "burn": 1.5,
             "fall_from_height": 1, "machinery": 1},
    "metal": {"burn": 3, "poisoning_asphyxiation": 2, "machinery": 2, "lifting": 2,
              "struck_by_object": 1, "explosion": 1, "fall_from_height": 1, "electrocution": 0.5},
    "power": {"electrocution": 3, "fall_from_height": 2, "burn": 1, "machinery": 1},
    "construction": {"fall_from_height": 5, "collapse": 2, "struck_by_object": 2, "lifting": 1.5,
                     "electrocution": 1, "machinery": 1},
    "haulier": {"vehicle": 1},
    "manufacturing": {"machinery": 4, "burn": 1, "fire": 1, "fall_from_height": 1},
    "services": {"fall_from_height": 2, "electrocution": 1, "poisoning_asphyxiation": 1,
                 "other": 2},
    "fireworks": {"explosion": 3, "fire": 2},
}
_TYPE_GROUP = {"openpit": "openpit", "strip": "openpit", "haul_in": "openpit", "blast": "blast",
               "underground": "underground", "rare_earth_mine": "mine", "nonferrous": "mine",
               "quarry": "mine", "coal_chem": "chem", "chem": "chem", "steel": "metal",
               "re_smelt": "metal", "ferroalloy": "metal", "aluminium": "metal", "power": "power",
               "construction": "construction", "haulier": "haulier",
               "manufacturing": "manufacturing", "services": "services", "fireworks": "fireworks"}
_MONTH_W = np.array([0.8, 0.7, 0.9, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.0, 0.9])
_MONTH_W_BUILD = np.array([0.3, 0.3, 0.7, 1.2, 1.4, 1.4, 1.4, 1.4, 1.4, 1.3, 0.8, 0.3])
_SITE = {
    "openpit": ["采场", "剥离工作面", "排土场", "运输道路", "坑下破碎站"],
    "underground": ["综采工作面", "运输大巷", "掘进工作面", "回风巷", "井底车场"],
    "mine": ["采场", "井下作业面", "选矿车间", "溜井", "露天采场"],
    "chem": ["气化装置区", "罐区", "合成车间", "检修现场"],
    "metal": ["炼钢车间", "矿热炉平台", "出铁口", "电解车间", "原料场"],
    "power": ["升压站", "锅炉房", "输煤栈桥"],
    "construction": ["项目工地", "施工现场", "住宅楼工地"],
    "manufacturing": ["生产车间", "包装车间"],
    "services": ["作业现场", "换热站"],
    "fireworks": ["仓库", "中转库"],
    "blast": ["爆破作业区"],
    "haulier": ["运输途中"],
}


@dataclass
class Casualty:
    pid: int
    outcome: str                     # death / serious_injury / minor_injury
    reported: str | None             # as named in accident_victims
    trace: str = "honest"            # how the casualty's records look
    death_day: int = 0               # days after the accident the person died
    ghost: int | None = None         # a living person named in the person's place


@dataclass
class Incident:
    idx: int
    kind: str
    pattern: str
    ent: Ent
    resp: Ent
    county: str
    at: dt.datetime
    accident_type: str
    industry: str
    casualties: list[Casualty] = field(default_factory=list)

    @property
    def window(self) -> int:
        """Days within which a death must be added to the report."""
        road = self.accident_type == "vehicle" and self.industry == "transport"
        return 7 if road or self.accident_type == "fire" else 30


def _choose_ent(ctx: Ctx, weights: dict[str, float]) -> Ent:
    w = np.array([weights.get(e.kind, 0.0) * (1 + np.log1p(len(e.workers)) / 3)
                  for e in ctx.ents])
    return ctx.ents[int(ctx.rng.choice(len(ctx.ents), p=w / w.sum()))]


def _accident_type(ctx: Ctx, ent: Ent) -> str:
    table = _TYPES[_TYPE_GROUP[ent.kind]]
    if ent.kind in ("rare_earth_mine", "quarry"):
        table = {k: v for k, v in table.items() if k != "roof_fall"} or table
    keys = list(table)
    w = np.array([table[k] for k in keys])
    return keys[int(ctx.rng.choice(len(keys), p=w / w.sum()))]


def _when(ctx: Ctx, ent: Ent) -> dt.datetime:
    mw = _MONTH_W_BUILD if ent.kind == "construction" else _MONTH_W
    days = np.arange(d64(YEAR_START), d64(YEAR_END) + 1)
    months = days.astype("datetime64[M]").astype(np.int64) % 12
    w = mw[months]
    day = days[int(ctx.rng.choice(len(days), p=w / w.sum()))]
    d = dt.date(1970, 1, 1) + dt.timedelta(days=int(day.astype(np.int64)))
    pr = ctx.pr
    night = ent.kind in ("underground", "openpit", "strip", "haul_in", "steel", "ferroalloy",
                         "coal_chem") and pr.random() < 0.35
    hour = pr.choice([22, 23, 0, 1, 2, 3, 4, 5]) if night else pr.randint(7, 19)
    return dt.datetime(d.year, d.month, d.day, hour, pr.randrange(60))


class _Pool:
    """Workers an incident can take its casualties from."""

    def __init__(self, ctx: Ctx) -> None:
        self.by_ent = {int(k[0]) if isinstance(k, tuple) else int(k): v
                       for k, v in ctx.workers.partition_by("ent", as_dict=True).items()}

    def take(self, ctx: Ctx, ent: Ent, day: dt.date, k: int, hide: bool) -> list[int]:
        df = self.by_ent.get(ent.idx)
        out: list[int] = []
        if df is not None:
            ok = df.filter((pl.col("start") <= day) & (pl.col("leave").is_null()
                                                       | (pl.col("leave") > day)))
            pids = ok["person_id"].to_numpy()
            keep = np.array([p not in ctx.used for p in pids], dtype=bool)
            pids = pids[keep]
            if len(pids):
                male = ctx.people.col("male")[pids]
                mig = ctx.people.col("migrant")[pids]
                enr = ok["enrolled"].to_numpy()[keep]
                w = np.where(male, 4.0, 1.0) * np.where(hide & ~enr, 2.0, 1.0) * \
                    np.where(hide & mig, 1.5, 1.0)
                m = min(k, len(pids))
                out = [int(x) for x in ctx.rng.choice(pids, size=m, replace=False, p=w / w.sum())]
        if len(out) < k:  # small enterprise: casual labourers hired off the books
            m = k - len(out)
            rng = ctx.rng
            migrant = rng.random(m) < 0.6
            home = np.where(migrant, geo.migrant_home(rng, ent.region, m),
                            np.array([ent.region] * m, dtype=object))
            age = rng.uniform(22, 60, m)
            new = ctx.people.add(rng, region=home, male=rng.random(m) < 0.95,
                                 birth=birth_from_age(rng, age, np.full(m, d64(day))),
                                 migrant=migrant, role="casual")
            out += [int(x) for x in new]
        ctx.used.update(out)
        return out


def _enrolled(ctx: Ctx, pid: int) -> bool:
    return ctx.enrolled.get(pid, False)


def make_incidents(ctx: Ctx) -> list[Incident]:
    """Every incident of the year with its casualties and their records."""
    pr = ctx.pr
    pool = _Pool(ctx)
    incidents: list[Incident] = []
    for (kind, pattern), count in plan_counts(ctx.scale).items():
        for _ in range(count):
            if pattern == "road_haulage":
                ent = _choose_ent(ctx, {"haulier": 1.0})
            elif kind == "reported":
                ent = _choose_ent(ctx, _HONEST_W)
            elif pattern.startswith("undercount") or pattern == "mass_concealment":
                ent = _choose_ent(ctx, _BIG_W)
            elif pattern == "traffic_disguise":
                ent = _choose_ent(ctx, {**_HIDE_W, "haulier": 2.0})
            else:
                ent = _choose_ent(ctx, _HIDE_W)
            atype = _accident_type(ctx, ent)
            if pattern in ("late_death_not_added", "late_death_after_window") and \
                    pr.random() < 0.35:
                ent = _choose_ent(ctx, {"haulier": 1.0})
                atype = "vehicle"
            industry = "coal_mining" if ent.kind in ("strip", "haul_in", "blast") else ent.industry
            resp = ctx.ents[ent.host] if ent.host >= 0 and pr.random() < 0.4 else ent
            county = ent.region
            if ent.kind == "haulier":
                near = geo.city_counties(ent.region[:4])
                county = near[pr.randrange(len(near))] if pr.random() < 0.5 else ent.region
            inc = Incident(len(incidents), kind, pattern, ent, resp, county, _when(ctx, ent),
                           atype, industry)
            _casualties(ctx, pool, inc)
            incidents.append(inc)
    for inc in incidents:
        for c in inc.casualties:
            _records(ctx, inc, c)
        ctx.note(f"incident_{inc.kind}")
    return incidents


def _n_deaths(pr_u: float) -> int:
    return 1 if pr_u < 0.82 else 2 if pr_u < 0.93 else 3 if pr_u < 0.97 else 4 if pr_u < 0.99 \
        else 6


def _casualties(ctx: Ctx, pool: _Pool, inc: Incident) -> None:
    pr = ctx.pr
    p = inc.pattern
    day = inc.at.date()
    hide = inc.kind != "reported"
    cas: list[Casualty] = []

    def people(k: int) -> list[int]:
        return pool.take(ctx, inc.ent, day, k, hide)

    def injured(k_serious: int, k_minor: int, reported: bool) -> None:
        for pid in people(k_serious):
            cas.append(Casualty(pid, "serious_injury", "serious_injury" if reported else None,
                                "honest" if reported else "hidden_injury"))
        for pid in people(k_minor):
            cas.append(Casualty(pid, "minor_injury", "minor_injury" if reported else None,
                                "honest" if reported else "hidden_injury"))

    if p in ("honest_death", "road_haulage"):
        k = _n_deaths(pr.random()) if p == "honest_death" else (1 if pr.random() < 0.8 else 2)
        cas += [Casualty(x, "death", "death") for x in people(k)]
        if pr.random() < 0.35:
            injured(pr.randint(0, 2), pr.randint(0, 2), True)
    elif p == "honest_injury":
        injured(pr.randint(1, 4), pr.randint(0, 3), True)
    elif p == "late_death_added":
        cas += [Casualty(x, "death", "death") for x in people(pr.randint(0, 1))]
        cas.append(Casualty(people(1)[0], "death", "death", "late_death",
                            pr.randint(2, inc.window - 1)))
        injured(pr.randint(0, 1), pr.randint(0, 2), True)
    elif p == "late_death_after_window":
        cas += [Casualty(x, "death", "death") for x in people(pr.randint(0, 1))]
        late = pr.randint(inc.window + 2, inc.window + 50)
        cas.append(Casualty(people(1)[0], "death", "serious_injury", "late_death", late))
        injured(pr.randint(0, 1), pr.randint(0, 2), True)
    elif p == "late_death_not_added":
        cas += [Casualty(x, "death", "death") for x in people(pr.randint(0, 2))]
        cas.append(Casualty(people(1)[0], "death", "serious_injury", "late_death",
                            pr.randint(2, inc.window - 1)))
        injured(pr.randint(0, 2), pr.randint(0, 2), True)
    elif p == "death_reported_as_injury":
        cas += [Casualty(x, "death", "death") for x in people(pr.randint(0, 1))]
        cas.append(Casualty(people(1)[0], "death", "serious_injury", "late_death",
                            pr.randint(0, 1)))
        injured(pr.randint(0, 2), pr.randint(0, 1), True)
    elif p in ("undercount_below_3", "undercount_below_10"):
        line = 2 if p == "undercount_below_3" else 9
        true = pr.randint(3, 6) if line == 2 else pr.randint(10, 13)
        pids = people(true)
        for j, pid in enumerate(pids):
            if j < line:
                cas.append(Casualty(pid, "death", "death"))
            else:
                cas.append(Casualty(pid, "death", None, pick1(pr, list(DEATH_TRACES))))
        injured(pr.randint(0, 3), pr.randint(0, 3), True)
    elif p == "impersonated_victim":
        n = pr.randint(2, 4)
        pids = people(n)
        for pid in pids[:-2]:
            cas.append(Casualty(pid, "death", "death"))
        ghost = _ghost(ctx, inc)
        cas.append(Casualty(pids[-2], "death", None, "body_moved", ghost=ghost))
        cas.append(Casualty(pids[-1], "death", None, pick1(pr, list(DEATH_TRACES))))
        injured(pr.randint(0, 2), pr.randint(0, 1), True)
    elif p == "omitted_victim":
        n = pr.randint(1, 3)
        cas += [Casualty(x, "death", "death") for x in people(n)]
        cas.append(Casualty(people(1)[0], "death", None, "omitted"))
        injured(pr.randint(0, 2), pr.randint(0, 2), True)
    elif p == "injury_only":
        injured(pr.randint(1, 4), pr.randint(0, 2), False)
    elif p == "mass_concealment":
        for pid in people(pr.randint(3, 6)):
            cas.append(Casualty(pid, "death", None, pick1(pr, list(DEATH_TRACES))))
        injured(pr.randint(0, 3), 0, False)
    else:  # single or double concealed deaths of one pattern
        k = 1 if pr.random() < 0.8 else 2
        trace = "late_claim" if p == "late_claim" else p
        cas += [Casualty(x, "death", None, trace) for x in people(k)]
        if pr.random() < 0.3:
            injured(pr.randint(0, 1), pr.randint(1, 2), False)
    inc.casualties = cas


def _ghost(ctx: Ctx, inc: Incident) -> int:
    """A living person whose name and ID were given for a dead worker."""
    rng = ctx.rng
    age = rng.uniform(25, 55, 1)
    return int(ctx.people.add(rng, region=np.array([inc.ent.region], dtype=object),
                              male=np.array([True]),
                              birth=birth_from_age(rng, age, np.full(1, d64(inc.at.date()))),
                              role="ghost")[0])


def _hosp(ctx: Ctx, county: str, city_p: float) -> int:
    own, city = geo.hospitals_near(county)
    pool = city if ctx.pr.random() < city_p else own
    return pool[ctx.pr.randrange(len(pool))]


def _diag_ext(ctx: Ctx, inc: Incident) -> tuple[list[str], list[str]]:
    if inc.accident_type == "vehicle" and inc.industry == "transport":
        return ROAD_WORK
    return OCCUPATIONAL[inc.accident_type]


def _records(ctx: Ctx, inc: Incident, c: Casualty) -> None:
    """All the records one casualty leaves, by how the incident was handled."""
    pr = ctx.pr
    pid = c.pid
    home = ctx.people.col("region")[pid]
    mongol = bool(ctx.people.col("mongol")[pid])
    migrant = not home.startswith("15")
    birth = ctx.people.col("birth")[pid]
    age = int((d64(inc.at.date()) - birth).astype(np.int64) / 365.25)
    enrolled = _enrolled(ctx, pid)
    diags, exts = _diag_ext(ctx, inc)
    ent = inc.ent
    t0 = inc.at + dt.timedelta(minutes=pr.randint(30, 150), seconds=pr.randrange(60))
    honest = c.trace in ("honest", "late_death")
    ctx.add("incident_person", incident=inc.idx, person_id=pid, outcome=c.outcome,
            reported_outcome=c.reported)
    if c.reported is not None or c.ghost is not None:
        named = c.ghost if c.ghost is not None else pid
        ctx.add("accident_victims", acc=inc.idx, person_id=named, id_person=named,
                outcome=c.reported or "death", age_at=inc.at.date())

    if c.outcome != "death":
        _injury_records(ctx, inc, c, t0, diags, exts, honest, enrolled)
        return

    died = inc.at.date() + dt.timedelta(days=c.death_day)
    ctx.add("deaths", person_id=pid, death_class="incident", incident=inc.idx, death_date=died)
    ctx.spell_end[pid] = died + dt.timedelta(days=pr.randint(0, 25))
    h: int | None = None
    trace = c.trace
    if honest:
        if c.trace == "late_death" or pr.random() < 0.5:
            h = _hosp(ctx, inc.county, 0.3 if c.death_day < 2 else 0.8)
            stay_end = t0 + dt.timedelta(days=c.death_day, hours=pr.randint(1, 20))
            payer = "work_injury_insurance" if enrolled and pr.random() < 0.7 else pick(
                pr, [("self_pay", 40), ("employee_insurance", 20), ("commercial", 20),
                     ("other", 20)])
            medical(ctx, pid, h, t0, stay_end, pick1(pr, diags),
                    pick1(pr, exts) if pr.random() < 0.85 else None, "died", payer,
                    ent.idx if pr.random() < 0.5 else None, c.death_day == 0)
        elif pr.random() < 0.4:  # brought dead to an emergency room
            h = _hosp(ctx, inc.county, 0.2)
            medical(ctx, pid, h, t0, t0 + dt.timedelta(minutes=pr.randint(10, 60)),
                    pick1(pr, diags), pick1(pr, exts) if pr.random() < 0.7 else None, "died",
                    None, ent.idx if pr.random() < 0.3 else None, True)
        where = inc.county
        spec = DeathSpec(pid, died, where, home, migrant, mongol, age, "work", hosp=h,
                         accident_type=inc.accident_type, migrant_dereg_p=0.3)
        death_records(ctx, spec)
        claim_p = 0.85 if enrolled else 0.3
        if pr.random() < claim_p:
            applied = died + dt.timedelta(days=pr.randint(7, 60))
            claim(ctx, pid, ent.idx, inc.at.date(), applied,
                  applied + dt.timedelta(days=pr.randint(15, 60)), "death",
                  work_desc(pr, inc.accident_type, True))
        return

    if trace == "omitted":  # a migrant left off the list, body taken home
        if pr.random() < 0.6:
            h = _hosp(ctx, inc.county, 0.3)
            medical(ctx, pid, h, t0, t0 + dt.timedelta(hours=pr.randint(1, 30)),
                    pick1(pr, diags), pick1(pr, exts) if pr.random() < 0.6 else None, "died",
                    pick(pr, [("self_pay", 60), ("other", 20), (None, 20)]),
                    ent.idx if pr.random() < 0.2 else None, True)
        spec = DeathSpec(pid, died, inc.county, home, migrant, mongol, age, "work", hosp=h,
                         accident_type=inc.accident_type, migrant_dereg_p=0.35,
                         crem_p=0.45 if migrant else 0.8, dereg_cls="vague")
        death_records(ctx, spec)
        return

    base = trace
    if trace == "late_claim":
        base = "illness_disguise" if pr.random() < 0.5 else "private_settlement"
    spec = _concealed_spec(ctx, inc, c, base, died, home, migrant, mongol, age, diags, exts, t0)
    made = death_records(ctx, spec)
    if not made[1] and base in ("illness_disguise", "traffic_disguise"):
        # the disguise is the false death certificate: the body was cremated here
        death_records(ctx, replace(spec, dereg_p=0.0, crem_p=1.0))
    if not any(made) and base == "body_moved" and spec.crem_p == 0.0:
        ctx.note("traceless_body_moved")
    backdate = pr.random() < 0.25  # the insurance spell ended before the death, on paper
    if base in ("illness_disguise", "body_moved", "fast_remote_cremation") and backdate:
        ctx.spell_end[pid] = died - dt.timedelta(days=pr.randint(5, 60))
    if trace == "late_claim":  # the family's own claim, months later (those filed by the export)
        applied = died + dt.timedelta(days=pr.randint(60, min(300, (EXPORT - died).days - 1)))
        claim(ctx, pid, ent.idx, inc.at.date(), applied,
              applied + dt.timedelta(days=pr.randint(30, 90)),
              "death" if pr.random() < 0.8 else "rejected", work_desc(pr, inc.accident_type, True))
    elif inc.kind == "under_reported" and pr.random() < 0.2:
        applied = died + dt.timedelta(days=pr.randint(30, 200))
        claim(ctx, pid, ent.idx, inc.at.date(), applied,
              applied + dt.timedelta(days=pr.randint(30, 90)), "death",
              work_desc(pr, inc.accident_type, True))


def _concealed_spec(ctx: Ctx, inc: Incident, c: Casualty, base: str, died: dt.date, home: str,
                    migrant: bool, mongol: bool, age: int, diags: list[str], exts: list[str],
                    t0: dt.datetime) -> DeathSpec:
    pr = ctx.pr
    pid = c.pid
    ent = inc.ent
    h: int | None = None
    if base == "illness_disguise":
        if pr.random() < 0.25:
            h = _hosp(ctx, inc.county, 0.2)
            medical(ctx, pid, h, t0, t0 + dt.timedelta(hours=pr.randint(1, 20)),
                    pick1(pr, diags), pick1(pr, exts) if pr.random() < 0.4 else None, "died",
                    pick(pr, [("self_pay", 50), ("resident_insurance", 30), (None, 20)]),
                    None, True)
        where = home if (not migrant and pr.random() < 0.5) else inc.county
        return DeathSpec(pid, died, where, home, migrant, mongol, age, "illness_disguise",
                         hosp=None, rec_shift=1 if pr.random() < 0.3 else 0,
                         crem_p=0.85 if not migrant else 0.6, migrant_dereg_p=0.3)
    if base == "traffic_disguise":
        near = [x for x in geo.city_counties(inc.county[:4]) if x != inc.county] or [inc.county]
        where = near[pr.randrange(len(near))]
        if pr.random() < 0.5:
            h = _hosp(ctx, where, 0.3)
            medical(ctx, pid, h, t0 + dt.timedelta(hours=pr.randint(1, 5)),
                    t0 + dt.timedelta(hours=pr.randint(6, 30)), pick1(pr, [*diags, "S06.5", "T07"]),
                    pick1(pr, ["V29.4", "V43.5", "V89.2", "V23.4", "V47.5"]), "died",
                    pick(pr, [("commercial", 40), ("self_pay", 40), ("resident_insurance", 20)]),
                    None, True)
        return DeathSpec(pid, died, where, home, migrant, mongol, age, "traffic_disguise",
                         hosp=None, rec_shift=1 if pr.random() < 0.3 else 0,
                         crem_p=0.8 if not migrant else 0.5, migrant_dereg_p=0.3, issuer="default")
    if base == "body_moved":
        out_of_province = migrant and pr.random() < 0.6
        if out_of_province:
            if pr.random() < 0.5:
                h = _hosp(ctx, inc.county, 0.2)
                medical(ctx, pid, h, t0, t0 + dt.timedelta(hours=pr.randint(1, 12)),
                        pick1(pr, diags), pick1(pr, exts) if pr.random() < 0.5 else None, "died",
                        pick(pr, [("self_pay", 70), (None, 30)]), None, True)
            return DeathSpec(pid, died, inc.county, home, migrant, mongol, age, "vague",
                             crem_p=0.0, migrant_dereg_p=0.4, rec_shift=pr.randint(0, 3))
        avoid = {inc.county[:4], ent.region[:4]}
        cities = [c for c in geo.CITIES if c not in avoid]
        if not migrant and home[:4] not in avoid and pr.random() < 0.5:
            where = home  # taken to the family's home county in another city
        else:
            cc = geo.city_counties(cities[pr.randrange(len(cities))])
            where = cc[pr.randrange(len(cc))]
        return DeathSpec(pid, died, where, home, migrant, mongol, age, "vague",
                         crem_cls=pick1(pr, ["vague", "illness_disguise"]),
                         fh=geo.funeral_home_near(where), crem_p=0.9,
                         rec_shift=pr.randint(0, 2), issuer=pick(
                             pr, [("community", 45), ("other", 35), (None, 20)]),
                         origin=pick(pr, [("家中", 50), (None, 20),
                                          (geo.county(where).name + geo.place_name(pr, where),
                                           30)]), migrant_dereg_p=0.3)
    if base == "fast_remote_cremation":
        fh = geo.funeral_home_far(pr_np(ctx), inc.county[:4], ent.region[:4], home[:4])
        return DeathSpec(pid, died, inc.county, home, migrant, mongol, age, "vague",
                         fh=fh, lag=pr.choice([0, 0, 1, 1, 1]), crem_p=1.0,
                         crem_cls=pick1(pr, ["vague", "vague", "illness_disguise"]),
                         issuer=pick(pr, [("other", 45), (None, 30), ("community", 25)]),
                         origin=pick(pr, [(None, 40), ("矿区", 15), ("工地", 10),
                                          (geo.county(inc.county).name, 35)]),
                         migrant_dereg_p=0.25, death_date_missing_p=0.15)
    # private settlement: honest-looking records, no claim, no report
    if pr.random() < 0.6:
        h = _hosp(ctx, inc.county, 0.3)
        medical(ctx, pid, h, t0, t0 + dt.timedelta(hours=pr.randint(1, 48)), pick1(pr, diags),
                pick1(pr, exts) if pr.random() < 0.7 else None, "died",
                pick(pr, [("self_pay", 55), ("commercial", 20), ("employee_insurance", 15),
                          (None, 10)]), ent.idx if pr.random() < 0.3 else None, True)
    return DeathSpec(pid, died, inc.county, home, migrant, mongol, age, "work", hosp=h,
                     accident_type=inc.accident_type, dereg_cls="accident",
                     crem_cls=pick1(pr, ["work", "other"]), migrant_dereg_p=0.3)


def pr_np(ctx: Ctx) -> np.random.Generator:
    return np.random.default_rng(ctx.pr.randrange(2**31))


def _injury_records(ctx: Ctx, inc: Incident, c: Casualty, t0: dt.datetime, diags: list[str],
                    exts: list[str], honest: bool, enrolled: bool) -> None:
    pr = ctx.pr
    pid = c.pid
    ent = inc.ent
    serious = c.outcome == "serious_injury"
    diag = pick1(pr, diags) if serious else pick1(pr, MINOR_DIAG)
    ext = pick1(pr, exts) if pr.random() < (0.85 if honest else 0.6) else None
    if honest:
        payer = "work_injury_insurance" if enrolled and pr.random() < 0.75 else pick(
            pr, [("self_pay", 40), ("employee_insurance", 25), ("commercial", 25), ("other", 10)])
        emp = ent.idx if pr.random() < 0.5 else None
    else:
        payer = pick(pr, [("self_pay", 50), ("resident_insurance", 20), ("commercial", 15),
                          ("employee_insurance", 10), (None, 5)])
        emp = ent.idx if pr.random() < 0.25 else None
    h = _hosp(ctx, inc.county, 0.3 if serious else 0.1)
    if serious:
        if pr.random() < 0.3:  # county hospital first, then transferred up
            out = t0 + dt.timedelta(hours=pr.randint(3, 40))
            medical(ctx, pid, h, t0, out, diag, ext, "transferred", payer, emp, True)
            _own, city = geo.hospitals_near(inc.county)
            h2 = city[pr.randrange(len(city))]
            a2 = out + dt.timedelta(hours=pr.randint(1, 4))
            medical(ctx, pid, h2, a2, a2 + dt.timedelta(days=pr.randint(12, 60)), diag, ext,
                    "discharged", payer, emp, False)
        else:
            medical(ctx, pid, h, t0, t0 + dt.timedelta(days=pr.randint(14, 70)), diag, ext,
                    pick(pr, [("discharged", 90), ("left_against_advice", 10)]) or "discharged",
                    payer, emp, pr.random() < 0.5)
    else:
        stay = dt.timedelta(hours=pr.randint(1, 8)) if pr.random() < 0.5 else \
            dt.timedelta(days=pr.randint(1, 9))
        medical(ctx, pid, h, t0, t0 + stay, diag, ext, "discharged", payer, emp,
                stay < dt.timedelta(hours=9))
    claim_p = (0.8 if enrolled else 0.25) if honest else (0.12 if serious else 0.03)
    if pr.random() < claim_p:
        applied = inc.at.date() + dt.timedelta(days=pr.randint(5, 60 if honest else 200))
        decided = applied + dt.timedelta(days=pr.randint(20, 90))
        if serious:
            outcome = pick(pr, [(f"disability_{g}", w) for g, w in
                                ((1, 1), (2, 2), (3, 3), (4, 4), (5, 3), (6, 2))]) or "injury"
        else:
            outcome = pick(pr, [("injury", 50), ("disability_10", 20), ("disability_9", 15),
                                ("disability_8", 10), ("disability_7", 5)]) or "injury"
        claim(ctx, pid, ent.idx, inc.at.date(), applied, decided, outcome,
              work_desc(pr, inc.accident_type, False))

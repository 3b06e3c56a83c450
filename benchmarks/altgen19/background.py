"""Everything that is not a production-safety incident: natural and non-occupational deaths,
ordinary injuries, minor work injuries, commuting crashes, claims: the hard negatives."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from . import geo
from .icd import FATAL_NONOCC, MINOR_DIAG, MINOR_EXT_WORK, NONOCC
from .traces import DeathSpec, claim, death_records, medical, pick, pick1, work_desc
from .world import (
    DEATH_MONTH_W,
    EXPORT,
    YEAR_START,
    Ctx,
    birth_from_age,
    d64,
    seasonal_dates,
    to_date,
)

DEATH_START = dt.date(2023, 10, 1)
NATURAL_PER_SCALE = 232_000
NONOCC_PER_SCALE = 13_000
MEDICAL_PER_SCALE = 330_000


def _hosp_near(ctx: Ctx, county: str, city_p: float = 0.25) -> int:
    own, city = geo.hospitals_near(county)
    pool = city if ctx.pr.random() < city_p else own
    return pool[ctx.pr.randrange(len(pool))]


def _at(day: dt.date, ctx: Ctx, lo: int = 0, hi: int = 23) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, ctx.pr.randint(lo, hi), ctx.pr.randrange(60),
                       ctx.pr.randrange(60))


def _record_death(ctx: Ctx, pid: int, cls: str, day: dt.date) -> None:
    ctx.add("deaths", person_id=pid, death_class=cls, incident=None, death_date=day)


def _residents(ctx: Ctx, n: int, age: np.ndarray, ref: np.ndarray, male_p: float = 0.5,
               migrant_p: float = 0.02, role: str = "") -> tuple[np.ndarray, np.ndarray,
                                                                  np.ndarray]:
    """``n`` Inner Mongolia residents (a few registered in another province); returns their ids,
    registration counties and the counties they live in."""
    rng = ctx.rng
    codes = np.array([c.code for c in geo.COUNTIES], dtype=object)
    cw = geo.county_weights()
    live = codes[rng.choice(len(codes), size=n, p=cw)]
    migrant = rng.random(n) < migrant_p
    home = live.copy()
    moved = (rng.random(n) < 0.15) & ~migrant  # registered in another county of the region
    home[moved] = codes[rng.choice(len(codes), size=int(moved.sum()), p=cw)]
    for i in np.flatnonzero(migrant):
        home[i] = geo.migrant_home(rng, live[i], 1)[0]
    male = rng.random(n) < male_p
    birth = birth_from_age(rng, age, ref)
    pids = ctx.people.add(rng, region=home, male=male, birth=birth, migrant=migrant, role=role)
    return pids, home, live


def natural_deaths(ctx: Ctx) -> None:
    """Deaths from illness and old age of residents: deregistrations and cremations only."""
    rng, pr = ctx.rng, ctx.pr
    n = max(30, round(NATURAL_PER_SCALE * ctx.scale))
    day = seasonal_dates(rng, DEATH_START, EXPORT, n)
    u = rng.random(n)
    age = np.where(u < 0.7, rng.uniform(70, 98, n), np.where(u < 0.92, rng.uniform(50, 70, n),
                                                             rng.uniform(18, 50, n)))
    pids, home, live = _residents(ctx, n, age, day, male_p=0.56, role="natural")
    mongol = ctx.people.col("mongol")
    for i in range(n):
        d = to_date(day[i])
        hosp = _hosp_near(ctx, live[i], 0.35) if pr.random() < 0.42 else None
        spec = DeathSpec(int(pids[i]), d, live[i], home[i], not home[i].startswith("15"),
                         bool(mongol[pids[i]]), int(age[i]), "natural", hosp=hosp,
                         migrant_dereg_p=0.1)
        if any(death_records(ctx, spec)):
            _record_death(ctx, int(pids[i]), "natural", d)
    ctx.note("natural_deaths", n)


def declared_dead(ctx: Ctx) -> None:
    """People missing for years and declared dead by a court."""
    rng, pr = ctx.rng, ctx.pr
    n = max(1, round(40 * ctx.scale))
    age = rng.uniform(30, 80, n)
    ref = np.full(n, d64(dt.date(2019, 1, 1)))
    pids, home, _live = _residents(ctx, n, age, ref, male_p=0.75, migrant_p=0.0, role="declared")
    for i in range(n):
        decl = YEAR_START + dt.timedelta(days=pr.randrange(400))
        ctx.add("deregistrations", person_id=int(pids[i]), id_person=int(pids[i]),
                death_date=None if pr.random() < 0.6 else decl - dt.timedelta(days=pr.randint(0, 30)),
                dereg_date=min(decl + dt.timedelta(days=pr.randint(5, 60)), EXPORT),
                region=home[i], reason="declared_dead", cause=None if pr.random() < 0.7 else "宣告死亡")
        _record_death(ctx, int(pids[i]), "non_occupational", decl)


def _fatal_injury(ctx: Ctx, pid: int, kind: str, day: dt.date, live: str, home: str,
                  mongol: bool, age: int, *, hosp_p: float, hosp: int | None = None,
                  emp_ent: int | None = None, payer: str | None = None) -> None:
    """A non-occupational fatal injury: maybe an admission ending in death, then the death's
    records."""
    pr = ctx.pr
    _w, _lo, _hi, _wf, diags, exts, _stay = NONOCC[kind]
    cls = FATAL_NONOCC[kind][1]
    died = day
    h = None
    if pr.random() < hosp_p:
        h = hosp if hosp is not None else _hosp_near(ctx, live, 0.3)
        stay = 0 if pr.random() < 0.5 else pr.randint(1, 20 if kind == "fall_home" else 8)
        admitted = _at(day - dt.timedelta(days=stay), ctx)
        death_at = admitted + dt.timedelta(hours=pr.randint(1, 20) + 24 * stay)
        died = death_at.date()
        ext = pick1(pr, exts) if exts and pr.random() < 0.85 else None
        medical(ctx, pid, h, admitted, death_at, pick1(pr, diags), ext, "died",
                payer or pick(pr, [("resident_insurance", 45), ("employee_insurance", 20),
                                   ("self_pay", 20), ("commercial", 10), (None, 5)]),
                emp_ent=emp_ent, emergency=stay == 0)
    spec = DeathSpec(pid, died, live, home, not home.startswith("15"), mongol, age, cls, hosp=h)
    death_records(ctx, spec)
    _record_death(ctx, pid, "non_occupational", died)


_HOSP_P = {"traffic": 0.55, "fall_home": 0.6, "co_home": 0.25, "drown": 0.05, "cold": 0.15,
           "animal": 0.4, "burn_home": 0.6, "unknown": 0.4}


def nonocc_deaths(ctx: Ctx) -> None:
    """Fatal injuries off work: traffic, falls at home, carbon monoxide from coal stoves, cold,
    drowning; plus family CO clusters, multi-death crashes and blizzards (places with several
    deaths on one day that are not incidents)."""
    rng = ctx.rng
    kinds = list(FATAL_NONOCC)
    w = np.array([FATAL_NONOCC[k][0] for k in kinds])
    n = max(10, round(NONOCC_PER_SCALE * ctx.scale))
    kind_idx = rng.choice(len(kinds), size=n, p=w / w.sum())
    ages = np.empty(n)
    days = np.empty(n, dtype="datetime64[D]")
    for j, k in enumerate(kinds):
        m = kind_idx == j
        lo, hi, wf = NONOCC[k][1], NONOCC[k][2], NONOCC[k][3]
        ages[m] = rng.uniform(max(lo, 16), hi, int(m.sum()))
        mw = DEATH_MONTH_W * np.array([wf if mm in (0, 1, 10, 11) else 1.0 for mm in range(12)])
        days[m] = seasonal_dates(rng, DEATH_START, EXPORT, int(m.sum()), mw)
    pids, home, live = _residents(ctx, n, ages, days, male_p=0.65, role="nonocc")
    mongol = ctx.people.col("mongol")
    for i in range(n):
        k = kinds[kind_idx[i]]
        _fatal_injury(ctx, int(pids[i]), k, to_date(days[i]), live[i], home[i],
                      bool(mongol[pids[i]]), int(ages[i]), hosp_p=_HOSP_P[k])
    _clusters(ctx)
    ctx.note("nonocc_deaths", n)


def _clusters(ctx: Ctx) -> None:
    rng, pr = ctx.rng, ctx.pr
    codes = [c.code for c in geo.COUNTIES]
    cw = geo.county_weights()
    pastoral = [c.code for c in geo.COUNTIES if c.kind == "p"]
    specs = [("co_home", max(1, round(40 * ctx.scale)), (2, 4)),
             ("traffic", max(1, round(25 * ctx.scale)), (2, 5)),
             ("cold", max(1, round(10 * ctx.scale)), (1, 3))]
    for kind, count, (lo, hi) in specs:
        for _ in range(count):
            k = pr.randint(lo, hi)
            if kind == "cold":
                where = pastoral[pr.randrange(len(pastoral))]
            else:
                where = codes[int(rng.choice(len(codes), p=cw))]
            if kind == "traffic":
                day = to_date(seasonal_dates(rng, YEAR_START, EXPORT, 1)[0])
            else:
                winter = [dt.date(2024, 1, 1), dt.date(2024, 11, 15), dt.date(2025, 1, 1)]
                base = winter[pr.randrange(3)]
                day = base + dt.timedelta(days=pr.randrange(75 if base.month == 1 else 45))
            ages = rng.uniform(5 if kind == "co_home" else 18, 80, k)
            male = rng.random(k) < 0.55
            reg = np.array([where] * k, dtype=object)
            mon = np.full(k, rng.random() < geo.county(where).mongol)
            birth = birth_from_age(rng, ages, np.full(k, d64(day)))
            raw = None
            if kind == "co_home" and not mon[0]:  # one household: one surname for most
                from .names import han_names
                nm = han_names(rng, male)
                sur = nm[0][0]
                raw = np.array([sur + x[1:] if j < k - 1 else x for j, x in enumerate(nm)],
                               dtype=object)
            pids = ctx.people.add(rng, region=reg, male=male, birth=birth, mongol=mon,
                                  raw_names=raw, role=f"cluster_{kind}")
            h = _hosp_near(ctx, where, 0.3)
            hp = {"co_home": 0.5, "traffic": 0.6, "cold": 0.2}[kind]
            for j, pid in enumerate(pids):
                _fatal_injury(ctx, int(pid), kind, day, where, where, bool(mon[j]), int(ages[j]),
                              hosp_p=hp, hosp=h)
            ctx.note(f"cluster_{kind}")


def _active_workers(ctx: Ctx) -> pl.DataFrame:
    """Workers still employed in mid-2024 who are neither dead nor an incident's casualty."""
    used = sorted(ctx.used)
    return ctx.workers.filter((pl.col("leave").is_null() | (pl.col("leave") > dt.date(2024, 6, 1)))
                              & ~pl.col("person_id").is_in(used))


def worker_deaths(ctx: Ctx) -> None:
    """Workers' natural deaths (some at work: a claim as if a work death, 视同工亡) and
    off-duty fatal injuries (with the employer sometimes on the hospital record)."""
    rng, pr = ctx.rng, ctx.pr
    w = _active_workers(ctx)
    birth = ctx.people.col("birth")
    pid = w["person_id"].to_numpy()
    age = (d64(YEAR_START) - birth[pid]).astype(np.int64) / 365.25
    rate = 1.25 * np.exp(-9.6 + 0.085 * age)  # about 1.5 per mille at 40, 5 at 55
    dies = rng.random(len(pid)) < rate
    off = rng.random(len(pid)) < 0.0006
    home = ctx.people.col("region")
    mongol = ctx.people.col("mongol")
    ents = w["ent"].to_numpy()
    enrolled = w["enrolled"].to_numpy()
    sure = np.flatnonzero(dies & enrolled)
    forced = int(sure[0]) if len(sure) else -1  # at least one sudden death at work, any scale
    for i in np.flatnonzero(dies | off):
        p = int(pid[i])
        e = ctx.ents[int(ents[i])]
        day = YEAR_START + dt.timedelta(days=pr.randrange(366 if i == forced else 440))
        where = e.region if (pr.random() < 0.6 or not home[p].startswith("15")) else home[p]
        a = int(age[i])
        if dies[i]:
            at_work = pr.random() < 0.15 or i == forced
            hosp = _hosp_near(ctx, where, 0.3) if (at_work or pr.random() < 0.35) else None
            spec = DeathSpec(p, day, where, home[p], not home[p].startswith("15"), bool(mongol[p]),
                             a, "natural", hosp=hosp)
            death_records(ctx, spec)
            _record_death(ctx, p, "natural", day)
            ctx.note("worker_natural_deaths")
            if at_work and enrolled[i] and (pr.random() < 0.7 or i == forced):
                applied = day + dt.timedelta(days=pr.randint(8, 60))
                if claim(ctx, p, e.idx, day, applied,
                         applied + dt.timedelta(days=pr.randint(20, 40)),
                         "death" if (pr.random() < 0.85 or i == forced) else "rejected",
                         pick(pr, [("工作时间在工作岗位突发疾病，48小时内经抢救无效死亡", 5),
                                   ("在岗期间突发疾病死亡", 3), (None, 1)])):
                    ctx.note("sudden_illness_claims")
        else:
            kind = pick(pr, [("traffic", 55), ("co_home", 20), ("drown", 5), ("fall_home", 10),
                             ("unknown", 10)]) or "traffic"
            if kind == "co_home":
                day = dt.date(2024, 1, 1) + dt.timedelta(days=pr.randrange(60)) if pr.random() < .6 \
                    else dt.date(2024, 11, 20) + dt.timedelta(days=pr.randrange(120))
            _fatal_injury(ctx, p, kind, day, where, home[p], bool(mongol[p]), a,
                          hosp_p=_HOSP_P[kind], emp_ent=e.idx if pr.random() < 0.2 else None)
            ctx.note("worker_offduty_deaths")
        ctx.spell_end[p] = day + dt.timedelta(days=pr.randint(0, 30))
        ctx.used.add(p)


def _encounter(ctx: Ctx, pid: int, kind: str, day: dt.date, live: str, *,
               emp_ent: int | None = None, worker: bool = False) -> None:
    """A non-fatal injury encounter (emergency visit or admission, maybe a transfer)."""
    pr = ctx.pr
    _w, _lo, _hi, _wf, diags, exts, stay_med = NONOCC[kind]
    emergency = pr.random() < 0.45
    h = _hosp_near(ctx, live, 0.25)
    diag = pick1(pr, diags)
    ext = pick1(pr, exts) if exts and pr.random() < 0.85 else None
    payer = pick(pr, [("resident_insurance", 40), ("employee_insurance", 30 if worker else 15),
                      ("self_pay", 17), ("commercial", 18 if kind == "traffic" else 5),
                      ("other", 5), (None, 4)])
    admitted = _at(day, ctx)
    if emergency and pr.random() < 0.7:
        out = admitted + dt.timedelta(hours=pr.randint(1, 8))
        medical(ctx, pid, h, admitted, out, diag, ext, "discharged", payer, emp_ent, True)
        return
    stay = max(1.0, float(np.exp(np.log(stay_med) + 0.6 * pr.gauss(0, 1))))
    if diag.startswith("S72.0") or diag.startswith("S72.1"):
        stay = max(stay, pr.uniform(10, 28))
    out = admitted + dt.timedelta(seconds=int(stay * 86400) + pr.randint(0, 6 * 3600))
    disp = pick(pr, [("discharged", 93), ("transferred", 3), ("left_against_advice", 4)]) or ""
    medical(ctx, pid, h, admitted, out, diag, ext, disp, payer, emp_ent, emergency)
    if disp == "transferred":
        _own, city = geo.hospitals_near(live)
        h2 = city[pr.randrange(len(city))]
        a2 = out + dt.timedelta(hours=pr.randint(1, 5))
        medical(ctx, pid, h2, a2, a2 + dt.timedelta(days=pr.randint(3, 30)), diag, ext,
                "discharged", payer, emp_ent, False)


def medical_background(ctx: Ctx) -> None:
    """Ordinary injury encounters of residents and, off duty, of workers."""
    rng, pr = ctx.rng, ctx.pr
    kinds = list(NONOCC)
    w = np.array([NONOCC[k][0] for k in kinds])
    n = max(50, round(MEDICAL_PER_SCALE * ctx.scale))
    kind_idx = rng.choice(len(kinds), size=n, p=w / w.sum())
    ages = np.empty(n)
    days = np.empty(n, dtype="datetime64[D]")
    for j, k in enumerate(kinds):
        m = kind_idx == j
        lo, hi, wf = NONOCC[k][1], NONOCC[k][2], NONOCC[k][3]
        ages[m] = rng.uniform(lo, hi, int(m.sum()))
        mw = np.array([wf if mm in (0, 1, 10, 11) else 1.0 for mm in range(12)])
        days[m] = seasonal_dates(rng, YEAR_START, EXPORT, int(m.sum()), mw)
    is_worker = (rng.random(n) < 0.08) & (ages >= 18) & (ages < 60)
    res = np.flatnonzero(~is_worker)
    pids = np.empty(n, dtype=np.int64)
    live = np.empty(n, dtype=object)
    pids[res], _home, live[res] = _residents(ctx, len(res), ages[res], days[res], male_p=0.55,
                                             role="patient")
    wk = _active_workers(ctx)
    wi = np.flatnonzero(is_worker)
    pick_rows = rng.integers(0, wk.height, size=len(wi))
    wpid = wk["person_id"].to_numpy()[pick_rows]
    went = wk["ent"].to_numpy()[pick_rows]
    home = ctx.people.col("region")
    for j, wrow in enumerate(wi):
        pids[wrow] = wpid[j]
        e = ctx.ents[int(went[j])]
        live[wrow] = e.region if (pr.random() < 0.7 or not home[wpid[j]].startswith("15")) \
            else home[wpid[j]]
    for i in range(n):
        emp: int | None = None
        if is_worker[i] and pr.random() < 0.12:
            emp = int(went[np.searchsorted(wi, i)])
        _encounter(ctx, int(pids[i]), kinds[kind_idx[i]], to_date(days[i]), live[i],
                   emp_ent=emp, worker=bool(is_worker[i]))
    ctx.note("medical_background", n)


_MINOR_OUTCOME = [("injury", 60), ("disability_10", 12), ("disability_9", 10),
                  ("disability_8", 7), ("disability_7", 4), ("rejected", 5)]


def work_injuries(ctx: Ctx) -> None:
    """Minor injuries at work: short stays, claims by enrolled workers; never reported as
    accidents (they need not be), and never serious."""
    rng, pr = ctx.rng, ctx.pr
    w = _active_workers(ctx)
    pid = w["person_id"].to_numpy()
    ents = w["ent"].to_numpy()
    enrolled = w["enrolled"].to_numpy()
    rate = np.array([0.03 if ctx.ents[e].high_risk else 0.01 for e in ents])
    hit = np.flatnonzero(rng.random(len(pid)) < rate)
    for i in hit:
        p, e = int(pid[i]), ctx.ents[int(ents[i])]
        day = YEAR_START + dt.timedelta(days=pr.randrange(455))
        h = _hosp_near(ctx, e.region, 0.2)
        admitted = _at(day, ctx, 6, 22)
        if pr.random() < 0.5:
            out = admitted + dt.timedelta(hours=pr.randint(1, 6))
        else:
            out = admitted + dt.timedelta(days=pr.randint(1, 12), hours=pr.randint(0, 8))
        payer = "work_injury_insurance" if enrolled[i] and pr.random() < 0.75 else pick(
            pr, [("employee_insurance", 30), ("self_pay", 50), ("commercial", 20)])
        medical(ctx, p, h, admitted, out, pick1(pr, MINOR_DIAG),
                pick1(pr, MINOR_EXT_WORK) if pr.random() < 0.88 else None, "discharged", payer,
                e.idx if pr.random() < 0.55 else None, out - admitted < dt.timedelta(hours=8))
        if enrolled[i] and pr.random() < 0.7:
            applied = day + dt.timedelta(days=pr.randint(3, 30))
            claim(ctx, p, e.idx, day, applied, applied + dt.timedelta(days=pr.randint(15, 60)),
                  pick(pr, _MINOR_OUTCOME) or "injury", work_desc(pr, "other", False))
    ctx.note("work_minor_injuries", len(hit))


def commuting(ctx: Ctx) -> None:
    """Crashes on the way to or from work: recognised as work injuries (and work deaths) though
    no production-safety accident exists."""
    rng, pr = ctx.rng, ctx.pr
    w = _active_workers(ctx).filter(pl.col("enrolled"))
    pid = w["person_id"].to_numpy()
    ents = w["ent"].to_numpy()
    hit = np.flatnonzero(rng.random(len(pid)) < 0.003)
    home = ctx.people.col("region")
    mongol = ctx.people.col("mongol")
    birth = ctx.people.col("birth")
    desc = [("上班途中发生非本人主要责任的交通事故", 3), ("下班途中遭遇交通事故（非本人主要责任）", 3),
            (None, 1)]
    for i in hit:
        p, e = int(pid[i]), ctx.ents[int(ents[i])]
        day = YEAR_START + dt.timedelta(days=pr.randrange(440))
        fatal = pr.random() < 0.08
        applied = day + dt.timedelta(days=pr.randint(10, 90))
        decided = applied + dt.timedelta(days=pr.randint(20, 70))
        if fatal:
            age = int((d64(day) - birth[p]).astype(np.int64) / 365.25)
            _fatal_injury(ctx, p, "traffic", day, e.region, home[p], bool(mongol[p]), age,
                          hosp_p=0.5, payer="commercial")
            claim(ctx, p, e.idx, day, applied, decided, "death", pick(pr, desc))
            ctx.spell_end[p] = day + dt.timedelta(days=pr.randint(0, 30))
            ctx.used.add(p)
            ctx.note("commuting_deaths")
        else:
            _encounter(ctx, p, "traffic", day, e.region, worker=True)
            claim(ctx, p, e.idx, day, applied, decided,
                  pick(pr, [("injury", 50), ("disability_10", 15), ("disability_9", 10),
                            ("disability_8", 6), ("disability_6", 3), ("rejected", 16)])
                  or "injury", pick(pr, desc))
            ctx.note("commuting_injuries")


def borrowed_ids(ctx: Ctx) -> None:
    """Over-age contract workers hired on a younger relative's ID number."""
    rng = ctx.rng
    birth = ctx.people.col("birth")
    w = ctx.workers.filter(pl.col("enrolled"))
    pid = w["person_id"].to_numpy()
    kinds = np.array([ctx.ents[e].kind for e in w["ent"].to_numpy()], dtype=object)
    age = (d64(YEAR_START) - birth[pid]).astype(np.int64) / 365.25
    cand = pid[(age >= 58) & np.isin(kinds, ["strip", "construction", "quarry", "haul_in"])]
    cand = cand[rng.random(len(cand)) < 0.35]
    if len(cand) == 0:
        return
    home = ctx.people.col("region")[cand]
    male = ctx.people.col("male")[cand]
    mongol = ctx.people.col("mongol")[cand]
    raw = ctx.people.col("raw_name")[cand]
    k = len(cand)
    rel_age = rng.uniform(24, 40, k)
    rel_male = rng.random(k) < 0.7
    from .names import han_names, mongol_names
    names = np.where(mongol, mongol_names(rng, rel_male), han_names(rng, rel_male))
    names = np.array([(r[0] + x[1:]) if not m else x
                      for r, x, m in zip(raw, names, mongol, strict=True)], dtype=object)
    rel = ctx.people.add(rng, region=home, male=rel_male,
                         birth=birth_from_age(rng, rel_age, np.full(k, d64(YEAR_START))),
                         mongol=mongol, raw_names=names, role="relative")
    del male
    for a, b in zip(cand, rel, strict=True):
        ctx.borrowed[int(a)] = int(b)
    ctx.note("borrowed_ids", k)


def duplicate_ids(ctx: Ctx) -> None:
    """A few registered ID numbers shared by two people: a dead resident and a patient."""
    rng = ctx.rng
    role = ctx.people.col("role")
    dead = {r["person_id"] for r in ctx.rows.get("deaths", []) if r["death_class"] == "natural"}
    nat = np.array(sorted(p for p in dead if role[p] == "natural"), dtype=np.int64)
    pat = np.flatnonzero(role == "patient")
    k = min(max(1, round(60 * ctx.scale)), len(nat), len(pat))
    if k == 0:
        return
    a = rng.choice(nat, size=k, replace=False)
    b = rng.choice(pat, size=k, replace=False)
    ctx.dup_pairs += [(int(x), int(y)) for x, y in zip(a, b, strict=True)]
    ctx.note("duplicate_ids", k)

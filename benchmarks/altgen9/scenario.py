"""What happens in the simulated Inner Mongolia between 2021 and mid-2024: workers and their
enrolment spells, reported, under-reported and concealed accidents, and the background of
natural deaths, non-occupational injuries and deaths, work-injury and disease claims.

Every record is kept raw here (person index, day numbers, seconds) and made into department
exports, with their noise, in ``emit.py``."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import cast

import numpy as np

from . import codes as C
from .geo import ROADS, Geo
from .world import (
    D0,
    D1,
    DX,
    NULL_DAY,
    OPEN,
    Enterprises,
    People,
    births_for_age,
    make_enterprises,
)

# base counts at scale 1.0
BASE = {
    "enterprises": 15000, "pool": 250000, "reported": 1000, "under": 75, "conc_fatal": 115,
    "conc_injury": 35, "natural": 110000, "traffic_crashes": 3000, "home_fall_deaths": 1400,
    "co_households": 700, "herder_deaths": 700, "drowning": 400, "other_deaths": 700,
    "med_general": 420000, "work_injuries": 60000, "commute": 3000, "pneumo": 1200,
    "sudden_at_work": 120,
}

MALE_P = {"coal_mining": .93, "non_coal_mining": .88, "hazardous_chemicals": .76,
          "metallurgy": .82, "construction": .9, "transport": .94, "fireworks": .55,
          "manufacturing": .56, "other": .45}
MIGRANT_P = {"coal_mining": .35, "non_coal_mining": .25, "hazardous_chemicals": .22,
             "metallurgy": .2, "construction": .45, "transport": .3, "fireworks": .1,
             "manufacturing": .12, "other": .08}
INC_IND = {
    "reported": {"coal_mining": 22, "non_coal_mining": 10, "hazardous_chemicals": 8,
                 "metallurgy": 8, "construction": 30, "transport": 14, "fireworks": 1,
                 "manufacturing": 5, "other": 2},
    "under": {"coal_mining": 35, "non_coal_mining": 12, "hazardous_chemicals": 10,
              "metallurgy": 6, "construction": 25, "transport": 8, "fireworks": 4},
    "concealed": {"coal_mining": 30, "non_coal_mining": 18, "hazardous_chemicals": 6,
                  "metallurgy": 6, "construction": 30, "transport": 5, "fireworks": 2,
                  "manufacturing": 3},
}
STRATEGIES = {"illness": 35, "traffic": 20, "away": 25, "settle": 20}
SEVEN_DAY = {"vehicle", "fire"}


class Buf:
    """Column lists of one source's raw records."""

    def __init__(self, *cols: str) -> None:
        self.cols = cols
        self.d: dict[str, list] = {c: [] for c in cols}

    def add(self, **kw) -> None:
        n = next((len(v) for v in kw.values() if isinstance(v, np.ndarray | list)), None)
        if n is None:
            for c in self.cols:
                self.d[c].append(kw.get(c))
            return
        for c in self.cols:
            v = kw.get(c)
            if isinstance(v, np.ndarray):
                self.d[c].extend(v.tolist())
            elif isinstance(v, list):
                self.d[c].extend(v)
            else:
                self.d[c].extend([v] * n)

    def __len__(self) -> int:
        return len(self.d[self.cols[0]])


@dataclass
class Incident:
    kind: str
    ent: int
    day: int
    sec: int
    industry: str
    atype: str
    county: int
    address: str
    reported: bool
    rep_sec: int = 0
    rd: int = 0
    rs: int = 0
    rm: int = 0
    loss: float | None = None
    true_deaths: int = 0
    persons: list = field(default_factory=list)  # (pid, outcome, reported_outcome)
    mode: str = ""


def _none_where(mask: np.ndarray, arr: np.ndarray) -> np.ndarray:
    """``np.where(mask, None, arr)``: an object-dtype copy of ``arr`` with None where mask."""
    out = np.asarray(arr).astype(object)
    out[mask] = None
    return out


def _pick(rng: np.random.Generator, table, n: int) -> np.ndarray:
    """Draw n values from [(value, weight), ...]."""
    vals = [v for v, _ in table]
    w = np.array([float(x) for _, x in table])
    idx = rng.choice(len(vals), size=n, p=w / w.sum())
    out = np.empty(n, dtype=object)
    out[:] = [vals[i] for i in idx.tolist()]
    return out


def _arr(v, n: int) -> np.ndarray:
    """A value or a sequence as an object array of length n."""
    out = np.empty(n, dtype=object)
    if isinstance(v, np.ndarray | list | tuple):
        out[:] = list(v)
    else:
        out[:] = [v] * n
    return out


def _wchoice(r: random.Random, d: dict):
    return r.choices(list(d), weights=list(d.values()))[0]


def month_of(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64) % 12 + 1


class World:
    def __init__(self, scale: float, seed: int) -> None:
        self.scale = scale
        self.rng = np.random.default_rng(seed)
        self.r = random.Random(seed * 7919 + 17)
        self.geo = Geo()
        self.people = People(self.geo, self.rng, self.r)
        self.n = {k: max(1, round(v * scale)) for k, v in BASE.items()}
        self.n["enterprises"] = max(self.n["enterprises"], 60)
        self.n["pool"] = max(self.n["pool"], 1500)
        self.dereg = Buf("pid", "death", "dereg", "reason", "cause")
        self.crem = Buf("pid", "death", "crem", "fh", "cause", "cert", "origin")
        self.med = Buf("pid", "hosp", "adm", "dis", "dx", "ext", "disp", "payer", "ent", "emerg")
        self.claim = Buf("pid", "ent", "inj", "app", "dec", "outcome", "desc", "region")
        self.victims = Buf("pid", "inc", "outcome", "day")
        self.incidents: list[Incident] = []
        self.deaths: dict[int, tuple[str, int | None]] = {}
        self.used: set[int] = set()  # persons already in an incident
        self.xsp: list[tuple[int, int, int, int]] = []  # spells of persons made for incidents
        self.late_deaths = 0

    # ------------------------------------------------------------------ helpers
    def _ages(self, n: int, lo: int, hi: int, mean: float, sd: float) -> np.ndarray:
        return np.clip(self.rng.normal(mean, sd, n), lo, hi).astype(np.int64)

    def _new(self, n: int, ages: np.ndarray, at: np.ndarray, male: np.ndarray,
             home: np.ndarray, boost: float = 1.0) -> np.ndarray:
        return self.people.add(births_for_age(self.rng, ages, at), male, home, boost)

    def _days(self, n: int, lo: int = D0, hi: int = D1) -> np.ndarray:
        return self.rng.integers(lo, hi + 1, size=n)

    def _winter_days(self, n: int) -> np.ndarray:
        out = np.empty(0, dtype=np.int64)
        while len(out) < n:
            d = self._days(n * 3 + 8)
            out = np.concatenate([out, d[np.isin(month_of(d), [11, 12, 1, 2, 3])]])
        return out[:n]

    def _hour_sec(self, n: int, day_shift: bool = True) -> np.ndarray:
        if day_shift:
            w = np.array([1, 1, 1, 1, 1, 2, 3, 5, 7, 8, 8, 8, 7, 7, 8, 8, 8, 8, 7, 6, 5, 4, 3, 2],
                         dtype=float)
            h = self.rng.choice(24, size=n, p=w / w.sum())
        else:
            h = self.rng.integers(0, 24, size=n)
        return h * 3600 + self.rng.integers(0, 60, size=n) * 60 + self.rng.integers(0, 60, size=n)

    def hospital(self, county: np.ndarray, severe: np.ndarray | None = None,
                 mongol: np.ndarray | None = None) -> np.ndarray:
        g, n = self.geo, len(county)
        u = self.rng.random(n)
        h = np.where(u < 0.27, g.h_city[g.city[county]], g.h_county[county])
        ref = self.rng.choice(g.h_referral, size=n)
        p_ref = 0.05 if severe is None else np.where(severe, 0.18, 0.04)
        h = np.where(self.rng.random(n) < p_ref, ref, h)
        if mongol is not None:
            h = np.where(mongol & (self.rng.random(n) < 0.3), g.h_mongol[county], h)
        return h

    def _far_fh(self, avoid_cities: list[int]) -> int:
        g = self.geo
        cities = [c for c in range(len(g.fh_city)) if c not in avoid_cities]
        return int(g.fh_city[self.r.choice(cities)])

    def _local_fh(self, county: int) -> int:
        return int(self.geo.fh_county[county])

    def _crem_p(self, pids: np.ndarray) -> np.ndarray:
        g = self.geo
        home = self.people.home[pids]
        kind = g.kind[home]
        p = np.select([kind == "d", kind == "c", kind == "b", kind == "p"],
                      [0.78, 0.6, 0.48, 0.28], 0.0)
        return np.where(self.people.mongol[pids], p * 0.6, p)

    def _is_im(self, pids: np.ndarray) -> np.ndarray:
        return self.people.home[pids] < self.geo.n_im

    def add_deaths(self, pids, death, cls: str, inc: int | None = None) -> None:
        for p in np.atleast_1d(pids).tolist():
            self.deaths[p] = (cls, inc)
        self.people.death[np.atleast_1d(pids)] = np.atleast_1d(death)

    def death_records(self, pids: np.ndarray, death: np.ndarray, *, cause_d, cause_c,
                      crem_lag: np.ndarray, fh: np.ndarray, cert, origin, p_dereg, p_crem,
                      dereg_median: float = 15.0) -> None:
        """Household-registration cancellation (home in Inner Mongolia only) and cremation."""
        n = len(pids)
        if n == 0:
            return
        rng = self.rng
        has_d = (rng.random(n) < p_dereg) & self._is_im(pids)
        lag = np.ceil(rng.lognormal(np.log(dereg_median), 0.9, n)).astype(np.int64)
        dd = death + lag
        has_d &= dd <= DX
        reason = np.where(rng.random(n) < 0.004, "declared_dead", "death")
        dth = np.where((rng.random(n) < 0.02) | ((reason == "declared_dead")
                                                & (rng.random(n) < 0.5)), NULL_DAY, death)
        m = has_d
        self.dereg.add(pid=pids[m], death=dth[m], dereg=dd[m], reason=reason[m],
                       cause=_arr(cause_d, n)[m])
        has_c = (rng.random(n) < p_crem) & (fh >= 0)
        cd = death + crem_lag
        has_c &= cd <= DX
        dth = np.where(rng.random(n) < 0.04, NULL_DAY, death)
        m = has_c
        self.crem.add(pid=pids[m], death=dth[m], crem=cd[m], fh=fh[m], cause=_arr(cause_c, n)[m],
                      cert=_arr(cert, n)[m], origin=_arr(origin, n)[m])

    # ------------------------------------------------------------------ world
    def build(self) -> None:
        self.ent: Enterprises = make_enterprises(self.n["enterprises"], self.geo, self.rng,
                                                 self.r)
        self._pool()
        self._incidents()
        self._pool_deaths()
        self._traffic()
        self._non_occupational()
        self._commute()
        self._pool_injuries()
        self._natural()
        self._medical_general()
        self._finish_spells()
        self.people.finalize_ids()

    def _pool(self) -> None:
        """Workers enrolled in social insurance, and their spells (the last one is current)."""
        rng, g, e = self.rng, self.geo, self.ent
        w = self.n["pool"]
        emp = rng.choice(len(e.name), size=w, p=e.size / e.size.sum())
        ind = e.industry[emp]
        male = rng.random(w) < np.array([MALE_P[i] for i in ind])
        migr = rng.random(w) < np.array([MIGRANT_P[i] for i in ind])
        ecity = g.city[e.region[emp]]
        home = np.where(rng.random(w) < 0.55, g.sample_in_city(rng, ecity), g.sample_im(rng, w))
        home = np.where(migr, g.sample_out(rng, w), home)
        ages = self._ages(w, 18, 62, 40, 10)
        at = np.full(w, D0 + 600)
        pids = self._new(w, ages, at, male, home)
        self.pool = pids
        adult = self.people.birth[pids] + 18 * 366
        start = DX - rng.exponential(5 * 365, w).astype(np.int64) - 20
        start = np.clip(start, np.maximum(adult, D0 - 20 * 365), D1 - 30)
        closed = rng.random(w) < 0.38
        end = np.where(closed, start + 30 + rng.exponential(3 * 365, w).astype(np.int64), OPEN)
        end = np.where(end > DX, OPEN, end)
        sw, se, ss, sn = [pids], [emp], [start], [end]
        # earlier jobs
        for p_prior in (0.4, 0.15):
            has = rng.random(w) < p_prior
            pe = start - rng.integers(0, 150, size=w)
            ps = pe - 30 - rng.exponential(2 * 365, w).astype(np.int64)
            has &= ps >= adult
            other = rng.choice(len(e.name), size=w, p=e.size / e.size.sum())
            sw.append(pids[has])
            se.append(other[has])
            ss.append(ps[has])
            sn.append(pe[has])
            start = np.where(has, ps, start)
        # a new job after a closed spell
        has = (end < DX - 90) & (rng.random(w) < 0.5)
        ns = end + rng.integers(7, 200, size=w)
        nn = np.where(rng.random(w) < 0.7, OPEN,
                      ns + 30 + rng.exponential(2 * 365, w).astype(np.int64))
        nn = np.where(nn > DX, OPEN, nn)
        has &= ns <= DX - 5
        other = rng.choice(len(e.name), size=w, p=e.size / e.size.sum())
        sw.append(pids[has])
        se.append(other[has])
        ss.append(ns[has])
        sn.append(nn[has])
        self.sp_w = np.concatenate(sw)
        self.sp_e = np.concatenate(se)
        self.sp_s = np.concatenate(ss)
        self.sp_n = np.concatenate(sn)
        self.last_emp = np.zeros(self.people.n, dtype=np.int64)
        self.last_emp[self.sp_w] = self.sp_e
        order = np.argsort(self.sp_e, kind="stable")
        self.sp_by_emp = order
        self.sp_emp_start = np.searchsorted(self.sp_e[order], np.arange(len(e.name) + 1))

    # ------------------------------------------------------------------ incidents
    def _victim(self, inc: Incident, mode: str) -> int:
        """A worker of the incident's employer: from the enrolled pool (``open`` or
        ``closed_before``: the spell is then closed days before), or a new, unenrolled one."""
        rng, r, e, t = self.rng, self.r, self.ent, inc.day
        if mode != "none":
            lo, hi = self.sp_emp_start[inc.ent], self.sp_emp_start[inc.ent + 1]
            cand = self.sp_by_emp[lo:hi]
            ok = (self.sp_s[cand] <= t - 30) & (self.sp_n[cand] >= t)
            cand = cand[ok]
            wk = self.sp_w[cand]
            age = (t - self.people.birth[wk]) / 365.25
            ok = (self.people.death[wk] == OPEN) & (age >= 18) & (age <= 60)
            cand_ids = [int(c) for c, w, k in zip(cand, wk, ok, strict=True)
                        if k and int(w) not in self.used]
            if cand_ids:
                sp = cand_ids[r.randrange(len(cand_ids))]
                pid = int(self.sp_w[sp])
                self.used.add(pid)
                if mode == "closed_before":
                    self.sp_n[sp] = t - r.randint(1, 30)
                return pid
        ind = inc.industry
        male = np.array([rng.random() < MALE_P[ind]])
        if rng.random() < MIGRANT_P[ind] * 1.3:
            home = self.geo.sample_out(rng, 1)
        elif rng.random() < 0.55:
            home = self.geo.sample_in_city(rng, np.array([self.geo.city[e.region[inc.ent]]]))
        else:
            home = self.geo.sample_im(rng, 1)
        pid = int(self._new(1, self._ages(1, 19, 59, 41, 9), np.array([t]), male, home)[0])
        self.used.add(pid)
        if mode != "none":
            start = t - 30 - int(rng.exponential(900))
            end = t - r.randint(1, 30) if mode == "closed_before" else OPEN
            self.xsp.append((pid, inc.ent, start, end))
        return pid

    def _incidents(self) -> None:
        rng, r = self.rng, self.r
        plan = [("reported", "")] * self.n["reported"]
        for _ in range(self.n["under"]):
            plan.append(("under", _wchoice(r, {"cut": 55, "late": 30, "plain": 15})))
        plan += [("concealed", "fatal")] * self.n["conc_fatal"]
        plan += [("concealed", "injury")] * self.n["conc_injury"]
        days = np.sort(self._days(len(plan), D0, D1 - 35))
        order = rng.permutation(len(plan))
        for k, i in enumerate(order.tolist()):
            kind, mode = plan[i]
            self._incident(kind, mode, int(days[k]))

    def _address(self, inc: Incident) -> str:
        r, g, e = self.r, self.geo, self.ent
        core = e.variants[inc.ent][2][:2]
        pw = r.choice(["乌兰", "巴音", "查干", "阿拉坦", "宝日", "哈达", "敖包", "白音", "新民",
                       "太平", "红旗", "胜利", "长青", "西湾", "大路", "纳林", "布尔台", "罕台"])
        town = pw + r.choice(["镇", "苏木", "镇", "工业园区"])
        head = g.full_name(inc.county) + town
        ind = inc.industry
        if ind == "coal_mining":
            if r.random() < 0.4:
                return head + f"{core}露天煤矿采场{r.choice('东西南北')}帮"
            return head + f"{core}煤矿井下{r.randint(1, 9)}{r.randint(1, 3)}0{r.randint(1, 9)}工作面"
        if ind == "non_coal_mining":
            return head + f"{core}矿区{r.randint(1, 12)}号采场"
        if ind in ("hazardous_chemicals", "metallurgy", "manufacturing", "fireworks"):
            return head + f"{core}厂区{r.choice(['一', '二', '三', '四'])}车间"
        if ind == "construction":
            return head + f"{core}{r.choice(['家园', '小区', '苑'])}{r.randint(1, 30)}号楼施工现场"
        return head + f"{r.randint(1, 40)}号"

    def _incident(self, kind: str, mode: str, t: int) -> None:
        rng, r, e, g = self.rng, self.r, self.ent, self.geo
        key = "concealed" if kind == "concealed" else kind
        ind = _wchoice(r, INC_IND[key])
        cand = e.by_industry[ind]
        if len(cand) == 0:
            ind = "construction"
            cand = e.by_industry[ind]
        ent = int(rng.choice(cand, p=e.size[cand] / e.size[cand].sum()))
        atype = _wchoice(r, C.ACC_TYPES[ind])
        county = int(e.region[ent])
        day_shift = ind in ("construction", "manufacturing", "other", "transport")
        sec = t * 86400 + int(self._hour_sec(1, day_shift)[0])
        inc = Incident(kind, ent, t, sec, ind, atype, county, "", kind != "concealed", mode=mode)
        if ind == "transport":
            road, counties = r.choice(ROADS)
            inc.county = g.idx[r.choice(counties)]
            inc.address = f"{road}K{r.randint(10, 1600)}+{r.randint(0, 9)}00处"
        else:
            inc.address = self._address(inc)
        # persons: (true outcome, reported outcome, hidden strategy, late days, enrolment)
        ps: list[tuple[str, str | None, str | None, int, str]] = []
        strategy = _wchoice(r, STRATEGIES)
        window = 7 if atype in SEVEN_DAY and (atype == "fire" or ind == "transport") else 30

        def enrol(hidden: bool) -> str:
            if not hidden:
                return "open" if r.random() < 0.7 else "none"
            w = {"open": 30, "closed_before": 45, "none": 25} if strategy == "away" else \
                {"open": 45, "closed_before": 20, "none": 35}
            return _wchoice(r, w)

        def injuries(ns: int, nm: int, named_minor: float = 0.6) -> None:
            for _ in range(ns):
                ps.append(("serious_injury", "serious_injury" if kind != "concealed" else None,
                           None, 0, enrol(kind == "concealed")))
            for _ in range(nm):
                rep = "minor_injury" if kind != "concealed" and r.random() < named_minor else None
                ps.append(("minor_injury", rep, None, 0, enrol(kind == "concealed")))

        big = atype in ("gas_explosion", "explosion", "flooding", "fire")
        if kind == "reported":
            d = int(rng.choice(12, p=np.array([20, 58, 12.5, 4.5, 2, 1, .6, .4, .3, .3, .2, .2])
                               / 100))
            late_first = r.random() < 0.06
            for j in range(d):
                ps.append(("death", "death", None,
                           r.randint(1, window - 1) if (late_first and j == 0) else 0,
                           enrol(False)))
            ns = r.choices([1, 2, 3], weights=[6, 3, 1])[0] if d == 0 else \
                r.choices([0, 1, 2, 3], weights=[55, 25, 12, 8])[0]
            nm = r.choices([0, 1, 2, 3, 4], weights=[40, 25, 15, 10, 10])[0]
            if big:
                ns, nm = ns + r.randint(0, 4), nm + r.randint(0, 5)
            injuries(ns, nm)
        elif kind == "under":
            if mode == "cut":
                if r.random() < 0.1:
                    true_d, rep_d = r.randint(10, 13), 9
                else:
                    true_d, rep_d = r.choices([3, 4, 5, 6], weights=[45, 30, 15, 10])[0], 2
                for j in range(true_d):
                    if j < rep_d:
                        ps.append(("death", "death", None, 0, enrol(False)))
                    else:
                        ps.append(("death", "serious_injury" if r.random() < 0.2 else None,
                                   strategy, 0, enrol(True)))
                injuries(r.randint(0, 3), r.randint(0, 4))
            elif mode == "late":
                rep_d = r.choices([0, 1, 2], weights=[35, 45, 20])[0]
                for _ in range(rep_d):
                    ps.append(("death", "death", None, 0, enrol(False)))
                for _ in range(1 if r.random() < 0.8 else 2):
                    ps.append(("death", "serious_injury", "late", r.randint(2, window - 2),
                               enrol(False)))
                injuries(r.randint(0, 2), r.randint(0, 3))
            else:
                rep_d = 1 if r.random() < 0.7 else 0
                for _ in range(rep_d):
                    ps.append(("death", "death", None, 0, enrol(False)))
                rep = None if r.random() < 0.7 else r.choice(["serious_injury", "minor_injury"])
                ps.append(("death", rep, strategy, 0, enrol(True)))
                injuries(r.randint(0, 2), r.randint(0, 2))
        elif mode == "fatal":
            d = r.choices([1, 2, 3, 4, 5, 6], weights=[35, 30, 20, 8, 5, 2])[0]
            for _ in range(d):
                s = strategy if r.random() < 0.8 else _wchoice(r, STRATEGIES)
                ps.append(("death", None, s, 0, enrol(True)))
            ninj = r.randint(1, 3) if d == 1 else r.choices([0, 1, 2], weights=[4, 4, 2])[0]
            for _ in range(ninj):
                out = "serious_injury" if r.random() < 0.55 else "minor_injury"
                ps.append((out, None, strategy, 0, enrol(True)))
        else:  # concealed, injuries only
            k = r.choices([1, 2, 3, 4], weights=[45, 30, 15, 10])[0]
            for j in range(k):
                out = "serious_injury" if (j == 0 or r.random() < 0.4) else "minor_injury"
                ps.append((out, None, strategy, 0, enrol(True)))
        idx = len(self.incidents)
        self.incidents.append(inc)
        for out, rep, strat, late, mode_e in ps:
            pid = self._victim(inc, mode_e)
            inc.persons.append((pid, out, rep))
            self._victim_records(inc, idx, pid, out, rep, strat, late, mode_e != "none")
        inc.true_deaths = sum(1 for _, o, _ in inc.persons if o == "death")
        if inc.reported:
            inc.rd = sum(1 for _, _, rp in inc.persons if rp == "death")
            inc.rs = sum(1 for _, _, rp in inc.persons if rp == "serious_injury")
            inc.rm = sum(1 for _, o, rp in inc.persons if rp == "minor_injury"
                         or (o == "minor_injury" and kind == "reported"))
            delay = r.randint(15, 90) * 60 if r.random() < 0.8 else r.randint(2, 30) * 3600
            if kind == "under" and r.random() < 0.35:
                delay = r.randint(1, 3) * 86400 + r.randint(0, 86399)
            inc.rep_sec = inc.sec + delay
            inc.loss = None if r.random() < 0.15 else round(
                inc.rd * r.uniform(110, 260) + inc.rs * r.uniform(8, 40) + r.uniform(1, 60), 2)
            for pid, _, rp in inc.persons:
                if rp is not None:
                    self.victims.add(pid=pid, inc=idx, outcome=rp, day=t)

    def _inj_codes(self, atype: str, ind: str, fatal: bool) -> tuple[str, str]:
        r = self.r
        fdx, idx_, ext = C.INJ[atype]
        dx = r.choice(fdx if fatal else idx_)
        e = r.choice(C.ROAD_V) if (atype == "vehicle" and ind == "transport") else r.choice(ext)
        return dx, e

    def _victim_records(self, inc: Incident, idx: int, pid: int, out: str, rep: str | None,
                        strat: str | None, late: int, enrolled: bool) -> None:
        r, g, e = self.r, self.geo, self.ent
        hidden = strat is not None and strat != "late" and out == "death"
        fatal = out == "death"
        county = inc.county
        t_sec = inc.sec
        ent_city = int(g.city[e.region[inc.ent]])
        home = int(self.people.home[pid])
        home_im = home < g.n_im
        death_day = inc.day + late if fatal else None
        before = (len(self.dereg), len(self.crem), len(self.claim), len(self.med))
        # ---------------- medical
        if fatal:
            p_med = {"illness": 0.3, "traffic": 0.6, "away": 0.35, "settle": 0.55}.get(
                strat or "", 0.5)
            if strat == "late" or late:
                p_med = 0.95
        else:
            p_med = {"serious_injury": 0.9, "minor_injury": 0.45}[out]
            if inc.kind == "concealed":
                p_med = {"serious_injury": 0.85, "minor_injury": 0.5}[out]
        hosp_name = None
        if r.random() < p_med:
            hc = county
            if strat == "away" and r.random() < 0.45:
                hc = int(self.rng.integers(g.n_im))
            severe = np.array([out != "minor_injury"])
            hosp = int(self.hospital(np.array([hc]), severe)[0])
            hosp_name = g.h_name[hosp]
            ext: str | None
            dx, ext = self._inj_codes(inc.atype, inc.industry, fatal)
            if inc.kind == "concealed" or hidden:
                s = strat if strat in STRATEGIES else "settle"
                if s == "traffic":
                    ext = r.choice(C.DISGUISE_V)
                elif s == "illness":
                    ext = None if r.random() < 0.6 else "X59.9"
                elif s in ("settle", "away") and r.random() < 0.45:
                    ext = r.choice([None, ext[:3] + ".9", "W19.9", "X59.9"])
            adm = t_sec + r.randint(25, 200) * 60
            emerg = fatal and not late
            if fatal:
                dis = adm + r.randint(20, 240) * 60 if not late else \
                    (inc.day + late) * 86400 + r.randint(0, 86399)
                disp = "died"
                if r.random() < 0.3 and not late:
                    dis = adm + r.randint(6, 48) * 3600
            elif out == "serious_injury":
                los = max(14, int(self.rng.lognormal(np.log(24), 0.5)))
                dis = adm + los * 86400 + r.randint(-5, 5) * 3600
                disp = "discharged" if r.random() < 0.8 else "left_against_advice"
                if r.random() < 0.2:  # moved on to a bigger hospital
                    dis1 = adm + r.randint(4, 40) * 3600
                    ref = int(self.rng.choice(g.h_referral))
                    self._med_row(pid, hosp, adm, dis1, dx, ext, "transferred", inc, strat)
                    hosp, adm = ref, dis1 + r.randint(1, 5) * 3600
            else:
                los = max(1, int(self.rng.lognormal(np.log(5), 0.5)))
                los = min(los, 13)
                dis = adm + los * 86400 + r.randint(-5, 5) * 3600
                disp = "discharged"
            dis_o: int | None = dis
            if dis > DX * 86400 + 86399:
                dis_o, disp = None, "discharged"
            self._med_row(pid, hosp, adm, dis_o, dx, ext, disp, inc, strat, emerg)
            if fatal:
                death_day = cast(int, dis_o) // 86400
        # ---------------- deaths
        if fatal:
            self.add_deaths(np.array([pid]), np.array([death_day]), "incident", idx)
            self._death_of_victim(inc, pid, death_day, strat, hidden, hosp_name, home, home_im,
                                  ent_city, county)
        # ---------------- claim
        self._victim_claim(inc, pid, out, strat, hidden, enrolled, death_day)
        after = (len(self.dereg), len(self.crem), len(self.claim), len(self.med))
        if fatal and after == before:
            self._add_trace(pid, cast(int, death_day), county)

    def _med_row(self, pid, hosp, adm, dis, dx, ext, disp, inc, strat, emerg=False) -> None:
        r = self.r
        if inc.kind == "concealed" or (strat in STRATEGIES):
            payer = r.choices(["self_pay", "resident_insurance", "commercial", "other",
                               "work_injury_insurance"], weights=[55, 15, 15, 10, 5])[0]
            ent = inc.ent if r.random() < 0.08 else -1
        else:
            payer = r.choices(["work_injury_insurance", "self_pay", "commercial",
                               "employee_insurance", "other"], weights=[45, 25, 15, 5, 10])[0]
            ent = inc.ent if r.random() < 0.5 else -1
        self.med.add(pid=pid, hosp=hosp, adm=adm, dis=dis, dx=dx, ext=ext, disp=disp,
                     payer=payer, ent=ent, emerg=emerg)

    def _death_of_victim(self, inc, pid, death_day, strat, hidden, hosp_name, home, home_im,
                         ent_city, county) -> None:
        r, g = self.r, self.geo
        home_city = int(g.city[home]) if home_im else -1
        local_fh = self._local_fh(home) if home_im else -1
        emp_fh = self._local_fh(county)
        if not hidden:  # named deaths, and injured victims who died later
            late_unadded = strat == "late"
            cause_d = r.choices(["工伤", "意外", "事故死亡", None, "交通事故"],
                                weights=[25, 25, 8, 35, 30 if inc.atype == "vehicle" else 0])[0]
            if late_unadded:
                cause_d = r.choices(["工伤", "意外", "病故", None, "多器官功能衰竭"],
                                    weights=[20, 20, 25, 30, 5])[0]
            cert = r.choices(["police", "hospital", "other", "community", None],
                             weights=[35, 45, 10, 5, 5])[0]
            if hosp_name is not None:
                cert = "hospital" if r.random() < 0.8 else cert
            lag = r.choices([1, 2, 3, 4, 5, 6, 7], weights=[8, 15, 25, 20, 12, 10, 10])[0]
            fh = local_fh if (home_im and r.random() < 0.55) else (
                emp_fh if (home_im or r.random() < 0.6) else -1)
            origin = hosp_name if hosp_name and r.random() < 0.8 else r.choice(
                [None, inc.address, g.full_name(county)])
            cause_c = r.choice([None, "颅脑损伤", "多发伤", "失血性休克", "窒息", "多器官功能衰竭"])
            self._one_death(pid, death_day, cause_d, cause_c, lag, fh, cert, origin,
                            0.93, 0.62, 20.0)
            return
        s = strat
        p_d, med = 0.85, 35.0
        if s == "illness":
            cause_d = r.choices(["病故", "猝死", "突发疾病", "心肌梗死", None],
                                weights=[35, 20, 10, 5, 30])[0]
            cause_c = r.choice(["猝死", "心源性猝死", "急性心肌梗死", "呼吸循环衰竭", None])
            cert = r.choices(["community", "other", "hospital", None], weights=[40, 30, 20, 10])[0]
            origin = r.choices(["家中", f"{r.choice(['乌兰', '巴音', '查干', '新民'])}嘎查", None],
                               weights=[50, 20, 30])[0]
            lag = r.choices([0, 1, 2, 3], weights=[35, 35, 20, 10])[0]
            fh = local_fh if (home_im and r.random() < 0.6) else emp_fh
        elif s == "traffic":
            cause_d = r.choices(["交通事故", "意外", None], weights=[65, 15, 20])[0]
            cause_c = r.choice(["交通事故", "颅脑损伤", "多发伤", None])
            cert = r.choices(["police", "hospital", "other"], weights=[60, 30, 10])[0]
            origin = hosp_name if hosp_name and r.random() < 0.6 else \
                r.choice([rd for rd, _ in ROADS]) + "路段"
            lag = r.choices([1, 2, 3], weights=[40, 40, 20])[0]
            fh = emp_fh if r.random() < 0.6 else (local_fh if home_im else emp_fh)
        elif s == "away":
            cause_d = r.choices([None, "病故", "意外", "猝死"], weights=[45, 25, 20, 10])[0]
            cause_c = r.choice([None, None, "猝死", "多发伤", "呼吸循环衰竭"])
            cert = r.choices(["other", "community", "hospital", None], weights=[40, 30, 20, 10])[0]
            origin = r.choice([None, hosp_name, f"{r.choice(['巴音', '阿拉坦', '白音'])}嘎查"])
            lag = r.choices([0, 1, 2, 3, 4], weights=[30, 30, 20, 10, 10])[0]
            if r.random() < 0.65:
                fh = self._far_fh([int(g.city[county]), ent_city, home_city])
            else:
                fh = local_fh if home_im else -1
            p_d, med = 0.8, 60.0
        else:  # settle: honest-looking records, money instead of a claim
            cause_d = r.choices(["意外", None, "工伤", "病故"], weights=[40, 35, 10, 15])[0]
            cause_c = r.choice(["多发伤", "颅脑损伤", "窒息", "失血性休克", None])
            cert = r.choices(["hospital", "police", "other", "community"],
                             weights=[50, 20, 20, 10])[0]
            origin = hosp_name if hosp_name and r.random() < 0.7 else None
            lag = r.choices([1, 2, 3, 4], weights=[30, 35, 20, 15])[0]
            fh = emp_fh if r.random() < 0.5 else (local_fh if home_im else emp_fh)
        if not home_im and r.random() < 0.4:
            fh = -1  # the body goes home to another province
        self._one_death(pid, death_day, cause_d, cause_c, lag, fh, cert, origin, p_d, 0.6, med)

    def _one_death(self, pid, death_day, cause_d, cause_c, lag, fh, cert, origin, p_d, p_c,
                   med) -> None:
        self.death_records(np.array([pid]), np.array([death_day]), cause_d=[cause_d],
                           cause_c=[cause_c], crem_lag=np.array([lag]), fh=np.array([fh]),
                           cert=[cert], origin=[origin], p_dereg=p_d, p_crem=p_c,
                           dereg_median=med)

    def _victim_claim(self, inc, pid, out, strat, hidden, enrolled, death_day) -> None:
        r = self.r
        t = inc.day
        desc = C.DESC[inc.atype]
        if out == "death" and not hidden:
            p = 0.8 if enrolled else 0.55
            if strat == "late":
                p = 0.45
            if r.random() >= p:
                return None
            app = death_day + (r.randint(5, 30) if r.random() < 0.7 else r.randint(31, 300))
            outcome = r.choices(["death", "pending", "rejected"], weights=[92, 5, 3])[0]
            desc = desc + ("，经抢救无效死亡" if strat == "late" or r.random() < 0.5 else "，当场死亡")
            self._claim_row(pid, inc, death_day if strat != "late" else t, app, outcome, desc)
            return None
        if out == "death":
            u = r.random()
            if strat == "illness" and u < 0.12:
                app = death_day + r.randint(10, 50)
                self._claim_row(pid, inc, death_day, app,
                                r.choices(["death", "pending"], weights=[80, 20])[0],
                                C.CLAIM_SUDDEN)
            elif u < 0.14 + (0.12 if strat == "illness" else 0):
                app = death_day + r.randint(60, 400)
                self._claim_row(pid, inc, death_day, app,
                                r.choices(["death", "pending", "rejected"], weights=[40, 35, 25])[0],
                                r.choice([None, "在单位工作期间死亡", "工作中受伤死亡"]))
            elif u < 0.22 + (0.12 if strat == "illness" else 0):
                app = death_day + r.randint(5, 30)
                self._claim_row(pid, inc, death_day, app, "death", desc + "，经抢救无效死亡")
            return None
        # injured
        if inc.kind == "concealed":
            p = 0.12 if out == "serious_injury" else 0.05
        else:
            p = (0.7 if out == "serious_injury" else 0.4) * (1.0 if enrolled else 0.6)
        if r.random() >= p:
            return None
        app = t + (r.randint(5, 30) if r.random() < 0.75 else r.randint(31, 330))
        if out == "serious_injury":
            outcome = r.choices([f"disability_{k}" for k in range(1, 7)] + ["injury", "pending",
                                                                           "rejected"],
                                weights=[3, 6, 10, 12, 15, 14, 15, 18, 7])[0]
        else:
            outcome = r.choices(["injury", "disability_9", "disability_10", "pending",
                                 "rejected"], weights=[55, 10, 15, 12, 8])[0]
        self._claim_row(pid, inc, t, app, outcome, desc if r.random() < 0.9 else None)
        return None

    def _add_trace(self, pid: int, death_day: int, county: int) -> None:
        """A death that left no record at all gets one: a hidden death leaves at least one
        trace in a death, medical or claim record."""
        r = self.r
        if self.people.home[pid] < self.geo.n_im:
            self.dereg.add(pid=pid, death=death_day, dereg=min(death_day + r.randint(20, 50), DX),
                           reason="death", cause=r.choice([None, "病故", "意外"]))
        else:
            self.crem.add(pid=pid, death=death_day, crem=death_day + r.randint(0, 2),
                          fh=self._local_fh(county), cause=None,
                          cert=r.choice(["other", "community", None]), origin=None)

    def _claim_row(self, pid, inc, inj, app, outcome, desc) -> None:
        r = self.r
        if app > DX:
            return
        dec = app + r.randint(15, 75)
        if outcome == "pending" or dec > DX:
            dec, outcome = None, "pending"
        self.claim.add(pid=pid, ent=inc.ent, inj=inj, app=app, dec=dec, outcome=outcome,
                       desc=desc, region=int(self.ent.region[inc.ent]))

    # ------------------------------------------------------------------ pool background
    def _pool_alive(self, n: int, days: np.ndarray, mask: np.ndarray | None = None,
                    age_lo: int = 18, age_hi: int = 66) -> tuple[np.ndarray, np.ndarray]:
        """n pool workers alive, not in an incident, of age within bounds on the given days."""
        pool = self.pool if mask is None else self.pool[mask]
        if len(pool) == 0:
            return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
        pick = self.rng.choice(pool, size=n * 2)
        d = np.concatenate([days, days])[: len(pick)]
        age = (d - self.people.birth[pick]) / 365.25
        ok = (self.people.death[pick] == OPEN) & (age >= age_lo) & (age <= age_hi)
        ok &= ~np.isin(pick, np.fromiter(self.used, dtype=np.int64, count=len(self.used)))
        pick, d = pick[ok], d[ok]
        _, first = np.unique(pick, return_index=True)
        first = np.sort(first)[:n]
        return pick[first], d[first]

    def _pool_deaths(self) -> None:
        rng, r, e = self.rng, self.r, self.ent
        spw, spe, sps, spn = self.sp_w, self.sp_e, self.sp_s, self.sp_n
        # 1. natural deaths of workers (some sudden at work: deemed work deaths, claims filed)
        n_nat = max(2, round(0.0025 * len(self.pool) * 3.3))
        pids, dd = self._pool_alive(n_nat, self._days(n_nat), age_lo=25)
        self.add_deaths(pids, dd, "natural")
        self._natural_records(pids, dd, working=True)
        n_sud = self.n["sudden_at_work"]
        sp_ok = np.flatnonzero((sps <= D1 - 60) & (spn >= D0 + 60))
        ch = rng.choice(sp_ok, size=n_sud * 3)
        dd = rng.integers(np.maximum(sps[ch], D0), np.minimum(spn[ch], D1) + 1)
        wk = spw[ch]
        ok = (self.people.death[wk] == OPEN) & ~np.isin(wk, list(self.used))
        ok &= (dd - self.people.birth[wk]) / 365.25 > 30
        _, first = np.unique(wk[ok], return_index=True)
        sel = np.sort(first)[:n_sud]
        wk, dd, ch = wk[ok][sel], dd[ok][sel], ch[ok][sel]
        self.add_deaths(wk, dd, "natural")
        self._natural_records(wk, dd, working=True, sudden=True)
        for p, d0, c in zip(wk.tolist(), dd.tolist(), ch.tolist(), strict=True):
            if r.random() < 0.8:
                app = d0 + r.randint(8, 60)
                self._bg_claim(p, int(spe[c]), d0, app,
                               r.choices(["death", "pending", "rejected"], weights=[80, 12, 8])[0],
                               C.CLAIM_SUDDEN)
        # 2. pneumoconiosis (claims; some die of it)
        last_emp = self.last_emp
        dusty = np.isin(e.industry[last_emp[self.pool]],
                        ["coal_mining", "non_coal_mining", "metallurgy"])
        n_p = self.n["pneumo"]
        pids, diag = self._pool_alive(n_p, self._days(n_p), mask=dusty, age_lo=38, age_hi=70)
        self.used.update(pids.tolist())
        for p, d0 in zip(pids.tolist(), diag.tolist(), strict=True):
            emp_i = int(last_emp[p])
            desc = r.choice(C.CLAIM_PNEUMO)
            u = r.random()
            if u < 0.08 and d0 < D1 - 200:
                death = d0 + r.randint(30, 600)
                if death <= D1:
                    self.add_deaths(np.array([p]), np.array([death]), "natural")
                    self._natural_records(np.array([p]), np.array([death]), working=True,
                                          pneumo=True)
                    self._bg_claim(p, emp_i, d0, death + r.randint(20, 120), "death", desc)
                    continue
            outcome = r.choices(["disability_1", "disability_2", "disability_3", "disability_4",
                                 "disability_5", "disability_6", "disability_7", "rejected",
                                 "pending"], weights=[6, 10, 14, 20, 12, 10, 8, 8, 12])[0]
            self._bg_claim(p, emp_i, d0, d0 + r.randint(10, 120), outcome, desc)

    def _pool_injuries(self) -> None:
        rng, r, e = self.rng, self.r, self.ent
        spw, spe, sps, spn = self.sp_w, self.sp_e, self.sp_s, self.sp_n
        # 3. workplace injuries: medical records, many with claims
        n_w = self.n["work_injuries"]
        lo = np.maximum(sps, D0)
        hi = np.minimum(np.minimum(spn, D1), self.people.death[spw] - 1)
        span = np.clip(hi - lo, 0, None).astype(float)
        ok_sp = np.flatnonzero(span > 0)
        ch = rng.choice(ok_sp, size=n_w, p=span[ok_sp] / span[ok_sp].sum())
        days = lo[ch] + (rng.random(n_w) * span[ch]).astype(np.int64)
        wk, emp = spw[ch], spe[ch]
        keep = ~np.isin(wk, list(self.used)) | (rng.random(n_w) < 0.5)
        keep &= days < self.people.death[wk]
        wk, emp, days = wk[keep], emp[keep], days[keep]
        n_w = len(wk)
        codes = C.WORK_MINOR
        ci = rng.choice(len(codes), size=n_w, p=np.array([c[2] for c in codes]) /
                        sum(c[2] for c in codes))
        dx = np.array([codes[i][0] for i in ci], dtype=object)
        ext = np.array([codes[i][1] for i in ci], dtype=object)
        los = np.minimum(np.maximum(1, rng.lognormal(np.log([codes[i][3] for i in ci]), 0.45)
                                    ).astype(np.int64), 13)
        ecounty = e.region[emp]
        hc = np.where(rng.random(n_w) < 0.75, ecounty,
                      np.where(self._is_im(wk), self.people.home[wk], ecounty))
        hosp = self.hospital(hc)
        adm = days * 86400 + self._hour_sec(n_w)
        dis = adm + los * 86400 + rng.integers(-4, 5, size=n_w) * 3600
        payer = _pick(rng, [("work_injury_insurance", 50), ("employee_insurance", 15),
                            ("self_pay", 20), ("commercial", 10), ("other", 5)], n_w)
        rec_emp = np.where(rng.random(n_w) < 0.55, emp, -1)
        disp = _pick(rng, [("discharged", 95), ("left_against_advice", 5)], n_w)
        ext = _none_where(rng.random(n_w) < 0.06, ext)
        m = dis <= DX * 86400
        self.med.add(pid=wk[m], hosp=hosp[m], adm=adm[m], dis=dis[m], dx=dx[m], ext=ext[m],
                     disp=disp[m], payer=payer[m], ent=rec_emp[m], emerg=False)
        # claims for a share of them, plus outpatient-only injuries
        cl = rng.random(n_w) < 0.3
        extra = rng.random(n_w) < 0.1
        for p, em, d0, is_extra in zip(wk[cl | extra].tolist(), emp[cl | extra].tolist(),
                                       days[cl | extra].tolist(), (extra & ~cl)[cl | extra].tolist(),
                                       strict=True):
            app = d0 + (r.randint(3, 30) if r.random() < 0.8 else r.randint(31, 330))
            outcome = r.choices(["injury", "disability_10", "disability_9", "disability_8",
                                 "disability_7", "disability_6", "disability_5", "rejected",
                                 "pending"], weights=[50, 12, 9, 6, 4, 2, 1, 7, 9])[0]
            if is_extra:
                outcome = r.choices(["injury", "disability_10", "rejected", "pending"],
                                    weights=[75, 8, 9, 8])[0]
            self._bg_claim(p, em, d0, app, outcome,
                           r.choice(C.CLAIM_WORK) if r.random() < 0.9 else None)

    def _commute(self) -> None:
        """Commuting injuries (and a few deaths) of enrolled workers: claims, not accidents."""
        rng, r, e = self.rng, self.r, self.ent
        spw, spe, sps, spn = self.sp_w, self.sp_e, self.sp_s, self.sp_n
        lo = np.maximum(sps, D0)
        hi = np.minimum(np.minimum(spn, D1), self.people.death[spw] - 1)
        span = np.clip(hi - lo, 0, None).astype(float)
        ok_sp = np.flatnonzero(span > 0)
        n_c = self.n["commute"]
        ch = rng.choice(ok_sp, size=n_c, p=span[ok_sp] / span[ok_sp].sum())
        days = lo[ch] + (rng.random(n_c) * span[ch]).astype(np.int64)
        wk, emp = spw[ch], spe[ch]
        keep = (days < self.people.death[wk]) & ~np.isin(wk, list(self.used))
        _, first = np.unique(wk[keep], return_index=True)
        sel = np.sort(first)
        wk, emp, days = wk[keep][sel], emp[keep][sel], days[keep][sel]
        for p, em, d0 in zip(wk.tolist(), emp.tolist(), days.tolist(), strict=True):
            if self.people.death[p] != OPEN:
                continue
            dx, ext, _, med_los = r.choice(C.COMMUTE)
            county = int(e.region[em])
            hosp = int(self.hospital(np.array([county]))[0])
            hour = r.choice([7, 7, 8, 17, 18, 18, 19])
            adm = d0 * 86400 + hour * 3600 + r.randint(0, 3599)
            dies = r.random() < 0.03
            if dies:
                dis = adm + r.randint(1, 72) * 3600
                self.add_deaths(np.array([p]), np.array([dis // 86400]), "non_occupational")
                self.med.add(pid=p, hosp=hosp, adm=adm, dis=dis, dx="S06.5", ext=ext,
                             disp="died", payer="commercial", ent=-1, emerg=True)
                self._nonocc_death_records(np.array([p]), np.array([dis // 86400]),
                                           np.array([county]), "traffic", np.array([True]))
                outcome = r.choices(["death", "pending"], weights=[85, 15])[0]
                self._bg_claim(p, em, d0, d0 + r.randint(15, 200), outcome,
                               r.choice(C.CLAIM_COMMUTE))
                continue
            los = max(1, int(rng.lognormal(np.log(med_los), 0.5)))
            dis = adm + los * 86400
            if dis > DX * 86400:
                continue
            self.med.add(pid=p, hosp=hosp, adm=adm, dis=dis, dx=dx, ext=ext,
                         disp="discharged", payer=r.choice(["commercial", "employee_insurance",
                                                            "work_injury_insurance",
                                                            "self_pay"]),
                         ent=em if r.random() < 0.3 else -1, emerg=False)
            if r.random() < 0.75:
                outcome = r.choices(["injury", "disability_10", "disability_9", "disability_8",
                                     "disability_6", "disability_4", "rejected", "pending"],
                                    weights=[40, 12, 10, 6, 4, 3, 12, 10])[0]
                self._bg_claim(p, em, d0, d0 + r.randint(10, 300), outcome,
                               r.choice(C.CLAIM_COMMUTE))

    def _bg_claim(self, pid, ent, inj, app, outcome, desc) -> None:
        if app > DX:
            return
        dec = app + self.r.randint(15, 75)
        if outcome == "pending" or dec > DX:
            dec, outcome = None, "pending"
        self.claim.add(pid=pid, ent=ent, inj=inj, app=app, dec=dec, outcome=outcome, desc=desc,
                       region=int(self.ent.region[ent]))

    # ------------------------------------------------------------------ natural deaths
    def _natural_records(self, pids: np.ndarray, dd: np.ndarray, working: bool = False,
                         sudden: bool = False, pneumo: bool = False) -> None:
        rng, g = self.rng, self.geo
        n = len(pids)
        if n == 0:
            return
        age = self.people.age_at(pids, dd)
        cause_d = _pick(rng, C.NAT_CAUSE_DEREG, n)
        cause_d = np.where((age >= 85) & (rng.random(n) < 0.2), "衰老", cause_d)
        if working:
            cause_d = np.where(rng.random(n) < 0.1, "猝死", cause_d)
        if sudden:
            cause_d = _pick(rng, [("猝死", 40), ("病故", 30), ("心肌梗死", 10), ("脑出血", 10),
                                  ("突发疾病", 10)], n)
        if pneumo:
            cause_d = _pick(rng, [("尘肺病", 30), ("病故", 40), ("呼吸衰竭", 15)], n)
        cause_d = _none_where(rng.random(n) < 0.38, cause_d)
        cause_c = _pick(rng, C.NAT_CAUSE_CREM, n)
        if sudden:
            cause_c = _pick(rng, [("心源性猝死", 50), ("急性心肌梗死", 30), ("脑出血", 20)], n)
        if pneumo:
            cause_c = _pick(rng, [("尘肺病", 40), ("呼吸衰竭", 40), ("肺部感染", 20)], n)
        cause_c = _none_where(rng.random(n) < 0.2, cause_c)
        home = self.people.home[pids]
        im = home < g.n_im
        homec = np.where(im, home, 0)
        in_hosp = rng.random(n) < (0.85 if sudden else 0.55)
        hosp = self.hospital(homec, severe=np.ones(n, dtype=bool))
        cert = np.where(in_hosp, "hospital",
                        _pick(rng, [("community", 85), ("police", 4), ("other", 8), (None, 3)], n))
        origin = np.where(in_hosp, np.array(g.h_name, dtype=object)[hosp],
                          _pick(rng, [("家中", 80), ("村卫生室", 5), (None, 15)], n))
        lag = rng.choice(8, size=n, p=np.array([3, 10, 30, 35, 10, 5, 4, 3]) / 100)
        u = rng.random(n)
        fh = g.fh_county[homec]
        ref_city = np.where(rng.random(n) < 0.6, 0, 1)  # Hohhot or Baotou
        fh = np.where(u < 0.1, g.fh_city[ref_city], fh)
        fh = np.where((u >= 0.1) & (u < 0.14), g.fh_city[rng.integers(0, len(g.fh_city), n)], fh)
        if working:  # migrants die where they work, or are taken home
            fh = np.where(im, fh, np.where(rng.random(n) < 0.4,
                                           g.fh_city[rng.integers(0, len(g.fh_city), n)], -1))
        p_c = self._crem_p(pids)
        p_c = np.where(im, p_c, 0.4)
        self.death_records(pids, dd, cause_d=cause_d, cause_c=cause_c, crem_lag=lag, fh=fh,
                           cert=cert, origin=origin, p_dereg=0.93, p_crem=p_c)

    def _natural(self) -> None:
        rng = self.rng
        n = self.n["natural"]
        band = rng.choice(5, size=n, p=[0.01, 0.06, 0.18, 0.35, 0.40])
        lo = np.array([0, 16, 45, 65, 80])[band]
        hi = np.array([15, 44, 64, 79, 99])[band]
        ages = (lo + rng.random(n) * (hi - lo + 1)).astype(np.int64)
        male = rng.random(n) < np.where(ages < 65, 0.68, 0.54)
        home = self.geo.sample_im(rng, n)
        dd = self._days(n, D0, DX - 1)
        pids = self._new(n, ages, dd, male, home)
        self.add_deaths(pids, dd, "natural")
        self._natural_records(pids, dd)

    # ------------------------------------------------------------------ non-occupational
    def _nonocc_death_records(self, pids, dd, county, kind: str, hospital_death) -> None:
        rng, g = self.rng, self.geo
        n = len(pids)
        if n == 0:
            return
        tables = {
            "traffic": ([("交通事故", 70), ("意外", 15)], [("交通事故", 40), ("颅脑损伤", 30),
                                                         ("多发伤", 30)]),
            "fall": ([("病故", 40), ("意外", 25), ("摔伤", 5)], [("颅脑损伤", 30),
                                                           ("多器官功能衰竭", 30),
                                                           ("股骨颈骨折并发肺部感染", 20),
                                                           ("呼吸循环衰竭", 20)]),
            "co": ([("一氧化碳中毒", 40), ("煤气中毒", 20), ("意外", 20)],
                   [("一氧化碳中毒", 70), ("窒息", 30)]),
            "herder": ([("意外", 60), ("病故", 5)], [("颅脑损伤", 40), ("多发伤", 30),
                                                  ("低温冻伤", 15), ("窒息", 15)]),
            "drowning": ([("溺水", 50), ("意外", 40)], [("溺水", 100)]),
            "other": ([("意外", 40), ("病故", 15), ("自杀", 5)], [("窒息", 30), ("中毒", 30),
                                                             ("颅脑损伤", 40)]),
        }
        td, tc = tables[kind]
        cause_d = _none_where(rng.random(n) < 0.22, _pick(rng, td, n))
        cause_c = _none_where(rng.random(n) < 0.2, _pick(rng, tc, n))
        cert_h = _pick(rng, [("hospital", 85), ("police", 10), ("other", 5)], n)
        cert_o = _pick(rng, [("police", 55), ("community", 30), ("other", 10), (None, 5)], n) \
            if kind in ("traffic", "drowning", "other", "herder") else \
            _pick(rng, [("community", 70), ("police", 20), ("other", 10)], n)
        cert = np.where(hospital_death, cert_h, cert_o)
        origin_o = {"traffic": "事故现场", "co": "家中", "fall": "家中", "herder": "牧场",
                    "drowning": None, "other": None}[kind]
        hosp = self.hospital(county)
        origin = cast(np.ndarray, np.where(hospital_death, np.array(g.h_name, dtype=object)[hosp],
                                           origin_o))
        origin = _none_where(rng.random(n) < 0.12, origin)
        home = self.people.home[pids]
        im = home < g.n_im
        # traffic deaths are often cremated where the crash happened, far from home
        here = g.fh_county[county]
        there = g.fh_county[np.where(im, home, 0)]
        p_here = 0.55 if kind == "traffic" else 0.15
        fh = np.where(im & (rng.random(n) >= p_here), there, here)
        fh = np.where(~im & (rng.random(n) < 0.5), -1, fh)
        lag = rng.choice(8, size=n, p=np.array([2, 8, 22, 30, 15, 10, 7, 6]) / 100)
        p_c = np.where(im, self._crem_p(pids), 0.5)
        self.death_records(pids, dd, cause_d=cause_d, cause_c=cause_c, crem_lag=lag, fh=fh,
                           cert=cert, origin=origin, p_dereg=0.92, p_crem=p_c, dereg_median=18)

    def _med_rows(self, pids, county, adm, los_days, dx, ext, disp, payer, ent=None,
                  emerg=None, mongol=None, severe=None) -> np.ndarray:
        """Admissions; returns the discharge (or death) times in seconds."""
        n = len(pids)
        hosp = self.hospital(county, severe=severe, mongol=mongol)
        jitter = np.where(np.asarray(disp, dtype=object) == "died", 0,
                          self.rng.integers(-4, 5, size=n) * 3600)
        dis = adm + (np.asarray(los_days) * 86400).astype(np.int64) + jitter
        dis = np.maximum(dis, adm + 1800)
        dis_o = _none_where(dis > DX * 86400 + 86399, dis)
        self.med.add(pid=pids, hosp=hosp, adm=adm, dis=dis_o, dx=dx, ext=ext, disp=disp,
                     payer=payer, ent=-1 if ent is None else ent,
                     emerg=False if emerg is None else emerg)
        return dis

    def _traffic(self) -> None:
        """Road crashes: occupants of cars and coal trucks, some of them off-duty workers,
        often far from home on the long-haul routes."""
        rng, r, g = self.rng, self.r, self.geo
        n = self.n["traffic_crashes"]
        road_c = [[g.idx[c] for c in cs] for _, cs in ROADS]
        # off-duty workers: half of them drivers of the transport companies
        trans = np.isin(self.ent.industry[self.last_emp[self.pool]], ["transport"])
        n_off = max(1, round(n * 0.25))
        off_t, _ = self._pool_alive(n_off, self._days(n_off), mask=trans)
        off_o, _ = self._pool_alive(n_off, self._days(n_off))
        off = np.concatenate([off_t, off_o])
        off = off[self.rng.permutation(len(off))]
        off_k = 0
        for _k in range(n):
            t = int(self._days(1)[0])
            on_road = r.random() < 0.6
            county = r.choice(r.choice(road_c)) if on_road else int(g.sample_im(rng, 1)[0])
            k_dead = r.choices([0, 1, 2, 3], weights=[12, 70, 14, 4])[0]
            k_inj = r.choices([0, 1, 2, 3], weights=[45, 30, 17, 8])[0]
            if k_dead + k_inj == 0:
                k_inj = 1
            k = k_dead + k_inj
            pids = []
            for _j in range(k):
                if r.random() < 0.13 and off_k < len(off):  # off duty: truck drivers, miners
                    p = int(off[off_k])
                    off_k += 1
                    if p not in self.used and self.people.death[p] == OPEN:
                        pids.append(p)
                        self.used.add(p)
                        continue
                home = g.sample_out(rng, 1) if r.random() < 0.12 else (
                    np.array([county]) if r.random() < 0.5 else g.sample_im(rng, 1))
                male = np.array([r.random() < 0.72])
                pids.append(int(self._new(1, self._ages(1, 3, 85, 40, 16), np.array([t]), male,
                                          home)[0]))
            sec = t * 86400 + int(self._hour_sec(1)[0])
            for j, p in enumerate(pids):
                dx, ext, _, med_los = r.choice(C.TRAFFIC)
                if j < k_dead:
                    on_scene = r.random() < 0.5
                    if on_scene:
                        dday = t
                    else:
                        adm = sec + r.randint(20, 120) * 60
                        dis = self._med_rows(np.array([p]), np.array([county]),
                                             np.array([adm]),
                                             np.array([r.randint(20, 60 * 24 * 10) / 1440]),
                                             r.choice(["S06.5", "T07", "S27.3", "S36.0"]), ext,
                                             "died", r.choice(["commercial", "self_pay",
                                                               "resident_insurance"]),
                                             emerg=True)
                        dday = int(dis[0]) // 86400
                    self.add_deaths(np.array([p]), np.array([dday]), "non_occupational")
                    self._nonocc_death_records(np.array([p]), np.array([dday]),
                                               np.array([county]), "traffic",
                                               np.array([not on_scene]))
                else:
                    los = max(1, rng.lognormal(np.log(med_los), 0.6))
                    self._med_rows(np.array([p]), np.array([county]),
                                   np.array([sec + r.randint(20, 150) * 60]), np.array([los]),
                                   dx, ext if r.random() > 0.05 else None,
                                   r.choices(["discharged", "transferred", "left_against_advice"],
                                             weights=[88, 7, 5])[0],
                                   r.choice(["commercial", "self_pay", "resident_insurance",
                                             "employee_insurance"]))

    def _non_occupational(self) -> None:
        rng, r, g = self.rng, self.r, self.geo
        # home falls of the elderly, dying in hospital weeks later
        n = self.n["home_fall_deaths"]
        ages = rng.integers(68, 99, size=n)
        t = self._days(n, D0, D1 - 40)
        home = g.sample_im(rng, n)
        pids = self._new(n, ages, t, rng.random(n) < 0.42, home)
        los = np.clip(rng.lognormal(np.log(12), 0.7, n), 1, 60)
        adm = t * 86400 + self._hour_sec(n)
        in_h = rng.random(n) < 0.7
        ci = rng.choice(len(C.HOME_FALL), size=n)
        dx = np.array([C.HOME_FALL[i][0] for i in ci], dtype=object)
        ext = np.array([C.HOME_FALL[i][1] for i in ci], dtype=object)
        dd = t + rng.integers(0, 30, size=n)
        dd[in_h] = self._med_rows(pids[in_h], home[in_h], adm[in_h], los[in_h], dx[in_h],
                                  ext[in_h], "died",
                                  _pick(rng, [("resident_insurance", 70),
                                              ("employee_insurance", 20), ("self_pay", 10)],
                                        int(in_h.sum()))) // 86400
        self.add_deaths(pids, dd, "non_occupational")
        self._nonocc_death_records(pids, dd, home, "fall", in_h)
        # winter coal-stove carbon monoxide poisonings, whole households
        nh = self.n["co_households"]
        kw = np.where(g.kind[: g.n_im] == "d", 0.6, 1.6)
        w = g.pop_w * kw
        winter = self._winter_days(nh)
        for _h in range(nh):
            t_co = int(winter[_h])
            county_co = int(rng.choice(g.n_im, p=w / w.sum()))
            size = r.choices([1, 2, 3, 4], weights=[20, 40, 25, 15])[0]
            dead = r.choices([0, 1, 2], weights=[30, 50, 20])[0]
            dead = min(dead, size)
            pids_co: list[int] = []
            if r.random() < 0.3:
                pk, _ = self._pool_alive(1, np.array([t_co]))
                if len(pk):
                    pids_co.append(int(pk[0]))
                    self.used.add(int(pk[0]))
            while len(pids_co) < size:
                pids_co.append(int(self._new(1, self._ages(1, 2, 88, 42, 20), np.array([t_co]),
                                             np.array([r.random() < 0.5]),
                                             np.array([county_co]))[0]))
            sec = t_co * 86400 + r.randint(0, 8) * 3600 + r.randint(0, 3599)
            hosp_county = np.array([county_co])
            for j, p in enumerate(pids_co):
                if j < dead:
                    in_h_co = r.random() < 0.4
                    dday = t_co
                    if in_h_co:
                        dis = self._med_rows(np.array([p]), hosp_county, np.array([sec + 3600]),
                                             np.array([r.uniform(0.05, 3)]), "T58", "X47.0",
                                             "died", r.choice(["resident_insurance", "self_pay"]),
                                             emerg=True)
                        dday = int(dis[0]) // 86400
                    self.add_deaths(np.array([p]), np.array([dday]), "non_occupational")
                    self._nonocc_death_records(np.array([p]), np.array([dday]), hosp_county, "co",
                                               np.array([in_h_co]))
                elif r.random() < 0.85:
                    self._med_rows(np.array([p]), hosp_county,
                                   np.array([sec + r.randint(30, 180) * 60]),
                                   np.array([r.uniform(1, 8)]), "T58",
                                   "X47.0" if r.random() < 0.9 else None, "discharged",
                                   r.choice(["resident_insurance", "self_pay",
                                             "employee_insurance"]))
        # herders' accidents in the pastoral banners
        n = self.n["herder_deaths"]
        past = np.flatnonzero(g.pastoral[: g.n_im])
        county = rng.choice(past, size=n)
        t = self._days(n)
        pids = self._new(n, self._ages(n, 16, 78, 45, 14), t, rng.random(n) < 0.86, county,
                         boost=1.6)
        ci = rng.choice(len(C.HERDER), size=n)
        ext = np.array([C.HERDER[i][1] for i in ci], dtype=object)
        ext = np.where(rng.random(n) < 0.1, "W85.7", ext)  # fence and pump electric shocks
        dx = np.where(ext == "W85.7", "T75.4",
                      _pick(rng, [("S06.5", 40), ("T07", 25), ("S12.9", 15), ("S36.0", 20)], n))
        dx = np.where(ext == "X31.7", "T68", dx)
        in_h = rng.random(n) < 0.5
        adm = t * 86400 + self._hour_sec(n)
        los = rng.uniform(0.1, 6, size=n)
        dd = t.copy()
        dd[in_h] = self._med_rows(pids[in_h], county[in_h], adm[in_h], los[in_h], dx[in_h],
                                  ext[in_h], "died",
                                  _pick(rng, [("resident_insurance", 70), ("self_pay", 30)],
                                        int(in_h.sum())),
                                  mongol=self.people.mongol[pids[in_h]]) // 86400
        self.add_deaths(pids, dd, "non_occupational")
        self._nonocc_death_records(pids, dd, county, "herder", in_h)
        # drownings and other non-occupational deaths
        for kind, key, codes in (
                ("drowning", "drowning", [("T75.1", "W69.8"), ("T75.1", "W74.9"),
                                          ("T75.1", "W65.0")]),
                ("other", "other_deaths", [("T71", "X70.0"), ("T60.0", "X68.0"),
                                           ("S06.5", "W13.0"), ("S21.1", "X99.4"),
                                           ("S06.5", "Y04.4"), ("T51.0", "X45.0")])):
            n = self.n[key]
            t = self._days(n)
            home = g.sample_im(rng, n)
            pids = self._new(n, self._ages(n, 8, 85, 38, 16), t, rng.random(n) < 0.75, home)
            ci = rng.choice(len(codes), size=n)
            in_h = rng.random(n) < 0.35
            adm = t * 86400 + self._hour_sec(n)
            los = rng.uniform(0.05, 4, size=n)
            dd = t.copy()
            dd[in_h] = self._med_rows(pids[in_h], home[in_h], adm[in_h], los[in_h],
                                      np.array([codes[i][0] for i in ci], dtype=object)[in_h],
                                      np.array([codes[i][1] for i in ci], dtype=object)[in_h],
                                      "died", _pick(rng, [("resident_insurance", 60),
                                                          ("self_pay", 40)], int(in_h.sum())),
                                      emerg=True) // 86400
            self.add_deaths(pids, dd, "non_occupational")
            self._nonocc_death_records(pids, dd, home, kind, in_h)

    # ------------------------------------------------------------------ medical background
    def _medical_general(self) -> None:
        rng, g = self.rng, self.geo
        n = self.n["med_general"]
        cats = [("traffic", C.TRAFFIC, 27, (5, 80, 38, 16)),
                ("home", C.HOME_FALL, 27, (1, 98, 66, 20)),
                ("other", C.OTHER, 22, (4, 80, 34, 16)),
                ("herder", C.HERDER, 8, (14, 78, 44, 14)),
                ("burnpois", C.BURN_POISON, 8, (1, 85, 36, 20)),
                ("workish", C.WORK_MINOR, 8, (18, 65, 42, 11))]  # informal work, no employer
        cw = np.array([c[2] for c in cats], dtype=float)
        cat = rng.choice(len(cats), size=n, p=cw / cw.sum())
        repeat = rng.random(n) < 0.05
        t = self._days(n, D0, DX - 1)
        home = g.sample_im(rng, n)
        past = np.flatnonzero(g.pastoral[: g.n_im])
        herder = cat == 3
        home[herder] = rng.choice(past, size=int(herder.sum()))
        ages = np.empty(n, dtype=np.int64)
        male = np.empty(n, dtype=bool)
        dx = np.empty(n, dtype=object)
        ext = np.empty(n, dtype=object)
        los = np.empty(n)
        for k, (_name, table, _w, (lo, hi, mu, sd)) in enumerate(cats):
            m = cat == k
            c = int(m.sum())
            ages[m] = np.clip(rng.normal(mu, sd, c), lo, hi).astype(np.int64)
            male[m] = rng.random(c) < (0.7 if k in (0, 3, 5) else 0.5)
            w = np.array([x[2] for x in table], dtype=float)
            ci = rng.choice(len(table), size=c, p=w / w.sum())
            dx[m] = [table[i][0] for i in ci]
            e = np.array([table[i][1] for i in ci], dtype=object)
            if k == 5:  # informal work injuries are often coded without the place
                e = np.where(rng.random(c) < 0.5,
                             np.array([x[:3] + ".9" for x in e], dtype=object), e)
            ext[m] = e
            los[m] = np.maximum(0.2, rng.lognormal(np.log([table[i][3] for i in ci]), 0.55))
        # carbon monoxide poisonings happen in winter
        co = (dx == "T58")
        t[co] = np.resize(self._winter_days(max(1, int(co.sum()))), int(co.sum()))
        ext = _none_where(rng.random(n) < 0.08, ext)
        pids = np.empty(n, dtype=np.int64)
        pids[~herder] = self._new(int((~herder).sum()), ages[~herder], t[~herder], male[~herder],
                                  home[~herder])
        pids[herder] = self._new(int(herder.sum()), ages[herder], t[herder], male[herder],
                                 home[herder], boost=1.6)
        # a few people come back: readmission or a second injury later
        rep_src = np.flatnonzero(repeat)
        county = np.where(rng.random(n) < 0.88, home, g.sample_im(rng, n))
        adm = t * 86400 + self._hour_sec(n)
        severe = los >= 14
        disp = _pick(rng, [("discharged", 90), ("transferred", 4), ("left_against_advice", 6)], n)
        payer = _pick(rng, [("resident_insurance", 45), ("employee_insurance", 20),
                            ("self_pay", 20), ("commercial", 10), ("other", 3), (None, 2)], n)
        payer = np.where((cat == 0) & (rng.random(n) < 0.35), "commercial", payer)
        emerg = rng.random(n) < 0.25
        self._med_rows(pids, county, adm, los, dx, ext, disp, payer, emerg=emerg,
                       mongol=self.people.mongol[pids], severe=severe)
        # transfers continue at a bigger hospital
        tr = np.flatnonzero(disp == "transferred")
        if len(tr):
            adm2 = adm[tr] + (los[tr] * 86400).astype(np.int64) + rng.integers(1, 6, len(tr)) * 3600
            self._med_rows(pids[tr], county[tr], adm2, rng.lognormal(np.log(10), 0.5, len(tr)),
                           dx[tr], ext[tr], "discharged", payer[tr], severe=np.ones(len(tr), bool))
        if len(rep_src):
            t2 = t[rep_src] + rng.integers(20, 500, size=len(rep_src))
            ok = t2 <= DX - 20
            rs = rep_src[ok]
            ci = rng.choice(len(C.OTHER), size=len(rs))
            self._med_rows(pids[rs], county[rs], t2[ok] * 86400 + self._hour_sec(len(rs)),
                           rng.lognormal(np.log(4), 0.5, len(rs)),
                           np.array([C.OTHER[i][0] for i in ci], dtype=object),
                           np.array([C.OTHER[i][1] for i in ci], dtype=object), "discharged",
                           payer[rs])

    # ------------------------------------------------------------------ spells
    def _finish_spells(self) -> None:
        rng = self.rng
        xs = np.array(self.xsp, dtype=np.int64).reshape(-1, 4)
        w = np.concatenate([self.sp_w, xs[:, 0]])
        e = np.concatenate([self.sp_e, xs[:, 1]])
        s = np.concatenate([self.sp_s, xs[:, 2]])
        n = np.concatenate([self.sp_n, xs[:, 3]])
        death = self.people.death[w]
        keep = (s <= death) & (s <= DX - 1)
        # after a death the employer stops contributions, mostly within two months
        stop = (n > death) & (rng.random(len(w)) < 0.6)
        n = np.where(stop, death + rng.integers(0, 60, len(w)), n)
        n = np.where(n > DX, OPEN, n)
        n = np.maximum(n, s)
        self.spells = (w[keep], e[keep], s[keep], n[keep])

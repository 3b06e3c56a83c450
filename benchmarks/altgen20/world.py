"""The world's people and events: workers and their employers, natural and other
non-occupational deaths (the hard negatives), injuries, and the records each event leaves in
the departments' systems as of the export date. Workplace incidents live in ``incidents``."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import geo
from . import texts as T
from .firms import Firms, build_firms
from .people import Population
from .render import Rec

D0 = np.datetime64("2023-07-01", "D")
D_END = np.datetime64("2023-12-31", "D")
EXPORT = np.datetime64("2024-01-31", "D")
EXPORT_M = EXPORT.astype("datetime64[m]")
NDAYS = 184
NAT_D = np.datetime64("NaT", "D")
NAT_M = np.datetime64("NaT", "m")
STAGES = ["firms", "workers", "incidents", "worker_deaths", "natural", "nonocc", "migrants",
          "backlog", "work_injuries", "injuries", "employment", "render"]

# kind: male share, mean age, sd, min, max, out-of-province share, enrolment probability
WORK_PARAMS: dict[str, tuple[float, float, float, int, int, float, float]] = {
    "coal_mining": (.97, 44, 8, 20, 60, .10, .93), "mine_group": (.96, 42, 8, 20, 60, .06, .97),
    "non_coal_mining": (.92, 45, 9, 20, 62, .05, .75),
    "hazardous_chemicals": (.85, 38, 9, 19, 60, .04, .92),
    "metallurgy": (.88, 40, 9, 19, 60, .05, .93), "construction": (.85, 40, 9, 20, 60, .08, .85),
    "labour": (.93, 44, 10, 18, 66, .15, .40), "transport": (.97, 41, 8, 22, 60, .04, .50),
    "fireworks": (.40, 46, 9, 18, 62, .01, .70), "manufacturing": (.60, 36, 10, 18, 60, .04, .75),
    "other": (.50, 35, 11, 18, 62, .03, .60),
}
RISK_W = {"coal_mining": 3.0, "mine_group": 3.0, "non_coal_mining": 3.0,
          "hazardous_chemicals": 2.0, "metallurgy": 2.5, "construction": 2.0, "labour": 3.0,
          "transport": 1.5, "fireworks": 2.0, "manufacturing": 1.5, "other": 0.5}
ROADS = ["G60沪昆高速", "G75兰海高速", "G56杭瑞高速", "G76厦蓉高速", "G320国道", "G210国道", "G326国道",
         "S102省道", "S209省道", "S212省道", "X345县道", "X021县道", "乡村公路"]
WATERS = ["河边", "水库", "河中", "鱼塘", "江边"]


def ow(mask: Any, a: Any, b: Any) -> np.ndarray:
    """``np.where`` over object values, where either side may be None."""
    return np.where(mask, np.asarray(a, dtype=object), np.asarray(b, dtype=object))


def td(x: Any, unit: str) -> np.ndarray:
    return np.round(np.asarray(x, dtype=float)).astype(np.int64).astype(f"timedelta64[{unit}]")


def choose(rng: np.random.Generator, seq: list[str], n: int) -> np.ndarray:
    return np.array(seq, dtype=object)[rng.integers(0, len(seq), n)]


def choose_p(rng: np.random.Generator, d: dict[str, float], n: int) -> np.ndarray:
    keys = list(d)
    w = np.array([d[k] for k in keys], dtype=float)
    return np.array(keys, dtype=object)[rng.choice(len(keys), n, p=w / w.sum())]


def place_text(rng: np.random.Generator, county: int) -> str:
    c = geo.short(geo.COUNTIES[county].name)
    return f"{c}{T.pick(rng, geo.TOWNS)}镇{T.pick(rng, geo.TOWNS)}村"


def name_variant(name: str, rng: np.random.Generator, p_exact: float = .75) -> str:
    """An enterprise name as another department writes it."""
    u = rng.random()
    if u < p_exact:
        return name
    opts: list[str] = []
    if name.startswith("贵州省"):
        opts.append(name[3:])
    elif name.startswith("贵州"):
        opts.append(name[2:])
    if "有限责任公司" in name:
        opts.append(name.replace("有限责任公司", "有限公司"))
    elif "有限公司" in name:
        opts.append(name.replace("有限公司", ""))
    if "集团有限公司" in name and name.endswith("煤矿"):
        opts.append(name.split("有限公司", 1)[1])
    if "（" not in name and "集团" in name:
        opts.append(name.replace("集团", "（集团）"))
    opts.append(name[:2] + " " + name[2:])
    return opts[int(rng.integers(len(opts)))]


class World:
    def __init__(self, scale: float, seed: int) -> None:
        self.scale = scale
        children = np.random.SeedSequence(seed).spawn(len(STAGES))
        self.r = {s: np.random.default_rng(c) for s, c in zip(STAGES, children, strict=True)}
        self.pop = Population()
        self.rec = Rec()
        self.firms: Firms = build_firms(self.r["firms"], scale)
        self.deaths: dict[int, tuple[str, int]] = {}  # pid → (death class, incident index)
        self.incidents: list[dict[str, Any]] = []
        self.incident_persons: list[tuple[int, int, str, str | None]] = []
        self.extra_spells: list[tuple[int, int, np.datetime64, np.datetime64]] = []
        self.stats: dict[str, Any] = {"unidentified_records": 0}

    def n(self, base: float, low: int = 1) -> int:
        return max(low, round(base * self.scale))

    # ------------------------------------------------------------------ workers
    def build_workers(self) -> None:
        rng = self.r["workers"]
        f = self.firms
        targets = {t for t in f.merge_to if t >= 0}
        firm_ids = np.array([i for i in range(len(f)) if f.kind[i] != "group" and i not in targets
                             and f.size[i] > 0])
        sizes = np.array([f.size[i] for i in firm_ids])
        wf = np.repeat(firm_ids, sizes)
        n = len(wf)
        kinds = list(WORK_PARAMS)
        kidx = np.array([kinds.index(f.kind[i]) for i in wf])
        par = np.array([WORK_PARAMS[k] for k in kinds])[kidx]
        age = np.clip(rng.normal(par[:, 1], par[:, 2]), par[:, 3], par[:, 4])
        male = rng.random(n) < par[:, 0]
        work_county = np.array([self.work_county(i) for i in range(len(f))])
        wc = work_county[wf]
        u = rng.random(n)
        county = wc.copy()
        other = u >= 0.80
        county[other] = rng.choice(geo.N_COUNTIES, int(other.sum()), p=geo.POP_WEIGHTS)
        same_city = (u >= 0.55) & ~other
        for city in geo.CITIES:
            members = np.flatnonzero(city == geo.COUNTY_CITY)
            m = same_city & (geo.COUNTY_CITY[wc] == city)
            county[m] = members[rng.integers(0, len(members), int(m.sum()))]
        out = rng.random(n) < par[:, 5]
        county[out] = -1
        out_code = np.array([c for c, _ in geo.OUT_HOME])[rng.integers(0, len(geo.OUT_HOME), n)]
        pid = self.pop.add(rng, age, male, county, out_code=out_code)
        self.w_pid = pid
        self.w0 = int(pid[0])
        self.w_firm = wf
        self.w_kind = np.array(kinds, dtype=object)[kidx]
        self.w_age = age
        self.w_county = county
        self.w_work_county = wc
        self.w_enrolled = rng.random(n) < par[:, 6]
        tenure = np.clip(rng.lognormal(np.log(3 * 365), 0.9, n), 30, 15 * 365)
        tenure = np.minimum(tenure, (age - 17.5) * 365)
        start = D0 - td(tenure, "D")
        new = rng.random(n) < 0.07
        start[new] = D0 + td(rng.integers(0, 150, int(new.sum())), "D")
        self.w_start = start
        leave = np.full(n, NAT_D)
        lv = rng.random(n) < 0.04
        leave[lv] = D0 + td(rng.integers(0, NDAYS, int(lv.sum())), "D")
        leave[lv & (leave <= start)] = NAT_D
        self.w_leave = leave
        self.w_dead = np.zeros(n, dtype=bool)
        self.w_used = np.zeros(n, dtype=bool)
        self.w_death_day = np.full(n, NAT_D)
        self.w_end_rule = np.full(n, "", dtype=object)
        # older miners and labourers working under a younger relative's ID
        self.w_borrow = np.full(n, -1, dtype=np.int64)
        cand = np.flatnonzero(self.w_enrolled & (age >= 57) & np.isin(
            self.w_kind, ["coal_mining", "labour", "non_coal_mining", "construction"])
            & (rng.random(n) < 0.3) & (county >= 0))
        if cand.size:
            rel = self.pop.add(rng, rng.uniform(22, 36, cand.size), rng.random(cand.size) < .7,
                               county[cand])
            names = np.concatenate(self.pop.name)
            for w, r in zip(cand, rel, strict=True):
                wn, rn = str(names[pid[w]]), str(names[r])
                self.pop.rename[int(r)] = wn[0] + rn[1:] if wn[:2] not in ("令狐", "欧阳") \
                    else wn[:2] + rn[1:]
            self.w_borrow[cand] = rel
        order = np.argsort(wf, kind="stable")
        bounds = np.searchsorted(wf[order], np.arange(len(f) + 1))
        self.firm_workers = {i: order[bounds[i]:bounds[i + 1]] for i in range(len(f))}

    def work_county(self, firm: int) -> int:
        f = self.firms
        if f.kind[firm] in ("labour", "construction") and f.project[firm] >= 0:
            return f.projects[f.project[firm]][1]
        return f.county[firm]

    def employer_at(self, firm: int, day: np.datetime64) -> int:
        f = self.firms
        if f.merge_to[firm] >= 0 and day >= D0 + np.timedelta64(f.merge_day[firm], "D"):
            return f.merge_to[firm]
        return firm

    def available(self, workers: np.ndarray, day: np.datetime64) -> np.ndarray:
        w = workers
        ok = ~self.w_dead[w] & ~self.w_used[w] & (self.w_start[w] <= day)
        lv = self.w_leave[w]
        ok &= np.isnat(lv) | (lv > day)
        return w[ok]

    def mark_dead(self, pid: int, cls: str, incident: int, day: np.datetime64,
                  rule: str = "honest") -> None:
        self.deaths[pid] = (cls, incident)
        w = pid - self.w0
        if 0 <= w < len(self.w_pid) and self.w_pid[w] == pid:
            self.w_dead[w] = True
            self.w_death_day[w] = day
            self.w_end_rule[w] = rule

    # ------------------------------------------------------------------ emitters
    def emit_dereg(self, pid: np.ndarray, death: np.ndarray, dereg_on: np.ndarray,
                   region: np.ndarray, cause: np.ndarray, *, reason: Any = "death",
                   death_known: Any = None) -> None:
        keep = dereg_on <= EXPORT
        dk = np.ones(len(pid), bool) if death_known is None else np.asarray(death_known)
        rs = np.full(len(pid), reason, dtype=object) if isinstance(reason, str) else reason
        self.rec.add("deregistrations", pid=pid[keep], death_date=death[keep],
                     dereg_on=dereg_on[keep], region=region[keep], cause=cause[keep],
                     reason=rs[keep], death_known=dk[keep])

    def emit_crem(self, pid: np.ndarray, death: np.ndarray, cremated: np.ndarray,
                  entry_lag: np.ndarray, home: np.ndarray, cause: np.ndarray,
                  issuer: np.ndarray, origin: np.ndarray, *, death_known: Any = None,
                  name_fixed: Any = None, kind_fixed: Any = None, age_fixed: Any = None,
                  out_home: np.ndarray | None = None) -> None:
        """``home`` indexes geo.FUNERAL_HOMES, or with ``out_home`` set, geo.OUT_WORK."""
        keep = (cremated + td(entry_lag, "D")) <= EXPORT
        n = len(pid)
        if out_home is None:
            out_home = np.zeros(n, bool)
        fh_name = np.where(out_home, np.array([h for _, h in geo.OUT_WORK])[
            np.where(out_home, home, 0)], geo.FH_NAME[np.where(out_home, 0, home)])
        fh_region = np.where(out_home, np.array([c for c, _ in geo.OUT_WORK])[
            np.where(out_home, home, 0)], geo.COUNTY_CODES[geo.FH_COUNTY[np.where(out_home, 0,
                                                                                  home)]])
        dk = np.ones(n, bool) if death_known is None else np.asarray(death_known)

        def sel(v: Any) -> Any:
            return v[keep] if isinstance(v, np.ndarray) else v

        self.rec.add("cremations", pid=pid[keep], death_date=death[keep],
                     cremated_on=cremated[keep], funeral_home=fh_name[keep],
                     region=fh_region[keep], cause=cause[keep], issuer=issuer[keep],
                     origin=origin[keep], death_known=dk[keep], name_fixed=sel(name_fixed),
                     kind_fixed=sel(kind_fixed), age_fixed=sel(age_fixed))

    def emit_med(self, pid: np.ndarray, hospital: np.ndarray, admitted: np.ndarray,
                 discharged: np.ndarray, diag: np.ndarray, ext: np.ndarray,
                 disposition: np.ndarray, payer: np.ndarray, employer: Any = None, *,
                 name_fixed: Any = None, kind_fixed: Any = None, age_fixed: Any = None) -> None:
        keep = admitted <= EXPORT_M
        discharged = discharged.copy()
        disposition = disposition.copy()
        still = ~np.isnat(discharged) & (discharged > EXPORT_M)
        discharged[still] = NAT_M
        disposition[still] = "discharged"  # the stay is still open at the export

        def sel(v: Any) -> Any:
            return v[keep] if isinstance(v, np.ndarray) else v

        self.rec.add("medical_records", pid=pid[keep], hospital=hospital[keep],
                     admitted_at=admitted[keep], discharged_at=discharged[keep],
                     diag=diag[keep], ext=ext[keep], disposition=disposition[keep],
                     payer=payer[keep], employer_name=sel(employer), name_fixed=sel(name_fixed),
                     kind_fixed=sel(kind_fixed), age_fixed=sel(age_fixed))

    def hospital_local(self, rng: np.random.Generator, county: np.ndarray) -> np.ndarray:
        out = np.empty(len(county), dtype=np.int64)
        u = rng.random(len(county))
        for i, c in enumerate(county):
            opts = geo.LOCAL_HOSP[int(c)]
            out[i] = opts[int(u[i] * len(opts))]
        return out

    def hospital_refer(self, rng: np.random.Generator, county: np.ndarray) -> np.ndarray:
        out = np.empty(len(county), dtype=np.int64)
        u = rng.random(len(county))
        for i, c in enumerate(county):
            opts = geo.REFER_HOSP[int(c)]
            out[i] = opts[int(u[i] * len(opts))]
        return out

    def rand_days(self, rng: np.random.Generator, n: int, winter: float = 0.0) -> np.ndarray:
        w = 1 + winter * np.cos(2 * np.pi * (np.arange(NDAYS) - 167) / 365)
        return D0 + td(rng.choice(NDAYS, n, p=w / w.sum()), "D")

    # ------------------------------------------------------------------ deaths
    def death_records(self, rng: np.random.Generator, pid: np.ndarray, county: np.ndarray,
                      death_dt: np.ndarray, category: np.ndarray, *, natural: np.ndarray,
                      miner: np.ndarray | None = None, out_code: np.ndarray | None = None,
                      med_p: np.ndarray | None = None, place: np.ndarray | None = None,
                      exchange: np.ndarray | None = None) -> None:
        """Deregistration, cremation and (for injury deaths) hospital records of background
        deaths. ``county`` is the registration county (-1 out of province: deregistered here
        only through the national exchange for people enrolled in Guizhou, ``exchange``);
        ``place`` the county where the person lived and died, when not the registration's."""
        n = len(pid)
        if n == 0:
            return
        day = death_dt.astype("datetime64[D]")
        inside = county >= 0
        cidx = np.where(inside, county, 0)
        if place is not None:
            away = ~inside | (rng.random(n) < 0.3)
            cidx = np.where(away, place, cidx)
        urban = np.where(inside, geo.COUNTY_URBAN[cidx], 0)
        age = self.pop_age(pid, day)
        # --- hospital (injury deaths only)
        has_med = (~natural) & (rng.random(n) < (med_p if med_p is not None else 0.5))
        mode = choose_p(rng, {"doa": .45, "inpatient": .4, "left": .15}, n)
        mode[category == "traffic"] = choose_p(rng, {"doa": .65, "inpatient": .35},
                                               int((category == "traffic").sum()))
        in_hosp = has_med & (mode != "left")
        adm = death_dt.copy()
        dis = death_dt.copy()
        doa = mode == "doa"
        adm[doa] = death_dt[doa] - td(rng.uniform(15, 120, int(doa.sum())), "m")
        inp = mode == "inpatient"
        adm[inp] = death_dt[inp] - td(rng.uniform(1, 25, int(inp.sum())) * 1440, "m")
        lft = mode == "left"
        adm[lft] = death_dt[lft] - td(rng.uniform(4, 40, int(lft.sum())) * 1440, "m")
        dis[lft] = adm[lft] + td(rng.uniform(1, 3, int(lft.sum())) * 1440, "m")
        disp = np.where(lft, "left_against_advice", "died").astype(object)
        hosp = self.hospital_local(rng, cidx)
        refer = rng.random(n) < 0.2
        hosp[refer] = self.hospital_refer(rng, cidx[refer])
        diag = np.empty(n, dtype=object)
        ext = np.empty(n, dtype=object)
        for cat in np.unique(category[has_med]):
            m = has_med & (category == cat)
            k = int(m.sum())
            dx, ex = DEATH_CODES.get(str(cat), (T.GENERAL["unknown"][0], [""]))
            diag[m] = choose(rng, dx, k)
            ext[m] = choose(rng, ex, k)
        ext[rng.random(n) < 0.2] = ""
        ext = ow(ext == "", None, ext)
        payer = choose_p(rng, {"resident_insurance": .55, "self_pay": .25, "employee_insurance":
                               .08, "commercial": .05, "other": .02, "": .05}, n)
        payer = ow(payer == "", None, payer)
        unid = has_med & np.isin(category, ["traffic", "drowning"]) & (rng.random(n) < 0.06)
        nf = ow(unid, choose(rng, PLACEHOLDERS, n), None)
        kf = ow(unid, "missing", None)
        af = ow(unid, (np.round(age / 5) * 5 + rng.integers(-5, 6, n)).astype(int), None)
        self.stats["unidentified_records"] += int(unid.sum())
        m = has_med
        self.emit_med(pid[m], hosp[m], adm[m], dis[m], diag[m], ext[m], disp[m], payer[m],
                      name_fixed=nf[m], kind_fixed=kf[m], age_fixed=af[m])
        # --- deregistration
        rural_old = (urban < 2) & (age >= 60)
        lag = rng.lognormal(np.log(np.where(rural_old, 30, 12)), 1.0)
        has_dereg = inside & (rng.random(n) < 0.94)
        if exchange is not None:
            has_dereg |= ~inside & exchange & (rng.random(n) < 0.75)
        cause = np.full(n, None, dtype=object)
        give = rng.random(n) < 0.58
        for cat in np.unique(category):
            mm = give & (category == cat)
            k = int(mm.sum())
            if cat == "natural":
                pool_old = choose(rng, T.DEREG_NATURAL, k)
                pool_young = choose(rng, T.DEREG_NATURAL_YOUNG, k)
                cause[mm] = np.where(age[mm] < 60, pool_young, pool_old)
            else:
                cause[mm] = choose(rng, T.DEREG_NONOCC.get(str(cat), ["意外"]), k)
        reg_idx = np.where(inside, county, 0)
        region = np.where(inside, geo.COUNTY_CODES[reg_idx], out_code if out_code is not None
                          else "")
        dk = rng.random(n) < 0.97
        m = has_dereg
        self.emit_dereg(pid[m], day[m], day[m] + td(lag[m], "D"), region[m], cause[m],
                        death_known=dk[m])
        # --- cremation (burial is the custom in much of rural Guizhou)
        p_crem = np.array([.22, .45, .85])[urban] + 0.1 * in_hosp + 0.08 * ~natural
        has_crem = rng.random(n) < np.where(inside, p_crem, 0.3 * p_crem)
        delay = rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 10, 15], n,
                           p=[.03, .1, .2, .3, .15, .08, .05, .04, .03, .02])
        delay = np.where(~natural & (category != "fall_home"), delay + rng.integers(1, 8, n), delay)
        entry = rng.exponential(4, n) + (rng.random(n) < 0.03) * rng.uniform(30, 60, n)
        home = geo.NEAREST_HOME[cidx]
        ccause = np.full(n, None, dtype=object)
        give = rng.random(n) < 0.85
        for cat in np.unique(category):
            mm = give & (category == cat)
            k = int(mm.sum())
            if cat == "natural":
                pool = choose(rng, T.CERT_NATURAL, k)
                if miner is not None:
                    pool = np.where(miner[mm], choose(rng, T.CERT_NATURAL_MINER, k), pool)
                ccause[mm] = pool
            else:
                ccause[mm] = choose(rng, T.CERT_NONOCC.get(str(cat), ["意外"]), k)
        home_iss = choose_p(rng, {"community": .62, "other": .15, "hospital": .1, "": .13}, n)
        police = choose_p(rng, {"police": .75, "other": .1, "": .15}, n)
        issuer = np.where(in_hosp, np.where(natural | (rng.random(n) < .6), "hospital", "police"),
                          np.where(natural, home_iss, police))
        issuer = ow(issuer == "", None, issuer)
        origin = ow(in_hosp, geo.HOSP_NAME[hosp], None).astype(object)
        home_o = choose_p(rng, {"家中": .75, "place": .15, "": .1}, n)
        origin = np.where(~in_hosp, home_o, origin)
        scene = ~in_hosp & np.isin(category, ["traffic", "drowning", "farm", "snake"])
        origin = np.where(scene, "place", origin)
        for i in np.flatnonzero(origin == "place"):
            extra = ""
            if category[i] == "traffic":
                extra = T.pick(rng, ROADS)
            elif category[i] == "drowning":
                extra = T.pick(rng, WATERS)
            origin[i] = place_text(rng, int(cidx[i])) + extra
        origin = ow(origin == "", None, origin)
        m = has_crem
        self.emit_crem(pid[m], day[m], day[m] + td(delay[m], "D"), entry[m], home[m], ccause[m],
                       issuer[m], origin[m], death_known=rng.random(int(m.sum())) < .96)

    def pop_age(self, pid: np.ndarray, day: np.ndarray) -> np.ndarray:
        """Approximate age before the population is frozen (birth dates by batch)."""
        births = np.concatenate(self.pop.birth)
        return ((day.astype("datetime64[D]") - births[pid]).astype(int) / 365.25).astype(int)

    def worker_deaths(self) -> None:
        """Workers who die of illness (miners with pneumoconiosis, sudden deaths, some at work:
        a claim for a death treated as work-related, with no accident) or off duty."""
        rng = self.r["worker_deaths"]
        nw = len(self.w_pid)
        alive = ~self.w_dead & ~self.w_used
        male = np.concatenate(self.pop.male)[self.w_pid]
        p = 0.00125 * np.exp(0.077 * (self.w_age - 42)) * np.where(male, 1.0, 0.5)
        nat = np.flatnonzero(alive & (rng.random(nw) < p))
        day = self.rand_days(rng, nat.size, winter=.2)
        leave = self.w_leave[nat]
        ok = (np.isnat(leave) | (leave > day)) & (self.w_start[nat] < day)
        nat, day = nat[ok], day[ok]
        dt = day.astype("datetime64[m]") + td(rng.integers(0, 1440, nat.size), "m")
        pid = self.w_pid[nat]
        miner = np.isin(self.w_kind[nat], ["coal_mining", "mine_group"])
        self.death_records(rng, pid, self.w_county[nat], dt, np.full(nat.size, "natural",
                                                                     dtype=object),
                           natural=np.ones(nat.size, bool), miner=miner,
                           out_code=self.out_codes(pid), place=self.w_work_county[nat],
                           exchange=self.w_enrolled[nat])
        at_work = rng.random(nat.size) < 0.12
        rows = []
        for j in np.flatnonzero(at_work & self.w_enrolled[nat] & (rng.random(nat.size) < .4)):
            w = int(nat[j])
            firm = self.employer_at(int(self.w_firm[w]), day[j])
            rows.append(self.claim_row(rng, int(pid[j]), w, firm, day[j], "death",
                                       T.pick(rng, T.DESC_SUDDEN), family=rng.random() < .6))
        self.rec.add_rows("injury_claims", [r for r in rows if r])
        for i in range(nat.size):
            self.mark_dead(int(pid[i]), "natural", -1, day[i])
        self.stats["worker_natural_deaths"] = int(nat.size)
        # off-duty deaths: traffic, drowning, charcoal fumes at home, suicide, house building
        alive = ~self.w_dead & ~self.w_used
        k = self.n(600)
        cand = np.flatnonzero(alive)
        wsel = rng.choice(cand, min(k, cand.size), replace=False)
        cats = choose_p(rng, {"traffic": .55, "drowning": .08, "suicide_pesticide": .07,
                              "suicide_hanging": .03, "co_home": .08, "farm": .05,
                              "house_build": .06, "fall_home": .04, "electrocution_home": .04},
                        wsel.size)
        day = self.rand_days(rng, wsel.size)
        leave = self.w_leave[wsel]
        ok = (np.isnat(leave) | (leave > day)) & (self.w_start[wsel] < day)
        wsel, day, cats = wsel[ok], day[ok], cats[ok]
        dt = day.astype("datetime64[m]") + td(rng.integers(0, 1440, wsel.size), "m")
        pid = self.w_pid[wsel]
        self.death_records(rng, pid, self.w_county[wsel], dt, cats,
                           natural=np.zeros(wsel.size, bool), out_code=self.out_codes(pid),
                           med_p=med_p_cat(cats), place=self.w_work_county[wsel],
                           exchange=self.w_enrolled[wsel])
        for i in range(wsel.size):
            self.mark_dead(int(pid[i]), "non_occupational", -1, day[i])

    def out_codes(self, pid: np.ndarray) -> np.ndarray:
        return np.concatenate(self.pop.hukou)[pid]

    def general_deaths(self) -> None:
        rng = self.r["natural"]
        n = self.n(125000)
        bands: list[tuple[float, float, float]] = [(0, 1, .01), (1, 20, .015), (20, 45, .04), (45, 60, .11), (60, 75, .25),
                 (75, 90, .43), (90, 102, .145)]
        age = sample_bands(rng, n, bands)
        male = rng.random(n) < np.where(age >= 80, .45, .6)
        county = rng.choice(geo.N_COUNTIES, n, p=geo.POP_WEIGHTS)
        pid = self.pop.add(rng, age, male, county)
        day = self.rand_days(rng, n, winter=.25)
        dt = day.astype("datetime64[m]") + td(rng.integers(0, 1440, n), "m")
        self.death_records(rng, pid, county, dt, np.full(n, "natural", dtype=object),
                           natural=np.ones(n, bool))
        for p in pid:
            self.deaths[int(p)] = ("natural", -1)
        self.give_spells(rng, pid, age, day)
        rng = self.r["nonocc"]
        n = self.n(8400)
        cats = choose_p(rng, NONOCC_P, n)
        lo = np.array([NONOCC_AGE[c][0] for c in cats])
        hi = np.array([NONOCC_AGE[c][1] for c in cats])
        age = lo + (hi - lo) * rng.beta(1.6, 1.6, n)
        male = rng.random(n) < np.array([NONOCC_AGE[c][2] for c in cats])
        county = rng.choice(geo.N_COUNTIES, n, p=geo.POP_WEIGHTS)
        pid = self.pop.add(rng, age, male, county)
        winter = np.isin(cats, ["co_home", "fire_home"])
        day = self.rand_days(rng, n)
        day[winter] = self.rand_days(rng, int(winter.sum()), winter=.9)
        dt = day.astype("datetime64[m]") + td(rng.integers(0, 1440, n), "m")
        self.death_records(rng, pid, county, dt, cats, natural=np.zeros(n, bool),
                           med_p=med_p_cat(cats))
        for p in pid:
            self.deaths[int(p)] = ("non_occupational", -1)
        self.give_spells(rng, pid, age, day)
        self.unidentified_deaths(rng)

    def unidentified_deaths(self, rng: np.random.Generator) -> None:
        """Bodies never identified: homeless, drowned; cremated by the police as 无名氏."""
        n = self.n(60)
        age = rng.uniform(35, 80, n)
        county = rng.choice(geo.N_COUNTIES, n, p=geo.POP_WEIGHTS)
        pid = self.pop.add(rng, age, rng.random(n) < .85, county)
        day = self.rand_days(rng, n)
        est = (np.round(age / 10) * 10).astype(int).astype(object)
        ph = choose(rng, PLACEHOLDERS, n)
        med = rng.random(n) < 0.4
        dt = day.astype("datetime64[m]") + td(rng.integers(0, 1440, n), "m")
        hosp = self.hospital_local(rng, county)
        self.emit_med(pid[med], hosp[med], dt[med] - td(60, "m"), dt[med],
                      choose(rng, ["T71", "T75.1", "S06.5", "T14.9", "T68"], int(med.sum())),
                      np.full(int(med.sum()), None, dtype=object),
                      np.full(int(med.sum()), "died", dtype=object),
                      np.full(int(med.sum()), None, dtype=object),
                      name_fixed=ph[med], kind_fixed="missing", age_fixed=est[med])
        origin = np.array([place_text(rng, int(c)) + T.pick(rng, [*WATERS, "路边", "桥下"])
                           for c in county], dtype=object)
        origin[med] = geo.HOSP_NAME[hosp[med]]
        delay = rng.integers(7, 40, n)
        self.emit_crem(pid, day, day + td(delay, "D"), rng.exponential(3, n),
                       geo.NEAREST_HOME[county],
                       choose(rng, ["溺水", "冻死", "不详", "猝死", "颅脑损伤"], n),
                       np.full(n, "police", dtype=object), origin,
                       death_known=rng.random(n) < .7, name_fixed=ph, kind_fixed="missing",
                       age_fixed=est)
        self.stats["unidentified_records"] += int(n + med.sum())
        for i, p in enumerate(pid):
            self.deaths[int(p)] = ("natural" if i % 2 else "non_occupational", -1)

    def migrant_deaths(self) -> None:
        """Young Guizhou people working in Guangdong, Zhejiang, Fujian who die there of sudden
        illness or off-duty accidents: deregistered at home, often cremated far away."""
        rng = self.r["migrants"]
        n = self.n(1500)
        age = rng.uniform(18, 52, n)
        w = geo.POP_WEIGHTS * np.where(geo.COUNTY_URBAN == 0, 1.5, 0.5)
        county = rng.choice(geo.N_COUNTIES, n, p=w / w.sum())
        pid = self.pop.add(rng, age, rng.random(n) < .72, county)
        cats = choose_p(rng, {"natural": .55, "traffic": .28, "drowning": .06,
                              "suicide_hanging": .05, "fall_home": .06}, n)
        natural = cats == "natural"
        day = self.rand_days(rng, n)
        lag = rng.lognormal(np.log(40), 0.8, n)
        has = rng.random(n) < 0.85
        cause = np.full(n, None, dtype=object)
        give = rng.random(n) < 0.6
        cause[give & natural] = choose(rng, ["猝死", "病故", "猝死", "突发疾病", "疾病"],
                                       int((give & natural).sum()))
        for c in ("traffic", "drowning", "suicide_hanging", "fall_home"):
            m = give & (cats == c)
            cause[m] = choose(rng, T.DEREG_NONOCC[c], int(m.sum()))
        m = has
        self.emit_dereg(pid[m], day[m], day[m] + td(lag[m], "D"), geo.COUNTY_CODES[county[m]],
                        cause[m])
        out = rng.random(n) < 0.6
        home_crem = ~out & (rng.random(n) < 0.15)
        fh = rng.integers(0, len(geo.OUT_WORK), n)
        ccause = np.where(natural, choose(rng, ["心源性猝死", "猝死", "呼吸循环衰竭", "脑出血"], n),
                          choose(rng, ["交通事故", "颅脑损伤", "溺水", "窒息", "多发伤"], n))
        issuer = np.where(natural, "hospital", "police").astype(object)
        origin = np.array([geo.OUT_WORK[i][1].split("市")[0] + "市人民医院" for i in fh],
                          dtype=object)
        delay = rng.integers(2, 12, n)
        self.emit_crem(pid[out], day[out], day[out] + td(delay[out], "D"),
                       rng.exponential(6, int(out.sum())), fh[out], ccause[out], issuer[out],
                       origin[out], out_home=np.ones(int(out.sum()), bool))
        hc = home_crem
        self.emit_crem(pid[hc], day[hc], day[hc] + td(delay[hc] + 2, "D"),
                       rng.exponential(4, int(hc.sum())), geo.NEAREST_HOME[county[hc]],
                       ccause[hc], np.full(int(hc.sum()), "other", dtype=object),
                       np.full(int(hc.sum()), None, dtype=object))
        self.stats["out_of_province_cremations"] = int(out.sum())
        for p, c in zip(pid, natural, strict=True):
            self.deaths[int(p)] = ("natural" if c else "non_occupational", -1)
        # old deaths deregistered only now, and court declarations of death
        rng = self.r["backlog"]
        n = self.n(7000)
        age = rng.uniform(60, 100, n)
        county = rng.choice(geo.N_COUNTIES, n, p=geo.POP_WEIGHTS)
        pid = self.pop.add(rng, age, rng.random(n) < .55, county)
        back = rng.choice([30, 120, 400, 1200, 2000], n, p=[.3, .3, .2, .15, .05])
        death = D0 - td(back * rng.random(n) + 1, "D")
        dereg_on = self.rand_days(rng, n)
        cause = ow(rng.random(n) < .5, choose(rng, T.DEREG_NATURAL, n), None)
        self.emit_dereg(pid, death, dereg_on, geo.COUNTY_CODES[county], cause,
                        death_known=rng.random(n) < .85)
        for p in pid:
            self.deaths[int(p)] = ("natural", -1)
        n = self.n(150)
        age = rng.uniform(25, 80, n)
        county = rng.choice(geo.N_COUNTIES, n, p=geo.POP_WEIGHTS)
        pid = self.pop.add(rng, age, rng.random(n) < .7, county)
        death = np.where(rng.random(n) < .4, D0 - td(rng.uniform(700, 3000, n), "D"), NAT_D)
        cause = choose_p(rng, {"宣告死亡": .3, "失踪": .2, "": .5}, n)
        self.emit_dereg(pid, death, self.rand_days(rng, n), geo.COUNTY_CODES[county],
                        ow(cause == "", None, cause), reason="declared_dead",
                        death_known=~np.isnat(death))
        for p in pid:
            self.deaths[int(p)] = ("non_occupational", -1)

    def give_spells(self, rng: np.random.Generator, pid: np.ndarray, age: np.ndarray,
                    day: np.ndarray) -> None:
        """Working-age people outside the worker pool have social-insurance spells too, some
        with high-risk employers (hard negatives for 'illness while enrolled')."""
        m = (age >= 18) & (age < 60) & (rng.random(len(pid)) < 0.22)
        f = self.firms
        firms = np.array([i for i in range(len(f)) if f.kind[i] != "group"])
        w = np.array([max(f.size[i], 1) for i in firms], dtype=float)
        pick = firms[rng.choice(len(firms), int(m.sum()), p=w / w.sum())]
        for p, firm, d, a in zip(pid[m], pick, day[m], age[m], strict=True):
            start = d - np.timedelta64(int(rng.uniform(60, min(a - 17, 12) * 365)), "D")
            end = NAT_D if rng.random() < .6 else d - np.timedelta64(int(rng.uniform(10, 700)),
                                                                        "D")
            if not np.isnat(end) and end <= start:
                end = NAT_D
            self.extra_spells.append((int(p), int(firm), start, end))

    # ------------------------------------------------------------------ injuries
    def claim_row(self, rng: np.random.Generator, pid: int, w: int, firm: int,
                  day: np.datetime64, outcome: str, desc: str | None, *,
                  family: bool = False, decided: bool = True) -> dict[str, Any] | None:
        """A work-injury claim: the employer applies within weeks, a family within months; a
        decision follows within about 60 days, unless the export comes first."""
        lag = rng.lognormal(np.log(70), 0.7) if family else rng.lognormal(np.log(15), 0.5)
        applied = day + np.timedelta64(int(lag) + 1, "D")
        if applied > EXPORT:
            return None
        dec = applied + np.timedelta64(int(rng.uniform(15, 62)), "D")
        if dec > EXPORT or not decided:
            outcome, dec = "pending", NAT_D
        f = self.firms
        uscc: str | None = f.uscc[firm]
        u = rng.random()
        if u < 0.06:
            uscc = None
        borrow = int(self.w_borrow[w]) if w >= 0 else -1
        as_pid = borrow if borrow >= 0 and rng.random() < 0.9 else None
        return {"pid": pid, "as_pid": as_pid, "kind_fixed": "borrowed" if as_pid else None,
                "employer_name": name_variant(f.name[firm], rng, .85), "employer_uscc": uscc,
                "injury_date": day, "applied_on": applied, "decided_on": dec,
                "outcome": outcome, "desc": desc if rng.random() < .85 else None,
                "region": geo.COUNTIES[f.county[firm]].code}

    def work_injuries(self) -> None:
        """Everyday minor work injuries, not accidents: hands, eyes, feet; a hospital visit,
        often a claim."""
        rng = self.r["work_injuries"]
        n = self.n(15000)
        alive = np.flatnonzero(~self.w_dead)
        wt = np.array([RISK_W[k] for k in self.w_kind[alive]])
        ws = rng.choice(alive, n, p=wt / wt.sum())
        day = self.rand_days(rng, n)
        day = np.maximum(day, self.w_start[ws] + np.timedelta64(3, "D"))
        leave = self.w_leave[ws]
        ok = (np.isnat(leave) | (leave > day)) & (day <= D_END)
        ws, day = ws[ok], day[ok]
        n = ws.size
        pid = self.w_pid[ws]
        hour = rng.choice(24, n, p=HOUR_WORK)
        adm = day.astype("datetime64[m]") + td(hour * 60 + rng.integers(0, 60, n) + 40, "m")
        er = rng.random(n) < 0.45
        los = np.where(er, rng.uniform(1, 8, n) / 24, rng.lognormal(np.log(6), 0.6, n))
        dis = adm + td(los * 1440, "m")
        hosp = self.hospital_local(rng, self.w_work_county[ws])
        diag = choose(rng, T.WORK_MINOR_DX, n)
        ext = np.array([T.with_place(c, rng, .6, .15) for c in choose(rng, T.WORK_MINOR_EXT, n)],
                       dtype=object)
        enrolled = self.w_enrolled[ws]
        payer = np.where(enrolled, choose_p(rng, {"work_injury_insurance": .35,
                                                  "employee_insurance": .2, "self_pay": .3,
                                                  "resident_insurance": .1, "other": .05}, n),
                         choose_p(rng, {"self_pay": .5, "resident_insurance": .3,
                                        "commercial": .1, "other": .1}, n))
        f = self.firms
        firm_at = np.array([self.employer_at(int(self.w_firm[w]), d) for w, d in zip(ws, day,
                                                                                     strict=True)])
        emp = np.array([name_variant(f.name[i], rng, .6) if rng.random() < .45 else None
                        for i in firm_at], dtype=object)
        med = rng.random(n) < 0.8
        disp = np.where(rng.random(n) < .95, "discharged", "left_against_advice").astype(object)
        self.emit_med(pid[med], hosp[med], adm[med], dis[med], diag[med], ext[med], disp[med],
                      payer[med], emp[med])
        outcomes = {"injury": .45, "disability_10": .15, "disability_9": .1, "disability_8": .08,
                    "disability_7": .06, "disability_6": .03, "disability_5": .02,
                    "rejected": .11}
        claim = (enrolled & (rng.random(n) < 0.6)) | (~enrolled & (self.w_kind[ws] == "labour")
                                                      & (rng.random(n) < 0.25))
        oc = choose_p(rng, outcomes, n)
        rows = []
        for i in np.flatnonzero(claim):
            rows.append(self.claim_row(rng, int(pid[i]), int(ws[i]), int(firm_at[i]), day[i],
                                       str(oc[i]), T.pick(rng, T.DESC_MINOR),
                                       family=rng.random() < .25))
        self.rec.add_rows("injury_claims", [r for r in rows if r])

    def general_injuries(self) -> None:
        """Hospital injury encounters of everyone else: traffic, falls at home, farm work,
        building one's own house, bites, burns, assaults."""
        rng = self.r["injuries"]
        n = self.n(380000)
        cats = choose_p(rng, T.GENERAL_P, n)
        par = {c: T.GENERAL[c] for c in T.GENERAL}
        lo = np.array([par[c][5][0] for c in cats], dtype=float)
        hi = np.array([par[c][5][1] for c in cats], dtype=float)
        age = lo + (hi - lo) * rng.beta(1.4, 1.6, n)
        male = rng.random(n) < np.array([par[c][4] for c in cats])
        county = rng.choice(geo.N_COUNTIES, n, p=geo.POP_WEIGHTS)
        from_workers = (rng.random(n) < 0.12) & (age >= 18) & (age < 60)
        k = int(from_workers.sum())
        alive = np.flatnonzero(~self.w_dead)
        ws = rng.choice(alive, k)
        new = ~from_workers
        pid = np.empty(n, dtype=np.int64)
        pid[new] = self.pop.add(rng, age[new], male[new], county[new])
        pid[from_workers] = self.w_pid[ws]
        county[from_workers] = np.where(self.w_county[ws] >= 0, self.w_county[ws],
                                        self.w_work_county[ws])
        day = self.rand_days(rng, n)
        adm = day.astype("datetime64[m]") + td(rng.choice(24, n, p=HOUR_ALL) * 60
                                                + rng.integers(0, 60, n), "m")
        inp = rng.random(n) < np.array([par[c][2] for c in cats])
        med_los = np.array([par[c][3] for c in cats], dtype=float)
        los = np.where(inp, rng.lognormal(np.log(med_los), 0.6), rng.uniform(1, 8, n) / 24)
        dis = adm + td(los * 1440, "m")
        hosp = self.hospital_local(rng, county)
        far = rng.random(n) < 0.15
        hosp[far] = self.hospital_refer(rng, county[far])
        diag = np.empty(n, dtype=object)
        ext = np.empty(n, dtype=object)
        for c in T.GENERAL:
            m = cats == c
            diag[m] = choose(rng, par[c][0], int(m.sum()))
            ext[m] = choose(rng, par[c][1], int(m.sum()))
        ext[(ext == "") | (rng.random(n) < 0.22)] = None
        disp = choose_p(rng, {"discharged": .9, "left_against_advice": .06, "transferred": .04}, n)
        payer = choose_p(rng, {"resident_insurance": .62, "self_pay": .18, "employee_insurance":
                               .1, "commercial": .03, "other": .02, "": .05}, n)
        tr = cats == "traffic"
        payer[tr] = choose_p(rng, {"resident_insurance": .5, "self_pay": .2, "commercial": .15,
                                   "employee_insurance": .1, "": .05}, int(tr.sum()))
        payer = ow(payer == "", None, payer)
        emp = np.full(n, None, dtype=object)
        unid = (rng.random(n) < 0.003) & np.isin(cats, ["traffic", "assault", "unknown"])
        nf = ow(unid, choose(rng, PLACEHOLDERS, n), None)
        kf = ow(unid, "missing", None)
        af = ow(unid, (np.round(age / 10) * 10).astype(int).astype(object), None)
        self.stats["unidentified_records"] += int(unid.sum())
        self.emit_med(pid, hosp, adm, dis, diag, ext, disp, payer, emp, name_fixed=nf,
                      kind_fixed=kf, age_fixed=af)
        t = disp == "transferred"
        kt = int(t.sum())
        adm2 = dis[t] + td(rng.uniform(30, 240, kt), "m")
        dis2 = adm2 + td(rng.lognormal(np.log(10), 0.6, kt) * 1440, "m")
        self.emit_med(pid[t], self.hospital_refer(rng, county[t]), adm2, dis2, diag[t], ext[t],
                      choose_p(rng, {"discharged": .95, "left_against_advice": .05}, kt),
                      payer[t])
        self.give_spells(rng, pid[new][:: 4], age[new][:: 4], day[new][:: 4])

    # ------------------------------------------------------------------ employment
    def employment(self) -> None:
        """Social-insurance spells: earlier jobs, the current one (split where a mine was taken
        over), ended at a death the way each employer handles it."""
        rng = self.r["employment"]
        f = self.firms
        nonhq = np.array([i for i in range(len(f)) if f.kind[i] != "group"
                          and i not in set(x for x in f.merge_to if x >= 0)])
        rows: dict[str, list[Any]] = {k: [] for k in ("pid", "as_pid", "kind_fixed", "firm",
                                                      "start", "end")}

        def add(p: int, asp: int, firm: int, s: np.datetime64, e: np.datetime64) -> None:
            rows["pid"].append(p)
            rows["as_pid"].append(asp if asp >= 0 else None)
            rows["kind_fixed"].append("borrowed" if asp >= 0 else None)
            rows["firm"].append(firm)
            rows["start"].append(s)
            rows["end"].append(e if (not np.isnat(e) and e <= EXPORT) else NAT_D)

        n_prior = rng.choice(3, len(self.w_pid), p=[.55, .33, .12])
        prior_firm = nonhq[rng.integers(0, len(nonhq), (len(self.w_pid), 2))]
        gaps = rng.uniform(5, 400, (len(self.w_pid), 2))
        lens = rng.lognormal(np.log(700), 0.8, (len(self.w_pid), 2))
        u_rule = rng.random(len(self.w_pid))
        back = rng.uniform(3, 40, len(self.w_pid))
        lag = rng.integers(0, 21, len(self.w_pid))
        for w in np.flatnonzero(self.w_enrolled):
            p = int(self.w_pid[w])
            asp = int(self.w_borrow[w])
            start = self.w_start[w]
            s = start
            for j in range(int(n_prior[w])):
                e = s - np.timedelta64(int(gaps[w, j]), "D")
                s = e - np.timedelta64(int(lens[w, j]), "D")
                if s < np.datetime64("2012-01-01"):
                    break
                add(p, asp, int(prior_firm[w, j]), s, e)
            end = self.w_leave[w]
            if self.w_dead[w]:
                d = self.w_death_day[w]
                rule = self.w_end_rule[w]
                if rule == "concealed":
                    end = (d - np.timedelta64(int(back[w]), "D")) if u_rule[w] < .35 else (
                        month_end(d) if u_rule[w] < .7 else NAT_D)
                else:
                    end = month_end(d) if u_rule[w] < .5 else (d if u_rule[w] < .7 else NAT_D)
                if not np.isnat(end) and end < start:
                    end = start
            firm = int(self.w_firm[w])
            if f.merge_to[firm] >= 0:
                m = D0 + np.timedelta64(f.merge_day[firm], "D")
                if start < m:
                    e1 = m - np.timedelta64(1, "D")
                    add(p, asp, firm, start, e1 if np.isnat(end) or end > e1 else end)
                if np.isnat(end) or end >= m:
                    add(p, asp, f.merge_to[firm], max(start, m + np.timedelta64(int(lag[w]), "D")),
                        end)
            else:
                add(p, asp, firm, start, end)
        for p, firm, s, e in self.extra_spells:
            add(p, -1, firm, s, e)
        firm_arr = np.array(rows["firm"])
        n = len(firm_arr)
        names = np.array([name_variant(f.name[i], rng, .92) for i in firm_arr], dtype=object)
        uscc = np.array(f.uscc, dtype=object)[firm_arr]
        uscc[rng.random(n) < 0.05] = None
        ind = np.array(f.industry, dtype=object)[firm_arr]
        ind[rng.random(n) < 0.1] = None
        mis = rng.random(n) < 0.04
        ind[mis] = choose(rng, ["other", "manufacturing", "construction"], int(mis.sum()))
        self.rec.add("employment", pid=np.array(rows["pid"]), as_pid=rows["as_pid"],
                     kind_fixed=rows["kind_fixed"], employer_name=names, employer_uscc=uscc,
                     industry=ind, start_date=np.array(rows["start"], dtype="datetime64[D]"),
                     end_date=np.array(rows["end"], dtype="datetime64[D]"))


def month_end(d: np.datetime64) -> np.datetime64:
    m = d.astype("datetime64[M]") + np.timedelta64(1, "M")
    return m.astype("datetime64[D]") - np.timedelta64(1, "D")


def sample_bands(rng: np.random.Generator, n: int,
                 bands: list[tuple[float, float, float]]) -> np.ndarray:
    p = np.array([b[2] for b in bands])
    k = rng.choice(len(bands), n, p=p / p.sum())
    lo = np.array([b[0] for b in bands])[k]
    hi = np.array([b[1] for b in bands])[k]
    return lo + (hi - lo) * rng.random(n)


PLACEHOLDERS = ["无名氏", "无名氏", "无名氏", "无名男", "无名女", "未知", "无名氏1", "无名氏2", "无名男1",
                "无名氏3"]
HOUR_ALL = np.array([1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 6, 6, 5, 5, 6, 6, 6, 6, 6, 6, 5, 4, 3, 2],
                    dtype=float)
HOUR_ALL /= HOUR_ALL.sum()
HOUR_WORK = np.array([1, 1, 1, 1, 1, 1, 2, 5, 8, 9, 9, 8, 5, 6, 8, 9, 8, 6, 4, 3, 2, 2, 1, 1],
                     dtype=float)
HOUR_WORK /= HOUR_WORK.sum()
NONOCC_P = {"traffic": .34, "fall_home": .20, "drowning": .07, "co_home": .07,
            "suicide_pesticide": .09, "suicide_hanging": .05, "electrocution_home": .03,
            "farm": .05, "house_build": .04, "snake": .02, "fire_home": .04}
NONOCC_AGE = {"traffic": (12, 85, .7), "fall_home": (65, 98, .42), "drowning": (3, 65, .75),
              "co_home": (20, 92, .55), "suicide_pesticide": (25, 90, .55),
              "suicide_hanging": (25, 90, .65), "electrocution_home": (20, 80, .7),
              "farm": (35, 80, .7), "house_build": (30, 70, .9), "snake": (20, 80, .6),
              "fire_home": (50, 95, .5)}
_MED_P = {"traffic": .55, "fall_home": .7, "drowning": .15, "co_home": .4,
          "suicide_pesticide": .6, "suicide_hanging": .15, "electrocution_home": .3, "farm": .5,
          "house_build": .55, "snake": .6, "fire_home": .35}


def med_p_cat(cats: np.ndarray) -> np.ndarray:
    return np.array([_MED_P.get(str(c), .4) for c in cats])


DEATH_CODES: dict[str, tuple[list[str], list[str]]] = {
    "traffic": (["S06.5", "S06.6", "T07", "S27.0", "S36.1", "S72.0", "S02.1"],
                T.GENERAL["traffic"][1]),
    "fall_home": (T.GENERAL["fall_home"][0], T.GENERAL["fall_home"][1]),
    "drowning": (["T75.1", "T71"], ["W69.8", "W65.0", "W69.9", "W73.8"]),
    "co_home": (["T58"], ["X47.0"]),
    "suicide_pesticide": (["T60.0", "T60.3"], ["X68.0", "X68.7"]),
    "suicide_hanging": (["T71"], ["X70.0"]),
    "electrocution_home": (["T75.4"], ["W87.0", "W86.0"]),
    "farm": (["S06.5", "T07", "S32.0"], ["W30.7", "W20.7", "W14.7"]),
    "house_build": (["S06.5", "S32.0", "T07"], ["W13.0", "W12.0", "W20.0"]),
    "snake": (["T63.0"], ["X20.8"]),
    "fire_home": (["T29.3", "T27.3"], ["X00.0"]),
}

"""Blind synthetic-data generator for crosscheck (altgen3).

    python -m benchmarks.altgen3.generate --out DIR --scale S --seed N

Writes every input source of the data contract into DIR and the ground truth into DIR/truth/.
Same seed and scale give byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import time
from pathlib import Path

import numpy as np
import polars as pl

from . import geo, ident, model
from .people import People, Table, fmt_date

YEAR_START = dt.date(2025, 1, 1).toordinal()
YEAR_END = dt.date(2025, 12, 31).toordinal()
EXTRACT = dt.date(2026, 3, 31).toordinal()  # data extraction date: later records do not exist
MIN = 1440

CITY_CODES = sorted(geo.CITIES)
CITY_POP = np.array([geo.CITIES[c][1] for c in CITY_CODES])
CITY_POP = CITY_POP / CITY_POP.sum()
COUNTIES_BY_CITY = {c: [k for k in geo.COUNTY_CODES if k[:4] == c] for c in CITY_CODES}


def _norm(p) -> np.ndarray:
    a = np.asarray(p, dtype=float)
    return a / a.sum()


class Gen:
    def __init__(self, scale: float, seed: int):
        self.S = scale
        self.rng = np.random.default_rng(np.random.SeedSequence([seed, 3]))
        self.people = People()
        self.acc_map: dict[int, str] = {}
        self.t = {
            "accident_victims": Table(["accident_id", "age", "outcome"]),
            "deregistrations": Table(["birth_date", "death_date", "deregistered_on", "region_code",
                                      "reason", "death_cause"]),
            "cremations": Table(["age", "death_date", "cremated_on", "funeral_home", "region_code",
                                 "death_cause", "certificate_issuer", "body_origin"]),
            "injury_claims": Table(["employer_name", "employer_uscc", "injury_date", "applied_on",
                                    "decided_on", "outcome", "injury_description", "region_code"]),
            "medical_records": Table(["age", "hospital", "region_code", "admitted_at",
                                      "discharged_at", "diagnosis_icd10", "external_cause_icd10",
                                      "disposition", "payer", "employer_name"]),
            "employment": Table(["employer_name", "employer_uscc", "industry", "start_date",
                                 "end_date"]),
        }
        self.accidents: list[dict] = []
        self.incidents: list[dict] = []
        self.inc_person: list[dict] = []
        self.deaths: dict[int, tuple[str, int | None]] = {}  # pid -> (class, incident index)
        self.stats: dict = {}

    # ------------------------------------------------------------------ helpers
    def n(self, base: float, minimum: int = 1) -> int:
        return max(minimum, round(base * self.S))

    def pick(self, seq):
        return seq[int(self.rng.integers(0, len(seq)))]

    def pdict(self, d: dict):
        keys = list(d)
        p = np.array([d[k] for k in keys], dtype=float)
        return keys[int(self.rng.choice(len(keys), p=p / p.sum()))]

    def random_county(self, size: int | None = None, coal: bool = False):
        if coal:
            w = np.array([geo.COAL_CITY_W[c] for c in CITY_CODES])
            w = w / w.sum()
        else:
            w = CITY_POP
        cities = self.rng.choice(len(CITY_CODES), size=size or 1, p=w)
        out = [self.pick(COUNTIES_BY_CITY[CITY_CODES[c]]) for c in cities]
        return out if size else out[0]

    def hukou_sampler(self, n: int, near: str | None, p_out: float, p_near: float = 0.6):
        r = self.rng.random(n)
        far = self.random_county(n)
        out = []
        for i in range(n):
            if r[i] < p_out:
                out.append(self.pick(geo.OUT_CODES))
            elif near and r[i] < p_out + p_near:
                out.append(self.pick(COUNTIES_BY_CITY[near[:4]]))
            else:
                out.append(far[i])
        return out

    def ent_name_variant(self, e: int) -> str:
        name = self.ent_name[e]
        r = self.rng.random()
        if r < 0.80:
            return name
        if r < 0.88:
            return name.replace("有限责任公司", "").replace("有限公司", "") or name
        if r < 0.94:
            return "山西" + name if not name.startswith("山西") else name[2:]
        if r < 0.97:
            return name.replace("有限公司", "有限责任公司") if "有限公司" in name else name + "有限公司"
        return name.replace("有限", "(有限)") if "有限" in name else name + " "

    def ent_uscc_variant(self, e: int, p_missing: float) -> str | None:
        r = self.rng.random()
        if r < p_missing:
            return None
        if r < p_missing + 0.02:
            return ident.typo_uscc(self.ent_uscc[e], self.rng)
        return self.ent_uscc[e]

    def hospital_near(self, county: str, tertiary_p: float = 0.2) -> int:
        """County hospital, else a city hospital, else (tertiary_p) a provincial one in Taiyuan."""
        r = self.rng.random()
        if county in geo.HOSP_BY_COUNTY and r > tertiary_p + 0.25:
            return self.pick(geo.HOSP_BY_COUNTY[county])
        if county[:4] in geo.HOSP_BY_CITY and r > tertiary_p:
            return self.pick(geo.HOSP_BY_CITY[county[:4]])
        return self.pick(geo.PROVINCIAL)

    def funeral_in_city(self, city: str) -> int:
        if city in geo.FUN_BY_CITY:
            return self.pick(geo.FUN_BY_CITY[city])
        return self.pick(range(len(geo.FUNERAL)))

    def age_at(self, pid: int, day: int) -> int:
        return int((day - self.people.birth[pid]) // 365.2425)

    # --------------------------------------------------------------- enterprises
    def make_enterprises(self):
        rng = self.rng
        n = self.n(12000, 60)
        ind = rng.choice(len(model.INDUSTRIES), size=n, p=model.ENT_INDUSTRY_P)
        self.ent_ind = [model.INDUSTRIES[i] for i in ind]
        self.ent_region, self.ent_name, self.ent_uscc, self.ent_hr = [], [], [], []
        used = set()
        sizes = []
        for i in range(n):
            industry = self.ent_ind[i]
            region = self.random_county(coal=industry in ("coal_mining", "non_coal_mining"))
            self.ent_region.append(region)
            while True:
                cty = geo.COUNTIES[region]
                place = self.pick([geo.CITIES[region[:4]][0][:2], cty[:2], "山西", "晋"])
                brand = "".join(self.pick(model.BRAND_CHARS) for _ in range(2))
                nm = place + brand + self.pick(model.ENT_SUFFIX[industry])
                if nm not in used:
                    used.add(nm)
                    break
            self.ent_name.append(nm)
            self.ent_uscc.append(ident.make_uscc(region, rng, valid=rng.random() > 0.02))
            hr = rng.random() < (0.9 if industry in model.HIGH_RISK else 0.04)
            self.ent_hr.append(bool(hr))
            sizes.append(model.ENT_SIZE[industry] * rng.lognormal(0, 0.9))
        self.ent_size = np.array(sizes)
        self.ent_by_ind = {k: [i for i in range(n) if self.ent_ind[i] == k] for k in model.INDUSTRIES}

    def pick_enterprise(self, industry: str) -> int:
        cands = self.ent_by_ind.get(industry) or list(range(len(self.ent_ind)))
        w = np.sqrt(self.ent_size[cands])
        return cands[int(self.rng.choice(len(cands), p=w / w.sum()))]

    # ------------------------------------------------------------------ workers
    def make_workers(self):
        """Enrolled workers with 1-3 employment spells; the last spell is usually open."""
        rng = self.rng
        W = self.n(300000, 500)
        p = self.ent_size / self.ent_size.sum()
        last = rng.choice(len(p), size=W, p=p)
        male_p = np.array([model.MALE_P[self.ent_ind[e]] for e in last])
        female = rng.random(W) > male_p
        ages = np.clip(rng.normal(41, 10, W), 18, 62)
        huk = []
        r = rng.random(W)
        for i in range(W):
            reg = self.ent_region[last[i]]
            if r[i] < 0.13:
                huk.append(self.pick(geo.OUT_CODES))
            elif r[i] < 0.75:
                huk.append(self.pick(COUNTIES_BY_CITY[reg[:4]]))
            else:
                huk.append(self.random_county())
        pids = self.people.add(rng, ages, female, huk, YEAR_START)
        nspell = rng.choice([1, 2, 3], size=W, p=[0.55, 0.3, 0.15])
        open_last = rng.random(W) < 0.88
        start_last = YEAR_END - np.minimum(rng.exponential(4 * 365, W), 17 * 365).astype(int)
        self.worker_spells: dict[int, list[list]] = {}
        self.open_at: dict[int, list[int]] = {}
        self.worker_ent: dict[int, int] = {}
        n_ent = len(self.ent_ind)
        for i in range(W):
            pid = int(pids[i])
            e = int(last[i])
            s = int(start_last[i])
            if open_last[i]:
                end = None
            else:
                end = int(rng.integers(max(s + 30, YEAR_START - 200), YEAR_END + 60))
            spells = [[e, s, end]]
            cur = s
            for _ in range(nspell[i] - 1):
                end_prev = cur - int(rng.integers(0, 120))
                start_prev = end_prev - int(rng.exponential(3 * 365)) - 30
                if start_prev < dt.date(2005, 1, 1).toordinal():
                    break
                pe = self.pick(self.ent_by_ind[self.ent_ind[e]]) if rng.random() < 0.5 \
                    else int(rng.integers(0, n_ent))
                spells.insert(0, [pe, start_prev, end_prev])
                cur = start_prev
            self.worker_spells[pid] = spells
            self.worker_ent[pid] = e
            if end is None:
                self.open_at.setdefault(e, []).append(pid)
        self.available = set(int(x) for x in pids)

    def take_worker(self, e: int) -> int | None:
        lst = self.open_at.get(e)
        while lst:
            pid = lst.pop(int(self.rng.integers(0, len(lst))))
            if pid in self.available:
                self.available.discard(pid)
                return pid
        return None

    def end_spell_at_death(self, pid: int, day: int):
        if pid in self.worker_spells:
            sp = self.worker_spells[pid][-1]
            if sp[2] is None or sp[2] > day:
                end = day + int(self.rng.integers(0, 75))
                sp[2] = end if end <= EXTRACT else None

    def emit_employment(self):
        t = self.t["employment"]
        rng = self.rng
        for pid, spells in self.worker_spells.items():
            for e, s, end in spells:
                ind = self.ent_ind[e] if rng.random() > 0.08 else None
                t.add(pid, employer_name=self.ent_name_variant(e),
                      employer_uscc=self.ent_uscc_variant(e, 0.04), industry=ind,
                      start_date=s, end_date=end)

    # ---------------------------------------------------------------- incidents
    def new_victim(self, e: int, third_party: bool = False) -> int:
        rng = self.rng
        if third_party:
            age = np.array([np.clip(rng.normal(42, 17), 3, 85)])
            female = np.array([rng.random() < 0.4])
            huk = self.hukou_sampler(1, self.ent_region[e], 0.05)
        else:
            age = np.array([np.clip(rng.normal(43, 10), 18, 63)])
            female = np.array([rng.random() > model.MALE_P[self.ent_ind[e]]])
            huk = self.hukou_sampler(1, self.ent_region[e], 0.25)
        return int(self.people.add(rng, age, female, huk, YEAR_START)[0])

    def make_incidents(self):
        rng = self.rng
        specs = []
        for _ in range(self.n(600, 4)):
            specs.append(("reported", None))
        for _ in range(self.n(125, 1)):
            specs.append(("concealed", None))
        n_under = self.n(80, 1)
        pats = ["late_death", "grade_line", *list(rng.choice(["grade_line", "late_death", "undercount"], size=max(0, n_under - 2), p=[0.42, 0.43, 0.15]))]
        for p in pats[:n_under]:
            specs.append(("under_reported", str(p)))
        order = rng.permutation(len(specs))
        for k in order:
            self.one_incident(*specs[int(k)])

    def casualty_counts(self, kind: str, pattern: str | None, atype: str):
        rng = self.rng
        serious = int(rng.poisson(0.6))
        minor = int(rng.poisson(1.0))
        late = 0
        impersonate = False
        if kind == "reported":
            true_d = int(rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15],
                                    p=_norm([.25, .55, .11, .03, .015, .01, .008, .005, .004,
                                                  .003, .002, .002, .001])))
            if true_d == 0 and serious + minor == 0:
                serious = 1
            rep_d = true_d
        elif kind == "concealed":
            true_d = int(rng.choice([1, 2, 3, 4, 5, 6, 7, 9], p=[.45, .28, .12, .07, .04, .02, .01, .01]))
            rep_d = 0
        elif pattern == "grade_line":
            r = rng.random()
            if r < 0.03 and self.S >= 0.5:
                true_d, rep_d = int(rng.integers(30, 36)), 29
            elif r < 0.22:
                true_d, rep_d = int(rng.integers(10, 13)), 9
                impersonate = rng.random() < 0.5
            else:
                true_d, rep_d = int(rng.choice([3, 3, 4, 4, 5, 6])), 2
            serious += int(rng.poisson(1.0))
        elif pattern == "late_death":
            rep_d = int(rng.choice([0, 1, 1, 2]))
            late = 1 if rng.random() < 0.85 else 2
            true_d = rep_d + late
            serious = max(serious, late) + int(rng.poisson(0.5))
        else:  # undercount
            if rng.random() < 0.7:
                true_d = int(rng.integers(2, 5))
                rep_d = true_d - 1
            else:
                true_d = int(rng.integers(8, 25))
                rep_d = int(rng.integers(3, 8))
        return true_d, rep_d, serious, minor, late, impersonate

    def one_incident(self, kind: str, pattern: str | None):
        rng = self.rng
        ind = self.pdict({"reported": model.IND_REPORTED, "concealed": model.IND_CONCEALED,
                          "under_reported": model.IND_UNDER}[kind])
        e = self.pick_enterprise(ind)
        industry = self.ent_ind[e]
        atype = self.pdict(model.ACC_TYPE_BY_INDUSTRY[industry])
        if pattern == "grade_line" and atype in ("electrocution", "burn"):
            atype = "roof_fall" if "mining" in industry else "collapse"
        day = int(rng.integers(YEAR_START, YEAR_END + 1 - (20 if pattern == "late_death" else 0)))
        minute = int(rng.choice(24, p=_norm([0.02] * 6 + [0.06] * 12 + [0.035] * 6))) * 60 \
            + int(rng.integers(0, 60))
        far_site = industry in ("construction", "transport") and rng.random() < 0.4
        county = self.random_county() if far_site else self.ent_region[e]
        true_d, rep_d, serious, minor, _late, impersonate = self.casualty_counts(kind, pattern, atype)
        traffic_fire = (atype == "vehicle" and industry == "transport") or atype == "fire"
        window = 7 if traffic_fire else 30

        # persons
        n_cas = true_d + serious + minor
        third = industry == "transport" and atype == "vehicle"
        pids, enrolled, worker = [], [], []
        for k in range(n_cas):
            is_third = third and k > 0 and rng.random() < 0.6
            pid = None
            if not is_third and rng.random() < 0.72:
                pid = self.take_worker(e)
            enrolled.append(pid is not None)
            if pid is None:
                pid = self.new_victim(e, third_party=is_third)
            pids.append(pid)
            worker.append(not is_third)
        outcomes = ["death"] * true_d + ["serious_injury"] * serious + ["minor_injury"] * minor
        # which true deaths are named as deaths in the report
        reported: list[str | None] = [None] * n_cas
        late_idx: list[int] = []
        if kind == "reported":
            for k in range(n_cas):
                o = outcomes[k]
                reported[k] = o if (o != "minor_injury" or rng.random() < 0.7) else None
        elif kind == "under_reported":
            for k in range(true_d, n_cas):
                o = outcomes[k]
                reported[k] = o if (o != "minor_injury" or rng.random() < 0.7) else None
            if pattern == "late_death":
                for k in range(rep_d):
                    reported[k] = "death"
                late_idx = list(range(rep_d, true_d))
                for k in late_idx:
                    reported[k] = "serious_injury"
            else:
                for k in range(rep_d - (1 if impersonate else 0)):
                    reported[k] = "death"
        inc_idx = len(self.incidents)
        acc_id = None
        if kind != "concealed":
            acc_id = f"_acc{len(self.accidents)}"
            n_ser = sum(1 for r in reported if r == "serious_injury")
            n_min = sum(1 for o in outcomes if o == "minor_injury")
            if kind == "under_reported" and pattern != "late_death":
                n_min = sum(1 for r in reported if r == "minor_injury") + int(rng.integers(0, 2))
            late_rep = rng.random() < (0.3 if kind == "under_reported" else 0.05)
            rep_delay = int(rng.lognormal(math.log(45), 0.6)) if not late_rep \
                else int(rng.integers(180, 3 * MIN))
            loss = None if rng.random() < 0.15 else round(
                rep_d * rng.uniform(90, 180) + n_ser * rng.uniform(15, 60) + n_min * rng.uniform(1, 8)
                + rng.uniform(3, 60), 2)
            self.accidents.append(dict(
                _id=acc_id, occurred=day * MIN + minute, reported=day * MIN + minute + rep_delay,
                region_code=county, address=self.address(e, county, atype),
                enterprise_name=self.ent_name_variant(e), enterprise_uscc=self.ent_uscc_variant(e, 0.1),
                industry=industry, accident_type=atype, reported_deaths=rep_d,
                reported_serious_injuries=n_ser, reported_minor_injuries=n_min,
                direct_loss_10k_yuan=loss))
        self.incidents.append(dict(kind=kind, acc=acc_id, true_deaths=true_d, reported_deaths=rep_d,
                                   employer_uscc=self.ent_uscc[e], occurred_on=day, pattern=pattern))

        hidden_treat = self.pdict({"fast_local": .25, "moved_county": .22, "moved_province": .13,
                                   "disguise_illness": .17, "disguise_traffic": .10, "plain": .13})
        if atype == "vehicle":
            hidden_treat = "plain"
        ctx = dict(e=e, day=day, minute=minute, county=county, atype=atype, industry=industry,
                   kind=kind)
        for k, pid in enumerate(pids):
            o = outcomes[k]
            self.inc_person.append(dict(inc=inc_idx, pid=pid, outcome=o, reported_outcome=reported[k]))
            if reported[k] is not None:
                self.t["accident_victims"].add(pid, accident_id=acc_id, age=self.age_at(pid, day),
                                               outcome=reported[k])
            hidden = o == "death" and reported[k] != "death" and kind != "reported"
            if o == "death":
                if k in late_idx:
                    d_late = day + int(rng.integers(1, window))
                    self.injury_records(pid, ctx, "serious_injury", worker[k], enrolled[k],
                                        died_on=d_late)
                    self.death_records(pid, d_late, ctx, "late", worker[k], enrolled[k])
                elif hidden:
                    treat = hidden_treat if rng.random() < 0.8 else self.pdict(
                        {"fast_local": 1, "moved_county": 1, "moved_province": 1,
                         "disguise_illness": 1, "plain": 1})
                    self.death_records(pid, day, ctx, treat, worker[k], enrolled[k],
                                       settled=rng.random() < (0.8 if kind == "concealed" else 0.65))
                else:
                    self.death_records(pid, day, ctx, "honest", worker[k], enrolled[k])
                self.deaths[pid] = ("incident", inc_idx)
            else:
                self.injury_records(pid, ctx, o, worker[k], enrolled[k])
        if impersonate:
            # One dead worker is named in the report under someone else's identity (a relative
            # whose ID he worked under); that identity has no other record and is alive.
            dead_pid = pids[rep_d - 1]
            fam = self.people.relative_of(rng, dead_pid)
            self.t["accident_victims"].add(fam, accident_id=acc_id, age=self.age_at(fam, day),
                                           outcome="death")

    def address(self, e: int, county: str, atype: str) -> str:
        base = "山西省" + geo.county_label(county)
        short = self.ent_name[e][:4]
        ind = self.ent_ind[e]
        r = int(self.rng.integers(1, 30))
        if ind in ("coal_mining", "non_coal_mining"):
            return f"{base}{short}井下{r}{self.pick(['采区', '号工作面', '掘进巷道'])}"
        if ind == "construction":
            return f"{base}{self.pick(['东', '西', '南', '北'])}{r}号地块{self.pick(['住宅', '厂房', '道路'])}项目工地"
        if ind == "transport" or atype == "vehicle":
            return f"{base}{self.pick(['G', 'S'])}{int(self.rng.integers(5, 350))}线K{int(self.rng.integers(1, 600))}+{int(self.rng.integers(0, 999))}处"
        return f"{base}{short}厂区{r}号车间"

    def icd_pair(self, atype: str, industry: str, hospital: int):
        _name, diags, exts = model.ACC_TYPES[atype]
        diag = self.pick(diags)
        ext = self.pick(exts)
        if ext == "V":
            ext = self.pick(model.TRAFFIC_V if industry == "transport" else model.INPLANT_V)
        else:
            ext = ext + ".6"
            if hospital % 5 == 0:  # some hospitals also code the activity (2 = working for income)
                ext += "2"
        return diag, ext

    def medical(self, pid: int, hosp: int, adm: int, dis: int | None, diag: str, ext: str | None,
                disposition: str, payer: str | None, employer: str | None, id_missing_p: float):
        h = geo.HOSPITALS[hosp]
        if dis is not None and dis > EXTRACT * MIN:
            dis = None
            disposition = "discharged"  # still in hospital at extraction: disposition not final
        self.t["medical_records"].add(
            pid, age=self.age_at(pid, adm // MIN), hospital=h[0], region_code=h[1], admitted_at=adm,
            discharged_at=dis, diagnosis_icd10=diag, external_cause_icd10=ext,
            disposition=disposition, payer=payer, employer_name=employer, _idmiss=id_missing_p)

    def claim(self, pid: int, e: int, injury_day: int, outcome: str, desc: str | None,
              employer_lag: bool = True):
        rng = self.rng
        if employer_lag:
            lag = int(rng.lognormal(math.log(22), 0.6)) + 1
        else:
            lag = int(rng.lognormal(math.log(120), 0.6)) + 10
        lag = min(lag, 364)
        applied = injury_day + lag
        if applied > EXTRACT:
            return
        decided: int | None = applied + int(rng.integers(15, 61))
        if outcome not in ("pending",) and rng.random() < 0.04:
            outcome = "rejected"
        if (decided is not None and decided > EXTRACT) or outcome == "pending":
            decided, outcome = None, "pending"
        self.t["injury_claims"].add(
            pid, employer_name=self.ent_name_variant(e), employer_uscc=self.ent_uscc_variant(e, 0.06),
            injury_date=injury_day, applied_on=applied, decided_on=decided, outcome=outcome,
            injury_description=desc, region_code=self.ent_region[e])

    def injury_records(self, pid: int, ctx: dict, outcome: str, worker: bool, enrolled: bool,
                       died_on: int | None = None):
        rng = self.rng
        e, day, atype, kind = ctx["e"], ctx["day"], ctx["atype"], ctx["kind"]
        serious = outcome == "serious_injury"
        concealed = kind == "concealed"
        p_med = 1.0 if died_on else (0.92 if serious else 0.65)
        if rng.random() < p_med:
            county = ctx["county"]
            if concealed and rng.random() < 0.3:
                county = self.random_county()
            hosp = self.hospital_near(county, 0.35 if serious else 0.1)
            adm = day * MIN + ctx["minute"] + int(rng.integers(30, 240))
            diag, ext = self.icd_pair(atype, ctx["industry"], hosp)
            if concealed and rng.random() < 0.35:
                ext = None if rng.random() < 0.5 else ext[:3] + ".9"
            if ext and ext[0] == "V" and ctx["industry"] != "transport" and rng.random() < 0.5:
                ext = None
            payer = ("self_pay" if concealed and rng.random() < 0.6 else
                     self.pick(["work_injury_insurance", "work_injury_insurance", "self_pay",
                                "employee_insurance", "other"]))
            employer = None if (concealed and rng.random() < 0.8) or rng.random() < 0.4 \
                else self.ent_name_variant(e)
            if died_on is not None:
                dis = died_on * MIN + int(rng.integers(0, MIN))
                self.medical(pid, hosp, adm, dis, diag, ext, "died", payer, employer, 0.1)
            elif serious:
                los = int(np.clip(rng.lognormal(math.log(24), 0.5), 14, 150))
                if rng.random() < 0.15:
                    los = int(rng.integers(0, 4))
                    self.medical(pid, hosp, adm, adm + los * MIN + 300, diag, ext, "transferred",
                                 payer, employer, 0.25)
                    hosp2 = self.pick(geo.PROVINCIAL)
                    adm2 = adm + los * MIN + 420
                    los2 = int(np.clip(rng.lognormal(math.log(25), 0.5), 7, 150))
                    self.medical(pid, hosp2, adm2, adm2 + los2 * MIN, diag, ext, "discharged",
                                 payer, employer, 0.05)
                else:
                    self.medical(pid, hosp, adm, adm + los * MIN, diag, ext,
                                 "discharged" if rng.random() < 0.93 else "left_against_advice",
                                 payer, employer, 0.15)
            else:
                los = int(np.clip(rng.lognormal(math.log(4), 0.7), 0, 13))
                self.medical(pid, hosp, adm, adm + los * MIN + int(rng.integers(60, 600)), diag,
                             ext, "discharged", payer, employer, 0.3 if los == 0 else 0.12)
        if not worker:
            return
        p_claim = (0.2 if serious else 0.1) if concealed else (0.75 if serious else 0.45)
        if not enrolled:
            p_claim *= 0.5
        if died_on is not None:
            p_claim = 0.75
        if rng.random() < p_claim:
            if died_on is not None:
                out = "death" if rng.random() < 0.55 else f"disability_{int(rng.integers(1, 4))}"
            elif serious:
                out = f"disability_{int(rng.choice([1, 2, 3, 4, 5, 6], p=[.05, .1, .2, .3, .2, .15]))}"
            else:
                out = self.pick(["injury", "injury", "disability_10", "disability_9", "disability_8",
                                 "disability_7"])
            desc = self.injury_text(atype, e, serious or died_on is not None)
            self.claim(pid, e, day, out, desc)

    def injury_text(self, atype: str, e: int, serious: bool) -> str:
        zh = model.ACC_TYPES[atype][0]
        where = self.pick(["在作业时", "在工作岗位上", "在井下作业时", "在施工现场", "当班期间"])
        hurt = self.pick(["受伤", "致伤", "身体多处受伤", "头部受伤", "骨折"]) if serious else \
            self.pick(["受轻伤", "手部受伤", "腿部受伤"])
        return f"{where}发生{zh}{hurt}"

    def death_records(self, pid: int, dday: int, ctx: dict, treat: str, worker: bool,
                      enrolled: bool, settled: bool = False):
        """Death records of an incident death. treat: honest / late / a concealment pattern."""
        rng = self.rng
        e, atype, county = ctx["e"], ctx["atype"], ctx["county"]
        huk = self.people.hukou[pid]
        self.end_spell_at_death(pid, dday)
        zh = model.ACC_TYPES[atype][0]
        hosp_name = None
        # --- medical record of the death (late deaths got theirs in injury_records)
        if treat in ("honest", "plain", "fast_local", "moved_county", "moved_province",
                     "disguise_traffic", "disguise_illness"):
            p_med = {"honest": .35, "plain": .5, "disguise_traffic": .6, "disguise_illness": .35}.get(
                treat, .15)
            if rng.random() < p_med:
                hosp = self.hospital_near(county, 0.1)
                hosp_name = geo.HOSPITALS[hosp][0]
                adm = dday * MIN + ctx["minute"] + int(rng.integers(30, 180))
                dis = adm + int(rng.integers(20, 600))
                if treat == "disguise_illness":
                    diag, ext = self.pick(["I46.9", "R96", "I21.9", "I61.9"]), None
                elif treat == "disguise_traffic":
                    diag, ext = self.pick(["S06.5", "T06.8", "S27.3"]), self.pick(["V23.4", "V29.4", "V28.4"])
                else:
                    diag, ext = self.icd_pair(atype, ctx["industry"], hosp)
                    if treat in ("fast_local", "moved_county", "moved_province") and rng.random() < 0.6:
                        ext = None
                payer = "self_pay" if treat != "honest" else self.pick(
                    ["work_injury_insurance", "self_pay", "other"])
                emp = self.ent_name_variant(e) if treat == "honest" and rng.random() < 0.5 else None
                self.medical(pid, hosp, adm, dis, diag, ext, "died", payer, emp, 0.35)
        # --- cremation
        fun_city = county[:4]
        p_crem, lag_lo, lag_hi = 0.88, 3, 20
        cert = self.pdict({"hospital": .55, "police": .4, "other": .05})
        cause = self.pick([f"{zh}事故", "工伤", "颅脑损伤", "多发伤", "意外", "事故死亡"])
        origin = hosp_name or self.pick(["事故现场", "家中", geo.county_label(county)])
        if treat == "late":
            cause = self.pick(["医治无效", "颅脑损伤", "多器官功能衰竭", "工伤", "感染性休克"])
            cert = "hospital"
            origin = None if rng.random() < 0.2 else "医院"
            lag_lo, lag_hi = 2, 12
        elif treat == "fast_local":
            p_crem, lag_lo, lag_hi = 0.9, 0, 2
            cert = self.pdict({"community": .45, "other": .25, None: .3})
            cause = self.pdict({"病故": .35, "猝死": .25, None: .3, "心脏病": .1})
            origin = self.pdict({"家中": .5, None: .3, geo.county_label(county): .2})
        elif treat == "moved_county":
            p_crem, lag_lo, lag_hi = 0.9, 0, 3
            far = [c for c in CITY_CODES if c not in (county[:4], huk[:4])]
            fun_city = self.pick(far)
            cert = self.pdict({"community": .35, "other": .35, None: .3})
            cause = self.pdict({"病故": .4, "意外": .2, None: .4})
            origin = self.pdict({"家中": .4, None: .4, geo.county_label(self.random_county()): .2})
        elif treat == "moved_province":
            p_crem, lag_lo, lag_hi = 0.35, 1, 4
            fun_city = "OUT"
            cert = self.pdict({"community": .4, "other": .3, None: .3})
            cause = self.pdict({"病故": .5, None: .5})
            origin = self.pdict({"家中": .6, None: .4})
        elif treat == "disguise_illness":
            p_crem, lag_lo, lag_hi = 0.85, 1, 3
            cert = "hospital" if hosp_name else self.pdict({"community": .7, "other": .3})
            cause = self.pick(["猝死", "心源性猝死", "病故", "突发疾病", "急性心肌梗死", "脑出血"])
            origin = hosp_name or "家中"
        elif treat == "disguise_traffic":
            p_crem, lag_lo, lag_hi = 0.85, 2, 6
            cert = self.pdict({"police": .7, "hospital": .2, "community": .1})
            cause = self.pick(["交通事故", "车祸", "交通事故死亡"])
            origin = hosp_name or f"{geo.county_label(county)}{self.pick(['G', 'S'])}{int(rng.integers(5, 350))}线路段"
        elif treat == "plain":
            p_crem, lag_lo, lag_hi = 0.85, 2, 10
            cause = self.pdict({"意外": .3, "多发伤": .2, "颅脑损伤": .2, "工伤": .1, None: .2})
            cert = self.pdict({"hospital": .5, "police": .2, "community": .2, None: .1})
        if rng.random() < p_crem:
            if fun_city == "OUT":
                fname, freg = self.pick(geo.OUT_FUNERAL)
            else:
                fname, freg = geo.FUNERAL[self.funeral_in_city(fun_city)]
            crem = dday + int(rng.integers(lag_lo, lag_hi + 1))
            if crem <= EXTRACT:
                age = self.age_at(pid, dday)
                self.t["cremations"].add(
                    pid, age=age + (1 if rng.random() < 0.2 else 0) if rng.random() > 0.03 else None,
                    death_date=dday if rng.random() > 0.02 else None, cremated_on=crem,
                    funeral_home=fname, region_code=freg, death_cause=cause,
                    certificate_issuer=cert, body_origin=origin)
        # --- deregistration (Shanxi household registration only)
        if huk.startswith("14"):
            p = 0.92 if treat in ("honest", "late") else 0.85
            if rng.random() < p:
                lag = int(rng.lognormal(math.log(35 if treat not in ("honest", "late") else 25), 0.8)) + 1
                if dday + lag <= EXTRACT:
                    dcause = {"honest": ["工伤", "意外", None], "late": ["工伤", "意外", None],
                              "disguise_traffic": ["交通事故", None], "disguise_illness": ["病故", None],
                              "fast_local": ["病故", None, None], "moved_county": ["病故", "意外", None],
                              "moved_province": ["病故", None], "plain": ["意外", None]}[treat]
                    if atype == "vehicle" and treat in ("honest", "late"):
                        dcause = ["交通事故", "意外", None]
                    self.dereg(pid, dday, dday + lag, self.pick(dcause))
        # --- work-injury claim
        if worker and treat != "late" and not settled:
            if treat == "honest":
                p = 0.88 if enrolled else 0.4
                if rng.random() < p:
                    self.claim(pid, e, dday, "death", self.pick([
                        f"在作业时发生{zh}事故死亡", f"{zh}事故中死亡", "因工死亡"]),
                        employer_lag=rng.random() < 0.8)
            elif rng.random() < (0.7 if enrolled else 0.4):
                # the family claims months later; the description may stay vague
                self.claim(pid, e, dday, self.pdict({"death": .6, "pending": .25, "rejected": .15}),
                           self.pick([None, "工作中死亡", "在单位死亡", f"{zh}致死亡", "下班途中死亡"]),
                           employer_lag=False)

    def dereg(self, pid: int, dday: int | None, on: int, cause: str | None, reason: str = "death"):
        rng = self.rng
        self.t["deregistrations"].add(
            pid, birth_date=self.people.birth[pid] if rng.random() > 0.03 else None,
            death_date=dday if (dday is not None and rng.random() > 0.02) else None,
            deregistered_on=on, region_code=self.people.hukou[pid], reason=reason, death_cause=cause)

    # ----------------------------------------------------------- background deaths
    def make_background_deaths(self):
        rng = self.rng
        D = self.n(290000, 200)
        # deaths among enrolled workers (~3 per mille a year of the thinned worker pool)
        avail = sorted(self.available)
        n_w = min(len(avail) // 4, round(0.003 * len(self.worker_spells)))
        wpids = [avail[int(i)] for i in rng.choice(len(avail), size=n_w, replace=False)]
        for p in wpids:
            self.available.discard(p)
        n_new = max(0, D - n_w)
        cls_new = np.where(rng.random(n_new) < 0.07, "non_occupational", "natural")
        ages = np.where(cls_new == "natural",
                        np.where(rng.random(n_new) < 0.012, rng.uniform(0, 15, n_new),
                                 np.clip(rng.normal(77, 11, n_new), 18, 103)),
                        np.clip(rng.normal(52, 21, n_new), 1, 98))
        female = rng.random(n_new) < np.where(cls_new == "natural", 0.44, 0.3)
        huk = self.hukou_sampler(n_new, None, 0.02)
        new_pids = self.people.add(rng, ages, female, huk, YEAR_START)
        pids = np.r_[np.array(wpids, dtype=np.int64), new_pids]
        cls = np.r_[np.where(rng.random(n_w) < 0.3, "non_occupational", "natural"), cls_new]
        # winter-heavy death days
        doy = np.arange(YEAR_END - YEAR_START + 1)
        w = 1 + 0.25 * np.cos(2 * np.pi * (doy - 15) / 365)
        days = YEAR_START + rng.choice(len(doy), size=len(pids), p=w / w.sum())
        sub_keys = list(model.NONOCC)
        sub_p = np.array([model.NONOCC[k][0] for k in sub_keys])
        subs = rng.choice(len(sub_keys), size=len(pids), p=sub_p / sub_p.sum())
        r_dereg, r_crem, r_med = rng.random(len(pids)), rng.random(len(pids)), rng.random(len(pids))
        dlag = (rng.lognormal(math.log(18), 1.0, len(pids)) + 1).astype(int)
        flag_p = np.array(model.FUNERAL_LAG_P) / sum(model.FUNERAL_LAG_P)
        flag = np.array(model.FUNERAL_LAG_DAYS)[rng.choice(len(flag_p), size=len(pids), p=flag_p)]
        cause_idx = rng.choice(len(model.NATURAL_CAUSES), size=len(pids),
                               p=np.array(model.NATURAL_CAUSE_P) / sum(model.NATURAL_CAUSE_P))
        workers = set(wpids)
        for i in range(len(pids)):
            pid = int(pids[i])
            c = str(cls[i])
            day = int(days[i])
            sub = sub_keys[subs[i]]
            self.deaths[pid] = (c, None)
            huk_i = self.people.hukou[pid]
            is_worker = pid in workers
            if is_worker:
                self.end_spell_at_death(pid, day)
            nat = c == "natural"
            hosp_name = None
            # hospital record of the death
            p_med = (0.03 if nat else model.NONOCC[sub][5])
            if r_med[i] < p_med:
                county = huk_i if huk_i.startswith("14") else self.random_county()
                hosp = self.hospital_near(county, 0.2)
                hosp_name = geo.HOSPITALS[hosp][0]
                adm = day * MIN + int(rng.integers(0, MIN)) - int(rng.integers(0, 3)) * MIN
                if nat:
                    diag, ext = self.pick(["I46.9", "R96", "I21.9", "I61.9", "I63.9"]), None
                else:
                    diag = self.pick(model.NONOCC[sub][3])
                    ext = self.pick(model.NONOCC[sub][4]) if rng.random() > 0.1 else None
                self.medical(pid, hosp, adm, day * MIN + int(rng.integers(0, MIN)), diag, ext, "died",
                             self.pick(["resident_insurance", "employee_insurance", "self_pay",
                                        "commercial", None]), None, 0.3)
            # deregistration
            if huk_i.startswith("14") and r_dereg[i] < 0.9:
                on = day + min(int(dlag[i]), 700)
                if on <= EXTRACT:
                    if nat and rng.random() < 0.003:
                        self.dereg(pid, None, on + int(rng.integers(30, 300)), None, "declared_dead")
                    else:
                        cause = (self.pdict({"病故": .55, None: .4, model.NATURAL_CAUSES[cause_idx[i]]: .05})
                                 if nat else self.pdict({self.pick(model.NONOCC[sub][2]): .6, None: .4}))
                        self.dereg(pid, day, on, cause)
            # cremation
            urban = geo.COUNTIES.get(huk_i, "").endswith("区")
            if r_crem[i] < (0.8 if urban else 0.5):
                rr = rng.random()
                if not huk_i.startswith("14") or rr < 0.93:
                    city = huk_i[:4] if huk_i.startswith("14") else self.random_county()[:4]
                    fname, freg = geo.FUNERAL[self.funeral_in_city(city)]
                elif rr < 0.985:
                    fname, freg = geo.FUNERAL[self.funeral_in_city(self.random_county()[:4])]
                else:
                    fname, freg = self.pick(geo.OUT_FUNERAL)
                crem = day + int(flag[i])
                if crem <= EXTRACT:
                    if nat:
                        cert = self.pdict({"hospital": .45, "community": .45, "police": .02, "other": .03,
                                           None: .05})
                        cause = model.NATURAL_CAUSES[cause_idx[i]] if rng.random() > 0.08 else None
                        origin = hosp_name or self.pdict({"家中": .55, "医院": .1, None: .05,
                                                          geo.HOSPITALS[self.hospital_near(huk_i)][0]: .3})
                    else:
                        cert = self.pdict({"police": .45, "hospital": .4, "community": .1, "other": .05})
                        cause = self.pick(model.NONOCC[sub][1]) if rng.random() > 0.1 else None
                        origin = hosp_name or self.pdict({"家中": .3, None: .1,
                                                          geo.county_label(self.random_county()): .6})
                    age = self.age_at(pid, day)
                    self.t["cremations"].add(
                        pid, age=(age + (1 if rng.random() < 0.2 else 0)) if rng.random() > 0.03 else None,
                        death_date=day if rng.random() > 0.02 else None, cremated_on=crem,
                        funeral_home=fname, region_code=freg, death_cause=cause,
                        certificate_issuer=cert, body_origin=origin)
            # work-injury death claims without any accident: sudden illness at work (视同工亡),
            # commuting road deaths, pneumoconiosis deaths of miners
            if is_worker:
                e = self.worker_ent[pid]
                if nat and rng.random() < 0.12:
                    self.claim(pid, e, day, "death", "工作时间和工作岗位突发疾病死亡(视同工伤)")
                elif nat and "mining" in self.ent_ind[e] and rng.random() < 0.15:
                    self.claim(pid, e, day, "death", "职业病尘肺病死亡", employer_lag=False)
                elif not nat and sub == "traffic" and rng.random() < 0.45:
                    self.claim(pid, e, day, "death", "上下班途中发生非本人主要责任的交通事故死亡")
        self.stats["background_deaths"] = len(pids)

    # ------------------------------------------------------------ background claims
    def make_background_claims(self):
        rng = self.rng
        C = self.n(30000, 20)
        avail = sorted(p for p in self.available if self.worker_spells[p][-1][2] is None)
        C = min(C, len(avail) // 2)
        pids = [avail[int(i)] for i in rng.choice(len(avail), size=C, replace=False)]
        for pid in pids:
            e = self.worker_ent[pid]
            day = int(rng.integers(YEAR_START, YEAR_END + 1))
            kind = self.pdict({"work": .78, "commute": .12, "disease": .05, "notwork": .05})
            if kind == "disease":
                out = self.pdict({"disability_1": .1, "disability_2": .15, "disability_3": .15,
                                  "disability_4": .1, "disability_5": .15, "disability_6": .15,
                                  "disability_7": .1, "pending": .1})
                self.claim(pid, e, day, out, self.pick(["职业性尘肺病", "煤工尘肺", "矽肺", "职业性噪声聋"]),
                           employer_lag=False)
                continue
            out = self.pdict({"injury": .43, "disability_10": .14, "disability_9": .09,
                              "disability_8": .06, "disability_7": .05, "disability_6": .02,
                              "disability_5": .01, "pending": .05, "rejected": .05})
            if kind == "notwork":
                out = "rejected"
            if kind == "commute":
                desc = self.pick(["上班途中发生交通事故受伤", "下班途中驾驶电动车被撞受伤"])
                diag, ext = self.pick(model.MED_CATS["traffic"][1]), self.pick(model.MED_CATS["traffic"][2])
            else:
                atype = self.pdict(model.ACC_TYPE_BY_INDUSTRY[self.ent_ind[e]])
                if atype in ("gas_explosion", "flooding", "explosion", "collapse", "fire"):
                    atype = "struck_by_object"
                desc = self.injury_text(atype, e, out.startswith("disability"))
                diag = self.pick(model.MED_CATS["work_other"][1])
                ext = None
            self.claim(pid, e, day, out, desc, employer_lag=rng.random() < 0.85)
            if rng.random() < 0.65:
                hosp = self.hospital_near(self.ent_region[e], 0.1)
                if ext is None:
                    _, ext = self.icd_pair(atype, self.ent_ind[e], hosp)
                    if ext[0] == "V":
                        ext = "W20.6"
                adm = day * MIN + int(rng.integers(0, MIN))
                los = int(np.clip(rng.lognormal(math.log(5), 0.8), 0, 40))
                self.medical(pid, hosp, adm, adm + los * MIN + int(rng.integers(60, 600)), diag, ext,
                             "discharged", self.pick(["work_injury_insurance", "employee_insurance",
                                                      "self_pay"]),
                             self.ent_name_variant(e) if rng.random() < 0.5 else None, 0.1)
        self.stats["background_claims"] = C

    # ------------------------------------------------------------ background medical
    def make_background_medical(self):
        rng = self.rng
        M = self.n(500000, 200)
        keys = list(model.MED_CATS)
        w = np.array([model.MED_CATS[k][0] for k in keys])
        cat = rng.choice(len(keys), size=M, p=w / w.sum())
        catname = np.array(keys)[cat]
        age = np.clip(rng.normal(40, 20, M), 1, 95)
        fh = catname == "fall_home"
        age[fh] = np.where(rng.random(fh.sum()) < 0.75, np.clip(rng.normal(74, 10, fh.sum()), 45, 100),
                           rng.uniform(1, 9, fh.sum()))
        tr = catname == "traffic"
        age[tr] = np.clip(rng.normal(42, 16, tr.sum()), 3, 90)
        wk = catname == "work_other"
        age[wk] = np.clip(rng.normal(42, 10, wk.sum()), 18, 65)
        female = rng.random(M) < np.where(wk | tr, 0.25, np.where(fh, 0.6, 0.45))
        huk = self.hukou_sampler(M, None, 0.03)
        pids = self.people.add(rng, age, female, huk, YEAR_START)
        adm_day = rng.integers(YEAR_START, YEAR_END + 1, M)
        adm = adm_day * MIN + rng.integers(0, MIN, M)
        er_only = rng.random(M) < 0.3
        los = np.where(er_only, 0, np.clip(rng.lognormal(math.log(6), 0.8, M), 1, 90)).astype(int)
        dis = adm + los * MIN + rng.integers(30, 600, M)
        disp_keys = ["discharged", "left_against_advice", "transferred", "died"]
        disp = rng.choice(4, size=M, p=[.89, .06, .05, 0.0])
        payer_keys = ["resident_insurance", "employee_insurance", "self_pay", "commercial",
                      "work_injury_insurance", "other", None]
        payer = rng.choice(len(payer_keys), size=M, p=[.45, .25, .15, .04, .02, .04, .05])
        ext_missing = rng.random(M) < 0.12
        r_emp = rng.random(M)
        n_ent = len(self.ent_name)
        for i in range(M):
            pid = int(pids[i])
            k = keys[cat[i]]
            _, diags, exts = model.MED_CATS[k]
            county = huk[i] if huk[i].startswith("14") else self.random_county()
            hosp = self.hospital_near(county, 0.15)
            ext = None if ext_missing[i] else self.pick(exts)
            emp = None
            p = payer_keys[payer[i]]
            if k == "work_other":
                p = self.pick(["work_injury_insurance", "self_pay", "employee_insurance"])
                if r_emp[i] < 0.4:
                    emp = self.ent_name_variant(int(rng.integers(0, n_ent)))
            elif r_emp[i] < 0.02:
                emp = self.ent_name_variant(int(rng.integers(0, n_ent)))
            d = disp_keys[disp[i]]
            self.medical(pid, hosp, int(adm[i]), int(dis[i]), self.pick(diags), ext, d, p, emp,
                         0.35 if er_only[i] else 0.1)
            if d == "transferred":
                hosp2 = self.pick(geo.PROVINCIAL)
                adm2 = int(dis[i]) + int(rng.integers(30, 300))
                self.medical(pid, hosp2, adm2, adm2 + int(rng.integers(2, 30)) * MIN, self.pick(diags),
                             ext, "discharged", p, emp, 0.08)
            elif d == "died":
                self.deaths[pid] = ("non_occupational", None)
        self.stats["background_medical_persons"] = M


# ============================================================================ output
SEX_ENC = {"MF": ("M", "F"), "CN": ("男", "女"), "12": ("1", "2")}
# source: (file format, encoding, sex code, sex-missing rate, name-noise rate,
#          id noise {missing, legacy15, wrong_check, typo, typo_keep}, lower-x share of X ids)
SOURCES = {
    "accident_victims": ("csv", "gb18030", "CN", .03, .08,
                         dict(missing=.12, legacy15=.01, wrong_check=.02, typo=.03, typo_keep=.01), .5),
    "deregistrations": ("parquet", None, "12", .005, .03,
                        dict(missing=.02, legacy15=.02, wrong_check=.005, typo=.005, typo_keep=.002), .3),
    "cremations": ("csv", "utf-8-sig", "CN", .05, .10,
                   dict(missing=.25, legacy15=.03, wrong_check=.03, typo=.05, typo_keep=.01), .4),
    "injury_claims": ("csv", "utf-8", "MF", .01, .04,
                      dict(missing=.01, legacy15=.005, wrong_check=.005, typo=.01, typo_keep=.003), .2),
    "medical_records": ("parquet", None, "MF", .04, .10,
                        dict(missing=0.0, legacy15=.01, wrong_check=.02, typo=.03, typo_keep=.01), .4),
    "employment": ("csv", "gb18030", None, 0, .03,
                   dict(missing=0.0, legacy15=.003, wrong_check=.003, typo=.005, typo_keep=.002), .2),
}
PREFIX = {"accident_victims": "SW", "deregistrations": "ZX", "cremations": "HH",
          "injury_claims": "GS", "medical_records": "ZY", "employment": "CB"}
NAME_NOISE_P = [.30, .10, .10, .05, .20, .10, .15]


def write_table(df: pl.DataFrame, path_base: Path, fmt: str, encoding: str | None):
    if fmt == "parquet":
        df.write_parquet(path_base.with_suffix(".parquet"), compression="zstd", statistics=False)
    else:
        text = df.write_csv(null_value="")
        path_base.with_suffix(".csv").write_bytes(text.encode(encoding or "utf-8"))


def fmt_datetime(m: int | None, style: str) -> str | None:
    if m is None:
        return None
    d = fmt_date(m // MIN, style)
    hh, mm = divmod(m % MIN, 60)
    return f"{d} {hh:02d}:{mm:02d}"


def finalize_source(g: Gen, src: str, rng: np.random.Generator, rp_rows: list, idlog: dict):
    t = g.t[src]
    fmt, enc, sexcode, sexmiss, nmp, idp, lowx = SOURCES[src]
    n = len(t.pid)
    perm = rng.permutation(n)
    ids = [f"{PREFIX[src]}{i + 1:08d}" for i in range(n)]
    cols = {c: [v[j] for j in perm] for c, v in t.cols.items()}
    pids = [t.pid[j] for j in perm]
    idmiss = [t.idmiss[j] for j in perm]
    names, idns, sexes, kinds = [], [], [], []
    r_name, r_id, r_sex = rng.random(n), rng.random(n), rng.random(n)
    name_kind = rng.choice(len(ident.NAME_NOISE_KINDS), size=n, p=NAME_NOISE_P)
    ppl = g.people
    for i in range(n):
        pid = pids[i]
        nm = ppl.name[pid]
        if r_name[i] < nmp:
            nm = ident.noisy_name(nm, ident.NAME_NOISE_KINDS[name_kind[i]], rng)
        names.append(nm)
        idn = ppl.idn[pid]
        miss = idmiss[i] if idmiss[i] is not None else idp["missing"]
        r = r_id[i]
        kind = "clean"
        if r < miss:
            idn, kind = None, "missing"
        else:
            r -= miss
            acc = 0.0
            for k in ("legacy15", "wrong_check", "typo", "typo_keep"):
                acc += idp[k]
                if r < acc:
                    kind = k
                    break
            if kind == "legacy15" and idn[6:10] >= "1985":
                kind = "clean"  # 15-digit numbers were only issued to people born long before 1999
            if kind == "legacy15":
                idn = ident.to_legacy15(idn)
            elif kind == "wrong_check":
                idn = ident.wrong_check(idn, rng)
            elif kind == "typo":
                idn = ident.typo_id(idn, rng, keep_check=False)
            elif kind == "typo_keep":
                idn = ident.typo_id(idn, rng, keep_check=True)
            if idn.endswith("X") and rng.random() < lowx:
                idn = idn[:-1] + "x"
                if kind == "clean":
                    kind = "lower_x"
        idns.append(idn)
        kinds.append(kind)
        if sexcode:
            sexes.append(None if r_sex[i] < sexmiss else SEX_ENC[sexcode][1 if ppl.female[pid] else 0])
    idlog[src] = list(zip(ids, kinds, strict=False))
    for rid, pid in zip(ids, pids, strict=False):
        rp_rows.append((src, rid, pid))
    out: dict[str, list] = {"record_id": ids}
    schema: dict[str, pl.DataType | type[pl.DataType]]
    acc_map = g.acc_map
    if src == "accident_victims":
        out.update(accident_id=[acc_map[a] for a in cols["accident_id"]], name=names, id_number=idns,
                   sex=sexes, age=cols["age"], outcome=cols["outcome"])
        schema = {"age": pl.Int64}
    elif src == "deregistrations":
        out.update(name=names, id_number=idns, sex=sexes,
                   birth_date=[fmt_date(x, "compact") for x in cols["birth_date"]],
                   death_date=[fmt_date(x, "compact") for x in cols["death_date"]],
                   deregistered_on=[fmt_date(x, "compact") for x in cols["deregistered_on"]],
                   region_code=cols["region_code"], reason=cols["reason"],
                   death_cause=cols["death_cause"])
        schema = {}
    elif src == "cremations":
        # each funeral home's system writes either 2025年3月4日 or 2025-03-04
        styles = ["cn" if (sum(map(ord, fh)) % 5) < 3 else "iso" for fh in cols["funeral_home"]]
        out.update(name=names, id_number=idns, sex=sexes, age=cols["age"],
                   death_date=[fmt_date(x, s) for x, s in zip(cols["death_date"], styles, strict=False)],
                   cremated_on=[fmt_date(x, s) for x, s in zip(cols["cremated_on"], styles, strict=False)],
                   funeral_home=cols["funeral_home"], region_code=cols["region_code"],
                   death_cause=cols["death_cause"], certificate_issuer=cols["certificate_issuer"],
                   body_origin=cols["body_origin"])
        schema = {"age": pl.Int64}
    elif src == "injury_claims":
        out.update(name=names, id_number=idns, sex=sexes, employer_name=cols["employer_name"],
                   employer_uscc=cols["employer_uscc"],
                   injury_date=[fmt_date(x, "slash") for x in cols["injury_date"]],
                   applied_on=[fmt_date(x, "slash") for x in cols["applied_on"]],
                   decided_on=[fmt_date(x, "slash") for x in cols["decided_on"]],
                   outcome=cols["outcome"], injury_description=cols["injury_description"],
                   region_code=cols["region_code"])
        schema = {}
    elif src == "medical_records":
        epoch = dt.date(1970, 1, 1).toordinal() * MIN

        def to_dt(v):
            return None if v is None else dt.datetime(1970, 1, 1) + dt.timedelta(minutes=v - epoch)

        out.update(name=names, id_number=idns, sex=sexes, age=cols["age"], hospital=cols["hospital"],
                   region_code=cols["region_code"],
                   admitted_at=[to_dt(v) for v in cols["admitted_at"]],
                   discharged_at=[to_dt(v) for v in cols["discharged_at"]],
                   diagnosis_icd10=cols["diagnosis_icd10"],
                   external_cause_icd10=cols["external_cause_icd10"],
                   disposition=cols["disposition"], payer=cols["payer"],
                   employer_name=cols["employer_name"])
        schema = {"age": pl.Int64, "admitted_at": pl.Datetime("us"), "discharged_at": pl.Datetime("us")}
    else:  # employment
        styles = ["compact" if (hash_region(u) % 10) < 3 else "iso" for u in cols["employer_name"]]
        out.update(id_number=idns, name=[nm if rng.random() > 0.02 else None for nm in names],
                   employer_name=cols["employer_name"], employer_uscc=cols["employer_uscc"],
                   industry=cols["industry"],
                   start_date=[fmt_date(x, s) for x, s in zip(cols["start_date"], styles, strict=False)],
                   end_date=[fmt_date(x, s) for x, s in zip(cols["end_date"], styles, strict=False)])
        # the employment id_number column is required: never missing
        schema = {}
    full_schema = {k: schema.get(k, pl.String) for k in out}
    df = pl.DataFrame(out, schema=full_schema)
    return df, fmt, enc


def hash_region(s: str) -> int:
    return sum(map(ord, s))


def generate(out: str | Path, scale: float = 0.2, seed: int = 1) -> dict:
    t0 = time.time()
    out = Path(out)
    (out / "truth").mkdir(parents=True, exist_ok=True)
    g = Gen(scale, seed)
    g.make_enterprises()
    g.make_workers()
    g.make_incidents()
    g.make_background_deaths()
    g.make_background_claims()
    g.make_background_medical()
    g.emit_employment()
    g.people.duplicate_ids(g.rng, 0.0005)
    rng = np.random.default_rng(np.random.SeedSequence([seed, 4]))

    # accidents: ids after a shuffle
    perm = rng.permutation(len(g.accidents))
    g.acc_map = {}
    acc_rows = []
    for k, j in enumerate(perm):
        a = g.accidents[int(j)]
        rid = f"SG2025{k + 1:05d}"
        g.acc_map[a["_id"]] = rid
        style = "slash" if rng.random() < 0.2 else "iso"
        acc_rows.append(dict(
            record_id=rid, occurred_at=fmt_datetime(a["occurred"], style),
            reported_at=fmt_datetime(a["reported"], style), region_code=a["region_code"],
            address=a["address"], enterprise_name=a["enterprise_name"],
            enterprise_uscc=a["enterprise_uscc"], industry=a["industry"],
            accident_type=a["accident_type"], reported_deaths=a["reported_deaths"],
            reported_serious_injuries=a["reported_serious_injuries"],
            reported_minor_injuries=a["reported_minor_injuries"],
            direct_loss_10k_yuan=a["direct_loss_10k_yuan"]))
    acc_df = pl.DataFrame(acc_rows, schema={
        "record_id": pl.String, "occurred_at": pl.String, "reported_at": pl.String,
        "region_code": pl.String, "address": pl.String, "enterprise_name": pl.String,
        "enterprise_uscc": pl.String, "industry": pl.String, "accident_type": pl.String,
        "reported_deaths": pl.Int64, "reported_serious_injuries": pl.Int64,
        "reported_minor_injuries": pl.Int64, "direct_loss_10k_yuan": pl.Float64}).sort("record_id")
    write_table(acc_df, out / "accidents", "csv", "utf-8")
    counts = {"accidents": acc_df.height}

    rp_rows: list = []
    idlog: dict = {}
    for src in SOURCES:
        df, fmt, enc = finalize_source(g, src, rng, rp_rows, idlog)
        write_table(df, out / src, fmt, enc)
        counts[src] = df.height

    ent_df = pl.DataFrame({"uscc": g.ent_uscc, "name": g.ent_name, "industry": g.ent_ind,
                           "region_code": g.ent_region, "high_risk": g.ent_hr},
                          schema={"uscc": pl.String, "name": pl.String, "industry": pl.String,
                                  "region_code": pl.String, "high_risk": pl.Boolean}).sort("uscc")
    write_table(ent_df, out / "enterprises", "parquet", None)
    counts["enterprises"] = ent_df.height

    # ---------------------------------------------------------------- truth
    person_ids = g.people.person_ids(np.random.default_rng(np.random.SeedSequence([seed, 5])))
    rp = pl.DataFrame({"source": [r[0] for r in rp_rows], "record_id": [r[1] for r in rp_rows],
                       "person_id": [person_ids[r[2]] for r in rp_rows]},
                      schema={"source": pl.String, "record_id": pl.String, "person_id": pl.String}
                      ).sort(["source", "record_id"])
    rp.write_parquet(out / "truth" / "record_person.parquet", statistics=False)
    inc_perm = rng.permutation(len(g.incidents))
    inc_ids = [""] * len(g.incidents)
    for k, j in enumerate(inc_perm):
        inc_ids[int(j)] = f"INC{k + 1:05d}"
    inc_df = pl.DataFrame({
        "incident_id": inc_ids,
        "accident_record_id": [g.acc_map.get(i["acc"]) if i["acc"] else None for i in g.incidents],
        "kind": [i["kind"] for i in g.incidents],
        "true_deaths": [i["true_deaths"] for i in g.incidents],
        "reported_deaths": [i["reported_deaths"] for i in g.incidents],
        "employer_uscc": [i["employer_uscc"] for i in g.incidents],
        "occurred_on": [dt.date.fromordinal(i["occurred_on"]) for i in g.incidents],
    }, schema={"incident_id": pl.String, "accident_record_id": pl.String, "kind": pl.String,
               "true_deaths": pl.Int64, "reported_deaths": pl.Int64, "employer_uscc": pl.String,
               "occurred_on": pl.Date}).sort("incident_id")
    inc_df.write_parquet(out / "truth" / "incidents.parquet", statistics=False)
    ip_df = pl.DataFrame({
        "incident_id": [inc_ids[r["inc"]] for r in g.inc_person],
        "person_id": [person_ids[r["pid"]] for r in g.inc_person],
        "outcome": [r["outcome"] for r in g.inc_person],
        "reported_outcome": [r["reported_outcome"] for r in g.inc_person],
    }, schema={"incident_id": pl.String, "person_id": pl.String, "outcome": pl.String,
               "reported_outcome": pl.String}).sort(["incident_id", "person_id"])
    ip_df.write_parquet(out / "truth" / "incident_person.parquet", statistics=False)
    dpids = sorted(g.deaths)
    d_df = pl.DataFrame({
        "person_id": [person_ids[p] for p in dpids],
        "death_class": [g.deaths[p][0] for p in dpids],
        "incident_id": [inc_ids[i] if (i := g.deaths[p][1]) is not None else None for p in dpids],
    }, schema={"person_id": pl.String, "death_class": pl.String, "incident_id": pl.String}
    ).sort("person_id")
    d_df.write_parquet(out / "truth" / "deaths.parquet", statistics=False)

    kinds = inc_df.group_by("kind").len().sort("kind")
    hidden = ip_df.join(inc_df.select("incident_id", "kind"), on="incident_id").filter(
        (pl.col("kind") != "reported") & (pl.col("outcome") == "death")
        & (pl.col("reported_outcome").is_null() | (pl.col("reported_outcome") != "death"))).height
    stats = {
        "scale": scale, "seed": seed, "rows": counts, "total_rows": sum(counts.values()),
        "record_person": rp.height, "incidents": dict(zip(kinds["kind"], kinds["len"], strict=False)),
        "hidden_deaths": hidden, "deaths": d_df.group_by("death_class").len().sort("death_class").rows(),
        "persons": len(g.people.name), "seconds": round(time.time() - t0, 2), **g.stats,
    }
    stats["id_kinds"] = idlog
    return stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--scale", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    stats = generate(a.out, a.scale, a.seed)
    stats.pop("id_kinds")
    print(json.dumps(stats, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

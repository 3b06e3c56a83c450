"""Workplace incidents: honestly reported accidents, under-reported ones (deaths kept below a
grade line, injured victims who die within the supplementary-report window and are never added,
dead reported as injured, a victim reported under another person's identity, plain
under-counting) and concealed ones (deaths disguised as illness or a road crash, bodies moved
to another county or province, fast remote cremation, private settlement, injuries only). Each
person leaves the records the concealment lets through."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import geo
from . import texts as T
from .world import (
    D0,
    EXPORT,
    EXPORT_M,
    HOUR_ALL,
    HOUR_WORK,
    NAT_D,
    NAT_M,
    NDAYS,
    PLACEHOLDERS,
    ROADS,
    World,
    choose_p,
    name_variant,
    place_text,
)

REPORTED_BASE = 500
CONCEALED_PLAN = {"illness_disguise": 55, "traffic_disguise": 25, "body_moved": 30,
                  "fast_remote_cremation": 25, "private_settlement": 45, "injury_only": 45}
UNDER_PLAN = {"below_grade_line": 18, "late_death_not_added": 25, "named_as_injured": 14,
              "undercount": 10, "impersonated_victim": 8}
IND_W: dict[str, dict[str, float]] = {
    "reported": {"coal_mining": .18, "construction": .25, "transport": .20,
                 "non_coal_mining": .10, "hazardous_chemicals": .06, "metallurgy": .06,
                 "manufacturing": .08, "fireworks": .02, "other": .05},
    "illness_disguise": {"coal_mining": .40, "non_coal_mining": .15, "construction": .20,
                         "hazardous_chemicals": .10, "metallurgy": .10, "manufacturing": .05},
    "traffic_disguise": {"coal_mining": .60, "non_coal_mining": .20, "construction": .20},
    "body_moved": {"coal_mining": .45, "construction": .35, "non_coal_mining": .20},
    "fast_remote_cremation": {"coal_mining": .50, "construction": .30, "non_coal_mining": .10,
                              "fireworks": .10},
    "private_settlement": {"coal_mining": .30, "construction": .30, "non_coal_mining": .15,
                           "metallurgy": .10, "manufacturing": .10, "hazardous_chemicals": .05},
    "injury_only": {"construction": .30, "coal_mining": .25, "metallurgy": .15,
                    "hazardous_chemicals": .10, "manufacturing": .15, "non_coal_mining": .05},
    "below_grade_line": {"coal_mining": .60, "non_coal_mining": .10, "fireworks": .10,
                         "construction": .10, "hazardous_chemicals": .10},
    "late_death_not_added": {"transport": .30, "coal_mining": .30, "construction": .20,
                             "hazardous_chemicals": .10, "metallurgy": .10},
    "named_as_injured": {"coal_mining": .40, "construction": .30, "metallurgy": .15,
                         "non_coal_mining": .15},
    "undercount": {"coal_mining": .50, "construction": .20, "non_coal_mining": .15,
                   "fireworks": .15},
    "impersonated_victim": {"coal_mining": .70, "non_coal_mining": .30},
}
FIRM_KINDS = {"coal_mining": ("coal_mining", "mine_group"), "construction": ("construction",),
              "non_coal_mining": ("non_coal_mining",), "hazardous_chemicals":
              ("hazardous_chemicals",), "metallurgy": ("metallurgy",), "transport": ("transport",),
              "fireworks": ("fireworks",), "manufacturing": ("manufacturing",), "other": ("other",)}
HIDDEN_MODES = {"illness": .30, "moved": .25, "fast_remote": .15, "hidden_honest": .30}
PATTERN_MODE = {"illness_disguise": "illness", "traffic_disguise": "traffic",
                "body_moved": "moved", "fast_remote_cremation": "fast_remote",
                "private_settlement": "private"}
CONCEAL_MODES = {"illness", "traffic", "moved", "fast_remote", "private"}
WORK_PAY = {"work_injury_insurance": .45, "employee_insurance": .15, "self_pay": .2, "": .2}
UNENROLLED_PAY = {"self_pay": .5, "resident_insurance": .2, "commercial": .1, "other": .1, "": .1}
CONCEAL_PAY = {"self_pay": .45, "commercial": .15, "resident_insurance": .25, "other": .15}
SERIOUS_CLAIM = {"disability_1": .05, "disability_2": .07, "disability_3": .1,
                 "disability_4": .13, "disability_5": .08, "disability_6": .07, "injury": .5}
MINOR_CLAIM = {"injury": .6, "disability_10": .2, "disability_9": .1, "disability_8": .1}


def _one(rng: np.random.Generator, d: dict[str, float]) -> str:
    return str(choose_p(rng, d, 1)[0])


def _m(x: float) -> np.timedelta64:
    return np.timedelta64(round(x), "m")


class IncidentMaker:
    def __init__(self, world: World) -> None:
        self.w = world
        self.rng = world.r["incidents"]
        self.rows: dict[str, list[dict[str, Any]]] = {
            s: [] for s in ("accident_victims", "deregistrations", "cremations", "injury_claims",
                            "medical_records")}
        self.accidents: list[dict[str, Any]] = []
        f = world.firms
        self.by_industry: dict[str, list[int]] = {}
        for ind, kinds in FIRM_KINDS.items():
            self.by_industry[ind] = [i for i in range(len(f)) if f.kind[i] in kinds
                                     and world.firm_workers[i].size > 0]
        self.project_labour: dict[int, list[int]] = {}
        for i in range(len(f)):
            if f.kind[i] == "labour":
                self.project_labour.setdefault(f.project[i], []).append(i)
        self.n_late = 1
        self.main_projects: dict[int, list[int]] = {}
        for p, (m, _, _) in enumerate(f.projects):
            self.main_projects.setdefault(m, []).append(p)

    # ---------------------------------------------------------------- plan
    def run(self) -> None:
        rng = self.rng
        w = self.w
        plan: list[tuple[str, str]] = []
        for pat, base in CONCEALED_PLAN.items():
            plan += [("concealed", pat)] * w.n(base)
        for pat, base in UNDER_PLAN.items():
            plan += [("under_reported", pat)] * w.n(base)
        plan += [("reported", "reported")] * w.n(REPORTED_BASE, 3)
        order = rng.permutation(len(plan))
        nine_done = w.scale < 0.2
        for k in order:
            kind, pat = plan[int(k)]
            nine = False
            if pat == "below_grade_line" and not nine_done:
                nine, nine_done = True, True
            self.make(kind, pat, nine=nine)
        w.rec.add_rows("accident_victims", self.rows["accident_victims"])
        for s in ("deregistrations", "cremations", "injury_claims", "medical_records"):
            w.rec.add_rows(s, self.rows[s])

    def casualties(self, pat: str, industry: str, nine: bool) -> tuple[int, int, int]:
        rng = self.rng
        if pat == "reported":
            d = int(rng.choice(8, p=[.33, .52, .09, .03, .015, .008, .004, .003]))
            s = 1 + int(rng.poisson(.5)) if d == 0 else int(rng.poisson(.4))
            return d, s, int(rng.poisson(.6))
        if pat == "injury_only":
            return 0, int(rng.choice([1, 2, 3], p=[.6, .3, .1])), int(rng.poisson(.8))
        if pat in PATTERN_MODE:
            return (int(rng.choice([1, 2, 3], p=[.78, .16, .06])), int(rng.random() < .3),
                    int(rng.poisson(.5)))
        if pat == "below_grade_line":
            d = int(rng.integers(10, 13)) if nine else int(rng.integers(3, 7))
            return d, int(rng.integers(0, 4)), int(rng.poisson(1.5))
        if pat == "undercount":
            return int(rng.integers(3, 9)), int(rng.integers(0, 3)), int(rng.poisson(1.0))
        if pat == "impersonated_victim":
            return int(rng.choice([2, 3, 4], p=[.6, .3, .1])), int(rng.integers(0, 2)), 0
        if pat == "late_death_not_added":
            d = int(rng.choice([0, 1, 2], p=[.5, .4, .1]))
            self.n_late = 1 if rng.random() < .85 else 2
            return d + self.n_late, int(rng.integers(0, 3)), int(rng.poisson(.8))
        # named_as_injured
        return int(rng.choice([0, 1], p=[.6, .4])) + 1, int(rng.integers(0, 2)), \
            int(rng.poisson(.6))

    # ---------------------------------------------------------------- one incident
    def make(self, kind: str, pat: str, *, nine: bool = False) -> None:
        rng = self.rng
        w = self.w
        f = w.firms
        industry = _one(rng, IND_W[pat])
        n_dead, n_ser, n_min = self.casualties(pat, industry, nine)
        total = n_dead + n_ser + n_min
        if n_dead >= 3 or total >= 8:
            atype = T.pick(rng, T.MASS_TYPES.get(industry, ["explosion"]))
        else:
            atype = T.sample_type(industry, rng)
        if pat == "traffic_disguise" and atype == "vehicle":
            atype = "roof_fall"
        day = D0 + np.timedelta64(int(rng.integers(0, NDAYS)), "D")
        hours = HOUR_ALL if industry in ("coal_mining", "transport") else HOUR_WORK
        occurred = day.astype("datetime64[m]") + _m(float(rng.choice(24, p=hours) * 60
                                                          + rng.integers(0, 60)))
        cands = self.by_industry[industry]
        sizes = np.array([w.firm_workers[i].size for i in cands], dtype=float)
        if kind == "reported":
            wt = sizes ** 0.8
        else:
            wt = sizes ** 0.5 * np.array([3.0 if f.kind[i] == "coal_mining" else 1.0
                                          for i in cands])
        need = n_dead + n_ser + n_min
        workers_needed = need if industry != "transport" else min(need, 2)
        wt = np.where(sizes >= workers_needed + 3, wt, wt * 1e-3)
        firm = cands[int(rng.choice(len(cands), p=wt / wt.sum()))]
        pool = w.firm_workers[firm]
        county = w.work_county(firm)
        responsible = firm
        if f.kind[firm] == "construction":
            projects = self.main_projects.get(firm, [])
            if projects:
                proj = projects[int(rng.integers(len(projects)))]
                county = f.projects[proj][1]
                labour = self.project_labour.get(proj, [])
                pool = np.concatenate([pool] + [w.firm_workers[i] for i in labour])
        if industry == "transport":
            city = geo.COUNTY_CITY[county]
            near = np.flatnonzero(city == geo.COUNTY_CITY)
            county = int(near[rng.integers(len(near))]) if rng.random() < .6 else int(
                rng.choice(geo.N_COUNTIES, p=geo.POP_WEIGHTS))
        responsible = w.employer_at(responsible, day)
        avail = w.available(pool, day)
        chosen = rng.permutation(avail)[:workers_needed]
        persons: list[dict[str, Any]] = []
        for wk in chosen:
            wk = int(wk)
            w.w_used[wk] = True
            persons.append({"pid": int(w.w_pid[wk]), "w": wk,
                            "firm": w.employer_at(int(w.w_firm[wk]), day),
                            "county": int(w.w_county[wk]), "third": False})
        short = workers_needed - len(persons)
        third = need - workers_needed
        if short > 0 or third > 0:
            # casual hands with no social insurance, or road users hit by the truck
            k = short + third
            ages = np.where(np.arange(k) < short, rng.uniform(20, 60, k), rng.uniform(8, 80, k))
            male = rng.random(k) < np.where(np.arange(k) < short, .95, .6)
            home = rng.choice(geo.N_COUNTIES, k, p=geo.POP_WEIGHTS)
            home[:short] = np.where(rng.random(short) < .6, county, home[:short])
            pids = w.pop.add(rng, ages, male, home)
            for j in range(k):
                persons.append({"pid": int(pids[j]), "w": -1, "firm": firm if j < short else -1,
                                "county": int(home[j]), "third": j >= short})
        order = rng.permutation(len(persons))
        persons = [persons[int(i)] for i in order]
        if industry == "transport":  # the driver first among the dead
            persons.sort(key=lambda p: p["third"])
        outcomes = ["death"] * n_dead + ["serious_injury"] * n_ser + ["minor_injury"] * n_min
        inc = len(w.incidents)
        road = industry == "transport" and atype == "vehicle"
        window = 7 if road or atype == "fire" else 30
        info = {"idx": inc, "kind": kind, "pattern": pat, "industry": industry, "type": atype,
                "firm": responsible, "county": county, "occurred": occurred, "window": window,
                "road": road}
        reported_outcome = self.assign_reporting(kind, pat, outcomes, persons, info)
        for p, out, rep in zip(persons, outcomes, reported_outcome, strict=True):
            self.person_records(info, p, out, rep)
        true_deaths = n_dead
        rep_deaths = sum(1 for r in reported_outcome if r == "death")
        w.incidents.append({"incident_idx": inc, "kind": kind, "pattern": pat,
                            "true_deaths": true_deaths, "reported_deaths": rep_deaths,
                            "employer_uscc": f.uscc[responsible],
                            "occurred_on": day.item(), "accident": kind != "concealed"})
        for p, out, rep in zip(persons, outcomes, reported_outcome, strict=True):
            w.incident_persons.append((inc, p["pid"], out, rep))
        if kind != "concealed":
            self.accident_row(info, persons, outcomes, reported_outcome)

    def assign_reporting(self, kind: str, pat: str, outcomes: list[str],
                         persons: list[dict[str, Any]], info: dict[str, Any]) -> list[str | None]:
        """What the report says about each person, and how each death is handled (``mode``),
        its timing (``late`` days) and identity games (``as_pid``)."""
        rng = self.rng
        rep: list[str | None] = []
        dead = [i for i, o in enumerate(outcomes) if o == "death"]
        for i, o in enumerate(outcomes):
            p = persons[i]
            p["late"] = 0
            p["as_pid"] = None
            if kind == "concealed":
                p["mode"] = PATTERN_MODE.get(pat, "concealed_injury") if o == "death" else \
                    "concealed_injury"
                rep.append(None)
                continue
            if p["third"]:
                p["mode"] = "third_party"
            else:
                p["mode"] = "honest"
            if o != "death":
                rep.append(o if (o == "serious_injury" or rng.random() < .8) else None)
                continue
            rep.append("death")
            if kind == "reported" and rng.random() < .1:
                p["late"] = int(rng.integers(1, info["window"]))
        if kind == "reported":
            return rep
        if pat in ("below_grade_line", "undercount"):
            if pat == "below_grade_line":
                keep = 9 if len(dead) >= 10 else 2
            else:
                keep = max(1, round(len(dead) * rng.uniform(.25, .6)))
                if keep == 2 and len(dead) > 3:
                    keep = 3
                keep = min(keep, len(dead) - 1)
            for i in dead[keep:]:
                if rng.random() < .3:
                    rep[i] = "serious_injury"
                    persons[i]["mode"] = "named_injured"
                else:
                    rep[i] = None
                    persons[i]["mode"] = _one(rng, HIDDEN_MODES)
        elif pat == "late_death_not_added":
            for i in dead[-self.n_late:]:
                rep[i] = "serious_injury"
                persons[i]["mode"] = "late" if not persons[i]["third"] else "late_third"
                persons[i]["late"] = int(rng.integers(1, info["window"]))
        elif pat == "named_as_injured":
            i = dead[-1]
            rep[i] = "serious_injury" if rng.random() < .7 else "minor_injury"
            persons[i]["mode"] = "named_injured"
        elif pat == "impersonated_victim":
            hidden, stand_in = dead[-1], dead[0]
            rep[hidden] = None
            persons[hidden]["mode"] = "illness" if rng.random() < .5 else "moved"
            # the dead man is reported under a living relative's name and ID
            p = persons[stand_in]
            rel = self.w.pop.add(rng, np.array([rng.uniform(20, 60)]), np.array([True]),
                                 np.array([p["county"] if p["county"] >= 0 else 0]))
            names = np.concatenate(self.w.pop.name)
            own, other = str(names[p["pid"]]), str(names[int(rel[0])])
            self.w.pop.rename[int(rel[0])] = own[0] + other[1:]
            p["as_pid"] = int(rel[0])
        return rep

    # ---------------------------------------------------------------- records
    def hosp_for(self, county: int, industry: str) -> int:
        rng = self.rng
        if industry == "coal_mining" and rng.random() < .5:
            mining = [i for i in geo.LOCAL_HOSP[county] if geo.HOSP_LEVEL[i] == 3]
            if mining:
                return int(mining[int(rng.integers(len(mining)))])
        opts = geo.LOCAL_HOSP[county]
        return int(opts[int(rng.integers(len(opts)))])

    def refer_for(self, county: int) -> int:
        opts = geo.REFER_HOSP[county]
        return int(opts[int(self.rng.integers(len(opts)))])

    def codes(self, info: dict[str, Any], p: dict[str, Any], mode: str) -> tuple[str, str | None]:
        rng = self.rng
        atype = info["type"]
        if mode == "traffic":
            return T.pick(rng, T.TRAFFIC_DISGUISE_DX), T.pick(rng, T.TRAFFIC_DISGUISE_EXT)
        dx = T.pick(rng, T.DX[atype])
        if info["road"]:
            pool = T.ROAD_EXT_THIRD if p["third"] else T.ROAD_EXT_DRIVER
            return dx, (T.pick(rng, pool) if rng.random() < .85 else None)
        code = T.pick(rng, T.EXT[atype])
        if mode in ("illness", "moved", "fast_remote"):
            return dx, T.with_place(code, rng, 0.0, .3, .1)
        if mode in ("concealed_injury", "private"):
            return dx, T.with_place(code, rng, .35, .2, .15)
        return dx, T.with_place(code, rng, .75, .1)

    def employer_text(self, p: dict[str, Any], info: dict[str, Any], prob: float) -> str | None:
        rng = self.rng
        if rng.random() >= prob:
            return None
        f = self.w.firms
        firm = p["firm"] if p["firm"] >= 0 else info["firm"]
        if rng.random() < .3:
            firm = info["firm"]
        return name_variant(f.name[firm], rng, .5)

    def med(self, p: dict[str, Any], hosp: int, adm: np.datetime64, dis: np.datetime64,
            dx: str, ext: str | None, disp: str, payer: str, emp: str | None,
            unidentified: bool = False) -> None:
        if adm > EXPORT_M:
            return
        if dis > EXPORT_M:  # still in hospital at the export
            dis, disp = NAT_M, "discharged"
        age = None
        if unidentified:
            a = int(self.w.pop_age(np.array([p["pid"]]), np.array([adm]))[0])
            age = int(round(a / 10) * 10)
            self.w.stats["unidentified_records"] += 1
        self.rows["medical_records"].append({
            "pid": p["pid"], "hospital": hosp, "admitted_at": adm, "discharged_at": dis,
            "diag": dx, "ext": ext, "disposition": disp, "payer": payer or None,
            "employer_name": emp,
            "name_fixed": T.pick(self.rng, PLACEHOLDERS) if unidentified else None,
            "kind_fixed": "missing" if unidentified else None, "age_fixed": age,
        })

    def pay(self, p: dict[str, Any], mode: str) -> str:
        rng = self.rng
        if mode in CONCEAL_MODES or mode == "concealed_injury":
            return _one(rng, CONCEAL_PAY)
        if p["third"]:
            return _one(rng, {"resident_insurance": .5, "commercial": .3, "self_pay": .2})
        enrolled = p["w"] >= 0 and bool(self.w.w_enrolled[p["w"]])
        return _one(rng, WORK_PAY if enrolled else UNENROLLED_PAY)

    def person_records(self, info: dict[str, Any], p: dict[str, Any], outcome: str,
                       rep: str | None) -> None:
        rng = self.rng
        w = self.w
        mode = p["mode"]
        occurred = info["occurred"]
        county = info["county"]
        hosp = self.hosp_for(county, info["industry"])
        emp_p = {"honest": .5, "late": .5, "named_injured": .5, "hidden_honest": .4,
                 "private": .2, "third_party": 0.0}.get(mode, .05)
        if outcome != "death":
            self.injury_records(info, p, outcome, hosp, emp_p)
            return
        late = p["late"]
        if late:
            death_dt = occurred + np.timedelta64(late, "D") + _m(rng.uniform(-600, 600))
        else:
            death_dt = occurred + _m(rng.uniform(0, 180))
        death_day = death_dt.astype("datetime64[D]")
        rule = "concealed" if mode in CONCEAL_MODES else "honest"
        w.mark_dead(p["pid"], "incident", info["idx"], death_day, rule)
        # --- hospital
        med_p = {"honest": .6, "third_party": .6, "named_injured": .65, "hidden_honest": .55,
                 "illness": .2, "traffic": .65, "moved": .1, "fast_remote": .1,
                 "private": .45}.get(mode, 1.0)
        in_hosp = False
        if mode in ("late", "late_third") or late:
            in_hosp = True
            adm = occurred + _m(rng.uniform(30, 150))
            dx, ext = self.codes(info, p, mode)
            pay = self.pay(p, mode)
            emp = self.employer_text(p, info, emp_p)
            if rng.random() < .5:
                dis1 = adm + _m(rng.uniform(120, 1200))
                self.med(p, hosp, adm, dis1, dx, ext, "transferred", pay, emp,
                         unidentified=rng.random() < .05)
                hosp = self.refer_for(county)
                adm = dis1 + _m(rng.uniform(60, 240))
            self.med(p, hosp, adm, max(death_dt, adm + _m(60)), dx, ext, "died", pay, emp)
        elif rng.random() < med_p:
            in_hosp = True
            adm = occurred + _m(rng.uniform(30, 150))
            dis = max(death_dt, adm + _m(rng.uniform(5, 90)))
            dx, ext = self.codes(info, p, mode)
            self.med(p, hosp, adm, dis, dx, ext, "died", self.pay(p, mode),
                     self.employer_text(p, info, emp_p), unidentified=rng.random() < .1)
        # --- deregistration
        inside = p["county"] >= 0
        hukou = str(np.concatenate(w.pop.hukou)[p["pid"]])
        enrolled = p["w"] >= 0 and bool(w.w_enrolled[p["w"]])
        dereg_p = {"illness": .9, "traffic": .9, "moved": .8, "fast_remote": .85,
                   "private": .92}.get(mode, .93)
        if not inside:
            dereg_p = .75 * dereg_p if enrolled else 0.0
        if rng.random() < dereg_p:
            causes = {"illness": T.DEREG_ILLNESS, "traffic": ["交通事故", "交通事故", "意外"],
                      "moved": ["病故", "猝死"], "fast_remote": ["病故", "死亡"],
                      "private": ["意外", "意外死亡"], "third_party": ["交通事故", "车祸"],
                      "late": ["工伤", "意外", "医治无效", "工亡"],
                      "late_third": ["交通事故", "医治无效"]}.get(mode, T.DEREG_INCIDENT)
            cp = {"illness": .75, "moved": .4, "fast_remote": .3, "private": .5}.get(mode, .62)
            cause = T.pick(rng, causes) if rng.random() < cp else None
            lag = rng.lognormal(np.log(15), .9)
            if death_day + np.timedelta64(int(lag), "D") <= EXPORT:
                self.rows["deregistrations"].append({
                    "pid": p["pid"], "death_date": death_day,
                    "dereg_on": death_day + np.timedelta64(int(lag), "D"), "region": hukou,
                    "reason": "death", "cause": cause, "death_known": bool(rng.random() < .97)})
        # --- cremation
        self.cremation(info, p, mode, death_day, in_hosp, hosp)
        # --- work-injury claim
        claim_p = {"honest": .85, "late": .7, "named_injured": .4, "hidden_honest": .5,
                   "illness": .08, "traffic": .03, "moved": .04, "fast_remote": .02,
                   "private": 0.0, "third_party": 0.0, "late_third": 0.0}[mode]
        self.claim(info, p, "death", claim_p, family_p=1.0 if mode in CONCEAL_MODES else .15,
                   desc=T.pick(rng, T.DESC_SUDDEN) if mode == "illness" else
                   T.pick(rng, T.DESC[info["type"]]))

    def cremation(self, info: dict[str, Any], p: dict[str, Any], mode: str,
                  death_day: np.datetime64, in_hosp: bool, hosp: int) -> None:
        rng = self.rng
        inside = p["county"] >= 0
        home_c = p["county"] if inside else info["county"]
        urban = int(geo.COUNTY_URBAN[home_c])
        base = [.22, .45, .85][urban] + .15
        prob = {"illness": .7, "moved": .85, "fast_remote": 1.0, "traffic": .6}.get(mode, base)
        if not inside:
            prob = 0.0 if mode == "moved" else .35  # the body goes home to Sichuan or Yunnan
        if rng.random() >= prob:
            return
        if mode in ("illness",):
            delay = int(rng.choice([0, 1, 2, 3, 4], p=[.2, .25, .15, .25, .15]))
        elif mode == "fast_remote":
            delay = int(rng.choice([0, 1], p=[.4, .6]))
        elif mode == "moved":
            delay = int(rng.choice([0, 1, 2, 3, 4], p=[.15, .3, .25, .2, .1]))
        else:
            delay = int(rng.choice([2, 3, 4, 5, 6, 7, 10, 15], p=[.1, .2, .2, .15, .1, .1, .1, .05]))
        far_p = {"illness": .15, "moved": 1.0, "fast_remote": .7, "traffic": .1,
                 "private": .05}.get(mode, 0.0)
        out_home = -1
        if rng.random() < far_p:
            if mode == "moved" and rng.random() < .2:
                out_home = int(rng.integers(len(geo.OUT_WORK)))
                fh = 0
            else:
                avoid = {geo.COUNTY_CITY[home_c], geo.COUNTY_CITY[info["county"]]}
                opts = [i for i in range(len(geo.FUNERAL_HOMES))
                        if geo.COUNTY_CITY[geo.FH_COUNTY[i]] not in avoid]
                fh = int(opts[int(rng.integers(len(opts)))])
        else:
            c = info["county"] if rng.random() < .5 else home_c
            fh = int(geo.NEAREST_HOME[c])
        at = info["type"]
        if mode == "illness":
            cause = T.pick(rng, T.CERT_ILLNESS) if rng.random() < .85 else None
            issuer = _one(rng, {"community": .45, "other": .3, "": .25})
            origin = "家中" if rng.random() < .7 else None
        elif mode == "traffic":
            cause = T.pick(rng, ["交通事故", "颅脑损伤", "多发伤"])
            issuer = _one(rng, {"police": .6, "hospital": .3, "other": .1})
            origin = place_text(rng, info["county"]) + T.pick(rng, ROADS[-4:])
        elif mode in ("moved", "fast_remote"):
            cause = T.pick(rng, ["病故", "猝死", "死亡"]) if rng.random() < .45 else None
            issuer = _one(rng, {"other": .5, "": .4, "community": .1})
            origin = place_text(rng, int(rng.integers(geo.N_COUNTIES))) if rng.random() < .3 \
                else None
        else:
            cause = T.pick(rng, T.CERT_INCIDENT[at]) if rng.random() < .85 else None
            if in_hosp:
                issuer = _one(rng, {"hospital": .7, "police": .3})
                origin = str(geo.HOSP_NAME[hosp])
            else:
                issuer = _one(rng, {"police": .6, "community": .2, "other": .1, "": .1})
                origin = place_text(rng, info["county"]) if rng.random() < .7 else None
            if mode == "private" and rng.random() < .5:
                issuer, origin = _one(rng, {"community": .6, "other": .4}), "家中"
        cremated = death_day + np.timedelta64(delay, "D")
        if cremated + np.timedelta64(int(rng.exponential(4)), "D") > EXPORT:
            return
        if out_home >= 0:
            fh_name, region = geo.OUT_WORK[out_home][1], geo.OUT_WORK[out_home][0]
        else:
            fh_name, region = str(geo.FH_NAME[fh]), str(geo.COUNTY_CODES[geo.FH_COUNTY[fh]])
        self.rows["cremations"].append({
            "pid": p["pid"], "death_date": death_day, "cremated_on": cremated,
            "funeral_home": fh_name, "region": region, "cause": cause, "issuer": issuer or None,
            "origin": origin, "death_known": bool(rng.random() < .95)})

    def claim(self, info: dict[str, Any], p: dict[str, Any], outcome: str, prob: float, *,
              family_p: float, desc: str, serious: bool = False) -> None:
        rng = self.rng
        w = self.w
        if p["third"] or prob <= 0:
            return
        enrolled = p["w"] >= 0 and bool(w.w_enrolled[p["w"]])
        labour = w.firms.kind[p["firm"]] == "labour" if p["firm"] >= 0 else False
        if not enrolled:
            prob *= .45 if labour else 0.0  # project-based work-injury cover of the site
        if rng.random() >= prob:
            return
        if outcome != "death":
            outcome = _one(rng, SERIOUS_CLAIM if serious else MINOR_CLAIM)
        firm = p["firm"] if p["firm"] >= 0 else info["firm"]
        row = w.claim_row(rng, p["pid"], p["w"], firm, info["occurred"].astype("datetime64[D]"),
                          outcome, desc, family=rng.random() < family_p)
        if row:
            self.rows["injury_claims"].append(row)

    def injury_records(self, info: dict[str, Any], p: dict[str, Any], outcome: str, hosp: int,
                       emp_p: float) -> None:
        rng = self.rng
        mode = p["mode"]
        serious = outcome == "serious_injury"
        occurred = info["occurred"]
        if rng.random() < (.97 if serious else .85):
            adm = occurred + _m(rng.uniform(30, 180))
            dx, ext = self.codes(info, p, mode)
            pay = self.pay(p, mode)
            emp = self.employer_text(p, info, emp_p)
            if serious:
                total = max(14.0, rng.lognormal(np.log(32), .5)) * 1440
                if rng.random() < .4:
                    dis1 = adm + _m(rng.uniform(120, 2000))
                    self.med(p, hosp, adm, dis1, dx, ext, "transferred", pay, emp,
                             unidentified=rng.random() < .05)
                    adm2 = dis1 + _m(rng.uniform(60, 240))
                    self.med(p, self.refer_for(info["county"]), adm2, adm + _m(total), dx, ext,
                             "discharged", pay, emp)
                else:
                    self.med(p, hosp, adm, adm + _m(total), dx, ext,
                             "discharged" if rng.random() < .9 else "left_against_advice", pay,
                             emp)
            else:
                stay = rng.uniform(60, 480) if rng.random() < .5 else rng.lognormal(np.log(5),
                                                                                       .5) * 1440
                self.med(p, hosp, adm, adm + _m(stay), dx, ext, "discharged", pay, emp)
        if mode == "concealed_injury":
            self.claim(info, p, outcome, .12, family_p=1.0, desc=T.pick(rng, T.DESC_MINOR),
                       serious=serious)
        else:
            self.claim(info, p, outcome, .8 if serious else .5, family_p=.15,
                       desc=T.pick(rng, T.DESC[info["type"]]), serious=serious)

    # ---------------------------------------------------------------- accident report
    def accident_row(self, info: dict[str, Any], persons: list[dict[str, Any]],
                     outcomes: list[str], rep: list[str | None]) -> None:
        rng = self.rng
        f = self.w.firms
        firm = info["firm"]
        occurred = info["occurred"]
        u = rng.random()
        delay = rng.uniform(15, 60) if u < .7 else (rng.uniform(60, 180) if u < .9 else
                                                    rng.uniform(180, 2880))
        name = f.name[firm]
        old = [i for i in range(len(f)) if f.merge_to[i] == firm]
        if old and rng.random() < .3:
            name = f.name[old[0]]  # the report still uses the mine's old name
        uscc: str | None = f.uscc[firm]
        v = rng.random()
        if v < .1:
            uscc = None
        elif v < .15:
            from .ident import uscc_typo
            uscc = uscc_typo(f.uscc[firm], rng)
        county = info["county"]
        cname = geo.COUNTIES[county].name
        ind = info["industry"]
        if ind == "coal_mining":
            site = f"{f.brand[firm]}煤矿+{int(rng.integers(9, 16)) * 100}m水平{int(rng.integers(1, 30))}" \
                   f"{T.pick(rng, ['采煤工作面', '掘进工作面', '运输巷', '回风巷'])}"
        elif ind == "construction":
            projects = [pr for pr in f.projects if pr[0] == firm and pr[1] == county]
            pname = projects[0][2] if projects else "施工现场"
            site = f"{pname}K{int(rng.integers(1, 90))}+{int(rng.integers(0, 1000)):03d}"
        elif ind == "transport":
            site = f"{T.pick(rng, ROADS)}K{int(rng.integers(1, 400))}+{int(rng.integers(0, 1000)):03d}"
        else:
            site = f"{name}{T.pick(rng, ['厂区', '车间', '采场', '仓库'])}"
        address = f"{cname}{T.pick(rng, geo.TOWNS)}镇{T.pick(rng, geo.TOWNS)}村{site}"
        n_ser = sum(1 for r in rep if r == "serious_injury")
        n_min = sum(1 for r, o in zip(rep, outcomes, strict=True)
                    if r == "minor_injury" or (r is None and o == "minor_injury"))
        n_dead = sum(1 for r in rep if r == "death")
        loss = None
        if rng.random() > .2:
            loss = round(n_dead * rng.uniform(120, 180) + n_ser * rng.uniform(20, 60)
                         + n_min * rng.uniform(1, 5) + rng.uniform(5, 80), 2)
        self.accidents.append({
            "incident_idx": info["idx"], "occurred_at": occurred.astype("datetime64[us]").item(),
            "reported_at": (occurred + _m(delay)).astype("datetime64[us]").item(), "region_code": geo.COUNTIES[county].code,
            "address": address, "enterprise_name": name_variant(name, rng, .85),
            "enterprise_uscc": uscc, "industry": f.industry[firm] if ind != "construction"
            else "construction", "accident_type": info["type"], "reported_deaths": n_dead,
            "reported_serious_injuries": n_ser, "reported_minor_injuries": n_min,
            "direct_loss_10k_yuan": loss})
        k = 0
        for p, r in zip(persons, rep, strict=True):
            if r is None:
                continue
            as_pid = p["as_pid"]
            if as_pid is None and p["w"] >= 0 and self.w.w_borrow[p["w"]] >= 0 and \
                    rng.random() < .8:
                as_pid = int(self.w.w_borrow[p["w"]])
            rank = {"death": 0, "serious_injury": 1, "minor_injury": 2}[r]
            self.rows["accident_victims"].append({
                "pid": p["pid"], "as_pid": as_pid, "kind_fixed": "borrowed" if as_pid else None,
                "accident_key": info["idx"], "outcome": r,
                "day": occurred.astype("datetime64[D]"), "order": rank * 100 + k})
            k += 1


def run_incidents(world: World) -> IncidentMaker:
    maker = IncidentMaker(world)
    maker.run()
    return maker


__all__ = ["NAT_D", "IncidentMaker", "run_incidents"]

"""Production-safety incidents: reported, under-reported and concealed, with every casualty's
trail through hospitals, police, funeral homes, insurance and employment records."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import tables as T
from .sim import MASS_TYPES, Sim, _choice, _pick, month_days
from .world import COUNTY_CODES, COUNTY_NAMES, EXTRACT, add_unregistered, county_label

DEATH_SIZES = [(1, 0.84), (2, 0.09), (3, 0.025), (4, 0.012), (5, 0.008), (6, 0.006), (7, 0.005),
               (8, 0.004), (9, 0.003), (10, 0.002), (12, 0.0015), (14, 0.001), (18, 0.0008),
               (24, 0.0005), (35, 0.0002)]
SERIOUS_MIX = {"construction": 0.3, "manufacturing": 0.25, "coal_mining": 0.1, "metallurgy": 0.08,
               "non_coal_mining": 0.07, "hazardous_chemicals": 0.05, "transport": 0.1,
               "other": 0.05}
HONEST_DEREG = [("工伤", 0.25), ("意外", 0.2), ("意外死亡", 0.1), ("事故", 0.08), ("", 0.37)]
VAGUE_DEREG = [("", 0.6), ("意外", 0.3), ("死亡", 0.1)]
HONEST_ISSUER = [("hospital", 0.45), ("police", 0.5), ("other", 0.05)]
CONCEAL_ISSUER = [("community", 0.35), ("other", 0.25), ("hospital", 0.25), ("police", 0.05),
                  ("", 0.1)]
HONEST_PAYER = [("work_injury_insurance", 0.45), ("employee_insurance", 0.15), ("self_pay", 0.25),
                ("commercial", 0.05), ("other", 0.1)]
CONCEAL_PAYER = [("self_pay", 0.55), ("resident_insurance", 0.2), ("commercial", 0.1),
                 ("other", 0.15)]
THIRD_PAYER = [("commercial", 0.4), ("resident_insurance", 0.25), ("employee_insurance", 0.15),
               ("self_pay", 0.2)]


# injuries that do not by themselves kill or maim: not the principal diagnosis of a death
MINOR_DX = {"S68", "S62", "S67", "S57", "S82", "S72"}


def _death_count(rng: np.random.Generator) -> int:
    return int(_choice(rng, [(str(k), w) for k, w in DEATH_SIZES]))


def _kind_for(rng: np.random.Generator, deaths: int, industry: str) -> str:
    odds = T.CONCEAL_ODDS[industry]
    if deaths == 1:
        conc, under = 0.12, 0.06
    elif deaths == 2:
        conc, under = 0.10, 0.14
    elif deaths <= 9:
        conc, under = 0.04, 0.30
    elif deaths <= 29:
        conc, under = 0.0, 0.40
    else:
        conc, under = 0.0, 0.5
    conc = min(conc * odds, 0.4)
    if industry == "transport":
        under *= 0.6
    u = rng.random()
    return "concealed" if u < conc else ("under_reported" if u < conc + under else "reported")


def _ext_code(stem: str, rng: np.random.Generator, place: str = "6", third: bool = False) -> str:
    if stem == "V":
        if third:
            return _choice(rng, [("V03.1", 0.3), ("V23.4", 0.3), ("V43.5", 0.25), ("V89.2", 0.15)])
        return _choice(rng, [("V64.5", 0.3), ("V67.5", 0.25), ("V69.4", 0.25), ("V89.2", 0.2)])
    return f"{stem}.{place}"


class IncidentBuilder:
    def __init__(self, sim: Sim) -> None:
        self.sim = sim
        self.rng = sim.rng("incidents")
        self.rec = sim.rng("incident-records")
        self.dispatch = [i for i, e in enumerate(sim.ents)
                         if e.industry == "other" and "劳务" in e.name]
        self.by_ind: dict[str, np.ndarray] = {}
        for ind in T.INDUSTRIES:
            idx = np.array([i for i, e in enumerate(sim.ents) if e.industry == ind])
            self.by_ind[ind] = idx
        self.acc_seq = 0

    # ---------------------------------------------------------------- plan
    def run(self) -> None:
        sim, rng = self.sim, self.rng
        plans: list[dict[str, Any]] = []
        for _ in range(sim.n("fatal_incidents", 4)):
            ind = _pick(rng, T.FATAL_MIX)
            d = _death_count(rng)
            plans.append({"industry": ind, "deaths": d, "kind": _kind_for(rng, d, ind)})
        kinds = [p["kind"] for p in plans]
        # a province-year always has some of each; guarantee it at tiny scales
        if "concealed" not in kinds:
            cand = [p for p in plans if p["deaths"] <= 2 and p["kind"] == "reported"]
            if cand:
                cand[0]["kind"] = "concealed"
        if "under_reported" not in kinds:
            cand = [p for p in plans if p["kind"] == "reported"]
            if cand:
                cand[-1]["kind"] = "under_reported"
        for _ in range(sim.n("serious_incidents", 2)):
            ind = _pick(rng, SERIOUS_MIX)
            p_conc = min(0.3 * T.CONCEAL_ODDS[ind] / 1.15, 0.5)
            plans.append({"industry": ind, "deaths": 0,
                          "kind": "concealed" if rng.random() < p_conc else "reported"})
        for _ in range(sim.n("loss_only_accidents", 1)):
            plans.append({"industry": _pick(rng, {"hazardous_chemicals": 0.3,
                                                  "manufacturing": 0.4, "other": 0.3}),
                          "deaths": 0, "kind": "reported", "loss_only": True})
        days = month_days(rng, len(plans), np.array([0.7, 0.7, 1.0, 1.1, 1.1, 1.1, 1.1, 1.1,
                                                     1.1, 1.1, 1.0, 0.8]))
        order = np.argsort(days, kind="stable")
        for k, j in enumerate(order.tolist()):
            p = plans[j]
            p["day"] = int(days[j])
            p["id"] = f"INC{k + 1:05d}"
            self.build(p)

    def pick_employer(self, ind: str, kind: str) -> int:
        sim, rng = self.sim, self.rng
        if kind == "concealed" and ind in ("coal_mining", "non_coal_mining", "construction",
                                           "manufacturing") and rng.random() < 0.15:
            region = int(COUNTY_CODES[rng.integers(0, COUNTY_CODES.size)])
            hs = T.INDUSTRY_HOTSPOTS.get(ind)
            if hs:
                region = int(hs[int(rng.integers(0, len(hs)))])
            return add_unregistered(rng, sim.ents, ind, region)
        idx = self.by_ind[ind]
        w = np.array([sim.ents[i].workforce for i in idx]) ** 0.7
        return int(idx[rng.choice(idx.size, p=w / w.sum())])

    # ---------------------------------------------------------------- one incident
    def build(self, p: dict[str, Any]) -> None:
        sim, rng = self.sim, self.rng
        ind, kind, D = p["industry"], p["kind"], p["deaths"]
        ent_i = self.pick_employer(ind, kind)
        ent = sim.ents[ent_i]
        if ind == "transport":
            place = int(sim.shanxi_county(rng, 1)[0]) if rng.random() < 0.6 else ent.region
        elif ind == "construction" and rng.random() < 0.3:
            place = int(sim.shanxi_county(rng, 1)[0])
        else:
            place = ent.region
        if p.get("loss_only"):
            atype = _pick(rng, {"fire": 0.7, "explosion": 0.3})
        elif D >= 3:
            opts = MASS_TYPES[ind]
            atype = opts[int(rng.integers(0, len(opts)))]
        else:
            atype = _pick(rng, T.ACCIDENT_TYPES[ind])
        if ind in ("coal_mining", "non_coal_mining", "metallurgy", "hazardous_chemicals"):
            minute = int(rng.integers(0, 1440))
        else:
            minute = int(np.clip(rng.normal(13 * 60, 210), 5 * 60, 23 * 60))
        t_min = p["day"] * 1440 + minute
        window = 7 if (atype == "fire" or (atype == "vehicle" and ind == "transport")) else 30
        mass = atype in ("gas_explosion", "explosion", "fire", "collapse", "poisoning_asphyxiation")
        if p.get("loss_only"):
            S, M = 0, 0
        elif D == 0:
            S = int(_choice(rng, [("1", 0.8), ("2", 0.14), ("3", 0.04), ("5", 0.02)]))
            M = int(rng.poisson(0.5))
        else:
            S = int(rng.poisson(0.25 * D + (1.2 if mass else 0.1)))
            M = int(rng.poisson(0.3 * D + (1.5 if mass else 0.2)))
        site_tpl = T.SITE_WORDS[ind][int(rng.integers(0, len(T.SITE_WORDS[ind])))]
        site = site_tpl.format(n=int(rng.integers(1, 30)) * (100 if ind == "coal_mining" else 1)
                               + (3 if ind == "coal_mining" else 0),
                               road=T.ROADS[int(rng.integers(0, len(T.ROADS)))])
        inc = {"id": p["id"], "kind": kind, "ent": ent_i, "place": place, "day": p["day"],
               "t_min": t_min, "atype": atype, "industry": ind, "window": window, "site": site}

        victims = self.make_victims(inc, D, S, M)
        self.assign_reporting(inc, victims)
        acc_idx = None
        if kind != "concealed":
            acc_idx = self.make_accident(inc, victims, p.get("loss_only", False))
        inc["acc"] = acc_idx
        # per-incident concealment choices
        inc["moved_out"] = kind == "concealed" and rng.random() < 0.12
        inc["far"] = rng.random() < (0.35 if kind == "concealed" else 0.05)
        for v in victims:
            self.person_records(inc, v)
        true_deaths = sum(1 for v in victims if v["outcome"] == "death" and v["counts"])
        reported_deaths = sum(1 for v in victims if v["reported_outcome"] == "death")
        sim.incidents.append({
            "incident_id": inc["id"],
            "accident_record_id": acc_idx,
            "kind": kind, "true_deaths": true_deaths,
            "reported_deaths": reported_deaths if kind != "concealed" else 0,
            "employer_uscc": ent.uscc, "occurred_on": p["day"],
            "_industry": ind, "_atype": atype,
        })
        for v in victims:
            sim.inc_person.append({"incident_id": inc["id"], "pid": v["pid"],
                                   "outcome": v["outcome"],
                                   "reported_outcome": v["reported_outcome"]})
            if v["outcome"] == "death":
                sim.add_deaths(np.array([v["pid"]]), "incident", [inc["id"]])
                if kind != "reported" and v["reported_outcome"] != "death":
                    sim.hidden.append({"pid": v["pid"], "incident_id": inc["id"], "kind": kind,
                                       "named_as": v["reported_outcome"],
                                       "disguise": v.get("disguise", ""),
                                       "late": v["dday"] > 0, "role": v["role"],
                                       "incident_deaths": true_deaths})

    def make_victims(self, inc: dict[str, Any], D: int, S: int, M: int) -> list[dict[str, Any]]:
        sim, rng = self.sim, self.rng
        kind, ind = inc["kind"], inc["industry"]
        outcomes = ["death"] * D + ["serious_injury"] * S + ["minor_injury"] * M
        n = len(outcomes)
        if n == 0:
            return []
        # transport: the driver (and a co-driver) are staff; other victims are road users
        n_staff = 1 + int(n >= 2 and rng.random() < 0.3) if ind == "transport" else n
        p_enrolled = {"reported": 0.75, "under_reported": 0.65, "concealed": 0.45}[kind]
        if not sim.ents[inc["ent"]].in_register:
            p_enrolled = 0.0
        n_enr = int((rng.random(n_staff) < p_enrolled).sum())
        pos = sim.take_workers(inc["ent"], n_enr, rng, inc["day"])
        victims: list[dict[str, Any]] = []
        staff_order = rng.permutation(n)
        for j, out_j in enumerate(staff_order.tolist()):
            outcome = outcomes[out_j]
            v: dict[str, Any] = {"outcome": outcome, "counts": True, "enrolled": False,
                                 "pool": -1, "dispatch": -1, "borrowed": -1}
            if j < len(pos):
                v["pool"] = pos[j]
                v["pid"] = int(sim.w_pid[pos[j]])
                v["enrolled"] = True
                v["role"] = "worker"
            elif j < n_staff:
                mig = 0.3 if ind in ("coal_mining", "non_coal_mining", "construction") else 0.1
                res = np.array([inc["place"]])
                v["pid"] = int(sim.new_people(rng, 1, 19, 60, 0.04, inc["day"], mig, res)[0])
                v["role"] = "worker"
                if rng.random() < 0.35 and self.dispatch:
                    v["dispatch"] = self.dispatch[int(rng.integers(0, len(self.dispatch)))]
                    v["enrolled"] = True
                if rng.random() < 0.06:  # works under a relative's ID card
                    b = int(sim.new_people(rng, 1, 30, 70, 0.1, inc["day"], 0.0,
                                           np.array([sim.people.H[v["pid"]]
                                                     if sim.people.H[v["pid"]] // 10000 == 14
                                                     else inc["place"]]))[0])
                    sim.people.same_surname.append((b, v["pid"]))
                    v["borrowed"] = b
                    v["enrolled"] = v["enrolled"] or rng.random() < 0.5
            else:
                res = np.array([inc["place"]])
                v["pid"] = int(sim.new_people(rng, 1, 5, 85, 0.45, inc["day"], 0.03, res)[0])
                v["role"] = "third_party"
            # timing of deaths
            if outcome == "death":
                u = rng.random()
                if u < 0.78:
                    v["dday"] = 0
                elif u < 0.9:
                    v["dday"] = int(rng.integers(1, 7))
                elif u < 0.98 or kind != "reported":
                    v["dday"] = int(rng.integers(1, inc["window"] + 1))
                else:  # dies after the statutory window: lawfully not added
                    v["dday"] = int(rng.integers(inc["window"] + 1, 60))
                    v["counts"] = False
            else:
                v["dday"] = -1
            victims.append(v)
        return victims

    def assign_reporting(self, inc: dict[str, Any], victims: list[dict[str, Any]]) -> None:
        rng = self.rng
        kind = inc["kind"]
        for v in victims:
            v["reported_outcome"] = None
            v["hidden"] = False
        if kind == "concealed":
            for v in victims:
                v["hidden"] = True
            return
        for v in victims:
            if v["outcome"] == "death":
                v["reported_outcome"] = "death" if v["counts"] else "serious_injury"
            elif v["outcome"] == "serious_injury":
                v["reported_outcome"] = "serious_injury"
            else:  # minor injuries are counted, named only sometimes
                v["reported_outcome"] = "minor_injury" if rng.random() < 0.6 else None
                v["unnamed_minor"] = v["reported_outcome"] is None
        if kind != "under_reported":
            return
        deaths = [v for v in victims if v["outcome"] == "death" and v["counts"]]
        D = len(deaths)
        late = [v for v in deaths if v["dday"] > 0]
        mode = "late" if D == 1 or (D >= 2 and rng.random() < 0.35) else "undercount"
        if mode == "late":
            if not late:
                v = deaths[int(rng.integers(0, D))]
                v["dday"] = int(rng.integers(2, inc["window"] + 1))
                late = [v]
            k = 1 if rng.random() < 0.8 else len(late)
            for v in late[:k]:
                v["reported_outcome"] = "serious_injury"
                v["hidden"] = True
                v["hide_mode"] = "died_later_not_added"
            return
        if D <= 2:
            R = D - 1
        elif D <= 9:
            R = 2 if rng.random() < 0.75 else 1
        elif D <= 29:
            R = 9 if rng.random() < 0.7 else int(rng.integers(3, 10))
        else:
            R = 29 if rng.random() < 0.6 else int(rng.integers(10, 30))
        w = np.array([3.0 if not v["enrolled"] else 1.0 for v in deaths])
        hide = rng.choice(D, D - R, replace=False, p=w / w.sum())
        for j in hide.tolist():
            v = deaths[j]
            v["hidden"] = True
            if rng.random() < 0.25:
                v["reported_outcome"] = "serious_injury"
                v["hide_mode"] = "named_as_injured"
            else:
                v["reported_outcome"] = None
                v["hide_mode"] = "unnamed"

    # ---------------------------------------------------------------- accident report
    def make_accident(self, inc: dict[str, Any], victims: list[dict[str, Any]],
                      loss_only: bool) -> str:
        sim, rng = self.sim, self.rng
        self.acc_seq += 1
        kind = inc["kind"]
        named = [v for v in victims if v["reported_outcome"] is not None]
        rd = sum(v["reported_outcome"] == "death" for v in named)
        rs = sum(v["reported_outcome"] == "serious_injury" for v in named)
        rm = sum(1 for v in victims if v["outcome"] == "minor_injury" and not v["hidden"])
        t = inc["t_min"]
        occurred = t
        if kind == "under_reported" and rng.random() < 0.2:
            occurred = t + int(rng.integers(1, 4)) * 1440 + int(rng.integers(-120, 120))
        u = rng.random()
        late_p = 0.35 if kind == "under_reported" else 0.15
        if u < 1 - late_p:
            reported = occurred + int(rng.integers(12, 61))
        elif u < 1 - late_p / 4:
            reported = occurred + int(rng.integers(61, 24 * 60))
        else:
            reported = occurred + int(rng.integers(1, 6)) * 1440 + int(rng.integers(0, 600))
        shown = inc["ent"]
        if kind == "under_reported" and rng.random() < 0.15:
            cands = [i for i in self.by_ind[inc["industry"]].tolist()
                     if sim.ents[i].region // 100 == inc["place"] // 100 and i != inc["ent"]]
            if cands:
                shown = cands[int(rng.integers(0, len(cands)))]
        true_d = sum(1 for v in victims if v["outcome"] == "death" and v["counts"])
        loss = (true_d * 150 + sum(v["outcome"] == "serious_injury" for v in victims) * 25
                + rng.lognormal(np.log(40 if not loss_only else 150), 1.0))
        if kind == "under_reported":
            loss *= rd / max(true_d, 1) * 0.9 + 0.1
        loss_s: float | None = round(float(loss) * rng.uniform(0.8, 1.1), 1)
        if rng.random() < 0.15:
            loss_s = None
        acc_id = f"SG2023{self.acc_seq:05d}"  # provisional; renumbered by report time later
        region = inc["place"]
        if kind == "under_reported" and rng.random() < 0.1:  # 谎报 of the place
            same_city = [c for c in COUNTY_CODES.tolist() if c // 100 == region // 100
                         and c != region]
            if same_city:
                region = same_city[int(rng.integers(0, len(same_city)))]
        county = county_label(region)
        town = T.ENT_CORES[int(rng.integers(0, len(T.ENT_CORES)))][:2]
        ent = sim.ents[shown]
        address = f"山西省{county}{town}{'镇' if rng.random() < 0.6 else '乡'}"
        if inc["industry"] == "transport":
            address = f"山西省{county}{inc['site']}"
        else:
            address += f"{ent.variants[2]}{inc['site']}"
        sim.accidents.append({
            "key": acc_id, "occurred": occurred, "reported": reported, "region": region,
            "address": address, "ent": shown, "industry": inc["industry"],
            "atype": inc["atype"], "rd": rd, "rs": rs, "rm": rm, "loss": loss_s,
        })
        for v in named:
            ident = v["borrowed"] if v["borrowed"] >= 0 else v["pid"]
            sim.add_row("accident_victims", pid=v["pid"], iid=ident, ctx="normal", acc=acc_id,
                        outcome=v["reported_outcome"], ref=inc["day"])
        return acc_id

    # ---------------------------------------------------------------- a person's trail
    def person_records(self, inc: dict[str, Any], v: dict[str, Any]) -> None:
        sim, rng = self.sim, self.rec
        kind = inc["kind"]
        hidden = v["hidden"]
        conc = kind == "concealed"
        mode = "concealed" if conc else ("hidden" if hidden else "honest")
        third = v["role"] == "third_party"
        pid = v["pid"]
        outcome = v["outcome"]
        hk = int(sim.people.H[pid])
        t = inc["t_min"]
        atype = inc["atype"]
        dxs, stems = T.ACC_DX[atype]
        # disguise of a hidden death (what the family, the doctor and the police are told)
        disguise = "none"
        if outcome == "death" and mode != "honest" and not third:
            if mode == "concealed":
                disguise = _pick(rng, {"illness": 0.45, "traffic": 0.12, "vague": 0.28,
                                       "trauma": 0.15})
            else:
                disguise = _pick(rng, {"illness": 0.25, "vague": 0.35, "trauma": 0.4})
            v["disguise"] = disguise

        # ---- medical records
        sev = "death" if outcome == "death" else ("serious" if outcome == "serious_injury"
                                                  else "minor")
        p_med = {"death": 0.55 if v["dday"] == 0 else 0.97, "serious": 0.97, "minor": 0.8}[sev]
        if mode == "concealed":
            p_med *= 0.55 if v["dday"] == 0 else 0.85
        elif mode == "hidden":
            p_med *= 0.9
        if disguise == "illness":
            p_med *= 0.4  # a "sudden illness" leaves no injury encounter
        if rng.random() < p_med:
            h = sim.hospital_for(inc["place"], sev, rng, inc["industry"])
            pool = [c for c in dxs if sev != "death" or c[:3] not in MINOR_DX]
            dx = pool[int(rng.integers(0, len(pool)))]
            if sev == "minor":
                dx = _choice(rng, [("S61.0", 0.2), ("S00.0", 0.2), ("S52.5", 0.15),
                                   ("S62.6", 0.15), ("S20.2", 0.1), ("S93.4", 0.1),
                                   ("T23.2", 0.1)])
            stem = stems[int(rng.integers(0, len(stems)))]
            ext: str | None = _ext_code(stem, rng, "6", third)
            if disguise == "traffic":
                ext = _choice(rng, [("V29.4", 0.5), ("V28.4", 0.3), ("V89.2", 0.2)])
            elif disguise == "vague" or (mode == "concealed" and sev != "death"):
                ext = _choice(rng, [("", 0.45), (f"{stem}.9" if stem != "V" else "V89.2", 0.2),
                                   ("W19.9", 0.15), ("X59.9", 0.1),
                                   (f"{stem}.0" if stem != "V" else "V89.2", 0.1)]) or None
            elif rng.random() < 0.12:
                ext = None  # not coded
            if third:
                payer = _choice(rng, THIRD_PAYER)
            else:
                payer = _choice(rng, HONEST_PAYER if mode == "honest" else CONCEAL_PAYER)
            emp_rec: int | None = None
            p_emp = 0.9 if payer == "work_injury_insurance" else (0.2 if mode == "honest" else 0.07)
            if not third and rng.random() < p_emp:
                emp_rec = v["dispatch"] if v["dispatch"] >= 0 else inc["ent"]
            adm = t + int(rng.integers(30, 150))
            unknown = sev == "death" and v["dday"] == 0 and rng.random() < 0.12
            ctx = ("unk" if unknown else "ed") + ("_c" if mode != "honest" else "")
            ident = pid  # at hospital the real identity is used
            if sev == "death" and v["dday"] == 0:
                sim.add_row("medical_records", pid=pid, iid=ident, ctx=ctx, hosp=h, adm=adm,
                            dis=adm + int(rng.integers(10, 180)), dx=dx, ext=ext, disp="died",
                            payer=payer if rng.random() < 0.8 else None, emp=emp_rec)
            else:
                if sev == "death":
                    end = (inc["day"] + v["dday"]) * 1440 + int(rng.integers(0, 1440))
                    final = "died"
                elif sev == "serious":
                    los = int(np.clip(rng.lognormal(np.log(30), 0.6), 14, 200))
                    end = adm + los * 1440 + int(rng.integers(-300, 300))
                    final = _choice(rng, [("discharged", 0.8), ("transferred", 0.12),
                                          ("left_against_advice", 0.08)])
                else:
                    if rng.random() < 0.6:
                        end = adm + int(rng.integers(60, 480))
                    else:
                        end = adm + int(rng.integers(1, 14)) * 1440
                    final = "discharged"
                ctx_ip = "ip" + ("_c" if mode != "honest" else "")
                if sev != "minor" and rng.random() < 0.35:  # first aid locally, then transfer
                    h2 = sim.h_prov[int(rng.integers(0, len(sim.h_prov)))]
                    mid = adm + int(rng.integers(120, 2 * 1440))
                    mid = min(mid, end - 60)
                    sim.add_row("medical_records", pid=pid, iid=ident, ctx=ctx, hosp=h, adm=adm,
                                dis=mid, dx=dx, ext=ext, disp="transferred", payer=payer,
                                emp=emp_rec)
                    sim.add_row("medical_records", pid=pid, iid=ident, ctx=ctx_ip, hosp=h2,
                                adm=mid + int(rng.integers(60, 300)), dis=end, dx=dx, ext=ext,
                                disp=final, payer=payer, emp=emp_rec)
                else:
                    sim.add_row("medical_records", pid=pid, iid=ident,
                                ctx=ctx_ip if sev != "minor" else ctx, hosp=h, adm=adm, dis=end,
                                dx=dx, ext=ext, disp=final, payer=payer, emp=emp_rec)

        # ---- death records
        if outcome == "death":
            dday = inc["day"] + v["dday"]
            self.death_records(inc, v, mode, disguise, dday, hk)
        # ---- work-injury claim
        if not third:
            self.claim(inc, v, mode, sev)
            self.employment(inc, v, mode)

    def death_records(self, inc: dict[str, Any], v: dict[str, Any], mode: str, disguise: str,
                      dday: int, hk: int) -> None:
        sim, rng = self.sim, self.rec
        pid = v["pid"]
        ctx = "concealed" if mode != "honest" else "normal"
        third = v["role"] == "third_party"
        # household-registration cancellation (Shanxi registrations only)
        if hk // 10000 == 14 and rng.random() < (0.9 if mode == "honest" else 0.85):
            lag = int(np.ceil(rng.lognormal(np.log(20), 0.9)))
            dd: int | None = dday
            if mode != "honest" and rng.random() < 0.15:
                dd = dday + int(rng.integers(1, 4))
            if rng.random() < 0.02:
                dd = None
            if disguise == "illness":
                cause = _choice(rng, T.DISGUISE_CAUSES_DEREG)
            elif disguise == "traffic" or (third and inc["atype"] == "vehicle"):
                cause = "交通事故" if rng.random() < 0.8 else ""
            elif disguise in ("vague", "trauma"):
                cause = _choice(rng, VAGUE_DEREG)
            else:
                cause = _choice(rng, HONEST_DEREG)
            if dday + lag <= EXTRACT:
                sim.add_row("deregistrations", pid=pid, iid=pid, ctx=ctx, death=dd,
                            dereg=dday + lag, region=hk, reason="death", cause=cause or None)
        # cremation
        migrant = hk // 10000 != 14
        if mode == "honest":
            p_crem = 0.45 if migrant else 0.7
        else:
            p_crem = 0.0 if inc["moved_out"] else (0.75 if migrant else 0.85)
        if rng.random() >= p_crem:
            return
        ent = sim.ents[inc["ent"]]
        if inc["far"] and mode != "honest":
            fh = sim.far_funeral_home({hk // 100, ent.region // 100, inc["place"] // 100}, rng)
        else:
            fh = sim.funeral_home(hk if not migrant else inc["place"], rng)
        if mode == "honest":
            delay = int(np.clip(rng.lognormal(np.log(6), 0.6), 2, 40))
        elif mode == "concealed" or rng.random() < 0.4:
            delay = int(_choice(rng, [("0", 0.15), ("1", 0.4), ("2", 0.25), ("3", 0.12),
                                      ("4", 0.08)]))
        else:
            delay = int(rng.integers(2, 8))
        if disguise == "illness":
            cause = _choice(rng, T.DISGUISE_CAUSES_CERT)
        elif disguise == "traffic":
            cause = "交通事故" if rng.random() < 0.5 else _choice(rng, T.TRAUMA_CAUSES_CERT)
        elif disguise == "vague":
            cause = _choice(rng, [("", 0.5), ("死亡", 0.1), ("意外死亡", 0.2), ("不详", 0.2)])
        elif inc["atype"] in T.ACC_CAUSE_CERT and rng.random() < 0.7:
            cause = T.ACC_CAUSE_CERT[inc["atype"]]
        else:
            cause = _choice(rng, T.TRAUMA_CAUSES_CERT)
        if mode == "honest" or disguise == "trauma":
            issuer = _choice(rng, HONEST_ISSUER)
        else:
            issuer = _choice(rng, CONCEAL_ISSUER)
        if mode == "honest":
            origin = _choice(rng, [("hospital", 0.5), ("scene", 0.3), ("", 0.2)])
        else:
            origin = _choice(rng, [("home", 0.45), ("", 0.25), ("hospital", 0.15),
                                   ("far", 0.15)])
        if origin == "hospital":
            h = sim.hospital_for(inc["place"], "death", rng, inc["industry"])
            org: str | None = sim.hosp[h].name
        elif origin == "scene":
            org = (f"{COUNTY_NAMES.get(inc['place'], '')}{inc['site']}"
                   if rng.random() < 0.5 else "事故现场")
        elif origin == "home":
            org = "家中"
        elif origin == "far":
            org = COUNTY_NAMES[sim.fh[fh].region] + T.ENT_CORES[int(rng.integers(
                0, len(T.ENT_CORES)))][:2] + "村"
        else:
            org = None
        crem = dday + delay
        if crem <= EXTRACT:
            sim.add_row("cremations", pid=pid, iid=pid, ctx=ctx,
                        death=dday if rng.random() > 0.03 else None, crem=crem, fh=fh,
                        cause=cause or None, issuer=issuer or None, origin=org)

    def claim(self, inc: dict[str, Any], v: dict[str, Any], mode: str, sev: str) -> None:
        sim, rng = self.sim, self.rec
        p = {("death", "honest"): 0.75, ("death", "hidden"): 0.35, ("death", "concealed"): 0.12,
             ("serious", "honest"): 0.75, ("serious", "hidden"): 0.6,
             ("serious", "concealed"): 0.3, ("minor", "honest"): 0.5, ("minor", "hidden"): 0.4,
             ("minor", "concealed"): 0.2}[(sev, mode)]
        if rng.random() >= p:
            return
        inj = inc["day"]
        if rng.random() < 0.6:
            applied = inj + int(rng.integers(3, 31))
        else:
            applied = inj + int(rng.integers(31, 366))
        if applied > EXTRACT:
            return
        decided: int | None = applied + int(rng.integers(15, 61))
        if sev == "death":
            outcome = _choice(rng, [("death", 0.93), ("rejected", 0.03), ("pending", 0.04)])
        elif sev == "serious":
            outcome = _choice(rng, [("disability_1", 0.06), ("disability_2", 0.12),
                                    ("disability_3", 0.18), ("disability_4", 0.24),
                                    ("injury", 0.3), ("pending", 0.1)])
        else:
            outcome = _choice(rng, [("injury", 0.5), ("disability_7", 0.05),
                                    ("disability_8", 0.08), ("disability_9", 0.1),
                                    ("disability_10", 0.12), ("rejected", 0.05),
                                    ("pending", 0.1)])
        if outcome == "pending" or (decided is not None and decided > EXTRACT):
            outcome, decided = "pending", None
        emp = v["dispatch"] if v["dispatch"] >= 0 else inc["ent"]
        date = f"{2023}年{_md(inc['day'])}"
        if mode == "concealed":
            desc = _choice(rng, [("工作中受伤", 0.3), ("在厂区内摔倒受伤", 0.15),
                                 (f"{date}在工作中受伤", 0.2), ("", 0.35)])
            if sev == "death":
                desc = _choice(rng, [("工作中受伤经抢救无效死亡", 0.4), ("", 0.4),
                                     ("因工死亡", 0.2)])
        else:
            desc = f"{date}{'在' + inc['site'] if rng.random() < 0.5 else ''}"
            desc += T.CLAIM_DESC[inc["atype"]]
            if sev == "death":
                desc += "，经抢救无效死亡" if v["dday"] > 0 else "，当场死亡"
            if rng.random() < 0.1:
                desc = ""
        ident = v["borrowed"] if v["borrowed"] >= 0 else v["pid"]
        region = sim.ents[emp].region
        sim.add_row("injury_claims", pid=v["pid"], iid=ident,
                    ctx="concealed" if mode != "honest" else "normal", emp=emp, inj=inj,
                    applied=applied, decided=decided, outcome=outcome, desc=desc or None,
                    region=region)

    def employment(self, inc: dict[str, Any], v: dict[str, Any], mode: str) -> None:
        sim, rng = self.sim, self.rec
        dday = inc["day"] + v["dday"] if v["outcome"] == "death" else None
        end: int | None
        if dday is None:
            end = None
        elif mode == "concealed" and rng.random() < 0.25:
            end = inc["day"] - int(rng.integers(1, 21))  # enrolment ended, backdated
        elif rng.random() < 0.35:
            end = None  # stale open spell
        else:
            end = dday + int(rng.integers(0, 90))
            end = end if end <= EXTRACT else None
        if v["pool"] >= 0:
            if dday is not None:
                sim.w_end_override[int(v["pool"])] = -1 if end is None else end
                sim.w_death[int(v["pool"])] = dday
            return
        if not v["enrolled"]:
            return
        emp = v["dispatch"] if v["dispatch"] >= 0 else inc["ent"]
        start = inc["day"] - int(rng.exponential(500)) - 10
        if end is not None and end <= start:
            end = start + 5
        ident = v["borrowed"] if v["borrowed"] >= 0 else v["pid"]
        sim.add_row("employment", pid=v["pid"], iid=ident, ctx="normal", emp=emp, start=start,
                    end=end, ind_known=rng.random() < 0.7)


def _md(d: int) -> str:
    x = np.datetime64(d, "D").astype(object)
    return f"{x.month}月{x.day}日"


"""Work incidents: reported, under-reported and concealed, and the records each person leaves."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .codes import ACC_TYPE_BY_IND, DESCRIPTIONS, INJURY_CODES
from .sim import D0, D1, World, ages_at, place_names

H = 3600
DAY = 86400
CONCEAL_IND = {"coal_mining": .33, "non_coal_mining": .15, "construction": .25,
               "hazardous_chemicals": .06, "fireworks": .05, "metallurgy": .06,
               "manufacturing": .05, "other": .05}
REPORT_IND = {"coal_mining": .12, "non_coal_mining": .08, "construction": .32,
              "hazardous_chemicals": .06, "fireworks": .02, "metallurgy": .06, "transport": .22,
              "manufacturing": .08, "other": .04}
DISGUISES = ["illness", "traffic", "moved_far", "out_of_province", "miscoded", "honest"]
DISGUISE_P = [0.28, 0.10, 0.17, 0.08, 0.12, 0.25]


def _pick(rng: np.random.Generator, d: dict[str, float]) -> str:
    keys = list(d)
    p = np.array([d[k] for k in keys])
    return str(keys[int(rng.choice(len(keys), p=p / p.sum()))])


class IncidentMaker:
    def __init__(self, w: World, informal_pool: np.ndarray, bystander_pool: np.ndarray) -> None:
        self.w = w
        self.rng = w.rng
        self.informal = list(informal_pool)
        self.bystanders = list(bystander_pool)
        ent = w.ent
        order = np.argsort(w.w_emp, kind="stable")
        bounds = np.searchsorted(w.w_emp[order], np.arange(ent.n_reg + 1))
        self.by_emp = {e: order[bounds[e]:bounds[e + 1]] for e in range(ent.n_reg)}
        self.ind_of = ent.industry
        self.acc_seq = 0

    # ---------------------------------------------------------------- persons
    def _workers_at(self, e: int, when: int, k: int) -> list[int]:
        w = self.w
        cand = self.by_emp.get(e, np.zeros(0, np.int64))
        if len(cand) == 0:
            return []
        ok = (w.w_start[cand] <= when) & ((w.w_end[cand] < 0) | (w.w_end[cand] >= when))
        cand = cand[ok]
        persons = [int(p) for p in w.w_person[cand] if int(p) not in w.taken]
        if not persons:
            return []
        pick = self.rng.choice(len(persons), size=min(k, len(persons)), replace=False)
        return [persons[int(i)] for i in pick]

    def _persons(self, e: int, when: int, k: int, p_enrolled: float,
                 bystander_p: float = 0.0) -> list[tuple[int, bool]]:
        out: list[tuple[int, bool]] = []
        n_enr = int(self.rng.binomial(k, p_enrolled)) if e >= 0 else 0
        for p in self._workers_at(e, when, n_enr) if n_enr else []:
            out.append((p, True))
        while len(out) < k:
            if bystander_p and self.rng.random() < bystander_p and self.bystanders:
                out.append((self.bystanders.pop(), False))
            else:
                out.append((self.informal.pop(), False))
        for p, _ in out:
            self.w.taken.add(p)
        return out

    # ---------------------------------------------------------------- records
    def hospital_near(self, county: str, big: bool = False) -> int:
        g = self.w.geo
        if not big and county in g.hospital_by_county and self.rng.random() < 0.7:
            return int(self.rng.choice(g.hospital_by_county[county]))
        return int(self.rng.choice(g.hospital_by_city[county[:4]]))

    def funeral_in(self, city: str) -> int:
        return int(self.rng.choice(self.w.geo.funeral_by_city[city]))

    def far_city(self, *avoid: str) -> str:
        cities = [c for c in self.w.geo.city_codes if c not in avoid]
        return str(self.rng.choice(cities))

    def medical(self, person: int, hosp: int, admitted: int, stay_s: int, diag: str, ext: str | None,
                disposition: str, payer: str | None, employer: str | None,
                emergency: bool) -> None:
        dis = admitted + stay_s
        if dis > (D1 + 1) * DAY or admitted < D0 * DAY:
            return
        self.w.add_rows("medical_records", {
            "person": person, "hospital": hosp, "admitted_at": admitted, "discharged_at": dis,
            "diagnosis_icd10": diag, "external_cause_icd10": ext, "disposition": disposition,
            "payer": payer, "employer_name": employer,
            "id_miss_p": 0.35 if emergency else 0.08,
            "anon": bool(emergency and disposition == "died" and self.rng.random() < 0.08)})

    def dereg(self, person: int, death: int, cause: str | None, median_delay: float) -> None:
        if not self.w.pop.arr("hukou")[person].startswith("14"):
            return
        on = death + int(self.rng.lognormal(np.log(median_delay), 0.8))
        if on > D1:
            return
        self.w.add_rows("deregistrations", {"person": person, "death_date": death,
                                            "deregistered_on": on, "reason": "death",
                                            "death_cause": cause})

    def cremation(self, person: int, death: int, delay: int, funeral: int, cause: str | None,
                  issuer: str | None, origin: str | None) -> None:
        if death + delay > D1:
            return
        self.w.add_rows("cremations", {"person": person, "death_date": death,
                                       "cremated_on": death + delay, "funeral": funeral,
                                       "death_cause": cause, "certificate_issuer": issuer,
                                       "body_origin": origin})

    def claim(self, person: int, e: int, injury: int, outcome: str, desc: str | None,
              family: bool) -> None:
        rng, ent = self.rng, self.w.ent
        lag = rng.lognormal(np.log(120 if family else 18), 0.6)
        applied = injury + int(lag)
        if applied > D1 or e < 0:
            return
        decided: int | None = applied + int(rng.integers(15, 75))
        if decided is not None and decided > D1:
            decided, outcome = None, "pending"
        name = str(ent.name[e] if rng.random() < 0.8 else ent.alt[e])
        self.w.add_rows("injury_claims", {
            "person": person, "employer_name": name, "employer_uscc": str(ent.uscc[e]),
            "injury_date": injury, "applied_on": applied, "decided_on": decided,
            "outcome": outcome, "injury_description": desc, "region_code": str(ent.region[e])})

    def employer_label(self, e: int) -> str | None:
        ent, r = self.w.ent, self.rng.random()
        if e < 0 or r < 0.45:
            return None
        return str(ent.short[e] if r < 0.75 else ent.name[e] if r < 0.9 else ent.alt[e])

    # ------------------------------------------------------------ one incident
    def make(self, kind: str, idx: int, mode: str = "") -> None:
        w, rng, ent, geo = self.w, self.rng, self.w.ent, self.w.geo
        table = CONCEAL_IND if kind == "concealed" else REPORT_IND
        industry = _pick(rng, table)
        unregistered = kind == "concealed" and industry != "transport" and rng.random() < 0.15
        if unregistered:
            e = -1
            county = str(geo.county_codes[rng.choice(len(geo.county_codes), p=geo.county_coal_w)])
        else:
            cand = np.flatnonzero(ent.industry[: ent.n_reg] == industry)
            # small operators conceal; big ones have more accidents
            wts = 1.0 / np.sqrt(ent.size[cand]) if kind == "concealed" else np.sqrt(ent.size[cand])
            e = int(cand[rng.choice(len(cand), p=wts / wts.sum())])
            county = str(ent.region[e])
            if industry == "construction" and rng.random() < 0.3:
                same_city = geo.county_codes[geo.county_city == county[:4]]
                county = str(rng.choice(same_city))
        acc_type = _pick(rng, ACC_TYPE_BY_IND[industry])
        when_day = int(rng.integers(D0, D1 - 6))
        hour = int(rng.choice(24, p=_HOURS))
        occurred = when_day * DAY + hour * H + int(rng.integers(0, 60)) * 60
        short_window = acc_type == "fire" or (acc_type == "vehicle" and industry == "transport")
        late_limit = 7 if short_window else 30

        # ---- how many died / were hurt, and what was reported
        dead, serious, minor = 0, 0, 0
        rep_dead = 0
        late_hidden = 0  # named injured who died later and were never added
        named_as_injury = 0
        if kind == "reported":
            if mode == "injury_only":
                serious, minor = 1 + int(rng.poisson(0.6)), int(rng.poisson(1.0))
            else:
                dead = int(rng.choice(_DEAD_VALUES, p=_DEAD_P))
                if acc_type in ("gas_explosion", "flooding", "explosion") and rng.random() < 0.4:
                    dead += int(rng.integers(1, 4))
                serious, minor = int(rng.poisson(0.5)), int(rng.poisson(0.7))
            rep_dead = dead
        elif kind == "under_reported":
            if mode == "late_death":
                rep_dead = int(rng.choice([0, 1, 1, 1, 2]))
                late_hidden = 1 + int(rng.random() < 0.15)
                dead = rep_dead + late_hidden
                serious = int(rng.poisson(0.6))
            elif mode == "grade_line":
                if rng.random() < 0.85:
                    dead = int(rng.integers(3, 6))
                    rep_dead = 2 if rng.random() < 0.8 else 1
                else:
                    dead = int(rng.integers(10, 13))
                    rep_dead = 9
                serious = int(rng.poisson(1.0))
            else:  # undercount
                dead = int(rng.integers(2, 8))
                rep_dead = min(dead - 1, int(np.floor(dead * rng.uniform(0.25, 0.6))))
                serious = int(rng.poisson(1.0))
            minor = int(rng.poisson(1.0))
            hidden = dead - rep_dead - late_hidden
            named_as_injury = int(rng.binomial(hidden, 0.3)) if mode != "late_death" else 0
        else:  # concealed
            u = rng.random()
            if idx > 0 and u < 0.08:
                dead = 0
                serious = 1 + int(rng.integers(1, 3))
            else:
                dead = 1 if u < 0.62 else 2 if u < 0.87 else int(rng.integers(3, 6))
                serious = int(rng.poisson(0.5))
            minor = int(rng.poisson(0.5))
        n = dead + serious + minor
        p_enr = {"reported": 0.8, "under_reported": 0.7, "concealed": 0.45}[kind]
        bystander_p = 0.3 if acc_type == "vehicle" and industry == "transport" else 0.0
        people = self._persons(e, when_day, n, p_enr, bystander_p)
        outcomes = ["death"] * dead + ["serious_injury"] * serious + ["minor_injury"] * minor
        # reported outcomes
        reported: list[str | None] = list(outcomes) if kind == "reported" else [None] * n
        if kind == "under_reported":
            reported = [None] * n
            for i in range(rep_dead):
                reported[i] = "death"
            k = rep_dead
            if mode == "late_death":
                for i in range(k, k + late_hidden):
                    reported[i] = "serious_injury"
                k += late_hidden
            for i in range(k, k + named_as_injury):
                reported[i] = "serious_injury"
            for i in range(dead, n):
                reported[i] = outcomes[i]
        # the late deaths of a reported/under-reported accident come first among its dead
        inc_id = f"I{len(w.incidents) + 1:05d}"
        acc_key: int | None = None
        hosp = self.hospital_near(county)
        if kind != "concealed":
            acc_key = len(w.accidents)
            delay_min = int(rng.lognormal(np.log(50), 0.9))
            if kind == "under_reported" and rng.random() < 0.3:
                delay_min += int(rng.integers(600, 4000))  # 迟报
            rep_serious = sum(1 for r in reported if r == "serious_injury")
            rep_minor = sum(1 for r in reported if r == "minor_injury")
            loss = (rep_dead * rng.uniform(100, 180) + rep_serious * rng.uniform(10, 40)
                    + rep_minor * rng.uniform(0.5, 4) + rng.uniform(2, 60))
            if acc_type in ("explosion", "gas_explosion", "fire") :
                loss *= rng.uniform(1.2, 2.5)
            w.accidents.append({
                "key": acc_key, "occurred_at": occurred, "reported_at": occurred + delay_min * 60,
                "region_code": county, "address": self._address(county, industry),
                "enterprise": e, "industry": industry, "accident_type": acc_type,
                "reported_deaths": rep_dead, "reported_serious_injuries": rep_serious,
                "reported_minor_injuries": rep_minor,
                "direct_loss_10k_yuan": None if rng.random() < 0.1 else round(float(loss), 1)})
        w.incidents.append({"incident_id": inc_id, "acc_key": acc_key, "kind": kind,
                            "true_deaths": dead, "reported_deaths": rep_dead,
                            "employer_uscc": None if e < 0 else str(ent.uscc[e]),
                            "occurred_on": when_day})
        birth = w.pop.arr("birth")
        for i, ((p, enrolled), out) in enumerate(zip(people, outcomes, strict=True)):
            w.incident_person.append({"incident_id": inc_id, "person": p, "outcome": out,
                                      "reported_outcome": reported[i]})
            if reported[i] is not None and acc_key is not None:
                age = int(ages_at(birth[p], when_day))
                w.add_rows("accident_victims", {"person": p, "acc": acc_key,
                                                "outcome": reported[i],
                                                "age": None if rng.random() < 0.05 else age})
            if out == "death":
                hidden = reported[i] != "death" and kind != "reported"
                is_late = kind == "under_reported" and mode == "late_death" and \
                    reported[i] == "serious_injury"
                if kind == "reported" and rng.random() < 0.12:
                    # died in hospital days later and was added by a supplementary report
                    death = when_day + int(rng.integers(1, late_limit))
                    self._late_death(p, e, enrolled, industry, acc_type, occurred, death, hosp,
                                     county, claim_p=0.85 if enrolled else 0.35)
                elif is_late or (hidden and reported[i] == "serious_injury"):
                    death = when_day + (int(rng.integers(2, late_limit)) if is_late else
                                        int(rng.integers(0, 3)))
                    w.rows.setdefault("_disguise", []).append(
                        {"person": p, "disguise": "late_death" if is_late else "named_injured"})
                    self._late_death(p, e, enrolled, industry, acc_type, occurred, death, hosp,
                                     county, claim_p=0.5 if enrolled else 0.2)
                elif hidden:
                    death = when_day + int(rng.random() < 0.1)
                    self._hidden_death(p, e, enrolled, industry, acc_type, occurred, death, hosp,
                                       county, kind)
                else:
                    death = when_day + int(rng.random() < 0.05)
                    self._honest_death(p, e, enrolled, acc_type, occurred, death, hosp, county)
                w.incident_deaths.append({"person": p, "death_class": "incident", "incident_id": inc_id,
                                 "day": death})
                self._end_spell(p, enrolled, death, hidden, when_day)
            else:
                self._injury(p, e, enrolled, acc_type, occurred, out, hosp, county,
                             concealed=reported[i] is None)

    def _address(self, county: str, industry: str) -> str:
        g, rng = self.w.geo, self.rng
        place = str(place_names(rng, 1)[0])
        site = {"coal_mining": "井下工作面", "non_coal_mining": "采场", "construction": "施工工地",
                "transport": "公路", "hazardous_chemicals": "生产车间", "metallurgy": "炼钢车间",
                "fireworks": "生产工房", "manufacturing": "生产车间"}.get(industry, "作业现场")
        city = g.city_names[county[:4]]
        return f"山西省{city}市{g.county_name(county)}{place}{site}"

    def _honest_death(self, p: int, e: int, enrolled: bool, acc_type: str, occurred: int,
                      death: int, hosp: int, county: str) -> None:
        rng = self.rng
        fatal, _, ext = INJURY_CODES[acc_type]
        in_hosp = rng.random() < 0.4
        if in_hosp:
            adm = occurred + int(rng.integers(30, 180)) * 60
            self.medical(p, hosp, adm, int(rng.integers(1, 20)) * H, str(rng.choice(fatal)),
                         str(rng.choice(ext)), "died",
                         "work_injury_insurance" if enrolled else "self_pay",
                         self.employer_label(e), emergency=True)
        if rng.random() < 0.92:
            self.dereg(p, death, _choice(rng, ["工伤", "意外", "事故死亡", None],
                                         [.35, .3, .1, .25]), 25)
        if rng.random() < 0.85:
            self.cremation(p, death, int(rng.integers(3, 15)), self.funeral_in(county[:4]),
                           _choice(rng, ["多发伤", "颅脑损伤", "工伤事故", "机械性窒息", None],
                                   [.25, .25, .2, .1, .2]),
                           "hospital" if in_hosp else "police",
                           self.w.geo.hospitals[hosp][0] if in_hosp else "事故现场")
        if rng.random() < (0.85 if enrolled else 0.35):
            self.claim(p, e, occurred // DAY, "death",
                       DESCRIPTIONS[acc_type] + "，经抢救无效死亡", family=not enrolled)

    def _late_death(self, p: int, e: int, enrolled: bool, industry: str, acc_type: str,
                    occurred: int, death: int, hosp: int, county: str, claim_p: float) -> None:
        rng = self.rng
        fatal, _, ext = INJURY_CODES[acc_type]
        adm = occurred + int(rng.integers(30, 240)) * 60
        died_at = death * DAY + int(rng.integers(0, 86400))
        stay = max(H, died_at - adm)
        self.medical(p, hosp, adm, stay, str(rng.choice(fatal)), str(rng.choice(ext)), "died",
                     "work_injury_insurance" if enrolled and rng.random() < 0.7 else "self_pay",
                     self.employer_label(e), emergency=False)
        if rng.random() < 0.9:
            self.dereg(p, death, _choice(rng, ["工伤", "意外", None], [.3, .3, .4]), 25)
        if rng.random() < 0.85:
            self.cremation(p, death, int(rng.integers(2, 7)), self.funeral_in(county[:4]),
                           _choice(rng, ["多器官功能衰竭", "颅脑损伤", "感染性休克", None],
                                   [.3, .3, .2, .2]), "hospital", self.w.geo.hospitals[hosp][0])
        if rng.random() < claim_p:
            self.claim(p, e, occurred // DAY, "death", DESCRIPTIONS[acc_type] +
                       "，住院治疗后死亡", family=True)

    def _hidden_death(self, p: int, e: int, enrolled: bool, industry: str, acc_type: str,
                      occurred: int, death: int, hosp: int, county: str, kind: str) -> None:
        w, rng, g = self.w, self.rng, self.w.geo
        hukou = str(w.pop.arr("hukou")[p])
        probs = list(DISGUISE_P)
        if not hukou.startswith("14"):
            probs[3] = 0.35
        disguise = DISGUISES[int(rng.choice(len(DISGUISES), p=np.array(probs) / sum(probs)))]
        w.rows.setdefault("_disguise", []).append({"person": p, "disguise": disguise})
        fatal, _, ext = INJURY_CODES[acc_type]
        city = county[:4]
        home_city = hukou[:4] if hukou.startswith("14") else city
        if disguise == "illness":
            self.dereg(p, death, _choice(rng, ["病故", "猝死", "疾病", None], [.4, .3, .1, .2]), 35)
            if rng.random() < 0.85:
                far = rng.random() < 0.45
                fc = self.far_city(city, home_city) if far else city
                self.cremation(p, death, int(rng.choice(3, p=[.35, .45, .2])), self.funeral_in(fc),
                               _choice(rng, ["猝死", "心源性猝死", "疾病死亡", "呼吸心跳骤停", None],
                                       [.3, .25, .15, .15, .15]),
                               _choice(rng, ["community", "other", None], [.45, .3, .25]),
                               _choice(rng, ["家中", str(place_names(rng, 1)[0]), None],
                                       [.6, .3, .1]))
        elif disguise == "traffic":
            h2 = self.hospital_near(county)
            adm = death * DAY + int(rng.integers(0, 20)) * H
            self.medical(p, h2, adm, int(rng.integers(1, 8)) * H,
                         str(rng.choice(["S06.5", "T07", "S06.6"])),
                         str(rng.choice(["V28.4", "V29.4", "V23.4"])), "died", "self_pay", None,
                         emergency=True)
            self.dereg(p, death, "交通事故", 30)
            if rng.random() < 0.85:
                self.cremation(p, death, int(rng.integers(2, 6)), self.funeral_in(city),
                               _choice(rng, ["交通事故", "颅脑损伤", None], [.5, .3, .2]), "police",
                               _choice(rng, [g.hospitals[h2][0], "县道"], [.7, .3]))
        elif disguise == "moved_far":
            self.dereg(p, death, _choice(rng, [None, "意外", "病故"], [.5, .25, .25]), 60)
            if rng.random() < 0.9:
                fc = self.far_city(city, home_city)
                other = g.county_codes[g.county_city == fc]
                origin = g.county_name(str(rng.choice(other))) + str(place_names(rng, 1)[0])
                self.cremation(p, death, int(rng.choice(3, p=[.3, .45, .25])), self.funeral_in(fc),
                               _choice(rng, [None, "不详", "意外死亡"], [.5, .25, .25]),
                               _choice(rng, ["other", None, "community"], [.5, .3, .2]),
                               _choice(rng, [origin, None], [.7, .3]))
        elif disguise == "out_of_province":
            self.dereg(p, death, None, 120)
        elif disguise == "miscoded":
            adm = occurred + int(rng.integers(30, 300)) * 60
            self.medical(p, hosp, adm, int(rng.integers(1, 30)) * H, str(rng.choice(fatal)),
                         str(rng.choice(["W19.9", "W10.0", "X47.0", "W20.9", "W20.8", "W19.0"])),
                         "died", _choice(rng, ["self_pay", "resident_insurance"], [.7, .3]), None,
                         emergency=True)
            self.dereg(p, death, _choice(rng, ["意外", None, "病故"], [.4, .4, .2]), 30)
            if rng.random() < 0.85:
                self.cremation(p, death, int(rng.integers(1, 4)), self.funeral_in(city),
                               _choice(rng, ["多发伤", "颅脑损伤", "意外", None],
                                       [.3, .3, .2, .2]), "hospital", g.hospitals[hosp][0])
        else:  # honest records, only the emergency-management report is missing
            in_hosp = rng.random() < 0.5
            if in_hosp:
                adm = occurred + int(rng.integers(30, 180)) * 60
                self.medical(p, hosp, adm, int(rng.integers(1, 20)) * H, str(rng.choice(fatal)),
                             str(rng.choice(ext)), "died",
                             _choice(rng, ["self_pay", "commercial"], [.7, .3]),
                             self.employer_label(e), emergency=True)
            self.dereg(p, death, _choice(rng, ["工伤", "意外", None], [.3, .3, .4]), 30)
            if rng.random() < 0.85:
                self.cremation(p, death, int(rng.integers(1, 8)), self.funeral_in(city),
                               _choice(rng, ["多发伤", "颅脑损伤", "机械性窒息", None],
                                       [.3, .3, .2, .2]),
                               "hospital" if in_hosp else "police",
                               g.hospitals[hosp][0] if in_hosp else str(place_names(rng, 1)[0]))
        # private settlement: most families are paid not to claim
        if rng.random() < (0.12 if kind == "concealed" else 0.15):
            self.claim(p, e, occurred // DAY, "death",
                       _choice(rng, [DESCRIPTIONS[acc_type] + "死亡", "工作中突发疾病死亡", None],
                               [.6, .25, .15]), family=True)

    def _injury(self, p: int, e: int, enrolled: bool, acc_type: str, occurred: int, out: str,
                hosp: int, county: str, concealed: bool) -> None:
        rng = self.rng
        _, nonfatal, ext = INJURY_CODES[acc_type]
        serious = out == "serious_injury"
        if rng.random() < (0.9 if serious else 0.6):
            adm = occurred + int(rng.integers(30, 300)) * 60
            stay = int(rng.integers(14, 70) if serious else rng.integers(1, 10)) * DAY
            transfer = serious and rng.random() < 0.15
            code = str(rng.choice(ext))
            if concealed and rng.random() < 0.5:
                code = str(rng.choice(["W19.9", "W20.9", "W01.0", "W22.8", "X47.0"]))
            if concealed:
                payer = _choice(rng, ["self_pay", "commercial", "resident_insurance"],
                                [.6, .25, .15])
                emp = None
            else:
                payer = "work_injury_insurance" if enrolled and rng.random() < 0.8 else "self_pay"
                emp = self.employer_label(e)
            if transfer:
                s1 = int(rng.integers(1, 3)) * DAY
                self.medical(p, hosp, adm, s1, str(rng.choice(nonfatal)), code, "transferred",
                             payer, emp, emergency=True)
                h2 = self.hospital_near(county, big=True)
                self.medical(p, h2, adm + s1 + 2 * H, stay, str(rng.choice(nonfatal)), code,
                             "discharged", payer, emp, emergency=False)
            else:
                self.medical(p, hosp, adm, stay, str(rng.choice(nonfatal)), code,
                             "discharged" if rng.random() < 0.95 else "left_against_advice",
                             payer, emp, emergency=not serious)
        claim_p = (0.1 if serious else 0.0) if concealed else \
            ((0.8 if serious else 0.45) if enrolled else 0.15)
        if rng.random() < claim_p:
            if serious:
                outc = _choice(rng, [f"disability_{i}" for i in range(1, 7)] + ["pending"],
                               [.06, .12, .2, .32, .12, .08, .1])
            else:
                outc = _choice(rng, ["injury", "disability_10", "disability_9", "disability_8"],
                               [.5, .25, .15, .1])
            self.claim(p, e, occurred // DAY, str(outc), DESCRIPTIONS[acc_type], family=False)

    def _end_spell(self, p: int, enrolled: bool, death: int, hidden: bool, when: int) -> None:
        if not enrolled:
            return
        rng = self.rng
        if hidden and rng.random() < 0.3:  # employer backdates the end of enrolment
            end: int | None = when - int(rng.integers(1, 20))
        elif hidden and rng.random() < 0.25:
            end = None
        else:
            end = death + int(rng.integers(0, 45))
        self.w.emp_end_override[p] = None if end is None or end > D1 else end


_DEAD_VALUES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
_DEAD_P = np.array([.80, .12, .03, .015, .01, .006, .004, .003, .002, .0015, .001])
_DEAD_P = _DEAD_P / _DEAD_P.sum()
_HOURS = np.array([1, 1, 1, 1, 1, 1, 2, 3, 5, 7, 8, 7, 4, 4, 7, 8, 8, 6, 4, 3, 2, 2, 1, 1],
                  dtype=float)
_HOURS = _HOURS / _HOURS.sum()


def _choice(rng: np.random.Generator, items: Sequence[str | None],
            p: Sequence[float]) -> str | None:
    pp = np.array(p, dtype=float)
    return items[int(rng.choice(len(items), p=pp / pp.sum()))]


def make_incidents(w: World) -> None:
    rng = w.rng
    n_rep = w.n(650)
    n_inj = w.n(300)
    n_conc = w.n(135)
    n_under = w.n(60)
    need = (n_rep * 3 + n_inj * 3 + n_conc * 3 + n_under * 8) + 60
    informal = w.pop.add(rng, w.geo, np.clip(rng.normal(42, 10, need), 18, 62), 0.93, 0.35)
    bystanders = w.pop.add(rng, w.geo, rng.uniform(5, 85, need // 4 + 10), 0.6, 0.05)
    mk = IncidentMaker(w, informal[::-1], bystanders[::-1])
    plan: list[tuple[str, str]] = [("reported", "")] * n_rep + [("reported", "injury_only")] * n_inj
    plan += [("concealed", "")] * n_conc
    modes = ["late_death", "grade_line", "undercount"]
    plan += [("under_reported", modes[i % 3] if i < 3 else str(rng.choice(modes, p=[.35, .35, .3])))
             for i in range(n_under)]
    order = rng.permutation(len(plan))
    conc_seen = 0
    for j in order:
        kind, mode = plan[int(j)]
        mk.make(kind, conc_seen if kind == "concealed" else 1, mode)
        if kind == "concealed":
            conc_seen += 1

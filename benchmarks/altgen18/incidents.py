"""Production-safety incidents: reported, under-reported and concealed, with their victims.

Magnitudes at scale 1 (the whole province): about 520 reported accidents (~500 deaths, in
line with a few hundred to a thousand production-safety deaths a year), 55 under-reported
accidents and 150 concealed incidents; at scale 0.2 that is ~11 under-reported and ~30
concealed, with roughly 40-70 hidden deaths.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import geo
from .world import (
    CREM_CAUSE_BY_TYPE,
    DAY,
    DESC_BY_TYPE,
    EXPORT,
    EXT_BY_TYPE,
    SPECS,
    YEAR0,
    World,
    _crem_rate,
    _draw_type,
    _end_spells,
    _medical,
    add_death_records,
    claim_rows,
)

IND_WEIGHTS: dict[str, dict[str, float]] = {
    "reported": {"construction": .30, "transport": .18, "coal_mining": .10,
                 "non_coal_mining": .09, "hazardous_chemicals": .05, "metallurgy": .05,
                 "fireworks": .02, "manufacturing": .14, "other": .07},
    "under_reported": {"coal_mining": .28, "non_coal_mining": .15, "construction": .22,
                       "hazardous_chemicals": .1, "metallurgy": .1, "transport": .08,
                       "fireworks": .07},
    "concealed": {"coal_mining": .28, "non_coal_mining": .2, "construction": .25,
                  "fireworks": .05, "hazardous_chemicals": .05, "metallurgy": .07,
                  "manufacturing": .06, "other": .04},
}
CONCEALED_PATTERNS = {"illness_disguise": .24, "traffic_disguise": .12, "body_moved": .13,
                      "fast_far_cremation": .12, "private_settlement": .24, "injury_only": .15}
UNDER_PATTERNS = {"grade_line": .35, "late_death": .35, "dropped": .30}
HIDDEN_FOR_UNDER = ["private_settlement", "illness_disguise", "fast_far_cremation", "body_moved"]
SITE = {"coal_mining": "井下{n}号综采工作面", "non_coal_mining": "{n}号井场",
        "hazardous_chemicals": "{n}号生产装置区", "metallurgy": "{n}号车间",
        "construction": "项目工地{n}号楼", "transport": "线路K{n}处",
        "fireworks": "{n}号工房", "manufacturing": "{n}号车间", "other": "作业现场{n}号"}


def _choose(rng: np.random.Generator, d: dict[str, float]) -> str:
    return str(rng.choice(list(d), p=np.array(list(d.values())) / sum(d.values())))


def _deaths_count(rng: np.random.Generator, etype: str) -> int:
    if etype in ("gas_explosion", "flooding", "explosion", "collapse") and rng.random() < 0.25:
        return int(rng.integers(3, 8))
    return int(rng.choice([0, 1, 2, 3, 4, 5, 7, 11], p=[.22, .64, .08, .03, .015, .008, .005,
                                                        .002]))


class IncidentBuilder:
    def __init__(self, w: World) -> None:
        self.w = w
        self.rng = w.rng
        self.accidents: list[dict[str, Any]] = []
        self.victims: list[dict[str, Any]] = []

    # ------------------------------------------------------------ persons
    def _new_person(self, county: str) -> int:
        w, rng = self.w, self.rng
        city = county[:4]
        u = rng.random()
        out = 0.3 if city in ("6108", "6106") else 0.1
        if u < out:
            hukou = str(rng.choice(geo.OUT_OF_PROVINCE))
        elif u < out + 0.45:
            hukou = str(rng.choice([c for c in geo.COUNTY_CODES if c.startswith(city)]))
        else:
            hukou = str(w.shaanxi_counties(1)[0])
        age = float(np.clip(rng.normal(43, 10), 18, 63))
        birth = w.births_for_age(np.array([age]), np.array([YEAR0]))
        return int(w.add_people(np.array([rng.random() < 0.93]), birth, np.array([hukou]))[0])

    def _persons(self, e: int, n: int, industry: str) -> list[tuple[int, int]]:
        """(person, worker index or -1) for ``n`` casualties at enterprise ``e``."""
        w, rng = self.w, self.rng
        free = np.flatnonzero((w.ent["worker_ent"] == e) & w.ent["worker_free"])
        rng.shuffle(free)
        out: list[tuple[int, int]] = []
        for _ in range(n):
            if len(free) and rng.random() > SPECS[industry].unenrolled:
                wi = int(free[0])
                free = free[1:]
                w.ent["worker_free"][wi] = False
                out.append((int(w.ent["worker_pid"][wi]), wi))
            else:
                out.append((self._new_person(str(w.ent["region"][e])), -1))
        return out

    # ------------------------------------------------------------ incidents
    def build(self) -> None:
        rng, s = self.rng, self.w.scale
        plan: list[tuple[str, str]] = [("reported", "honest")] * max(3, int(rng.poisson(520 * s)))
        plan += [("under_reported", _choose(rng, UNDER_PATTERNS))
                 for _ in range(max(1, int(rng.poisson(55 * s))))]
        plan += [("concealed", _choose(rng, CONCEALED_PATTERNS))
                 for _ in range(max(2, int(rng.poisson(150 * s))))]
        for k, (kind, pattern) in enumerate(plan):
            self.incident(f"INC{k + 1:05d}", kind, pattern)
        # accident numbers in order of occurrence
        self.accidents.sort(key=lambda a: (a["occurred"], a["incident_id"]))
        ids: dict[str, str] = {}
        for i, a in enumerate(self.accidents):
            a["record_id"] = f"SXAJ{a['region']}2025{i + 1:04d}"
            ids[a["incident_id"]] = a["record_id"]
        for inc in self.w.incidents:
            inc["accident_record_id"] = ids.get(inc["incident_id"])
        for v in self.victims:
            v["accident_id"] = ids[v["incident_id"]]

    def incident(self, iid: str, kind: str, pattern: str) -> None:
        w, rng = self.w, self.rng
        ind = _choose(rng, IND_WEIGHTS[kind])
        ents = np.flatnonzero(w.ent["industry"] == ind)
        size = w.ent["size"][ents].astype(float)
        wt = size ** 0.7 if kind == "reported" else size ** -0.3
        e = int(rng.choice(ents, p=wt / wt.sum()))
        etype = _draw_type(rng, ind)
        county = str(w.ent["region"][e])
        day = YEAR0 + int(rng.integers(0, 365 if pattern != "late_death" else 330)) * DAY
        minute = int(rng.choice(np.arange(24), p=_HOURS)) * 60 + int(rng.integers(0, 60))
        occurred = day.astype("datetime64[m]") + minute * np.timedelta64(1, "m")
        # true and reported casualties
        hidden_death: list[str | None]
        if kind == "reported":
            d = _deaths_count(rng, etype)
            rep_d = d
        elif pattern == "grade_line":
            d = int(rng.integers(3, 7)) if rng.random() < 0.85 else int(rng.integers(10, 13))
            rep_d = 2 if d < 10 else 9
        elif pattern == "late_death":
            rep_d = int(rng.choice([0, 1, 2], p=[.3, .5, .2]))
            d = rep_d + 1
        elif pattern == "dropped":
            d = int(rng.integers(2, 4))
            rep_d = d - 1
        elif pattern == "injury_only":
            d, rep_d = 0, 0
        else:
            d = int(rng.choice([1, 2, 3], p=[.7, .2, .1]))
            rep_d = 0
        sev = int(rng.poisson(0.6)) + (1 if d == 0 else 0)
        minor = int(rng.poisson(0.8))
        if pattern == "injury_only":
            sev, minor = int(rng.integers(1, 4)), int(rng.integers(0, 3))
        people = self._persons(e, d + sev + minor, ind)
        outcomes = ["death"] * d + ["serious_injury"] * sev + ["minor_injury"] * minor
        if kind == "concealed":
            reported: list[str | None] = [None] * len(outcomes)
            hidden_death = [pattern if o == "death" else None for o in outcomes]
        elif pattern == "late_death":
            reported = list(outcomes)
            reported[d - 1] = "serious_injury"
            hidden_death = [None] * len(outcomes)
            hidden_death[d - 1] = "late_death"
        else:
            reported = list(outcomes)
            hidden_death = [None] * len(outcomes)
            for i in range(rep_d, d):
                reported[i] = None
                hidden_death[i] = str(rng.choice(HIDDEN_FOR_UNDER))
        for i, o in enumerate(outcomes):  # minor injuries are often counted but not named
            if o == "minor_injury" and reported[i] is not None and rng.random() < 0.4:
                reported[i] = None
        w.incidents.append({"incident_id": iid, "kind": kind, "true_deaths": d,
                            "reported_deaths": rep_d, "employer_uscc": str(w.ent["uscc"][e]),
                            "occurred_on": day.astype("datetime64[D]")})
        w.patterns[iid] = pattern
        for (pid, wi), o, r, h in zip(people, outcomes, reported, hidden_death, strict=True):
            w.incident_person.append({"incident_id": iid, "person_id": pid, "outcome": o,
                                      "reported_outcome": r})
            if o == "death":
                self._death(iid, pid, wi, e, etype, day, county, h, kind)
            else:
                self._injury(pid, wi, e, etype, day, county, o, kind == "concealed")
            if r is not None:
                self.victims.append({"incident_id": iid, "pid": pid, "outcome": r, "day": day})
        if kind != "concealed":
            late = rng.random() < (0.1 if kind == "reported" else 0.3)
            delay = int(rng.integers(300, 4000) if late else rng.integers(15, 180))
            n_sev = sum(o == "serious_injury" for o in outcomes) + (pattern == "late_death")
            n_min = sum(o == "minor_injury" for o in outcomes)
            loss = rep_d * rng.uniform(110, 220) + n_sev * rng.uniform(10, 40) + rng.uniform(2, 60)
            self.accidents.append({
                "incident_id": iid, "occurred": occurred,
                "reported": occurred + delay * np.timedelta64(1, "m"), "region": county,
                "address": geo.COUNTIES[county] + str(rng.choice(geo.TOWN_STEMS))
                + str(rng.choice(geo.TOWN_SUFFIX)) + str(w.ent["short"][e])
                + SITE[ind].format(n=int(rng.integers(1, 30))),
                "ent": e, "industry": ind, "type": etype, "deaths": rep_d,
                "serious": n_sev, "minor": n_min,
                "loss": None if rng.random() < 0.1 else round(float(loss), 1)})

    # ------------------------------------------------------------ records
    def _death(self, iid: str, pid: int, wi: int, e: int, etype: str, day: np.datetime64,
               county: str, hidden: str | None, kind: str) -> None:
        w, rng = self.w, self.rng
        pattern = hidden or "honest"
        ext_opts, dx_opts = EXT_BY_TYPE[etype]
        ext, dx = str(rng.choice(ext_opts)), str(rng.choice(dx_opts))
        lag = 0 if rng.random() < 0.7 else int(rng.integers(1, 4))
        if pattern == "late_death":
            lag = int(rng.integers(3, 26))
        ddate = day + lag * DAY
        hukou = str(w.hukou_of(np.array([pid]))[0])
        pa = np.array([pid])
        place = np.array([county])
        crem_cause = str(rng.choice(CREM_CAUSE_BY_TYPE[etype]))
        p_crem = float(np.clip(_crem_rate(np.array([hukou if hukou.startswith("61") else county]))
                               [0] + 0.2, 0, 1))
        med_p, claim_p = 0.45, (0.85 if wi >= 0 else 0.3)
        payer = str(rng.choice(["work_injury_insurance", "employee_insurance", "self_pay"],
                               p=[.5, .3, .2]))
        emp = e if rng.random() < 0.5 else -1
        d_cause: list[str | None] = ["工伤", "意外", "事故死亡", "因工死亡", None]
        issuer: str | None = None
        origin: str | None = None
        crem_lag: int = int(rng.choice([2, 3, 3, 4, 5]))
        crem_county: str | None = None
        town = str(rng.choice(geo.TOWN_STEMS)) + str(rng.choice(geo.TOWN_SUFFIX))
        if pattern in ("honest", "late_death"):
            if pattern == "late_death":
                med_p, claim_p = 1.0, (0.6 if wi >= 0 else 0.2)
            issuer = str(rng.choice(["police", "other"], p=[.6, .4]))
            origin = geo.COUNTIES[county] + town
        elif pattern == "illness_disguise":
            d_cause = ["病故", "猝死", "病亡", "死亡", None]
            crem_cause = str(rng.choice(["心源性猝死", "急性心肌梗死", "脑出血", "猝死"]))
            issuer = str(rng.choice(["community", "other", "hospital"], p=[.6, .3, .1]))
            origin = "家中"
            med_p, claim_p = 0.25, 0.0
        elif pattern == "traffic_disguise":
            d_cause = ["交通事故", "车祸", "意外"]
            crem_cause = str(rng.choice(["颅脑损伤", "多发伤"]))
            issuer = str(rng.choice(["police", "other", "hospital"], p=[.5, .3, .2]))
            origin = geo.COUNTIES[county] + town + "公路"
            ext = str(rng.choice(["V23.4", "V89.2", "V29.4"]))
            dx = str(rng.choice(["S06.5", "T06.8", "S36.1"]))
            med_p, claim_p = 0.5, 0.0
        elif pattern == "body_moved":
            other = [c for c in geo.COUNTY_CODES if c[:4] != county[:4]]
            moved = str(rng.choice(other))
            place = np.array([moved])
            ddate = ddate + int(rng.integers(1, 4)) * DAY
            d_cause = [None, "死亡", "意外"]
            crem_cause = str(rng.choice(["", "死因待查", "猝死"])) or crem_cause
            issuer = str(rng.choice(["other", "police"], p=[.7, .3])) if rng.random() < .7 else None
            origin = geo.COUNTIES[moved] + town
            p_crem = 0.5 if hukou.startswith("61") else 0.0
            crem_county = moved if rng.random() < 0.6 else None
            med_p, claim_p = 0.08, 0.0
        elif pattern == "fast_far_cremation":
            far = [c for c in geo.COUNTY_CODES if c[:4] not in (county[:4], hukou[:4])]
            crem_county = str(rng.choice(far))
            crem_lag = int(rng.choice([0, 1, 1]))
            d_cause = [None, "死亡", "病故"]
            crem_cause = str(rng.choice(["猝死", "病故", "死因不详"]))
            issuer = "other" if rng.random() < 0.6 else None
            origin = str(rng.choice(["外地", "家中", geo.COUNTIES[crem_county] + town]))
            p_crem = 0.95
            med_p, claim_p = 0.1, 0.0
        elif pattern == "private_settlement":
            d_cause = ["意外", "死亡", None]
            issuer = str(rng.choice(["hospital", "police", "other"], p=[.4, .1, .5]))
            origin = str(rng.choice(["家中", geo.COUNTIES[county] + town]))
            med_p, claim_p = 0.35, 0.0
            payer, emp = "self_pay", -1
        if rng.random() < med_p:
            if pattern in ("illness_disguise", "private_settlement") and rng.random() < 0.5:
                ext = str(rng.choice(["W19.9", "X59.9", ext[:3] + ".9"]))
            if pattern != "honest" and pattern != "late_death":
                payer, emp = str(rng.choice(["self_pay", "resident_insurance"], p=[.7, .3])), -1
            cty = county if lag < 2 or rng.random() < 0.5 else geo.referral_county(county)
            _medical(w, pa, np.array([day]), np.array([cty]), np.array([dx], dtype=object),
                     np.array([ext], dtype=object), los=np.array([lag]), disposition="died",
                     payer=np.array([payer], dtype=object), employer=np.array([emp]))
            if pattern in ("honest", "late_death", "private_settlement"):
                issuer, origin = "hospital", geo.hospitals(cty)[0]
        add_death_records(w, pa, np.array([ddate]), place,
                          dereg_cause=np.array([rng.choice(np.array(d_cause, dtype=object))],
                                               dtype=object),
                          crem_cause=np.array([crem_cause], dtype=object),
                          issuer=np.array([issuer], dtype=object),
                          origin=np.array([origin], dtype=object), p_crem=p_crem,
                          crem_lag=np.array([crem_lag]),
                          crem_county=None if crem_county is None else np.array([crem_county]))
        if rng.random() < claim_p:
            claim_rows(w, pa, np.array([e]), np.array([day]), "death",
                       DESC_BY_TYPE[etype] + "，经抢救无效死亡")
        if wi >= 0:
            _end_spells(w, np.array([wi]), np.array([ddate]),
                        backdate=0.15 if pattern != "honest" else 0.0)
        w.deaths.append(_death_block(pid, iid))

    def _injury(self, pid: int, wi: int, e: int, etype: str, day: np.datetime64, county: str,
                outcome: str, concealed: bool) -> None:
        w, rng = self.w, self.rng
        ext_opts, dx_opts = EXT_BY_TYPE[etype]
        ext, dx = str(rng.choice(ext_opts)), str(rng.choice(dx_opts))
        serious = outcome == "serious_injury"
        med_p = (0.85 if concealed else 0.9) if serious else 0.6
        claim_p = 0.12 if concealed else (0.75 if wi >= 0 else 0.3) * (1 if serious else 0.6)
        if rng.random() < med_p:
            los = int(rng.integers(14, 70)) if serious else int(rng.integers(0, 12))
            disp = "transferred" if serious and rng.random() < 0.2 else "discharged"
            if concealed:
                payer = str(rng.choice(["self_pay", "employee_insurance", "resident_insurance"],
                                       p=[.5, .3, .2]))
                emp = e if rng.random() < 0.15 else -1
                if rng.random() < 0.3:
                    ext = ext[:3] + ".9"
            else:
                payer = str(rng.choice(["work_injury_insurance", "employee_insurance",
                                        "self_pay"], p=[.55, .3, .15]))
                emp = e if rng.random() < 0.5 else -1
            _medical(w, np.array([pid]), np.array([day]), np.array([county]),
                     np.array([dx], dtype=object), np.array([ext], dtype=object),
                     los=np.array([los]), disposition=disp, payer=np.array([payer], dtype=object),
                     employer=np.array([emp]))
        if rng.random() < claim_p:
            out = (str(rng.choice([f"disability_{i}" for i in range(1, 7)],
                                  p=[.05, .1, .15, .2, .25, .25])) if serious
                   else str(rng.choice(["injury", "disability_10", "disability_9", "disability_8"])))
            claim_rows(w, np.array([pid]), np.array([e]), np.array([day]), out,
                       DESC_BY_TYPE[etype])


_HOURS = np.array([1, 1, 1, 1, 1, 1, 2, 3, 5, 6, 6, 5, 3, 3, 5, 6, 6, 5, 3, 2, 2, 2, 1, 1],
                  dtype=float)
_HOURS /= _HOURS.sum()


def _death_block(pid: int, iid: str) -> Any:
    from .world import Block

    return Block({"pid": np.array([pid]), "cls": np.array(["incident"]),
                  "inc": np.array([iid], dtype=object)})


__all__ = ["EXPORT", "IncidentBuilder"]

"""altgen2: a blind synthetic-data generator for crosscheck, written from the data contract and
the domain brief only.

    python -m benchmarks.altgen2.generate --out DIR --scale 0.2 --seed 1
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

from . import idcodes
from .noise import (
    PROFILES,
    employer_variant,
    render_ages,
    render_dates,
    render_datetimes,
    render_ids,
    render_names,
    render_sex,
)
from .refdata import (
    ACCIDENT_ICD,
    BG_MECHANISMS,
    BG_WORK_TEXT,
    BODY_PARTS,
    CITIES,
    COMMUTE_DEATH_TEXT,
    HONEST_WORK_CAUSES,
    ILLEGAL_SITES,
    ILLNESS_COVER,
    INDUSTRY_ACCIDENT_TYPES,
    INDUSTRY_PROFILE,
    INJURY_TEXT,
    MOTORCYCLE_V,
    NATURAL_CAUSES,
    NONOCC_CAUSES,
    OCC_DISEASE_TEXT,
    PEDESTRIAN_V,
    ROADS,
    SUDDEN_ILLNESS_TEXT,
    TOWN_PARTS,
    TRAFFIC_V,
    TYPE_CAUSE_TEXT,
    VILLAGES,
    WORK_MECHANISMS,
    WORK_PLACES,
)
from .world import (
    EXTRACT,
    PERIOD_DAYS,
    PERIOD_START,
    Enterprises,
    Places,
    Population,
    at_time,
    birth_region,
    build_enterprises,
    build_places,
    county_label,
    day,
    rand_day,
    weighted,
)

PERSON_SOURCES = ["accident_victims", "deregistrations", "cremations", "injury_claims",
                  "medical_records", "employment"]

SCHEMAS: dict[str, dict[str, Any]] = {
    "deregistrations": {"person_id": pl.Utf8, "death_date": pl.Date, "dereg_on": pl.Date,
                        "reason": pl.Utf8, "death_cause": pl.Utf8},
    "cremations": {"person_id": pl.Utf8, "death_date": pl.Date, "cremated_on": pl.Date,
                   "funeral_home": pl.Utf8, "fh_region": pl.Utf8, "death_cause": pl.Utf8,
                   "cert": pl.Utf8, "body_origin": pl.Utf8},
    "injury_claims": {"person_id": pl.Utf8, "employer_name": pl.Utf8, "employer_uscc": pl.Utf8,
                      "injury_date": pl.Date, "applied_on": pl.Date, "decided_on": pl.Date,
                      "outcome": pl.Utf8, "description": pl.Utf8, "region": pl.Utf8},
    "medical_records": {"person_id": pl.Utf8, "hospital": pl.Utf8, "h_region": pl.Utf8,
                        "admitted_at": pl.Datetime("us"), "discharged_at": pl.Datetime("us"),
                        "diag": pl.Utf8, "ext": pl.Utf8, "disposition": pl.Utf8,
                        "payer": pl.Utf8, "employer_name": pl.Utf8, "ed": pl.Boolean,
                        "unknown": pl.Boolean},
    "employment": {"person_id": pl.Utf8, "employer_name": pl.Utf8, "employer_uscc": pl.Utf8,
                   "industry": pl.Utf8, "start": pl.Date, "end": pl.Date},
    "accident_victims": {"person_id": pl.Utf8, "accident_key": pl.Utf8, "outcome": pl.Utf8},
}

HIGH_RISK_INDUSTRIES = {"coal_mining", "non_coal_mining", "hazardous_chemicals", "fireworks",
                        "metallurgy", "construction"}


@dataclass
class Victim:
    pid: str
    outcome: str  # true outcome
    reported: str | None  # as named in accident_victims
    death_at: datetime | None
    mode: str  # honest, late, illness, moved, settled, disguise, ghost, named_injured
    public: bool  # not an employee (road-transport third party)


def choose(rng: np.random.Generator, items: list[Any]) -> Any:
    return items[int(rng.integers(0, len(items)))]


def wchoice(rng: np.random.Generator, weights: dict[str, float]) -> str:
    keys = list(weights)
    w = np.array([weights[k] for k in keys])
    return keys[int(rng.choice(len(keys), p=w / w.sum()))]


class Generator:
    def __init__(self, scale: float, seed: int) -> None:
        self.scale = scale
        self.rng = np.random.default_rng(seed)
        self.places: Places = build_places(self.rng)
        self.pop = Population(self.rng, self.places)
        self.rows: dict[str, list[dict[str, Any]]] = {s: [] for s in PERSON_SOURCES}
        self.bulk: dict[str, list[pl.DataFrame]] = {s: [] for s in PERSON_SOURCES}
        self.accidents: list[dict[str, Any]] = []
        self.incidents: list[dict[str, Any]] = []
        self.incident_person: list[dict[str, Any]] = []
        self.deaths: list[dict[str, Any]] = []
        self.bulk_deaths: list[pl.DataFrame] = []
        self.pinfo: dict[str, tuple[str, date, str]] = {}  # pid -> sex, birth, reg_region
        self.used: set[str] = set()
        self.n_ent = max(150, round(15000 * scale))
        self.ent: Enterprises = build_enterprises(self.rng, self.places, self.n_ent)
        e = self.ent.df
        self.e_name: list[str] = e["name"].to_list()
        self.e_uscc: list[str] = e["uscc"].to_list()
        self.e_region: list[str] = e["region_code"].to_list()
        self.e_ind: list[str] = e["industry"].to_list()
        self.e_size = e["size"].to_numpy()

    # ------------------------------------------------------------------ helpers
    def n(self, base: float) -> int:
        return int(self.rng.poisson(base * self.scale))

    def remember(self, df: pl.DataFrame) -> None:
        for pid, sex, birth, reg in df.select("person_id", "sex", "birth", "reg_region").iter_rows():
            self.pinfo[pid] = (sex, birth, reg)

    def new_people(self, n: int, age_mu: float, age_sd: float, lo: float, hi: float,
                   male_p: float, migrant: float, near_city: str | None) -> list[str]:
        rng = self.rng
        ages = np.clip(rng.normal(age_mu, age_sd, n), lo, hi)
        male = rng.random(n) < male_p
        df = self.pop.make(ages, male, birth_region(self.pop, n, migrant, near_city))
        self.remember(df)
        return df["person_id"].to_list()

    def hospital_near(self, county: str, level: float = 0.4) -> str:
        r = self.rng.random()
        if r < level:
            return choose(self.rng, self.places.city_hosp[county[:4]])
        if r < level + 0.05 * (1 + (county[:4] == "1401") * 3):
            return choose(self.rng, self.places.prov_hosp)
        return choose(self.rng, self.places.county_hosp[county])

    def funeral_home(self, city: str) -> str:
        fhs = self.places.city_fh[city]
        return fhs[0] if self.rng.random() < 0.65 or len(fhs) == 1 else choose(self.rng, fhs[1:])

    def other_city(self, *avoid: str) -> str:
        cities = [c for c in CITIES if c not in avoid]
        return choose(self.rng, cities)

    def uscc_as_written(self, uscc: str | None, missing: float, mistyped: float) -> str | None:
        if uscc is None or self.rng.random() < missing:
            return None
        if self.rng.random() < mistyped:
            return idcodes.mistype_uscc(self.rng, uscc)
        return uscc

    # ------------------------------------------------------------------ emitters
    def add_med(self, pid: str, hospital: str, admitted: datetime, discharged: datetime | None,
                diag: str, ext: str | None, disposition: str, payer: str | None,
                employer: str | None, ed: bool, unknown: bool = False) -> None:
        if admitted.date() > EXTRACT:
            return
        if discharged is not None and discharged.date() > EXTRACT:
            discharged, disposition = None, "discharged"
        self.rows["medical_records"].append({
            "person_id": pid, "hospital": hospital, "h_region": self.places.hosp_region[hospital],
            "admitted_at": admitted, "discharged_at": discharged, "diag": diag, "ext": ext,
            "disposition": disposition, "payer": payer, "employer_name": employer, "ed": ed,
            "unknown": unknown,
        })

    def add_dereg(self, pid: str, death: date | None, cause: str | None, lag_median: float,
                  reason: str = "death", p: float = 0.92) -> None:
        reg = self.pinfo[pid][2]
        if not reg.startswith("14") or self.rng.random() > p:
            return
        base = death if death is not None else day(int(self.rng.integers(0, PERIOD_DAYS)))
        lag = int(np.ceil(self.rng.lognormal(np.log(lag_median), 0.9)))
        on = base + timedelta(days=lag)
        if on > EXTRACT:
            return
        if death is not None and self.rng.random() < 0.01:
            death = None
        self.rows["deregistrations"].append({
            "person_id": pid, "death_date": death, "dereg_on": on, "reason": reason,
            "death_cause": cause,
        })

    def add_crem(self, pid: str, death: date, delay: int, fh: str, cause: str | None,
                 cert: str | None, origin: str | None) -> None:
        on = death + timedelta(days=delay)
        if on > EXTRACT:
            return
        self.rows["cremations"].append({
            "person_id": pid, "death_date": None if self.rng.random() < 0.02 else death,
            "cremated_on": on, "funeral_home": fh, "fh_region": self.places.fh_region[fh],
            "death_cause": cause, "cert": cert, "body_origin": origin,
        })

    def add_claim(self, pid: str, employer: str, uscc: str | None, injury: date,
                  apply_median: float, outcome: str, desc: str | None, region: str) -> None:
        rng = self.rng
        applied = injury + timedelta(days=int(np.ceil(rng.lognormal(np.log(apply_median), 0.8))))
        if applied > EXTRACT:
            return
        decided: date | None = applied + timedelta(days=int(rng.integers(15, 75)))
        if decided is not None and decided > EXTRACT:
            decided, outcome = None, "pending"
        self.rows["injury_claims"].append({
            "person_id": pid, "employer_name": employer_variant(employer, rng),
            "employer_uscc": self.uscc_as_written(uscc, 0.08, 0.02), "injury_date": injury,
            "applied_on": applied, "decided_on": decided, "outcome": outcome,
            "description": desc, "region": region,
        })

    def add_death(self, pid: str, cls: str, incident: str | None, d: date | None) -> None:
        self.deaths.append({"person_id": pid, "death_class": cls, "incident_id": incident,
                            "death_date": d})

    # ------------------------------------------------------------------ workers & employment
    def build_workers(self) -> None:
        rng = self.rng
        n = max(2000, round(400_000 * self.scale))
        w = self.e_size / self.e_size.sum()
        ent = rng.choice(self.n_ent, size=n, p=w)
        inds = np.array(self.e_ind)[ent]
        male_p = np.array([INDUSTRY_PROFILE[i][2] for i in inds])
        male = rng.random(n) < male_p
        ages = np.clip(rng.normal(39, 10, n), 18, 62)
        heavy = np.isin(inds, ["coal_mining", "non_coal_mining", "construction"])
        regions = birth_region(self.pop, n, 0.0, None)
        mig = rng.random(n) < np.where(heavy, 0.18, 0.06)
        from .refdata import OUT_OF_PROVINCE
        regions[mig] = np.array(OUT_OF_PROVINCE, dtype="U6")[rng.integers(0, len(OUT_OF_PROVINCE), int(mig.sum()))]
        local = (rng.random(n) < 0.55) & ~mig
        ent_city_county = np.array(self.e_region, dtype="U6")[ent]
        regions[local] = ent_city_county[local]
        df = self.pop.make(ages, male, regions)
        self.remember(df)
        self.w_pid: list[str] = df["person_id"].to_list()
        self.w_ent = ent
        births = df["birth"].to_numpy().astype("datetime64[D]")
        end_period = np.datetime64("2025-12-31")
        start = end_period - np.round(rng.exponential(5.5 * 365, n)).astype("timedelta64[D]")
        adult = births + np.timedelta64(int(18 * 365.25), "D")
        start = np.maximum(start, adult)
        self.w_start = start
        ends = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
        leaving = rng.random(n) < 0.12
        off = rng.integers(0, PERIOD_DAYS + 90, n).astype("timedelta64[D]")
        e_left = np.datetime64(PERIOD_START.isoformat()) + off
        ok = leaving & (e_left > start)
        ends[ok] = e_left[ok]
        self.w_end = ends
        # prior spells
        prior = rng.random(n) < 0.35
        pi = np.flatnonzero(prior)
        p_end = start[pi] - rng.integers(1, 90, len(pi)).astype("timedelta64[D]")
        p_start = p_end - np.round(rng.exponential(3 * 365, len(pi)) + 30).astype("timedelta64[D]")
        p_start = np.maximum(p_start, adult[pi])
        keep = p_start < p_end
        pi, p_start, p_end = pi[keep], p_start[keep], p_end[keep]
        p_ent = rng.choice(self.n_ent, size=len(pi), p=w)
        same = rng.random(len(pi)) < 0.5
        for j in np.flatnonzero(same):
            pool = self.ent.by_industry[self.e_ind[int(ent[pi[j]])]]
            p_ent[j] = int(pool[int(rng.integers(0, len(pool)))])
        all_pid = [self.w_pid[i] for i in range(n)] + [self.w_pid[int(i)] for i in pi]
        all_ent = np.concatenate([ent, p_ent])
        all_start = np.concatenate([start, p_start])
        all_end = np.concatenate([ends, p_end])
        names = [employer_variant(self.e_name[int(i)], rng) if rng.random() < 0.08
                 else self.e_name[int(i)] for i in all_ent]
        usccs = [self.uscc_as_written(self.e_uscc[int(i)], 0.04, 0.01) for i in all_ent]
        industry = [None if rng.random() < 0.1 else self.e_ind[int(i)] for i in all_ent]
        self.bulk["employment"].append(pl.DataFrame({
            "person_id": all_pid, "employer_name": names, "employer_uscc": usccs,
            "industry": industry, "start": all_start, "end": all_end,
        }, schema=SCHEMAS["employment"]))
        # workers by current employer
        order = np.argsort(ent, kind="stable")
        bounds = np.searchsorted(ent[order], np.arange(self.n_ent + 1))
        self.ent_workers = [order[bounds[k]:bounds[k + 1]] for k in range(self.n_ent)]

    def take_worker(self, ent: int, when: date) -> str | None:
        ws = self.ent_workers[ent]
        if len(ws) == 0:
            return None
        rng = self.rng
        w_d = np.datetime64(when.isoformat())
        for _ in range(6):
            i = int(ws[int(rng.integers(0, len(ws)))])
            pid = self.w_pid[i]
            if pid in self.used or self.w_start[i] > w_d:
                continue
            if not np.isnat(self.w_end[i]) and self.w_end[i] < w_d:
                continue
            self.used.add(pid)
            return pid
        return None

    def random_workers(self, n: int, pred: npt.NDArray[np.bool_] | None = None) -> list[int]:
        rng = self.rng
        cand = np.arange(len(self.w_pid)) if pred is None else np.flatnonzero(pred)
        out: list[int] = []
        for i in rng.permutation(cand):
            if len(out) >= n:
                break
            pid = self.w_pid[int(i)]
            if pid not in self.used:
                self.used.add(pid)
                out.append(int(i))
        return out

    # ------------------------------------------------------------------ incidents
    def build_incidents(self) -> None:
        rng = self.rng
        kinds = (["reported"] * self.n(620) + ["under_reported"] * max(1, self.n(85))
                 + ["concealed"] * max(1, self.n(125)))
        order = rng.permutation(len(kinds))
        first_concealed = True
        for k, i in enumerate(order):
            kind = kinds[int(i)]
            force = kind == "concealed" and first_concealed
            if kind == "concealed":
                first_concealed = False
            self.incident(kind, f"INC{k + 1:05d}", force)

    def incident(self, kind: str, inc_id: str, force_death: bool) -> None:
        rng = self.rng
        weights = {
            "reported": {"transport": 0.33, "construction": 0.25, "coal_mining": 0.08,
                         "non_coal_mining": 0.08, "manufacturing": 0.1, "hazardous_chemicals": 0.05,
                         "metallurgy": 0.05, "fireworks": 0.01, "other": 0.05},
            "under_reported": {"coal_mining": 0.22, "non_coal_mining": 0.1, "construction": 0.25,
                               "transport": 0.18, "hazardous_chemicals": 0.08, "metallurgy": 0.07,
                               "fireworks": 0.04, "manufacturing": 0.04, "other": 0.02},
            "concealed": {"coal_mining": 0.25, "non_coal_mining": 0.2, "construction": 0.2,
                          "hazardous_chemicals": 0.08, "metallurgy": 0.08, "fireworks": 0.06,
                          "manufacturing": 0.08, "transport": 0.02, "other": 0.03},
        }[kind]
        ind = wchoice(rng, weights)
        illegal = (kind == "concealed" and ind in ("coal_mining", "non_coal_mining", "fireworks")
                   and rng.random() < 0.3)
        ent: int | None = None
        if illegal:
            region = self.places.counties[int(rng.choice(len(self.places.counties), p=self.places.coal_w))]
            employer = choose(rng, ILLEGAL_SITES).format(village=county_label(region) + choose(rng, VILLAGES))
            uscc: str | None = None
        else:
            pool = self.ent.by_industry[ind]
            w = self.e_size[pool] ** 0.7
            ent = int(pool[int(rng.choice(len(pool), p=w / w.sum()))])
            region, employer, uscc = self.e_region[ent], self.e_name[ent], self.e_uscc[ent]
        atype = wchoice(rng, dict(INDUSTRY_ACCIDENT_TYPES[ind]))
        window = 7 if (atype == "vehicle" and ind == "transport") or atype == "fire" else 30
        site = region
        if ind == "construction" and rng.random() < 0.4:
            same_city = [c for c in self.places.counties if c[:4] == region[:4]]
            site = choose(rng, same_city)
        elif ind == "transport":
            site = self.places.counties[int(rng.choice(len(self.places.counties), p=self.places.county_w))]
        d0 = day(int(rng.integers(0, PERIOD_DAYS)))
        hour = rng.uniform(0, 24) if ind in ("coal_mining", "non_coal_mining", "hazardous_chemicals",
                                              "metallurgy", "transport") else rng.normal(13, 3.5)
        occurred = at_time(d0, float(hour))
        transport = ind == "transport"

        # --- counts
        sub = "honest"
        hidden_n = 0
        late_n = 0
        if kind == "reported":
            deaths = int(rng.choice([0, 1, 2, 3, 4, 5, 6, 8], p=[0.12, 0.7, 0.12, 0.03, 0.012, 0.008, 0.006, 0.004]))
            serious = int(rng.poisson(1.5 if transport else 0.5)) + (1 if deaths == 0 else 0)
            minor = int(rng.poisson(1.2 if transport else 0.4))
            reported_d = deaths
        elif kind == "under_reported":
            sub = wchoice(rng, {"grade": 0.45, "late": 0.4, "mixed": 0.15})
            serious = int(rng.poisson(0.8))
            minor = int(rng.poisson(0.6))
            if sub == "grade":
                r = rng.random()
                if r < 0.03 and self.scale >= 0.1:
                    deaths, reported_d = int(rng.integers(30, 36)), 29
                elif r < 0.2:
                    deaths, reported_d = int(rng.integers(10, 15)), 9
                else:
                    deaths, reported_d = int(rng.integers(3, 9)), 2
                hidden_n = deaths - reported_d
            elif sub == "late":
                reported_d = int(rng.choice([0, 1, 2], p=[0.3, 0.5, 0.2]))
                late_n = 1 if rng.random() < 0.8 else 2
                deaths = reported_d + late_n
                serious += late_n
            else:
                reported_d = 1 if rng.random() < 0.7 else 2
                hidden_n = 1 if rng.random() < 0.7 else 2
                deaths = reported_d + hidden_n
        else:
            deaths = int(rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 11], p=[0.1, 0.45, 0.2, 0.1, 0.06, 0.04, 0.025, 0.015, 0.01]))
            if force_death and deaths == 0:
                deaths = 1
            serious = int(rng.poisson(0.6)) + (2 if deaths == 0 else 0)
            minor = int(rng.poisson(0.5))
            reported_d = 0
            hidden_n = deaths

        # --- people
        p_enrolled = {"reported": 0.85, "under_reported": 0.75, "concealed": 0.45}[kind]
        male_p = INDUSTRY_PROFILE[ind][2]
        mig = 0.25 if ind in ("coal_mining", "non_coal_mining", "construction") else 0.08
        total = deaths - late_n + serious + minor

        def person(public: bool) -> str:
            if public:
                return self.new_people(1, 42, 18, 4, 88, 0.55, 0.05, site[:4])[0]
            if ent is not None and rng.random() < p_enrolled:
                pid = self.take_worker(ent, d0)
                if pid is not None:
                    return pid
            return self.new_people(1, 41, 10, 18, 63, male_p, mig, region[:4])[0]

        publics = [transport and atype == "vehicle" and k > 0 and rng.random() < 0.55 for k in range(total)]
        pids = [person(p) for p in publics]
        # late deaths take serious-injury slots: they were reported (and named) as injured
        outcomes = ["death"] * (deaths - late_n) + ["serious_injury"] * serious + ["minor_injury"] * minor
        victims: list[Victim] = []
        inc_mode = wchoice(rng, {"illness": 0.33, "moved": 0.25, "settled": 0.2, "disguise": 0.08, "ghost": 0.14})

        def hidden_mode() -> str:
            if kind == "concealed" and rng.random() < 0.8:
                return inc_mode
            return wchoice(rng, {"illness": 0.3, "moved": 0.3, "settled": 0.25, "ghost": 0.1, "disguise": 0.05})

        late_left = late_n
        for k, (pid, out) in enumerate(zip(pids, outcomes, strict=True)):
            public = publics[k]
            if out == "death":
                honest_idx = k < reported_d
                if kind == "concealed" or (kind == "under_reported" and sub != "late" and not honest_idx):
                    mode = hidden_mode()
                    rep: str | None = None
                    if kind == "under_reported" and rng.random() < 0.3:
                        mode, rep = "named_injured", "serious_injury" if rng.random() < 0.8 else "minor_injury"
                    later = rng.random() < 0.15
                    dt = occurred + timedelta(days=int(rng.integers(1, 6)) if later else 0,
                                              hours=float(rng.uniform(0, 3)))
                    victims.append(Victim(pid, "death", rep, dt, mode, public))
                else:
                    later = rng.random() < 0.08
                    dt = occurred + timedelta(days=int(rng.integers(1, window)) if later else 0,
                                              hours=float(rng.uniform(0, 2)))
                    victims.append(Victim(pid, "death", "death", dt, "honest", public))
            else:
                if out == "serious_injury" and late_left > 0:
                    late_left -= 1
                    dt = occurred + timedelta(days=int(rng.integers(1, window)), hours=float(rng.uniform(0, 20)))
                    victims.append(Victim(pid, "death", "serious_injury", dt, "late", public))
                    continue
                hidden = kind == "concealed"
                named = not hidden and rng.random() < (0.85 if out == "serious_injury" else 0.5)
                victims.append(Victim(pid, out, out if named else None, None,
                                      "hidden" if hidden else "honest", public))

        # --- the accident report
        acc_key: str | None = None
        if kind != "concealed":
            acc_key = f"A{len(self.accidents):06d}"
            named_inj = sum(1 for v in victims if v.reported in ("serious_injury",) and v.outcome != "serious_injury")
            true_serious = sum(1 for v in victims if v.outcome == "serious_injury")
            true_minor = sum(1 for v in victims if v.outcome == "minor_injury")
            named_minor = sum(1 for v in victims if v.reported == "minor_injury" and v.outcome == "death")
            delay_h = float(rng.uniform(0.2, 1.0)) if rng.random() < 0.8 else float(rng.uniform(1, 48))
            if kind == "under_reported" and rng.random() < 0.3:
                delay_h += float(rng.uniform(12, 120))
            town = choose(rng, TOWN_PARTS)
            if transport or (atype == "vehicle" and ind == "transport"):
                address = f"{county_label(site)}境内{choose(rng, ROADS)}K{int(rng.integers(3, 480))}+{int(rng.integers(0, 10)) * 100}处"
            else:
                address = f"{county_label(site)}{town}{employer}{choose(rng, WORK_PLACES[ind])}"
            loss = round(float(reported_d * rng.uniform(100, 180) + (true_serious + true_minor) * rng.uniform(5, 30)
                               + rng.uniform(2, 40)), 1)
            self.accidents.append({
                "key": acc_key, "occurred_at": occurred,
                "reported_at": occurred + timedelta(hours=delay_h), "region_code": site,
                "address": address,
                "enterprise_name": employer if rng.random() < 0.9 else employer_variant(employer, rng),
                "enterprise_uscc": self.uscc_as_written(uscc, 0.1, 0.02), "industry": ind,
                "accident_type": atype, "reported_deaths": reported_d,
                "reported_serious_injuries": true_serious + named_inj,
                "reported_minor_injuries": true_minor + named_minor,
                "direct_loss_10k_yuan": None if rng.random() < 0.15 else loss,
            })
            for v in victims:
                if v.reported is not None:
                    self.rows["accident_victims"].append(
                        {"person_id": v.pid, "accident_key": acc_key, "outcome": v.reported})

        self.incidents.append({
            "incident_id": inc_id, "accident_key": acc_key, "kind": kind, "true_deaths": deaths,
            "reported_deaths": reported_d, "employer_uscc": uscc, "occurred_on": d0,
        })
        ctx = {"employer": employer, "uscc": uscc, "ind": ind, "atype": atype, "site": site,
               "region": region, "occurred": occurred, "kind": kind, "ent": ent}
        for v in victims:
            self.incident_person.append({"incident_id": inc_id, "person_id": v.pid,
                                         "outcome": v.outcome, "reported_outcome": v.reported})
            if v.outcome == "death":
                assert v.death_at is not None
                self.add_death(v.pid, "incident", inc_id, v.death_at.date())
                self.incident_death(v, ctx)
            else:
                self.incident_injury(v, ctx)

    def ext_code(self, atype: str, ind: str, honesty: float) -> str | None:
        rng = self.rng
        r = rng.random()
        if r > 0.9 + 0.05 * honesty:
            return None
        base = choose(rng, ACCIDENT_ICD[atype][2])
        if base == "V":
            return choose(rng, TRAFFIC_V) if ind == "transport" else "V89.0"
        place = "6" if rng.random() < 0.35 + 0.5 * honesty else choose(rng, ["9", "8", "4"])
        return f"{base}.{place}"

    def incident_death(self, v: Victim, ctx: dict[str, Any]) -> None:
        rng = self.rng
        assert v.death_at is not None
        occurred: datetime = ctx["occurred"]
        atype: str = ctx["atype"]
        ind: str = ctx["ind"]
        site: str = ctx["site"]
        employer: str = ctx["employer"]
        mode = v.mode
        death_d = v.death_at.date()
        reg = self.pinfo[v.pid][2]
        reg_city = reg[:4] if reg.startswith("14") else site[:4]
        in_hospital_days = (v.death_at - occurred).days >= 1
        honest = mode in ("honest", "late")
        cause: str | None
        origin: str | None
        # medical
        if mode == "moved":  # taken to a hospital outside the site's county
            others = [c for c in self.places.counties if c[:4] == site[:4] and c != site]
            hosp = choose(rng, self.places.county_hosp[choose(rng, others)]) if others else self.hospital_near(site, 1.0)
        elif mode == "late" and rng.random() < 0.5:
            hosp = choose(rng, self.places.prov_hosp)
        else:
            hosp = self.hospital_near(site, 0.4)
        p_med = 1.0 if in_hospital_days else {"honest": 0.55, "late": 1.0, "named_injured": 0.6,
                                              "illness": 0.3, "moved": 0.35, "settled": 0.35,
                                              "disguise": 0.5, "ghost": 0.05}[mode]
        if rng.random() < p_med:
            diag = choose(rng, ACCIDENT_ICD[atype][0])
            if mode == "disguise":
                diag, ext = choose(rng, ["S06.5", "S06.8", "T06.8"]), choose(rng, MOTORCYCLE_V)
            else:
                ext = self.ext_code(atype, ind, 1.0 if honest else 0.2)
            payer = (wchoice(rng, {"work_injury_insurance": 0.45, "self_pay": 0.25, "employee_insurance": 0.2, "other": 0.1})
                     if honest else wchoice(rng, {"self_pay": 0.55, "commercial": 0.12, "resident_insurance": 0.23, "other": 0.1}))
            emp = employer_variant(employer, rng, free_typed=True) if rng.random() < (0.5 if honest else 0.15) else None
            admitted = occurred + timedelta(minutes=float(rng.uniform(25, 150)))
            if admitted > v.death_at:
                admitted = v.death_at - timedelta(minutes=float(rng.uniform(5, 20)))
            ed = not in_hospital_days
            self.add_med(v.pid, hosp, admitted, v.death_at, diag, ext, "died", payer, emp, ed,
                         unknown=ed and not honest and rng.random() < 0.08)
        # deregistration
        if honest:
            cause = weighted(rng, HONEST_WORK_CAUSES) if rng.random() < 0.7 else TYPE_CAUSE_TEXT[atype]
            self.add_dereg(v.pid, death_d, cause, 14, p=0.93)
        else:
            if mode == "disguise":
                cause = choose(rng, ["交通事故", "车祸", "交通事故死亡"])
            elif mode == "named_injured":
                cause = weighted(rng, HONEST_WORK_CAUSES)
            elif mode == "settled":
                cause = weighted(rng, [("意外", 0.4), ("病故", 0.3), (None, 0.3)])
            elif mode == "moved" and rng.random() < 0.4:
                cause = "意外"
            else:
                cause = weighted(rng, ILLNESS_COVER)
            self.add_dereg(v.pid, death_d, cause, 28, p=0.3 if mode == "ghost" else 0.82)
        # cremation
        p_crem = {"honest": 0.85, "late": 0.85, "named_injured": 0.8, "illness": 0.8,
                  "moved": 0.85, "settled": 0.75, "disguise": 0.8, "ghost": 0.2}[mode]
        if rng.random() < p_crem:
            cert: str | None
            if honest or mode == "named_injured":
                delay = int(rng.choice([2, 3, 4, 5, 6, 7, 9, 12], p=[0.08, 0.3, 0.2, 0.14, 0.1, 0.08, 0.06, 0.04]))
                city = site[:4] if rng.random() < 0.6 else reg_city
                cert = wchoice(rng, {"hospital": 0.7, "police": 0.22, "other": 0.04, "community": 0.04})
                origin = hosp if cert == "hospital" or rng.random() < 0.5 else f"{county_label(site)}{choose(rng, TOWN_PARTS)}"
                cause = (weighted(rng, HONEST_WORK_CAUSES) or TYPE_CAUSE_TEXT[atype]) if rng.random() < 0.5 else TYPE_CAUSE_TEXT[atype]
            else:
                fast = rng.random() < 0.65
                delay = int(rng.integers(0, 3)) if fast else int(rng.integers(3, 6))
                go_far = mode == "moved" or rng.random() < 0.2
                city = self.other_city(site[:4], reg_city) if go_far else (reg_city if rng.random() < 0.6 else site[:4])
                cert_w = {"community": 0.35, "other": 0.25, "hospital": 0.15, "police": 0.1}
                if mode == "disguise":
                    cert_w = {"police": 0.5, "hospital": 0.3, "other": 0.2}
                cert = None if rng.random() < 0.15 else wchoice(rng, cert_w)
                if mode == "disguise":
                    cause = choose(rng, ["车祸", "交通事故", "颅脑损伤"])
                elif mode == "named_injured":
                    cause = weighted(rng, HONEST_WORK_CAUSES)
                else:
                    cause = weighted(rng, ILLNESS_COVER)
                o = rng.random()
                if o < 0.4:
                    origin = "家中"
                elif o < 0.65:
                    oc = choose(rng, [c for c in self.places.counties if c[:4] == city])
                    origin = f"{county_label(oc)}{choose(rng, VILLAGES)}"
                elif o < 0.8:
                    origin = hosp
                else:
                    origin = None
            self.add_crem(v.pid, death_d, delay, self.funeral_home(city), cause, cert, origin)
        # work-injury claim
        region = ctx["region"]
        if not v.public:
            if honest:
                p_claim = 0.8 if mode == "honest" else 0.7
                if rng.random() < p_claim:
                    text = choose(rng, INJURY_TEXT[atype]).format(place=choose(rng, WORK_PLACES[ind]), part=choose(rng, BODY_PARTS))
                    text += "，当场死亡" if not in_hospital_days else f"，住院治疗{(v.death_at - occurred).days}天后经抢救无效死亡"
                    self.claim_for(v.pid, ctx, death_d if mode == "late" else occurred.date(), 30, "death", text, region)
            elif mode == "disguise" and rng.random() < 0.2:
                self.claim_for(v.pid, ctx, death_d, 60, "death", choose(rng, COMMUTE_DEATH_TEXT), region)
            elif mode == "illness" and rng.random() < 0.12:
                self.claim_for(v.pid, ctx, death_d, 45, "death" if rng.random() < 0.6 else "rejected",
                               choose(rng, SUDDEN_ILLNESS_TEXT), region)
            elif mode == "named_injured" and rng.random() < 0.3:
                self.claim_for(v.pid, ctx, occurred.date(), 60, "death", None, region)

    def claim_for(self, pid: str, ctx: dict[str, Any], injury: date, median: float, outcome: str,
                  text: str | None, region: str) -> None:
        employer: str = ctx["employer"]
        uscc: str | None = ctx["uscc"]
        if ctx["ind"] == "construction" and self.rng.random() < 0.15:
            pool = self.ent.by_industry["construction"]
            sub = int(pool[int(self.rng.integers(0, len(pool)))])
            employer, uscc = self.e_name[sub], self.e_uscc[sub]
        self.add_claim(pid, employer, uscc, injury, median, outcome, text, region)

    def incident_injury(self, v: Victim, ctx: dict[str, Any]) -> None:
        rng = self.rng
        occurred: datetime = ctx["occurred"]
        atype: str = ctx["atype"]
        ind: str = ctx["ind"]
        site: str = ctx["site"]
        hidden = v.mode == "hidden"
        serious = v.outcome == "serious_injury"
        if rng.random() < (0.8 if hidden else 0.92):
            hosp = self.hospital_near(site, 0.45)
            diag = choose(rng, ACCIDENT_ICD[atype][1])
            ext = self.ext_code(atype, ind, 0.2 if hidden else 1.0)
            payer = (wchoice(rng, {"self_pay": 0.5, "commercial": 0.15, "resident_insurance": 0.25, "work_injury_insurance": 0.05, "other": 0.05})
                     if hidden else wchoice(rng, {"work_injury_insurance": 0.55, "employee_insurance": 0.15, "self_pay": 0.2, "other": 0.1}))
            emp = employer_variant(ctx["employer"], rng, free_typed=True) if rng.random() < (0.2 if hidden else 0.55) else None
            admitted = occurred + timedelta(minutes=float(rng.uniform(25, 180)))
            transfer = serious and rng.random() < 0.3
            if transfer:
                first_out = admitted + timedelta(hours=float(rng.uniform(3, 30)))
                self.add_med(v.pid, hosp, admitted, first_out, diag, ext, "transferred", payer, emp, True)
                hosp2 = choose(rng, self.places.prov_hosp) if rng.random() < 0.6 else choose(rng, self.places.city_hosp[site[:4]])
                adm2 = first_out + timedelta(hours=float(rng.uniform(1, 4)))
                out2 = adm2 + timedelta(days=float(rng.uniform(12, 60)))
                self.add_med(v.pid, hosp2, adm2, out2, diag, ext, "discharged", payer, emp, False)
            else:
                los = float(rng.uniform(14, 70)) if serious else (float(rng.uniform(0.1, 0.4)) if rng.random() < 0.4 else float(rng.uniform(1, 10)))
                disp = "left_against_advice" if hidden and rng.random() < 0.1 else "discharged"
                self.add_med(v.pid, hosp, admitted, admitted + timedelta(days=los), diag, ext, disp, payer, emp, los < 1)
        if v.public:
            return
        p_claim = 0.12 if hidden else (0.8 if serious else 0.5)
        if rng.random() < p_claim:
            if serious:
                outcome = f"disability_{int(rng.choice([1, 2, 3, 4, 5, 6], p=[0.05, 0.12, 0.2, 0.33, 0.18, 0.12]))}"
            else:
                outcome = wchoice(rng, {"injury": 0.5, "disability_10": 0.25, "disability_9": 0.15, "disability_8": 0.1})
            text = choose(rng, INJURY_TEXT[atype]).format(place=choose(rng, WORK_PLACES[ind]), part=choose(rng, BODY_PARTS))
            self.claim_for(v.pid, ctx, occurred.date(), 25, outcome, text, ctx["region"])

    # ------------------------------------------------------------------ background deaths
    def build_worker_deaths(self) -> None:
        """Natural deaths of enrolled workers, sudden illness at work, occupational disease."""
        rng = self.rng
        for i in self.random_workers(max(3, self.n(1500))):
            pid = self.w_pid[i]
            d = day(int(rand_day(rng, 1, 0.2)[0]))
            sudden = rng.random() < 0.22
            cause = weighted(rng, ILLNESS_COVER) if sudden else weighted(rng, NATURAL_CAUSES)
            self.add_death(pid, "natural", None, d)
            self.add_dereg(pid, d, cause, 15, p=0.9)
            if rng.random() < 0.6:
                city = self.pinfo[pid][2][:4] if self.pinfo[pid][2].startswith("14") else self.e_region[int(self.w_ent[i])][:4]
                cert = wchoice(rng, {"hospital": 0.55, "community": 0.35, "other": 0.05, "police": 0.05})
                origin = choose(rng, self.places.city_hosp[city]) if cert == "hospital" else "家中"
                delay = int(rng.choice([1, 2, 3, 4, 5, 7], p=[0.06, 0.16, 0.45, 0.15, 0.1, 0.08]))
                self.add_crem(pid, d, delay, self.funeral_home(city), cause, cert, origin)
            if sudden and rng.random() < 0.3:
                e = int(self.w_ent[i])
                ctx = {"employer": self.e_name[e], "uscc": self.e_uscc[e], "ind": self.e_ind[e]}
                self.claim_for(pid, ctx, d, 40, "death" if rng.random() < 0.75 else "rejected",
                               choose(rng, SUDDEN_ILLNESS_TEXT), self.e_region[e])
        ind = np.array(self.e_ind)[self.w_ent]
        mining = np.isin(ind, ["coal_mining", "non_coal_mining", "metallurgy"])
        for i in self.random_workers(max(1, self.n(60)), mining):
            pid = self.w_pid[i]
            e = int(self.w_ent[i])
            d = day(int(rand_day(rng, 1, 0.3)[0]))
            self.add_death(pid, "natural", None, d)
            cause = choose(rng, ["尘肺病", "矽肺", "病故", "呼吸衰竭", "肺心病"])
            self.add_dereg(pid, d, cause, 15, p=0.9)
            if rng.random() < 0.5:
                city = self.e_region[e][:4]
                self.add_crem(pid, d, int(rng.integers(2, 6)), self.funeral_home(city), cause,
                              wchoice(rng, {"hospital": 0.6, "community": 0.4}), "家中")
            if rng.random() < 0.7:
                ctx = {"employer": self.e_name[e], "uscc": self.e_uscc[e], "ind": self.e_ind[e]}
                self.claim_for(pid, ctx, d, 60, "death", choose(rng, OCC_DISEASE_TEXT), self.e_region[e])

    def build_nonocc_deaths(self) -> None:
        """Injury deaths that are not production-safety accidents (hard negatives)."""
        rng = self.rng
        target = max(10, self.n(18000))
        cats = {"traffic": 0.34, "fall": 0.22, "drowning": 0.07, "suicide": 0.17, "co": 0.06,
                "other": 0.1, "commute": 0.02, "declared": 0.02}
        made = 0
        while made < target:
            cat = wchoice(rng, cats)
            size = 1
            if (cat == "co" and rng.random() < 0.3) or (cat == "traffic" and rng.random() < 0.12):
                size = int(rng.integers(2, 4))
            county = self.places.counties[int(rng.choice(len(self.places.counties), p=self.places.county_w))]
            d = day(int(rand_day(rng, 1, 0.9 if cat == "co" else 0.05)[0]))
            hour = float(rng.uniform(0, 24))
            worker_p = {"traffic": 0.2, "suicide": 0.15, "drowning": 0.1, "other": 0.2, "commute": 1.0}.get(cat, 0.02)
            for _ in range(size):
                made += 1
                wi: int | None = None
                if rng.random() < worker_p:
                    got = self.random_workers(1)
                    wi = got[0] if got else None
                if wi is not None:
                    pid = self.w_pid[wi]
                else:
                    mu, sd = {"traffic": (45, 17), "fall": (80, 8), "drowning": (30, 20), "suicide": (55, 18),
                              "co": (55, 22), "other": (50, 20), "commute": (40, 10), "declared": (50, 15)}[cat]
                    reg = np.array([county], dtype="U6")
                    ages = np.clip(rng.normal(mu, sd, 1), 2, 99)
                    df = self.pop.make(ages, rng.random(1) < (0.5 if cat in ("fall", "co") else 0.68), reg, 0.0)
                    self.remember(df)
                    pid = df["person_id"][0]
                self.nonocc_records(pid, cat, d, hour, county, wi)

    def nonocc_records(self, pid: str, cat: str, d: date, hour: float, county: str,
                       wi: int | None) -> None:
        rng = self.rng
        if cat == "declared":
            self.add_death(pid, "non_occupational", None, None)
            self.add_dereg(pid, None, None, 1, reason="declared_dead", p=1.0)
            return
        self.add_death(pid, "non_occupational", None, d)
        key = "traffic" if cat == "commute" else cat
        cause = weighted(rng, NONOCC_CAUSES[key])
        t = at_time(d, hour)
        p_med = {"traffic": 0.55, "fall": 0.5, "drowning": 0.2, "suicide": 0.35, "co": 0.4,
                 "other": 0.3, "commute": 0.6}[cat]
        hosp = self.hospital_near(county, 0.35)
        if rng.random() < p_med:
            if cat in ("traffic", "commute"):
                ext: str | None = choose(rng, TRAFFIC_V + PEDESTRIAN_V + MOTORCYCLE_V)
                diag = choose(rng, ["S06.5", "S06.8", "T06.8", "S27.3", "S36.1"])
            elif cat == "fall":
                ext = choose(rng, ["W01.0", "W10.0", "W19.0", "W06.0", "W19.9"])
                diag = choose(rng, ["S72.0", "S72.1", "S06.5", "S32.0"])
            elif cat == "drowning":
                ext, diag = choose(rng, ["W69.9", "W74.9", "W73.8"]), "T75.1"
            elif cat == "suicide":
                ext, diag = choose(rng, [("X68.0", "T60.0"), ("X70.0", "T71"), ("X80.0", "T06.8"), ("X61.0", "T42.4")])
            elif cat == "co":
                ext, diag = "X47.0", "T58"
            else:
                ext, diag = choose(rng, [("W87.0", "T75.4"), ("X00.0", "T29.3"), ("W13.0", "S06.5"), ("W80.0", "T17.9")])
            if rng.random() < 0.08:
                ext = None
            days = 0 if rng.random() < 0.6 else int(rng.integers(1, 25))
            adm = t + timedelta(minutes=float(rng.uniform(20, 120)))
            died = adm + timedelta(days=days, hours=float(rng.uniform(0.2, 10)))
            payer = wchoice(rng, {"resident_insurance": 0.45, "employee_insurance": 0.2, "self_pay": 0.25, "commercial": 0.05, "other": 0.05})
            if cat == "commute" and rng.random() < 0.3:
                payer = "work_injury_insurance"
            self.add_med(pid, hosp, adm, died, diag, ext, "died", payer, None, days == 0,
                         unknown=days == 0 and rng.random() < 0.03)
            death_d = died.date()
        else:
            death_d = d
        if self.deaths[-1]["person_id"] == pid:
            self.deaths[-1]["death_date"] = death_d
        self.add_dereg(pid, death_d, cause, 15, p=0.9)
        if rng.random() < 0.6:
            cert = wchoice(rng, {"police": 0.4, "hospital": 0.35, "community": 0.2, "other": 0.05}
                           if cat != "fall" else {"hospital": 0.45, "community": 0.5, "other": 0.05})
            origin = hosp if cert == "hospital" else ("家中" if cat in ("fall", "co", "suicide") else f"{county_label(county)}{choose(rng, TOWN_PARTS)}")
            delay = int(rng.choice([1, 2, 3, 4, 5, 7, 10], p=[0.06, 0.14, 0.4, 0.15, 0.1, 0.1, 0.05]))
            self.add_crem(pid, death_d, delay, self.funeral_home(county[:4]), cause, cert, origin)
        if cat == "commute" and wi is not None and rng.random() < 0.85:
            e = int(self.w_ent[wi])
            ctx = {"employer": self.e_name[e], "uscc": self.e_uscc[e], "ind": self.e_ind[e]}
            self.claim_for(pid, ctx, d, 45, "death", choose(rng, COMMUTE_DEATH_TEXT), self.e_region[e])

    def build_natural_deaths(self) -> None:
        rng = self.rng
        n = max(200, self.n(270_000))
        comp = rng.choice(4, size=n, p=[0.72, 0.17, 0.07, 0.04])
        ages = np.select(
            [comp == 0, comp == 1, comp == 2],
            [rng.normal(80, 8, n), rng.uniform(45, 66, n), rng.uniform(18, 45, n)],
            rng.uniform(1.2, 18, n),
        )
        ages = np.clip(ages, 1.2, 104)
        male = rng.random(n) < 0.56
        regions = self.pop.shanxi_counties(n)
        people = self.pop.make(ages, male, regions, 0.1)
        pids = people["person_id"].to_numpy()
        reg = people["reg_region"].to_numpy().astype("U6")
        offs = rand_day(rng, n, 0.25)
        death = np.datetime64(PERIOD_START.isoformat()) + offs.astype("timedelta64[D]")
        self.bulk_deaths.append(pl.DataFrame({
            "person_id": pids, "death_class": ["natural"] * n, "incident_id": [None] * n,
            "death_date": death,
        }, schema={"person_id": pl.Utf8, "death_class": pl.Utf8, "incident_id": pl.Utf8,
                   "death_date": pl.Date}))
        cause_items = NATURAL_CAUSES
        cw = np.array([p for _, p in cause_items])
        causes_idx = rng.choice(len(cause_items), size=n, p=cw / cw.sum())
        cause_null = rng.random(n) < 0.2
        causes = [None if cause_null[k] else cause_items[int(causes_idx[k])][0] for k in range(n)]
        # deregistrations
        dr = (rng.random(n) < 0.9) & np.char.startswith(reg, "14")
        lag = np.ceil(rng.lognormal(np.log(15), 0.9, n)).astype("timedelta64[D]")
        on = death + lag
        dr &= on <= np.datetime64(EXTRACT.isoformat())
        dd = death.copy()
        miss = rng.random(n) < 0.01
        dd[miss] = np.datetime64("NaT")
        idx = np.flatnonzero(dr)
        self.bulk["deregistrations"].append(pl.DataFrame({
            "person_id": pids[idx], "death_date": dd[idx], "dereg_on": on[idx],
            "reason": ["death"] * len(idx), "death_cause": [causes[int(i)] for i in idx],
        }, schema=SCHEMAS["deregistrations"]))
        # cremations
        urban = np.isin(np.array([r[:4] for r in reg]), ["1401", "1402", "1403"])
        cr = rng.random(n) < np.where(urban, 0.85, 0.5)
        delay = rng.choice([0, 1, 2, 3, 4, 5, 7, 9], size=n,
                           p=[0.02, 0.05, 0.2, 0.45, 0.13, 0.07, 0.05, 0.03]).astype("timedelta64[D]")
        cron = death + delay
        cr &= cron <= np.datetime64(EXTRACT.isoformat())
        idx = np.flatnonzero(cr)
        certs_k = ["hospital", "community", "police", "other", None]
        cert_i = rng.choice(5, size=len(idx), p=[0.45, 0.42, 0.02, 0.04, 0.07])
        fh = [self.funeral_home(reg[int(i)][:4]) for i in idx]
        origin: list[str | None] = []
        ou = rng.random(len(idx))
        for j, i in enumerate(idx):
            c = certs_k[int(cert_i[j])]
            if ou[j] < 0.08:
                origin.append(None)
            elif c == "hospital" and ou[j] < 0.9:
                origin.append(self.hospital_near(reg[int(i)], 0.5))
            elif ou[j] < 0.85:
                origin.append("家中")
            else:
                origin.append(f"{county_label(reg[int(i)])}{choose(rng, VILLAGES)}")
        crem_cause = [causes[int(i)] if rng.random() < 0.8 else weighted(rng, cause_items) for i in idx]
        self.bulk["cremations"].append(pl.DataFrame({
            "person_id": pids[idx], "death_date": np.where(rng.random(len(idx)) < 0.02, np.datetime64("NaT"), death[idx]),
            "cremated_on": cron[idx], "funeral_home": fh,
            "fh_region": [self.places.fh_region[f] for f in fh], "death_cause": crem_cause,
            "cert": [certs_k[int(c)] for c in cert_i], "body_origin": origin,
        }, schema=SCHEMAS["cremations"]))

    # ------------------------------------------------------------------ background injuries
    def build_injury_encounters(self) -> None:
        rng = self.rng
        n = max(500, self.n(1_200_000))
        w = np.array([m[0] for m in BG_MECHANISMS])
        mech = rng.choice(len(BG_MECHANISMS), size=n, p=w / w.sum())
        prof = np.array([BG_MECHANISMS[int(m)][4] for m in mech])
        ages = np.select(
            [prof == "old", prof == "edge", prof == "adult", prof == "child", prof == "young"],
            [rng.normal(70, 14, n),
             np.where(rng.random(n) < 0.5, rng.uniform(0, 10, n), rng.uniform(70, 95, n)),
             rng.normal(42, 14, n), rng.uniform(0, 12, n), rng.uniform(12, 35, n)],
            rng.uniform(2, 85, n))
        ages = np.clip(ages, 1.2, 100)  # born before the period starts
        male = rng.random(n) < np.where(np.isin(prof, ["adult", "young"]), 0.64, 0.5)
        regions = self.pop.shanxi_counties(n)
        mig = rng.random(n) < 0.03
        from .refdata import OUT_OF_PROVINCE
        regions[mig] = np.array(OUT_OF_PROVINCE, dtype="U6")[rng.integers(0, len(OUT_OF_PROVINCE), int(mig.sum()))]
        people = self.pop.make(ages, male, regions, 0.12)
        pids = people["person_id"].to_list()
        reg = people["reg_region"].to_list()
        winter = np.array([BG_MECHANISMS[int(m)][1] == "X47" for m in mech])
        offs = np.where(winter, rand_day(rng, n, 0.9), rand_day(rng, n, 0.0))
        minutes = (np.mod(rng.normal(14, 5, n), 24) * 60).astype(np.int64)
        adm = (np.datetime64(PERIOD_START.isoformat(), "m") + offs.astype("timedelta64[D]")
               + minutes.astype("timedelta64[m]"))
        inpatient = rng.random(n) < np.array([BG_MECHANISMS[int(m)][5] for m in mech])
        los_min = np.where(inpatient, rng.lognormal(np.log(7), 0.6, n) * 1440,
                           rng.uniform(40, 480, n)).astype(np.int64)
        dis = adm + los_min.astype("timedelta64[m]")
        disp = rng.choice(3, size=n, p=[0.94, 0.03, 0.03])
        disp_k = ["discharged", "transferred", "left_against_advice"]
        ext: list[str | None] = []
        diag: list[str] = []
        u = rng.random(n)
        for k in range(n):
            m = BG_MECHANISMS[int(mech[k])]
            diag.append(choose(rng, m[3]))
            if u[k] < 0.07:
                ext.append(None)
            elif m[1] == "V":
                ext.append(choose(rng, TRAFFIC_V + PEDESTRIAN_V + MOTORCYCLE_V))
            else:
                places = m[2]
                keys = list(places)
                pk = keys[int(rng.choice(len(keys), p=np.array([places[x] for x in keys])))] if len(keys) > 1 else keys[0]
                ext.append(f"{m[1]}.{pk}")
        hosp = [self.hospital_near(r if r.startswith("14") else "140105", 0.35) for r in reg]
        payer_k = ["resident_insurance", "employee_insurance", "self_pay", "commercial", "other", None]
        payer = [payer_k[int(i)] for i in rng.choice(6, size=n, p=[0.43, 0.22, 0.22, 0.05, 0.05, 0.03])]
        emp_u = rng.random(n)
        employer = [employer_variant(self.e_name[int(rng.integers(0, self.n_ent))], rng, free_typed=True)
                    if payer[k] == "employee_insurance" and emp_u[k] < 0.1 else None for k in range(n)]
        extract_m = np.datetime64(EXTRACT.isoformat(), "m") + np.timedelta64(1439, "m")
        dis_out = np.where(dis > extract_m, np.datetime64("NaT"), dis)
        disp_out = [disp_k[int(d)] if not np.isnat(dis_out[k]) else "discharged" for k, d in enumerate(disp)]
        frame = pl.DataFrame({
            "person_id": pids, "hospital": hosp, "h_region": [self.places.hosp_region[h] for h in hosp],
            "admitted_at": adm.astype("datetime64[us]"), "discharged_at": dis_out.astype("datetime64[us]"),
            "diag": diag, "ext": ext, "disposition": disp_out, "payer": payer,
            "employer_name": employer, "ed": (~inpatient).tolist(), "unknown": [False] * n,
        }, schema=SCHEMAS["medical_records"])
        # transfers continue at a higher-level hospital
        tr = frame.filter(pl.col("disposition") == "transferred")
        nt = tr.height
        if nt:
            hosp2 = [choose(rng, self.places.prov_hosp) if rng.random() < 0.5
                     else choose(rng, self.places.city_hosp[h[:4]]) for h in tr["h_region"].to_list()]
            gap = rng.uniform(60, 300, nt).astype(np.int64).astype("timedelta64[m]")
            a2 = tr["discharged_at"].to_numpy().astype("datetime64[m]") + gap
            d2 = a2 + (rng.lognormal(np.log(9), 0.5, nt) * 1440).astype(np.int64).astype("timedelta64[m]")
            d2 = np.where(d2 > extract_m, np.datetime64("NaT"), d2)
            frame2 = pl.DataFrame({
                "person_id": tr["person_id"], "hospital": hosp2,
                "h_region": [self.places.hosp_region[h] for h in hosp2],
                "admitted_at": a2.astype("datetime64[us]"), "discharged_at": d2.astype("datetime64[us]"),
                "diag": tr["diag"], "ext": tr["ext"], "disposition": ["discharged"] * nt,
                "payer": tr["payer"], "employer_name": tr["employer_name"], "ed": [False] * nt,
                "unknown": [False] * nt,
            }, schema=SCHEMAS["medical_records"])
            frame = pl.concat([frame, frame2.filter(pl.col("admitted_at").dt.date() <= EXTRACT)])
        self.bulk["medical_records"].append(frame)

    def build_work_injuries(self) -> None:
        """Minor work injuries with claims (not reportable accidents)."""
        rng = self.rng
        n = max(50, self.n(40_000))
        w = np.array([m[0] for m in WORK_MECHANISMS])
        idx = rng.choice(len(self.w_pid), size=n)
        for k in range(n):
            i = int(idx[k])
            pid = self.w_pid[i]
            if pid in self.used:
                continue
            e = int(self.w_ent[i])
            d = day(int(rng.integers(0, PERIOD_DAYS)))
            if self.w_start[i] > np.datetime64(d.isoformat()):
                continue
            mech = WORK_MECHANISMS[int(rng.choice(len(WORK_MECHANISMS), p=w / w.sum()))]
            commute = mech[1] == "V"
            diag = choose(rng, mech[2])
            if rng.random() < 0.8:
                if commute:
                    ext: str | None = choose(rng, MOTORCYCLE_V + TRAFFIC_V)
                else:
                    ext = f"{mech[1]}.{'6' if rng.random() < 0.7 else choose(rng, ['9', '8'])}"
                if rng.random() < 0.12:
                    ext = None
                adm = at_time(d, float(rng.normal(13, 4)))
                ed = rng.random() < 0.5
                los = timedelta(hours=float(rng.uniform(1, 6))) if ed else timedelta(days=float(rng.uniform(2, 13)))
                payer = wchoice(rng, {"work_injury_insurance": 0.55, "employee_insurance": 0.2, "self_pay": 0.2, "other": 0.05})
                emp = employer_variant(self.e_name[e], rng, free_typed=True) if rng.random() < 0.5 else None
                self.add_med(pid, self.hospital_near(self.e_region[e], 0.4), adm, adm + los, diag, ext,
                             "discharged", payer, emp, ed)
            outcome = wchoice(rng, {"injury": 0.5, "disability_10": 0.17, "disability_9": 0.1,
                                    "disability_8": 0.06, "disability_7": 0.04, "disability_6": 0.015,
                                    "disability_5": 0.008, "rejected": 0.1})
            text = choose(rng, BG_WORK_TEXT).format(part=choose(rng, BODY_PARTS))
            if commute:
                text = choose(rng, ["下班途中驾驶电动车与汽车相撞受伤", "上班途中发生交通事故受伤"])
            ctx = {"employer": self.e_name[e], "uscc": self.e_uscc[e], "ind": self.e_ind[e]}
            self.claim_for(pid, ctx, d, 20, outcome, text if rng.random() < 0.95 else None, self.e_region[e])

    # ------------------------------------------------------------------ assembly
    def build(self) -> None:
        self.build_workers()
        self.build_incidents()
        self.build_worker_deaths()
        self.build_nonocc_deaths()
        self.build_natural_deaths()
        self.build_injury_encounters()
        self.build_work_injuries()

    def source_frame(self, src: str) -> pl.DataFrame:
        parts = list(self.bulk[src])
        if self.rows[src]:
            parts.append(pl.DataFrame(self.rows[src], schema=SCHEMAS[src]))
        if not parts:
            return pl.DataFrame(schema=SCHEMAS[src])
        return pl.concat(parts)

    def all_deaths(self) -> pl.DataFrame:
        schema = {"person_id": pl.Utf8, "death_class": pl.Utf8, "incident_id": pl.Utf8,
                  "death_date": pl.Date}
        return pl.concat([*self.bulk_deaths, pl.DataFrame(self.deaths, schema=schema)])

    def reconcile_employment(self, emp: pl.DataFrame, deaths: pl.DataFrame) -> pl.DataFrame:
        """Spells of the dead: none start after death; open ones mostly close soon after."""
        rng = self.rng
        d = deaths.filter(pl.col("death_date").is_not_null()).select("person_id", "death_date")
        emp = emp.with_row_index("_i").join(d, on="person_id", how="left")
        emp = emp.filter(pl.col("death_date").is_null() | (pl.col("start") <= pl.col("death_date")))
        lag = pl.Series("_lag", rng.integers(0, 60, emp.height)).cast(pl.Int64)
        close = pl.Series("_close", rng.random(emp.height) < 0.7)
        emp = emp.with_columns(lag, close)
        new_end = pl.col("death_date") + pl.duration(days=pl.col("_lag"))
        emp = emp.with_columns(
            pl.when(pl.col("death_date").is_null())
            .then(pl.col("end"))
            .when(pl.col("end").is_not_null() & (pl.col("end") <= pl.col("death_date")))
            .then(pl.col("end"))
            .when(pl.col("_close"))
            .then(pl.min_horizontal(new_end, pl.lit(EXTRACT)))
            .otherwise(pl.col("end"))
            .alias("end"))
        return emp.sort("_i").select(list(SCHEMAS["employment"]))


# ---------------------------------------------------------------------- rendering
def _dates(s: pl.Series) -> list[date | None]:
    return s.to_list()


def render(gen: Generator, persons: pl.DataFrame, src: str, df: pl.DataFrame) -> pl.DataFrame:
    rng = gen.rng
    prof = PROFILES[src]
    df = df.join(persons, on="person_id", how="left")
    n = df.height
    names = render_names(rng, df["name"].to_list(), prof.name_err)
    if src == "medical_records":
        boost = [0.35 if e else 0.12 for e in df["ed"].to_list()]
        ids = render_ids(rng, df["id18"].to_list(), prof, boost)
        unknown = df["unknown"].to_list()
        names = ["无名氏" if u else nm for u, nm in zip(unknown, names, strict=True)]
        ids = [None if u else i for u, i in zip(unknown, ids, strict=True)]
    else:
        ids = render_ids(rng, df["id18"].to_list(), prof)
    sexes = render_sex(rng, df["sex"].to_list(), prof)
    births: list[date] = df["birth"].to_list()
    cols: dict[str, Any]
    if src == "accident_victims":
        acc_date = df["occurred_on"].to_list()
        cols = {"accident_id": df["accident_id"], "name": names, "id_number": ids, "sex": sexes,
                "age": render_ages(rng, births, acc_date, prof), "outcome": df["outcome"]}
    elif src == "deregistrations":
        bd = [None if rng.random() < 0.02 else b for b in births]
        cols = {"name": names, "id_number": ids, "sex": sexes,
                "birth_date": pl.Series(bd, dtype=pl.Date), "death_date": df["death_date"],
                "deregistered_on": df["dereg_on"], "region_code": df["reg_region"],
                "reason": df["reason"], "death_cause": df["death_cause"]}
    elif src == "cremations":
        dd = _dates(df["death_date"])
        at = [d if d is not None else c for d, c in zip(dd, _dates(df["cremated_on"]), strict=True)]
        cols = {"name": names, "id_number": ids, "sex": sexes,
                "age": render_ages(rng, births, at, prof),
                "death_date": render_dates(rng, dd, prof.date_styles),
                "cremated_on": render_dates(rng, _dates(df["cremated_on"]), prof.date_styles),
                "funeral_home": df["funeral_home"], "region_code": df["fh_region"],
                "death_cause": df["death_cause"], "certificate_issuer": df["cert"],
                "body_origin": df["body_origin"]}
    elif src == "injury_claims":
        cols = {"name": names, "id_number": ids, "sex": sexes, "employer_name": df["employer_name"],
                "employer_uscc": df["employer_uscc"],
                "injury_date": render_dates(rng, _dates(df["injury_date"]), prof.date_styles),
                "applied_on": render_dates(rng, _dates(df["applied_on"]), prof.date_styles),
                "decided_on": render_dates(rng, _dates(df["decided_on"]), prof.date_styles),
                "outcome": df["outcome"], "injury_description": df["description"],
                "region_code": df["region"]}
    elif src == "medical_records":
        adm: list[datetime] = df["admitted_at"].to_list()
        cols = {"name": names, "id_number": ids, "sex": sexes,
                "age": render_ages(rng, births, [a.date() for a in adm], prof),
                "hospital": df["hospital"], "region_code": df["h_region"],
                "admitted_at": render_datetimes(rng, adm, prof.date_styles),
                "discharged_at": render_datetimes(rng, df["discharged_at"].to_list(), prof.date_styles),
                "diagnosis_icd10": df["diag"], "external_cause_icd10": df["ext"],
                "disposition": df["disposition"], "payer": df["payer"],
                "employer_name": df["employer_name"]}
    else:  # employment
        cols = {"id_number": [i if i is not None else "" for i in ids],
                "name": [None if rng.random() < 0.01 else nm for nm in names],
                "employer_name": df["employer_name"], "employer_uscc": df["employer_uscc"],
                "industry": df["industry"],
                "start_date": render_dates(rng, _dates(df["start"]), prof.date_styles),
                "end_date": render_dates(rng, _dates(df["end"]), prof.date_styles)}
    out = pl.DataFrame({"person_id": df["person_id"], **cols})
    assert out.height == n
    return out


SORT_KEYS = {"accident_victims": "accident_id", "deregistrations": "dereg_on",
             "cremations": "cremated_on", "injury_claims": "applied_on",
             "medical_records": "admitted_at", "employment": "start"}
ID_FORMAT = {"accident_victims": "SW{:06d}", "deregistrations": "HJZX{:08d}",
             "cremations": "BZ-{:07d}", "injury_claims": "GS2025{:07d}",
             "medical_records": "MR{:09d}", "employment": "SB{:09d}"}


def write_outputs(gen: Generator, out: Path) -> dict[str, int]:
    rng = gen.rng
    out.mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(exist_ok=True)
    persons = gen.pop.all()
    deaths = gen.all_deaths()

    # accidents: ids in order of occurrence
    acc = pl.DataFrame(gen.accidents, infer_schema_length=None).sort("occurred_at")
    acc_ids = {}
    per_city: dict[str, int] = {}
    for key, occ, reg in acc.select("key", "occurred_at", "region_code").iter_rows():
        c = reg[:4]
        per_city[c] = per_city.get(c, 0) + 1
        acc_ids[key] = f"AQ{occ.year}{c}{per_city[c]:04d}"
    acc_out = acc.with_columns(
        pl.col("key").replace_strict(acc_ids).alias("record_id"),
        pl.Series("occurred_at", render_datetimes(rng, acc["occurred_at"].to_list(), (0.85, 0.1, 0.0, 0.05))),
        pl.Series("reported_at", render_datetimes(rng, acc["reported_at"].to_list(), (0.85, 0.1, 0.0, 0.05))),
    ).select("record_id", "occurred_at", "reported_at", "region_code", "address", "enterprise_name",
             "enterprise_uscc", "industry", "accident_type", "reported_deaths",
             "reported_serious_injuries", "reported_minor_injuries", "direct_loss_10k_yuan")
    (out / "accidents.csv").write_bytes(acc_out.write_csv().encode("utf-8"))

    acc_dates = {k: o.date() for k, o in acc.select("key", "occurred_at").iter_rows()}
    counts: dict[str, int] = {"accidents": acc_out.height}
    rp: list[pl.DataFrame] = []
    emp_frame = gen.reconcile_employment(gen.source_frame("employment"), deaths)
    for src in PERSON_SOURCES:
        df = emp_frame if src == "employment" else gen.source_frame(src)
        if src == "accident_victims":
            df = df.with_columns(
                pl.col("accident_key").replace_strict(acc_ids).alias("accident_id"),
                pl.col("accident_key").replace_strict(acc_dates, return_dtype=pl.Date).alias("occurred_on"))
        sk = SORT_KEYS[src]
        df = df.with_columns(pl.Series("_r", rng.random(df.height))).sort([sk, "_r"], nulls_last=True)
        rendered = render(gen, persons, src, df)
        rid = [ID_FORMAT[src].format(k + 1) for k in range(rendered.height)]
        rendered = rendered.with_columns(pl.Series("record_id", rid))
        rp.append(pl.DataFrame({"source": [src] * rendered.height, "record_id": rid,
                                "person_id": rendered["person_id"]}))
        body = rendered.select(["record_id", *[c for c in rendered.columns if c not in ("record_id", "person_id")]])
        counts[src] = body.height
        if src == "deregistrations":
            body.write_parquet(out / "deregistrations.parquet")
        elif src == "employment":
            body.write_parquet(out / "employment.parquet")
        elif src == "cremations":
            (out / "cremations.csv").write_bytes(body.write_csv().encode("gb18030"))
        elif src == "accident_victims":
            (out / "accident_victims.csv").write_bytes(body.write_csv().encode("utf-8-sig"))
        else:
            (out / f"{src}.csv").write_bytes(body.write_csv().encode("utf-8"))

    ent = gen.ent.df.select(pl.col("registered_uscc").alias("uscc"), "name", "industry",
                            "region_code", "high_risk")
    (out / "enterprises.csv").write_bytes(ent.write_csv().encode("utf-8"))
    counts["enterprises"] = ent.height

    # truth
    pl.concat(rp).write_parquet(out / "truth" / "record_person.parquet")
    inc = pl.DataFrame(gen.incidents, infer_schema_length=None).with_columns(
        pl.col("accident_key").replace_strict(acc_ids, default=None).alias("accident_record_id"))
    inc.select("incident_id", "accident_record_id", "kind", pl.col("true_deaths").cast(pl.Int64),
               pl.col("reported_deaths").cast(pl.Int64), pl.col("employer_uscc").cast(pl.Utf8),
               pl.col("occurred_on").cast(pl.Date)).write_parquet(out / "truth" / "incidents.parquet")
    ip = pl.DataFrame(gen.incident_person, schema={"incident_id": pl.Utf8, "person_id": pl.Utf8,
                                                    "outcome": pl.Utf8, "reported_outcome": pl.Utf8})
    ip.write_parquet(out / "truth" / "incident_person.parquet")
    deaths.select("person_id", "death_class", "incident_id").write_parquet(out / "truth" / "deaths.parquet")
    return counts


def tallies(out: Path) -> dict[str, int]:
    inc = pl.read_parquet(out / "truth" / "incidents.parquet")
    ip = pl.read_parquet(out / "truth" / "incident_person.parquet")
    hidden = ip.join(inc.select("incident_id", "kind"), on="incident_id").filter(
        pl.col("kind").is_in(["concealed", "under_reported"]) & (pl.col("outcome") == "death")
        & (pl.col("reported_outcome").is_null() | (pl.col("reported_outcome") != "death")))
    return {
        "hidden_deaths": hidden.height,
        "concealed": inc.filter(pl.col("kind") == "concealed").height,
        "under_reported": inc.filter(pl.col("kind") == "under_reported").height,
        "reported": inc.filter(pl.col("kind") == "reported").height,
        "incident_deaths": int(inc["true_deaths"].sum()),
    }


def generate(out: Path, scale: float, seed: int) -> dict[str, int]:
    gen = Generator(scale, seed)
    gen.build()
    return write_outputs(gen, out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--scale", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    counts = generate(a.out, a.scale, a.seed)
    for k, v in counts.items():
        print(f"{k:18s} {v:>9d}")
    for k, v in tallies(a.out).items():
        print(f"truth.{k:18s} {v:>6d}")
    print(f"seconds {time.perf_counter() - t0:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

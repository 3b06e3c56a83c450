"""Generate the altgen13 Shanxi 2024 world: ``python -m benchmarks.altgen13.generate --out DIR
--scale S --seed N``.

Scale 1.0 is the whole province for one year; everything (enterprises, workers, deaths, injuries,
accidents, concealment) scales linearly, except that every concealment pattern appears at least once.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import polars as pl

from . import ids as I
from .names import miswrite, random_name
from .world import OUT_REGIONS, County, FuneralHome, World, build_world

EXTRACT = date(2025, 3, 31).toordinal()
Y0 = date(2024, 1, 1).toordinal()
Y1 = date(2024, 12, 31).toordinal()

# ---- magnitudes at scale 1.0 (Shanxi, one year) -------------------------------------------------
DEATHS_PER_YEAR = 290_000
BG_DEATHS = {  # non-natural background deaths and work-related non-accident deaths
    "traffic": 2_100, "home_fall": 2_600, "co_home_events": 160, "other_accident": 1_500,
    "suicide": 2_400, "commute": 120, "sudden_at_work": 90, "pneumoconiosis": 160}
MEDICAL_ENCOUNTERS = 950_000  # background inpatient + emergency injury encounters (living)
EXTRA_CLAIMS = 6_000  # work-injury claims treated in clinics (no hospital injury encounter)
REPORTED = {"fatal": 430, "injury_only": 300}
CONCEALED = {"multi_death": 15, "illness_disguise": 25, "moved_body": 15, "private_settlement": 20,
             "road_disguise": 10, "injured_only": 15}
UNDER = {"below_line": 15, "large_gap": 4, "impersonated": 5, "late_death": 15}
# industry: (enterprises, mean workforce, share enrolled in social insurance)
INDUSTRY = {"coal_mining": (900, 560, 0.95), "non_coal_mining": (700, 50, 0.6),
            "hazardous_chemicals": (1_100, 110, 0.85), "metallurgy": (350, 450, 0.9),
            "construction": (5_000, 70, 0.45), "transport": (2_500, 40, 0.6),
            "fireworks": (120, 25, 0.5), "manufacturing": (7_000, 45, 0.75),
            "other": (12_000, 14, 0.6)}
HIGH_RISK = {"coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy", "construction",
             "fireworks"}
WORKING_AGE_POP = 23_600_000

FORMATS = {"accidents": "gb18030", "accident_victims": "gb18030", "deregistrations": "utf-8",
           "cremations": "gb18030", "injury_claims": "utf-8-sig", "medical_records": "parquet",
           "employment": "parquet", "enterprises": "parquet"}
COLUMNS = {
    "accidents": ["record_id", "occurred_at", "reported_at", "region_code", "address",
                  "enterprise_name", "enterprise_uscc", "industry", "accident_type",
                  "reported_deaths", "reported_serious_injuries", "reported_minor_injuries",
                  "direct_loss_10k_yuan"],
    "accident_victims": ["record_id", "accident_id", "name", "id_number", "sex", "age", "outcome"],
    "deregistrations": ["record_id", "name", "id_number", "sex", "birth_date", "death_date",
                        "deregistered_on", "region_code", "reason", "death_cause"],
    "cremations": ["record_id", "name", "id_number", "sex", "age", "death_date", "cremated_on",
                   "funeral_home", "region_code", "death_cause", "certificate_issuer",
                   "body_origin"],
    "injury_claims": ["record_id", "name", "id_number", "sex", "employer_name", "employer_uscc",
                      "injury_date", "applied_on", "decided_on", "outcome", "injury_description",
                      "region_code"],
    "medical_records": ["record_id", "name", "id_number", "sex", "age", "hospital", "region_code",
                        "admitted_at", "discharged_at", "diagnosis_icd10", "external_cause_icd10",
                        "disposition", "payer", "employer_name"],
    "employment": ["record_id", "id_number", "name", "employer_name", "employer_uscc", "industry",
                   "start_date", "end_date"],
    "enterprises": ["uscc", "name", "industry", "region_code", "high_risk"],
}
PERSON_SOURCES = ["accident_victims", "deregistrations", "cremations", "injury_claims",
                  "medical_records", "employment"]

# how each department writes IDs (kind: probability) and names (error kind: probability)
ID_PROFILE = {
    "accident_victims": {"missing": .07, "wrong_check": .02, "typo1": .03, "transposed": .01,
                         "legacy15": .01},
    "deregistrations": {"missing": .004, "legacy15": .02, "typo1": .004, "wrong_check": .002,
                        "valid_corrupt": .002},
    "cremations": {"missing": .0, "typo1": .06, "transposed": .03, "wrong_check": .03,
                   "legacy15": .04, "valid_corrupt": .01},
    "injury_claims": {"missing": .01, "typo1": .02, "wrong_check": .01, "transposed": .01},
    "medical_records": {"missing": .0, "typo1": .04, "transposed": .02, "wrong_check": .02,
                        "legacy15": .02},
    "employment": {"typo1": .01, "transposed": .005, "wrong_check": .005, "legacy15": .01},
}
LOWER_X = {"accident_victims": .3, "deregistrations": 0.0, "cremations": .4,
           "injury_claims": .2, "medical_records": .5, "employment": .1}
NAME_PROFILE = {
    "accident_victims": {"homophone": .03, "space": .02, "drop": .005},
    "deregistrations": {"homophone": .004, "traditional": .002},
    "cremations": {"homophone": .06, "traditional": .03, "drop": .01, "dup": .005, "space": .01},
    "injury_claims": {"homophone": .02, "space": .01, "dot": .003},
    "medical_records": {"pinyin": .02, "homophone": .04, "drop": .01, "space": .01},
    "employment": {"traditional": .005, "homophone": .005, "dot": .003},
}

ACC_TYPES = {
    "coal_mining": {"roof_fall": 35, "gas_explosion": 5, "flooding": 5, "vehicle": 15,
                    "machinery": 10, "electrocution": 5, "poisoning_asphyxiation": 8,
                    "struck_by_object": 10, "other": 7},
    "non_coal_mining": {"roof_fall": 30, "collapse": 15, "struck_by_object": 15, "vehicle": 10,
                        "machinery": 10, "explosion": 5, "fall_from_height": 10, "other": 5},
    "hazardous_chemicals": {"poisoning_asphyxiation": 35, "explosion": 25, "fire": 20, "burn": 10,
                            "other": 10},
    "metallurgy": {"burn": 30, "lifting": 20, "machinery": 15, "poisoning_asphyxiation": 15,
                   "explosion": 10, "struck_by_object": 10},
    "construction": {"fall_from_height": 50, "collapse": 15, "struck_by_object": 15,
                     "lifting": 10, "electrocution": 5, "machinery": 5},
    "transport": {"vehicle": 100},
    "fireworks": {"explosion": 80, "fire": 20},
    "manufacturing": {"machinery": 40, "struck_by_object": 15, "electrocution": 10, "burn": 10,
                      "fall_from_height": 10, "poisoning_asphyxiation": 5, "fire": 5, "other": 5},
    "other": {"fall_from_height": 30, "electrocution": 15, "poisoning_asphyxiation": 15,
              "fire": 15, "other": 25},
}
# accident type: (diagnoses, external causes, claim description)
INJURY = {
    "roof_fall": (["S06.5", "S32.0", "S22.4", "T07", "S12.0"], ["W20.6"], "井下作业时顶板冒落被砸伤"),
    "gas_explosion": (["T31.5", "T58", "T27.3", "T07"], ["W40.6", "X47.6"], "井下瓦斯爆炸致伤"),
    "flooding": (["T75.1", "T71"], ["W74.6"], "井下透水被困"),
    "fall_from_height": (["S06.5", "S32.0", "S72.0", "T07", "S22.4"], ["W13.6", "W12.6", "W11.6"],
                         "高处作业时坠落"),
    "struck_by_object": (["S06.0", "S02.1", "S42.0", "S22.3"], ["W20.6"], "作业中被坠落物体砸伤"),
    "machinery": (["S68.1", "S62.6", "S57.8", "T04.2"], ["W31.6", "W24.6"], "操作设备时被机器挤伤"),
    "electrocution": (["T75.4"], ["W87.6"], "检修线路时触电"),
    "poisoning_asphyxiation": (["T58", "T59.7", "T71"], ["X47.6"], "进入受限空间作业中毒窒息"),
    "vehicle": (["S06.5", "T07", "S27.3", "S82.2"], ["V47.5", "V43.5", "V83.5"], "驾驶车辆发生事故受伤"),
    "lifting": (["S06.5", "S32.0", "T07"], ["W24.6", "W20.6"], "起重作业时被吊物砸伤"),
    "collapse": (["T71", "S06.5", "T07"], ["W77.6", "W20.6"], "坍塌被埋压"),
    "fire": (["T31.3", "T29.3", "T59.8"], ["X00.6"], "火灾中烧伤"),
    "explosion": (["T31.5", "T07", "S06.5"], ["W40.6"], "爆炸致伤"),
    "burn": (["T29.3", "T31.2", "T24.3"], ["X18.6", "X12.6"], "被高温物料烫伤"),
    "other": (["S06.0", "T07", "S32.0"], ["W19.6", "X59.9"], "工作中受伤"),
}
NATURAL_CAUSES = ["脑梗死", "心肌梗死", "肺癌", "慢性阻塞性肺疾病", "脑出血", "多器官功能衰竭",
                  "心力衰竭", "肝癌", "胃癌", "糖尿病并发症", "衰老", "病故", "冠心病", "食管癌"]
SUDDEN = ["猝死", "心源性猝死", "突发疾病", "病故", "心肌梗死"]
PLACES = ["公路边", "村口", "河滩", "山沟", "省道旁", "国道旁", "野外", "煤场附近"]


@dataclass(eq=False)
class Person:
    pid: str
    name: str
    sex: str
    birth: int
    hukou: str
    idno: str
    dup: bool = False
    death: int | None = None
    job: Spell | None = None


@dataclass(eq=False)
class Ent:
    uscc: str
    name: str
    short: str
    industry: str
    county: County
    high_risk: bool
    share: float
    size: int
    workers: list[Person] = field(default_factory=list)


@dataclass(eq=False)
class Spell:
    person: Person
    ent: Ent
    start: int
    end: int | None


@dataclass(eq=False)
class Incident:
    kind: str
    sub: str
    ent: Ent
    day: int
    industry: str
    acc_type: str
    members: list[tuple[Person, str, str | None]] = field(default_factory=list)
    named_as: dict[int, Person] = field(default_factory=dict)  # member index → borrowed identity
    accident: dict[str, Any] | None = None
    iid: str = ""
    hour: float = 0.0


def ymd(o: int) -> date:
    return date.fromordinal(o)


def fmt_date(o: int | None, style: str) -> str | None:
    if o is None:
        return None
    d = date.fromordinal(o)
    if style == "slash":
        return f"{d.year}/{d.month}/{d.day}"
    if style == "compact":
        return f"{d.year:04d}{d.month:02d}{d.day:02d}"
    if style == "cn":
        return f"{d.year}年{d.month}月{d.day}日"
    return d.isoformat()


def pick(rng: random.Random, table: Mapping[str, float]) -> str:
    r = rng.random() * sum(table.values())
    for k, w in table.items():
        r -= w
        if r < 0:
            return k
    return list(table)[-1]


def poisson(rng: random.Random, lam: float) -> int:
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    k, p, lim = 0, 1.0, math.exp(-lam)
    while True:
        p *= rng.random()
        if p < lim:
            return k
        k += 1


class Gen:
    def __init__(self, scale: float, seed: int) -> None:
        self.s = scale
        self.rng = random.Random(seed)
        self.w: World = build_world(random.Random(seed * 7919 + 13))
        self.persons: list[Person] = []
        self.rows: dict[str, list[tuple[Any, ...]]] = {s: [] for s in PERSON_SOURCES}
        self.spells: list[Spell] = []
        self.ents: list[Ent] = []
        self.by_ind: dict[str, list[Ent]] = {}
        self.employees: list[Person] = []
        self.incidents: list[Incident] = []
        self.death_class: dict[str, tuple[str, Incident | None]] = {}
        self.id_pool: list[str] = []
        self.nseq = 0
        self.in_incident: set[str] = set()
        self.city_codes: dict[str, list[str]] = {}
        for c in self.w.counties:
            self.city_codes.setdefault(c.city, []).append(c.code)

    # ---- people ----------------------------------------------------------------------------
    def county(self) -> County:
        r = self.rng.random() * self.w.cum_weights[-1]
        lo, hi = 0, len(self.w.cum_weights) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if self.w.cum_weights[mid] < r:
                lo = mid + 1
            else:
                hi = mid
        return self.w.counties[lo]

    def new_person(self, sex: str, age: float, at: int, hukou: str | None = None) -> Person:
        rng = self.rng
        birth = at - int(age * 365.25) - rng.randrange(0, 365)
        hk = hukou or self.county().code
        id_region = hk
        if hk.startswith("14") and rng.random() < 0.12:  # born elsewhere in the city
            id_region = rng.choice(self.city_codes[hk[:4]])
        b = ymd(birth)
        seq = rng.randrange(0, 500) * 2 + (1 if sex == "M" else 0)
        idno = I.make_id(id_region, f"{b.year:04d}{b.month:02d}{b.day:02d}", seq)
        dup = False
        if self.id_pool and rng.random() < 0.0006:  # duplicated ID numbers in the register
            idno, dup = rng.choice(self.id_pool), True
        elif rng.random() < 0.01:
            self.id_pool.append(idno)
        self.nseq += 1
        p = Person(f"P{self.nseq:07d}", random_name(rng, sex), sex, birth, hk, idno, dup)
        self.persons.append(p)
        return p

    def worker_hukou(self, ent: Ent) -> str:
        r = self.rng.random()
        far = 0.15 if ent.industry in ("coal_mining", "construction", "non_coal_mining") else 0.06
        if r < far:
            return self.rng.choice(OUT_REGIONS)
        if r < far + 0.6:
            return ent.county.code
        if r < far + 0.8:
            return self.rng.choice(self.city_codes[ent.county.city])
        return self.county().code

    def worker_age(self, ent: Ent) -> tuple[str, float]:
        male = {"coal_mining": .96, "non_coal_mining": .93, "construction": .9, "metallurgy": .85,
                "transport": .88, "hazardous_chemicals": .75, "fireworks": .5}.get(ent.industry, .6)
        sex = "M" if self.rng.random() < male else "F"
        return sex, min(63.0, max(18.0, self.rng.gauss(42, 10)))

    def new_worker(self, ent: Ent, at: int) -> Person:
        sex, age = self.worker_age(ent)
        return self.new_person(sex, age, at, self.worker_hukou(ent))

    # ---- rendering helpers -------------------------------------------------------------------
    def r_id(self, p: Person, src: str, missing: float = 0.0) -> tuple[str | None, str]:
        rng = self.rng
        prof = dict(ID_PROFILE[src])
        prof["missing"] = prof.get("missing", 0.0) + missing
        kind = "clean"
        r = rng.random()
        for k, w in prof.items():
            r -= w
            if r < 0:
                kind = k
                break
        v = p.idno
        if kind == "missing":
            return None, "missing"
        if kind == "legacy15":
            if ymd(p.birth).year >= 2000:
                kind = "clean"
            else:
                return I.legacy15(v), "legacy15"
        if kind == "typo1":
            return I.typo1(rng, v), "typo1"
        if kind == "transposed":
            t = I.transposed(rng, v)
            if t is not None and not I.id_is_valid(t):
                return t, "transposed"
            return I.typo1(rng, v), "typo1"
        if kind == "wrong_check":
            return I.wrong_check(rng, v), "wrong_check"
        if kind == "valid_corrupt":
            t = I.valid_corrupt(rng, v)
            if t != v:
                return t, "valid_corrupt"
        if v.endswith("X") and rng.random() < LOWER_X[src]:
            return v[:17] + "x", "lower_x"
        return v, ("duplicate" if p.dup else "clean")

    def r_name(self, p: Person, src: str) -> str:
        r = self.rng.random()
        for k, w in NAME_PROFILE[src].items():
            r -= w
            if r < 0:
                return miswrite(self.rng, p.name, k)
        return p.name

    def r_sex(self, sex: str, style: str, missing: float = 0.01) -> str | None:
        if self.rng.random() < missing:
            return None
        if style == "cn":
            return "男" if sex == "M" else "女"
        if style == "num":
            return "1" if sex == "M" else "2"
        return sex

    @staticmethod
    def age_at(p: Person, o: int) -> int:
        b, d = ymd(p.birth), ymd(o)
        return d.year - b.year - ((d.month, d.day) < (b.month, b.day))

    def ent_name(self, ent: Ent, dept: str) -> str:
        rng, r = self.rng, self.rng.random()
        if dept == "accidents":
            return ent.short if r < 0.12 else ent.name
        if dept == "claims":
            if r < 0.15:
                return ent.name.replace("有限责任公司", "有限公司") if "有限责任" in ent.name \
                    else ent.name.replace("有限公司", "有限责任公司")
            if r < 0.22:
                return miswrite(rng, ent.name, "homophone")
            if r < 0.3:
                return ent.name.replace("山西", "山西省", 1) if ent.name.startswith("山西") \
                    else "山西" + ent.name
            return ent.name
        if dept == "employment":
            if r < 0.08:
                return ent.name.replace("有限公司", "(有限公司)").replace("((", "(")
            if r < 0.12:
                return ent.name + "（原" + ent.short + "）"
            return ent.name
        # medical: what the patient or the ward nurse wrote
        return ent.short if r < 0.6 else ent.name

    def ent_uscc(self, ent: Ent, missing: float, typo: float) -> str | None:
        r = self.rng.random()
        if r < missing:
            return None
        if r < missing + typo:
            return I.mistype_uscc(self.rng, ent.uscc)
        return ent.uscc

    # ---- records -------------------------------------------------------------------------------
    def dereg(self, p: Person, death: int, cause: str | None, *, prob: float = 0.93,
              lag: int | None = None, reason: str = "death") -> None:
        rng = self.rng
        if not p.hukou.startswith("14") or rng.random() > prob:
            return
        lag = lag if lag is not None else int(min(400, rng.lognormvariate(math.log(18), 0.9)))
        on = death + max(1, lag)
        if on > EXTRACT:
            return
        c = self.w.by_code.get(p.hukou)
        style = "compact" if c is not None and int(c.code) % 7 == 0 else "iso"
        idv, kind = self.r_id(p, "deregistrations")
        self.rows["deregistrations"].append((
            (on, rng.random()), p.pid, kind,
            (self.r_name(p, "deregistrations"), idv, self.r_sex(p.sex, "mf", 0.002),
             None if rng.random() < 0.02 else fmt_date(p.birth, style),
             None if reason == "declared_dead" and rng.random() < 0.5 else fmt_date(death, style),
             fmt_date(on, style), p.hukou, reason, cause)))

    def cremation(self, p: Person, death: int, cause: str | None, cert: str | None,
                  origin: str | None, *, lag: int | None = None, home: FuneralHome | None = None,
                  prob: float | None = None) -> FuneralHome | None:
        rng = self.rng
        c = self.w.by_code.get(p.hukou)
        if prob is None:
            prob = 0.55 if c is None else (0.92 if c.urban else 0.45)
        if rng.random() > prob:
            return None
        if home is None:
            if c is None or rng.random() < 0.04:
                c = self.county()
            home = self.w.funeral[c.funeral]
        if lag is None:
            lag = int(pick(rng, {"0": 1, "1": 8, "2": 22, "3": 40, "4": 15, "5": 6, "6": 4,
                                 "8": 3, "12": 1}))
        on = death + lag
        if on > EXTRACT:
            return None
        idv, kind = self.r_id(p, "cremations", missing=home.id_missing)
        if rng.random() < home.cause_blank:
            cause = None
        self.rows["cremations"].append((
            (home.name, on, rng.random()), p.pid, kind,
            (self.r_name(p, "cremations"), idv, self.r_sex(p.sex, home.sex_style, 0.03),
             None if rng.random() < 0.05 else str(self.age_at(p, death)),
             None if rng.random() < 0.03 else fmt_date(death, home.date_style),
             fmt_date(on, home.date_style), home.name, home.region, cause, cert, origin)))
        return home

    def hospital_near(self, code: str, serious: bool) -> tuple[str, str]:
        c = self.w.by_code.get(code) or self.county()
        if (serious and self.rng.random() < 0.6) or self.rng.random() < 0.3:
            return self.rng.choice(self.w.city_hospitals[c.city])
        return self.rng.choice(c.hospitals), c.code

    def medical(self, p: Person, where: str, admit: datetime, los: float, diag: str,
                ext: str | None, disp: str, payer: str | None, employer: str | None, *,
                serious: bool = False, id_missing: float = 0.25) -> datetime:
        rng = self.rng
        hosp, region = self.hospital_near(where, serious)
        dis = admit + timedelta(minutes=int(los * 1440 + rng.uniform(0, 480)))
        dis_v: datetime | None = dis
        if dis.date().toordinal() > EXTRACT or rng.random() < 0.03:
            dis_v = None
        unknown = disp == "died" and los < 0.3 and rng.random() < 0.08
        if unknown:
            name, idv, kind = "无名氏", None, "missing"
        else:
            name = self.r_name(p, "medical_records")
            idv, kind = self.r_id(p, "medical_records", missing=id_missing)
        if admit.date().toordinal() <= EXTRACT:
            self.rows["medical_records"].append((
                (hosp, admit, rng.random()), p.pid, kind,
                (name, idv, None if unknown else self.r_sex(p.sex, "mf", 0.02),
                 None if unknown else self.age_at(p, admit.date().toordinal()), hosp, region,
                 admit, dis_v, diag, ext, disp, payer, employer)))
        return dis

    def claim(self, p: Person, ent: Ent | None, injury: int, outcome: str, desc: str | None, *,
              lag: int | None = None, employer_name: str | None = None) -> None:
        rng = self.rng
        if lag is None:
            lag = rng.randint(5, 30) if rng.random() < 0.7 else rng.randint(31, 330)
        applied = injury + lag
        if applied > EXTRACT:
            return
        decided: int | None = applied + rng.randint(15, 60)
        if (decided is not None and decided > EXTRACT) or rng.random() < 0.04:
            decided, outcome = None, "pending"
        ename = employer_name or (self.ent_name(ent, "claims") if ent else "个体")
        county = ent.county if ent else (self.w.by_code.get(p.hukou) or self.county())
        style = "iso" if int(county.city[2:]) in (1, 5, 8) else "compact"
        idv, kind = self.r_id(p, "injury_claims")
        self.rows["injury_claims"].append((
            (applied, rng.random()), p.pid, kind,
            (self.r_name(p, "injury_claims"), idv, self.r_sex(p.sex, "num", 0.01), ename,
             self.ent_uscc(ent, 0.12, 0.03) if ent else None, fmt_date(injury, style),
             fmt_date(applied, style), fmt_date(decided, style), outcome,
             None if rng.random() < 0.1 else desc, county.code)))

    def at(self, o: int, hour: float | None = None) -> datetime:
        h = hour if hour is not None else self.rng.uniform(0, 24)
        return datetime.combine(ymd(o), datetime.min.time()) + timedelta(minutes=int(h * 60))

    # ---- world ---------------------------------------------------------------------------------
    def build_enterprises(self) -> None:
        rng = self.rng
        brands = "鑫源华晟永安兴盛恒泰金山宏达昌盛德润晋阳汇丰瑞祥隆基富民荣达天成安泰福顺广源正大新峰盛世同力大通东方"
        words = {"coal_mining": ("煤业", "煤矿"), "non_coal_mining": ("矿业", "铁矿"),
                 "hazardous_chemicals": ("化工", "化工厂"), "metallurgy": ("钢铁", "钢厂"),
                 "construction": ("建筑工程", "工地"), "transport": ("运输", "车队"),
                 "fireworks": ("烟花爆竹", "花炮厂"), "manufacturing": ("机械制造", "厂"),
                 "other": ("商贸", "公司")}
        seen: set[str] = set()
        for ind, (n, mean, share) in INDUSTRY.items():
            cnt = max(3, round(n * self.s))
            for _ in range(cnt):
                if ind in ("coal_mining", "non_coal_mining"):
                    cs = self.w.counties
                    c = rng.choices(cs, weights=[x.coal * x.weight for x in cs])[0]
                else:
                    c = self.county()
                while True:
                    brand = "".join(rng.sample(brands, 2))
                    pre = rng.choice(("山西", f"{c.city_name}", c.name[:-1] if len(c.name) > 2
                                      else c.name))
                    name = pre + brand + words[ind][0] + rng.choice(
                        ("有限公司", "有限责任公司", "有限公司", "股份有限公司"))
                    if name not in seen:
                        seen.add(name)
                        break
                short = brand + words[ind][1]
                uscc = I.make_uscc(rng, c.code)
                if rng.random() < 0.02:  # some real codes fail the check
                    uscc = I.mistype_uscc(rng, uscc)
                size = max(3, int(mean * rng.lognormvariate(-0.32, 0.8)))
                hr = ind in HIGH_RISK or (ind == "transport" and rng.random() < 0.2)
                e = Ent(uscc, name, short, ind, c, hr, share, size)
                self.ents.append(e)
                self.by_ind.setdefault(ind, []).append(e)

    def build_employment(self) -> None:
        rng = self.rng
        for e in self.ents:
            n = sum(1 for _ in range(e.size) if rng.random() < e.share)
            for _ in range(n):
                p = self.new_worker(e, Y0)
                start = max(p.birth + 18 * 365, Y0 - int(rng.expovariate(1 / 2500)))
                start = min(start, Y1 - 5)
                end = None
                if rng.random() < 0.06:
                    end = rng.randint(max(start + 30, Y0), Y1)
                sp = Spell(p, e, start, end)
                self.spells.append(sp)
                if end is None:
                    p.job = sp
                    e.workers.append(p)
                    self.employees.append(p)
                if rng.random() < 0.2 and start - Y0 > -6000:
                    prev = rng.choice(self.by_ind[e.industry])
                    if prev is not e:
                        pend = start - rng.randint(1, 400)
                        self.spells.append(Spell(p, prev, pend - rng.randint(200, 3000), pend))

    def take_employee(self, pred: Any = None, tries: int = 50) -> Person | None:
        for _ in range(tries):
            p = self.rng.choice(self.employees)
            if p.death is None and p.job is not None and p.pid not in self.in_incident \
                    and (pred is None or pred(p)):
                return p
        return None

    def die(self, p: Person, d: int, cls: str, inc: Incident | None = None) -> None:
        p.death = d
        self.death_class[p.pid] = (cls, inc)
        if p.job is not None:
            self.anchor_job(p, d)
            r = self.rng.random()
            if r < 0.7:
                dd = ymd(d)
                nxt = date(dd.year + (dd.month == 12), dd.month % 12 + 1, 1).toordinal() - 1
                p.job.end = nxt if nxt <= EXTRACT else None
            elif r < 0.85:
                p.job.end = d
            if p in p.job.ent.workers:
                p.job.ent.workers.remove(p)

    def anchor_job(self, p: Person, day: int) -> None:
        """A current job that, by chance, started after ``day`` is moved to have started before."""
        if p.job is not None and p.job.start >= day:
            p.job.start = day - self.rng.randint(20, 1500)

    # ---- background deaths --------------------------------------------------------------------
    def natural_age(self) -> float:
        r = self.rng.random()
        if r < 0.04:
            return self.rng.uniform(0, 45)
        if r < 0.17:
            return self.rng.uniform(45, 65)
        return min(104.0, max(65.0, self.rng.gauss(80, 8)))

    def background_deaths(self, n_incident_deaths: int) -> None:
        rng, s = self.rng, self.s
        p_emp = len(self.employees) / (WORKING_AGE_POP * s) * 0.8
        cnt = {k: poisson(rng, v * s) for k, v in BG_DEATHS.items()}
        n_nat = round(DEATHS_PER_YEAR * s) - n_incident_deaths - sum(
            v for k, v in cnt.items() if k != "co_home_events") - 2 * cnt["co_home_events"]
        for _ in range(max(0, n_nat)):
            d = rng.randint(Y0, Y1)
            age = self.natural_age()
            p = None
            if 18 <= age <= 63 and rng.random() < p_emp:
                p = self.take_employee()
            if p is None:
                p = self.new_person("M" if rng.random() < 0.56 else "F", age, d)
            self.die(p, d, "natural")
            miner = p.job is not None and p.job.ent.industry == "coal_mining"
            cause = rng.choice(NATURAL_CAUSES + (["尘肺病"] if miner else []))
            in_hosp = rng.random() < 0.42
            hname = self.hospital_near(p.hukou, False)[0]
            self.dereg(p, d, None if rng.random() < 0.5 else rng.choice((cause, "病故", "病故")))
            self.cremation(p, d, cause, "hospital" if in_hosp else pick(
                rng, {"community": 70, "other": 15, "hospital": 10, "police": 1}) if rng.random()
                > 0.05 else None, hname if in_hosp else "家中")
        for kind in ("traffic", "home_fall", "other_accident", "suicide"):
            for _ in range(cnt[kind]):
                self.unnatural_death(kind, p_emp)
        for _ in range(cnt["co_home_events"]):
            d = rng.choice([rng.randint(Y0, Y0 + 89), rng.randint(Y1 - 60, Y1)])
            hk = self.county().code
            n = 1 + (rng.random() < 0.7) + (rng.random() < 0.3)
            for j in range(n):
                age = rng.uniform(55, 88) if j == 0 else rng.uniform(5, 85)
                p = self.new_person("M" if j % 2 == 0 else "F", age, d, hk)
                self.die(p, d, "non_occupational")
                if rng.random() < 0.4:
                    self.medical(p, hk, self.at(d, rng.uniform(5, 10)), rng.uniform(0, 0.3),
                                 "T58", "X47.0" if rng.random() < 0.7 else None, "died",
                                 "resident_insurance", None)
                self.dereg(p, d, rng.choice((None, "煤气中毒", "意外")))
                self.cremation(p, d, rng.choice(("一氧化碳中毒", "煤气中毒")),
                               rng.choice(("police", "hospital", "community")), "家中")
        for kind in ("commute", "sudden_at_work", "pneumoconiosis"):
            for _ in range(cnt[kind]):
                self.work_related_death(kind)

    def unnatural_death(self, kind: str, p_emp: float) -> None:
        rng = self.rng
        d = rng.randint(Y0, Y1)
        if kind == "home_fall":
            age = min(100.0, rng.gauss(82, 7))
        elif kind == "traffic":
            age = rng.uniform(8, 85)
        else:
            age = rng.uniform(15, 85)
        p = None
        if 18 <= age <= 63 and rng.random() < p_emp:
            p = self.take_employee()
        if p is None:
            p = self.new_person("M" if rng.random() < 0.7 else "F", age, d)
        place = p.hukou if rng.random() < 0.8 else self.county().code
        diag, ext, dcause, ccause, cert, origin = {
            "traffic": (rng.choice(["S06.5", "T07", "S27.3", "S06.7"]),
                        rng.choice(["V43.5", "V03.1", "V28.4", "V13.4", "V49.4", "V89.2"]),
                        "交通事故", "交通事故致颅脑损伤", "police", rng.choice(PLACES[:6])),
            "home_fall": (rng.choice(["S72.0", "S06.5", "S32.0"]),
                          rng.choice(["W01.0", "W10.0", "W18.0", "W19.0", "W06.0"]),
                          rng.choice(["病故", "意外", "摔伤"]), "跌倒致股骨颈骨折并发肺部感染",
                          "hospital", "家中"),
            "other_accident": (rng.choice(["T75.1", "T75.4", "S06.5", "T71"]),
                               rng.choice(["W69.9", "W87.0", "W17.9", "W74.9"]), "意外",
                               "意外死亡", "police", rng.choice(PLACES)),
            "suicide": (rng.choice(["T60.0", "T71"]), rng.choice(["X68.0", "X70.0"]),
                        rng.choice([None, "自杀", "意外"]), "农药中毒", "police", "家中"),
        }[kind]
        dies_later = kind == "home_fall" and rng.random() < 0.7
        admit_day = d - (rng.randint(2, 40) if dies_later else 0)
        if rng.random() < (0.75 if kind == "home_fall" else 0.55):
            self.medical(p, place, self.at(admit_day), (d - admit_day) + rng.uniform(0, 0.5),
                         diag, ext if rng.random() < 0.65 else None, "died",
                         rng.choice(["resident_insurance", "employee_insurance", "self_pay",
                                     "commercial"]), None, serious=True)
        if kind == "other_accident" and rng.random() < 0.08:
            self.dereg(p, d, None, reason="declared_dead", lag=rng.randint(200, 420))
        else:
            self.dereg(p, d, dcause if rng.random() < 0.55 else None)
        if dies_later:
            cert, origin = "hospital", self.hospital_near(place, True)[0]
        self.die(p, d, "non_occupational")
        self.cremation(p, d, ccause, cert, origin)

    def work_related_death(self, kind: str) -> None:
        """Deaths recognised as 工亡 without any production-safety accident (hard negatives)."""
        rng = self.rng
        d = rng.randint(Y0, Y1)
        if kind == "pneumoconiosis":
            p = self.take_employee(lambda q: q.job.ent.industry == "coal_mining"
                                   and self.age_at(q, d) >= 45)
        else:
            p = self.take_employee()
        if p is None or p.job is None:
            return
        ent = p.job.ent
        if kind == "commute":
            self.die(p, d, "non_occupational")
            if rng.random() < 0.6:
                self.medical(p, p.hukou, self.at(d, rng.choice([7.2, 18.5])), 0.1, "S06.5",
                             rng.choice(["V43.5", "V28.4", "V23.4"]), "died", "self_pay", None)
            self.dereg(p, d, rng.choice([None, "交通事故"]))
            self.cremation(p, d, "交通事故", "police", "公路")
            if rng.random() < 0.85:
                self.claim(p, ent, d, "death", "下班途中发生非本人主要责任交通事故死亡",
                           lag=rng.randint(20, 150))
        else:
            self.die(p, d, "natural")
            cause = "尘肺病" if kind == "pneumoconiosis" else rng.choice(SUDDEN)
            self.dereg(p, d, rng.choice([None, cause, "病故"]))
            self.cremation(p, d, cause, "hospital", self.hospital_near(p.hukou, False)[0])
            if rng.random() < 0.75:
                desc = ("职业病尘肺病合并感染死亡" if kind == "pneumoconiosis"
                        else "工作时间突发疾病经抢救48小时内死亡")
                self.claim(p, ent, d, "death", desc, lag=rng.randint(20, 180))

    # ---- background injuries -----------------------------------------------------------------
    def background_injuries(self) -> None:
        rng = self.rng
        n = round(MEDICAL_ENCOUNTERS * self.s)
        cats = {"home_fall": 28, "traffic": 22, "work": 9, "other": 33, "assault": 5, "self": 3}
        for _ in range(n):
            cat = pick(rng, cats)
            day = rng.randint(Y0, Y1)
            p: Person | None = None
            ent: Ent | None = None
            if cat == "work":
                if rng.random() < 0.65:
                    p = self.take_employee()
                if p is not None and p.job is not None:
                    ent = p.job.ent
                    self.anchor_job(p, day)
                else:
                    ent = rng.choice(self.by_ind[rng.choice(("construction", "manufacturing",
                                                             "other", "non_coal_mining"))])
                    p = self.new_worker(ent, day)
                    ent = None if rng.random() < 0.5 else ent
                    if ent is None:
                        cat = "work_informal"
            if p is None:
                age = {"home_fall": min(99.0, max(1.0, rng.gauss(66, 20))),
                       "traffic": rng.uniform(5, 85), "self": rng.uniform(15, 80)}.get(
                    cat, rng.uniform(1, 90))
                p = self.new_person("M" if rng.random() < 0.58 else "F", age, day)
            diag, ext, payer = self.bg_injury(cat)
            serious = rng.random() < 0.12
            los = rng.uniform(14, 45) if serious else (
                rng.uniform(0, 0.4) if rng.random() < 0.45 else rng.uniform(1, 13))
            disp = "transferred" if rng.random() < 0.06 else (
                "left_against_advice" if rng.random() < 0.04 else "discharged")
            emp_name = None
            if cat in ("work", "work_informal") and ent is not None and rng.random() < 0.5:
                emp_name = self.ent_name(ent, "medical")
            admit = self.at(day)
            end = self.medical(p, p.hukou, admit, los, diag, ext, disp, payer, emp_name,
                               serious=serious)
            if disp == "transferred":
                self.medical(p, p.hukou, end + timedelta(minutes=rng.randint(60, 360)),
                             rng.uniform(5, 30), diag, ext, "discharged", payer, emp_name,
                             serious=True, id_missing=0.05)
            if cat == "work" and ent is not None and rng.random() < 0.62:
                self.claim(p, ent, day, self.claim_outcome(serious),
                           INJURY[pick(rng, ACC_TYPES[ent.industry])][2])
        for _ in range(round(EXTRA_CLAIMS * self.s)):
            p2 = self.take_employee()
            if p2 is not None and p2.job is not None:
                d2 = rng.randint(Y0, Y1)
                self.anchor_job(p2, d2)
                self.claim(p2, p2.job.ent, d2, self.claim_outcome(False),
                           rng.choice(["搬运货物时扭伤腰部", "工作中被划伤手指", "行走时滑倒摔伤",
                                       "操作时被工具砸伤脚趾"]))

    def claim_outcome(self, serious: bool) -> str:
        if serious:
            return pick(self.rng, {f"disability_{i}": w for i, w in
                                   zip(range(1, 11), (1, 2, 3, 4, 6, 8, 10, 12, 10, 8),
                                       strict=True)} | {"rejected": 4})
        return pick(self.rng, {"injury": 45, "disability_10": 14, "disability_9": 9,
                               "disability_8": 4, "rejected": 9})

    def bg_injury(self, cat: str) -> tuple[str, str | None, str | None]:
        rng = self.rng
        diag, exts, payers = {
            "home_fall": (["S72.0", "S32.0", "S52.5", "S42.2", "S06.0", "S22.3"],
                          ["W01.0", "W10.0", "W18.0", "W19.0", "W06.0", "W01.4"],
                          ["resident_insurance", "employee_insurance", "self_pay"]),
            "traffic": (["S06.0", "S82.2", "S42.0", "S22.3", "T07", "S06.5"],
                        ["V43.5", "V23.4", "V03.1", "V28.4", "V13.4", "V49.4", "V89.2"],
                        ["commercial", "self_pay", "resident_insurance", "employee_insurance"]),
            "work": (["S61.0", "S62.6", "S68.1", "S92.3", "S82.0", "S06.0", "S32.0", "T29.2"],
                     ["W20.6", "W23.6", "W31.6", "W11.6", "W17.6", "W13.6", "W25.6", "W27.6",
                      "X18.6"], ["work_injury_insurance", "work_injury_insurance",
                                 "employee_insurance", "self_pay"]),
            "work_informal": (["S61.0", "S62.6", "S82.0", "S06.0", "S32.0"],
                              ["W20.6", "W11.6", "W13.6", "W27.6", "W31.6"],
                              ["self_pay", "resident_insurance", "other"]),
            "other": (["S01.8", "S51.8", "S61.9", "S93.4", "S83.2", "T23.2", "S00.8", "S09.9"],
                      ["W22.9", "W25.9", "W26.0", "X11.0", "W54.9", "W21.3", "W17.0"],
                      ["resident_insurance", "employee_insurance", "self_pay"]),
            "assault": (["S06.0", "S01.8", "S21.9", "S02.2"], ["Y04.9", "X99.9"],
                        ["self_pay", "other"]),
            "self": (["T60.0", "T42.4", "S61.9"], ["X68.0", "X61.0", "X78.0"],
                     ["self_pay", "resident_insurance"]),
        }[cat]
        ext = rng.choice(exts) if rng.random() < 0.62 else None
        return rng.choice(diag), ext, (rng.choice(payers) if rng.random() < 0.95 else None)

    # ---- incidents -----------------------------------------------------------------------------
    def pick_ent(self, inds: Mapping[str, float]) -> Ent:
        ind = pick(self.rng, inds)
        es = self.by_ind[ind]
        return self.rng.choices(es, weights=[math.sqrt(e.size) for e in es])[0]

    def victims(self, ent: Ent, n: int, day: int, *, allow_public: bool = False) -> list[Person]:
        out: list[Person] = []
        for i in range(n):
            p = None
            if allow_public and i > 0 and self.rng.random() < 0.6:
                p = self.new_person("M" if self.rng.random() < 0.55 else "F",
                                    self.rng.uniform(5, 80), day, ent.county.code)
            elif self.rng.random() < ent.share and ent.workers:
                for _ in range(20):
                    q = self.rng.choice(ent.workers)
                    if q.death is None and q not in out:
                        p = q
                        break
            if p is None:
                p = self.new_worker(ent, day)
            self.anchor_job(p, day)
            self.in_incident.add(p.pid)
            out.append(p)
        return out

    def plan_incidents(self) -> None:
        rng, s = self.rng, self.s
        fatal_inds = {"transport": 33, "construction": 22, "coal_mining": 10,
                      "non_coal_mining": 6, "metallurgy": 5, "hazardous_chemicals": 4,
                      "manufacturing": 10, "other": 8, "fireworks": 2}
        hidden_inds = {"coal_mining": 30, "non_coal_mining": 20, "construction": 25,
                       "hazardous_chemicals": 8, "metallurgy": 7, "fireworks": 5,
                       "manufacturing": 5}
        under_inds = {"coal_mining": 35, "construction": 20, "non_coal_mining": 10,
                      "transport": 15, "hazardous_chemicals": 12, "metallurgy": 5,
                      "fireworks": 3}
        for _ in range(poisson(rng, REPORTED["fatal"] * s) or 1):
            ent = self.pick_ent(fatal_inds)
            k = pick(rng, {"1": 85, "2": 9, "3": 2.5, "4": 1.5, "6": 1.2, "8": 0.8})
            self.make_incident("reported", "honest", ent, int(k), poisson(rng, 0.6),
                               poisson(rng, 0.8))
        for _ in range(poisson(rng, REPORTED["injury_only"] * s) or 1):
            ent = self.pick_ent(fatal_inds)
            self.make_incident("reported", "injury_only", ent, 0, 1 + poisson(rng, 0.7),
                               poisson(rng, 1.0))
        for sub, rate in CONCEALED.items():
            for _ in range(max(1, poisson(rng, rate * s))):
                inds = {"coal_mining": 70, "non_coal_mining": 30} if sub == "road_disguise" \
                    else hidden_inds
                ent = self.pick_ent(inds)
                dead = {"multi_death": rng.randint(2, 6), "injured_only": 0}.get(
                    sub, 1 + (sub == "private_settlement" and rng.random() < 0.2))
                ser = rng.randint(2, 6) if sub == "injured_only" else poisson(rng, 0.5 if
                                                                            dead > 1 else 0.1)
                self.make_incident("concealed", sub, ent, dead, ser, poisson(rng, 0.3))
        for sub, rate in UNDER.items():
            for _ in range(max(1, poisson(rng, rate * s))):
                ent = self.pick_ent(under_inds if sub != "late_death" else fatal_inds)
                if sub == "below_line":
                    line = int(pick(rng, {"3": 78, "10": 19, "30": 3}))
                    true = line + min(int(rng.expovariate(0.6)), 3 if line == 3 else 6)
                    rep = line - 1
                elif sub == "large_gap":
                    true = rng.randint(12, 25)
                    rep = rng.randint(3, min(8, true // 2))
                elif sub == "impersonated":
                    true = rng.choice((3, 4, 10, 11))
                    rep = true - 1
                else:
                    rep = int(pick(rng, {"0": 40, "1": 45, "2": 15}))
                    true = rep + 1
                self.make_incident("under_reported", sub, ent, true, poisson(rng, 1.0) +
                                   (1 if sub == "late_death" else 0), poisson(rng, 1.0),
                                   reported_deaths=rep)

    def make_incident(self, kind: str, sub: str, ent: Ent, dead: int, serious: int, minor: int,
                      reported_deaths: int | None = None) -> None:
        rng = self.rng
        day = rng.randint(Y0, Y1 - (20 if kind == "concealed" else 0))
        acc_type = pick(rng, ACC_TYPES[ent.industry])
        if sub == "road_disguise":
            acc_type = rng.choice(("gas_explosion", "poisoning_asphyxiation"))
        inc = Incident(kind, sub, ent, day, ent.industry, acc_type)
        public = acc_type == "vehicle" and ent.industry == "transport"
        people = self.victims(ent, dead + serious + minor, day, allow_public=public)
        rep_d = dead if reported_deaths is None else reported_deaths
        for i, p in enumerate(people):
            true = "death" if i < dead else ("serious_injury" if i < dead + serious
                                              else "minor_injury")
            reported: str | None = None
            if kind == "reported":
                reported = true
            elif kind == "under_reported":
                if sub == "late_death":
                    reported = "serious_injury" if i == 0 else true
                elif true == "death":
                    hidden = i >= rep_d
                    reported = "death" if not hidden else (
                        "serious_injury" if rng.random() < 0.35 else None)
                else:
                    reported = true if rng.random() < 0.9 else None
            inc.members.append((p, true, reported))
        if sub == "impersonated":
            shown = [j for j, (_, o, r) in enumerate(inc.members) if r == "death"]
            cands = [q for q in ent.workers if q.death is None and q.pid not in self.in_incident]
            if cands:
                z = self.rng.choice(cands)
            else:  # a borrowed identity: someone enrolled with the employer, alive
                z = self.new_worker(ent, day)
                z.job = Spell(z, ent, day - self.rng.randint(100, 2000), None)
                self.spells.append(z.job)
                ent.workers.append(z)
                self.employees.append(z)
            self.in_incident.add(z.pid)
            inc.named_as[rng.choice(shown)] = z
        self.incidents.append(inc)

    # ---- incident records ----------------------------------------------------------------------
    def emit_incident(self, inc: Incident) -> None:
        rng = self.rng
        day = inc.day
        diags, exts, desc = INJURY[inc.acc_type]
        window = 7 if (inc.acc_type == "vehicle" and inc.industry == "transport") or \
            inc.acc_type == "fire" else 30
        hour = inc.hour = rng.uniform(0, 24)
        spread = inc.sub in ("multi_death", "injured_only")
        for idx, (p, true, _rep) in enumerate(inc.members):
            d0 = day + (rng.choice((0, 0, 1, 2)) if spread and idx > 0 else 0)
            honest = inc.kind == "reported" or (inc.kind == "under_reported" and _rep == true)
            if true == "death":
                when = d0
                if inc.sub == "late_death" and idx == 0:
                    when = day + rng.randint(2, window)
                elif honest and rng.random() < 0.15:
                    when = day + rng.randint(1, 3)
                self.die(p, when, "incident", inc)
                if honest or (inc.sub == "late_death" and idx == 0):
                    self.honest_death(p, inc, when, d0, hour, diags, exts, desc)
                else:
                    self.hidden_death(p, inc, when, hour, diags, exts, desc)
            else:
                self.injured(p, inc, d0, hour, true, honest, diags, exts, desc)

    def honest_death(self, p: Person, inc: Incident, when: int, d0: int, hour: float,
                     diags: list[str], exts: list[str], desc: str) -> None:
        rng, ent = self.rng, inc.ent
        hosp = None
        if rng.random() < 0.6 or when > d0:
            admit = self.at(d0, hour + rng.uniform(0.5, 2))
            los = (when - d0) + rng.uniform(0, 0.5)
            self.medical(p, ent.county.code, admit, los, rng.choice(diags),
                         rng.choice(exts) if rng.random() < 0.75 else None, "died",
                         "work_injury_insurance" if p.job else rng.choice(("self_pay", "other")),
                         self.ent_name(ent, "medical") if rng.random() < 0.5 else None,
                         serious=True)
            hosp = self.hospital_near(ent.county.code, True)[0]
        self.dereg(p, when, pick(rng, {"工伤": 20, "意外": 20, "事故": 10, "_": 50})
                   .replace("_", "") or None)
        lag = rng.randint(3, 20)  # families wait for the compensation agreement
        self.cremation(p, when, rng.choice(("工伤事故", "外伤", "意外事故", "颅脑损伤")),
                       "hospital" if hosp else rng.choice(("police", "hospital", "other")),
                       hosp or ent.short, lag=lag, home=self.w.funeral[ent.county.funeral]
                       if rng.random() < 0.7 else None)
        if rng.random() < 0.85:
            self.claim(p, ent, d0, "death", desc + "死亡",
                       lag=rng.randint(20, 150))

    def hidden_death(self, p: Person, inc: Incident, when: int, hour: float,
                     diags: list[str], exts: list[str], desc: str) -> None:
        rng, ent = self.rng, inc.ent
        sub = inc.sub
        if sub in ("multi_death", "below_line", "large_gap", "impersonated"):
            sub = pick(rng, {"moved_body": 35, "illness_disguise": 30, "private_settlement": 35})
        if p.job is not None and p.job.ent is ent and rng.random() < 0.4:
            p.job.end = when - rng.randint(1, 12)  # termination backdated before the death
        if sub == "illness_disguise":
            if rng.random() < 0.25:
                self.medical(p, ent.county.code, self.at(when, hour + 1), rng.uniform(0, 0.2),
                             rng.choice(["T71", "S06.5"]), None, "died",
                             "self_pay", None)
            self.dereg(p, when, rng.choice(SUDDEN) if rng.random() < 0.7 else None)
            self.cremation(p, when, rng.choice(SUDDEN), pick(rng, {"community": 50,
                                                                   "hospital": 30, "other": 20}),
                           "家中" if rng.random() < 0.6 else None, lag=rng.randint(1, 2))
            if rng.random() < 0.08:
                self.claim(p, ent, when, "rejected", "家属称其在工作中死亡",
                           lag=rng.randint(90, 300))
        elif sub == "moved_body":
            self.dereg(p, when, rng.choice((None, None, "意外", "病故")), prob=0.85,
                       lag=rng.randint(25, 200))
            if rng.random() < 0.6:  # another city in Shanxi
                far = [c for c in self.w.counties if c.city != ent.county.city
                       and c.city != p.hukou[:4]]
                home: FuneralHome | None = self.w.funeral[rng.choice(far).funeral]
            elif rng.random() < 0.5:
                home = rng.choice(self.w.out_funeral)
            else:
                home = None  # cremated out of province, no record reaches Shanxi
            if home is not None:
                place = rng.choice(self.w.counties)
                self.cremation(p, when, rng.choice((None, "猝死", "意外")),
                               rng.choice((None, "other", None)),
                               rng.choice((place.name + rng.choice(PLACES), "外地", None)),
                               lag=rng.randint(0, 1), home=home, prob=1.0)
        elif sub == "road_disguise":
            if rng.random() < 0.7:
                self.medical(p, ent.county.code, self.at(when, hour + 1.5), rng.uniform(0, 0.2),
                             rng.choice(["T58", "S06.5", "T59.7"]),
                             rng.choice(["V28.4", "V29.4", "V27.4"]), "died", "self_pay", None)
            self.dereg(p, when, "交通事故" if rng.random() < 0.7 else None)
            self.cremation(p, when, "交通事故", pick(rng, {"police": 60, "hospital": 20,
                                                          "other": 20}),
                           ent.county.name + rng.choice(("公路", "乡道", "省道旁")),
                           lag=rng.randint(1, 3), prob=0.9)
        else:  # private_settlement: records look ordinary, only the claim is missing
            if rng.random() < 0.6:
                self.medical(p, ent.county.code, self.at(when, hour + 1), rng.uniform(0, 1),
                             rng.choice(diags), rng.choice(exts) if rng.random() < 0.4 else None,
                             "died", rng.choice(("self_pay", "other")), None, serious=True)
            self.dereg(p, when, pick(rng, {"意外": 30, "_": 60, "病故": 10}).replace("_", "")
                       or None)
            self.cremation(p, when, rng.choice(("外伤", "意外", None)),
                           rng.choice(("hospital", "police", "other")), None,
                           lag=rng.randint(2, 6))

    def injured(self, p: Person, inc: Incident, d0: int, hour: float, true: str, honest: bool,
                diags: list[str], exts: list[str], desc: str) -> None:
        rng, ent = self.rng, inc.ent
        serious = true == "serious_injury"
        # a quarter of the minor injuries are treated at the mine clinic: no hospital record
        if serious or rng.random() >= 0.25:
            los = rng.uniform(14, 60) if serious else rng.uniform(0.5, 10)
            disp = "transferred" if serious and rng.random() < 0.2 else "discharged"
            payer = ("work_injury_insurance" if p.job and rng.random() < 0.7 else "employee_insurance"
                     ) if honest else rng.choice(("self_pay", "other", "self_pay"))
            ename = self.ent_name(ent, "medical") if rng.random() < (0.5 if honest else 0.15) \
                else None
            ext = rng.choice(exts) if rng.random() < (0.75 if honest else 0.45) else None
            admit = self.at(d0, hour + rng.uniform(0.5, 3))
            end = self.medical(p, ent.county.code, admit, los, rng.choice(diags), ext, disp,
                               payer, ename, serious=serious)
            if disp == "transferred":
                self.medical(p, ent.county.code, end + timedelta(hours=2), rng.uniform(10, 40),
                             rng.choice(diags), ext, "discharged", payer, ename, serious=True,
                             id_missing=0.05)
        if rng.random() < ((0.8 if serious else 0.5) if honest else 0.15):
            self.claim(p, ent, d0, self.claim_outcome(serious), desc,
                       lag=None if honest else rng.randint(60, 330))

    def accidents_table(self) -> None:
        rng = self.rng
        on_file = [inc for inc in self.incidents if inc.kind != "concealed"]
        on_file.sort(key=lambda i: (i.day, i.ent.county.code, rng.random()))
        per_county: Counter[str] = Counter()
        for inc in on_file:
            code = inc.ent.county.code
            per_county[code] += 1
            acc_id = f"{code}-2024-{per_county[code]:03d}"
            named = [(i, m) for i, m in enumerate(inc.members) if m[2] is not None]
            occ = self.at(inc.day, inc.hour)
            late = rng.random()
            rep_at = occ + timedelta(minutes=rng.randint(15, 58) if late < 0.85 else (
                rng.randint(61, 600) if late < 0.96 else rng.randint(1500, 7200)))
            if inc.kind == "under_reported":  # a late, negotiated report is common
                rep_at = occ + timedelta(minutes=rng.randint(40, 3000))
            deaths = sum(1 for _, m in named if m[2] == "death")
            ser = sum(1 for _, m in named if m[2] == "serious_injury")
            mino = sum(1 for _, m in named if m[2] == "minor_injury")
            slash = int(code) % 5 == 0
            f = "%Y/%-m/%-d %H:%M" if slash else "%Y-%m-%d %H:%M"
            loss = None if rng.random() < 0.1 else round(
                deaths * rng.uniform(80, 220) + ser * rng.uniform(10, 40) + rng.uniform(1, 60), 1)
            inc.accident = {"record_id": acc_id}
            c = inc.ent.county
            spots = ("井下", "采区", "工作面") if "mining" in inc.industry else (
                "施工现场", "车间", "厂区", "库房")
            addr = f"山西省{c.city_name}市{c.name}" + rng.choice(
                ("", inc.ent.short, inc.ent.short + rng.choice(spots), "境内"))
            if inc.industry == "transport":
                addr = f"{c.name}" + rng.choice(("G208国道", "S60高速", "县道", "S226省道")) + \
                    f"{rng.randint(1, 500)}公里处"
            self.acc_rows.append((
                acc_id, occ.strftime(f), rep_at.strftime(f), c.code, addr,
                self.ent_name(inc.ent, "accidents"), self.ent_uscc(inc.ent, 0.07, 0.03),
                inc.industry, inc.acc_type, str(deaths), str(ser), str(mino),
                None if loss is None else f"{loss:.1f}"))
            for i, (p, _true, rep) in named:
                shown = inc.named_as.get(i, p)
                idv: str | None
                if shown is not p:
                    idv, kind = shown.idno, "borrowed"
                else:
                    idv, kind = self.r_id(p, "accident_victims")
                age = None if rng.random() < 0.08 else str(self.age_at(shown, inc.day))
                self.rows["accident_victims"].append((
                    (acc_id, ("death", "serious_injury", "minor_injury").index(rep or ""),
                     rng.random()), p.pid, kind,
                    (acc_id, self.r_name(shown, "accident_victims"), idv,
                     self.r_sex(shown.sex, "cn", 0.03), age, rep)))

    # ---- driver ---------------------------------------------------------------------------------
    def run(self) -> None:
        self.acc_rows: list[tuple[Any, ...]] = []
        self.build_enterprises()
        self.build_employment()
        self.plan_incidents()
        for inc in self.incidents:
            self.emit_incident(inc)
        n_inc_d = sum(1 for inc in self.incidents for m in inc.members if m[1] == "death")
        self.background_deaths(n_inc_d)
        self.background_injuries()
        self.accidents_table()


def _csv(df: pl.DataFrame, path: Path, enc: str) -> None:
    text = df.write_csv(None, line_terminator="\n")
    data = text.encode("gb18030" if enc == "gb18030" else "utf-8")
    if enc == "utf-8-sig":
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)


def _ids(src: str, rows: list[tuple[Any, ...]]) -> list[str]:
    """Record ids in each department's own style, given after sorting (so never in truth order)."""
    out: list[str] = []
    per: Counter[Any] = Counter()
    hosp_no: dict[str, int] = {}
    for r in rows:
        key = r[0][0]
        if src == "deregistrations":
            out.append(f"ZX{len(out) + 1:08d}")
        elif src == "cremations":
            per[key] += 1
            out.append(f"BY{r[3][7]}{per[key]:06d}")
        elif src == "injury_claims":
            out.append(f"GS{len(out) + 1:07d}")
        elif src == "medical_records":
            per[key] += 1
            hosp_no.setdefault(key, len(hosp_no) + 1)
            out.append(f"{r[3][5]}-{hosp_no[key]:03d}-{per[key]:07d}")
        elif src == "accident_victims":
            out.append(f"AV{len(out) + 1:06d}")
        else:
            out.append(f"SB{len(out) + 1:08d}")
    return out


def generate(out: Path, scale: float, seed: int) -> dict[str, Any]:
    """Write the sources and ``truth/`` under ``out``; return statistics."""
    out = Path(out)
    (out / "truth").mkdir(parents=True, exist_ok=True)
    g = Gen(scale, seed)
    g.run()
    rng = random.Random(seed + 1)
    stats: dict[str, Any] = {"scale": scale, "seed": seed, "rows": {}, "id_kinds": {}}
    rp_src: list[str] = []
    rp_rid: list[str] = []
    rp_pid: list[str] = []
    # employment rows from spells
    emp = g.rows["employment"]
    for sp in g.spells:
        p = sp.person
        idv, kind = g.r_id(p, "employment")
        emp.append(((sp.start, rng.random()), p.pid, kind,
                    (idv, None if rng.random() < 0.03 else g.r_name(p, "employment"),
                     g.ent_name(sp.ent, "employment"), g.ent_uscc(sp.ent, 0.05, 0.01),
                     sp.ent.industry if rng.random() > 0.02 else None, ymd(sp.start), None
                     if sp.end is None or sp.end > EXTRACT else ymd(sp.end))))
    for src in PERSON_SOURCES:
        rows = g.rows[src]
        rows.sort(key=lambda r: r[0])
        rids = _ids(src, rows)
        cols = COLUMNS[src]
        data: dict[str, list[Any]] = {c: [] for c in cols}
        data["record_id"] = rids
        for r in rows:
            for c, v in zip(cols[1:], r[3], strict=True):
                data[c].append(v)
        if src == "medical_records":
            schema: dict[str, Any] = {c: pl.String for c in cols}
            schema.update(age=pl.Int64, admitted_at=pl.Datetime("us"),
                          discharged_at=pl.Datetime("us"))
            df = pl.DataFrame(data, schema=schema)
        elif src == "employment":
            schema = {c: pl.String for c in cols}
            schema.update(start_date=pl.Date, end_date=pl.Date)
            df = pl.DataFrame(data, schema=schema)
        else:
            df = pl.DataFrame(data, schema={c: pl.String for c in cols})
        if FORMATS[src] == "parquet":
            df.write_parquet(out / f"{src}.parquet", statistics=False)
        else:
            _csv(df, out / f"{src}.csv", FORMATS[src])
        stats["rows"][src] = df.height
        stats["id_kinds"][src] = list(zip(rids, (r[2] for r in rows), strict=True))
        rp_src += [src] * len(rows)
        rp_rid += rids
        rp_pid += [r[1] for r in rows]
    acc = pl.DataFrame(sorted(g.acc_rows, key=lambda r: r[0]), schema=COLUMNS["accidents"],
                       orient="row")
    _csv(acc, out / "accidents.csv", FORMATS["accidents"])
    stats["rows"]["accidents"] = acc.height
    ent = pl.DataFrame({"uscc": [e.uscc for e in g.ents], "name": [e.name for e in g.ents],
                        "industry": [e.industry for e in g.ents],
                        "region_code": [e.county.code for e in g.ents],
                        "high_risk": [e.high_risk for e in g.ents]})
    ent = ent.sort("uscc")
    ent.write_parquet(out / "enterprises.parquet", statistics=False)
    stats["rows"]["enterprises"] = ent.height
    # truth
    pl.DataFrame({"source": rp_src, "record_id": rp_rid, "person_id": rp_pid}).write_parquet(
        out / "truth" / "record_person.parquet", statistics=False)
    incs = sorted(g.incidents, key=lambda i: (i.day, i.kind, i.ent.uscc))
    for n, inc in enumerate(incs, 1):
        inc.iid = f"INC{n:05d}"
    pl.DataFrame({
        "incident_id": [i.iid for i in incs],
        "accident_record_id": [i.accident["record_id"] if i.accident else None for i in incs],
        "kind": [i.kind for i in incs],
        "true_deaths": [sum(m[1] == "death" for m in i.members) for i in incs],
        "reported_deaths": [sum(m[2] == "death" for m in i.members) for i in incs],
        "employer_uscc": [i.ent.uscc for i in incs],
        "occurred_on": [ymd(i.day) for i in incs]},
        schema={"incident_id": pl.String, "accident_record_id": pl.String, "kind": pl.String,
                "true_deaths": pl.Int64, "reported_deaths": pl.Int64, "employer_uscc": pl.String,
                "occurred_on": pl.Date}).write_parquet(out / "truth" / "incidents.parquet",
                                                       statistics=False)
    ip = [(i.iid, p.pid, t, r) for i in incs for p, t, r in i.members]
    pl.DataFrame(ip, schema={"incident_id": pl.String, "person_id": pl.String,
                             "outcome": pl.String, "reported_outcome": pl.String},
                 orient="row").write_parquet(out / "truth" / "incident_person.parquet",
                                             statistics=False)
    dead = sorted(g.death_class.items())
    pl.DataFrame({"person_id": [k for k, _ in dead], "death_class": [v[0] for _, v in dead],
                  "incident_id": [v[1].iid if v[1] else None for _, v in dead]},
                 schema={"person_id": pl.String, "death_class": pl.String,
                         "incident_id": pl.String}).write_parquet(
        out / "truth" / "deaths.parquet", statistics=False)
    stats["incidents"] = dict(Counter(f"{i.kind}:{i.sub}" for i in incs))
    stats["incidents_by_kind"] = dict(Counter(i.kind for i in incs))
    stats["hidden_deaths"] = sum(1 for i in incs if i.kind != "reported" for _, t, r in i.members
                                 if t == "death" and r != "death")
    stats["deaths_by_class"] = dict(Counter(v[0] for _, v in dead))
    stats["persons"] = len(g.persons)
    stats["employees_enrolled_open"] = len(g.employees)
    return stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--scale", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    stats = generate(a.out, a.scale, a.seed)
    stats.pop("id_kinds")
    stats["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(stats, ensure_ascii=False, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())

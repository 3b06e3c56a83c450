"""The simulated province-year: enterprises (with labour subcontractors behind the construction
sites), workers (many registered in other provinces), background deaths and injuries, and the
production-safety incidents — reported honestly, under-reported, or concealed.

Records are collected raw here (person indices, day numbers, enterprise and place indices);
:mod:`.export` turns them into the contract's files with the exports' noise."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

from . import geo
from .ids import make_uscc, mistype_uscc
from .people import Persons, to_days

START = to_days(date(2023, 1, 1))
END = to_days(date(2023, 12, 31))
EXTRACT = to_days(date(2024, 6, 30))
DAY = 86400
IntArray = npt.NDArray[np.int64]

INDUSTRIES = ("construction", "labour", "non_coal_mining", "hazardous_chemicals", "metallurgy",
              "transport", "fireworks", "manufacturing", "other")
ENT_SHARE = (0.13, 0.11, 0.03, 0.06, 0.03, 0.12, 0.005, 0.43, 0.095)
ENT_SIZE = {"construction": 8, "labour": 40, "non_coal_mining": 35, "hazardous_chemicals": 30,
            "metallurgy": 50, "transport": 20, "fireworks": 15, "manufacturing": 25, "other": 8}
MIGRANT_P = {"construction": 0.6, "labour": 0.75, "non_coal_mining": 0.45,
             "hazardous_chemicals": 0.3, "metallurgy": 0.4, "transport": 0.4, "fireworks": 0.2,
             "manufacturing": 0.65, "other": 0.35}
MALE_P = {"construction": 0.9, "labour": 0.93, "non_coal_mining": 0.95, "hazardous_chemicals": 0.8,
          "metallurgy": 0.88, "transport": 0.92, "fireworks": 0.6, "manufacturing": 0.6,
          "other": 0.6}
SUFFIX = {
    "construction": ("建筑工程有限公司", "建设集团有限公司", "建工有限公司", "市政工程有限公司"),
    "labour": ("建筑劳务有限公司", "劳务分包有限公司", "劳务服务有限公司"),
    "non_coal_mining": ("矿业有限公司", "石材开采有限公司", "采石场", "铅锌矿业有限公司"),
    "hazardous_chemicals": ("化工有限公司", "石化有限公司", "危险化学品储运有限公司", "燃气有限公司"),
    "metallurgy": ("钢铁有限公司", "金属制品有限公司", "铝业有限公司", "冶炼有限公司"),
    "transport": ("物流有限公司", "运输有限公司", "货运有限公司", "危险品运输有限公司"),
    "fireworks": ("烟花爆竹有限公司",),
    "manufacturing": ("五金制品有限公司", "电子科技有限公司", "塑胶制品有限公司", "家具有限公司",
                      "陶瓷有限公司", "纺织有限公司", "机械设备有限公司"),
    "other": ("物业管理有限公司", "环境卫生服务有限公司", "农业发展有限公司", "港务有限公司"),
}
BRAND1 = "恒宏华顺金永鸿粤南新中大广盛隆泰安富利源鑫祥瑞和德信通达兴昌宝嘉锦天海"
BRAND2 = "达远昌通盛兴图海方信业丰泰发成源华力荣运辉创基宇城茂景润晟杰"
HIGH_RISK_P = {"construction": 0.35, "labour": 0.0, "non_coal_mining": 1.0,
               "hazardous_chemicals": 1.0, "metallurgy": 0.7, "transport": 0.2,
               "fireworks": 1.0, "manufacturing": 0.04, "other": 0.02}

ACC_TYPES = {
    "construction": (("fall_from_height", .45), ("struck_by_object", .15), ("collapse", .12),
                     ("lifting", .08), ("electrocution", .06), ("machinery", .06),
                     ("vehicle", .03), ("poisoning_asphyxiation", .03), ("other", .02)),
    "non_coal_mining": (("roof_fall", .3), ("collapse", .15), ("explosion", .1), ("vehicle", .12),
                        ("fall_from_height", .1), ("machinery", .08), ("flooding", .05),
                        ("poisoning_asphyxiation", .05), ("struck_by_object", .05)),
    "hazardous_chemicals": (("poisoning_asphyxiation", .3), ("explosion", .2), ("fire", .2),
                            ("burn", .15), ("machinery", .05), ("fall_from_height", .05),
                            ("other", .05)),
    "metallurgy": (("burn", .3), ("machinery", .2), ("lifting", .15),
                   ("poisoning_asphyxiation", .1), ("explosion", .05), ("fall_from_height", .1),
                   ("struck_by_object", .1)),
    "transport": (("vehicle", .85), ("lifting", .05), ("fire", .03), ("other", .07)),
    "fireworks": (("explosion", .7), ("fire", .2), ("burn", .1)),
    "manufacturing": (("machinery", .4), ("fall_from_height", .1), ("struck_by_object", .1),
                      ("electrocution", .08), ("poisoning_asphyxiation", .07), ("fire", .07),
                      ("burn", .06), ("lifting", .06), ("vehicle", .03), ("other", .03)),
    "other": (("fall_from_height", .3), ("electrocution", .15), ("poisoning_asphyxiation", .2),
              ("vehicle", .15), ("other", .2)),
}
# accident type -> (fatal diagnoses, non-fatal diagnoses, external causes at work)
ICD: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "roof_fall": (("T07", "S32.0", "S06.5", "S22.4"), ("S32.0", "S82.2", "S42.0"), ("W20.6",)),
    "gas_explosion": (("T07", "T31.5"), ("T20.3", "T31.2"), ("W40.6",)),
    "flooding": (("T75.1", "T71"), ("T75.1",), ("W73.6",)),
    "fall_from_height": (("S06.5", "T07", "S12.9", "S32.0"), ("S72.0", "S82.2", "S32.0", "S22.4"),
                         ("W12.6", "W13.6", "W11.6", "W17.6")),
    "struck_by_object": (("S06.5", "S02.0", "T07"), ("S02.0", "S42.0", "S92.3"), ("W20.6",)),
    "machinery": (("T07", "S06.5", "S36.1"), ("S68.1", "S62.6", "S57.8"), ("W31.6", "W23.6")),
    "electrocution": (("T75.4",), ("T75.4", "T21.3"), ("W87.6",)),
    "poisoning_asphyxiation": (("T71", "T59.8", "T58"), ("T59.8", "T58"), ("X47.6", "W77.6")),
    "vehicle": (("S06.5", "T07", "S36.1"), ("S82.2", "S72.0", "S22.4"), ("V69.4", "V89.2")),
    "lifting": (("S06.5", "T07"), ("S32.0", "S82.2"), ("W24.6", "W20.6")),
    "collapse": (("T71", "T07", "S32.0"), ("S32.0", "S82.2", "S22.4"), ("W77.6", "W20.6")),
    "fire": (("T31.5", "T27.3"), ("T20.3", "T31.2"), ("X00.6", "X09.6")),
    "explosion": (("T07", "T31.5"), ("T20.3", "S06.0"), ("W40.6", "W36.6")),
    "burn": (("T31.5", "T24.3"), ("T24.3", "T20.2", "T31.2"), ("X12.6", "X19.6")),
    "other": (("T07", "S06.5"), ("S82.2", "S62.6"), ("W49.6", "W19.6")),
}
TRAUMA_TEXT = {"roof_fall": "冒顶片帮致多发伤", "gas_explosion": "爆炸伤", "flooding": "溺水",
               "fall_from_height": "高处坠落致颅脑损伤", "struck_by_object": "物体打击致颅脑损伤",
               "machinery": "机械伤致多发伤", "electrocution": "电击伤", "collapse": "机械性窒息",
               "poisoning_asphyxiation": "中毒窒息", "vehicle": "交通事故致颅脑损伤",
               "lifting": "重物砸伤致多发伤", "fire": "烧伤", "explosion": "爆炸伤",
               "burn": "大面积烧伤", "other": "多发伤"}
ACTION = {"roof_fall": "井下作业时顶板冒落", "flooding": "井下作业时突发透水",
          "fall_from_height": "在脚手架作业时坠落", "struck_by_object": "作业时被坠落物击中",
          "machinery": "操作设备时被卷入", "electrocution": "作业时触电", "collapse": "基坑作业时土方坍塌",
          "poisoning_asphyxiation": "进入受限空间作业时中毒窒息", "vehicle": "驾驶车辆途中发生事故",
          "lifting": "吊装作业时被吊物砸中", "fire": "作业时发生火灾", "explosion": "作业时发生爆炸",
          "burn": "作业时被高温物料烫伤", "gas_explosion": "作业时发生燃爆", "other": "作业时受伤"}
ILLNESS_CAUSES = ("猝死", "心源性猝死", "呼吸心跳骤停", "病故", "疾病")
NATURAL_CREM = ("肺癌", "脑梗死", "冠心病", "慢性阻塞性肺疾病", "心力衰竭", "多器官功能衰竭", "肝癌",
                "脑出血", "糖尿病并发症", "呼吸衰竭", "高血压病", "猝死", "病故", "自然死亡", "鼻咽癌")
DISGUISE_P = {"illness": 0.4, "moved": 0.2, "trauma_open": 0.25, "traffic": 0.15}
SITES = ("项目工地", "工地", "厂区", "矿区", "车间", "仓库", "码头", "隧道工程", "安置房项目")
ROADS = ("工业大道", "人民路", "建设路", "环城路", "新城大道", "滨江路", "创业路", "迎宾大道")


def pick(rng: np.random.Generator, options: tuple[Any, ...] | list[Any]) -> Any:
    return options[int(rng.integers(len(options)))]


def pick_w(rng: np.random.Generator, pairs: tuple[tuple[Any, float], ...]) -> Any:
    w = np.array([p for _, p in pairs], dtype=float)
    return pairs[int(rng.choice(len(pairs), p=w / w.sum()))][0]


@dataclass
class Victim:
    pid: int
    outcome: str
    employer: int  # enterprise index of the employment; -1 for a third party or casual worker
    ident: int = -1  # identity used in the accident report / employment, -1 = own
    reported: str | None = None
    handling: str = "honest"
    death_day: int = 0  # days after the incident


@dataclass
class Incident:
    idx: int
    kind: str
    pattern: str
    ent: int
    industry: str
    acc_type: str
    county: int
    when: int  # seconds since 1970, local time
    victims: list[Victim] = field(default_factory=list)
    accident_row: int = -1


class World:
    """The simulation; :meth:`build` fills ``rows`` (loop records), ``frames`` (bulk records),
    ``incidents`` and ``deaths``."""

    def __init__(self, scale: float, seed: int) -> None:
        self.scale = scale
        self.rng = np.random.default_rng(seed)
        self.persons = Persons(self.rng)
        self.hospitals = geo.hospitals()
        self.homes = geo.funeral_homes()
        self.rows: dict[str, list[dict[str, Any]]] = {s: [] for s in (
            "accidents", "accident_victims", "deregistrations", "cremations", "injury_claims",
            "medical_records", "employment")}
        self.frames: dict[str, list[pl.DataFrame]] = {s: [] for s in self.rows}
        self.incidents: list[Incident] = []
        self.deaths: dict[int, tuple[str, int]] = {}  # pid -> (class, incident idx or -1)
        self.closed: dict[int, int] = {}  # worker pid -> day the employer closed the spell
        self.death_day: dict[int, int] = {}
        self._county_codes = np.array([c for c, _, _ in geo.COUNTIES], dtype=np.int64)
        w = np.array([p for _, _, p in geo.COUNTIES])
        self._county_p = w / w.sum()
        self._home_codes = np.array([c for c, _, _ in geo.HOME_COUNTIES], dtype=np.int64)
        hw = np.array([p for _, _, p in geo.HOME_COUNTIES])
        self._home_p = hw / hw.sum()
        self._hosp_by_county: dict[int, list[int]] = {}
        for i, h in enumerate(self.hospitals):
            self._hosp_by_county.setdefault(h.region, []).append(i)
        self._big_by_city: dict[str, list[int]] = {}
        for i, h in enumerate(self.hospitals[:len(geo.BIG_HOSPITALS)]):
            self._big_by_city.setdefault(geo.city_of(h.region), []).append(i)
        self._home_by_county: dict[int, list[int]] = {}
        self._home_by_city: dict[str, list[int]] = {}
        for i, fh in enumerate(self.homes):
            self._home_by_county.setdefault(fh.region, []).append(i)
            self._home_by_city.setdefault(geo.city_of(fh.region), []).append(i)

    # ---------------------------------------------------------------- helpers
    def n(self, base: float, minimum: int = 1) -> int:
        return max(minimum, round(base * self.scale))

    def counties(self, k: int) -> IntArray:
        return self._county_codes[self.rng.choice(len(self._county_codes), size=k, p=self._county_p)]

    def home_counties(self, k: int) -> IntArray:
        return self._home_codes[self.rng.choice(len(self._home_codes), size=k, p=self._home_p)]

    def hospital_for(self, county: int, big: float = 0.3) -> int:
        rng = self.rng
        city = geo.city_of(county)
        if rng.random() < big and city in self._big_by_city:
            return int(pick(rng, self._big_by_city[city]))
        own = self._hosp_by_county.get(county)
        return int(pick(rng, own)) if own else int(pick(rng, self._big_by_city.get(city, [0])))

    def big_hospital(self) -> int:
        return int(self.rng.integers(0, len(geo.BIG_HOSPITALS)))

    def home_for(self, county: int) -> int:
        own = self._home_by_county.get(county)
        if own:
            return int(pick(self.rng, own))
        city = self._home_by_city.get(geo.city_of(county))
        if city:
            return int(pick(self.rng, city))
        return -1

    def far_home(self, *avoid: int) -> int:
        """A Guangdong funeral home in a city other than those of ``avoid``."""
        cities = {geo.city_of(a) for a in avoid}
        while True:
            i = int(self.rng.integers(0, len(self.homes)))
            fh = self.homes[i]
            if fh.region // 10000 == 44 and geo.city_of(fh.region) not in cities:
                return i

    # ---------------------------------------------------------------- build
    def build(self) -> None:
        self._enterprises()
        self._workers()
        self._pools()
        self.persons.finish()
        self._employment()
        self._incidents()
        self._worker_deaths()
        self._background_deaths()
        self._background_injuries()

    def _enterprises(self) -> None:
        rng = self.rng
        k = self.n(40000, 400)
        ind = np.array(INDUSTRIES)[rng.choice(len(INDUSTRIES), size=k, p=np.array(ENT_SHARE) / sum(ENT_SHARE))]
        region = np.empty(k, dtype=np.int64)
        for name in INDUSTRIES:
            idx = np.flatnonzero(ind == name)
            boost = geo.INDUSTRY_CITIES.get(name, {})
            w = np.array([p * boost.get(str(c)[:4], 0.25 if boost else 1.0) for c, _, p in geo.COUNTIES])
            region[idx] = self._county_codes[rng.choice(len(w), size=len(idx), p=w / w.sum())]
        names, usccs, reg_uscc, high = [], [], [], []
        seen: set[str] = set()
        for i in range(k):
            city = geo.CITIES[str(region[i])[:4]]
            prefix = "广东" if rng.random() < 0.15 else city + "市"
            while True:
                brand = BRAND1[int(rng.integers(len(BRAND1)))] + BRAND2[int(rng.integers(len(BRAND2)))]
                nm = prefix + brand + pick(rng, SUFFIX[str(ind[i])])
                if nm not in seen:
                    break
            seen.add(nm)
            names.append(nm)
            u = make_uscc(int(region[i]), rng)
            usccs.append(u)
            reg_uscc.append(mistype_uscc(u, rng) if rng.random() < 0.03 else u)
            high.append(bool(rng.random() < HIGH_RISK_P[str(ind[i])]))
        self.ent = pl.DataFrame({
            "name": names, "uscc": usccs, "uscc_reg": reg_uscc,
            "kind": ind, "industry": np.where(ind == "labour", "construction", ind),
            "region": region, "high_risk": high})
        self.ent_kind = ind
        self.ent_region = region
        self.ent_name = names
        self.ent_uscc = usccs
        # each labour subcontractor supplies 1-3 general contractors, preferably in its city
        gcs = np.flatnonzero(ind == "construction")
        self.subs_of: dict[int, list[int]] = {int(g): [] for g in gcs}
        for s in np.flatnonzero(ind == "labour"):
            for g in rng.choice(gcs, size=int(rng.integers(1, 4)), replace=False):
                self.subs_of[int(g)].append(int(s))

    def _workers(self) -> None:
        """Insured workers: each with a current employer, sex, age, registration."""
        rng = self.rng
        k = self.n(350000, 3000)
        size = np.array([ENT_SIZE[str(x)] for x in self.ent_kind], dtype=float)
        size *= rng.lognormal(0, 0.8, len(size))
        emp = rng.choice(len(size), size=k, p=size / size.sum())
        kinds = self.ent_kind[emp]
        mig = rng.random(k) < np.array([MIGRANT_P[str(x)] for x in kinds])
        male = rng.random(k) < np.array([MALE_P[str(x)] for x in kinds])
        older = np.isin(kinds, ["construction", "labour", "non_coal_mining"])
        age = np.where(older, rng.uniform(22, 60, k), rng.uniform(18, 55, k))
        work = self.ent_region[emp]
        same_city = rng.random(k) < 0.6
        local_reg = np.where(same_city, work, self.counties(k))
        region = np.where(mig, self.home_counties(k), local_reg)
        self.workers = self.persons.add(male, age, region, work, date(2023, 7, 1))
        self.worker_emp = emp.astype(np.int64)
        order = np.argsort(emp, kind="stable")
        bounds = np.searchsorted(emp[order], np.arange(len(size) + 1))
        self.by_emp = {e: self.workers[order[bounds[e]:bounds[e + 1]]]
                       for e in range(len(size)) if bounds[e + 1] > bounds[e]}
        self.emp_of: dict[int, int] = dict(zip(self.workers.tolist(), emp.tolist(), strict=True))
        # borrowed identities: some migrant construction workers use a relative's ID card
        cand = np.flatnonzero(mig & (kinds == "labour"))
        self.borrowers = rng.choice(cand, size=min(len(cand), max(2, int(0.03 * len(cand)))),
                                    replace=False) if len(cand) else np.zeros(0, dtype=np.int64)

    def _pools(self) -> None:
        rng = self.rng
        p = self.persons
        ref = date(2023, 7, 1)
        # uninsured casual workers (no enrolment at all)
        k = self.n(30000, 400)
        mig = rng.random(k) < 0.7
        live = self.counties(k)
        self.casual = p.add(rng.random(k) < 0.9, rng.uniform(20, 62, k),
                            np.where(mig, self.home_counties(k), live), live, ref)
        self.casual_live = live
        # lenders of identities: relatives back home, no records of their own
        b = len(self.borrowers) + self.n(200, 20)
        lend_reg = self.persons_region_of(self.workers[self.borrowers]) if len(self.borrowers) else np.zeros(0, dtype=np.int64)
        extra = self.home_counties(b - len(self.borrowers))
        reg = np.concatenate([lend_reg, extra])
        self.lenders = p.add(rng.random(b) < 0.8, rng.uniform(18, 64, b), reg, reg, ref)
        self.lender_of: dict[int, int] = {
            int(self.workers[w]): int(self.lenders[i]) for i, w in enumerate(self.borrowers)}
        self._spare_lenders = [int(x) for x in self.lenders[len(self.borrowers):]]
        # third parties of road accidents
        k = self.n(3000, 60)
        live = self.counties(k)
        self.third = p.add(rng.random(k) < 0.6, rng.uniform(5, 80, k), live, live, ref)
        # residents who die of natural causes; of other (non-occupational) causes
        k = self.n(230000, 800)
        live = self.counties(k)
        age = np.where(rng.random(k) < 0.85, 60 + rng.gamma(4.0, 4.5, k), rng.uniform(1, 60, k))
        age = np.minimum(age, 104)
        self.nat = p.add(rng.random(k) < 0.55, age, live, live, ref)
        k = self.n(25000, 200)
        live = self.counties(k)
        cat = rng.choice(6, size=k, p=[0.38, 0.3, 0.08, 0.12, 0.07, 0.05])
        age = np.select([cat == 1], [rng.uniform(62, 98, k)], rng.uniform(3, 85, k))
        mig = (rng.random(k) < 0.12) & (age > 18) & (age < 60)
        self.nonocc = p.add(rng.random(k) < 0.62, age, np.where(mig, self.home_counties(k), live),
                            live, ref)
        self.nonocc_cat = cat
        # persons seen in hospital for non-fatal injuries
        k = self.n(520000, 3000)
        live = self.counties(k)
        mig = rng.random(k) < 0.22
        self.patients = p.add(rng.random(k) < 0.58, rng.uniform(0, 95, k),
                              np.where(mig, self.home_counties(k), live), live, ref)

    def persons_region_of(self, pids: IntArray) -> IntArray:
        if len(self.persons.region) == self.persons.n:
            return self.persons.region[pids]
        return np.concatenate(self.persons._region)[pids]

    # ---------------------------------------------------------------- employment
    def _employment(self) -> None:
        rng = self.rng
        w = self.workers
        k = len(w)
        start = rng.integers(to_days(date(2015, 1, 1)), to_days(date(2023, 12, 1)), k)
        open_ = rng.random(k) < 0.8
        end = np.where(open_, -1, np.minimum(start + rng.integers(60, 2500, k), EXTRACT - 5))
        end = np.where((end >= 0) & (end <= start), start + 30, end)
        self.spell_row = self._add_frame("employment", {
            "pid": w, "ident": np.full(k, -1), "employer": self.worker_emp,
            "start_date": start, "end_date": end})
        # earlier spells at other employers
        prior = rng.random(k) < 0.3
        pw = w[prior]
        pend = start[prior] - rng.integers(10, 400, len(pw))
        pstart = pend - rng.integers(90, 1500, len(pw))
        pemp = rng.integers(0, len(self.ent_kind), len(pw))
        self._add_frame("employment", {"pid": pw, "ident": np.full(len(pw), -1), "employer": pemp,
                                       "start_date": pstart, "end_date": pend})
        # the employment of a borrower runs under the lender's identity
        self.employment_open = dict(zip(w.tolist(), (end < 0).tolist(), strict=True))

    def _add_frame(self, src: str, cols: dict[str, Any]) -> int:
        df = pl.DataFrame({c: (v if not isinstance(v, np.ndarray) or v.dtype != object else list(v))
                           for c, v in cols.items()}, strict=False)
        self.frames[src].append(df)
        return len(self.frames[src]) - 1

    # ---------------------------------------------------------------- incidents
    def _incidents(self) -> None:
        rng = self.rng
        n_rep, n_under, n_conc = self.n(1250, 20), self.n(50, 4), self.n(150, 6)
        rep_ind = (("construction", .34), ("transport", .24), ("manufacturing", .18),
                   ("hazardous_chemicals", .07), ("non_coal_mining", .07), ("metallurgy", .04),
                   ("fireworks", .01), ("other", .05))
        conc_ind = (("construction", .4), ("non_coal_mining", .2), ("manufacturing", .14),
                    ("hazardous_chemicals", .08), ("metallurgy", .05), ("transport", .05),
                    ("other", .08))
        self.used: set[int] = set()
        self._ents_by_kind = {k: np.flatnonzero(self.ent_kind == k) for k in INDUSTRIES}
        under_patterns = ["grade_line", "late_death", "impersonation", "omitted"]
        plan: list[tuple[str, str]] = [("reported", "honest")] * n_rep
        for i in range(n_under):
            pat = under_patterns[i] if i < 4 else pick_w(rng, (("grade_line", .35), ("late_death", .35),
                                                               ("impersonation", .1), ("omitted", .2)))
            plan.append(("under_reported", pat))
        for i in range(n_conc):
            multi = i < 2 or rng.random() < 0.35
            plan.append(("concealed", "multi" if multi else "single"))
        for kind, pattern in plan:
            industry = pick_w(rng, conc_ind if kind == "concealed" else rep_ind)
            self._incident(kind, pattern, str(industry))

    def _site(self, industry: str) -> tuple[int, int]:
        rng = self.rng
        ents = self._ents_by_kind[industry]
        if len(ents) == 0:
            ents = self._ents_by_kind["manufacturing"]
        e = int(ents[int(rng.integers(0, len(ents)))])
        county = int(self.ent_region[e])
        if industry in ("construction", "transport") and rng.random() < 0.5:
            same_city = [c for c, _, _ in geo.COUNTIES if geo.city_of(c) == geo.city_of(county)]
            county = int(pick(rng, same_city)) if rng.random() < 0.7 else int(self.counties(1)[0])
        return e, county

    def _workforce(self, e: int, industry: str, k: int) -> list[tuple[int, int]]:
        """``k`` distinct unused workers at site enterprise ``e``: construction workers come from
        its labour subcontractors; uninsured casual workers fill the gap."""
        rng = self.rng
        pools: list[int] = [e]
        if industry == "construction":
            pools = [*self.subs_of.get(e, []), e]
        cand: list[tuple[int, int]] = []
        for emp in pools:
            ws = self.by_emp.get(emp)
            if ws is not None:
                cand.extend((int(w), emp) for w in ws.tolist())
        casual_share = 0.3 if industry == "construction" else 0.12
        out: list[tuple[int, int]] = []
        for i in rng.permutation(len(cand)).tolist():
            if len(out) >= k:
                break
            w, emp = cand[i]
            if w in self.used or rng.random() < casual_share:
                continue
            out.append((w, emp))
            self.used.add(w)
        while len(out) < k:
            c = int(self.casual[int(rng.integers(0, len(self.casual)))])
            if c not in self.used:
                out.append((c, -1))
                self.used.add(c)
        return out

    def _incident(self, kind: str, pattern: str, industry: str) -> None:
        rng = self.rng
        e, county = self._site(industry)
        acc_type = str(pick_w(rng, ACC_TYPES[industry]))
        day = int(rng.integers(START, END + 1))
        hour = int(pick_w(rng, tuple((h, 3.0 if 8 <= h <= 17 else 0.6) for h in range(24))))
        when = day * DAY + hour * 3600 + int(rng.integers(0, 60)) * 60
        inc = Incident(len(self.incidents), kind, pattern, e, industry, acc_type, county, when)
        self.incidents.append(inc)
        # how many die and are injured, and what gets reported
        deaths, injured, rep_deaths = 0, 0, 0
        if kind == "reported":
            deaths = int(pick_w(rng, ((0, .45), (1, .45), (2, .07), (3, .02), (4, .01))))
            injured = int(pick_w(rng, ((0, .5), (1, .3), (2, .12), (3, .08)))) + (deaths == 0)
            rep_deaths = deaths
        elif pattern == "grade_line":
            if rng.random() < 0.12:
                deaths, rep_deaths = int(rng.integers(10, 13)), 9
            else:
                deaths, rep_deaths = int(rng.integers(3, 6)), 2
            injured = int(rng.integers(0, 4))
        elif pattern == "late_death":
            rep_deaths = int(pick_w(rng, ((0, .5), (1, .35), (2, .15))))
            deaths, injured = rep_deaths + 1, int(rng.integers(0, 3))
        elif pattern == "impersonation":
            deaths = int(rng.integers(2, 5))
            rep_deaths, injured = deaths - 1, int(rng.integers(0, 3))
        elif pattern == "omitted":
            deaths = int(rng.integers(1, 4))
            rep_deaths, injured = deaths - 1, int(rng.integers(1, 3))
        elif pattern == "single":
            deaths, injured = 1, 0
        else:
            deaths = int(pick_w(rng, ((1, .45), (2, .35), (3, .15), (4, .05))))
            injured = int(rng.integers(0, 4)) if deaths > 1 else int(rng.integers(1, 4))
        total = deaths + injured
        third = 0
        if industry == "transport" and acc_type == "vehicle" and kind == "reported":
            third = int(rng.binomial(total, 0.5))
        staff = self._workforce(e, industry, total - third)
        free = np.setdiff1d(self.third, np.fromiter(self.used, dtype=np.int64))
        people: list[tuple[int, int]] = staff + [
            (int(x), -1) for x in rng.choice(free, size=min(third, len(free)), replace=False)]
        for x in people[len(staff):]:
            self.used.add(x[0])
        deaths = min(deaths, len(people))
        order = rng.permutation(len(people))
        people = [people[i] for i in order]
        for j, (pid, emp) in enumerate(people):
            outcome = "death" if j < deaths else ("serious_injury" if rng.random() < 0.45
                                                 else "minor_injury")
            inc.victims.append(Victim(pid, outcome, emp))
        # what the report names
        dead = [v for v in inc.victims if v.outcome == "death"]
        hurt = [v for v in inc.victims if v.outcome != "death"]
        for v in hurt:
            v.reported = v.outcome if kind != "concealed" else None
        if kind == "reported":
            for v in dead:
                v.reported = "death"
            if dead and rng.random() < 0.12:  # died later in hospital, report updated in time
                dead[0].handling = "late_updated"
                dead[0].death_day = int(rng.integers(1, 6 if self._short_window(inc) else 25))
        elif kind == "under_reported":
            for v in dead[:rep_deaths]:
                v.reported = "death"
            omitted = dead[rep_deaths:]
            if pattern == "late_death":
                v = omitted[0]
                v.reported, v.handling = "serious_injury", "late_death"
                v.death_day = int(rng.integers(2, 7 if self._short_window(inc) else 29))
            else:
                for v in omitted:
                    v.handling = self._disguise(v)
                    if rng.random() < 0.25:
                        v.reported = "serious_injury"
                if pattern == "impersonation":
                    dead[0].ident = self._spare_lenders.pop() if self._spare_lenders else -1
        else:
            for v in dead:
                v.handling = self._disguise(v)
            for v in hurt:
                v.handling = "hidden_injury"
        for v in inc.victims:
            if v.ident < 0 and v.pid in self.lender_of:
                v.ident = self.lender_of[v.pid]
            if v.outcome == "death":
                self.deaths[v.pid] = ("incident", inc.idx)
        if kind != "concealed":
            self._accident(inc)
        for v in inc.victims:
            self._victim_records(inc, v)

    def _short_window(self, inc: Incident) -> bool:
        return (inc.acc_type == "vehicle" and inc.industry == "transport") or inc.acc_type == "fire"

    def _disguise(self, v: Victim) -> str:
        h = str(pick_w(self.rng, tuple(DISGUISE_P.items())))
        if h == "moved" and int(self.persons_region_of(np.array([v.pid]))[0]) // 10000 == 44:
            h = "illness"
        return h

    def _accident(self, inc: Incident) -> None:
        rng = self.rng
        named = [v for v in inc.victims if v.reported is not None]
        late = rng.random() < 0.06
        rep_at = inc.when + (int(rng.integers(3600, 48 * 3600)) if late else int(rng.integers(900, 5400)))
        loss_d = sum(v.reported == "death" for v in named)
        inj = sum(v.reported is not None and v.reported != "death" for v in named)
        loss = None if rng.random() < 0.1 else round(
            loss_d * float(rng.uniform(80, 220)) + inj * float(rng.uniform(3, 30))
            + float(rng.uniform(1, 60)), 1)
        city = geo.CITIES[geo.city_of(inc.county)] + "市"
        county = geo.COUNTY_NAME[inc.county]
        address = f"{city}{county if county != city else ''}{pick(rng, ROADS)}{int(rng.integers(1, 999))}号{pick(rng, SITES)}"
        inc.accident_row = len(self.rows["accidents"])
        self.rows["accidents"].append({
            "inc": inc.idx, "occurred_at": inc.when, "reported_at": rep_at,
            "region_code": inc.county, "address": address, "ent": inc.ent,
            "industry": inc.industry, "accident_type": inc.acc_type,
            "reported_deaths": loss_d,
            "reported_serious_injuries": sum(v.reported == "serious_injury" for v in named),
            "reported_minor_injuries": sum(v.reported == "minor_injury" for v in named),
            "direct_loss_10k_yuan": loss})
        for v in named:
            self.rows["accident_victims"].append({
                "pid": v.pid, "ident": v.ident, "inc": inc.idx,
                "age": self.persons.age1(v.pid, inc.when // DAY), "outcome": v.reported})

    # ---------------------------------------------------------------- records of one victim
    def _victim_records(self, inc: Incident, v: Victim) -> None:
        rng = self.rng
        day = inc.when // DAY
        fatal, nonfatal, ext = ICD[inc.acc_type]
        region = int(self.persons_region_of(np.array([v.pid]))[0])
        migrant = region // 10000 != 44
        emp = v.employer
        emp_name = self.ent_name[emp] if emp >= 0 else None
        hosp = self.hospital_for(inc.county)
        h = v.handling
        if v.outcome != "death":
            serious = v.outcome == "serious_injury"
            if h == "hidden_injury" and rng.random() < 0.3:
                return
            if h != "hidden_injury" and rng.random() < 0.05:
                return
            los = int(rng.integers(14, 70)) if serious else int(rng.integers(0, 10))
            transfer = serious and rng.random() < 0.3
            if transfer:
                los = int(rng.integers(1, 6))
            adm = inc.when + int(rng.integers(1200, 4 * 3600))
            honest = h != "hidden_injury"
            payer = (pick_w(rng, (("work_injury_insurance", .6), ("employee_insurance", .2), ("self_pay", .1), (None, .1)))
                     if honest else pick_w(rng, (("self_pay", .6), ("commercial", .15), ("resident_insurance", .15), (None, .1))))
            if emp < 0 and honest:
                payer = pick_w(rng, (("commercial", .5), ("resident_insurance", .3), ("self_pay", .2)))
            ext_code = pick(rng, ext) if (honest or rng.random() < 0.6) else (None if rng.random() < 0.5 else "W19.9")
            diag = pick(rng, nonfatal)
            rec_emp = (emp_name if rng.random() < 0.5 else self.ent_name[inc.ent]) if rng.random() < (0.5 if honest else 0.25) else None
            self._medical(v, hosp, adm, adm + los * DAY + int(rng.integers(0, 8 * 3600)), diag, ext_code,
                          "transferred" if transfer else "discharged", payer, rec_emp)
            if transfer:
                adm2 = adm + los * DAY + int(rng.integers(1800, 7200))
                self._medical(v, self.big_hospital(), adm2, adm2 + int(rng.integers(14, 60)) * DAY, diag,
                              ext_code if rng.random() < 0.7 else None, "discharged", payer, None)
            if emp >= 0 and rng.random() < (0.8 if honest else 0.1):
                if serious:
                    out = pick_w(rng, tuple((f"disability_{i}", w) for i, w in ((1, .1), (2, .15), (3, .2), (4, .25), (5, .15), (6, .15))))
                else:
                    out = pick_w(rng, (("injury", .5), ("disability_10", .2), ("disability_9", .15), ("disability_8", .1), ("disability_7", .05)))
                self._claim(v, emp, day, out, f"{ACTION[inc.acc_type]}受伤", late_family=not honest)
            return
        # ---- deaths
        dday = day + v.death_day
        self.death_day[v.pid] = dday
        cause_text = TRAUMA_TEXT[inc.acc_type]
        body_origin: str | None = None
        if h in ("honest", "late_updated", "late_death"):
            if h != "honest" or rng.random() < 0.55:
                adm = inc.when + int(rng.integers(1200, 3 * 3600))
                died = dday * DAY + int(rng.integers(0, DAY)) if h != "honest" else adm + int(rng.integers(1800, 20 * 3600))
                died = max(died, adm + 1800)
                hosp = hosp if h == "honest" else self.big_hospital() if rng.random() < 0.4 else hosp
                payer = pick_w(rng, (("work_injury_insurance", .6), ("employee_insurance", .15), ("self_pay", .1), (None, .15)))
                if emp < 0:
                    payer = pick_w(rng, (("commercial", .5), ("resident_insurance", .3), ("self_pay", .2)))
                self._medical(v, hosp, adm, died, pick(rng, fatal), pick(rng, ext), "died", payer,
                              emp_name if rng.random() < 0.4 else None)
                body_origin = self.hospitals[hosp].name
                dday = died // DAY
                self.death_day[v.pid] = dday
            else:
                body_origin = pick(rng, ("事故现场", "工地", geo.COUNTY_NAME[inc.county] + pick(rng, SITES)))
            dcause = pick_w(rng, (("工伤", .3), ("意外", .3), ("事故死亡", .1), (None, .3)))
            ccause: str | None = cause_text
            issuer = pick_w(rng, (("hospital", .5), ("police", .45), ("other", .05))) if body_origin and "医院" in body_origin else pick_w(rng, (("police", .8), ("other", .1), (None, .1)))
            delay = int(pick_w(rng, ((1, .05), (2, .1), (3, .25), (4, .2), (5, .15), (7, .15), (10, .1))))
            home = self.home_for(inc.county) if (not migrant or rng.random() < 0.7) else self.home_for(region)
            p_crem = 0.92
            claim_p = 0.85 if h == "honest" else 0.7
            if h == "honest" and inc.industry == "construction":
                claim_p = 0.75
        else:
            claim_p = 0.15 if inc.kind == "concealed" else 0.3
            if h == "traffic":
                adm = inc.when + int(rng.integers(1800, 5 * 3600))
                self._medical(v, hosp, adm, adm + int(rng.integers(1800, 30 * 3600)), pick(rng, ("S06.5", "T07", "S06.9")),
                              pick(rng, ("V28.4", "V29.4", "V89.2", "V23.4")), "died",
                              pick_w(rng, (("self_pay", .4), ("commercial", .3), ("resident_insurance", .2), (None, .1))), None)
                body_origin = self.hospitals[hosp].name
                dcause = pick_w(rng, (("交通事故", .6), ("意外", .3), (None, .1)))
                ccause = "交通事故致颅脑损伤" if rng.random() < 0.7 else "颅脑损伤"
                issuer = pick_w(rng, (("police", .5), ("hospital", .5)))
                delay = int(rng.integers(1, 5))
                home = self.home_for(inc.county) if rng.random() < 0.8 else self.far_home(inc.county, region)
                p_crem = 0.9
            elif h == "trauma_open":
                adm = inc.when + int(rng.integers(1800, 4 * 3600))
                rec_emp = (emp_name if rng.random() < 0.5 else self.ent_name[inc.ent]) if rng.random() < 0.4 else None
                self._medical(v, hosp, adm, adm + int(rng.integers(1800, 40 * 3600)), pick(rng, fatal), pick(rng, ext), "died",
                              pick_w(rng, (("self_pay", .6), ("commercial", .2), (None, .2))), rec_emp)
                body_origin = self.hospitals[hosp].name
                dcause = pick_w(rng, (("意外", .45), (None, .35), ("病故", .1), ("工伤", .1)))
                ccause = cause_text if rng.random() < 0.7 else "多发伤"
                issuer = "hospital"
                delay = int(pick_w(rng, ((0, .15), (1, .3), (2, .25), (3, .3))))
                home = self.home_for(inc.county) if rng.random() < 0.6 else self.far_home(inc.county, region)
                p_crem = 0.9
            elif h == "moved":
                if rng.random() < 0.2:
                    adm = inc.when + int(rng.integers(1800, 4 * 3600))
                    self._medical(v, hosp, adm, adm + int(rng.integers(600, 3 * 3600)), pick(rng, ("T07", "S06.5")), None,
                                  "left_against_advice", "self_pay", None)
                dcause = pick_w(rng, (("病故", .45), ("意外", .2), (None, .35)))
                ccause = pick_w(rng, (("病故", .4), ("猝死", .3), (None, .3)))
                issuer = pick_w(rng, (("community", .5), ("other", .3), (None, .2)))
                delay = int(rng.integers(1, 4))
                home = self.home_for(region) if str(region)[:2] in geo.SHARING_PROVINCES else -1
                p_crem = 0.8
                body_origin = pick(rng, ("家中", "老家", None))
            else:  # illness
                r = rng.random()
                if r < 0.2:
                    adm = inc.when + int(rng.integers(1800, 4 * 3600))
                    self._medical(v, hosp, adm, adm + int(rng.integers(1800, 6 * 3600)), pick(rng, fatal), None,
                                  "left_against_advice", "self_pay", None)
                    dday = day + int(rng.integers(0, 3))
                    self.death_day[v.pid] = dday
                elif r < 0.4:
                    adm = inc.when + int(rng.integers(1800, 4 * 3600))
                    self._medical(v, hosp, adm, adm + int(rng.integers(1800, 10 * 3600)), pick(rng, ("T07", "S06.5", "T71")),
                                  pick(rng, (None, "W19.9")), "died", pick(rng, ("self_pay", None)), None)
                dcause = pick_w(rng, (("病故", .4), ("猝死", .25), (None, .35)))
                ccause = pick_w(rng, (*((c, 1.0) for c in ILLNESS_CAUSES), (None, 1.0)))
                issuer = pick_w(rng, (("community", .45), ("other", .25), (None, .2), ("hospital", .1)))
                delay = int(pick_w(rng, ((0, .35), (1, .4), (2, .1), (3, .15))))
                far = rng.random() < 0.5
                home = self.far_home(inc.county, region) if far else self.home_for(inc.county)
                if migrant and rng.random() < 0.3:
                    home = self.home_for(region) if str(region)[:2] in geo.SHARING_PROVINCES else -1
                body_origin = pick(rng, ("家中", "家中", "出租屋", None, geo.COUNTY_NAME[int(pick(rng, list(self._county_codes)))] + "某村"))
                p_crem = 0.9
        p_dereg = 0.95 if not migrant else 0.6
        self._death_docs(v.pid, dday, region, p_dereg, dcause, p_crem, home, delay, ccause, issuer,
                         body_origin)
        if emp >= 0 and rng.random() < claim_p:
            desc = f"{ACTION[inc.acc_type]}，经抢救无效死亡" if rng.random() < 0.85 else None
            self._claim(v, emp, day, "death", desc, late_family=h not in ("honest", "late_updated", "late_death"))
        self._close_spell(v.pid, dday, keep_open=0.15 if h == "honest" else 0.4)

    def _medical(self, v: Victim, hosp: int, adm: int, dis: int | None, diag: str, ext: str | None,
                 disp: str, payer: str | None, emp_name: str | None) -> None:
        ident = self.lender_of.get(v.pid, -1) if self.rng.random() < 0.5 else -1
        self.rows["medical_records"].append({
            "pid": v.pid, "ident": ident, "hospital": hosp, "admitted_at": adm,
            "discharged_at": dis if dis is not None and dis < EXTRACT * DAY else None,
            "diagnosis_icd10": diag, "external_cause_icd10": ext, "disposition": disp,
            "payer": payer, "employer_name": emp_name})

    def _claim(self, v: Victim, emp: int, day: int, outcome: str, desc: str | None,
               late_family: bool) -> None:
        rng = self.rng
        applied = day + (int(rng.integers(40, 330)) if late_family else
                         int(rng.integers(3, 30)) if rng.random() < 0.8 else int(rng.integers(30, 300)))
        if applied > EXTRACT:
            return
        if late_family and outcome == "death":
            outcome = str(pick_w(rng, (("death", .6), ("pending", .25), ("rejected", .15))))
        decided: int | None = applied + int(rng.integers(15, 90))
        if decided is not None and (decided > EXTRACT or outcome == "pending"):
            decided, outcome = None, "pending"
        self.rows["injury_claims"].append({
            "pid": v.pid, "ident": self.lender_of.get(v.pid, -1),
            "employer": emp, "injury_date": day, "applied_on": applied, "decided_on": decided,
            "outcome": outcome, "injury_description": desc})

    def _death_docs(self, pid: int, dday: int, region: int, p_dereg: float, dcause: str | None,
                    p_crem: float, home: int, delay: int, ccause: str | None, issuer: str | None,
                    body_origin: str | None) -> None:
        rng = self.rng
        if rng.random() < p_dereg:
            on = dday + int(rng.integers(3, 120))
            if on <= EXTRACT:
                self.rows["deregistrations"].append({
                    "pid": pid, "ident": -1, "death_date": dday, "deregistered_on": on,
                    "region_code": region, "reason": "death", "death_cause": dcause})
        if home >= 0 and rng.random() < p_crem:
            self.rows["cremations"].append({
                "pid": pid, "ident": -1, "age": self.persons.age1(pid, dday), "death_date": dday,
                "cremated_on": dday + delay, "home": home, "death_cause": ccause,
                "certificate_issuer": issuer, "body_origin": body_origin})

    def _close_spell(self, pid: int, dday: int, keep_open: float) -> None:
        if pid in self.emp_of and self.rng.random() > keep_open:
            self.closed[pid] = min(dday + int(self.rng.integers(5, 45)), EXTRACT - 1)

    # ---------------------------------------------------------------- workers' other deaths
    def _worker_deaths(self) -> None:
        """Workers who die of illness (some suddenly at work: a claim, no accident) or on the
        road to or from work (a claim too): the hard negatives around work."""
        rng = self.rng
        free = np.array([w for w in self.workers.tolist() if w not in self.used])
        k_nat, k_sudden, k_commute, k_offduty = self.n(600, 20), self.n(60, 3), self.n(100, 4), self.n(300, 8)
        chosen = rng.choice(free, size=k_nat + k_sudden + k_commute + k_offduty, replace=False)
        self.used.update(int(x) for x in chosen)
        groups = np.split(chosen, np.cumsum([k_nat, k_sudden, k_commute]))
        for g, what in zip(groups, ("natural", "sudden", "commute", "offduty"), strict=True):
            for pid in g.tolist():
                pid = int(pid)
                dday = int(rng.integers(START, END + 1))
                region = int(self.persons_region_of(np.array([pid]))[0])
                migrant = region // 10000 != 44
                emp = self.emp_of[pid]
                county = int(self.ent_region[emp])
                v = Victim(pid, "death", emp, ident=self.lender_of.get(pid, -1))
                self.deaths[pid] = ("natural" if what in ("natural", "sudden") else "non_occupational", -1)
                self.death_day[pid] = dday
                home = self.home_for(county) if (not migrant or rng.random() < 0.6) else (
                    self.home_for(region) if str(region)[:2] in geo.SHARING_PROVINCES else -1)
                if what in ("natural", "sudden"):
                    dcause = pick_w(rng, (("病故", .5), ("猝死", .2), ("疾病", .1), (None, .2)))
                    ccause = pick(rng, NATURAL_CREM if what == "natural" else ("心源性猝死", "猝死", "急性心肌梗死", "脑出血"))
                    issuer = pick_w(rng, (("hospital", .55), ("community", .35), ("other", .05), (None, .05)))
                    origin = pick(rng, ("家中", "出租屋", self.hospitals[self.hospital_for(county)].name))
                    delay = int(pick_w(rng, ((0, .1), (1, .2), (2, .25), (3, .25), (5, .2))))
                else:
                    hosp = self.hospital_for(county)
                    adm = dday * DAY + int(rng.integers(6 * 3600, 22 * 3600))
                    if rng.random() < 0.75:
                        self._medical(v, hosp, adm, adm + int(rng.integers(1800, 30 * 3600)),
                                      pick(rng, ("S06.5", "T07", "S06.9", "S36.1")),
                                      pick(rng, ("V28.4", "V43.5", "V23.4", "V89.2", "V03.1")), "died",
                                      pick(rng, ("commercial", "employee_insurance", "self_pay", None)), None)
                    dcause = pick_w(rng, (("交通事故", .7), ("意外", .2), (None, .1)))
                    ccause = "交通事故致颅脑损伤" if rng.random() < 0.6 else "颅脑损伤"
                    issuer = pick_w(rng, (("police", .6), ("hospital", .4)))
                    origin = self.hospitals[hosp].name
                    delay = int(rng.integers(2, 8))
                self._death_docs(pid, dday, region, 0.95 if not migrant else 0.6, dcause, 0.9, home,
                                 delay, ccause, issuer, origin)
                if what == "sudden" and rng.random() < 0.85:
                    self._claim(v, emp, dday, "death", "工作时间和工作岗位突发疾病，48小时之内经抢救无效死亡", False)
                elif what == "commute" and rng.random() < 0.85:
                    self._claim(v, emp, dday, "death", pick(rng, ("下班途中发生非本人主要责任的交通事故死亡",
                                                                   "上班途中驾驶摩托车发生交通事故，经抢救无效死亡")), False)
                self._close_spell(pid, dday, keep_open=0.1)

    # ---------------------------------------------------------------- background (vectorised)
    def _background_deaths(self) -> None:
        rng = self.rng
        p = self.persons
        # natural deaths of residents
        pids = self.nat
        k = len(pids)
        dday = rng.integers(START, END + 1, k)
        for pid, d in zip(pids.tolist(), dday.tolist(), strict=True):
            self.deaths[pid] = ("natural", -1)
            self.death_day[pid] = d
        live = p.live[pids]
        # a few die away from home (in a big city's hospital) and are cremated there
        place = np.where(rng.random(k) < 0.08, self.counties(k), live)
        self._bulk_death_docs(pids, dday, place, natural=True)
        # non-occupational deaths: road (non-workers), falls at home, drowning, suicide, gas at
        # home, other
        pids = self.nonocc
        k = len(pids)
        dday = rng.integers(START, END + 1, k)
        for pid, d in zip(pids.tolist(), dday.tolist(), strict=True):
            self.deaths[pid] = ("non_occupational", -1)
            self.death_day[pid] = d
        cat = self.nonocc_cat
        live = p.live[pids]
        med = rng.random(k) < np.array([0.7, 0.75, 0.2, 0.5, 0.8, 0.5])[cat]
        diag_opts = [("S06.5", "T07", "S06.9", "S36.1", "S72.0"), ("S72.0", "S06.5", "S32.0", "S06.0"),
                     ("T75.1", "T71"), ("T71", "T60.0", "T42.4"), ("T58",), ("T75.4", "T07", "S06.5")]
        ext_opts = [("V03.1", "V43.5", "V23.4", "V28.4", "V89.2", "V13.4", "V47.5"),
                    ("W01.0", "W10.0", "W06.0", "W18.0", "W19.0"), ("W69.8", "W67.0", "W69.9"),
                    ("X70.0", "X68.0", "X61.0"), ("X47.0",), ("W87.0", "Y09.4", "W20.0", "X99.4")]
        mi = np.flatnonzero(med)
        diag = [pick(rng, diag_opts[c]) for c in cat[mi].tolist()]
        ext = [pick(rng, ext_opts[c]) if rng.random() < 0.92 else None for c in cat[mi].tolist()]
        hosp = [self.hospital_for(int(c)) for c in live[mi].tolist()]
        before = np.where(cat[mi] == 1, rng.integers(0, 12, len(mi)), 0)
        adm = dday[mi] * DAY + rng.integers(0, DAY // 2, len(mi)) - before * DAY
        # some elderly fall victims are taken home against advice and die there
        laa = (before > 0) & (rng.random(len(mi)) < 0.3)
        dis = np.where(laa, adm + rng.integers(3600, DAY // 2, len(mi)),
                       dday[mi] * DAY + rng.integers(DAY // 2, DAY, len(mi)))
        self._add_frame("medical_records", {
            "pid": pids[mi], "ident": np.full(len(mi), -1), "hospital": np.array(hosp),
            "admitted_at": adm, "discharged_at": dis, "diagnosis_icd10": np.array(diag, dtype=object),
            "external_cause_icd10": np.array(ext, dtype=object),
            "disposition": np.where(laa, "left_against_advice", "died"),
            "payer": np.array([pick(rng, ("resident_insurance", "employee_insurance", "self_pay", "commercial", None))
                               for _ in range(len(mi))], dtype=object),
            "employer_name": np.full(len(mi), None, dtype=object)})
        self._bulk_death_docs(pids, dday, live, natural=False, cat=cat)

    def _bulk_death_docs(self, pids: IntArray, dday: IntArray, place: IntArray, natural: bool,
                         cat: IntArray | None = None) -> None:
        rng = self.rng
        p = self.persons
        k = len(pids)
        region = p.region[pids]
        migrant = region // 10000 != 44
        # household-registration cancellations: most, after days to months; some never
        dereg = rng.random(k) < np.where(migrant, 0.55, 0.93)
        on = dday + np.minimum(rng.geometric(1 / 25, k), 400) + 1
        dereg &= on <= EXTRACT
        di = np.flatnonzero(dereg)
        if natural:
            dc_opts: tuple[tuple[str | None, float], ...] = (("病故", .55), ("疾病", .12), ("自然死亡", .08), ("猝死", .03), (None, .22))
            dcause = [pick_w(rng, dc_opts) for _ in range(len(di))]
        else:
            assert cat is not None
            per = [(("交通事故", .7), ("意外", .2), (None, .1)), (("意外", .4), ("病故", .3), ("意外跌倒", .1), (None, .2)),
                   (("溺水", .6), ("意外", .3), (None, .1)), (("自杀", .4), ("意外", .2), (None, .4)),
                   (("一氧化碳中毒", .4), ("意外", .4), (None, .2)), (("意外", .6), (None, .4))]
            dcause = [pick_w(rng, per[c]) for c in cat[di].tolist()]
        reason = np.where(rng.random(len(di)) < 0.003, "declared_dead", "death")
        self._add_frame("deregistrations", {
            "pid": pids[di], "ident": np.full(len(di), -1), "death_date": dday[di],
            "deregistered_on": on[di], "region_code": region[di], "reason": reason,
            "death_cause": np.array(dcause, dtype=object)})
        # cremations: locals mostly, at the home of the county they died in (a few far away)
        crem = rng.random(k) < np.where(migrant, 0.5, 0.86)
        ci = np.flatnonzero(crem)
        home = np.array([self.home_for(int(c)) for c in place[ci].tolist()], dtype=np.int64)
        far = rng.random(len(ci)) < 0.03
        home = np.where(far, np.array([self.far_home(int(c)) for c in place[ci].tolist()]), home)
        delay = rng.choice([0, 1, 2, 3, 4, 5, 7], size=len(ci), p=[.05, .12, .2, .25, .18, .12, .08])
        if not natural:
            delay = delay + rng.integers(0, 4, len(ci))
        if natural:
            ccause = [pick(rng, NATURAL_CREM) if rng.random() < 0.9 else None for _ in range(len(ci))]
            issuer = rng.choice(np.array(["hospital", "community", "other", None], dtype=object), size=len(ci), p=[.55, .35, .04, .06])
            origin = [pick(rng, ("家中", "家中", "养老院", None)) if iss != "hospital"
                      else self.hospitals[self.hospital_for(int(c))].name
                      for iss, c in zip(issuer.tolist(), place[ci].tolist(), strict=True)]
        else:
            assert cat is not None
            texts = [("交通事故致颅脑损伤", "颅脑损伤", "多发伤"), ("颅脑损伤", "股骨颈骨折并发肺部感染", "多器官功能衰竭"),
                     ("溺水", "溺亡"), ("机械性窒息", "农药中毒", "自缢"), ("一氧化碳中毒",), ("电击伤", "颅脑损伤", "失血性休克")]
            ccause = [pick(rng, texts[c]) if rng.random() < 0.9 else None for c in cat[ci].tolist()]
            issuer = np.where(np.isin(cat[ci], [0, 2, 3]) & (rng.random(len(ci)) < 0.6), "police",
                              np.where(rng.random(len(ci)) < 0.7, "hospital", "community")).astype(object)
            origin = [pick(rng, ("家中", "事故现场", None)) if iss != "hospital"
                      else self.hospitals[self.hospital_for(int(c))].name
                      for iss, c in zip(issuer.tolist(), place[ci].tolist(), strict=True)]
        self._add_frame("cremations", {
            "pid": pids[ci], "ident": np.full(len(ci), -1),
            "age": p.age_at(pids[ci], dday[ci]), "death_date": dday[ci],
            "cremated_on": dday[ci] + delay, "home": home,
            "death_cause": np.array(ccause, dtype=object), "certificate_issuer": issuer,
            "body_origin": np.array(origin, dtype=object)})

    def _background_injuries(self) -> None:
        """Non-fatal injury encounters of the public, and the workers' minor work injuries with
        their claims."""
        rng = self.rng
        p = self.persons
        k = self.n(600000, 4000)
        pids = self.patients[rng.integers(0, len(self.patients), k)]
        # transfers: the same injury seen at a second, bigger hospital
        cats = (  # weight, diagnoses, external causes
            (.28, ("S06.0", "S06.5", "S42.0", "S52.5", "S82.2", "S72.0", "S22.4", "S32.0", "T07"),
             ("V43.5", "V23.4", "V03.1", "V89.2", "V28.4", "V29.4", "V13.4", "V47.5")),
            (.2, ("S72.0", "S06.0", "S52.5", "S32.0", "S42.2", "S22.4"), ("W01.0", "W10.0", "W06.0", "W18.0", "W19.0")),
            (.12, ("S82.2", "S92.3", "S62.6", "S52.5", "S93.4"), ("W01.4", "W10.4", "W01.3", "W19.9", "W03.4")),
            (.14, ("S61.0", "S01.8", "S51.8", "S81.8", "S60.2", "S09.9"), ("W26.0", "W25.0", "W22.0", "W45.0", "W20.4")),
            (.05, ("S83.2", "S93.4", "S43.0", "S62.6", "S82.0"), ("W21.3", "W03.3", "W02.3")),
            (.05, ("S01.8", "S02.0", "S06.0", "S21.1"), ("Y04.4", "X99.4", "Y00.4", "Y04.0")),
            (.05, ("T14.1", "S61.0", "S81.8"), ("W54.0", "W54.4", "W55.0")),
            (.03, ("T20.2", "T22.2", "T23.1", "T24.2", "T31.1"), ("X11.0", "X12.0", "X10.0", "X15.0")),
            (.03, ("T58", "T65.9", "T39.1", "T42.4", "T60.0"), ("X47.0", "X49.0", "X40.0", "X68.0", "X44.0")),
            (.02, ("S61.0", "S62.6", "S68.1"), ("W31.0", "W29.0")),
            (.03, ("S09.9", "S06.0", "T14.9", "S39.9"), ("W19.9",)),
        )
        w = np.array([c[0] for c in cats])
        cat = rng.choice(len(cats), size=k, p=w / w.sum())
        elderly = p.age_at(pids, np.full(k, to_days(date(2023, 7, 1)))) >= 70
        cat = np.where(elderly & (rng.random(k) < 0.5), 1, cat)
        diag = np.empty(k, dtype=object)
        ext = np.empty(k, dtype=object)
        for c, (_, dg, ex) in enumerate(cats):
            idx = np.flatnonzero(cat == c)
            diag[idx] = np.array(dg, dtype=object)[rng.integers(0, len(dg), len(idx))]
            ext[idx] = np.array(ex, dtype=object)[rng.integers(0, len(ex), len(idx))]
        # children on the road are pedestrians or passengers, not drivers
        kids = np.flatnonzero((cat == 0) & (p.age_at(pids, np.full(k, to_days(date(2023, 7, 1)))) < 16))
        ext[kids] = np.array(("V03.1", "V43.6", "V23.5", "V13.1"), dtype=object)[rng.integers(0, 4, len(kids))]
        ext[rng.random(k) < 0.07] = None
        adm = rng.integers(START * DAY, (EXTRACT - 1) * DAY, k)
        ed = rng.random(k) < 0.45
        los = np.where(ed, 0, np.minimum(rng.gamma(1.6, 5.0, k).astype(np.int64) + 1, 90))
        dis = adm + los * DAY + rng.integers(1800, 10 * 3600, k)
        disp = rng.choice(np.array(["discharged", "transferred", "left_against_advice"]), size=k, p=[.9, .035, .065])
        live = p.live[pids]
        hosp_by_live = {int(c): [self.hospital_for(int(c)) for _ in range(6)] for c in np.unique(live).tolist()}
        hosp = np.array([hosp_by_live[c][int(r)] for c, r in zip(live.tolist(), rng.integers(0, 6, k).tolist(), strict=True)])
        mig = (p.region[pids] // 10000) != 44
        payer = np.where(mig & (rng.random(k) < 0.5), "self_pay",
                         rng.choice(np.array(["resident_insurance", "employee_insurance", "self_pay", "commercial", "other"]),
                                    size=k, p=[.42, .3, .17, .07, .04])).astype(object)
        payer[(cat == 0) & (rng.random(k) < 0.4)] = "commercial"
        payer[rng.random(k) < 0.03] = None
        cols = {"pid": pids, "ident": np.full(k, -1), "hospital": hosp, "admitted_at": adm,
                "discharged_at": np.where(dis < EXTRACT * DAY, dis, -1), "diagnosis_icd10": diag,
                "external_cause_icd10": ext, "disposition": disp, "payer": payer,
                "employer_name": np.full(k, None, dtype=object)}
        self._add_frame("medical_records", cols)
        ti = np.flatnonzero(disp == "transferred")
        adm2 = dis[ti] + rng.integers(1800, 6 * 3600, len(ti))
        dis2 = adm2 + rng.integers(3, 40, len(ti)) * DAY
        self._add_frame("medical_records", {
            "pid": pids[ti], "ident": np.full(len(ti), -1),
            "hospital": rng.integers(0, len(geo.BIG_HOSPITALS), len(ti)), "admitted_at": adm2,
            "discharged_at": np.where(dis2 < EXTRACT * DAY, dis2, -1), "diagnosis_icd10": diag[ti],
            "external_cause_icd10": ext[ti], "disposition": np.full(len(ti), "discharged"),
            "payer": payer[ti], "employer_name": np.full(len(ti), None, dtype=object)})
        # minor work injuries of living workers: hospital visits and claims, no accident
        alive = np.array([w for w in self.workers.tolist() if w not in self.deaths])
        k = self.n(40000, 300)
        wp = alive[rng.integers(0, len(alive), k)]
        emp = np.array([self.emp_of[int(x)] for x in wp.tolist()])
        day = rng.integers(START, EXTRACT - 20, k)
        commute = rng.random(k) < 0.15
        wd = np.array(("S61.0", "S62.6", "S68.1", "S82.2", "S92.3", "S52.5", "S60.2", "T20.2", "S33.5"), dtype=object)
        we = np.array(("W31.6", "W23.6", "W20.6", "W11.6", "W17.6", "W24.6", "W29.6", "X12.6", "W01.6"), dtype=object)
        ve = np.array(("V28.4", "V23.4", "V43.5", "V03.1"), dtype=object)
        ext = np.where(commute, ve[rng.integers(0, len(ve), k)], we[rng.integers(0, len(we), k)]).astype(object)
        ext[rng.random(k) < 0.1] = None
        has_med = rng.random(k) < 0.7
        mi = np.flatnonzero(has_med)
        adm = day[mi] * DAY + rng.integers(7 * 3600, 20 * 3600, len(mi))
        los = np.where(rng.random(len(mi)) < 0.4, 0, rng.integers(1, 13, len(mi)))
        dis = adm + los * DAY + rng.integers(1800, 6 * 3600, len(mi))
        ecounty = self.ent_region[emp[mi]]
        self._add_frame("medical_records", {
            "pid": wp[mi], "ident": np.array([self.lender_of.get(int(x), -1) if rng.random() < 0.5 else -1 for x in wp[mi].tolist()]),
            "hospital": np.array([self.hospital_for(int(c)) for c in ecounty.tolist()]),
            "admitted_at": adm, "discharged_at": np.where(dis < EXTRACT * DAY, dis, -1),
            "diagnosis_icd10": wd[rng.integers(0, len(wd), len(mi))], "external_cause_icd10": ext[mi],
            "disposition": np.where(rng.random(len(mi)) < 0.97, "discharged", "left_against_advice"),
            "payer": rng.choice(np.array(["work_injury_insurance", "employee_insurance", "self_pay", "commercial"], dtype=object),
                                size=len(mi), p=[.55, .2, .2, .05]),
            "employer_name": np.array([self.ent_name[int(e)] if rng.random() < 0.35 else None for e in emp[mi].tolist()], dtype=object)})
        has_claim = rng.random(k) < np.where(has_med, 0.75, 0.6)
        ci = np.flatnonzero(has_claim)
        applied = day[ci] + rng.integers(5, 60, len(ci))
        decided = applied + rng.integers(20, 120, len(ci))
        outcome = rng.choice(np.array(["injury", "disability_10", "disability_9", "disability_8", "disability_7",
                                       "disability_6", "disability_5", "rejected"], dtype=object),
                             size=len(ci), p=[.45, .16, .13, .1, .06, .03, .02, .05])
        pending = decided > EXTRACT
        outcome = np.where(pending, "pending", outcome)
        keep = applied <= EXTRACT
        descs = np.array(("操作冲压机时手部被压伤", "搬运货物时砸伤脚部", "作业时从梯子上摔下致骨折", "被机器划伤手指",
                          "工作中不慎滑倒致手腕骨折", "被高温物料烫伤", "装卸货物时扭伤腰部"), dtype=object)
        vdescs = np.array(("上班途中发生交通事故受伤", "下班途中骑电动车被机动车撞伤"), dtype=object)
        desc = np.where(commute[ci], vdescs[rng.integers(0, 2, len(ci))], descs[rng.integers(0, len(descs), len(ci))]).astype(object)
        desc[rng.random(len(ci)) < 0.1] = None
        sel = np.flatnonzero(keep)
        self._add_frame("injury_claims", {
            "pid": wp[ci][sel], "ident": np.array([self.lender_of.get(int(x), -1) for x in wp[ci][sel].tolist()]),
            "employer": emp[ci][sel], "injury_date": day[ci][sel], "applied_on": applied[sel],
            "decided_on": np.where(pending[sel], -1, decided[sel]), "outcome": outcome[sel],
            "injury_description": desc[sel]})

"""The background: the province's ordinary deaths, injuries, workers and work-injury claims —
the hard negatives a detector must not flood investigators with."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from .places import COUNTY_NAME, OUTSIDE_COUNTIES, ROADS, TOWN_WORDS
from .records import (
    Home,
    crem_lag,
    rec_claim,
    rec_cremation,
    rec_dereg,
    rec_employment,
    rec_medical,
    spell_start,
)
from .world import (
    HIGH_RISK,
    YEAR_START,
    Enterprise,
    Person,
    World,
    dt,
    month_end,
    pick_cum,
    seasonal_date,
    weighted,
)

DISEASES = ["心肌梗死", "急性心肌梗死", "脑梗死", "脑出血", "冠心病", "心力衰竭", "肺癌", "肝癌",
            "胃癌", "食管癌", "结肠癌", "慢性阻塞性肺疾病", "肺部感染", "呼吸衰竭",
            "多器官功能衰竭", "糖尿病并发症", "高血压病", "尿毒症", "肝硬化", "老年性衰竭", "病故",
            "疾病", "自然死亡", "脑血管病"]
SUDDEN = ["猝死", "心源性猝死", "突发疾病", "心脏骤停"]
DEREG_NATURAL = [None] * 9 + ["病故"] * 5 + ["疾病死亡", "正常死亡", "死亡"]
# (age band low, high, share) of natural deaths
NATURAL_AGES = [(0, 1, 0.5), (1, 15, 0.4), (15, 45, 3.0), (45, 65, 14.5), (65, 75, 20.0),
                (75, 85, 31.6), (85, 100, 30.0)]
CREMATION_RATE = {"1401": 0.92, "1402": 0.75, "1403": 0.8, "1404": 0.55, "1405": 0.6,
                  "1406": 0.55, "1407": 0.55, "1408": 0.35, "1409": 0.45, "1410": 0.4,
                  "1411": 0.35}
DEREG_RATE = 0.87

# background injury encounters: (ext codes, diagnoses, share admitted as emergency only)
MECH = {
    "home_fall": (["W01.0", "W10.0", "W18.0", "W19.0", "W06.0"],
                  ["S72.0", "S72.1", "S32.0", "S22.3", "S06.0", "S52.5", "S42.2"], 0.35),
    "fall": (["W01.4", "W01.9", "W10.4", "W17.9", "W19.9", "W02.4"],
             ["S52.5", "S82.6", "S93.4", "S01.8", "S00.0", "S62.3", "S42.0"], 0.75),
    "traffic": (["V03.1", "V23.4", "V29.4", "V43.5", "V47.5", "V89.2", "V13.4", "V87.7"],
                ["S06.0", "S06.3", "S22.4", "S82.2", "S72.3", "S01.8", "T14.0", "S32.0"], 0.6),
    "cut": (["W25.0", "W26.0", "W25.9", "W22.0", "W20.9", "W20.0"],
            ["S61.0", "S61.8", "S01.8", "S51.8", "S91.3"], 0.95),
    "bite": (["W54.0", "W54.9", "W55.0"], ["S61.8", "S81.8", "T14.1"], 1.0),
    "burn": (["X12.0", "X11.0", "X15.0", "X10.0", "X16.0"],
             ["T20.2", "T22.2", "T23.2", "T24.2", "T29.2"], 0.7),
    "co": (["X47.0"], ["T58"], 0.7),
    "sport": (["W51.3", "W03.3", "W21.3"], ["S83.2", "S93.4", "S42.0", "S62.6"], 0.85),
    "farm": (["W30.7", "W55.7", "W20.7", "W11.7"], ["S62.3", "S82.2", "S22.4", "S06.0"], 0.6),
    "work": (["W20.6", "W23.6", "W31.6", "W24.6", "W45.6", "W01.6", "W11.6", "W12.6"],
             ["S61.0", "S62.6", "S92.3", "S01.8", "S82.1", "S22.3", "S32.0", "T14.0"], 0.8),
    "unknown": ([], ["S00.0", "S01.8", "S52.5", "S82.6", "T14.0", "S06.0", "T14.1"], 0.8),
}
MECH_WEIGHT = {"home_fall": 0.14, "fall": 0.19, "traffic": 0.16, "cut": 0.15, "bite": 0.07,
               "burn": 0.04, "co": 0.02, "sport": 0.05, "farm": 0.03, "work": 0.07,
               "unknown": 0.08}
PAYER_BG = {"resident_insurance": 0.42, "employee_insurance": 0.3, "self_pay": 0.19,
            "commercial": 0.04, "other": 0.03, None: 0.02}
CLAIM_DESC = {
    "coal_mining": ["井下作业时被煤块砸伤", "在综采工作面检修时手部挤伤", "井下行走时滑倒摔伤",
                    "运输巷清理浮煤时被皮带擦伤"],
    "non_coal_mining": ["采场作业时被落石砸伤", "破碎机检修时受伤"],
    "hazardous_chemicals": ["巡检时被蒸汽烫伤", "装卸作业时扭伤腰部", "化学品溅入眼部"],
    "metallurgy": ["出铁时被铁水溅伤", "行车吊运时被挤伤", "检修轧机时手指受伤"],
    "construction": ["在脚手架上作业时摔伤", "搬运钢筋时砸伤脚部", "被钢管划伤"],
    "transport": ["装卸货物时摔伤", "车辆维修时被千斤顶挤伤"],
    "fireworks": ["装药时手部烧伤"],
    "manufacturing": ["操作冲床时手指被压伤", "搬运物料时扭伤", "被切割机割伤手部"],
    "other": ["工作中不慎摔伤", "清扫时被车辆剐蹭", "搬运时扭伤"],
}


def hospital_near(w: World, county: str) -> str:
    r = w.rng.random()
    if not county.startswith("14"):
        county = w.county()
    if r < 0.62:
        return w.county_h[county]
    if r < 0.92:
        return w.rng.choice(w.city_h[county[:4]])
    return w.rng.choice(w.provincial)


def home_near(w: World, county: str) -> Home:
    h = w.county_home.get(county)
    if h is not None and w.rng.random() < 0.8:
        return h
    return w.city_home[county[:4]]


def hukou_near(w: World, city: str, p_same: float = 0.6, p_out: float = 0.12) -> str:
    r = w.rng.random()
    if r < p_same:
        return w.rng.choice(w.city_counties[city])
    if r < 1 - p_out:
        return w.county()
    return w.rng.choice(OUTSIDE_COUNTIES)


def village(w: World, county: str) -> str:
    name = COUNTY_NAME.get(county, "")
    return f"{name}{w.rng.choice(TOWN_WORDS)}村"


def enrol_decedent(w: World, p: Person, death: date, p_enrol: float) -> Enterprise | None:
    """A working-age decedent's social insurance: the spell ends after the death (or never)."""
    rng = w.rng
    age = p.age_at(death)
    if 18 <= age <= 60 and rng.random() < p_enrol:
        e = w.employer()
        end = None if rng.random() < 0.12 else month_end(death) + timedelta(days=rng.randint(0, 60))
        rec_employment(w, p, e, spell_start(w, p, death), end)
        return e
    if 60 < age < 85 and rng.random() < 0.1:  # a long-retired worker's old spell
        e = w.employer()
        retire = date(p.birth.year + (60 if p.sex == "M" else 50), p.birth.month, 1)
        if retire < date(2024, 1, 1):
            rec_employment(w, p, e, spell_start(w, p, retire), retire)
        return None
    return None


def cremate_natural(w: World, p: Person, death: date, place: str, hospital: str | None,
                    cause: str | None) -> None:
    rng = w.rng
    hk = p.hukou if p.hukou.startswith("14") else w.county()
    if rng.random() > CREMATION_RATE[hk[:4]]:
        return
    if hospital is not None and w.hosp_region[hospital][:4] != hk[:4] and rng.random() < 0.6:
        home = home_near(w, w.hosp_region[hospital])  # died in a far hospital, cremated there
    else:
        home = home_near(w, hk)
    if place == "hospital":
        issuer: str | None = "hospital" if rng.random() < 0.95 else "other"
        origin: str | None = hospital
    elif place == "nursing":
        issuer = weighted(rng, {"hospital": 0.3, "community": 0.5, "other": 0.2})
        origin = f"{COUNTY_NAME[hk]}{rng.choice(['福利院', '养老院', '敬老院'])}"
    else:
        issuer = weighted(rng, {"community": 0.78, "other": 0.1, None: 0.12})
        origin = "家中" if rng.random() < 0.8 else (village(w, hk) if rng.random() < 0.7 else None)
    if rng.random() < 0.07:
        cause = None
    rec_cremation(w, p, death, home, crem_lag(w, home), cause, issuer, origin)


def natural_death(w: World, *, age: int | None = None, p: Person | None = None,
                  death: date | None = None, cause: str | None = None,
                  enrol: float = 0.33) -> Person:
    rng = w.rng
    if death is None:
        death = seasonal_date(rng)
    if p is None:
        if age is None:
            lo, hi = weighted_band(w)
            age = rng.randrange(lo, hi)
        sex = "M" if rng.random() < (0.56 if age < 80 else 0.45) else "F"
        hukou = w.county() if rng.random() > 0.015 else rng.choice(OUTSIDE_COUNTIES)
        p = w.person_aged(age, sex, hukou, at=death)
    age = p.age_at(death)
    r = rng.random()
    place = "hospital" if r < (0.55 if age < 65 else 0.4) else ("nursing" if r < 0.44 else "home")
    hospital = hospital_near(w, p.hukou) if place == "hospital" else None
    if cause is None:
        cause = rng.choice(SUDDEN) if (age < 65 and rng.random() < 0.12) else rng.choice(DISEASES)
    if rng.random() < DEREG_RATE:
        dc = rng.choice(DEREG_NATURAL)
        rec_dereg(w, p, death, dc)
    cremate_natural(w, p, death, place, hospital, cause)
    if age >= 65 and rng.random() < 0.04:  # an injury admission weeks before a natural death
        ad = death - timedelta(days=rng.randint(8, 70))
        h = hospital_near(w, p.hukou)
        los = rng.randint(9, 32)
        rec_medical(w, p, h, dt(ad, rng.randint(0, 1439)), dt(ad + timedelta(days=los), 600),
                    rng.choice(["S72.0", "S72.1", "S32.0", "S22.3"]),
                    rng.choice(["W01.0", "W10.0", "W18.0", None]),
                    rng.choice(["discharged", "discharged", "transferred"]),
                    weighted(rng, {"resident_insurance": 0.6, "employee_insurance": 0.35,
                                   "self_pay": 0.05}))
    enrol_decedent(w, p, death, enrol)
    w.deaths[p.pid] = ("natural", None)
    return p


def weighted_band(w: World) -> tuple[int, int]:
    band = w.rng.choices(NATURAL_AGES, weights=[b[2] for b in NATURAL_AGES])[0]
    return band[0], band[1]


INJURY_DEATH: dict[str, tuple[list[str], list[str], list[str | None], list[str | None], float]] = {
    # kind: (ext codes, diagnoses, dereg causes, cremation causes, p died in hospital)
    "traffic": (["V03.1", "V23.4", "V29.4", "V43.5", "V47.5", "V89.2", "V13.4", "V69.4"],
                ["S06.5", "S06.2", "T07", "S36.1", "S27.3", "S12.9"],
                [None, "交通事故", "交通事故", "意外", "车祸"],
                ["交通事故", "车祸", "颅脑损伤", "多发伤"], 0.45),
    "fall": (["W01.0", "W10.0", "W18.0", "W19.0", "W13.0"],
             ["S06.5", "S72.0", "S06.2", "S32.0", "T07"],
             [None, "意外", "病故", "摔伤"], ["摔伤", "跌倒", "颅脑损伤", "股骨颈骨折", "脑出血"],
             0.55),
    "co": (["X47.0"], ["T58"], [None, "意外", "一氧化碳中毒", "煤气中毒"],
           ["一氧化碳中毒", "煤气中毒", "中毒"], 0.2),
    "drown": (["W69.9", "W73.9", "W74.9"], ["T75.1"], [None, "意外", "溺水"], ["溺水", "意外"],
              0.1),
    "suicide": (["X70.0", "X68.0", "X80.9"], ["T71", "T60.0", "T07"], [None, "自杀", "死亡"],
                ["自缢", "服毒", "意外", None], 0.2),
    "other": (["W87.0", "W30.7", "W20.0", "X59.9", "W13.0"], ["T75.4", "T07", "S06.5", "T14.9"],
              [None, "意外"], ["意外", "电击", "外伤", "机械性损伤"], 0.35),
}


def injury_death(w: World, kind: str, *, p: Person | None = None, death: date | None = None,
                 place_county: str | None = None, hospital: str | None = None,
                 enrol: float = 0.33) -> Person:
    """A non-occupational injury death: road traffic, a fall at home, coal-stove CO at home,
    drowning, suicide, a farm or household accident."""
    rng = w.rng
    exts, diags, dcs, ccs, p_hosp = INJURY_DEATH[kind]
    if death is None:
        death = seasonal_date(rng, winter_only=(kind == "co"))
    if p is None:
        if kind == "fall":
            age = rng.randint(70, 98) if rng.random() < 0.8 else rng.randint(20, 69)
        elif kind == "traffic":
            age = int(rng.triangular(5, 85, 40))
        elif kind == "drown":
            age = int(rng.triangular(3, 75, 14))
        else:
            age = int(rng.triangular(15, 90, 50))
        sex = "M" if rng.random() < (0.7 if kind != "fall" else 0.45) else "F"
        p = w.person_aged(age, sex, w.county(), at=death)
    county = place_county or (p.hukou if p.hukou.startswith("14") else w.county())
    in_hosp = rng.random() < p_hosp
    offset = rng.randint(0, 20) if in_hosp and rng.random() < 0.4 else 0
    hurt = death - timedelta(days=offset)
    if in_hosp or rng.random() < 0.25:
        h = hospital or hospital_near(w, county)
        ad = dt(hurt, rng.randint(0, 1439))
        er = offset == 0
        dis = ad + timedelta(minutes=rng.randint(30, 400)) if er else dt(death, rng.randint(0, 1439))
        payer = weighted(rng, {"resident_insurance": 0.4, "employee_insurance": 0.25,
                               "self_pay": 0.2, "commercial": 0.1 if kind == "traffic" else 0.0,
                               None: 0.1})
        rec_medical(w, p, h, ad, max(dis, ad + timedelta(minutes=20)), rng.choice(diags),
                    rng.choice(exts) if rng.random() < 0.88 else None, "died", payer, er=er)
        hospital = h
    else:
        hospital = None
    if rng.random() < DEREG_RATE:
        rec_dereg(w, p, death, rng.choice(dcs))
    hk = p.hukou if p.hukou.startswith("14") else county
    if rng.random() < CREMATION_RATE[hk[:4]] + 0.1:
        home = home_near(w, hk if rng.random() < 0.7 else county)
        if hospital is not None:
            issuer: str | None = "hospital"
            origin: str | None = hospital
        elif kind in ("fall", "co") and rng.random() < 0.55:
            issuer = weighted(rng, {"community": 0.8, "other": 0.2})
            origin = "家中"
        else:
            issuer = weighted(rng, {"police": 0.85, "other": 0.1, None: 0.05})
            origin = (f"{rng.choice(ROADS)}{COUNTY_NAME.get(county, '')}段" if kind == "traffic"
                      else ("家中" if kind in ("fall", "co", "suicide") else village(w, county)))
        lag = crem_lag(w, home) + (rng.randint(1, 6) if issuer == "police" else 0)
        rec_cremation(w, p, death, home, lag, rng.choice(ccs), issuer, origin)
    enrol_decedent(w, p, death, enrol)
    w.deaths[p.pid] = ("non_occupational", None)
    return p


def household_co(w: World) -> None:
    """A family poisoned by a coal stove: 2-4 people, same home, same night, some die."""
    rng = w.rng
    day = seasonal_date(rng, winter_only=True)
    hukou = w.county()
    n = rng.choice([2, 2, 2, 3, 3, 4])
    deaths = rng.choice([0, 0, 1, 1, 1, 2, 2, 3])
    surname = None
    h = hospital_near(w, hukou)
    for i in range(n):
        age = rng.randint(5, 85)
        sex = "M" if i % 2 == 0 else "F"
        p = w.person_aged(age, sex, hukou, at=day)
        if surname is None:
            surname = p.name[0]
        elif sex == "M" or age < 18:
            p.name = surname + p.name[1:]
        if i < deaths:
            injury_death(w, "co", p=p, death=day, place_county=hukou,
                         hospital=h if rng.random() < 0.5 else None)
        else:
            ad = dt(day, rng.randint(360, 600))
            rec_medical(w, p, h, ad, ad + timedelta(days=rng.randint(0, 9), hours=3), "T58",
                        "X47.0", "discharged", weighted(rng, PAYER_BG), er=rng.random() < 0.6)


def multi_traffic(w: World, *, crew: Enterprise | None = None) -> None:
    """A road crash with several casualties (a family car, a minibus); ``crew``: workmates
    driving to a shift, whose deaths the insurer recognises as commuting deaths."""
    rng = w.rng
    day = seasonal_date(rng)
    county = crew.region if crew is not None else w.county()
    h = hospital_near(w, county)
    n = rng.randint(2, 5) if crew is None else rng.randint(2, 4)
    deaths = rng.choice([0, 0, 1, 1, 2, 3]) if crew is None else rng.randint(2, n)
    for i in range(n):
        if crew is not None:
            p = w.person_aged(rng.randint(22, 55), "M", hukou_near(w, county[:4]), at=day)
            rec_employment(w, p, crew, spell_start(w, p, day),
                           month_end(day) + timedelta(days=30) if i < deaths else None)
        else:
            p = w.person_aged(int(rng.triangular(3, 80, 35)), rng.choice("MF"), county, at=day)
        if i < deaths:
            injury_death(w, "traffic", p=p, death=day, place_county=county,
                         hospital=h if rng.random() < 0.6 else None, enrol=0.0 if crew else 0.33)
            if crew is not None:
                rec_claim(w, p, crew, day, "death", "上班途中驾乘私家车发生交通事故死亡(非本人主要责任)",
                          family=rng.random() < 0.4)
        else:
            ad = dt(day, rng.randint(300, 1300))
            los = rng.choice([0, 0, 2, 5, 9, 16, 25])
            rec_medical(w, p, h, ad, ad + timedelta(days=los, hours=4),
                        rng.choice(MECH["traffic"][1]), rng.choice(MECH["traffic"][0]),
                        "discharged", weighted(rng, {"commercial": 0.35, "self_pay": 0.25,
                                                     "resident_insurance": 0.2,
                                                     "employee_insurance": 0.2}),
                        er=los == 0)
            if crew is not None:
                rec_claim(w, p, crew, day, rng.choice(["injury", "disability_8", "disability_5",
                                                       "disability_3"]),
                          "上班途中发生交通事故受伤(非本人主要责任)")


def workers(w: World, n: int) -> None:
    """The employment register's workforce: one spell each, some with an earlier one."""
    rng = w.rng
    for _ in range(n):
        e = w.employer()
        male = 0.85 if e.industry in HIGH_RISK or e.industry == "transport" else 0.48
        sex = "M" if rng.random() < male else "F"
        age = int(rng.triangular(18, 61, 38))
        p = w.person_aged(age, sex, hukou_near(w, e.region[:4], 0.6, 0.15))
        start = spell_start(w, p, date(2023, 12, 31))
        end = None
        if rng.random() < 0.2:
            end = start + timedelta(days=rng.randint(90, max(91, (date(2024, 6, 1) - start).days)))
        if rng.random() < 0.15 and start.year > 2006:
            e0 = w.employer()
            s0 = spell_start(w, p, start - timedelta(days=60))
            rec_employment(w, p, e0, s0, start - timedelta(days=rng.randint(1, 45)))
        rec_employment(w, p, e, start, end)
        if end is None:
            w.workers.append((p, e))


def background_medical(w: World, n: int) -> None:
    rng = w.rng
    mechs = list(MECH_WEIGHT)
    cum = list(itertools.accumulate(MECH_WEIGHT[m] for m in mechs))
    for _ in range(n):
        mech = pick_cum(rng, mechs, cum)
        exts, diags, p_er = MECH[mech]
        day = seasonal_date(rng, winter_only=(mech == "co"))
        employer = None
        if mech in ("work",) or (mech in ("traffic", "fall", "cut") and rng.random() < 0.08):
            p, e = rng.choice(w.workers)
            if mech == "work" and rng.random() < 0.25:
                employer = w.ent_name(e, "medical")
        else:
            if mech == "home_fall":
                age = rng.randint(62, 98)
            elif mech in ("sport", "bite"):
                age = int(rng.triangular(4, 70, 20))
            elif mech == "farm":
                age = rng.randint(25, 75)
            else:
                age = int(rng.triangular(1, 90, 38))
            sex = "M" if rng.random() < (0.45 if mech == "home_fall" else 0.6) else "F"
            p = w.person_aged(age, sex, w.county(), at=day)
        county = p.hukou if p.hukou.startswith("14") else w.county()
        h = hospital_near(w, county)
        ad = dt(day, int(rng.triangular(0, 1439, 900)))
        er = rng.random() < p_er
        if er:
            dis = ad + timedelta(minutes=rng.randint(40, 600))
        elif mech == "home_fall":
            dis = ad + timedelta(days=rng.randint(7, 34), hours=rng.randint(0, 8))
        else:
            dis = ad + timedelta(days=int(rng.expovariate(1 / 7)) + 1, hours=rng.randint(0, 8))
        disp = weighted(rng, {"discharged": 0.9, "transferred": 0.04, "left_against_advice": 0.06})
        payer = weighted(rng, PAYER_BG)
        if mech == "work":
            payer = weighted(rng, {"employee_insurance": 0.5, "self_pay": 0.4, "other": 0.1})
        ext = rng.choice(exts) if exts and rng.random() < 0.88 else None
        rec_medical(w, p, h, ad, dis, rng.choice(diags), ext, disp, payer, employer, er=er)
        if rng.random() < 0.04:  # follow-up admission elsewhere
            ad2 = dis + timedelta(days=rng.randint(0, 30), hours=2)
            rec_medical(w, p, rng.choice(w.city_h[county[:4]]), ad2,
                        ad2 + timedelta(days=rng.randint(2, 20)), rng.choice(diags), ext,
                        "discharged", payer)


def background_claims(w: World, n: int) -> None:
    """Everyday work injuries: mostly minor, recognised weeks later; commuting crashes; the
    occasional serious one from the way to work (not a production-safety accident)."""
    rng = w.rng
    for _ in range(n):
        p, e = rng.choice(w.workers)
        day = seasonal_date(rng)
        commute = rng.random() < 0.15
        outcome = weighted(rng, {"injury": 0.4, "disability_10": 0.12, "disability_9": 0.1,
                                 "disability_8": 0.08, "disability_7": 0.05, "disability_6": 0.03,
                                 "disability_5": 0.015, "rejected": 0.08, "pending": 0.02})
        if commute and rng.random() < 0.1:
            outcome = rng.choice(["disability_2", "disability_3", "disability_4"])
        desc = ("上班途中发生交通事故受伤(非本人主要责任)" if commute
                else rng.choice(CLAIM_DESC[e.industry]))
        if rng.random() < 0.85:
            county = e.region
            h = hospital_near(w, county)
            ad = dt(day, rng.randint(0, 1439))
            serious = outcome in ("disability_2", "disability_3", "disability_4", "disability_5")
            los = rng.randint(15, 60) if serious else rng.choice([0, 0, 0, 1, 3, 6, 10, 15])
            dis = ad + timedelta(days=los, minutes=rng.randint(60, 400))
            if commute:
                ext = rng.choice(MECH["traffic"][0])
                diag = rng.choice(MECH["traffic"][1])
            else:
                ext = rng.choice(MECH["work"][0])
                diag = rng.choice(MECH["work"][1])
            payer = weighted(rng, {"work_injury_insurance": 0.55, "employee_insurance": 0.25,
                                   "self_pay": 0.15, None: 0.05})
            rec_medical(w, p, h, ad, dis, diag, ext if rng.random() < 0.9 else None, "discharged",
                        payer, w.ent_name(e, "medical") if rng.random() < 0.35 else None,
                        er=los == 0)
        rec_claim(w, p, e, day, outcome, desc, family=rng.random() < 0.1)


def occupational_deaths(w: World, n_sudden: int, n_pneumo: int, n_commute: int) -> None:
    """Work-injury death claims with no accident behind them: sudden illness at the workplace
    (视同工亡), pneumoconiosis, and commuting crashes."""
    rng = w.rng
    for _ in range(n_sudden):
        p, e = w.take_worker()
        day = seasonal_date(rng)
        natural_death(w, p=p, death=day, cause=rng.choice(SUDDEN), enrol=0.0)
        rec_claim(w, p, e, day, "death", "工作时间和工作岗位突发疾病,48小时之内经抢救无效死亡",
                  family=rng.random() < 0.3)
    for _ in range(n_pneumo):
        coal = w.by_industry["coal_mining"][0]
        e = rng.choice(coal)
        day = seasonal_date(rng)
        p = w.person_aged(rng.randint(52, 80), "M", hukou_near(w, e.region[:4]), at=day)
        rec_employment(w, p, e, spell_start(w, p, date(2012, 1, 1)),
                       date(rng.randint(2012, 2021), rng.randint(1, 12), 28))
        natural_death(w, p=p, death=day, cause=rng.choice(["尘肺病", "煤工尘肺", "肺部感染",
                                                             "呼吸衰竭"]), enrol=0.0)
        rec_claim(w, p, e, day, "death",
                  f"职业病(煤工尘肺,{rng.randint(2012, 2021)}年确诊)死亡", family=True)
    for _ in range(n_commute):
        p, e = w.take_worker()
        day = seasonal_date(rng)
        injury_death(w, "traffic", p=p, death=day, enrol=0.0)
        rec_claim(w, p, e, day, "death", "下班途中发生交通事故死亡(非本人主要责任)",
                  family=rng.random() < 0.5)


def declared_dead(w: World, n: int) -> None:
    rng = w.rng
    for _ in range(n):
        gone = date(rng.randint(2012, 2019), rng.randint(1, 12), rng.randint(1, 28))
        p = w.person_aged(rng.randint(25, 70), rng.choice("MMF"), w.county(), at=gone)
        on = YEAR_START + timedelta(days=rng.randint(0, 540))
        rec_dereg(w, p, gone if rng.random() < 0.5 else None, None, reason="declared_dead", on=on)
        w.deaths[p.pid] = ("non_occupational", None)

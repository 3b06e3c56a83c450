"""Production-safety incidents: honest reports, under-reports and concealment, each with the
records its victims leave in every department."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .background import home_near, hospital_near, hukou_near, village
from .places import BORDER_FUNERAL, COUNTY_NAME, ROADS, TOWN_WORDS
from .records import (
    NORMAL_LAGS,
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
    weighted,
)

TYPES = {
    "coal_mining": {"roof_fall": 35, "gas_explosion": 5, "flooding": 4, "vehicle": 14,
                    "machinery": 12, "electrocution": 5, "poisoning_asphyxiation": 8,
                    "struck_by_object": 9, "other": 8},
    "non_coal_mining": {"roof_fall": 20, "collapse": 15, "explosion": 10, "vehicle": 20,
                        "fall_from_height": 15, "struck_by_object": 10, "machinery": 10},
    "hazardous_chemicals": {"explosion": 20, "fire": 15, "poisoning_asphyxiation": 30, "burn": 20,
                            "fall_from_height": 10, "machinery": 5},
    "metallurgy": {"burn": 25, "poisoning_asphyxiation": 20, "machinery": 15, "lifting": 15,
                   "explosion": 10, "struck_by_object": 10, "fall_from_height": 5},
    "construction": {"fall_from_height": 45, "struck_by_object": 15, "collapse": 12,
                     "lifting": 10, "electrocution": 8, "machinery": 6, "vehicle": 4},
    "transport": {"vehicle": 100},
    "fireworks": {"explosion": 80, "fire": 20},
    "manufacturing": {"machinery": 45, "fire": 10, "burn": 10, "poisoning_asphyxiation": 10,
                      "struck_by_object": 10, "electrocution": 5, "fall_from_height": 10},
    "other": {"electrocution": 25, "poisoning_asphyxiation": 30, "fall_from_height": 30,
              "other": 15},
}
EXT = {"roof_fall": ["W20.6", "W77.6"], "gas_explosion": ["W40.6", "X47.6"],
       "flooding": ["W73.6", "W74.6"], "fall_from_height": ["W11.6", "W12.6", "W13.6", "W17.6"],
       "struck_by_object": ["W20.6"], "machinery": ["W31.6", "W24.6", "W23.6"],
       "electrocution": ["W86.6", "W87.6"], "poisoning_asphyxiation": ["X47.6", "W81.6"],
       "vehicle": ["V89.0", "W20.6"], "lifting": ["W24.6", "W20.6"], "collapse": ["W77.6", "W20.6"],
       "fire": ["X00.6", "X09.6"], "explosion": ["W40.6"], "burn": ["X18.6", "X12.6", "X13.6"],
       "other": ["W49.6", "X59.6"]}
ROAD_EXT = ["V47.5", "V43.5", "V69.4", "V89.2", "V79.4"]
DEATH_DIAG = {"roof_fall": ["S06.5", "S06.2", "T07", "S32.8", "S22.4", "S12.9"],
              "gas_explosion": ["T58", "T31.6", "T07"], "flooding": ["T75.1"],
              "fall_from_height": ["S06.2", "S06.5", "T07", "S32.0", "S12.2"],
              "struck_by_object": ["S06.5", "S02.0", "T07"], "machinery": ["T07", "S38.3", "S06.2"],
              "electrocution": ["T75.4"], "poisoning_asphyxiation": ["T58", "T59.8", "T71"],
              "vehicle": ["S06.2", "T07", "S36.1"], "lifting": ["S06.5", "T07"],
              "collapse": ["T71", "T07", "S06.2"], "fire": ["T31.6", "T29.3", "T58"],
              "explosion": ["T07", "T31.5", "S06.2"], "burn": ["T31.5", "T29.3"],
              "other": ["T07", "T14.9"]}
SERIOUS_DIAG = ["S06.4", "S06.5", "S32.0", "S32.8", "S72.0", "S72.3", "S82.2", "S22.4", "S27.1",
                "S36.1", "S12.0", "S42.2", "T31.2", "T29.2", "T58", "T59.8", "T75.4", "S14.1"]
MINOR_DIAG = ["S00.0", "S01.8", "S60.2", "S61.0", "S80.0", "S90.3", "S93.4", "S52.5", "S62.3",
              "T15.1", "T20.1", "T23.1"]
CREM_CAUSE = {"roof_fall": "重物砸伤", "gas_explosion": "爆炸伤", "flooding": "溺水",
              "fall_from_height": "高处坠落", "struck_by_object": "颅脑损伤", "machinery": "机械性损伤",
              "electrocution": "电击", "poisoning_asphyxiation": "中毒窒息", "vehicle": "多发伤",
              "lifting": "多发伤", "collapse": "窒息", "fire": "烧伤", "explosion": "爆炸伤",
              "burn": "烧伤", "other": "外伤"}
DESC = {"roof_fall": "井下作业时顶板冒落被砸", "gas_explosion": "井下瓦斯爆炸",
        "flooding": "井下透水被困", "fall_from_height": "高处作业时坠落",
        "struck_by_object": "被坠落物体击中", "machinery": "操作设备时被机械卷入",
        "electrocution": "检修线路时触电", "poisoning_asphyxiation": "进入受限空间作业时中毒窒息",
        "vehicle": "驾驶车辆发生事故", "lifting": "吊装作业时被吊物砸中",
        "collapse": "坍塌被埋压", "fire": "火灾", "explosion": "爆炸", "burn": "被高温物料灼烫",
        "other": "工作中发生事故"}
INDUSTRY_REPORTED = {"coal_mining": 0.2, "non_coal_mining": 0.08, "hazardous_chemicals": 0.07,
                     "metallurgy": 0.07, "construction": 0.25, "transport": 0.2, "fireworks": 0.01,
                     "manufacturing": 0.09, "other": 0.03}
INDUSTRY_CONCEALED = {"coal_mining": 0.42, "non_coal_mining": 0.14, "hazardous_chemicals": 0.08,
                      "metallurgy": 0.09, "construction": 0.2, "fireworks": 0.04,
                      "manufacturing": 0.03}
SLASH_CITIES = ("1402", "1405", "1408", "1410")  # their reporting system writes 2023/5/7 08:10:00
CN_SEX_CITIES = ("1404", "1407", "1409", "1411")  # their reports write 男/女


Outcome = tuple[str, str | None, str, int]  # true outcome, reported outcome, method, offset


@dataclass
class Victim:
    p: Person
    outcome: str  # what truly happened
    reported: str | None  # what the accident report names
    method: str  # reported / late / illness / moved / private / traffic / borrowed / hidden
    offset: int = 0  # days from the accident to the death
    enrolled: bool = True
    worker: bool = True


@dataclass
class Accident:
    idx: int
    occurred: datetime
    reported_at: datetime
    site: str
    address: str
    ename: str
    uscc: str | None
    industry: str
    acc_type: str
    deaths: int
    serious: int
    minor: int
    loss: float | None
    victims: list[tuple[Person, str, tuple]]  # person, id kind, (name, id, sex, age, outcome)


def pick_type(w: World, industry: str) -> str:
    return weighted(w.rng, TYPES[industry])


def is_road(industry: str, acc_type: str) -> bool:
    return acc_type == "fire" or (acc_type == "vehicle" and industry == "transport")


def payer_for(w: World, honest: bool) -> str | None:
    if honest:
        return weighted(w.rng, {"work_injury_insurance": 0.45, "employee_insurance": 0.2,
                                "self_pay": 0.25, None: 0.1})
    return weighted(w.rng, {"self_pay": 0.55, "employee_insurance": 0.2,
                            "resident_insurance": 0.1, None: 0.15})


class IncidentMaker:
    def __init__(self, w: World) -> None:
        self.w = w

    # the people ------------------------------------------------------------------------------
    def worker(self, e: Enterprise, day: date, enrolled: float) -> tuple[Person, bool]:
        rng = self.w.rng
        age = int(rng.triangular(19, 60, 45))
        sex = "M" if rng.random() < 0.94 else "F"
        p = self.w.person_aged(age, sex, hukou_near(self.w, e.region[:4], 0.5, 0.25), at=day)
        return p, (e.registered and rng.random() < enrolled)

    def passenger(self, day: date, county: str) -> Person:
        rng = self.w.rng
        return self.w.person_aged(int(rng.triangular(2, 85, 40)), rng.choice("MF"),
                                  county if rng.random() < 0.5 else self.w.county(), at=day)

    # records per victim ------------------------------------------------------------------------
    def spell(self, v: Victim, e: Enterprise, day: date) -> None:
        if not v.enrolled or not e.registered:
            return
        rng = self.w.rng
        p = v.p
        start = spell_start(self.w, p, day - timedelta(days=rng.randint(20, 400)))
        end: date | None
        if v.outcome != "death":
            end = None if rng.random() < 0.85 else day + timedelta(days=rng.randint(60, 300))
        else:
            death = day + timedelta(days=v.offset)
            if v.method in ("reported", "late"):
                end = month_end(death) + timedelta(days=rng.randint(0, 40))
            else:
                r = rng.random()
                if r < 0.35:  # ended retroactively, before the death
                    end = death - timedelta(days=rng.randint(1, 60))
                    start = min(start, end - timedelta(days=60))
                elif r < 0.75:
                    end = month_end(death)
                else:
                    end = None
        rec_employment(self.w, p, e, start, end)

    def death_records(self, v: Victim, e: Enterprise, acc_type: str, occ: datetime, site: str,
                      industry: str) -> None:
        w, rng = self.w, self.w.rng
        p, m = v.p, v.method
        death = occ.date() + timedelta(days=v.offset)
        ext: str | None = rng.choice(ROAD_EXT if (acc_type == "vehicle" and industry == "transport")
                                     else EXT[acc_type])
        diag = rng.choice(DEATH_DIAG[acc_type])
        hosp = hospital_near(w, site)
        in_hosp = v.offset > 0
        p_med = {"reported": 0.35, "late": 1.0, "illness": 0.06, "moved": 0.12, "private": 0.5,
                 "traffic": 0.7, "borrowed": 0.1}[m]
        had_med = in_hosp or rng.random() < p_med
        if had_med:
            if m == "traffic":
                ext = rng.choice(["V29.4", "V28.4", "V23.4", "V47.5", "V89.2"])
                diag = rng.choice(["S06.5", "S06.2", "T07", "S12.9", "S36.1"])
            elif m == "illness" or (m == "moved" and rng.random() < 0.5) or rng.random() < 0.1:
                ext = None
            admitted = occ + timedelta(minutes=rng.randint(25, 150))
            if in_hosp:
                discharged = max(dt(death, rng.randint(0, 1439)),
                                 admitted + timedelta(hours=3))
            else:
                discharged = admitted + timedelta(minutes=rng.randint(20, 600))
            honest = m in ("reported", "late")
            emp = (w.ent_name(e, "medical") if rng.random() < (0.35 if honest else 0.08)
                   else None)
            rec_medical(w, p, hosp, admitted, discharged, diag, ext, "died",
                        payer_for(w, honest), emp, er=not in_hosp)
        # household registration
        dcause = {"reported": [None, "工伤", "意外", "事故死亡", "工亡"],
                  "late": [None, "工伤", "意外", "医治无效死亡"],
                  "illness": [None, "病故", "猝死", "疾病死亡"],
                  "moved": [None, None, "病故", "死亡"], "private": [None, "意外", "死亡"],
                  "traffic": [None, "交通事故", "车祸"], "borrowed": [None, "病故"]}[m]
        if rng.random() < (0.9 if m != "moved" else 0.85):
            rec_dereg(w, p, death, rng.choice(dcause), lag_scale=2.5 if m == "moved" else 1.0)
        self.cremation(v, e, acc_type, death, site, hosp if had_med else None)
        # the work-injury claim
        p_claim = {"reported": 0.85, "late": 0.65, "illness": 0.05, "moved": 0.03, "private": 0.0,
                   "traffic": 0.06, "borrowed": 0.0}[m]
        if v.worker and rng.random() < p_claim:
            if m in ("reported", "late"):
                rec_claim(w, p, e, occ.date(), "death",
                          f"{DESC[acc_type]}{'经抢救无效' if in_hosp else ''}死亡",
                          family=rng.random() < 0.25)
            else:
                desc = {"illness": "工作期间突发疾病死亡", "moved": None,
                        "traffic": "上班途中发生交通事故死亡"}.get(m)
                rec_claim(w, p, e, death, weighted(rng, {"rejected": 0.5, "pending": 0.3,
                                                         "death": 0.2}), desc, family=True)
        w.deaths[p.pid] = ("incident", self.inc_id)

    def cremation(self, v: Victim, e: Enterprise, acc_type: str, death: date, site: str,
                  hosp: str | None) -> None:
        w, rng = self.w, self.w.rng
        p, m = v.p, v.method
        hk = p.hukou if p.hukou.startswith("14") else site
        if m in ("reported", "late"):
            if rng.random() > 0.72:
                return
            home = home_near(w, site if rng.random() < 0.6 else hk)
            lag = rng.randint(3, 14) if m == "reported" else rng.choice(NORMAL_LAGS)
            issuer = ("hospital" if hosp else
                      weighted(rng, {"police": 0.6, "other": 0.25, None: 0.15}))
            origin = hosp or (e.short if rng.random() < 0.5 else village(w, site))
            rec_cremation(w, p, death, home, lag, CREM_CAUSE[acc_type], issuer, origin)
        elif m == "illness":
            if rng.random() > 0.85:
                return
            home = home_near(w, hk if rng.random() < 0.6 else site)
            lag = rng.choice([0, 1, 1, 2]) if rng.random() < 0.65 else crem_lag(w, home)
            issuer = weighted(rng, {"community": 0.45, "other": 0.3, None: 0.15,
                                    "hospital": 0.1 if hosp else 0.0})
            origin = weighted(rng, {"家中": 0.55, village(w, hk): 0.25, None: 0.2})
            cause = rng.choice(["猝死", "心源性猝死", "突发疾病", "病故", "心脏病", "脑出血",
                                "心肌梗死"])
            rec_cremation(w, p, death, home, lag, cause, issuer, origin)
        elif m in ("moved", "borrowed"):
            avoid = (site[:4], hk[:4])
            as_person = None
            if m == "borrowed":  # cremated under a relative's name and ID
                birth = date(p.birth.year - w.rng.randint(1, 8), w.rng.randint(1, 12),
                             w.rng.randint(1, 28))
                as_person = w.new_person(p.sex, birth, hk, surname=p.name[0])
            far: Home
            if m == "borrowed" or rng.random() < 0.6:
                far = rng.choice([h for h in w.homes if h.region[:4] not in avoid])
            elif rng.random() < 0.5:
                region, name = rng.choice(BORDER_FUNERAL)
                far = w.border_home(region, name)
            else:
                return  # taken out of the province: no record here at all
            issuer = weighted(rng, {None: 0.4, "other": 0.4, "community": 0.2})
            origin = weighted(rng, {None: 0.4, "外地": 0.15, "家中": 0.15,
                                    village(w, rng.choice(w.city_counties[far.region[:4]])
                                            if far.region.startswith("14") else site): 0.3})
            cause = weighted(rng, {None: 0.5, "病故": 0.3, "死亡": 0.2})
            rec_cremation(w, p, death, far, rng.choice([0, 0, 1, 1, 2]), cause, issuer, origin,
                          as_person=as_person,
                          force_missing_id=(as_person is None and rng.random() < 0.4))
        elif m == "private":
            if rng.random() > 0.8:
                return
            home = home_near(w, site if rng.random() < 0.5 else hk)
            issuer = ("hospital" if hosp else
                      weighted(rng, {"police": 0.3, "other": 0.4, "community": 0.3}))
            origin = hosp or weighted(rng, {village(w, site): 0.5, "家中": 0.3, None: 0.2})
            cause = weighted(rng, {"意外": 0.35, "外伤": 0.2, "死亡": 0.15, None: 0.3})
            rec_cremation(w, p, death, home, crem_lag(w, home), cause, issuer, origin)
        elif m == "traffic":
            if rng.random() > 0.8:
                return
            home = home_near(w, hk)
            issuer = ("hospital" if hosp else
                      weighted(rng, {"police": 0.45, "other": 0.45, None: 0.1}))
            origin = hosp or f"{rng.choice(ROADS)}{COUNTY_NAME.get(site, '')}段"
            rec_cremation(w, p, death, home, rng.randint(1, 3),
                          rng.choice(["交通事故", "车祸", "颅脑损伤"]), issuer, origin)

    def injury_records(self, v: Victim, e: Enterprise, acc_type: str, occ: datetime, site: str,
                       industry: str, honest: bool, hosp: str) -> None:
        w, rng = self.w, self.w.rng
        p = v.p
        serious = v.outcome == "serious_injury"
        ext: str | None = rng.choice(ROAD_EXT if (acc_type == "vehicle" and industry == "transport")
                                     else EXT[acc_type])
        if not honest:
            r = rng.random()
            if r < 0.25:
                ext = None
            elif r < 0.4 and ext and ext[0] == "W":
                ext = ext[:3] + rng.choice([".0", ".9", ".4"])  # told the doctor: at home
        if rng.random() < (0.95 if serious else 0.7):
            ad = occ + timedelta(minutes=rng.randint(20, 200))
            emp = w.ent_name(e, "medical") if rng.random() < (0.4 if honest else 0.12) else None
            payer = payer_for(w, honest)
            if serious:
                diag = rng.choice(SERIOUS_DIAG)
                r = rng.random()
                if r < 0.15:  # first aid at the county hospital, then transferred
                    dis = ad + timedelta(hours=rng.randint(3, 40))
                    rec_medical(w, p, hosp, ad, dis, diag, ext, "transferred", payer, emp, er=True)
                    h2 = rng.choice(w.city_h[site[:4]] + w.provincial[:3])
                    ad2 = dis + timedelta(hours=2)
                    rec_medical(w, p, h2, ad2, ad2 + timedelta(days=rng.randint(14, 55)), diag,
                                ext, "discharged", payer, emp)
                else:
                    los = rng.randint(14, 60) if r < 0.85 else rng.randint(6, 13)
                    rec_medical(w, p, hosp, ad, ad + timedelta(days=los, hours=rng.randint(0, 9)),
                                diag, ext, "discharged", payer, emp)
            else:
                los = rng.choice([0, 0, 0, 1, 2, 4, 6])
                rec_medical(w, p, hosp, ad, ad + timedelta(days=los, minutes=rng.randint(60, 500)),
                            rng.choice(MINOR_DIAG), ext, "discharged", payer, emp, er=los == 0)
        if not v.worker:
            return
        if serious:
            p_claim = 0.7 if honest else 0.06
            outcome = weighted(rng, {"disability_1": 3, "disability_2": 5, "disability_3": 10,
                                     "disability_4": 15, "disability_5": 15, "disability_6": 15,
                                     "disability_7": 12, "disability_8": 10, "pending": 5})
        else:
            p_claim = 0.4 if honest else 0.03
            outcome = weighted(rng, {"injury": 6, "disability_10": 2, "disability_9": 1})
        if rng.random() < p_claim:
            if not honest:
                outcome = weighted(rng, {"injury": 0.5, "pending": 0.3, "rejected": 0.2})
            rec_claim(w, p, e, occ.date(), outcome, f"{DESC[acc_type]}受伤",
                      family=not honest or rng.random() < 0.15)

    # one incident ------------------------------------------------------------------------------
    def run(self, kind: str, variant: str, e: Enterprise, acc_type: str, occ: datetime,
            site: str, victims: list[Victim]) -> None:
        w, rng = self.w, self.w.rng
        self.inc_id = f"INC{len(w.incidents) + 1:05d}"
        industry = e.industry
        honest_inc = kind != "concealed"
        hosp = hospital_near(w, site) if rng.random() < 0.7 else w.county_h[site]
        for v in victims:
            if v.outcome == "death":
                self.death_records(v, e, acc_type, occ, site, industry)
            else:
                self.injury_records(v, e, acc_type, occ, site, industry,
                                    honest_inc and v.reported is not None, hosp)
            if v.worker:
                self.spell(v, e, occ.date())
        reported_deaths = sum(v.reported == "death" for v in victims)
        acc_idx: int | None = None
        if kind != "concealed":
            acc_idx = self.accident(e, acc_type, occ, site, victims, kind)
        w.incidents.append({"incident_id": self.inc_id, "acc_idx": acc_idx, "kind": kind,
                            "true_deaths": sum(v.outcome == "death" for v in victims),
                            "reported_deaths": reported_deaths if kind != "concealed" else 0,
                            "employer_uscc": e.uscc or None, "occurred_on": occ.date(),
                            "variant": variant, "persons": len(victims),
                            "hidden": sum(v.outcome == "death" and v.reported != "death"
                                          for v in victims) if kind != "reported" else 0})
        for v in victims:
            w.incident_person.append({"incident_id": self.inc_id, "person_id": v.p.pid,
                                      "outcome": v.outcome,
                                      "reported_outcome": v.reported if kind != "concealed"
                                      else None})

    def accident(self, e: Enterprise, acc_type: str, occ: datetime, site: str,
                 victims: list[Victim], kind: str) -> int:
        w, rng = self.w, self.w.rng
        named = [v for v in victims if v.reported is not None]
        order = {"death": 0, "serious_injury": 1, "minor_injury": 2}
        named.sort(key=lambda v: order[v.reported or "minor_injury"])
        rows = []
        cn_sex = site[:4] in CN_SEX_CITIES
        for v in named:
            p = v.p
            name = w.write_name(p, "accident_victims")
            idv, ikind = w.write_id(p, "accident_victims")
            sex: str | None = ("男" if p.sex == "M" else "女") if cn_sex else p.sex
            if rng.random() < 0.03:
                sex = None
            age: int | None = p.age_at(occ.date()) if rng.random() < 0.95 else None
            rows.append((p, ikind, (name, idv, sex, age, v.reported)))
        d = sum(v.reported == "death" for v in named)
        s = sum(v.reported == "serious_injury" for v in named)
        m = sum(v.reported == "minor_injury" for v in named)
        lag = rng.randint(15, 75) if rng.random() < 0.9 else rng.randint(120, 60 * 24 * 3)
        loss = round(d * rng.uniform(95, 190) + s * rng.uniform(8, 40) + m * rng.uniform(0.5, 4)
                     + rng.uniform(3, 60), 1)
        town = rng.choice(TOWN_WORDS)
        if e.industry in ("coal_mining", "non_coal_mining"):
            address = f"{COUNTY_NAME[site]}{town}镇{e.short}井下{rng.randint(1, 12)}号工作面"
        elif e.industry == "transport":
            address = f"{rng.choice(ROADS)}{COUNTY_NAME[site]}段K{rng.randint(10, 900)}+{rng.randint(0, 999)}处"
        else:
            address = f"{COUNTY_NAME[site]}{town}{rng.choice(['镇', '乡', '街道'])}{e.short}厂区"
        idx = len(w.accidents)
        w.accidents.append(Accident(idx, occ, occ + timedelta(minutes=lag), site, address,
                                    w.ent_name(e, "accidents"), w.write_uscc(e, 0.06, 0.04),
                                    e.industry, acc_type, d, s, m,
                                    loss if rng.random() < 0.92 else None, rows))
        return idx

    # the scenarios -----------------------------------------------------------------------------
    def setting(self, industries: dict[str, float], unregistered: float = 0.0
                ) -> tuple[Enterprise, str, datetime, str]:
        w, rng = self.w, self.w.rng
        industry = weighted(rng, industries)
        e = w.employer(industry)
        site = e.region
        if industry in ("construction", "transport") and rng.random() < 0.4:
            site = w.county()
        if unregistered and industry in ("coal_mining", "non_coal_mining", "construction") \
                and rng.random() < unregistered:
            e = w.unregistered_employer(industry, site)
        day = YEAR_START + timedelta(days=rng.randrange(365))
        minute = rng.choice([rng.randint(0, 1439), rng.randint(480, 1080)])
        return e, pick_type(w, industry), dt(day, minute), site

    def crew(self, e: Enterprise, occ: datetime, site: str, outcomes: list[Outcome],
             enrolled: float, passengers: bool = False) -> list[Victim]:
        out = []
        for i, (outcome, reported, method, offset) in enumerate(outcomes):
            if passengers and i > 0 and self.w.rng.random() < 0.6:
                out.append(Victim(self.passenger(occ.date(), site), outcome, reported, method,
                                  offset, enrolled=False, worker=False))
                continue
            p, enr = self.worker(e, occ.date(), enrolled)
            out.append(Victim(p, outcome, reported, method, offset, enrolled=enr))
        return out

    def injuries(self, n_serious: int, n_minor: int, reported: bool) -> list[Outcome]:
        return ([("serious_injury", "serious_injury" if reported else None, "", 0)] * n_serious
                + [("minor_injury", "minor_injury" if reported else None, "", 0)] * n_minor)

    def honest(self, variant: str) -> None:
        rng = self.w.rng
        e, acc_type, occ, site = self.setting(INDUSTRY_REPORTED)
        if variant == "fatal":
            nd = weighted(rng, {1: 78, 2: 13, 3: 5, 4: 1.5, 5: 1, 6: 0.5, 7: 0.3, 9: 0.3, 11: 0.2})
            ns, nm = rng.choice([0, 0, 0, 1, 1, 2, 3]), rng.choice([0, 0, 1, 2, 4])
        elif variant == "serious":
            nd, ns, nm = 0, rng.choice([1, 1, 1, 2, 3]), rng.choice([0, 0, 1, 2, 3])
        else:
            nd, ns, nm = 0, 0, rng.choice([1, 1, 2, 3])
        deaths: list[Outcome] = [("death", "death", "reported",
                   rng.randint(1, 6 if is_road(e.industry, acc_type) else 25)
                   if rng.random() < 0.08 else 0) for _ in range(nd)]
        vs = self.crew(e, occ, site, deaths + self.injuries(ns, nm, True), 0.78,
                       passengers=e.industry == "transport")
        self.run("reported", variant, e, acc_type, occ, site, vs)

    def hidden_methods(self, n: int, mix: dict[str, float]) -> list[str]:
        rng = self.w.rng
        primary = weighted(rng, mix)
        return [primary if rng.random() < 0.7 else weighted(rng, mix) for _ in range(n)]

    def concealed(self, variant: str) -> None:
        rng = self.w.rng
        conc = INDUSTRY_CONCEALED
        if variant == "multi":
            e, acc_type, occ, site = self.setting(conc, unregistered=0.15)
            nd = rng.choice([2, 2, 2, 2, 3, 3, 3, 4, 4, 5, 6])
            methods = self.hidden_methods(nd, {"moved": 0.35, "illness": 0.3, "private": 0.35})
            outs: list[Outcome] = [("death", None, m, 0 if rng.random() < 0.85
                                     else rng.randint(1, 2)) for m in methods]
            outs += self.injuries(rng.choice([0, 0, 1, 2, 3]), rng.choice([0, 1, 2]), False)
        elif variant == "injury":
            e, acc_type, occ, site = self.setting(conc, unregistered=0.1)
            outs = self.injuries(rng.choice([1, 1, 2, 3]), rng.choice([0, 0, 1, 2, 3]), False)
        else:
            hr = {k: v for k, v in conc.items() if k in HIGH_RISK}
            e, acc_type, occ, site = self.setting(hr, unregistered=0.1)
            nd = 1 if variant in ("illness", "private") else rng.choice([1, 1, 1, 2])
            outs = [("death", None, variant, 0) for _ in range(nd)]
            if variant in ("illness", "private") and rng.random() < 0.25:
                outs += self.injuries(*rng.choice([(1, 0), (0, 1), (1, 1)]), False)
        vs = self.crew(e, occ, site, outs, 0.45)
        self.run("concealed", variant, e, acc_type, occ, site, vs)

    def under_reported(self, variant: str) -> None:
        rng = self.w.rng
        mix = {"moved": 0.4, "illness": 0.25, "private": 0.35}
        if variant == "late":
            e, acc_type, occ, site = self.setting(INDUSTRY_REPORTED)
            road = is_road(e.industry, acc_type)
            rep = rng.choice([0, 1, 1, 1, 2, 2])
            late = 1 if rng.random() < 0.85 else 2
            outs: list[Outcome] = [("death", "death", "reported", 0)] * rep
            outs += [("death", "serious_injury", "late",
                      rng.randint(1, 6) if road else rng.randint(2, 29)) for _ in range(late)]
            outs += self.injuries(rng.choice([0, 1, 2]), rng.choice([0, 1, 2]), True)
            vs = self.crew(e, occ, site, outs, 0.75, passengers=e.industry == "transport")
            self.run("under_reported", variant, e, acc_type, occ, site, vs)
            return
        big = {"coal_mining": 0.7, "non_coal_mining": 0.1, "hazardous_chemicals": 0.1,
               "metallurgy": 0.05, "fireworks": 0.05}
        if variant == "grade":
            true, rep = weighted(rng, {(3, 2): 30, (4, 2): 15, (5, 2): 8, (10, 9): 15,
                                       (11, 9): 10, (12, 9): 7, (13, 9): 5, (31, 29): 3,
                                       (30, 29): 2})
        elif variant == "partial":
            true = rng.choice([2, 2, 3, 4, 5, 6])
            rep = rng.randint(1, true - 1)
        elif variant == "big":
            true, rep = rng.choice([(24, 7), (35, 28)])
        else:  # impersonated
            true, rep = rng.choice([(10, 9), (10, 9), (3, 2)])
        e, acc_type, occ, site = self.setting(big if true >= 6 else INDUSTRY_CONCEALED)
        if true >= 6 and e.industry == "coal_mining":
            acc_type = rng.choice(["gas_explosion", "gas_explosion", "flooding", "roof_fall"])
        outs2: list[Outcome] = [("death", "death", "reported", 0)] * rep
        hidden = self.hidden_methods(true - rep, mix)
        if variant == "impersonated":
            hidden[0] = "borrowed"
        outs2 += [("death", None, m, 0) for m in hidden]
        outs2 += self.injuries(rng.choice([0, 1, 2, 3]), rng.choice([0, 1, 2, 4]), True)
        vs = self.crew(e, occ, site, outs2, 0.6)
        self.run("under_reported", variant, e, acc_type, occ, site, vs)

"""The simulated Shaanxi world of 2025: people, enterprises, deaths, injuries and incidents.

Everything here holds *true* values; :mod:`.render` adds the recording noise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import geo
from .ident import make_ids, make_uscc
from .names import make_names

POPULATION = 39.5e6          # Shaanxi, 2024
DEATH_RATE = 0.0073          # crude death rate
YEAR0 = np.datetime64("2025-01-01")
EXPORT = np.datetime64("2026-03-31")
DAY = np.timedelta64(1, "D")

INDUSTRIES = ["coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
              "construction", "transport", "fireworks", "manufacturing", "other"]
YL, YA = "6108", "6106"


@dataclass(frozen=True)
class IndSpec:
    count: int                       # enterprises at scale 1
    size: float                      # median enrolled workers
    regions: dict[str, float]        # county -> weight ("*" = population weights)
    suffixes: tuple[str, ...]
    short: str
    high_risk: float
    unenrolled: float                # share of casualties with no enrolment spell
    types: dict[str, float]


SPECS: dict[str, IndSpec] = {
    "coal_mining": IndSpec(
        300, 260, {"610881": 6, "610822": 3, "610802": 3, "610803": 1.5, "610632": 1, "610681": 1,
                   "610204": 0.7, "610203": 0.5, "610482": 1, "610428": 0.6, "610429": 0.6,
                   "610581": 0.6, "610525": 0.5, "610526": 0.4, "610527": 0.4},
        ("煤业有限公司", "矿业有限责任公司", "煤矿"), "煤矿", 1.0, 0.25,
        {"roof_fall": .32, "gas_explosion": .05, "flooding": .04, "vehicle": .15,
         "machinery": .12, "electrocution": .05, "poisoning_asphyxiation": .06,
         "struck_by_object": .08, "other": .13}),
    "non_coal_mining": IndSpec(
        450, 90, {"610625": 2, "610626": 2, "610603": 1.5, "610824": 2, "610825": 1.5,
                  "610621": 1, "611021": 1.5, "610522": 1.2, "610330": 1, "610727": 1,
                  "610981": 1, "611025": 0.8, "*": 3},
        ("石油工程技术服务有限公司", "矿业有限公司", "油气开发有限公司", "石料厂"), "矿", 1.0, 0.35,
        {"roof_fall": .12, "collapse": .15, "fall_from_height": .12, "explosion": .08,
         "vehicle": .15, "machinery": .12, "poisoning_asphyxiation": .08, "fire": .06,
         "struck_by_object": .07, "other": .05}),
    "hazardous_chemicals": IndSpec(
        220, 180, {"610881": 3, "610802": 2, "610803": 2, "610824": 2, "610822": 1.5,
                   "610502": 1, "610304": 1, "610116": 1, "610117": 1},
        ("能源化工有限公司", "化工有限责任公司", "煤化工有限公司"), "化工厂", 1.0, 0.12,
        {"poisoning_asphyxiation": .3, "explosion": .2, "fire": .18, "burn": .15,
         "machinery": .07, "fall_from_height": .05, "other": .05}),
    "metallurgy": IndSpec(
        110, 220, {"610822": 3, "610881": 2, "610725": 1.5, "610581": 1.5, "610402": 0.5,
                   "610304": 0.5},
        ("镁业有限公司", "钢铁有限责任公司", "冶炼有限公司", "兰炭有限公司"), "厂", 1.0, 0.15,
        {"burn": .3, "explosion": .08, "machinery": .2, "lifting": .15,
         "poisoning_asphyxiation": .15, "fall_from_height": .07, "other": .05}),
    "construction": IndSpec(
        1500, 60, {"*": 1, "610113": 6, "610112": 5, "610116": 5, "610111": 3, "610802": 2},
        ("建筑工程有限公司", "建设集团有限公司", "建筑劳务有限公司", "建设工程有限公司"),
        "建筑公司", 0.3, 0.6,
        {"fall_from_height": .45, "collapse": .15, "struck_by_object": .15, "lifting": .1,
         "electrocution": .08, "machinery": .07}),
    "transport": IndSpec(
        600, 70, {"*": 1, "610802": 4, "610881": 4, "610822": 2, "610113": 3},
        ("物流有限公司", "运输有限公司", "汽车运输有限责任公司"), "运输", 0.2, 0.5,
        {"vehicle": .9, "other": .1}),
    "fireworks": IndSpec(
        35, 40, {"610526": 6, "610528": 1, "610523": 1},
        ("烟花爆竹有限公司", "花炮厂"), "花炮厂", 1.0, 0.3, {"explosion": .8, "fire": .2}),
    "manufacturing": IndSpec(
        1200, 80, {"*": 1, "610113": 4, "610112": 4, "610302": 3, "610402": 3, "610702": 2},
        ("机械制造有限公司", "新材料有限公司", "电子科技有限公司", "装备制造有限公司"), "厂",
        0.05, 0.2,
        {"machinery": .5, "struck_by_object": .1, "electrocution": .1, "burn": .1,
         "lifting": .1, "other": .1}),
    "other": IndSpec(
        300, 40, {"*": 1}, ("实业有限公司", "商贸有限公司", "农业开发有限公司"), "公司", 0.05, 0.4,
        {"fall_from_height": .2, "machinery": .2, "electrocution": .15, "vehicle": .15,
         "poisoning_asphyxiation": .1, "other": .2}),
}
BRAND_CHARS = list("鑫泰隆兴盛源达恒华宏昌荣丰瑞祥安德利通金永新富顺和远运天宇正益嘉博"
                   "秦汉延榆长庆神府石峁")

EXT_BY_TYPE: dict[str, tuple[list[str], list[str]]] = {  # external cause, diagnoses
    "roof_fall": (["W20.6"], ["S06.5", "S32.0", "T06.8", "S22.4", "T71"]),
    "gas_explosion": (["W40.6", "X47.6"], ["T29.3", "T58", "T71"]),
    "flooding": (["W73.6"], ["T75.1", "T71"]),
    "fall_from_height": (["W13.6", "W12.6", "W11.6"], ["S06.5", "S32.0", "S12.9", "T06.8"]),
    "struck_by_object": (["W20.6"], ["S06.5", "S02.0", "S22.4"]),
    "machinery": (["W31.6", "W30.6"], ["S68.4", "S57.8", "S77.2", "T05.3"]),
    "electrocution": (["W87.6", "W86.6"], ["T75.4"]),
    "poisoning_asphyxiation": (["X47.6"], ["T58", "T59.6", "T71"]),
    "vehicle": (["V89.2", "V86.6", "V87.7"], ["S06.5", "S36.1", "T06.8"]),
    "lifting": (["W24.6", "W23.6"], ["S06.5", "S32.0", "T04.4"]),
    "collapse": (["W20.6"], ["T71", "S32.0", "T06.8"]),
    "fire": (["X09.6", "X00.6"], ["T29.3", "T31.5", "T59.8"]),
    "explosion": (["W40.6"], ["T29.3", "S06.5", "T06.8"]),
    "burn": (["X12.6", "X18.6"], ["T29.3", "T31.4", "T24.3"]),
    "other": (["W49.6", "W99.6"], ["T14.9", "S06.5"]),
}
CREM_CAUSE_BY_TYPE: dict[str, list[str]] = {
    "roof_fall": ["多发伤", "颅脑损伤", "胸腹部挤压伤"], "gas_explosion": ["烧伤", "一氧化碳中毒"],
    "flooding": ["溺水"], "fall_from_height": ["高处坠落伤", "颅脑损伤", "多发伤"],
    "struck_by_object": ["颅脑损伤", "多发伤"], "machinery": ["机械损伤", "失血性休克"],
    "electrocution": ["电击伤"], "poisoning_asphyxiation": ["窒息", "一氧化碳中毒", "硫化氢中毒"],
    "vehicle": ["颅脑损伤", "多发伤"], "lifting": ["多发伤", "颅脑损伤"],
    "collapse": ["窒息", "挤压综合征"], "fire": ["烧伤", "吸入性损伤"],
    "explosion": ["爆炸伤", "多发伤"], "burn": ["烧伤", "烫伤"], "other": ["外伤", "多发伤"],
}
DESC_BY_TYPE: dict[str, str] = {
    "roof_fall": "井下作业时顶板冒落被砸伤", "gas_explosion": "井下瓦斯爆炸烧伤",
    "flooding": "井下透水溺水", "fall_from_height": "施工时从高处坠落",
    "struck_by_object": "作业时被坠落物体击中", "machinery": "操作设备时被机器绞伤",
    "electrocution": "检修时触电", "poisoning_asphyxiation": "有限空间作业中毒窒息",
    "vehicle": "厂区内车辆伤害", "lifting": "吊装作业时被吊物砸伤", "collapse": "土方坍塌被埋压",
    "fire": "火灾烧伤", "explosion": "爆炸致伤", "burn": "高温熔融物灼烫", "other": "作业中受伤",
}
NATURAL_CAUSES_DEREG = ["病故", "病亡", "死亡", "病故", "自然死亡", "心脏病", "脑梗", "癌症",
                        "年老病故", "猝死"]
NATURAL_CAUSES_CREM = ["冠心病", "脑出血", "脑梗死", "肺部感染", "多器官功能衰竭",
                       "慢性阻塞性肺疾病", "肺癌", "肝癌", "胃癌", "呼吸循环衰竭", "心力衰竭",
                       "高血压病", "尿毒症", "衰老"]


@dataclass
class Block:
    """Column arrays of one batch of rows of one source (true values)."""
    cols: dict[str, Any]


@dataclass
class World:
    rng: np.random.Generator
    scale: float
    # people
    p_name: list[np.ndarray] = field(default_factory=list)
    p_male: list[np.ndarray] = field(default_factory=list)
    p_birth: list[np.ndarray] = field(default_factory=list)
    p_hukou: list[np.ndarray] = field(default_factory=list)
    p_id: list[np.ndarray] = field(default_factory=list)
    n_people: int = 0
    # enterprises
    ent: dict[str, Any] = field(default_factory=dict)
    # sources
    blocks: dict[str, list[Block]] = field(default_factory=dict)
    # truth
    incidents: list[dict[str, Any]] = field(default_factory=list)
    incident_person: list[dict[str, Any]] = field(default_factory=list)
    deaths: list[Block] = field(default_factory=list)
    patterns: dict[str, str] = field(default_factory=dict)
    _hk: np.ndarray = field(default_factory=lambda: np.array([], dtype="U6"))
    _hk_n: int = -1

    # ---------------------------------------------------------------- people
    def add_people(self, male: np.ndarray, birth: np.ndarray, hukou: np.ndarray) -> np.ndarray:
        rng = self.rng
        n = len(male)
        idreg = hukou.astype("U6").copy()
        city = np.array([h[:4] for h in idreg]) if n else np.array([], dtype="U4")
        old = (birth < np.datetime64("1985-01-01")) & (rng.random(n) < 0.5)
        for new, prev in geo.OLD_PREFECTURE.items():
            m = old & (city == new)
            if m.any():
                idreg[m] = np.char.add(prev, np.array([h[4:] for h in idreg[m]]))
        self.p_name.append(make_names(male, rng))
        self.p_male.append(male)
        self.p_birth.append(birth.astype("datetime64[D]"))
        self.p_hukou.append(hukou.astype("U6"))
        self.p_id.append(make_ids(idreg, birth, male, rng))
        idx = np.arange(self.n_people, self.n_people + n)
        self.n_people += n
        return idx

    def hukou_of(self, pid: np.ndarray) -> np.ndarray:
        """Household-registration counties of people (cached between additions)."""
        if self._hk_n != self.n_people:
            self._hk = np.concatenate(self.p_hukou)
            self._hk_n = self.n_people
        return self._hk[pid]

    def people(self) -> dict[str, np.ndarray]:
        return {"name": np.concatenate(self.p_name), "male": np.concatenate(self.p_male),
                "birth": np.concatenate(self.p_birth), "hukou": np.concatenate(self.p_hukou),
                "id": np.concatenate(self.p_id)}

    def add(self, source: str, **cols: Any) -> None:
        self.blocks.setdefault(source, []).append(Block(cols))

    def births_for_age(self, age: np.ndarray, at: np.ndarray) -> np.ndarray:
        days = (age * 365.25).astype(np.int64) + self.rng.integers(0, 365, len(age))
        return (at.astype("datetime64[D]") - days * DAY).astype("datetime64[D]")

    def shaanxi_counties(self, n: int) -> np.ndarray:
        codes, w = geo.county_weights()
        return self.rng.choice(np.array(codes), n, p=np.array(w))


def year_dates(rng: np.random.Generator, n: int, winter: float = 0.0) -> np.ndarray:
    """Dates in 2025; ``winter`` > 0 raises the share in Dec-Feb."""
    d = rng.integers(0, 365, n)
    if winter > 0:
        doy = d.astype(float)
        w = 1 + winter * np.cos(2 * np.pi * (doy + 10) / 365)
        keep = rng.random(n) < w / (1 + winter)
        d = np.where(keep, d, rng.integers(0, 365, n))
    return YEAR0 + d * DAY


# ------------------------------------------------------------------- enterprises
def build_enterprises(w: World) -> None:
    rng, s = w.rng, w.scale
    all_codes, all_w = geo.county_weights()
    rows: dict[str, list[Any]] = {k: [] for k in ("uscc", "name", "brand", "industry",
                                                   "region", "high_risk", "size", "short")}
    seen: set[str] = set()
    for ind, sp in SPECS.items():
        n = max(3, int(rng.poisson(sp.count * s)))
        regs: list[str] = []
        ws: list[float] = []
        for c, v in sp.regions.items():
            if c == "*":
                regs += all_codes
                ws += [v * x * 10 for x in all_w]
            else:
                regs.append(c)
                ws.append(v)
        pw = np.array(ws) / sum(ws)
        for _ in range(n):
            reg = str(rng.choice(regs, p=pw))
            while True:
                brand = "".join(rng.choice(BRAND_CHARS, 2))
                if brand[0] != brand[1] and (brand, ind) not in seen:
                    break
            seen.add(brand + ind)
            suffix = str(rng.choice(sp.suffixes))
            prefix = "陕西" if rng.random() < 0.35 else geo.COUNTIES[reg]
            size = max(8, int(rng.lognormal(np.log(sp.size), 0.9)))
            rows["uscc"].append(make_uscc(reg, rng, valid=rng.random() > 0.01))
            rows["name"].append(prefix + brand + suffix)
            rows["brand"].append(brand)
            rows["short"].append(brand + sp.short)
            rows["industry"].append(ind)
            rows["region"].append(reg)
            rows["high_risk"].append(bool(rng.random() < sp.high_risk))
            rows["size"].append(size)
    w.ent = {k: np.array(v) for k, v in rows.items()}


def build_workers(w: World) -> None:
    """Enrolled workers of every enterprise and their social-insurance spells."""
    rng = w.rng
    size = w.ent["size"]
    ent_idx = np.repeat(np.arange(len(size)), size)
    n = len(ent_idx)
    ind = w.ent["industry"][ent_idx]
    ereg = w.ent["region"][ent_idx]
    heavy = np.isin(ind, ["coal_mining", "non_coal_mining", "metallurgy", "construction",
                          "fireworks", "transport", "hazardous_chemicals"])
    male = rng.random(n) < np.where(heavy, 0.9, 0.6)
    age = np.clip(rng.normal(40, 10, n), 18, 62)
    birth = w.births_for_age(age, np.full(n, YEAR0))
    u = rng.random(n)
    out_share = np.where(np.char.startswith(ereg.astype("U6"), YL), 0.25, 0.08)
    hukou = w.shaanxi_counties(n)
    same_city = u < 0.55
    # same city: a random county of that city
    city_pick = np.array([c[:4] for c in ereg])
    for city in np.unique(city_pick[same_city]):
        cs = [c for c in geo.COUNTY_CODES if c.startswith(city)]
        m = same_city & (city_pick == city)
        hukou[m] = rng.choice(cs, int(m.sum()))
    out = u > 1 - out_share
    hukou[out] = rng.choice(geo.OUT_OF_PROVINCE, int(out.sum()))
    pid = w.add_people(male, birth, hukou)
    start = YEAR0 - rng.integers(30, 365 * 15, n) * DAY
    end = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    churn = rng.random(n) < 0.12
    end[churn] = year_dates(rng, int(churn.sum())) + rng.integers(0, 60, int(churn.sum())) * DAY
    w.ent["worker_pid"] = pid
    w.ent["worker_ent"] = ent_idx
    w.ent["spell_end"] = end
    w.ent["spell_start"] = start
    w.ent["worker_free"] = np.ones(n, dtype=bool)
    # an earlier spell elsewhere for some
    prev = rng.random(n) < 0.15
    k = int(prev.sum())
    prev_ent = rng.integers(0, len(size), k)
    pend = start[prev] - rng.integers(1, 200, k) * DAY
    pstart = pend - rng.integers(60, 2000, k) * DAY
    w.ent["prev"] = (pid[prev], prev_ent, pstart, pend)


def employment_block(w: World) -> None:
    """The enrolment spells, with the end dates the deaths have set (call last)."""
    ppid, pent, pstart, pend = w.ent["prev"]
    w.add("employment", pid=np.concatenate([w.ent["worker_pid"], ppid]),
          ent=np.concatenate([w.ent["worker_ent"], pent]),
          start=np.concatenate([w.ent["spell_start"], pstart]),
          end=np.concatenate([w.ent["spell_end"], pend]))


# ------------------------------------------------------------------- deaths
def add_death_records(w: World, pid: np.ndarray, ddate: np.ndarray, place: np.ndarray, *,
                      dereg_cause: np.ndarray, crem_cause: np.ndarray, issuer: np.ndarray,
                      origin: np.ndarray, p_crem: np.ndarray | float,
                      crem_lag: np.ndarray | None = None, crem_county: np.ndarray | None = None,
                      p_dereg: float = 0.94) -> None:
    """Household deregistration (Shaanxi hukou only) and cremation rows for deaths."""
    rng = w.rng
    n = len(pid)
    if n == 0:
        return
    hukou = w.hukou_of(pid)
    local = np.char.startswith(hukou.astype("U6"), "61")
    lag = np.where(rng.random(n) < 0.05, rng.integers(90, 420, n),
                   np.clip(rng.lognormal(np.log(18), 0.8, n), 1, 200).astype(np.int64))
    dereg_on = ddate + lag * DAY
    m = local & (rng.random(n) < p_dereg) & (dereg_on <= EXPORT)
    declared = rng.random(n) < 0.002
    w.add("deregistrations", pid=pid[m], death_date=ddate[m], dereg_on=dereg_on[m],
          region=hukou[m], reason=np.where(declared[m], "declared_dead", "death"),
          cause=dereg_cause[m])
    if crem_county is None:
        crem_county = np.where(local, hukou, place)
    lag_c = crem_lag if crem_lag is not None else rng.choice([1, 2, 3, 3, 3, 4, 5, 7], n)
    cm = rng.random(n) < p_crem
    fh = [geo.funeral_home(c) for c in crem_county[cm]]
    w.add("cremations", pid=pid[cm], death_date=ddate[cm],
          cremated_on=ddate[cm] + np.asarray(lag_c)[cm] * DAY,
          funeral_home=np.array([f[0] for f in fh], dtype=object),
          region=np.array([f[1] for f in fh], dtype=object), cause=crem_cause[cm],
          issuer=issuer[cm], origin=origin[cm])


def pick(rng: np.random.Generator, options: list[Any], n: int,
         p: list[float] | None = None) -> np.ndarray:
    arr = np.empty(len(options), dtype=object)
    arr[:] = options
    pp = None if p is None else np.array(p) / sum(p)
    return arr[rng.choice(len(options), n, p=pp)]


def hospital_of(rng: np.random.Generator, county: str) -> str:
    return str(rng.choice(geo.hospitals(county)))


def background_deaths(w: World) -> None:
    rng, s = w.rng, w.scale
    # natural deaths of the population
    n = int(rng.poisson(POPULATION * DEATH_RATE * s))
    u = rng.random(n)
    age = np.where(u < 0.80, np.clip(rng.normal(80, 8, n), 65, 104),
                   np.where(u < 0.97, rng.uniform(35, 65, n), rng.uniform(0, 35, n)))
    ddate = year_dates(rng, n, winter=0.25)
    male = rng.random(n) < 0.57
    hukou = w.shaanxi_counties(n)
    pid = w.add_people(male, w.births_for_age(age, ddate), hukou)
    _natural_records(w, pid, ddate, hukou)
    w.deaths.append(Block({"pid": pid, "cls": np.full(n, "natural"), "inc": None}))
    # working-age deaths of enrolled workers (hard negatives: illness while at a high-risk firm)
    nw = int(rng.poisson(len(w.ent["worker_pid"]) * 0.0025))
    widx = rng.choice(np.flatnonzero(w.ent["worker_free"]), nw, replace=False)
    w.ent["worker_free"][widx] = False
    wpid = w.ent["worker_pid"][widx]
    wdate = year_dates(rng, nw)
    traffic = rng.random(nw) < 0.25
    whuk = w.hukou_of(wpid)
    place = w.ent["region"][w.ent["worker_ent"][widx]]
    nat = ~traffic
    _natural_records(w, wpid[nat], wdate[nat], np.where(
        np.char.startswith(whuk[nat].astype("U6"), "61"), whuk[nat], place[nat]))
    w.deaths.append(Block({"pid": wpid[nat], "cls": np.full(int(nat.sum()), "natural"),
                           "inc": None}))
    _end_spells(w, widx, wdate, backdate=0.0)
    # sudden illness at work within 48 h is deemed a work death (工伤保险条例 Art. 15)
    at_work = nat & (rng.random(nw) < 0.08)
    _claims(w, widx[at_work], wdate[at_work], "death", "工作时间突发疾病，经抢救无效死亡（视同工伤）")
    tp = wpid[traffic]
    _traffic_deaths(w, tp, wdate[traffic], place[traffic])
    commute = traffic & (rng.random(nw) < 0.35)
    _claims(w, widx[commute], wdate[commute], "death", "上下班途中发生非本人主要责任交通事故死亡")
    # injury deaths of the population: traffic, falls at home, CO at home, drowning, suicide
    nn = int(rng.poisson(11000 * s))
    kind = pick(rng, ["traffic", "fall", "co", "drown", "suicide", "other"], nn,
                [0.32, 0.28, 0.08, 0.08, 0.14, 0.10])
    age = np.where(kind == "fall", np.clip(rng.normal(79, 8, nn), 60, 100),
                   np.where(kind == "drown", rng.uniform(5, 70, nn),
                            np.clip(rng.normal(48, 18, nn), 3, 95)))
    ddate = year_dates(rng, nn, winter=0.0)
    co = kind == "co"
    ddate[co] = YEAR0 + rng.choice(np.r_[0:60, 320:365], int(co.sum())) * DAY
    male = rng.random(nn) < np.where(kind == "fall", 0.45, 0.68)
    hukou = w.shaanxi_counties(nn)
    co_north = co & (rng.random(nn) < 0.6)
    hukou[co_north] = rng.choice(["610802", "610803", "610826", "610602", "610881", "610831"],
                                 int(co_north.sum()))
    pid = w.add_people(male, w.births_for_age(age, ddate), hukou)
    w.deaths.append(Block({"pid": pid, "cls": np.full(nn, "non_occupational"), "inc": None}))
    tr = kind == "traffic"
    _traffic_deaths(w, pid[tr], ddate[tr], hukou[tr])
    ot = ~tr
    k = kind[ot]
    ext = np.where(k == "fall", pick(rng, ["W01.0", "W10.0", "W18.0", "W19.0", "W06.0"],
                                     len(k)),
                   np.where(k == "co", "X47.0", np.where(
                       k == "drown", pick(rng, ["W69.8", "W73.8", "W65.0"], len(k)),
                       np.where(k == "suicide", pick(rng, ["X70.0", "X68.0", "X80.8"], len(k)),
                                pick(rng, ["W54.4", "X59.9", "W50.4", "W26.0"], len(k))))))
    dx = np.where(k == "fall", pick(rng, ["S72.0", "S06.5", "S72.1", "S32.0"], len(k)),
                  np.where(k == "co", "T58", np.where(k == "drown", "T75.1", np.where(
                      k == "suicide", pick(rng, ["T71", "T60.0", "S06.5"], len(k)),
                      pick(rng, ["T14.9", "S06.5", "S36.1"], len(k))))))
    dcause = np.where(k == "fall", pick(rng, ["意外", "摔伤", "病故", None], len(k)),
                      np.where(k == "suicide", pick(rng, ["自杀", "意外", None], len(k)),
                               pick(rng, ["意外", "意外死亡", None], len(k))))
    ccause = np.where(k == "fall", pick(rng, ["股骨颈骨折", "颅脑损伤", "肺部感染"], len(k)),
                      np.where(k == "co", "一氧化碳中毒", np.where(k == "drown", "溺水", np.where(
                          k == "suicide", pick(rng, ["机械性窒息", "有机磷中毒"], len(k)),
                          "外伤"))))
    opid, odate, ohuk = pid[ot], ddate[ot], hukou[ot]
    hosp = rng.random(len(k)) < np.where(k == "fall", 0.65, np.where(k == "drown", 0.1, 0.35))
    lag = np.where(k == "fall", rng.integers(0, 40, len(k)), rng.integers(0, 2, len(k)))
    _medical(w, opid[hosp], odate[hosp] - lag[hosp] * DAY, ohuk[hosp], dx[hosp], ext[hosp],
             los=lag[hosp], disposition="died",
             payer=pick(rng, ["resident_insurance", "employee_insurance", "self_pay"],
                        int(hosp.sum()), [0.65, 0.2, 0.15]))
    issuer = np.where(hosp, "hospital", np.where(k == "fall", "community", pick(
        rng, ["police", "community", "other"], len(k), [0.6, 0.3, 0.1])))
    origin = np.where(hosp, "医院", np.where(k == "drown", "河道", "家中"))
    add_death_records(w, opid, odate, ohuk, dereg_cause=dcause, crem_cause=ccause,
                      issuer=issuer, origin=origin, p_crem=_crem_rate(ohuk))


def _crem_rate(county: np.ndarray) -> np.ndarray:
    rates = {c: v[2] for c, v in geo.CITIES.items()}
    return np.array([rates.get(str(c)[:4], 0.5) for c in county])


def _natural_records(w: World, pid: np.ndarray, ddate: np.ndarray, place: np.ndarray) -> None:
    rng = w.rng
    n = len(pid)
    inhosp = rng.random(n) < 0.42
    issuer = np.where(inhosp, "hospital", pick(rng, ["community", "other", "police"], n,
                                                [0.88, 0.08, 0.04]))
    origin = np.where(inhosp, "医院", pick(rng, ["家中", "家中", "养老院", None], n))
    add_death_records(w, pid, ddate, place, dereg_cause=pick(rng, [*NATURAL_CAUSES_DEREG, None],
                                                             n),
                      crem_cause=pick(rng, [*NATURAL_CAUSES_CREM, None], n), issuer=issuer,
                      origin=origin, p_crem=_crem_rate(place))


def _traffic_deaths(w: World, pid: np.ndarray, ddate: np.ndarray, place: np.ndarray) -> None:
    rng = w.rng
    n = len(pid)
    hosp = rng.random(n) < 0.55
    _medical(w, pid[hosp], ddate[hosp], place[hosp],
             pick(rng, ["S06.5", "S06.6", "S36.1", "T06.8", "S27.3"], int(hosp.sum())),
             pick(rng, ["V43.5", "V23.4", "V03.1", "V89.2", "V29.4", "V47.5"], int(hosp.sum())),
             los=rng.integers(0, 3, int(hosp.sum())), disposition="died",
             payer=pick(rng, ["self_pay", "commercial", "resident_insurance"], int(hosp.sum())))
    add_death_records(
        w, pid, ddate, place, dereg_cause=pick(rng, ["交通事故", "意外", "车祸", None], n),
        crem_cause=pick(rng, ["颅脑损伤", "多发伤", "创伤性休克"], n),
        issuer=np.where(hosp, "hospital", "police"),
        origin=np.where(hosp, "医院", pick(rng, ["事故现场", "道路", None], n)),
        p_crem=np.clip(_crem_rate(place) + 0.15, 0, 1))


def _medical(w: World, pid: np.ndarray, admitted: np.ndarray, county: np.ndarray,
             dx: np.ndarray, ext: np.ndarray, *, los: np.ndarray, disposition: Any,
             payer: np.ndarray, employer: np.ndarray | None = None) -> None:
    rng = w.rng
    n = len(pid)
    if n == 0:
        return
    shaanxi = np.char.startswith(county.astype("U6"), "61")
    cty = np.where(shaanxi, county, rng.choice(["610802", "610881", "610602"], n))
    hosp = np.empty(n, dtype=object)
    for c in np.unique(cty):
        m = cty == c
        hosp[m] = rng.choice(np.array(geo.hospitals(str(c)), dtype=object), int(m.sum()))
    mins = rng.integers(0, 24 * 60, n)
    at = admitted.astype("datetime64[m]") + mins * np.timedelta64(1, "m")
    dis = at + (np.asarray(los) * 24 * 60 + rng.integers(30, 600, n)) * np.timedelta64(1, "m")
    w.add("medical_records", pid=pid, hospital=hosp, region=cty, admitted=at, discharged=dis,
          dx=dx, ext=ext, disposition=np.broadcast_to(np.asarray(disposition, dtype=object), n),
          payer=payer, employer=np.full(n, -1) if employer is None else employer)


def _claims(w: World, widx: np.ndarray, injury: np.ndarray, outcome: Any, desc: Any) -> None:
    """Work-injury claims of enrolled workers (``widx`` indexes the worker pool)."""
    ent = w.ent["worker_ent"][widx]
    claim_rows(w, w.ent["worker_pid"][widx], ent, injury, outcome, desc)


def claim_rows(w: World, pid: np.ndarray, ent: np.ndarray, injury: np.ndarray, outcome: Any,
               desc: Any) -> None:
    rng = w.rng
    n = len(pid)
    if n == 0:
        return
    applied = injury + np.clip(rng.lognormal(np.log(25), 0.7, n), 3, 360).astype(int) * DAY
    decided = applied + rng.integers(15, 75, n) * DAY
    out = np.broadcast_to(np.asarray(outcome, dtype=object), n).copy()
    out[decided > EXPORT] = "pending"
    dec = np.where(decided > EXPORT, np.datetime64("NaT"), decided)
    keep = applied <= EXPORT
    w.add("injury_claims", pid=pid[keep], ent=ent[keep],
          injury=injury[keep], applied=applied[keep], decided=dec[keep], outcome=out[keep],
          desc=np.broadcast_to(np.asarray(desc, dtype=object), n)[keep],
          region=w.ent["region"][ent][keep])


def _end_spells(w: World, widx: np.ndarray, ddate: np.ndarray, backdate: float) -> None:
    rng = w.rng
    n = len(widx)
    u = rng.random(n)
    end = np.where(u < 0.2, np.datetime64("NaT"),
                   ddate + rng.integers(0, 75, n) * DAY).astype("datetime64[D]")
    back = rng.random(n) < backdate
    end[back] = ddate[back] - rng.integers(2, 25, int(back.sum())) * DAY
    end[end > EXPORT] = np.datetime64("NaT")
    w.ent["spell_end"][widx] = end


def background_injuries(w: World) -> None:
    rng, s = w.rng, w.scale
    # ordinary work injuries of enrolled workers: claims, often a hospital stay
    nc = int(rng.poisson(28000 * s))
    free = np.flatnonzero(w.ent["worker_free"])
    widx = rng.choice(free, min(nc, len(free)), replace=False)
    nc = len(widx)
    inj = year_dates(rng, nc)
    out = pick(rng, ["injury", "disability_10", "disability_9", "disability_8", "disability_7",
                     "disability_6", "disability_5", "disability_4", "disability_3", "rejected"],
               nc, [0.5, 0.1, 0.09, 0.07, 0.05, 0.03, 0.02, 0.01, 0.005, 0.08])
    ind = w.ent["industry"][w.ent["worker_ent"][widx]]
    types = [_draw_type(rng, str(i)) for i in ind]
    desc = np.array([DESC_BY_TYPE[t] for t in types], dtype=object)
    _claims(w, widx, inj, out, desc)
    hosp = rng.random(nc) < 0.6
    ext = np.array([rng.choice(EXT_BY_TYPE[t][0]) for t in types], dtype=object)
    dx = pick(rng, ["S62.6", "S61.0", "S82.2", "S52.5", "S92.3", "S01.8", "S42.0", "S68.1"], nc)
    los = np.where(np.isin(out, ["injury", "disability_10", "rejected"]),
                   rng.integers(0, 10, nc), rng.integers(7, 45, nc))
    h = np.flatnonzero(hosp)
    ent = w.ent["worker_ent"][widx]
    _medical(w, w.ent["worker_pid"][widx][h], inj[h], w.ent["region"][ent][h], dx[h], ext[h],
             los=los[h], disposition="discharged",
             payer=pick(rng, ["work_injury_insurance", "employee_insurance", "self_pay"], len(h),
                        [0.6, 0.3, 0.1]),
             employer=np.where(rng.random(len(h)) < 0.45, ent[h], -1))
    # injuries of the population (hard negatives: home falls, traffic, dog bites, farm work)
    n = int(rng.poisson(0.009 * POPULATION * s))
    age = np.clip(rng.gamma(3.0, 15.0, n), 0, 98)
    male = rng.random(n) < 0.58
    hukou = w.shaanxi_counties(n)
    at = year_dates(rng, n)
    pid = w.add_people(male, w.births_for_age(age, at), hukou)
    ext = pick(rng, ["W01.0", "W19.0", "W10.0", "W01.4", "V23.4", "V43.5", "V03.1", "W54.4",
                     "W26.0", "W22.0", "X20.8", "W31.8", "W13.6", "W20.8", "W18.9", None], n,
               [0.14, 0.08, 0.06, 0.08, 0.08, 0.06, 0.04, 0.05, 0.06, 0.06, 0.01, 0.03, 0.02,
                0.03, 0.05, 0.15])
    dx = pick(rng, ["S72.0", "S52.5", "S82.2", "S06.0", "S01.8", "S61.0", "S93.4", "T14.0",
                    "S22.3", "S32.0", "S42.2", "T20.2", "S06.5"], n)
    los = np.clip(rng.lognormal(np.log(5), 0.9, n), 0, 90).astype(int)
    disp = pick(rng, ["discharged", "transferred", "left_against_advice"], n, [0.94, 0.03, 0.03])
    _medical(w, pid, at, hukou, dx, ext, los=los, disposition=disp,
             payer=pick(rng, ["resident_insurance", "employee_insurance", "self_pay",
                              "commercial", "other"], n, [0.5, 0.25, 0.17, 0.05, 0.03]))


def _draw_type(rng: np.random.Generator, industry: str) -> str:
    t = SPECS[industry].types
    return str(rng.choice(list(t), p=np.array(list(t.values())) / sum(t.values())))

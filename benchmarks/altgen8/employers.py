"""The enterprise register, its workers and their social-insurance enrolment spells."""

from __future__ import annotations

import numpy as np

from . import geo
from .ids import make_uscc
from .world import EXTRACT, NO_DEATH, T0, Enterprises, World, day

BRANDS = ["鑫", "盛", "兴", "隆", "发", "达", "华", "泰", "源", "恒", "宏", "昌", "顺", "利", "丰",
          "荣", "祥", "鸿", "瑞", "安", "新", "金", "富", "强", "远", "通", "明", "德", "聚", "众",
          "黔", "筑", "乌江", "红", "山", "峰", "川", "星", "龙", "凤", "宝", "嘉", "诚", "信", "和",
          "亿", "博", "创", "天", "力", "兴旺", "永", "吉", "福", "合", "康", "腾", "云"]
# median headcount and male share per industry
SIZE = {"coal_mining": 260, "non_coal_mining": 70, "hazardous_chemicals": 110, "metallurgy": 260,
        "construction": 120, "transport": 50, "fireworks": 30, "manufacturing": 70, "other": 22}
MALE_SHARE = {"coal_mining": .97, "non_coal_mining": .92, "hazardous_chemicals": .75,
              "metallurgy": .86, "construction": .87, "transport": .88, "fireworks": .55,
              "manufacturing": .58, "other": .45}
_PATTERNS = {
    "coal_mining": ["{c}{b}煤矿", "贵州{b}煤业有限公司{t}煤矿", "{c}{t}镇{b}煤矿",
                    "{c}{b}矿业有限责任公司"],
    "non_coal_mining": ["{c}{b}磷矿", "{c}{b}矿业有限公司", "{c}{t}{b}石场", "{c}{b}铝土矿",
                        "{c}{b}砂石有限公司"],
    "hazardous_chemicals": ["贵州{b}化工有限公司", "{c}{b}磷化有限责任公司", "{c}{b}燃气有限公司",
                            "{c}{b}化工有限责任公司", "{c}{b}加油站"],
    "metallurgy": ["{c}{b}铝业有限公司", "{c}{b}铁合金有限公司", "贵州{b}钢铁有限责任公司",
                   "{c}{b}锰业有限公司", "{c}{b}冶炼厂"],
    "construction": ["贵州{b}建设工程有限公司", "{ci}{b}建筑工程有限公司", "{c}{b}建筑安装有限公司",
                     "贵州{b}路桥工程有限公司", "{ci}{b}市政工程有限公司"],
    "transport": ["{c}{b}运输有限公司", "{ci}{b}物流有限公司", "{c}{b}客运有限公司"],
    "fireworks": ["{c}{b}烟花爆竹有限公司", "{c}{t}{b}鞭炮厂"],
    "manufacturing": ["贵州{b}酒业有限公司", "{c}{b}建材有限公司", "{c}{b}水泥有限公司",
                      "{c}{b}食品有限公司", "贵州{b}机械制造有限公司", "{ci}{b}电子科技有限公司",
                      "{c}{b}木业有限公司"],
    "other": ["{ci}{b}物业管理有限公司", "{c}{b}酒店管理有限公司", "{c}{b}商贸有限公司",
              "{c}{b}餐饮有限公司", "{c}{b}农业开发有限公司", "{ci}{b}保安服务有限公司",
              "{ci}{b}环卫服务有限公司"],
}
_DISPATCH = ["{ci}{b}劳务派遣有限公司", "贵州{b}人力资源有限公司", "{c}{b}劳务有限公司"]


def _short(name: str) -> str:
    """How a hospital clerk or an insurer writes the employer."""
    for suf in ("有限责任公司", "有限公司"):
        if name.endswith(suf):
            return name[: -len(suf)]
    return name


def build_enterprises(w: World) -> Enterprises:
    rng = w.rng
    n = w.n(12000, 90)
    prof = np.array([geo.PROFILES[c[4]] for c in geo.COUNTIES])
    cw = geo.COUNTY_POP * np.where(geo.COUNTY_URBAN, 1.3, 1.0)
    county_idx = rng.choice(len(geo.COUNTIES), n, p=cw / cw.sum())
    ind = np.array([rng.choice(9, p=prof[c] / prof[c].sum()) for c in county_idx])
    # every industry a few times, whatever the scale
    for k in range(9 * 3):
        i = k % 9
        cands = np.flatnonzero(prof[:, i] > 0.02)
        county_idx[k] = cands[k % len(cands)]
        ind[k] = i
    names, shorts, usccs = [], [], []
    seen: set[str] = set()
    dispatch = np.zeros(n, dtype=bool)
    is_other = np.flatnonzero(ind == geo.IND["other"])
    dispatch[is_other[rng.random(len(is_other)) < 0.06]] = True
    dispatch[is_other[:2]] = True
    for k in range(n):
        code = int(geo.COUNTY_CODES[county_idx[k]])
        industry = geo.INDUSTRIES[ind[k]]
        pats = _DISPATCH if dispatch[k] else _PATTERNS[industry]
        while True:
            b = BRANDS[int(rng.integers(len(BRANDS)))]
            if rng.random() < 0.6:
                b += BRANDS[int(rng.integers(len(BRANDS)))]
            nm = pats[int(rng.integers(len(pats)))].format(
                c=geo.COUNTY_SHORT[code], ci=geo.CITIES[code // 100][:-1], b=b,
                t=geo.TOWNS_OF[code][int(rng.integers(6))])
            if nm not in seen:
                break
        seen.add(nm)
        names.append(nm)
        shorts.append(_short(nm))
        while True:
            u = make_uscc(rng, code, individual=industry == "fireworks" and rng.random() < 0.3)
            if u not in usccs:
                break
        usccs.append(u)
    # a few register entries whose code fails its own check (a real-world oddity)
    bad = np.flatnonzero(rng.random(n) < 0.04)
    for k in bad.tolist():
        u = usccs[k]
        alt = "0" if u[-1] != "0" else "1"
        usccs[k] = u[:-1] + alt
    med = np.array([SIZE[geo.INDUSTRIES[i]] for i in ind], dtype=float)
    size = np.maximum(3, np.round(med * rng.lognormal(0, 0.8, n)))
    size[dispatch] *= 3
    hr = np.array([geo.INDUSTRIES[i] in geo.HIGH_RISK for i in ind])
    high_risk = np.where(hr, rng.random(n) < 0.92, rng.random(n) < 0.04)
    w.count("enterprises_bad_uscc", len(bad))
    return Enterprises(uscc=usccs, name=names, short=shorts, industry=ind.astype(np.int64),
                       county=geo.COUNTY_CODES[county_idx].astype(np.int64),
                       high_risk=high_risk, size=size, dispatch=dispatch)


def hukou_near(rng: np.random.Generator, county: np.ndarray, p_local: float = 0.6,
               p_out: float = 0.1) -> np.ndarray:
    """Household-registration places of people working or living at ``county``."""
    n = len(county)
    u = rng.random(n)
    out = np.asarray(county, dtype=np.int64).copy()
    same_city = (u >= p_local) & (u < p_local + 0.15)
    other = (u >= p_local + 0.15) & (u < 1 - p_out)
    far = u >= 1 - p_out
    p = geo.COUNTY_POP / geo.COUNTY_POP.sum()
    anyc = geo.COUNTY_CODES[rng.choice(len(p), n, p=p)]
    for i in np.flatnonzero(same_city):
        cands = geo.COUNTY_CODES[out[i] // 100 == geo.COUNTY_CITY]
        out[i] = cands[int(rng.integers(len(cands)))]
    out[other] = anyc[other]
    out[far] = geo.OUT_OF_PROVINCE[rng.integers(0, len(geo.OUT_OF_PROVINCE), int(far.sum()))]
    return out


def births_for_ages(rng: np.random.Generator, ages: np.ndarray,
                    ref: np.ndarray | int) -> np.ndarray:
    """Birth days of people aged ``ages`` (whole years) on day ``ref``."""
    return (ref - np.asarray(ages) * 365.25 - rng.integers(0, 365, len(ages))).astype(np.int64)


def build_workers(w: World) -> None:
    """Workers and their spells: most have one, some changed jobs before or during the window."""
    rng, ent = w.rng, w.ent
    assert ent is not None
    n = w.n(300000, 600)
    weight = ent.size / ent.size.sum()
    e1 = rng.choice(len(ent), n, p=weight)
    ind = ent.industry[e1]
    male = rng.random(n) < np.array([MALE_SHARE[geo.INDUSTRIES[i]] for i in ind])
    ages = np.clip(np.round(rng.triangular(18, 38, 62, n)), 18, 60).astype(np.int64)
    ref = day("2022-07-01")
    birth = births_for_ages(rng, ages, ref)
    p_out = np.where(ind == geo.IND["construction"], 0.18, 0.08)
    hukou = hukou_near(rng, ent.county[e1], p_local=0.6, p_out=0.0)
    far = rng.random(n) < p_out
    hukou[far] = geo.OUT_OF_PROVINCE[rng.integers(0, len(geo.OUT_OF_PROVINCE), int(far.sum()))]
    pids = w.people.add(birth, male, hukou)
    adult = birth + int(18 * 365.25)
    lo = np.maximum(day("2004-01-01"), adult)
    start1 = lo + (rng.random(n) * (day("2024-03-01") - lo)).astype(np.int64)
    ended = rng.random(n) < 0.35
    end1 = start1 + rng.exponential(4 * 365, n).astype(np.int64) + 30
    end1 = np.where(ended & (end1 < EXTRACT), end1, -1)
    # a second spell: after the first ended, or before it started
    second = rng.random(n) < 0.4
    same_county = rng.random(n) < 0.6
    e2 = rng.choice(len(ent), n, p=weight)
    for i in np.flatnonzero(second & same_county):
        cands = np.flatnonzero(ent.county == ent.county[e1[i]])
        e2[i] = cands[int(rng.integers(len(cands)))]
    after = end1 >= 0
    s2 = np.where(after, end1 + rng.integers(0, 180, n), 0)
    en2 = np.where(after, -1, start1 - rng.integers(0, 120, n))
    s2 = np.where(after, s2, en2 - rng.exponential(3 * 365, n).astype(np.int64) - 60)
    en2_after = s2 + rng.exponential(5 * 365, n).astype(np.int64) + 60
    en2 = np.where(after, np.where(rng.random(n) < 0.3, en2_after, -1), en2)
    en2 = np.where(en2 >= EXTRACT, -1, en2)
    ok2 = second & (e2 != e1) & (s2 <= day("2024-05-01")) & (s2 >= np.maximum(adult, T0 - 7300))
    w.sp_pid = np.concatenate([pids, pids[ok2]])
    w.sp_ent = np.concatenate([e1, e2[ok2]]).astype(np.int64)
    w.sp_start = np.concatenate([start1, s2[ok2]]).astype(np.int64)
    w.sp_end = np.concatenate([end1, en2[ok2]]).astype(np.int64)
    w.sp_keep = np.ones(len(w.sp_pid), dtype=bool)
    w.count("workers", n)


class SpellIndex:
    """Spells grouped by enterprise and by person, for picking who was at work on a day."""

    def __init__(self, w: World) -> None:
        self.w = w
        self.by_ent = np.argsort(w.sp_ent, kind="stable")
        assert w.ent is not None
        self.ent_ptr = np.searchsorted(w.sp_ent[self.by_ent], np.arange(len(w.ent) + 1))

    def active(self, e: int, d: int) -> np.ndarray:
        """Spell indices at enterprise ``e`` open on day ``d`` of people alive that day."""
        w = self.w
        idx = self.by_ent[self.ent_ptr[e]:self.ent_ptr[e + 1]]
        ok = (w.sp_start[idx] <= d) & ((w.sp_end[idx] < 0) | (w.sp_end[idx] >= d)) \
            & w.sp_keep[idx] & (w.people.death[w.sp_pid[idx]] == NO_DEATH)
        return idx[ok]

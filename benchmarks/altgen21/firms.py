"""Enterprises: industries and where they sit in Yunnan (tin at Gejiu, copper at Dongchuan,
lead-zinc at Lanping, phosphate and phosphorus chemicals around Anning/Jinning, coal in Qujing and
Zhaotong, tunnel and hydropower construction through labour subcontractors, plantations in the
south), their USCCs, names as different departments write them, and enrolled headcounts."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import geo
from .ident import make_uscc, uscc_bad_check

INDUSTRY_SHARE = {"construction": 0.25, "manufacturing": 0.19, "transport": 0.12,
                  "non_coal_mining": 0.10, "coal_mining": 0.04, "hazardous_chemicals": 0.05,
                  "metallurgy": 0.03, "fireworks": 0.006, "other": 0.204}
HIGH_RISK_P = {"coal_mining": 0.97, "non_coal_mining": 0.95, "hazardous_chemicals": 0.95,
               "fireworks": 1.0, "metallurgy": 0.9, "construction": 0.35, "transport": 0.3,
               "manufacturing": 0.05, "other": 0.03}
MEAN_SIZE = {"coal_mining": 90, "non_coal_mining": 35, "hazardous_chemicals": 60, "metallurgy": 70,
             "construction": 18, "transport": 12, "fireworks": 20, "manufacturing": 25, "other": 9}
INFORMAL_P = {"coal_mining": 0.03, "non_coal_mining": 0.18, "hazardous_chemicals": 0.02,
              "metallurgy": 0.05, "construction": 0.12, "transport": 0.2, "fireworks": 0.1,
              "manufacturing": 0.08, "other": 0.3}

# subtype: (weight within industry, counties (None = population weighted), name words)
SUBTYPES: dict[str, list[tuple[str, float, list[str] | None, list[str]]]] = {
    "coal_mining": [
        ("coal", 1.0, ["530325", "530325", "530381", "530381", "530323", "530324", "530302",
                       "530326", "530627", "530627", "530629", "530628", "530502", "532502"],
         ["煤业有限公司", "煤矿有限责任公司", "能源有限公司"]),
    ],
    "non_coal_mining": [
        ("tin", 0.16, ["532501", "532501", "532501", "532625", "532503"], ["锡业有限公司", "矿业有限责任公司"]),
        ("copper", 0.15, ["530113", "530113", "530425", "532326", "532302", "530427"],
         ["铜业有限公司", "矿业有限公司"]),
        ("leadzinc", 0.14, ["533325", "533325", "530326", "530922", "532929", "530623"],
         ["铅锌矿业有限公司", "矿业开发有限公司"]),
        ("phosphate", 0.12, ["530115", "530181", "530129", "530124", "530126", "530427"],
         ["磷矿有限公司", "磷业有限公司"]),
        ("tungsten", 0.05, ["532624", "532625", "530524"], ["钨业有限公司", "矿业有限公司"]),
        ("quarry", 0.38, None, ["石材有限公司", "砂石有限公司", "采石场", "建材矿业有限公司"]),
    ],
    "hazardous_chemicals": [
        ("phos_chem", 0.55, ["530181", "530181", "530115", "530115", "530129", "532502", "530303",
                             "530681"], ["磷化工有限责任公司", "化工有限公司", "磷化集团有限公司"]),
        ("chem", 0.45, None, ["化工有限公司", "气体有限公司", "危险品仓储有限公司", "燃气有限公司"]),
    ],
    "metallurgy": [
        ("smelter", 1.0, ["532501", "532501", "530181", "530113", "530302", "532503", "530326",
                          "532301", "530402"], ["冶炼有限公司", "钢铁有限公司", "有色金属有限公司",
                                                "铸造有限公司"]),
    ],
    "construction": [
        ("building", 0.40, None, ["建筑工程有限公司", "建设集团有限公司", "建设工程有限公司"]),
        ("tunnel", 0.15, None, ["路桥工程有限公司", "隧道工程有限公司", "交通建设有限公司"]),
        ("hydro", 0.07, ["530622", "530128", "533325", "533301", "530927", "530828", "530626"],
         ["水电工程有限公司", "水利水电建设有限公司"]),
        ("labour", 0.38, None, ["建筑劳务有限公司", "劳务有限公司", "劳务分包有限公司"]),
    ],
    "transport": [
        ("bus", 0.35, None, ["客运有限责任公司", "汽车运输有限公司", "旅游客运有限公司"]),
        ("freight", 0.65, None, ["物流有限公司", "运输有限公司", "货运有限公司"]),
    ],
    "fireworks": [
        ("fireworks", 1.0, ["530381", "530326", "530322", "530602", "532504", "530124"],
         ["烟花爆竹有限公司", "花炮厂"]),
    ],
    "manufacturing": [
        ("cement", 0.2, None, ["水泥有限公司", "建材有限公司"]),
        ("sugar", 0.15, ["530921", "530922", "530926", "533103", "533123", "530427", "530824"],
         ["糖业有限公司", "制糖有限公司"]),
        ("machinery", 0.3, None, ["机械制造有限公司", "机电设备有限公司", "金属制品有限公司"]),
        ("food", 0.35, None, ["食品有限公司", "木业有限公司", "纸业有限公司", "塑料制品有限公司"]),
    ],
    "other": [
        ("rubber", 0.18, ["532801", "532823", "532822", "530826", "532530", "532532", "530926"],
         ["橡胶有限公司", "农业开发有限公司"]),
        ("tea", 0.22, ["532822", "530921", "530922", "530823", "530802", "530821", "530828",
                       "530502"], ["茶业有限公司", "茶厂"]),
        ("power", 0.1, None, ["水电开发有限公司", "电力有限公司"]),
        ("service", 0.5, None, ["物业服务有限公司", "商贸有限公司", "农业科技有限公司",
                                "环境工程有限公司"]),
    ],
}

TRADE = list(dict.fromkeys(
    ["鑫源", "宏达", "兴发", "恒泰", "金沙", "华联", "鸿运", "瑞丰", "祥和", "永安", "昌盛", "顺达", "盛源", "金鼎", "天成", "泰丰", "博远", "众和", "宏图", "康达", "银河", "东方", "润泽", "鼎盛", "盛达", "云岭", "滇南", "滇西", "高原", "彩云", "红土", "金马", "碧鸡", "兴滇", "滇峰", "宏鑫", "锦华", "远航", "腾飞", "通达", "安顺", "大通", "金源", "宇恒", "德丰", "万通", "正邦", "丰泽", "中兴", "鑫达", "嘉华", "恒达", "新兴", "利民", "福瑞", "永昌", "德润", "凯达", "金龙", "银龙", "富民", "泰和", "兴旺", "华泰", "恒通", "昊天", "天泽", "双龙", "鑫鹏", "兴盛", "恒源", "宏源", "金山", "银山", "南山", "青山", "龙腾", "乾元", "坤元", "振兴", "宏远", "盛世", "华达", "广源", "汇通", "森宇", "兴隆", "荣达", "恒丰", "明达", "宏兴", "开元", "泓源", "聚鑫", "润达"]))
LEGACY_WORD = {"coal": "煤矿", "tin": "锡矿", "copper": "铜矿", "leadzinc": "铅锌矿", "phosphate": "磷矿",
               "tungsten": "钨矿", "quarry": "采石场", "phos_chem": "磷肥厂", "chem": "化工厂",
               "smelter": "冶炼厂", "building": "建筑工程公司", "tunnel": "路桥公司",
               "hydro": "水电工程处", "labour": "劳务队", "bus": "汽车运输公司", "freight": "运输公司",
               "fireworks": "花炮厂", "cement": "水泥厂", "sugar": "糖厂", "machinery": "机械厂",
               "food": "食品厂", "rubber": "橡胶厂", "tea": "茶厂", "power": "电站", "service": "服务部"}
LABOUR_HOME = {"sichuan": "四川", "guizhou": "贵州", "chongqing": "重庆", "hunan": "湖南"}


@dataclass
class Firms:
    uscc: list[str]          # the registered code (a few fail the check)
    name: list[str]          # current full name
    short: list[str]
    old: list[str | None]    # name before a rename
    industry: np.ndarray
    subtype: np.ndarray
    region: np.ndarray       # county (6 digits; out-of-province labour firms carry their home code)
    high_risk: np.ndarray
    size: np.ndarray         # enrolled workers
    in_register: np.ndarray
    origin: np.ndarray       # "yunnan" or a migrant province for labour subcontractors

    def __len__(self) -> int:
        return len(self.name)


def _prefix(rng: np.random.Generator, county: str) -> str:
    c = geo.BY_CODE[county]
    r = rng.random()
    if r < 0.3:
        return "云南"
    if r < 0.42:
        return "云南省"
    if r < 0.6:
        return geo.PREFECTURES[c.pref][1].replace("州", "").replace("市", "") if c.pref != "5328" \
            else "西双版纳"
    return c.name if len(c.name) <= 4 else c.short


def make_firms(rng: np.random.Generator, scale: float, target_workers: int) -> Firms:
    n = max(80, round(12000 * scale))
    inds = list(INDUSTRY_SHARE)
    pw = np.array(list(INDUSTRY_SHARE.values()))
    industry = rng.choice(np.array(inds), size=n, p=pw / pw.sum()).astype(object)
    # at least a handful of every industry, fireworks included
    for k, ind in enumerate(inds):
        industry[k * 3:(k * 3) + 3] = ind
    subtype = np.empty(n, dtype=object)
    region = np.empty(n, dtype="<U6")
    origin = np.full(n, "yunnan", dtype=object)
    names: list[str] = []
    shorts: list[str] = []
    olds: list[str | None] = []
    codes: list[str] = []
    used = set()
    for i in range(n):
        subs = SUBTYPES[industry[i]]
        w = np.array([s[1] for s in subs])
        s_name, _, counties, words = subs[int(rng.choice(len(subs), p=w / w.sum()))]
        subtype[i] = s_name
        if counties is None:
            c = str(geo.sample_counties(rng, 1)[0])
            if s_name in ("building", "labour", "service") and rng.random() < 0.35:
                c = str(geo.sample_counties(rng, 1, prefs=["5301"])[0])
        else:
            c = counties[int(rng.integers(len(counties)))]
        region[i] = c
        word = words[int(rng.integers(len(words)))]
        for _ in range(50):
            trade = TRADE[int(rng.integers(len(TRADE)))]
            if s_name == "labour" and rng.random() < 0.4:
                prov = str(rng.choice(list(LABOUR_HOME)))
                origin[i] = prov
                home = geo.MIGRANT_REGIONS[prov][int(rng.integers(len(geo.MIGRANT_REGIONS[prov])))]
                region[i] = home
                prefix = LABOUR_HOME[prov]
            else:
                prefix = _prefix(rng, c)
            if s_name == "coal" and rng.random() < 0.5:
                full = f"{geo.BY_CODE[c].short}{trade}煤矿"
            else:
                full = f"{prefix}{trade}{word}"
            if rng.random() < 0.06 and word.endswith("有限公司") and "集团" not in word:
                full = full.replace("有限公司", "（集团）有限公司")
            if full not in used:
                break
        used.add(full)
        names.append(full)
        core = word.replace("有限责任公司", "").replace("有限公司", "").replace("（集团）", "")
        core = core.replace("集团", "")
        shorts.append(trade + (core if len(core) <= 4 else core[:2]))
        if rng.random() < 0.22:
            old_trade = TRADE[int(rng.integers(len(TRADE)))] if rng.random() < 0.4 else trade
            place = geo.BY_CODE[c].short if c in geo.BY_CODE else prefix
            if rng.random() < 0.6:  # before the restructuring into a company
                olds.append(f"{place}{old_trade}{LEGACY_WORD[s_name]}")
            else:  # renamed
                olds.append(full.replace(trade, old_trade, 1) if old_trade != trade
                            else f"{place}{trade}{word}")
        else:
            olds.append(None)
        if olds[-1] == full:
            olds[-1] = None
        kindcode = "91" if rng.random() < 0.93 else ("92" if industry[i] in ("transport", "other")
                                                      else "91")
        if subtype[i] in ("rubber", "tea") and rng.random() < 0.3:
            kindcode = "93"
        codes.append(make_uscc(region[i], kindcode, rng, new_style=rng.random() < 0.55))
    # some registered codes fail the check (kept as the register has them)
    for i in np.flatnonzero(rng.random(n) < 0.035).tolist():
        codes[i] = uscc_bad_check(codes[i], rng)
    high = rng.random(n) < np.array([HIGH_RISK_P[x] for x in industry])
    mean = np.array([MEAN_SIZE[x] for x in industry], dtype=float)
    size = rng.lognormal(np.log(mean) - 0.5, 1.0)
    size = np.where(rng.random(n) < np.array([INFORMAL_P[x] for x in industry]), 0, size)
    size = np.round(size * target_workers / max(size.sum(), 1)).astype(np.int64)
    in_reg = ~((origin != "yunnan") & (rng.random(n) < 0.5))
    return Firms(codes, names, shorts, olds, industry.astype(str), subtype.astype(str), region,
                 high, size, in_reg, origin.astype(str))


def name_variant(f: Firms, idx: int, src: str, rng: np.random.Generator,
                 started_before_rename: bool = False) -> str:
    """The employer's name as department ``src`` writes it: full, short, old name, bracket and
    company-form variants, with or without the province prefix."""
    full, short, old = f.name[idx], f.short[idx], f.old[idx]
    r = rng.random()
    p_short = {"accidents": 0.08, "injury_claims": 0.08, "employment": 0.02,
               "medical_records": 0.5}.get(src, 0.05)
    p_old = {"accidents": 0.04, "injury_claims": 0.12, "employment": 0.5 if started_before_rename
             else 0.05, "medical_records": 0.1}.get(src, 0.05)
    if old is not None and r < p_old:
        return old
    r = rng.random()
    if r < p_short:
        return short
    r = rng.random()
    if r < 0.06:
        return full.replace("（", "(").replace("）", ")") if "（" in full else \
            full.replace("有限公司", "(有限公司)") if rng.random() < 0.2 else full
    if r < 0.12:
        if full.startswith("云南省"):
            return full[3:]
        if full.startswith("云南"):
            return "云南省" + full[2:] if rng.random() < 0.5 else full[2:]
        return full
    if r < 0.16:
        if "有限责任公司" in full:
            return full.replace("有限责任公司", "有限公司")
        return full.replace("有限公司", "有限责任公司")
    return full

"""The simulated world's people, employers and the raw (true) records they leave."""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

import numpy as np
import polars as pl

from . import geo
from .ident import id_check_char, make_ids, make_uscc, mistype_uscc
from .names import make_names, vary_name

EPOCH = date(1970, 1, 1)
NULL = -999_999  # an absent day / second in the integer arrays


def day(iso: str) -> int:
    return (date.fromisoformat(iso) - EPOCH).days


D2024 = day("2024-01-01")
YEAR_END = day("2024-12-31")
EXTRACT = day("2025-03-31")  # the day every department's extract was taken
DAY_S = 86_400
TZ_S = 0  # datetimes are local and naive: seconds since 1970-01-01 00:00 local


T = TypeVar("T")


def pick(r: random.Random, options: Sequence[T], weights: Sequence[float] | None = None) -> T:
    return r.choices(options, weights=weights)[0] if weights else r.choice(options)


# ----------------------------------------------------------------------------------- records
RAW: dict[str, dict[str, pl.DataType]] = {
    "victims": {"pid": pl.Int64(), "acc": pl.Int64(), "outcome": pl.Utf8(), "event": pl.Int32(),
                "slot": pl.Int32()},
    "dereg": {"pid": pl.Int64(), "death": pl.Int32(), "dereg": pl.Int32(), "region": pl.Utf8(),
              "reason": pl.Utf8(), "cause": pl.Utf8()},
    "crem": {"pid": pl.Int64(), "death": pl.Int32(), "crem": pl.Int32(), "fh": pl.Int32(),
             "cause": pl.Utf8(), "issuer": pl.Utf8(), "origin": pl.Utf8()},
    "claim": {"pid": pl.Int64(), "employer": pl.Utf8(), "uscc": pl.Utf8(), "injury": pl.Int32(),
              "applied": pl.Int32(), "decided": pl.Int32(), "outcome": pl.Utf8(),
              "desc": pl.Utf8(), "region": pl.Utf8()},
    "med": {"pid": pl.Int64(), "hosp": pl.Int32(), "adm": pl.Int64(), "dis": pl.Int64(),
            "diag": pl.Utf8(), "ext": pl.Utf8(), "disp": pl.Utf8(), "payer": pl.Utf8(),
            "employer": pl.Utf8(), "unknown": pl.Boolean(), "idmiss": pl.Float64()},
    "emp": {"pid": pl.Int64(), "employer": pl.Utf8(), "uscc": pl.Utf8(), "industry": pl.Utf8(),
            "start": pl.Int32(), "end": pl.Int32()},
}
_NULLABLE_INT = {"death", "dereg", "crem", "decided", "dis", "end", "injury", "applied", "adm",
                 "start", "event"}


class Sink:
    """Raw records as the world produced them, before each department writes them its way."""

    def __init__(self) -> None:
        self.rows: dict[str, list[tuple]] = {k: [] for k in RAW}
        self.frames: dict[str, list[pl.DataFrame]] = {k: [] for k in RAW}

    def row(self, src: str, **vals: object) -> None:
        self.rows[src].append(tuple(vals[c] for c in RAW[src]))

    def frame(self, src: str, **cols: object) -> None:
        self.frames[src].append(pl.DataFrame({c: cols[c] for c in RAW[src]}, schema=RAW[src]))

    def table(self, src: str) -> pl.DataFrame:
        parts = list(self.frames[src])
        if self.rows[src]:
            parts.append(pl.DataFrame(self.rows[src], schema=RAW[src], orient="row"))
        df = pl.concat(parts, how="vertical") if parts else pl.DataFrame(schema=RAW[src])
        fix = [pl.when(pl.col(c) == NULL).then(None).otherwise(pl.col(c)).alias(c)
               for c in RAW[src] if c in _NULLABLE_INT]
        return df.with_columns(fix)


# ----------------------------------------------------------------------------------- people
class People:
    """Everyone who leaves a record: registered name, sex, birth, household registration, ID."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.hukou: list[str] = []
        self.birth: list[int] = []
        self.male: list[bool] = []
        self.eth: list[str] = []
        self.name: list[str] = []
        self.alias: list[str | None] = []
        self.idn: list[str] = []
        self.dup: set[int] = set()

    def __len__(self) -> int:
        return len(self.hukou)

    def add(self, hukou: Sequence[str], age: np.ndarray, male: np.ndarray,
            ref_day: int | np.ndarray) -> np.ndarray:
        """New persons of the given household registration, age (years) on ``ref_day``, sex."""
        n = len(hukou)
        rng = self.rng
        if n == 0:
            return np.zeros(0, dtype=np.int64)
        birth = (np.asarray(ref_day) - np.floor(np.asarray(age) * 365.25)).astype(np.int64)
        birth = np.maximum(birth, day("1922-01-01"))
        u = rng.random(n)
        yi = np.array([geo.YI_SHARE.get(h, 0.0) for h in hukou])
        tib = np.array([geo.TIB_SHARE.get(h, 0.0) for h in hukou])
        eth = np.where(u < yi, "yi", np.where(u < yi + tib, "tib", "han"))
        by = 1970 + birth / 365.25
        names, aliases = make_names(eth, np.asarray(male), by.astype(int), rng)
        old = rng.random(n) < 0.55
        idreg = [geo.OLD_CODE[h] if (h in geo.OLD_CODE and old[i] and by[i] < 2010) else h
                 for i, h in enumerate(hukou)]
        ids = make_ids(idreg, birth.astype("datetime64[D]"), np.asarray(male), rng)
        start = len(self.hukou)
        self.hukou += list(hukou)
        self.birth += [int(b) for b in birth]
        self.male += [bool(m) for m in male]
        self.eth += [str(e) for e in eth]
        self.name += names
        self.alias += aliases
        self.idn += ids
        return np.arange(start, start + n, dtype=np.int64)

    def age_on(self, pid: int, d: int) -> int:
        return int((d - self.birth[pid]) // 365.25)

    def finalize(self, r: random.Random) -> pl.DataFrame:
        """Make ID numbers unique, then let a few pairs of persons share one (register errors)."""
        seen: dict[str, int] = {}
        for i, v in enumerate(self.idn):
            while v in seen:
                body = v[:14] + f"{(int(v[14:17]) + 2 * r.randrange(1, 40)) % 1000:03d}"
                v = body + id_check_char(body)
            seen[v] = i
            self.idn[i] = v
        n = len(self.idn)
        order = np.argsort(np.array(self.birth), kind="stable")
        pos = np.empty(n, dtype=np.int64)
        pos[order] = np.arange(n)
        for _ in range(max(2, n // 2500)):
            a = r.randrange(n)
            j = int(pos[a]) + r.randint(1, 5)
            if j >= n:
                continue
            b = int(order[j])
            if a == b or a in self.dup or b in self.dup:
                continue
            self.birth[b] = self.birth[a]
            self.male[b] = self.male[a]
            self.idn[b] = self.idn[a]
            self.dup.update((a, b))
        return pl.DataFrame({
            "pid": np.arange(n, dtype=np.int64), "hukou": self.hukou, "birth": self.birth,
            "male": self.male, "eth": self.eth, "name": self.name, "alias": self.alias,
            "id18": self.idn, "dup": [i in self.dup for i in range(n)],
        }, schema={"pid": pl.Int64, "hukou": pl.Utf8, "birth": pl.Int32, "male": pl.Boolean,
                   "eth": pl.Utf8, "name": pl.Utf8, "alias": pl.Utf8, "id18": pl.Utf8,
                   "dup": pl.Boolean})


# -------------------------------------------------------------------------------- employers
@dataclass
class Project:
    idx: int
    contractor: int
    name: str
    county: str
    kind: str  # highway, tunnel, hydro, building
    labour: list[int] = field(default_factory=list)


@dataclass
class Enterprise:
    idx: int
    uscc: str
    name: str
    short: str
    industry: str
    kind: str
    region: str
    site: str
    high_risk: bool
    size: float
    enrol: float
    in_register: bool
    register_uscc: str
    unit: str | None = None  # the mine, quarry or works as people name it (…煤矿)
    projects: list[int] = field(default_factory=list)


_C1 = list("龙金鑫宏恒川蜀巴天华兴顺新青红白石大高长永富瑞泰安祥盛荣隆德嘉和众鸿佳万利达通源")
_C2 = list("洞鸡田峰湾岩山源达通泰盛兴昌发宇辉鑫旺丰海林江川城桥坪坝沟河")
_ORDINALS = ["二十六", "二十七", "二十八", "二十九", "三十", "三十一", "三十二", "三十三",
             "三十五", "三十六", "三十八", "三十九"]
_HYDRO_ORD = ["十七", "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十五"]
_HIGHWAY_WORDS = ["高速公路", "快速通道", "国道改建工程", "高速公路扩容工程"]
_TUNNEL_WORDS = ["隧道", "特长隧道", "铁路隧道"]
_HYDRO_WORDS = ["格底", "然果", "嘎日", "松林", "达维", "热水", "日坝", "色尔", "曲登", "麦地",
                "觉巴", "扎拉", "俄日", "卡基", "牙根", "孟底"]
WEIGHTS_KIND = {  # kind: (industry, base count at scale 1, minimum, size median, enrolment)
    "coal": ("coal_mining", 160, 6, 90.0, 0.6),
    "noncoal": ("non_coal_mining", 220, 4, 60.0, 0.5),
    "quarry": ("non_coal_mining", 200, 3, 25.0, 0.3),
    "contractor": ("construction", 50, 4, 500.0, 0.95),
    "builder": ("construction", 550, 6, 60.0, 0.6),
    "labour": ("construction", 420, 8, 50.0, 0.15),
    "chem": ("hazardous_chemicals", 260, 4, 150.0, 0.9),
    "metal": ("metallurgy", 90, 3, 300.0, 0.9),
    "factory": ("manufacturing", 1500, 8, 80.0, 0.75),
    "baijiu": ("manufacturing", 150, 2, 120.0, 0.8),
    "transport": ("transport", 450, 5, 60.0, 0.6),
    "other": ("other", 400, 4, 40.0, 0.6),
}
HIGH_RISK_P = {"coal": 1.0, "noncoal": 1.0, "quarry": 0.9, "contractor": 1.0, "builder": 0.6,
               "labour": 0.5, "chem": 1.0, "metal": 0.8, "factory": 0.05, "baijiu": 0.2,
               "transport": 0.25, "other": 0.0}


def _wchoice(r: random.Random, d: Mapping[str, float]) -> str:
    keys = list(d)
    return r.choices(keys, weights=[d[k] for k in keys])[0]


class Origins:
    """Where workers are registered, given where they work."""

    def __init__(self) -> None:
        self.sc = list(geo.SICHUAN)
        self.sc_w = [geo.POP_WEIGHT[c] for c in self.sc]
        self.pop = list(geo.COVERED)
        self.pop_w = [geo.POP_WEIGHT[c] for c in self.pop]
        self.sc_cum = list(itertools.accumulate(self.sc_w))
        self.cd = [c for c in geo.SICHUAN if c.startswith("5101")]
        self._city: dict[str, list[str]] = {}

    def same_city(self, site: str, r: random.Random) -> str:
        if site not in self._city:
            self._city[site] = [c for c in geo.COVERED if c[:4] == site[:4]] or [site]
        return r.choice(self._city[site])

    def sample(self, profile: str, site: str, r: random.Random, home: str | None = None) -> str:
        if profile == "labour" and home is not None and r.random() < 0.65:
            return home
        if profile == "labour":
            profile = "west" if site in geo.WEST else "urban"
        table = {
            "local": {"county": .55, "city": .25, "sc": .15, "cq": .05},
            "mine": {"county": .5, "city": .15, "sc": .05, "gz": .14, "yn": .1, "cq": .03,
                     "cqo": .03},
            "west": {"county": .12, "ls": .33, "lx": .27, "cq": .06, "cqo": .07, "gz": .09,
                     "yn": .06},
            "urban": {"county": .15, "city": .2, "lx": .35, "sc": .1, "cq": .05, "cqo": .05,
                      "gz": .06, "yn": .04},
            "staff": {"cd": .45, "city": .2, "sc": .3, "cq": .05},
            "noncoal": {"county": .35, "city": .15, "ls": .2, "sc": .15, "yn": .05, "gz": .05,
                        "cq": .05},
        }[profile]
        k = _wchoice(r, table)
        if k == "county":
            return site
        if k == "city":
            return self.same_city(site, r)
        if k == "sc":
            return r.choices(self.sc, cum_weights=self.sc_cum)[0]
        if k == "cd":
            return r.choice(self.cd)
        if k == "ls":
            return r.choice(geo.LIANGSHAN_YI)
        if k == "lx":
            return r.choice(geo.LABOUR_EXPORT)
        if k == "cq":
            return r.choice(geo.CQ_COVERED)
        if k == "cqo":
            return r.choice(geo.CQ_OTHER)
        if k == "gz":
            return r.choice(geo.GUIZHOU)
        return r.choice(geo.YUNNAN)


def _core(r: random.Random, used: set[str], region: str) -> str:
    for _ in range(200):
        c = r.choice(_C1) + r.choice(_C2)
        if (region, c) not in used:
            used.add((region, c))  # type: ignore[arg-type]
            return c
    c = r.choice(_C1) + r.choice(_C2) + r.choice(_C1)
    used.add((region, c))  # type: ignore[arg-type]
    return c


def build_enterprises(scale: float, r: random.Random) -> tuple[list[Enterprise], list[Project]]:
    """The employers of the world and the construction projects they run."""
    ents: list[Enterprise] = []
    projects: list[Project] = []
    used: set = set()
    used_names: set[str] = set()
    pop = list(geo.COVERED)
    pop_w = [geo.POP_WEIGHT[c] for c in pop]
    for kind, (industry, base, minimum, size_med, enrol) in WEIGHTS_KIND.items():
        n = max(minimum, round(base * scale))
        for _ in range(n):
            if kind == "coal":
                region = _wchoice(r, geo.COAL_SITES)
            elif kind in ("noncoal", "quarry"):
                region = _wchoice(r, geo.NONCOAL_SITES) if kind == "noncoal" or r.random() < .5 \
                    else r.choices(pop, weights=pop_w)[0]
            elif kind == "contractor":
                region = r.choice([c for c in geo.SICHUAN if c.startswith("5101")] + ["500112"])
                if r.random() < 0.15:
                    region = r.choice(["520102", "530102", "500103"])  # out of the register
            elif kind == "labour":
                region = _wchoice(r, {"ls": .3, "lx": .3, "cqo": .15, "cq": .05, "gz": .12,
                                      "yn": .08})
                region = {"ls": lambda: r.choice(geo.LIANGSHAN_YI),
                          "lx": lambda: r.choice(geo.LABOUR_EXPORT),
                          "cqo": lambda: r.choice(geo.CQ_OTHER),
                          "cq": lambda: r.choice(geo.CQ_COVERED),
                          "gz": lambda: r.choice(geo.GUIZHOU),
                          "yn": lambda: r.choice(geo.YUNNAN)}[region]()
            elif kind == "chem":
                region = _wchoice(r, geo.CHEM_SITES)
            elif kind == "metal":
                region = _wchoice(r, geo.METAL_SITES)
            elif kind == "baijiu":
                region = _wchoice(r, geo.BAIJIU_SITES)
            else:
                region = r.choices(pop, weights=pop_w)[0]
            core = _core(r, used, region)
            cs = geo.county_short(region) if region in geo.COUNTY_NAME else ""
            city = geo.CITIES[region[:4]][1] if region[:4] in geo.CITIES else ""
            unit = None
            if kind == "coal":
                name = pick(r, [f"{cs}{core}煤业有限责任公司", f"{city}{core}矿业有限公司",
                                f"四川{core}煤业有限公司"] if region.startswith("51") else
                            [f"重庆市{cs}区{core}煤业有限公司", f"重庆{core}矿业有限公司"])
                unit = f"{core}煤矿"
                short = unit
            elif kind == "noncoal":
                name = pick(r, [f"{cs}{core}矿业有限公司", f"四川{core}矿业有限责任公司",
                                f"{city}{core}钒钛矿业有限公司"])
                unit = pick(r, [f"{core}铅锌矿", f"{core}铜矿", f"{core}铁矿", f"{core}锂矿"])
                short = f"{core}矿业"
            elif kind == "quarry":
                name = pick(r, [f"{cs}{core}石材有限公司", f"{cs}{core}建材有限公司"])
                unit = pick(r, [f"{core}采石场", f"{core}石灰石矿", f"{core}页岩砖厂采石场"])
                short = unit
            elif kind == "contractor":
                style = r.random()
                if style < 0.45:
                    o = _ORDINALS[len([e for e in ents if e.kind == "contractor"]) % len(_ORDINALS)]
                    name, short = f"中铁{o}局集团有限公司", f"中铁{o}局"
                elif style < 0.75:
                    o = _HYDRO_ORD[len([e for e in ents if e.kind == "contractor"]) % len(_HYDRO_ORD)]
                    name, short = f"中国水利水电第{o}工程局有限公司", f"水电{o}局"
                else:
                    name, short = f"四川{core}路桥建设集团有限公司", f"{core}路桥"
            elif kind == "builder":
                name = pick(r, [f"{city}{core}建设工程有限公司", f"四川{core}建筑工程有限公司",
                                f"{core}建设（四川）有限公司", f"{city}{core}建筑有限责任公司"])
                short = f"{core}建设" if "建设" in name else f"{core}建筑"
            elif kind == "labour":
                nm = geo.COUNTY_NAME.get(region, "")
                name = pick(r, [f"{nm}{core}劳务有限公司", f"{nm}{core}建筑劳务有限公司"])
                if region.startswith("50"):
                    name = "重庆" + name
                short = f"{core}劳务"
            elif kind == "chem":
                name = pick(r, [f"四川{core}化工有限公司", f"{city}{core}天然气化工有限责任公司",
                                f"{cs}{core}燃气有限公司", f"{city}{core}化学工业有限公司"])
                short = f"{core}燃气" if "燃气" in name else f"{core}化工"
            elif kind == "metal":
                name = pick(r, [f"{city}{core}钢铁有限公司", f"四川{core}钒钛有限公司",
                                f"{cs}{core}冶金有限公司"])
                short = f"{core}钢铁" if "钢铁" in name else f"{core}钒钛" if "钒钛" in name \
                    else f"{core}冶金"
            elif kind == "baijiu":
                name = pick(r, [f"{city}{core}酒业有限公司", f"{cs}{core}酒厂有限责任公司"])
                short = f"{core}酒业" if "酒业" in name else f"{core}酒厂"
            elif kind == "factory":
                w = pick(r, ["机械制造", "电子科技", "食品", "新材料", "塑胶制品", "家具",
                             "饲料", "纸业"])
                name = pick(r, [f"{city}{core}{w}有限公司", f"四川{core}{w}有限公司"])
                short = f"{core}{w}"
            elif kind == "transport":
                w = pick(r, ["运输", "物流", "客运", "汽车运输"])
                name = pick(r, [f"{city}{core}{w}有限公司", f"{cs}{core}{w}有限责任公司"])
                short = f"{core}{w}"
            else:
                w = pick(r, ["农业开发", "物业管理", "电力", "水务", "园林绿化"])
                name = f"{city or cs}{core}{w}有限公司"
                short = f"{core}{w}"
            if name in used_names:
                name = name.replace("有限公司", "实业有限公司", 1)
            used_names.add(name)
            uscc = make_uscc(region, r)
            size = float(np.exp(np.log(size_med) + 0.8 * r.gauss(0, 1)))
            in_reg = region in geo.COVERED
            ents.append(Enterprise(
                idx=len(ents), uscc=uscc, name=name, short=short, industry=industry, kind=kind,
                region=region, site=region, high_risk=r.random() < HIGH_RISK_P[kind], size=size,
                enrol=enrol if in_reg else 0.0, in_register=in_reg,
                register_uscc=mistype_uscc(uscc, r) if r.random() < 0.03 else uscc, unit=unit))
    # construction projects: contractors in the western mountains and the cities, builders at home
    west_sites = geo.WEST_PROJECT_SITES
    for e in ents:
        if e.kind == "contractor":
            for _ in range(r.randint(2, 4)):
                if r.random() < 0.75:
                    c = _wchoice(r, west_sites)
                    kind = pick(r, ["highway", "tunnel", "hydro"], [0.45, 0.2, 0.35])
                else:
                    c = r.choices(pop, weights=pop_w)[0]
                    kind = pick(r, ["highway", "building"], [0.5, 0.5])
                projects.append(Project(len(projects), e.idx, _project_name(kind, c, r), c, kind))
                e.projects.append(projects[-1].idx)
        elif e.kind == "builder":
            for _ in range(r.randint(1, 2)):
                c = r.choice([x for x in geo.COVERED if x[:4] == e.region[:4]] or [e.region])
                projects.append(Project(len(projects), e.idx, _project_name("building", c, r),
                                        c, "building"))
                e.projects.append(projects[-1].idx)
    labour = [e for e in ents if e.kind == "labour"]
    west_p = [p for p in projects if p.county in geo.WEST]
    other_p = [p for p in projects if p.county not in geo.WEST]
    for e in labour:
        yi_home = e.region in geo.LIANGSHAN_YI
        for _ in range(r.randint(1, 2)):
            pool = west_p if (yi_home or r.random() < 0.6) and west_p else other_p or west_p
            p = r.choice(pool)
            p.labour.append(e.idx)
            e.site = p.county
    for p in projects:
        if not p.labour and labour:
            e = r.choice(labour)
            p.labour.append(e.idx)
    return ents, projects


def _project_name(kind: str, county: str, r: random.Random) -> str:
    cs = geo.county_short(county)
    if kind == "highway":
        others = [c for c in geo.COVERED if c[:4] == county[:4] and c != county] or [county]
        return f"{cs}至{geo.county_short(r.choice(others))}{pick(r, _HIGHWAY_WORDS)}" \
               f"{pick(r, ['', 'TJ1标', 'TJ2标', 'LJ3标', 'A2合同段', 'SG4标'])}"
    if kind == "tunnel":
        return f"{cs}{r.choice(_C1)}{r.choice(_C2)}{pick(r, _TUNNEL_WORDS)}"
    if kind == "hydro":
        river = r.choice(geo.RIVERS)
        return f"{river}{r.choice(_HYDRO_WORDS)}水电站{pick(r, ['', '大坝', '引水隧洞', '地下厂房'])}"
    return f"{geo.CITIES[county[:4]][1]}{r.choice(_C1)}{r.choice(_C2)}" \
           f"{pick(r, ['花园', '广场', '安置房', '产业园'])}{pick(r, ['一期', '二期', ''])}"


def employer_form(e: Enterprise, style: str, r: random.Random,
                  project: Project | None = None) -> str:
    """An employer's name as one department writes it."""
    if style == "short":
        return e.short if r.random() < 0.8 or not e.unit else e.unit
    if style == "unit" and e.unit:
        return e.name + e.unit if r.random() < 0.7 else e.unit
    if style == "project" and project is not None:
        suf = pick(r, ["项目经理部", "项目部", "工程项目经理部"])
        base = e.name if r.random() < 0.8 else e.short
        return f"{base}{project.name}{suf}"
    if style == "branch":
        c = e.site if e.site in geo.COUNTY_NAME else e.region
        return f"{e.name}{geo.county_short(c) if c in geo.COUNTY_NAME else ''}分公司"
    if style == "variant":
        if "（" in e.name:
            return e.name.replace("（", "(").replace("）", ")")
        if "有限责任公司" in e.name:
            return e.name.replace("有限责任公司", "有限公司")
        if "有限公司" in e.name:
            return e.name.replace("有限公司", "有限责任公司")
        return e.name
    if style == "typo":
        return vary_name(e.name, "han", r)
    return e.name


def uscc_form(e: Enterprise, r: random.Random, p_missing: float, p_typo: float) -> str | None:
    u = r.random()
    if u < p_missing:
        return None
    if u < p_missing + p_typo:
        return mistype_uscc(e.uscc, r)
    return e.uscc

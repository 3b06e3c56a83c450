"""The simulated world: people, enterprises, hospitals and funeral homes."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import ident
from . import names as N
from . import tables as T

EPOCH = np.datetime64("1970-01-01", "D")


def day(s: str) -> int:
    return int((np.datetime64(s, "D") - EPOCH).astype(np.int64))


T0 = day("2023-01-01")          # first day of the observed year
T1 = day("2024-01-01")          # first day after it
EXTRACT = day("2024-06-30")     # the day the exports were pulled

COUNTY_CODES = np.array([int(c) for c, _, _ in T.COUNTIES], dtype=np.int64)
COUNTY_NAMES = {int(c): n for c, n, _ in T.COUNTIES}
COUNTY_W = np.array([w for _, _, w in T.COUNTIES])
COUNTY_P = COUNTY_W / COUNTY_W.sum()
OUT_CODES = np.array([int(c) for c, _, _ in T.OUT_PROVINCE], dtype=np.int64)
OUT_P = np.array([w for _, _, w in T.OUT_PROVINCE]) / sum(w for _, _, w in T.OUT_PROVINCE)
URBAN = {int(c) for c, n, _ in T.COUNTIES if n.endswith("区")}


def city_of(code: int) -> int:
    return code // 100


def county_label(code: int) -> str:
    return T.CITIES[str(code // 100)] + COUNTY_NAMES[code]


@dataclass
class People:
    """Column store of simulated persons; grown in batches, then finalised once."""

    n: int = 0
    F: np.ndarray = field(default_factory=lambda: np.zeros(1024, bool))
    B: np.ndarray = field(default_factory=lambda: np.zeros(1024, np.int64))
    H: np.ndarray = field(default_factory=lambda: np.zeros(1024, np.int64))
    R: np.ndarray = field(default_factory=lambda: np.zeros(1024, np.int64))
    # filled by finalise()
    c0: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    c1: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    c2: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    ids: np.ndarray = field(default_factory=lambda: np.zeros((0, 18), np.uint8))
    dup: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    same_surname: list[tuple[int, int]] = field(default_factory=list)

    def add(self, female: np.ndarray, birth: np.ndarray, hukou: np.ndarray,
            residence: np.ndarray) -> np.ndarray:
        k = int(female.shape[0])
        if self.n + k > self.F.shape[0]:
            cap = max(self.n + k, 2 * self.F.shape[0])
            for attr in ("F", "B", "H", "R"):
                old = getattr(self, attr)
                new = np.zeros(cap, dtype=old.dtype)
                new[: self.n] = old[: self.n]
                setattr(self, attr, new)
        sl = slice(self.n, self.n + k)
        self.F[sl] = female
        self.B[sl] = birth
        self.H[sl] = hukou
        self.R[sl] = residence
        out = np.arange(self.n, self.n + k, dtype=np.int64)
        self.n += k
        return out

    def finalise(self, rng: np.random.Generator, dup_rate: float) -> None:
        n = self.n
        self.F, self.B, self.H, self.R = self.F[:n], self.B[:n], self.H[:n], self.R[:n]
        by = ident.ymd(self.B)[0]
        self.c0, self.c1, self.c2 = N.sample_names(rng, self.F, by)
        for rel, head in self.same_surname:  # relatives share the surname
            self.c0[rel] = self.c0[head]
        # the region part of the ID: where the number was issued
        idreg = self.H.copy()
        shanxi = self.H // 10000 == 14
        u = rng.random(n)
        old_cities = list(T.OLD_ID_REGIONS)
        for c in old_cities:
            m = np.flatnonzero(shanxi & (int(c) == self.H // 100) & (by < 1995) & (u < 0.3))
            opts = np.array([int(x) for x in T.OLD_ID_REGIONS[c]])
            idreg[m] = opts[rng.integers(0, opts.size, m.size)]
        moved = np.flatnonzero(shanxi & (u > 0.92))
        idreg[moved] = COUNTY_CODES[rng.choice(COUNTY_CODES.size, moved.size, p=COUNTY_P)]
        seq = 2 * rng.integers(0, 500, n) + (~self.F).astype(np.int64)
        # unique ID numbers: redraw colliding sequence numbers
        for _ in range(20):
            key = (idreg * 100000 + (self.B + 40000)) * 1000 + seq
            _, first, counts = np.unique(key, return_index=True, return_counts=True)
            dupmask = np.ones(n, bool)
            dupmask[first] = False
            redo = np.flatnonzero(dupmask)
            if redo.size == 0:
                break
            seq[redo] = 2 * rng.integers(0, 500, redo.size) + (~self.F[redo]).astype(np.int64)
            del counts
        # register errors: a few persons carry the number of another person of the same sex
        self.dup = np.zeros(n, bool)
        k = round(float(n * dup_rate))
        if k:
            a = rng.choice(n, k, replace=False)
            b = rng.choice(n, k, replace=False)
            ok = (a != b) & (self.F[a] == self.F[b])
            a, b = a[ok], b[ok]
            _, keep = np.unique(b, return_index=True)
            a, b = a[keep], b[keep]
            keep2 = ~np.isin(b, a)
            a, b = a[keep2], b[keep2]
            idreg[b], self.B[b], seq[b] = idreg[a], self.B[a], seq[a]
            self.dup[a] = True
            self.dup[b] = True
        self.ids = ident.make_ids(idreg, self.B, seq)


@dataclass
class Enterprise:
    name: str
    uscc: str | None
    industry: str
    region: int
    high_risk: bool
    in_register: bool
    workforce: float
    variants: list[str]
    core: str


def _ent_name(rng: np.random.Generator, industry: str, region: int, core: str) -> tuple[str, str]:
    kind = T.ENT_KIND[industry][int(rng.integers(0, len(T.ENT_KIND[industry])))]
    suf_names = [s for s, _ in T.ENT_SUFFIX]
    suf_p = np.array([p for _, p in T.ENT_SUFFIX])
    suffix = suf_names[int(rng.choice(len(suf_names), p=suf_p / suf_p.sum()))]
    county = COUNTY_NAMES[region]
    city = T.CITIES[str(region // 100)]
    r = rng.random()
    if industry == "coal_mining" and r < 0.45:
        grp = T.COAL_GROUPS[int(rng.integers(0, len(T.COAL_GROUPS)))]
        return f"{grp}{core}煤业{suffix if suffix != '厂' else '有限公司'}", f"{core}煤矿"
    if r < 0.35:
        prefix = "山西"
    elif r < 0.55:
        prefix = "山西省"
    elif r < 0.75:
        prefix = city
    elif r < 0.9:
        prefix = county.rstrip("区县市") if len(county) > 2 else county
    else:
        prefix = city + county
    if suffix == "厂":
        return f"{prefix}{core}{kind}厂", f"{core}{kind}厂"
    return f"{prefix}{core}{kind}{suffix}", f"{core}{kind}"


def _variants(name: str, short: str, rng: np.random.Generator, industry: str) -> list[str]:
    """How the same employer is written elsewhere: legal name, short forms, typos."""
    v = [name]
    if name.startswith("山西省"):
        v.append("山西" + name[3:])
    elif name.startswith("山西"):
        v.append("山西省" + name[2:])
    else:
        v.append(name.replace("有限责任公司", "有限公司") if "有限责任公司" in name
                 else name.replace("有限公司", "有限责任公司"))
    v.append(short)
    v.append(name.replace("有限公司", "").replace("有限责任公司", "").replace("股份", "")
             or short)
    # a one-character slip or a bracketed branch
    chars = list(name)
    if len(chars) > 6:
        i = int(rng.integers(2, len(chars) - 4))
        del chars[i]
    v.append("".join(chars))
    v.append(name + ("（项目部）" if industry == "construction" else "第一分公司"))
    return v


# variant probabilities by source (legal, province-prefix swap, short, no suffix, slip, branch)
VARIANT_P = {
    "accidents": [0.8, 0.05, 0.05, 0.05, 0.02, 0.03],
    "injury_claims": [0.75, 0.06, 0.06, 0.06, 0.04, 0.03],
    "medical_records": [0.35, 0.05, 0.4, 0.12, 0.05, 0.03],
    "employment": [0.93, 0.03, 0.0, 0.01, 0.02, 0.01],
}


def build_enterprises(rng: np.random.Generator, n: int) -> list[Enterprise]:
    inds = list(T.REGISTER_MIX)
    shares = np.array([T.REGISTER_MIX[i][0] for i in inds])
    counts = np.floor(shares / shares.sum() * n).astype(int)
    counts = np.maximum(counts, 2)
    out: list[Enterprise] = []
    used: set[str] = set()
    cores = T.ENT_CORES
    for ind, cnt in zip(inds, counts, strict=True):
        w = COUNTY_W.copy()
        for code in T.INDUSTRY_HOTSPOTS.get(ind, []):
            w[int(code) == COUNTY_CODES] *= 8.0
        if ind in T.INDUSTRY_HOTSPOTS:
            w[~np.isin(COUNTY_CODES, [int(c) for c in T.INDUSTRY_HOTSPOTS[ind]])] *= 0.15
        regions = COUNTY_CODES[rng.choice(COUNTY_CODES.size, int(cnt), p=w / w.sum())]
        mean_wf = T.REGISTER_MIX[ind][1]
        sizes = rng.lognormal(np.log(mean_wf) - 0.5, 1.0, int(cnt))
        for reg, size in zip(regions.tolist(), sizes.tolist(), strict=True):
            for _ in range(50):
                core = cores[int(rng.integers(0, len(cores)))]
                if rng.random() < 0.5:
                    core = core + cores[int(rng.integers(0, len(cores)))][:1]
                name, short = _ent_name(rng, ind, reg, core)
                if name not in used:
                    break
            used.add(name)
            usc_region = str(reg) if rng.random() < 0.7 else str(reg // 100) + "00"
            uscc = ident.make_uscc(usc_region, rng)
            if rng.random() < 0.04:
                uscc = ident.break_uscc_check(uscc, rng)
            hr = (ind in T.HIGH_RISK_INDUSTRIES and rng.random() < 0.92) or (
                ind not in T.HIGH_RISK_INDUSTRIES and rng.random() < 0.05)
            out.append(Enterprise(name, uscc, ind, reg, bool(hr), True, size,
                                  _variants(name, short, rng, ind), core))
    return out


def add_unregistered(rng: np.random.Generator, ents: list[Enterprise], industry: str,
                     region: int) -> int:
    """An illegal or unlicensed operation (no USCC, not in the register)."""
    core = T.ENT_CORES[int(rng.integers(0, len(T.ENT_CORES)))]
    town = COUNTY_NAMES[region].rstrip("区县市")
    if industry in ("coal_mining", "non_coal_mining"):
        name = f"{town}{core}村{'小煤窑' if industry == 'coal_mining' else '采石场'}"
    elif industry == "construction":
        name = f"{core}施工队"
    else:
        name = f"{town}{core}加工厂"
    ents.append(Enterprise(name, None, industry, region, False, False, 10.0,
                           [name, name, name, name, name, name], core))
    return len(ents) - 1


@dataclass
class Facility:
    name: str
    region: int
    level: str  # county, city, provincial, mining, funeral


def build_hospitals() -> list[Facility]:
    out: list[Facility] = []
    for code, cname in T.CITIES.items():
        main = int(code) * 100 + 2 if code != "1401" else 140105
        cands = [c for c in COUNTY_CODES.tolist() if c // 100 == int(code)]
        rc = main if main in cands else cands[0]
        out.append(Facility(f"{cname}人民医院", rc, "city"))
        out.append(Facility(f"{cname}第二人民医院", rc, "city"))
        out.append(Facility(f"{cname}中心医院", cands[min(1, len(cands) - 1)], "city"))
    for code, name, _ in T.COUNTIES:
        c = int(code)
        label = name if name not in ("城区", "矿区", "郊区") else T.CITIES[code[:4]] + name
        out.append(Facility(f"{label}人民医院", c, "county"))
        if c % 3 == 0:
            out.append(Facility(f"{label}中医医院", c, "county"))
    for name, code in T.PROVINCIAL_HOSPITALS:
        out.append(Facility(name, int(code), "provincial"))
    for name, code in T.MINING_HOSPITALS:
        out.append(Facility(name, int(code), "mining"))
    return out


def build_funeral_homes() -> list[Facility]:
    out: list[Facility] = []
    for code, cname in T.CITIES.items():
        cands = [c for c in COUNTY_CODES.tolist() if c // 100 == int(code)]
        out.append(Facility(f"{cname}殡仪馆", cands[0], "city"))
    out.append(Facility("太原市东山殡仪馆", 140107, "city"))
    for code, name, w in T.COUNTIES:
        if not name.endswith("区") and w >= 0.8:
            out.append(Facility(f"{name}殡仪馆" if int(code) % 2 else f"{name}殡仪服务中心",
                                int(code), "county"))
    return out

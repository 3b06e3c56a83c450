"""The simulated province: regions, hospitals, funeral homes, people, enterprises."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np
import numpy.typing as npt
import polars as pl

from . import idcodes
from .refdata import (
    CITIES,
    COUNTIES,
    FORMS,
    GIVEN_FEMALE,
    GIVEN_MALE,
    INDUSTRIES,
    INDUSTRY_PROFILE,
    INDUSTRY_WORDS,
    MINING_HOSPITALS,
    OUT_OF_PROVINCE,
    PROVINCIAL_HOSPITALS,
    SURNAMES_TAIL,
    SURNAMES_TOP,
    TRADE_CHARS,
)

PERIOD_START = date(2025, 1, 1)
PERIOD_END = date(2025, 12, 31)
EXTRACT = date(2026, 3, 31)
REF = date(2025, 7, 1)
PERIOD_DAYS = (PERIOD_END - PERIOD_START).days + 1

PERSON_SCHEMA = {
    "person_id": pl.Utf8, "name": pl.Utf8, "sex": pl.Utf8, "birth": pl.Date,
    "id18": pl.Utf8, "reg_region": pl.Utf8,
}


def county_label(code: str) -> str:
    name = COUNTIES[code]
    if name in ("城区", "郊区", "矿区"):
        return CITIES[code[:4]][0] + "市" + name
    return name


def city_of(code: str) -> str:
    return code[:4]


@dataclass
class Places:
    counties: list[str]
    county_w: npt.NDArray[np.float64]
    coal_w: npt.NDArray[np.float64]
    county_hosp: dict[str, list[str]]
    city_hosp: dict[str, list[str]]
    prov_hosp: list[str]
    hosp_region: dict[str, str]
    city_fh: dict[str, list[str]]
    fh_region: dict[str, str]


def build_places(rng: np.random.Generator) -> Places:
    counties = sorted(COUNTIES)
    per_city: dict[str, int] = {}
    for c in counties:
        per_city[c[:4]] = per_city.get(c[:4], 0) + 1
    cw = np.array([CITIES[c[:4]][1] / per_city[c[:4]] for c in counties])
    coal = np.array([CITIES[c[:4]][2] * (0.3 if COUNTIES[c].endswith("区") and c[:4] == "1401" else 1.0)
                     for c in counties])
    county_hosp: dict[str, list[str]] = {}
    city_hosp: dict[str, list[str]] = {}
    hosp_region: dict[str, str] = {}
    for c in counties:
        lab = county_label(c)
        names = [f"{lab}人民医院"]
        if rng.random() < 0.6:
            names.append(f"{lab}中医医院")
        county_hosp[c] = names
        for n in names:
            hosp_region[n] = c
    city_fh: dict[str, list[str]] = {}
    fh_region: dict[str, str] = {}
    for city, (cname, _, _) in CITIES.items():
        first = min(c for c in counties if c[:4] == city)
        names = [f"{cname}市第一人民医院", f"{cname}市中心医院", f"{cname}市第三人民医院"]
        city_hosp[city] = names
        for n in names:
            hosp_region[n] = first
        fhs = [f"{cname}市殡仪馆"]
        fh_region[fhs[0]] = first
        for c in counties:
            if c[:4] == city and c != first and rng.random() < 0.45:
                n = f"{county_label(c)}{'殡仪馆' if rng.random() < 0.7 else '殡仪服务中心'}"
                fhs.append(n)
                fh_region[n] = c
        city_fh[city] = fhs
    for n, r in MINING_HOSPITALS:
        city_hosp[r[:4]].append(n)
        hosp_region[n] = r
    prov = [n for n, _ in PROVINCIAL_HOSPITALS]
    for n, r in PROVINCIAL_HOSPITALS:
        hosp_region[n] = r
    return Places(counties, cw / cw.sum(), (cw * coal) / (cw * coal).sum(), county_hosp,
                  city_hosp, prov, hosp_region, city_fh, fh_region)


@dataclass
class Population:
    rng: np.random.Generator
    places: Places
    frames: list[pl.DataFrame] = field(default_factory=list)
    n: int = 0
    sur_p: npt.NDArray[np.float64] = field(init=False)
    surnames: list[str] = field(init=False)

    def __post_init__(self) -> None:
        top = [s for s, _ in SURNAMES_TOP]
        w = np.array([p for _, p in SURNAMES_TOP])
        w = w / w.sum() * 0.86
        tail = list(dict.fromkeys(SURNAMES_TAIL))
        tw = 1.0 / np.arange(1, len(tail) + 1) ** 0.6
        tw = tw / tw.sum() * 0.14
        self.surnames = top + tail
        p = np.concatenate([w, tw])
        self.sur_p = p / p.sum()

    def shanxi_counties(self, n: int, weights: npt.NDArray[np.float64] | None = None) -> npt.NDArray[np.str_]:
        w = self.places.county_w if weights is None else weights
        idx = self.rng.choice(len(self.places.counties), size=n, p=w)
        return np.array(self.places.counties, dtype="U6")[idx]

    def names(self, male: npt.NDArray[np.bool_], birth_year: npt.NDArray[np.int64]) -> list[str]:
        rng = self.rng
        n = len(male)
        sur = rng.choice(len(self.surnames), size=n, p=self.sur_p)
        single = rng.random(n) < np.where((birth_year > 1975) & (birth_year < 2000), 0.35, 0.15)
        gm = rng.integers(0, len(GIVEN_MALE), size=(n, 2))
        gf = rng.integers(0, len(GIVEN_FEMALE), size=(n, 2))
        cross = rng.random((n, 2)) < 0.12
        out: list[str] = []
        for k in range(n):
            chars = []
            for j in range(1 if single[k] else 2):
                use_m = bool(male[k]) != bool(cross[k, j])
                chars.append(GIVEN_MALE[gm[k, j]] if use_m else GIVEN_FEMALE[gf[k, j]])
            if len(chars) == 2 and chars[0] == chars[1] and rng.random() < 0.7:
                chars = chars[:1]
            out.append(self.surnames[sur[k]] + "".join(chars))
        return out

    def make(self, ages: npt.NDArray[np.float64], male: npt.NDArray[np.bool_],
             id_region: npt.NDArray[np.str_], moved_share: float = 0.15) -> pl.DataFrame:
        """New persons with the given ages at REF, sexes and ID region codes."""
        rng = self.rng
        n = len(ages)
        if n == 0:
            return pl.DataFrame(schema=PERSON_SCHEMA)
        ref = np.datetime64(REF.isoformat(), "D")
        days = np.round(np.asarray(ages) * 365.25 + rng.uniform(0, 365, n)).astype("timedelta64[D]")
        birth = ref - days
        ymd = np.char.replace(np.datetime_as_string(birth, unit="D"), "-", "")
        seq = rng.integers(0, 500, n) * 2 + np.where(male, 1, 0)
        seq_s = np.char.zfill(seq.astype("U3"), 3)
        region = np.asarray(id_region, dtype="U6")
        bodies = np.char.add(np.char.add(region, ymd), seq_s)
        checks = idcodes.id_check_chars(bodies)
        ids = [b + c for b, c in zip(bodies.tolist(), checks, strict=True)]
        years = birth.astype("datetime64[Y]").astype(np.int64) + 1970
        names = self.names(np.asarray(male), years)
        reg = region.copy()
        moved = (rng.random(n) < moved_share) & np.char.startswith(region, "14")
        if moved.any():
            reg[moved] = self.shanxi_counties(int(moved.sum()))
        pids = [f"P{self.n + k:08d}" for k in range(n)]
        self.n += n
        df = pl.DataFrame({
            "person_id": pids, "name": names, "sex": np.where(male, "M", "F").tolist(),
            "birth": birth.astype("datetime64[D]"), "id18": ids, "reg_region": reg.tolist(),
        }, schema=PERSON_SCHEMA)
        self.frames.append(df)
        return df

    def all(self) -> pl.DataFrame:
        df = pl.concat(self.frames)
        # resolve the (rare) duplicate ID numbers drawn by chance: new sequence numbers
        later = ~df["id18"].is_first_distinct()
        if later.any():
            idx = np.flatnonzero(later.to_numpy())
            ids = df["id18"].to_list()
            taken = set(ids)
            for i in idx:
                old = ids[i]
                seq = int(old[14:17])
                while True:
                    seq = (seq + 2) % 1000
                    body = old[:14] + f"{seq:03d}"
                    new = body + idcodes.id_check_char(body)
                    if new not in taken:
                        break
                taken.add(new)
                ids[i] = new
            df = df.with_columns(pl.Series("id18", ids))
        return df


def birth_region(pop: Population, n: int, migrant_share: float,
                 near_city: str | None = None) -> npt.NDArray[np.str_]:
    rng = pop.rng
    reg = pop.shanxi_counties(n)
    if near_city is not None:
        local = rng.random(n) < 0.6
        cands = [c for c in pop.places.counties if c[:4] == near_city]
        if local.any():
            reg[local] = np.array(cands, dtype="U6")[rng.integers(0, len(cands), int(local.sum()))]
    mig = rng.random(n) < migrant_share
    if mig.any():
        reg[mig] = np.array(OUT_OF_PROVINCE, dtype="U6")[rng.integers(0, len(OUT_OF_PROVINCE), int(mig.sum()))]
    return reg


@dataclass
class Enterprises:
    df: pl.DataFrame  # uscc, name, industry, region_code, high_risk, size, registered_uscc
    by_industry: dict[str, npt.NDArray[np.int64]]


def build_enterprises(rng: np.random.Generator, places: Places, n: int) -> Enterprises:
    shares = np.array([INDUSTRY_PROFILE[i][0] for i in INDUSTRIES])
    ind_idx = rng.choice(len(INDUSTRIES), size=n, p=shares / shares.sum())
    names: list[str] = []
    usccs: list[str] = []
    regions: list[str] = []
    inds: list[str] = []
    sizes: list[float] = []
    high: list[bool] = []
    used_names: set[str] = set()
    for k in range(n):
        ind = INDUSTRIES[int(ind_idx[k])]
        w = places.coal_w if ind in ("coal_mining", "non_coal_mining", "metallurgy", "hazardous_chemicals") else places.county_w
        region = places.counties[int(rng.choice(len(places.counties), p=w))]
        city_name = CITIES[region[:4]][0]
        while True:
            trade = "".join(TRADE_CHARS[int(i)] for i in rng.integers(0, len(TRADE_CHARS), 2))
            word = INDUSTRY_WORDS[ind][int(rng.integers(0, len(INDUSTRY_WORDS[ind])))]
            pr = rng.random()
            if pr < 0.2:
                prefix = "山西"
            elif pr < 0.6:
                prefix = city_name + "市"
            elif pr < 0.9:
                prefix = county_label(region).rstrip("区县市") if not county_label(region).endswith("城区") else city_name + "市"
            else:
                prefix = ""
            if word == "煤矿":
                name = f"{prefix}{trade}煤矿"
            else:
                form = FORMS[int(rng.choice(len(FORMS), p=[0.6, 0.25, 0.07, 0.08]))]
                name = f"{prefix}{trade}{word}{form}"
            if name not in used_names:
                break
        used_names.add(name)
        names.append(name)
        usccs.append(idcodes.make_uscc(rng, region, new_style=rng.random() < 0.7))
        regions.append(region)
        inds.append(ind)
        mean = INDUSTRY_PROFILE[ind][1]
        sizes.append(float(rng.lognormal(np.log(mean) - 0.5, 1.0)))
        always = INDUSTRY_PROFILE[ind][3]
        high.append(always or (ind == "construction" and rng.random() < 0.3) or rng.random() < 0.03)
    # a few register codes fail the check (as some real ones do)
    reg_codes = [idcodes.mistype_uscc(rng, u) if rng.random() < 0.003 else u for u in usccs]
    df = pl.DataFrame({
        "uscc": usccs, "registered_uscc": reg_codes, "name": names, "industry": inds,
        "region_code": regions, "high_risk": high, "size": sizes,
    })
    by_ind = {i: np.flatnonzero(np.array(inds) == i) for i in INDUSTRIES}
    return Enterprises(df, by_ind)


def rand_day(rng: np.random.Generator, n: int, winter: float = 0.0) -> npt.NDArray[np.int64]:
    """Day offsets in the period; `winter` > 0 puts more mass in Dec–Feb."""
    if winter == 0.0:
        return rng.integers(0, PERIOD_DAYS, n)
    d = np.arange(PERIOD_DAYS)
    w = 1.0 + winter * np.cos(2 * np.pi * (d - 15) / 365.0)
    return rng.choice(PERIOD_DAYS, size=n, p=w / w.sum())


def day(offset: int) -> date:
    return PERIOD_START + timedelta(days=int(offset))


def at_time(d: date, hour: float) -> datetime:
    h = min(max(hour, 0.0), 23.99)
    return datetime(d.year, d.month, d.day, int(h), int((h % 1) * 60), int(((h * 60) % 1) * 60))


def weighted(rng: np.random.Generator, items: list[tuple[str | None, float]]) -> str | None:
    w = np.array([p for _, p in items])
    return items[int(rng.choice(len(items), p=w / w.sum()))][0]

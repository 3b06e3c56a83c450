"""The synthetic province: one simulated year of Shanxi, every contract source plus truth.

``generate(config) -> Dataset`` simulates people, enterprises, employment, deaths, injuries,
work-injury claims and workplace incidents (reported, under-reported, concealed), derives
the departments' clean records from them, then passes each source through
:mod:`synthetic_data.noise`. ``write_dataset(dataset, out_dir, parquet=False)`` writes
``<source>.csv|parquet`` and ``truth/`` as the data contract says.

Everything is vectorised with numpy/polars except a loop over incidents (hundreds).
Dates are handled as int day numbers since 1970-01-01 until the records are formatted.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl

from pipelines.contract import SOURCES
from synthetic_data import catalog as cat
from synthetic_data.config import GeneratorConfig
from synthetic_data.ids import make_id_numbers, make_usccs
from synthetic_data.names import sample_names
from synthetic_data.noise import apply_noise, format_source
from synthetic_data.regions import COAL_COUNTIES, COUNTIES, OLD_CODES, OUTSIDE_CODES

log = logging.getLogger(__name__)

EPOCH = date(1970, 1, 1)
# a null for np.where (numpy's stubs do not accept a bare None there; the result is the same
# object array)
_NULL = np.array(None, dtype=object)


def _day(d: date) -> int:
    return (d - EPOCH).days


def _choice(rng: np.random.Generator, items: Sequence[str | None] | np.ndarray, size: int,
            p: np.ndarray | list[float] | None = None) -> np.ndarray:
    arr = np.asarray(items)
    if p is not None:
        p = np.asarray(p, dtype=float)
        p = p / p.sum()
    return arr[rng.choice(len(arr), size=size, p=p)]


def _str(name: str, values: np.ndarray | list) -> pl.Series:
    """A String series from a numpy unicode or object array (None → null)."""
    arr = np.asarray(values)
    if arr.dtype == object:
        return pl.Series(name, arr.tolist(), dtype=pl.String)
    return pl.Series(name, arr, dtype=pl.String)


def _dates(days: np.ndarray) -> pl.Series:
    return pl.Series(np.asarray(days, dtype=np.int32)).cast(pl.Date)


@dataclass
class Dataset:
    """Clean-then-noised sources and the truth tables."""

    sources: dict[str, pl.DataFrame]
    truth: dict[str, pl.DataFrame]
    config: GeneratorConfig
    stats: dict[str, int] = field(default_factory=dict)


class _Sim:
    """Holds the random state and the growing world while one dataset is simulated."""

    def __init__(self, cfg: GeneratorConfig) -> None:
        self.cfg = cfg
        self.b = cfg.behaviour
        self.rng = np.random.default_rng(cfg.seed)
        self.y0 = _day(date(cfg.year, 1, 1))
        self.y1 = _day(date(cfg.year, 12, 31))
        self.ref = _day(date(cfg.year, 7, 1))
        self.cut = _day(date.fromisoformat(cfg.extracted_on))
        self.counties = COUNTIES
        self.county_codes = COUNTIES["region_code"].to_numpy()
        self.county_names = COUNTIES["name"].to_numpy()
        self.county_city = COUNTIES["city_code"].to_numpy()
        self.county_w = COUNTIES["weight"].to_numpy()
        self.county_district = COUNTIES["district"].to_numpy()
        self.person_frames: list[pl.DataFrame] = []
        self.n_persons = 0

    # ------------------------------------------------------------------ places
    def random_counties(self, n: int) -> np.ndarray:
        return self.rng.choice(len(self.county_codes), size=n, p=self.county_w)

    def other_city_county(self, county_idx: np.ndarray) -> np.ndarray:
        """A county in a different city from each given county."""
        out = self.random_counties(len(county_idx))
        same = self.county_city[out] == self.county_city[county_idx]
        while same.any():
            out[same] = self.random_counties(int(same.sum()))
            same = self.county_city[out] == self.county_city[county_idx]
        return out

    def build_facilities(self) -> None:
        """Hospitals (county, city, province level) and funeral homes."""
        rows = []
        for i, name in enumerate(self.county_names):
            rows.append((f"{name}人民医院" if not name.endswith("区") else
                         f"{COUNTIES['city_name'][i]}{name}人民医院", i, "county"))
            if not self.county_district[i]:
                rows.append((f"{name}中医医院", i, "county"))
        first_district: dict[str, int] = {}
        for i, city_code in enumerate(self.county_city):
            first_district.setdefault(city_code, i)
        self.city_seat = first_district
        for i in first_district.values():
            cname = COUNTIES["city_name"][i]
            rows.append((f"{cname}第一人民医院", i, "city"))
            rows.append((f"{cname}中心医院", i, "city"))
        for hname in ["山西省人民医院", "山西医科大学第一医院", "山西医科大学第二医院", "山西白求恩医院"]:
            rows.append((hname, 0, "province"))
        self.hospitals = pl.DataFrame(rows, schema=["hospital", "county", "level"], orient="row")
        self.h_county = self.hospitals["county"].to_numpy()
        self.h_level = self.hospitals["level"].to_numpy()
        self.h_name = self.hospitals["hospital"].to_numpy()
        self.county_hosp = [np.flatnonzero((self.h_county == i) & (self.h_level == "county"))
                            for i in range(len(self.county_codes))]
        self.city_hosp = {c: np.flatnonzero((self.h_level == "city")
                                            & (self.county_city[self.h_county] == c))
                          for c in first_district}
        self.prov_hosp = np.flatnonzero(self.h_level == "province")
        # funeral homes: one per county; districts share the city's
        fh = []
        for i, name in enumerate(self.county_names):
            if self.county_district[i]:
                seat = first_district[self.county_city[i]]
                fh.append((f"{COUNTIES['city_name'][seat]}殡仪馆", seat))
            else:
                fh.append((f"{name}殡仪馆", i))
        self.funeral_name = np.array([f[0] for f in fh])
        self.funeral_county = np.array([f[1] for f in fh])

    def pick_hospitals(self, county_idx: np.ndarray, p_city: float = 0.22,
                       p_prov: float = 0.05) -> np.ndarray:
        """A hospital for each encounter near the given county (index into hospitals)."""
        n = len(county_idx)
        u = self.rng.random(n)
        out = np.empty(n, dtype=np.int64)
        r = self.rng.random(n)
        for i in np.unique(county_idx):
            m = county_idx == i
            ch = self.county_hosp[i]
            out[m] = ch[(r[m] * len(ch)).astype(int)]
        city = u < p_city + p_prov
        for c, idxs in self.city_hosp.items():
            m = city & (self.county_city[county_idx] == c)
            out[m] = idxs[(r[m] * len(idxs)).astype(int)]
        prov = u < p_prov
        out[prov] = self.prov_hosp[(r[prov] * len(self.prov_hosp)).astype(int)]
        return out

    # ----------------------------------------------------------------- people
    def add_people(self, ages: np.ndarray, male: np.ndarray, hukou: np.ndarray,
                   outside: np.ndarray | None = None) -> np.ndarray:
        """Register new people; returns their person indices.

        ``hukou`` is the Shanxi county where they live; ``outside`` marks migrants whose
        household registration (and ID region) is in another province.
        """
        n = len(ages)
        rng = self.rng
        birth = (self.ref - ages * 365.25 + rng.uniform(-182, 182, n)).astype(np.int64)
        start = self.n_persons
        self.person_frames.append(pl.DataFrame({
            "pidx": np.arange(start, start + n, dtype=np.int64),
            "male": male.astype(bool),
            "birth": birth,
            "hukou": hukou.astype(np.int64),
            "outside": np.zeros(n, dtype=bool) if outside is None else outside.astype(bool),
        }))
        self.n_persons += n
        return np.arange(start, start + n, dtype=np.int64)

    def finish_people(self) -> None:
        """Names and unique, valid ID numbers for everyone registered."""
        rng = self.rng
        p = pl.concat(self.person_frames)
        n = p.height
        male = p["male"].to_numpy()
        birth = p["birth"].to_numpy()
        hukou = p["hukou"].to_numpy()
        birth_dates = _dates(birth)
        byear = birth_dates.dt.year().to_numpy()
        byear = byear.astype(np.int64)
        ymd = (byear * 10000 + birth_dates.dt.month().to_numpy().astype(np.int64) * 100
               + birth_dates.dt.day().to_numpy().astype(np.int64))
        # ID region: registration county, sometimes another (born elsewhere) or a pre-reform code
        id_county = np.where(rng.random(n) < 0.12, self.random_counties(n), hukou)
        id_region = self.county_codes[id_county].astype(np.int64)
        old = rng.random(n)
        for new, olds in OLD_CODES.items():
            m = (id_region == int(new)) & (byear < 2016) & (old < 0.85)
            if m.any():
                id_region[m] = np.array(olds, dtype=np.int64)[rng.integers(0, len(olds), int(m.sum()))]
        outside = p["outside"].to_numpy()
        codes_out = np.array(OUTSIDE_CODES, dtype=np.int64)
        id_region[outside] = codes_out[rng.integers(0, len(codes_out), int(outside.sum()))]
        seq = np.where(male, 2 * rng.integers(0, 500, n) + 1, 2 * rng.integers(0, 499, n) + 2)
        key = id_region * 10**11 + ymd * 1000 + seq
        for _ in range(50):
            _, first = np.unique(key, return_index=True)
            dup = np.ones(n, dtype=bool)
            dup[first] = False
            if not dup.any():
                break
            k = int(dup.sum())
            seq[dup] = np.where(male[dup], 2 * rng.integers(0, 500, k) + 1,
                                2 * rng.integers(0, 499, k) + 2)
            key = id_region * 10**11 + ymd * 1000 + seq
        ids = make_id_numbers(id_region, ymd, seq)
        names = sample_names(rng, male, byear)
        self.people = p.with_columns(
            pl.Series("name", names),
            ids,
            pl.Series("sex", np.where(male, "M", "F")),
            birth_dates.alias("birth_date"),
            pl.Series("region_code", self.county_codes[hukou]),
            pl.format("P{}", pl.col("pidx").cast(pl.String).str.zfill(8)).alias("person_id"),
        ).sort("pidx")

    def ages(self, n: int, kind: str) -> np.ndarray:
        rng = self.rng
        if kind == "worker":
            return np.clip(rng.normal(40, 10.5, n), 18, 60)
        if kind == "informal":
            return np.clip(rng.normal(45, 9, n), 20, 62)
        if kind == "natural":
            u = rng.random(n)
            return np.where(u < 0.75, np.clip(rng.normal(80, 8, n), 60, 103),
                            np.where(u < 0.96, np.clip(rng.normal(57, 8, n), 30, 75),
                                     rng.uniform(0, 40, n)))
        if kind in ("fall", "fall_home"):
            u = rng.random(n)
            return np.where(u < 0.55, np.clip(rng.normal(78, 9, n), 60, 100), rng.uniform(2, 70, n))
        if kind == "traffic":
            return np.clip(rng.normal(45, 16, n), 3, 90)
        if kind == "drowning":
            return np.clip(rng.normal(30, 18, n), 3, 85)
        # general injuries
        u = rng.random(n)
        return np.where(u < 0.12, rng.uniform(1, 15, n),
                        np.where(u < 0.8, rng.uniform(15, 65, n), rng.uniform(65, 95, n)))

    def year_days(self, n: int, winter: float = 0.0) -> np.ndarray:
        """Days of the simulated year, with an optional winter excess (natural deaths)."""
        days = np.arange(self.y0, self.y1 + 1)
        doy = days - self.y0
        w = 1.0 + winter * np.cos(2 * np.pi * (doy - 15) / 365.0)
        return self.rng.choice(days, size=n, p=w / w.sum())

    # ------------------------------------------------------------ enterprises
    def build_enterprises(self) -> None:
        rng = self.rng
        n = self.cfg.n(self.cfg.enterprises_per_year, 60)
        inds = list(cat.INDUSTRY_SHARE)
        industry = _choice(rng, inds, n, list(cat.INDUSTRY_SHARE.values()))
        # make sure each industry exists even at tiny scales
        industry[: len(inds)] = inds
        county = self.random_counties(n)
        coal = np.isin(self.county_codes[county], list(COAL_COUNTIES))
        # move coal mines to coal counties
        cm = (industry == "coal_mining") & ~coal
        coal_idx = np.flatnonzero(np.isin(self.county_codes, list(COAL_COUNTIES)))
        county[cm] = rng.choice(coal_idx, size=int(cm.sum()))
        mean = np.array([cat.INDUSTRY_SIZE[i] for i in industry])
        size = mean * rng.lognormal(-0.5, 1.0, n)
        brands = np.char.add(_choice(rng, cat.BRAND_CHARS, n), _choice(rng, cat.BRAND_CHARS, n))
        words = np.array([cat.INDUSTRY_WORDS[i][k % len(cat.INDUSTRY_WORDS[i])]
                          for i, k in zip(industry, rng.integers(0, 12, n), strict=True)])
        form = _choice(rng, cat.LEGAL_FORMS, n)
        u = rng.random(n)
        prefix = np.where(u < 0.55, self.county_names[county],
                          np.where(u < 0.8, "山西", COUNTIES["city_name"].to_numpy()[county]))
        name = np.char.add(np.char.add(np.char.add(prefix, brands), words), form)
        # unique names: re-draw the brand of duplicates
        for _ in range(20):
            _, first = np.unique(name, return_index=True)
            dup = np.ones(n, dtype=bool)
            dup[first] = False
            if not dup.any():
                break
            k = int(dup.sum())
            brands[dup] = np.char.add(_choice(rng, cat.BRAND_CHARS, k), _choice(rng, cat.BRAND_CHARS, k))
            name = np.char.add(np.char.add(np.char.add(prefix, brands), words), form)
        uscc = make_usccs(rng, self.county_codes[county].astype(np.int64))
        high = np.isin(industry, ["coal_mining", "non_coal_mining", "hazardous_chemicals",
                                  "fireworks", "metallurgy", "construction"])
        high_risk = high & (rng.random(n) < 0.85) | (~high & (rng.random(n) < 0.03))
        self.ent = pl.DataFrame({
            "eidx": np.arange(n), "uscc": uscc, "name": name, "industry": industry,
            "county": county, "region_code": self.county_codes[county], "high_risk": high_risk,
            "size": size, "short_name": np.char.add(brands, words), "brand": brands,
        })
        self.ent_industry = industry
        self.ent_county = county
        self.ent_size = size

    # ---------------------------------------------------------------- workers
    def build_workers(self) -> None:
        rng = self.rng
        n = self.cfg.n(self.cfg.workers_per_year, 200)
        w = self.ent_size / self.ent_size.sum()
        ent = rng.choice(len(w), size=n, p=w)
        male = rng.random(n) < np.array([cat.MALE_SHARE[i] for i in self.ent_industry])[ent]
        hukou = np.where(rng.random(n) < 0.7, self.ent_county[ent], self.random_counties(n))
        migrant_p = np.where(np.isin(self.ent_industry[ent], ["coal_mining", "non_coal_mining",
                                                              "construction"]), 0.15, 0.04)
        pidx = self.add_people(self.ages(n, "worker"), male, hukou, rng.random(n) < migrant_p)
        self.n_workers = n
        self.worker_pidx = pidx
        self.worker_ent = ent
        self.worker_used = np.zeros(n, dtype=bool)
        order = np.argsort(ent, kind="stable")
        self.w_order = order
        self.w_start = np.searchsorted(ent[order], np.arange(len(w)))
        self.w_end = np.searchsorted(ent[order], np.arange(len(w)), side="right")

    def take_workers(self, n: int) -> np.ndarray:
        """``n`` random unused workers (indices into the worker arrays), marked used."""
        free = np.flatnonzero(~self.worker_used)
        n = min(n, len(free))
        pick = self.rng.choice(free, size=n, replace=False)
        self.worker_used[pick] = True
        return pick

    # -------------------------------------------------------------- incidents
    def build_incidents(self) -> None:
        """Workplace incidents and their victims (loop over incidents: hundreds)."""
        rng, icfg = self.rng, self.cfg.incidents
        n_rep, n_under, n_conc = icfg.counts(self.cfg.scale)
        kinds = ["reported"] * n_rep + ["under_reported"] * n_under + ["concealed"] * n_conc
        kinds = [kinds[i] for i in rng.permutation(len(kinds))]
        inc_rows: list[dict] = []
        vic_rows: list[dict] = []
        mech_p = np.array(icfg.under_mechanism)
        for k, kind in enumerate(kinds):
            ind_p = cat.INCIDENT_INDUSTRY[kind]
            industry = str(_choice(rng, list(ind_p), 1, list(ind_p.values()))[0])
            cand = np.flatnonzero(self.ent_industry == industry)
            ew = np.sqrt(self.ent_size[cand])
            eidx = int(rng.choice(cand, p=ew / ew.sum()))
            at_p = cat.ACCIDENT_TYPE_BY_INDUSTRY[industry]
            atype = str(_choice(rng, list(at_p), 1, list(at_p.values()))[0])
            day = int(rng.integers(self.y0, self.y1 + 1))
            hour = int(rng.choice(24, p=_HOUR_P))
            minute = int(rng.integers(0, 60))
            window = 7 if (atype == "fire" or (atype == "vehicle" and industry == "transport")) else 30
            big = atype in ("gas_explosion", "explosion", "flooding", "collapse")
            mechanism = None
            # outcomes: list of (outcome, reported_outcome, death offset days)
            vics: list[tuple[str, str | None, int]] = []
            n_ser = int(rng.poisson(1.2 if big else 0.6))
            n_min = int(rng.poisson(1.0 if big else 0.7))
            if kind == "reported":
                d = int(rng.choice([0, 1, 2, 3, 4, 5, 7], p=[.12, .62, .14, .05, .03, .02, .02]))
                if big and rng.random() < 0.3:
                    d = int(rng.integers(3, 12))
                for _ in range(d):
                    late = rng.random() < 0.05
                    vics.append(("death", "death", int(rng.integers(1, window)) if late else 0))
                if d == 0:
                    n_ser = max(n_ser, 1)
            elif kind == "concealed":
                d = int(rng.choice([1, 2, 3, 4, 5, 6], p=[.58, .2, .1, .06, .04, .02]))
                vics += [("death", None, 0)] * d
            else:
                mechanism = ["grade_line", "late_death", "omitted"][int(rng.choice(3, p=mech_p))]
                if mechanism == "grade_line":
                    true_d = int(rng.integers(3, 9)) if rng.random() < 0.85 else int(rng.integers(10, 15))
                    rep_d = 2 if true_d < 10 else 9
                    vics += [("death", "death", 0)] * rep_d
                    vics += [("death", None, 0)] * (true_d - rep_d)
                elif mechanism == "late_death":
                    rep_d = int(rng.choice([0, 1, 2], p=[.35, .45, .2]))
                    vics += [("death", "death", 0)] * rep_d
                    for _ in range(int(rng.choice([1, 2], p=[.75, .25]))):
                        vics.append(("death", "serious_injury", int(rng.integers(1, window))))
                else:
                    true_d = int(rng.integers(2, 6))
                    omit = 1 if true_d < 4 else int(rng.integers(1, 3))
                    vics += [("death", "death", 0)] * (true_d - omit)
                    vics += [("death", None, 0)] * omit
            named_p = 0.0 if kind == "concealed" else 1.0
            for _ in range(n_ser):
                vics.append(("serious_injury", "serious_injury" if rng.random() < 0.95 * named_p
                             else None, -1))
            for _ in range(n_min):
                vics.append(("minor_injury", "minor_injury" if rng.random() < 0.75 * named_p
                             else None, -1))
            informal_share = icfg.informal_share_concealed if kind == "concealed" else (
                icfg.informal_share_reported)
            if industry in ("construction", "non_coal_mining"):
                informal_share = min(0.9, informal_share * 1.6)
            formal = rng.random(len(vics)) >= informal_share
            # formal victims are workers of the enterprise not used yet
            s, e = self.w_start[eidx], self.w_end[eidx]
            pool = self.w_order[s:e]
            pool = pool[~self.worker_used[pool]]
            nf = min(int(formal.sum()), len(pool))
            chosen = rng.choice(pool, size=nf, replace=False) if nf else np.array([], dtype=np.int64)
            self.worker_used[chosen] = True
            fi = np.flatnonzero(formal)
            formal[fi[nf:]] = False
            inc_id = f"I{k + 1:05d}"
            inc_rows.append({"incident_id": inc_id, "kind": kind, "eidx": eidx, "industry": industry,
                             "accident_type": atype, "day": day, "hour": hour, "minute": minute,
                             "mechanism": mechanism, "window": window})
            ci = 0
            for j, (outcome, rep, off) in enumerate(vics):
                widx = int(chosen[ci]) if formal[j] else -1
                if formal[j]:
                    ci += 1
                vic_rows.append({"incident_id": inc_id, "outcome": outcome, "reported_outcome": rep,
                                 "death_offset": off, "widx": widx, "kind": kind, "eidx": eidx,
                                 "day": day, "accident_type": atype, "industry": industry})
        self.incidents = pl.DataFrame(inc_rows)
        # casualties of one incident mostly go to one nearby hospital
        main_h = self.pick_hospitals(self.ent_county[self.incidents["eidx"].to_numpy()], p_city=0.3,
                                     p_prov=0.02)
        self.incidents = self.incidents.with_columns(pl.Series("main_hosp", main_h))
        vic = pl.DataFrame(vic_rows, schema_overrides={"reported_outcome": pl.String})
        # informal victims are new people (not in employment)
        informal = vic["widx"].to_numpy() < 0
        n_inf = int(informal.sum())
        inf_pidx = self.add_people(self.ages(n_inf, "informal"), rng.random(n_inf) < 0.93,
                                   np.where(rng.random(n_inf) < 0.6,
                                            self.ent_county[vic["eidx"].to_numpy()[informal]],
                                            self.random_counties(n_inf)),
                                   rng.random(n_inf) < 0.3)
        pidx = np.full(vic.height, -1, dtype=np.int64)
        pidx[informal] = inf_pidx
        pidx[~informal] = self.worker_pidx[vic["widx"].to_numpy()[~informal]]
        self.victims = vic.with_columns(pl.Series("pidx", pidx), pl.Series("formal", ~informal))

    # ------------------------------------------------------------------ deaths
    def build_deaths(self) -> None:
        """Natural and non-occupational deaths (the hard negatives) plus incident deaths."""
        rng, b = self.rng, self.b
        n_inc_deaths = int((self.victims["outcome"] == "death").sum())
        n = max(10, self.cfg.n(self.cfg.deaths_per_year) - n_inc_deaths)
        subs = _choice(rng, ["natural", "sudden", "traffic", "fall", "drowning", "co"], n,
                       [0.905, 0.03, 0.028, 0.018, 0.006, 0.013])
        ages = np.empty(n)
        for s, kind in [("natural", "natural"), ("sudden", "worker"), ("traffic", "traffic"),
                        ("fall", "fall"), ("drowning", "drowning"), ("co", "general")]:
            m = subs == s
            ages[m] = self.ages(int(m.sum()), kind)
        sudden = subs == "sudden"
        ages[sudden] = np.clip(rng.normal(52, 10, int(sudden.sum())), 25, 75)
        # some working-age deaths are of enrolled workers (natural deaths of miners included)
        work_age = ages < 60
        p_worker = np.where(subs == "traffic", b.worker_share_traffic,
                            np.where(np.isin(subs, ["natural", "sudden"]),
                                     b.worker_share_natural_working_age, 0.25))
        is_worker = work_age & (ages >= 18) & (rng.random(n) < p_worker)
        widx = self.take_workers(int(is_worker.sum()))
        is_worker[np.flatnonzero(is_worker)[len(widx):]] = False
        pidx = np.full(n, -1, dtype=np.int64)
        pidx[is_worker] = self.worker_pidx[widx]
        fresh = ~is_worker
        male_p = np.select([subs == "traffic", subs == "drowning", subs == "sudden"],
                           [0.74, 0.7, 0.7], 0.55)
        pidx[fresh] = self.add_people(ages[fresh], rng.random(int(fresh.sum())) < male_p[fresh],
                                      self.random_counties(int(fresh.sum())))
        day = np.where(np.isin(subs, ["natural", "sudden"]), self.year_days(n, 0.25),
                       self.year_days(n))
        co = subs == "co"
        day[co] = self.year_days(int(co.sum()), 0.9)  # coal-stove poisoning is a winter death
        eidx = np.full(n, -1, dtype=np.int64)
        eidx[is_worker] = self.worker_ent[widx]
        # hard negatives shaped like incidents: a family poisoned by a coal stove, several dead
        # in one road crash — same day, same place, not at work
        grp = np.full(n, -1, dtype=np.int64)
        for s, share, sizes in (("co", 0.35, [2, 2, 3]), ("traffic", 0.15, [2, 2, 3, 4])):
            idx = np.flatnonzero(subs == s)
            idx = idx[rng.permutation(len(idx))]
            k = int(len(idx) * share)
            if k < 2:
                continue
            members = idx[:k]
            size = rng.choice(sizes, size=k)
            size = size[: int(np.searchsorted(np.cumsum(size), k)) + 1]
            g = np.repeat(np.arange(len(size)), size)[:k]
            starts = np.cumsum(size) - size
            leader = members[starts[g]]
            grp[members] = leader
            day[members] = day[leader]
        bg = pl.DataFrame({
            "pidx": pidx, "death_day": day, "sub": subs,
            "death_class": np.where(np.isin(subs, ["natural", "sudden"]), "natural",
                                    "non_occupational"),
            "worker": is_worker, "eidx": eidx, "grp": grp,
        }).with_columns(
            pl.lit(None, pl.String).alias("incident_id"), pl.lit(None, pl.String).alias("kind"),
            pl.lit(None, pl.String).alias("accident_type"), pl.lit(0, pl.Int64).alias("offset"),
            pl.lit(True).alias("formal"),
        )
        iv = self.victims.filter(pl.col("outcome") == "death")
        inc = iv.select(
            "pidx", (pl.col("day") + pl.col("death_offset")).alias("death_day"),
            pl.lit("incident").alias("sub"), pl.lit("incident").alias("death_class"),
            pl.col("formal").alias("worker"), "eidx", "incident_id", "kind", "accident_type",
            pl.col("death_offset").alias("offset"), "formal", pl.lit(-1, pl.Int64).alias("grp"),
        )
        self.deaths = pl.concat([bg, inc.select(bg.columns)], how="vertical_relaxed")

    # --------------------------------------------------------------- injuries
    def build_injuries(self) -> None:
        """Background injury encounters (persons chosen now, records later)."""
        rng = self.rng
        n = self.cfg.n(self.cfg.injury_encounters_per_year * 0.92, 50)  # + transfers ≈ 1.5 M
        cats = list(cat.INJURY_CATEGORIES)
        share = [cat.INJURY_CATEGORIES[c][0] for c in cats]
        category = _choice(rng, cats, n, share)
        ages = np.empty(n)
        for c in cats:
            m = category == c
            ages[m] = self.ages(int(m.sum()), "fall_home" if c == "fall_home" else "general")
        work = category == "work"
        # work injuries happen to workers; a quarter of other injuries too (off duty)
        off_duty = (~work) & (ages >= 18) & (ages < 60) & (rng.random(n) < 0.25)
        want = work | off_duty
        alive = np.flatnonzero(~self.worker_used)
        pick = rng.choice(alive, size=int(want.sum()), replace=len(alive) < int(want.sum()))
        pidx = np.full(n, -1, dtype=np.int64)
        pidx[want] = self.worker_pidx[pick]
        eidx = np.full(n, -1, dtype=np.int64)
        eidx[want] = self.worker_ent[pick]
        fresh = ~want
        male_p = np.where(np.isin(category, ["traffic", "assault", "sport"]), 0.65, 0.52)
        pidx[fresh] = self.add_people(ages[fresh], rng.random(int(fresh.sum())) < male_p[fresh],
                                      self.random_counties(int(fresh.sum())))
        winter = np.isin(category, ["co_home"])
        day = self.year_days(n)
        day[winter] = self.year_days(int(winter.sum()), 0.95)
        self.bg_injuries = pl.DataFrame({"pidx": pidx, "day": day, "category": category,
                                         "eidx": eidx, "work": work})

    # ---------------------------------------------------------------- records
    def person_cols(self, frame: pl.DataFrame) -> pl.DataFrame:
        return frame.join(self.people.select("pidx", "person_id", "name", "id_number", "sex",
                                             "birth_date", "region_code", "hukou", "outside"),
                          on="pidx", how="left", maintain_order="left")

    def _age_at(self, birth: pl.Expr, day: pl.Expr) -> pl.Expr:
        return ((day.cast(pl.Int64) - birth.cast(pl.Int32).cast(pl.Int64)) / 365.25).floor().cast(pl.Int64)

    def make_death_records(self) -> None:
        rng, b = self.rng, self.b
        d = self.person_cols(self.deaths)
        n = d.height
        sub = d["sub"].to_numpy()
        kind = d["kind"].fill_null("").to_numpy()
        conc = kind == "concealed"
        incident = sub == "incident"
        hukou = d["hukou"].to_numpy()
        eidx = d["eidx"].to_numpy()
        # where the death happened: home county; incidents at the enterprise; bodies moved
        place = hukou.copy()
        place[incident] = self.ent_county[eidx[incident]]
        moved = conc & (rng.random(n) < b.body_moved_concealed)
        place[moved] = self.random_counties(int(moved.sum()))
        # in hospital?
        p_hosp = np.select(
            [sub == "natural", sub == "sudden", sub == "traffic", sub == "fall",
             sub == "drowning", sub == "co", incident & ~conc, conc],
            [b.hospital_death_natural, 0.3, b.hospital_death_traffic, b.hospital_death_fall,
             0.2, 0.3, b.hospital_death_incident, b.hospital_death_concealed], 0.3)
        offset = d["offset"].to_numpy()
        in_hosp = (rng.random(n) < p_hosp) | (incident & (offset > 0))  # late deaths die in hospital
        grp = d["grp"].to_numpy()
        in_grp = grp >= 0
        place[in_grp] = place[grp[in_grp]]
        hosp = self.pick_hospitals(place)
        hosp[in_grp] = hosp[grp[in_grp]]
        main_h = d.join(self.incidents.select("incident_id", "main_hosp"), on="incident_id",
                        how="left", maintain_order="left")["main_hosp"].fill_null(-1).to_numpy()
        same = incident & ~moved & (main_h >= 0) & (rng.random(n) < 0.75)
        hosp = np.where(same, main_h, hosp)
        death_day = d["death_day"].to_numpy()
        # falsified cause (concealed), shared by the certificate and the registration
        falsified = conc & (rng.random(n) < b.cause_falsified_concealed)
        cause_key = np.where(incident, "incident", sub)
        cause_key = np.where(falsified, "falsified", cause_key)
        cause = np.empty(n, dtype=object)
        for key, texts in cat.DEATH_CAUSE_TEXT.items():
            m = cause_key == key
            if m.any():
                cause[m] = _choice(rng, texts, int(m.sum()))
        at = d["accident_type"].fill_null("").to_numpy()
        specific = incident & ~falsified & (rng.random(n) < 0.35)
        for t, zh in cat.ACCIDENT_TYPE_ZH.items():
            m = specific & (at == t)
            cause[m] = zh
        reg = d["region_code"].to_numpy().copy()
        family = in_grp & (sub == "co")            # one household: one registration county
        reg[family] = reg[grp[family]]
        base = d.select("person_id", "name", "id_number", "sex", "birth_date").with_columns(
            pl.Series("region_code", reg), _dates(death_day).alias("death_date"),
        ).select("person_id", "name", "id_number", "sex", "birth_date", "region_code", "death_date")
        # --- deregistrations
        p_dereg = np.where(incident, b.dereg_incident, b.dereg_natural)
        lag = np.ceil(rng.lognormal(np.log(18), 0.9, n)).astype(np.int64)
        dereg_day = death_day + lag
        outside = d["outside"].to_numpy()
        # migrants' registrations are cancelled in their home province, not in this export
        has = (rng.random(n) < p_dereg) & (dereg_day <= self.cut) & ~outside
        declared = rng.random(n) < 0.003
        dereg = base.with_columns(
            _dates(dereg_day).alias("deregistered_on"),
            pl.Series("reason", np.where(declared, "declared_dead", "death")),
            _str("death_cause", np.where(rng.random(n) < 0.6, cause, _NULL)),
        ).with_columns(
            pl.when(pl.col("reason") == "declared_dead").then(None).otherwise(pl.col(c)).alias(c)
            for c in ("death_date", "death_cause")
        ).filter(pl.Series(has)).sort("deregistered_on", "person_id")
        # --- cremations
        district = self.county_district[hukou]
        p_crem = np.where(district, b.cremation_district, b.cremation_county)
        p_crem = np.where(conc, b.cremation_concealed, p_crem)
        cremated = (rng.random(n) < p_crem) & ~(outside & (rng.random(n) < 0.5))  # taken home
        delay = rng.choice([1, 2, 3, 4, 5, 7], size=n, p=[.08, .17, .45, .15, .08, .07])
        reported_inc = incident & ~conc
        delay = np.where(reported_inc, delay + rng.integers(0, 6, n), delay)
        fast = conc & (rng.random(n) < b.fast_cremation_concealed)
        delay = np.where(fast, rng.choice([0, 1, 2], size=n, p=[.2, .5, .3]), delay)
        crem_day = death_day + delay
        far = np.where(conc, rng.random(n) < b.far_cremation_concealed, rng.random(n) < 0.02)
        fh_idx = np.where(far, self.other_city_county(place), place)
        fh_county = self.funeral_county[fh_idx]
        # certificate issuer
        cert = np.where(in_hosp, "hospital",
                        np.where(np.isin(sub, ["traffic", "drowning"]), "police",
                                 np.where(incident, "police", "community")))
        u = rng.random(n)
        cert = np.where(~in_hosp & (sub == "natural") & (u < 0.12), "other", cert)
        not_hosp = conc & (rng.random(n) < b.cert_not_hospital_concealed)
        cert = np.where(not_hosp, _choice(rng, ["community", "other", "police", "community"], n), cert)
        cert = np.where(rng.random(n) < 0.03, _NULL, cert)
        origin = np.where(in_hosp, self.h_name[hosp], "家中")
        village = np.char.add(self.county_names[place], _choice(rng, cat.VILLAGES, n))
        origin = np.where(~in_hosp & np.isin(sub, ["traffic", "drowning"]), village, origin)
        ent_names = self.ent["name"].to_numpy()
        origin = np.where(~in_hosp & reported_inc, np.where(rng.random(n) < 0.5, "事故现场",
                                                             ent_names[np.maximum(eidx, 0)]), origin)
        origin = np.where(~in_hosp & conc, _choice(rng, ["家中", "家中", "其他", "外地"], n), origin)
        origin = np.where(moved & ~in_hosp, village, origin)
        origin = np.where(rng.random(n) < 0.08, _NULL, origin)
        crem = base.with_columns(
            self._age_at(pl.col("birth_date"), pl.col("death_date").cast(pl.Int32)).alias("age"),
            _dates(crem_day).alias("cremated_on"),
            pl.Series("funeral_home", self.funeral_name[fh_idx]),
            pl.Series("region_code", self.county_codes[fh_county]),
            _str("death_cause", np.where(rng.random(n) < 0.85, cause, _NULL)),
            _str("certificate_issuer", cert),
            _str("body_origin", origin),
        ).filter(pl.Series(cremated & (crem_day <= self.cut))).sort("cremated_on", "person_id")
        # --- hospital deaths
        sub_icd = np.where(incident, "incident", sub)
        diag = np.empty(n, dtype=object)
        ext = np.full(n, None, dtype=object)
        for s, (dx, ex) in cat.DEATH_ICD.items():
            m = sub_icd == s
            if m.any():
                diag[m] = _choice(rng, dx, int(m.sum()))
                if ex:
                    ext[m] = _choice(rng, ex, int(m.sum()))
        for t, (fatal, _nonfatal, ex) in cat.ACCIDENT_ICD.items():
            m = incident & (at == t)
            if m.any():
                diag[m] = _choice(rng, fatal, int(m.sum()))
                ext[m] = _choice(rng, ex, int(m.sum()))
        disguised = conc & (rng.random(n) < b.disguised_external_cause)
        ext[disguised] = _choice(rng, ["V23.4", "V29.9", None, "X59.9"], int(disguised.sum()))
        los = np.where(np.isin(sub, ["natural"]), np.ceil(rng.lognormal(np.log(6), 0.9, n)), 0)
        los = np.where(incident, offset, los).astype(np.int64)
        adm_day = death_day - los
        adm_min = rng.integers(0, 24 * 60, n)
        dis_min = np.where(los == 0, adm_min + rng.integers(20, 400, n), rng.integers(0, 24 * 60, n))
        payer = np.where(np.isin(sub, ["natural", "sudden", "fall", "co", "drowning"]),
                         _choice(rng, ["resident_insurance", "employee_insurance", "self_pay"], n,
                                 [.6, .3, .1]),
                         _choice(rng, ["self_pay", "commercial", "resident_insurance"], n, [.6, .2, .2]))
        wi = incident & (rng.random(n) < np.where(conc, 0.05, 0.35))
        payer = np.where(wi, "work_injury_insurance", payer)
        payer = np.where(incident & ~wi, _choice(rng, ["self_pay", "employee_insurance", "other"], n),
                         payer)
        emp = np.where((eidx >= 0) & (rng.random(n) < np.where(conc, 0.1, np.where(incident, 0.3, 0.02))),
                       ent_names[np.maximum(eidx, 0)], _NULL)
        med = base.with_columns(
            self._age_at(pl.col("birth_date"), pl.lit(pl.Series(adm_day))).alias("age"),
            pl.Series("hospital", self.h_name[hosp]),
            pl.Series("region_code", self.county_codes[self.h_county[hosp]]),
            _datetimes(adm_day, adm_min).alias("admitted_at"),
            _datetimes(death_day, dis_min).alias("discharged_at"),
            _str("diagnosis_icd10", diag),
            _str("external_cause_icd10", ext),
            pl.lit("died").alias("disposition"),
            _str("payer", payer),
            _str("employer_name", emp),
        ).filter(pl.Series(in_hosp & (adm_day <= self.cut)))
        self.dereg = dereg.drop("death_date_right", strict=False)
        self.crem = crem
        self.med_deaths = med
        self.deaths_full = d.with_columns(pl.Series("in_hosp", in_hosp), pl.Series("place", place))

    def make_injury_records(self) -> None:
        """Medical encounters for background injuries and non-fatal incident victims."""
        rng = self.rng
        bg = self.bg_injuries
        n = bg.height
        category = bg["category"].to_numpy()
        diag = np.empty(n, dtype=object)
        ext = np.empty(n, dtype=object)
        for c, (_s, dx_codes, ex_codes) in cat.INJURY_CATEGORIES.items():
            m = category == c
            if m.any():
                diag[m] = _choice(rng, dx_codes, int(m.sum()))
                ext[m] = _choice(rng, ex_codes, int(m.sum()))
        serious_p = np.where(category == "work", 0.10, 0.06)
        bg = bg.with_columns(_str("diag", diag),
                             _str("ext", ext),
                             pl.Series("serious", rng.random(n) < serious_p),
                             pl.lit(False).alias("incident"), pl.lit(None, pl.String).alias("kind"),
                             pl.lit(None, pl.String).alias("incident_id"))
        # non-fatal incident victims: seriously injured are admitted; minor often seen
        iv = self.victims.filter(pl.col("outcome") != "death")
        m_i = iv.height
        at = iv["accident_type"].to_numpy()
        dx = np.empty(m_i, dtype=object)
        ex = np.empty(m_i, dtype=object)
        for t, (_f, nonfatal, e) in cat.ACCIDENT_ICD.items():
            m = at == t
            if m.any():
                dx[m] = _choice(rng, nonfatal, int(m.sum()))
                ex[m] = _choice(rng, e, int(m.sum()))
        serious = (iv["outcome"] == "serious_injury").to_numpy()
        seen = rng.random(m_i) < np.where(serious, 0.95, 0.6)
        inc = iv.select("pidx", "day", pl.lit("incident").alias("category"), "eidx",
                        pl.lit(True).alias("work"), "kind", "incident_id").with_columns(
            _str("diag", dx), _str("ext", ex),
            pl.Series("serious", serious), pl.lit(True).alias("incident"),
        ).filter(pl.Series(seen))
        enc = pl.concat([bg, inc.select(bg.columns)], how="vertical_relaxed")
        n = enc.height
        enc = self.person_cols(enc)
        hukou = enc["hukou"].to_numpy()
        eidx = enc["eidx"].to_numpy()
        work = enc["work"].to_numpy()
        near = np.where(work & (eidx >= 0), self.ent_county[np.maximum(eidx, 0)], hukou)
        hosp = self.pick_hospitals(near)
        main_h = enc.join(self.incidents.select("incident_id", "main_hosp"), on="incident_id",
                          how="left", maintain_order="left")["main_hosp"].fill_null(-1).to_numpy()
        hosp = np.where((main_h >= 0) & (rng.random(n) < 0.75), main_h, hosp)
        serious = enc["serious"].to_numpy()
        los = np.where(rng.random(n) < 0.45, 0, np.ceil(rng.lognormal(np.log(5), 0.8, n)))
        los = np.where(serious, np.maximum(los, rng.integers(14, 45, n)), los).astype(np.int64)
        disp = _choice(rng, ["discharged", "transferred", "left_against_advice"], n, [.89, .06, .05])
        disp = np.where(serious & (rng.random(n) < 0.15), "transferred", disp)
        day = enc["day"].to_numpy()
        adm_min = rng.integers(0, 24 * 60, n)
        dis_min = np.where(los == 0, adm_min + rng.integers(30, 600, n), rng.integers(0, 24 * 60, n))
        kind = enc["kind"].fill_null("").to_numpy()
        p_wi = np.where(kind == "concealed", 0.05, np.where(work, 0.35, 0.0))
        payer = _choice(rng, ["resident_insurance", "employee_insurance", "self_pay", "commercial",
                              "other"], n, [.45, .25, .18, .07, .05])
        payer = np.where(rng.random(n) < p_wi, "work_injury_insurance", payer)
        payer = np.where(rng.random(n) < 0.05, _NULL, payer)
        ent_names = self.ent["name"].to_numpy()
        p_emp = np.where(kind == "concealed", 0.1, np.where(work, 0.3, 0.03))
        emp = np.where((eidx >= 0) & (rng.random(n) < p_emp), ent_names[np.maximum(eidx, 0)], _NULL)
        ext_arr = enc["ext"].to_numpy()
        ext_arr = np.where(rng.random(n) < 0.12, _NULL, ext_arr)      # external cause not coded
        med = enc.select("person_id", "name", "id_number", "sex", "birth_date").with_columns(
            self._age_at(pl.col("birth_date"), pl.lit(pl.Series(day))).alias("age"),
            pl.Series("hospital", self.h_name[hosp]),
            pl.Series("region_code", self.county_codes[self.h_county[hosp]]),
            _datetimes(day, adm_min).alias("admitted_at"),
            _datetimes(day + los, dis_min).alias("discharged_at"),
            enc["diag"].alias("diagnosis_icd10"),
            _str("external_cause_icd10", ext_arr),
            pl.Series("disposition", disp),
            _str("payer", payer),
            _str("employer_name", emp),
        )
        # transfers: a follow-up admission at a city or provincial hospital
        tr = np.flatnonzero(disp == "transferred")
        city_h = np.array([self.city_hosp[self.county_city[self.h_county[h]]][0] if
                           self.h_level[h] == "county" else self.prov_hosp[0] for h in hosp[tr]]) \
            if len(tr) else np.array([], dtype=np.int64)
        if len(tr):
            sel = med[tr]
            los2 = np.ceil(rng.lognormal(np.log(10), 0.6, len(tr))).astype(np.int64)
            d2 = day[tr] + los[tr]
            m2 = rng.integers(0, 24 * 60, len(tr))
            follow = sel.with_columns(
                pl.Series("hospital", self.h_name[city_h]),
                pl.Series("region_code", self.county_codes[self.h_county[city_h]]),
                _datetimes(d2, m2).alias("admitted_at"),
                _datetimes(d2 + los2, rng.integers(0, 24 * 60, len(tr))).alias("discharged_at"),
                pl.lit("discharged").alias("disposition"),
            )
            med = pl.concat([med, follow])
        med = med.filter(pl.col("admitted_at").dt.date() <= date.fromisoformat(self.cfg.extracted_on))
        self.med_injuries = med
        self.encounters = enc.with_columns(pl.Series("hosp", hosp))

    def make_claims(self) -> None:
        """Work-injury claims: incident victims, background work injuries, commute / 视同工亡 deaths."""
        rng, b = self.rng, self.b
        ent_names = self.ent["name"].to_numpy()
        # incident victims
        v = self.victims
        kind = v["kind"].to_numpy()
        formal = v["formal"].to_numpy()
        death = (v["outcome"] == "death").to_numpy()
        p = np.where(death, np.where(formal, b.claim_death_formal, b.claim_death_informal),
                     b.claim_injury_incident * np.where(formal, 1.0, 0.4))
        p = np.where(kind == "concealed", p * (1 - b.claim_private_settlement), p)
        take = rng.random(v.height) < p
        vc = v.filter(pl.Series(take)).with_columns(
            (pl.col("day") + pl.col("death_offset").clip(0, None)).alias("injury_day"))
        vout = np.where(vc["outcome"].to_numpy() == "death", "death",
                        np.where(vc["outcome"].to_numpy() == "serious_injury",
                                 _choice(rng, [f"disability_{i}" for i in range(1, 7)], vc.height),
                                 _choice(rng, ["injury", "disability_10", "disability_9",
                                               "disability_8"], vc.height)))
        at = vc["accident_type"].to_numpy()
        desc_v = np.array([f"{cat.WORK_PLACES[i]}作业时发生{cat.ACCIDENT_TYPE_ZH[a]}" for i, a in
                           zip(vc["industry"].to_numpy(), at, strict=True)], dtype=object)
        desc_v = np.where(vout == "death", np.char.add(desc_v.astype(str), "，经抢救无效死亡"),
                          np.char.add(desc_v.astype(str), "受伤"))
        claims_inc = vc.select("pidx", "eidx", "injury_day").with_columns(
            _str("outcome", vout), pl.Series("desc", desc_v),
            pl.Series("lag_scale", np.full(vc.height, 1.0)))
        # deaths recognised as 工亡 without an accident: commute crashes and sudden illness at work
        d = self.deaths.filter(pl.col("worker") & pl.col("sub").is_in(["traffic", "sudden", "natural"]))
        sub = d["sub"].to_numpy()
        pr = np.where(sub == "traffic", b.commute_claim_share,
                      np.where(sub == "sudden", b.sudden_claim_share, b.natural_claim_share))
        dc = d.filter(pl.Series(rng.random(d.height) < pr))
        dsub = dc["sub"].to_numpy()
        claims_dead = dc.select("pidx", "eidx", pl.col("death_day").alias("injury_day")).with_columns(
            pl.lit("death").alias("outcome"),
            pl.Series("desc", np.where(dsub == "traffic", "上下班途中发生非本人主要责任的交通事故死亡",
                                       "工作时间在工作岗位突发疾病经抢救无效死亡"), dtype=pl.String),
            pl.lit(1.0).alias("lag_scale"))
        # background work injuries: most from the work encounters, some without a hospital record
        target = self.cfg.n(self.cfg.claims_per_year) - claims_inc.height - claims_dead.height
        enc = self.encounters.filter(pl.col("work") & ~pl.col("incident") & (pl.col("eidx") >= 0))
        n_from_enc = min(enc.height, int(target * 0.75))
        pick: np.ndarray | list[int] = rng.choice(enc.height, size=n_from_enc, replace=False) if n_from_enc else []
        e = enc[np.sort(np.asarray(pick, dtype=np.int64))].select("pidx", "eidx", pl.col("day").alias("injury_day"))
        n_extra = max(0, target - n_from_enc)
        free = np.flatnonzero(~self.worker_used)
        wk = rng.choice(free, size=min(n_extra, len(free)), replace=False)
        extra = pl.DataFrame({"pidx": self.worker_pidx[wk], "eidx": self.worker_ent[wk],
                              "injury_day": self.year_days(len(wk))})
        bgc = pl.concat([e, extra], how="vertical_relaxed")
        nb = bgc.height
        outc = _choice(rng, ["injury", "disability_10", "disability_9", "disability_8", "disability_7",
                             "disability_6", "disability_5", "disability_4", "disability_3",
                             "disability_2", "disability_1", "rejected", "pending"], nb,
                       [.36, .16, .11, .07, .05, .03, .02, .012, .008, .005, .005, .07, .1])
        ind = self.ent_industry[bgc["eidx"].to_numpy()]
        desc = np.array([f"{cat.WORK_PLACES[i]}工作时" for i in ind], dtype=object)
        desc = np.char.add(desc.astype(str), _choice(rng, ["手部被机器挤伤", "被物体砸伤", "摔倒致骨折",
                                                           "从梯子上摔下", "被割伤", "烫伤", "腰部扭伤",
                                                           "眼部被异物击伤"], nb))
        claims_bg = bgc.with_columns(_str("outcome", outc), pl.Series("desc", desc),
                                     pl.lit(1.0).alias("lag_scale"))
        c = pl.concat([claims_inc, claims_dead, claims_bg], how="vertical_relaxed")
        n = c.height
        lag = np.ceil(rng.lognormal(np.log(24), 0.9, n)).astype(np.int64)
        applied = c["injury_day"].to_numpy() + lag
        decide = applied + rng.integers(15, 75, n)
        outcome = c["outcome"].to_numpy()
        pending = (outcome == "pending") | (decide > self.cut)
        outcome = np.where(pending, "pending", outcome)
        c = self.person_cols(c).with_columns(
            pl.Series("outcome", outcome),
            _dates(applied).alias("applied_on"),
            pl.when(pl.Series(pending)).then(None).otherwise(_dates(decide)).alias("decided_on"),
        )
        eid = c["eidx"].to_numpy()
        claims = c.select(
            "person_id", "name", "id_number", "sex",
            pl.Series("employer_name", ent_names[eid]),
            pl.Series("employer_uscc", self.ent["uscc"].to_numpy()[eid]),
            pl.col("injury_day").cast(pl.Int32).cast(pl.Date).alias("injury_date"),
            "applied_on", "decided_on", "outcome",
            pl.col("desc").alias("injury_description"),
            pl.Series("region_code", self.county_codes[self.ent_county[eid]]),
        ).filter(pl.Series(applied <= self.cut)).sort("applied_on", "person_id")
        self.claims = claims

    def make_accidents(self) -> None:
        """The accident register and the named victims (reported and under-reported incidents)."""
        rng = self.rng
        inc = self.incidents.filter(pl.col("kind") != "concealed")
        v = self.person_cols(self.victims.filter(pl.col("reported_outcome").is_not_null()
                                                 & (pl.col("kind") != "concealed")))
        counts = v.group_by("incident_id").agg(
            (pl.col("reported_outcome") == "death").sum().alias("rd"),
            (pl.col("reported_outcome") == "serious_injury").sum().alias("rs"),
            (pl.col("reported_outcome") == "minor_injury").sum().alias("rm"),
        )
        inc = inc.join(counts, on="incident_id", how="left").with_columns(
            pl.col("rd", "rs", "rm").fill_null(0)).sort("day", "incident_id")
        n = inc.height
        eidx = inc["eidx"].to_numpy()
        county = self.ent_county[eidx]
        codes = self.county_codes[county]
        seq = np.arange(1, n + 1)
        rec = np.array([f"AQ{self.cfg.year}{c}{s:04d}" for c, s in zip(codes, seq, strict=True)])
        delay_min = np.ceil(rng.lognormal(np.log(50), 0.8, n)).astype(np.int64)
        late = (inc["kind"] == "under_reported").to_numpy() & (rng.random(n) < 0.3)
        delay_min = np.where(late, delay_min + rng.integers(600, 4000, n), delay_min)
        occ_min = inc["hour"].to_numpy() * 60 + inc["minute"].to_numpy()
        day = inc["day"].to_numpy()
        rd = inc["rd"].to_numpy()
        loss = np.round(rd * rng.uniform(120, 320, n) + inc["rs"].to_numpy() * rng.uniform(8, 40, n)
                        + rng.uniform(2, 60, n), 1)
        ents = self.ent
        addr = np.char.add(np.char.add(self.county_names[county], _choice(rng, cat.VILLAGES, n)),
                           ents["name"].to_numpy()[eidx])
        addr = np.char.add(addr, np.array([cat.WORK_PLACES[i] for i in inc["industry"].to_numpy()]))
        uscc = np.where(rng.random(n) < 0.9, ents["uscc"].to_numpy()[eidx], _NULL)
        self.accidents = pl.DataFrame({
            "record_id": rec,
            "occurred_at": _datetimes(day, occ_min),
            "reported_at": _datetimes(day, occ_min + delay_min),
            "region_code": codes,
            "address": addr,
            "enterprise_name": ents["name"].to_numpy()[eidx],
            "enterprise_uscc": _str("enterprise_uscc", uscc),
            "industry": inc["industry"],
            "accident_type": inc["accident_type"],
            "reported_deaths": pl.Series(rd, dtype=pl.Int64),
            "reported_serious_injuries": pl.Series(inc["rs"].to_numpy(), dtype=pl.Int64),
            "reported_minor_injuries": pl.Series(inc["rm"].to_numpy(), dtype=pl.Int64),
            "direct_loss_10k_yuan": pl.Series(np.where(rng.random(n) < 0.9, loss, np.nan)).fill_nan(None),
        })
        self.acc_map = pl.DataFrame({"incident_id": inc["incident_id"], "accident_record_id": rec})
        v = v.join(self.acc_map, on="incident_id", how="left").sort("accident_record_id", "person_id")
        self.victim_records = v.select(
            "person_id", pl.col("accident_record_id").alias("accident_id"), "name", "id_number", "sex",
            self._age_at(pl.col("birth_date"), pl.col("day")).alias("age"),
            pl.col("reported_outcome").alias("outcome"),
        )

    def make_employment(self) -> None:
        rng = self.rng
        n = self.n_workers
        ent = self.worker_ent
        birth = self.people["birth"].to_numpy()[self.worker_pidx]
        age_days = self.ref - birth
        tenure = np.minimum(rng.exponential(6 * 365, n), np.maximum(age_days - 18 * 365, 30))
        start = (self.ref - tenure).astype(np.int64)
        end = np.full(n, -1, dtype=np.int64)
        left = rng.random(n) < 0.08
        end[left] = self.year_days(int(left.sum()))
        end = np.where(end >= 0, np.maximum(end, start + 30), end)
        # the dead: the spell ends some weeks after death, or the register is never updated
        dd = self.deaths.filter(pl.col("worker")).select("pidx", "death_day")
        pos = np.searchsorted(self.worker_pidx, dd["pidx"].to_numpy())
        ddays = dd["death_day"].to_numpy()
        upd = rng.random(len(pos)) < 0.6
        end[pos] = np.where(upd, ddays + rng.integers(0, 60, len(pos)), -1)
        # injured incident victims stay employed
        iv = self.victims.filter(pl.col("formal") & (pl.col("outcome") != "death"))
        end[np.searchsorted(self.worker_pidx, iv["pidx"].to_numpy())] = -1
        start = np.minimum(start, np.where(end >= 0, end - 1, start))
        cur = pl.DataFrame({"pidx": self.worker_pidx, "eidx": ent, "start": start, "end": end})
        # previous jobs for some
        prev = rng.random(n) < 0.18
        k = int(prev.sum())
        pe = rng.choice(len(self.ent_size), size=k, p=self.ent_size / self.ent_size.sum())
        pend = start[prev] - rng.integers(10, 400, k)
        pstart = pend - np.ceil(rng.exponential(3 * 365, k)).astype(np.int64) - 30
        adult = birth[prev] + 18 * 366
        pstart = np.maximum(pstart, adult)
        ok = pend > pstart + 30
        prv = pl.DataFrame({"pidx": self.worker_pidx[prev][ok], "eidx": pe[ok], "start": pstart[ok],
                            "end": pend[ok]})
        spells = pl.concat([cur, prv]).sort("start", "pidx")
        spells = spells.join(self.people.select("pidx", "person_id", "id_number", "name"), on="pidx",
                             how="left", maintain_order="left")
        eid = spells["eidx"].to_numpy()
        endv = spells["end"].to_numpy()
        ind = self.ent_industry[eid]
        self.employment = spells.select(
            "person_id", "id_number", "name",
            pl.Series("employer_name", self.ent["name"].to_numpy()[eid]),
            pl.Series("employer_uscc", self.ent["uscc"].to_numpy()[eid]),
            _str("industry", np.where(rng.random(len(eid)) < 0.9, ind, _NULL)),
            pl.col("start").cast(pl.Int32).cast(pl.Date).alias("start_date"),
            pl.when(pl.Series(endv >= 0)).then(pl.Series(np.maximum(endv, 0)).cast(pl.Int32).cast(pl.Date))
            .otherwise(None).alias("end_date"),
        ).filter(pl.col("start_date") <= date.fromisoformat(self.cfg.extracted_on))


_HOUR_P = np.array([2, 2, 2, 2, 2, 2, 3, 4, 6, 7, 7, 6, 4, 5, 6, 7, 7, 6, 4, 3, 3, 2, 2, 2], dtype=float)
_HOUR_P = _HOUR_P / _HOUR_P.sum()


def _datetimes(days: np.ndarray, minutes: np.ndarray) -> pl.Series:
    us = (np.asarray(days, dtype=np.int64) * 86400 + np.asarray(minutes, dtype=np.int64) * 60) * 10**6
    return pl.Series(us).cast(pl.Datetime("us"))


def _truth(sim: _Sim) -> dict[str, pl.DataFrame]:
    inc = sim.incidents.join(sim.acc_map, on="incident_id", how="left", maintain_order="left")
    deaths_by = sim.victims.group_by("incident_id").agg(
        (pl.col("outcome") == "death").sum().cast(pl.Int64).alias("true_deaths"),
        (pl.col("reported_outcome") == "death").sum().cast(pl.Int64).alias("reported_deaths"),
    )
    incidents = inc.join(deaths_by, on="incident_id", how="left", maintain_order="left").select(
        "incident_id", "accident_record_id", "kind", "true_deaths",
        pl.when(pl.col("kind") == "concealed").then(None).otherwise(pl.col("reported_deaths"))
        .alias("reported_deaths"),
        pl.Series("employer_uscc", sim.ent["uscc"].to_numpy()[inc["eidx"].to_numpy()]),
        pl.col("day").cast(pl.Int32).cast(pl.Date).alias("occurred_on"),
    ).sort("incident_id")
    ip = sim.victims.join(sim.people.select("pidx", "person_id"), on="pidx").select(
        "incident_id", "person_id", "outcome", "reported_outcome").sort("incident_id", "person_id")
    deaths = sim.deaths.join(sim.people.select("pidx", "person_id"), on="pidx").select(
        "person_id", "death_class", "incident_id").sort("person_id")
    return {"incidents": incidents, "incident_person": ip, "deaths": deaths}


def generate(cfg: GeneratorConfig) -> Dataset:
    """Simulate one province-year and return its (noised) sources and truth."""
    sim = _Sim(cfg)
    sim.build_facilities()
    sim.build_enterprises()
    sim.build_workers()
    sim.build_incidents()
    sim.build_deaths()
    sim.build_injuries()
    sim.finish_people()
    sim.make_death_records()
    sim.make_injury_records()
    sim.make_claims()
    sim.make_accidents()
    sim.make_employment()
    clean = {
        "accident_victims": sim.victim_records,
        "deregistrations": sim.dereg,
        "cremations": sim.crem,
        "injury_claims": sim.claims,
        "medical_records": pl.concat([_contract_cols("medical_records", sim.med_deaths),
                                      _contract_cols("medical_records", sim.med_injuries)],
                                     how="vertical_relaxed").sort("admitted_at", "person_id"),
        "employment": sim.employment,
    }
    clean = {k: _contract_cols(k, v) for k, v in clean.items()}
    noise_rng = np.random.default_rng([cfg.seed, 1])
    sources: dict[str, pl.DataFrame] = {}
    record_person = []
    ent_names = sim.ent.select("name", "short_name", "brand", "region_code")
    for name, frame in clean.items():
        noisy = apply_noise(name, frame, cfg.noise, noise_rng, ent_names)
        noisy = _assign_record_ids(name, noisy, cfg.year)
        record_person.append(noisy.select(pl.lit(name).alias("source"), "record_id", "person_id"))
        sources[name] = format_source(name, noisy.drop("person_id"), cfg.noise, noise_rng)
    sources["accidents"] = format_source("accidents", sim.accidents, cfg.noise, noise_rng)
    ent = sim.ent.select("uscc", "name", "industry", "region_code", "high_risk").sort("uscc")
    sources["enterprises"] = format_source("enterprises", ent, cfg.noise, noise_rng)
    truth = _truth(sim)
    truth["record_person"] = pl.concat(record_person).sort("source", "record_id")
    stats = {s: f.height for s, f in sources.items()}
    return Dataset(sources=sources, truth=truth, config=cfg, stats=stats)


def _contract_cols(source: str, frame: pl.DataFrame) -> pl.DataFrame:
    """``person_id`` plus the source's contract columns that the frame has, in contract order."""
    cols = [c for c in SOURCES[source].column_names if c in frame.columns]
    return frame.select("person_id", *cols)


_PREFIX = {"accident_victims": "SW", "deregistrations": "ZX", "cremations": "HH",
           "injury_claims": "GS", "medical_records": "ZY", "employment": "SB"}


def _assign_record_ids(source: str, frame: pl.DataFrame, year: int) -> pl.DataFrame:
    """Record ids in file order (duplicates were appended, so they get later numbers)."""
    width = max(7, len(str(frame.height)))
    return frame.with_columns(
        pl.format(f"{_PREFIX[source]}{year}{{}}",
                  pl.int_range(1, frame.height + 1).cast(pl.String).str.zfill(width)).alias("record_id")
    ).select("record_id", pl.exclude("record_id"))


def write_dataset(ds: Dataset, out_dir: str | Path, parquet: bool = False) -> dict[str, Path]:
    """Write every source (CSV UTF-8 or Parquet) and ``truth/*.parquet``."""
    out = Path(out_dir)
    (out / "truth").mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for name, frame in ds.sources.items():
        p = out / f"{name}.{'parquet' if parquet else 'csv'}"
        if parquet:
            frame.write_parquet(p, statistics=False)
        else:
            frame.write_csv(p)
        paths[name] = p
    for name, frame in ds.truth.items():
        p = out / "truth" / f"{name}.parquet"
        frame.write_parquet(p, statistics=False)
        paths[f"truth/{name}"] = p
    return paths

"""The traces events leave in each department's register (before names, IDs and formats).

Every death and injury is given, per source, a chance to appear and the shape it takes
there. The concealment patterns differ exactly here: a moved body surfaces (if at all) in a
far funeral home within a day with no hospital certificate; a private settlement leaves no
claim; a staged crash leaves a road-traffic external cause on a gas-poisoning diagnosis; a
death written up as sudden illness carries 猝死 on the certificate, and so on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

from . import places
from .population import END, END_DAY, START, START_DAY, Enterprises, People, Workers

Weights = Mapping[str | None, float]
Codes = tuple[Sequence[str], Sequence[str | None]]


@dataclass(frozen=True)
class Profile:
    p_dereg: float  # deregistered (if the household is registered in Shanxi)
    dereg_lag: float  # median days from death to cancellation
    dereg_cause: Weights
    p_crem: float  # cremated in Shanxi (if the body is in Shanxi)
    crem_days: Mapping[int, float]  # days from death to cremation
    far: float  # cremated in another city on purpose
    crem_cause: Weights
    issuer: Weights
    p_hosp: float  # died in (or was brought to) a hospital
    p_med: float  # that hospital kept an injury encounter (given p_hosp)
    p_claim: float  # a work-injury death claim (for an enrolled worker)
    family_claim: float  # share of claims filed by the family (months later)


_ILLNESS: dict[str | None, float] = {None: 14, "脑梗死": 12, "脑出血": 9, "心肌梗死": 9, "冠心病": 7,
                     "肺癌": 7, "肝癌": 4, "胃癌": 4, "慢性阻塞性肺疾病": 8, "呼吸衰竭": 6,
                     "心力衰竭": 6, "多器官功能衰竭": 3, "高血压病": 3, "糖尿病": 2, "衰老": 3,
                     "肺部感染": 4, "病故": 6, "猝死": 1}
_WORK_TRAUMA: dict[str | None, float] = {"颅脑损伤": 20, "多发伤": 18, "创伤性休克": 10, "窒息": 10,
                         "一氧化碳中毒": 5, "烧伤": 5, "溺水": 3, "电击伤": 4, "工伤事故": 8,
                         None: 12, "意外死亡": 5}
_NORMAL_DAYS = {1: 8, 2: 22, 3: 45, 4: 15, 5: 6, 7: 4}
_FAST_DAYS = {0: 45, 1: 45, 2: 10}

PROFILES: dict[str, Profile] = {
    # natural deaths
    "natural": Profile(0.87, 25, {None: 55, "病故": 35, "病亡": 4, "疾病": 3, "死亡": 3},
                       0.58, _NORMAL_DAYS, 0.01, _ILLNESS,
                       {"hospital": 55, "community": 38, "other": 4, None: 3}, 0.4, 0, 0, 0),
    "natural_worker": Profile(0.9, 20, {None: 50, "病故": 38, "猝死": 8, "死亡": 4}, 0.62,
                              _NORMAL_DAYS | {1: 12}, 0.01,
                              {"猝死": 12, "心源性猝死": 8, "脑出血": 14, "心肌梗死": 12,
                               "肝癌": 8, "肺癌": 8, "病故": 10, None: 14, "胃癌": 4,
                               "呼吸衰竭": 4, "尘肺病": 2},
                              {"hospital": 55, "community": 38, "other": 5, None: 2},
                              0.55, 0, 0, 0),
    "sudden_at_work": Profile(0.9, 18, {None: 35, "病故": 30, "猝死": 35}, 0.65,
                              _NORMAL_DAYS, 0.0,
                              {"猝死": 30, "心源性猝死": 25, "急性心肌梗死": 25, "脑出血": 20},
                              {"hospital": 85, "community": 15}, 0.9, 0, 0.78, 0.5),
    "occ_disease": Profile(0.9, 25, {None: 40, "病故": 55, "职业病": 5}, 0.55, _NORMAL_DAYS,
                           0.0, {"尘肺病": 40, "矽肺": 15, "尘肺并发肺部感染": 25,
                                 "呼吸衰竭": 20},
                           {"hospital": 70, "community": 30}, 0.6, 0, 0.6, 0.8),
    # non-occupational injury deaths
    "traffic": Profile(0.9, 22, {"交通事故": 45, "意外": 25, None: 30}, 0.62, _NORMAL_DAYS,
                       0.02, {"交通事故": 35, "车祸": 15, "颅脑损伤": 25, "多发伤": 15, None: 10},
                       {"police": 45, "hospital": 50, "other": 5}, 0.55, 0.8, 0, 0),
    "commute": Profile(0.9, 20, {"交通事故": 55, "意外": 25, None: 20}, 0.62, _NORMAL_DAYS,
                       0.02, {"交通事故": 40, "车祸": 15, "颅脑损伤": 30, "多发伤": 15},
                       {"police": 50, "hospital": 50}, 0.6, 0.85, 0.7, 0.6),
    "home_fall": Profile(0.88, 30, {None: 50, "意外": 25, "病故": 25}, 0.55, _NORMAL_DAYS,
                         0.01, {"摔伤": 15, "颅脑损伤": 25, "股骨颈骨折并发肺部感染": 15,
                                "意外": 15, None: 20, "衰老": 10},
                         {"hospital": 55, "community": 40, "police": 5}, 0.6, 0.75, 0, 0),
    "home_co": Profile(0.9, 25, {"意外": 40, "煤气中毒": 35, None: 25}, 0.55, _NORMAL_DAYS,
                       0.0, {"一氧化碳中毒": 55, "煤气中毒": 35, None: 10},
                       {"hospital": 45, "police": 30, "community": 25}, 0.45, 0.8, 0, 0),
    "drowning": Profile(0.88, 30, {"意外": 55, "溺水": 25, None: 20}, 0.5, _NORMAL_DAYS, 0.0,
                        {"溺水": 60, "溺亡": 30, None: 10}, {"police": 70, "hospital": 30},
                        0.3, 0.6, 0, 0),
    "suicide": Profile(0.88, 30, {None: 55, "其他": 25, "自杀": 20}, 0.55, _NORMAL_DAYS, 0.0,
                       {"自缢": 30, "农药中毒": 30, "服毒": 15, "高处坠落": 10, None: 15},
                       {"police": 60, "hospital": 35, "community": 5}, 0.4, 0.7, 0, 0),
    "injury_other": Profile(0.88, 28, {"意外": 45, None: 45, "其他": 10}, 0.55, _NORMAL_DAYS,
                            0.01, {"意外": 25, "颅脑损伤": 25, "多发伤": 20, None: 30},
                            {"hospital": 55, "police": 30, "community": 15}, 0.5, 0.75, 0, 0),
    # production-safety incidents, named in the report
    "reported": Profile(0.93, 20, {"工伤": 25, "事故": 15, "意外": 25, None: 30, "因工死亡": 5},
                        0.65, _NORMAL_DAYS, 0.03, _WORK_TRAUMA,
                        {"hospital": 50, "police": 30, "other": 12, "community": 8},
                        0.45, 0.85, 0.72, 0.25),
    "reported_late": Profile(0.93, 20, {"工伤": 25, "意外": 35, None: 35, "病故": 5}, 0.65,
                             _NORMAL_DAYS, 0.02, _WORK_TRAUMA | {"多器官功能衰竭": 15},
                             {"hospital": 90, "police": 10}, 1.0, 1.0, 0.72, 0.25),
    # concealed or left out of the report
    "hidden_move": Profile(0.55, 70, {None: 45, "死亡": 25, "病故": 20, "意外": 10}, 0.6,
                           _FAST_DAYS, 0.0,
                           {None: 40, "死亡": 20, "病故": 20, "猝死": 10, "不详": 10},
                           {None: 35, "other": 40, "community": 20, "police": 5}, 0.05, 1.0,
                           0.03, 1.0),
    "hidden_settle": Profile(0.85, 35, {None: 35, "病故": 25, "意外": 25, "死亡": 15}, 0.55,
                             _NORMAL_DAYS, 0.1,
                             {"猝死": 15, "意外": 20, "颅脑损伤": 10, "病故": 20, None: 35},
                             {"community": 45, "hospital": 20, "other": 25, None: 10},
                             0.3, 0.85, 0.02, 1.0),
    "hidden_illness": Profile(0.9, 25, {"病故": 60, "猝死": 25, None: 15}, 0.7,
                              {0: 25, 1: 30, 2: 20, 3: 25}, 0.2,
                              {"猝死": 30, "心源性猝死": 20, "急性心肌梗死": 15, "脑出血": 10,
                               "病故": 15, None: 10},
                              {"community": 50, "hospital": 30, "other": 20}, 0.25, 0.3,
                              0.08, 0.9),
    "hidden_traffic": Profile(0.9, 22, {"交通事故": 70, "意外": 20, None: 10}, 0.7,
                              _NORMAL_DAYS, 0.05,
                              {"交通事故": 40, "车祸": 25, "颅脑损伤": 15, "窒息": 10, None: 10},
                              {"police": 60, "hospital": 30, "other": 10}, 0.55, 0.85,
                              0.15, 0.9),
    "hidden_vague": Profile(0.85, 40, {None: 50, "死亡": 30, "其他": 20}, 0.6,
                            _NORMAL_DAYS | {1: 20}, 0.15,
                            {None: 45, "死亡": 25, "不详": 20, "意外": 10},
                            {"other": 40, "community": 35, None: 25}, 0.15, 0.6, 0.05, 1.0),
    "hidden_open": Profile(0.9, 25, {"工伤": 30, "意外": 40, None: 30}, 0.65, _NORMAL_DAYS,
                           0.03, _WORK_TRAUMA, {"hospital": 60, "police": 20, "other": 20},
                           0.75, 0.95, 0.45, 1.0),
    "hidden_late": Profile(0.9, 25, {"意外": 35, None: 35, "工伤": 15, "病故": 15}, 0.65,
                           _NORMAL_DAYS, 0.02, _WORK_TRAUMA | {"多器官功能衰竭": 20},
                           {"hospital": 90, "other": 10}, 1.0, 1.0, 0.3, 0.7),
}
DEATH_CLASS = {g: ("natural" if g in ("natural", "natural_worker", "sudden_at_work",
                                      "occ_disease")
                   else "incident" if g.startswith(("reported", "hidden"))
                   else "non_occupational") for g in PROFILES}

# ICD-10: (diagnoses, external causes) by accident type; the place character .6 = industrial
ACC_CODES: dict[str, Codes] = {
    "roof_fall": (["S06.5", "S32.0", "T07", "S22.4", "S36.1"], ["W20.6"]),
    "collapse": (["T71", "S06.5", "S28.0", "T07"], ["W20.6"]),
    "gas_explosion": (["T31.5", "T58", "T07", "T27.3"], ["W40.6", "X47.6"]),
    "explosion": (["T07", "T31.5", "S06.5"], ["W40.6"]),
    "flooding": (["T75.1", "T71"], ["W73.6"]),
    "fall_from_height": (["S06.5", "T07", "S32.0", "S12.0"], ["W13.6", "W12.6", "W17.6"]),
    "struck_by_object": (["S06.5", "S02.0", "S22.4", "S36.0"], ["W20.6"]),
    "machinery": (["S38.3", "T05.3", "S57.8", "S06.5", "T07"], ["W31.6", "W23.6"]),
    "lifting": (["S06.5", "T07", "S32.0"], ["W24.6", "W20.6"]),
    "electrocution": (["T75.4"], ["W86.6", "W87.6", "W85.6"]),
    "poisoning_asphyxiation": (["T58", "T59.8", "T71", "T59.6"], ["X47.6"]),
    "vehicle": (["S06.5", "T07", "S27.0", "S36.1"], ["W23.6", "V89.2"]),
    "fire": (["T31.6", "T29.3", "T27.3", "T58"], ["X00.6", "X09.6"]),
    "burn": (["T31.3", "T29.3", "T20.3"], ["X19.6"]),
    "other": (["T14.9", "S06.5"], ["X59.6"]),
}
MINOR_CODES: Codes = (["S62.6", "S68.1", "S61.0", "S82.2", "S52.5", "S42.0", "S05.1", "S32.0",
                "T23.2", "S93.4", "S01.8"],
               ["W31.6", "W23.6", "W20.6", "W24.6", "W22.6", "W26.6", "W17.6", "W01.6",
                "W11.6", "X19.6"])
TRAFFIC_V = ["V23.4", "V43.5", "V03.1", "V29.4", "V89.2", "V13.4", "V49.4"]
DEATH_CODES: dict[str, Codes] = {
    "traffic": (["S06.5", "T07", "S27.0", "S36.1", "S12.0"], TRAFFIC_V),
    "commute": (["S06.5", "T07", "S27.0", "S36.1"], TRAFFIC_V),
    "home_fall": (["S06.5", "S72.0", "S06.6"], ["W01.0", "W10.0", "W18.0", "W06.0"]),
    "home_co": (["T58"], ["X47.0"]),
    "drowning": (["T75.1"], ["W69.9", "W73.9", "W74.9"]),
    "suicide": (["T60.0", "T71"], ["X68.0", "X70.0", "X68.9"]),
    "injury_other": (["T14.9", "S06.5", "T07"], ["X59.9", "W19.9", "W20.9", None]),
}
# ordinary injuries: cause -> (weight for under-60s, weight for over-60s, diagnoses, causes)
PUBLIC_CAUSES: dict[str, tuple[float, float, Sequence[str], Sequence[str | None]]] = {
    "home_fall": (10, 45, ["S72.0", "S52.5", "S42.2", "S06.0", "S32.0", "S22.3"],
                  ["W01.0", "W10.0", "W18.0", "W19.0", "W06.0"]),
    "street_fall": (10, 15, ["S82.6", "S52.5", "S93.4", "S42.0"], ["W01.4", "W19.4", "W00.4"]),
    "traffic": (25, 15, ["S06.0", "S82.2", "S42.0", "S22.4", "S52.5", "T07"], TRAFFIC_V),
    "struck_cut": (18, 6, ["S61.0", "S01.8", "S60.2", "S51.8", "S02.2"],
                   ["W22.0", "W25.0", "W26.0", "W20.9", "W50.4"]),
    "bite": (5, 3, ["S61.0", "S81.8", "T14.1"], ["W54.0", "W54.4"]),
    "burn": (4, 3, ["T20.2", "T23.2", "T24.2", "T22.2"], ["X12.0", "X10.0", "X11.0", "X15.0"]),
    "co_home": (2, 4, ["T58"], ["X47.0"]),
    "poison": (2, 2, ["T60.0", "T42.4", "T51.0"], ["X48.0", "X68.0", "X45.0"]),
    "sport": (6, 1, ["S83.5", "S93.4", "S62.6", "S43.0"], ["W19.3", "W03.3"]),
    "farm": (6, 3, ["S62.6", "S68.1", "S82.2", "S61.0"], ["W30.7", "W31.7", "W20.7"]),
    "unspecified": (12, 8, ["T14.9", "S09.9", "S06.0", "T14.0"], ["X59.9", None, None]),
}
PAYERS: dict[str, Weights] = {
    "work": {"work_injury_insurance": 50, "self_pay": 18, "employee_insurance": 15,
             "commercial": 5, "other": 12},
    "hidden": {"self_pay": 50, "resident_insurance": 18, "other": 15, "commercial": 10,
               "work_injury_insurance": 4, None: 3},
    "public": {"resident_insurance": 45, "employee_insurance": 25, "self_pay": 20,
               "commercial": 6, "other": 2, None: 2},
    "traffic": {"self_pay": 40, "commercial": 25, "resident_insurance": 20,
                "employee_insurance": 15},
    "routine": {"work_injury_insurance": 58, "employee_insurance": 14, "self_pay": 22,
                "other": 6},
}


def choose(rng: np.random.Generator, weights: Mapping, k: int) -> np.ndarray:
    keys = list(weights)
    w = np.array([weights[x] for x in keys], float)
    arr = np.empty(len(keys), object)
    arr[:] = keys
    return arr[rng.choice(len(keys), k, p=w / w.sum())]


def _df(cols: dict, strings: tuple[str, ...] = ()) -> pl.DataFrame:
    """A frame from numpy columns; object arrays (strings with nulls) go in as lists."""
    data = {k: v.tolist() if isinstance(v, np.ndarray) and v.dtype == object else v
            for k, v in cols.items()}
    return pl.DataFrame(data, schema_overrides=dict.fromkeys(strings, pl.String))


def _days(x: np.ndarray) -> np.ndarray:
    return np.round(x).astype(np.int64).astype("timedelta64[D]")


@dataclass
class Context:
    rng: np.random.Generator
    people: People
    ent: Enterprises
    workers: Workers
    worker_of: np.ndarray  # person -> worker index or -1
    hospitals: list[places.Facility]
    homes: list[places.Facility]

    def __post_init__(self) -> None:
        self.hosp_county: dict[str, list[int]] = {}
        self.hosp_city: dict[str, list[int]] = {}
        self.hosp_prov = [i for i, h in enumerate(self.hospitals) if h.level == 2]
        for i, h in enumerate(self.hospitals):
            if h.level == 0:
                self.hosp_county.setdefault(h.region_code, []).append(i)
            elif h.level == 1:
                self.hosp_city.setdefault(h.region_code[:4], []).append(i)
        self.home_county = {h.region_code: i for i, h in enumerate(self.homes) if h.level == 0}
        self.home_city = {h.region_code[:4]: i for i, h in enumerate(self.homes) if h.level == 1}

    def in_shanxi(self, county: np.ndarray) -> np.ndarray:
        return np.char.startswith(county.astype("U6"), "14")

    def local(self, county: np.ndarray) -> np.ndarray:
        """Shanxi counties; anyone living here with an outside registration gets one."""
        out = county.astype(object).copy()
        away = ~self.in_shanxi(county)
        out[away] = places.COUNTY_CODES[self.rng.integers(0, len(places.COUNTIES), away.sum())]
        return out

    def hospital(self, county: np.ndarray, serious: np.ndarray) -> np.ndarray:
        r = self.rng
        u = r.random(len(county))
        out = np.empty(len(county), np.int64)
        for i, (c, s) in enumerate(zip(county, serious, strict=True)):
            lvl = (0 if u[i] < 0.5 else 1 if u[i] < 0.85 else 2) if s else \
                (0 if u[i] < 0.72 else 1 if u[i] < 0.97 else 2)
            pool = self.hosp_county.get(c) if lvl == 0 else (
                self.hosp_city.get(c[:4]) if lvl == 1 else self.hosp_prov)
            if not pool:
                pool = self.hosp_city.get(c[:4]) or self.hosp_prov
            out[i] = pool[int(r.integers(len(pool)))]
        return out

    def enrolling_employer(self, person: np.ndarray, site: np.ndarray) -> tuple[np.ndarray,
                                                                                np.ndarray]:
        """(employer a claim names, enrolled?) - a dispatch agency for dispatched workers."""
        wi = self.worker_of[person]
        enrolled = (wi >= 0) & self.workers.enrolled[wi.clip(0)]
        via = np.where(enrolled, self.workers.via[wi.clip(0)], site)
        return via, enrolled


# -- deaths ------------------------------------------------------------------------------
def prepare_deaths(ctx: Context, deaths: pl.DataFrame) -> pl.DataFrame:
    """Decide once per death: died in hospital, which hospital, with an injury encounter."""
    r = ctx.rng
    g = deaths["group"].to_numpy()
    p_hosp = np.array([PROFILES[x].p_hosp for x in g])
    p_med = np.array([PROFILES[x].p_med for x in g])
    place = deaths["place"].to_numpy().astype(object)
    shanxi = ctx.in_shanxi(place)
    in_hosp = (r.random(len(g)) < p_hosp) & shanxi
    has_med = in_hosp & (r.random(len(g)) < p_med)
    hosp = np.full(len(g), -1)
    idx = np.flatnonzero(in_hosp)
    hosp[idx] = ctx.hospital(place[idx], np.ones(len(idx), bool))
    return deaths.with_columns(pl.Series("in_hosp", in_hosp), pl.Series("has_med", has_med),
                               pl.Series("hospital", hosp))


def deregistrations(ctx: Context, deaths: pl.DataFrame) -> pl.DataFrame:
    r, people = ctx.rng, ctx.people
    rows = []
    for group in sorted(deaths["group"].unique()):
        d = deaths.filter(pl.col("group") == group)
        prof = PROFILES[group]
        person = d["person"].to_numpy()
        hk = people.hukou[person].astype("U6")
        k = len(person)
        keep = np.char.startswith(hk, "14") & (r.random(k) < prof.p_dereg)
        lag = np.exp(np.log(prof.dereg_lag) + r.normal(0, 1.0, k)).clip(1, 900)
        dd = d["death_date"].to_numpy()
        on = dd + _days(lag)
        keep &= (on >= START) & (on <= END)
        declared = r.random(k) < (0.04 if group == "hidden_move" else 0.002)
        rows.append(_df({
            "person": person[keep],
            "death_date": np.where(r.random(keep.sum()) < 0.015, np.datetime64("NaT"),
                                   dd[keep]),
            "deregistered_on": on[keep],
            "region_code": hk[keep].astype(object),
            "reason": np.where(declared[keep], "declared_dead", "death"),
            "death_cause": choose(r, prof.dereg_cause, k)[keep],
        }, ("region_code", "reason", "death_cause")))
    out = pl.concat(rows, how="vertical_relaxed")
    # registers hold duplicates: the same death cancelled twice, at two police stations
    dup = out.sample(fraction=0.003, seed=int(r.integers(1 << 30)))
    dup = dup.with_columns((pl.col("deregistered_on") + pl.duration(days=3)).alias(
        "deregistered_on")).filter(pl.col("deregistered_on") <= END_DAY)
    return pl.concat([out, dup])


def cremations(ctx: Context, deaths: pl.DataFrame) -> pl.DataFrame:
    r, people = ctx.rng, ctx.people
    rows = []
    n_homes = len(ctx.homes)
    for group in sorted(deaths["group"].unique()):
        d = deaths.filter(pl.col("group") == group)
        prof = PROFILES[group]
        person = d["person"].to_numpy()
        place = d["place"].to_numpy().astype(object)
        k = len(person)
        urban = np.array([places.BY_CODE[c].name.endswith("区") if c in places.BY_CODE
                          else False for c in place])
        p = prof.p_crem * np.where(urban, 1.25, 0.85)
        keep = ctx.in_shanxi(place) & (r.random(k) < p.clip(0, 0.98))
        dd = d["death_date"].to_numpy()
        on = dd + choose(r, prof.crem_days, k).astype(np.int64).astype("timedelta64[D]")
        keep &= (on >= START) & (on <= END)
        home = np.array([ctx.home_county.get(c, ctx.home_city.get(str(c)[:4], 0))
                         for c in place])
        far = r.random(k) < prof.far
        for i in np.flatnonzero(far):
            avoid = {str(place[i])[:4], str(people.hukou[person[i]])[:4]}
            for _ in range(10):
                j = int(r.integers(n_homes))
                if ctx.homes[j].region_code[:4] not in avoid:
                    home[i] = j
                    break
        hosp = d["hospital"].to_numpy()
        in_hosp = d["in_hosp"].to_numpy()
        hosp_name = np.array([ctx.hospitals[h].name if h >= 0 else None for h in hosp], object)
        issuer = choose(r, prof.issuer, k)
        issuer[in_hosp & (r.random(k) < 0.8)] = "hospital"
        issuer[(issuer == "hospital") & ~in_hosp & (r.random(k) < 0.5)] = "community"
        origin = np.full(k, None, object)
        origin[r.random(k) < 0.7] = "家中"
        origin[in_hosp] = hosp_name[in_hosp]
        if group in ("traffic", "commute", "hidden_traffic", "drowning", "reported",
                     "hidden_move", "hidden_open"):
            at_scene = ~in_hosp & (r.random(k) < 0.6)
            origin = origin.astype(object)
            origin[at_scene] = [f"{places.BY_CODE[c].name if c in places.BY_CODE else ''}"
                                f"{places.town_name(r)}" for c in place[at_scene]]
        origin[r.random(k) < 0.12] = None
        age = people.age(person, dd)
        age = age + (r.random(k) < 0.12)  # nominal age (虚岁) on some certificates
        rows.append(_df({
            "person": person[keep], "age": age[keep],
            "death_date": np.where(r.random(keep.sum()) < 0.03, np.datetime64("NaT"), dd[keep]),
            "cremated_on": on[keep],
            "funeral_home": [ctx.homes[h].name for h in home[keep]],
            "region_code": [ctx.homes[h].region_code for h in home[keep]],
            "death_cause": choose(r, prof.crem_cause, k)[keep],
            "certificate_issuer": issuer[keep], "body_origin": origin[keep],
        }, ("funeral_home", "region_code", "death_cause", "certificate_issuer", "body_origin")))
    out = pl.concat(rows, how="vertical_relaxed")
    return out.with_columns(pl.when(pl.Series(ctx.rng.random(out.height) < 0.05))
                            .then(None).otherwise(pl.col("age")).alias("age"))


def death_medical(ctx: Context, deaths: pl.DataFrame) -> pl.DataFrame:
    """The injury encounter of a death that reached hospital (disposition mostly `died`)."""
    r = ctx.rng
    d = deaths.filter(pl.col("has_med"), pl.col("injured_on") >= START_DAY)
    k = d.height
    g = d["group"].to_numpy()
    acc = d["acc_type"].to_numpy()
    diag = np.empty(k, object)
    ext = np.empty(k, object)
    for i in range(k):
        if g[i] in DEATH_CODES:
            dx, ex = DEATH_CODES[g[i]]
        else:
            dx, ex = ACC_CODES[acc[i] or "other"]
            ex = list(ex)
            if acc[i] == "vehicle" and d["industry"][i] != "transport":
                ex = ["W23.6"]
        diag[i] = dx[int(r.integers(len(dx)))]
        e = ex[int(r.integers(len(ex)))]
        if g[i] in ("hidden_settle", "hidden_vague", "hidden_move") and e is not None:
            u = r.random()
            # the place of occurrence blurred, or the cause left unspecified
            e = e[:4] + "9" if u < 0.4 else ("X59.9" if u < 0.7 else None)
        elif g[i] == "hidden_illness":
            e = None
        elif g[i] == "hidden_traffic":
            e = str(r.choice(["V29.4", "V28.4", "V89.2", "V23.4"]))
        ext[i] = e
    dd = d["death_date"].to_numpy()
    inj = d["injured_on"].to_numpy()
    adm = inj.astype("datetime64[m]") + (r.uniform(5, 22, k) * 60).astype(np.int64).astype(
        "timedelta64[m]")
    died = dd.astype("datetime64[m]") + (r.uniform(0, 24, k) * 60).astype(np.int64).astype(
        "timedelta64[m]")
    died = np.maximum(died, adm + np.timedelta64(40, "m"))
    disp = np.full(k, "died", object)
    taken_home = np.isin(g, ["hidden_settle", "hidden_late", "hidden_vague", "home_fall"]) & \
        (r.random(k) < 0.15)
    disp[taken_home] = "left_against_advice"  # taken home to die: death not in hospital
    hidden = np.char.startswith(g.astype("U20"), "hidden")
    work = np.isin(g, ["reported", "reported_late"])
    traffic = np.isin(g, ["traffic", "commute"])
    payer = np.where(hidden, choose(r, PAYERS["hidden"], k),
                     np.where(work, choose(r, PAYERS["work"], k),
                              np.where(traffic, choose(r, PAYERS["traffic"], k),
                                       choose(r, PAYERS["public"], k))))
    p_emp = np.where(hidden, 0.06, np.where(work, 0.5, 0.1))
    emp = d["employer"].to_numpy()
    emp = np.where((emp >= 0) & (r.random(k) < p_emp), emp, -1)
    return _df({
        "person": d["person"].to_numpy(), "hospital": d["hospital"].to_numpy(),
        "admitted_at": adm.astype("datetime64[us]"),
        "discharged_at": died.astype("datetime64[us]"), "diagnosis_icd10": diag,
        "external_cause_icd10": ext, "disposition": disp, "payer": payer, "employer": emp,
        "on": dd,
    }, ("diagnosis_icd10", "external_cause_icd10", "disposition", "payer"))


# -- injuries ----------------------------------------------------------------------------
def injury_medical(ctx: Context, inj: pl.DataFrame) -> pl.DataFrame:
    """Admissions and emergency visits for non-fatal injuries (with transfers)."""
    r, people = ctx.rng, ctx.people
    k = inj.height
    if k == 0:
        return pl.DataFrame()
    g = inj["group"].to_numpy()
    sev = inj["severity"].to_numpy() == "serious"
    person = inj["person"].to_numpy()
    p_med = np.select([g == "incident_reported", g == "incident_concealed", g == "public"],
                      [np.where(sev, 0.95, 0.6), np.where(sev, 0.85, 0.35), 1.0],
                      np.where(sev, 0.9, 0.62))
    keep = r.random(k) < p_med
    at = inj["injured_at"].to_numpy().astype("datetime64[m]")
    keep &= (at >= START.astype("datetime64[m]")) & (at <= END.astype("datetime64[m]"))
    idx = np.flatnonzero(keep)
    k = len(idx)
    g, sev, person, at = g[idx], sev[idx], person[idx], at[idx]
    acc = inj["acc_type"].to_numpy()[idx]
    place = ctx.local(inj["place"].to_numpy()[idx])
    concealed = g == "incident_concealed"
    # the concealed injured are often taken to a hospital away from the site
    move = concealed & (r.random(k) < 0.4)
    place[move] = places.COUNTY_CODES[r.integers(0, len(places.COUNTIES), move.sum())]
    age = people.age(person, at.astype("datetime64[D]"))
    diag = np.empty(k, object)
    ext = np.empty(k, object)
    causes = list(PUBLIC_CAUSES)
    w_young = np.array([PUBLIC_CAUSES[c][0] for c in causes], float)
    w_old = np.array([PUBLIC_CAUSES[c][1] for c in causes], float)
    pick_y = r.choice(len(causes), k, p=w_young / w_young.sum())
    pick_o = r.choice(len(causes), k, p=w_old / w_old.sum())
    u = r.random((k, 3))
    for i in range(k):
        gi = g[i]
        if gi == "public":
            dx, ex = PUBLIC_CAUSES[causes[pick_o[i] if age[i] >= 60 else pick_y[i]]][2:]
        elif gi == "commute_injury":
            dx, ex = ["S82.2", "S42.0", "S06.0", "S52.5"], TRAFFIC_V
        elif gi == "routine_work":
            dx, ex = MINOR_CODES
        else:
            dx, ex = ACC_CODES[acc[i] or "other"] if sev[i] else (MINOR_CODES[0],
                                                                  ACC_CODES[acc[i] or "other"][1])
        diag[i] = dx[int(u[i, 0] * len(dx))]
        e = ex[int(u[i, 1] * len(ex))]
        if gi == "incident_concealed" and e is not None and u[i, 2] < 0.55:
            e = e[:4] + "9" if u[i, 2] < 0.25 else (None if u[i, 2] < 0.4 else "X59.9")
        elif gi in ("routine_work", "incident_reported") and u[i, 2] < 0.08:
            e = None
        ext[i] = e
    los = np.where(sev, np.exp(r.normal(np.log(19), 0.55, k)),
                   np.where(r.random(k) < 0.55, r.uniform(0.05, 0.4, k),
                            np.exp(r.normal(np.log(4), 0.6, k))))
    dis = at + (los * 24 * 60).astype(np.int64).astype("timedelta64[m]")
    disp = choose(r, {"discharged": 90, "transferred": 5, "left_against_advice": 5}, k)
    disp[~sev & (r.random(k) < 0.9)] = "discharged"
    hosp = ctx.hospital(place, sev)
    payer_key = np.select([g == "public", np.isin(g, ["routine_work", "commute_injury"]),
                           concealed], ["public", "routine", "hidden"], "work")
    payer = np.empty(k, object)
    for key in ("public", "routine", "hidden", "work"):
        m = payer_key == key
        payer[m] = choose(r, PAYERS[key], m.sum())
    emp = inj["employer"].to_numpy()[idx]
    p_emp = np.select([g == "public", concealed], [0.15, 0.08], 0.55)
    emp = np.where((emp >= 0) & (r.random(k) < p_emp), emp, -1)
    out = _df({
        "person": person, "hospital": hosp,
        "admitted_at": (at + r.uniform(10, 150, k).astype(np.int64).astype("timedelta64[m]")
                        ).astype("datetime64[us]"),
        "discharged_at": dis.astype("datetime64[us]"), "diagnosis_icd10": diag, "external_cause_icd10": ext,
        "disposition": disp, "payer": payer, "employer": emp,
        "on": at.astype("datetime64[D]"),
    }, ("diagnosis_icd10", "external_cause_icd10", "disposition", "payer"))
    # a transfer continues at a bigger hospital the same day
    tr = out.filter(pl.col("disposition") == "transferred")
    if tr.height:
        up = np.array([ctx.hosp_prov[int(x)] for x in r.integers(0, len(ctx.hosp_prov),
                                                                 tr.height)])
        stay = (np.exp(r.normal(np.log(12), 0.6, tr.height)) * 1440).astype(np.int64)
        tr = tr.with_columns(
            pl.Series("hospital", up),
            (pl.col("discharged_at") + pl.duration(minutes=90)).alias("admitted_at"),
            (pl.col("discharged_at") + pl.duration(minutes=90)
             + pl.Series(stay).cast(pl.Duration("us")) * 60_000_000).alias("discharged_at"),
            pl.lit("discharged").alias("disposition")).filter(
            pl.col("admitted_at") <= END.astype("datetime64[us]"))
        out = pl.concat([out, tr.select(out.columns)])
    return out


# -- work-injury claims ------------------------------------------------------------------
_DESC = {
    "roof_fall": "在井下作业时顶板冒落被砸伤", "collapse": "作业时发生坍塌被埋压",
    "gas_explosion": "井下发生瓦斯爆炸受伤", "explosion": "作业现场发生爆炸受伤",
    "flooding": "井下透水被困", "fall_from_height": "在施工作业时从高处坠落",
    "struck_by_object": "作业时被物体击中", "machinery": "操作设备时被机械绞伤",
    "lifting": "吊装作业时被吊物砸伤", "electrocution": "作业时触电",
    "poisoning_asphyxiation": "进入受限空间作业时中毒窒息", "vehicle": "作业时被车辆撞伤",
    "fire": "作业现场发生火灾被烧伤", "burn": "作业时被高温物料烫伤", "other": "工作中受伤",
}
_ROUTINE_DESC = ["工作中右手被机器挤伤", "搬运材料时扭伤腰部", "作业时左脚被重物砸伤",
                 "工作中不慎摔倒致左腕骨折", "切割作业时割伤左手", "巡检时踩空摔伤",
                 "作业时被飞溅物击伤眼部", "装卸货物时被砸伤", "下井作业时被矿车挤伤",
                 "操作钻机时手指被绞伤"]


def _claim_rows(ctx: Context, person: np.ndarray, site: np.ndarray, injured: np.ndarray,
                kind: np.ndarray, p: np.ndarray, family: np.ndarray, desc: np.ndarray,
                death: np.ndarray) -> pl.DataFrame:
    r = ctx.rng
    k = len(person)
    via, enrolled = ctx.enrolling_employer(person, site)
    p = p * np.where(enrolled, 1.0, 0.35)
    keep = (r.random(k) < p) & (via >= 0)
    by_family = r.random(k) < family
    lag = np.where(by_family, np.exp(r.normal(np.log(80), 0.8, k)).clip(31, 365),
                   np.exp(r.normal(np.log(16), 0.5, k)).clip(2, 30))
    applied = injured + _days(lag)
    decided = applied + _days(r.uniform(18, 60, k))
    keep &= (applied >= START) & (applied <= END)
    pending = decided > END
    outcome = kind.copy()
    outcome[pending] = "pending"
    return _df({
        "person": person[keep], "employer": via[keep], "injury_date": injured[keep],
        "applied_on": applied[keep],
        "decided_on": np.where(pending, np.datetime64("NaT"), decided)[keep],
        "outcome": outcome[keep], "injury_description": desc[keep], "death": death[keep],
    }, ("outcome", "injury_description"))


def death_claims(ctx: Context, deaths: pl.DataFrame) -> pl.DataFrame:
    r = ctx.rng
    d = deaths.filter(pl.col("employer") >= 0)
    g = d["group"].to_numpy()
    k = d.height
    p = np.array([PROFILES[x].p_claim for x in g])
    fam = np.array([PROFILES[x].family_claim for x in g])
    acc = d["acc_type"].to_numpy()
    desc = np.empty(k, object)
    kind = np.full(k, "death", object)
    for i in range(k):
        if g[i] in ("sudden_at_work", "hidden_illness"):
            desc[i] = str(r.choice(["工作时间突发疾病，经抢救无效死亡", "在工作岗位突发疾病死亡",
                                    "上班期间晕倒，送医后48小时内死亡"]))
            if r.random() < (0.2 if g[i] == "sudden_at_work" else 0.3):
                kind[i] = "rejected"
        elif g[i] in ("commute", "hidden_traffic"):
            desc[i] = str(r.choice(["下班途中发生交通事故死亡", "上班途中驾驶摩托车发生交通事故死亡",
                                    "上下班途中遭遇非本人主要责任的交通事故死亡"]))
            if r.random() < 0.1:
                kind[i] = "rejected"
        elif g[i] == "occ_disease":
            desc[i] = str(r.choice(["职业病（尘肺病）死亡", "煤工尘肺病死亡", "矽肺病死亡"]))
        else:
            desc[i] = _DESC.get(acc[i] or "other", "工作中受伤") + "，经抢救无效死亡"
        if r.random() < 0.08:
            desc[i] = None
    injured = np.where(np.isin(g, ["sudden_at_work", "occ_disease", "commute"]),
                       d["death_date"].to_numpy(), d["injured_on"].to_numpy())
    return _claim_rows(ctx, d["person"].to_numpy(), d["employer"].to_numpy(), injured, kind, p,
                       fam, desc, np.ones(k, bool))


def injury_claims(ctx: Context, inj: pl.DataFrame) -> pl.DataFrame:
    r = ctx.rng
    d = inj.filter(pl.col("employer") >= 0, pl.col("group") != "public")
    k = d.height
    g = d["group"].to_numpy()
    sev = d["severity"].to_numpy() == "serious"
    p = np.select([g == "incident_reported", g == "incident_concealed"],
                  [np.where(sev, 0.7, 0.35), 0.06], 0.85)
    serious_out = {"disability_1": 1, "disability_2": 2, "disability_3": 3, "disability_4": 5,
                   "disability_5": 8, "disability_6": 12, "disability_7": 14, "disability_8": 12,
                   "injury": 28, "rejected": 4}
    minor_out = {"injury": 52, "disability_10": 17, "disability_9": 10, "disability_8": 6,
                 "disability_7": 3, "rejected": 12}
    kind = np.where(sev, choose(r, serious_out, k), choose(r, minor_out, k))
    acc = d["acc_type"].to_numpy()
    desc = np.array([_DESC[a] if a else (
        str(r.choice(["上班途中发生交通事故受伤", "下班途中骑电动车被撞伤"])) if gi == "commute_injury"
        else _ROUTINE_DESC[int(r.integers(len(_ROUTINE_DESC)))]) for a, gi in zip(acc, g,
                                                                               strict=True)],
                    object)
    desc[r.random(k) < 0.06] = None
    fam = np.where(g == "incident_concealed", 0.9, 0.15)
    out = _claim_rows(ctx, d["person"].to_numpy(), d["employer"].to_numpy(),
                      d["injured_on"].to_numpy(), kind, p, fam, desc, np.zeros(k, bool))
    # a rejected claim is sometimes filed again
    again = out.filter(pl.col("outcome") == "rejected").sample(fraction=0.3, seed=int(
        r.integers(1 << 30)))
    again = again.with_columns((pl.col("decided_on") + pl.duration(days=20)).alias("applied_on"),
                               pl.lit(None, pl.Date).alias("decided_on"),
                               pl.lit("pending").alias("outcome")).filter(
        pl.col("applied_on") <= END_DAY)
    return pl.concat([out, again])


# -- social-insurance enrolment ----------------------------------------------------------
def employment(ctx: Context, deaths: pl.DataFrame,
               former: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]) -> pl.DataFrame:
    r, w = ctx.rng, ctx.workers
    ent = ctx.ent
    died = dict(zip(deaths["person"].to_list(), zip(deaths["death_date"].to_numpy(),
                                                    deaths["group"].to_list(), strict=True),
                    strict=True))
    idx = np.flatnonzero(w.enrolled)
    person = w.person[idx]
    end = np.full(len(idx), np.datetime64("NaT"), "datetime64[D]")
    for j, p in enumerate(person):
        hit = died.get(int(p))
        if hit is None:
            continue
        dd, group = hit
        u = r.random()
        if group in ("hidden_settle", "hidden_move", "hidden_vague") and u < 0.35:
            end[j] = dd - np.timedelta64(int(r.integers(3, 45)), "D")  # back-dated exit
        elif u < 0.6:
            end[j] = dd + np.timedelta64(int(r.integers(0, 60)), "D")
    # some leave their job; the spell closes
    quit_ = np.isnat(end) & (r.random(len(idx)) < 0.06)
    end[quit_] = START + r.integers(0, 450, quit_.sum()).astype("timedelta64[D]")
    start = w.start[idx]
    end = np.where(end < start, start + np.timedelta64(1, "D"), end)
    end = np.where(end > END, np.datetime64("NaT"), end)
    cur = pl.DataFrame({"person": person, "employer": w.via[idx], "start_date": start,
                        "end_date": end})
    # an earlier job with another employer
    prev = idx[r.random(len(idx)) < 0.15]
    pe = r.integers(0, len(ent), len(prev))
    pend = w.start[prev] - r.integers(1, 120, len(prev)).astype("timedelta64[D]")
    pstart = pend - (r.uniform(0.3, 8, len(prev)) * 365.25).astype(np.int64).astype(
        "timedelta64[D]")
    old = pl.DataFrame({"person": w.person[prev], "employer": pe, "start_date": pstart,
                        "end_date": pend})
    fp, femp, fstart, fend = former
    ret = pl.DataFrame({"person": fp, "employer": femp, "start_date": fstart, "end_date": fend})
    out = pl.concat([cur.cast({"employer": pl.Int64}), old.cast({"employer": pl.Int64}),
                     ret.cast({"employer": pl.Int64})])
    # the export holds spells open on or after 2016
    return out.filter(pl.col("end_date").is_null()
                      | (pl.col("end_date") >= date(2016, 1, 1)))

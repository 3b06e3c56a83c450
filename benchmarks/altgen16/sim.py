"""The world's state and the record-making steps shared by the background and the incidents."""

from __future__ import annotations

import itertools
import random

import numpy as np

from . import codes, geo
from .world import (
    D2024,
    DAY_S,
    EXTRACT,
    NULL,
    YEAR_END,
    Enterprise,
    Origins,
    People,
    Project,
    Sink,
    build_enterprises,
    employer_form,
    pick,
    uscc_form,
)

AGE_PROFILE = {  # enterprise kind -> (mean, sd, lo, hi) of a worker's age, share male
    "coal": (44, 8, 20, 60, .98), "noncoal": (43, 9, 20, 60, .94), "quarry": (47, 10, 20, 66, .9),
    "contractor": (37, 9, 22, 60, .85), "builder": (45, 10, 18, 65, .9),
    "labour": (44, 11, 18, 66, .93), "chem": (38, 9, 20, 58, .8), "metal": (40, 9, 20, 60, .88),
    "factory": (37, 10, 18, 60, .55), "baijiu": (41, 9, 18, 60, .7),
    "transport": (43, 8, 22, 62, .93), "other": (42, 10, 18, 62, .6),
}
ORIGIN_PROFILE = {"coal": "mine", "noncoal": "noncoal", "quarry": "local", "contractor": "staff",
                  "builder": "urban", "labour": "labour", "chem": "local", "metal": "local",
                  "factory": "local", "baijiu": "local", "transport": "local", "other": "local"}
HIGH_RISK_KINDS = ("coal", "noncoal", "quarry", "contractor", "builder", "labour", "chem", "metal")


class World:
    """People, employers, places and the raw records, for one seed and scale."""

    def __init__(self, scale: float, seed: int) -> None:
        ss = np.random.SeedSequence(seed)
        self.rng = np.random.default_rng(ss.spawn(1)[0])
        self.r = random.Random(seed * 7919 + 13)
        self.scale = scale
        self.people = People(self.rng)
        self.sink = Sink()
        self.cat = geo.build_catalog()
        self.origins = Origins()
        self.ents, self.projects = build_enterprises(scale, self.r)
        self.by_kind: dict[str, list[int]] = {}
        for e in self.ents:
            self.by_kind.setdefault(e.kind, []).append(e.idx)
        self.death_pid: list[int] = []
        self.death_class: list[str] = []
        self.death_inc: list[int | None] = []
        self.death_day: dict[int, int] = {}
        self._pools: dict[tuple, tuple[list[int], list[float]]] = {}
        # each funeral home writes dates one way
        self.fh_style = [self.r.choice(["iso", "iso", "slash", "cn", "compact"])
                         for _ in self.cat.funeral_homes]
        self.fh_sex = [self.r.choice(["MF", "MF", "zh"]) for _ in self.cat.funeral_homes]

    # ---------------------------------------------------------------------------- helpers
    def n(self, base: float, minimum: int) -> int:
        return max(minimum, round(base * self.scale))

    def died(self, pids: np.ndarray, cls: str, days: np.ndarray,
             inc: int | None = None) -> None:
        for p, d in zip(pids.tolist(), np.asarray(days).tolist(), strict=True):
            self.death_pid.append(int(p))
            self.death_class.append(cls)
            self.death_inc.append(inc)
            self.death_day[int(p)] = int(d)

    def pick_ent(self, kinds: tuple[str, ...] | list[str], *, small: bool = False,
                 registered: bool = False) -> Enterprise:
        key = (tuple(kinds), small, registered)
        if key not in self._pools:
            pool = [i for k in kinds for i in self.by_kind.get(k, [])]
            if registered:
                pool = [i for i in pool if self.ents[i].in_register] or pool
            w = [self.ents[i].size ** (0.3 if small else 1.0) for i in pool]
            self._pools[key] = (pool, list(itertools.accumulate(w)))
        pool, cum = self._pools[key]
        return self.ents[self.r.choices(pool, cum_weights=cum)[0]]

    def fh_near(self, county: str) -> int:
        r = self.r
        own = self.cat.fh_by_county.get(county)
        city = self.cat.fh_by_city.get(county[:4])
        if own is not None and (r.random() < 0.75 or not city):
            return own
        if city:
            return r.choice(city)
        # Chongqing counties without a home of their own, or out-of-world places
        return r.randrange(len(self.cat.funeral_homes))

    def fh_far(self, *avoid: str) -> int:
        cities = {a[:4] for a in avoid}
        opts = [i for i, f in enumerate(self.cat.funeral_homes) if f.region[:4] not in cities]
        return self.r.choice(opts)

    def hosp_near(self, county: str, serious: bool = False) -> int:
        r = self.r
        cty = self.cat.hosp_by_county.get(county, [])
        city = [i for i in self.cat.hosp_by_city.get(county[:4], [])
                if self.cat.hospitals[i].level >= 1]
        if cty and (r.random() < (0.4 if serious else 0.65) or not city):
            return r.choice(cty)
        if city:
            return r.choice(city)
        return r.choice(self.cat.hosp_by_city.get("5101", [0]))

    def hosp_up(self, h: int) -> int:
        """Where a hospital transfers a patient it cannot treat."""
        f = self.cat.hospitals[h]
        city = [i for i in self.cat.hosp_by_city.get(f.region[:4], [])
                if self.cat.hospitals[i].level > f.level]
        if f.level == 0 and city and self.r.random() < 0.6:
            return self.r.choice(city)
        top = [i for i, x in enumerate(self.cat.hospitals) if x.level == 2]
        return self.r.choice(top)

    def year_days(self, n: int, *, winter: float = 1.0, start: int = D2024,
                  end: int = YEAR_END) -> np.ndarray:
        """Days of 2024, winter-heavy when ``winter`` > 1."""
        d = self.rng.integers(start, end + 1, size=n)
        if winter != 1.0:
            doy = (d - D2024) % 366
            w = 1 + (winter - 1) * np.cos(2 * np.pi * (doy + 10) / 366).clip(0, None)
            keep = self.rng.random(n) < w / w.max()
            redo = self.rng.integers(start, end + 1, size=n)
            d = np.where(keep, d, redo)
        return d

    # ---------------------------------------------------------------------------- workers
    def new_workers(self, ents: list[Enterprise], ref_day: np.ndarray | int,
                    project: list[Project | None] | None = None,
                    enrol: np.ndarray | None = None, end_main: np.ndarray | None = None,
                    age_shift: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
        """Workers of the given employers (one per entry); their social-insurance spells if
        enrolled. Returns the person ids and the enrolment flags."""
        n = len(ents)
        r, rng = self.r, self.rng
        if n == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
        hukou, ages, male = [], np.zeros(n), np.zeros(n, dtype=bool)
        for i, e in enumerate(ents):
            mu, sd, lo, hi, pm = AGE_PROFILE[e.kind]
            ages[i] = min(hi, max(lo, r.gauss(mu + age_shift, sd))) + r.random()
            male[i] = r.random() < pm
            site = e.site
            if project is not None and project[i] is not None:
                site = project[i].county  # type: ignore[union-attr]
            hukou.append(self.origins.sample(ORIGIN_PROFILE[e.kind], site, r,
                                             home=e.region if e.kind == "labour" else None))
        pids = self.people.add(hukou, ages, male, ref_day)
        if enrol is None:
            enrol = np.array([r.random() < e.enrol for e in ents])
        ref = np.broadcast_to(np.asarray(ref_day), (n,))
        for i in np.flatnonzero(enrol).tolist():
            e = ents[i]
            age = ages[i]
            tenure = min(age - 17.5, rng.exponential(4.5 if e.kind != "contractor" else 9))
            start: int = int(ref[i] - tenure * 365.25 - r.randint(0, 60))
            end = NULL if end_main is None else int(end_main[i])
            if end != NULL:
                start = min(start, int(end) - r.randint(30, 400))
            self.spell(int(pids[i]), e, start, end)
            prev_end = start - r.randint(5, 200)
            for _ in range(r.choice([0, 0, 1, 1, 2])):
                if age - (ref[i] - prev_end) / 365.25 < 20:
                    break
                length = r.randint(150, 1800)
                other = self.pick_ent(r.choice([("factory", "builder", "transport"),
                                                (e.kind,), ("other", "factory")]),
                                      registered=True)
                if not other.in_register:
                    break
                self.spell(int(pids[i]), other, prev_end - length, prev_end)
                prev_end = prev_end - length - r.randint(10, 300)
        return pids, enrol

    def spell(self, pid: int, e: Enterprise, start: int, end: int) -> None:
        r = self.r
        style = pick(r, ["full", "branch", "variant", "short"], [.88, .05, .04, .03])
        self.sink.row("emp", pid=pid, employer=employer_form(e, style, r),
                      uscc=uscc_form(e, r, 0.06, 0.01),
                      industry=e.industry if r.random() < 0.9 else None, start=start, end=end)

    # ---------------------------------------------------------------------------- records
    def dereg(self, pid: int, death: int, cause: str | None, *, p: float = 0.92,
              lag_med: float = 14.0, reason: str = "death", region: str | None = None) -> None:
        r = self.r
        hukou = region or self.people.hukou[pid]
        if hukou not in geo.COVERED or r.random() >= p:
            return
        lag = max(1, round(np.exp(np.log(lag_med) + 0.9 * r.gauss(0, 1))))
        d = death + lag
        if d > EXTRACT or d < D2024:
            return
        self.sink.row("dereg", pid=pid, death=death if r.random() > 0.03 else NULL, dereg=d,
                      region=hukou, reason=reason, cause=cause)

    def crem(self, pid: int, death: int, fh: int, *, fast: bool = False, cause: str | None,
             issuer: str | None, origin: str | None) -> None:
        r = self.r
        lag = pick(r, ["0", "1", "2"], [.3, .5, .2]) if fast else \
            pick(r, ["1", "2", "3", "4", "5", "6", "7"], [.08, .25, .4, .15, .06, .04, .02])
        c = death + int(lag)
        if c > EXTRACT or c < D2024:
            return
        self.sink.row("crem", pid=pid, death=death if r.random() > 0.05 else NULL, crem=c, fh=fh,
                      cause=cause, issuer=issuer, origin=origin)

    def med(self, pid: int, hosp: int, adm: int, dis: int | None, diag: str, ext: str | None,
            disp: str, payer: str | None, employer: str | None = None, *,
            unknown: bool = False, idmiss: float = 0.0) -> None:
        if adm // DAY_S > EXTRACT:
            return
        if dis is not None and dis // DAY_S > EXTRACT:
            dis = None
        self.sink.row("med", pid=pid, hosp=hosp, adm=adm, dis=NULL if dis is None else dis,
                      diag=diag, ext=ext, disp=disp, payer=payer, employer=employer,
                      unknown=unknown, idmiss=idmiss)

    def claim(self, pid: int, employer: str, uscc: str | None, injury: int, applied: int,
              outcome: str, desc: str | None, region: str, decide_lag: int | None = None) -> None:
        r = self.r
        if applied > EXTRACT or applied < D2024:
            return
        decided = applied + (decide_lag if decide_lag is not None else r.randint(15, 60))
        if outcome == "pending" or decided > EXTRACT:
            outcome, decided = "pending", NULL
        self.sink.row("claim", pid=pid, employer=employer, uscc=uscc, injury=injury,
                      applied=applied, decided=decided, outcome=outcome, desc=desc, region=region)

    def hospital_name(self, h: int) -> str:
        return self.cat.hospitals[h].name

    def town(self) -> str:
        return pick(self.r, ["巡司", "珙泉", "孝儿", "洛表", "沐爱", "双河", "龙场", "石屏", "大寨",
                             "观文", "箭竹", "德跃", "白云", "太平", "石宝", "沙田", "新桥", "龙泉",
                             "回龙", "三河", "白马", "青龙", "金龙", "大坝", "石门", "团结", "红岩",
                             "长岭", "黄桷", "铁炉", "呷巴", "瓦洛", "甲根坝", "木洛", "拖乌"])

    def illness_cert(self, age: int) -> str:
        r = self.r
        if age < 60:
            return r.choice(codes.YOUNG_ILLNESS_CERT)
        return r.choices(codes.ILLNESS_CERT, weights=codes.ILLNESS_CERT_W)[0]

    def cremated(self, pid: int, county: str, boost: float = 0.0) -> bool:
        """Whether a death ends in a funeral home's records (the Yi and Tibetan traditions, and
        burial in the Han countryside, leave none)."""
        eth = self.people.eth[pid]
        if eth == "yi":
            p = 0.12
        elif eth == "tib":
            p = 0.06
        else:
            urban = geo.COUNTY_NAME.get(county, "").endswith("区")
            p = 0.85 if urban else 0.55
        return self.r.random() < min(0.97, p + boost)

"""The world: geography, hospitals, funeral homes, people, enterprises and workers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from . import ident, names, tables

IntArr = npt.NDArray[np.int64]
BoolArr = npt.NDArray[np.bool_]
EPOCH = dt.date(1970, 1, 1)


def day(d: dt.date) -> int:
    return (d - EPOCH).days


def to_date(d: int) -> dt.date:
    return EPOCH + dt.timedelta(days=int(d))


D_START = day(tables.STUDY_START)
D_END = day(tables.STUDY_END)
D_EXTRACT = day(tables.EXTRACTED)


def years_of(days: IntArr) -> IntArr:
    return days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970


def ymd_digits(days: IntArr) -> npt.NDArray[np.int64]:
    """(n, 8) digit matrix of YYYYMMDD."""
    d = days.astype("datetime64[D]")
    y = d.astype("datetime64[Y]").astype(np.int64) + 1970
    m = d.astype("datetime64[M]").astype(np.int64) % 12 + 1
    dd = (d - d.astype("datetime64[M]")).astype(np.int64) + 1
    v = y * 10000 + m * 100 + dd
    return (v[:, None] // 10 ** np.arange(7, -1, -1)) % 10


def age_at(birth: IntArr, at: IntArr) -> IntArr:
    b = birth.astype("datetime64[D]")
    a = at.astype("datetime64[D]")
    by = b.astype("datetime64[Y]").astype(np.int64)
    ay = a.astype("datetime64[Y]").astype(np.int64)
    bdoy = (b - b.astype("datetime64[Y]")).astype(np.int64)
    adoy = (a - a.astype("datetime64[Y]")).astype(np.int64)
    return ay - by - (adoy < bdoy).astype(np.int64)


# ---------------------------------------------------------------- geography (seed-independent)
class Geo:
    def __init__(self) -> None:
        self.codes = np.array([c for c, _ in tables.COUNTIES], dtype=np.int64)
        self.names = [n for _, n in tables.COUNTIES]
        self.city = self.codes // 100
        self.is_district = np.array([n.endswith("区") for n in self.names])
        pops = np.array([tables.CITIES[int(c)][1] for c in self.city])
        ncounty = np.array([(self.city == c).sum() for c in self.city])
        w = pops / ncounty * np.where(self.is_district, 1.6, 1.0)
        self.pop_w = w / w.sum()
        self.index = {int(c): i for i, c in enumerate(self.codes)}
        self.city_codes = np.array(sorted(tables.CITIES), dtype=np.int64)
        self.city_seat = {int(c): int(self.codes[self.city == c][0]) for c in self.city_codes}
        self.migrant_codes = np.array([c for c, _ in tables.MIGRANT_COUNTIES], dtype=np.int64)
        # hospitals
        hosp: list[tuple[str, int, str]] = []
        for code, name in tables.COUNTIES:
            cname = tables.CITIES[code // 100][0]
            label = f"{cname}{name}" if name.endswith("区") else name
            hosp.append((f"{label}人民医院", code, "county"))
            if code % 3 == 0:
                hosp.append((f"{label}中医医院", code, "county"))
        for c in self.city_codes:
            cname = tables.CITIES[int(c)][0]
            seat = self.city_seat[int(c)]
            for suffix in ("第一人民医院", "中心医院", "第二人民医院"):
                hosp.append((f"{cname}{suffix}", seat, "city"))
        for code, name, tier in tables.SPECIAL_HOSPITALS:
            hosp.append((name, code, tier))
        self.hosp_name = np.array([h[0] for h in hosp])
        self.hosp_region = np.array([h[1] for h in hosp], dtype=np.int64)
        self.hosp_tier = np.array([h[2] for h in hosp])
        self.hosp_city = self.hosp_region // 100
        # candidate lists per county: local, city level, province, mine of the city
        self.local = _Groups([[int(j) for j in np.flatnonzero(
            (self.hosp_region == c) & (self.hosp_tier == "county"))] for c in self.codes])
        self.citylevel = _Groups([[int(j) for j in np.flatnonzero(
            (self.hosp_city == c // 100) & (self.hosp_tier == "city"))] for c in self.codes])
        self.province = np.flatnonzero(self.hosp_tier == "province")
        self.same_city = _Groups([[int(j) for j in np.flatnonzero(self.city == c // 100)]
                                  for c in self.codes])
        self.mine = _Groups([[int(j) for j in np.flatnonzero(
            (self.hosp_city == c // 100) & (self.hosp_tier == "mine"))] for c in self.codes])
        # funeral homes: every city, and most counties (not the city districts)
        fh: list[tuple[str, int]] = []
        for c in self.city_codes:
            fh.append((f"{tables.CITIES[int(c)][0]}殡仪馆", self.city_seat[int(c)]))
        for code, name in tables.COUNTIES:
            if not name.endswith("区") and code % 7 not in (0, 3):
                fh.append((f"{name}殡仪馆", code))
        self.fh_name = np.array([f[0] for f in fh])
        self.fh_region = np.array([f[1] for f in fh], dtype=np.int64)
        fh_of = []
        for code in self.codes:
            own = np.flatnonzero(self.fh_region == code)
            fh_of.append(int(own[0]) if own.size else
                         int(np.flatnonzero(self.fh_region == self.city_seat[int(code // 100)])[0]))
        self.fh_of_county = np.array(fh_of, dtype=np.int64)

    def cidx(self, codes: IntArr) -> IntArr:
        """County index of in-province codes (-1 elsewhere)."""
        lut = self.index
        return np.array([lut.get(int(c), -1) for c in codes], dtype=np.int64) if codes.size < 64 \
            else _lookup(self.codes, codes)

    def county_name(self, code: int) -> str:
        i = self.index.get(code)
        if i is None:
            return dict(tables.MIGRANT_COUNTIES).get(code, "")
        name = self.names[i]
        if name.endswith("区"):
            return tables.CITIES[code // 100][0] + name
        return name

    def pick_hospital(self, rng: np.random.Generator, county: IntArr,
                      p: tuple[float, float, float, float] = (0.55, 0.35, 0.07, 0.03)) -> IntArr:
        """Hospital index for events in `county` (county index): local, city, province, mine."""
        n = county.shape[0]
        tier = rng.choice(4, size=n, p=np.array(p) / sum(p))
        local = self.local.pick(rng, county)
        city = self.citylevel.pick(rng, county)
        prov = self.province[rng.integers(0, self.province.size, size=n)]
        mine = self.mine.pick(rng, county)
        out = np.where(tier == 0, local, np.where(tier == 1, city, np.where(tier == 2, prov, mine)))
        out = np.where(out < 0, city, out)
        return np.where(out < 0, local, out)


def _lookup(keys: IntArr, values: IntArr) -> IntArr:
    order = np.argsort(keys)
    sk = keys[order]
    pos = np.searchsorted(sk, values)
    pos = np.clip(pos, 0, sk.size - 1)
    found = sk[pos] == values
    return np.where(found, order[pos], -1)


class _Groups:
    """Uniform pick among a group's candidates, vectorised (-1 for an empty group)."""

    def __init__(self, groups: list[list[int]]) -> None:
        self.count = np.array([len(g) for g in groups], dtype=np.int64)
        self.offset = np.concatenate([[0], np.cumsum(self.count)[:-1]]).astype(np.int64)
        flat = [x for g in groups for x in g]
        self.flat = np.array([*flat, -1], dtype=np.int64)

    def pick(self, rng: np.random.Generator, group: IntArr) -> IntArr:
        cnt = self.count[group]
        j = (rng.random(group.shape[0]) * np.maximum(cnt, 1)).astype(np.int64)
        out = self.flat[np.minimum(self.offset[group] + j, self.flat.size - 1)]
        return np.where(cnt > 0, out, -1)


# ---------------------------------------------------------------- people
@dataclass
class People:
    rng: np.random.Generator
    chunks: list[dict[str, np.ndarray]] = field(default_factory=list)
    n: int = 0

    def add(self, birth: IntArr, male: BoolArr, hukou: IntArr,
            surname: IntArr | None = None) -> IntArr:
        k = int(birth.shape[0])
        sur, g1, g2 = names.draw_names(self.rng, male, years_of(birth))
        if surname is not None:
            sur = surname.astype(np.int64)
        self.chunks.append({"birth": birth.astype(np.int64), "male": male.astype(bool),
                            "hukou": hukou.astype(np.int64), "sur": sur, "g1": g1, "g2": g2,
                            "dup_of": np.full(k, -1, dtype=np.int64)})
        idx = np.arange(self.n, self.n + k, dtype=np.int64)
        self.n += k
        return idx

    def add_one(self, birth: int, male: bool, hukou: int, surname: int | None = None) -> int:
        s = None if surname is None else np.array([surname])
        return int(self.add(np.array([birth]), np.array([male]), np.array([hukou]), s)[0])

    def freeze(self) -> None:
        cols = {k: np.concatenate([c[k] for c in self.chunks]) for k in self.chunks[0]}
        self.chunks = [cols]

    def col(self, key: str) -> np.ndarray:
        if len(self.chunks) != 1:
            self.freeze()
        return self.chunks[0][key]

    def value(self, key: str, i: int) -> int:
        """A single person's attribute while the table is still growing."""
        starts = np.cumsum([0] + [c["birth"].shape[0] for c in self.chunks])
        j = int(np.searchsorted(starts, i, side="right")) - 1
        return int(self.chunks[j][key][i - starts[j]])

    def mark_register_duplicates(self, candidates: IntArr, share: float) -> int:
        """Some people carry an ID number that belongs to another person (of the same sex), as
        duplicated numbers do in real registers; returns how many."""
        self.freeze()
        k = max(2, int(candidates.size * share)) // 2 * 2
        pick = self.rng.choice(candidates, size=k, replace=False)
        a, b = pick[: k // 2], pick[k // 2:]
        same = self.col("male")[a] == self.col("male")[b]
        self.chunks[0]["dup_of"][b[same]] = a[same]
        return int(same.sum())

    def compute_ids(self) -> None:
        """Digits (n, 17) and check values of every person's true resident ID, unique except for
        the register duplicates."""
        self.freeze()
        c = self.chunks[0]
        n = self.n
        hukou = c["hukou"]
        region = (hukou[:, None] // 10 ** np.arange(5, -1, -1)) % 10
        dates = ymd_digits(c["birth"])
        seq = self.rng.integers(0, 500, size=n) * 2 + np.where(c["male"], 1, 0)
        key_base = hukou * 10**8 + (dates @ (10 ** np.arange(7, -1, -1)))
        for _ in range(50):
            key = key_base * 1000 + seq
            _, first = np.unique(key, return_index=True)
            dupmask = np.ones(n, dtype=bool)
            dupmask[first] = False
            if not dupmask.any():
                break
            idx = np.flatnonzero(dupmask)
            seq[idx] = self.rng.integers(0, 500, size=idx.size) * 2 + np.where(
                c["male"][idx], 1, 0)
        seqd = (seq[:, None] // 10 ** np.arange(2, -1, -1)) % 10
        digits = np.concatenate([region, dates, seqd], axis=1).astype(np.int64)
        dup_of = c["dup_of"]
        dm = dup_of >= 0
        digits[dm] = digits[dup_of[dm]]
        c["digits"] = digits
        c["check"] = ident.id_check_values(digits)
        c["id"] = ident.digits_to_strings(digits, c["check"])


def births_for_ages(rng: np.random.Generator, age_years: npt.NDArray[np.float64],
                    at_day: IntArr) -> IntArr:
    return (at_day - np.floor(age_years * 365.25)).astype(np.int64)


# ---------------------------------------------------------------- enterprises
@dataclass
class Enterprises:
    name: np.ndarray
    uscc: np.ndarray
    industry: np.ndarray
    region: IntArr
    high_risk: BoolArr
    size_w: npt.NDArray[np.float64]
    registered: BoolArr

    @property
    def n(self) -> int:
        return int(self.name.shape[0])


def make_enterprises(rng: np.random.Generator, geo: Geo, n: int) -> Enterprises:
    inds = list(tables.INDUSTRY_PROFILE)
    share = np.array([tables.INDUSTRY_PROFILE[i][0] for i in inds])
    ind = rng.choice(len(inds), size=n, p=share / share.sum())
    industry = np.array(inds)[ind]
    # counties: population weights, coal follows the coal cities
    coal_w = np.array([tables.CITY_COAL[int(c)] for c in geo.city]) * geo.pop_w
    is_mine = np.isin(industry, ["coal_mining", "non_coal_mining"])
    county = np.where(is_mine, rng.choice(geo.codes.size, size=n, p=coal_w / coal_w.sum()),
                      rng.choice(geo.codes.size, size=n, p=geo.pop_w))
    region = geo.codes[county]
    # names: place + brand + industry word + legal form; unique
    place_is_prov = rng.random(n) < 0.45
    brand1 = rng.integers(0, len(tables.BRAND_CHARS), size=n)
    brand2 = rng.integers(0, len(tables.BRAND_CHARS), size=n)
    out_names: list[str] = []
    seen: set[str] = set()
    forms = ["有限公司", "有限责任公司", "集团有限公司", "股份有限公司"]
    form_p = np.array([0.62, 0.27, 0.05, 0.06])
    form = rng.choice(len(forms), size=n, p=form_p)
    word_r = rng.random(n)
    for i in range(n):  # enterprises number in the thousands: a plain loop is fine here
        words = tables.INDUSTRY_WORDS[industry[i]]
        cname = geo.names[county[i]]
        place = "山西" if place_is_prov[i] else cname.rstrip("市县区") if len(cname) > 2 else cname
        b = tables.BRAND_CHARS[brand1[i]] + tables.BRAND_CHARS[brand2[i]]
        w = words[int(word_r[i] * len(words))]
        if industry[i] == "coal_mining" and word_r[i] < 0.25:
            nm = f"{cname}{b}煤矿"
        elif industry[i] == "manufacturing" and word_r[i] < 0.08:
            nm = f"{place}{b}{w}厂"
        else:
            nm = f"{place}{b}{w}{forms[form[i]]}"
        k = 0
        while nm in seen:
            k += 1
            b = tables.BRAND_CHARS[(brand1[i] + 7 * k) % len(tables.BRAND_CHARS)] + \
                tables.BRAND_CHARS[(brand2[i] + 3 * k) % len(tables.BRAND_CHARS)]
            nm = f"{place}{b}{w}{forms[form[i]]}" if k < 20 else f"{place}{b}{w}第{k}分公司"
        seen.add(nm)
        out_names.append(nm)
    # USCC: 9 1 + region + organisation code (8 chars + GB 11714 check) + GB 32100 check
    org_chars = np.array(list("0123456789"))
    body = org_chars[rng.integers(0, 10, size=(n, 8))]
    letters = np.array(list("ABCDEFGHJKLMNPQRTUWXY"))
    has_letter = rng.random(n) < 0.15
    body[has_letter, 0] = letters[rng.integers(0, letters.size, size=int(has_letter.sum()))]
    org_vals = np.vectorize(lambda ch: int(ch, 36))(body)
    org_check = ident.org_check_char(org_vals)
    region_digits = (region[:, None] // 10 ** np.arange(5, -1, -1)) % 10
    head = np.full((n, 2), 9)
    head[:, 1] = 1
    val = {c: i for i, c in enumerate(ident.USCC_CHARS)}
    org_v = np.vectorize(lambda ch: val[ch])(np.concatenate([body, org_check[:, None]], axis=1))
    full = np.concatenate([head, region_digits, org_v], axis=1).astype(np.int64)
    chk = ident.uscc_check_value(full)
    bad = rng.random(n) < 0.03  # some real codes fail the check
    chk = np.where(bad, (chk + rng.integers(1, 31, size=n)) % 31, chk)
    chars = np.array(list(ident.USCC_CHARS))
    allv = np.concatenate([full, chk[:, None]], axis=1)
    uscc = np.array(["".join(row) for row in chars[allv]])
    # uniqueness of USCC (collisions are astronomically rare, but make sure)
    _, first = np.unique(uscc, return_index=True)
    if first.size != n:
        raise RuntimeError("USCC collision")
    mult = np.array([tables.INDUSTRY_PROFILE[i][1] for i in industry])
    size_w = rng.lognormal(0.0, 1.25, size=n) * mult
    hr_p = np.where(np.isin(industry, ["construction"]), 0.35,
                    np.where(np.isin(industry, list(tables.HIGH_RISK)), 0.92, 0.01))
    high_risk = rng.random(n) < hr_p
    registered = rng.random(n) >= 0.015
    return Enterprises(np.array(out_names), uscc, industry, region, high_risk, size_w, registered)


def short_name(name: str, r: float) -> str:
    """How another department may write an enterprise's name."""
    if r < 0.35:
        return name.replace("有限责任公司", "有限公司")
    if r < 0.6:
        return name.replace("山西", "", 1) if name.startswith("山西") else name + " "
    if r < 0.8:
        return name.replace("有限公司", "").replace("有限责任公司", "").replace("集团", "")
    return name.replace("有限公司", "公司")


# ---------------------------------------------------------------- workers
@dataclass
class Workers:
    person: IntArr
    employer: IntArr
    start: IntArr
    end: IntArr            # main spell end (-1 open)
    used: BoolArr          # taken by a story (death, injury, incident) already
    ident: IntArr          # whose identity the main spell is enrolled under
    by_employer: dict[int, IntArr]

    @property
    def n(self) -> int:
        return int(self.person.shape[0])


def make_workers(rng: np.random.Generator, geo: Geo, people: People, ent: Enterprises,
                 n: int) -> Workers:
    emp = rng.choice(ent.n, size=n, p=ent.size_w / ent.size_w.sum())
    ind = ent.industry[emp]
    male_p = np.array([tables.INDUSTRY_PROFILE[i][2] for i in ind])
    mig_p = np.array([tables.INDUSTRY_PROFILE[i][3] for i in ind])
    male = rng.random(n) < male_p
    age = np.clip(rng.triangular(18, 38, 61, size=n), 18, 60)
    age = np.where(~male & (age > 55), rng.uniform(22, 50, size=n), age)
    birth = births_for_ages(rng, age, np.full(n, D_START)) - rng.integers(0, 365, size=n)
    ecounty = geo.cidx(ent.region[emp])
    r = rng.random(n)
    same_city_pick = rng.choice(geo.codes.size, size=n, p=geo.pop_w)
    hukou = np.where(r < 0.62, ent.region[emp], geo.codes[same_city_pick])
    # same city: a county of the employer's city
    same_city = (r >= 0.62) & (r < 0.85)
    hukou[same_city] = geo.codes[geo.same_city.pick(rng, ecounty[same_city])]
    mig = rng.random(n) < mig_p
    hukou[mig] = geo.migrant_codes[rng.integers(0, geo.migrant_codes.size, size=int(mig.sum()))]
    person = people.add(birth, male, hukou)
    age_now = (D_START - birth) / 365.25
    earliest = birth + (18 * 365.25)
    span = np.minimum(age_now - 18, 18.0)
    start = (D_END - rng.random(n) ** 1.6 * span * 365.25).astype(np.int64)
    start = np.maximum(start, earliest.astype(np.int64))
    end = np.full(n, -1, dtype=np.int64)
    leaves = rng.random(n) < 0.16
    end[leaves] = rng.integers(D_START, D_EXTRACT, size=int(leaves.sum()))
    end = np.where((end >= 0) & (end <= start), start + 30, end)
    order = np.argsort(emp, kind="stable")
    bounds = np.searchsorted(emp[order], np.arange(ent.n + 1))
    by_emp = {int(e): order[bounds[e]:bounds[e + 1]] for e in range(ent.n)
              if bounds[e + 1] > bounds[e]}
    return Workers(person, emp.astype(np.int64), start, end, np.zeros(n, dtype=bool),
                   person.copy(), by_emp)

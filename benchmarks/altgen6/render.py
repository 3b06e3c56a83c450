"""Turning pre-records into department exports: names, IDs, codes, formats and files.

Each department has its own habits. The choices here (all allowed by the data contract):
- accidents, accident_victims: CSV in GB18030 (the emergency-management system's export);
  datetimes `YYYY-MM-DD HH:MM` or, from some counties, `YYYY/M/D HH:MM`; sex `男`/`女`.
- deregistrations: CSV, UTF-8 without BOM; police dates `YYYYMMDD` (some stations ISO);
  sex `1`/`2` (GB/T 2261).
- cremations: CSV in GB18030; each funeral home writes dates its own way (ISO, `YYYY/M/D`,
  `YYYY年M月D日`); sex `男`/`女` or empty.
- medical_records: CSV, UTF-8 with BOM; datetimes `YYYY-MM-DD HH:MM:SS` or `YYYY/M/D HH:MM`
  by hospital; sex `M`/`F`, from some hospitals `男`/`女`.
- injury_claims, employment, enterprises: Parquet with typed dates and booleans.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import polars as pl

from . import ids, names
from .population import Enterprises, People

# per source: share of names recorded wrongly, and the kinds of error
NAME_NOISE: dict[str, tuple[float, dict[str, float]]] = {
    "accident_victims": (0.08, {"homophone": 40, "traditional": 5, "drop": 10, "duplicate": 5,
                                "space": 15, "middle_dot": 5, "pinyin": 5,
                                "variant_surname": 15}),
    "deregistrations": (0.025, {"variant_surname": 35, "traditional": 25, "space": 25,
                                "homophone": 15}),
    "cremations": (0.14, {"homophone": 40, "traditional": 12, "drop": 10, "duplicate": 5,
                          "space": 10, "middle_dot": 5, "pinyin": 3, "variant_surname": 15}),
    "injury_claims": (0.05, {"homophone": 40, "space": 25, "traditional": 10, "drop": 10,
                             "variant_surname": 15}),
    "medical_records": (0.10, {"homophone": 35, "space": 15, "middle_dot": 8, "pinyin": 15,
                               "drop": 10, "duplicate": 5, "traditional": 7,
                               "variant_surname": 5}),
    "employment": (0.04, {"homophone": 35, "traditional": 15, "space": 20, "pinyin": 5,
                          "variant_surname": 25}),
}
# per source: probability of each kind of ID defect
ID_NOISE: dict[str, dict[str, float]] = {
    "accident_victims": {"missing": .04, "typo1": .02, "transposed": .01, "wrong_check": .01,
                         "valid_corrupt": .005, "legacy15": .005},
    "deregistrations": {"missing": .01, "typo1": .004, "transposed": .002,
                        "wrong_check": .002, "valid_corrupt": .002, "legacy15": .01},
    "cremations": {"missing": .28, "typo1": .05, "transposed": .02, "wrong_check": .02,
                   "valid_corrupt": .01, "legacy15": .02},
    "injury_claims": {"missing": .01, "typo1": .01, "transposed": .005, "wrong_check": .005,
                      "valid_corrupt": .003, "legacy15": .002},
    "medical_records": {"missing": .18, "typo1": .03, "transposed": .01, "wrong_check": .01,
                        "valid_corrupt": .005, "legacy15": .005},
    "employment": {"typo1": .008, "transposed": .004, "wrong_check": .003,
                   "valid_corrupt": .003, "legacy15": .004},
}
LOWER_X = {"cremations": 0.4, "medical_records": 0.3, "injury_claims": 0.2,
           "accident_victims": 0.1}
SEX_STYLE: dict[str, tuple[str, str, float]] = {  # male, female, share missing
    "accident_victims": ("男", "女", 0.02),
    "deregistrations": ("1", "2", 0.0),
    "cremations": ("男", "女", 0.08),
    "injury_claims": ("M", "F", 0.01),
    "medical_records": ("M", "F", 0.03),
}


def _stable_u(text: str) -> float:
    """A per-office constant in [0, 1): the same funeral home always writes dates one way."""
    return int(hashlib.md5(text.encode()).hexdigest()[:8], 16) / 2 ** 32


class Renderer:
    def __init__(self, rng: np.random.Generator, people: People, ent: Enterprises,
                 borrowed: set[int]) -> None:
        self.rng, self.people, self.ent = rng, people, ent
        self.id_kinds: dict[str, list[tuple[str, str]]] = {}
        # borrowed identities: a relative's name and ID number (same family, other birth)
        self.borrowed: dict[int, tuple[str, str, np.datetime64]] = {}
        bp = np.array(sorted(borrowed), np.int64)
        if len(bp):
            shift = (rng.choice([-1, 1], len(bp)) * rng.uniform(3, 14, len(bp)) * 365.25)
            birth = people.birth[bp] + shift.astype(np.int64).astype("timedelta64[D]")
            region = people.id18[bp].astype("U18")
            region = np.array([s[:6] for s in region])
            male = people.male[bp]
            by = birth.astype("datetime64[Y]").astype(int) + 1970
            given = names.sample_given(rng, male, by)
            idn = ids.make_ids(region, birth, male, rng)
            for p, g, i, b in zip(bp, given, idn, birth, strict=True):
                self.borrowed[int(p)] = (people.surname[p] + g, i, b)

    # -- who ---------------------------------------------------------------------------
    def identity(self, src: str, person: np.ndarray, use_borrowed: bool = False
                 ) -> tuple[list[str], list[str | None], np.ndarray]:
        """Recorded names and ID numbers, with this source's errors; also birth dates."""
        r, pp = self.rng, self.people
        n = len(person)
        rate, kinds = NAME_NOISE[src]
        noisy = r.random(n) < rate
        kind_pick = r.choice(list(kinds), n, p=np.array(list(kinds.values())) / sum(
            kinds.values()))
        sur, giv, idn = pp.surname[person], pp.given[person], pp.id18[person]
        birth = pp.birth[person].copy()
        out_names: list[str] = []
        out_ids: list[str | None] = []
        noise = ID_NOISE[src]
        id_kind = r.choice(["clean", *noise], n, p=[1 - sum(noise.values()), *noise.values()])
        lower = r.random(n) < LOWER_X.get(src, 0.0)
        rec_kinds = []
        for i in range(n):
            s, g, idv = sur[i], giv[i], idn[i]
            if use_borrowed and int(person[i]) in self.borrowed:
                full, idv, birth[i] = self.borrowed[int(person[i])]
                s, g = full[: len(s)], full[len(s):]
            out_names.append(names.corrupt_name(s, g, str(kind_pick[i]), r) if noisy[i]
                             else s + g)
            k = str(id_kind[i])
            if k == "missing":
                v = None
            elif k == "typo1":
                v = ids.typo_digit(idv, r)
            elif k == "transposed":
                v = ids.transpose(idv, r)
            elif k == "wrong_check":
                v = ids.wrong_check(idv, r)
            elif k == "valid_corrupt":
                v = ids.typo_keep_check(idv, r)
            elif k == "legacy15":
                v = ids.legacy15(idv)
            else:
                v = idv
            if k == "clean" and idv.endswith("X") and lower[i]:
                v, k = idv[:-1] + "x", "lower_x"
            out_ids.append(v)
            rec_kinds.append(k)
        self._last_kinds = rec_kinds
        return out_names, out_ids, birth

    def sex(self, src: str, person: np.ndarray) -> np.ndarray:
        m, f, miss = SEX_STYLE[src]
        male = self.people.male[person]
        out = np.where(male, m, f).astype(object)
        out[self.rng.random(len(person)) < miss] = None
        return out

    # -- employers ---------------------------------------------------------------------
    def employer_names(self, emp: np.ndarray, style: Mapping[str, float]) -> list[str | None]:
        """Employer names as a department writes them (-1 = none recorded)."""
        kinds = list(style)
        pick = self.rng.choice(len(kinds), len(emp), p=np.array(list(style.values())) / sum(
            style.values()))
        out: list[str | None] = []
        for e, k in zip(emp.tolist(), pick.tolist(), strict=True):
            if e < 0:
                out.append(None)
            elif kinds[k] == "canonical":
                out.append(str(self.ent.name[e]))
            else:
                out.append(self._variant(e, kinds[k]))
        return out

    def _variant(self, e: int, kind: str) -> str:
        r, ent = self.rng, self.ent
        name = str(ent.name[e])
        suffixes = ("股份有限公司", "集团有限公司", "有限责任公司", "有限公司")
        suf = next((s for s in suffixes if name.endswith(s)), "")
        stem = name[: len(name) - len(suf)]
        if kind == "swap" and suf in ("有限公司", "有限责任公司"):
            return stem + ("有限责任公司" if suf == "有限公司" else "有限公司")
        if kind == "drop_suffix" and suf:
            return stem
        if kind == "drop_prefix":
            z = str(ent.zihao[e])
            return name[name.find(z):] if z in name else name
        if kind == "abbrev":
            return f"{ent.zihao[e]}{ent.word[e]}"
        if kind == "branch":
            ind = ent.industry[e]
            if ind in ("coal_mining", "non_coal_mining"):
                return f"{name}{ent.zihao[e][0]}{r.choice(['家沟', '峪', '庄', '岭'])}矿"
            if ind == "construction":
                return f"{name}第{'一二三四五'[int(r.integers(5))]}项目部"
            return f"{name}{r.choice(['分公司', '一分厂', '生产车间'])}"
        if kind == "typo":
            z = str(ent.zihao[e])
            alts = [c for c in names.HOMOPHONES.get(z[-1], z[-1]) if c != z[-1]]
            if alts and z in name:
                return name.replace(z, z[:-1] + alts[0], 1)
        if kind == "space":
            i = int(r.integers(2, len(name) - 1))
            return name[:i] + " " + name[i:]
        return name

    def employer_uscc(self, e: int, p_missing: float, p_bad: float) -> str | None:
        u = self.rng.random()
        if u < p_missing:
            return None
        if u < p_missing + p_bad:
            return ids.corrupt_uscc(str(self.ent.uscc[e]), self.rng)
        return str(self.ent.uscc[e])


# -- formatting --------------------------------------------------------------------------
def fmt_dates(col: pl.Expr, style: pl.Expr) -> pl.Expr:
    """Format a Date column by a per-row style code (0 ISO, 1 Y/M/D, 2 YYYYMMDD, 3 年月日)."""
    return (pl.when(style == 1).then(col.dt.strftime("%Y/%-m/%-d"))
            .when(style == 2).then(col.dt.strftime("%Y%m%d"))
            .when(style == 3).then(col.dt.strftime("%Y年%-m月%-d日"))
            .otherwise(col.dt.strftime("%Y-%m-%d")))


def fmt_datetimes(col: pl.Expr, style: pl.Expr) -> pl.Expr:
    """0 `YYYY-MM-DD HH:MM`, 1 `YYYY/M/D HH:MM`, 2 `YYYY-MM-DD HH:MM:SS`."""
    return (pl.when(style == 1).then(col.dt.strftime("%Y/%-m/%-d %H:%M"))
            .when(style == 2).then(col.dt.strftime("%Y-%m-%d %H:%M:%S"))
            .otherwise(col.dt.strftime("%Y-%m-%d %H:%M")))


def write_csv(df: pl.DataFrame, path: Path, encoding: str) -> None:
    """`utf-8`, `utf-8-sig` (with BOM) or `gb18030`; nulls as empty fields."""
    text = df.write_csv(null_value="")
    path.write_bytes(text.encode(encoding))


def assign_ids(df: pl.DataFrame, order_cols: list[str], prefix: str, width: int,
               rng: np.random.Generator) -> pl.DataFrame:
    """Sort the way a register is kept (by date), then number the rows."""
    tie = rng.permutation(df.height)
    df = df.with_columns(pl.Series("_tie", tie)).sort([*order_cols, "_tie"]).drop("_tie")
    rid = [f"{prefix}{i:0{width}d}" for i in range(1, df.height + 1)]
    return df.with_columns(pl.Series("record_id", rid))

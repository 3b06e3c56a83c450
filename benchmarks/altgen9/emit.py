"""Department exports: each source's noise (names, IDs, sex codes, date styles, employer names),
record keys, file formats and encodings; and the ground truth."""

from __future__ import annotations

import random
from pathlib import Path
from typing import cast

import numpy as np
import polars as pl

from .ident import corrupt_id, corrupt_uscc
from .names import noisy_name
from .scenario import World
from .world import DX, NULL_DAY, OPEN

FORMATS = {"accidents": "utf-8-sig", "accident_victims": "gb18030",
           "deregistrations": "gb18030", "cremations": "utf-8", "injury_claims": "utf-8-sig",
           "medical_records": "parquet", "employment": "parquet", "enterprises": "utf-8"}

# ID faults per source (probability per record); lower_x is the share of X-ending IDs
ID_RATES = {
    "accident_victims": {"missing": .15, "wrong_check": .02, "typo1": .03, "transposed": .01,
                         "legacy15": .01, "valid_corrupt": .003, "lower_x": .3},
    "deregistrations": {"missing": .01, "typo1": .004, "wrong_check": .002, "legacy15": .004,
                        "lower_x": .05},
    "cremations": {"missing": .25, "typo1": .04, "transposed": .02, "wrong_check": .02,
                   "legacy15": .05, "valid_corrupt": .005, "borrowed": .004, "lower_x": .4},
    "injury_claims": {"missing": .02, "typo1": .015, "transposed": .005, "wrong_check": .005,
                      "legacy15": .003, "lower_x": .2},
    "medical_records": {"missing": .10, "typo1": .03, "transposed": .01, "wrong_check": .01,
                        "legacy15": .02, "valid_corrupt": .005, "borrowed": .002, "lower_x": .5},
    "employment": {"typo1": .01, "transposed": .005, "wrong_check": .005, "legacy15": .002,
                   "valid_corrupt": .003, "lower_x": .1},
}
NAME_RATES = {
    "accident_victims": {"homophone": .06, "traditional": .01, "drop": .01, "double": .005,
                         "space": .01, "mongol": .3},
    "deregistrations": {"homophone": .01, "traditional": .003, "mongol": .06},
    "cremations": {"homophone": .05, "traditional": .02, "drop": .01, "space": .01,
                   "mongol": .3},
    "injury_claims": {"homophone": .02, "traditional": .005, "space": .005, "mongol": .15},
    "medical_records": {"homophone": .04, "traditional": .01, "drop": .01, "double": .005,
                        "space": .015, "pinyin": .003, "mongol": .22},
    "employment": {"homophone": .02, "space": .005, "mongol": .12},
}
FAULT_ORDER = ("missing", "legacy15", "wrong_check", "typo1", "transposed", "valid_corrupt",
               "borrowed")


class Emitter:
    def __init__(self, w: World, seed: int) -> None:
        self.w = w
        self.p = w.people
        self.g = w.geo
        self.e = w.ent
        self.r = random.Random(seed * 31 + 5)
        self.rng = np.random.default_rng(seed + 1000003)
        self.id_kinds: dict[str, list[tuple[str, str]]] = {}
        self.birth_year = (self.p.birth[: self.p.n].astype("datetime64[D]")
                           .astype("datetime64[Y]").astype(np.int64) + 1970)

    # ------------------------------------------------------------------ person fields
    def persons(self, src: str, pids: list[int], emerg: list[bool] | None = None
                ) -> tuple[list[str | None], list[str | None], list[str]]:
        r, p = self.r, self.p
        ids = cast(np.ndarray, p.ids)
        rates = ID_RATES[src]
        nrates = NAME_RATES[src]
        names: list[str | None] = []
        out_ids: list[str | None] = []
        kinds: list[str] = []
        n_all = p.n
        for k, pid in enumerate(pids):
            names.append(noisy_name(p.names[pid], p.parts.get(pid), r, nrates))
            true = ids[pid]
            u = r.random()
            kind = "clean"
            acc = 0.0
            for f in FAULT_ORDER:
                rate = rates.get(f, 0.0)
                if f == "missing" and emerg is not None and emerg[k]:
                    rate = 0.4
                if f == "legacy15" and self.birth_year[pid] < 1950:
                    rate *= 2
                acc += rate
                if u < acc:
                    kind = f
                    break
            if kind == "legacy15" and self.birth_year[pid] >= 1985:
                kind = "clean"
            if kind == "clean" and true.endswith("X") and r.random() < rates["lower_x"]:
                kind = "lower_x"
            other = ids[r.randrange(n_all)] if kind == "borrowed" else None
            if kind == "borrowed" and other == true:
                kind = "clean"
            out_ids.append(corrupt_id(true, kind, r, other))
            kinds.append(kind)
        return names, out_ids, kinds

    def sex(self, pids: np.ndarray, style: np.ndarray, p_missing: float) -> list[str | None]:
        """style 0: M/F, 1: 男/女, 2: 1/2."""
        male = self.p.male[pids]
        codes = np.array([["F", "M"], ["女", "男"], ["2", "1"]], dtype=object)
        out = codes[style, male.astype(np.int64)]
        out[self.rng.random(len(pids)) < p_missing] = None
        return out.tolist()

    def age(self, pids: np.ndarray, days: np.ndarray, p_missing: float,
            p_nominal: float = 0.0, p_off: float = 0.0) -> list[int | None]:
        a = self.p.age_at(pids, days)
        u = self.rng.random(len(pids))
        a = np.where(u < p_nominal, a + 1, a)  # 虚岁, the nominal age
        a = np.where((u >= p_nominal) & (u < p_nominal + p_off),
                     a + self.rng.choice([-1, 1], size=len(pids)), a)
        out = a.astype(object)
        out[self.rng.random(len(pids)) < p_missing] = None
        return out.tolist()

    def employer(self, ents: np.ndarray, p_canon: float, p_miss_u: float, p_typo_u: float
                 ) -> tuple[list[str | None], list[str | None]]:
        r, e = self.r, self.e
        names: list[str | None] = []
        usccs: list[str | None] = []
        for x in ents.tolist():
            if x < 0:
                names.append(None)
                usccs.append(None)
                continue
            v = e.variants[x]
            names.append(v[0] if r.random() < p_canon else r.choice(v[1:]))
            u = r.random()
            if u < p_miss_u:
                usccs.append(None)
            elif u < p_miss_u + p_typo_u:
                usccs.append(corrupt_uscc(e.uscc[x], r))
            else:
                usccs.append(e.uscc[x])
        return names, usccs

    # ------------------------------------------------------------------ formatting
    @staticmethod
    def dates(days, style: np.ndarray) -> pl.Series:
        """0 ISO, 1 YYYY/M/D, 2 YYYYMMDD, 3 YYYY年M月D日; NULL_DAY or None is null."""
        df = pl.DataFrame({"d": pl.Series(days, dtype=pl.Int64),
                           "st": pl.Series(style, dtype=pl.Int64)})
        d = pl.when(pl.col("d") > NULL_DAY).then(pl.col("d")).cast(pl.Int32).cast(pl.Date)
        return df.select(
            pl.when(pl.col("st") == 0).then(d.dt.strftime("%Y-%m-%d"))
            .when(pl.col("st") == 1).then(d.dt.strftime("%Y/%-m/%-d"))
            .when(pl.col("st") == 2).then(d.dt.strftime("%Y%m%d"))
            .otherwise(d.dt.strftime("%Y年%-m月%-d日")).alias("x"))["x"]

    @staticmethod
    def datetimes(secs, style: np.ndarray) -> pl.Series:
        s = pl.Series("s", secs, dtype=pl.Int64)
        df = pl.DataFrame({"t": pl.from_epoch(s, time_unit="s"),
                           "st": pl.Series(style, dtype=pl.Int64)})
        return df.select(
            pl.when(pl.col("st") == 0).then(pl.col("t").dt.strftime("%Y-%m-%d %H:%M:%S"))
            .otherwise(pl.col("t").dt.strftime("%Y/%-m/%-d %H:%M")).alias("x"))["x"]

    def _styles(self, n: int, weights: list[float]) -> np.ndarray:
        w = np.array(weights, dtype=float)
        return self.rng.choice(len(w), size=n, p=w / w.sum())

    @staticmethod
    def _keys(df: pl.DataFrame, group: str, sort: list[str], fmt) -> pl.DataFrame:
        """Record ids numbered within ``group`` in the order of ``sort``; ``fmt`` makes the
        final id from the group key, the year and the number."""
        df = df.sort([group, *sort]).with_columns(
            (pl.int_range(pl.len()).over([group, "_year"]) + 1).alias("_seq"))
        ids = [fmt(g, y, k) for g, y, k in zip(df[group].to_list(), df["_year"].to_list(),
                                                df["_seq"].to_list(), strict=True)]
        return df.with_columns(pl.Series("record_id", ids)).sort("record_id")

    @staticmethod
    def _year(days: np.ndarray) -> np.ndarray:
        return days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970

    # ------------------------------------------------------------------ sources
    def run(self, out: Path) -> dict:
        out.mkdir(parents=True, exist_ok=True)
        (out / "truth").mkdir(exist_ok=True)
        tables: dict[str, pl.DataFrame] = {}
        rp: list[pl.DataFrame] = []
        acc, acc_ids = self.accidents()
        tables["accidents"] = acc
        for src, fn in (("accident_victims", lambda: self.victims(acc_ids)),
                        ("deregistrations", self.deregistrations),
                        ("cremations", self.cremations),
                        ("injury_claims", self.claims),
                        ("medical_records", self.medical),
                        ("employment", self.employment)):
            df = fn()
            self.id_kinds[src] = list(zip(df["record_id"].to_list(), df["_kind"].to_list(),
                                          strict=True))
            rp.append(df.select(pl.lit(src).alias("source"), "record_id",
                                pl.format("P{}", pl.col("_pid").cast(pl.Utf8).str.zfill(7))
                                .alias("person_id")))
            tables[src] = df.drop([c for c in df.columns if c.startswith("_")])
        tables["enterprises"] = self.enterprises()
        for src, df in tables.items():
            self.write(out, src, df)
        truth = self.truth(acc_ids, pl.concat(rp))
        for name, df in truth.items():
            df.write_parquet(out / "truth" / f"{name}.parquet")
        inc = truth["incidents"]
        ip = truth["incident_person"].join(inc.select("incident_id", "kind"), on="incident_id")
        hidden = ip.filter((pl.col("kind") != "reported") & (pl.col("outcome") == "death")
                           & (pl.col("reported_outcome").is_null()
                              | (pl.col("reported_outcome") != "death")))
        conc = inc.filter(pl.col("kind") == "concealed")
        return {
            "rows": {src: df.height for src, df in tables.items()},
            "truth_rows": {k: v.height for k, v in truth.items()},
            "incidents": {k: int((inc["kind"] == k).sum())
                          for k in ("reported", "under_reported", "concealed")},
            "concealed_injury_only": int((conc["true_deaths"] == 0).sum()),
            "hidden_deaths": hidden.height,
            "deaths": {k: int((truth["deaths"]["death_class"] == k).sum())
                       for k in ("natural", "non_occupational", "incident")},
            "id_kinds": self.id_kinds,
            "formats": FORMATS,
        }

    def write(self, out: Path, src: str, df: pl.DataFrame) -> None:
        enc = FORMATS[src]
        if enc == "parquet":
            df.write_parquet(out / f"{src}.parquet", statistics=False)
            return
        text = df.write_csv()
        data = text.encode("gb18030") if enc == "gb18030" else text.encode("utf-8")
        if enc == "utf-8-sig":
            data = b"\xef\xbb\xbf" + data
        (out / f"{src}.csv").write_bytes(data)

    def accidents(self) -> tuple[pl.DataFrame, dict[int, str]]:
        w, g = self.w, self.g
        rows = [(i, inc) for i, inc in enumerate(w.incidents) if inc.reported]
        idx = np.array([i for i, _ in rows], dtype=np.int64)
        incs = [inc for _, inc in rows]
        region = np.array([inc.county for inc in incs], dtype=np.int64)
        reg_style = self._styles(g.n_im, [65, 35])
        st = reg_style[region]
        ents = np.array([inc.ent for inc in incs], dtype=np.int64)
        ename, euscc = self.employer(ents, 0.75, 0.06, 0.02)
        # a coal mine's report names the mine as often as the company
        occ = np.array([inc.sec for inc in incs], dtype=np.int64)
        df = pl.DataFrame({
            "_i": idx,
            "_year": self._year(occ // 86400),
            "_region": g.code[region],
            "_occ": occ,
            "occurred_at": self.datetimes(occ, st),
            "reported_at": self.datetimes(np.array([inc.rep_sec for inc in incs]), st),
            "region_code": g.code[region],
            "address": [inc.address for inc in incs],
            "enterprise_name": ename,
            "enterprise_uscc": euscc,
            "industry": [inc.industry for inc in incs],
            "accident_type": [inc.atype for inc in incs],
            "reported_deaths": [inc.rd for inc in incs],
            "reported_serious_injuries": [inc.rs for inc in incs],
            "reported_minor_injuries": [inc.rm for inc in incs],
            "direct_loss_10k_yuan": pl.Series([inc.loss for inc in incs], dtype=pl.Float64),
        })
        df = self._keys(df, "_region", ["_occ", "_i"], lambda gk, y, k: f"AJ{gk}{y}{k:03d}")
        acc_ids = dict(zip(df["_i"].to_list(), df["record_id"].to_list(), strict=True))
        cols = ["record_id", "occurred_at", "reported_at", "region_code", "address",
                "enterprise_name", "enterprise_uscc", "industry", "accident_type",
                "reported_deaths", "reported_serious_injuries", "reported_minor_injuries",
                "direct_loss_10k_yuan"]
        return df.select(cols), acc_ids

    def victims(self, acc_ids: dict[int, str]) -> pl.DataFrame:
        d = self.w.victims.d
        pids = np.array(d["pid"], dtype=np.int64)
        names, ids, kinds = self.persons("accident_victims", pids.tolist())
        order = {"death": 0, "serious_injury": 1, "minor_injury": 2}
        df = pl.DataFrame({
            "_pid": pids, "_inc": d["inc"], "_o": [order[o] for o in d["outcome"]],
            "_rand": self.rng.random(len(pids)),
            "accident_id": [acc_ids[i] for i in d["inc"]],
            "name": names, "id_number": ids,
            "sex": self.sex(pids, np.zeros(len(pids), dtype=np.int64), 0.08),
            "age": pl.Series(self.age(pids, np.array(d["day"], dtype=np.int64), 0.1, 0.0, 0.08),
                             dtype=pl.Int64),
            "outcome": d["outcome"], "_kind": kinds,
        }).sort(["accident_id", "_o", "_rand"])
        df = df.with_columns(
            pl.format("{}-{}", pl.col("accident_id"),
                      (pl.int_range(pl.len()).over("accident_id") + 1).cast(pl.Utf8)
                      .str.zfill(2)).alias("record_id"))
        return df.select("record_id", "accident_id", "name", "id_number", "sex", "age",
                         "outcome", "_pid", "_kind")

    def deregistrations(self) -> pl.DataFrame:
        g, d = self.g, self.w.dereg.d
        pids = np.array(d["pid"], dtype=np.int64)
        names, ids, kinds = self.persons("deregistrations", pids.tolist())
        region = self.p.home[pids]
        st = np.where(self._styles(len(g.code), [80, 20]) == 1, 2, 0)[region]
        birth = self.p.birth[pids].copy()
        birth[self.rng.random(len(pids)) < 0.01] = NULL_DAY
        dd = np.array(d["dereg"], dtype=np.int64)
        df = pl.DataFrame({
            "_pid": pids, "_kind": kinds, "_dd": dd, "_year": self._year(dd),
            "_g": np.zeros(len(pids), dtype=np.int64), "_rand": self.rng.random(len(pids)),
            "name": names, "id_number": ids, "sex": self.sex(pids, np.ones(len(pids), np.int64),
                                                             0.005),
            "birth_date": self.dates(birth, st), "death_date": self.dates(d["death"], st),
            "deregistered_on": self.dates(dd, st), "region_code": g.code[region],
            "reason": d["reason"], "death_cause": pl.Series(d["cause"], dtype=pl.Utf8),
        })
        df = self._keys(df, "_g", ["_dd", "_rand"], lambda gk, y, k: f"ZX{y}{k:07d}")
        return df.select("record_id", "name", "id_number", "sex", "birth_date", "death_date",
                         "deregistered_on", "region_code", "reason", "death_cause", "_pid",
                         "_kind")

    def cremations(self) -> pl.DataFrame:
        g, d = self.g, self.w.crem.d
        pids = np.array(d["pid"], dtype=np.int64)
        names, ids, kinds = self.persons("cremations", pids.tolist())
        fh = np.array(d["fh"], dtype=np.int64)
        n_fh = len(g.fh_name)
        fh_date = self._styles(n_fh, [50, 30, 20])
        fh_date = np.where(fh_date == 2, 3, fh_date)  # ISO, YYYY/M/D or YYYY年M月D日
        fh_sex = self._styles(n_fh, [30, 70])  # M/F or 男/女
        cd = np.array(d["crem"], dtype=np.int64)
        death = np.array(d["death"], dtype=np.int64)
        age_day = np.where(death > NULL_DAY, death, cd)
        df = pl.DataFrame({
            "_pid": pids, "_kind": kinds, "_cd": cd, "_year": self._year(cd),
            "_fh": [f"BY{g.code[g.fh_region[x]]}{x:02d}" for x in fh.tolist()],
            "_rand": self.rng.random(len(pids)),
            "name": names, "id_number": ids, "sex": self.sex(pids, fh_sex[fh], 0.08),
            "age": pl.Series(self.age(pids, age_day, 0.06, 0.15), dtype=pl.Int64),
            "death_date": self.dates(death, fh_date[fh]),
            "cremated_on": self.dates(cd, fh_date[fh]),
            "funeral_home": [g.fh_name[x] for x in fh.tolist()],
            "region_code": g.code[g.fh_region[fh]],
            "death_cause": pl.Series(d["cause"], dtype=pl.Utf8),
            "certificate_issuer": pl.Series(d["cert"], dtype=pl.Utf8),
            "body_origin": pl.Series(d["origin"], dtype=pl.Utf8),
        })
        df = self._keys(df, "_fh", ["_cd", "_rand"], lambda gk, y, k: f"{gk}{y}{k:05d}")
        return df.select("record_id", "name", "id_number", "sex", "age", "death_date",
                         "cremated_on", "funeral_home", "region_code", "death_cause",
                         "certificate_issuer", "body_origin", "_pid", "_kind")

    def claims(self) -> pl.DataFrame:
        g, d = self.g, self.w.claim.d
        pids = np.array(d["pid"], dtype=np.int64)
        names, ids, kinds = self.persons("injury_claims", pids.tolist())
        region = np.array(d["region"], dtype=np.int64)
        reg_date = self._styles(g.n_im, [70, 30])[region]
        reg_sex = np.where(self._styles(g.n_im, [70, 30]) == 0, 2, 1)[region]
        ename, euscc = self.employer(np.array(d["ent"], dtype=np.int64), 0.7, 0.1, 0.03)
        app = np.array(d["app"], dtype=np.int64)
        df = pl.DataFrame({
            "_pid": pids, "_kind": kinds, "_app": app, "_year": self._year(app),
            "_region": g.code[region], "_rand": self.rng.random(len(pids)),
            "name": names, "id_number": ids, "sex": self.sex(pids, reg_sex, 0.02),
            "employer_name": ename, "employer_uscc": euscc,
            "injury_date": self.dates(d["inj"], reg_date),
            "applied_on": self.dates(app, reg_date),
            "decided_on": self.dates(d["dec"], reg_date),
            "outcome": d["outcome"], "injury_description": pl.Series(d["desc"], dtype=pl.Utf8),
            "region_code": g.code[region],
        })
        df = self._keys(df, "_region", ["_app", "_rand"], lambda gk, y, k: f"GS{gk}{y}{k:05d}")
        return df.select("record_id", "name", "id_number", "sex", "employer_name",
                         "employer_uscc", "injury_date", "applied_on", "decided_on", "outcome",
                         "injury_description", "region_code", "_pid", "_kind")

    def medical(self) -> pl.DataFrame:
        g, d = self.g, self.w.med.d
        pids = np.array(d["pid"], dtype=np.int64)
        emerg = [bool(x) for x in d["emerg"]]
        names, ids, kinds = self.persons("medical_records", pids.tolist(), emerg)
        hosp = np.array(d["hosp"], dtype=np.int64)
        h_sex = np.where(self._styles(len(g.h_name), [55, 45]) == 0, 0, 2)[hosp]
        adm = np.array(d["adm"], dtype=np.int64)
        ents = np.array(d["ent"], dtype=np.int64)
        ename, _ = self.employer(ents, 0.5, 1.0, 0.0)
        df = pl.DataFrame({
            "_pid": pids, "_kind": kinds, "_adm": adm, "_year": self._year(adm // 86400),
            "_h": [g.h_code[x] for x in hosp.tolist()], "_rand": self.rng.random(len(pids)),
            "name": names, "id_number": ids, "sex": self.sex(pids, h_sex, 0.06),
            "age": pl.Series(self.age(pids, adm // 86400, 0.04), dtype=pl.Int64),
            "hospital": [g.h_name[x] for x in hosp.tolist()],
            "region_code": g.code[g.h_region[hosp]],
            "admitted_at": pl.from_epoch(pl.Series(adm), time_unit="s").cast(pl.Datetime("us")),
            "discharged_at": pl.from_epoch(pl.Series(d["dis"], dtype=pl.Int64), time_unit="s")
            .cast(pl.Datetime("us")),
            "diagnosis_icd10": d["dx"],
            "external_cause_icd10": pl.Series(d["ext"], dtype=pl.Utf8),
            "disposition": d["disp"], "payer": pl.Series(d["payer"], dtype=pl.Utf8),
            "employer_name": pl.Series(ename, dtype=pl.Utf8),
        })
        df = self._keys(df, "_h", ["_adm", "_rand"],
                        lambda gk, y, k: f"H{gk}-{y % 100:02d}{k:06d}")
        return df.select("record_id", "name", "id_number", "sex", "age", "hospital",
                         "region_code", "admitted_at", "discharged_at", "diagnosis_icd10",
                         "external_cause_icd10", "disposition", "payer", "employer_name",
                         "_pid", "_kind")

    def employment(self) -> pl.DataFrame:
        w, e = self.w, self.e
        sw, se, ss, sn = w.spells
        names, ids, kinds = self.persons("employment", sw.tolist())
        names = [None if self.r.random() < 0.05 else x for x in names]
        ename, euscc = self.employer(se, 0.85, 0.05, 0.015)
        ind = e.industry[se].astype(object)
        ind[self.rng.random(len(se)) < 0.08] = None
        end = np.where((sn >= OPEN) | (sn > DX), NULL_DAY, sn)
        df = pl.DataFrame({
            "_pid": sw, "_kind": kinds, "_s": ss, "_year": np.zeros(len(sw), dtype=np.int64),
            "_g": np.zeros(len(sw), dtype=np.int64), "_rand": self.rng.random(len(sw)),
            "id_number": ids, "name": pl.Series(names, dtype=pl.Utf8),
            "employer_name": ename, "employer_uscc": pl.Series(euscc, dtype=pl.Utf8),
            "industry": pl.Series(ind.tolist(), dtype=pl.Utf8),
            "start_date": pl.Series(ss, dtype=pl.Int64).cast(pl.Int32).cast(pl.Date),
            "end_date": pl.Series([None if x == NULL_DAY else x for x in end.tolist()],
                                  dtype=pl.Int32).cast(pl.Date),
        })
        df = self._keys(df, "_g", ["_s", "_rand"], lambda gk, y, k: f"SB{k:09d}")
        return df.select("record_id", "id_number", "name", "employer_name", "employer_uscc",
                         "industry", "start_date", "end_date", "_pid", "_kind")

    def enterprises(self) -> pl.DataFrame:
        e, g = self.e, self.g
        return pl.DataFrame({
            "uscc": e.uscc, "name": e.name, "industry": e.industry.tolist(),
            "region_code": g.code[e.region], "high_risk": e.high_risk.tolist(),
        }).sort("uscc")

    # ------------------------------------------------------------------ truth
    def truth(self, acc_ids: dict[int, str], rp: pl.DataFrame) -> dict[str, pl.DataFrame]:
        w = self.w
        kind_name = {"reported": "reported", "under": "under_reported", "concealed": "concealed"}
        inc_rows, ip_rows = [], []
        for i, inc in enumerate(w.incidents):
            iid = f"INC{i + 1:05d}"
            inc_rows.append((iid, acc_ids.get(i), kind_name[inc.kind], inc.true_deaths,
                             inc.rd if inc.reported else 0, w.ent.uscc[inc.ent], inc.day))
            for pid, out, rep in inc.persons:
                ip_rows.append((iid, f"P{pid:07d}", out, rep))
        incidents = pl.DataFrame(inc_rows, schema={
            "incident_id": pl.Utf8, "accident_record_id": pl.Utf8, "kind": pl.Utf8,
            "true_deaths": pl.Int64, "reported_deaths": pl.Int64, "employer_uscc": pl.Utf8,
            "occurred_on": pl.Int32}, orient="row").with_columns(pl.col("occurred_on")
                                                                 .cast(pl.Date))
        ip = pl.DataFrame(ip_rows, schema={"incident_id": pl.Utf8, "person_id": pl.Utf8,
                                           "outcome": pl.Utf8, "reported_outcome": pl.Utf8},
                          orient="row")
        # deaths of persons seen in some record (every incident death is)
        seen = set(rp["person_id"].to_list())
        rows = [(f"P{p:07d}", c, None if i is None else f"INC{i + 1:05d}")
                for p, (c, i) in sorted(w.deaths.items())]
        deaths = pl.DataFrame([x for x in rows if x[0] in seen or x[1] == "incident"],
                              schema={"person_id": pl.Utf8, "death_class": pl.Utf8,
                                      "incident_id": pl.Utf8}, orient="row")
        return {"record_person": rp.sort(["source", "record_id"]), "incidents": incidents,
                "incident_person": ip, "deaths": deaths}

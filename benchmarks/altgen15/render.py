"""From the world's clean records to what each department exports: record ids, names and ID
numbers as that department writes them, its sex codes and date styles; and the ground truth.

Deliberately bad rows (documented): about 0.05 % of employment spells carry an end date a decade
before their start (a mistyped year). Everything else stays within the contract's values."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import polars as pl

from . import names as N
from .ids import corrupt_id, corrupt_uscc
from .people import EPOCH
from .world import DAY, World

ID_RATES: dict[str, tuple[tuple[str, float], ...]] = {
    "accident_victims": (("missing", .05), ("legacy15", .012), ("wrong_check", .01),
                         ("typo1", .015), ("transposed", .008), ("valid_corrupt", .002)),
    "deregistrations": (("missing", .015), ("legacy15", .01), ("wrong_check", .003),
                        ("typo1", .004), ("transposed", .002)),
    "cremations": (("missing", .22), ("legacy15", .03), ("wrong_check", .015), ("typo1", .04),
                   ("transposed", .015), ("valid_corrupt", .004)),
    "injury_claims": (("missing", .01), ("legacy15", .003), ("wrong_check", .003),
                      ("typo1", .006), ("transposed", .003)),
    "medical_records": (("missing", .06), ("legacy15", .01), ("wrong_check", .01),
                        ("typo1", .025), ("transposed", .01), ("valid_corrupt", .003)),
    "employment": (("legacy15", .002), ("wrong_check", .002), ("typo1", .004),
                   ("transposed", .002), ("borrowed", .002)),
}
EMERGENCY_MISSING = .25  # unconscious or unaccompanied emergency patients
LOWER_X = {"accident_victims": .3, "deregistrations": .05, "cremations": .25,
           "injury_claims": .1, "medical_records": .3, "employment": .05}
NAME_VARIANT = {"accident_victims": .04, "deregistrations": .015, "cremations": .08,
                "injury_claims": .02, "medical_records": .06, "employment": .03}
SEX_STYLES: dict[str, tuple[tuple[str | None, float], ...]] = {
    "accident_victims": (("MF", .6), ("zh", .35), (None, .05)),
    "deregistrations": (("zh", .7), ("12", .27), (None, .03)),
    "cremations": (("zh", .8), ("MF", .1), (None, .1)),
    "injury_claims": (("12", .4), ("MF", .5), (None, .1)),
    "medical_records": (("MF", .85), ("12", .1), (None, .05)),
}
SEX_CODES = {"MF": ("M", "F"), "zh": ("男", "女"), "12": ("1", "2")}
AGE_NOISE = {"accident_victims": (.05, .2), "cremations": (.08, .15), "medical_records": (.03, .03)}
PERSON_SOURCES = ("accident_victims", "deregistrations", "cremations", "injury_claims",
                  "medical_records", "employment")


def fmt_date(o: int | None, style: str) -> str | None:
    if o is None:
        return None
    d = date.fromordinal(o)
    if style == "slash":
        return f"{d.year}/{d.month}/{d.day}"
    if style == "compact":
        return f"{d.year:04d}{d.month:02d}{d.day:02d}"
    if style == "zh":
        return f"{d.year}年{d.month}月{d.day}日"
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def fmt_datetime(t: int, style: str, seconds: bool) -> str:
    day, m = divmod(t, DAY)
    s = fmt_date(day, style)
    return f"{s} {m // 60:02d}:{m % 60:02d}" + (f":{(day * 7 + m) % 60:02d}" if seconds else "")


def _transpose(out: dict[str, list[Any]], rows: list[tuple[Any, ...]]) -> dict[str, list[Any]]:
    if not rows:
        return out
    return {k: list(col) for k, col in zip(out, zip(*rows, strict=True), strict=True)}


def date_series(name: str, ords: list[int | None]) -> pl.Series:
    return pl.Series(name, [None if o is None else o - EPOCH for o in ords],
                     dtype=pl.Int32).cast(pl.Date)


def datetime_series(name: str, minutes: list[int | None]) -> pl.Series:
    us = [None if t is None else (t - EPOCH * DAY) * 60_000_000 for t in minutes]
    return pl.Series(name, us, dtype=pl.Int64).cast(pl.Datetime("us"))


class Renderer:
    def __init__(self, world: World, seed: int) -> None:
        self.w = world
        self.r = random.Random(seed * 31 + 17)
        self.kinds: dict[str, list[tuple[str, str]]] = {s: [] for s in PERSON_SOURCES}
        self.record_person: list[tuple[str, str, str]] = []
        self.bad_rows: dict[str, int] = {}
        self._region_style: dict[str, str] = {}
        r = self.r
        for e in world.ents:  # codes the register itself holds wrongly
            if r.random() < 0.03:
                e.uscc = corrupt_uscc(r, e.uscc)

    # ------------------------------------------------------------ a person as a record shows it
    def ident(self, src: str, p: int, when: int | None, *, id_hint: str | None = None,
              name_hint: str | None = None, anon: bool = False, emergency: bool = False
              ) -> tuple[str, str | None, str, str | None, int | None]:
        r, people = self.r, self.w.people
        sur, giv = people.surname[p], people.given[p]
        if anon:
            name = "无名氏" if r.random() < 0.6 else f"无名氏{r.randint(1, 30)}"
        elif name_hint == "variant" or r.random() < NAME_VARIANT[src]:
            name = N.variant(r, sur, giv, allow_pinyin=src in ("medical_records", "cremations"))
        else:
            name = sur + giv
        true_id = people.id18[p]
        kind = "clean"
        u = r.random()
        if anon:
            kind = "missing"
        elif id_hint == "hide":
            kind = ("missing" if u < 0.6 else "typo1" if u < 0.75 else "wrong_check" if u < 0.8
                    else "clean")
        elif src == "medical_records" and emergency and u < EMERGENCY_MISSING:
            kind = "missing"
        else:
            acc = 0.0
            for k, rate in ID_RATES[src]:
                acc += rate
                if u < acc:
                    kind = k
                    break
        idn: str | None = true_id
        if kind == "borrowed":
            q = r.randrange(len(people))
            idn = people.id18[q] if q != p else true_id
            if q == p:
                kind = "clean"
        elif kind == "missing":
            idn = None
        elif kind != "clean":
            idn = corrupt_id(r, true_id, kind)
            if idn is None:  # a kind this ID cannot take (no X, born after 1984, …)
                kind, idn = "clean", true_id
        if kind == "clean" and true_id.endswith("X") and r.random() < LOWER_X[src]:
            kind, idn = "lower_x", true_id[:17] + "x"
        if kind == "clean" and p in people.shared_id:
            kind = "duplicate"
        sex: str | None = None
        if src in SEX_STYLES:
            style = self._pick(SEX_STYLES[src])
            if style is not None:
                male = people.male[p] != (r.random() < 0.002)
                sex = SEX_CODES[style][0 if male else 1]
        age: int | None = None
        if src in AGE_NOISE and when is not None:
            null, nominal = AGE_NOISE[src]
            v = r.random()
            if v >= null and not (anon and r.random() < 0.7):  # an unknown patient's age is a guess
                age = people.age(p, when) + (1 if v < null + nominal else 0)
                if anon:
                    age = max(1, age + r.randint(-8, 8))
        return name, idn, kind, sex, age

    def _pick(self, options: tuple[tuple[Any, float], ...]) -> Any:
        u = self.r.random()
        acc = 0.0
        for v, w in options:
            acc += w
            if u < acc:
                return v
        return options[-1][0]

    def region_style(self, region: str) -> str:
        if region not in self._region_style:
            self._region_style[region] = self._pick((("iso", .72), ("compact", .22),
                                                     ("slash", .06)))
        return self._region_style[region]

    def _order(self, keys: list[tuple[Any, ...]]) -> list[int]:
        tie = [self.r.random() for _ in keys]
        return sorted(range(len(keys)), key=lambda i: (*keys[i], tie[i]))

    def _note(self, src: str, rid: str, p: int, kind: str) -> None:
        self.kinds[src].append((rid, kind))
        self.record_person.append((src, rid, f"P{p:07d}"))

    # ------------------------------------------------------------ sources
    def accidents(self) -> pl.DataFrame:
        r, w = self.r, self.w
        rows: dict[str, list[Any]] = {k: [] for k in (
            "record_id", "occurred_at", "reported_at", "region_code", "address",
            "enterprise_name", "enterprise_uscc", "industry", "accident_type", "reported_deaths",
            "reported_serious_injuries", "reported_minor_injuries", "direct_loss_10k_yuan")}
        for a in sorted(w.accidents, key=lambda a: a["record_id"]):
            e = w.ents[a["ent"]]
            style = "slash" if r.random() < 0.12 else "iso"
            secs = r.random() < 0.3
            u = r.random()
            uscc = None if u < 0.08 else corrupt_uscc(r, e.uscc) if u < 0.1 else e.uscc
            vals = dict(a, occurred_at=fmt_datetime(a["occurred"], style, secs),
                        reported_at=fmt_datetime(a["reported"], style, secs),
                        enterprise_name=w.ent_variant(e) if r.random() < 0.5 else e.name,
                        enterprise_uscc=uscc)
            for k, col in rows.items():
                col.append(vals[k])
        return pl.DataFrame(rows, schema={k: (pl.Int64 if k.startswith("reported_")
                                              and k != "reported_at" else pl.Float64
                                              if k == "direct_loss_10k_yuan" else pl.Utf8)
                                          for k in rows})

    def victims(self) -> pl.DataFrame:
        t = self.w.tables["accident_victims"].cols
        out: dict[str, list[Any]] = {k: [] for k in ("record_id", "accident_id", "name",
                                                     "id_number", "sex", "age", "outcome")}
        for i in self._order(list(zip(t["accident_id"], t["order"], strict=True))):
            p = t["p"][i]
            rid = f"{t['accident_id'][i]}-{t['order'][i]:02d}"
            name, idn, kind, sex, age = self.ident("accident_victims", p, t["when"][i])
            self._note("accident_victims", rid, p, kind)
            for k, v in (("record_id", rid), ("accident_id", t["accident_id"][i]), ("name", name),
                         ("id_number", idn), ("sex", sex), ("age", age),
                         ("outcome", t["outcome"][i])):
                out[k].append(v)
        return pl.DataFrame(out, schema={k: pl.Int64 if k == "age" else pl.Utf8 for k in out})

    def deregistrations(self) -> pl.DataFrame:
        t = self.w.tables["deregistrations"].cols
        people = self.w.people
        out: dict[str, list[Any]] = {k: [] for k in (
            "record_id", "name", "id_number", "sex", "birth_date", "death_date",
            "deregistered_on", "region_code", "reason", "death_cause")}
        order = self._order(list(zip(t["dereg"], t["region"], strict=True)))
        rows: list[tuple[Any, ...]] = []
        for n, i in enumerate(order, 1):
            p = t["p"][i]
            rid = f"HJZX{n:08d}"
            name, idn, kind, sex, _ = self.ident("deregistrations", p, None)
            self._note("deregistrations", rid, p, kind)
            style = self.region_style(t["region"][i])
            vals = (rid, name, idn, sex,
                    fmt_date(people.birth[p], style) if t["birth_known"][i] else None,
                    fmt_date(t["death"][i], style), fmt_date(t["dereg"][i], style),
                    t["region"][i], t["reason"][i], t["cause"][i])
            rows.append(vals)
        out = _transpose(out, rows)
        return pl.DataFrame(out, schema={k: pl.Utf8 for k in out})

    def cremations(self) -> pl.DataFrame:
        t = self.w.tables["cremations"].cols
        homes = self.w.places.homes
        out: dict[str, list[Any]] = {k: [] for k in (
            "record_id", "name", "id_number", "sex", "age", "death_date", "cremated_on",
            "funeral_home", "region_code", "death_cause", "certificate_issuer", "body_origin")}
        seq: dict[int, int] = {}
        rows: list[tuple[Any, ...]] = []
        for i in self._order(list(zip(t["home"], t["cremated"], strict=True))):
            p, h = t["p"][i], t["home"][i]
            seq[h] = seq.get(h, 0) + 1
            rid = f"BY{h:03d}-{seq[h]:06d}"
            when = t["death"][i] if t["death"][i] is not None else t["cremated"][i]
            name, idn, kind, sex, age = self.ident("cremations", p, when, id_hint=t["id_hint"][i],
                                                   name_hint=t["name_hint"][i])
            self._note("cremations", rid, p, kind)
            home = homes[h]
            vals = (rid, name, idn, sex, age, fmt_date(t["death"][i], home.date_style),
                    fmt_date(t["cremated"][i], home.date_style), home.name, home.county,
                    t["cause"][i], t["issuer"][i], t["origin"][i])
            rows.append(vals)
        out = _transpose(out, rows)
        return pl.DataFrame(out, schema={k: pl.Int64 if k == "age" else pl.Utf8 for k in out})

    def injury_claims(self) -> pl.DataFrame:
        r, w = self.r, self.w
        t = w.tables["injury_claims"].cols
        out: dict[str, list[Any]] = {k: [] for k in (
            "record_id", "name", "id_number", "sex", "employer_name", "employer_uscc",
            "injury_date", "applied_on", "decided_on", "outcome", "injury_description",
            "region_code")}
        order = self._order(list(zip(t["applied"], t["region"], strict=True)))
        rows: list[tuple[Any, ...]] = []
        for n, i in enumerate(order, 1):
            p = t["p"][i]
            e = w.ents[t["ent"][i]]
            rid = f"GS{date.fromordinal(t['applied'][i]).year}{n:07d}"
            name, idn, kind, sex, _ = self.ident("injury_claims", p, None)
            self._note("injury_claims", rid, p, kind)
            u = r.random()
            uscc = None if u < 0.1 else corrupt_uscc(r, e.uscc) if u < 0.12 else e.uscc
            vals = (rid, name, idn, sex, t["emp_name"][i], uscc, t["injury"][i], t["applied"][i],
                    t["decided"][i], t["outcome"][i], t["desc"][i], t["region"][i])
            rows.append(vals)
        out = _transpose(out, rows)
        cols = [pl.Series(k, v, dtype=pl.Utf8) if k not in ("injury_date", "applied_on",
                                                             "decided_on")
                else date_series(k, v) for k, v in out.items()]
        return pl.DataFrame(cols)

    def medical_records(self) -> pl.DataFrame:
        w = self.w
        t = w.tables["medical_records"].cols
        hosp = w.places.hospitals
        out: dict[str, list[Any]] = {k: [] for k in (
            "record_id", "name", "id_number", "sex", "age", "hospital", "region_code",
            "admitted_at", "discharged_at", "diagnosis_icd10", "external_cause_icd10",
            "disposition", "payer", "employer_name")}
        seq: dict[int, int] = {}
        rows: list[tuple[Any, ...]] = []
        for i in self._order(list(zip(t["hosp"], t["adm"], strict=True))):
            p, h = t["p"][i], t["hosp"][i]
            seq[h] = seq.get(h, 0) + 1
            rid = f"H{h:04d}-{seq[h]:07d}"
            name, idn, kind, sex, age = self.ident("medical_records", p, t["adm"][i] // DAY,
                                                   anon=bool(t["anon"][i]),
                                                   emergency=bool(t["emergency"][i]))
            self._note("medical_records", rid, p, kind)
            vals = (rid, name, idn, sex, age, hosp[h].name, hosp[h].county, t["adm"][i],
                    t["dis"][i], t["diag"][i], t["ext"][i], t["disp"][i], t["payer"][i],
                    t["emp"][i])
            rows.append(vals)
        out = _transpose(out, rows)
        cols = [datetime_series(k, v) if k in ("admitted_at", "discharged_at")
                else pl.Series(k, v, dtype=pl.Int64 if k == "age" else pl.Utf8)
                for k, v in out.items()]
        return pl.DataFrame(cols)

    def employment(self) -> pl.DataFrame:
        r, w = self.r, self.w
        t = w.tables["employment"].cols
        out: dict[str, list[Any]] = {k: [] for k in (
            "record_id", "id_number", "name", "employer_name", "employer_uscc", "industry",
            "start_date", "end_date")}
        order = self._order(list(zip(t["ent"], t["start"], strict=True)))
        bad = 0
        rows: list[tuple[Any, ...]] = []
        for n, i in enumerate(order, 1):
            p = t["p"][i]
            e = w.ents[t["ent"][i]]
            rid = f"SB{n:09d}"
            name, idn, kind, _, _ = self.ident("employment", p, None)
            self._note("employment", rid, p, kind)
            bad += bool(t["bad"][i])
            u = r.random()
            uscc = None if u < 0.05 else corrupt_uscc(r, e.uscc) if u < 0.06 else e.uscc
            vals = (rid, idn, None if r.random() < 0.05 else name,
                    e.name if r.random() > 0.03 else w.ent_variant(e), uscc,
                    e.industry if t["industry_known"][i] else None, t["start"][i], t["end"][i])
            rows.append(vals)
        out = _transpose(out, rows)
        self.bad_rows["employment"] = bad
        assert all(x is not None for x in out["id_number"])
        cols = [date_series(k, v) if k in ("start_date", "end_date")
                else pl.Series(k, v, dtype=pl.Utf8) for k, v in out.items()]
        return pl.DataFrame(cols)

    def enterprises(self) -> pl.DataFrame:
        ents = sorted(self.w.ents, key=lambda e: e.uscc)
        return pl.DataFrame({
            "uscc": [e.uscc for e in ents], "name": [e.name for e in ents],
            "industry": [e.industry for e in ents], "region_code": [e.county for e in ents],
            "high_risk": ["true" if e.high_risk else "false" for e in ents]})

    # ------------------------------------------------------------ truth
    def truth(self) -> dict[str, pl.DataFrame]:
        w = self.w
        rp = pl.DataFrame(self.record_person, schema=["source", "record_id", "person_id"],
                          orient="row").sort("source", "record_id")
        incs = sorted(w.incidents, key=lambda i: i.iid)
        incidents = pl.DataFrame([
            pl.Series("incident_id", [i.iid for i in incs], dtype=pl.Utf8),
            pl.Series("accident_record_id", [i.accident_id for i in incs], dtype=pl.Utf8),
            pl.Series("kind", [i.kind for i in incs], dtype=pl.Utf8),
            pl.Series("true_deaths", [sum(m.outcome == "death" for m in i.members)
                                      for i in incs], dtype=pl.Int64),
            pl.Series("reported_deaths", [i.reported_deaths for i in incs], dtype=pl.Int64),
            pl.Series("employer_uscc", [w.ents[i.ent].uscc for i in incs], dtype=pl.Utf8),
            date_series("occurred_on", [i.t // DAY for i in incs])])
        ip = pl.DataFrame({
            "incident_id": [i.iid for i in incs for _ in i.members],
            "person_id": [f"P{m.p:07d}" for i in incs for m in i.members],
            "outcome": [m.outcome for i in incs for m in i.members],
            "reported_outcome": [m.reported for i in incs for m in i.members]},
            schema={k: pl.Utf8 for k in ("incident_id", "person_id", "outcome",
                                         "reported_outcome")}).sort("incident_id", "person_id")
        dead = sorted(w.death_class.items())
        deaths = pl.DataFrame({"person_id": [f"P{p:07d}" for p, _ in dead],
                               "death_class": [c for _, (c, _) in dead],
                               "incident_id": [i for _, (_, i) in dead]},
                              schema={k: pl.Utf8 for k in ("person_id", "death_class",
                                                           "incident_id")})
        return {"record_person": rp, "incidents": incidents, "incident_person": ip,
                "deaths": deaths}

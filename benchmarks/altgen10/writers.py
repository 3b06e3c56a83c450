"""Each department's export: record ids in its own scheme, names, ID numbers and sex the way its
clerks write them, its date style and its file format and encoding; and the truth tables."""

from __future__ import annotations

import csv
import io
import random
import zlib
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import polars as pl

from . import ids, names
from .geo import Facility
from .names import NameProfile
from .world import Person, Record, World

# file type (parquet) or CSV encoding of each source
FORMATS = {"accidents": "gb18030", "accident_victims": "utf-8-sig", "deregistrations": "utf-8",
           "cremations": "gb18030", "injury_claims": "utf-8-sig", "medical_records": "parquet",
           "employment": "utf-8", "enterprises": "parquet"}
COLUMNS = {
    "accidents": ["record_id", "occurred_at", "reported_at", "region_code", "address",
                  "enterprise_name", "enterprise_uscc", "industry", "accident_type",
                  "reported_deaths", "reported_serious_injuries", "reported_minor_injuries",
                  "direct_loss_10k_yuan"],
    "accident_victims": ["record_id", "accident_id", "name", "id_number", "sex", "age", "outcome"],
    "deregistrations": ["record_id", "name", "id_number", "sex", "birth_date", "death_date",
                        "deregistered_on", "region_code", "reason", "death_cause"],
    "cremations": ["record_id", "name", "id_number", "sex", "age", "death_date", "cremated_on",
                   "funeral_home", "region_code", "death_cause", "certificate_issuer",
                   "body_origin"],
    "injury_claims": ["record_id", "name", "id_number", "sex", "employer_name", "employer_uscc",
                      "injury_date", "applied_on", "decided_on", "outcome", "injury_description",
                      "region_code"],
    "medical_records": ["record_id", "name", "id_number", "sex", "age", "hospital", "region_code",
                        "admitted_at", "discharged_at", "diagnosis_icd10", "external_cause_icd10",
                        "disposition", "payer", "employer_name"],
    "employment": ["record_id", "id_number", "name", "employer_name", "employer_uscc", "industry",
                   "start_date", "end_date"],
    "enterprises": ["uscc", "name", "industry", "region_code", "high_risk"],
}
PERSON_SOURCES = ("accident_victims", "deregistrations", "cremations", "injury_claims",
                  "medical_records", "employment")

NAME_PROFILES: dict[str, NameProfile] = {
    "accident_victims": NameProfile(
        {"dot": 70, "translit": 12, "nosep": 6, "swapped": 4, "given_only": 4, "space": 4},
        {"exact": 91, "homophone": 5, "traditional": 2, "dropped": 2}),
    "deregistrations": NameProfile(
        {"dot": 92, "translit": 3, "nosep": 3, "period": 2},
        {"exact": 97, "homophone": 1.5, "traditional": 0.5, "dropped": 1}),
    "cremations": NameProfile(
        {"dot": 40, "period": 15, "nosep": 15, "given_only": 8, "translit": 14, "swapped": 5,
         "space": 3},
        {"exact": 84, "homophone": 8, "traditional": 4, "dropped": 2, "space": 2}),
    "injury_claims": NameProfile(
        {"dot": 68, "bullet": 12, "translit": 9, "nosep": 6, "swapped": 5},
        {"exact": 94, "homophone": 3, "traditional": 2, "space": 1}),
    "medical_records": NameProfile(
        {"dot": 35, "nosep": 18, "given_only": 12, "translit": 14, "truncated": 12, "period": 5,
         "space": 4},
        {"exact": 86, "homophone": 6, "dropped": 2, "traditional": 2, "pinyin": 2, "space": 2},
        max_len=6),
    "employment": NameProfile(
        {"dot": 58, "truncated": 20, "nosep": 12, "translit": 5, "bullet": 5},
        {"exact": 96, "homophone": 2.5, "traditional": 1.5}, max_len=8),
}
ID_RATES: dict[str, dict[str, float]] = {
    "accident_victims": {"clean": 80, "missing": 12, "wrong_check": 2, "typo1": 3,
                         "transposed": 1.5, "legacy15": 1, "valid_corrupt": 0.5},
    "deregistrations": {"clean": 95.5, "missing": 2, "legacy15": 1, "typo1": 1,
                        "wrong_check": 0.5},
    "cremations": {"clean": 52, "missing": 31, "wrong_check": 4, "typo1": 5, "transposed": 3,
                   "legacy15": 4, "valid_corrupt": 1},
    "injury_claims": {"clean": 95, "missing": 1, "typo1": 2, "transposed": 1, "wrong_check": 1},
    "medical_records": {"clean": 62.5, "missing": 28, "typo1": 4, "transposed": 2,
                        "wrong_check": 2, "legacy15": 1, "valid_corrupt": 0.5},
    "employment": {"clean": 98.2, "typo1": 1, "transposed": 0.5, "wrong_check": 0.3},
}
LOWER_X = {"accident_victims": 0.1, "deregistrations": 0.03, "cremations": 0.2,
           "injury_claims": 0.1, "medical_records": 0.15, "employment": 0.05}
SEX_STYLE = {"accident_victims": ("zh", 0.05), "deregistrations": ("12", 0.01),
             "cremations": ("zh", 0.15), "injury_claims": ("MF", 0.01),
             "medical_records": ("hospital", 0.03)}
CLEAN_KINDS = ("clean", "duplicate", "borrowed", "valid_corrupt")
NOISY_KINDS = ("wrong_check", "legacy15", "typo1", "transposed")


def _style(key: str, styles: tuple[str, ...]) -> str:
    return styles[zlib.crc32(key.encode("utf-8")) % len(styles)]


def fmt_date(d: date | None, style: str) -> str | None:
    if d is None:
        return None
    if style == "slash":
        return f"{d.year}/{d.month}/{d.day}"
    if style == "compact":
        return f"{d:%Y%m%d}"
    if style == "cn":
        return f"{d.year}年{d.month}月{d.day}日"
    return d.isoformat()


def fmt_datetime(t: datetime, style: str) -> str:
    if style == "slash":
        return f"{t.year}/{t.month}/{t.day} {t:%H:%M}"
    return f"{t:%Y-%m-%d %H:%M:%S}"


def claim_style(region: str) -> str:
    fixed = {"6501": "iso", "6523": "slash", "6505": "cn", "6502": "iso"}
    return fixed.get(region[:4], _style(region[:4], ("iso", "slash", "slash", "cn")))


def accident_style(region: str) -> str:
    return "iso" if region[:4] in ("6501", "6502", "6523", "6590", "6540") else "slash"


class Renderer:
    """Names, ID numbers and sex of one person in one source, with the kinds it chose."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.id_kinds: dict[str, list[tuple[str, str]]] = {s: [] for s in PERSON_SOURCES}
        self.name_kinds: dict[str, list[tuple[str, str]]] = {s: [] for s in PERSON_SOURCES}

    def person(self, src: str, rid: str, p: Person, rec: Record,
               lender: Person | None = None) -> tuple[str, str | None]:
        """(name, ID number) as ``src`` writes them; a ``lender`` is the relative whose name and
        number an over-age worker was enrolled under."""
        rng = self.rng
        if lender is not None:
            name, nkind = names.render(lender.parts, lender.minority, NAME_PROFILES[src], rng)
            self.name_kinds[src].append((rid, "lender_" + nkind))
            self.id_kinds[src].append((rid, "borrowed"))
            return name, lender.id18
        forced_name = rec.get("_name_kind")
        if forced_name is not None and p.minority:
            name, nkind = names.render_minority(p.parts, forced_name, 10, rng)
        else:
            name, nkind = names.render(p.parts, p.minority, NAME_PROFILES[src], rng)
        self.name_kinds[src].append((rid, nkind))
        kind = rec.get("_id_kind")
        if kind is None:
            table = ID_RATES[src]
            kind = rng.choices(list(table), weights=list(table.values()))[0]
        value: str | None
        if kind == "missing":
            value = None
        elif kind == "legacy15" and p.birth.year < 1985:  # the old cards were replaced by 2013
            value = ids.legacy15(p.id18)
        elif kind == "wrong_check":
            value = ids.wrong_check(p.id18, rng)
        elif kind == "typo1":
            value = ids.typo1(p.id18, rng)
        elif kind == "transposed":
            value = ids.transposed(p.id18, rng)
        elif kind == "valid_corrupt":
            value = ids.valid_corrupt(p.id18, rng)
        else:  # clean (or a legacy number for someone too young to have held one)
            value = p.id18
            kind = "duplicate" if p.duplicate else "clean"
            if value.endswith("X") and rng.random() < LOWER_X[src]:
                value, kind = value[:17] + "x", "lower_x"
        self.id_kinds[src].append((rid, kind))
        return name, value

    def sex(self, src: str, p: Person, hosp: Facility | None = None) -> str | None:
        style, empty = SEX_STYLE[src]
        if self.rng.random() < empty:
            return None
        if style == "hospital":
            style = hosp.style if hosp is not None else "MF"
        if style == "zh":
            return "男" if p.male else "女"
        if style == "12":
            return "1" if p.male else "2"
        return "M" if p.male else "F"


def _numbered(rows: list[Record], key: Any) -> list[Record]:
    """Sorted by date (ties broken by the random tie key)."""
    return sorted(rows, key=lambda r: (r["_sort"], r["_tie"], key(r)))


def assign_ids(w: World) -> list[Record]:
    """Record ids in each department's scheme, in date order; returns the employment rows built
    from the spells."""
    counters: Counter[str] = Counter()

    def nxt(prefix: str) -> int:
        counters[prefix] += 1
        return counters[prefix]

    for r in _numbered(w.records["accidents"], lambda r: r["region_code"]):
        t: datetime = r["occurred_at"]
        prefix = f"{r['region_code'][:4]}00AQ{t.year}"
        r["record_id"] = f"{prefix}{nxt(prefix):04d}"
    for r in w.records["accident_victims"]:
        r["_sort"] = (r["_acc"]["record_id"], r["_k"])
    for r in sorted(w.records["accident_victims"], key=lambda r: r["_sort"]):
        acc_id = r["_acc"]["record_id"]
        r["accident_id"] = acc_id
        r["record_id"] = f"{acc_id}-{nxt(acc_id):02d}"
    for r in _numbered(w.records["deregistrations"], lambda r: r["_pid"]):
        d: date = r["deregistered_on"]
        r["record_id"] = f"ZX{d.year}{nxt('ZX' + str(d.year)):07d}"
    for r in _numbered(w.records["cremations"], lambda r: r["_pid"]):
        home: Facility = r["_home"]
        prefix = f"{'MZ' if home.burial else 'BY'}{home.region}{r['cremated_on'].year}"
        r["record_id"] = f"{prefix}{nxt(prefix):05d}"
    for r in _numbered(w.records["injury_claims"], lambda r: r["_pid"]):
        prefix = f"GS{r['region_code'][:4]}{r['applied_on'].year}"
        r["record_id"] = f"{prefix}{nxt(prefix):05d}"
    hospitals = sorted({r["hospital"] for r in w.records["medical_records"]})
    hcode = {h: f"H{i + 1:03d}" for i, h in enumerate(hospitals)}
    for r in _numbered(w.records["medical_records"], lambda r: r["_pid"]):
        prefix = f"{hcode[r['hospital']]}-{r['admitted_at'].year}"
        r["record_id"] = f"{prefix}{nxt(prefix):06d}"
    emp: list[Record] = []
    tie = random.Random(len(w.persons))
    for pid, spells in w.spells.items():
        for s in spells:
            emp.append({"_pid": pid, "_sort": s.start, "_tie": tie.random(),
                        "_lender": s.lender, "employer_name": s.ent.name,
                        "_ent": s.ent, "industry": s.ent.industry, "start_date": s.start,
                        "end_date": s.end})
    for r in _numbered(emp, lambda r: r["_pid"]):
        r["record_id"] = f"SB{nxt('SB'):09d}"
    return emp


def render_sources(w: World, rng: random.Random) -> tuple[dict[str, pl.DataFrame], Renderer,
                                                          list[tuple[str, str, str]]]:
    """Every source as a table of the values to write, the renderer's kinds, and the truth's
    (source, record_id, person_id) rows."""
    emp = assign_ids(w)
    rend = Renderer(rng)
    rp: list[tuple[str, str, str]] = []
    out: dict[str, pl.DataFrame] = {}
    acc_rows = sorted(w.records["accidents"], key=lambda r: r["record_id"])
    out["accidents"] = _csv_frame("accidents", [{
        **r,
        "occurred_at": fmt_datetime(r["occurred_at"], accident_style(r["region_code"])),
        "reported_at": fmt_datetime(r["reported_at"], accident_style(r["region_code"])),
    } for r in acc_rows])
    sources: dict[str, list[Record]] = {
        "accident_victims": w.records["accident_victims"],
        "deregistrations": w.records["deregistrations"],
        "cremations": w.records["cremations"], "injury_claims": w.records["injury_claims"],
        "medical_records": w.records["medical_records"], "employment": emp,
    }
    for src, rows in sources.items():
        rows.sort(key=lambda r: r["record_id"])
        table: list[Record] = []
        for r in rows:
            p = w.persons[r["_pid"]]
            lender = w.persons[r["_lender"]] if r.get("_lender") else None
            name, idn = rend.person(src, r["record_id"], p, r, lender)
            row = dict(r)
            row["name"], row["id_number"] = name, idn
            rp.append((src, r["record_id"], p.pid))
            if src == "employment":
                ent = r["_ent"]
                if rng.random() < 0.08:
                    row["employer_name"] = w.employer_text(ent, "register")
                row["employer_uscc"] = ent.uscc if rng.random() < 0.93 else \
                    ids.uscc_typo(ent.uscc, rng) if rng.random() < 0.5 else None
                row["industry"] = ent.industry if rng.random() < 0.9 else None
                row["start_date"] = fmt_date(r["start_date"], "compact")
                row["end_date"] = fmt_date(r["end_date"], "compact")
                table.append(row)
                continue
            if src == "medical_records":
                row["sex"] = rend.sex(src, p, r["_hosp"])
            else:
                row["sex"] = rend.sex(src, p)
            if src == "deregistrations":
                for c in ("birth_date", "death_date", "deregistered_on"):
                    row[c] = fmt_date(r[c], "iso")
            elif src == "cremations":
                style = r["_home"].style
                row["death_date"] = fmt_date(r["death_date"], style)
                row["cremated_on"] = fmt_date(r["cremated_on"], style)
            elif src == "injury_claims":
                style = claim_style(r["region_code"])
                for c in ("injury_date", "applied_on", "decided_on"):
                    row[c] = fmt_date(r[c], style)
            elif src == "accident_victims":
                row["age"] = r["age"]
            table.append(row)
        if src == "medical_records":
            out[src] = _medical_frame(table)
        else:
            out[src] = _csv_frame(src, table)
    out["enterprises"] = pl.DataFrame(
        {"uscc": [e.uscc for e in w.enterprises], "name": [e.name for e in w.enterprises],
         "industry": [e.industry for e in w.enterprises],
         "region_code": [e.region for e in w.enterprises],
         "high_risk": [e.high_risk for e in w.enterprises]},
        schema={"uscc": pl.String, "name": pl.String, "industry": pl.String,
                "region_code": pl.String, "high_risk": pl.Boolean}).sort("uscc")
    return out, rend, rp


def _text(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, float):
        return f"{v:.2f}"
    return str(v)


def _csv_frame(src: str, rows: list[Record]) -> pl.DataFrame:
    cols = COLUMNS[src]
    return pl.DataFrame({c: [_text(r.get(c)) for r in rows] for c in cols},
                        schema={c: pl.String for c in cols})


def _medical_frame(rows: list[Record]) -> pl.DataFrame:
    schema: dict[str, Any] = {c: pl.String for c in COLUMNS["medical_records"]}
    schema.update({"age": pl.Int64, "admitted_at": pl.Datetime("us"),
                   "discharged_at": pl.Datetime("us")})
    return pl.DataFrame({c: [r.get(c) for r in rows] for c in COLUMNS["medical_records"]},
                        schema=schema)


def write_csv(df: pl.DataFrame, path: Path, encoding: str) -> None:
    buf = io.StringIO()
    crlf = encoding == "gb18030"  # the Windows systems
    wr = csv.writer(buf, lineterminator="\r\n" if crlf else "\n")
    wr.writerow(df.columns)
    for row in df.iter_rows():
        wr.writerow(["" if v is None else v for v in row])
    path.write_bytes(buf.getvalue().encode(encoding))


def write_sources(frames: dict[str, pl.DataFrame], out: Path) -> None:
    for src, df in frames.items():
        fmt = FORMATS[src]
        if fmt == "parquet":
            df.write_parquet(out / f"{src}.parquet")
        else:
            write_csv(df, out / f"{src}.csv", fmt)


def write_truth(w: World, rp: list[tuple[str, str, str]], out: Path) -> dict[str, int]:
    tdir = out / "truth"
    tdir.mkdir(parents=True, exist_ok=True)
    rp.sort()
    pl.DataFrame({"source": [r[0] for r in rp], "record_id": [r[1] for r in rp],
                  "person_id": [r[2] for r in rp]},
                 schema={"source": pl.String, "record_id": pl.String, "person_id": pl.String}
                 ).write_parquet(tdir / "record_person.parquet")
    inc = w.incidents
    pl.DataFrame({
        "incident_id": [i["incident_id"] for i in inc],
        "accident_record_id": [i["_acc"]["record_id"] if i["_acc"] is not None else None
                               for i in inc],
        "kind": [i["kind"] for i in inc], "true_deaths": [i["true_deaths"] for i in inc],
        "reported_deaths": [i["reported_deaths"] for i in inc],
        "employer_uscc": [i["employer_uscc"] for i in inc],
        "occurred_on": [i["occurred_on"] for i in inc],
    }, schema={"incident_id": pl.String, "accident_record_id": pl.String, "kind": pl.String,
               "true_deaths": pl.Int64, "reported_deaths": pl.Int64,
               "employer_uscc": pl.String, "occurred_on": pl.Date}
    ).write_parquet(tdir / "incidents.parquet")
    ip = w.incident_persons
    pl.DataFrame({c: [r[c] for r in ip] for c in ("incident_id", "person_id", "outcome",
                                                  "reported_outcome")},
                 schema={c: pl.String for c in ("incident_id", "person_id", "outcome",
                                                "reported_outcome")}
                 ).write_parquet(tdir / "incident_person.parquet")
    seen = {r[2] for r in rp}
    deaths = sorted((pid, cls, iid) for pid, (cls, iid) in w.deaths.items()
                    if pid in seen or cls == "incident")
    pl.DataFrame({"person_id": [d[0] for d in deaths], "death_class": [d[1] for d in deaths],
                  "incident_id": [d[2] for d in deaths]},
                 schema={"person_id": pl.String, "death_class": pl.String,
                         "incident_id": pl.String}).write_parquet(tdir / "deaths.parquet")
    return {"record_person": len(rp), "incidents": len(inc), "incident_person": len(ip),
            "deaths": len(deaths)}

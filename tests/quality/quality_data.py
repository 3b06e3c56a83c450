"""Small, clean, hand-built source tables for the quality-gate tests, and helpers to corrupt them.

Fixtures that use them are in ``conftest.py`` next to this module.

``clean_tables()`` gives every contract source as a list of row dicts (strings, as a
department would export them): 100 persons with valid resident IDs (region
140105, correct check character, sequence parity matching sex), one accident per
victim, dates in 2024. Tests copy the tables, corrupt chosen rows and write them
to ``tmp_path`` with :func:`write_dir`.
"""

from __future__ import annotations

import copy
import csv
from datetime import date, timedelta
from pathlib import Path

from pipelines.io import read_input_dir
from pipelines.quality import GateResult, run_gate

N = 100
AS_OF = date(2025, 1, 1)
_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_C = "10X98765432"


def id_check(body17: str) -> str:
    return _C[sum(int(d) * w for d, w in zip(body17, _W, strict=True)) % 11]


def make_id(region: str, birth: date, seq: int) -> str:
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return body + id_check(body)


_UC = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_UW = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def make_uscc(i: int) -> str:
    body = f"91140105MA0{i:06d}"
    c = 31 - sum(_UC.index(ch) * w for ch, w in zip(body, _UW, strict=True)) % 31
    return body + _UC[0 if c == 31 else c]


def age_at(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def persons() -> list[dict[str, object]]:
    out = []
    for i in range(N):
        sex = "M" if i % 3 else "F"
        birth = date(1960, 1, 1) + timedelta(days=97 * i)
        seq = 100 + 2 * i + (1 if sex == "M" else 0)  # odd male, even female
        out.append({"i": i, "name": f"王{'伟芳强丽军'[i % 5]}{i}", "sex": sex, "birth": birth,
                    "id": make_id("140105", birth, seq)})
    return out


def clean_tables() -> dict[str, list[dict[str, str]]]:
    t: dict[str, list[dict[str, str]]] = {k: [] for k in (
        "accidents", "accident_victims", "deregistrations", "cremations", "injury_claims",
        "medical_records", "employment", "enterprises")}
    for p in persons():
        i = int(p["i"])  # type: ignore[call-overload]
        birth: date = p["birth"]  # type: ignore[assignment]
        ev = date(2024, 1, 1) + timedelta(days=3 * i)
        uscc = make_uscc(i)
        t["accidents"].append({
            "record_id": f"A{i:04d}", "occurred_at": f"{ev} 08:30", "reported_at": f"{ev} 09:15",
            "region_code": "140105", "address": f"小店区{i}号", "enterprise_name": f"煤业公司{i}",
            "enterprise_uscc": uscc, "industry": "coal_mining", "accident_type": "roof_fall",
            "reported_deaths": "1", "reported_serious_injuries": "0",
            "reported_minor_injuries": "0", "direct_loss_10k_yuan": "12.5"})
        common = {"name": str(p["name"]), "id_number": str(p["id"]), "sex": str(p["sex"])}
        t["accident_victims"].append({
            "record_id": f"V{i:04d}", "accident_id": f"A{i:04d}", **common,
            "age": str(age_at(birth, ev)), "outcome": "death"})
        t["deregistrations"].append({
            "record_id": f"D{i:04d}", **common, "birth_date": f"{birth}", "death_date": f"{ev}",
            "deregistered_on": f"{ev + timedelta(days=5)}", "region_code": "140105",
            "reason": "death", "death_cause": "意外"})
        t["cremations"].append({
            "record_id": f"C{i:04d}", **common, "age": str(age_at(birth, ev)),
            "death_date": f"{ev}", "cremated_on": f"{ev + timedelta(days=2)}",
            "funeral_home": "太原市殡仪馆", "region_code": "140105", "death_cause": "意外",
            "certificate_issuer": "hospital", "body_origin": "山西医院"})
        t["injury_claims"].append({
            "record_id": f"J{i:04d}", **common, "employer_name": f"煤业公司{i}",
            "employer_uscc": uscc, "injury_date": f"{ev}",
            "applied_on": f"{ev + timedelta(days=10)}", "decided_on": f"{ev + timedelta(days=40)}",
            "outcome": "death", "injury_description": "冒顶", "region_code": "140105"})
        t["medical_records"].append({
            "record_id": f"M{i:04d}", **common, "age": str(age_at(birth, ev)),
            "hospital": "山西医院", "region_code": "140105", "admitted_at": f"{ev} 10:00",
            "discharged_at": f"{ev + timedelta(days=1)} 12:00", "diagnosis_icd10": "S06.5",
            "external_cause_icd10": "W20.6", "disposition": "died", "payer": "self_pay",
            "employer_name": f"煤业公司{i}"})
        t["employment"].append({
            "record_id": f"E{i:04d}", "id_number": str(p["id"]), "name": str(p["name"]),
            "employer_name": f"煤业公司{i}", "employer_uscc": uscc, "industry": "coal_mining",
            "start_date": "2020-01-01", "end_date": ""})
        t["enterprises"].append({
            "uscc": uscc, "name": f"煤业公司{i}", "industry": "coal_mining",
            "region_code": "140105", "high_risk": "true"})
    return t


def write_csv(path: Path, rows: list[dict[str, str]], *, encoding: str = "utf-8",
              header: list[str] | None = None) -> Path:
    cols = header or (list(rows[0]) if rows else [])
    with path.open("w", encoding=encoding, newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow(r)
    return path


def write_dir(d: Path, tables: dict[str, list[dict[str, str]]], *,
              encodings: dict[str, str] | None = None, only: tuple[str, ...] = ()) -> Path:
    """Write the tables as ``<source>.csv`` (just the ``only`` sources when given: the GX
    suites cost per source, so focused tests stay fast)."""
    d.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        if only and name not in only:
            continue
        write_csv(d / f"{name}.csv", rows, encoding=(encodings or {}).get(name, "utf-8"))
    return d


def gate_dir(d: Path, **kw: object) -> GateResult:
    kw.setdefault("as_of", AS_OF)
    return run_gate(read_input_dir(d), **kw)  # type: ignore[arg-type]


_CLEAN = clean_tables()


def clean_copy() -> dict[str, list[dict[str, str]]]:
    return copy.deepcopy(_CLEAN)

"""Fixtures for the report tests: a small hand-made run folder with realistic values.

:func:`make_run_dir` writes a run folder laid out as the data contract's "Outputs
of a run" (plus ``evidence_records.parquet``): seven leads of all four types,
their signals and evidence, links and pairs, quality JSON, ``run.json`` and
``model.json``. Names are Chinese, ID numbers valid 18-character GB 11643
numbers, diagnoses real ICD-10 codes — so the masking tests have something
real to find. Rendered reports are built once per session.
"""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path
from typing import Any

import polars as pl
import pytest

_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def make_id(region: str, birth: str, seq: str) -> str:
    """A valid 18-character resident ID (birth as YYYYMMDD, seq 3 digits)."""
    body = region + birth + seq
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, _W, strict=True)) % 11]


MINE = ("山西晋北煤业有限公司", "91140100MA0K7Q1X2B")
CHEM = ("太原化工集团有限公司", "91140100110012345T")
BUILD = ("晋中第三建筑工程有限公司", "91140700MA0H2N8R3C")

# person_key → (name, id, sex, birth)
PERSONS: dict[str, tuple[str, str, str, str]] = {
    "p01": ("王建国", make_id("140105", "19780312", "351"), "M", "1978-03-12"),
    "p02": ("李志强", make_id("140202", "19850721", "173"), "M", "1985-07-21"),
    "p03": ("张伟", make_id("140202", "19900105", "235"), "M", "1990-01-05"),
    "p04": ("刘海军", make_id("140721", "19720930", "417"), "M", "1972-09-30"),
    "p05": ("陈小红", make_id("140721", "19880214", "028"), "F", "1988-02-14"),
    "p06": ("赵二虎", make_id("140702", "19810506", "515"), "M", "1981-05-06"),
    "p07": ("杨丽", make_id("140106", "19930818", "062"), "F", "1993-08-18"),
    "p08": ("周明", make_id("141002", "19670423", "399"), "M", "1967-04-23"),
    "p09": ("吴卫东", make_id("140402", "19750611", "271"), "M", "1975-06-11"),
    "p10": ("孙德胜", make_id("140502", "19600101", "133"), "M", "1960-01-01"),
}


def _rec(source: str, record_id: str, person: str | None, **fields: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"source": source, "record_id": record_id, "person_key": person}
    if person is not None:
        name, idn, sex, birth = PERSONS[person]
        row.update(name=name, id_number=idn, sex=sex, birth_date=birth)
    row.update({k: (None if v is None else str(v)) for k, v in fields.items()})
    return row


def _evidence_records() -> list[dict[str, Any]]:
    r = _rec
    return [
        # L1 unreported death (mine worker recorded as illness, cremated fast)
        r("deregistrations", "D0001", "p01", death_date="2024-03-05", deregistered_on="2024-03-20",
          region_code="140105", reason="death", death_cause="病故"),
        r("cremations", "C0001", "p01", death_date="2024-03-05", cremated_on="2024-03-06",
          region_code="141002", funeral_home="临汾市殡仪馆", certificate_issuer="community",
          death_cause="猝死", body_origin="家中", age="45"),
        r("medical_records", "M0001", "p01", admitted_at="2024-03-04 22:10", region_code="140105",
          hospital="太原市中心医院", diagnosis_icd10="S06.5", external_cause_icd10="W20.6",
          disposition="died", employer_name=MINE[0], discharged_at="2024-03-05 03:40"),
        # L2 unreported incident: two deaths at one chemical plant within two days
        r("deregistrations", "D0002", "p02", death_date="2024-05-11", deregistered_on="2024-05-30",
          region_code="140202", reason="death", death_cause="意外"),
        r("injury_claims", "IC0002", "p02", injury_date="2024-05-11", applied_on="2024-06-20",
          outcome="death", employer_name=CHEM[0], employer_uscc=CHEM[1], region_code="140105",
          injury_description="车间爆燃烧伤"),
        r("deregistrations", "D0003", "p03", death_date="2024-05-12", deregistered_on="2024-06-02",
          region_code="140202", reason="death", death_cause=None),
        r("cremations", "C0003", "p03", death_date="2024-05-12", cremated_on="2024-05-13",
          region_code="140202", funeral_home="大同市殡仪馆", certificate_issuer="hospital", age="34"),
        # L3 under-reported accident: A0001 reported 2 deaths, evidence shows 3
        r("accidents", "A0001", None, occurred_at="2024-02-18 09:30", region_code="140721",
          enterprise_name=BUILD[0], enterprise_uscc=BUILD[1], industry="construction",
          accident_type="collapse", reported_deaths=2),
        r("accident_victims", "V0004", "p04", accident_id="A0001", outcome="death", age="51"),
        r("deregistrations", "D0004", "p04", death_date="2024-02-18", deregistered_on="2024-03-01",
          region_code="140721", reason="death", death_cause="意外"),
        r("accident_victims", "V0005", "p05", accident_id="A0001", outcome="death", age="36"),
        r("cremations", "C0005", "p05", death_date="2024-02-18", cremated_on="2024-02-21",
          region_code="140721", funeral_home="晋中市殡仪馆", certificate_issuer="police", age="36"),
        r("accident_victims", "V0006", "p06", accident_id="A0001", outcome="serious_injury", age="42"),
        r("medical_records", "M0006", "p06", admitted_at="2024-02-18 11:05", region_code="140702",
          hospital="晋中市第一人民医院", diagnosis_icd10="S32.0", external_cause_icd10="W20.6",
          disposition="died", discharged_at="2024-03-02 16:00", age="42"),
        r("deregistrations", "D0006", "p06", death_date="2024-03-02", deregistered_on="2024-03-15",
          region_code="140702", reason="death", death_cause="病故"),
        # L4 unreported serious injury
        r("medical_records", "M0007", "p07", admitted_at="2024-07-02 14:20", region_code="140106",
          hospital="山西医科大学第一医院", diagnosis_icd10="S72.0", external_cause_icd10="W11.6",
          disposition="discharged", discharged_at="2024-07-25 10:00", employer_name=BUILD[0]),
        r("injury_claims", "IC0007", "p07", injury_date="2024-07-02", applied_on="2024-09-15",
          outcome="disability_3", employer_name=BUILD[0], employer_uscc=BUILD[1], region_code="140106"),
        # L5 unreported death, weaker
        r("deregistrations", "D0008", "p08", death_date="2024-08-19", deregistered_on="2024-09-01",
          region_code="141002", reason="death", death_cause="病故"),
        r("cremations", "C0008", "p08", death_date="2024-08-19", cremated_on="2024-08-20",
          region_code="140402", funeral_home="长治市殡仪馆", certificate_issuer="other", age="57"),
        # L6 under-reported accident: 9 reported (just below 10), evidence 10
        r("accidents", "A0002", None, occurred_at="2024-10-08 02:15", region_code="140402",
          enterprise_name=MINE[0], enterprise_uscc=MINE[1], industry="coal_mining",
          accident_type="gas_explosion", reported_deaths=9),
        r("deregistrations", "D0009", "p09", death_date="2024-10-08", deregistered_on="2024-10-25",
          region_code="140402", reason="death", death_cause="意外"),
        # L7 unreported death, weakest
        r("deregistrations", "D0010", "p10", death_date="2024-11-30", deregistered_on="2024-12-10",
          region_code="140502", reason="death", death_cause="病故"),
    ]


LEADS: list[dict[str, Any]] = [
    dict(lead_id="L-D0001", rank=1, score=0.934, lead_type="unreported_death", persons=1,
         evidenced_deaths=1, employer_name=MINE[0], employer_uscc=MINE[1], event_date="2024-03-04",
         region_code="140105", evidence=["D0001", "C0001", "M0001"]),
    dict(lead_id="L-D0002", rank=2, score=0.881, lead_type="unreported_incident", persons=2,
         evidenced_deaths=2, employer_name=CHEM[0], employer_uscc=CHEM[1], event_date="2024-05-11",
         region_code="140105", evidence=["D0002", "IC0002", "D0003", "C0003"]),
    dict(lead_id="L-A0001", rank=3, score=0.853, lead_type="under_reported_accident", persons=3,
         accident_id="A0001", reported_deaths=2, evidenced_deaths=3, reported_grade="一般",
         evidenced_grade="较大", employer_name=BUILD[0], employer_uscc=BUILD[1],
         event_date="2024-02-18", region_code="140721",
         evidence=["A0001", "V0004", "D0004", "V0005", "C0005", "V0006", "M0006", "D0006"]),
    dict(lead_id="L-M0007", rank=4, score=0.612, lead_type="unreported_serious_injury", persons=1,
         evidenced_deaths=0, employer_name=BUILD[0], employer_uscc=BUILD[1], event_date="2024-07-02",
         region_code="140702", evidence=["M0007", "IC0007"]),
    dict(lead_id="L-A0002", rank=5, score=0.551, lead_type="under_reported_accident", persons=1,
         accident_id="A0002", reported_deaths=9, evidenced_deaths=10, reported_grade="较大",
         evidenced_grade="重大", employer_name=MINE[0], employer_uscc=MINE[1], event_date="2024-10-08",
         region_code="140402", evidence=["A0002", "D0009"]),
    dict(lead_id="L-D0008", rank=6, score=0.418, lead_type="unreported_death", persons=1,
         evidenced_deaths=1, employer_name=None, employer_uscc=None, event_date="2024-08-19",
         region_code="141002", evidence=["D0008", "C0008"]),
    dict(lead_id="L-D0010", rank=7, score=0.203, lead_type="unreported_death", persons=1,
         evidenced_deaths=1, employer_name=None, employer_uscc=None, event_date="2024-11-30",
         region_code="140502", evidence=["D0010"]),
]

SIGNAL_TEXTS = {
    "injury_diagnosis": ("死前因外伤入院（颅脑损伤）", "admitted with an injury before death (head injury)", 1.9),
    "work_external_cause": ("外因编码指向工作场所（工业和建筑区域）", "external cause points to a workplace (industrial area)", 1.4),
    "illness_cause_high_risk": ("死因记为疾病但生前受雇于高危行业单位", "cause recorded as illness while employed in a high-risk industry", 1.1),
    "fast_cremation": ("死亡后1天内火化", "cremated within 1 day of death", 0.8),
    "far_cremation": ("在外市火化", "cremated in another city", 0.6),
    "no_accident_match": ("没有匹配的已报事故伤亡人员", "no matching casualty in any reported accident", 0.9),
    "incident_cluster": ("同一单位2天内2人死亡", "2 deaths at one employer within 2 days", 2.1),
    "injury_death_claim": ("有工亡认定但无事故报告", "work-injury death claim with no accident on file", 1.5),
    "deaths_exceed_reported": ("证据显示死亡3人，上报2人", "evidence shows 3 deaths, 2 reported", 2.4),
    "late_death_not_added": ("伤者30天内死亡未补报", "injured victim died within 30 days, never added", 1.2),
    "below_grade_line": ("上报死亡人数恰在等级线下", "reported deaths just below a grade line", 0.7),
    "long_admission": ("外伤住院23天，伤残3级", "23-day trauma admission, disability grade 3", 1.0),
    "working_age": ("处于劳动年龄", "of working age", 0.3),
    "elderly": ("年龄偏大", "elderly", -0.6),
}
LEAD_SIGNALS = {
    "L-D0001": ["injury_diagnosis", "work_external_cause", "illness_cause_high_risk", "fast_cremation",
                "far_cremation", "no_accident_match"],
    "L-D0002": ["incident_cluster", "injury_death_claim", "no_accident_match", "working_age"],
    "L-A0001": ["deaths_exceed_reported", "late_death_not_added", "working_age"],
    "L-M0007": ["long_admission", "work_external_cause", "no_accident_match"],
    "L-A0002": ["below_grade_line", "deaths_exceed_reported"],
    "L-D0008": ["fast_cremation", "far_cremation", "elderly"],
    "L-D0010": ["working_age", "elderly"],
}


def _person_of(record_id: str, ev: list[dict[str, Any]]) -> str | None:
    return next(r["person_key"] for r in ev if r["record_id"] == record_id)


def _source_of(record_id: str, ev: list[dict[str, Any]]) -> str:
    return next(r["source"] for r in ev if r["record_id"] == record_id)


def make_run_dir(path: Path, *, run_id: str = "run-20250110-01", drop_leads: int = 0,
                 started_at: str = "2025-01-10T08:00:00") -> Path:
    """Write the hand-made run folder into ``path`` (created). ``drop_leads`` omits the last N leads."""
    path.mkdir(parents=True, exist_ok=True)
    ev = _evidence_records()
    leads_spec = LEADS[: len(LEADS) - drop_leads] if drop_leads else LEADS
    lead_rows, ev_rows, sig_rows = [], [], []
    for spec in leads_spec:
        sigs = LEAD_SIGNALS[spec["lead_id"]]
        top = sorted(sigs, key=lambda s: -SIGNAL_TEXTS[s][2])[:3]
        lead_rows.append({k: v for k, v in spec.items() if k != "evidence"} | {
            "reasons_zh": "；".join(SIGNAL_TEXTS[s][0] for s in top),
            "reasons_en": "; ".join(SIGNAL_TEXTS[s][1] for s in top),
        })
        for rid in spec["evidence"]:
            person = _person_of(rid, ev)
            ev_rows.append({"lead_id": spec["lead_id"], "source": _source_of(rid, ev), "record_id": rid,
                            "person_key": person, "match_probability": 1.0 if rid.startswith("A") else 0.97})
        for s in sigs:
            zh, en, c = SIGNAL_TEXTS[s]
            sig_rows.append({"lead_id": spec["lead_id"], "signal": s, "value": "true",
                             "contribution": c, "text_zh": zh, "text_en": en})
    leads = pl.DataFrame(lead_rows, infer_schema_length=None).with_columns(
        pl.col("event_date").str.to_date(), pl.col("reported_deaths").cast(pl.Int64),
        pl.col("evidenced_deaths").cast(pl.Int64), pl.col("rank").cast(pl.Int64),
        pl.col("persons").cast(pl.Int64))
    leads = leads.select(["lead_id", "rank", "score", "lead_type", "accident_id", "reported_deaths",
                          "evidenced_deaths", "reported_grade", "evidenced_grade", "persons",
                          "employer_name", "employer_uscc", "event_date", "region_code",
                          "reasons_zh", "reasons_en"])
    leads.write_parquet(path / "leads.parquet")
    pl.DataFrame(sig_rows).write_parquet(path / "lead_signals.parquet")
    pl.DataFrame(ev_rows).write_parquet(path / "lead_evidence.parquet")
    ev_frame = pl.DataFrame(ev, infer_schema_length=None)
    ev_frame.write_parquet(path / "evidence_records.parquet")
    # links: every person-bearing record, plus singletons that became no lead
    links = [{"source": r["source"], "record_id": r["record_id"], "person_key": r["person_key"],
              "match_probability": 0.97} for r in ev if r["source"] != "accidents"]
    for i in range(12):
        links.append({"source": "deregistrations", "record_id": f"D9{i:03d}", "person_key": f"n{i:02d}",
                      "match_probability": 1.0})
    for i in range(4):  # reported victims, explained
        links += [{"source": "accident_victims", "record_id": f"V9{i:03d}", "person_key": f"v{i:02d}",
                   "match_probability": 1.0},
                  {"source": "cremations", "record_id": f"C9{i:03d}", "person_key": f"v{i:02d}",
                   "match_probability": 0.99}]
    pl.DataFrame(links).write_parquet(path / "links.parquet")
    pairs = []
    by_person: dict[str, list[dict[str, Any]]] = {}
    for r in ev:
        if r["person_key"]:
            by_person.setdefault(r["person_key"], []).append(r)
    for recs in by_person.values():
        for a, b in itertools.pairwise(recs):
            pairs.append({"source_l": a["source"], "record_id_l": a["record_id"], "source_r": b["source"],
                          "record_id_r": b["record_id"], "match_weight": 11.2, "match_probability": 0.9996})
    pl.DataFrame(pairs).write_parquet(path / "pairs.parquet")
    counts = {
        "accidents": (40, 40, 0), "accident_victims": (71, 70, 1), "deregistrations": (1520, 1511, 9),
        "cremations": (1388, 1370, 18), "injury_claims": (212, 212, 0), "medical_records": (3054, 3001, 53),
    }
    inputs: dict[str, Any] = {
        s: {"file": f"/data/in/{s}.csv", "sha256": f"{i:x}" * 64 if i else "0" * 64,
            "read": c[0], "accepted": c[1], "quarantined": c[2]}
        for i, (s, c) in enumerate(counts.items(), start=1)
    }
    inputs["employment"] = {"file": None, "sha256": None, "read": 0, "accepted": 0, "quarantined": 0}
    inputs["enterprises"] = {"file": None, "sha256": None, "read": 0, "accepted": 0, "quarantined": 0}
    qdir = path / "quality"
    qdir.mkdir(exist_ok=True)
    for s, (read, acc, quar) in counts.items():
        checks = [{"name": "date_unparseable", "severity": "quarantine", "count": quar,
                   "examples": [f"{s[:1].upper()}X{i}" for i in range(min(quar, 3))]}]
        if s != "accidents":
            checks += [{"name": "id_missing", "severity": "warning", "count": acc // 10, "examples": []},
                       {"name": "id_bad_check", "severity": "warning", "count": acc // 50, "examples": []}]
        (qdir / f"{s}.json").write_text(json.dumps(
            {"source": s, "counts": {"read": read, "accepted": acc, "quarantined": quar},
             "checks": checks}, ensure_ascii=False), encoding="utf-8")
    lead_counts = {t: sum(1 for lr in lead_rows if lr["lead_type"] == t) for t in
                   ("unreported_death", "unreported_incident", "under_reported_accident",
                    "unreported_serious_injury")}
    manifest = {
        "run_id": run_id, "started_at": started_at, "finished_at": started_at[:-2] + "42",
        "code_version": "0.1.0+g0f66a95",
        "parameters": {"period": {"start": "2024-01-01", "end": "2024-12-31"}, "seed": 0,
                       "match_threshold": 0.9},
        "inputs": inputs,
        "stages": {"read": {"seconds": 1.2, "peak_rss_mb": 210.0},
                   "link": {"seconds": 14.8, "peak_rss_mb": 820.5},
                   "detect": {"seconds": 3.1, "peak_rss_mb": 640.0}},
        "leads": lead_counts,
    }
    (path / "run.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    (path / "model.json").write_text(json.dumps({"comparisons": []}), encoding="utf-8")
    (path / "scorer.json").write_text(json.dumps({"method": "logistic regression, isotonic calibration",
                                                   "metrics": {"brier": 0.081, "auc": 0.93}}),
                                      encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def fixture_run_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_run_dir(tmp_path_factory.mktemp("template") / "run")


@pytest.fixture
def run_dir(fixture_run_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the hand-made run folder (tests may write into it)."""
    dst = tmp_path / "run"
    shutil.copytree(fixture_run_template, dst)
    return dst


@pytest.fixture(scope="session")
def built_zh(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    """The hand-made run with its Chinese report, PDF and workbook built once."""
    from reports import build_run_reports

    d = make_run_dir(tmp_path_factory.mktemp("built_zh") / "run")
    return d, build_run_reports(d, store_url="sqlite:///" + str(d.parent / "none.db"))


@pytest.fixture
def make_run():
    """The run-folder builder itself, for tests that need a variant."""
    return make_run_dir


@pytest.fixture(scope="session")
def real(tmp_path_factory: pytest.TempPathFactory):
    """A small real run (generated data, the real pipeline), its report, workbook and one
    masked dossier built; shared between xdist workers, read-only (see ``realrun``)."""
    from realrun import real_run

    return real_run(tmp_path_factory)

"""A small synthetic run written into a store through ``Store.record_run`` / ``complete_run``.

For the review app's tests, screenshots and load check only (no pipeline run needed):
``seed_run(store, n_leads=…, seed=…)`` writes one complete run whose leads have persons,
evidence records from several sources (with deliberate disagreements), signals and
industries; ``add_users(store, {...})`` creates users with argon2 hashes.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

import polars as pl

from pipelines.contract import INDUSTRIES
from pipelines.store import Store
from review.security import hash_password

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国"
_COUNTIES = ["140105", "140106", "140211", "140302", "140402", "140502", "140602",
             "140702", "140802", "140902", "141002", "141102"]
_EMPLOYERS = ["晋兴煤业有限公司", "华昌化工有限公司", "汾河建筑工程公司", "太行钢铁集团",
              "吕梁非煤矿业公司", "长治烟花厂", "大同运输有限公司", "晋中机械制造厂"]


def resident_id(region: str, birth: date, seq: int) -> str:
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return body + _CHECK[sum(int(c) * w for c, w in zip(body, _WEIGHTS, strict=True)) % 11]


def _person(rng: random.Random, event: date) -> dict[str, Any]:
    birth = date(rng.randint(1960, 2000), rng.randint(1, 12), rng.randint(1, 28))
    region = rng.choice(_COUNTIES)
    seq = rng.randint(1, 999)
    return {"name": rng.choice(_SURNAMES) + rng.choice(_GIVEN) + rng.choice(["", rng.choice(_GIVEN)]),
            "id_number": resident_id(region, birth, seq), "sex": "M" if seq % 2 else "F",
            "birth_date": birth.isoformat(), "region_code": region, "event": event}


def _records(rng: random.Random, p: dict[str, Any], key: str, employer: str,
             uscc: str) -> list[dict[str, Any]]:
    ev: date = p["event"]
    base = {k: p[k] for k in ("name", "id_number", "sex", "birth_date")}
    recs = [
        {"source": "deregistrations", "record_id": f"D-{key}", **base,
         "death_date": ev.isoformat(), "deregistered_on": (ev + timedelta(days=9)).isoformat(),
         "region_code": p["region_code"], "reason": "death", "death_cause": "病故"},
        {"source": "cremations", "record_id": f"C-{key}", **base,
         "death_date": ev.isoformat(), "cremated_on": (ev + timedelta(days=1)).isoformat(),
         "funeral_home": "外县殡仪馆", "region_code": rng.choice(_COUNTIES),
         "certificate_issuer": "community"},
    ]
    if rng.random() < 0.6:
        # a typo in the ID number and a homophone in the name: the page must show them
        idn = p["id_number"]
        bad = idn[:10] + idn[11] + idn[10] + idn[12:]
        recs.append({"source": "medical_records", "record_id": f"M-{key}",
                     "name": p["name"][:-1] + "玮", "id_number": bad, "sex": p["sex"],
                     "hospital": "市第二人民医院", "admitted_at": f"{ev.isoformat()} 08:40",
                     "diagnosis_icd10": "S06.5", "external_cause_icd10": "W20.6",
                     "disposition": "died", "employer_name": employer,
                     "region_code": p["region_code"]})
    if rng.random() < 0.4:
        recs.append({"source": "injury_claims", "record_id": f"W-{key}", **base,
                     "employer_name": employer, "employer_uscc": uscc,
                     "injury_date": ev.isoformat(),
                     "applied_on": (ev + timedelta(days=40)).isoformat(), "outcome": "death",
                     "region_code": p["region_code"]})
    return recs


def seed_run(store: Store, *, n_leads: int = 40, seed: int = 0, run_id: str | None = None,
             out_dir: str = "/nonexistent/run", finished_at: datetime | None = None) -> str:
    """Write one complete run with ``n_leads`` leads; returns its run id."""
    rng = random.Random(seed)
    run_id = run_id or f"seed-{seed}-{n_leads}"
    types = ["unreported_death", "unreported_incident", "under_reported_accident",
             "unreported_serious_injury"]
    leads, evidence, signals, records = [], [], [], []
    start = date(2024, 1, 1)
    scores = sorted((rng.random() for _ in range(n_leads)), reverse=True)
    for i in range(n_leads):
        lead_id = f"L{seed:02d}{i:06d}"
        ltype = types[i % 4]
        employer = rng.choice(_EMPLOYERS)
        uscc = f"91140{rng.randint(0, 10**12):012d}X"[:18]
        ev = start + timedelta(days=rng.randint(0, 360))
        n_persons = 2 if ltype == "unreported_incident" else 1
        lead_records: list[dict[str, Any]] = []
        for j in range(n_persons):
            p = _person(rng, ev)
            key = f"{lead_id}-{j}"
            for r in _records(rng, p, key, employer, uscc):
                prob = 1.0 if r["source"] == "deregistrations" else round(rng.uniform(0.7, 1), 4)
                lead_records.append({**r, "person_key": f"P{key}", "match_probability": prob})
        industry = rng.choice(INDUSTRIES)
        reported = evidenced = None
        accident_id = None
        if ltype == "under_reported_accident":
            accident_id = f"A-{lead_id}"
            reported, evidenced = 2, 2 + n_persons + 1
            lead_records.append({"source": "accidents", "record_id": accident_id,
                                 "occurred_at": f"{ev.isoformat()} 10:15",
                                 "reported_at": f"{ev.isoformat()} 16:00",
                                 "enterprise_name": employer, "enterprise_uscc": uscc,
                                 "industry": industry, "accident_type": "roof_fall",
                                 "reported_deaths": str(reported), "region_code": "140105",
                                 "person_key": None, "match_probability": 1.0})
        elif rng.random() < 0.7:
            lead_records.append({"source": "employment", "record_id": f"E-{lead_id}",
                                 "id_number": lead_records[0]["id_number"],
                                 "name": lead_records[0]["name"], "employer_name": employer,
                                 "employer_uscc": uscc, "industry": industry,
                                 "start_date": "2019-03-01",
                                 "person_key": lead_records[0]["person_key"],
                                 "match_probability": 0.97})
        region = rng.choice(_COUNTIES)
        sigs = [("working_age_trauma_death", "S06.5", 1.8, "劳动年龄人员外伤死亡，无对应事故",
                 "Working-age trauma death with no matching accident"),
                ("fast_cremation", "1", 0.9, "死亡后 1 天内火化", "Cremated within 1 day of death"),
                ("illness_cause_high_risk", industry, 0.6, "死因记为病故但受雇于高危行业",
                 "Cause recorded as illness while employed in a high-risk industry"),
                ("elderly", "0", -0.3, "非老年人", "Not elderly")]
        for s in sigs:
            signals.append({"lead_id": lead_id, "signal": s[0], "value": s[1],
                            "contribution": s[2], "text_zh": s[3], "text_en": s[4]})
        leads.append({
            "lead_id": lead_id, "rank": i + 1, "score": round(scores[i], 4), "lead_type": ltype,
            "accident_id": accident_id, "reported_deaths": reported,
            "evidenced_deaths": evidenced,
            "reported_grade": "一般" if accident_id else None,
            "evidenced_grade": "较大" if accident_id else None,
            "persons": n_persons, "employer_name": employer, "employer_uscc": uscc,
            "event_date": ev.isoformat(), "region_code": region,
            "reasons_zh": "；".join(s[3] for s in sigs[:3]),
            "reasons_en": "; ".join(s[4] for s in sigs[:3]),
            "change": "new", "evidence_hash": f"h{seed}{i}",
        })
        for r in lead_records:
            evidence.append({"lead_id": lead_id, "source": r["source"],
                             "record_id": r["record_id"], "person_key": r["person_key"],
                             "match_probability": r["match_probability"], "is_new": True})
            records.append({k: v for k, v in r.items()
                            if k not in ("person_key", "match_probability")})
    now = finished_at or datetime.now(UTC).replace(tzinfo=None)
    manifest = {"run_id": run_id, "started_at": now.isoformat(), "code_version": "seed",
                "parameters": {"seed": seed}, "inputs": {}, "leads": {}}
    rec_cols = sorted({k for r in records for k in r})
    rec_df = pl.DataFrame([{c: r.get(c) for c in rec_cols} for r in records],
                          schema={c: pl.String for c in rec_cols})
    store.record_run(manifest, input_dir="/nonexistent/input", out_dir=out_dir,
                     leads=pl.DataFrame(leads, infer_schema_length=None),
                     lead_evidence=pl.DataFrame(evidence, infer_schema_length=None),
                     lead_signals=pl.DataFrame(signals, infer_schema_length=None),
                     evidence_records=rec_df)
    store.complete_run(run_id, finished_at=now)
    return run_id


def add_users(store: Store, users: dict[str, tuple[str, str]]) -> None:
    """``{username: (role, password)}`` → users (skips existing ones)."""
    for name, (role, password) in users.items():
        if store.get_user(name) is None:
            store.add_user(name, role, hash_password(password), actor="seed")

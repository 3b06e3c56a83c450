"""The dead of an employer tested alone against its rate of deaths: at a mine whose workers are
seriously injured every week, two of its workers dead on one day stay an incident."""

from __future__ import annotations

import datetime as dt

import polars as pl

from pipelines.detection import DetectionParams, detect

D = dt.date
T = dt.datetime
MINE = "91140200DDDDDDDDD4"   # the coal mine of the province's concealed incident (D7, D8)


def _routine_injuries(province: tuple[dict, pl.DataFrame], n: int) -> tuple[dict, pl.DataFrame]:
    """``n`` serious work injuries of the mine's workers, one every eight days through 2024 (20-day stays)."""
    accepted, links = province
    med, emp = accepted["medical_records"], accepted["employment"]
    ids = [f"1402021985{(i % 12) + 1:02d}{(i % 28) + 1:02d}{i:03d}" for i in range(n)]
    ids = [s + "0" for s in ids]   # check characters need not hold: the ID links by exact match here
    when = [T(2024, 1, 5, 9) + dt.timedelta(days=8 * i) for i in range(n)]
    rid = [f"RS{i}" for i in range(n)]
    add = pl.DataFrame({
        "record_id": rid, "name": [f"伤员{i}" for i in range(n)], "id_number": ids, "sex": ["M"] * n, "age": [39] * n,
        "hospital": ["矿区医院"] * n, "region_code": ["140202"] * n, "admitted_at": when,
        "discharged_at": [t + dt.timedelta(days=20) for t in when], "diagnosis_icd10": ["S82.2"] * n,
        "external_cause_icd10": ["W20.6"] * n, "disposition": ["discharged"] * n, "payer": ["employee_insurance"] * n,
        "employer_name": [None] * n,
    }, schema=med.schema)
    spells = pl.DataFrame({
        "record_id": ["E_" + r for r in rid], "id_number": ids, "name": [f"伤员{i}" for i in range(n)],
        "employer_name": ["丁矿业公司"] * n, "employer_uscc": [MINE] * n, "industry": ["coal_mining"] * n,
        "start_date": [D(2020, 1, 1)] * n, "end_date": [None] * n,
    }, schema=emp.schema)
    extra = pl.DataFrame({"source": ["medical_records"] * n + ["employment"] * n,
                          "record_id": rid + ["E_" + r for r in rid], "person_key": ["p_" + r for r in rid] * 2,
                          "match_probability": [1.0] * (2 * n)})
    return ({**accepted, "medical_records": pl.concat([med, add]), "employment": pl.concat([emp, spells])},
            pl.concat([links, extra]))


def _incident(result) -> dict:
    ev = result.lead_evidence.filter((pl.col("source") == "deregistrations") & (pl.col("record_id") == "D7"))
    lead = result.leads.join(ev.select("lead_id"), on="lead_id").row(0, named=True)
    s = result.lead_signals.filter((pl.col("lead_id") == lead["lead_id"]) & (pl.col("signal") == "incident_surprise"))
    return {**lead, "surprise": s["value"].item() if s.height else 0.0}


def test_two_dead_stand_out_against_a_mines_routine_serious_injuries(province, scorer) -> None:
    acc, links = _routine_injuries(province, 45)
    # no cremation record: the funeral home does not tie the two dead together
    acc = {**acc, "cremations": acc["cremations"].filter(~pl.col("record_id").is_in(["C7", "C8"]))}
    on = detect(acc, links, params=DetectionParams(min_score=0.0), scorer=scorer)
    off = detect(acc, links, params=DetectionParams(min_score=0.0, incident_death_test=False), scorer=scorer)
    # tested on the dead alone, the mine's two dead of 1 and 2 May are one incident ...
    lead = _incident(on)
    assert lead["lead_type"] == "unreported_incident" and lead["persons"] == 2 and lead["evidenced_deaths"] == 2
    assert lead["surprise"] > 1.0    # chance below 0.1
    # ... while with the injured, 47 casualties a year make two in a few days the mine's routine
    alone = _incident(off)
    assert alone["lead_type"] == "unreported_death" and alone["persons"] == 1


def test_the_dead_alone_are_a_burst_where_the_dead_and_injured_are_not() -> None:
    """The test itself: two deaths on one day at an employer with 45 serious injuries a year."""
    from pipelines.detection.leads import _burst_groups

    days = [D(2024, 1, 5) + dt.timedelta(days=8 * i) for i in range(45)]
    # the province's other dead, through the year, set the period the rates are over
    others = pl.DataFrame({"person_key": [f"o{i}" for i in range(40)],
                           "event_date": [D(2024, 1, 3) + dt.timedelta(days=9 * i) for i in range(40)],
                           "_emp": [f"firm{i}" for i in range(40)]})
    mine = pl.DataFrame({"person_key": [f"s{i}" for i in range(45)] + ["d1", "d2"],
                         "event_date": [*days, D(2024, 5, 1), D(2024, 5, 1)], "_emp": ["mine"] * 47})
    both = pl.concat([mine, others])
    assert _burst_groups(both, "_emp", 0, 1.0, "S:").height == 0
    dead = _burst_groups(both.filter(~pl.col("person_key").str.starts_with("s")), "_emp", 0, 1.0, "DS:")
    assert sorted(dead["person_key"]) == ["d1", "d2"] and dead["burst_p"].max() < 0.05


def _with_cause(province: tuple[dict, pl.DataFrame], cause: str, *, cremated: bool) -> tuple[dict, pl.DataFrame]:
    """The mine's dead worker of 1 May (D7) recorded with ``cause``; ``cremated``: his far-away
    cremation record (C7) kept."""
    accepted, links = province
    dereg = accepted["deregistrations"].with_columns(
        pl.when(pl.col("record_id") == "D7").then(pl.lit(cause)).otherwise(pl.col("death_cause")).alias("death_cause"))
    crem = accepted["cremations"].with_columns(
        pl.when(pl.col("record_id") == "C7").then(pl.lit(cause)).otherwise(pl.col("death_cause")).alias("death_cause"))
    if not cremated:
        crem = crem.filter(pl.col("record_id") != "C7")
    return {**accepted, "deregistrations": dereg, "cremations": crem}, links


def test_a_death_of_a_chronic_disease_joins_no_incident(province, scorer) -> None:
    """The disguise of an accident death is a sudden illness, not a long one: a worker dead of liver
    cancer, nothing in how his body was handled contradicting it, is no casualty of an incident with
    a co-worker's death the next day (blind Yunnan generator: a foundry's cancer death at home and a
    fall 500 km away made a 2-death incident ranked 14); cremated far away, he still is one."""
    def d7_lead(acc_links, **kw) -> dict:
        r = detect(*acc_links, params=DetectionParams(min_score=0.0, **kw), scorer=scorer)
        ev = r.lead_evidence.filter((pl.col("source") == "deregistrations") & (pl.col("record_id") == "D7"))
        return r.leads.join(ev.select("lead_id"), on="lead_id").row(0, named=True)

    cancer = _with_cause(province, "肝癌", cremated=False)
    assert d7_lead(cancer)["persons"] == 1
    assert d7_lead(cancer, incident_chronic_illness=True)["persons"] == 2
    # a sudden illness written the same way stays a casualty
    assert d7_lead(_with_cause(province, "病故", cremated=False))["persons"] == 2
    # cremated far from home and employer, the cancer is contradicted
    assert d7_lead(_with_cause(province, "肝癌", cremated=True))["persons"] == 2

"""Co-victims: the less seriously injured join an employer's incident, but never make one alone."""

from __future__ import annotations

import datetime as dt

import polars as pl

from pipelines.detection import DetectionParams, detect

ALL = DetectionParams(min_score=0.0)
D = dt.date
T = dt.datetime


def _with_injured(province: tuple[dict, pl.DataFrame], rows: list[tuple[str, str, str, T, str, str]]
                  ) -> tuple[dict, pl.DataFrame]:
    """Add one-day trauma admissions: (record_id, name, id, admitted, external cause, employer uscc)."""
    accepted, links = province
    med = accepted["medical_records"]
    add = pl.DataFrame({
        "record_id": [r[0] for r in rows], "name": [r[1] for r in rows], "id_number": [r[2] for r in rows],
        "sex": ["M"] * len(rows), "age": [30] * len(rows), "hospital": ["县人民医院"] * len(rows),
        "region_code": ["140202"] * len(rows), "admitted_at": [r[3] for r in rows],
        "discharged_at": [r[3] + dt.timedelta(hours=6) for r in rows],
        "diagnosis_icd10": ["S52.5"] * len(rows), "external_cause_icd10": [r[4] for r in rows],
        "disposition": ["discharged"] * len(rows), "payer": ["self_pay"] * len(rows),
        "employer_name": [None] * len(rows),
    }, schema=med.schema)
    emp = accepted["employment"]
    names = {"91140200DDDDDDDDD4": "丁矿业公司", "91140100EEEEEEEEE5": "戊建筑公司"}
    spells = pl.DataFrame({
        "record_id": ["E_" + r[0] for r in rows], "id_number": [r[2] for r in rows], "name": [r[1] for r in rows],
        "employer_name": [names[r[5]] for r in rows], "employer_uscc": [r[5] for r in rows],
        "industry": ["coal_mining" if r[5].startswith("911402") else "construction" for r in rows],
        "start_date": [D(2020, 1, 1)] * len(rows), "end_date": [None] * len(rows),
    }, schema=emp.schema)
    acc = {**accepted, "medical_records": pl.concat([med, add]), "employment": pl.concat([emp, spells])}
    extra = pl.DataFrame({"source": ["medical_records"] * len(rows), "record_id": [r[0] for r in rows],
                          "person_key": ["p_" + r[0] for r in rows], "match_probability": [1.0] * len(rows)})
    return acc, pl.concat([links, extra])


def _lead_of(result, source: str, record_id: str) -> pl.DataFrame:
    ev = result.lead_evidence.filter((pl.col("source") == source) & (pl.col("record_id") == record_id))
    return result.leads.join(ev.select("lead_id"), on="lead_id")


def test_injured_coworker_joins_the_incident_of_the_dead(province, scorer) -> None:
    base = detect(*province, params=ALL, scorer=scorer)
    incident = _lead_of(base, "deregistrations", "D7").row(0, named=True)
    assert incident["lead_type"] == "unreported_incident" and incident["persons"] == 2
    acc, links = _with_injured(province, [
        ("M10", "郭伤", "140202199001010010", T(2024, 5, 1, 10), "W20.6", "91140200DDDDDDDDD4"),  # work injury, same mine
        ("M11", "何摔", "140202199102020020", T(2024, 5, 1, 11), "W18.0", "91140200DDDDDDDDD4"),  # fall at home
    ])
    r = detect(acc, links, params=ALL, scorer=scorer)
    lead = _lead_of(r, "deregistrations", "D7").row(0, named=True)
    assert lead["lead_id"] == incident["lead_id"]            # anchored on the dead, so the id is stable
    assert lead["persons"] == 3 and lead["evidenced_deaths"] == 2
    assert _lead_of(r, "medical_records", "M10")["lead_id"].to_list() == [lead["lead_id"]]
    # the fall at home is no co-victim, and a minor injury alone is no lead
    assert _lead_of(r, "medical_records", "M11").height == 0


def test_minor_injuries_without_a_death_make_no_incident(province, scorer) -> None:
    acc, links = _with_injured(province, [
        ("M20", "甲伤", "140105199001010030", T(2024, 10, 5, 9), "W20.6", "91140100EEEEEEEEE5"),
        ("M21", "乙伤", "140105199102020040", T(2024, 10, 5, 10), "W20.6", "91140100EEEEEEEEE5"),
    ])
    r = detect(acc, links, params=ALL, scorer=scorer)
    assert _lead_of(r, "medical_records", "M20").height == 0
    assert _lead_of(r, "medical_records", "M21").height == 0
    # switched off, the injured never join
    off = detect(*_with_injured(province, [
        ("M10", "郭伤", "140202199001010010", T(2024, 5, 1, 10), "W20.6", "91140200DDDDDDDDD4")]),
        params=DetectionParams(min_score=0.0, incident_co_victims=False), scorer=scorer)
    assert _lead_of(off, "deregistrations", "D7")["persons"].item() == 2


def test_a_doubtful_link_to_an_admission_is_no_death_after_trauma(province) -> None:
    from pipelines.detection.detect import candidate_leads

    accepted, links = province

    def after_trauma(p: float, disposition: str = "died") -> bool:
        lk = links.with_columns(pl.when(pl.col("person_key") == "p_tr").then(pl.lit(p))
                                .otherwise(pl.col("match_probability")).alias("match_probability"))
        med = accepted["medical_records"].with_columns(
            pl.when(pl.col("record_id") == "M2").then(pl.lit(disposition)).otherwise(pl.col("disposition"))
            .alias("disposition"))
        _, prof, _ = candidate_leads({**accepted, "medical_records": med}, lk)
        return bool(prof.filter(pl.col("person_key") == "p_tr")["died_after_trauma"].item())

    # the admission ended in death: the record itself says trauma, then death — no link needed
    assert after_trauma(0.99) and after_trauma(0.88)
    # a survivor's admission joined to a death: only with a confident link (one in eight links
    # at 0.88 joins a namesake)
    assert after_trauma(0.99, "transferred")
    assert not after_trauma(0.88, "transferred")


def test_a_mistyped_employer_code_meets_its_coworkers_by_the_registered_name(province, scorer) -> None:
    # a seriously injured miner whose enrolment carries the mine's code with a typo (D→X): the
    # register knows the name 丁矿业公司 under 91140200DDDDDDDDD4, so he joins D7's incident
    accepted, links = province
    acc, links = _with_injured((accepted, links), [
        ("M20", "韩重", "140202199303030030", T(2024, 5, 1, 9), "W20.6", "91140200DDDDDDDDD4")])
    acc["employment"] = acc["employment"].with_columns(
        pl.when(pl.col("record_id") == "E_M20").then(pl.lit("91140200DDDDDDDDX4"))
        .otherwise(pl.col("employer_uscc")).alias("employer_uscc"))
    acc["medical_records"] = acc["medical_records"].with_columns(
        pl.when(pl.col("record_id") == "M20").then(pl.col("admitted_at") + dt.timedelta(days=20))
        .otherwise(pl.col("discharged_at")).alias("discharged_at"))          # 20 days: a serious injury
    r = detect(acc, links, params=ALL, scorer=scorer)
    lead = _lead_of(r, "deregistrations", "D7").row(0, named=True)
    assert lead["lead_type"] == "unreported_incident"
    assert "M20" in r.lead_evidence.filter(pl.col("lead_id") == lead["lead_id"])["record_id"].to_list()

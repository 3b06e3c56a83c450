"""Fast checks of the blind altgen8 generator (benchmarks/altgen8, Guizhou)."""

from __future__ import annotations

import re

import polars as pl
import pytest

from benchmarks.altgen8.generate import generate, main
from benchmarks.altgen8.ids import id_is_valid, uscc_is_valid

# the contract's files and columns, and a reader of either encoding: shared with altgen4's checks
from tests.test_altgen4 import (
    ACCIDENT_TYPES,
    CLAIM_OUTCOMES,
    DATE_RE,
    DATETIME_RE,
    INDUSTRIES,
    PERSON_SOURCES,
    check_csv_encodings,
    check_files_and_columns,
    check_same_files,
    check_truth_matches_accidents,
    iso_dates,
    read_source,
    read_truth,
)

SCALE, SEED = 0.01, 8
FORMATS = {"accidents": "gb18030", "accident_victims": "utf-8-sig", "deregistrations": "utf-8",
           "cremations": "gb18030", "injury_claims": "utf-8-sig", "medical_records": "parquet",
           "employment": "parquet", "enterprises": "parquet"}
HIGH_RISK = {"coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
             "construction", "fireworks"}
PAYERS = {"employee_insurance", "resident_insurance", "work_injury_insurance", "self_pay",
          "commercial", "other"}
EXTRACT = "2024-06-30"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("alt8")
    stats = generate(out, scale=SCALE, seed=SEED)
    return out, stats


@pytest.fixture(scope="module")
def truth(generated):
    return read_truth(generated[0])


def test_sources_columns_and_truth_files(generated):
    d, stats = generated
    check_files_and_columns(d, stats, FORMATS)


def test_encodings(generated):
    d, _ = generated
    check_csv_encodings(d, FORMATS)


def test_enums_and_codes(generated):
    d, _ = generated
    acc = read_source(d, "accidents")
    assert set(acc["industry"]) <= INDUSTRIES
    assert set(acc["accident_type"]) <= ACCIDENT_TYPES
    av = read_source(d, "accident_victims")
    assert set(av["outcome"]) <= {"death", "serious_injury", "minor_injury"}
    assert set(av["accident_id"]) <= set(acc["record_id"])
    assert set(read_source(d, "deregistrations")["reason"]) <= {"death", "declared_dead"}
    cr = read_source(d, "cremations")
    assert set(cr["certificate_issuer"].drop_nulls()) <= {"hospital", "police", "community",
                                                          "other"}
    assert set(read_source(d, "injury_claims")["outcome"]) <= CLAIM_OUTCOMES
    me = read_source(d, "medical_records")
    assert set(me["disposition"]) <= {"discharged", "transferred", "died",
                                      "left_against_advice"}
    assert set(me["payer"].drop_nulls()) <= PAYERS
    assert all(re.match(r"^[ST]\d{2}(\.\d)?$", v) for v in me["diagnosis_icd10"])
    assert all(re.match(r"^[VWXY]\d{2}\.\d$", v) for v in me["external_cause_icd10"].drop_nulls())
    for src in ("accidents", "deregistrations", "cremations", "injury_claims", "medical_records",
                "enterprises"):
        codes = read_source(d, src)["region_code"]
        assert all(re.match(r"^52\d{4}$", v) for v in codes), src  # Guizhou, county level
    emp = read_source(d, "employment")
    assert emp["id_number"].null_count() == 0
    assert set(emp["industry"].drop_nulls()) <= INDUSTRIES
    ent = read_source(d, "enterprises")
    assert ent.schema["high_risk"] == pl.Boolean
    assert set(ent["industry"]) == INDUSTRIES  # every industry, whatever the scale


def test_own_format_choices(generated):
    """Each department's habits: police compact dates, one style per funeral home, typed
    Parquet columns, its own sex codes, datetimes to the minute."""
    d, _ = generated
    acc = read_source(d, "accidents")
    for col in ("occurred_at", "reported_at"):
        assert all(re.match(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$", v) for v in acc[col]), col
        assert all(DATETIME_RE.match(v) for v in acc[col])
    assert (acc["reported_at"] >= acc["occurred_at"]).all()
    dr = read_source(d, "deregistrations")
    cr = read_source(d, "cremations")
    cl = read_source(d, "injury_claims")
    for df, cols in ((dr, ["birth_date", "death_date", "deregistered_on"]),
                     (cr, ["death_date", "cremated_on"]),
                     (cl, ["injury_date", "applied_on", "decided_on"])):
        for c in cols:
            assert all(DATE_RE.match(v) for v in df[c].drop_nulls()), c
    assert dr["deregistered_on"].str.contains(r"^\d{8}$").mean() > 0.5
    styles = cr.select("funeral_home", pl.col("cremated_on").str.replace_all(r"\d", "9")
                       .alias("shape")).unique()
    assert styles["shape"].n_unique() >= 3  # ISO, 2023/5/7, 20230507, 2023年5月7日
    assert styles.group_by("funeral_home").agg(pl.col("shape").str.contains("年").n_unique())[
        "shape"].max() == 1  # one home, one habit
    assert cl["applied_on"].str.contains("/").any() and cl["applied_on"].str.contains("-").any()
    me = read_source(d, "medical_records")
    assert me.schema["admitted_at"] == pl.Datetime("us")
    assert me.schema["age"] == pl.Int64
    emp = read_source(d, "employment")
    assert emp.schema["start_date"] == pl.Date and emp.schema["end_date"] == pl.Date
    assert set(dr["sex"].drop_nulls()) == {"1", "2"}
    assert set(cr["sex"].drop_nulls()) == {"男", "女"}
    assert set(cl["sex"].drop_nulls()) == {"M", "F"}
    assert set(me["sex"].drop_nulls()) == {"M", "F", "男", "女"}  # hospitals differ
    for src in ("accident_victims", "cremations", "medical_records"):
        assert read_source(d, src)["age"].drop_nulls().cast(pl.Int64).is_between(0, 110).all()
    # nothing dated after the extraction
    for df, cols in ((dr, ["deregistered_on"]), (cr, ["cremated_on"]),
                     (cl, ["applied_on", "decided_on"])):
        for c in cols:
            assert iso_dates(df, c).drop_nulls().max() <= EXTRACT, c
    assert me["admitted_at"].max().date().isoformat() <= EXTRACT


def test_names_are_noisy_but_chinese(generated):
    d, _ = generated
    me = read_source(d, "medical_records")["name"]
    assert me.str.contains(r"^[A-Za-z]+( [A-Za-z]+)?$").sum() > 0  # pinyin in some hospitals
    assert me.str.contains(r"[\u4e00-\u9fff]").mean() > 0.95
    cr = read_source(d, "cremations")["name"]
    assert cr.str.contains(r"[ ·]").sum() > 0


def test_clean_ids_pass_gb11643(generated):
    d, stats = generated
    for src in PERSON_SOURCES:
        df = read_source(d, src)
        kinds = stats["id_kinds"][src]
        assert kinds["record_id"].to_list() == df["record_id"].to_list(), src
        ids = df["id_number"].to_list()
        k = kinds["kind"].to_list()
        assert all(id_is_valid(i) for i, kk in zip(ids, k, strict=True)
                   if kk in ("clean", "valid_corrupt")), src
        assert not any(id_is_valid(i) for i, kk in zip(ids, k, strict=True)
                       if kk in ("wrong_check", "typo1", "transposed", "legacy15")), src
        assert all(len(i) == 15 and i.isdigit() for i, kk in zip(ids, k, strict=True)
                   if kk == "legacy15"), src
        assert all(i is None for i, kk in zip(ids, k, strict=True) if kk == "missing"), src
        assert all(i.endswith("x") and id_is_valid(i.upper())
                   for i, kk in zip(ids, k, strict=True) if kk == "lower_x"), src
        assert k.count("clean") / len(k) > 0.6, src
    all_kinds = {k for src in PERSON_SOURCES for k in stats["id_kinds"][src]["kind"]}
    assert {"clean", "missing", "legacy15", "lower_x", "wrong_check", "typo1", "transposed",
            "valid_corrupt"} <= all_kinds
    assert stats["id_kinds"]["employment"].filter(pl.col("kind") == "missing").height == 0
    assert stats["duplicated_ids"] >= 1
    ent = read_source(d, "enterprises")
    share = sum(uscc_is_valid(u) for u in ent["uscc"]) / ent.height
    assert 0.85 < share < 1.0  # a few register codes fail their own check


def test_record_person_complete(generated, truth):
    d, _ = generated
    rp = truth["record_person"]
    keys = set(zip(rp["source"], rp["record_id"], strict=True))
    assert len(keys) == rp.height
    records = {(src, rid) for src in PERSON_SOURCES for rid in read_source(d, src)["record_id"]}
    assert keys == records
    assert rp.filter(pl.col("source") == "medical_records")["person_id"].n_unique() < \
        rp.filter(pl.col("source") == "medical_records").height  # repeat patients, duplicates


def test_incidents_and_reports_agree(generated, truth):
    d, stats = generated
    inc, ip = truth["incidents"], truth["incident_person"]
    assert set(inc["kind"]) == {"reported", "concealed", "under_reported"}
    assert stats["incidents"]["concealed"] >= 3 and stats["incidents"]["under_reported"] >= 3
    acc = read_source(d, "accidents").with_columns(pl.col("reported_deaths").cast(pl.Int64))
    av = read_source(d, "accident_victims")
    check_truth_matches_accidents(inc, acc, av)
    rep = inc.filter(pl.col("accident_record_id").is_not_null())
    assert sorted(rep["accident_record_id"]) == sorted(acc["record_id"])
    assert set(rep["kind"]) == {"reported", "under_reported"}
    assert (inc.filter(pl.col("kind") == "concealed")["reported_deaths"] == 0).all()
    # the truth's outcomes add up to the true deaths, and the named outcomes are the report's
    per = ip.group_by("incident_id").agg((pl.col("outcome") == "death").sum().alias("dead"))
    j3 = inc.join(per, on="incident_id")
    assert j3.height == inc.height and (j3["dead"] == j3["true_deaths"]).all()
    rp = truth["record_person"].filter(pl.col("source") == "accident_victims")
    named_truth = av.join(rp, on="record_id").select(
        pl.col("accident_id").alias("accident_record_id"), "person_id",
        pl.col("outcome").alias("named"))
    j4 = named_truth.join(inc.select("incident_id", "accident_record_id"),
                          on="accident_record_id").join(ip, on=["incident_id", "person_id"])
    assert j4.height == av.height
    assert (j4["named"] == j4["reported_outcome"]).all()
    assert ip.filter(pl.col("reported_outcome").is_not_null()).height == av.height
    assert set(ip["outcome"]) == {"death", "serious_injury", "minor_injury"}


def test_hidden_deaths(generated, truth):
    _, stats = generated
    inc, ip, deaths = truth["incidents"], truth["incident_person"], truth["deaths"]
    ipk = ip.join(inc.select("incident_id", "kind"), on="incident_id")
    hidden = ipk.filter((pl.col("kind") != "reported") & (pl.col("outcome") == "death")
                        & (pl.col("reported_outcome").is_null()
                           | (pl.col("reported_outcome") != "death")))
    assert hidden.height >= 3 and hidden.height == stats["hidden_deaths"]
    # every under-reported accident hides at least one death
    assert set(hidden.filter(pl.col("kind") == "under_reported")["incident_id"]) == set(
        inc.filter(pl.col("kind") == "under_reported")["incident_id"])
    # deaths.parquet: one row per dead person, incident deaths exactly the truth's deaths
    assert deaths["person_id"].n_unique() == deaths.height
    assert set(deaths["death_class"]) == {"natural", "non_occupational", "incident"}
    inc_deaths = deaths.filter(pl.col("death_class") == "incident")
    assert set(inc_deaths["person_id"]) == set(ip.filter(pl.col("outcome") == "death")
                                               ["person_id"])
    assert inc_deaths["incident_id"].null_count() == 0
    j = inc_deaths.join(ip.filter(pl.col("outcome") == "death"), on=["person_id", "incident_id"])
    assert j.height == inc_deaths.height
    other = deaths.filter(pl.col("death_class") != "incident")
    assert other["incident_id"].null_count() == other.height
    # most hidden deaths leave a trace in a death source (a needle, not nothing)
    rp = truth["record_person"]
    traced = rp.filter(pl.col("source").is_in(["deregistrations", "cremations"])
                       & pl.col("person_id").is_in(hidden["person_id"].to_list()))
    assert traced["person_id"].n_unique() >= 0.6 * hidden.height
    # death records only for the dead
    dead = set(deaths["person_id"])
    assert set(rp.filter(pl.col("source").is_in(["deregistrations", "cremations"]))
               ["person_id"]) <= dead


def test_hard_negatives_present(generated, truth):
    """Look-alikes the detector must not flag: work deaths that are no accident, enrolled
    high-risk workers dying of illness, households poisoned by coal stoves."""
    d, _ = generated
    rp, deaths, ip = truth["record_person"], truth["deaths"], truth["incident_person"]
    cl = read_source(d, "injury_claims").join(
        rp.filter(pl.col("source") == "injury_claims"), on="record_id")
    work_death_claims = cl.filter((pl.col("outcome") == "death")
                                  & ~pl.col("person_id").is_in(ip["person_id"].to_list()))
    assert work_death_claims.height >= 2
    assert work_death_claims["injury_description"].str.contains("视同工伤|上下班途中|尘肺").all()
    emp = read_source(d, "employment").join(rp.filter(pl.col("source") == "employment"),
                                            on="record_id")
    natural = deaths.filter(pl.col("death_class") == "natural")
    hr_natural = emp.filter(pl.col("industry").is_in(list(HIGH_RISK))
                            & pl.col("person_id").is_in(natural["person_id"].to_list()))
    assert hr_natural["person_id"].n_unique() >= 3
    me = read_source(d, "medical_records")
    co = me.filter((pl.col("external_cause_icd10") == "X47.0") & (pl.col("disposition") == "died"))
    clusters = co.group_by("hospital", pl.col("admitted_at").dt.date()).len()
    assert (clusters["len"] >= 2).any() or co.height == 0


def test_deterministic(generated, tmp_path):
    d, _ = generated
    generate(tmp_path, scale=SCALE, seed=SEED)
    assert check_same_files(d, tmp_path) == 12
    other = tmp_path / "other"
    assert main(["--out", str(other), "--scale", str(SCALE), "--seed", str(SEED + 1)]) == 0
    assert (d / "cremations.csv").read_bytes() != (other / "cremations.csv").read_bytes()

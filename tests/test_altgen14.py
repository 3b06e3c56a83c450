"""Fast checks of the blind altgen14 generator (benchmarks/altgen14, Guangdong: construction sites
with labour subcontractors, non-coal mines, chemicals, road transport, migrant workers)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import polars as pl
import pytest

from benchmarks.altgen14.generate import FORMATS, generate, main
from benchmarks.altgen14.ids import id_is_valid, uscc_is_valid

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
    check_ids_by_kind,
    check_same_files,
    check_truth_matches_accidents,
    iso_dates,
    read_source,
    read_truth,
)

SCALE, SEED = 0.02, 14
EXTRACT = "2024-06-30"
PAYERS = {"employee_insurance", "resident_insurance", "work_injury_insurance", "self_pay",
          "commercial", "other"}
HIGH_RISK = {"coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
             "construction", "fireworks"}
DATE_COLS = {"deregistrations": ["birth_date", "death_date", "deregistered_on"],
             "cremations": ["death_date", "cremated_on"],
             "employment": ["start_date", "end_date"]}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("alt14")
    stats = generate(out, scale=SCALE, seed=SEED)
    return out, stats


@pytest.fixture(scope="module")
def truth(generated):
    return read_truth(generated[0])


@pytest.fixture(scope="module")
def sources(generated):
    d, _ = generated
    return {src: read_source(d, src) for src in FORMATS}


def test_files_columns_and_encodings(generated):
    d, stats = generated
    check_files_and_columns(d, stats, FORMATS)
    check_csv_encodings(d, FORMATS)


def test_enums_codes_and_dates(sources):
    acc = sources["accidents"]
    assert set(acc["industry"]) <= INDUSTRIES and set(acc["accident_type"]) <= ACCIDENT_TYPES
    for col in ("occurred_at", "reported_at"):
        assert all(DATETIME_RE.match(v) for v in acc[col]), col
    assert set(sources["accident_victims"]["outcome"]) <= {"death", "serious_injury",
                                                           "minor_injury"}
    assert set(sources["deregistrations"]["reason"]) <= {"death", "declared_dead"}
    assert set(sources["cremations"]["certificate_issuer"].drop_nulls()) <= {
        "hospital", "police", "community", "other"}
    cl = sources["injury_claims"]
    assert set(cl["outcome"]) <= CLAIM_OUTCOMES
    assert cl.schema["injury_date"] == pl.Date
    for src, cols in DATE_COLS.items():
        df = sources[src]
        for c in cols:
            vals = df[c].drop_nulls()
            assert all(DATE_RE.match(v) for v in vals), (src, c)
            assert iso_dates(df, c).null_count() == df[c].null_count(), (src, c)
    styles = {("/" in v, v.isdigit(), "年" in v) for v in sources["cremations"]["cremated_on"]}
    assert len(styles) >= 3  # funeral homes export dates differently
    me = sources["medical_records"]
    assert me.schema["admitted_at"] == pl.Datetime("us")
    assert set(me["disposition"]) <= {"discharged", "transferred", "died", "left_against_advice"}
    assert set(me["payer"].drop_nulls()) <= PAYERS
    assert all(re.match(r"^[ST]\d{2}(\.\d)?$", v) for v in me["diagnosis_icd10"])
    assert all(re.match(r"^[VWXY]\d{2}\.\d$", v) for v in me["external_cause_icd10"].drop_nulls())
    for src in ("accidents", "deregistrations", "cremations", "injury_claims", "medical_records",
                "enterprises"):
        assert all(re.match(r"^\d{6}$", v) for v in sources[src]["region_code"]), src
    emp = sources["employment"]
    assert emp["id_number"].null_count() == 0
    assert set(emp["industry"].drop_nulls()) <= INDUSTRIES
    # migrants: deregistrations of people registered in other provinces, funeral homes across
    # the border
    assert (~sources["deregistrations"]["region_code"].str.starts_with("44")).sum() > 0
    assert (~sources["cremations"]["region_code"].str.starts_with("44")).sum() > 0


def test_ids_by_kind_and_uscc(generated, sources):
    _, stats = generated
    for src in PERSON_SOURCES:
        df = sources[src]
        ids = dict(zip(df["record_id"], df["id_number"], strict=True))
        clean = check_ids_by_kind(ids, dict(stats["id_kinds"][src]), id_is_valid,
                                  clean=("clean", "duplicate", "borrowed", "valid_corrupt"),
                                  noisy=("wrong_check", "legacy15", "typo1", "transposed"),
                                  where=src)
        assert len(clean) > 0.6 * df.height, src
    kinds = {k for src in PERSON_SOURCES for _, k in stats["id_kinds"][src]}
    assert {"clean", "missing", "legacy15", "lower_x", "wrong_check", "typo1", "transposed",
            "borrowed", "duplicate"} <= kinds
    ent = sources["enterprises"]
    share = sum(uscc_is_valid(u) for u in ent["uscc"]) / ent.height
    assert 0.9 < share < 1.0
    # labour subcontractors are registered as construction and are not under special supervision
    labour = ent.filter(pl.col("name").str.contains("劳务"))
    assert labour.height > 0 and set(labour["industry"]) == {"construction"}
    assert set(labour["high_risk"].cast(pl.Utf8)) == {"false"}


def test_record_person_complete(generated, truth):
    d, _ = generated
    rp = truth["record_person"]
    keys = set(zip(rp["source"], rp["record_id"], strict=True))
    assert len(keys) == rp.height
    assert keys == {(src, rid) for src in PERSON_SOURCES for rid in read_source(d, src)["record_id"]}
    # duplicates across exports: one person, two records of one source
    per = rp.filter(pl.col("source") == "cremations").group_by("person_id").len()
    assert per["len"].max() >= 2


def test_truth_tables(generated, truth, sources):
    _, stats = generated
    inc, ip, deaths = truth["incidents"], truth["incident_person"], truth["deaths"]
    assert set(inc["kind"]) == {"reported", "concealed", "under_reported"}
    check_truth_matches_accidents(inc, sources["accidents"], sources["accident_victims"])
    assert deaths["person_id"].n_unique() == deaths.height
    assert set(deaths["death_class"]) == {"natural", "non_occupational", "incident"}
    inc_deaths = deaths.filter(pl.col("death_class") == "incident")
    assert set(inc_deaths["person_id"]) == set(ip.filter(pl.col("outcome") == "death")["person_id"])
    other = deaths.filter(pl.col("death_class") != "incident")
    assert other["incident_id"].null_count() == other.height
    j = ip.join(inc.select("incident_id", "kind"), on="incident_id")
    hidden = j.filter((pl.col("kind") != "reported") & (pl.col("outcome") == "death")
                      & (pl.col("reported_outcome").is_null()
                         | (pl.col("reported_outcome") != "death")))
    assert hidden.height == stats["hidden_deaths"] >= 5
    # every person of truth exists, and nobody is in two incidents
    assert ip.group_by("person_id").len()["len"].max() == 1


def test_concealment_patterns(generated, truth, sources):
    _, stats = generated
    inc, ip, rp = truth["incidents"], truth["incident_person"], truth["record_person"]
    sizes = ip.group_by("incident_id").len()
    conc = inc.filter(pl.col("kind") == "concealed").join(sizes, on="incident_id")
    multi = conc.filter(pl.col("len") >= 2).height
    assert multi == stats["concealed_multi"] and multi >= 2
    assert conc.filter((pl.col("len") >= 2) & (pl.col("true_deaths") >= 1)).height >= 2
    under = inc.filter(pl.col("kind") == "under_reported")
    assert under.height >= 3
    # a grade-line under-count: three or more died, two reported
    assert under.filter((pl.col("reported_deaths") == 2) & (pl.col("true_deaths") >= 3)).height >= 1
    # late deaths: named as seriously injured, died in hospital within the window, never added
    late = ip.join(under.select("incident_id", "occurred_on"), on="incident_id").filter(
        (pl.col("outcome") == "death") & (pl.col("reported_outcome") == "serious_injury"))
    assert late.height >= 1
    me = sources["medical_records"].join(
        rp.filter(pl.col("source") == "medical_records"), on="record_id")
    died = me.filter(pl.col("disposition") == "died").join(late, on="person_id")
    assert died.height >= 1
    gap = (died["discharged_at"].dt.date() - died["occurred_on"]).dt.total_days()
    assert ((gap >= 1) & (gap <= 30)).any()
    # a concealed trauma death written up as illness: cremated with an illness cause
    cr = sources["cremations"].join(rp.filter(pl.col("source") == "cremations"), on="record_id")
    conc_dead = ip.join(inc.filter(pl.col("kind") == "concealed").select("incident_id"),
                        on="incident_id").filter(pl.col("outcome") == "death")
    disguised = cr.join(conc_dead, on="person_id").filter(
        pl.col("death_cause").is_in(["猝死", "心源性猝死", "呼吸心跳骤停", "病故", "疾病"]))
    assert disguised.height >= 1
    # the hidden dead mostly leave some trace in a death source
    dead_src = rp.filter(pl.col("source").is_in(["deregistrations", "cremations"]))
    traced = conc_dead.join(dead_src, on="person_id", how="semi")
    assert traced.height >= 0.6 * conc_dead.height


def test_hard_negatives(truth, sources):
    rp, deaths = truth["record_person"], truth["deaths"]
    me = sources["medical_records"].join(rp.filter(pl.col("source") == "medical_records"),
                                         on="record_id")
    # poisoning by gas and falls at home, traffic deaths of non-workers: not incidents
    home_gas = me.filter(pl.col("external_cause_icd10") == "X47.0")
    assert home_gas.height > 0
    nonocc = deaths.filter(pl.col("death_class") == "non_occupational")
    road = me.filter(pl.col("external_cause_icd10").str.starts_with("V")
                     & (pl.col("disposition") == "died")).join(nonocc, on="person_id")
    assert road.height > 0
    falls = me.filter(pl.col("external_cause_icd10").is_in(["W01.0", "W10.0", "W06.0", "W18.0",
                                                            "W19.0"]))
    assert falls.filter(pl.col("age") >= 70).height > 0
    # the elderly dominate natural deaths
    dr = sources["deregistrations"].join(rp.filter(pl.col("source") == "deregistrations"),
                                         on="record_id").join(deaths, on="person_id")
    nat = dr.filter(pl.col("death_class") == "natural")
    born = iso_dates(nat, "birth_date").drop_nulls()
    assert (born < "1963-01-01").mean() > 0.7
    # work-injury death claims without any incident (sudden illness at work, commuting)
    cl = sources["injury_claims"].join(rp.filter(pl.col("source") == "injury_claims"),
                                       on="record_id")
    no_inc = cl.filter(pl.col("outcome") == "death").join(
        deaths.filter(pl.col("death_class") != "incident"), on="person_id")
    assert no_inc.height >= 1
    assert no_inc["injury_description"].drop_nulls().str.contains("突发疾病|途中").any()
    # workers enrolled with high-risk employers dying of natural causes
    emp = sources["employment"].join(rp.filter(pl.col("source") == "employment"), on="record_id")
    risky = emp.filter(pl.col("industry").is_in(list(HIGH_RISK)))
    assert risky.join(deaths.filter(pl.col("death_class") == "natural"), on="person_id").height > 0


def test_dates_consistent(truth, sources):
    rp, deaths = truth["record_person"], truth["deaths"]
    limit = date.fromisoformat(EXTRACT)
    for src, cols in DATE_COLS.items():
        for c in cols:
            vals = iso_dates(sources[src], c).drop_nulls()
            assert (vals <= EXTRACT).all(), (src, c)
    cr = sources["cremations"]
    dd, co = iso_dates(cr, "death_date"), iso_dates(cr, "cremated_on")
    assert ((dd <= co) | dd.is_null()).all()
    cl = sources["injury_claims"]
    assert (cl["applied_on"] >= cl["injury_date"] - timedelta(days=3)).all()
    assert (cl["applied_on"] <= limit).all()
    assert (cl["decided_on"].is_null() == (cl["outcome"] == "pending")).all()
    # nobody is treated after the death their own death records give
    dr = sources["deregistrations"].join(rp.filter(pl.col("source") == "deregistrations"),
                                         on="record_id")
    dr = dr.with_columns(iso_dates(dr, "deregistered_on").alias("dereg"))
    me = sources["medical_records"].join(rp.filter(pl.col("source") == "medical_records"),
                                         on="record_id")
    first = dr.group_by("person_id").agg(pl.col("dereg").min())
    after = me.join(first, on="person_id").filter(
        pl.col("admitted_at").dt.strftime("%Y-%m-%d") > pl.col("dereg"))
    assert after.height == 0
    assert deaths.height > 0


def test_deterministic_and_cli(generated, tmp_path, capsys):
    d, _ = generated
    again = tmp_path / "again"
    generate(again, scale=SCALE, seed=SEED)
    assert check_same_files(d, again) == 12
    other = tmp_path / "other"
    assert main(["--out", str(other), "--scale", str(SCALE), "--seed", str(SEED + 1)]) == 0
    assert '"hidden_deaths"' in capsys.readouterr().out
    assert (d / "accidents.csv").read_bytes() != (other / "accidents.csv").read_bytes()

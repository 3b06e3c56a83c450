"""Fast checks of the blind altgen9 generator (benchmarks/altgen9, Inner Mongolia)."""

from __future__ import annotations

import re

import polars as pl
import pytest

from benchmarks.altgen9.generate import generate, main
from benchmarks.altgen9.ident import id_is_valid, uscc_is_valid
from benchmarks.altgen9.names import MN_FEMALE, MN_FEMALE_A, MN_MALE, MN_MALE_A

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

SCALE, SEED = 0.01, 9
FORMATS = {"accidents": "utf-8-sig", "accident_victims": "gb18030",
           "deregistrations": "gb18030", "cremations": "utf-8", "injury_claims": "utf-8-sig",
           "medical_records": "parquet", "employment": "parquet", "enterprises": "utf-8"}
HIGH_RISK = {"coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
             "construction", "fireworks"}
PAYERS = {"employee_insurance", "resident_insurance", "work_injury_insurance", "self_pay",
          "commercial", "other"}
SEX_CODES = {"M", "F", "男", "女", "1", "2"}
EXTRACT = "2024-06-30"
LEAGUES = {"1501", "1502", "1503", "1504", "1505", "1506", "1507", "1508", "1509", "1522",
           "1525", "1529"}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("alt9")
    stats = generate(out, scale=SCALE, seed=SEED)
    return out, stats


@pytest.fixture(scope="module")
def truth(generated):
    return read_truth(generated[0])


@pytest.fixture(scope="module")
def src(generated):
    d, _ = generated
    return {s: read_source(d, s) for s in FORMATS}


def _dt(col: str) -> pl.Expr:
    c = pl.col(col)
    return pl.coalesce(c.str.strptime(pl.Datetime, "%Y-%m-%d %H:%M:%S", strict=False),
                       c.str.strptime(pl.Datetime, "%Y/%-m/%-d %H:%M", strict=False)).alias(col)


def test_files_columns_and_encodings(generated):
    d, stats = generated
    check_files_and_columns(d, stats, FORMATS)
    check_csv_encodings(d, FORMATS)
    assert stats["formats"] == FORMATS
    # three CSV encodings and Parquet, as the contract allows
    assert set(FORMATS.values()) == {"utf-8", "utf-8-sig", "gb18030", "parquet"}
    assert not (d / "cremations.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_enums_codes_and_dates(src):
    acc = src["accidents"]
    assert set(acc["industry"]) <= INDUSTRIES
    assert set(acc["accident_type"]) <= ACCIDENT_TYPES
    for col in ("occurred_at", "reported_at"):
        assert all(DATETIME_RE.match(v) for v in acc[col]), col
    t = acc.select(_dt("occurred_at"), _dt("reported_at"))
    assert t.null_count().sum_horizontal().item() == 0
    assert (t["reported_at"] >= t["occurred_at"]).all()
    av = src["accident_victims"]
    assert set(av["outcome"]) <= {"death", "serious_injury", "minor_injury"}
    assert set(av["accident_id"]) <= set(acc["record_id"])
    dr, cr, cl = src["deregistrations"], src["cremations"], src["injury_claims"]
    assert set(dr["reason"]) <= {"death", "declared_dead"}
    assert set(cr["certificate_issuer"].drop_nulls()) <= {"hospital", "police", "community",
                                                          "other"}
    assert set(cl["outcome"]) <= CLAIM_OUTCOMES
    for df, cols in ((dr, ["birth_date", "death_date", "deregistered_on"]),
                     (cr, ["death_date", "cremated_on"]),
                     (cl, ["injury_date", "applied_on", "decided_on"])):
        for c in cols:
            assert all(DATE_RE.match(v) for v in df[c].drop_nulls()), c
            iso = iso_dates(df, c)
            assert iso.null_count() == df[c].null_count(), c  # every value is a real date
            assert iso.drop_nulls().max() <= EXTRACT, c
    styles = {("/" in v, v.isdigit(), "年" in v) for v in cr["cremated_on"]}
    assert len(styles) >= 2  # funeral homes export dates differently
    assert any(v.isdigit() for v in dr["deregistered_on"])  # some police offices write YYYYMMDD
    me = src["medical_records"]
    assert set(me["disposition"]) <= {"discharged", "transferred", "died", "left_against_advice"}
    assert set(me["payer"].drop_nulls()) <= PAYERS
    assert me.schema["admitted_at"] == pl.Datetime("us")
    assert (me["discharged_at"].drop_nulls() >= me.filter(pl.col("discharged_at").is_not_null())
            ["admitted_at"]).all()
    assert all(re.match(r"^[ST]\d{2}(\.\d)?$", v) for v in me["diagnosis_icd10"])
    assert all(re.match(r"^[VWXY]\d{2}\.\d$", v) for v in me["external_cause_icd10"].drop_nulls())
    for s in ("accidents", "deregistrations", "cremations", "injury_claims", "medical_records",
              "enterprises"):
        codes = src[s]["region_code"]
        assert all(re.match(r"^15\d{4}$", v) for v in codes), s  # Inner Mongolia only
        assert {v[:4] for v in codes} <= LEAGUES, s
    for s in ("accident_victims", "deregistrations", "cremations", "injury_claims",
              "medical_records"):
        assert set(src[s]["sex"].drop_nulls()) <= SEX_CODES, s
    assert len(set(me["sex"].drop_nulls())) == 4  # hospitals write M/F or 1/2
    emp = src["employment"]
    assert emp["id_number"].null_count() == 0
    assert set(emp["industry"].drop_nulls()) <= INDUSTRIES
    assert emp.schema["start_date"] == pl.Date
    assert (emp.drop_nulls("end_date")["end_date"] >= emp.drop_nulls("end_date")["start_date"]
            ).all()
    ent = src["enterprises"]
    assert set(ent["industry"]) == INDUSTRIES
    assert set(ent["high_risk"]) == {"true", "false"}


def test_record_person_complete_and_consistent(generated, truth):
    d, _ = generated
    rp = truth["record_person"]
    keys = set(zip(rp["source"], rp["record_id"], strict=True))
    assert len(keys) == rp.height
    records = {(s, rid) for s in PERSON_SOURCES for rid in read_source(d, s)["record_id"]}
    assert keys == records
    assert rp["person_id"].str.contains(r"^P\d{7}$").all()
    # one person's clean IDs agree across sources: the truth links the same number
    ids = pl.concat([read_source(d, s).select("record_id", "id_number")
                     .with_columns(pl.lit(s).alias("source")) for s in PERSON_SOURCES])
    j = rp.join(ids, on=["source", "record_id"])
    j = j.filter(pl.col("id_number").map_elements(id_is_valid, return_dtype=pl.Boolean))
    per_id = j.group_by("id_number").agg(pl.col("person_id").n_unique().alias("n"))
    # valid numbers map to one person, except the few borrowed / corrupted-but-valid ones
    assert (per_id["n"] > 1).sum() <= 0.01 * per_id.height


def test_ids_by_kind_and_usccs(generated, src):
    _, stats = generated
    for s in PERSON_SOURCES:
        df = src[s]
        ids = dict(zip(df["record_id"], df["id_number"], strict=True))
        clean = check_ids_by_kind(ids, dict(stats["id_kinds"][s]), id_is_valid,
                                  clean=("clean", "valid_corrupt", "borrowed"),
                                  noisy=("wrong_check", "legacy15", "typo1", "transposed", "lower_x"), where=s)
        assert len(clean) > 0.5 * len(ids), s
    all_kinds = {k for s in PERSON_SOURCES for _, k in stats["id_kinds"][s]}
    assert {"clean", "missing", "legacy15", "wrong_check", "typo1", "transposed",
            "lower_x"} <= all_kinds
    assert "missing" not in {k for _, k in stats["id_kinds"]["employment"]}
    ent = src["enterprises"]
    valid = [uscc_is_valid(u) for u in ent["uscc"]]
    assert 0.9 < sum(valid) / ent.height < 1.0  # some registered codes fail their own check
    assert all(len(u) == 18 and u[2:4] == "15" for u in ent["uscc"])
    # exports copy the register's code, or leave it out, or mistype it
    reg = set(ent["uscc"])
    for s, col in (("accidents", "enterprise_uscc"), ("injury_claims", "employer_uscc"),
                   ("employment", "employer_uscc")):
        u = src[s][col].drop_nulls()
        assert u.is_in(list(reg)).mean() > 0.9, s


def test_names_mongolian_share_and_variants(src, truth):
    dr = src["deregistrations"]
    parts = MN_MALE + MN_FEMALE + MN_MALE_A + MN_FEMALE_A
    mongol = [any(p in n for p in parts) for n in dr["name"]]
    assert 0.08 < sum(mongol) / dr.height < 0.3
    names = pl.concat([src[s].select("name") for s in PERSON_SOURCES]).drop_nulls()["name"]
    assert names.str.contains("·").any()
    assert names.str.contains(" |　").any()
    assert names.str.contains("[張劉陳楊趙黃吳孫馬鄭韓寶烏爾圖]").any()  # traditional characters
    # a person's names differ between departments now and then
    rp = truth["record_person"]
    allnames = pl.concat([src[s].select("record_id", "name").with_columns(pl.lit(s).alias("source"))
                          for s in PERSON_SOURCES])
    j = rp.join(allnames, on=["source", "record_id"]).drop_nulls("name")
    per = j.group_by("person_id").agg(pl.col("name").n_unique().alias("n"))
    assert 0 < (per["n"] > 1).mean() < 0.2


def test_truth_tables(generated, truth, src):
    _, stats = generated
    inc, ip, deaths = truth["incidents"], truth["incident_person"], truth["deaths"]
    assert set(inc["kind"]) == {"reported", "concealed", "under_reported"}
    assert inc.schema["occurred_on"] == pl.Date
    acc, av = src["accidents"], src["accident_victims"]
    check_truth_matches_accidents(inc, acc, av)
    reported = inc.filter(pl.col("accident_record_id").is_not_null())
    assert set(reported["kind"]) == {"reported", "under_reported"}
    # named serious injuries add up to the reported ones (the named dead: the shared check)
    named = av.filter(pl.col("outcome") == "serious_injury").group_by("accident_id").len()
    j2 = acc.join(named, left_on="record_id", right_on="accident_id", how="left")
    assert (j2["reported_serious_injuries"].cast(pl.Int64) == j2["len"].fill_null(0)).all()
    # concealed incidents: never reported; two or more persons, or injuries only
    conc = inc.filter(pl.col("kind") == "concealed")
    assert conc["accident_record_id"].null_count() == conc.height
    per = ip.group_by("incident_id").agg(
        pl.len().alias("persons"), (pl.col("outcome") == "death").sum().alias("deaths"),
        (pl.col("outcome") == "serious_injury").sum().alias("serious"),
        pl.col("reported_outcome").is_not_null().sum().alias("named"))
    c = conc.join(per, on="incident_id")
    assert c.height == conc.height
    assert ((c["persons"] >= 2) | ((c["deaths"] == 0) & (c["serious"] >= 1))).all()
    assert (c["named"] == 0).all() and (c["deaths"] == c["true_deaths"]).all()
    assert stats["concealed_injury_only"] == int((c["deaths"] == 0).sum()) >= 1
    allp = inc.join(per, on="incident_id")
    assert (allp["deaths"] == allp["true_deaths"]).all()
    # hidden deaths: exist, counted in the stats, each left a trace in some record
    ipk = ip.join(inc.select("incident_id", "kind"), on="incident_id")
    hidden = ipk.filter((pl.col("kind") != "reported") & (pl.col("outcome") == "death")
                        & (pl.col("reported_outcome").is_null()
                           | (pl.col("reported_outcome") != "death")))
    assert hidden.height == stats["hidden_deaths"] >= 1
    traced = truth["record_person"].filter(
        pl.col("source").is_in(["deregistrations", "cremations", "medical_records",
                                "injury_claims"]))["person_id"]
    assert hidden["person_id"].is_in(traced.implode()).all()
    # deaths: one row a person, incident deaths exactly the incidents' dead
    assert set(deaths["death_class"]) == {"natural", "non_occupational", "incident"}
    assert deaths["person_id"].n_unique() == deaths.height
    inc_d = deaths.filter(pl.col("death_class") == "incident")
    assert set(inc_d["person_id"]) == set(ip.filter(pl.col("outcome") == "death")["person_id"])
    assert set(inc_d["incident_id"]) <= set(inc["incident_id"])
    assert deaths.filter(pl.col("death_class") != "incident")["incident_id"].null_count() == \
        deaths.filter(pl.col("death_class") != "incident").height
    # nobody is deregistered or cremated who did not die
    rp = truth["record_person"]
    dead_rec = rp.filter(pl.col("source").is_in(["deregistrations", "cremations"]))
    assert dead_rec["person_id"].is_in(deaths["person_id"].implode()).all()
    # employer USCCs of incidents are registered enterprises
    assert set(inc["employer_uscc"]) <= set(src["enterprises"]["uscc"])


def test_hard_negatives_present(truth, src):
    rp, deaths = truth["record_person"], truth["deaths"]
    me, cl = src["medical_records"], src["injury_claims"]
    # winter coal-stove poisonings at home, herders' accidents on pastures, road crashes
    co = me.filter(pl.col("external_cause_icd10") == "X47.0")
    assert co.height > 0 and co["admitted_at"].dt.month().is_in([11, 12, 1, 2, 3]).all()
    assert me["external_cause_icd10"].drop_nulls().str.contains(r"^(V80|W55)").any()
    assert me["external_cause_icd10"].drop_nulls().str.contains(r"^V\d\d").mean() > 0.1
    # claims that no accident explains: pneumoconiosis and commuting
    desc = cl["injury_description"].drop_nulls()
    assert desc.str.contains("尘肺").any() and desc.str.contains("途中").any()
    # natural deaths of working-age men once enrolled with a high-risk employer
    emp = src["employment"]
    hr = emp.filter(pl.col("industry").is_in(list(HIGH_RISK)))
    hr_people = rp.filter(pl.col("source") == "employment").join(
        hr.select("record_id"), on="record_id")["person_id"]
    nat = deaths.filter(pl.col("death_class") == "natural")
    assert nat["person_id"].is_in(hr_people.implode()).sum() >= 3
    assert deaths.filter(pl.col("death_class") == "non_occupational").height > 0
    # non-incident deaths far outnumber incident deaths
    assert nat.height > 20 * deaths.filter(pl.col("death_class") == "incident").height


def test_deterministic_and_cli(generated, tmp_path, capsys):
    d, _ = generated
    generate(tmp_path / "again", scale=SCALE, seed=SEED)
    assert check_same_files(d, tmp_path / "again") == 12
    assert main(["--out", str(tmp_path / "cli"), "--scale", str(SCALE), "--seed",
                 str(SEED + 1)]) == 0
    assert '"hidden_deaths"' in capsys.readouterr().out
    assert (d / "accidents.csv").read_bytes() != (tmp_path / "cli" / "accidents.csv").read_bytes()
    assert main(["--out", str(tmp_path / "cli"), "--scale", str(SCALE)]) == 2  # not empty

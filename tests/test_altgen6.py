"""Fast checks of the blind altgen6 generator (benchmarks/altgen6)."""

from __future__ import annotations

import re

import polars as pl
import pytest

from benchmarks.altgen6.generate import generate, main
from benchmarks.altgen6.ids import id_is_valid, uscc_is_valid

# the contract's files and columns, and a reader of either encoding: shared with altgen4's checks
from tests.test_altgen4 import (
    DATE_RE,
    DATETIME_RE,
    PERSON_SOURCES,
    check_csv_encodings,
    check_files_and_columns,
    check_same_files,
    check_truth_matches_accidents,
    read_source,
)

SCALE, SEED = 0.01, 6
FORMATS = {"accidents": "gb18030", "accident_victims": "gb18030", "deregistrations": "utf-8",
           "cremations": "gb18030", "medical_records": "utf-8-sig", "injury_claims": "parquet",
           "employment": "parquet", "enterprises": "parquet"}
HIGH_RISK = {"coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
             "construction", "fireworks"}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("alt6")
    stats = generate(out, scale=SCALE, seed=SEED)
    return out, stats


def test_sources_columns_and_truth_files(generated):
    d, stats = generated
    check_files_and_columns(d, stats, FORMATS)


def test_encodings_and_formats(generated):
    d, _ = generated
    check_csv_encodings(d, FORMATS)
    acc = read_source(d, "accidents")
    for col in ("occurred_at", "reported_at"):
        assert all(DATETIME_RE.match(v) for v in acc[col]), col
    me = read_source(d, "medical_records")
    for col in ("admitted_at", "discharged_at"):
        assert all(DATETIME_RE.match(v) for v in me[col].drop_nulls()), col
    assert me["admitted_at"].str.contains("/").any() and me["admitted_at"].str.contains("-").any()
    dr = read_source(d, "deregistrations")
    cr = read_source(d, "cremations")
    for df, cols in ((dr, ["birth_date", "death_date", "deregistered_on"]),
                     (cr, ["death_date", "cremated_on"])):
        for c in cols:
            assert all(DATE_RE.match(v) for v in df[c].drop_nulls()), c
    assert dr["deregistered_on"].str.contains(r"^\d{8}$").mean() > 0.4  # police style
    styles = {("/" in v, v.isdigit(), "年" in v) for v in cr["cremated_on"]}
    assert len(styles) >= 2  # every funeral home has its own way
    for src in ("injury_claims", "employment"):
        schema = pl.read_parquet_schema(d / f"{src}.parquet")
        assert schema["start_date" if src == "employment" else "injury_date"] == pl.Date, src
    assert pl.read_parquet_schema(d / "enterprises.parquet")["high_risk"] == pl.Boolean
    # sex as each department writes it
    assert set(dr["sex"]) <= {"1", "2"}
    assert set(read_source(d, "accident_victims")["sex"].drop_nulls()) <= {"男", "女"}
    assert set(read_source(d, "injury_claims")["sex"].drop_nulls()) <= {"M", "F"}
    assert set(me["sex"].drop_nulls()) == {"M", "F", "男", "女"}


def test_enums_and_codes(generated):
    d, _ = generated
    acc = read_source(d, "accidents")
    av = read_source(d, "accident_victims")
    assert set(av["accident_id"]) <= set(acc["record_id"])
    assert set(av["outcome"]) <= {"death", "serious_injury", "minor_injury"}
    assert set(read_source(d, "deregistrations")["reason"]) <= {"death", "declared_dead"}
    cr = read_source(d, "cremations")
    assert set(cr["certificate_issuer"].drop_nulls()) == {"hospital", "police", "community",
                                                          "other"}
    cl = read_source(d, "injury_claims")
    assert set(cl["outcome"]) <= {"death", "injury", "rejected", "pending"} | {
        f"disability_{i}" for i in range(1, 11)}
    assert (cl.filter(pl.col("outcome") == "pending")["decided_on"].null_count()
            == (cl["outcome"] == "pending").sum())
    me = read_source(d, "medical_records")
    assert set(me["disposition"]) == {"discharged", "transferred", "died", "left_against_advice"}
    assert set(me["payer"].drop_nulls()) <= {"employee_insurance", "resident_insurance",
                                             "work_injury_insurance", "self_pay", "commercial",
                                             "other"}
    assert all(re.match(r"^[ST]\d{2}(\.\d)?$", v) for v in me["diagnosis_icd10"])
    ext = me["external_cause_icd10"].drop_nulls()
    assert all(re.match(r"^[VWX]\d{2}\.\d$", v) for v in ext)
    assert ext.str.ends_with(".6").any() and ext.str.ends_with(".0").any()
    for src in ("accidents", "deregistrations", "cremations", "injury_claims", "medical_records",
                "enterprises"):
        assert all(re.match(r"^\d{6}$", v) for v in read_source(d, src)["region_code"]), src
    assert set(read_source(d, "employment")["industry"].drop_nulls()) <= set(
        read_source(d, "enterprises")["industry"])


def test_id_numbers_and_usccs(generated):
    d, stats = generated
    share_valid = {"accident_victims": (0.8, 0.99), "deregistrations": (0.95, 0.995),
                   "cremations": (0.45, 0.75), "injury_claims": (0.9, 0.995),
                   "medical_records": (0.6, 0.85), "employment": (0.95, 0.997)}
    for src in PERSON_SOURCES:
        df = read_source(d, src)
        ids = dict(zip(df["record_id"], df["id_number"], strict=True))
        lo, hi = share_valid[src]
        assert lo < sum(id_is_valid(v) for v in ids.values()) / len(ids) < hi, src
        kinds = stats["id_kinds"][src]
        assert set(kinds) == set(ids), src
        for rid, k in kinds.items():
            v = ids[rid]
            if k in ("clean", "valid_corrupt"):
                assert id_is_valid(v), (src, k)
            elif k == "lower_x":
                assert v.endswith("x") and id_is_valid(v.upper()), src
            elif k == "missing":
                assert v is None, src
            elif k == "legacy15":
                assert len(v) == 15 and v.isdigit(), src
            else:
                assert not id_is_valid(v), (src, k)
    assert read_source(d, "employment")["id_number"].null_count() == 0
    all_kinds = {k for src in PERSON_SOURCES for k in stats["id_kinds"][src].values()}
    assert {"clean", "missing", "typo1", "transposed", "wrong_check", "valid_corrupt",
            "legacy15", "lower_x"} <= all_kinds
    assert stats["persons_sharing_an_id"] >= 2
    ent = read_source(d, "enterprises")
    assert 0.9 < sum(uscc_is_valid(u) for u in ent["uscc"]) / ent.height < 1.0
    acc = read_source(d, "accidents")
    assert acc["enterprise_uscc"].null_count() > 0
    # employer names vary: not every claim names its employer as the register does
    cl = read_source(d, "injury_claims")
    assert 0.5 < cl["employer_name"].is_in(ent["name"].implode()).mean() < 0.95


def test_record_person_complete(generated):
    d, _ = generated
    rp = pl.read_parquet(d / "truth" / "record_person.parquet")
    keys = set(zip(rp["source"], rp["record_id"], strict=True))
    assert len(keys) == rp.height
    expected = {(src, rid) for src in PERSON_SOURCES for rid in read_source(d, src)["record_id"]}
    assert keys == expected
    # incident persons named in a report are the persons of their victim records
    ip = pl.read_parquet(d / "truth" / "incident_person.parquet")
    named = ip.filter(pl.col("reported_outcome").is_not_null())
    av = rp.filter(pl.col("source") == "accident_victims")
    assert set(named["person_id"]) == set(av["person_id"])


def test_truth_invariants(generated):
    d, stats = generated
    inc = pl.read_parquet(d / "truth" / "incidents.parquet")
    assert set(inc["kind"]) == {"reported", "concealed", "under_reported"}
    check_truth_matches_accidents(inc, read_source(d, "accidents"), read_source(d, "accident_victims"))
    ip = pl.read_parquet(d / "truth" / "incident_person.parquet").join(
        inc.select("incident_id", "kind"), on="incident_id")
    hidden = ip.filter(pl.col("kind") != "reported", pl.col("outcome") == "death",
                       pl.col("reported_outcome").is_null()
                       | (pl.col("reported_outcome") != "death"))
    assert hidden.height == stats["hidden_deaths"] >= 3
    true_deaths = ip.filter(pl.col("outcome") == "death").group_by("incident_id").len()
    j3 = inc.join(true_deaths, on="incident_id", how="left")
    assert (j3["true_deaths"] == j3["len"].fill_null(0)).all()
    deaths = pl.read_parquet(d / "truth" / "deaths.parquet")
    assert deaths["person_id"].n_unique() == deaths.height
    assert set(deaths["death_class"]) == {"natural", "non_occupational", "incident"}
    incd = deaths.filter(pl.col("death_class") == "incident")
    assert set(incd["person_id"]) == set(ip.filter(pl.col("outcome") == "death")["person_id"])
    assert incd["incident_id"].null_count() == 0
    assert deaths.filter(pl.col("death_class") != "incident")["incident_id"].null_count() == \
        (deaths["death_class"] != "incident").sum()
    # every death record belongs to someone who died
    rp = pl.read_parquet(d / "truth" / "record_person.parquet")
    dead_records = rp.filter(pl.col("source").is_in(["deregistrations", "cremations"]))
    assert set(dead_records["person_id"]) <= set(deaths["person_id"])


def test_concealment_and_hard_negatives(generated):
    d, stats = generated
    assert len(stats["hidden_patterns"]) >= 3  # several ways of hiding a death
    rp = pl.read_parquet(d / "truth" / "record_person.parquet")
    deaths = pl.read_parquet(d / "truth" / "deaths.parquet")
    # natural deaths of people enrolled with a high-risk employer (a hard negative)
    emp = read_source(d, "employment").filter(pl.col("industry").is_in(list(HIGH_RISK)))
    emp_people = rp.filter(pl.col("source") == "employment", pl.col("record_id").is_in(
        emp["record_id"].implode()))["person_id"]
    natural = deaths.filter(pl.col("death_class") == "natural")["person_id"]
    assert natural.is_in(emp_people.implode()).sum() >= 3
    # injury deaths in hospital that were no work accident (traffic, falls, coal stoves)
    me = read_source(d, "medical_records").filter(pl.col("disposition") == "died")
    died = me.join(rp.filter(pl.col("source") == "medical_records"), on="record_id").join(
        deaths, on="person_id")
    assert (died["death_class"] == "non_occupational").sum() >= 3
    assert (died["death_class"] == "incident").sum() >= 1
    # cremations long after the export window never appear; all within 2023-01 .. 2024-03
    cr = read_source(d, "cremations")
    iso = cr.filter(pl.col("cremated_on").str.contains("-"))["cremated_on"]
    assert iso.min() >= "2023-01-01" and iso.max() <= "2024-03-31"


def test_deterministic_and_cli(generated, tmp_path, capsys):
    d, _ = generated
    generate(tmp_path / "same", scale=SCALE, seed=SEED)
    check_same_files(d, tmp_path / "same")
    main(["--out", str(tmp_path / "cli"), "--scale", str(SCALE), "--seed", str(SEED + 1)])
    assert '"hidden_deaths"' in capsys.readouterr().out
    assert (d / "accidents.csv").read_bytes() != (tmp_path / "cli" / "accidents.csv").read_bytes()

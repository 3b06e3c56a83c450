"""Fast checks of the blind altgen16 generator (benchmarks/altgen16: Sichuan–Chongqing 2024)."""

from __future__ import annotations

import re
from datetime import date

import polars as pl
import pytest

from benchmarks.altgen16 import geo
from benchmarks.altgen16.generate import generate
from benchmarks.altgen16.ident import id_is_valid, uscc_is_valid
from benchmarks.altgen16.render import FORMATS
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

SEED = 5
CLEAN = ("clean", "duplicate", "valid_corrupt", "second")
NOISY = ("wrong_check", "legacy15", "typo1", "transposed")


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    out = tmp_path_factory.mktemp("alt16")
    stats = generate(out, scale=0.01, seed=SEED)
    return out, stats


def test_contract_files_columns_and_encodings(world):
    d, stats = world
    check_files_and_columns(d, stats, FORMATS)
    check_csv_encodings(d, FORMATS)
    assert (d / "deregistrations.csv").read_bytes()[:3] != b"\xef\xbb\xbf"
    med = read_source(d, "medical_records")
    assert med.schema["admitted_at"] == pl.Datetime("us")
    assert read_source(d, "employment").schema["start_date"] == pl.Date


def test_ids_by_kind_and_credit_codes(world):
    d, stats = world
    corrupted = 0
    for src in PERSON_SOURCES:
        df = read_source(d, src)
        ids = dict(zip(df["record_id"], df["id_number"], strict=True))
        kinds = dict(stats["id_kinds"][src])
        ok = check_ids_by_kind(ids, kinds, id_is_valid, clean=CLEAN, noisy=NOISY, where=src)
        assert len(ok) > 0.5 * df.height, src
        corrupted += sum(k in NOISY for k in kinds.values())
    assert corrupted > 20
    kinds_seen = {k for src in PERSON_SOURCES for _, k in stats["id_kinds"][src]}
    assert {"clean", "missing", "legacy15", "wrong_check", "typo1", "transposed", "lower_x",
            "valid_corrupt", "duplicate", "second"} <= kinds_seen
    assert read_source(d, "employment")["id_number"].null_count() == 0
    # hospitals and funeral homes lose IDs far more often than the household register
    miss = {s: read_source(d, s)["id_number"].null_count() / read_source(d, s).height
            for s in ("deregistrations", "cremations", "medical_records")}
    assert miss["deregistrations"] < 0.05 < miss["cremations"] and miss["medical_records"] > 0.2
    ent = read_source(d, "enterprises")
    share = sum(uscc_is_valid(u) for u in ent["uscc"]) / ent.height
    assert 0.85 < share < 1.0
    acc = read_source(d, "accidents")
    assert acc["enterprise_uscc"].null_count() < acc.height


def test_enums_dates_and_codes(world):
    d, _ = world
    acc = read_source(d, "accidents")
    assert set(acc["industry"]) <= INDUSTRIES - {"fireworks"}
    assert set(acc["accident_type"]) <= ACCIDENT_TYPES
    for col in ("occurred_at", "reported_at"):
        assert all(DATETIME_RE.match(v) for v in acc[col]), col
    for src, cols in (("deregistrations", ["birth_date", "death_date", "deregistered_on"]),
                      ("cremations", ["death_date", "cremated_on"]),
                      ("injury_claims", ["injury_date", "applied_on", "decided_on"])):
        df = read_source(d, src)
        for c in cols:
            vals = df[c].drop_nulls()
            assert all(DATE_RE.match(v) for v in vals), (src, c)
            assert iso_dates(df, c).null_count() == df[c].null_count(), (src, c)
    styles = {("/" in v, v.isdigit(), "年" in v)
              for v in read_source(d, "cremations")["cremated_on"]}
    assert len(styles) >= 3  # every funeral home writes its own way
    dr = read_source(d, "deregistrations")
    assert set(dr["sex"]) <= {"男", "女"} and set(dr["reason"]) <= {"death", "declared_dead"}
    assert (dr["reason"] == "declared_dead").any()
    assert set(read_source(d, "injury_claims")["outcome"]) <= CLAIM_OUTCOMES
    me = read_source(d, "medical_records")
    assert set(me["sex"].drop_nulls()) <= {"1", "2"}
    assert all(re.match(r"^[ST]\d{2}(\.\d)?$", v) for v in me["diagnosis_icd10"])
    assert all(re.match(r"^[VWXY]\d{2}\.\d$", v) for v in me["external_cause_icd10"].drop_nulls())
    for src in ("accidents", "deregistrations", "cremations", "injury_claims", "medical_records",
                "enterprises"):
        codes = read_source(d, src)["region_code"]
        assert all(re.match(r"^(50|51)\d{4}$", v) for v in codes), src


def test_truth_consistent_with_sources(world):
    d, stats = world
    t = read_truth(d)
    acc = read_source(d, "accidents")
    victims = read_source(d, "accident_victims")
    check_truth_matches_accidents(t["incidents"], acc, victims)
    keys = set(zip(t["record_person"]["source"], t["record_person"]["record_id"], strict=True))
    assert len(keys) == t["record_person"].height
    assert keys == {(s, rid) for s in PERSON_SOURCES for rid in read_source(d, s)["record_id"]}
    deaths = t["deaths"]
    assert deaths["person_id"].n_unique() == deaths.height
    assert set(deaths["death_class"]) == {"natural", "non_occupational", "incident"}
    ip = t["incident_person"]
    assert set(deaths.filter(pl.col("death_class") == "incident")["person_id"]) == \
        set(ip.filter(pl.col("outcome") == "death")["person_id"])
    # a named victim is the person the truth says was in that accident
    rp = t["record_person"].filter(pl.col("source") == "accident_victims")
    named = victims.join(rp, on="record_id").join(
        t["incidents"].select("incident_id", pl.col("accident_record_id").alias("accident_id")),
        on="accident_id")
    j = named.join(ip, on=["incident_id", "person_id"], how="left")
    assert j["outcome_right"].null_count() == 0
    assert (j["outcome"] == j["reported_outcome"]).all()
    assert stats["rows"]["accidents"] == t["incidents"]["accident_record_id"].drop_nulls().len()


def test_hidden_deaths_and_under_reporting(world):
    d, stats = world
    t = read_truth(d)
    inc, ip = t["incidents"], t["incident_person"]
    j = ip.join(inc, on="incident_id")
    hidden = j.filter((pl.col("kind") != "reported") & (pl.col("outcome") == "death")
                      & (pl.col("reported_outcome").is_null()
                         | (pl.col("reported_outcome") != "death")))
    assert hidden.height == stats["hidden_deaths"] > 0
    assert {"concealed", "under_reported"} <= set(hidden["kind"])
    under = inc.filter(pl.col("kind") == "under_reported")
    assert under.height >= 5 and (under["true_deaths"] > under["reported_deaths"]).all()
    # some under-reported accidents hold the count below a grade line, or leave out a late death
    grade = under.filter(pl.col("reported_deaths").is_in([2, 9, 29]) & (pl.col("true_deaths") >= 3))
    late = hidden.filter(pl.col("reported_outcome") == "serious_injury")
    assert grade.height + late.height > 0
    conc = inc.filter(pl.col("kind") == "concealed")
    assert (conc["reported_deaths"] == 0).all() and conc["accident_record_id"].null_count() == \
        conc.height
    # hidden dead leave disguised records: illness causes, fast cremations, no accident named
    rp = t["record_person"]
    pids = set(hidden["person_id"])
    dr = read_source(d, "deregistrations").join(rp.filter(pl.col("source") == "deregistrations"),
                                                on="record_id")
    cr = read_source(d, "cremations").join(rp.filter(pl.col("source") == "cremations"),
                                           on="record_id")
    hidden_records = dr.filter(pl.col("person_id").is_in(pids)).height + \
        cr.filter(pl.col("person_id").is_in(pids)).height
    assert hidden_records > 0
    ill = dr.filter(pl.col("person_id").is_in(pids) & pl.col("death_cause").is_in(["病故", "猝死"]))
    vic = rp.filter((pl.col("source") == "accident_victims") & pl.col("person_id").is_in(pids))
    assert ill.height + vic.height > 0


def test_world_people_and_coverage(world):
    d, _ = world
    t = read_truth(d)
    dr = read_source(d, "deregistrations")
    # the household registers are Sichuan's and the covered Chongqing districts' only
    assert all(c.startswith("51") or c in geo.CQ_COVERED for c in dr["region_code"])
    # yet migrants from Guizhou, Yunnan and the rest of Chongqing work and get hurt here
    ids = pl.concat([read_source(d, s).select("id_number") for s in
                     ("employment", "injury_claims", "medical_records", "accident_victims")])
    prefixes = {v[:2] for v in ids["id_number"].drop_nulls()}
    assert {"52", "53", "50", "51"} <= prefixes
    # Yi and Tibetan names, written with and without the middle dot
    names = pl.concat([read_source(d, s).select("name") for s in PERSON_SOURCES])["name"]
    text = "".join(v for v in names.drop_nulls())
    assert any(c in text for c in ("吉克", "阿的", "沙马", "海来")) and any(
        c in text for c in ("扎西", "泽仁", "次仁", "格桑"))
    assert names.str.contains("·").any()
    # hard negatives: work-death claims of people no incident killed, illness deaths of workers
    cl = read_source(d, "injury_claims").join(
        t["record_person"].filter(pl.col("source") == "injury_claims"), on="record_id")
    deaths = t["deaths"]
    non_incident = set(deaths.filter(pl.col("death_class") != "incident")["person_id"])
    assert cl.filter((pl.col("outcome") == "death")
                     & pl.col("person_id").is_in(non_incident)).height > 0
    emp = t["record_person"].filter(pl.col("source") == "employment")
    natural = set(deaths.filter(pl.col("death_class") == "natural")["person_id"])
    assert emp.filter(pl.col("person_id").is_in(natural)).height > 0
    # employers written as project departments and short names besides the registered name
    acc = read_source(d, "accidents")
    reg = set(read_source(d, "enterprises")["name"])
    assert (~acc["enterprise_name"].is_in(reg)).any()
    # no record dated after the extract
    last = date(2025, 3, 31)
    for src, c in (("cremations", "cremated_on"), ("deregistrations", "deregistered_on"),
                   ("injury_claims", "applied_on")):
        df = read_source(d, src)
        assert max(date.fromisoformat(v) for v in iso_dates(df, c).drop_nulls()) <= last, src


def test_deterministic(world, tmp_path):
    d, _ = world
    generate(tmp_path / "same", scale=0.01, seed=SEED)
    assert check_same_files(d, tmp_path / "same") == 12
    generate(tmp_path / "other", scale=0.01, seed=SEED + 1)
    assert (d / "accidents.csv").read_bytes() != (tmp_path / "other" / "accidents.csv").read_bytes()

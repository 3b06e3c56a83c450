"""Fast checks of the blind altgen13 generator (benchmarks/altgen13, Shanxi 2024)."""

from __future__ import annotations

import re
from collections import Counter

import polars as pl
import pytest

from benchmarks.altgen13.generate import EXTRACT, FORMATS, generate
from benchmarks.altgen13.ids import id_is_valid, uscc_is_valid

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

SCALE, SEED = 0.02, 13
EXTRACT_ISO = "2025-03-31"
assert EXTRACT == 739341  # date(2025, 3, 31).toordinal()


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("alt13")
    stats = generate(out, scale=SCALE, seed=SEED)
    return out, stats


@pytest.fixture(scope="module")
def truth(generated):
    return read_truth(generated[0])


def test_sources_columns_and_encodings(generated):
    d, stats = generated
    check_files_and_columns(d, stats, FORMATS)
    check_csv_encodings(d, FORMATS)


def test_enums_dates_and_codes(generated):
    d, _ = generated
    acc = read_source(d, "accidents")
    assert set(acc["industry"]) <= INDUSTRIES and set(acc["accident_type"]) <= ACCIDENT_TYPES
    for col in ("occurred_at", "reported_at"):
        assert all(DATETIME_RE.match(v) for v in acc[col]), col
    assert any("/" in v for v in acc["occurred_at"]) or acc.height < 15
    dr, cr, cl = (read_source(d, s) for s in ("deregistrations", "cremations", "injury_claims"))
    assert set(dr["reason"]) <= {"death", "declared_dead"}
    assert set(cr["certificate_issuer"].drop_nulls()) <= {"hospital", "police", "community",
                                                          "other"}
    assert set(cl["outcome"]) <= CLAIM_OUTCOMES
    for df, cols in ((dr, ["birth_date", "death_date", "deregistered_on"]),
                     (cr, ["death_date", "cremated_on"]),
                     (cl, ["injury_date", "applied_on", "decided_on"])):
        for c in cols:
            assert all(DATE_RE.match(v) for v in df[c].drop_nulls()), c
            assert iso_dates(df, c).null_count() == df[c].null_count(), c
            assert (iso_dates(df, c).drop_nulls() <= EXTRACT_ISO).all(), c
    # every funeral home has its own date style: all four contract styles occur
    styles = {("/" in v, v.isdigit(), "年" in v) for v in cr["cremated_on"]}
    assert len(styles) >= 3
    # claims lag the injury; nobody is cremated before dying
    assert (iso_dates(cl, "applied_on") > iso_dates(cl, "injury_date")).all()
    both = cr.filter(pl.col("death_date").is_not_null())
    assert (iso_dates(both, "cremated_on") >= iso_dates(both, "death_date")).all()
    assert set(cr["sex"].drop_nulls()) <= {"M", "F", "男", "女", "1", "2"}
    me = read_source(d, "medical_records")
    assert me.schema["admitted_at"] == pl.Datetime("us")
    assert all(re.match(r"^[ST]\d{2}(\.\d)?$", v) for v in me["diagnosis_icd10"])
    assert all(re.match(r"^[VWXY]\d{2}\.\d$", v) for v in me["external_cause_icd10"].drop_nulls())
    emp = read_source(d, "employment")
    assert emp["id_number"].null_count() == 0 and set(emp["industry"].drop_nulls()) <= INDUSTRIES
    for src in ("accidents", "deregistrations", "cremations", "injury_claims", "medical_records",
                "enterprises"):
        assert all(re.match(r"^\d{6}$", v) for v in read_source(d, src)["region_code"]), src
    assert all(v.startswith("14") for v in dr["region_code"])  # Shanxi hukou only


def test_ids_clean_and_corrupted(generated):
    d, stats = generated
    for src in PERSON_SOURCES:
        df = read_source(d, src)
        ids = dict(zip(df["record_id"], df["id_number"], strict=True))
        clean = check_ids_by_kind(ids, dict(stats["id_kinds"][src]), id_is_valid,
                                  clean=("clean", "duplicate", "borrowed", "valid_corrupt"),
                                  noisy=("wrong_check", "legacy15", "typo1", "transposed"),
                                  where=src)
        assert len(clean) / df.height > 0.5, src
    kinds = {k for src in PERSON_SOURCES for _, k in stats["id_kinds"][src]}
    assert {"clean", "wrong_check", "legacy15", "missing", "typo1", "transposed", "lower_x",
            "valid_corrupt", "borrowed", "duplicate"} <= kinds
    # cremation IDs are far noisier than the police register's
    def noisy_share(src):
        ks = [k for _, k in stats["id_kinds"][src]]
        return sum(k not in ("clean", "duplicate", "lower_x") for k in ks) / len(ks)
    assert noisy_share("cremations") > 3 * noisy_share("deregistrations")
    ent = read_source(d, "enterprises")
    share = sum(uscc_is_valid(u) for u in ent["uscc"]) / ent.height
    assert 0.95 < share < 1.0
    acc = read_source(d, "accidents")
    known = set(ent["uscc"])
    written = acc["enterprise_uscc"].drop_nulls()
    assert 0 < sum(u in known for u in written) <= len(written)


def test_truth_consistent(generated, truth):
    d, stats = generated
    inc, ip, deaths, rp = truth["incidents"], truth["incident_person"], truth["deaths"], \
        truth["record_person"]
    assert set(inc["kind"]) == {"reported", "concealed", "under_reported"}
    check_truth_matches_accidents(inc, read_source(d, "accidents"),
                                  read_source(d, "accident_victims"))
    keys = set(zip(rp["source"], rp["record_id"], strict=True))
    assert len(keys) == rp.height
    assert keys == {(s, r) for s in PERSON_SOURCES for r in read_source(d, s)["record_id"]}
    j = ip.join(inc.select("incident_id", "kind"), on="incident_id")
    hidden = j.filter((pl.col("kind") != "reported") & (pl.col("outcome") == "death")
                      & (pl.col("reported_outcome").is_null()
                         | (pl.col("reported_outcome") != "death")))
    assert hidden.height == stats["hidden_deaths"] > 0
    assert deaths["person_id"].n_unique() == deaths.height
    inc_d = deaths.filter(pl.col("death_class") == "incident")
    assert set(inc_d["person_id"]) == set(ip.filter(pl.col("outcome") == "death")["person_id"])
    assert set(deaths["death_class"]) == {"natural", "non_occupational", "incident"}
    tally = j.filter(pl.col("outcome") == "death").group_by("incident_id").len()
    chk = inc.join(tally, on="incident_id", how="left")
    assert (chk["true_deaths"] == chk["len"].fill_null(0)).all()
    # every planted pattern is there, at least once
    assert {f"concealed:{k}" for k in ("multi_death", "illness_disguise", "moved_body",
                                       "private_settlement", "road_disguise", "injured_only")} \
        | {f"under_reported:{k}" for k in ("below_line", "large_gap", "impersonated",
                                           "late_death")} <= set(stats["incidents"])


def test_deterministic(generated, tmp_path):
    d, _ = generated
    generate(tmp_path / "again", scale=SCALE, seed=SEED)
    assert check_same_files(d, tmp_path / "again") == 12
    generate(tmp_path / "other", scale=SCALE, seed=SEED + 1)
    assert (d / "accidents.csv").read_bytes() != (tmp_path / "other" / "accidents.csv").read_bytes()


def test_magnitudes(generated, truth):
    d, stats = generated
    rows = stats["rows"]
    n_deaths = truth["deaths"].height
    assert 0.9 * 290_000 * SCALE < n_deaths < 1.1 * 290_000 * SCALE  # 8.4 ‰ of 34.7 million
    assert 0.8 * n_deaths < rows["deregistrations"] < 0.97 * n_deaths
    assert 0.45 * n_deaths < rows["cremations"] < 0.75 * n_deaths
    assert 0.85e6 * SCALE < rows["medical_records"] < 1.2e6 * SCALE
    assert 1.1e6 * SCALE < rows["employment"] < 2.0e6 * SCALE
    assert 25_000 * SCALE < rows["injury_claims"] < 60_000 * SCALE
    inc = truth["incidents"]
    rep_deaths = inc.filter(pl.col("kind") == "reported")["true_deaths"].sum()
    assert 250 * SCALE < rep_deaths < 1_000 * SCALE
    # natural deaths are mostly of the elderly
    cr = read_source(d, "cremations").join(
        truth["record_person"].filter(pl.col("source") == "cremations"), on="record_id").join(
        truth["deaths"], on="person_id")
    nat = cr.filter(pl.col("death_class") == "natural")["age"].drop_nulls().cast(pl.Int64)
    assert (nat >= 65).mean() > 0.7
    # about a third of the register is high-risk, but most enrolled workers work there (coal)
    ent = read_source(d, "enterprises")
    assert 0.2 < ent["high_risk"].mean() < 0.45
    emp = read_source(d, "employment").join(ent.select(pl.col("uscc").alias("employer_uscc"),
                                                       "high_risk"), on="employer_uscc")
    assert 0.45 < emp["high_risk"].mean() < 0.85


def test_hard_negative_work_deaths_without_accident(generated, truth):
    """Design choice: 工亡 claims exist with no accident behind them (commuting crashes, sudden
    illness at work, pneumoconiosis); they are natural or non-occupational deaths in the truth."""
    d, _ = generated
    rp, deaths = truth["record_person"], truth["deaths"]
    cl = read_source(d, "injury_claims").join(
        rp.filter(pl.col("source") == "injury_claims"), on="record_id")
    dead_claims = cl.filter(pl.col("outcome") == "death").join(deaths, on="person_id", how="left")
    assert dead_claims["death_class"].null_count() == 0  # a 工亡 claim is always a true death
    classes = Counter(deaths.join(cl, on="person_id")["death_class"])
    assert classes["incident"] > 0
    assert classes["natural"] + classes["non_occupational"] >= 2
    # family carbon-monoxide poisonings: several non-occupational deaths at one household
    co = read_source(d, "cremations").filter(pl.col("death_cause").is_in(["一氧化碳中毒",
                                                                          "煤气中毒"]))
    assert co.height >= 2


def test_concealment_leaves_its_traces(generated, truth):
    """Design choice: hidden deaths are cremated fast (moved bodies within a day, far away), the
    impersonated victim carries a living worker's valid ID, and late deaths fall in the window."""
    d, stats = generated
    rp, ip, inc = truth["record_person"], truth["incident_person"], truth["incidents"]
    cr = read_source(d, "cremations").join(rp.filter(pl.col("source") == "cremations"),
                                           on="record_id")
    cr = cr.with_columns(lag=(pl.Series(iso_dates(cr, "cremated_on")).str.to_date()
                              - pl.Series(iso_dates(cr, "death_date")).str.to_date())
                         .dt.total_days())
    hidden = ip.join(inc, on="incident_id").filter(
        (pl.col("kind") != "reported") & (pl.col("outcome") == "death")
        & (pl.col("reported_outcome").is_null() | (pl.col("reported_outcome") != "death")))
    hid_cr = cr.filter(pl.col("person_id").is_in(hidden["person_id"].to_list()))
    bg = cr.filter(~pl.col("person_id").is_in(ip["person_id"].to_list()))
    assert hid_cr.height > 0
    assert (hid_cr["lag"].drop_nulls() <= 2).mean() > (bg["lag"].drop_nulls() <= 2).mean() + 0.2
    assert (hid_cr["certificate_issuer"] != "hospital").fill_null(True).mean() > 0.5
    # the impersonated victim: a valid ID of someone alive who is enrolled at work
    av = read_source(d, "accident_victims")
    borrowed = [rid for rid, k in stats["id_kinds"]["accident_victims"] if k == "borrowed"]
    assert borrowed
    b_ids = av.filter(pl.col("record_id").is_in(borrowed))["id_number"].to_list()
    assert all(id_is_valid(v) for v in b_ids)
    assert set(b_ids) <= set(read_source(d, "employment")["id_number"])
    # counts held just below a grade line
    under = inc.filter(pl.col("kind") == "under_reported")
    assert (under["reported_deaths"].is_in([2, 9, 29])).any()

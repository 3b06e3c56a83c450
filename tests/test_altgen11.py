"""Fast checks of the blind altgen11 generator (benchmarks/altgen11, Shanxi)."""

from __future__ import annotations

import re
from datetime import date

import polars as pl
import pytest

from benchmarks.altgen11.generate import generate, main
from benchmarks.altgen11.ids import id_is_valid, uscc_is_valid

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

SCALE, SEED = 0.02, 11
FORMATS = {"accidents": "gb18030", "accident_victims": "gb18030", "deregistrations": "utf-8",
           "cremations": "utf-8-sig", "injury_claims": "utf-8-sig",
           "medical_records": "parquet", "employment": "parquet", "enterprises": "parquet"}
DATE_COLS = {"deregistrations": ["birth_date", "death_date", "deregistered_on"],
             "cremations": ["death_date", "cremated_on"],
             "injury_claims": ["injury_date", "applied_on", "decided_on"]}
EXTRACT = "2024-03-31"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("alt11")
    stats = generate(out, scale=SCALE, seed=SEED)
    return out, stats


@pytest.fixture(scope="module")
def truth(generated):
    return read_truth(generated[0])


def test_files_columns_and_encodings(generated):
    d, stats = generated
    check_files_and_columns(d, stats, FORMATS)
    check_csv_encodings(d, FORMATS)
    assert b"\r\n" in (d / "accidents.csv").read_bytes()  # the Windows export keeps its CRLF
    assert stats["formats"] == FORMATS


def test_enums_dates_and_shanxi_codes(generated):
    d, _ = generated
    acc = read_source(d, "accidents")
    assert set(acc["industry"]) <= INDUSTRIES and set(acc["accident_type"]) <= ACCIDENT_TYPES
    for col in ("occurred_at", "reported_at"):
        assert all(DATETIME_RE.match(v) for v in acc[col]), col
    av = read_source(d, "accident_victims")
    assert set(av["outcome"]) <= {"death", "serious_injury", "minor_injury"}
    assert set(av["sex"].drop_nulls()) <= {"男", "女"}
    dr = read_source(d, "deregistrations")
    assert set(dr["reason"]) == {"death", "declared_dead"}
    assert set(dr["sex"].drop_nulls()) <= {"1", "2", "男", "女"}
    cr = read_source(d, "cremations")
    assert set(cr["certificate_issuer"].drop_nulls()) <= {"hospital", "police", "community",
                                                          "other"}
    cl = read_source(d, "injury_claims")
    assert set(cl["outcome"]) <= CLAIM_OUTCOMES
    for src, cols in DATE_COLS.items():
        df = read_source(d, src)
        for c in cols:
            vals = df[c].drop_nulls()
            assert all(DATE_RE.match(v) for v in vals), (src, c)
            iso = iso_dates(df, c).drop_nulls()
            assert iso.len() == vals.len() and iso.max() <= EXTRACT, (src, c)
    styles = {("/" in v) + 2 * v.isdigit() + 4 * ("年" in v) for v in cr["cremated_on"]}
    assert len(styles) >= 3  # each funeral home exports dates its own way
    me = read_source(d, "medical_records")
    assert me.schema["admitted_at"] == pl.Datetime("us")
    assert set(me["disposition"]) <= {"discharged", "transferred", "died", "left_against_advice"}
    assert all(re.match(r"^[ST]\d{2}(\.\d)?$", v) for v in me["diagnosis_icd10"])
    assert all(re.match(r"^[VWXY]\d{2}\.\d$", v) for v in me["external_cause_icd10"].drop_nulls())
    assert (me["discharged_at"].drop_nulls() >= me.drop_nulls("discharged_at")["admitted_at"]).all()
    for src in ("accidents", "deregistrations", "cremations", "injury_claims", "medical_records",
                "enterprises"):
        assert all(re.match(r"^14\d{4}$", v) for v in read_source(d, src)["region_code"]), src
    emp = read_source(d, "employment")
    assert emp["id_number"].null_count() == 0
    assert set(emp["industry"].drop_nulls()) <= INDUSTRIES


def test_ids_valid_where_clean_invalid_where_corrupted(generated):
    d, stats = generated
    for src in PERSON_SOURCES:
        df = read_source(d, src)
        ids = dict(zip(df["record_id"], df["id_number"], strict=True))
        clean = check_ids_by_kind(ids, dict(stats["id_kinds"][src]), id_is_valid,
                                  clean=("clean", "duplicate", "borrowed", "valid_corrupt"),
                                  noisy=("wrong_check", "legacy15", "typo1", "transposed"),
                                  where=src)
        assert clean, src
    kinds = {k for src in PERSON_SOURCES for _, k in stats["id_kinds"][src]}
    assert {"clean", "missing", "legacy15", "lower_x", "wrong_check", "typo1", "transposed",
            "valid_corrupt", "borrowed"} <= kinds
    ent = read_source(d, "enterprises")
    share = sum(uscc_is_valid(u) for u in ent["uscc"]) / ent.height
    assert 0.9 < share < 1.0  # a few real codes fail their own check
    known = set(ent["uscc"])
    for src, col in (("accidents", "enterprise_uscc"), ("injury_claims", "employer_uscc"),
                     ("employment", "employer_uscc")):
        codes = read_source(d, src)[col].drop_nulls()
        assert all(c in known or not uscc_is_valid(c) for c in codes), src  # typos are caught


def test_truth_links_every_record_and_matches_accidents(generated, truth):
    d, stats = generated
    rp = truth["record_person"]
    keys = set(zip(rp["source"], rp["record_id"], strict=True))
    assert len(keys) == rp.height
    assert keys == {(src, rid) for src in PERSON_SOURCES for rid in read_source(d, src)["record_id"]}
    inc, ip, deaths = truth["incidents"], truth["incident_person"], truth["deaths"]
    check_truth_matches_accidents(inc, read_source(d, "accidents"),
                                  read_source(d, "accident_victims"))
    assert set(inc["kind"]) == {"reported", "concealed", "under_reported"}
    ipk = ip.join(inc.select("incident_id", "kind"), on="incident_id")
    hidden = ipk.filter((pl.col("kind") != "reported") & (pl.col("outcome") == "death")
                        & (pl.col("reported_outcome").fill_null("") != "death"))
    assert hidden.height == stats["hidden_deaths"] > 0
    per = ipk.group_by("incident_id").agg((pl.col("outcome") == "death").sum().alias("d"))
    j = inc.join(per, on="incident_id")
    assert (j["true_deaths"] == j["d"]).all()
    assert set(deaths["death_class"]) == {"natural", "non_occupational", "incident"}
    assert deaths["person_id"].n_unique() == deaths.height
    inc_d = deaths.filter(pl.col("death_class") == "incident")
    assert set(inc_d["person_id"]) == set(ip.filter(pl.col("outcome") == "death")["person_id"])
    assert deaths.filter(pl.col("death_class") != "incident")["incident_id"].null_count() == \
        deaths.height - inc_d.height
    # every record that says someone died belongs to a person who died
    dead = set(deaths["person_id"])
    pid = dict(zip(zip(rp["source"], rp["record_id"], strict=True), rp["person_id"], strict=True))
    me = read_source(d, "medical_records").filter(pl.col("disposition") == "died")
    cl = read_source(d, "injury_claims").filter(pl.col("outcome") == "death")
    for src, rids in (("deregistrations", read_source(d, "deregistrations")["record_id"]),
                      ("cremations", read_source(d, "cremations")["record_id"]),
                      ("medical_records", me["record_id"]), ("injury_claims", cl["record_id"])):
        assert all(pid[(src, r)] in dead for r in rids), src


def test_deterministic_by_seed(generated, tmp_path):
    d, _ = generated
    assert main(["--out", str(tmp_path / "same"), "--scale", str(SCALE),
                 "--seed", str(SEED)]) == 0
    assert check_same_files(d, tmp_path / "same") == 12
    generate(tmp_path / "other", scale=SCALE, seed=SEED + 1)
    assert (d / "cremations.csv").read_bytes() != (tmp_path / "other" / "cremations.csv").read_bytes()


def test_magnitudes(generated, truth):
    _, stats = generated
    inc, ip, deaths = truth["incidents"], truth["incident_person"], truth["deaths"]
    size = ip.group_by("incident_id").len()
    conc = inc.filter(pl.col("kind") == "concealed").join(size, on="incident_id")
    assert (conc["len"] >= 2).any() and (conc["true_deaths"] >= 2).any()
    assert (conc["true_deaths"] == 0).any()  # serious injuries only, still concealed
    under = inc.filter(pl.col("kind") == "under_reported")
    grade = under.filter(pl.col("reported_deaths").is_in([2, 9, 29])
                         & (pl.col("true_deaths") > pl.col("reported_deaths")))
    assert grade.height >= 1
    assert set(stats["variants"]) >= {"illness", "staged_traffic", "multi", "injury_only",
                                      "grade_line_2", "late_death", "impersonation"}
    by = dict(deaths.group_by("death_class").len().iter_rows())
    assert by["natural"] > 20 * by["incident"] and by["non_occupational"] > by["incident"]
    rows = stats["rows"]
    assert rows["medical_records"] > rows["employment"] > rows["deregistrations"] > \
        rows["cremations"] > rows["injury_claims"] > rows["accident_victims"] > rows["accidents"]
    assert rows["medical_records"] > 4 * rows["deregistrations"]


def test_concealed_bodies_go_fast_far_and_uncertified(generated, truth):
    """Design check: hidden deaths are cremated sooner, with fewer hospital certificates, than
    openly reported accident deaths; migrants leave no Shanxi deregistration."""
    d, _ = generated
    rp, inc, ip = truth["record_person"], truth["incidents"], truth["incident_person"]
    ipk = ip.join(inc.select("incident_id", "kind"), on="incident_id")
    hidden = set(ipk.filter((pl.col("outcome") == "death")
                            & (pl.col("reported_outcome").fill_null("") != "death"))["person_id"])
    honest = set(ipk.filter((pl.col("kind") == "reported") & (pl.col("outcome") == "death"))
                 ["person_id"])
    cr = read_source(d, "cremations")
    cr = cr.with_columns(iso_dates(cr, "death_date").str.to_date().alias("dd"),
                         iso_dates(cr, "cremated_on").str.to_date().alias("co"))
    cr = cr.join(rp.filter(pl.col("source") == "cremations").select("record_id", "person_id"),
                 on="record_id").with_columns((pl.col("co") - pl.col("dd")).dt.total_days()
                                              .alias("lag"))
    h = cr.filter(pl.col("person_id").is_in(list(hidden)))
    o = cr.filter(pl.col("person_id").is_in(list(honest)))
    assert h.height >= 3 and o.height >= 1
    assert h["lag"].median() < o["lag"].median()
    assert (h["certificate_issuer"].fill_null("none") != "hospital").mean() > \
        (o["certificate_issuer"].fill_null("none") != "hospital").mean()
    dr = read_source(d, "deregistrations")
    assert all(v[:2] == "14" for v in dr["region_code"])
    rpd = rp.filter(pl.col("source") == "deregistrations")
    local = dict(zip(rpd["record_id"], rpd["person_id"], strict=True))
    assert len(local) == dr.height


def test_late_deaths_and_impersonated_victim(generated, truth):
    """Design check: a victim named injured who died did so inside the supplementary-report
    window (7 days for road transport and fire, else 30) when a hospital saw the death; the
    impersonated victim carries a valid ID that is not the dead man's own."""
    d, stats = generated
    rp, inc, ip = truth["record_person"], truth["incidents"], truth["incident_person"]
    acc = read_source(d, "accidents")
    late = ip.filter((pl.col("outcome") == "death")
                     & (pl.col("reported_outcome") == "serious_injury")).join(
        inc.select("incident_id", "accident_record_id"), on="incident_id").join(
        acc.select(pl.col("record_id").alias("accident_record_id"), "occurred_at", "industry",
                   "accident_type"), on="accident_record_id")
    me = read_source(d, "medical_records").join(
        rp.filter(pl.col("source") == "medical_records").select("record_id", "person_id"),
        on="record_id").filter(pl.col("disposition") == "died")
    seen = late.join(me.select("person_id", "discharged_at"), on="person_id")
    assert seen.height >= 1
    for row in seen.iter_rows(named=True):
        occurred = row["occurred_at"].replace("/", "-")[:10]
        y, m, dd = (int(x) for x in occurred.split("-"))
        days = (row["discharged_at"].date() - date(y, m, dd)).days
        window = 7 if row["accident_type"] == "fire" or (
            row["accident_type"] == "vehicle" and row["industry"] == "transport") else 30
        assert 0 < days < window, row
    kinds = dict(stats["id_kinds"]["accident_victims"])
    av = read_source(d, "accident_victims")
    borrowed = av.filter(pl.col("record_id").is_in([r for r, k in kinds.items()
                                                     if k == "borrowed"]))
    assert borrowed.height >= 1
    pid = dict(zip(zip(rp["source"], rp["record_id"], strict=True), rp["person_id"], strict=True))
    emp = read_source(d, "employment")
    for rid, idn in zip(borrowed["record_id"], borrowed["id_number"], strict=True):
        person = pid[("accident_victims", rid)]
        assert id_is_valid(idn)
        own = [pid[(src, r)] for src in ("deregistrations", "cremations")
               for r, x in zip(read_source(d, src)["record_id"], read_source(d, src)["id_number"],
                               strict=True) if x == idn]
        assert person not in own  # his own death records do not carry the borrowed number
        spells = emp.filter(pl.col("id_number") == idn)["record_id"]
        assert [pid[("employment", r)] for r in spells] == [person]  # hired under it

"""Fast checks of the blind altgen12 generator (benchmarks/altgen12, Shanxi)."""

from __future__ import annotations

import re

import polars as pl
import pytest

from benchmarks.altgen12.generate import FORMATS, SCENARIOS, generate
from benchmarks.altgen12.ident import id_is_valid, uscc_is_valid

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

SCALE, SEED = 0.02, 12
EXTRACT = "2024-06-30"
HIGH_RISK = {"coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
             "construction", "fireworks"}
CLEAN = ("clean", "duplicate", "borrowed", "valid_corrupt")
NOISY = ("wrong_check", "legacy15", "typo1", "typo2", "transposed")


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("alt12")
    stats = generate(out, scale=SCALE, seed=SEED)
    return out, stats


@pytest.fixture(scope="module")
def src(generated):
    d, _ = generated
    return {s: read_source(d, s) for s in FORMATS}


@pytest.fixture(scope="module")
def truth(generated):
    return read_truth(generated[0])


def test_files_columns_and_encodings(generated):
    d, stats = generated
    check_files_and_columns(d, stats, FORMATS)
    check_csv_encodings(d, FORMATS)
    assert stats["formats"] == FORMATS


def test_enums_dates_and_region_codes(src):
    acc = src["accidents"]
    assert set(acc["industry"]) <= INDUSTRIES and set(acc["accident_type"]) <= ACCIDENT_TYPES
    for col in ("occurred_at", "reported_at"):
        assert all(DATETIME_RE.match(v) for v in acc[col]), col
    assert set(src["accident_victims"]["outcome"]) <= {"death", "serious_injury", "minor_injury"}
    assert set(src["accident_victims"]["accident_id"]) <= set(acc["record_id"])
    assert set(src["deregistrations"]["reason"]) <= {"death", "declared_dead"}
    cr = src["cremations"]
    assert set(cr["certificate_issuer"].drop_nulls()) <= {"hospital", "police", "community",
                                                          "other"}
    assert set(src["injury_claims"]["outcome"]) <= CLAIM_OUTCOMES
    for s, cols in (("deregistrations", ["birth_date", "death_date", "deregistered_on"]),
                    ("cremations", ["death_date", "cremated_on"]),
                    ("injury_claims", ["injury_date", "applied_on", "decided_on"])):
        for c in cols:
            vals = src[s][c].drop_nulls()
            assert all(DATE_RE.match(v) for v in vals), (s, c)
            assert iso_dates(src[s], c).null_count() == src[s][c].null_count(), (s, c)
            assert iso_dates(src[s], c).drop_nulls().max() <= EXTRACT, (s, c)
    # each funeral home keeps its own date style: several styles in one export
    styles = {("/" in v, v.isdigit(), "年" in v) for v in cr["cremated_on"]}
    assert len(styles) >= 3
    me = src["medical_records"]
    assert me.schema["admitted_at"] == pl.Datetime("us")
    assert set(me["disposition"]) <= {"discharged", "transferred", "died", "left_against_advice"}
    assert all(re.match(r"^[ST]\d{2}(\.\d)?$", v) for v in me["diagnosis_icd10"])
    assert all(re.match(r"^[VWX]\d{2}\.\d$", v) for v in me["external_cause_icd10"].drop_nulls())
    assert set(src["employment"]["industry"].drop_nulls()) <= INDUSTRIES
    for s in ("accidents", "deregistrations", "injury_claims", "medical_records", "enterprises"):
        assert all(re.match(r"^14\d{4}$", v) for v in src[s]["region_code"]), s
    # only bodies taken across the border leave a funeral home outside Shanxi
    assert all(re.match(r"^\d{6}$", v) for v in cr["region_code"])
    outside = cr.filter(~pl.col("region_code").str.starts_with("14"))
    assert outside.height <= 10


def test_ids_valid_where_clean_invalid_where_corrupted(generated, src):
    _, stats = generated
    for s in PERSON_SOURCES:
        df = src[s]
        ids = dict(zip(df["record_id"], df["id_number"], strict=True))
        ok = check_ids_by_kind(ids, dict(stats["id_kinds"][s]), id_is_valid, clean=CLEAN,
                               noisy=NOISY, where=s)
        assert len(ok) > 0.5 * df.height, s
    kinds = {k for s in PERSON_SOURCES for _, k in stats["id_kinds"][s]}
    assert {"clean", "missing", "legacy15", "lower_x", "typo1", "transposed", "wrong_check",
            "borrowed"} <= kinds
    assert src["employment"]["id_number"].null_count() == 0
    for s in PERSON_SOURCES:  # 18 characters, or a 15-digit legacy number
        assert all(re.match(r"^(\d{17}[\dXx]|\d{15})$", v)
                   for v in src[s]["id_number"].drop_nulls()), s
    # cremations lose IDs far more often than the household register
    miss = {s: src[s]["id_number"].null_count() / src[s].height
            for s in ("deregistrations", "cremations")}
    assert miss["cremations"] > 0.15 > 0.05 > miss["deregistrations"]


def test_uscc_register_and_copies(src):
    ent = src["enterprises"]
    share = sum(uscc_is_valid(u) for u in ent["uscc"]) / ent.height
    assert 0.95 < share < 1.0  # some real codes fail the check
    register = set(ent["uscc"])
    for s, col in (("accidents", "enterprise_uscc"), ("injury_claims", "employer_uscc"),
                   ("employment", "employer_uscc")):
        written = src[s][col].drop_nulls()
        # a written code is the register's own, or a mistyping that fails the check
        assert all(u in register or not uscc_is_valid(u) for u in written), s
        assert any(u not in register for u in written) or s == "accidents", s
        assert src[s][col].null_count() > 0 or s == "accidents", s


def test_truth_consistent_with_sources(generated, src, truth):
    _, stats = generated
    inc, ip, deaths, rp = (truth[k] for k in ("incidents", "incident_person", "deaths",
                                              "record_person"))
    check_truth_matches_accidents(inc, src["accidents"], src["accident_victims"])
    keys = set(zip(rp["source"], rp["record_id"], strict=True))
    assert len(keys) == rp.height
    assert keys == {(s, r) for s in PERSON_SOURCES for r in src[s]["record_id"]}
    ipk = ip.join(inc.select("incident_id", "kind"), on="incident_id")
    hidden = ipk.filter((pl.col("kind") != "reported") & (pl.col("outcome") == "death")
                        & (pl.col("reported_outcome").fill_null("") != "death"))
    assert hidden.height == stats["hidden_deaths"] > 0
    assert ipk.filter(pl.col("kind") == "concealed")["reported_outcome"].null_count() == \
        ipk.filter(pl.col("kind") == "concealed").height
    assert deaths["person_id"].n_unique() == deaths.height
    inc_dead = deaths.filter(pl.col("death_class") == "incident")
    assert set(inc_dead["person_id"]) == set(ip.filter(pl.col("outcome") == "death")["person_id"])
    assert set(inc_dead["incident_id"]) <= set(inc["incident_id"])
    assert deaths.filter(pl.col("death_class") != "incident")["incident_id"].null_count() == \
        deaths.filter(pl.col("death_class") != "incident").height
    # every death record belongs to someone the truth says died
    dead = set(deaths["person_id"])
    assert set(rp.filter(pl.col("source").is_in(["deregistrations", "cremations"]))
               ["person_id"]) <= dead
    # a victim named in a report is a person of that incident
    named = rp.filter(pl.col("source") == "accident_victims")
    assert set(named["person_id"]) <= set(ip["person_id"])
    assert (inc.filter(pl.col("kind") == "concealed")["reported_deaths"] == 0).all()


def test_deterministic_by_seed(generated, tmp_path):
    d, _ = generated
    generate(tmp_path / "again", scale=SCALE, seed=SEED)
    assert check_same_files(d, tmp_path / "again") == 12
    generate(tmp_path / "other", scale=SCALE, seed=SEED + 1)
    assert (d / "accidents.csv").read_bytes() != (tmp_path / "other" / "accidents.csv").read_bytes()


def test_magnitudes_and_concealment_kinds(generated, truth):
    _, stats = generated
    inc, ip, deaths = truth["incidents"], truth["incident_person"], truth["deaths"]
    # every scenario at least once, even at a small scale
    assert set(stats["incidents"]) == {f"{k}:{v}" for k, v in SCENARIOS}
    persons = ip.group_by("incident_id").len()
    conc = inc.filter(pl.col("kind") == "concealed").join(persons, on="incident_id")
    assert conc.filter(pl.col("len") >= 2).height >= 2
    assert conc.filter(pl.col("true_deaths") >= 2).height >= 2  # several dead, one employer
    assert conc.filter(pl.col("true_deaths") == 0).height >= 1  # serious injuries only
    under = inc.filter(pl.col("kind") == "under_reported")
    assert (under["true_deaths"] > under["reported_deaths"]).all()
    # someone held the count just below a grade line (2, 9 or 29) with more dead than that
    lines = under.filter(pl.col("reported_deaths").is_in([2, 9, 28, 29])
                         & (pl.col("true_deaths") > pl.col("reported_deaths")))
    assert lines.height >= 1
    assert under["true_deaths"].max() >= 24  # 24 dead reported as 7, or 35 as 28
    # about 290,000 deaths a year in the province, scaled; incidents are a sliver of them
    assert 0.85 * 290_000 * SCALE < deaths.height < 1.15 * 290_000 * SCALE
    share = deaths.filter(pl.col("death_class") == "incident").height / deaths.height
    assert 0.0005 < share < 0.03
    assert stats["hidden_deaths"] >= 8


def test_late_deaths_and_claim_lags(src, truth):
    """Injured victims who died after the report and were never added: they died in hospital
    within 30 days (7 for road traffic and fire); work-injury claims lag by weeks."""
    inc, ip, rp = truth["incidents"], truth["incident_person"], truth["record_person"]
    late = ip.filter((pl.col("outcome") == "death")
                     & (pl.col("reported_outcome") == "serious_injury"))
    assert late.height >= 1
    acc = src["accidents"].select(pl.col("record_id").alias("accident_record_id"),
                                  "industry", "accident_type")
    me = src["medical_records"].filter(pl.col("disposition") == "died").join(
        rp.filter(pl.col("source") == "medical_records").select("record_id", "person_id"),
        on="record_id")
    j = (late.join(inc.select("incident_id", "accident_record_id", "occurred_on"),
                   on="incident_id")
         .join(acc, on="accident_record_id").join(me, on="person_id"))
    assert j.height == late.height
    days = (j["discharged_at"].dt.date() - j["occurred_on"]).dt.total_days()
    window = [7 if (t == "fire" or (t == "vehicle" and i == "transport")) else 30
              for t, i in zip(j["accident_type"], j["industry"], strict=True)]
    assert all(1 <= x < w for x, w in zip(days, window, strict=True))
    cl = src["injury_claims"]
    lag = (iso_dates(cl, "applied_on").str.to_date()
           - iso_dates(cl, "injury_date").str.to_date()).dt.total_days()
    assert lag.min() >= 1 and lag.median() >= 14
    dead = cl.filter(pl.col("outcome") == "death")
    dlag = lag.filter(cl["outcome"] == "death")
    assert dead.height > 0 and dlag.median() >= 14


def test_hard_negatives_outnumber_concealment(src, truth):
    """The honest dead look suspicious too: next-day cremations with a community certificate,
    illness deaths of high-risk workers, work-injury death claims with no accident behind."""
    deaths, rp, ip = truth["deaths"], truth["record_person"], truth["incident_person"]
    cr = src["cremations"].join(rp.filter(pl.col("source") == "cremations")
                                .select("record_id", "person_id"), on="record_id")
    cr = cr.with_columns(lag=(iso_dates(cr, "cremated_on").str.to_date()
                              - iso_dates(cr, "death_date").str.to_date()).dt.total_days())
    assert (cr["lag"].drop_nulls() >= 0).all()
    suspicious = cr.filter((pl.col("lag") <= 2) & (pl.col("certificate_issuer") == "community"))
    honest = suspicious.join(deaths, on="person_id").filter(pl.col("death_class") != "incident")
    inc = truth["incidents"].filter(pl.col("kind") != "reported")
    hidden_n = ip.join(inc, on="incident_id").filter(
        (pl.col("outcome") == "death") & (pl.col("reported_outcome").fill_null("") != "death")
    ).height
    assert honest.height > 5 * hidden_n
    # natural deaths of people enrolled with a high-risk employer
    em = src["employment"].join(rp.filter(pl.col("source") == "employment")
                                .select("record_id", "person_id"), on="record_id")
    natural = deaths.filter(pl.col("death_class") == "natural")["person_id"]
    hr_dead = em.filter(pl.col("industry").is_in(list(HIGH_RISK))
                        & pl.col("person_id").is_in(natural.implode()))
    assert hr_dead["person_id"].n_unique() >= 5
    # death claims of people who died in no incident (sudden illness at work, commuting, dust)
    cl = src["injury_claims"].join(rp.filter(pl.col("source") == "injury_claims")
                                   .select("record_id", "person_id"), on="record_id")
    no_inc = cl.filter((pl.col("outcome") == "death")
                       & ~pl.col("person_id").is_in(ip["person_id"].implode()))
    assert no_inc.height >= 3

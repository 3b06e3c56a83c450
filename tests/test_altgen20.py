"""Fast checks of the blind altgen20 generator (benchmarks/altgen20: Guizhou, July-December 2023)."""

from __future__ import annotations

import re

import polars as pl
import pytest

from benchmarks.altgen20 import geo
from benchmarks.altgen20.generate import generate
from benchmarks.altgen20.ident import id_is_valid, uscc_is_valid
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

SCALE, SEED = 0.015, 7
CONCEALED = {"illness_disguise", "traffic_disguise", "body_moved", "fast_remote_cremation",
             "private_settlement", "injury_only"}
UNDER = {"below_grade_line", "late_death_not_added", "named_as_injured", "undercount",
         "impersonated_victim"}
CLEAN = ("clean", "duplicate", "borrowed", "valid_corrupt")
NOISY = ("wrong_check", "legacy15", "typo1", "transposed", "typo2")
EXPORT = "2024-01-31"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("alt20")
    stats = generate(out, scale=SCALE, seed=SEED)
    return out, stats


@pytest.fixture(scope="module")
def data(generated):
    d, _ = generated
    src = {s: read_source(d, s) for s in ("accidents", *PERSON_SOURCES, "enterprises")}
    return src, read_truth(d)


def _patterns(stats) -> pl.DataFrame:
    pats = stats["incident_patterns"]
    return pl.DataFrame({"incident_id": list(pats), "pattern": list(pats.values())})


def _records_of(truth, src, person_ids, source) -> pl.DataFrame:
    rp = truth["record_person"].filter((pl.col("source") == source)
                                       & pl.col("person_id").is_in(list(person_ids)))
    return src[source].join(rp.select("record_id", "person_id"), on="record_id")


def test_files_columns_and_encodings(generated):
    d, stats = generated
    check_files_and_columns(d, stats, stats["formats"])
    check_csv_encodings(d, stats["formats"])
    assert set(stats["formats"].values()) == {"utf-8", "utf-8-sig", "gb18030", "parquet"}


def test_enums_codes_and_dates(data):
    src, _ = data
    acc = src["accidents"]
    assert set(acc["industry"]) <= INDUSTRIES and set(acc["accident_type"]) <= ACCIDENT_TYPES
    for col in ("occurred_at", "reported_at"):
        assert all(DATETIME_RE.match(v) for v in acc[col]), col
    when = acc.select(*(pl.coalesce(pl.col(c).str.to_datetime("%Y-%m-%d %H:%M", strict=False),
                                    pl.col(c).str.to_datetime("%Y-%m-%d %H:%M:%S", strict=False),
                                    pl.col(c).str.to_datetime("%Y/%-m/%-d %H:%M", strict=False))
                        for c in ("occurred_at", "reported_at")))
    assert when.null_count().sum_horizontal().item() == 0
    assert (when["reported_at"] > when["occurred_at"]).all()
    assert set(src["accident_victims"]["outcome"]) <= {"death", "serious_injury", "minor_injury"}
    dr, cr, cl, me, emp = (src[s] for s in ("deregistrations", "cremations", "injury_claims",
                                            "medical_records", "employment"))
    assert set(dr["reason"]) == {"death", "declared_dead"}
    assert set(cr["certificate_issuer"].drop_nulls()) == {"hospital", "police", "community",
                                                          "other"}
    assert set(cl["outcome"]) <= CLAIM_OUTCOMES and "pending" in set(cl["outcome"])
    assert set(me["disposition"]) == {"discharged", "transferred", "died", "left_against_advice"}
    assert set(me["payer"].drop_nulls()) <= {"employee_insurance", "resident_insurance",
                                            "work_injury_insurance", "self_pay", "commercial",
                                            "other"}
    assert set(emp["industry"].drop_nulls()) <= INDUSTRIES
    for df, s in ((src["accident_victims"], {"M", "F"}), (dr, {"男", "女"}), (cr, {"男", "女"}),
                  (cl, {"1", "2"}), (me, {"M", "F"})):
        assert set(df["sex"].drop_nulls()) == s
    for df, cols in ((dr, ["birth_date", "death_date", "deregistered_on"]),
                     (cr, ["death_date", "cremated_on"])):
        for c in cols:
            assert all(DATE_RE.match(v) for v in df[c].drop_nulls()), c
            assert (iso_dates(df, c).drop_nulls() <= EXPORT).all(), c
        styles = {("/" in v, v.isdigit(), "年" in v) for v in df[cols[-1]]}
        assert len(styles) >= 2  # departments write dates differently
    assert me.schema["admitted_at"] == pl.Datetime("us") and cl.schema["injury_date"] == pl.Date
    assert str(me["admitted_at"].max()) <= EXPORT
    assert str(me["discharged_at"].drop_nulls().max()) <= EXPORT
    assert me["discharged_at"].null_count() > 0  # stays still open at the export
    for c in ("injury_date", "applied_on", "decided_on"):
        assert str(cl[c].drop_nulls().max()) <= EXPORT
    assert cl.filter(pl.col("outcome") == "pending")["decided_on"].null_count() == \
        cl.filter(pl.col("outcome") == "pending").height
    assert all(re.match(r"^[ST]\d{2}(\.\d)?$", v) for v in me["diagnosis_icd10"])
    assert all(re.match(r"^[VWXY]\d{2}\.\d$", v) for v in me["external_cause_icd10"].drop_nulls())
    assert emp["id_number"].null_count() == 0 and emp["name"].null_count() > 0


def test_region_codes_are_guizhou(data):
    src, _ = data
    counties = set(geo.COUNTY_CODES.tolist())
    for s in ("accidents", "injury_claims", "medical_records", "enterprises"):
        assert set(src[s]["region_code"]) <= counties, s
    dr = src["deregistrations"]
    outside = dr.filter(~pl.col("region_code").str.starts_with("52"))
    assert 0 < outside.height < 0.01 * dr.height  # out-of-province registrations via exchange
    assert all(re.match(r"^\d{6}$", v) for v in dr["region_code"])
    ok = outside.filter(pl.col("id_number").str.len_chars() == 18)
    assert (ok["id_number"].str.slice(0, 2) == ok["region_code"].str.slice(0, 2)).mean() > 0.7
    cr = src["cremations"]
    out_homes = {name for _, name in geo.OUT_WORK}
    far = cr.filter(~pl.col("region_code").str.starts_with("52"))
    assert far.height > 0 and set(far["funeral_home"]) <= out_homes
    assert set(cr.filter(pl.col("region_code").str.starts_with("52"))["region_code"]) <= counties


def test_ids_by_kind(generated, data):
    _, stats = generated
    src, _ = data
    for s in PERSON_SOURCES:
        df = src[s]
        ids = dict(zip(df["record_id"], df["id_number"], strict=True))
        ok = check_ids_by_kind(ids, dict(stats["id_kinds"][s]), id_is_valid, clean=CLEAN,
                               noisy=NOISY, where=s)
        assert len(ok) > 0.5 * df.height, s
    kinds = {k for s in PERSON_SOURCES for _, k in stats["id_kinds"][s]}
    assert {"clean", "wrong_check", "legacy15", "missing", "typo1", "transposed", "lower_x",
            "duplicate", "borrowed", "valid_corrupt"} <= kinds
    cr = dict(stats["id_kinds"]["cremations"])
    assert sum(k == "missing" for k in cr.values()) > 0.15 * len(cr)  # often missing
    ent = src["enterprises"]
    share = sum(uscc_is_valid(u) for u in ent["uscc"]) / ent.height
    assert 0.9 < share < 1.0
    assert ent["uscc"].n_unique() == ent.height


def test_record_person_complete(data):
    src, truth = data
    rp = truth["record_person"]
    keys = set(zip(rp["source"], rp["record_id"], strict=True))
    assert len(keys) == rp.height
    assert keys == {(s, r) for s in PERSON_SOURCES for r in src[s]["record_id"]}


def test_truth_consistent_with_accidents(generated, data):
    _, stats = generated
    src, truth = data
    inc, ip, deaths = truth["incidents"], truth["incident_person"], truth["deaths"]
    check_truth_matches_accidents(inc, src["accidents"], src["accident_victims"])
    assert set(inc["kind"]) == {"reported", "concealed", "under_reported"}
    assert inc.filter(pl.col("kind") == "concealed")["reported_deaths"].max() == 0
    assert inc["incident_id"].n_unique() == inc.height
    j = ip.join(inc, on="incident_id")
    hidden = j.filter((pl.col("kind") != "reported") & (pl.col("outcome") == "death")
                      & (pl.col("reported_outcome").is_null()
                         | (pl.col("reported_outcome") != "death")))
    assert hidden.height == stats["hidden_deaths"] > 0
    true_d = ip.filter(pl.col("outcome") == "death").group_by("incident_id").len()
    chk = inc.join(true_d, on="incident_id", how="left")
    assert (chk["true_deaths"] == chk["len"].fill_null(0)).all()
    assert deaths["person_id"].n_unique() == deaths.height
    assert set(deaths["death_class"]) == {"natural", "non_occupational", "incident"}
    d_inc = deaths.filter(pl.col("death_class") == "incident")
    assert set(d_inc["person_id"]) == set(ip.filter(pl.col("outcome") == "death")["person_id"])
    assert deaths.filter(pl.col("death_class") != "incident")["incident_id"].null_count() == \
        deaths.filter(pl.col("death_class") != "incident").height
    # every person in a death source is dead in the truth
    for s in ("deregistrations", "cremations"):
        people = truth["record_person"].filter(pl.col("source") == s)["person_id"]
        assert set(people) <= set(deaths["person_id"]), s
    assert stats["concealed"] and stats["under_reported"] and stats["reported"] > 0


def test_every_pattern_leaves_its_trace(generated, data):
    _, stats = generated
    src, truth = data
    assert set(stats["concealed"]) == CONCEALED
    assert set(stats["under_reported"]) == UNDER
    inc = truth["incidents"].join(_patterns(stats), on="incident_id")
    ip = truth["incident_person"].join(inc, on="incident_id")
    acc = src["accidents"].with_columns(pl.col("reported_deaths").cast(pl.Int64))

    line = inc.filter(pl.col("pattern") == "below_grade_line")
    assert line["reported_deaths"].is_in([2, 9]).all()
    assert (line["true_deaths"] >= line["reported_deaths"] + 1).all()
    assert (line["true_deaths"] >= 3).all()

    late = ip.filter((pl.col("pattern") == "late_death_not_added") & (pl.col("outcome") == "death")
                     & (pl.col("reported_outcome") == "serious_injury"))
    assert late.height >= 1
    died = _records_of(truth, src, late["person_id"], "medical_records").filter(
        pl.col("disposition") == "died").join(late.select("person_id", "occurred_on",
                                                          "accident_record_id"), on="person_id")
    died = died.join(acc.select(pl.col("record_id").alias("accident_record_id"), "industry",
                                "accident_type"), on="accident_record_id")
    gap = (died["discharged_at"].dt.date() - died["occurred_on"]).dt.total_days()
    window = [7 if (i == "transport" and t == "vehicle") or t == "fire" else 30
              for i, t in zip(died["industry"], died["accident_type"], strict=True)]
    assert died.height >= 1
    assert all(1 <= g < w + 1 for g, w in zip(gap, window, strict=True))

    named = ip.filter((pl.col("pattern") == "named_as_injured") & (pl.col("outcome") == "death"))
    assert named["reported_outcome"].is_in(["serious_injury", "minor_injury"]).any()

    kinds = dict(stats["id_kinds"]["accident_victims"])
    borrowed = [r for r, k in kinds.items() if k == "borrowed"]
    imp = ip.filter(pl.col("pattern") == "impersonated_victim")
    stand_in = truth["record_person"].filter(
        pl.col("record_id").is_in(borrowed) & pl.col("person_id").is_in(imp["person_id"].to_list()))
    assert stand_in.height >= 1
    assert (imp.filter(pl.col("person_id").is_in(stand_in["person_id"].to_list()))["outcome"]
            == "death").all()

    ill = ip.filter((pl.col("pattern") == "illness_disguise") & (pl.col("outcome") == "death"))
    causes = _records_of(truth, src, ill["person_id"], "deregistrations")["death_cause"]
    assert set(causes.drop_nulls()) <= {"病故", "猝死", "疾病", "心脏病", "突发疾病"}

    fast = ip.filter((pl.col("pattern") == "fast_remote_cremation")
                     & (pl.col("outcome") == "death"))
    cr = _records_of(truth, src, fast["person_id"], "cremations")
    days = (iso_dates(cr, "cremated_on").str.to_date()
            - iso_dates(cr, "death_date").str.to_date()).dt.total_days().drop_nulls()
    assert cr.height >= 1 and (days <= 1).all()

    moved = ip.filter((pl.col("pattern") == "body_moved") & (pl.col("outcome") == "death"))
    mc = _records_of(truth, src, moved["person_id"], "cremations")
    md = _records_of(truth, src, moved["person_id"], "deregistrations")
    both = mc.join(md.select("person_id", pl.col("region_code").alias("home")), on="person_id")
    assert mc.height >= 1
    assert (both["region_code"].str.slice(0, 4) != both["home"].str.slice(0, 4)).all()

    priv = ip.filter((pl.col("pattern") == "private_settlement") & (pl.col("outcome") == "death"))
    assert priv.height >= 1
    assert _records_of(truth, src, priv["person_id"], "injury_claims").height == 0

    inj = inc.filter(pl.col("pattern") == "injury_only")
    assert (inj["true_deaths"] == 0).all()
    hurt = ip.filter(pl.col("pattern") == "injury_only")
    assert _records_of(truth, src, hurt["person_id"], "medical_records").height >= 1
    assert inc.filter(pl.col("kind") != "reported")["accident_record_id"].null_count() == \
        inc.filter(pl.col("kind") == "concealed").height


def test_hard_negatives_and_noise(data):
    src, truth = data
    deaths, rp = truth["deaths"], truth["record_person"]
    natural = deaths.filter(pl.col("death_class") == "natural")["person_id"]
    emp = _records_of(truth, src, natural, "employment")
    risky = {"coal_mining", "non_coal_mining", "hazardous_chemicals", "construction"}
    assert emp.filter(pl.col("industry").is_in(list(risky))).height > 0
    # many deaths are buried, not cremated
    dead = set(deaths["person_id"])
    cremated = set(rp.filter(pl.col("source") == "cremations")["person_id"])
    assert len(cremated) < 0.7 * len(dead)
    me = src["medical_records"]
    unid = me.filter(pl.col("name").str.starts_with("无名") | (pl.col("name") == "未知"))
    assert unid.height > 0 and unid["id_number"].null_count() == unid.height
    nonocc = deaths.filter(pl.col("death_class") == "non_occupational")["person_id"]
    nm = _records_of(truth, src, nonocc, "medical_records")
    assert nm["external_cause_icd10"].drop_nulls().str.starts_with("V").any()
    assert nm["external_cause_icd10"].drop_nulls().str.ends_with(".0").any()  # falls at home
    assert (src["deregistrations"]["id_number"].drop_nulls().str.len_chars() == 15).any()
    names = pl.concat([src[s]["name"].drop_nulls() for s in PERSON_SOURCES])
    assert names.str.contains(" ").any() and names.str.contains("·").any()
    assert names.str.contains("[A-Za-z]").any()
    assert names.str.contains("[張劉陳楊黃龍吳羅韋]").any()
    ent = src["enterprises"]
    assert ent["name"].str.contains("煤矿").any() and ent["name"].str.contains("劳务").any()
    coal = ent.filter(pl.col("industry") == "coal_mining")
    assert coal["name"].str.contains("集团").any()  # mines being merged into groups


def test_deterministic(generated, tmp_path):
    d, _ = generated
    generate(tmp_path, scale=SCALE, seed=SEED)
    assert check_same_files(d, tmp_path) == 12
    other = tmp_path / "other"
    generate(other, scale=SCALE, seed=SEED + 1)
    assert (d / "accidents.csv").read_bytes() != (other / "accidents.csv").read_bytes()

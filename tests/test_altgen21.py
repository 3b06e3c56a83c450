"""Fast checks of the blind altgen21 generator (benchmarks/altgen21, a Yunnan 2024 world)."""

from __future__ import annotations

import re

import polars as pl
import pytest

from benchmarks.altgen21.generate import generate
from benchmarks.altgen21.ident import id_is_valid, uscc_is_valid
from benchmarks.altgen21.names import TRANSLIT
from benchmarks.altgen21.render import FORMATS
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

SCALE, SEED = 0.015, 5
EXTRACT = "2025-02-15"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("alt21")
    stats = generate(out, scale=SCALE, seed=SEED)
    return out, stats


def test_files_columns_and_encodings(generated):
    d, stats = generated
    check_files_and_columns(d, stats, FORMATS)
    check_csv_encodings(d, FORMATS)
    assert {"gb18030", "utf-8-sig", "utf-8", "parquet"} == set(FORMATS.values())


def test_enums_types_and_codes(generated):
    d, _ = generated
    acc = read_source(d, "accidents")
    assert set(acc["industry"]) <= INDUSTRIES and set(acc["accident_type"]) <= ACCIDENT_TYPES
    for col in ("occurred_at", "reported_at"):
        assert all(DATETIME_RE.match(v) for v in acc[col]), col
    av = read_source(d, "accident_victims")
    assert set(av["outcome"]) <= {"death", "serious_injury", "minor_injury"}
    dr = read_source(d, "deregistrations")
    assert set(dr["reason"]) <= {"death", "declared_dead"}
    assert set(dr["sex"].drop_nulls()) <= {"男", "女"}
    cr = read_source(d, "cremations")
    assert set(cr["certificate_issuer"].drop_nulls()) <= {"hospital", "police", "community", "other"}
    assert {("/" in v, v.isdigit(), "年" in v) for v in cr["cremated_on"]} >= {
        (False, False, False), (True, False, False), (False, True, False), (False, False, True)}
    cl = read_source(d, "injury_claims")
    assert set(cl["outcome"]) <= CLAIM_OUTCOMES
    assert set(cl["sex"].drop_nulls()) <= {"M", "F", "1", "2"}
    for df, cols in ((dr, ["birth_date", "death_date", "deregistered_on"]),
                     (cr, ["death_date", "cremated_on"]),
                     (cl, ["injury_date", "applied_on", "decided_on"])):
        for c in cols:
            assert all(DATE_RE.match(v) for v in df[c].drop_nulls()), c
    me = read_source(d, "medical_records")
    assert me.schema["admitted_at"] == pl.Datetime("us") and me.schema["age"] == pl.Int64
    assert set(me["disposition"]) <= {"discharged", "transferred", "died", "left_against_advice"}
    assert set(me["payer"].drop_nulls()) <= {"employee_insurance", "resident_insurance",
                                             "work_injury_insurance", "self_pay", "commercial", "other"}
    assert all(re.match(r"^[ST]\d{2}(\.\d)?$", v) for v in me["diagnosis_icd10"])
    assert all(re.match(r"^[VWXY]\d{2}\.\d$", v) for v in me["external_cause_icd10"].drop_nulls())
    emp = read_source(d, "employment")
    assert emp["id_number"].null_count() == 0 and emp.schema["start_date"] == pl.Date
    assert set(emp["industry"].drop_nulls()) <= INDUSTRIES
    for src in ("accidents", "deregistrations", "cremations", "injury_claims", "medical_records",
                "enterprises"):
        codes = read_source(d, src)["region_code"]
        assert all(re.match(r"^\d{6}$", v) for v in codes), src
    # the world is Yunnan: every place of an event is a 53xxxx county
    for src in ("accidents", "cremations", "medical_records", "deregistrations"):
        assert all(v.startswith("53") for v in read_source(d, src)["region_code"]), src


def test_ids_valid_except_deliberate_errors(generated):
    d, stats = generated
    all_kinds = set()
    for src in PERSON_SOURCES:
        df = read_source(d, src)
        ids = dict(zip(df["record_id"], df["id_number"], strict=True))
        kinds = dict(stats["id_kinds"][src])
        clean = check_ids_by_kind(ids, kinds, id_is_valid,
                                  clean=("clean", "duplicate", "borrowed", "valid_corrupt"),
                                  noisy=("wrong_check", "legacy15", "typo1", "transposed"), where=src)
        share = len(clean) / len(kinds)
        lo = {"cremations": 0.7, "medical_records": 0.75, "accident_victims": 0.7}.get(src, 0.93)
        assert lo < share < 1.0 or (src == "accident_victims" and share <= 1.0), (src, share)
        all_kinds |= set(kinds.values())
    assert {"clean", "missing", "legacy15", "wrong_check", "typo1", "transposed", "lower_x",
            "duplicate", "borrowed"} <= all_kinds
    # cremation records often lack the number; deregistrations nearly always have it
    cr = read_source(d, "cremations")
    dr = read_source(d, "deregistrations")
    assert 0.1 < cr["id_number"].null_count() / cr.height < 0.3
    assert dr["id_number"].null_count() / dr.height < 0.03
    ent = read_source(d, "enterprises")
    share = sum(uscc_is_valid(u) for u in ent["uscc"]) / ent.height
    assert 0.9 < share < 1.0
    assert ent["uscc"].n_unique() == ent.height


def test_record_person_complete(generated):
    d, _ = generated
    t = read_truth(d)
    rp = t["record_person"]
    keys = set(zip(rp["source"], rp["record_id"], strict=True))
    assert len(keys) == rp.height
    records = {(src, rid) for src in PERSON_SOURCES for rid in read_source(d, src)["record_id"]}
    assert keys == records
    # every incident victim and every death is a person of the world with at least one record
    # in most cases; every named victim is a record of that incident's person
    ip = t["incident_person"].join(t["incidents"].select("incident_id", "accident_record_id"),
                                   on="incident_id")
    av = read_source(d, "accident_victims").join(
        rp.filter(pl.col("source") == "accident_victims").select("record_id", "person_id"), on="record_id")
    named = set(zip(av["accident_id"], av["person_id"], strict=True))
    want = ip.filter(pl.col("reported_outcome").is_not_null())
    assert named == set(zip(want["accident_record_id"], want["person_id"], strict=True))
    deaths = t["deaths"]
    with_records = deaths.filter(pl.col("person_id").is_in(rp["person_id"].unique().to_list()))
    assert with_records.height / deaths.height > 0.9


def test_truth_consistent_with_accidents(generated):
    d, stats = generated
    t = read_truth(d)
    inc, ip = t["incidents"], t["incident_person"]
    assert set(inc["kind"]) == {"reported", "concealed", "under_reported"}
    acc = read_source(d, "accidents")
    check_truth_matches_accidents(inc, acc, read_source(d, "accident_victims"))
    conc = inc.filter(pl.col("kind") == "concealed")
    assert conc["accident_record_id"].null_count() == conc.height
    assert (conc["reported_deaths"] == 0).all()
    under = inc.filter(pl.col("kind") == "under_reported")
    assert (under["reported_deaths"] < under["true_deaths"]).all()
    counts = ip.group_by("incident_id").agg((pl.col("outcome") == "death").sum().alias("n"))
    j = inc.join(counts, on="incident_id", how="left")
    assert (j["true_deaths"] == j["n"].fill_null(0)).all()
    hidden = ip.join(inc.select("incident_id", "kind"), on="incident_id").filter(
        (pl.col("kind") != "reported") & (pl.col("outcome") == "death")
        & (pl.col("reported_outcome").is_null() | (pl.col("reported_outcome") != "death")))
    assert hidden.height == stats["hidden_deaths"] >= 5
    deaths = t["deaths"]
    assert deaths["person_id"].n_unique() == deaths.height
    inc_d = deaths.filter(pl.col("death_class") == "incident")
    assert set(inc_d["person_id"]) == set(ip.filter(pl.col("outcome") == "death")["person_id"])
    assert set(inc_d["incident_id"]) <= set(inc["incident_id"])
    # hard negatives are the large majority of deaths
    assert deaths.filter(pl.col("death_class") != "incident").height > 20 * inc_d.height
    # every concealment pattern of the brief occurs, and every under-reporting pattern
    assert set(stats["concealed_by_pattern"]) == {"sudden_illness", "moved_body", "fast_far_cremation",
                                                  "private_settlement", "staged_road_crash",
                                                  "injury_only", "mine_disaster"}
    assert set(stats["under_reported_by_pattern"]) == {"late_death", "grade_line", "left_out",
                                                       "impersonated"}
    inj_only = [i for i, p in stats["incident_patterns"].items() if p == "injury_only"]
    assert all(inc.filter(pl.col("incident_id") == i)["true_deaths"][0] == 0 for i in inj_only)
    assert ip.filter(pl.col("incident_id").is_in(inj_only) & (pl.col("outcome") == "serious_injury")).height


def test_concealment_traces(generated):
    """Concealed deaths leave the traces the brief describes: illness causes, fast far
    cremations, staged road crashes, late deaths of injured victims inside the window."""
    d, stats = generated
    t = read_truth(d)
    rp = t["record_person"]
    pat = pl.DataFrame({"incident_id": list(stats["incident_patterns"]),
                        "pattern": list(stats["incident_patterns"].values())})
    dead = t["incident_person"].filter(pl.col("outcome") == "death").join(pat, on="incident_id")
    cr = read_source(d, "cremations").join(rp.filter(pl.col("source") == "cremations"), on="record_id")
    cr = cr.with_columns(iso_dates(cr, "death_date"), iso_dates(cr, "cremated_on"))
    j = cr.join(dead, on="person_id")
    sudden = j.filter(pl.col("pattern") == "sudden_illness")
    assert sudden.height and sudden["death_cause"].is_in(
        ["猝死", "心源性猝死", "病故", "突发疾病", "心肌梗死", "脑出血", "疾病死亡"]).all()
    fast = j.filter(pl.col("pattern") == "fast_far_cremation")
    assert fast.height
    assert (fast["certificate_issuer"].is_null() | (fast["certificate_issuer"] != "hospital")).all()
    staged = j.filter(pl.col("pattern") == "staged_road_crash")
    assert staged.height == 0 or staged["death_cause"].is_in(["交通事故", "车祸"]).all()
    # an injured victim named as injured who truly died
    late = t["incident_person"].filter((pl.col("outcome") == "death")
                                       & (pl.col("reported_outcome") == "serious_injury"))
    assert late.height >= 1
    # and a named dead victim written with a living person's identity
    kinds = dict(stats["id_kinds"]["accident_victims"])
    assert "borrowed" in kinds.values()


def test_dates_inside_year_plus_lags(generated):
    d, _ = generated
    acc = read_source(d, "accidents")
    acc = acc.with_columns(*(pl.coalesce(pl.col(c).str.strptime(pl.Datetime, "%Y-%m-%d %H:%M", strict=False),
                                         pl.col(c).str.strptime(pl.Datetime, "%Y/%-m/%-d %H:%M", strict=False))
                             for c in ("occurred_at", "reported_at")))
    assert acc["occurred_at"].null_count() == 0 and (acc["occurred_at"].dt.year() == 2024).all()
    assert (acc["reported_at"] >= acc["occurred_at"]).all()
    dr = read_source(d, "deregistrations")
    dr = dr.with_columns(*(iso_dates(dr, c) for c in ("birth_date", "death_date", "deregistered_on")))
    dd = dr.filter((pl.col("reason") == "death") & pl.col("death_date").is_not_null())
    assert dd["death_date"].str.starts_with("2024").all()
    assert (dd["death_date"] <= dd["deregistered_on"]).all() and (dr["deregistered_on"] <= EXTRACT).all()
    cr = read_source(d, "cremations")
    cr = cr.with_columns(iso_dates(cr, "death_date"), iso_dates(cr, "cremated_on"))
    c2 = cr.filter(pl.col("death_date").is_not_null())
    assert c2["death_date"].str.starts_with("2024").all()
    assert (c2["death_date"] <= c2["cremated_on"]).all() and (cr["cremated_on"] <= EXTRACT).all()
    cl = read_source(d, "injury_claims")
    cl = cl.with_columns(*(iso_dates(cl, c) for c in ("injury_date", "applied_on", "decided_on")))
    assert cl["injury_date"].str.starts_with("2024").all()
    assert (cl["injury_date"] <= cl["applied_on"]).all() and (cl["applied_on"] <= EXTRACT).all()
    dec = cl.filter(pl.col("decided_on").is_not_null())
    assert (dec["applied_on"] <= dec["decided_on"]).all() and (dec["decided_on"] <= EXTRACT).all()
    assert cl.filter(pl.col("decided_on").is_null())["outcome"].eq("pending").all()
    me = read_source(d, "medical_records")
    assert me["admitted_at"].dt.year().min() == 2024
    assert str(me["admitted_at"].max())[:10] <= EXTRACT
    dis = me.filter(pl.col("discharged_at").is_not_null())
    assert (dis["discharged_at"] >= dis["admitted_at"]).all()
    emp = read_source(d, "employment")
    e2 = emp.filter(pl.col("end_date").is_not_null())
    assert (e2["end_date"] >= e2["start_date"]).all()
    assert str(emp["start_date"].max()) <= EXTRACT and str(e2["end_date"].max()) <= EXTRACT


def test_minority_names_and_migrants(generated):
    d, _ = generated
    rp = read_truth(d)["record_person"]
    frames = []
    for src in PERSON_SOURCES:
        df = read_source(d, src).select("record_id", "name", "id_number")
        frames.append(df.with_columns(pl.lit(src).alias("source")))
    recs = pl.concat(frames).join(rp, on=["source", "record_id"])
    names = recs.drop_nulls("name")
    # Dai names (岩温, 玉香, 依香 …) occur, and one person's name is transcribed differently
    assert names["name"].str.contains(r"^(岩|玉|依)").sum() > 20
    multi = names.group_by("person_id").agg(pl.col("name").unique()).filter(pl.col("name").list.len() > 1)

    def translit_pair(ns):
        ns = [n for n in ns if n and len(n) == len(ns[0])]
        for a in ns:
            for b in ns:
                diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
                if len(diff) == 1 and diff[0][1] in TRANSLIT.get(diff[0][0], ""):
                    return True
        return False

    assert any(translit_pair(ns) for ns in multi["name"].to_list())
    assert names["name"].str.contains("·").any()  # 吉克·阿呷, 扎西·次仁
    assert names["name"].str.contains(r"^[A-Za-z]").any()  # pinyin
    # migrant workers carry IDs of their home provinces
    ids = recs.drop_nulls("id_number")["id_number"]
    for prov in ("51", "52", "50", "43"):
        assert ids.str.starts_with(prov).sum() > 0, prov
    emp = read_source(d, "employment")
    assert emp["id_number"].str.contains(r"^(50|51|52|43)").mean() > 0.03


def test_deterministic(generated, tmp_path):
    d, _ = generated
    again = tmp_path / "again"
    generate(again, scale=SCALE, seed=SEED)
    assert check_same_files(d, again) == 12
    other = tmp_path / "other"
    generate(other, scale=SCALE, seed=SEED + 1)
    assert (d / "accidents.csv").read_bytes() != (other / "accidents.csv").read_bytes()
    assert (d / "truth" / "record_person.parquet").read_bytes() != \
        (other / "truth" / "record_person.parquet").read_bytes()

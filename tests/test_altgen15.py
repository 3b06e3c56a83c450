"""Fast checks of the blind altgen15 generator (benchmarks/altgen15, Hebei 2024: steel and coking,
iron-ore and coal mines, chemicals, Xiong'an construction, informal fireworks workshops)."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta

import polars as pl
import pytest

from benchmarks.altgen15.generate import FORMATS, generate, main
from benchmarks.altgen15.ids import id_is_valid, uscc_is_valid

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

SCALE, SEED = 0.01, 15
EXPORT = "2025-03-31"
PAYERS = {"employee_insurance", "resident_insurance", "work_injury_insurance", "self_pay",
          "commercial", "other"}
HIGH_RISK = {"coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
             "construction", "fireworks"}
SEXES = {"M", "F", "男", "女", "1", "2"}
DATE_COLS = {"deregistrations": ["birth_date", "death_date", "deregistered_on"],
             "cremations": ["death_date", "cremated_on"]}
ILLNESS = ["病故", "猝死", "心源性猝死", "呼吸心跳骤停", "心脏病", "急性心肌梗死", "脑出血",
           "疾病"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("alt15")
    stats = generate(out, scale=SCALE, seed=SEED)
    return out, stats


@pytest.fixture(scope="module")
def truth(generated):
    return read_truth(generated[0])


@pytest.fixture(scope="module")
def sources(generated):
    d, _ = generated
    return {src: read_source(d, src) for src in FORMATS}


def _of(sources, truth, src: str) -> pl.DataFrame:
    """A source's rows with their true person."""
    rp = truth["record_person"].filter(pl.col("source") == src)
    return sources[src].join(rp.select("record_id", "person_id"), on="record_id")


def _dt(v: str) -> datetime:
    """An accident's datetime in either of the styles it is written in."""
    m = re.match(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2}) (\d{2}):(\d{2})(?::(\d{2}))?$", v)
    assert m, v
    return datetime(*(int(x or 0) for x in m.groups()))


def _hidden(truth) -> pl.DataFrame:
    inc, ip = truth["incidents"], truth["incident_person"]
    j = ip.join(inc.select("incident_id", "kind", "occurred_on", "employer_uscc"),
                on="incident_id")
    return j.filter((pl.col("kind") != "reported") & (pl.col("outcome") == "death")
                    & (pl.col("reported_outcome").is_null()
                       | (pl.col("reported_outcome") != "death")))


def test_files_columns_and_encodings(generated):
    d, stats = generated
    check_files_and_columns(d, stats, FORMATS)
    check_csv_encodings(d, FORMATS)
    assert FORMATS["deregistrations"] == "gb18030" and FORMATS["cremations"] == "utf-8-sig"


def test_enums_codes_and_dates(sources):
    acc = sources["accidents"]
    assert set(acc["industry"]) <= INDUSTRIES and set(acc["accident_type"]) <= ACCIDENT_TYPES
    for col in ("occurred_at", "reported_at"):
        assert all(DATETIME_RE.match(v) for v in acc[col]), col
    assert (acc["reported_deaths"].cast(pl.Int64) >= 0).all()
    av = sources["accident_victims"]
    assert set(av["outcome"]) <= {"death", "serious_injury", "minor_injury"}
    assert set(av["accident_id"]) <= set(acc["record_id"])
    assert set(sources["deregistrations"]["reason"]) <= {"death", "declared_dead"}
    assert set(sources["cremations"]["certificate_issuer"].drop_nulls()) <= {
        "hospital", "police", "community", "other"}
    for src in ("accident_victims", "deregistrations", "cremations", "injury_claims",
                "medical_records"):
        assert set(sources[src]["sex"].drop_nulls()) <= SEXES, src
    # each export writes sex its own way, and together they use every style the contract names
    assert set().union(*(set(sources[s]["sex"].drop_nulls()) for s in
                         ("deregistrations", "medical_records"))) == SEXES
    cl = sources["injury_claims"]
    assert set(cl["outcome"]) <= CLAIM_OUTCOMES
    assert cl.schema["injury_date"] == pl.Date and cl.schema["decided_on"] == pl.Date
    for src, cols in DATE_COLS.items():
        df = sources[src]
        for c in cols:
            assert all(DATE_RE.match(v) for v in df[c].drop_nulls()), (src, c)
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
    # Hebei's world: every department is Hebei's, only the Jing-Jin-Ji funeral homes lie outside
    for src in ("accidents", "deregistrations", "injury_claims", "medical_records"):
        assert sources[src]["region_code"].str.starts_with("13").all(), src
    assert set(sources["cremations"]["region_code"].str.slice(0, 2)) <= {"13", "11", "12"}
    emp = sources["employment"]
    assert emp["id_number"].null_count() == 0
    assert set(emp["industry"].drop_nulls()) <= INDUSTRIES
    ent = sources["enterprises"]
    assert set(ent["industry"]) <= INDUSTRIES and set(ent["high_risk"]) == {"true", "false"}


def test_ids_by_kind_and_uscc(generated, sources):
    _, stats = generated
    missing = {}
    for src in PERSON_SOURCES:
        df = sources[src]
        ids = dict(zip(df["record_id"], df["id_number"], strict=True))
        clean = check_ids_by_kind(ids, dict(stats["id_kinds"][src]), id_is_valid,
                                  clean=("clean", "duplicate", "borrowed", "valid_corrupt"),
                                  noisy=("wrong_check", "legacy15", "typo1", "transposed"),
                                  where=src)
        assert len(clean) > 0.6 * df.height, src
        missing[src] = df["id_number"].null_count() / df.height
    # "usually present" on the household register, "often missing" at the funeral home
    assert missing["deregistrations"] < 0.05 < 0.12 < missing["cremations"] < 0.4
    assert missing["medical_records"] > missing["injury_claims"]
    kinds = {k for src in PERSON_SOURCES for _, k in stats["id_kinds"][src]}
    assert {"clean", "missing", "legacy15", "lower_x", "wrong_check", "typo1", "transposed",
            "borrowed", "duplicate", "valid_corrupt"} <= kinds
    legacy = [i for s in PERSON_SOURCES for i in sources[s]["id_number"].drop_nulls()
              if len(i) == 15]
    assert legacy and all(i[6:8] < "85" for i in legacy)  # only people born before 1985
    ent = sources["enterprises"]
    assert ent["uscc"].n_unique() == ent.height
    share = sum(uscc_is_valid(u) for u in ent["uscc"]) / ent.height
    assert 0.9 < share < 1.0
    # labour dispatchers and subcontractors are not under special supervision
    labour = ent.filter(pl.col("name").str.contains("劳务"))
    assert labour.height > 0 and set(labour["high_risk"]) == {"false"}


def test_record_person_complete(generated, truth):
    d, _ = generated
    rp = truth["record_person"]
    keys = set(zip(rp["source"], rp["record_id"], strict=True))
    assert len(keys) == rp.height
    assert keys == {(src, rid) for src in PERSON_SOURCES for rid in read_source(d, src)["record_id"]}
    assert rp["person_id"].str.contains(r"^P\d{7}$").all()
    # duplicated exports: one person, two records of one source
    for src in ("cremations", "medical_records", "employment"):
        per = rp.filter(pl.col("source") == src).group_by("person_id").len()
        assert per["len"].max() >= 2, src


def test_truth_tables(generated, truth, sources):
    _, stats = generated
    inc, ip, deaths = truth["incidents"], truth["incident_person"], truth["deaths"]
    assert set(inc["kind"]) == {"reported", "concealed", "under_reported"}
    assert inc.schema["occurred_on"] == pl.Date
    assert (inc["occurred_on"].dt.year() == 2024).all()
    check_truth_matches_accidents(inc, sources["accidents"], sources["accident_victims"])
    assert set(inc["employer_uscc"]) <= set(sources["enterprises"]["uscc"])
    assert deaths["person_id"].n_unique() == deaths.height
    assert set(deaths["death_class"]) == {"natural", "non_occupational", "incident"}
    inc_deaths = deaths.filter(pl.col("death_class") == "incident")
    assert set(inc_deaths["person_id"]) == set(ip.filter(pl.col("outcome") == "death")["person_id"])
    assert (inc_deaths.join(ip, on=["person_id", "incident_id"]).height == inc_deaths.height)
    other = deaths.filter(pl.col("death_class") != "incident")
    assert other["incident_id"].null_count() == other.height
    true_d = ip.filter(pl.col("outcome") == "death").group_by("incident_id").len()
    j = inc.join(true_d, on="incident_id", how="left")
    assert (j["true_deaths"] == j["len"].fill_null(0)).all()
    hidden = _hidden(truth)
    assert hidden.height == stats["hidden_deaths"] >= 10
    assert stats["incidents"]["concealed"] >= 8 and stats["incidents"]["under_reported"] >= 5
    # the victims named in a report are that incident's persons, with the outcome it named
    av = _of(sources, truth, "accident_victims").join(
        inc.select(pl.col("accident_record_id").alias("accident_id"), "incident_id"),
        on="accident_id").join(ip, on=["incident_id", "person_id"], how="left")
    assert (av["reported_outcome"] == av["outcome"]).all()
    named = ip.filter(pl.col("reported_outcome").is_not_null())
    assert named.height == av.height
    # an incident's persons leave records (a few dead migrants are taken home and leave none)
    seen = ip.join(truth["record_person"], on="person_id", how="semi")
    unseen = ip.join(seen, on="person_id", how="anti")
    assert seen.height >= 0.9 * ip.height
    assert set(unseen["outcome"]) <= {"death"} and unseen["reported_outcome"].null_count() == \
        unseen.height
    # nobody is in two incidents, every dead person of a record source is in deaths
    assert ip.group_by("person_id").len()["len"].max() == 1
    dead_rec = _of(sources, truth, "deregistrations")["person_id"]
    assert set(dead_rec) <= set(deaths["person_id"])
    # the background dwarfs the needles
    assert hidden.height < 0.02 * deaths.height


def test_concealment_patterns(generated, truth, sources):
    _, stats = generated
    inc, ip = truth["incidents"], truth["incident_person"]
    sizes = ip.group_by("incident_id").len()
    conc = inc.filter(pl.col("kind") == "concealed").join(sizes, on="incident_id")
    assert conc.filter(pl.col("len") >= 2).height == stats["concealed_multi"] >= 2
    assert conc.filter((pl.col("len") >= 2) & (pl.col("true_deaths") >= 1)).height >= 1
    assert conc.filter(pl.col("true_deaths") == 0).height >= 1  # hidden serious injuries only
    under = inc.filter(pl.col("kind") == "under_reported")
    # counted to stay under a grade line: three or more died, two reported
    assert under.filter((pl.col("reported_deaths") == 2) & (pl.col("true_deaths") >= 3)).height >= 1
    # injured victims who died weeks later and were never added
    late = ip.join(under.select("incident_id", "occurred_on"), on="incident_id").filter(
        (pl.col("outcome") == "death") & (pl.col("reported_outcome") == "serious_injury"))
    me = _of(sources, truth, "medical_records")
    died = me.filter(pl.col("disposition") == "died").join(late, on="person_id")
    gap = (died["discharged_at"].dt.date() - died["occurred_on"]).dt.total_days()
    assert ((gap >= 2) & (gap <= 30)).any()
    hidden = _hidden(truth)
    assert set(stats["hidden_by_mode"]) >= {"home_illness", "moved_far", "hospital", "traffic",
                                            "other_employer", "migrant"}
    # trauma deaths written up as illness at the funeral home
    cr = _of(sources, truth, "cremations").join(hidden, on="person_id")
    assert cr.filter(pl.col("death_cause").is_in(ILLNESS)).height >= 1
    # … with the body said to come from home, on a certificate no hospital signed
    assert cr.filter((pl.col("body_origin") == "家中")
                     | pl.col("certificate_issuer").is_in(["community", "other"])
                     | pl.col("certificate_issuer").is_null()).height >= 1
    # bodies taken to another city's funeral home: away from the employer and the home county
    dr = _of(sources, truth, "deregistrations").select("person_id",
                                                       pl.col("region_code").alias("hukou"))
    ent = sources["enterprises"].select(pl.col("uscc").alias("employer_uscc"),
                                        pl.col("region_code").alias("ent_region"))
    city = pl.col("region_code").str.slice(0, 4)
    far = cr.join(dr, on="person_id", how="left").join(ent, on="employer_uscc").filter(
        (city != pl.col("ent_region").str.slice(0, 4))
        & (pl.col("hukou").is_null() | (city != pl.col("hukou").str.slice(0, 4))))
    assert far.height >= 1
    # traffic deaths as a disguise: a road external cause or cause of death on a hidden work death
    road_med = me.join(hidden, on="person_id").filter(
        pl.col("external_cause_icd10").str.starts_with("V"))
    assert road_med.height >= 1
    # a work death claimed under another employer's name (or with no employer code at all)
    cl = _of(sources, truth, "injury_claims").join(
        hidden.select("person_id", pl.col("employer_uscc").alias("inc_uscc")), on="person_id")
    assert cl.filter(pl.col("employer_uscc").is_null()
                     | (pl.col("employer_uscc") != pl.col("inc_uscc"))).height >= 1
    # victims not on the employer's books
    emp = _of(sources, truth, "employment")
    on_books = hidden.join(emp.select("person_id", pl.col("employer_uscc").alias("e_uscc")),
                           on="person_id").filter(pl.col("e_uscc") == pl.col("employer_uscc"))
    assert on_books["person_id"].n_unique() < hidden.height
    # most hidden dead leave a trace in a death source
    dead_src = truth["record_person"].filter(pl.col("source").is_in(["deregistrations",
                                                                     "cremations"]))
    traced = hidden.join(dead_src, on="person_id", how="semi")
    assert traced.height >= 0.6 * hidden.height


def test_hard_negatives(truth, sources):
    deaths = truth["deaths"]
    nonocc = deaths.filter(pl.col("death_class") == "non_occupational")
    natural = deaths.filter(pl.col("death_class") == "natural")
    me = _of(sources, truth, "medical_records")
    # coal-stove gas at home, road deaths of non-workers, elderly falls: not incidents
    assert me.filter(pl.col("external_cause_icd10") == "X47.0").join(nonocc, on="person_id").height
    road = me.filter(pl.col("external_cause_icd10").str.starts_with("V")
                     & (pl.col("disposition") == "died")).join(nonocc, on="person_id")
    assert road.height > 0
    falls = me.filter(pl.col("external_cause_icd10").is_in(["W01.0", "W10.0", "W06.0", "W18.0",
                                                            "W19.0"]))
    assert falls.filter(pl.col("age") >= 70).height > 0
    # routine work injuries at industrial sites that nobody died of, and deaths at a site that
    # were no production-safety accident (a jump, a cable thief, a child in a foundation pit)
    work = me.filter(pl.col("external_cause_icd10").str.ends_with(".6"))
    assert work.join(deaths, on="person_id", how="anti").height > 0.9 * work.height
    site = work.filter(pl.col("disposition") == "died").join(nonocc, on="person_id")
    assert site.height >= 1
    # the elderly dominate natural deaths
    dr = _of(sources, truth, "deregistrations").join(natural, on="person_id")
    born = iso_dates(dr, "birth_date").drop_nulls()
    assert (born < "1964-01-01").mean() > 0.7
    # work-death claims without an incident: sudden illness at the post, commuting
    cl = _of(sources, truth, "injury_claims")
    no_inc = cl.filter(pl.col("outcome") == "death").join(
        deaths.filter(pl.col("death_class") != "incident"), on="person_id")
    assert no_inc.height >= 1
    assert no_inc["injury_description"].drop_nulls().str.contains("突发|途中").any()
    # workers of high-risk employers dying of natural causes (at this tiny scale the incidents
    # are kept at their minimum counts, so the ratio to hidden deaths is not the province's)
    emp = _of(sources, truth, "employment")
    risky = emp.filter(pl.col("industry").is_in(list(HIGH_RISK)))
    nat_risky = risky.join(natural, on="person_id", how="semi")["person_id"].n_unique()
    assert nat_risky >= 4
    # illness causes and fast cremations are common among ordinary deaths too
    cr = _of(sources, truth, "cremations").join(natural, on="person_id")
    fast = (iso_dates(cr, "cremated_on").str.to_date() - iso_dates(cr, "death_date").str.to_date()
            ).dt.total_days()
    assert (fast <= 1).mean() > 0.1


def test_dates_consistent(truth, sources):
    limit = date.fromisoformat(EXPORT)
    for src, cols in DATE_COLS.items():
        for c in cols:
            vals = iso_dates(sources[src], c).drop_nulls()
            assert (vals <= EXPORT).all(), (src, c)
    assert (iso_dates(sources["cremations"], "cremated_on") >= "2024-01-01").all()
    cr = sources["cremations"]
    dd, co = iso_dates(cr, "death_date"), iso_dates(cr, "cremated_on")
    assert ((dd <= co) | dd.is_null()).all()
    dr = sources["deregistrations"]
    dd, do = iso_dates(dr, "death_date"), iso_dates(dr, "deregistered_on")
    assert ((dd <= do) | dd.is_null()).all()
    cl = sources["injury_claims"]
    assert (cl["applied_on"] >= cl["injury_date"] - timedelta(days=3)).all()
    assert (cl["applied_on"] <= limit).all()
    assert (cl["decided_on"].is_null() == (cl["outcome"] == "pending")).all()
    me = sources["medical_records"]
    assert ((me["discharged_at"] >= me["admitted_at"]) | me["discharged_at"].is_null()).all()
    adm = me["admitted_at"].dt.date()
    assert ((adm >= date(2024, 1, 1)) & (adm <= limit)).all()
    acc = sources["accidents"]
    assert all(_dt(r) >= _dt(o) for o, r in zip(acc["occurred_at"], acc["reported_at"],
                                                 strict=True))
    # nobody is treated after the death their own death record gives
    dr = _of(sources, truth, "deregistrations")
    dr = dr.with_columns(iso_dates(dr, "death_date").alias("dd")).drop_nulls("dd")
    first = dr.group_by("person_id").agg(pl.col("dd").min())
    after = _of(sources, truth, "medical_records").join(first, on="person_id").filter(
        pl.col("admitted_at").dt.strftime("%Y-%m-%d") > pl.col("dd"))
    assert after.height == 0


def test_bad_rows_are_few_and_counted(generated, sources):
    _, stats = generated
    emp = sources["employment"]
    bad = emp.filter(pl.col("end_date") < pl.col("start_date")).height
    assert bad == stats["bad_rows"]["employment"]
    assert bad < 0.002 * emp.height


def test_deterministic_and_cli(generated, tmp_path, capsys):
    d, _ = generated
    again = tmp_path / "again"
    generate(again, scale=SCALE, seed=SEED)
    assert check_same_files(d, again) == 12
    other = tmp_path / "other"
    assert main(["--out", str(other), "--scale", str(SCALE), "--seed", str(SEED + 1)]) == 0
    printed = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert printed["hidden_deaths"] > 0 and "id_kinds" not in printed
    assert (d / "accidents.csv").read_bytes() != (other / "accidents.csv").read_bytes()
    assert main(["--out", str(tmp_path / "x"), "--scale", "0"]) == 2

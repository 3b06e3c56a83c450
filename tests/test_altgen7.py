"""Fast checks of the blind altgen7 generator (benchmarks/altgen7)."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest

from benchmarks.altgen7.generate import generate, main
from benchmarks.altgen7.ident import id_is_valid, uscc_is_valid

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

SCALE, SEED = 0.01, 7
FORMATS = {"accidents": "utf-8", "accident_victims": "gb18030", "deregistrations": "utf-8-sig",
           "cremations": "gb18030", "injury_claims": "utf-8", "medical_records": "parquet",
           "employment": "parquet", "enterprises": "utf-8-sig"}
HIGH_RISK = {"coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
             "construction", "fireworks"}
INDUSTRIES = HIGH_RISK | {"transport", "manufacturing", "other"}
ACCIDENT_TYPES = {"roof_fall", "gas_explosion", "flooding", "fall_from_height",
                  "struck_by_object", "machinery", "electrocution", "poisoning_asphyxiation",
                  "vehicle", "lifting", "collapse", "fire", "explosion", "burn", "other"}
CLAIM_OUTCOMES = {"death", "injury", "rejected", "pending"} | {f"disability_{i}"
                                                               for i in range(1, 11)}
EXTRACTED = "2024-06-30"


def iso(col: str) -> pl.Expr:
    """Any of the contract's date spellings -> Date."""
    e = pl.col(col)
    return pl.coalesce(e.str.strptime(pl.Date, "%Y-%m-%d", strict=False),
                       e.str.strptime(pl.Date, "%Y/%m/%d", strict=False),
                       e.str.strptime(pl.Date, "%Y%m%d", strict=False),
                       e.str.strptime(pl.Date, "%Y年%m月%d日", strict=False)).alias(col)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("alt7")
    stats = generate(out, scale=SCALE, seed=SEED)
    return out, stats


def person_records(d: Path, src: str) -> pl.DataFrame:
    rp = pl.read_parquet(d / "truth" / "record_person.parquet").filter(pl.col("source") == src)
    return read_source(d, src).join(rp.select("record_id", "person_id"), on="record_id")


def hidden_deaths(d: Path) -> pl.DataFrame:
    inc = pl.read_parquet(d / "truth" / "incidents.parquet")
    ip = pl.read_parquet(d / "truth" / "incident_person.parquet")
    return ip.join(inc, on="incident_id").filter(
        (pl.col("kind") != "reported") & (pl.col("outcome") == "death")
        & (pl.col("reported_outcome").is_null() | (pl.col("reported_outcome") != "death")))


def test_sources_columns_and_truth_files(generated):
    d, stats = generated
    check_files_and_columns(d, stats, FORMATS)


def test_encodings(generated):
    check_csv_encodings(generated[0], FORMATS)


def test_enums_codes_and_dates(generated):
    d, _ = generated
    acc = read_source(d, "accidents")
    assert set(acc["industry"]) <= INDUSTRIES
    assert set(acc["accident_type"]) <= ACCIDENT_TYPES
    for col in ("occurred_at", "reported_at"):
        assert all(DATETIME_RE.match(v) for v in acc[col]), col
    av = read_source(d, "accident_victims")
    assert set(av["outcome"]) <= {"death", "serious_injury", "minor_injury"}
    assert set(av["accident_id"]) <= set(acc["record_id"])
    assert set(av["sex"].drop_nulls()) <= {"男", "女"}
    dr = read_source(d, "deregistrations")
    assert set(dr["reason"]) <= {"death", "declared_dead"}
    assert set(dr["sex"].drop_nulls()) == {"1", "2"}
    cr = read_source(d, "cremations")
    assert set(cr["certificate_issuer"].drop_nulls()) == {"hospital", "police", "community",
                                                          "other"}
    cl = read_source(d, "injury_claims")
    assert set(cl["outcome"]) <= CLAIM_OUTCOMES
    for df, cols in ((dr, ["birth_date", "death_date", "deregistered_on"]),
                     (cr, ["death_date", "cremated_on"]),
                     (cl, ["injury_date", "applied_on", "decided_on"])):
        for c in cols:
            assert all(DATE_RE.match(v) for v in df[c].drop_nulls()), c
    # funeral homes export their own date spelling: several styles in one file
    styles = {("/" in v, v.isdigit(), "年" in v) for v in cr["cremated_on"]}
    assert len(styles) >= 3
    me = read_source(d, "medical_records")
    assert me.schema["admitted_at"] == pl.Datetime("us")
    assert set(me["disposition"]) == {"discharged", "transferred", "died", "left_against_advice"}
    assert all(re.match(r"^[ST]\d{2}(\.\d)?$", v) for v in me["diagnosis_icd10"])
    assert all(re.match(r"^[VWXY]\d{2}\.\d$", v) for v in me["external_cause_icd10"].drop_nulls())
    for src in ("accidents", "deregistrations", "cremations", "injury_claims", "medical_records",
                "enterprises"):
        assert all(re.match(r"^\d{6}$", v) for v in read_source(d, src)["region_code"]), src
    ent = read_source(d, "enterprises")
    assert all(v.startswith("14") for v in ent["region_code"])
    emp = read_source(d, "employment")
    assert emp["id_number"].null_count() == 0
    assert emp.schema["start_date"] == pl.Date
    assert set(emp["industry"].drop_nulls()) <= INDUSTRIES


def test_record_person_complete(generated):
    d, _ = generated
    rp = pl.read_parquet(d / "truth" / "record_person.parquet")
    keys = set(zip(rp["source"], rp["record_id"], strict=True))
    assert len(keys) == rp.height
    expected = {(src, rid) for src in PERSON_SOURCES for rid in read_source(d, src)["record_id"]}
    assert keys == expected
    assert all(re.match(r"^P\d{8}$", p) for p in rp["person_id"])


def test_id_noise_kinds_and_check_characters(generated):
    d, stats = generated
    seen: set[str] = set()
    for src in PERSON_SOURCES:
        df = read_source(d, src)
        ids = dict(zip(df["record_id"], df["id_number"], strict=True))
        kinds = dict(stats["id_kinds"][src].iter_rows())
        assert set(kinds) == set(ids), src
        seen |= set(kinds.values())
        good = [ids[r] for r, k in kinds.items() if k in ("clean", "duplicate", "borrowed",
                                                          "valid_corrupt")]
        assert good and all(id_is_valid(v) for v in good), src
        bad = [ids[r] for r, k in kinds.items() if k in ("wrong_check", "typo1", "transposed")]
        assert not any(id_is_valid(v) for v in bad), src
        assert all(ids[r] is None for r, k in kinds.items() if k == "missing"), src
        assert all(len(ids[r]) == 15 and ids[r].isdigit()
                   for r, k in kinds.items() if k == "legacy15"), src
        assert all(ids[r].endswith("x") and id_is_valid(ids[r].upper())
                   for r, k in kinds.items() if k == "lower_x"), src
    assert {"clean", "missing", "wrong_check", "typo1", "transposed", "lower_x",
            "legacy15", "valid_corrupt"} <= seen
    # emergency admissions: IDs are missing far more often than in the population register
    me, dr = read_source(d, "medical_records"), read_source(d, "deregistrations")
    assert me["id_number"].null_count() / me.height > 3 * dr["id_number"].null_count() / dr.height
    ent = read_source(d, "enterprises")
    share = sum(uscc_is_valid(u) for u in ent["uscc"]) / ent.height
    assert 0.9 < share < 1.0
    acc = read_source(d, "accidents")["enterprise_uscc"].drop_nulls()
    assert sum(uscc_is_valid(u) for u in acc) >= 0.8 * len(acc)


def test_name_variants(generated):
    d, stats = generated
    me = read_source(d, "medical_records")
    kinds = dict(stats["name_kinds"]["medical_records"].iter_rows())
    names = dict(zip(me["record_id"], me["name"], strict=True))
    pinyin = [names[r] for r, k in kinds.items() if k == "pinyin"]
    assert pinyin and all(re.fullmatch(r"[A-Za-z ]+", n) for n in pinyin)
    spaced = [names[r] for r, k in kinds.items() if k in ("space", "dot")]
    assert spaced and all(re.search(r"[ ·•]", n) for n in spaced)
    assert {"homophone", "traditional", "dropped"} <= set(kinds.values())
    clean = [names[r] for r, k in kinds.items() if k == "clean"]
    assert all(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", n) for n in clean)


def test_truth_incidents_and_deaths(generated):
    d, stats = generated
    inc = pl.read_parquet(d / "truth" / "incidents.parquet")
    assert set(inc["kind"]) == {"reported", "concealed", "under_reported"}
    check_truth_matches_accidents(inc, read_source(d, "accidents"), read_source(d, "accident_victims"))
    assert inc.filter(pl.col("kind") == "concealed")["accident_record_id"].null_count() == \
        stats["incidents"]["concealed"]
    deaths = pl.read_parquet(d / "truth" / "deaths.parquet")
    assert set(deaths["death_class"]) == {"natural", "non_occupational", "incident"}
    assert deaths["person_id"].n_unique() == deaths.height
    ip = pl.read_parquet(d / "truth" / "incident_person.parquet")
    assert set(deaths.filter(pl.col("death_class") == "incident")["person_id"]) == \
        set(ip.filter(pl.col("outcome") == "death")["person_id"])
    assert deaths.filter(pl.col("death_class") != "incident")["incident_id"].null_count() == \
        deaths.filter(pl.col("death_class") != "incident").height
    # the bulk of deaths is natural, and of the elderly
    cls = dict(deaths.group_by("death_class").len().iter_rows())
    assert cls["natural"] > 10 * cls["non_occupational"] > 10 * cls["incident"] / 2
    nat = person_records(d, "cremations").join(
        deaths.filter(pl.col("death_class") == "natural"), on="person_id")
    assert nat["age"].cast(pl.Int64).median() >= 70


def test_hidden_deaths_exist_and_are_traceable(generated):
    d, stats = generated
    hid = hidden_deaths(d)
    assert hid.height == stats["hidden_deaths"] >= 5
    assert set(hid["kind"]) == {"concealed", "under_reported"}
    deaths = pl.read_parquet(d / "truth" / "deaths.parquet")
    j = hid.join(deaths, on="person_id")
    assert j.height == hid.height
    assert (j["death_class"] == "incident").all() and (j["incident_id"] == j["incident_id_right"]
                                                       ).all()
    # most hidden deaths leave a death record somewhere, though not in an accident report
    death_rec = set()
    for src in ("deregistrations", "cremations"):
        death_rec |= set(person_records(d, src)["person_id"])
    death_rec |= set(person_records(d, "medical_records").filter(
        pl.col("disposition").is_in(["died", "left_against_advice"]))["person_id"])
    death_rec |= set(person_records(d, "injury_claims").filter(
        pl.col("outcome") == "death")["person_id"])
    traced = sum(p in death_rec for p in hid["person_id"])
    assert traced >= 0.6 * hid.height  # ~95 % at scale 0.2; a migrant taken home leaves none
    named = person_records(d, "accident_victims").filter(pl.col("outcome") == "death")
    assert not set(hid["person_id"]) & set(named["person_id"])
    # an under-reported accident sits just below the 较大 line while 3 or more died
    under = pl.read_parquet(d / "truth" / "incidents.parquet").filter(
        pl.col("kind") == "under_reported")
    assert under.filter((pl.col("reported_deaths") == 2) & (pl.col("true_deaths") >= 3)).height


def test_concealment_trail_differs_from_background(generated):
    d, _ = generated
    hd = hidden_deaths(d)
    hid = set(hd.filter(pl.col("kind") == "concealed")["person_id"])
    deaths = pl.read_parquet(d / "truth" / "deaths.parquet")
    natural = set(deaths.filter(pl.col("death_class") == "natural")["person_id"])
    cr = person_records(d, "cremations").with_columns(iso("death_date"), iso("cremated_on"))
    cr = cr.with_columns((pl.col("cremated_on") - pl.col("death_date")).dt.total_days()
                         .alias("lag"))
    h = cr.filter(pl.col("person_id").is_in(list(hid)))
    n = cr.filter(pl.col("person_id").is_in(list(natural)))
    assert h.height >= 3
    assert h["lag"].mean() + 0.8 < n["lag"].mean()          # fast cremation
    assert n["lag"].median() >= 2
    h_hosp = (h["certificate_issuer"] == "hospital").mean()
    n_hosp = (n["certificate_issuer"] == "hospital").mean()
    assert h_hosp < n_hosp                                  # certificates from elsewhere
    # no work-injury death claim for most hidden deaths (private settlement)
    cl = person_records(d, "injury_claims").filter(pl.col("outcome") == "death")
    assert sum(p in set(cl["person_id"]) for p in hid) <= 0.3 * len(hid)
    # concealed incidents happen at high-risk employers or at unregistered pits
    inc = pl.read_parquet(d / "truth" / "incidents.parquet").filter(pl.col("kind") == "concealed")
    ent = read_source(d, "enterprises")
    ind = dict(zip(ent["uscc"], ent["industry"], strict=True))
    for u in inc["employer_uscc"]:
        assert u is None or ind.get(u, "construction") in HIGH_RISK


def test_hard_negatives_present(generated):
    d, _ = generated
    deaths = pl.read_parquet(d / "truth" / "deaths.parquet")
    ip = pl.read_parquet(d / "truth" / "incident_person.parquet")
    in_incident = set(ip["person_id"])
    # work deaths recognised without any accident (commuting, sudden illness at work,
    # pneumoconiosis): a 工亡 claim of someone in no incident
    cl = person_records(d, "injury_claims").filter(pl.col("outcome").is_in(["death", "pending"])
                                                   & pl.col("injury_description").str.contains(
                                                       "途中|突发疾病|尘肺"))
    assert cl.filter(~pl.col("person_id").is_in(list(in_incident))).height >= 3
    # clusters that are not work: a coal-stove poisoning of a family, a minibus crash
    me = person_records(d, "medical_records").with_columns(pl.col("admitted_at").dt.date()
                                                           .alias("day"))
    co = me.filter(pl.col("external_cause_icd10") == "X47.0").group_by("hospital", "day").len()
    assert co["len"].max() >= 2
    nonocc = set(deaths.filter(pl.col("death_class") == "non_occupational")["person_id"])
    traffic = me.filter(pl.col("external_cause_icd10").str.starts_with("V")
                        & (pl.col("disposition") == "died"))
    assert traffic.filter(pl.col("person_id").is_in(list(nonocc))).height >= 1
    # 'died' in hospital only for people who truly died
    died = me.filter(pl.col("disposition") == "died")
    assert set(died["person_id"]) <= set(deaths["person_id"])
    # workers of high-risk employers who died of illness
    emp = person_records(d, "employment").filter(pl.col("industry").is_in(list(HIGH_RISK)))
    natural = set(deaths.filter(pl.col("death_class") == "natural")["person_id"])
    assert len(set(emp["person_id"]) & natural) >= 5


def test_dates_consistent(generated):
    d, _ = generated
    dr = read_source(d, "deregistrations").with_columns(iso("death_date"), iso("deregistered_on"))
    cr = read_source(d, "cremations").with_columns(iso("death_date"), iso("cremated_on"))
    cl = read_source(d, "injury_claims").with_columns(iso("injury_date"), iso("applied_on"),
                                                      iso("decided_on"))
    assert dr["deregistered_on"].null_count() == 0 and cr["cremated_on"].null_count() == 0
    assert dr.filter(pl.col("deregistered_on") < pl.col("death_date")).height == 0
    assert cr.filter(pl.col("cremated_on") < pl.col("death_date")).height == 0
    assert cl.filter(pl.col("applied_on") < pl.col("injury_date")).height == 0
    assert cl.filter(pl.col("decided_on") < pl.col("applied_on")).height == 0
    last = pl.lit(EXTRACTED).str.to_date()
    for df, c in ((dr, "deregistered_on"), (cr, "cremated_on"), (cl, "applied_on")):
        assert df.filter(pl.col(c) > last).height == 0, c
    me = read_source(d, "medical_records")
    assert me.filter(pl.col("discharged_at") < pl.col("admitted_at")).height == 0
    emp = read_source(d, "employment")
    assert emp.filter(pl.col("end_date") < pl.col("start_date")).height == 0


def test_reproducible_and_seed_dependent(generated, tmp_path):
    d, _ = generated
    again = tmp_path / "again"
    generate(again, scale=SCALE, seed=SEED)
    assert check_same_files(d, again) == 12
    other = tmp_path / "other"
    assert main(["--out", str(other), "--scale", str(SCALE), "--seed", str(SEED + 1)]) == 0
    assert (d / "accidents.csv").read_bytes() != (other / "accidents.csv").read_bytes()
    assert (d / "truth" / "record_person.parquet").read_bytes() != \
        (other / "truth" / "record_person.parquet").read_bytes()

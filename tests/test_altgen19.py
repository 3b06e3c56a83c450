"""Fast checks of the blind altgen19 generator (benchmarks/altgen19, Inner Mongolia 2024)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from benchmarks.altgen19.generate import generate
from benchmarks.altgen19.geo import FUNERAL_HOMES
from benchmarks.altgen19.ident import CLEAN_KINDS, NOISY_KINDS, id_is_valid, uscc_is_valid
from benchmarks.altgen19.incidents import PLAN, plan_counts
from tests.test_altgen4 import (
    ACCIDENT_TYPES,
    CLAIM_OUTCOMES,
    DATE_RE,
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
EXPORT = "2025-03-31"
OUT_OF_PROVINCE = ("13", "14", "61", "62", "64")
DATETIME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{4}/\d{1,2}/\d{1,2}) \d{2}:\d{2}(:\d{2})?$")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("alt19")
    return out, generate(out, scale=SCALE, seed=SEED)


def _iso(df: pl.DataFrame, col: str) -> pl.Series:
    """A date or datetime column (typed or text in any contract style) as ISO date text."""
    if df.schema[col] in (pl.Date,) or isinstance(df.schema[col], pl.Datetime):
        return df[col].cast(pl.Date).dt.strftime("%Y-%m-%d")
    return iso_dates(df.with_columns(pl.col(col).str.slice(0, pl.col(col).str.find(" ")
                                                           .fill_null(99))), col)


def _sources(d: Path) -> dict[str, pl.DataFrame]:
    return {s: read_source(d, s) for s in ("accidents", *PERSON_SOURCES, "enterprises")}


def test_files_columns_and_encodings(world: tuple[Path, dict[str, Any]]) -> None:
    d, stats = world
    check_files_and_columns(d, stats, stats["formats"])
    check_csv_encodings(d, stats["formats"])
    assert stats["formats"]["deregistrations"] == "gb18030"
    assert set(stats["formats"].values()) <= {"parquet", "utf-8", "utf-8-sig", "gb18030"}


def test_enums_codes_and_dates(world: tuple[Path, dict[str, Any]]) -> None:
    d, _ = world
    src = _sources(d)
    acc = src["accidents"]
    assert set(acc["industry"]) <= INDUSTRIES
    assert set(acc["accident_type"]) <= ACCIDENT_TYPES
    if acc.schema["occurred_at"] == pl.Utf8:
        for col in ("occurred_at", "reported_at"):
            assert all(DATETIME_RE.match(v) for v in acc[col]), col
    assert set(src["accident_victims"]["outcome"]) <= {"death", "serious_injury", "minor_injury"}
    assert set(src["accident_victims"]["accident_id"]) <= set(acc["record_id"])
    assert set(src["deregistrations"]["reason"]) <= {"death", "declared_dead"}
    assert set(src["cremations"]["certificate_issuer"].drop_nulls()) <= {
        "hospital", "police", "community", "other"}
    assert set(src["injury_claims"]["outcome"]) <= CLAIM_OUTCOMES
    me = src["medical_records"]
    assert set(me["disposition"]) <= {"discharged", "transferred", "died", "left_against_advice"}
    assert set(me["payer"].drop_nulls()) <= {"employee_insurance", "resident_insurance",
                                             "work_injury_insurance", "self_pay", "commercial",
                                             "other"}
    assert all(re.match(r"^[ST]\d{2}(\.\d)?$", v) for v in me["diagnosis_icd10"])
    assert all(re.match(r"^[VWXY]\d{2}\.\d$", v) for v in me["external_cause_icd10"].drop_nulls())
    assert set(src["employment"]["industry"].drop_nulls()) <= INDUSTRIES
    assert src["employment"]["id_number"].null_count() == 0
    assert set(src["enterprises"]["industry"]) <= INDUSTRIES
    for s in PERSON_SOURCES:
        if "sex" in src[s].columns:
            assert set(src[s]["sex"].drop_nulls()) <= {"M", "F", "男", "女", "1", "2"}, s
    # region codes: Inner Mongolia (15) except household registrations in another province
    for s in ("accidents", "cremations", "injury_claims", "medical_records", "enterprises"):
        codes = src[s]["region_code"]
        assert all(re.match(r"^15\d{4}$", v) for v in codes), s
    dr = src["deregistrations"]["region_code"]
    assert all(re.match(r"^\d{6}$", v) and v[:2] in ("15", *OUT_OF_PROVINCE) for v in dr)
    assert (dr.str.slice(0, 2) == "15").mean() > 0.95  # type: ignore[operator]
    # dates in the contract's styles, none after the export
    for s, cols in (("deregistrations", ["birth_date", "death_date", "deregistered_on"]),
                    ("cremations", ["death_date", "cremated_on"]),
                    ("injury_claims", ["injury_date", "applied_on", "decided_on"]),
                    ("employment", ["start_date", "end_date"])):
        df = src[s]
        for c in cols:
            if df.schema[c] == pl.Utf8:
                assert all(DATE_RE.match(v) for v in df[c].drop_nulls()), (s, c)
            iso = _iso(df, c)
            assert iso.null_count() == df[c].null_count(), (s, c)
            assert (iso.drop_nulls() <= EXPORT).all(), (s, c)  # type: ignore[operator]
    cr = src["cremations"]
    if cr.schema["cremated_on"] == pl.Utf8:  # funeral homes export dates differently
        styles = {("/" in v, v.isdigit(), "年" in v) for v in cr["cremated_on"]}
        assert len(styles) >= 2
    assert (_iso(me, "admitted_at") <= EXPORT).all()  # type: ignore[operator]
    assert (_iso(me, "admitted_at") >= "2024-01-01").all()  # type: ignore[operator]


def test_ids_by_kind_and_credit_codes(world: tuple[Path, dict[str, Any]]) -> None:
    d, stats = world
    for s in PERSON_SOURCES:
        df = read_source(d, s)
        ids = dict(zip(df["record_id"], df["id_number"], strict=True))
        kinds = stats["id_kind_records"][s]
        ok = check_ids_by_kind(ids, dict(zip(kinds["record_id"], kinds["kind"], strict=True)),
                               id_is_valid, clean=CLEAN_KINDS, noisy=NOISY_KINDS, where=s)
        assert len(ok) > 0.5 * df.height, s
    all_kinds = {k for s in PERSON_SOURCES for k in stats["id_kinds"][s]}
    assert {"clean", "wrong_check", "legacy15", "missing", "typo1", "transposed", "lower_x",
            "duplicate", "borrowed"} <= all_kinds
    # ID numbers carry Inner Mongolia or the migrants' home provinces
    emp = read_source(d, "employment")
    k = stats["id_kind_records"]["employment"].filter(pl.col("kind") == "clean")
    prov = emp.filter(pl.col("record_id").is_in(k["record_id"].to_list()))["id_number"].str.slice(0, 2)
    assert set(prov) <= {"15", *OUT_OF_PROVINCE}
    assert (prov != "15").mean() > 0.1  # type: ignore[operator]
    ent = read_source(d, "enterprises")
    share = sum(uscc_is_valid(u) for u in ent["uscc"]) / ent.height
    assert 0.85 < share <= 1.0
    assert all(u[2:4] == "15" for u in ent["uscc"] if uscc_is_valid(u))


def test_truth_consistent(world: tuple[Path, dict[str, Any]]) -> None:
    d, stats = world
    t = read_truth(d)
    acc = read_source(d, "accidents")
    check_truth_matches_accidents(t["incidents"], acc, read_source(d, "accident_victims"))
    assert set(t["incidents"]["kind"]) == {"reported", "concealed", "under_reported"}
    rp = t["record_person"]
    keys = set(zip(rp["source"], rp["record_id"], strict=True))
    assert len(keys) == rp.height
    assert keys == {(s, r) for s in PERSON_SOURCES for r in read_source(d, s)["record_id"]}
    ip = t["incident_person"].join(t["incidents"].select("incident_id", "kind"), on="incident_id")
    hidden = ip.filter((pl.col("kind") != "reported") & (pl.col("outcome") == "death")
                       & (pl.col("reported_outcome").is_null()
                          | (pl.col("reported_outcome") != "death")))
    assert hidden.height == stats["hidden_deaths"] > 0
    deaths = t["deaths"]
    assert set(deaths["death_class"]) == {"natural", "non_occupational", "incident"}
    assert deaths["person_id"].n_unique() == deaths.height
    inc_deaths = deaths.filter(pl.col("death_class") == "incident")
    assert set(inc_deaths["person_id"]) == set(ip.filter(pl.col("outcome") == "death")["person_id"])
    assert deaths.filter(pl.col("death_class") != "incident")["incident_id"].null_count() == \
        deaths.filter(pl.col("death_class") != "incident").height
    # every concealed incident's people have records; the persons are the employer's
    conc = t["incidents"].filter(pl.col("kind") == "concealed")
    assert (conc["reported_deaths"] == 0).all()
    assert set(conc["employer_uscc"]) <= set(read_source(d, "enterprises")["uscc"])
    assert stats["reported"] == t["incidents"].filter(pl.col("kind") == "reported").height


def _pattern_people(stats: dict[str, Any], t: dict[str, pl.DataFrame], pattern: str
                    ) -> pl.DataFrame:
    inc = stats["incident_patterns"].filter(pl.col("pattern") == pattern)
    return t["incident_person"].join(inc, on="incident_id").join(
        t["incidents"].select("incident_id", "occurred_on", "employer_uscc", "true_deaths",
                              "reported_deaths"), on="incident_id")


def _records_of(t: dict[str, pl.DataFrame], src: pl.DataFrame, name: str,
                people: pl.DataFrame) -> pl.DataFrame:
    rp = t["record_person"].filter(pl.col("source") == name)
    return src.join(rp.select("record_id", "person_id"), on="record_id").join(
        people.select("person_id", "incident_id", "occurred_on", "employer_uscc", "outcome"),
        on="person_id")


def test_every_pattern_present_with_its_evidence(world: tuple[Path, dict[str, Any]]) -> None:
    d, stats = world
    t = read_truth(d)
    src = _sources(d)
    conc = {p for (k, p) in PLAN if k == "concealed"}
    under = {p for (k, p) in PLAN if k == "under_reported"}
    assert set(stats["concealed"]) == conc and min(stats["concealed"].values()) >= 1
    assert set(stats["under_reported"]) == under and min(stats["under_reported"].values()) >= 1
    ent_region = dict(zip(src["enterprises"]["uscc"], src["enterprises"]["region_code"],
                          strict=True))
    cr = src["cremations"].with_columns(_iso(src["cremations"], "death_date").alias("dd"),
                                        _iso(src["cremations"], "cremated_on").alias("co"))
    dr = src["deregistrations"]
    illness = "病故|猝死|心|脑|疾病|衰竭"
    # illness disguise: a trauma death recorded as illness somewhere
    p = _pattern_people(stats, t, "illness_disguise").filter(pl.col("outcome") == "death")
    causes = pl.concat([_records_of(t, cr, "cremations", p)["death_cause"],
                        _records_of(t, dr, "deregistrations", p)["death_cause"]]).drop_nulls()
    assert causes.str.contains(illness).any()
    # traffic disguise: a road crash on the certificate, the register or the hospital record
    p = _pattern_people(stats, t, "traffic_disguise").filter(pl.col("outcome") == "death")
    causes = pl.concat([_records_of(t, cr, "cremations", p)["death_cause"],
                        _records_of(t, dr, "deregistrations", p)["death_cause"]]).drop_nulls()
    ext = _records_of(t, src["medical_records"], "medical_records", p)["external_cause_icd10"]
    assert causes.str.contains("交通|车祸").any() or ext.drop_nulls().str.starts_with("V").any()
    # fast remote cremation: within a day, in another city than the employer's
    p = _pattern_people(stats, t, "fast_remote_cremation").filter(pl.col("outcome") == "death")
    rec = _records_of(t, cr, "cremations", p)
    assert rec.height >= 1
    for row in rec.iter_rows(named=True):
        if row["dd"] is not None:
            lag = (dt.date.fromisoformat(row["co"]) - dt.date.fromisoformat(row["dd"])).days
            assert lag <= 1
        assert row["region_code"][:4] != ent_region[row["employer_uscc"]][:4]
    # body moved: no cremation in the employer's city
    p = _pattern_people(stats, t, "body_moved").filter(pl.col("outcome") == "death")
    rec = _records_of(t, cr, "cremations", p)
    assert all(r["region_code"][:4] != ent_region[r["employer_uscc"]][:4]
               for r in rec.iter_rows(named=True))
    # private settlement: no claim for the dead
    p = _pattern_people(stats, t, "private_settlement").filter(pl.col("outcome") == "death")
    assert _records_of(t, src["injury_claims"], "injury_claims", p).height == 0
    # late claim: the family's claim, months after the death, with no accident on file
    p = _pattern_people(stats, t, "late_claim").filter(pl.col("outcome") == "death")
    cl = _records_of(t, src["injury_claims"], "injury_claims", p)
    assert cl.height >= 1
    assert all((dt.date.fromisoformat(a) - dt.date.fromisoformat(i)).days >= 60 for a, i in
               zip(_iso(cl, "applied_on"), _iso(cl, "injury_date"), strict=True))
    # concealed serious injuries: long stays or transfers, no deaths
    p = _pattern_people(stats, t, "injury_only")
    assert set(p["outcome"]) <= {"serious_injury", "minor_injury"} and p["true_deaths"].max() == 0
    me = _records_of(t, src["medical_records"], "medical_records",
                     p.filter(pl.col("outcome") == "serious_injury"))
    assert me.height >= 1
    # under-reporting: a named injured victim who died within the window, never added
    p = _pattern_people(stats, t, "late_death_not_added")
    assert p.filter((pl.col("outcome") == "death")
                    & (pl.col("reported_outcome") == "serious_injury")).height >= 1
    for pat, line in (("undercount_below_3", 2), ("undercount_below_10", 9)):
        p = _pattern_people(stats, t, pat)
        assert (p["reported_deaths"] == line).all() and (p["true_deaths"] > line).all()
    # an impersonated victim: a named dead person who is no casualty at all
    inc = stats["incident_patterns"].filter(pl.col("pattern") == "impersonated_victim")
    acc_ids = t["incidents"].join(inc, on="incident_id")["accident_record_id"]
    named = t["record_person"].filter(pl.col("source") == "accident_victims").join(
        src["accident_victims"].filter(pl.col("accident_id").is_in(acc_ids.to_list())), on="record_id")
    assert not set(named["person_id"]) <= set(t["incident_person"]["person_id"])


def test_hard_negatives_present(world: tuple[Path, dict[str, Any]]) -> None:
    d, stats = world
    t = read_truth(d)
    src = _sources(d)
    w = stats["world"]
    for key in ("worker_natural_deaths", "sudden_illness_claims", "commuting_injuries",
                "cluster_co_home", "cluster_traffic", "cluster_cold", "work_minor_injuries",
                "borrowed_ids", "duplicate_ids"):
        assert w.get(key, 0) >= 1, (key, w)
    # work-death claims of people whose deaths were no production-safety incident
    cl = src["injury_claims"].filter(pl.col("outcome") == "death").join(
        t["record_person"].filter(pl.col("source") == "injury_claims"), on="record_id").join(
        t["deaths"], on="person_id")
    assert {"natural", "non_occupational"} & set(cl["death_class"])
    # coal-stove carbon monoxide at home in winter, and falls at home
    me = src["medical_records"]
    assert (me["external_cause_icd10"] == "X47.0").any()
    assert me["external_cause_icd10"].drop_nulls().str.contains(r"^W(0\d|1\d)\.0$").any()
    # a reported accident just below a grade line exists only if it was honest or hidden more
    assert (read_source(d, "accidents")["reported_deaths"].cast(pl.Int64) >= 0).all()


def test_names_and_variants(world: tuple[Path, dict[str, Any]]) -> None:
    d, _ = world
    names = pl.concat([read_source(d, s)["name"].drop_nulls() for s in PERSON_SOURCES])
    assert names.str.contains("·").any()  # a middle dot between a Mongol name's parts
    assert names.str.contains(r"^[A-Za-z ]+$").any()  # pinyin / Latin spelling
    mongol = names.str.contains("巴特尔|巴图尔|其木格|琪木格|乌云|额尔敦|毕力格|苏和|朝鲁|图雅")
    assert mongol.sum() > 20
    assert names.str.contains("無名氏|无名氏").any()


def test_plan_at_benchmark_scale() -> None:
    counts = plan_counts(0.2)
    assert all(v >= 1 for v in counts.values())
    conc = sum(v for (k, _), v in counts.items() if k == "concealed")
    under = sum(v for (k, _), v in counts.items() if k == "under_reported")
    rep = sum(v for (k, _), v in counts.items() if k == "reported")
    assert 25 <= conc <= 40 and 6 <= under <= 15 and 50 <= rep <= 90


def test_deterministic(world: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    d, _ = world
    generate(tmp_path / "again", scale=SCALE, seed=SEED)
    assert check_same_files(d, tmp_path / "again") == 12
    other = tmp_path / "other"
    generate(other, scale=SCALE, seed=SEED + 1)
    assert read_truth(d)["record_person"]["person_id"].to_list() != \
        read_truth(other)["record_person"]["person_id"].to_list()


def test_funeral_homes_known() -> None:
    assert len({f.code for f in FUNERAL_HOMES}) == len(FUNERAL_HOMES)
    assert all(f.region.startswith("15") for f in FUNERAL_HOMES)

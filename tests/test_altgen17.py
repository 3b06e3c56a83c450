"""Fast checks of the blind altgen17 generator (benchmarks/altgen17, Shanxi 2022-2023)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from test_altgen4 import (
    ACCIDENT_TYPES,
    CANONICAL,
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
    read_source,
    read_truth,
)

from benchmarks.altgen17.generate import generate
from benchmarks.altgen17.ident import CLEAN_KINDS, NOISY_KINDS, id_is_valid, uscc_is_valid

SCALE, SEED = 0.02, 5
ICD = re.compile(r"^[A-Z]\d{2}(\.\d)?$")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("altgen17") / "world"
    stats = generate(out, scale=SCALE, seed=SEED, id_kinds=True)
    return out, stats


def test_files_columns_and_types(generated: tuple[Path, dict[str, Any]]) -> None:
    d, stats = generated
    check_files_and_columns(d, stats, stats["formats"])
    # Parquet sources carry the contract's types, not text
    formats = stats["formats"]
    assert {"parquet", "utf-8", "utf-8-sig", "gb18030"} <= set(formats.values())
    dereg = pl.read_parquet(d / "deregistrations.parquet")
    assert dereg.schema["death_date"] == pl.Date and dereg.schema["deregistered_on"] == pl.Date
    med = pl.read_parquet(d / "medical_records.parquet")
    assert isinstance(med.schema["admitted_at"], pl.Datetime) and med.schema["age"] == pl.Int64
    emp = pl.read_parquet(d / "employment.parquet")
    assert emp.schema["start_date"] == pl.Date and emp["id_number"].null_count() == 0
    # births before 1970 survive as dates (not as nulls)
    assert dereg["birth_date"].null_count() < 0.1 * dereg.height
    births = dereg["birth_date"].drop_nulls()
    assert (births < date(1970, 1, 1)).sum() > 0.5 * births.len()


def test_encodings(generated: tuple[Path, dict[str, Any]]) -> None:
    d, stats = generated
    check_csv_encodings(d, stats["formats"])


def test_enums_codes_and_dates(generated: tuple[Path, dict[str, Any]]) -> None:
    d, _ = generated
    acc = read_source(d, "accidents")
    assert set(acc["industry"]) <= INDUSTRIES and set(acc["accident_type"]) <= ACCIDENT_TYPES
    assert acc["occurred_at"].str.contains(DATETIME_RE.pattern).all()
    assert acc["reported_at"].str.contains(DATETIME_RE.pattern).all()
    assert (acc["reported_at"].str.replace_all("/", "-") != "").all()
    vic = read_source(d, "accident_victims")
    assert set(vic["outcome"]) <= {"death", "serious_injury", "minor_injury"}
    dereg = read_source(d, "deregistrations")
    assert set(dereg["reason"]) <= {"death", "declared_dead"}
    crem = read_source(d, "cremations")
    assert set(crem["certificate_issuer"].drop_nulls()) <= {"hospital", "police", "community", "other"}
    for col in ("cremated_on", "death_date"):
        assert crem[col].drop_nulls().str.contains(DATE_RE.pattern).all()
    assert crem["cremated_on"].str.contains("年").any() and crem["cremated_on"].str.contains("/").any()
    claims = read_source(d, "injury_claims")
    assert set(claims["outcome"]) <= CLAIM_OUTCOMES
    for col in ("injury_date", "applied_on", "decided_on"):
        assert claims[col].drop_nulls().str.contains(DATE_RE.pattern).all()
    assert claims.filter(pl.col("outcome") == "pending")["decided_on"].null_count() == \
        claims.filter(pl.col("outcome") == "pending").height
    med = read_source(d, "medical_records")
    assert set(med["disposition"]) <= {"discharged", "transferred", "died", "left_against_advice"}
    assert set(med["payer"].drop_nulls()) <= {"employee_insurance", "resident_insurance",
                                              "work_injury_insurance", "self_pay", "commercial",
                                              "other"}
    assert med["diagnosis_icd10"].str.contains(ICD.pattern).all()
    assert med["external_cause_icd10"].drop_nulls().str.contains(ICD.pattern).all()
    assert med["diagnosis_icd10"].str.contains(r"^[ST]").all()  # injury diagnoses only
    ent = read_source(d, "enterprises")
    assert set(ent["industry"]) <= INDUSTRIES
    for src, col in (("accidents", "region_code"), ("deregistrations", "region_code"),
                     ("cremations", "region_code"), ("injury_claims", "region_code"),
                     ("medical_records", "region_code"), ("enterprises", "region_code")):
        codes = read_source(d, src)[col]
        assert codes.str.contains(r"^14(0[1-9]|1[01])\d{2}$").all(), src
    # the exports stop on 2024-03-31
    assert dereg["deregistered_on"].max() <= date(2024, 3, 31)
    # sexes in the styles the contract names
    assert set(crem["sex"].drop_nulls()) <= {"M", "F", "男", "女", "1", "2"}
    assert set(med["sex"].drop_nulls()) <= {"M", "F", "男", "女", "1", "2"}


def test_ids_valid_or_invalid_by_kind(generated: tuple[Path, dict[str, Any]]) -> None:
    d, stats = generated
    kinds_seen: set[str] = set()
    for src in PERSON_SOURCES:
        df = read_source(d, src)
        ids = dict(zip(df["record_id"].to_list(), df["id_number"].to_list(), strict=True))
        kinds = stats["id_kinds"][src]
        clean = check_ids_by_kind(ids, kinds, id_is_valid, clean=CLEAN_KINDS, noisy=NOISY_KINDS,
                                  where=src)
        assert len(clean) > 0.5 * len(ids), src
        kinds_seen |= set(kinds.values())
    assert {"missing", "legacy15", "typo1", "transposed", "bad_check", "lower_x"} <= kinds_seen
    assert "missing" not in set(stats["id_kinds"]["employment"].values())
    ent = read_source(d, "enterprises")
    valid = ent["uscc"].map_elements(uscc_is_valid, return_dtype=pl.Boolean)
    assert valid.mean() > 0.95


def test_truth_consistent_with_accidents(generated: tuple[Path, dict[str, Any]]) -> None:
    d, _ = generated
    truth = read_truth(d)
    inc = truth["incidents"]
    check_truth_matches_accidents(inc, read_source(d, "accidents"), read_source(d, "accident_victims"))
    assert set(inc["kind"]) == {"reported", "concealed", "under_reported"}
    ip = truth["incident_person"]
    per = ip.group_by("incident_id").agg((pl.col("outcome") == "death").sum().alias("d"),
                                         (pl.col("reported_outcome") == "death").sum().alias("r"))
    j = inc.join(per, on="incident_id", how="left")
    assert (j["true_deaths"] == j["d"].fill_null(0)).all()
    assert (j["reported_deaths"] == j["r"].fill_null(0)).all()
    assert (inc["occurred_on"] >= date(2022, 1, 1)).all()
    assert (inc["occurred_on"] <= date(2023, 12, 31)).all()
    # every incident death is in deaths.parquet as an incident death of that incident
    deaths = truth["deaths"]
    assert deaths["person_id"].n_unique() == deaths.height
    dead = ip.filter(pl.col("outcome") == "death").join(deaths, on="person_id", how="left",
                                                        suffix="_d")
    assert (dead["death_class"] == "incident").all()
    assert (dead["incident_id"] == dead["incident_id_d"]).all()
    assert set(deaths["death_class"]) == {"natural", "non_occupational", "incident"}


def test_record_person_complete(generated: tuple[Path, dict[str, Any]]) -> None:
    d, _ = generated
    rp = read_truth(d)["record_person"]
    for src in PERSON_SOURCES:
        ids = set(read_source(d, src)["record_id"])
        assert set(rp.filter(pl.col("source") == src)["record_id"]) == ids, src
    assert rp.select("source", "record_id").is_duplicated().sum() == 0
    # one person often has several records; and the same person is written differently
    assert rp["person_id"].n_unique() < rp.height
    names = pl.concat([read_source(d, s).select("record_id", pl.col("name").cast(pl.String))
                       .with_columns(pl.lit(s).alias("source")) for s in PERSON_SOURCES])
    spread = names.join(rp, on=["source", "record_id"]).drop_nulls("name").group_by(
        "person_id").agg(pl.col("name").n_unique().alias("k"))
    assert (spread["k"] > 1).sum() > 0


def test_hidden_deaths_present_and_traceable(generated: tuple[Path, dict[str, Any]]) -> None:
    d, stats = generated
    truth = read_truth(d)
    hidden = truth["incident_person"].join(truth["incidents"], on="incident_id").filter(
        pl.col("kind").is_in(["concealed", "under_reported"]) & (pl.col("outcome") == "death")
        & (pl.col("reported_outcome").fill_null("") != "death"))
    assert hidden.height == stats["hidden_deaths"] > 0
    assert stats["concealed_by_pattern"] and stats["under_reported_by_pattern"]
    # no hidden death is named dead in the accident victims
    rp = truth["record_person"]
    vic = rp.filter(pl.col("source") == "accident_victims").join(
        read_source(d, "accident_victims").select("record_id", "outcome"), on="record_id")
    assert vic.filter(pl.col("person_id").is_in(hidden["person_id"].implode())
                      & (pl.col("outcome") == "death")).height == 0
    # most hidden deaths still left a trace in a death register
    traced = rp.filter(pl.col("source").is_in(["deregistrations", "cremations"])
                       & pl.col("person_id").is_in(hidden["person_id"].implode()))
    assert traced["person_id"].n_unique() >= 0.5 * hidden["person_id"].n_unique()


def test_background_dominates(generated: tuple[Path, dict[str, Any]]) -> None:
    """Natural deaths at the province's rate drown the incidents (the hard negatives)."""
    d, _ = generated
    deaths = read_truth(d)["deaths"]
    counts = dict(deaths.group_by("death_class").len().rows())
    expected = 280_000 * SCALE * 2.5
    assert 0.8 * expected < counts["natural"] < 1.2 * expected
    assert counts["non_occupational"] > 5 * counts["incident"]
    # employers are written several ways: one USCC, several names across departments
    names = pl.concat([
        read_source(d, "employment").select(pl.col("employer_uscc").alias("u"),
                                            pl.col("employer_name").alias("n")),
        read_source(d, "injury_claims").select(pl.col("employer_uscc").alias("u"),
                                               pl.col("employer_name").alias("n"))]).drop_nulls()
    variants = names.group_by("u").agg(pl.col("n").n_unique().alias("k"))
    assert (variants["k"] > 1).sum() > 0.2 * variants.height


def test_refuses_a_folder_with_other_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(FileExistsError):
        generate(tmp_path, scale=SCALE, seed=SEED)
    assert (tmp_path / "notes.txt").read_text() == "keep me"


def test_deterministic(generated: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    d, stats = generated
    again = generate(tmp_path / "again", scale=SCALE, seed=SEED)
    assert again["rows"] == stats["rows"]
    assert check_same_files(d, tmp_path / "again") == 12
    other = generate(tmp_path / "other", scale=SCALE, seed=SEED + 1)
    assert (d / "truth" / "deaths.parquet").read_bytes() != \
        (tmp_path / "other" / "truth" / "deaths.parquet").read_bytes()
    assert other["rows"] != stats["rows"]
    assert set(CANONICAL) == set(stats["rows"])

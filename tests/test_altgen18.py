"""Fast checks of the blind altgen18 generator (benchmarks/altgen18, Shaanxi)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest

from benchmarks.altgen18.generate import generate
from benchmarks.altgen18.ident import id_is_valid, uscc_is_valid
from benchmarks.altgen18.render import CLEAN_ID_KINDS, FORMATS, NOISY_ID_KINDS
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
    read_source,
    read_truth,
)

SCALE, SEED = 0.015, 7


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    d = tmp_path_factory.mktemp("altgen18")
    return d, generate(d, SCALE, SEED)


def test_files_columns_and_encodings(generated: tuple[Path, dict[str, Any]]) -> None:
    d, stats = generated
    check_files_and_columns(d, stats, FORMATS)
    check_csv_encodings(d, FORMATS)
    assert {v for v in FORMATS.values()} >= {"parquet", "gb18030", "utf-8-sig", "utf-8"}


def test_codes_enums_and_dates(generated: tuple[Path, dict[str, Any]]) -> None:
    d, _ = generated
    acc = read_source(d, "accidents")
    assert set(acc["industry"]) <= INDUSTRIES and set(acc["accident_type"]) <= ACCIDENT_TYPES
    claims = read_source(d, "injury_claims")
    assert set(claims["outcome"]) <= CLAIM_OUTCOMES
    for src in ("accidents", "deregistrations", "cremations", "injury_claims",
                "medical_records", "employment", "enterprises"):
        codes = read_source(d, src)["region_code"] if src != "employment" else None
        if codes is not None:
            assert codes.str.contains(r"^61(0[1-9]|10)\d{2}$").all(), src
    for col in ("death_date", "cremated_on"):
        vals = read_source(d, "cremations")[col].drop_nulls()
        assert all(DATE_RE.match(v) for v in vals), col
    ent = read_source(d, "enterprises")
    assert sum(uscc_is_valid(u) for u in ent["uscc"]) >= 0.95 * ent.height


def test_ids_valid_or_invalid_by_kind(generated: tuple[Path, dict[str, Any]]) -> None:
    d, stats = generated
    seen: set[str] = set()
    for src in PERSON_SOURCES:
        df = read_source(d, src)
        ids = dict(zip(df["record_id"].to_list(), df["id_number"].to_list(), strict=True))
        kinds = stats["id_kinds"][src]
        ok = check_ids_by_kind(ids, kinds, id_is_valid, clean=CLEAN_ID_KINDS,
                               noisy=NOISY_ID_KINDS, where=src)
        assert len(ok) > 0.5 * len(ids), src
        seen |= set(kinds.values())
    assert {"clean", "missing", "typo", "lower_x", "legacy15"} <= seen


def test_truth_consistent_with_accidents(generated: tuple[Path, dict[str, Any]]) -> None:
    d, _ = generated
    t = read_truth(d)
    acc, vic = read_source(d, "accidents"), read_source(d, "accident_victims")
    check_truth_matches_accidents(t["incidents"], acc, vic)
    rp = t["record_person"]
    for src in PERSON_SOURCES:
        assert rp.filter(pl.col("source") == src).height == read_source(d, src).height, src
    # every incident death and every natural death is in truth/deaths
    dead = t["incident_person"].filter(pl.col("outcome") == "death")
    cls = t["deaths"].join(dead, on=["person_id", "incident_id"], how="semi")
    assert cls.height == dead.height and (cls["death_class"] == "incident").all()
    assert set(t["deaths"]["death_class"]) == {"natural", "non_occupational", "incident"}


def test_hidden_deaths_present(generated: tuple[Path, dict[str, Any]]) -> None:
    d, stats = generated
    t = read_truth(d)
    ip = t["incident_person"].join(t["incidents"], on="incident_id")
    hidden = ip.filter(pl.col("kind").is_in(["concealed", "under_reported"])
                       & (pl.col("outcome") == "death")
                       & (pl.col("reported_outcome").fill_null("") != "death"))
    assert hidden.height == stats["hidden_deaths"] > 0
    assert sum(stats["concealed"].values()) >= 2 and sum(stats["under_reported"].values()) >= 1
    # at least one hidden death left a death record somewhere
    rp = t["record_person"].filter(pl.col("source").is_in(["deregistrations", "cremations"]))
    assert rp.join(hidden, on="person_id", how="semi").height > 0


def test_deterministic_for_a_seed(generated: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    d, _ = generated
    assert check_same_files(d, _regen(tmp_path / "again", SEED)) == 12
    other = _regen(tmp_path / "other", SEED + 1)
    assert (d / "truth" / "incidents.parquet").read_bytes() != (
        other / "truth" / "incidents.parquet").read_bytes()


def _regen(d: Path, seed: int) -> Path:
    generate(d, SCALE, seed)
    return d

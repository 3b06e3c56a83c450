"""Invariants of the synthetic province: contract shape, truth coverage, incidents, IDs,
determinism and the domain behaviours the detection relies on."""

from __future__ import annotations

import hashlib
from pathlib import Path

import polars as pl
import pytest

from pipelines.contract import PERSON_SOURCES, SOURCES
from pipelines.io import read_input_dir
from synthetic_data.config import GeneratorConfig
from synthetic_data.generator import Dataset, generate, write_dataset
from synthetic_data.ids import id_is_valid, uscc_is_valid
from synthetic_data.regions import COUNTIES

SCALE = 0.01  # as in conftest.py


def _with_person(ds: Dataset, source: str) -> pl.DataFrame:
    rp = ds.truth["record_person"].filter(pl.col("source") == source)
    return ds.sources[source].join(rp.select("record_id", "person_id"), on="record_id", how="left")


def test_every_source_has_the_contract_columns_in_order(default_dir: Path) -> None:
    raw = read_input_dir(default_dir)
    for name, spec in SOURCES.items():
        assert raw[name].present, name
        cols = [c for c in raw[name].frame.columns if c != "_row"]
        assert cols == spec.column_names, name
        assert raw[name].rows > 0, name
    for t in ("record_person", "incidents", "incident_person", "deaths"):
        assert (default_dir / "truth" / f"{t}.parquet").is_file()


def test_truth_covers_every_person_record_exactly(default_ds: Dataset) -> None:
    rp = default_ds.truth["record_person"]
    assert rp.filter(pl.col("person_id").is_null()).height == 0
    assert rp.select("source", "record_id").is_duplicated().sum() == 0
    for s in PERSON_SOURCES:
        ids = default_ds.sources[s]["record_id"]
        assert ids.is_duplicated().sum() == 0, s
        assert set(ids.to_list()) == set(rp.filter(pl.col("source") == s)["record_id"].to_list()), s
    assert set(rp["source"].unique().to_list()) == set(PERSON_SOURCES)


def test_ids_are_valid_and_unique_before_noise(clean_ds: Dataset) -> None:
    frames = [_with_person(clean_ds, s).select("person_id", "id_number") for s in PERSON_SOURCES]
    ids = pl.concat(frames).unique()
    assert ids["id_number"].null_count() == 0
    assert all(id_is_valid(i) for i in ids["id_number"].to_list())
    # one ID per person, one person per ID
    assert ids["person_id"].is_duplicated().sum() == 0
    assert ids["id_number"].is_duplicated().sum() == 0
    # sex digit agrees with the recorded sex, birth date with the ID
    dr = clean_ds.sources["deregistrations"]
    parity = dr["id_number"].str.slice(16, 1).cast(pl.Int64) % 2
    assert ((parity == 1) == (dr["sex"] == "M")).all()
    assert (dr["id_number"].str.slice(6, 8) == dr["birth_date"].str.replace_all("-", "")).all()
    usccs = clean_ds.sources["enterprises"]["uscc"].to_list()
    assert all(uscc_is_valid(u) for u in usccs)


def test_region_codes_are_real_shanxi_counties(default_ds: Dataset) -> None:
    assert COUNTIES.height == 117
    assert COUNTIES["city_code"].n_unique() == 11
    known = set(COUNTIES["region_code"].to_list())
    for s in ("deregistrations", "cremations", "injury_claims", "medical_records", "accidents",
              "enterprises"):
        assert set(default_ds.sources[s]["region_code"].drop_nulls().to_list()) <= known, s


def test_incident_kinds_and_counts_as_configured(default_ds: Dataset) -> None:
    cfg = default_ds.config
    n_rep, n_under, n_conc = cfg.incidents.counts(cfg.scale)
    inc = default_ds.truth["incidents"]
    counts = dict(inc.group_by("kind").len().iter_rows())
    assert counts == {"reported": n_rep, "under_reported": n_under, "concealed": n_conc}
    conc = inc.filter(pl.col("kind") == "concealed")
    assert conc["accident_record_id"].null_count() == conc.height
    assert (conc["true_deaths"] >= 1).all()
    under = inc.filter(pl.col("kind") == "under_reported")
    assert (under["true_deaths"] > under["reported_deaths"]).all()
    rep = inc.filter(pl.col("kind") == "reported")
    assert (rep["true_deaths"] == rep["reported_deaths"]).all()
    acc = default_ds.sources["accidents"].with_columns(pl.col("reported_deaths").cast(pl.Int64))
    assert acc.height == n_rep + n_under
    j = inc.join(acc, left_on="accident_record_id", right_on="record_id", suffix="_acc")
    assert j.height == n_rep + n_under
    assert (j["reported_deaths"] == j["reported_deaths_acc"]).all()
    named_uscc = j.filter(pl.col("enterprise_uscc").is_not_null())
    assert named_uscc.height > 0
    assert (named_uscc["employer_uscc"] == named_uscc["enterprise_uscc"]).all()
    # every concealed / under-reported incident has at least one hidden death
    ip = default_ds.truth["incident_person"].join(inc.select("incident_id", "kind"), on="incident_id")
    hidden = ip.filter(pl.col("kind").is_in(["concealed", "under_reported"])
                       & (pl.col("outcome") == "death")
                       & (pl.col("reported_outcome").fill_null("") != "death"))
    assert hidden["incident_id"].n_unique() == n_conc + n_under
    # victims named in the reports are exactly the ones with a reported outcome
    named = ip.filter(pl.col("reported_outcome").is_not_null())
    assert named.height == default_ds.sources["accident_victims"].height - _dups(default_ds)


def _dups(ds: Dataset) -> int:
    rp = ds.truth["record_person"].filter(pl.col("source") == "accident_victims")
    return rp.height - rp["person_id"].n_unique()


def test_scale_shapes_volumes(default_ds: Dataset) -> None:
    s = default_ds.stats
    # per province-year at scale 1: ≈290k deaths, 1.5M encounters, 50k claims, 2M spells
    assert 0.6 * 290_000 * SCALE < s["deregistrations"] < 1.0 * 290_000 * SCALE
    assert 0.8 * 1_500_000 * SCALE < s["medical_records"] < 1.2 * 1_500_000 * SCALE
    assert 0.8 * 50_000 * SCALE < s["injury_claims"] < 1.2 * 50_000 * SCALE
    assert 0.8 * 2_000_000 * SCALE < s["employment"] < 1.2 * 2_000_000 * SCALE


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    cfg = GeneratorConfig.for_variant("default", scale=0.004, seed=5)
    write_dataset(generate(cfg), tmp_path / "a")
    write_dataset(generate(cfg), tmp_path / "b")
    da, db = _digest(tmp_path / "a"), _digest(tmp_path / "b")
    assert len(da) == 12 and da == db
    write_dataset(generate(GeneratorConfig.for_variant("default", scale=0.004, seed=6)), tmp_path / "c")
    assert _digest(tmp_path / "c")["deregistrations.csv"] != da["deregistrations.csv"]


def test_parquet_output_reads_like_csv(tmp_path: Path) -> None:
    ds = generate(GeneratorConfig.for_variant("default", scale=0.003, seed=2))
    write_dataset(ds, tmp_path, parquet=True)
    raw = read_input_dir(tmp_path)
    assert raw["cremations"].format == "parquet"
    assert raw["cremations"].rows == ds.sources["cremations"].height
    assert raw["medical_records"].frame["record_id"].to_list()[:5] == \
        ds.sources["medical_records"]["record_id"].to_list()[:5]


def test_hard_negatives_are_plentiful(default_ds: Dataset) -> None:
    deaths = default_ds.truth["deaths"]
    by = dict(deaths.group_by("death_class").len().iter_rows())
    assert by["natural"] > 20 * by["incident"]
    assert by["non_occupational"] > 2 * by["incident"]
    # trauma deaths that were not at work reach hospitals with injury diagnoses
    med = _with_person(default_ds, "medical_records").join(deaths, on="person_id")
    nonocc = med.filter(pl.col("death_class") == "non_occupational")
    assert nonocc["diagnosis_icd10"].str.contains(r"^[ST]").mean() > 0.9
    assert nonocc["external_cause_icd10"].drop_nulls().str.contains(r"^(V|W\d\d\.0|X47\.0|W\d\d\.8)").mean() > 0.9


def test_natural_deaths_of_high_risk_workers_exist(clean_ds: Dataset) -> None:
    dr = _with_person(clean_ds, "deregistrations").join(clean_ds.truth["deaths"], on="person_id")
    nat = dr.filter(pl.col("death_class") == "natural").select("id_number")
    ent = clean_ds.sources["enterprises"].filter(pl.col("high_risk") == "true")
    emp = clean_ds.sources["employment"].join(ent.select(pl.col("uscc").alias("employer_uscc")),
                                              on="employer_uscc")
    assert nat.join(emp, on="id_number").height >= 5


def test_concealment_behaviours_show_in_the_records(clean_ds: Dataset) -> None:
    deaths = clean_ds.truth["deaths"]
    inc = clean_ds.truth["incidents"].select("incident_id", "kind")
    d = deaths.join(inc, on="incident_id", how="left")
    crem = _with_person(clean_ds, "cremations").join(d, on="person_id")
    conc = crem.filter(pl.col("kind") == "concealed")
    nat = crem.filter(pl.col("death_class") == "natural")
    assert conc.height >= 3
    lag = lambda f: (f["cremated_on"].str.to_date() - f["death_date"].str.to_date()).dt.total_days()  # noqa: E731
    assert (lag(conc) <= 2).mean() > (lag(nat) <= 2).mean()
    assert (conc["certificate_issuer"] != "hospital").mean() > (nat["certificate_issuer"] != "hospital").mean() - 0.2
    # claims: concealed deaths rarely reach work-injury insurance, reported ones mostly do
    claims = _with_person(clean_ds, "injury_claims").filter(pl.col("outcome") == "death")
    dd = d.filter(pl.col("death_class") == "incident")
    share = dd.join(claims.select("person_id").unique(), on="person_id", how="left", coalesce=False)
    got = share.with_columns(pl.col("person_id_right").is_not_null().alias("claim"))
    rate = dict(got.group_by("kind").agg(pl.col("claim").mean()).iter_rows())
    assert rate.get("concealed", 0.0) < rate["reported"]


@pytest.mark.parametrize("variant", ["clean", "hard"])
def test_variants_differ_in_noise(variant: str, default_ds: Dataset, clean_ds: Dataset) -> None:
    ds = clean_ds if variant == "clean" else generate(
        GeneratorConfig.for_variant("hard", scale=0.005, seed=3))
    crem = ds.sources["cremations"]
    missing = crem["id_number"].null_count() / crem.height
    if variant == "clean":
        assert missing == 0
        assert crem["sex"].is_in(["M", "F"]).all()
        assert crem["death_date"].str.contains(r"^\d{4}-\d\d-\d\d$").all()
    else:
        assert 0.35 < missing < 0.55
        base = default_ds.sources["cremations"]
        assert missing > 2 * base["id_number"].null_count() / base.height


def test_migrant_workers_carry_other_provinces_ids_and_are_not_deregistered(clean_ds: Dataset) -> None:
    emp = clean_ds.sources["employment"]
    share = (~emp["id_number"].str.starts_with("14")).mean()
    assert 0.02 < share < 0.2
    dr = clean_ds.sources["deregistrations"]
    assert dr["id_number"].str.starts_with("14").all()
    crem = clean_ds.sources["cremations"]
    assert (~crem["id_number"].str.starts_with("14")).any()

"""Fast checks of the blind altgen3 generator (benchmarks/altgen3)."""

from __future__ import annotations

import io

import polars as pl
import pytest

from benchmarks.altgen3.generate import generate
from benchmarks.altgen3.ident import id_is_valid, uscc_is_valid

CANONICAL = {
    "accidents": ["record_id", "occurred_at", "reported_at", "region_code", "address",
                  "enterprise_name", "enterprise_uscc", "industry", "accident_type",
                  "reported_deaths", "reported_serious_injuries", "reported_minor_injuries",
                  "direct_loss_10k_yuan"],
    "accident_victims": ["record_id", "accident_id", "name", "id_number", "sex", "age", "outcome"],
    "deregistrations": ["record_id", "name", "id_number", "sex", "birth_date", "death_date",
                        "deregistered_on", "region_code", "reason", "death_cause"],
    "cremations": ["record_id", "name", "id_number", "sex", "age", "death_date", "cremated_on",
                   "funeral_home", "region_code", "death_cause", "certificate_issuer", "body_origin"],
    "injury_claims": ["record_id", "name", "id_number", "sex", "employer_name", "employer_uscc",
                      "injury_date", "applied_on", "decided_on", "outcome", "injury_description",
                      "region_code"],
    "medical_records": ["record_id", "name", "id_number", "sex", "age", "hospital", "region_code",
                        "admitted_at", "discharged_at", "diagnosis_icd10", "external_cause_icd10",
                        "disposition", "payer", "employer_name"],
    "employment": ["record_id", "id_number", "name", "employer_name", "employer_uscc", "industry",
                   "start_date", "end_date"],
    "enterprises": ["uscc", "name", "industry", "region_code", "high_risk"],
}
TRUTH = {
    "record_person": ["source", "record_id", "person_id"],
    "incidents": ["incident_id", "accident_record_id", "kind", "true_deaths", "reported_deaths",
                  "employer_uscc", "occurred_on"],
    "incident_person": ["incident_id", "person_id", "outcome", "reported_outcome"],
    "deaths": ["person_id", "death_class", "incident_id"],
}
PERSON_SOURCES = ["accident_victims", "deregistrations", "cremations", "injury_claims",
                  "medical_records", "employment"]


def read_source(d, src: str) -> pl.DataFrame:
    pq = d / f"{src}.parquet"
    if pq.exists():
        return pl.read_parquet(pq)
    raw = (d / f"{src}.csv").read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    return pl.read_csv(io.StringIO(text), infer_schema_length=0)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("alt3")
    stats = generate(out, scale=0.02, seed=11)
    return out, stats


def test_sources_have_canonical_columns(generated):
    d, _ = generated
    for src, cols in CANONICAL.items():
        files = list(d.glob(f"{src}.csv")) + list(d.glob(f"{src}.parquet"))
        assert len(files) == 1, src
        df = read_source(d, src)
        assert df.columns == cols, src
        assert df.height > 0, src
        if "record_id" in cols:
            assert df["record_id"].n_unique() == df.height, src


def test_record_person_complete_and_consistent(generated):
    d, _ = generated
    rp = pl.read_parquet(d / "truth" / "record_person.parquet")
    assert rp.columns == TRUTH["record_person"]
    keys = set(zip(rp["source"], rp["record_id"], strict=True))
    assert len(keys) == rp.height
    all_records = set()
    for src in PERSON_SOURCES:
        for rid in read_source(d, src)["record_id"]:
            all_records.add((src, rid))
    assert keys == all_records


def test_clean_ids_pass_gb11643(generated):
    d, stats = generated
    for src in PERSON_SOURCES:
        df = read_source(d, src)
        ids = dict(zip(df["record_id"], df["id_number"], strict=True))
        clean = [rid for rid, kind in stats["id_kinds"][src] if kind == "clean"]
        assert clean, src
        assert all(id_is_valid(ids[rid]) for rid in clean), src
        noisy = [rid for rid, kind in stats["id_kinds"][src] if kind in ("wrong_check", "legacy15")]
        assert not any(id_is_valid(ids[rid]) for rid in noisy), src
    ent = read_source(d, "enterprises")
    share = sum(uscc_is_valid(u) for u in ent["uscc"]) / ent.height
    assert 0.9 < share < 1.0


def test_truth_tables(generated):
    d, _ = generated
    for name, cols in TRUTH.items():
        assert pl.read_parquet(d / "truth" / f"{name}.parquet").columns == cols
    inc = pl.read_parquet(d / "truth" / "incidents.parquet")
    kinds = set(inc["kind"])
    assert {"reported", "concealed", "under_reported"} <= kinds
    acc = read_source(d, "accidents")
    reported = inc.filter(pl.col("accident_record_id").is_not_null())
    assert set(reported["accident_record_id"]) <= set(acc["record_id"])
    assert inc.filter(pl.col("kind") == "concealed")["accident_record_id"].null_count() == \
        inc.filter(pl.col("kind") == "concealed").height
    ip = pl.read_parquet(d / "truth" / "incident_person.parquet").join(
        inc.select("incident_id", "kind"), on="incident_id")
    hidden = ip.filter((pl.col("kind") != "reported") & (pl.col("outcome") == "death")
                       & (pl.col("reported_outcome").is_null()
                          | (pl.col("reported_outcome") != "death")))
    assert hidden.height >= 1
    deaths = pl.read_parquet(d / "truth" / "deaths.parquet")
    assert set(deaths["death_class"]) == {"natural", "non_occupational", "incident"}


def test_deterministic(generated, tmp_path):
    d, _ = generated
    generate(tmp_path, scale=0.02, seed=11)
    for f in ("accidents.csv", "cremations.csv", "medical_records.parquet",
              "truth/record_person.parquet"):
        assert (d / f).read_bytes() == (tmp_path / f).read_bytes(), f

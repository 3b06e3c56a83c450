"""The blind altgen2 generator writes every source and the ground truth per the data contract."""

from __future__ import annotations

import io
from pathlib import Path

import polars as pl
import pytest

from benchmarks.altgen2.generate import generate, tallies
from benchmarks.altgen2.idcodes import id_check_char, id_is_valid, uscc_check_char, uscc_is_valid

COLUMNS = {
    "accidents": ["record_id", "occurred_at", "reported_at", "region_code", "address",
                  "enterprise_name", "enterprise_uscc", "industry", "accident_type",
                  "reported_deaths", "reported_serious_injuries", "reported_minor_injuries",
                  "direct_loss_10k_yuan"],
    "accident_victims": ["record_id", "accident_id", "name", "id_number", "sex", "age", "outcome"],
    "deregistrations": ["record_id", "name", "id_number", "sex", "birth_date", "death_date",
                        "deregistered_on", "region_code", "reason", "death_cause"],
    "cremations": ["record_id", "name", "id_number", "sex", "age", "death_date", "cremated_on",
                   "funeral_home", "region_code", "death_cause", "certificate_issuer",
                   "body_origin"],
    "injury_claims": ["record_id", "name", "id_number", "sex", "employer_name", "employer_uscc",
                      "injury_date", "applied_on", "decided_on", "outcome",
                      "injury_description", "region_code"],
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


def read_source(folder: Path, source: str) -> pl.DataFrame:
    files = sorted(folder.glob(f"{source}.*"))
    assert len(files) == 1, f"{source}: expected one file, got {files}"
    f = files[0]
    if f.suffix == ".parquet":
        return pl.read_parquet(f)
    raw = f.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    return pl.read_csv(io.StringIO(text), infer_schema=False)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("altgen2")
    generate(out, scale=0.01, seed=7)
    return out


def test_check_characters() -> None:
    # the example in GB 11643's annex and a GB 32100 code computed by hand
    assert id_check_char("11010519491231002") == "X"
    assert id_is_valid("11010519491231002X")
    assert not id_is_valid("110105194912310021")
    body = "91350100M000100Y4"
    assert uscc_check_char(body) == "3"
    assert uscc_is_valid(body + "3")


def test_sources_and_truth_have_contract_columns(data: Path) -> None:
    for source, cols in COLUMNS.items():
        df = read_source(data, source)
        assert df.columns == cols, source
        assert df.height > 0, source
    for table, cols in TRUTH.items():
        assert pl.read_parquet(data / "truth" / f"{table}.parquet").columns == cols
    assert {p.name for p in (data / "truth").iterdir()} == {f"{t}.parquet" for t in TRUTH}
    # the contract's encodings and formats are all exercised
    assert (data / "accident_victims.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    raw = (data / "cremations.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert any(p.suffix == ".parquet" for p in data.iterdir())


def test_every_person_record_is_in_truth(data: Path) -> None:
    rp = pl.read_parquet(data / "truth" / "record_person.parquet")
    assert rp.select("source", "record_id").is_duplicated().sum() == 0
    for source in PERSON_SOURCES:
        df = read_source(data, source)
        assert df["record_id"].n_unique() == df.height
        known = rp.filter(pl.col("source") == source)
        assert df.join(known, on="record_id", how="anti").height == 0, source
        assert known.height == df.height, source


def test_truth_is_consistent(data: Path) -> None:
    t = tallies(data)
    assert t["hidden_deaths"] >= 1
    assert t["concealed"] >= 1
    assert t["under_reported"] >= 1
    assert t["reported"] >= 1
    inc = pl.read_parquet(data / "truth" / "incidents.parquet")
    ip = pl.read_parquet(data / "truth" / "incident_person.parquet")
    deaths = pl.read_parquet(data / "truth" / "deaths.parquet")
    assert set(inc["kind"].unique()) <= {"reported", "concealed", "under_reported"}
    assert inc.filter(pl.col("kind") == "concealed")["accident_record_id"].null_count() == inc.filter(
        pl.col("kind") == "concealed").height
    # every incident death has a deaths row of class incident
    inc_deaths = ip.filter(pl.col("outcome") == "death")
    joined = inc_deaths.join(deaths, on="person_id", how="left")
    assert (joined["death_class"] == "incident").all()
    assert (joined["incident_id"] == joined["incident_id_right"]).all()
    per_inc = inc_deaths.group_by("incident_id").len()
    check = inc.join(per_inc, on="incident_id", how="left").with_columns(pl.col("len").fill_null(0))
    assert (check["len"] == check["true_deaths"]).all()
    # every named victim is an incident person with that reported outcome
    victims = read_source(data, "accident_victims")
    rp = pl.read_parquet(data / "truth" / "record_person.parquet").filter(
        pl.col("source") == "accident_victims")
    named = victims.join(rp, on="record_id").join(
        inc.select("incident_id", pl.col("accident_record_id").alias("accident_id")), on="accident_id")
    m = named.join(ip, on=["incident_id", "person_id"], how="left")
    assert m.height == victims.height
    assert (m["outcome"] == m["reported_outcome"]).all()
    # reported deaths in the accident file match the named deaths of honest reports
    acc = read_source(data, "accidents").with_columns(pl.col("reported_deaths").cast(pl.Int64))
    honest = inc.filter(pl.col("kind") == "reported").join(
        acc, left_on="accident_record_id", right_on="record_id")
    assert (honest["reported_deaths_right"] == honest["true_deaths"]).all()


def test_valid_ids_pass_gb11643(data: Path) -> None:
    dereg = read_source(data, "deregistrations")
    ids = [i for i in dereg["id_number"].to_list() if i]
    valid = [i for i in ids if id_is_valid(i)]
    assert len(valid) / len(ids) > 0.9  # deregistrations are the cleanest source
    assert all(len(i) in (15, 18) for i in ids)
    # the sequence number's parity gives the sex (odd male, even female) on clean IDs
    pairs = [(i, s) for i, s in zip(dereg["id_number"].to_list(), dereg["sex"].to_list(), strict=True)
             if i and s and id_is_valid(i)]
    agree = sum((int(i[16]) % 2 == 1) == (s in ("M", "男", "1")) for i, s in pairs)
    assert agree / len(pairs) > 0.98
    ent = read_source(data, "enterprises")
    share = sum(uscc_is_valid(u) for u in ent["uscc"].to_list()) / ent.height
    assert share > 0.98

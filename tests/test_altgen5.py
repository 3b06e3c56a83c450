"""Fast checks of the blind altgen5 generator (benchmarks/altgen5)."""

from __future__ import annotations

import re

import polars as pl
import pytest

from benchmarks.altgen5.generate import generate
from benchmarks.altgen5.ident import id_is_valid, uscc_is_valid

# the contract's files and columns, and a reader of either encoding: shared with altgen4's checks
from tests.test_altgen4 import (
    CANONICAL,
    DATE_RE,
    DATETIME_RE,
    PERSON_SOURCES,
    TRUTH,
    check_same_files,
    check_truth_matches_accidents,
    read_source,
)

SCALE, SEED = 0.01, 5


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("alt5")
    stats = generate(out, scale=SCALE, seed=SEED)
    return out, stats


def test_sources_and_columns(generated):
    d, stats = generated
    for src, cols in CANONICAL.items():
        files = list(d.glob(f"{src}.csv")) + list(d.glob(f"{src}.parquet"))
        assert len(files) == 1, src
        df = read_source(d, src)
        assert df.columns[: len(cols)] == cols, src  # extra columns allowed after the canonical
        assert df.height > 0, src
        key = "record_id" if "record_id" in cols else "uscc"
        assert df[key].n_unique() == df.height, src
        assert stats["rows"][src] == df.height, src
    for name, cols in TRUTH.items():
        assert pl.read_parquet(d / "truth" / f"{name}.parquet").columns == cols, name


def test_encodings_and_formats(generated):
    d, _ = generated
    assert (d / "cremations.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    raw = (d / "deregistrations.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "死亡" not in raw.decode("gb18030").splitlines()[0]
    acc = read_source(d, "accidents")
    for col in ("occurred_at", "reported_at"):
        assert all(DATETIME_RE.match(v) for v in acc[col]), col
    styles = set()
    for src, cols in (("deregistrations", ["birth_date", "death_date", "deregistered_on"]),
                      ("cremations", ["death_date", "cremated_on"]),
                      ("injury_claims", ["injury_date", "applied_on", "decided_on"])):
        df = read_source(d, src)
        for c in cols:
            vals = df[c].drop_nulls().to_list()
            assert all(DATE_RE.match(v) for v in vals), (src, c)
            styles |= {("/" in v, v.isdigit(), "年" in v) for v in vals}
            assert all(v[:4] <= "2024" for v in vals)
    assert len(styles) >= 3
    med = read_source(d, "medical_records")
    assert med.schema["admitted_at"] == pl.Datetime("us")
    assert all(re.match(r"^[ST]\d{2}(\.\d)?$", v) for v in med["diagnosis_icd10"])
    assert all(re.match(r"^[VWXY]\d{2}(\.\d{1,2})?$", v)
               for v in med["external_cause_icd10"].drop_nulls())
    assert set(med["disposition"]) <= {"discharged", "transferred", "died", "left_against_advice"}
    assert str(med["admitted_at"].max()) < "2024-07-01"
    emp = read_source(d, "employment")
    assert emp["id_number"].null_count() == 0
    for src in ("accidents", "deregistrations", "cremations", "injury_claims", "medical_records",
                "enterprises"):
        assert all(re.match(r"^\d{6}$", v) for v in read_source(d, src)["region_code"]), src


def test_identifiers_mostly_valid_some_corrupt(generated):
    d, _ = generated
    for src in PERSON_SOURCES:
        ids = read_source(d, src)["id_number"].drop_nulls().to_list()
        valid = sum(id_is_valid(x) for x in ids) / len(ids)
        assert valid > (0.75 if src == "cremations" else 0.8), src  # often copied wrongly
        assert valid < 1.0, src
    all_ids = [x for src in PERSON_SOURCES for x in read_source(d, src)["id_number"].drop_nulls()]
    assert any(len(x) == 15 and x.isdigit() for x in all_ids)
    assert any(x.endswith("x") for x in all_ids)
    assert any(len(x) == 18 and not id_is_valid(x) and not x.endswith("x") for x in all_ids)
    assert read_source(d, "cremations")["id_number"].null_count() > 0
    ent = read_source(d, "enterprises")
    share = sum(uscc_is_valid(u) for u in ent["uscc"]) / ent.height
    assert 0.9 < share <= 1.0
    emp_uscc = read_source(d, "employment")["employer_uscc"].drop_nulls().to_list()
    assert 0.9 < sum(uscc_is_valid(u) for u in emp_uscc) / len(emp_uscc) < 1.0


def test_names_have_recording_errors(generated):
    d, _ = generated
    names = [n for src in PERSON_SOURCES for n in read_source(d, src)["name"].drop_nulls()]
    assert any(re.search(r"[A-Za-z]", n) for n in names)  # pinyin
    assert any((" " in n) or ("·" in n) or ("\u3000" in n) for n in names)
    assert sum(bool(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", n)) for n in names) / len(names) > 0.9


def test_record_person_complete(generated):
    d, _ = generated
    rp = pl.read_parquet(d / "truth" / "record_person.parquet")
    keys = set(zip(rp["source"], rp["record_id"], strict=True))
    assert len(keys) == rp.height
    records = {(src, rid) for src in PERSON_SOURCES for rid in read_source(d, src)["record_id"]}
    assert keys == records


def test_truth_consistency(generated):
    d, stats = generated
    inc = pl.read_parquet(d / "truth" / "incidents.parquet")
    assert {"reported", "concealed", "under_reported"} <= set(inc["kind"])
    check_truth_matches_accidents(inc, read_source(d, "accidents"), read_source(d, "accident_victims"))
    ip = pl.read_parquet(d / "truth" / "incident_person.parquet").join(
        inc.select("incident_id", "kind"), on="incident_id")
    hidden = ip.filter((pl.col("kind") != "reported") & (pl.col("outcome") == "death")
                       & (pl.col("reported_outcome").is_null()
                          | (pl.col("reported_outcome") != "death")))
    assert hidden.height >= 1
    assert hidden.height == stats["hidden_deaths"]
    true_deaths = ip.filter(pl.col("outcome") == "death").group_by("incident_id").len()
    jj = inc.join(true_deaths, on="incident_id", how="left")
    assert (jj["true_deaths"] == jj["len"].fill_null(0)).all()
    deaths = pl.read_parquet(d / "truth" / "deaths.parquet")
    assert set(deaths["death_class"]) == {"natural", "non_occupational", "incident"}
    assert deaths["person_id"].n_unique() == deaths.height
    assert set(deaths.filter(pl.col("death_class") == "incident")["person_id"]) == \
        set(ip.filter(pl.col("outcome") == "death")["person_id"])
    # every person with a death record is truly dead
    rp = pl.read_parquet(d / "truth" / "record_person.parquet")
    dead_records = rp.filter(pl.col("source").is_in(["deregistrations", "cremations"]))
    assert set(dead_records["person_id"]) <= set(deaths["person_id"])
    died = read_source(d, "medical_records").filter(pl.col("disposition") == "died")
    died_p = rp.filter(pl.col("source") == "medical_records").join(
        died.select("record_id"), on="record_id")
    assert set(died_p["person_id"]) <= set(deaths["person_id"])


def test_deterministic(generated, tmp_path):
    d, _ = generated
    generate(tmp_path, scale=SCALE, seed=SEED)
    assert check_same_files(d, tmp_path) == 12

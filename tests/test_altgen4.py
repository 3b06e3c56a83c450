"""Fast checks of the blind altgen4 generator (benchmarks/altgen4)."""

from __future__ import annotations

import io
import re

import polars as pl
import pytest

from benchmarks.altgen4.generate import generate
from benchmarks.altgen4.ident import id_is_valid, uscc_is_valid

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
INDUSTRIES = {"coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
              "construction", "transport", "fireworks", "manufacturing", "other"}
ACCIDENT_TYPES = {"roof_fall", "gas_explosion", "flooding", "fall_from_height",
                  "struck_by_object", "machinery", "electrocution", "poisoning_asphyxiation",
                  "vehicle", "lifting", "collapse", "fire", "explosion", "burn", "other"}
CLAIM_OUTCOMES = {"death", "injury", "rejected", "pending"} | {f"disability_{i}"
                                                               for i in range(1, 11)}
DATE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{4}/\d{1,2}/\d{1,2}|\d{8}|\d{4}年\d{1,2}月\d{1,2}日)$")
DATETIME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{4}/\d{1,2}/\d{1,2}) \d{2}:\d{2}(:\d{2})?$")


def iso_dates(df: pl.DataFrame, col: str) -> pl.Series:
    """A date column in any of the contract's styles (:data:`DATE_RE`), as ISO text."""
    c = pl.col(col)
    parsed = pl.coalesce(c.str.strptime(pl.Date, "%Y-%m-%d", strict=False),
                         c.str.strptime(pl.Date, "%Y/%-m/%-d", strict=False),
                         c.str.strptime(pl.Date, "%Y%m%d", strict=False),
                         c.str.strptime(pl.Date, "%Y年%-m月%-d日", strict=False))
    return df.select(parsed.dt.strftime("%Y-%m-%d").alias(col))[col]


def read_truth(d) -> dict[str, pl.DataFrame]:
    """The generated truth tables of folder ``d``, by name."""
    return {name: pl.read_parquet(d / "truth" / f"{name}.parquet") for name in TRUTH}


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


def check_files_and_columns(d, stats: dict, formats: dict[str, str]) -> None:
    """Every contract source once, in the file type ``formats`` gives (parquet or csv), with its
    canonical columns, the row count the generator reported and unique keys; every truth file
    with its columns; nothing else written (the blind generators' shared check)."""
    for src, cols in CANONICAL.items():
        ext = "parquet" if formats[src] == "parquet" else "csv"
        assert sorted(p.name for p in d.glob(f"{src}.*")) == [f"{src}.{ext}"], src
        df = read_source(d, src)
        assert df.columns == cols, src
        assert df.height > 0 and stats["rows"][src] == df.height, src
        key = "record_id" if "record_id" in cols else "uscc"
        assert df[key].n_unique() == df.height, src
    for name, cols in TRUTH.items():
        assert pl.read_parquet(d / "truth" / f"{name}.parquet").columns == cols, name
    assert len([p for p in d.rglob("*") if p.is_file()]) == 12


def check_same_files(d, again) -> int:
    """Every file under ``d`` is byte-identical under ``again`` (a second generation with the same
    seed); returns how many files were compared."""
    files = sorted(p.relative_to(d) for p in d.rglob("*") if p.is_file())
    for f in files:
        assert (d / f).read_bytes() == (again / f).read_bytes(), f
    return len(files)


def check_csv_encodings(d, formats: dict[str, str]) -> None:
    """Each CSV in its encoding (a BOM exactly for utf-8-sig; GB18030 is not UTF-8), with the
    canonical header and Chinese content."""
    for src, enc in formats.items():
        if enc == "parquet":
            continue
        raw = (d / f"{src}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") == (enc == "utf-8-sig"), src
        if enc == "gb18030":
            with pytest.raises(UnicodeDecodeError):
                raw.decode("utf-8")
        text = raw.decode(enc)
        assert text.splitlines()[0] == ",".join(CANONICAL[src]), src  # canonical headers
        assert re.search("[\u4e00-\u9fff]", text), src


def check_truth_matches_accidents(inc: pl.DataFrame, acc: pl.DataFrame, victims: pl.DataFrame) -> None:
    """The truth's incidents against the accidents file as the contract ties them: the incidents on
    file are exactly the accident rows and no concealed one is; each row's reported deaths are the
    truth's; an honest accident reports its true deaths, an under-reported one fewer; the victims
    named dead add up to the reported deaths (the blind generators' shared check)."""
    on_file = inc.filter(pl.col("accident_record_id").is_not_null())
    assert set(on_file["accident_record_id"]) == set(acc["record_id"])
    conc = inc.filter(pl.col("kind") == "concealed")
    assert conc["accident_record_id"].null_count() == conc.height
    j = on_file.join(acc.select(pl.col("record_id").alias("accident_record_id"),
                                pl.col("reported_deaths").cast(pl.Int64).alias("_acc_deaths")),
                     on="accident_record_id")
    assert (j["reported_deaths"] == j["_acc_deaths"]).all()
    rep = inc.filter(pl.col("kind") == "reported")
    assert (rep["true_deaths"] == rep["reported_deaths"]).all()
    under = inc.filter(pl.col("kind") == "under_reported")
    assert (under["true_deaths"] > under["reported_deaths"]).all()
    named = victims.filter(pl.col("outcome") == "death").group_by("accident_id").len()
    j2 = acc.join(named, left_on="record_id", right_on="accident_id", how="left")
    assert (j2["reported_deaths"].cast(pl.Int64) == j2["len"].fill_null(0)).all()


def check_ids_by_kind(ids: dict, kinds: dict, id_is_valid, *, clean: tuple[str, ...],
                      noisy: tuple[str, ...], where: str) -> list:
    """One source's ID numbers against the kinds the generator says it wrote (``record_id`` →
    kind): the ``clean`` kinds pass the generator's GB 11643 check, the ``noisy`` ones fail it, a
    15-digit legacy ID is 15 digits, a missing one is empty, a lower-case x is a valid ID but for
    its case. Returns the record ids of the clean kinds."""
    assert set(kinds) == set(ids), where
    ok = [rid for rid, k in kinds.items() if k in clean]
    assert all(id_is_valid(ids[rid]) for rid in ok), where
    assert not any(id_is_valid(ids[rid]) for rid, k in kinds.items() if k in noisy), where
    assert all(len(ids[rid]) == 15 and ids[rid].isdigit()
               for rid, k in kinds.items() if k == "legacy15"), where
    assert all(ids[rid] is None for rid, k in kinds.items() if k == "missing"), where
    lower = [ids[rid] for rid, k in kinds.items() if k == "lower_x"]
    assert all(x.endswith("x") and id_is_valid(x.upper()) for x in lower), where
    return ok


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("alt4")
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
        key = "record_id" if "record_id" in cols else "uscc"
        assert df[key].n_unique() == df.height, src


def test_encodings_allowed_by_contract(generated):
    d, _ = generated
    assert (d / "cremations.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    raw = (d / "deregistrations.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "姓名" not in raw.decode("gb18030")  # canonical headers, Chinese content
    assert re.search("[\u4e00-\u9fff]", raw.decode("gb18030"))


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
    dr = read_source(d, "deregistrations")
    assert set(dr["reason"]) <= {"death", "declared_dead"}
    cr = read_source(d, "cremations")
    assert set(cr["certificate_issuer"].drop_nulls()) <= {"hospital", "police", "community",
                                                          "other"}
    cl = read_source(d, "injury_claims")
    assert set(cl["outcome"]) <= CLAIM_OUTCOMES
    for df, cols in ((dr, ["birth_date", "death_date", "deregistered_on"]),
                     (cr, ["death_date", "cremated_on"]),
                     (cl, ["injury_date", "applied_on", "decided_on"])):
        for c in cols:
            assert all(DATE_RE.match(v) for v in df[c].drop_nulls()), c
    seen_styles = {("/" in v, v.isdigit(), "年" in v) for v in cr["cremated_on"]}
    assert len(seen_styles) >= 2  # funeral homes export dates differently
    me = read_source(d, "medical_records")
    assert set(me["disposition"]) <= {"discharged", "transferred", "died", "left_against_advice"}
    assert me.schema["admitted_at"] == pl.Datetime("us")
    assert all(re.match(r"^[ST]\d{2}(\.\d)?$", v) for v in me["diagnosis_icd10"])
    assert all(re.match(r"^[VWXY]\d{2}\.\d$", v) for v in me["external_cause_icd10"].drop_nulls())
    for src in ("accidents", "deregistrations", "cremations", "injury_claims", "medical_records",
                "enterprises"):
        assert all(re.match(r"^\d{6}$", v) for v in read_source(d, src)["region_code"]), src
    emp = read_source(d, "employment")
    assert emp["id_number"].null_count() == 0
    assert set(emp["industry"].drop_nulls()) <= INDUSTRIES


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
        clean = check_ids_by_kind(ids, dict(stats["id_kinds"][src]), id_is_valid,
                                  clean=("clean", "duplicate", "borrowed", "valid_corrupt"),
                                  noisy=("wrong_check", "legacy15", "typo1", "transposed"), where=src)
        assert clean, src
    all_kinds = {k for src in PERSON_SOURCES for _, k in stats["id_kinds"][src]}
    assert {"clean", "wrong_check", "legacy15", "missing", "typo1", "lower_x"} <= all_kinds
    ent = read_source(d, "enterprises")
    share = sum(uscc_is_valid(u) for u in ent["uscc"]) / ent.height
    assert 0.9 < share < 1.0


def test_truth_tables(generated):
    d, stats = generated
    for name, cols in TRUTH.items():
        assert pl.read_parquet(d / "truth" / f"{name}.parquet").columns == cols
    inc = pl.read_parquet(d / "truth" / "incidents.parquet")
    assert {"reported", "concealed", "under_reported"} <= set(inc["kind"])
    acc = read_source(d, "accidents")
    check_truth_matches_accidents(inc, acc, read_source(d, "accident_victims"))
    ip = pl.read_parquet(d / "truth" / "incident_person.parquet").join(
        inc.select("incident_id", "kind"), on="incident_id")
    hidden = ip.filter((pl.col("kind") != "reported") & (pl.col("outcome") == "death")
                       & (pl.col("reported_outcome").is_null()
                          | (pl.col("reported_outcome") != "death")))
    assert hidden.height >= 1
    assert hidden.height == stats["hidden_deaths"]
    deaths = pl.read_parquet(d / "truth" / "deaths.parquet")
    assert set(deaths["death_class"]) == {"natural", "non_occupational", "incident"}
    assert deaths["person_id"].n_unique() == deaths.height
    inc_deaths = deaths.filter(pl.col("death_class") == "incident")
    assert set(inc_deaths["person_id"]) == set(ip.filter(pl.col("outcome") == "death")
                                               ["person_id"])
    assert set(inc_deaths["incident_id"]) <= set(inc["incident_id"])
    assert deaths.filter(pl.col("death_class") != "incident")["incident_id"].null_count() == \
        deaths.filter(pl.col("death_class") != "incident").height
    # a person's records never carry dates after the extraction, deaths precede cremation
    cr = read_source(d, "cremations")
    assert all(v <= "2024-06-30" for v in cr.filter(pl.col("cremated_on").str.contains("-"))
               ["cremated_on"])


def test_deterministic(generated, tmp_path):
    d, _ = generated
    generate(tmp_path, scale=0.02, seed=11)
    assert check_same_files(d, tmp_path) == 12
    other = tmp_path / "other"
    generate(other, scale=0.02, seed=12)
    assert (d / "accidents.csv").read_bytes() != (other / "accidents.csv").read_bytes()

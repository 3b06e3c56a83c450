"""Fast checks of the blind altgen10 generator (benchmarks/altgen10, Xinjiang)."""

from __future__ import annotations

import re
from datetime import datetime

import polars as pl
import pytest

from benchmarks.altgen10.generate import generate, main
from benchmarks.altgen10.ids import id_is_valid, uscc_is_valid
from benchmarks.altgen10.writers import FORMATS

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
    read_source,
    read_truth,
)

SCALE, SEED = 0.02, 10
SEPARATORS = {"dot": "·", "period": ".", "bullet": "•", "space": " "}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("alt10")
    stats = generate(out, scale=SCALE, seed=SEED)
    return out, stats


@pytest.fixture(scope="module")
def truth(generated):
    return read_truth(generated[0])


@pytest.fixture(scope="module")
def sources(generated):
    d, _ = generated
    return {src: read_source(d, src) for src in FORMATS}


def test_files_columns_and_encodings(generated):
    d, stats = generated
    check_files_and_columns(d, stats, FORMATS)
    check_csv_encodings(d, FORMATS)
    assert (d / "accidents.csv").read_bytes().count(b"\r\n") > 1  # the Windows exports
    assert b"\r\n" not in (d / "deregistrations.csv").read_bytes()


def test_enums_regions_and_date_styles(sources):
    acc = sources["accidents"]
    assert set(acc["industry"]) <= INDUSTRIES
    assert set(acc["accident_type"]) <= ACCIDENT_TYPES
    for col in ("occurred_at", "reported_at"):
        assert all(DATETIME_RE.match(v) for v in acc[col]), col
    assert (acc["reported_at"].str.replace_all("/", "-") >= acc["occurred_at"]
            .str.replace_all("/", "-")).mean() > 0.5
    for src in ("accidents", "deregistrations", "cremations", "injury_claims", "medical_records",
                "enterprises"):
        codes = sources[src]["region_code"]
        assert all(re.fullmatch(r"65\d{4}", v) for v in codes), src  # Xinjiang, county level
    styles = {}
    for src, cols in (("deregistrations", ["birth_date", "death_date", "deregistered_on"]),
                      ("cremations", ["death_date", "cremated_on"]),
                      ("injury_claims", ["injury_date", "applied_on", "decided_on"]),
                      ("employment", ["start_date", "end_date"])):
        for c in cols:
            vals = sources[src][c].drop_nulls()
            assert all(DATE_RE.match(v) for v in vals), (src, c)
        styles[src] = {("/" in v, v.isdigit(), "年" in v) for v in sources[src][cols[-2]]
                       .drop_nulls()}
    assert len(styles["cremations"]) >= 3  # each funeral home its own style
    assert styles["employment"] == {(False, True, False)}  # YYYYMMDD
    assert set(sources["injury_claims"]["outcome"]) <= CLAIM_OUTCOMES
    assert set(sources["accident_victims"]["sex"].drop_nulls()) <= {"男", "女"}
    assert set(sources["deregistrations"]["sex"].drop_nulls()) <= {"1", "2"}
    assert set(sources["injury_claims"]["sex"].drop_nulls()) <= {"M", "F"}
    med = sources["medical_records"]
    assert med.schema["admitted_at"] == pl.Datetime("us")
    assert set(med["sex"].drop_nulls()) == {"M", "F", "男", "女"}  # hospitals differ
    assert all(re.fullmatch(r"[ST]\d{2}(\.\d)?", v) for v in med["diagnosis_icd10"])
    ext = med["external_cause_icd10"].drop_nulls()
    assert all(re.fullmatch(r"[VWXY]\d{2}\.\d", v) for v in ext)
    ent = sources["enterprises"]
    assert ent.schema["high_risk"] == pl.Boolean
    assert set(ent["industry"]) <= INDUSTRIES


def test_id_numbers_by_kind(generated, sources):
    _, stats = generated
    for src in PERSON_SOURCES:
        df = sources[src]
        ids = dict(zip(df["record_id"], df["id_number"], strict=True))
        clean = check_ids_by_kind(ids, dict(stats["id_kinds"][src]), id_is_valid,
                                  clean=("clean", "duplicate", "borrowed", "valid_corrupt"),
                                  noisy=("wrong_check", "legacy15", "typo1", "transposed"),
                                  where=src)
        assert clean and all(ids[r][:2] in {"65", "62", "41", "51", "50", "61", "63", "64"}
                             for r in clean), src
    kinds = {k for src in PERSON_SOURCES for _, k in stats["id_kinds"][src]}
    assert {"clean", "missing", "wrong_check", "legacy15", "typo1", "transposed", "lower_x",
            "borrowed"} <= kinds
    assert sources["employment"]["id_number"].null_count() == 0
    ent = sources["enterprises"]
    share = sum(uscc_is_valid(u) for u in ent["uscc"]) / ent.height
    assert 0.9 < share < 1.0
    # old prefecture codes survive in ID numbers (Turpan 6521, Hami 6522 before 2015/2016)
    allids = pl.concat([sources[s]["id_number"].drop_nulls() for s in PERSON_SOURCES])
    assert allids.str.starts_with("6522").any() or allids.str.starts_with("6521").any()


def test_name_variants_consistent_per_person(generated, sources, truth):
    """Each variant a department wrote is the register's dotted name transformed as its kind
    says: separators, own name only, parts swapped, cut at the form's length."""
    _, stats = generated
    rp = truth["record_person"]
    pid = dict(zip(zip(rp["source"], rp["record_id"], strict=True), rp["person_id"], strict=True))
    dotted: dict[str, str] = {}
    written: list[tuple[str, str, str]] = []  # (person, kind, name)
    for src in PERSON_SOURCES:
        names = dict(zip(sources[src]["record_id"], sources[src]["name"], strict=True))
        for rid, kind in stats["name_kinds"][src]:
            p = pid[(src, rid)]
            if kind == "dot":
                dotted[p] = names[rid]
            written.append((p, kind, names[rid]))
    kinds = {k for _, k, _ in written}
    assert {"dot", "period", "bullet", "nosep", "given_only", "swapped", "truncated", "translit",
            "exact", "homophone", "traditional"} <= kinds
    checked = 0
    for p, kind, name in written:
        if p not in dotted:
            continue
        own, father = dotted[p].split("·")
        expect = {"period": f"{own}.{father}", "bullet": f"{own}•{father}",
                  "space": f"{own} {father}", "nosep": own + father, "given_only": own,
                  "swapped": f"{father}·{own}", "dot": dotted[p]}
        if kind in expect:
            assert name == expect[kind], (kind, name, dotted[p])
            checked += 1
        elif kind == "truncated":
            assert dotted[p].startswith(name) and len(name) < len(dotted[p])
        elif kind == "translit":
            assert name != dotted[p] and len(name.split("·")) == 2
    assert checked > 100
    minority = sum(1 for _, k, _ in written if k in SEPARATORS or k in
                   ("nosep", "given_only", "swapped", "truncated", "translit"))
    assert 0.2 < minority / len(written) < 0.7  # Xinjiang: Uyghur and Kazakh names are common


def test_truth_adds_up(generated, sources, truth):
    _, stats = generated
    inc = truth["incidents"]
    assert {"reported", "concealed", "under_reported"} == set(inc["kind"])
    check_truth_matches_accidents(inc, sources["accidents"], sources["accident_victims"])
    ip = truth["incident_person"].join(inc.select("incident_id", "kind"), on="incident_id")
    hidden = ip.filter((pl.col("kind") != "reported") & (pl.col("outcome") == "death")
                       & (pl.col("reported_outcome").is_null()
                          | (pl.col("reported_outcome") != "death")))
    assert hidden.height == stats["hidden_deaths"] >= 1
    conc = inc.filter(pl.col("kind") == "concealed")
    assert stats["incidents"]["concealed"] == conc.height
    assert stats["incidents"]["concealed_injury_only"] == (conc["true_deaths"] == 0).sum()
    deaths = truth["deaths"]
    assert deaths["person_id"].n_unique() == deaths.height
    assert set(deaths["death_class"]) == {"natural", "non_occupational", "incident"}
    assert set(deaths.filter(pl.col("death_class") == "incident")["person_id"]) == \
        set(ip.filter(pl.col("outcome") == "death")["person_id"])
    per_inc = ip.group_by("incident_id").agg((pl.col("outcome") == "death").sum().alias("d"))
    j = inc.join(per_inc, on="incident_id")
    assert (j["true_deaths"] == j["d"]).all()
    # every person of an incident and every hidden death leaves at least one record
    rp = truth["record_person"]
    assert set(ip["person_id"]) <= set(rp["person_id"])
    death_src = rp.filter(pl.col("source").is_in(["deregistrations", "cremations"]))
    assert set(hidden["person_id"]) <= set(death_src["person_id"])
    assert set(rp["source"]) == set(PERSON_SOURCES)
    assert rp.height == sum(stats["rows"][s] for s in PERSON_SOURCES)
    # a concealed incident's employer is on the register, most often under special supervision
    ent = sources["enterprises"]
    assert set(inc["employer_uscc"]) <= set(ent["uscc"])
    risky = set(ent.filter(pl.col("high_risk"))["uscc"])
    assert conc["employer_uscc"].is_in(list(risky)).mean() >= 0.6


def test_records_respect_time_and_death(sources, truth):
    """No record after the extraction; nobody is admitted to hospital after their death."""
    med = sources["medical_records"]
    assert med["admitted_at"].max() < datetime(2025, 4, 1)
    rp = truth["record_person"].filter(pl.col("source") == "medical_records")
    deaths = truth["deaths"]
    cr = sources["cremations"]
    dr = sources["deregistrations"]
    iso = dr.filter(pl.col("death_date").is_not_null())
    assert (iso["deregistered_on"] >= iso["death_date"]).all()
    assert dr.filter(pl.col("reason") == "declared_dead")["death_date"].null_count() >= 1
    first = cr.filter(pl.col("death_date").str.contains("-") & pl.col("cremated_on")
                      .str.contains("-"))
    assert (first["cremated_on"] >= first["death_date"]).all()
    dr_dates = dr.join(truth["record_person"].filter(pl.col("source") == "deregistrations"),
                       on="record_id").select("person_id", pl.col("death_date"))
    adm = med.join(rp, on="record_id").join(dr_dates, on="person_id").drop_nulls("death_date")
    assert adm.height > 20
    assert (adm["admitted_at"].dt.strftime("%Y-%m-%d") <= adm["death_date"]).all()
    assert deaths.height > 0


def test_hard_negatives_and_patterns_present(generated, sources):
    _, stats = generated
    neg = stats["hard_negatives"]
    for k in ("elderly_natural", "road_death", "worker_illness_high_risk", "herder_injury",
              "cotton_heat_cluster", "pneumoconiosis_death", "coal_stove_household"):
        assert neg.get(k, 0) >= 1, k
    assert {"illness_cover", "body_moved", "injury_only", "traffic_disguise",
            "private_settlement", "off_books"} <= set(stats["patterns"])
    med = sources["medical_records"]
    assert (med["external_cause_icd10"] == "X30.7").any()  # heat in the cotton fields
    cl = sources["injury_claims"]
    assert cl["injury_description"].drop_nulls().str.contains("尘肺").any()
    cr = sources["cremations"]
    assert cr["funeral_home"].str.ends_with("殡葬服务站").any()  # Muslim burial services
    assert cr["funeral_home"].str.ends_with("殡仪馆").any()


def test_deterministic_and_cli(generated, tmp_path, capsys):
    d, _ = generated
    again = tmp_path / "again"
    assert main(["--out", str(again), "--scale", str(SCALE), "--seed", str(SEED)]) == 0
    assert '"hidden_deaths"' in capsys.readouterr().out
    assert check_same_files(d, again) == 12
    other = tmp_path / "other"
    generate(other, scale=SCALE, seed=SEED + 1)
    assert (d / "accidents.csv").read_bytes() != (other / "accidents.csv").read_bytes()

"""Person records, the person linkage on a tiny generated province, and its commands."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from pipelines.cli import main
from pipelines.errors import UsageError
from pipelines.linking import explain_pair, link_persons
from pipelines.persons import RECORD_SCHEMA, person_records


def _hand_made() -> dict[str, pl.DataFrame]:
    acc = pl.DataFrame({"record_id": ["A1"], "occurred_at": [dt.datetime(2024, 5, 1, 10)],
                        "region_code": ["140105"], "enterprise_name": ["山西 某某煤业有限公司"],
                        "enterprise_uscc": ["91140100MA0GRX1234"]})
    vic = pl.DataFrame({"record_id": ["V1", "V2"], "accident_id": ["A1", "A1"], "name": ["張 伟", "Zhang Wei"],
                        "id_number": ["11010519491231002x", "110105491231002"], "sex": [None, "男"],
                        "age": [74, None], "outcome": ["death", "death"]})
    der = pl.DataFrame({"record_id": ["D1"], "name": ["单·小明"], "id_number": [None], "sex": ["F"],
                        "birth_date": ["1984/5/3"], "death_date": [dt.date(2024, 5, 2)], "region_code": ["140105"]})
    return {"accidents": acc, "accident_victims": vic, "deregistrations": der}


def test_person_records_normalise_names_ids_and_events() -> None:
    r = person_records(_hand_made())
    assert r.schema == pl.Schema(RECORD_SCHEMA)
    v1, v2, d1 = (r.filter(pl.col("record_id") == k).row(0, named=True) for k in ("V1", "V2", "D1"))
    assert v1["name_simp"] == "张伟" and v1["name_pinyin"] == "zhangwei" == v2["name_pinyin"]
    assert v1["id18"] == "11010519491231002X" and v1["id_valid"]
    assert v2["id_legacy"] and v2["id18"] == v1["id18"]          # 15 → 18 with the check character
    assert v1["event_date"] == dt.date(2024, 5, 1) and v1["region_code"] == "140105"
    assert v1["employer_name"] == "山西某某煤业有限公司" and v1["sex"] == "F"   # sex from the ID
    # the employer as the comparison and the name+employer blocking rule read it: no place, no legal form
    assert v1["employer_key"] == "某某煤业" and d1["employer_key"] is None
    assert d1["surname_pinyin"] == "shan" and d1["name_chars"] == "单小明"   # surname reading, dot removed
    assert d1["birth_date"] == dt.date(1984, 5, 3) and d1["birth_year_min"] == 1984
    assert v1["birth_year_min"] == 1949 and v1["age"] == 74


def test_encounters_carry_diagnosis_and_place_of_death() -> None:
    """A stay that ended in death gives its hospital as the place of death, a cremation its
    body origin; the principal diagnosis is read as a clean ICD-10 code."""
    med = pl.DataFrame({"record_id": ["M1", "M2"], "name": ["王芳", "李强"], "hospital": ["临汾市第1 人民医院"] * 2,
                        "region_code": ["141002"] * 2, "admitted_at": ["2024-05-01 08:00"] * 2,
                        "discharged_at": ["2024-05-09 10:00"] * 2, "diagnosis_icd10": ["s065", "S72.0"],
                        "external_cause_icd10": ["w206", None], "disposition": ["died", "discharged"]})
    crem = pl.DataFrame({"record_id": ["C1", "C2"], "name": ["王芳", "张三"], "death_date": [dt.date(2024, 5, 9)] * 2,
                         "cremated_on": [dt.date(2024, 5, 11)] * 2, "funeral_home": ["临汾市殡仪馆"] * 2,
                         "region_code": ["141002"] * 2, "body_origin": ["临汾市第１人民医院", "家中"]})
    r = person_records({"medical_records": med, "cremations": crem})
    got = {k: (d, p) for k, d, p in r.select("record_id", "diagnosis", "death_place").iter_rows()}
    assert got == {"M1": ("S06.5", "临汾市第1人民医院"), "M2": ("S72.0", None),
                   "C1": (None, "临汾市第1人民医院"), "C2": (None, "家中")}
    ext = dict(r.select("record_id", "external_cause").iter_rows())
    assert ext == {"M1": "W20.6", "M2": None, "C1": None, "C2": None}


def test_link_persons_hand_made() -> None:
    res = link_persons(person_records(_hand_made()))
    pk = dict(zip(res.links["record_id"].to_list(), res.links["person_key"].to_list(), strict=True))
    assert pk["V1"] == pk["V2"] != pk["D1"]
    assert res.links.columns == ["source", "record_id", "person_key", "match_probability"]


def _pair_f1(links: pl.DataFrame, truth_dir: Path) -> float:
    truth = pl.read_parquet(truth_dir / "truth" / "record_person.parquet")
    j = links.join(truth, on=["source", "record_id"])

    def pairs(keys: list[str]) -> int:
        n = j.group_by(keys).len()["len"]
        return int((n * (n - 1) // 2).sum())

    tp, pred, true = pairs(["person_key", "person_id"]), pairs(["person_key"]), pairs(["person_id"])
    return 2 * tp / (pred + true)


def test_person_linkage_f1_on_a_tiny_generated_province(tiny_generated: Path, tiny_linked: Path) -> None:
    links = pl.read_parquet(tiny_linked / "links.parquet")
    records = pl.read_parquet(tiny_linked / "records.parquet")
    assert links.height == records.height
    assert _pair_f1(links, tiny_generated) >= 0.97
    # at most one deregistration per person apart from duplicates
    per = links.filter(pl.col("source") == "deregistrations").group_by("person_key").len()
    assert (per["len"] <= 2).all()
    model = json.loads((tiny_linked / "model.json").read_text())
    assert model["prior"] < 1e-3 and {c["name"] for c in model["comparisons"]} >= {"id", "name", "birth"}


def test_explain_pair_recomputes_the_pair_weight(tiny_linked: Path) -> None:
    pairs = pl.read_parquet(tiny_linked / "pairs.parquet").sort("match_weight", descending=True)
    row = pairs.row(len(pairs) // 2, named=True)
    wf = explain_pair(tiny_linked, (row["source_l"], row["record_id_l"]), f"{row['source_r']}:{row['record_id_r']}")
    assert wf.columns == ["comparison", "level", "value_l", "value_r", "bayes_factor", "match_weight"]
    assert wf["comparison"][-1] == "total"
    assert wf["match_weight"][-1] == pytest.approx(row["match_weight"], abs=1e-6)
    with pytest.raises(UsageError):
        explain_pair(tiny_linked, "deregistrations:nope", "cremations:nope")


def test_explain_and_blocking_commands(tiny_generated: Path, tiny_linked: Path, capsys) -> None:
    from reports.masking import diagnosis_chapter

    pairs = pl.read_parquet(tiny_linked / "pairs.parquet")
    r = pairs.row(0, named=True)
    a, b = f"{r['source_l']}:{r['record_id_l']}", f"{r['source_r']}:{r['record_id_r']}"
    assert main(["explain", "--run", str(tiny_linked), a, b, "--json"]) == 0
    out = capsys.readouterr().out
    rows = json.loads(out.strip().splitlines()[-1])["rows"]
    assert rows[0]["comparison"] == "prior" and rows[-1]["comparison"] == "total"
    text = out.split("{")[0]
    ids = pl.read_parquet(tiny_linked / "records.parquet")["id18"].drop_nulls()
    assert not any(i in text for i in ids.head(200).to_list())   # IDs are masked on the terminal
    # a pair of hospital encounters is compared on the diagnosis, which the terminal shows only
    # as its ICD-10 chapter
    recs = pl.read_parquet(tiny_linked / "records.parquet").select("source", "record_id", "diagnosis",
                                                                   "external_cause")
    med = pairs.filter((pl.col("source_l") == "medical_records") & (pl.col("source_r") == "medical_records")) \
        .join(recs.rename({"source": "source_l", "record_id": "record_id_l", "diagnosis": "d",
                           "external_cause": "x"}),
              on=["source_l", "record_id_l"]).filter(pl.col("d").is_not_null() & pl.col("x").is_not_null())
    assert med.height
    m = med.row(0, named=True)
    assert main(["explain", "--run", str(tiny_linked), f"medical_records:{m['record_id_l']}",
                 f"medical_records:{m['record_id_r']}", "--json"]) == 0
    mrows = json.loads(capsys.readouterr().out.strip().splitlines()[-1])["rows"]
    dia = next(r for r in mrows if r["comparison"] == "diagnosis")
    assert dia["value_l"] == diagnosis_chapter(m["d"], "en") and dia["value_l"] != m["d"]
    assert m["d"] not in json.dumps(mrows)
    # ... and so is the external cause of the injury
    ext = next(r for r in mrows if r["comparison"] == "external_cause")
    assert ext["value_l"] == diagnosis_chapter(m["x"], "en") and m["x"] not in json.dumps(mrows)
    assert main(["blocking", "--input", str(tiny_generated), "--truth", str(tiny_generated), "--json"]) == 0
    res = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    # a hospital record without an ID never meets the person's enrolment spell directly, only
    # through the person's other records: direct recall is lower than what clustering reaches
    assert res["pair_recall"] <= res["pair_recall_connected"] < 1.0
    events = [r for r in res["by_source_pair"] if "employment" not in (r["source_l"], r["source_r"])]
    assert sum(r["found"] for r in events) / sum(r["true_pairs"] for r in events) > 0.99
    assert sum(r["true_pairs"] for r in res["by_source_pair"]) == res["true_pairs"]
    assert res["total_pairs"] == sum(v["new_pairs"] for v in res["rules"].values())
    assert main(["link", "--input", str(tiny_generated), "--out", str(tiny_linked)]) == 2   # not empty


def test_an_enrolment_spell_is_linked_into_its_person_despite_a_transposed_id() -> None:
    """Employment spells are person-bearing records: ``person_records`` carries them (no event,
    the employer named) and the linkage joins a spell whose ID has two digits swapped to the
    person's deregistration, while a namesake's spell with another ID stays apart."""
    ident = "140524198407237428"
    der = pl.DataFrame({"record_id": ["D1"], "name": ["李芳艳"], "id_number": ["104524198407237428"], "sex": ["女"],
                        "birth_date": ["1984-07-23"], "death_date": [dt.date(2024, 6, 13)],
                        "deregistered_on": [dt.date(2024, 6, 20)], "region_code": ["140524"],
                        "reason": ["death"], "death_cause": ["猝死"]})
    emp = pl.DataFrame({"record_id": ["E1", "E2"], "id_number": [ident, "140121197001010011"],
                        "name": ["李芳艳", "李芳艳"], "employer_name": ["陵川县富昌焦化集团有限公司", "某建筑公司"],
                        "employer_uscc": ["91140524074611365R", None], "industry": ["hazardous_chemicals", None],
                        "start_date": [dt.date(2019, 2, 26), dt.date(2015, 1, 1)], "end_date": [None, None]},
                       schema_overrides={"end_date": pl.Date})
    recs = person_records({"deregistrations": der, "employment": emp})
    e1 = recs.filter(pl.col("record_id") == "E1").row(0, named=True)
    assert e1["source"] == "employment" and e1["event_date"] is None and e1["id18"] == ident
    assert e1["employer_name"] == "陵川县富昌焦化集团有限公司" and e1["birth_date"] == dt.date(1984, 7, 23)
    pk = dict(link_persons(recs).links.select("record_id", "person_key").iter_rows())
    assert pk["D1"] == pk["E1"] != pk["E2"]


def test_an_enrolment_and_a_hospital_stay_meet_on_name_and_employer() -> None:
    """A stay with no ID whose patient's employer is written short (隆四冶金) is a candidate pair
    of the enrolment spell at 临汾市隆四冶金有限责任公司 of the same name and birth year: the
    normalised employer is a blocking key; a different employer is no disagreement (people change
    jobs) — the comparison's 'else' level weighs nothing."""
    from linkage import LinkageConfig, Linker

    cfg = LinkageConfig.shipped("person")
    emp = pl.DataFrame({"record_id": ["E1"], "id_number": ["141026198103150018"], "name": ["李建国"],
                        "employer_name": ["临汾市隆四冶金有限责任公司"], "employer_uscc": ["91141026MA0G4TKD60"],
                        "industry": ["metallurgy"], "start_date": [dt.date(2020, 1, 1)], "end_date": [None]})
    med = pl.DataFrame({"record_id": ["M1"], "name": ["李建国"], "age": [44], "sex": ["男"],
                        "hospital": ["安泽县人民医院"], "region_code": ["141026"],
                        "admitted_at": ["2025-03-29 04:35"], "employer_name": ["隆四冶金"]})
    recs = person_records({"employment": emp, "medical_records": med})
    linker = Linker(cfg)
    pairs = linker.candidate_pairs(linker.prepare(recs))
    assert pairs.height == 1
    assert "name+employer" in {r.name for r in cfg.blocking}
    employer = next(c for c in cfg.comparisons if c["name"] == "employer")
    assert employer["name_column"] == "employer_key" and "else" in employer.get("neutral_levels", [])


def _candidates(recs: pl.DataFrame) -> tuple[Any, pl.DataFrame, pl.DataFrame, dict[frozenset[str], str]]:
    """The shipped person linker's prepared records, candidate pairs, and the rule that proposed each
    pair of record ids."""
    from linkage import LinkageConfig, Linker

    linker = Linker(LinkageConfig.shipped("person"))
    prepared = linker.prepare(recs)
    pairs = linker.candidate_pairs(prepared)
    ids = prepared["record_id"].to_list()
    named = {frozenset((ids[a], ids[b])): r for a, b, r in pairs.select("idx_l", "idx_r", "rule").iter_rows()}
    return linker, prepared, pairs, named


def test_a_hospital_stay_meets_the_spell_of_an_employer_in_its_county() -> None:
    """A stay with neither ID nor employer, at a hospital in the county of the patient's employer,
    is a candidate pair of that enrolment spell of the same name and birth year (the name+work_county
    rule), and the work_region comparison reads 'same county'; the spell's county comes from the
    enterprise register, else from the USCC's characters 3–8; a namesake's spell at an employer in
    another county is no such pair."""

    emp = pl.DataFrame({"record_id": ["E1", "E2", "E3"],
                        "id_number": ["140824197802243723", "140105197803120026", None],
                        "name": ["李悦晓", "李悦晓", "王强"],
                        "employer_name": ["方山县汾辉化学有限公司", "太原某某建设有限公司", "某商店"],
                        "employer_uscc": ["91141128476525304X", "91140105MA0GRX1234", None],
                        "start_date": [dt.date(2022, 5, 26)] * 3, "end_date": [None] * 3},
                       schema_overrides={"end_date": pl.Date})
    ent = pl.DataFrame({"uscc": ["91140105MA0GRX1234"], "name": ["太原某某建设有限公司"],
                        "region_code": ["140106"]})
    med = pl.DataFrame({"record_id": ["M1"], "name": ["李悦晓"], "id_number": [None], "sex": ["F"], "age": [46],
                        "hospital": ["方山县人民医院"], "region_code": ["141128"],
                        "admitted_at": ["2024-04-02 03:54"], "discharged_at": ["2024-04-16 00:00"]})
    der = pl.DataFrame({"record_id": ["D1"], "name": ["王强"], "id_number": [None], "sex": ["M"],
                        "birth_date": ["1970-01-01"], "death_date": [dt.date(2024, 5, 2)], "region_code": ["141128"]})
    recs = person_records({"employment": emp, "enterprises": ent, "medical_records": med, "deregistrations": der})
    region = dict(recs.select("record_id", "work_region").iter_rows())
    assert region == {"E1": "141128", "E2": "140106", "E3": None, "M1": "141128", "D1": None}

    linker, prepared, pairs, named = _candidates(recs)
    ids = prepared["record_id"].to_list()
    assert named.get(frozenset(("E1", "M1"))) == "name+work_county"
    assert frozenset(("E2", "M1")) not in named
    vec = linker.comparison_vectors(prepared, pairs)
    at = next(i for i, (a, b) in enumerate(pairs.select("idx_l", "idx_r").iter_rows())
              if {ids[a], ids[b]} == {"E1", "M1"})
    work = next(c for c in linker.comparisons if c.name == "work_region")
    assert work.levels[vec["work_region"][at]] == "same county"


def test_a_hospital_stay_with_no_id_meets_the_spell_whose_id_was_issued_in_its_city() -> None:
    """``home_city``: the city of the ID (its first four digits), else — a hospital stay with no ID —
    the hospital's city. A stay with neither ID nor employer, in the patient's home city far from the
    employer's county, is a candidate pair of the enrolment spell of the same name and birth year whose
    ID was issued there (the name+home_city rule); a namesake's spell with an ID of another city is not."""

    emp = pl.DataFrame({"record_id": ["E1", "E2"],
                        "id_number": [_id("52020119850301001"), _id("52270119850301002")],
                        "name": ["龙英金", "龙英金"],
                        "employer_name": ["六盘水宏源煤业集团有限公司", "黔南某建筑公司"],
                        "employer_uscc": ["91520204MA6DM12345", "91522701MA6DM54321"],
                        "start_date": [dt.date(2021, 1, 1)] * 2, "end_date": [None] * 2},
                       schema_overrides={"end_date": pl.Date})
    med = pl.DataFrame({"record_id": ["M1"], "name": ["龙英金"], "id_number": [None], "sex": ["M"], "age": [38],
                        "hospital": ["钟山区人民医院"], "region_code": ["520201"],
                        "admitted_at": ["2023-09-02 10:00"], "discharged_at": ["2023-09-05 10:00"]})
    recs = person_records({"employment": emp, "medical_records": med})
    city = dict(recs.select("record_id", "home_city").iter_rows())
    assert city == {"E1": "5202", "E2": "5227", "M1": "5202"}
    named = _candidates(recs)[3]
    assert named.get(frozenset(("E1", "M1"))) == "name+home_city"
    assert frozenset(("E2", "M1")) not in named


def _id(body17: str) -> str:
    from linkage.normalize.ids import check_char

    return body17 + check_char(body17)


FATHER, SON = _id("14010219500312003"), _id("14010219780605001")


def _cremation_with_the_sons_number(age: int) -> dict[str, pl.DataFrame]:
    """The father's deregistration and his cremation, the funeral home having written the number
    of the son who applied (born 1978) against the deceased's stated age."""
    der = pl.DataFrame({"record_id": ["D1"], "name": ["王建国"], "id_number": [FATHER], "sex": ["男"],
                        "birth_date": ["1950-03-12"], "death_date": [dt.date(2023, 3, 1)],
                        "region_code": ["140102"]})
    crem = pl.DataFrame({"record_id": ["C1"], "name": ["王建国"], "id_number": [SON], "sex": ["男"], "age": [age],
                         "death_date": [dt.date(2023, 3, 1)], "cremated_on": [dt.date(2023, 3, 4)],
                         "funeral_home": ["太原市殡仪馆"], "region_code": ["140105"]})
    return {"deregistrations": der, "cremations": crem}


def test_an_id_contradicting_the_records_age_is_someone_elses() -> None:
    r = person_records(_cremation_with_the_sons_number(72))
    c1 = r.filter(pl.col("record_id") == "C1").row(0, named=True)
    # a 72-year-old's record with a number born 1978: not his — no ID, no birth date from it
    assert c1["id18"] is None and not c1["id_valid"] and c1["birth_date"] is None
    assert c1["birth_year_min"] == 1950 and c1["sex"] == "M"
    # the household register's number is its own (no age stated): kept
    d1 = r.filter(pl.col("record_id") == "D1").row(0, named=True)
    assert d1["id18"] == FATHER and d1["id_valid"]
    # an age off by a typo (9 years) keeps the number
    c1_typo = person_records(_cremation_with_the_sons_number(36)).filter(pl.col("record_id") == "C1").row(0, named=True)
    assert c1_typo["id18"] == SON and c1_typo["id_valid"]


def test_a_cremation_with_a_relatives_number_links_to_the_deceased() -> None:
    res = link_persons(person_records(_cremation_with_the_sons_number(72)))
    pk = dict(zip(res.links["record_id"].to_list(), res.links["person_key"].to_list(), strict=True))
    assert pk["C1"] == pk["D1"]

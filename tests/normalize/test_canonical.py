"""Canonical typing (interfaces §2): dtypes, ``_invalid``, rows and order kept."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from pipelines.canonical import INVALID, to_canonical
from pipelines.contract import SOURCES


def _cremations() -> pl.DataFrame:
    return pl.DataFrame({
        "record_id": [" c1 ", "c2", "c3", "c4"],
        "name": ["张伟", " 李 娜 ", None, "王芳"],
        "id_number": [" 110105194912310021 ", None, "garbage", "11010519491231002x"],
        "sex": ["男", "X", None, "2"],
        "age": ["41.0", "41.5", "４１", " 7 "],
        "death_date": ["2023/1/2", "2023-02-30", None, "2023年1月2日"],
        "cremated_on": ["20230103", "yesterday", "2023年1月3日", "2023-01-03 08:00"],
        "funeral_home": ["h", None, "", "h"],
        "region_code": ["140105", "14", "140105.0", "１４０１０５"],
        "death_cause": [None, "病故", None, None],
        "certificate_issuer": ["Hospital", "doctor", None, " POLICE "],
        "body_origin": [None, None, None, None],
        "extra_col": ["1", "2", "3", "4"],
        "_row": pl.Series([1, 2, 3, 4], dtype=pl.Int64),
    })


def test_cremations_types_and_invalid() -> None:
    out = to_canonical("cremations", _cremations())
    assert out.height == 4
    assert out["_row"].to_list() == [1, 2, 3, 4]
    assert out.schema["age"] == pl.Int64
    assert out.schema["death_date"] == pl.Date
    assert out.schema["cremated_on"] == pl.Date
    assert out.schema["extra_col"] == pl.String
    assert out.schema[INVALID] == pl.List(pl.String)
    assert out["record_id"].to_list() == ["c1", "c2", "c3", "c4"]
    assert out["name"].to_list() == ["张伟", "李 娜", None, "王芳"]
    assert out["id_number"].to_list() == ["110105194912310021", None, "garbage", "11010519491231002x"]
    assert out["sex"].to_list() == ["M", None, None, "F"]
    assert out["age"].to_list() == [41, None, 41, 7]
    assert out["death_date"].to_list() == [dt.date(2023, 1, 2), None, None, dt.date(2023, 1, 2)]
    assert out["cremated_on"].to_list() == [dt.date(2023, 1, 3), None, dt.date(2023, 1, 3),
                                            dt.date(2023, 1, 3)]
    assert out["funeral_home"].to_list() == ["h", None, None, "h"]
    assert out["region_code"].to_list() == ["140105", None, "140105", "140105"]
    assert out["certificate_issuer"].to_list() == ["hospital", None, None, "police"]
    assert out[INVALID].to_list() == [
        [],
        ["sex", "age", "death_date", "cremated_on", "region_code", "certificate_issuer"],
        [],
        [],
    ]


def test_datetime_float_bool_uscc() -> None:
    acc = pl.DataFrame({
        "record_id": ["a1", "a2"],
        "occurred_at": ["2023-05-01 07:30", "2023/5/1"],
        "reported_at": ["2023-05-01T09:00:05", "not a time"],
        "region_code": ["140105", "140105"],
        "enterprise_uscc": [" 91350100m000100y43 ", "9135-0100 M000100Y43"],
        "industry": ["Coal Mining", "coal_mining"],
        "accident_type": ["roof_fall", "meteor"],
        "reported_deaths": ["2", "9.0"],
        "direct_loss_10k_yuan": ["1,234.5", "nan"],
    })
    out = to_canonical("accidents", acc)
    assert out.schema["occurred_at"] == pl.Datetime("us")
    assert out["occurred_at"].to_list() == [dt.datetime(2023, 5, 1, 7, 30), dt.datetime(2023, 5, 1)]
    assert out["reported_at"].to_list() == [dt.datetime(2023, 5, 1, 9, 0, 5), None]
    assert out["enterprise_uscc"].to_list() == ["91350100M000100Y43", "91350100M000100Y43"]
    assert out["industry"].to_list() == ["coal_mining", "coal_mining"]
    assert out["reported_deaths"].to_list() == [2, 9]
    assert out["direct_loss_10k_yuan"].to_list() == [1234.5, None]
    assert out[INVALID].to_list() == [[], ["reported_at", "accident_type", "direct_loss_10k_yuan"]]

    ent = pl.DataFrame({"uscc": ["a"] * 9, "name": ["n"] * 9,
                        "high_risk": ["是", "否", "TRUE", "0", "y", "maybe", None, "1.0", "0.0"]})
    e = to_canonical("enterprises", ent)
    assert e["high_risk"].to_list() == [True, False, True, False, True, None, None, True, False]
    assert e[INVALID].to_list() == [[], [], [], [], [], ["high_risk"], [], [], []]


def test_ages_written_with_their_unit() -> None:
    med = pl.DataFrame({"record_id": ["m1", "m2", "m3", "m4"], "age": ["41岁", "41周岁", " 41 ", "四十一"]})
    out = to_canonical("medical_records", med)
    assert out["age"].to_list() == [41, 41, 41, None]
    assert out[INVALID].to_list() == [[], [], [], ["age"]]


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_every_source_all_null_is_valid(source: str) -> None:
    cols = SOURCES[source].column_names
    frame = pl.DataFrame({c: pl.Series([None, None], dtype=pl.String) for c in cols})
    out = to_canonical(source, frame)
    assert out.columns == [*cols, INVALID]
    assert out[INVALID].to_list() == [[], []]
    for c in SOURCES[source].columns:
        expected = {"int": pl.Int64, "float": pl.Float64, "date": pl.Date,
                    "datetime": pl.Datetime("us"), "bool": pl.Boolean}.get(c.dtype, pl.String)
        assert out.schema[c.name] == expected, c.name


def test_missing_columns_not_added_and_empty_frame() -> None:
    out = to_canonical("accident_victims", pl.DataFrame({"record_id": ["v1"], "age": ["x"]}))
    assert out.columns == ["record_id", "age", INVALID]
    assert out[INVALID].to_list() == [["age"]]
    empty = to_canonical("accident_victims",
                         pl.DataFrame({"record_id": [], "age": []}, schema={"record_id": pl.String,
                                                                          "age": pl.String}))
    assert empty.height == 0
    assert empty.schema["age"] == pl.Int64


def test_unknown_source() -> None:
    with pytest.raises(KeyError):
        to_canonical("nope", pl.DataFrame({"a": ["1"]}))


def test_codes_written_as_labels_or_near_misses() -> None:
    """Chinese labels and the near-miss English of a hand-made export read as the contract's
    codes; anything else is unknown (null, recorded as invalid)."""
    vic = pl.DataFrame({"record_id": [f"v{i}" for i in range(6)], "accident_id": ["A1"] * 6,
                        "name": ["x"] * 6,
                        "outcome": ["死亡", "Died", "重伤", "Seriously injured", "轻伤", "hurt"]})
    out = to_canonical("accident_victims", vic)
    assert out["outcome"].to_list() == ["death", "death", "serious_injury", "serious_injury", "minor_injury", None]
    assert out[INVALID].to_list()[-1] == ["outcome"]
    med = pl.DataFrame({"record_id": ["m1", "m2", "m3"], "disposition": ["death", "自动出院", "转院"],
                        "payer": ["工伤保险", "self", "新农合"]})
    m = to_canonical("medical_records", med)
    assert m["disposition"].to_list() == ["died", "left_against_advice", "transferred"]
    assert m["payer"].to_list() == ["work_injury_insurance", "self_pay", "resident_insurance"]

"""Reading the contract's files: encodings, column map, absent sources, fatal errors."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from pipelines.errors import FatalDataError, UsageError
from pipelines.io import ROW, check_run_sources, load_column_map, read_input_dir, read_source

CSV = "record_id,name,id_number\nr1,张伟,140105198001011234\nr2,李娜,\n"


@pytest.mark.parametrize(
    ("encoding", "prefix", "expected"),
    [("utf-8", b"", "utf-8"), ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"), ("gb18030", b"", "gb18030")],
)
def test_encodings_detected(tmp_path: Path, encoding: str, prefix: bytes, expected: str) -> None:
    p = tmp_path / "cremations.csv"
    p.write_bytes(prefix + CSV.encode(encoding))
    src = read_source(p, "cremations")
    assert src.encoding == expected
    assert src.frame is not None
    assert src.frame.columns == ["record_id", "name", "id_number", ROW]
    assert src.frame["name"].to_list() == ["张伟", "李娜"]
    assert src.frame["id_number"].to_list() == ["140105198001011234", None]
    assert src.frame[ROW].to_list() == [1, 2]


def test_column_map_renames_chinese_headers(tmp_path: Path) -> None:
    (tmp_path / "deregistrations.csv").write_text(
        "编号,姓名,公民身份号码,其他\nd1,王芳,140105198001011234,x\n", encoding="utf-8"
    )
    cmap = tmp_path / "map.json"
    cmap.write_text(json.dumps({"deregistrations": {"编号": "record_id", "姓名": "name",
                                                    "公民身份号码": "id_number"}}), encoding="utf-8")
    sources = read_input_dir(tmp_path, load_column_map(cmap))
    frame = sources["deregistrations"].frame
    assert frame is not None
    assert frame.columns == ["record_id", "name", "id_number", "其他", ROW]
    assert not sources["cremations"].present


def test_parquet_read_as_strings(tmp_path: Path) -> None:
    import datetime as dt

    pl.DataFrame({"record_id": ["a"], "death_date": [dt.date(2024, 3, 1)], "age": [41]}).write_parquet(
        tmp_path / "cremations.parquet"
    )
    frame = read_source(tmp_path / "cremations.parquet", "cremations").frame
    assert frame is not None
    assert frame.row(0) == ("a", "2024-03-01", "41", 1)


def test_embedded_newlines_and_quotes(tmp_path: Path) -> None:
    p = tmp_path / "cremations.csv"
    p.write_text('record_id,body_origin\nc1,"家中\n（西屋）"\nc2,"say ""hi"""\n', encoding="utf-8")
    frame = read_source(p, "cremations").frame
    assert frame is not None
    assert frame["body_origin"].to_list() == ["家中\n（西屋）", 'say "hi"']
    assert frame[ROW].to_list() == [1, 2]


def test_empty_file_is_fatal_and_names_the_file(tmp_path: Path) -> None:
    p = tmp_path / "cremations.csv"
    p.write_bytes(b"")
    with pytest.raises(FatalDataError) as err:
        read_source(p, "cremations")
    assert "cremations.csv" in err.value.one_line()
    assert err.value.exit_code == 4


def test_header_only_file_has_no_rows(tmp_path: Path) -> None:
    p = tmp_path / "cremations.csv"
    p.write_text("record_id,name\n", encoding="utf-8")
    src = read_source(p, "cremations")
    assert src.rows == 0


def test_required_sources(tmp_path: Path) -> None:
    (tmp_path / "accidents.csv").write_text("record_id\na1\n", encoding="utf-8")
    (tmp_path / "accident_victims.csv").write_text("record_id\nv1\n", encoding="utf-8")
    with pytest.raises(FatalDataError, match="deregistrations or cremations"):
        check_run_sources(read_input_dir(tmp_path), tmp_path)
    (tmp_path / "cremations.csv").write_text("record_id\nc1\n", encoding="utf-8")
    absent = check_run_sources(read_input_dir(tmp_path), tmp_path)
    assert "deregistrations" in absent and "cremations" not in absent


def test_bad_column_map_is_usage_error(tmp_path: Path) -> None:
    p = tmp_path / "m.json"
    p.write_text('{"nosuch": {"a": "b"}}', encoding="utf-8")
    with pytest.raises(UsageError, match="unknown sources"):
        load_column_map(p)

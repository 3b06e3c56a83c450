"""The run folder's safety rules, without the stages: --out checks, the atomic swap,
period parsing and CSV/Parquet writing with a BOM."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from pipelines.errors import UsageError
from pipelines.run import (
    BOM,
    _check_out,
    _move_into_place,
    _renameat2_exchange,
    _write_table,
    load_config,
    parse_period,
)


def test_out_must_be_absent_or_empty_unless_force(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    out = tmp_path / "out"
    _check_out(out, inp, force=False)                       # absent: fine
    out.mkdir()
    _check_out(out, inp, force=False)                       # empty: fine
    (out / "x.txt").write_text("x")
    with pytest.raises(UsageError, match="not empty"):
        _check_out(out, inp, force=False)
    with pytest.raises(UsageError, match="not a crosscheck run folder"):
        _check_out(out, inp, force=True)                    # never wipe a foreign folder
    (out / "run.json").write_text("{}")
    _check_out(out, inp, force=True)
    with pytest.raises(UsageError, match="input folder"):
        _check_out(inp, inp, force=True)


def test_move_into_place_swaps_atomically(tmp_path: Path) -> None:
    out, new = tmp_path / "out", tmp_path / ".out.tmp-1"
    out.mkdir()
    (out / "run.json").write_text("old")
    new.mkdir()
    (new / "run.json").write_text("new")
    _move_into_place(new, out)
    assert (out / "run.json").read_text() == "new"
    assert not new.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    fresh = tmp_path / ".fresh.tmp-2"
    fresh.mkdir()
    (fresh / "a").write_text("a")
    _move_into_place(fresh, tmp_path / "fresh")
    assert (tmp_path / "fresh" / "a").read_text() == "a"


def test_renameat2_exchange(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "f").write_text("a")
    (b / "f").write_text("b")
    assert _renameat2_exchange(a, b)
    assert (a / "f").read_text() == "b" and (b / "f").read_text() == "a"


def test_parse_period() -> None:
    assert parse_period("2024-01..2024-06") == (date(2024, 1, 1), date(2024, 6, 30))
    assert parse_period("2023-12..2024-02") == (date(2023, 12, 1), date(2024, 2, 29))
    assert parse_period(None) is None
    for bad in ("2024-01", "2024-13..2024-14", "2024-06..2024-01"):
        with pytest.raises(UsageError):
            parse_period(bad)


def test_tables_written_with_bom_and_deterministically(tmp_path: Path) -> None:
    df = pl.DataFrame({"lead_id": ["a", "b"], "reasons_zh": ["死亡", "伤"], "score": [0.5, 0.25],
                       "event_date": [date(2024, 1, 2), None]})
    for d in ("x", "y"):
        (tmp_path / d).mkdir()
        _write_table(df, tmp_path / d, "leads", csv=True)
    raw = (tmp_path / "x" / "leads.csv").read_bytes()
    assert raw.startswith(BOM) and "死亡".encode() in raw and b"2024-01-02" in raw
    for name in ("leads.csv", "leads.parquet"):
        assert (tmp_path / "x" / name).read_bytes() == (tmp_path / "y" / name).read_bytes()


def test_load_config_resolves_column_map(tmp_path: Path) -> None:
    (tmp_path / "cfg.toml").write_text('column_map = "map.json"\nscorer = "models/s.json"\n'
                                       '[detection]\nmin_score = 0.1\n')
    cfg = load_config(tmp_path / "cfg.toml")
    assert cfg["column_map"] == str(tmp_path / "map.json")
    assert cfg["scorer"] == str(tmp_path / "models" / "s.json")
    assert cfg["detection"] == {"min_score": 0.1}
    with pytest.raises(UsageError):
        load_config(tmp_path / "missing.json")

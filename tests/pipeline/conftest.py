"""Fixtures of the end-to-end run tests: one generated province per pytest process, split by
date into two cumulative deliveries, and a helper that runs the real CLI in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from pipelines.contract import SOURCES

SCALE = os.environ.get("CROSSCHECK_TEST_SCALE", "0.01")
CLI = [sys.executable, "-m", "pipelines.cli"]


_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y年%m月%d日")


def _parse_date(col: str) -> pl.Expr:
    head = pl.col(col).str.strip_chars().str.split(" ").list.first()
    return pl.coalesce([head.str.strptime(pl.Date, f, strict=False) for f in _FORMATS])


def _read(path: Path) -> pl.DataFrame:
    return pl.read_csv(path, infer_schema=False, encoding="utf8-lossy")


def split_delivery(full: Path, out: Path, cutoff: date) -> Path:
    """A cumulative delivery of ``full`` up to ``cutoff`` (event dates; victims follow their
    accident; undated rows arrive with the later delivery)."""
    out.mkdir(parents=True, exist_ok=True)
    kept_accidents: pl.Series | None = None
    for name in ("accidents", *[s for s in SOURCES if s != "accidents"]):
        p = full / f"{name}.csv"
        if not p.exists():
            continue
        df = _read(p)
        ev = SOURCES[name].event_date
        if name == "accident_victims" and kept_accidents is not None:
            df = df.filter(pl.col("accident_id").is_in(kept_accidents.implode()))
        elif ev and ev in df.columns:
            df = df.filter(_parse_date(ev) <= cutoff)
        if name == "accidents":
            kept_accidents = df["record_id"]
        (out / f"{name}.csv").write_bytes(df.write_csv().encode("utf-8"))
    return out


@dataclass
class Deliveries:
    full: Path
    first: Path
    cutoff: date


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One generated province (``crosscheck generate``) for this pytest process."""
    out = tmp_path_factory.mktemp("gen") / "data"
    proc = subprocess.run([*CLI, "generate", "--out", str(out), "--scale", SCALE, "--seed", "7"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out


@pytest.fixture(scope="session")
def deliveries(generated: Path, tmp_path_factory: pytest.TempPathFactory) -> Deliveries:
    acc = _read(generated / "accidents.csv").select(_parse_date("occurred_at").alias("d"))
    year = int(acc["d"].drop_nulls().dt.year().mode().sort()[0])
    cutoff = date(year, 6, 30)
    first = split_delivery(generated, tmp_path_factory.mktemp("d1") / "input", cutoff)
    return Deliveries(generated, first, cutoff)

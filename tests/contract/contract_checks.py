"""What the data contract says about a run folder, written down once for the conformance tests:
file names, column lists and dtypes, enums, the manifest's shape, and helpers to read the
input files exactly as delivered (every cell a string)."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from pipelines.contract import GRADES, LEAD_TYPES, PERSON_SOURCES, SOURCES

BOM = b"\xef\xbb\xbf"

#: the contract's `leads` columns, in its order, with their types
LEAD_COLUMNS: dict[str, type[pl.DataType] | pl.DataType] = {
    "lead_id": pl.String, "rank": pl.Int64, "score": pl.Float64, "lead_type": pl.String,
    "accident_id": pl.String, "reported_deaths": pl.Int64, "evidenced_deaths": pl.Int64,
    "reported_grade": pl.String, "evidenced_grade": pl.String, "persons": pl.Int64,
    "employer_name": pl.String, "employer_uscc": pl.String, "event_date": pl.Date,
    "region_code": pl.String, "reasons_zh": pl.String, "reasons_en": pl.String,
}
SIGNAL_COLUMNS = ["lead_id", "signal", "value", "contribution", "text_zh", "text_en"]
EVIDENCE_COLUMNS = ["lead_id", "source", "record_id", "person_key", "match_probability"]
LINK_COLUMNS = ["source", "record_id", "person_key", "match_probability"]
PAIR_COLUMNS = ["source_l", "record_id_l", "source_r", "record_id_r", "match_weight",
                "match_probability"]
#: tables people open: Parquet and CSV (UTF-8 with BOM)
OPENED_TABLES = ("leads", "lead_evidence", "lead_signals")
PARQUET_ONLY = ("links", "pairs")
FOLDER_FILES = ("run.json", "report.html", "report.pdf", "leads.xlsx",
                "quality/summary.html")

MANIFEST_TYPES: dict[str, type | tuple[type, ...]] = {
    "run_id": str, "started_at": str, "finished_at": str, "code_version": str,
    "parameters": dict, "inputs": dict, "stages": dict, "leads": dict,
}
INPUT_KEYS = ("file", "sha256", "read", "accepted", "quarantined")

INT_TYPES = (pl.Int8, pl.Int16, pl.Int32, pl.Int64, pl.UInt8, pl.UInt16, pl.UInt32, pl.UInt64)
FLOAT_TYPES = (pl.Float32, pl.Float64)

# an 18-character resident ID: region, 19xx/20xx birth date, sequence, check character
ID18 = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01])"
                  r"\d{3}[\dXx](?![0-9A-Za-z])")

__all__ = [
    "BOM", "EVIDENCE_COLUMNS", "FLOAT_TYPES", "FOLDER_FILES", "GRADES", "ID18", "INPUT_KEYS",
    "INT_TYPES", "LEAD_COLUMNS", "LEAD_TYPES", "LINK_COLUMNS", "MANIFEST_TYPES",
    "OPENED_TABLES", "PAIR_COLUMNS", "PARQUET_ONLY", "PERSON_SOURCES", "SIGNAL_COLUMNS",
    "SOURCES", "grade_of", "raw_source", "supplied_sources",
]


def raw_source(input_dir: Path, source: str) -> pl.DataFrame:
    """A source file as delivered: every cell a string, empty → null, ``_row`` 1-based.
    Independent of :mod:`pipelines.io` (UTF-8 CSV or Parquet only)."""
    csv, pq = input_dir / f"{source}.csv", input_dir / f"{source}.parquet"
    if csv.is_file():
        df = pl.read_csv(csv, infer_schema=False, encoding="utf8")
        df = df.with_columns(pl.when(pl.col(c).str.strip_chars() == "").then(None)
                             .otherwise(pl.col(c)).alias(c) for c in df.columns)
    else:
        df = pl.read_parquet(pq)
    return df.with_row_index("_row", offset=1).with_columns(pl.col("_row").cast(pl.Int64))


def supplied_sources(input_dir: Path) -> list[str]:
    return [s for s in SOURCES if (input_dir / f"{s}.csv").is_file()
            or (input_dir / f"{s}.parquet").is_file()]


def grade_of(deaths: int | None, serious: int | None = None, loss_10k: float | None = None) -> int:
    """Grade index per 生产安全事故报告和调查处理条例 Art. 3 (0 一般 … 3 特别重大); the highest
    any criterion reaches, boundaries included. Written here independently of detection."""
    d, s, x = deaths or 0, serious or 0, loss_10k or 0.0
    if d >= 30 or s >= 100 or x >= 10_000:
        return 3
    if d >= 10 or s >= 50 or x >= 5_000:
        return 2
    if d >= 3 or s >= 10 or x >= 1_000:
        return 1
    return 0

"""Reading the departments' files exactly as the data contract says.

One file per source in an input folder, ``<source>.csv`` or ``<source>.parquet``.
CSV may be UTF-8, UTF-8 with BOM, or GB18030 — detected from the bytes, never
asked of the user. A JSON column map renames a department's headers to the
canonical ones.

Stage output schema (``RawSource.frame``): every column as ``pl.String`` exactly
as read (empty → null), canonical names where mapped, plus ``_row`` (``pl.Int64``,
the 1-based data row, header not counted). Typing happens later
(:mod:`pipelines.canonical`) so that a bad value can be quarantined with the raw
text it had.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.contract import DEATH_SOURCES, REQUIRED_SOURCES, SOURCES
from pipelines.errors import FatalDataError, UsageError

log = logging.getLogger(__name__)

ROW = "_row"
ColumnMap = dict[str, dict[str, str]]


@dataclass
class RawSource:
    """One source as read. ``path`` is None when the source was not supplied."""

    name: str
    path: Path | None
    frame: pl.DataFrame | None
    sha256: str | None = None
    encoding: str | None = None
    format: str | None = None

    @property
    def present(self) -> bool:
        return self.frame is not None

    @property
    def rows(self) -> int:
        return 0 if self.frame is None else self.frame.height


def load_column_map(path: str | Path | None) -> ColumnMap:
    """Read ``{"<source>": {"<header in file>": "<canonical>", ...}, ...}``."""
    if path is None:
        return {}
    p = Path(path)
    if not p.is_file():
        raise UsageError(f"column map {p} does not exist", hint="pass an existing JSON file to --column-map")
    try:
        data = json.loads(p.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"column map {p} is not valid UTF-8 JSON: {exc}",
                         hint='write it as {"<source>": {"<header>": "<canonical>"}}') from exc
    if not isinstance(data, dict) or not all(
        isinstance(v, dict) and all(isinstance(a, str) and isinstance(b, str) for a, b in v.items())
        for v in data.values()
    ):
        raise UsageError(f"column map {p} must map each source to an object of header → canonical name",
                         hint='write it as {"<source>": {"<header>": "<canonical>"}}')
    unknown = sorted(set(data) - set(SOURCES))
    if unknown:
        raise UsageError(f"column map {p} names unknown sources {unknown}",
                         hint=f"sources are {sorted(SOURCES)}")
    return data


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def detect_encoding(data: bytes) -> str:
    """``utf-8-sig`` (BOM), ``utf-8`` or ``gb18030``; raise when none decodes."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        data.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError as exc:
        raise FatalDataError(
            f"cannot decode the file as UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) "
            f"nor as GB18030 ({exc.reason} at byte {exc.start})",
            hint="export it again as UTF-8 or GB18030 CSV",
        ) from exc


def find_source_file(input_dir: Path, source: str) -> Path | None:
    candidates = [p for p in (input_dir / f"{source}.csv", input_dir / f"{source}.parquet") if p.is_file()]
    if len(candidates) > 1:
        raise UsageError(f"{input_dir} holds both {source}.csv and {source}.parquet",
                         hint="keep one file per source")
    return candidates[0] if candidates else None


def _apply_column_map(frame: pl.DataFrame, mapping: dict[str, str], path: Path) -> pl.DataFrame:
    renamed = {c: c.strip().lstrip("\ufeff") for c in frame.columns}
    frame = frame.rename(renamed)
    if mapping:
        clean_map = {k.strip(): v.strip() for k, v in mapping.items()}
        frame = frame.rename({c: clean_map[c] for c in frame.columns if c in clean_map})
    seen: dict[str, int] = {}
    for c in frame.columns:
        seen[c] = seen.get(c, 0) + 1
    dups = sorted(c for c, n in seen.items() if n > 1)
    if dups:
        raise FatalDataError(f"duplicate column(s) {dups} after the column map", file=str(path),
                             hint="fix the column map so each canonical column comes from one header")
    return frame


def _to_strings(frame: pl.DataFrame) -> pl.DataFrame:
    exprs = []
    for name, dtype in frame.schema.items():
        col = pl.col(name)
        if dtype == pl.String:
            exprs.append(col)
        elif isinstance(dtype, pl.Datetime):
            exprs.append(col.dt.to_string("%Y-%m-%d %H:%M:%S").alias(name))
        elif dtype == pl.Date:
            exprs.append(col.dt.to_string("%Y-%m-%d").alias(name))
        elif dtype == pl.Boolean:
            exprs.append(col.cast(pl.String).str.to_lowercase().alias(name))
        else:
            exprs.append(col.cast(pl.String, strict=False).alias(name))
    return frame.select(exprs)


def read_source(path: str | Path, source: str, column_map: ColumnMap | None = None) -> RawSource:
    """Read one source file into a :class:`RawSource` (all columns as strings)."""
    path = Path(path)
    mapping = (column_map or {}).get(source, {})
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FatalDataError(f"cannot read the file: {exc.strerror}", file=str(path),
                             hint="check the path and its permissions") from exc
    digest = hashlib.sha256(data).hexdigest()
    if path.suffix == ".parquet":
        try:
            frame = pl.read_parquet(io.BytesIO(data))
        except Exception as exc:
            raise FatalDataError(f"not a readable Parquet file: {exc}", file=str(path),
                                 hint="export it again, or as CSV") from exc
        frame = _to_strings(_apply_column_map(frame, mapping, path))
        fmt, encoding = "parquet", None
    else:
        if not data.strip():
            raise FatalDataError("the file is empty (not even a header row)", file=str(path),
                                 hint="export it again with a header row")
        try:
            encoding = detect_encoding(data)
        except FatalDataError as exc:
            raise FatalDataError(exc.message, file=str(path), hint=exc.hint) from exc
        if encoding == "gb18030":
            data = data.decode("gb18030").encode("utf-8")
        elif encoding == "utf-8-sig":
            data = data[3:]
        try:
            frame = pl.read_csv(
                io.BytesIO(data), infer_schema=False, has_header=True, quote_char='"',
                raise_if_empty=False,
            )
        except Exception as exc:
            raise FatalDataError(f"not a readable CSV file: {exc}".splitlines()[0], file=str(path),
                                 hint="check the delimiter (comma), quoting and the header row") from exc
        frame = _apply_column_map(frame, mapping, path)
        # empty or whitespace-only cells are missing values
        frame = frame.with_columns(
            pl.when(pl.col(c).str.strip_chars() == "").then(None).otherwise(pl.col(c)).alias(c)
            for c in frame.columns
        )
        fmt = "csv"
    frame = frame.with_columns(pl.int_range(1, frame.height + 1, dtype=pl.Int64).alias(ROW))
    log.debug("read %s: %d rows (%s, %s)", path.name, frame.height, fmt, encoding)
    return RawSource(source, path, frame, digest, encoding, fmt)


def read_input_dir(input_dir: str | Path, column_map: ColumnMap | None = None) -> dict[str, RawSource]:
    """Read every contract source found in ``input_dir``; absent sources have ``frame=None``."""
    d = Path(input_dir)
    if not d.is_dir():
        raise UsageError(f"input folder {d} does not exist", hint="pass the folder of source files to --input")
    out: dict[str, RawSource] = {}
    for name in SOURCES:
        path = find_source_file(d, name)
        out[name] = read_source(path, name, column_map) if path else RawSource(name, None, None)
    return out


def check_run_sources(sources: dict[str, RawSource], input_dir: str | Path) -> list[str]:
    """Raise when a run's required sources are absent; return notes on absent optional ones."""
    missing = [s for s in REQUIRED_SOURCES if not sources[s].present]
    if not any(sources[s].present for s in DEATH_SOURCES):
        missing.append(" or ".join(DEATH_SOURCES))
    if missing:
        raise FatalDataError(
            f"{input_dir} lacks required source(s): {', '.join(missing)}",
            hint="a run needs accidents, accident_victims and deregistrations or cremations "
            "(as <source>.csv or <source>.parquet)",
        )
    return [s for s, r in sources.items() if not r.present]

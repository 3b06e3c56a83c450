"""Reading a run folder (data contract "Outputs of a run") for the reports.

:func:`load_run` reads the manifest and the tables the reports need into a
:class:`RunData`. Tables that a run did not write come back empty with the
documented columns, so a report on a partial run still renders and says what
is missing. :func:`resolve_run_dir` turns a run id or a folder into the folder.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from pipelines.errors import FatalDataError, UsageError

log = logging.getLogger(__name__)

LEADS_SCHEMA: dict[str, Any] = {
    "lead_id": pl.String, "rank": pl.Int64, "score": pl.Float64, "lead_type": pl.String,
    "accident_id": pl.String, "reported_deaths": pl.Int64, "evidenced_deaths": pl.Int64,
    "reported_grade": pl.String, "evidenced_grade": pl.String, "persons": pl.Int64,
    "employer_name": pl.String, "employer_uscc": pl.String, "event_date": pl.Date,
    "region_code": pl.String, "reasons_zh": pl.String, "reasons_en": pl.String,
}
SIGNALS_SCHEMA: dict[str, Any] = {
    "lead_id": pl.String, "signal": pl.String, "value": pl.String, "contribution": pl.Float64,
    "text_zh": pl.String, "text_en": pl.String,
}
EVIDENCE_SCHEMA: dict[str, Any] = {
    "lead_id": pl.String, "source": pl.String, "record_id": pl.String, "person_key": pl.String,
    "match_probability": pl.Float64,
}
LINKS_SCHEMA: dict[str, Any] = {
    "source": pl.String, "record_id": pl.String, "person_key": pl.String,
    "match_probability": pl.Float64,
}
PAIRS_SCHEMA: dict[str, Any] = {
    "source_l": pl.String, "record_id_l": pl.String, "source_r": pl.String,
    "record_id_r": pl.String, "match_weight": pl.Float64, "match_probability": pl.Float64,
}
EVIDENCE_RECORDS_SCHEMA: dict[str, Any] = {
    "source": pl.String, "record_id": pl.String, "person_key": pl.String,
}


@dataclass
class RunData:
    """Everything a report or dossier reads from one run folder."""

    run_dir: Path
    manifest: dict[str, Any]
    leads: pl.DataFrame
    signals: pl.DataFrame
    evidence: pl.DataFrame
    links: pl.DataFrame
    pairs: pl.DataFrame
    evidence_records: pl.DataFrame
    quality: dict[str, dict[str, Any]] = field(default_factory=dict)
    model: dict[str, Any] | None = None
    scorer: dict[str, Any] | None = None
    missing_tables: list[str] = field(default_factory=list)
    profiles: pl.DataFrame | None = None

    @property
    def run_id(self) -> str:
        return str(self.manifest.get("run_id") or self.run_dir.name)


def _read_table(run_dir: Path, name: str, schema: dict[str, Any], missing: list[str]) -> pl.DataFrame:
    path = run_dir / f"{name}.parquet"
    if not path.is_file():
        missing.append(name)
        return pl.DataFrame(schema=schema)
    frame = pl.read_parquet(path)
    # add documented columns a writer left out, so templates can rely on them
    add = [pl.lit(None, dtype=t).alias(c) for c, t in schema.items() if c not in frame.columns]
    if add:
        frame = frame.with_columns(add)
    casts = {c: t for c, t in schema.items()
             if c in frame.columns and frame.schema[c] != t and t in (pl.String, pl.Float64, pl.Int64)}
    if casts:
        frame = frame.with_columns([pl.col(c).cast(t, strict=False) for c, t in casts.items()])
    return frame


def _read_json(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise FatalDataError(f"{path} is not valid JSON: {exc}",
                             hint="re-run `crosscheck run` to write the run folder again") from exc
    return data if isinstance(data, dict) else None


def _manifest_from_store(d: Path, store_url: str | None) -> dict[str, Any] | None:
    """The manifest of a run still being written (``crosscheck run`` builds the report in
    ``.<name>.tmp-<run_id>`` before it writes ``run.json``): read it from the run store."""
    if not store_url:
        return None
    try:
        from pipelines.store import open_store
    except ImportError:
        return None
    refs = [str(d)]
    if ".tmp-" in d.name:
        refs.insert(0, d.name.rsplit(".tmp-", 1)[1])
    try:
        store = open_store(store_url, upgrade=False)
    except Exception as exc:
        log.debug("run store %s not readable: %s", store_url, exc)
        return None
    try:
        for ref in refs:
            run = store.get_run(ref)
            if run is not None:
                manifest = dict(run.manifest or {})
                manifest.setdefault("run_id", run.run_id)
                if not manifest.get("inputs") and run.inputs:
                    manifest["inputs"] = run.inputs
                return manifest
    except Exception as exc:
        log.debug("run store %s: %s", store_url, exc)
    finally:
        store.close()
    return None


def load_run(run_dir: str | Path, store_url: str | None = None) -> RunData:
    """Read a run folder. Raises :class:`UsageError` if it is not a run folder.

    A folder without ``run.json`` is accepted when the run store (``store_url``) knows the
    run — the case of ``crosscheck run`` building the report before it writes ``run.json``.
    """
    d = Path(run_dir)
    manifest = _read_json(d / "run.json") or _manifest_from_store(d, store_url)
    if manifest is None:
        raise UsageError(f"{d} is not a run folder (no run.json)",
                         hint="pass the output folder of `crosscheck run` or a run id from `crosscheck runs`")
    missing: list[str] = []
    leads = _read_table(d, "leads", LEADS_SCHEMA, missing)
    if "event_date" in leads.columns and leads.schema["event_date"] == pl.String:
        leads = leads.with_columns(pl.col("event_date").str.to_date(strict=False))
    if leads.height and leads["rank"].null_count() == 0:
        leads = leads.sort("rank")
    signals = _read_table(d, "lead_signals", SIGNALS_SCHEMA, missing)
    evidence = _read_table(d, "lead_evidence", EVIDENCE_SCHEMA, missing)
    links = _read_table(d, "links", LINKS_SCHEMA, missing)
    pairs = _read_table(d, "pairs", PAIRS_SCHEMA, missing)
    ev_records = _read_table(d, "evidence_records", EVIDENCE_RECORDS_SCHEMA, missing)
    profiles = pl.read_parquet(d / "profiles.parquet") if (d / "profiles.parquet").is_file() else None
    quality: dict[str, dict[str, Any]] = {}
    qdir = d / "quality"
    if qdir.is_dir():
        for p in sorted(qdir.glob("*.json")):
            q = _read_json(p)
            if q is not None:
                quality[p.stem] = q
    return RunData(
        run_dir=d, manifest=manifest, leads=leads, signals=signals, evidence=evidence,
        links=links, pairs=pairs, evidence_records=ev_records, quality=quality,
        model=_read_json(d / "model.json"), scorer=_read_json(d / "scorer.json"),
        missing_tables=missing, profiles=profiles,
    )



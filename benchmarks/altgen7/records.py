"""Internal (pre-rendering) record schemas and the sink that collects them.

Every person-bearing row carries `person` (the true person, for the truth) and `ident` (whose
name / ID / sex / birth date the row shows; different when an identity was borrowed or made
up), `id_force` (an ID-noise kind imposed by the story, e.g. `missing`) and `tag` (which
part of the generator wrote it)."""

from __future__ import annotations

from typing import Any

import polars as pl

DAY = pl.Date
TS = pl.Datetime("us")
COMMON: dict[str, Any] = {"person": pl.Int64, "ident": pl.Int64, "id_force": pl.String,
                          "tag": pl.String}
SCHEMAS: dict[str, dict[str, Any]] = {
    "accident_victims": {**COMMON, "accident_id": pl.String, "age": pl.Int64,
                         "outcome": pl.String},
    "deregistrations": {**COMMON, "death_date": DAY, "deregistered_on": DAY,
                        "region_code": pl.String, "reason": pl.String, "death_cause": pl.String,
                        "show_birth": pl.Boolean},
    "cremations": {**COMMON, "age": pl.Int64, "death_date": DAY, "cremated_on": DAY,
                   "funeral_home": pl.String, "region_code": pl.String, "death_cause": pl.String,
                   "certificate_issuer": pl.String, "body_origin": pl.String},
    "injury_claims": {**COMMON, "employer_name": pl.String, "employer_uscc": pl.String,
                      "injury_date": DAY, "applied_on": DAY, "decided_on": DAY,
                      "outcome": pl.String, "injury_description": pl.String,
                      "region_code": pl.String},
    "medical_records": {**COMMON, "age": pl.Int64, "hospital": pl.String,
                        "region_code": pl.String, "admitted_at": TS, "discharged_at": TS,
                        "diagnosis_icd10": pl.String, "external_cause_icd10": pl.String,
                        "disposition": pl.String, "payer": pl.String,
                        "employer_name": pl.String, "anon": pl.Boolean},
    "employment": {**COMMON, "employer_name": pl.String, "employer_uscc": pl.String,
                   "industry": pl.String, "start_date": DAY, "end_date": DAY},
}


class Sink:
    """Collects record frames per source; small row lists are turned into frames at the end."""

    def __init__(self) -> None:
        self.frames: dict[str, list[pl.DataFrame]] = {s: [] for s in SCHEMAS}
        self.rows: dict[str, list[dict[str, Any]]] = {s: [] for s in SCHEMAS}

    def add_frame(self, source: str, df: pl.DataFrame) -> None:
        schema = SCHEMAS[source]
        cols = []
        for c, t in schema.items():
            if c in df.columns:
                cols.append(pl.col(c).cast(t))
            else:
                cols.append(pl.lit(None, dtype=t).alias(c))
        self.frames[source].append(df.select(cols))

    def add(self, source: str, **row: Any) -> None:
        unknown = set(row) - set(SCHEMAS[source])
        if unknown:
            raise KeyError(f"{source}: unknown columns {sorted(unknown)}")
        row.setdefault("ident", row["person"])
        self.rows[source].append(row)

    def collect(self, source: str) -> pl.DataFrame:
        schema = SCHEMAS[source]
        frames = list(self.frames[source])
        if self.rows[source]:
            frames.append(pl.DataFrame(self.rows[source], schema=schema))
        return pl.concat(frames, how="vertical")

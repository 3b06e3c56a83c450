"""Record plans: the true content of every record to be written, per source, keyed by person.
Rendering (errors, formats, record ids) happens in :mod:`render`."""

from __future__ import annotations

from typing import Any

import numpy as np
import polars as pl

D = pl.Date
DT = pl.Datetime("us")
S = pl.String
INT = pl.Int64
SCHEMAS: dict[str, dict[str, Any]] = {
    "deregistrations": {"pid": INT, "death_date": D, "dereg_date": D, "region_code": S, "reason": S,
                        "death_cause": S},
    "cremations": {"pid": INT, "death_date": D, "cremated_on": D, "fh": INT, "death_cause": S,
                   "certificate_issuer": S, "body_origin": S},
    "injury_claims": {"pid": INT, "firm": INT, "injury_date": D, "applied_on": D, "decided_on": D,
                      "outcome": S, "description": S, "region_code": S},
    "medical_records": {"pid": INT, "hosp": INT, "admitted_at": DT, "discharged_at": DT, "dx": S,
                        "ext": S, "disposition": S, "payer": S, "firm": INT, "employer_text": S,
                        "emergency": pl.Boolean},
    "employment": {"pid": INT, "firm": INT, "start": D, "end": D},
    "accident_victims": {"accident_id": S, "pid": INT, "ident_pid": INT, "outcome": S, "order": INT},
}


class Plans:
    def __init__(self) -> None:
        self.parts: dict[str, list[pl.DataFrame]] = {k: [] for k in SCHEMAS}
        self.rows: dict[str, list[dict]] = {k: [] for k in SCHEMAS}

    def add(self, src: str, **cols) -> None:
        """A vectorised batch: every column an array (or scalar broadcast)."""
        schema = SCHEMAS[src]
        n = max(len(v) for v in cols.values() if isinstance(v, (np.ndarray, list)))
        if n == 0:
            return
        data = {}
        for k, dtype in schema.items():
            v = cols.get(k)
            if v is None:
                data[k] = pl.Series(k, [None] * n, dtype=dtype)
            elif isinstance(v, list) or (isinstance(v, np.ndarray) and v.dtype == object):
                vals = v.tolist() if isinstance(v, np.ndarray) else v
                data[k] = pl.Series(k, vals, dtype=dtype)
            elif isinstance(v, np.ndarray):
                if v.dtype.kind == "M" and dtype == DT:
                    v = v.astype("datetime64[us]")
                elif v.dtype.kind == "M":
                    v = v.astype("datetime64[D]")
                data[k] = pl.Series(k, v).cast(dtype)
            else:
                data[k] = pl.Series(k, [v] * n).cast(dtype)
        self.parts[src].append(pl.DataFrame(data))

    def row(self, src: str, **vals) -> None:
        """One record (for the few hundred incident records built one by one)."""
        self.rows[src].append(vals)

    def frame(self, src: str) -> pl.DataFrame:
        schema = SCHEMAS[src]
        parts = list(self.parts[src])
        if self.rows[src]:
            cols = {k: [r.get(k) for r in self.rows[src]] for k in schema}
            parts.append(pl.DataFrame({k: pl.Series(k, v).cast(schema[k]) if any(x is not None for x in v)
                                       else pl.Series(k, v, dtype=schema[k]) for k, v in cols.items()}))
        if not parts:
            return pl.DataFrame(schema=schema)
        return pl.concat(parts, how="vertical")

"""Explanations: the waterfall of weights for one pair, recomputed from the saved model.

Schema: ``comparison`` String, ``level`` String, ``value_l`` String, ``value_r`` String,
``bayes_factor`` Float64, ``match_weight`` Float64 (log2). First row ``prior``, then
one row per comparison (and a ``<name> (term frequency)`` row where a term-frequency
adjustment applies), last row ``total`` whose level holds the match probability. The
total equals the pair's ``match_weight`` in the scored pairs: one source of truth.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import polars as pl

from linkage.comparisons import comparison_vectors

if TYPE_CHECKING:
    from linkage.linker import Linker

SCHEMA = {"comparison": pl.String, "level": pl.String, "value_l": pl.String, "value_r": pl.String,
          "bayes_factor": pl.Float64, "match_weight": pl.Float64}


def _text(records: pl.DataFrame, cols: list[str], i: int) -> str | None:
    vals = []
    for c in cols:
        v = records[c][i]
        vals.append("" if v is None else str(v))
    return None if all(v == "" for v in vals) else " | ".join(vals)


def waterfall(linker: Linker, records: pl.DataFrame, i: int, j: int) -> pl.DataFrame:
    """Waterfall for records ``i`` and ``j`` (row positions of the prepared records)."""
    model = linker._check_fitted()     # UsageError if untrained (was an AttributeError on None)
    vec = comparison_vectors(model.comparisons, records, np.array([i], dtype=np.uint32),
                             np.array([j], dtype=np.uint32))
    tf = linker.term_frequencies(records)
    tf_pair = {n: np.array([max(np.nan_to_num(t[i]), np.nan_to_num(t[j]))]) for n, t in tf.items()}
    groups, names, _ = linker.pair_groups(records, np.array([i]), np.array([j]))
    pw = float(np.atleast_1d(model.pair_prior_weights(groups, names))[0])
    lam = 1.0 / (1.0 + 2.0 ** (-pw))
    group = names[int(groups[0])] if model.pair_priors_.get(names[int(groups[0])]) else "all pairs"
    rows = [{"comparison": "prior", "level": f"λ = {lam:.3g} ({group})", "value_l": None, "value_r": None,
             "bayes_factor": lam / (1 - lam), "match_weight": pw}]
    weights = model.comparison_weights(vec, tf_pair)
    for c in model.comparisons:
        lv = int(vec[c.name][0])
        w = float(weights[c.name][0])
        rows.append({"comparison": c.name, "level": c.levels[lv],
                     "value_l": _text(records, c.columns, i), "value_r": _text(records, c.columns, j),
                     "bayes_factor": 2.0 ** w, "match_weight": w})
        key = f"{c.name}:tf"
        if key in weights and weights[key][0] != 0.0:
            wt = float(weights[key][0])
            rows.append({"comparison": f"{c.name} (term frequency)",
                         "level": f"value frequency {tf_pair[c.name][0]:.3g}",
                         "value_l": _text(records, [c.tf_column or c.columns[0]], i),
                         "value_r": _text(records, [c.tf_column or c.columns[0]], j),
                         "bayes_factor": 2.0 ** wt, "match_weight": wt})
    total = float(sum(r["match_weight"] for r in rows))
    prob = 1.0 / (1.0 + 2.0 ** (-total)) if total > -1000 else 0.0
    rows.append({"comparison": "total", "level": f"match probability {prob:.6f}", "value_l": None,
                 "value_r": None, "bayes_factor": 2.0 ** total if total < 1000 else math.inf,
                 "match_weight": total})
    return pl.DataFrame(rows, schema=SCHEMA)


def format_waterfall(frame: pl.DataFrame) -> str:
    """The waterfall as aligned text, one line per row, with a bar per weight."""
    lines = []
    for r in frame.iter_rows(named=True):
        w = r["match_weight"]
        bar = ("+" if w >= 0 else "-") * min(round(abs(w)), 30)
        vals = ""
        if r["value_l"] is not None or r["value_r"] is not None:
            vals = f"  [{r['value_l'] or '∅'}] vs [{r['value_r'] or '∅'}]"
        lines.append(f"{r['comparison']:<28} {w:+8.2f}  {bar:<30} {r['level']}{vals}")
    return "\n".join(lines)

"""Match-weight waterfalls for dossiers and the review app, without reloading the run per link.

``pipelines.linking.explain_pair(run_dir, a, b)`` is the one source of truth for a link's
waterfall; it loads ``model.json`` and the whole ``records.parquet``, prepares the records
and computes the term frequencies of every record on *each* call — fine for one pair on the
command line, slow for a page or dossier that explains ten links of a province-sized run.

:func:`explain_rows` gives the same rows (the same function of the linkage package,
``linkage.explain.waterfall``, on the same prepared records and term frequencies) but
loads, prepares and counts once per run folder and keeps it for the next call (the last
:data:`KEEP_RUNS` run folder per process — the records of a province are large; a folder
whose ``model.json`` or ``records.parquet`` changed is reloaded). When that fast path is unavailable (no linkage
package, a model it cannot load, a record it cannot find), it falls back to
``explain_pair`` itself, so the answer is always explain_pair's.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

KEEP_RUNS = 1


class RunExplainer:
    """One run folder's linkage model and prepared records, ready to explain any pair."""

    def __init__(self, run_dir: Path) -> None:
        import polars as pl

        from linkage.linker import Linker

        self.run_dir = run_dir
        linker = Linker.load(run_dir / "model.json")
        prepared = linker.prepare(pl.read_parquet(run_dir / "records.parquet"))
        tf = linker.term_frequencies(prepared)
        unprepared_tf = linker.term_frequencies

        def term_frequencies(records: pl.DataFrame) -> dict[str, np.ndarray]:
            # the waterfall asks for the frequencies of the records it was given: these
            return tf if records is prepared else unprepared_tf(records)

        linker.term_frequencies = term_frequencies  # type: ignore[method-assign]
        uid = linker.config.unique_id
        keys = prepared.select(pl.col("_src").cast(pl.String), pl.col(uid).cast(pl.String),
                               pl.col("_idx"))
        self._index = {(s, r): int(i) for s, r, i in keys.iter_rows()}
        self._linker = linker
        self._records = prepared
        self._lock = threading.Lock()

    def explain(self, a: tuple[str, str], b: tuple[str, str]) -> list[dict[str, Any]] | None:
        """The waterfall rows of ``a`` ↔ ``b``; None when either record is not in the run."""
        from linkage.explain import waterfall

        i, j = self._index.get((a[0], str(a[1]))), self._index.get((b[0], str(b[1])))
        if i is None or j is None:
            return None
        with self._lock:  # the linker is not documented as thread-safe
            return waterfall(self._linker, self._records, i, j).to_dicts()


_runs: OrderedDict[tuple[str, float, float], RunExplainer] = OrderedDict()
_runs_lock = threading.Lock()


def _explainer(run_dir: Path) -> RunExplainer:
    model, recs = run_dir / "model.json", run_dir / "records.parquet"
    key = (str(run_dir.resolve()), model.stat().st_mtime, recs.stat().st_mtime)
    with _runs_lock:
        hit = _runs.get(key)
        if hit is not None:
            _runs.move_to_end(key)
            return hit
    made = RunExplainer(run_dir)
    with _runs_lock:
        _runs[key] = made
        while len(_runs) > KEEP_RUNS:
            _runs.popitem(last=False)
    return made


def explain_rows(run_dir: str | Path, a: tuple[str, str], b: tuple[str, str]
                 ) -> list[dict[str, Any]]:
    """The rows of ``pipelines.linking.explain_pair(run_dir, a, b)`` as dicts (``comparison``,
    ``level``, ``value_l``, ``value_r``, ``bayes_factor``, ``match_weight``; the prior first,
    ``total`` last). Raises what ``explain_pair`` raises when neither way can explain."""
    d = Path(run_dir)
    try:
        rows = _explainer(d).explain(a, b)
        if rows is not None:
            return rows
    except Exception as exc:  # fall back to the reference implementation
        log.debug("fast explanation unavailable for %s: %s", d, exc)
    from pipelines.linking import explain_pair

    return explain_pair(d, a, b).to_dicts()


def warm(run_dir: str | Path) -> bool:
    """Load ``run_dir``'s explainer ahead of the first request; False when it cannot be."""
    d = Path(run_dir)
    if not ((d / "model.json").is_file() and (d / "records.parquet").is_file()):
        return False
    try:
        _explainer(d)
    except Exception as exc:
        log.debug("cannot prepare explanations for %s: %s", d, exc)
        return False
    return True

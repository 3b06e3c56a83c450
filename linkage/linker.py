"""The ``Linker``: a small scikit-learn-like front over the linkage stages.

``Linker(config, seed=0)`` stores parameters only. ``fit(records)`` learns the model
(``model_``); ``predict(records)`` scores candidate pairs; ``cluster(records, scored)``
groups records into persons; ``links(records, clusters)`` gives the contract's
``links`` table; ``explain(records, a, b)`` the waterfall of one pair; ``save`` /
``Linker.load`` round-trip the trained model through JSON.

Records: any polars frame with the configuration's columns, a unique key
(``config.unique_id``, unique within a source) and optionally a source column.
Internally a prepared copy carries ``_idx`` (row position) and ``_src``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from linkage.blocking import BlockingReport, block, key_column, random_pairs
from linkage.clustering import cluster as _cluster
from linkage.comparisons import Encoded, build_comparison, comparison_vectors, encode_records
from linkage.config import LinkageConfig
from linkage.errors import ConfigError as UsageError
from linkage.errors import InputDataError as FatalDataError
from linkage.explain import waterfall
from linkage.model import MODEL_VERSION, FellegiSunter

log = logging.getLogger(__name__)

SCORED_SCHEMA = {"idx_l": pl.UInt32, "idx_r": pl.UInt32, "rule": pl.String,
                 "match_weight": pl.Float64, "match_probability": pl.Float64}


def _key_of_anchor(anchor: str) -> str:
    """The person key of an anchor text ``source\x1frecord_id``."""
    return "P" + hashlib.blake2b(anchor.encode(), digest_size=8).hexdigest()


def person_key(source: str, record_id: str) -> str:
    """Stable person key derived from a cluster's anchor record."""
    return _key_of_anchor(f"{source}\x1f{record_id}")


class Linker:
    """Fellegi–Sunter linkage configured by a :class:`LinkageConfig`."""

    def __init__(self, config: LinkageConfig, seed: int = 0) -> None:
        self.config = config
        self.seed = seed
        self.comparisons = [build_comparison(s) for s in config.comparisons]
        self.model_: FellegiSunter | None = None
        self.blocking_report_: BlockingReport | None = None
        self.timings_: dict[str, float] = {}
        self._cache: tuple[Any, ...] | None = None
        self._pair_cache: tuple[Any, ...] | None = None

    # ---- stages -------------------------------------------------------
    def prepare(self, records: pl.DataFrame) -> pl.DataFrame:
        """Add ``_idx`` / ``_src``; check the columns the configuration needs."""
        if "_idx" in records.columns and "_src" in records.columns:
            return records
        needed = {c for comp in self.comparisons for c in comp.all_columns}
        for r in self.config.blocking:
            needed |= {key_column(k) for k in r.on}
            if r.date:
                needed.add(r.date)
        missing = sorted(c for c in needed if c not in records.columns)
        if missing:
            raise FatalDataError(f"records lack column(s) {missing} that the configuration "
                                 f"{self.config.name!r} uses",
                                 hint="prepare them (e.g. pipelines.persons) or fix the configuration")
        sc = self.config.source_column
        src = pl.col(sc).cast(pl.String) if sc in records.columns else pl.lit("records")
        if records.n_chunks() > 1:
            # one contiguous copy now: the added columns are contiguous, and polars rechunks every
            # column of a frame whose columns are chunked differently each time a stage selects
            # from it (1.4 GB per select at 4 M person records read from Parquet)
            records = records.rechunk()
        return records.with_columns(
            pl.int_range(0, pl.len(), dtype=pl.UInt32).alias("_idx"), src.alias("_src")
        )

    def candidate_pairs(self, records: pl.DataFrame) -> pl.DataFrame:
        """Candidate pairs (``idx_l``, ``idx_r``, ``rule``, ``rules_mask``) of prepared records."""
        pairs, report = block(records, self.config.blocking, self.config.link_type)
        self.blocking_report_ = report
        return pairs

    def comparison_vectors(self, records: pl.DataFrame, pairs: pl.DataFrame,
                           encoded: dict[str, Encoded] | None = None) -> pl.DataFrame:
        """One Int8 level column per comparison, row-aligned with ``pairs`` (``encoded``: the
        records' :func:`linkage.comparisons.encode_records`, to reuse across pair sets)."""
        return comparison_vectors(self.comparisons, records, pairs["idx_l"].to_numpy(),
                                  pairs["idx_r"].to_numpy(), encoded)

    def term_frequencies(self, records: pl.DataFrame) -> dict[str, np.ndarray]:
        """Per record, the relative frequency of its value in each tf-adjusted comparison."""
        out = {}
        for c in self.comparisons:
            col = c.tf_column
            if not col:
                continue
            s = records[col]
            n = max(int(s.is_not_null().sum()), 1)
            tf = records.select((pl.len().over(col) / n).alias("tf"))["tf"]
            tf = pl.select(pl.when(s.is_null()).then(None).otherwise(tf)).to_series()
            out[c.name] = tf.to_numpy().astype(np.float64)
        return out

    def _pair_tf(self, tf: dict[str, np.ndarray], il: np.ndarray, ir: np.ndarray) -> dict[str, np.ndarray]:
        return {n: np.fmax(t[il], t[ir]) for n, t in tf.items()}

    def pair_groups(self, records: pl.DataFrame, il: np.ndarray, ir: np.ndarray
                    ) -> tuple[np.ndarray, list[str], dict[str, float]]:
        """Source pair of every pair: (group index per pair, group names ``"a|b"`` with
        a ≤ b, possible pairs per group) — for one prior per source pair."""
        # group_by on the one column: on the whole (wide, multi-chunk) records frame polars
        # rechunks every column first (a 1.5 GB transient at 4 M person records)
        counts = records.select("_src").group_by("_src").len().sort("_src")
        srcs = counts["_src"].cast(pl.String).to_list()
        sizes = counts["len"].to_numpy().astype(np.float64)
        k = len(srcs)
        code = records.select(pl.col("_src").cast(pl.String).replace_strict(
            {s: i for i, s in enumerate(srcs)}, return_dtype=pl.Int32))["_src"].to_numpy()
        a, b = code[il], code[ir]
        groups = (np.minimum(a, b) * k + np.maximum(a, b)).astype(np.int64)
        names = [f"{srcs[i // k]}|{srcs[i % k]}" for i in range(k * k)]
        totals: dict[str, float] = {}
        for i in range(k):
            for j in range(i, k):
                if i == j:
                    if self.config.link_type != "link_only":
                        totals[names[i * k + j]] = sizes[i] * (sizes[i] - 1) / 2.0
                elif self.config.link_type != "dedupe":
                    totals[names[i * k + j]] = sizes[i] * sizes[j]
        return groups, names, totals

    def _total_pairs(self, records: pl.DataFrame) -> float:
        n = records.height
        if self.config.link_type == "link_only":
            sizes = records.select("_src").group_by("_src").len()["len"].to_numpy().astype(np.float64)
            return float((sizes.sum() ** 2 - (sizes ** 2).sum()) / 2)
        return n * (n - 1) / 2.0

    def _pair_context(self, records: pl.DataFrame, prepared: pl.DataFrame, pairs: pl.DataFrame
                      ) -> tuple[dict[str, np.ndarray], np.ndarray, list[str], dict[str, float]]:
        """Per candidate pair: term frequencies and source-pair groups (with the group names
        and sizes) — computed once per records frame, shared by ``fit`` and ``predict``."""
        if self._pair_cache is not None and self._pair_cache[0] is records:
            return self._pair_cache[1]  # type: ignore[no-any-return]
        il, ir = pairs["idx_l"].to_numpy(), pairs["idx_r"].to_numpy()
        ctx = (self._pair_tf(self.term_frequencies(prepared), il, ir), *self.pair_groups(prepared, il, ir))
        self._pair_cache = (records, ctx)
        return ctx

    def _stage(self, records: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, dict[str, Encoded]]:
        """Prepared records, candidate pairs, their comparison vectors and the records'
        encoding — computed once per records frame and shared by ``fit`` and ``predict``."""
        if self._cache is not None and self._cache[0] is records:
            return self._cache[1], self._cache[2], self._cache[3], self._cache[4]
        prepared = self.prepare(records)
        t = time.perf_counter()
        pairs = self.candidate_pairs(prepared)
        self.timings_["blocking"] = time.perf_counter() - t
        t = time.perf_counter()
        encoded = encode_records(self.comparisons, prepared)
        self.timings_["encoding"] = time.perf_counter() - t
        t = time.perf_counter()
        vectors = self.comparison_vectors(prepared, pairs, encoded)
        self.timings_["comparisons"] = time.perf_counter() - t
        self._cache = (records, prepared, pairs, vectors, encoded)
        return prepared, pairs, vectors, encoded

    def release(self) -> None:
        """Drop the per-records caches ``fit`` and ``predict`` share (encodings, candidate pairs,
        comparison vectors, term frequencies); the next call on the records recomputes them."""
        self._cache = None
        self._pair_cache = None

    # ---- learning -----------------------------------------------------
    def fit(self, records: pl.DataFrame, labels: pl.DataFrame | None = None) -> Linker:
        """Learn u (random pairs), m (EM, or ``labels``) and the prior.

        ``labels``: pairs with ``idx_l``, ``idx_r`` (row positions) and ``is_match``
        (Boolean) — e.g. investigators' decisions; m then comes from the matches.
        """
        prepared, pairs, vectors, encoded = self._stage(records)
        if prepared.height < 2:
            raise FatalDataError("fewer than two records to link", hint="supply more records")
        model = FellegiSunter(self.comparisons)
        t = time.perf_counter()
        n_u = int(min(self.config.u_sample_pairs, max(self._total_pairs(prepared), 1)))
        il, ir = random_pairs(prepared, n_u, self.config.link_type, self.seed)
        model.estimate_u(comparison_vectors(self.comparisons, prepared, il, ir, encoded))
        if labels is not None:
            lab = labels.filter(pl.col("is_match"))
            if lab.height == 0:
                raise UsageError("the labels hold no matching pair", hint="label some matches")
            lv = comparison_vectors(self.comparisons, prepared, labels["idx_l"].to_numpy(),
                                    labels["idx_r"].to_numpy(), encoded)
            model.estimate_m_labels(lv, labels["is_match"].to_numpy())
        else:
            sessions = []
            mask = pairs["rules_mask"].to_numpy()
            for i, rule in enumerate(self.config.blocking):
                if not rule.train:
                    continue
                cols = {key_column(k) for k in rule.on} | ({rule.date} if rule.date else set())
                excluded = [c.name for c in self.comparisons if cols & set(c.all_columns)]
                sessions.append((rule.name, (mask & (1 << i)) != 0, excluded))
            model.estimate_m_em(vectors, sessions, self.config.max_em_iterations, self.config.em_tolerance,
                                pooling=self.config.m_pooling)
        model.prior_ = 0.5
        tf, groups, names, totals = self._pair_context(records, prepared, pairs)
        w, _ = model.score(vectors, tf)
        w = w - model.prior_weight
        model.estimate_prior(w, self._total_pairs(prepared))
        if self.config.prior_per_source_pair:
            model.estimate_pair_priors(w, groups, names, totals)
        model.training_["seed"] = self.seed
        model.training_["candidate_pairs"] = pairs.height
        self.model_ = model
        self.timings_["training"] = time.perf_counter() - t
        return self

    # ---- inference ----------------------------------------------------
    def _check_fitted(self) -> FellegiSunter:
        if self.model_ is None:
            raise UsageError("the linker is not trained", hint="call fit() or Linker.load() first")
        return self.model_

    def predict(self, records: pl.DataFrame) -> pl.DataFrame:
        """Scored pairs: ``idx_l``, ``idx_r``, ``rule``, ``match_weight``, ``match_probability``."""
        model = self._check_fitted()
        prepared, pairs, vectors, _ = self._stage(records)
        t = time.perf_counter()
        tf, groups, names, _ = self._pair_context(records, prepared, pairs)
        w, p = model.score(vectors, tf, groups, names)
        self.timings_["scoring"] = time.perf_counter() - t
        return pairs.select("idx_l", "idx_r", pl.col("rule").cast(pl.String)).with_columns(
            pl.Series("match_weight", w), pl.Series("match_probability", p)
        )

    def cluster(self, records: pl.DataFrame, scored: pl.DataFrame,
                threshold: float | None = None) -> pl.DataFrame:
        """Clusters (``_idx``, ``cluster``, ``match_probability``, ``cluster_size``)."""
        prepared = self.prepare(records)
        t = time.perf_counter()
        th = self.config.match_threshold if threshold is None else threshold
        clusters, stats = _cluster(prepared, scored, th, self.config.clustering)
        self.cluster_stats_ = stats
        self.timings_["clustering"] = time.perf_counter() - t
        return clusters

    def links(self, records: pl.DataFrame, clusters: pl.DataFrame) -> pl.DataFrame:
        """The contract's ``links``: ``source``, ``record_id``, ``person_key``, ``match_probability``."""
        prepared = self.prepare(records)
        f = prepared.select(
            pl.col("_src").cast(pl.String).alias("source"),
            pl.col(self.config.unique_id).cast(pl.String).alias("record_id"),
        ).with_columns(clusters["cluster"], clusters["match_probability"])
        anchor = f.group_by("cluster").agg(
            pl.struct("source", "record_id").sort_by(["source", "record_id"]).first().alias("a")
        ).unnest("a").rename({"source": "a_src", "record_id": "a_id"})
        # person_key() for every anchor (the anchor texts joined by polars, not per row)
        text = anchor.select(pl.concat_str(["a_src", pl.lit("\x1f"), "a_id"]).alias("t"))["t"].to_list()
        keys = anchor.select("cluster", pl.Series("person_key", [_key_of_anchor(t) for t in text],
                                                  dtype=pl.String))
        return (f.join(keys, on="cluster", how="left")
                .select("source", "record_id", "person_key", "match_probability")
                .sort(["source", "record_id"]))

    def pairs_table(self, records: pl.DataFrame, scored: pl.DataFrame,
                    threshold: float | None = None) -> pl.DataFrame:
        """The contract's ``pairs``: scored pairs at or above the reporting threshold."""
        prepared = self.prepare(records)
        th = self.config.pairs_threshold if threshold is None else threshold
        s = scored.filter(pl.col("match_probability") >= th)
        src = prepared["_src"].cast(pl.String)
        rid = prepared[self.config.unique_id].cast(pl.String)
        return pl.DataFrame({
            "source_l": src.gather(s["idx_l"]), "record_id_l": rid.gather(s["idx_l"]),
            "source_r": src.gather(s["idx_r"]), "record_id_r": rid.gather(s["idx_r"]),
            "match_weight": s["match_weight"], "match_probability": s["match_probability"],
        }).sort(["source_l", "record_id_l", "source_r", "record_id_r"])

    def index_of(self, records: pl.DataFrame, source: str, record_id: str) -> int:
        """Row position of (source, record_id) in the prepared records."""
        prepared = self.prepare(records)
        hit = prepared.filter((pl.col("_src").cast(pl.String) == source)
                              & (pl.col(self.config.unique_id).cast(pl.String) == str(record_id)))
        if hit.height == 0:
            raise UsageError(f"no record {source}:{record_id} in the linked records",
                             hint="give SOURCE:RECORD_ID of a record that was linked")
        return int(hit["_idx"][0])

    def explain(self, records: pl.DataFrame, a: int | tuple[str, str], b: int | tuple[str, str]) -> pl.DataFrame:
        """Waterfall of one pair (row positions or (source, record_id))."""
        self._check_fitted()
        prepared = self.prepare(records)
        i = a if isinstance(a, int) else self.index_of(prepared, *a)
        j = b if isinstance(b, int) else self.index_of(prepared, *b)
        return waterfall(self, prepared, i, j)

    def link(self, records: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
        """fit + predict + cluster; returns (scored pairs, clusters, links)."""
        self.fit(records)
        scored = self.predict(records)
        # clustering needs none of the stage caches (the records' encodings, the comparison
        # vectors, the pairs' term frequencies): free them first. At 4.1 M records this takes the
        # link stage's peak from 7.55 to 6.81 GB (fit's), as clustering's own peak came on top.
        self.release()
        clusters = self.cluster(records, scored)
        return scored, clusters, self.links(records, clusters)

    # ---- persistence --------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        model = self._check_fitted()
        return {"version": MODEL_VERSION, "seed": self.seed, "config": self.config.to_dict(),
                **model.to_dict()}

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Linker:
        if data.get("version") != MODEL_VERSION:
            raise UsageError(f"model version {data.get('version')} is not {MODEL_VERSION}",
                             hint="re-run the linkage with this version of crosscheck")
        cfg = LinkageConfig.from_dict(data["config"])
        linker = cls(cfg, seed=int(data.get("seed", 0)))
        linker.model_ = FellegiSunter.from_dict(data, cfg.comparisons)
        linker.comparisons = linker.model_.comparisons
        return linker

    @classmethod
    def load(cls, path: str | Path) -> Linker:
        p = Path(path)
        if not p.is_file():
            raise UsageError(f"model file {p} does not exist", hint="give the run folder's model.json")
        return cls.from_dict(json.loads(p.read_text(encoding="utf-8")))

"""The person-linkage stage of a run: person records → links, pairs, model.

``link_persons(records, *, config=None, seed=0) -> LinkResult`` links the frame built
by :func:`pipelines.persons.person_records` with the shipped ``person`` configuration
(or ``config``: a :class:`linkage.LinkageConfig` or a TOML path).
``explain_pair(run_dir, (source, record_id), (source, record_id))`` recomputes one
pair's waterfall from the run folder's ``model.json`` and ``records.parquet``.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from linkage import LinkageConfig, Linker
from pipelines.errors import UsageError

log = logging.getLogger(__name__)

LINKS_SCHEMA = {"source": pl.String, "record_id": pl.String, "person_key": pl.String,
                "match_probability": pl.Float64}
PAIRS_SCHEMA = {"source_l": pl.String, "record_id_l": pl.String, "source_r": pl.String,
                "record_id_r": pl.String, "match_weight": pl.Float64, "match_probability": pl.Float64}


@dataclass
class LinkResult:
    """``links`` and ``pairs`` as the contract says; ``model`` is the JSON of ``model.json``;
    ``cluster_sizes``: ``cluster_size`` → ``persons`` (how many persons have that many records)."""

    links: pl.DataFrame
    pairs: pl.DataFrame
    model: dict[str, Any]
    cluster_sizes: pl.DataFrame
    stats: dict[str, Any] = field(default_factory=dict)

    def write(self, out_dir: str | Path) -> None:
        """Write ``links.parquet``, ``pairs.parquet`` and ``model.json`` into ``out_dir``."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        self.links.write_parquet(out / "links.parquet")
        self.pairs.write_parquet(out / "pairs.parquet")
        (out / "model.json").write_text(json.dumps(self.model, ensure_ascii=False, indent=1), encoding="utf-8")


def _config(config: LinkageConfig | str | Path | None) -> LinkageConfig:
    if config is None:
        return LinkageConfig.shipped("person")
    if isinstance(config, LinkageConfig):
        return config
    return LinkageConfig.from_toml(config)


def link_persons(records: pl.DataFrame, *, config: LinkageConfig | str | Path | None = None,
                 seed: int = 0) -> LinkResult:
    """Link person records into persons (deterministic for a seed)."""
    cfg = _config(config)
    if records.height == 0:
        return LinkResult(pl.DataFrame(schema=LINKS_SCHEMA), pl.DataFrame(schema=PAIRS_SCHEMA), {},
                          pl.DataFrame(schema={"cluster_size": pl.UInt32, "persons": pl.UInt32}))
    if records.height == 1:
        links = records.select(pl.col("source").cast(pl.String), pl.col("record_id").cast(pl.String))
        links = links.with_columns(pl.lit(None, dtype=pl.String).alias("person_key"),
                                   pl.lit(1.0).alias("match_probability"))
        from linkage import person_key

        links = links.with_columns(pl.lit(person_key(links["source"][0], links["record_id"][0])).alias("person_key"))
        return LinkResult(links, pl.DataFrame(schema=PAIRS_SCHEMA), {},
                          pl.DataFrame({"cluster_size": [1], "persons": [1]},
                                       schema={"cluster_size": pl.UInt32, "persons": pl.UInt32}))
    linker = Linker(cfg, seed=seed)
    scored, clusters, links = linker.link(records)
    pairs = linker.pairs_table(records, scored)
    sizes = (clusters.group_by("cluster").agg(pl.len().cast(pl.UInt32).alias("cluster_size"))
             .group_by("cluster_size").agg(pl.len().cast(pl.UInt32).alias("persons")).sort("cluster_size"))
    stats = {"timings": dict(linker.timings_), "candidate_pairs": scored.height,
             "blocking": linker.blocking_report_.to_dict() if linker.blocking_report_ else {},
             "clustering": dict(linker.cluster_stats_)}
    model = linker.to_dict()
    model["run_stats"] = stats
    log.info("linked %d records into %d persons (%d candidate pairs)", records.height,
             links["person_key"].n_unique(), scored.height)
    return LinkResult(links, pairs, model, sizes, stats)


def _parse_ref(ref: tuple[str, str] | str) -> tuple[str, str]:
    if isinstance(ref, tuple):
        return ref
    if ":" not in ref:
        raise UsageError(f"{ref!r} is not SOURCE:RECORD_ID", hint="write e.g. deregistrations:ZX20240000123")
    s, r = ref.split(":", 1)
    return s, r


def explain_pair(run_dir: str | Path, a: tuple[str, str] | str, b: tuple[str, str] | str) -> pl.DataFrame:
    """The waterfall of weights for one pair, recomputed from ``model.json`` + ``records.parquet``."""
    run = Path(run_dir)
    model_path, rec_path = run / "model.json", run / "records.parquet"
    for p in (model_path, rec_path):
        if not p.is_file():
            raise UsageError(f"run folder {run} has no {p.name}",
                             hint="give the output folder of a completed run")
    linker = Linker.load(model_path)
    records = pl.read_parquet(rec_path)
    return linker.explain(records, _parse_ref(a), _parse_ref(b))


def records_from_input(input_dir: str | Path, column_map: str | Path | None = None) -> pl.DataFrame:
    """Person records of a folder of contract sources (read, typed, normalised; no quality gate)."""
    from pipelines.canonical import to_canonical
    from pipelines.io import load_column_map, read_input_dir
    from pipelines.persons import person_records

    raw = read_input_dir(input_dir, load_column_map(column_map))
    typed = {name: to_canonical(name, src.frame) for name, src in raw.items() if src.frame is not None}
    records = person_records(typed)
    if records.height == 0:
        raise UsageError(f"{input_dir} holds no person-bearing source",
                         hint="supply accident_victims, deregistrations, cremations, injury_claims "
                              "or medical_records")
    return records


def records_from_config(config: LinkageConfig) -> pl.DataFrame:
    """Records of the sources a configuration names (``[[sources]]`` name + path, CSV or Parquet)."""
    if not config.sources:
        raise UsageError(f"configuration {config.name!r} names no [[sources]]",
                         hint="add [[sources]] tables (name, path) or pass --input DIR")
    base = config.base_dir or Path(".")
    frames = []
    for s in config.sources:
        p = Path(s["path"])
        p = p if p.is_absolute() else base / p
        if not p.is_file():
            raise UsageError(f"source {s.get('name')!r}: file {p} does not exist",
                             hint="fix the path in [[sources]] (relative to the configuration file)")
        f = pl.read_parquet(p) if p.suffix == ".parquet" else pl.read_csv(p, infer_schema=False)
        frames.append(f.with_columns(pl.lit(s["name"]).alias(config.source_column)))
    return pl.concat(frames, how="diagonal_relaxed")


def true_pairs(truth_dir: str | Path, records: pl.DataFrame) -> pl.DataFrame:
    """Row-position pairs (``idx_l`` < ``idx_r``) of records that truly are one person."""
    t = Path(truth_dir)
    path = next((p for p in (t / "truth" / "record_person.parquet", t / "record_person.parquet") if p.is_file()), None)
    if path is None:
        raise UsageError(f"{t} has no record_person.parquet (nor truth/record_person.parquet)",
                         hint="give the generated data folder or its truth/ folder")
    truth = pl.read_parquet(path)
    r = (records.select(pl.col("source").cast(pl.String), pl.col("record_id").cast(pl.String))
         .with_row_index("_i").join(truth, on=["source", "record_id"]).select("_i", "person_id"))
    return (r.join(r, on="person_id", suffix="_r").filter(pl.col("_i") < pl.col("_i_r"))
            .select(pl.col("_i").cast(pl.UInt32).alias("idx_l"), pl.col("_i_r").cast(pl.UInt32).alias("idx_r")))

"""Linkage configurations as plain data: sources, blocking rules, comparisons, clustering.

A configuration describes *what* to compare, never *how*; :mod:`linkage.comparisons`,
:mod:`linkage.blocking` and :mod:`linkage.clustering` compile it to polars / rapidfuzz
code. It is read from TOML (``LinkageConfig.from_toml``), round-trips through a dict
(``to_dict`` / ``from_dict``) and is saved inside the trained model's JSON, so a model
file is self-describing.

TOML layout::

    [linkage]
    name = "febrl4"
    link_type = "link_only"          # link_only | dedupe | link_and_dedupe
    unique_id = "record_id"          # record key column
    source_column = "source"         # which source a record came from
    match_threshold = 0.5            # pairs at or above join clusters
    pairs_threshold = 0.1            # pairs at or above are reported
    u_sample_pairs = 1_000_000       # random pairs for the u probabilities
    prior_per_source_pair = true     # one prior λ per pair of sources (else one for all)
    max_em_iterations = 100
    m_pooling = "median"             # how the EM sessions' m estimates are combined: median | mean

    [[sources]]                      # only for `crosscheck link` (files to read)
    name = "A"
    path = "a.parquet"               # relative to the configuration file

    [[blocking]]
    name = "dob"                     # rule name (reported per rule)
    kind = "equal"                   # equal | window | sorted_neighbourhood
    on = ["date_of_birth"]           # key columns; "col[:3]" = first 3 characters
    # window: date = "event_date", within_days = 30
    # sorted_neighbourhood: on = ["name_pinyin"], window = 5
    # overlap = ["birth_year_min", "birth_year_max"], overlap_slack = 1:
    #   also require the two records' [min, max] ranges to overlap within the slack
    #   (joined on an exploded year key, so big name blocks never form)
    max_block_size = 2000            # skip keys shared by more records (reported)
    train = true                     # use this rule as an EM training session

    [[comparisons]]
    name = "surname"
    kind = "string"                  # see linkage.comparisons.COMPARISONS
    column = "surname"
    thresholds = [0.92, 0.8]
    tf_adjust = true                 # term-frequency adjustment at the exact level

    [clustering]
    one_per_source = ["A", "B"]      # at most one record of these sources per cluster
    duplicate_columns = []           # same source + same values = one record resubmitted
    duplicate_min_probability = 0    # ... or linked this surely with the same valid ID (0 = off)
    id_column = ""                   # valid IDs more than max_id_typos apart never join
    id_valid_column = ""
    max_id_typos = 1
"""

from __future__ import annotations

import copy
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linkage.errors import ConfigError as UsageError

LINK_TYPES = ("link_only", "dedupe", "link_and_dedupe")
BLOCKING_KINDS = ("equal", "window", "sorted_neighbourhood")
# how the m probabilities estimated in the EM sessions (one per training blocking rule) are
# combined: the per-level median is robust to a session whose blocking keys do not identify
# persons (a name-only rule, where EM takes namesakes for matches); the mean is Splink's
M_POOLINGS = ("median", "mean")


@dataclass
class BlockingRule:
    """One blocking rule; candidate pairs of all rules are unioned and deduplicated."""

    name: str
    kind: str = "equal"
    on: list[str] = field(default_factory=list)
    date: str | None = None
    within_days: int = 0
    window: int = 5
    max_block_size: int = 5000
    train: bool = True
    overlap: list[str] = field(default_factory=list)
    overlap_slack: int = 0
    # sources whose records take no part in this rule (a source the rule's keys say little about,
    # or one that would flood it with pairs the other rules already propose)
    exclude_sources: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"name": self.name, "kind": self.kind, "on": list(self.on),
                             "max_block_size": self.max_block_size, "train": self.train}
        if self.overlap:
            d.update(overlap=list(self.overlap), overlap_slack=self.overlap_slack)
        if self.exclude_sources:
            d["exclude_sources"] = list(self.exclude_sources)
        if self.kind == "window":
            d.update(date=self.date, within_days=self.within_days)
        if self.kind == "sorted_neighbourhood":
            d["window"] = self.window
        return d


@dataclass
class ClusteringSpec:
    """Guards that keep clusters from chaining (see :mod:`linkage.clustering`)."""

    one_per_source: list[str] = field(default_factory=list)
    duplicate_columns: list[str] = field(default_factory=list)
    duplicate_min_probability: float = 0.0
    id_column: str | None = None
    id_valid_column: str | None = None
    max_id_typos: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {"one_per_source": list(self.one_per_source),
                "duplicate_columns": list(self.duplicate_columns),
                "duplicate_min_probability": self.duplicate_min_probability,
                "id_column": self.id_column, "id_valid_column": self.id_valid_column,
                "max_id_typos": self.max_id_typos}


@dataclass
class LinkageConfig:
    """A whole linkage: what to read, how to block, what to compare, how to cluster."""

    name: str
    comparisons: list[dict[str, Any]]
    blocking: list[BlockingRule]
    link_type: str = "link_and_dedupe"
    unique_id: str = "record_id"
    source_column: str = "source"
    match_threshold: float = 0.5
    pairs_threshold: float = 0.1
    u_sample_pairs: int = 1_000_000
    prior_per_source_pair: bool = True
    max_em_iterations: int = 100
    em_tolerance: float = 1e-6
    m_pooling: str = "median"
    sources: list[dict[str, Any]] = field(default_factory=list)
    clustering: ClusteringSpec = field(default_factory=ClusteringSpec)
    base_dir: Path | None = None

    # ---- construction -------------------------------------------------
    @classmethod
    def from_toml(cls, path: str | Path) -> LinkageConfig:
        p = Path(path)
        if not p.is_file():
            raise UsageError(f"linkage configuration {p} does not exist",
                             hint="pass a TOML file such as linkage/configs/person.toml")
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise UsageError(f"linkage configuration {p} is not valid TOML: {exc}",
                             hint="fix the TOML syntax") from exc
        cfg = cls.from_dict(data)
        cfg.base_dir = p.parent
        return cfg

    @classmethod
    def shipped(cls, name: str) -> LinkageConfig:
        """A configuration shipped in ``linkage/configs`` (``person``, ``febrl4``)."""
        return cls.from_toml(Path(__file__).parent / "configs" / f"{name}.toml")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LinkageConfig:
        from linkage.comparisons import build_comparison  # validates comparison specs

        data = copy.deepcopy(data)
        head = data.get("linkage", {})
        link_type = head.get("link_type", "link_and_dedupe")
        if link_type not in LINK_TYPES:
            raise UsageError(f"link_type {link_type!r} is not one of {LINK_TYPES}",
                             hint="set [linkage] link_type in the configuration")
        rules = []
        for i, r in enumerate(data.get("blocking", [])):
            kind = r.get("kind", "equal")
            if kind not in BLOCKING_KINDS:
                raise UsageError(f"blocking rule {i}: kind {kind!r} is not one of {BLOCKING_KINDS}",
                                 hint="fix [[blocking]] kind")
            on = r.get("on", [])
            if isinstance(on, str):
                on = [on]
            if not on:
                raise UsageError(f"blocking rule {i} names no key columns", hint="give it on = [...]")
            if kind == "window" and not r.get("date"):
                raise UsageError(f"blocking rule {i} is a window rule without a date column",
                                 hint="give it date = \"<column>\" and within_days = N")
            overlap = list(r.get("overlap", []))
            if overlap and (len(overlap) != 2 or kind == "sorted_neighbourhood"):
                raise UsageError(f"blocking rule {i}: overlap names two columns [low, high] of an "
                                 "equal or window rule", hint="write overlap = [\"lo\", \"hi\"]")
            rules.append(BlockingRule(
                name=r.get("name", f"rule{i}"), kind=kind, on=list(on), date=r.get("date"),
                within_days=int(r.get("within_days", 0)), window=int(r.get("window", 5)),
                max_block_size=int(r.get("max_block_size", 5000)), train=bool(r.get("train", True)),
                overlap=overlap, overlap_slack=int(r.get("overlap_slack", 0)),
                exclude_sources=[str(x) for x in r.get("exclude_sources", [])],
            ))
        if not rules:
            raise UsageError("the configuration has no blocking rules",
                             hint="add at least one [[blocking]] table")
        comps = data.get("comparisons", [])
        if not comps:
            raise UsageError("the configuration has no comparisons",
                             hint="add at least one [[comparisons]] table")
        names = [c.get("name") for c in comps]
        if len(set(names)) != len(names) or None in names:
            raise UsageError(f"comparison names must be present and unique, got {names}",
                             hint="give every [[comparisons]] a distinct name")
        for c in comps:
            build_comparison(c)
        m_pooling = str(head.get("m_pooling", "median"))
        if m_pooling not in M_POOLINGS:
            raise UsageError(f"m_pooling = {m_pooling!r} is not one of {', '.join(M_POOLINGS)}",
                             hint='write m_pooling = "median" (robust) or "mean" (Splink\'s average)')
        cl = data.get("clustering", {})
        clustering = ClusteringSpec(
            one_per_source=list(cl.get("one_per_source", [])),
            duplicate_columns=list(cl.get("duplicate_columns", [])),
            duplicate_min_probability=float(cl.get("duplicate_min_probability", 0.0)),
            id_column=cl.get("id_column") or None,
            id_valid_column=cl.get("id_valid_column") or None,
            max_id_typos=int(cl.get("max_id_typos", 1)),
        )
        return cls(
            name=head.get("name", "linkage"),
            comparisons=comps,
            blocking=rules,
            link_type=link_type,
            unique_id=head.get("unique_id", "record_id"),
            source_column=head.get("source_column", "source"),
            match_threshold=float(head.get("match_threshold", 0.5)),
            pairs_threshold=float(head.get("pairs_threshold", 0.1)),
            u_sample_pairs=int(head.get("u_sample_pairs", 1_000_000)),
            prior_per_source_pair=bool(head.get("prior_per_source_pair", True)),
            max_em_iterations=int(head.get("max_em_iterations", 100)),
            em_tolerance=float(head.get("em_tolerance", 1e-6)),
            m_pooling=m_pooling,
            sources=list(data.get("sources", [])),
            clustering=clustering,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "linkage": {
                "name": self.name, "link_type": self.link_type, "unique_id": self.unique_id,
                "source_column": self.source_column, "match_threshold": self.match_threshold,
                "pairs_threshold": self.pairs_threshold, "u_sample_pairs": self.u_sample_pairs,
                "prior_per_source_pair": self.prior_per_source_pair,
                "max_em_iterations": self.max_em_iterations, "em_tolerance": self.em_tolerance,
                "m_pooling": self.m_pooling,
            },
            "sources": copy.deepcopy(self.sources),
            "blocking": [r.to_dict() for r in self.blocking],
            "comparisons": copy.deepcopy(self.comparisons),
            "clustering": self.clustering.to_dict(),
        }

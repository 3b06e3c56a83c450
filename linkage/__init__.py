"""crosscheck's record-linkage engine: domain-free.

Normalisers, blocking, comparisons, the Fellegi–Sunter model, clustering and
explanations. Nothing here knows about accidents; the accident knowledge lives
in :mod:`pipelines`.

Public surface (the machinery lives in the submodules)::

    cfg = LinkageConfig.from_toml("linkage/configs/febrl4.toml")
    linker = Linker(cfg, seed=0).fit(records)
    scored = linker.predict(records)          # idx_l, idx_r, rule, match_weight, match_probability
    clusters = linker.cluster(records, scored)
    links = linker.links(records, clusters)   # source, record_id, person_key, match_probability
    linker.explain(records, ("A", "rec-1"), ("B", "rec-1-dup-0"))
    linker.save("model.json"); Linker.load("model.json")
"""

from linkage.comparisons import (
    COMPARISONS,
    Comparison,
    build_comparison,
    comparison_vectors,
    encode_records,
)
from linkage.config import BlockingRule, ClusteringSpec, LinkageConfig
from linkage.explain import format_waterfall
from linkage.interop import multiindex_to_pairs, to_feature_frame, to_multiindex
from linkage.linker import Linker, person_key
from linkage.model import FellegiSunter

__all__ = [
    "COMPARISONS",
    "BlockingRule",
    "ClusteringSpec",
    "Comparison",
    "FellegiSunter",
    "LinkageConfig",
    "Linker",
    "build_comparison",
    "comparison_vectors",
    "encode_records",
    "format_waterfall",
    "multiindex_to_pairs",
    "person_key",
    "to_feature_frame",
    "to_multiindex",
]

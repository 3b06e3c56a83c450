"""recordlinkage interop: our stages as its pandas MultiIndex / feature frames.

recordlinkage's classifiers (``ECMClassifier``, ``LogisticRegressionClassifier``, …)
and evaluation functions (``recordlinkage.precision``, ``recall``, ``fscore``,
``confusion_matrix``) take candidate links as a ``pandas.MultiIndex`` of record keys
and features as a DataFrame indexed by it. These helpers convert, both ways.
"""

from __future__ import annotations

import pandas as pd
import polars as pl


def to_multiindex(pairs: pl.DataFrame, records: pl.DataFrame, key: str = "record_id") -> pd.MultiIndex:
    """Candidate (or scored) pairs → MultiIndex of (records[key] of idx_l, of idx_r)."""
    keys = records[key].cast(pl.String)
    left = keys.gather(pairs["idx_l"]).to_list()
    right = keys.gather(pairs["idx_r"]).to_list()
    return pd.MultiIndex.from_arrays([left, right], names=[f"{key}_l", f"{key}_r"])


def to_feature_frame(vectors: pl.DataFrame, pairs: pl.DataFrame, records: pl.DataFrame,
                     key: str = "record_id", binary: bool = False) -> pd.DataFrame:
    """Comparison vectors → a recordlinkage feature frame indexed like :func:`to_multiindex`.

    ``binary=True`` gives 0/1 agreement features (best level of each comparison = 1),
    which recordlinkage's ECM classifier expects.
    """
    frame = vectors.to_pandas()
    if binary:
        frame = (frame == 1).astype(int)
    frame.index = to_multiindex(pairs, records, key)
    return frame


def multiindex_to_pairs(index: pd.MultiIndex, records: pl.DataFrame, key: str = "record_id") -> pl.DataFrame:
    """A recordlinkage MultiIndex of keys → candidate pairs (``idx_l``, ``idx_r``) of ``records``."""
    lookup = records.select(pl.col(key).cast(pl.String).alias("k"), pl.col("_idx").cast(pl.UInt32))
    f = pl.DataFrame({"kl": [str(x) for x in index.get_level_values(0)],
                      "kr": [str(x) for x in index.get_level_values(1)]})
    f = (f.join(lookup.rename({"k": "kl", "_idx": "a"}), on="kl")
         .join(lookup.rename({"k": "kr", "_idx": "b"}), on="kr"))
    return f.select(pl.min_horizontal("a", "b").alias("idx_l"), pl.max_horizontal("a", "b").alias("idx_r"))

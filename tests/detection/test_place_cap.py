"""Place groups larger than ``place_max_persons`` are a place's batch, not one event."""

from __future__ import annotations

import polars as pl

from pipelines.detection.leads import _capped
from pipelines.detection.params import DetectionParams


def test_place_groups_above_the_cap_are_dropped() -> None:
    groups = pl.DataFrame({
        "person_key": [f"p{i}" for i in range(3 + 25)],
        "group": ["F:a"] * 3 + ["F:b"] * 25,
        "burst_p": [1e-5] * 28,
    })
    cap = DetectionParams().place_max_persons
    kept = _capped(groups, cap)
    assert set(kept["group"]) == {"F:a"}
    assert kept.height == 3
    assert _capped(groups, 25).height == 28

"""Balancing the training by generator (``train-scorer --balance-generators``): each generator's
folders together carry the same weight in the fit, however many seeds of it are given."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from pipelines.detection.train import (
    balanced_weights,
    fit_lead_scorer,
    fit_scorer,
    generator_of,
    labelled_candidates,
)


def test_each_group_carries_the_same_total_weight_and_the_rows_keep_their_sum() -> None:
    sizes, groups = [10, 30, 60, 5], ["a", "a", "b", "c"]
    w = balanced_weights(sizes, groups)
    totals: dict[str, float] = {}
    for n, g, wi in zip(sizes, groups, w, strict=True):
        totals[g] = totals.get(g, 0.0) + n * wi
    assert totals == pytest.approx({"a": 35.0, "b": 35.0, "c": 35.0})
    assert sum(n * wi for n, wi in zip(sizes, w, strict=True)) == pytest.approx(sum(sizes))
    assert w[0] == w[1]                       # one weight per row within a group
    assert balanced_weights([7, 7], ["x", "y"]) == [1.0, 1.0]
    with pytest.raises(ValueError):
        balanced_weights([1, 2], ["x"])


def test_a_folders_generator_is_its_name_up_to_the_first_underscore(tmp_path) -> None:
    assert generator_of("/tmp/data/alt12_0.2_5") == "alt12"
    assert generator_of(tmp_path / "default_0.2_31") == "default"
    assert generator_of("hard") == "hard"


def test_a_lead_of_weight_two_counts_as_the_same_lead_twice() -> None:
    rng = np.random.default_rng(3)
    n = 400
    x1 = rng.integers(0, 2, n).astype(float)
    x2 = rng.normal(size=n)
    y = (rng.random(n) < 1 / (1 + np.exp(-(-2 + 2 * x1 + 0.5 * x2)))).astype(int)
    X = pl.DataFrame({"lead_id": [f"L{i}" for i in range(n)], "work_external_cause": x1, "weak_link": x2})
    w = np.where(np.arange(n) % 3 == 0, 2.0, 1.0)
    lab = pl.DataFrame({"lead_id": X["lead_id"], "label": y, "weight": w})
    weighted = fit_scorer(X, lab, C=0.5, signed=False)
    dup = np.flatnonzero(w == 2.0)
    X2 = pl.concat([X, X[dup].with_columns(("d" + pl.col("lead_id")).alias("lead_id"))])
    lab2 = pl.DataFrame({"lead_id": X2["lead_id"], "label": np.concatenate([y, y[dup]])})
    duplicated = fit_scorer(X2, lab2, C=0.5, signed=False)
    # standardisation differs (the duplicated rows shift the means), the fitted model does not
    assert weighted.weights == pytest.approx(duplicated.weights, rel=0.05, abs=0.02)
    unweighted = fit_scorer(X, lab.drop("weight"), C=0.5, signed=False)
    assert unweighted.weights != pytest.approx(weighted.weights, rel=0.01, abs=0.001)


@pytest.fixture(scope="module")
def parts(tmp_path_factory):
    from benchmarks.altgen4.generate import generate

    out = tmp_path_factory.mktemp("alt4_balance")
    generate(out, scale=0.02, seed=7)
    return labelled_candidates(out, links="oracle"), labelled_candidates(out, links="id")


def test_balancing_changes_the_fit_only_when_the_groups_are_unequal(parts) -> None:
    oracle, by_id = parts
    plain = fit_lead_scorer([oracle, oracle], iterations=1)
    equal = fit_lead_scorer([oracle, oracle], iterations=1, groups=["a", "b"])   # two equal groups: weights 1
    assert equal.weights == pytest.approx(plain.weights, rel=1e-6, abs=1e-9)
    # two folders of one generator against one of another: the lone one counts as much as both
    skewed = fit_lead_scorer([oracle, oracle, by_id], iterations=1)
    balanced = fit_lead_scorer([oracle, oracle, by_id], iterations=1, groups=["a", "a", "b"])
    assert balanced.weights != pytest.approx(skewed.weights, rel=1e-3, abs=1e-6)

"""The scorer's weights are held to the domain's direction, and otherwise match scikit-learn's fit."""

from __future__ import annotations

import numpy as np
import polars as pl

from pipelines.detection.features import FEATURE_NAMES, SIGNS
from pipelines.detection.scorer import Scorer


def _data(seed: int = 0) -> tuple[pl.DataFrame, np.ndarray]:
    rng = np.random.default_rng(seed)
    n = 20_000
    a = rng.integers(0, 2, n).astype(float)     # true evidence
    b = rng.integers(0, 2, n).astype(float)     # a true hard negative
    c = rng.integers(0, 2, n).astype(float)     # evidence by the domain, but against it in this sample
    logit = -2.0 + 1.5 * a - 1.0 * b - 0.8 * c
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    return pl.DataFrame({"a": a, "b": b, "c": c}), y


def test_signed_fit_matches_sklearn_when_no_bound_binds() -> None:
    X, y = _data()
    free = Scorer.fit(X.drop("c"), y, C=1.0)
    signed = Scorer.fit(X.drop("c"), y, C=1.0, signs={"a": 1, "b": -1})
    assert signed.provenance.get("sign_constrained") is True
    np.testing.assert_allclose(signed.weights, free.weights, atol=2e-3)
    assert abs(signed.base - free.base) < 2e-3


def test_a_weight_never_points_against_its_domain_direction() -> None:
    X, y = _data()
    free = Scorer.fit(X, y, C=1.0)
    assert free.weight_map()["c"] < -0.5               # the sample says "against"
    signed = Scorer.fit(X, y, C=1.0, signs={"a": 1, "b": -1, "c": 1})
    w = signed.weight_map()
    assert w["c"] == 0.0                              # … the domain says "for": no weight, not a negative one
    assert w["a"] > 1.0 and w["b"] < -0.5
    # contributions still sum with the base to the log-odds
    p = signed.predict_proba(X)
    assert np.all((p > 0) & (p < 1))


def test_every_feature_has_a_direction_and_the_shipped_scorer_respects_it() -> None:
    assert set(SIGNS) == set(FEATURE_NAMES)
    shipped = Scorer.load()
    for name, weight in shipped.weight_map().items():
        assert weight * SIGNS[name] >= 0, name


def test_a_capped_signal_stays_within_its_cap() -> None:
    X, y = _data()
    free = Scorer.fit(X, y, C=1.0, signs={"a": 1, "b": -1, "c": 1})
    assert free.weight_map()["a"] > 1.0
    capped = Scorer.fit(X, y, C=1.0, signs={"a": 1, "b": -1, "c": 1}, max_weight={"a": 0.5})
    assert abs(capped.weight_map()["a"] - 0.5) < 1e-6     # the bound binds, per unit
    assert capped.weight_map()["b"] < -0.5


def test_the_shipped_scorer_respects_every_cap() -> None:
    from pipelines.detection.features import MAX_WEIGHT
    from pipelines.detection.scorer import default_scorer

    w = default_scorer().weight_map()
    for name, cap in MAX_WEIGHT.items():
        assert name in w and abs(w[name]) <= cap + 1e-9


def test_every_person_signal_is_capped_and_no_reconciliation_signal_is() -> None:
    """No sign read from a person's records may carry a lead alone (the brief: none is proof alone);
    the arithmetic against an accident's report (deaths beyond it, late deaths) is not such a sign."""
    from pipelines.detection.features import (
        LEAD_FEATURE_NAMES,
        MAX_WEIGHT,
        PERSON_FEATURE_NAMES,
        PERSON_MAX_WEIGHT,
    )

    assert set(PERSON_FEATURE_NAMES) <= set(MAX_WEIGHT)
    assert all(0 < MAX_WEIGHT[n] <= PERSON_MAX_WEIGHT for n in PERSON_FEATURE_NAMES)
    assert not set(LEAD_FEATURE_NAMES) & set(MAX_WEIGHT)

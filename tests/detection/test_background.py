"""Adapting the scorer to a run's own background (Scorer.adapted, DetectionParams.adapt_to_background).

A signal's weight is lowered by the log of how much more common it is among the run's working-age
deaths than among the training data's; never raised, never below zero, smoothed for small runs."""

from __future__ import annotations

import math

import polars as pl
import pytest

from pipelines.detection.detect import detect
from pipelines.detection.params import DetectionParams
from pipelines.detection.scorer import PREVALENCE_POPULATION, Scorer, signal_prevalence
from pipelines.detection.train import recalibrate_scorer, reference_prevalence
from tests.detection.conftest import hand_scorer


def _frame(n: int, far: int, cert: int, extra_alive: int = 0) -> pl.DataFrame:
    """``n`` working-age deaths, ``far`` of them with far_cremation, ``cert`` with
    certificate_missing; plus ``extra_alive`` rows outside the population (all signals on)."""
    rows = n + extra_alive
    return pl.DataFrame({
        "lead_id": [f"L{i}" for i in range(rows)],
        PREVALENCE_POPULATION: [1.0] * n + [0.0] * extra_alive,
        "far_cremation": [1.0 if i < far else 0.0 for i in range(n)] + [1.0] * extra_alive,
        "certificate_missing": [1.0 if i < cert else 0.0 for i in range(n)] + [1.0] * extra_alive,
        "traffic": [1.0] * rows,
    })


def _scorer() -> Scorer:
    return Scorer(features=[PREVALENCE_POPULATION, "far_cremation", "certificate_missing", "traffic"],
                  weights=[4.0, 2.0, 1.5, -2.0], base=-10.0, scale=[1.0, 1.0, 1.0, 1.0],
                  reference_prevalence={PREVALENCE_POPULATION: 1.0, "far_cremation": 0.01,
                                        "certificate_missing": 0.02, "traffic": 0.05})


def test_prevalence_is_measured_among_working_age_deaths_only() -> None:
    prev, n = signal_prevalence(_frame(1000, 40, 10, extra_alive=500), ["far_cremation", "certificate_missing"])
    assert n == 1000
    assert prev == {"far_cremation": pytest.approx(0.04), "certificate_missing": pytest.approx(0.01)}


def test_a_commoner_signal_loses_the_log_of_the_ratio_and_a_rarer_one_keeps_its_weight() -> None:
    adapted, report = _scorer().adapted(_frame(100_000, 4_000, 1_000), pseudo_count=0)
    w = adapted.weight_map()
    assert w["far_cremation"] == pytest.approx(2.0 - math.log(4.0))      # 4 % against 1 %
    assert w["certificate_missing"] == pytest.approx(1.5)                 # 1 % against 2 %: not raised
    assert w["traffic"] == pytest.approx(-2.0)                             # a negative weight is left alone
    assert w[PREVALENCE_POPULATION] == pytest.approx(4.0)
    assert adapted.base == pytest.approx(-10.0)
    assert set(report["lowered"]) == {"far_cremation"}
    assert report["lowered"]["far_cremation"]["prevalence"] == pytest.approx(0.04)
    # its explanation numbers stay in one form: weights = coef_standardised / scale
    assert adapted.coef_standardised[1] == pytest.approx(w["far_cremation"])


def test_a_signal_rarer_than_the_concealed_is_left_alone() -> None:
    """Below min_reference (when set) the concealed themselves make a signal's prevalence: not adapted."""
    sc = _scorer()
    sc.reference_prevalence["far_cremation"] = 0.001
    X = _frame(100_000, 400, 0)                                              # 0.4 % against 0.1 %
    kept, report = sc.adapted(X, pseudo_count=0, min_reference=0.005)
    assert kept.weight_map()["far_cremation"] == 2.0 and report["lowered"] == {}
    low, _ = sc.adapted(X, pseudo_count=0)
    assert low.weight_map()["far_cremation"] == pytest.approx(2.0 - math.log(4.0))


def test_a_weight_never_goes_below_zero() -> None:
    adapted, _ = _scorer().adapted(_frame(10_000, 9_000, 0), pseudo_count=0)   # 90 % against 1 %
    assert adapted.weight_map()["far_cremation"] == 0.0


def test_a_small_run_is_barely_adapted() -> None:
    big, _ = _scorer().adapted(_frame(100_000, 4_000, 0), pseudo_count=200)
    small, _ = _scorer().adapted(_frame(50, 2, 0), pseudo_count=200)          # the same 4 %, 50 deaths
    assert big.weight_map()["far_cremation"] < small.weight_map()["far_cremation"] < 2.0
    assert 2.0 - small.weight_map()["far_cremation"] < 0.5


def test_adapting_twice_to_the_same_run_changes_nothing_and_no_reference_means_no_change() -> None:
    X = _frame(20_000, 800, 100)
    once, _ = _scorer().adapted(X)
    twice, report = once.adapted(X)
    assert twice.weights == pytest.approx(once.weights)
    assert report["lowered"] == {}
    plain = Scorer(features=["far_cremation"], weights=[2.0], base=0.0)
    same, rep = plain.adapted(X)
    assert same is plain and rep == {}


def test_the_reference_survives_json_and_recalibration(tmp_path) -> None:
    sc = _scorer()
    sc.save(tmp_path / "s.json")
    back = Scorer.load(tmp_path / "s.json")
    assert back.reference_prevalence == sc.reference_prevalence
    X = _frame(40, 2, 1).with_columns(pl.col("lead_id"))
    labels = pl.DataFrame({"lead_id": X["lead_id"], "label": [1 if i < 10 else 0 for i in range(40)]})
    rec = recalibrate_scorer(sc, X.select("lead_id", *sc.features), labels)
    assert rec.reference_prevalence == sc.reference_prevalence


def test_the_training_reference_averages_the_folders_alike() -> None:
    ref = reference_prevalence([_frame(1000, 10, 0), _frame(100, 30, 0)])     # 1 % and 30 %
    assert ref["far_cremation"] == pytest.approx(0.155)
    assert ref[PREVALENCE_POPULATION] == pytest.approx(1.0)


def test_detect_scores_with_the_adapted_weights_and_says_so(province) -> None:
    accepted, links = province
    base = hand_scorer()
    # a reference far below the province's own background for every signal the hand scorer weighs
    base.reference_prevalence = {f: 0.005 for f, w in base.weight_map().items() if w > 0}
    on = detect(accepted, links, scorer=base)
    off = detect(accepted, links, scorer=base, params=DetectionParams(adapt_to_background=False))
    lowered = on.summary["scorer_adaptation"]["lowered"]
    assert lowered and off.summary["scorer_adaptation"] == {}
    assert on.summary["scorer_adaptation"]["deaths"] > 0
    # the score is still the sum of the written contributions, now with the lowered weights
    for lead in on.leads.iter_rows(named=True):
        logit = on.lead_signals.filter(pl.col("lead_id") == lead["lead_id"])["contribution"].sum()
        assert lead["score"] == pytest.approx(1 / (1 + math.exp(-logit)), abs=1e-12)
    f = next(iter(lowered))
    sig_on = on.lead_signals.filter(pl.col("signal") == f)
    sig_off = off.lead_signals.filter(pl.col("signal") == f)
    assert sig_on.height and sig_on["contribution"].max() < sig_off["contribution"].max()
    # the run's scorer.json is the adapted one, so recalibrating from its decisions starts there
    assert on.scorer is not None and set(on.scorer["provenance"]["adapted"]["lowered"]) == set(lowered)

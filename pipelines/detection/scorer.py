"""The lead scorer: a logistic regression over the named features, stored as plain JSON.

Fitting uses scikit-learn (``StandardScaler`` + ``LogisticRegression``); scoring needs only
the stored numbers, so the model is a small file anyone can read, diff and reload
(``pipelines/detection/scorer.json`` is the shipped default). With standardised features
the log-odds are ``b0 + Σ w_j (x_j − μ_j)/σ_j``; we store them zero-centred,

    logit = base + Σ_j c_j,   c_j = (w_j / σ_j) · x_j,   base = b0 − Σ_j w_j μ_j / σ_j,

so an absent signal (x_j = 0) contributes exactly 0 and ``lead_signals.contribution`` sums,
with ``base``, to the score's log-odds: the reasons come from the same numbers as the score.
The probabilities are calibrated to the data the model was fitted to; refit
(:func:`pipelines.detection.train.fit_scorer`) from investigators' decisions to recalibrate.

A signal's weight is evidence only against the background it was learned on: a sign of an
unnatural death that one in a hundred ordinary deaths shows is worth more than one that one in
ten shows. The scorer keeps each person signal's prevalence among the working-age deaths of its
training data (``reference_prevalence``), and :meth:`Scorer.adapted` lowers a weight by how much
more common the signal is among a run's own working-age deaths (the log of the ratio: a likelihood
ratio's denominator grows with the background, its numerator — how often the concealed show the
signal — is what was learned). Only downwards, never below zero, and smoothed towards the
reference for small runs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from pipelines.detection.features import FEATURE_NAMES
from pipelines.errors import UsageError

DEFAULT_SCORER_PATH = Path(__file__).with_name("scorer.json")
#: the population a signal's prevalence is measured in: candidate leads whose lead person is a
#: working-age death (the feature of that name is 1), where nearly every hidden death is found
PREVALENCE_POPULATION = "working_age_death"


def signal_prevalence(X: pl.DataFrame, features: list[str] | tuple[str, ...]) -> tuple[dict[str, float], int]:
    """Share of the :data:`PREVALENCE_POPULATION` rows of ``X`` (feature columns) on which each of
    ``features`` is present (non-zero), and the population's size."""
    if PREVALENCE_POPULATION not in X.columns:
        return {}, 0
    pop = X.filter(pl.col(PREVALENCE_POPULATION) > 0)
    n = pop.height
    if n == 0:
        return {f: 0.0 for f in features if f in X.columns}, 0
    row = pop.select([(pl.col(f) != 0).mean().alias(f) for f in features if f in X.columns]).row(0, named=True)
    return {f: float(v) for f, v in row.items()}, n


def _design(X: pl.DataFrame, y: np.ndarray) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Feature names, the design matrix and 0/1 labels; both classes must be present."""
    names = [c for c in X.columns if c != "lead_id"]
    labels = np.asarray(y).astype(int)
    if len(np.unique(labels)) < 2:
        raise UsageError("the labels hold only one class; a scorer needs true and false leads",
                         hint="label more leads, both confirmed and false")
    return names, X.select(names).to_numpy().astype(float), labels


@dataclass
class Scorer:
    """Logistic regression in zero-centred form (see the module docstring)."""

    features: list[str]
    weights: list[float]          # w_j / σ_j, per raw feature unit
    base: float                   # log-odds of a lead with no signal at all
    mean: list[float] = field(default_factory=list)
    scale: list[float] = field(default_factory=list)
    coef_standardised: list[float] = field(default_factory=list)
    provenance: dict[str, Any] = field(default_factory=dict)
    calibration: dict[str, Any] = field(default_factory=dict)
    # feature → its prevalence in the training data's working-age deaths (see the module docstring);
    # only the features listed are adapted to a run's own background
    reference_prevalence: dict[str, float] = field(default_factory=dict)

    # ---- fitting ----------------------------------------------------------------------------
    @classmethod
    def fit(cls, X: pl.DataFrame, y: np.ndarray, *, C: float = 1.0, sample_weight: np.ndarray | None = None,
            provenance: dict[str, Any] | None = None, standardise: bool = True,
            signs: dict[str, int] | None = None, max_weight: dict[str, float] | None = None) -> Scorer:
        """Fit on a feature frame (columns = feature names) and 0/1 labels.

        Features are standardised before the L2 penalty (``standardise``). Without it the penalty
        acts on raw units; on generated data at scale 0.2 that ranked worse (hidden-death
        recall@2n 0.82 vs 0.92 on a held-out seed), so standardising is the default, and the
        penalty is kept strong (C ≈ 0.05) so that rare flags do not take extreme weights.

        ``signs`` (feature → +1 / −1 / 0) holds weights to the domain's direction: the same
        penalised log-likelihood as scikit-learn's, minimised by L-BFGS-B with bounds (w ≥ 0 for
        +1, w ≤ 0 for −1), so a signal can lose its weight but never point the wrong way.
        ``max_weight`` (feature → cap) bounds a signal's per-unit weight in both directions
        (signed fit only)."""
        if signs is not None and any(signs.get(c, 0) for c in X.columns):
            return cls._fit_signed(X, y, C=C, sample_weight=sample_weight, provenance=provenance, signs=signs,
                                   max_weight=max_weight or {})
        from sklearn.linear_model import LogisticRegression
        from sklearn.preprocessing import StandardScaler

        names, A, y = _design(X, y)
        scaler = StandardScaler(with_mean=standardise, with_std=standardise).fit(A)
        if not standardise:
            scaler.mean_, scaler.scale_ = np.zeros(A.shape[1]), np.ones(A.shape[1])
        sigma = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
        Z = (A - scaler.mean_) / sigma
        lr = LogisticRegression(C=C, max_iter=2000, solver="lbfgs")
        lr.fit(Z, y, sample_weight=sample_weight)
        w = lr.coef_[0]
        w = np.where(scaler.scale_ > 0, w, 0.0)
        weights = w / sigma
        base = float(lr.intercept_[0] - np.sum(w * scaler.mean_ / sigma))
        return cls(features=names, weights=[float(v) for v in weights], base=base,
                   mean=[float(v) for v in scaler.mean_], scale=[float(v) for v in sigma],
                   coef_standardised=[float(v) for v in w], provenance=dict(provenance or {}))

    @classmethod
    def _fit_signed(cls, X: pl.DataFrame, y: np.ndarray, *, C: float, sample_weight: np.ndarray | None,
                    provenance: dict[str, Any] | None, signs: dict[str, int],
                    max_weight: dict[str, float]) -> Scorer:
        from scipy.optimize import minimize

        names, A, y = _design(X, y)
        y = y.astype(float)
        mu = A.mean(axis=0)
        sd = A.std(axis=0)
        sigma = np.where(sd > 0, sd, 1.0)
        Z = (A - mu) / sigma
        sw = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        k = Z.shape[1]

        def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
            w, b = theta[:k], theta[k]
            z = Z @ w + b
            # C · Σ s_i [log(1 + e^z) − y z] + ½‖w‖² (scikit-learn's objective, intercept unpenalised)
            f = C * float(np.sum(sw * (np.logaddexp(0.0, z) - y * z))) + 0.5 * float(w @ w)
            r = C * sw * (1.0 / (1.0 + np.exp(-z)) - y)
            return f, np.concatenate([Z.T @ r + w, [r.sum()]])

        bounds = []
        for n, s, sg in zip(names, sd, sigma, strict=True):
            d = signs.get(n, 0)
            lo, hi = (0.0, 0.0) if s == 0 else (0.0, None) if d > 0 else (None, 0.0) if d < 0 else (None, None)
            if n in max_weight and s > 0:  # a per-unit cap, in the standardised units the fit works in
                cap = max_weight[n] * sg
                lo, hi = (max(lo, -cap) if lo is not None else -cap), (min(hi, cap) if hi is not None else cap)
            bounds.append((lo, hi))
        p0 = float(np.clip(np.average(y, weights=sw), 1e-9, 1 - 1e-9))
        theta0 = np.concatenate([np.zeros(k), [np.log(p0 / (1 - p0))]])
        res = minimize(loss, theta0, jac=True, method="L-BFGS-B", bounds=[*bounds, (None, None)],
                       options={"maxiter": 5000, "maxfun": 10000})
        w, b0 = res.x[:k], float(res.x[k])
        weights = w / sigma
        base = float(b0 - np.sum(w * mu / sigma))
        prov = dict(provenance or {})
        prov["sign_constrained"] = True
        return cls(features=names, weights=[float(v) for v in weights], base=base,
                   mean=[float(v) for v in mu], scale=[float(v) for v in sigma],
                   coef_standardised=[float(v) for v in w], provenance=prov)

    # ---- scoring ----------------------------------------------------------------------------
    def check_features(self, available: list[str] | tuple[str, ...], *, name: str = "the scorer") -> None:
        """Raise :class:`UsageError` when this scorer needs a feature outside ``available``."""
        missing = [f for f in self.features if f not in available]
        if missing:
            raise UsageError(f"{name} needs features {missing} that the detection stage did not compute",
                             hint="retrain the scorer with `crosscheck train-scorer` for this code version")

    def _matrix(self, X: pl.DataFrame) -> np.ndarray:
        self.check_features(X.columns)
        return X.select(self.features).to_numpy().astype(float)

    def weight_map(self) -> dict[str, float]:
        """Feature name → weight per raw unit (used to choose each lead's lead person)."""
        return dict(zip(self.features, self.weights, strict=True))

    def contributions(self, X: pl.DataFrame) -> np.ndarray:
        """Per-lead, per-feature contribution to the log-odds (n_leads × n_features)."""
        return self._matrix(X) * np.asarray(self.weights)[None, :]

    def logit(self, X: pl.DataFrame) -> np.ndarray:
        return self.base + self.contributions(X).sum(axis=1)

    def predict_proba(self, X: pl.DataFrame) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.logit(X)))

    # ---- adapting to a run's background -----------------------------------------------------
    def adapted(self, X: pl.DataFrame, *, pseudo_count: float = 200.0,
                min_reference: float = 0.0) -> tuple[Scorer, dict[str, Any]]:
        """This scorer with each positive weight of a :attr:`reference_prevalence` feature lowered
        by ``max(0, ln(p / p_ref))``, where ``p`` is the feature's prevalence among the working-age
        deaths of ``X`` (a run's candidate leads), smoothed as if ``pseudo_count`` more deaths had
        the reference prevalence (a small run is barely adapted); never below zero, never raised.
        A signal rarer than ``min_reference`` in the training data can be left as it is: below the
        share of hidden deaths among working-age deaths (0.4–0.7 % in the training data) its
        prevalence measures how much is concealed as well as the background (see
        :attr:`DetectionParams.adapt_min_reference` for what it did on held-out data).
        Returns the adapted scorer — whose reference is now the run's own prevalence for the signals
        adapted, so adapting it again to the same run changes nothing — and a report (``population``, ``deaths`` and, per lowered feature,
        ``prevalence``, ``reference``, ``weight``, ``adapted_weight``)."""
        ref = {f: r for f, r in self.reference_prevalence.items() if f in self.features and r >= min_reference}
        if not ref:
            return self, {}
        prev, n = signal_prevalence(X, list(ref))
        if not prev:
            return self, {}
        weights = list(self.weights)
        measured: dict[str, float] = {}
        lowered: dict[str, dict[str, float]] = {}
        for f, r in ref.items():
            p = (prev.get(f, 0.0) * n + pseudo_count * r) / (n + pseudo_count)
            measured[f] = prev.get(f, r) if n > 0 else r
            j = self.features.index(f)
            w = weights[j]
            if w <= 0 or r <= 0 or p <= r:
                continue
            new = max(0.0, w - float(np.log(p / r)))
            weights[j] = new
            lowered[f] = {"prevalence": p, "reference": r, "weight": w, "adapted_weight": new}
        if not lowered:
            return self, {"population": PREVALENCE_POPULATION, "deaths": n, "lowered": {}}
        scale = self.scale if len(self.scale) == len(weights) else [1.0] * len(weights)
        out = Scorer(features=list(self.features), weights=weights, base=self.base, mean=list(self.mean),
                     scale=list(self.scale), coef_standardised=[w * s for w, s in zip(weights, scale, strict=True)],
                     provenance={**self.provenance, "adapted": {"population": PREVALENCE_POPULATION, "deaths": n,
                                                                "pseudo_count": pseudo_count,
                                                                "lowered": lowered}},
                     calibration=dict(self.calibration),
                     reference_prevalence={**self.reference_prevalence, **measured})
        return out, {"population": PREVALENCE_POPULATION, "deaths": n, "lowered": lowered}

    # ---- persistence -------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "model": "logistic_regression",
            "form": "logit = base + sum(weights[j] * x[j]); weights = coef_standardised / scale",
            "features": self.features, "weights": self.weights, "base": self.base,
            "mean": self.mean, "scale": self.scale, "coef_standardised": self.coef_standardised,
            "provenance": self.provenance, "calibration": self.calibration,
            "reference_prevalence": self.reference_prevalence,
        }

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=1, sort_keys=False) + "\n",
                              encoding="utf-8")

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Scorer:
        if d.get("model") != "logistic_regression":
            raise UsageError(f"unknown scorer model {d.get('model')!r}", hint="use a scorer.json written by crosscheck")
        return cls(features=list(d["features"]), weights=[float(v) for v in d["weights"]], base=float(d["base"]),
                   mean=list(d.get("mean", [])), scale=list(d.get("scale", [])),
                   coef_standardised=list(d.get("coef_standardised", [])),
                   provenance=dict(d.get("provenance", {})), calibration=dict(d.get("calibration", {})),
                   reference_prevalence={str(k): float(v) for k, v in d.get("reference_prevalence", {}).items()})

    @classmethod
    def load(cls, path: str | Path | None = None) -> Scorer:
        p = Path(path) if path else DEFAULT_SCORER_PATH
        if not p.is_file():
            raise UsageError(f"scorer file {p} does not exist",
                             hint="train one with `crosscheck train-scorer` or pass an existing scorer.json")
        try:
            d = json.loads(p.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise UsageError(f"scorer file {p} is not JSON: {exc}",
                             hint="pass a scorer.json written by `crosscheck train-scorer`") from exc
        if not isinstance(d, dict):
            raise UsageError(f"scorer file {p} is not a JSON object", hint="use a scorer.json written by crosscheck")
        try:
            return cls.from_dict(d)
        except (KeyError, TypeError, ValueError) as exc:
            raise UsageError(f"scorer file {p} lacks or garbles {exc}",
                             hint="use a scorer.json written by `crosscheck train-scorer`") from exc


# ---- calibration -------------------------------------------------------------------------------


def reliability_table(p: np.ndarray, y: np.ndarray, bins: int = 10) -> pl.DataFrame:
    """Predicted vs observed rate in equal-width probability bins."""
    p, y = np.asarray(p, float), np.asarray(y, float)
    idx = np.minimum((p * bins).astype(int), bins - 1)
    rows = []
    for b in range(bins):
        m = idx == b
        if m.sum() == 0:
            continue
        rows.append({"bin": f"{b / bins:.1f}–{(b + 1) / bins:.1f}", "leads": int(m.sum()),
                     "mean_predicted": float(p[m].mean()), "observed": float(y[m].mean())})
    return pl.DataFrame(rows)


def calibration_report(p: np.ndarray, y: np.ndarray, bins: int = 10) -> dict[str, Any]:
    """Brier score and reliability table of probabilities ``p`` against 0/1 outcomes ``y``."""
    p, y = np.asarray(p, float), np.asarray(y, float)
    return {"n": len(p), "positives": int(y.sum()), "brier": float(np.mean((p - y) ** 2)),
            "reliability": reliability_table(p, y, bins).to_dicts()}


def default_scorer() -> Scorer:
    """The shipped scorer (``pipelines/detection/scorer.json``)."""
    return Scorer.load(DEFAULT_SCORER_PATH)


__all__ = ["DEFAULT_SCORER_PATH", "FEATURE_NAMES", "PREVALENCE_POPULATION", "Scorer", "calibration_report",
           "default_scorer", "reliability_table", "signal_prevalence"]

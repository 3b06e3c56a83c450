"""Concealment detection: person profiles, reconciliation with reported accidents, and
ranked, calibrated, explained leads (interfaces §6).

Public surface::

    detect(accepted, links, *, params=None, scorer=None) -> DetectionResult
    DetectionParams          every working definition (domain defaults)
    Scorer, default_scorer   the logistic-regression lead scorer (scorer.json)
    fit_scorer, label_leads  retraining from labels (generated truth or investigators' decisions)
"""

from pipelines.detection.detect import DetectionResult, candidate_leads, detect
from pipelines.detection.params import DetectionParams
from pipelines.detection.scorer import Scorer, default_scorer

__all__ = ["DetectionParams", "DetectionResult", "Scorer", "candidate_leads", "default_scorer", "detect"]

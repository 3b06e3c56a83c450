"""End to end on a small generated province with oracle links: sane recall, contract shapes.

Uses the shipped scorer (``pipelines/detection/scorer.json``, fitted on other seeds) and the
fast typing of :func:`pipelines.detection.train.simple_canonical` so the test stays quick.
"""

from __future__ import annotations

import polars as pl
import pytest

from pipelines.detection import detect
from pipelines.detection.evaluation import evaluate_detection
from pipelines.detection.train import oracle_links, simple_canonical


@pytest.fixture(scope="session")
def generated(tmp_path_factory):
    from synthetic_data.config import GeneratorConfig
    from synthetic_data.generator import generate

    ds = generate(GeneratorConfig.for_variant("default", 0.01, seed=4242))
    truth = tmp_path_factory.mktemp("truth")
    for name, frame in ds.truth.items():
        frame.write_parquet(truth / f"{name}.parquet")
    accepted = {k: simple_canonical(k, v) for k, v in ds.sources.items()}
    det = detect(accepted, oracle_links(truth))
    return det, truth


def test_generated_end_to_end_recall(generated) -> None:
    det, truth = generated
    ev = evaluate_detection(det.leads, det.lead_evidence, truth)
    assert ev["n_hidden"] > 0
    # sane, not the targets (those are measured at scale 0.2 by benchmarks/bench_detection.py)
    assert ev["hidden_recall@2n"] >= 0.6
    assert ev["under_reported_recall"] >= 0.8
    assert ev["concealed_recall"] >= 0.2
    assert ev["max_true_persons_per_lead"] <= 40


def test_generated_contract_shapes(generated) -> None:
    det, _ = generated
    assert det.leads.columns == [
        "lead_id", "rank", "score", "lead_type", "accident_id", "reported_deaths", "evidenced_deaths",
        "reported_grade", "evidenced_grade", "persons", "employer_name", "employer_uscc", "event_date",
        "region_code", "reasons_zh", "reasons_en"]
    assert det.lead_signals.columns == ["lead_id", "signal", "value", "contribution", "text_zh", "text_en"]
    assert det.lead_evidence.columns == ["lead_id", "source", "record_id", "person_key", "match_probability"]
    assert det.lead_evidence.select("source", "record_id").is_duplicated().sum() == 0
    assert det.leads.filter(pl.col("lead_type") == "unreported_incident")["persons"].min() >= 2
    assert set(det.leads["lead_type"].unique()) <= {
        "unreported_death", "unreported_incident", "under_reported_accident", "unreported_serious_injury"}
    top = det.leads.head(10)
    assert (top["reasons_zh"].str.len_chars() > 0).all()
    assert det.summary["persons"] > det.summary["dead_persons"] > 0
    assert det.scorer is not None and det.scorer["model"] == "logistic_regression"

"""Training labels: by default a lead is true when it holds a hidden death (or names an
under-reported accident); with ``deaths_only=False`` (``train-scorer --positives victims``) a lead
holding any victim of a concealed incident — a concealed serious injury too — is true as well."""

from __future__ import annotations

import polars as pl
import pytest

from pipelines.detection.train import labelled_candidates, truth_positive_persons


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    from benchmarks.altgen4.generate import generate

    out = tmp_path_factory.mktemp("alt4_labels")
    generate(out, scale=0.02, seed=5)
    return out


def test_victims_labels_add_the_injured_of_concealed_incidents(folder) -> None:
    deaths = labelled_candidates(folder, links="oracle", deaths_only=True)
    victims = labelled_candidates(folder, links="oracle", deaths_only=False)
    pos = truth_positive_persons(folder / "truth")
    assert pos.filter(~pl.col("hidden_death")).height > 0      # injured victims exist in the truth
    d_lab = deaths.lead_labels.select("lead_id", pl.col("label").alias("d"))
    v_lab = victims.lead_labels.select("lead_id", pl.col("label").alias("v"))
    both = d_lab.join(v_lab, on="lead_id")
    assert both.height == d_lab.height == v_lab.height          # the same candidates either way
    assert (both["v"] >= both["d"]).all()                       # every death-true lead stays true
    assert (both["v"] > both["d"]).sum() > 0                    # and injured-only leads become true
    dp = deaths.person_labels["label"].sum()
    vp = victims.person_labels["label"].sum()
    assert vp > dp > 0

"""Shared fixtures of the synthetic-data tests: small generated provinces (scale ≤ 0.01),
made once per pytest process."""

from __future__ import annotations

from pathlib import Path

import pytest

from synthetic_data.config import GeneratorConfig, IncidentConfig
from synthetic_data.generator import Dataset, generate, write_dataset

SCALE = 0.01


@pytest.fixture(scope="session")
def default_ds() -> Dataset:
    return generate(GeneratorConfig.for_variant("default", scale=SCALE, seed=11))


@pytest.fixture(scope="session")
def clean_ds() -> Dataset:
    # more concealed incidents than the scale gives, so behaviour shares can be compared
    incidents = IncidentConfig(min_concealed=25, min_under_reported=10)
    return generate(GeneratorConfig.for_variant("clean", scale=SCALE, seed=12, incidents=incidents))


@pytest.fixture(scope="session")
def default_dir(default_ds: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synthetic_default")
    write_dataset(default_ds, out)
    return out

"""Fixtures for the quality-gate tests: clean tables to corrupt, and the gate on clean data."""

from __future__ import annotations

import pytest
from quality_data import clean_copy, gate_dir, write_dir

from pipelines.quality import GateResult


@pytest.fixture()
def tables() -> dict[str, list[dict[str, str]]]:
    return clean_copy()


@pytest.fixture(scope="session")
def clean_gate(tmp_path_factory: pytest.TempPathFactory) -> GateResult:
    d = write_dir(tmp_path_factory.mktemp("clean") / "in", clean_copy())
    return gate_dir(d)

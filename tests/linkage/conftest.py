"""Shared fixtures for the linkage tests: FEBRL4 linked once per session."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def febrl4_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    from pipelines.commands.example import link_febrl4

    out = tmp_path_factory.mktemp("febrl4")
    return link_febrl4(out, seed=0), out


@pytest.fixture(scope="session")
def tiny_generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small generated province (default variant) written as Parquet, with truth/."""
    from synthetic_data.config import GeneratorConfig
    from synthetic_data.generator import generate, write_dataset

    out = tmp_path_factory.mktemp("gen")
    write_dataset(generate(GeneratorConfig.for_variant("default", scale=0.01, seed=5)), out, parquet=True)
    return out


@pytest.fixture(scope="session")
def tiny_linked(tiny_generated: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``crosscheck link`` run on the tiny province; returns the output folder."""
    from pipelines.cli import main

    out = tmp_path_factory.mktemp("link") / "run"
    assert main(["-q", "link", "--input", str(tiny_generated), "--out", str(out)]) == 0
    return out

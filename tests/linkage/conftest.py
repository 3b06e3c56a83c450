"""Shared fixtures for the linkage tests: FEBRL4 linked once per session."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def febrl4_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    from pipelines.commands.example import link_febrl4

    out = tmp_path_factory.mktemp("febrl4")
    return link_febrl4(out, seed=0), out

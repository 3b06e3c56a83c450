"""Shared fixture: one small altgen province per test session (generated once, ~2 s)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# benchmarks/ is a folder of scripts, not an installed package: import it from the repo root
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from benchmarks.altgen.generate import generate


@pytest.fixture(scope="session")
def altgen_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("altgen") / "data"
    generate(out, 0.02, 3)
    return out

"""Static checks: ``ruff check`` and ``mypy`` (configured in ``pyproject.toml``) are clean.

Both tools are dev dependencies (``pip install -e .[dev]``); a missing tool fails the test.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO_ROOT, capture_output=True,
                          text=True, check=False)


def test_ruff_is_clean() -> None:
    p = _run("ruff", "check", ".")
    assert p.returncode == 0, f"ruff check failed ({p.returncode}):\n{p.stdout}\n{p.stderr}"


def test_mypy_is_clean() -> None:
    # no arguments: the files and options come from [tool.mypy] in pyproject.toml
    p = _run("mypy")
    assert p.returncode == 0, f"mypy failed ({p.returncode}):\n{p.stdout}\n{p.stderr}"

"""Fixtures of the contract-conformance suite (see :mod:`contract_cli`): the generated province
and the four real ``crosscheck run``s, built once per session and shared by the xdist workers."""

from __future__ import annotations

import contract_cli
import pytest
from contract_cli import ContractData, ContractRuns, Run


@pytest.fixture(scope="session")
def contract_data(tmp_path_factory: pytest.TempPathFactory) -> ContractData:
    return contract_cli.contract_data(tmp_path_factory)


@pytest.fixture(scope="session")
def contract_runs(contract_data: ContractData,
                  tmp_path_factory: pytest.TempPathFactory) -> ContractRuns:
    return contract_cli.contract_runs(contract_data, tmp_path_factory)


@pytest.fixture(scope="session")
def run_a(contract_runs: ContractRuns) -> Run:
    return contract_runs.a

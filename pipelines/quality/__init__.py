"""The data-quality gate that every run passes before linkage.

Public surface: :func:`run_gate` → :class:`GateResult` (accepted rows with
``dq_flags``, quarantined rows with ``reasons``, counts, checks, warnings,
fatal findings, and ``.write(out_dir)`` for ``quality/``). Row rules run in
polars (:mod:`pipelines.quality.rules`), the table-level suites in Great
Expectations (:mod:`pipelines.quality.suites`).
"""

from pipelines.quality.gate import Finding, GateResult, run_gate

__all__ = ["Finding", "GateResult", "run_gate"]

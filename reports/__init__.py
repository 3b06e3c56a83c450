"""Audit reports, lead dossiers and the lead workbook.

Public surface:

- :func:`build_run_reports` — ``report.html``, ``report.pdf`` and ``leads.xlsx`` of a run folder.
- :func:`build_dossier` — the HTML and PDF dossier of one lead (masked unless ``unmasked=True``).
- :mod:`reports.masking` — :func:`~reports.masking.mask_id`,
  :func:`~reports.masking.diagnosis_chapter`, :func:`~reports.masking.scrub_ids`.
"""

from __future__ import annotations

from reports.masking import diagnosis_chapter, mask_id
from reports.report import build_run_reports

__all__ = ["build_dossier", "build_run_reports", "diagnosis_chapter", "mask_id"]


def __getattr__(name: str):  # lazy: the dossier module pulls in the linkage explanation
    if name == "build_dossier":
        from reports.dossier import build_dossier

        return build_dossier
    raise AttributeError(name)

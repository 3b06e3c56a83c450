"""Shared checks for the report tests: text of PDFs and workbooks, and the ID scan."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

try:  # engineer A's validator, when it has landed
    from linkage.normalize.ids import is_valid_id as _is_valid_id
except ImportError:  # pragma: no cover - until then, the reports' own GB 11643 check
    from reports.masking import is_valid_resident_id as _is_valid_id

# an 18-character resident ID: region codes start with 1-8, and a run of digits after a
# decimal point is a fraction (a score in a workbook), not an ID
# (a USCC or a long number elsewhere can pass the check character by chance: 1 in 11 — the
# birth year of a real ID is 19xx or 20xx)
ID18 = re.compile(r"(?<![0-9A-Za-z.])([1-8]\d{5}(?:19|20)\d{9}[\dXx])(?![0-9A-Za-z])")


def is_valid_id(value: str) -> bool:
    return bool(_is_valid_id(value))


def unmasked_ids(text: str) -> list[str]:
    """Every valid 18-character resident ID that appears in clear in ``text``."""
    return [m for m in ID18.findall(text) if is_valid_id(m)]


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True, text=True)
    return out.stdout


def squash(text: str) -> str:
    """Text without any whitespace (pdftotext spaces CJK text unpredictably)."""
    return re.sub(r"\s+", "", text)


def xlsx_xml(path: Path) -> str:
    """All XML parts of a workbook, concatenated (the raw bytes a scanner would see)."""
    with zipfile.ZipFile(path) as z:
        return "\n".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


EXTERNAL_REF = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""",
                          re.I)

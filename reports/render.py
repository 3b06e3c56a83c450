"""Rendering helpers shared by the report and the dossier: Jinja2 environment, CSS, PDF.

Templates live in ``reports/templates``, the stylesheet in ``reports/static``; both
are inlined so an HTML file is self-contained (nothing fetched when opened).
PDFs are made with WeasyPrint from the same HTML; the CSS ``@page`` rules put
"第 N 页 / 共 M 页" (or "Page N of M") at the foot of every page.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from reports import i18n
from reports.masking import scrub_ids

log = logging.getLogger(__name__)

_HERE = Path(__file__).parent
TEMPLATES = _HERE / "templates"
STATIC = _HERE / "static"


def _fmt_int(v: Any) -> str:
    if v is None:
        return "—"
    try:
        return f"{int(v):,}"
    except (TypeError, ValueError):
        return str(v)


def _fmt_pct(v: Any, digits: int = 1) -> str:
    if v is None:
        return "—"
    return f"{float(v) * 100:.{digits}f}%"


def _fmt_float(v: Any, digits: int = 2) -> str:
    if v is None:
        return "—"
    return f"{float(v):.{digits}f}"


def _fmt_date(v: Any) -> str:
    if v is None or v == "":
        return "—"
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%d %H:%M")
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(int=_fmt_int, pct=_fmt_pct, num=_fmt_float, date=_fmt_date)
    env.globals["label"] = i18n.label
    env.globals["city_name"] = i18n.city_name
    return env


def page_css(lang: str, footer_left: str) -> str:
    """The stylesheet with the language's page-number footer."""
    css = (STATIC / "report.css").read_text(encoding="utf-8")
    if lang == "en":
        counter = '"Page " counter(page) " of " counter(pages)'
    else:
        counter = '"第 " counter(page) " 页 / 共 " counter(pages) " 页"'
    left = footer_left.replace("\\", "\\\\").replace('"', '\\"')
    return css + (
        "\n@page { @bottom-right { content: " + counter + "; font-size: 8pt; color: #555; }"
        f' @bottom-left {{ content: "{left}"; font-size: 7pt; color: #777; }} }}\n'
    )


def render_html(template: str, context: dict[str, Any], *, masked: bool) -> str:
    """Render a template to a complete HTML string (masked output is scrubbed of raw IDs)."""
    html = environment().get_template(template).render(**context)
    return scrub_ids(html) if masked else html


def write_pdf(html: str, path: Path) -> Path:
    """Write ``html`` (self-contained) as a PDF with WeasyPrint."""
    # quiet WeasyPrint's progress and font-subsetting chatter (before the import: importing
    # weasyprint parses its own stylesheets and logs that at INFO)
    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    from weasyprint import HTML

    HTML(string=html, base_url=str(STATIC)).write_pdf(str(path))
    return path


def svg(markup: str) -> Markup:
    """Mark an SVG string made by :mod:`reports.charts` as safe to inline."""
    return Markup(markup)

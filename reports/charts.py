"""Charts for the reports: matplotlib figures rendered to inline SVG strings.

Text is drawn as paths (``svg.fonttype = "path"``) so a chart shows its Chinese
labels in any browser or PDF renderer without fonts or network. The CJK font is
Debian's ``fonts-noto-cjk`` ("Noto Sans CJK SC"); :func:`cjk_font` registers it
with matplotlib even when matplotlib's font cache predates the install.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib import font_manager
from matplotlib.ticker import MaxNLocator

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

log = logging.getLogger(__name__)

CJK_FAMILY = "Noto Sans CJK SC"
_FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
)
BAR = "#2f5d8a"
ACCENT = "#c0392b"
GREY = "#8a8f98"


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """Make sure matplotlib knows "Noto Sans CJK SC"; returns the family name or None."""
    names = {f.name for f in font_manager.fontManager.ttflist}
    if CJK_FAMILY not in names:
        for f in _FONT_FILES:
            if Path(f).is_file():
                try:
                    font_manager.fontManager.addfont(f)
                except (OSError, RuntimeError) as exc:  # pragma: no cover - broken font file
                    log.warning("cannot load CJK font %s: %s", f, exc)
        names = {f.name for f in font_manager.fontManager.ttflist}
    if CJK_FAMILY not in names:
        log.warning("font %r not found; Chinese chart labels may not render "
                    "(install Debian fonts-noto-cjk)", CJK_FAMILY)
        return None
    return CJK_FAMILY


def _style() -> dict[RcKeyType, Any]:
    fam = cjk_font()
    return {
        "font.family": [fam, "DejaVu Sans"] if fam else ["DejaVu Sans"],
        "font.size": 8,
        "svg.fonttype": "path",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 10,
        "svg.hashsalt": "crosscheck",  # deterministic ids
    }


_SVG_HEADER = re.compile(r"^.*?(<svg\b)", re.S)


def _to_svg(fig: plt.Figure) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    svg = _SVG_HEADER.sub(r"\1", buf.getvalue(), count=1)
    # the xlink namespace URI is an identifier, not a resource; drop the metadata block
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    # inline SVG in HTML needs no namespace declarations; dropping them keeps the report
    # free of any http:// string (they are identifiers, but auditors grep for them)
    svg = re.sub(r'\s+xmlns(:xlink)?="[^"]*"', "", svg)
    return svg.strip()


def bar_chart(labels: Sequence[str], values: Sequence[float], *, title: str = "",
              horizontal: bool = True, xlabel: str = "", width: float = 3.5) -> str:
    """A bar chart as an SVG string (horizontal bars read best with long Chinese labels)."""
    with plt.rc_context(_style()):
        n = max(len(labels), 1)
        if horizontal:
            fig, ax = plt.subplots(figsize=(width, 0.8 + 0.26 * n))
            pos = list(range(len(labels)))[::-1]
            bars = ax.barh(pos, values, color=BAR, height=0.65)
            ax.set_yticks(pos, labels)
            ax.bar_label(bars, fmt="%g", padding=2, fontsize=8)
            ax.set_xlabel(xlabel)
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.margins(x=0.12)
        else:
            fig, ax = plt.subplots(figsize=(width, 2.2))
            pos = list(range(len(labels)))
            bars = ax.bar(pos, values, color=BAR, width=0.7)
            ax.set_xticks(pos, labels, rotation=45 if n > 8 else 0, ha="right" if n > 8 else "center")
            ax.bar_label(bars, fmt="%g", padding=2, fontsize=8)
            ax.set_ylabel(xlabel)
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
            ax.margins(y=0.15)
        if title:
            ax.set_title(title, loc="left")
        if not labels:
            ax.text(0.5, 0.5, "—", ha="center", va="center", transform=ax.transAxes)
        return _to_svg(fig)


def histogram(values: Sequence[float], *, title: str = "", xlabel: str = "", ylabel: str = "",
              bins: int = 20, value_range: tuple[float, float] = (0.0, 1.0)) -> str:
    """A histogram (score distribution) as an SVG string."""
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(3.5, 2.2))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.hist(list(values), bins=bins, range=value_range, color=BAR, edgecolor="white")
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.set_xlim(*value_range)
        if title:
            ax.set_title(title, loc="left")
        return _to_svg(fig)


def waterfall(labels: Sequence[str], weights: Sequence[float], *, total_label: str,
              title: str = "", xlabel: str = "log2 BF") -> str:
    """A match-weight waterfall: each comparison's weight stacked from the prior to the total."""
    with plt.rc_context(_style()):
        n = len(labels) + 1
        fig, ax = plt.subplots(figsize=(5.6, 0.7 + 0.3 * n))
        start = 0.0
        ys = list(range(n))[::-1]
        for y, _lab, w in zip(ys, labels, weights, strict=False):
            ax.barh(y, w, left=start, color=BAR if w >= 0 else ACCENT, height=0.6)
            ax.text(start + w + (0.15 if w >= 0 else -0.15), y, f"{w:+.1f}", va="center",
                    ha="left" if w >= 0 else "right", fontsize=7)
            start += w
        ax.barh(ys[-1], start, color=GREY, height=0.6)
        ax.text(start + (0.15 if start >= 0 else -0.15), ys[-1], f"{start:+.1f}", va="center",
                ha="left" if start >= 0 else "right", fontsize=7, fontweight="bold")
        ax.set_yticks(ys, [*labels, total_label])
        ax.axvline(0, color="black", linewidth=0.6)
        ax.set_xlabel(xlabel)
        # bars are sticky at their ends, which would cancel the margin and put the value
        # label of the leftmost bar (the negative prior) on top of the axis labels
        ax.use_sticky_edges = False
        ax.margins(x=0.15)
        if title:
            ax.set_title(title, loc="left")
        return _to_svg(fig)


def timeline(events: Sequence[tuple[str, str, str]], *, title: str = "") -> str:
    """A timeline of (ISO date, label, row) events; one row per person or source."""
    import datetime as dt

    import matplotlib.dates as mdates

    with plt.rc_context(_style()):
        rows = list(dict.fromkeys(r for _, _, r in events))
        fig, ax = plt.subplots(figsize=(6.4, 1.0 + 0.6 * max(len(rows), 1)))
        ypos = {r: i for i, r in enumerate(rows[::-1])}
        # one marker per (day, row); the labels of one day joined
        merged: dict[tuple[str, str], list[str]] = {}
        for d, lab, row in events:
            merged.setdefault((d[:10], row), [])
            if lab not in merged[(d[:10], row)]:
                merged[(d[:10], row)].append(lab)
        dates = [dt.date.fromisoformat(d) for d, _ in merged]
        span = max((max(dates) - min(dates)).days, 1) if dates else 1
        last_x: dict[str, tuple[dt.date, int]] = {}
        for ((_, row), labs), day in sorted(zip(merged.items(), dates, strict=True),
                                            key=lambda kv: (kv[1], kv[0][0][1])):
            y = ypos[row]
            # dates (not date2num floats) so the axis gets matplotlib's date units; the stub
            # does not list unit-converted types
            ax.plot([day], [y], "o", color=BAR, markersize=5)  # type: ignore[arg-type]
            # alternate above / below when the previous label of the row is close
            prev = last_x.get(row)
            up = 1 if prev is None or (day - prev[0]).days > span * 0.12 else -prev[1]
            last_x[row] = (day, up)
            ax.annotate("/".join(labs), (mdates.date2num(day), y), xytext=(0, 7 if up > 0 else -9),
                        textcoords="offset points", ha="center", va="bottom" if up > 0 else "top",
                        fontsize=7)
        ax.set_yticks(list(ypos.values()), list(ypos.keys()))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
        for tick in ax.get_xticklabels():
            tick.set_rotation(30)
            tick.set_horizontalalignment("right")
        if dates:
            lo, hi = min(dates), max(dates)
            pad = max((hi - lo).days * 0.08, 2)
            ax.set_xlim(mdates.date2num(lo) - pad, mdates.date2num(hi) + pad)
        ax.set_ylim(-0.6, max(len(rows), 1) - 0.1)
        ax.grid(axis="x", color="#e5e5e5")
        if title:
            ax.set_title(title, loc="left")
        return _to_svg(fig)

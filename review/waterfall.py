"""Server-rendered SVG of a link's match-weight waterfall.

A link between two records is explained by ``pipelines.linking.explain_pair``: one row
per comparison (``comparison``, ``level``, ``value_l``, ``value_r``, ``bayes_factor``,
``match_weight`` in log2 units), the prior first and a final ``total`` row. The chart
draws each row as a horizontal bar from the running sum before it to the running sum
after it, the total as a bar from zero, and the resulting probability underneath.
When no explanation is available (the linkage model is missing), :func:`steps_from_probability`
gives a one-step chart from the stored match probability so the page still says how
sure the link is.

The SVG uses presentation attributes and classes only (no ``style`` attributes, no
script), so it passes the app's content security policy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from reports import i18n


@dataclass(frozen=True)
class Step:
    label: str
    detail: str
    weight: float
    is_total: bool = False
    name: str = ""


def probability_from_weight(weight: float) -> float:
    return 1.0 / (1.0 + 2.0 ** (-weight))


def weight_from_probability(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log2(p / (1 - p))


def steps_from_explanation(rows: list[dict]) -> list[Step]:
    """Turn ``explain_pair`` rows (dicts) into chart steps, the total last."""
    steps: list[Step] = []
    total: float | None = None
    for r in rows:
        name = str(r.get("comparison") or "")
        w = float(r.get("match_weight") or 0.0)
        if name == "total":
            total = w
            continue
        vl, vr = r.get("value_l"), r.get("value_r")
        level = str(r.get("level") or "")
        if name == "prior":
            detail = "prior"
        else:
            detail = level
            if vl is not None or vr is not None:
                detail += f" ({_short(vl)} | {_short(vr)})"
        # the Chinese name of the comparison (the model's own name stays in the tooltip)
        steps.append(Step(label=i18n.label("comparison", name, "zh"), detail=detail, weight=w,
                          name=name))
    if total is None:
        total = sum(s.weight for s in steps)
    steps.append(Step(label="total", detail="合计 total", weight=total, is_total=True))
    return steps


def steps_from_probability(p: float | None) -> list[Step]:
    """A one-step chart from a stored match probability (no per-comparison detail)."""
    w = weight_from_probability(1.0 if p is None else float(p))
    return [
        Step(label="stored", detail="存储的匹配概率 stored match probability", weight=w),
        Step(label="total", detail="合计 total", weight=w, is_total=True),
    ]


def _short(v: object, n: int = 14) -> str:
    s = "∅" if v is None else str(v)
    return s if len(s) <= n else s[: n - 1] + "…"


def render_svg(steps: list[Step], *, title: str = "", width: int = 640) -> str:
    """Render the waterfall as an SVG string (accessible: role=img with a title)."""
    row_h, top, label_w, value_w = 24, 28, 230, 60
    chart_w = width - label_w - value_w - 10
    height = top + row_h * len(steps) + 34
    # running sums
    spans: list[tuple[float, float]] = []
    cum = 0.0
    for s in steps:
        if s.is_total:
            spans.append((0.0, s.weight))
        else:
            spans.append((cum, cum + s.weight))
            cum += s.weight
    lo = min([0.0, *[min(a, b) for a, b in spans]])
    hi = max([0.0, *[max(a, b) for a, b in spans]])
    if hi - lo < 1e-9:
        hi = lo + 1.0
    pad = (hi - lo) * 0.05
    lo, hi = lo - pad, hi + pad

    def x(v: float) -> float:
        return label_w + (v - lo) / (hi - lo) * chart_w

    total = steps[-1].weight if steps else 0.0
    prob = probability_from_weight(total)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="waterfall" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-label="{escape(title or "match weight waterfall")}">',
        f"<title>{escape(title or 'match weight waterfall')}</title>",
        f'<text x="4" y="16" class="wf-title">{escape(title)}</text>',
    ]
    x0 = x(0.0)
    out.append(f'<line x1="{x0:.1f}" y1="{top - 6}" x2="{x0:.1f}" '
               f'y2="{top + row_h * len(steps)}" stroke="#888" stroke-dasharray="3,3"/>')
    for i, (s, (a, b)) in enumerate(zip(steps, spans, strict=True)):
        y = top + i * row_h
        left, right = sorted((x(a), x(b)))
        w = max(right - left, 1.5)
        cls = "wf-total" if s.is_total else ("wf-pos" if s.weight >= 0 else "wf-neg")
        fill = "#1f4e79" if s.is_total else ("#2e7d32" if s.weight >= 0 else "#c62828")
        out.append(f'<g class="wf-row {cls}">')
        out.append(f'<text x="4" y="{y + 15}" class="wf-label">{escape(_short(s.label, 18))}'
                   f'<tspan class="wf-detail" dx="6" fill="#666">{escape(_short(s.detail, 22))}'
                   f"</tspan></text>")
        out.append(f'<rect x="{left:.1f}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" '
                   f'fill="{fill}"><title>{escape(s.name or s.label)}: {s.weight:+.2f}</title></rect>')
        out.append(f'<text x="{width - value_w + 4}" y="{y + 15}" class="wf-value">'
                   f"{s.weight:+.2f}</text>")
        out.append("</g>")
    y = top + row_h * len(steps) + 20
    out.append(f'<text x="4" y="{y}" class="wf-foot">match weight (log2) {total:+.2f} → '
               f"probability {prob:.4f}</text>")
    out.append("</svg>")
    return "".join(out)

"""Writing the gate's results: ``quality/<source>.json``, ``quality/quarantine/<source>.parquet``
and a self-contained bilingual ``quality/summary.html``.

Only counts, check names and ``record_id`` examples are written — never raw ID
numbers or diagnoses (the quarantine files hold the rows as read, by design,
for the departments to correct them; they stay inside the run folder).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from pipelines.contract import SOURCES

if TYPE_CHECKING:
    from pipelines.quality.gate import GateResult

SEVERITY_ZH = {"fatal": "致命", "quarantine": "隔离", "flag": "标记", "warning": "警告"}
SEVERITY_ORDER = {"fatal": 0, "quarantine": 1, "warning": 2, "flag": 3}

_TEMPLATE = jinja2.Template(
    """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>数据质量检查 Data-quality gate</title>
<style>
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",system-ui,sans-serif;margin:2em;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0;font-size:.9em}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f2f2f2}td.n{text-align:right;font-variant-numeric:tabular-nums}
.fatal{background:#fbdada}.quarantine{background:#fde9c9}.warning{background:#fff6c2}
.flag{background:#e8f1fb}.ok{color:#2a7d2a}.bad{color:#b00020;font-weight:bold}
.ex{font-family:monospace;font-size:.85em;color:#555}
</style></head><body>
<h1>数据质量检查 · Data-quality gate</h1>
<p>提取日期 Extraction date: <b>{{ p.as_of }}</b>{% if p.period %} · 核查期间 Period: {{ p.period[0] }} – {{ p.period[1] }}{% endif %}
 · 隔离上限 Quarantine limit: {{ '%.0f' % (p.quarantine_limit * 100) }}%</p>
{% if fatal %}<p class="bad">致命问题，本次运行停止 · Fatal — the run stops before linkage:</p>
<ul>{% for f in fatal %}<li class="fatal">{{ f.one_line() }}</li>{% endfor %}</ul>
{% else %}<p class="ok">无致命问题 · No fatal problem.</p>{% endif %}
<h2>各数据源 · Sources</h2>
<table><tr><th>数据源 Source</th><th>文件 File</th><th>读入 Read</th><th>接受 Accepted</th>
<th>隔离 Quarantined</th><th>警告 Warnings</th></tr>
{% for s in sources %}<tr><td>{{ s.name }}<br><small>{{ s.department }}</small></td>
<td>{{ s.file or '— 未提供 not supplied' }}</td><td class="n">{{ s.read }}</td>
<td class="n">{{ s.accepted }}</td><td class="n">{{ s.quarantined }}</td><td class="n">{{ s.warnings }}</td></tr>
{% endfor %}</table>
{% if warnings %}<h2>警告 · Warnings</h2><ul>
{% for w in warnings %}<li class="warning"><b>{{ w.source }}</b> · {{ w.check }}: {{ w.message }}</li>{% endfor %}
</ul>{% endif %}
{% for s in sources if s.checks %}
<h2>{{ s.name }}</h2>
<table><tr><th>检查 Check</th><th>级别 Severity</th><th>说明 Description</th><th>行数 Count</th>
<th>示例记录编号 Example record_ids</th></tr>
{% for c in s.checks %}<tr class="{{ c.severity if c.count or c.get('success') == False else '' }}">
<td>{{ c.name }}{% if c.get('sampled') %} <small>(抽样 sampled)</small>{% endif %}</td>
<td>{{ sev_zh[c.severity] }} {{ c.severity }}</td><td>{{ c.zh }}<br><small>{{ c.en }}</small></td>
<td class="n">{{ c.count }}</td><td class="ex">{{ c.examples | join(', ') }}</td></tr>
{% endfor %}</table>
{% endfor %}
</body></html>
""",
    autoescape=True,
)


def _json_default(o: Any) -> Any:
    if hasattr(o, "isoformat"):
        return o.isoformat()
    raise TypeError(type(o).__name__)


def source_report(gate: GateResult, name: str) -> dict[str, Any]:
    """The content of ``quality/<source>.json``."""
    return {
        "source": name,
        **gate.files.get(name, {}),
        "counts": gate.counts.get(name, {"read": 0, "accepted": 0, "quarantined": 0}),
        "checks": gate.checks.get(name, []),
        "warnings": [w.as_dict() for w in gate.warnings if w.source == name],
        "fatal": [f.as_dict() for f in gate.fatal if f.source == name],
        "parameters": gate.parameters,
    }


def render_summary(gate: GateResult) -> str:
    sources = []
    for name, src in SOURCES.items():
        counts = gate.counts.get(name, {"read": 0, "accepted": 0, "quarantined": 0})
        checks = sorted(gate.checks.get(name, []),
                        key=lambda c: (not (c["count"] or c.get("success") is False),
                                       SEVERITY_ORDER.get(c["severity"], 9), -c["count"], c["name"]))
        sources.append({
            "name": name, "department": src.department, "file": gate.files.get(name, {}).get("file"),
            **counts, "warnings": sum(1 for w in gate.warnings if w.source == name),
            "checks": checks,
        })
    return _TEMPLATE.render(p=gate.parameters, fatal=gate.fatal, warnings=gate.warnings,
                            sources=sources, sev_zh=SEVERITY_ZH)


def write_quality(gate: GateResult, out_dir: Path) -> Path:
    """Write ``out_dir/quality/``; files are deterministic for the same inputs."""
    qdir = out_dir / "quality"
    (qdir / "quarantine").mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        if name not in gate.counts:
            continue
        (qdir / f"{name}.json").write_text(
            json.dumps(source_report(gate, name), ensure_ascii=False, indent=2,
                       default=_json_default) + "\n", encoding="utf-8")
        q = gate.quarantined.get(name)
        if q is not None:
            q.write_parquet(qdir / "quarantine" / f"{name}.parquet")
    (qdir / "summary.html").write_text(render_summary(gate), encoding="utf-8")
    return qdir

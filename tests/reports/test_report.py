"""The audit report and the lead workbook of a run: contents, figures, masking, self-containment."""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from reports_checks import EXTERNAL_REF, pdf_text, squash, unmasked_ids, xlsx_xml

from reports.render import render_html
from reports.report import build_run_reports, report_context
from reports.rundata import load_run

HEADINGS_ZH = ["一、摘要", "二、数据接收与数据质量", "三、比对漏斗", "四、线索分布", "五、重点线索",
               "六、少报伤亡的已报事故", "七、方法与局限", "八、运行清单"]


def test_report_files_written(built_zh):
    run_dir, paths = built_zh
    assert set(paths) == {"html", "pdf", "xlsx"}
    for p in paths.values():
        assert p.parent == run_dir and p.stat().st_size > 1000


def test_pdf_has_chinese_headings_in_order_and_page_numbers(built_zh):
    _, paths = built_zh
    text = squash(pdf_text(paths["pdf"]))
    positions = [text.find(h) for h in HEADINGS_ZH]
    assert all(p >= 0 for p in positions), dict(zip(HEADINGS_ZH, positions, strict=True))
    assert positions == sorted(positions)
    assert "第1页/共" in text
    pages = int(text.split("第1页/共", 1)[1].split("页", 1)[0])
    assert pages >= 3
    assert f"第{pages}页/共{pages}页" in text


def test_pdf_key_figures_match_run_json(built_zh):
    run_dir, paths = built_zh
    manifest = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    text = squash(pdf_text(paths["pdf"]))
    assert manifest["run_id"] in text
    assert manifest["code_version"] in text
    total = sum(manifest["leads"].values())
    assert f"本次运行共产生线索{total}条" in text
    assert f"疑似瞒报死亡{manifest['leads']['unreported_death']}条" in text
    assert f"疑似少报伤亡的已报事故{manifest['leads']['under_reported_accident']}条" in text
    for src, info in manifest["inputs"].items():
        if info["file"]:
            assert f"{info['read']:,}{info['accepted']:,}{info['quarantined']:,}" in text, src
            assert info["sha256"] in text, src
    # the under-reported accident: reported 2 → evidenced 3, grade 一般 → 较大
    assert "A0001" in text and "一般较大" in text
    # a missing source says which checks were impossible
    assert "社保参保：无法确定死者生前的用人单位" in text


def test_report_html_is_self_contained(built_zh):
    _, paths = built_zh
    html = paths["html"].read_text(encoding="utf-8")
    assert "<svg" in html  # the charts are inline
    assert not EXTERNAL_REF.search(html)
    assert "http://" not in html and "https://" not in html
    assert "<link" not in html and "<script src" not in html


def test_no_unmasked_id_and_no_raw_diagnosis_anywhere(built_zh):
    run_dir, paths = built_zh
    raw_ids = pl.read_parquet(run_dir / "evidence_records.parquet")["id_number"].drop_nulls().to_list()
    assert raw_ids  # the fixture has IDs to leak
    html = paths["html"].read_text(encoding="utf-8")
    xml = xlsx_xml(paths["xlsx"])
    pdf = pdf_text(paths["pdf"])
    for text in (html, xml, pdf):
        assert unmasked_ids(text) == []
        assert all(i not in text for i in raw_ids)
        assert "S06.5" not in text and "W20.6" not in text
    # the workbook shows the evidence masked, not dropped
    assert raw_ids[0][:6] + "********" + raw_ids[0][-4:] in xml
    assert "S00–T98 损伤、中毒和外因的某些其他后果" in xml


def test_workbook_sheets_header_filters_widths(built_zh):
    run_dir, paths = built_zh
    leads = pl.read_parquet(run_dir / "leads.parquet")
    evidence = pl.read_parquet(run_dir / "lead_evidence.parquet")
    wb = openpyxl.load_workbook(paths["xlsx"])
    assert wb.sheetnames == ["线索", "证据", "按城市和行业汇总"]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
        assert ws.cell(1, 1).font.bold
    ws = wb["线索"]
    assert ws.max_row == leads.height + 1
    assert [c.value for c in ws[2]][:3] == [1, "L-D0001", "疑似瞒报死亡"]
    widths = {k: d.width for k, d in ws.column_dimensions.items()}
    assert widths["K"] >= 20  # employer names are long Chinese strings
    assert wb["证据"].max_row == evidence.height + 1
    summ = wb["按城市和行业汇总"]
    total_col = [c.value for c in summ[1]].index("合计") + 1
    assert sum(summ.cell(r, total_col).value for r in range(2, summ.max_row + 1)) == leads.height


def test_change_since_previous_run_from_manifest(run_dir: Path):
    manifest = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    manifest["previous_run_id"] = "run-20241210-01"
    manifest["changes"] = {"new": 3, "persisting": 2, "changed": 1, "reopened": 1, "gone": 4,
                           "suppressed": 0}
    (run_dir / "run.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    data = load_run(run_dir)
    previous = {"run_id": "run-20241210-01", "leads": {"unreported_death": 1,
                                                       "under_reported_accident": 4}}
    ctx = report_context(data, lang="zh", previous=previous)
    assert ctx["change"]["run_id"] == "run-20241210-01"
    assert dict(ctx["change"]["changes"])["gone"] == 4
    by_type = {r["type"]: r for r in ctx["change"]["by_type"]}
    assert by_type["unreported_death"]["delta"] == 3 - 1
    assert by_type["under_reported_accident"]["delta"] == 2 - 4
    html = squash(render_html("report.html.j2", ctx, masked=True))
    assert "run-20241210-01" in html and "4</span><spanclass=\"l\">不再出现" in html


def test_no_previous_run_is_said(built_zh):
    _, paths = built_zh
    assert "运行库中没有可比较的上一次运行" in paths["html"].read_text(encoding="utf-8")


def test_english_report(run_dir: Path):
    paths = build_run_reports(run_dir, lang="en")
    text = squash(pdf_text(paths["pdf"]))
    for h in ("1.Summary", "2.Datareceivedanddataquality", "3.Linkagefunnel", "8.Runmanifest"):
        assert h in text
    assert "Page1of" in text
    assert "Unreporteddeath" in text
    wb = openpyxl.load_workbook(paths["xlsx"])
    assert wb.sheetnames == ["Leads", "Evidence", "By city and industry"]
    assert unmasked_ids(paths["html"].read_text(encoding="utf-8")) == []


def test_report_on_empty_run(run_dir: Path):
    """A run with no leads still renders and says so."""
    for name in ("leads", "lead_evidence", "lead_signals"):
        f = pl.read_parquet(run_dir / f"{name}.parquet")
        f.clear().write_parquet(run_dir / f"{name}.parquet")
    manifest = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    manifest["leads"] = {k: 0 for k in manifest["leads"]}
    (run_dir / "run.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    ctx = report_context(load_run(run_dir), lang="zh")
    html = render_html("report.html.j2", ctx, masked=True)
    assert "本次运行没有产生线索" in html
    assert ctx["leads_total"] == 0


def _record(store, run_dir: Path, manifest: dict, out_dir: Path, prev: str | None = None,
            changes: dict | None = None) -> None:
    leads = pl.read_parquet(run_dir / "leads.parquet").with_columns(
        pl.lit("new").alias("change"), pl.col("lead_id").alias("evidence_hash"))
    ev = pl.read_parquet(run_dir / "lead_evidence.parquet").with_columns(pl.lit(True).alias("is_new"))
    store.record_run(manifest, input_dir="/data/in", out_dir=str(out_dir), leads=leads,
                     lead_evidence=ev, lead_signals=pl.read_parquet(run_dir / "lead_signals.parquet"),
                     previous_run_id=prev, changes=changes)


def test_report_inside_a_run_being_written(make_run, tmp_path: Path):
    """`crosscheck run` builds the report in `.<out>.tmp-<run_id>` before run.json exists:
    the manifest comes from the store, and the previous run's counts too."""
    from pipelines.store import open_store

    url = f"sqlite:///{tmp_path / 'store.db'}"
    store = open_store(url)
    try:
        old = make_run(tmp_path / "old", run_id="run-A", drop_leads=3, started_at="2025-01-01T08:00:00")
        old_manifest = json.loads((old / "run.json").read_text(encoding="utf-8"))
        _record(store, old, old_manifest, old)
        store.complete_run("run-A")
        tmp = make_run(tmp_path / ".run.tmp-run-B", run_id="run-B")
        manifest = json.loads((tmp / "run.json").read_text(encoding="utf-8"))
        manifest.update(previous_run_id="run-A", finished_at=None,
                        changes={"new": 3, "persisting": 4, "changed": 0, "reopened": 0,
                                 "gone": 0, "suppressed": 0})
        (tmp / "run.json").unlink()
        _record(store, tmp, manifest, tmp_path / "run", prev="run-A", changes=manifest["changes"])
    finally:
        store.close()
    paths = build_run_reports(tmp, url, lang="zh")
    text = squash(pdf_text(paths["pdf"]))
    assert "run-B" in text and "上一次运行" in text and "run-A" in text
    html = squash(paths["html"].read_text(encoding="utf-8"))
    assert '<spanclass="n">3</span><spanclass="l">新线索</span>' in html
    # before: 1 unreported death (the 3 dropped leads were L-A0002, L-D0008, L-D0010) → now 3
    assert "疑似瞒报死亡</td><tdclass=\"num\">1</td><tdclass=\"num\">3</td><tdclass=\"numup\">+2</td>" in html
    assert f"{manifest['inputs']['medical_records']['read']:,}" in text


def _rel(rows: list[tuple[str, int, float, float]]) -> list[dict]:
    return [{"bin": b, "leads": n, "mean_predicted": p, "observed": o} for b, n, p, o in rows]


def test_report_states_the_scorers_calibration(run_dir: Path):
    """Brier scores on the fitted and held-out data and a reliability table (held-out data pooled,
    bands in order), what the model was fitted to, and how to recalibrate it."""
    scorer = {
        "model": "logistic_regression",
        "provenance": {"labels": "generated truth (crosscheck generate)", "seeds_and_variants": ["d_31", "h_33"]},
        "calibration": {
            "on_training_data": {"n": 1000, "positives": 40, "brier": 0.0123,
                                 "reliability": _rel([("0.0–0.1", 950, 0.01, 0.01), ("0.9–1.0", 50, 0.95, 0.9)])},
            "held_out": {
                # bands arrive in any order and a set may lack one
                "d_901:oracle": {"n": 300, "positives": 10, "brier": 0.02,
                                 "reliability": _rel([("0.9–1.0", 10, 0.9, 1.0), ("0.0–0.1", 290, 0.02, 0.0)])},
                "d_901:linker": {"n": 100, "positives": 5, "brier": 0.04,
                                 "reliability": _rel([("0.0–0.1", 90, 0.04, 0.0), ("0.5–0.6", 10, 0.5, 0.5)])},
            },
        },
    }
    (run_dir / "scorer.json").write_text(json.dumps(scorer), encoding="utf-8")
    manifest = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    manifest["parameters"]["scorer"] = "/models/scorer-2025Q1.json"
    (run_dir / "run.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    ctx = report_context(load_run(run_dir), lang="en")
    c = ctx["calibration"]
    assert c["training"] == {"leads": 1000, "positives": 40, "brier": 0.0123}
    assert c["held_out"]["sets"] == 1 and c["held_out"]["evaluations"] == 2
    assert c["held_out"]["brier"] == pytest.approx((300 * 0.02 + 100 * 0.04) / 400)
    assert [r["bin"] for r in c["reliability"]] == ["0.0–0.1", "0.5–0.6", "0.9–1.0"]
    low = c["reliability"][0]
    assert low["leads"] == 380 and low["predicted"] == pytest.approx((290 * 0.02 + 90 * 0.04) / 380)
    html = render_html("report.html.j2", ctx, masked=True)
    text = squash(re.sub(r"<[^>]+>", " ", html))
    assert "Calibrationofthescores" in text
    assert "0.01230onthedataitwasfittedto(1,000leads,40real)" in text
    assert "0.02000–0.04000on1held-outdatasets" in text and "0.02500pooledover400leads" in text
    assert "0.5–0.6100.50000.5000" in text
    assert "d_31,h_33" in text
    assert "crosscheck train-scorer --run RUN --labels" in re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
    assert "/models/scorer-2025Q1.json" in text
    zh = squash(re.sub(r"<[^>]+>", " ", render_html("report.html.j2", report_context(load_run(run_dir), lang="zh"),
                                                        masked=True)))
    assert "得分校准" in zh and "在拟合所用数据上为0.01230" in zh and "核查人员的核查结论重新校准" in zh


def test_report_without_calibration_figures_says_how_to_recalibrate(built_zh):
    """The hand-made run's scorer has no calibration report: no table, the recalibration note stays."""
    _, paths = built_zh
    html = paths["html"].read_text(encoding="utf-8")
    assert "得分校准</h3>" not in html
    assert "模型可以用核查人员的核查结论重新校准" in html and "本次运行使用随系统提供的评分模型" in html


def test_report_says_the_scorer_was_recalibrated_to_decisions(run_dir: Path):
    scorer = {
        "model": "logistic_regression",
        "provenance": {"labels": "investigators' decisions (lead_labels.csv)", "run": "runs/2025Q1",
                       "seeds_and_variants": ["d_31"],
                       "recalibrated": {"decisions": 120, "confirmed": 45, "slope": 0.61, "intercept": -0.8,
                                        "previous_labels": "generated truth (crosscheck generate)"}},
        "calibration": {"on_training_data": {"n": 120, "positives": 45, "brier": 0.19,
                                             "reliability": _rel([("0.2–0.3", 60, 0.25, 0.2), ("0.6–0.7", 60, 0.65, 0.55)])}},
    }
    (run_dir / "scorer.json").write_text(json.dumps(scorer), encoding="utf-8")
    ctx = report_context(load_run(run_dir), lang="en")
    assert ctx["calibration"]["recalibrated"]["decisions"] == 120 and ctx["calibration"]["labels_kind"] == "generated"
    text = squash(re.sub(r"<[^>]+>", " ", render_html("report.html.j2", ctx, masked=True)))
    assert "thenrecalibratedto120investigators'decisions(45leadsconfirmed,runruns/2025Q1)" in text.replace("&#39;", "'")
    assert "multipliedby0.610andshiftedby-0.800" in text
    assert "0.19000onthedecidedleads(120leads,45real)" in text and "(thedecidedleads)" in text


def test_link_model_section_only_from_a_trained_model(run_dir: Path):
    """A model.json without its training record (the hand-made run's) gives no link-model
    subsection; one with it lists every blocking rule, and a rule that trained no EM session
    says so."""
    assert report_context(load_run(run_dir), lang="en")["linkage_model"] is None
    model = {"comparisons": [], "config": {"blocking": [{"name": "id"}, {"name": "name"}]},
             "training": {"m_from": "em", "m_pooling": "median", "u_pairs": 5000, "candidate_pairs": 120,
                          "em": [{"session": "id", "pairs": 40, "iterations": 6, "converged": True,
                                  "match_share": 0.99, "estimated": ["name"]}]},
             "run_stats": {"blocking": {"rules": {"name": {"pairs": 90, "new_pairs": 80, "skipped_records": 3},
                                                  "id": {"pairs": 40, "new_pairs": 40, "skipped_records": 0}}},
                           "clustering": {"guarded_components": 2, "refused_links": 1}}}
    (run_dir / "model.json").write_text(json.dumps(model), encoding="utf-8")
    ctx = report_context(load_run(run_dir), lang="en")
    lm = ctx["linkage_model"]
    assert [r["rule"] for r in lm["rules"]] == ["id", "name"] and lm["sessions"] == 1
    text = squash(re.sub(r"<[^>]+>", " ", render_html("report.html.j2", ctx, masked=True)))
    assert "proposed120candidatepairs" in text and "bytheirmedian" in text
    assert "name90803notatrainingsession" in text and "id40400" in text
    assert "refused1links" in text


def test_report_states_how_the_scorer_was_adapted_to_the_run(run_dir: Path):
    """A scorer adapted to the run's background (provenance ``adapted``) is said so in both
    languages: the deaths measured, and each lowered signal with its weights and prevalences,
    the largest change first."""
    scorer = {
        "model": "logistic_regression",
        "provenance": {"labels": "generated truth (crosscheck generate)", "seeds_and_variants": ["d_31"],
                       "adapted": {"population": "working_age_death", "deaths": 15234, "pseudo_count": 200,
                                   "lowered": {
                                       "vague_cause": {"prevalence": 0.0069, "reference": 0.0044,
                                                       "weight": 1.75, "adapted_weight": 1.30},
                                       "far_cremation": {"prevalence": 0.041, "reference": 0.0205,
                                                         "weight": 2.28, "adapted_weight": 1.587}}}},
        "calibration": {"on_training_data": {"n": 1000, "positives": 40, "brier": 0.0123,
                                             "reliability": _rel([("0.0–0.1", 1000, 0.04, 0.04)])}},
    }
    (run_dir / "scorer.json").write_text(json.dumps(scorer), encoding="utf-8")
    ctx = report_context(load_run(run_dir), lang="en")
    a = ctx["calibration"]["adapted"]
    assert a["deaths"] == 15234 and [r["signal"] for r in a["signals"]] == ["far_cremation", "vague_cause"]
    text = squash(re.sub(r"<[^>]+>", " ", render_html("report.html.j2", ctx, masked=True)))
    assert "Adaptedtothisrun'sbackground" in text.replace("&#39;", "'")
    assert "this run's 15,234 working-age deaths".replace(" ", "") in text.replace("&#39;", "'")
    assert "far_cremation2.28→1.59(4.10%here,2.05%intraining)" in text
    zh = squash(re.sub(r"<[^>]+>", " ", render_html("report.html.j2", report_context(load_run(run_dir), lang="zh"),
                                                        masked=True)))
    assert "已按本次运行的数据背景调整" in zh and "vague_cause1.75→1.30（本次0.69%，训练数据0.44%）" in zh
    # a scorer that was not adapted says nothing of it
    scorer["provenance"].pop("adapted")
    (run_dir / "scorer.json").write_text(json.dumps(scorer), encoding="utf-8")
    assert report_context(load_run(run_dir), lang="en")["calibration"]["adapted"] is None

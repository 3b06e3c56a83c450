"""The report, workbook and dossiers on a small *real* run (generated data, the real pipeline).

The hand-made run of ``conftest.make_run_dir`` tests layouts and edge cases a real run
cannot produce on demand; these tests check that the real pipeline's outputs read as they
should: headings and key figures of ``run.json`` in the PDF, no unmasked ID anywhere
unless asked, nothing fetched from outside, and the match-weight waterfall recomputed by
the real ``pipelines.linking.explain_pair`` adding up to each link's match weight.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import polars as pl
import pytest
from reports_checks import EXTERNAL_REF, pdf_text, squash, unmasked_ids, xlsx_xml

from pipelines.errors import CrosscheckError
from pipelines.linking import explain_pair
from reports import build_dossier
from reports.dossier import AUDIT_ACTION, dossier_context
from reports.masking import is_valid_resident_id, mask_id
from reports.rundata import load_run

HEADINGS_ZH = ["一、摘要", "二、数据接收与数据质量", "三、比对漏斗", "四、线索分布", "五、重点线索",
               "六、少报伤亡的已报事故", "七、方法与局限", "八、运行清单"]


def _manifest(run_dir: Path) -> dict:
    return json.loads((run_dir / "run.json").read_text(encoding="utf-8"))


def _valid_ids(run_dir: Path) -> list[str]:
    er = pl.read_parquet(run_dir / "evidence_records.parquet")
    return [i for i in er["id_number"].drop_nulls().unique().sort().to_list() if is_valid_resident_id(i)]


def test_real_report_headings_and_figures_match_run_json(real):
    run_dir = real.run_dir
    m = _manifest(run_dir)
    text = squash(pdf_text(run_dir / "report.pdf"))
    positions = [text.find(h) for h in HEADINGS_ZH]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), positions
    pages = int(text.split("第1页/共", 1)[1].split("页", 1)[0])
    assert f"第{pages}页/共{pages}页" in text
    assert m["run_id"] in text and m["code_version"] in text
    total = sum(m["leads"].values())
    assert total > 0
    assert f"本次运行共产生线索{total:,}条" in text
    assert f"疑似瞒报死亡{m['leads'].get('unreported_death', 0):,}条" in text
    for src, info in m["inputs"].items():
        if info["file"]:
            assert f"{info['read']:,}{info['accepted']:,}{info['quarantined']:,}" in text, src
            assert info["sha256"] in text, src
    # the period of a run without --period: "all records up to <as_of>"
    assert f"截至{m['parameters']['as_of']}的全部记录" in text
    # quality defects named in words, not check ids
    assert "身份证号缺失" in text and "completeness:" not in text


def test_real_report_funnel_from_profiles(real):
    from reports.report import _funnel

    data = load_run(real.run_dir)
    f = _funnel(data)
    prof = pl.read_parquet(real.run_dir / "profiles.parquet")
    links = pl.read_parquet(real.run_dir / "links.parquet")
    assert f["from_profiles"] == 1
    assert f["records"] == links.height and f["persons"] == links["person_key"].n_unique()
    assert f["deaths"] == prof["dead"].sum() <= f["hurt"] <= f["persons"] <= f["records"]
    assert f["explained"] + f["unexplained"] == f["hurt"]
    assert 0 < f["lead_persons"] <= f["unexplained"] + f["explained"]
    text = squash(pdf_text(real.run_dir / "report.pdf"))
    assert f"死亡或重伤的人员{f['hurt']:,}" in text and f"其中死亡{f['deaths']:,}" in text


def test_real_outputs_have_no_unmasked_id_and_nothing_external(real):
    run_dir = real.run_dir
    ids = _valid_ids(run_dir)
    assert ids, "the real run's evidence has no valid ID to leak"
    dossier_html = (run_dir / "dossiers" / f"{real.dossier_lead}.html").read_text(encoding="utf-8")
    texts = {
        "report.html": (run_dir / "report.html").read_text(encoding="utf-8"),
        "report.pdf": pdf_text(run_dir / "report.pdf"),
        "leads.xlsx": xlsx_xml(run_dir / "leads.xlsx"),
        "dossier.html": dossier_html,
        "dossier.pdf": pdf_text(run_dir / "dossiers" / f"{real.dossier_lead}.pdf"),
    }
    for name, text in texts.items():
        assert unmasked_ids(text) == [], name
        assert not any(i in text for i in ids), name
    # the dossier and the workbook show the evidence's IDs masked, not dropped
    lead_ev = pl.read_parquet(run_dir / "lead_evidence.parquet").filter(
        pl.col("lead_id") == real.dossier_lead)
    er = pl.read_parquet(run_dir / "evidence_records.parquet").join(
        lead_ev.select("source", "record_id"), on=["source", "record_id"])
    shown = [i for i in er["id_number"].drop_nulls().to_list() if is_valid_resident_id(i)]
    assert shown and mask_id(shown[0]) in dossier_html
    for name in ("report.html", "dossier.html"):
        html = texts[name]
        assert not EXTERNAL_REF.search(html), name
        assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "") \
            .replace("http://www.w3.org/1999/xlink", ""), name
        assert "https://" not in html, name


def test_real_unmasked_dossier_is_audited(real, tmp_path: Path):
    mine = real.copy(tmp_path / "copy")
    paths = build_dossier(mine.run_dir, mine.other_lead, store_url=mine.db_url, unmasked=True,
                          actor="k-test")
    html = paths["html"].read_text(encoding="utf-8")
    assert paths["html"].name.endswith(".unmasked.html")
    assert unmasked_ids(html), "an unmasked dossier shows the full ID numbers"
    assert unmasked_ids(pdf_text(paths["pdf"]))
    from pipelines.store import open_store

    store = open_store(mine.db_url)
    try:
        entries = store.list_audit({"action": AUDIT_ACTION})
    finally:
        store.close()
    assert [(e["actor"], e["lead_id"], e["run_id"]) for e in entries] == [
        ("k-test", mine.other_lead, mine.run_id)]


def test_real_dossier_waterfall_adds_up_to_the_match_weight(real):
    data = load_run(real.run_dir)
    ctx = dossier_context(data, real.dossier_lead)
    links = [link for p in ctx["persons"] for link in p["links"]]
    assert links and not any(link["error"] for link in links), [link["error"] for link in links]
    pairs = pl.read_parquet(real.run_dir / "pairs.parquet")
    checked_stored = 0
    for link in links:
        weights = [r["match_weight"] for r in link["rows"]]
        assert link["rows"][0]["comparison"] == "prior"
        assert math.isclose(sum(weights), link["total"]["match_weight"], abs_tol=1e-6)
        assert "<svg" in str(link["chart"])
    # the dossier's waterfalls are explain_pair's own numbers, equal to the scored pairs
    for p in ctx["persons"]:
        recs = [(r["source"], r["record_id"]) for r in p["records"]]
        for row in pairs.iter_rows(named=True):
            a, b = (row["source_l"], row["record_id_l"]), (row["source_r"], row["record_id_r"])
            if a in recs and b in recs:
                total = explain_pair(real.run_dir, a, b).filter(pl.col("comparison") == "total")
                assert math.isclose(total["match_weight"][0], row["match_weight"], abs_tol=1e-6)
                checked_stored += 1
    assert checked_stored >= 1
    html = (real.run_dir / "dossiers" / f"{real.dossier_lead}.html").read_text(encoding="utf-8")
    assert "匹配权重分解" in html and "身份证号" in html and html.count("<svg") >= 2


def test_fast_explanations_equal_explain_pair(real):
    """``reports.explain.explain_rows`` (the run loaded once) gives explain_pair's rows."""
    from reports.explain import explain_rows

    pairs = pl.read_parquet(real.run_dir / "pairs.parquet").sort("match_weight").gather_every(
        max(1, pl.read_parquet(real.run_dir / "pairs.parquet").height // 12)).head(12)
    assert pairs.height >= 5
    tf_rows = 0
    for row in pairs.iter_rows(named=True):
        a, b = (row["source_l"], row["record_id_l"]), (row["source_r"], row["record_id_r"])
        ref = explain_pair(real.run_dir, a, b).to_dicts()
        got = explain_rows(real.run_dir, a, b)
        assert [r["comparison"] for r in got] == [r["comparison"] for r in ref]
        for x, y in zip(ref, got, strict=True):
            assert (x["level"], x["value_l"], x["value_r"]) == (y["level"], y["value_l"], y["value_r"])
            assert math.isclose(x["match_weight"], y["match_weight"], abs_tol=1e-9)
        tf_rows += sum("term frequency" in r["comparison"] for r in got)
        assert math.isclose(got[-1]["match_weight"], row["match_weight"], abs_tol=1e-6)
    assert tf_rows >= 1   # the cached term frequencies were used, not just the plain levels
    # a record the run does not have falls back to explain_pair, which says so
    with pytest.raises(CrosscheckError):
        explain_rows(real.run_dir, ("deregistrations", "NO-SUCH-RECORD"), a)


def test_every_comparison_of_the_model_has_a_chinese_name(real):
    """The waterfall of a Chinese dossier names each comparison in Chinese (a comparison the
    linkage model gains must be added to ``reports.i18n``)."""
    from reports.i18n import label

    model = json.loads((real.run_dir / "model.json").read_text(encoding="utf-8"))
    names = [c["name"] for c in model["config"]["comparisons"]]
    assert names
    missing = [n for n in [*names, "prior", "total"] if label("comparison", n, "zh") == n]
    assert missing == []


def test_real_report_says_how_the_link_model_was_learnt(real):
    """Section 7 states the run's candidate pairs, the random pairs behind u, the EM sessions
    (one row per blocking rule, in the configuration's order, with their pairs) and the pooling,
    all as model.json has them."""
    run_dir = real.run_dir
    model = json.loads((run_dir / "model.json").read_text(encoding="utf-8"))
    tr, rules = model["training"], model["run_stats"]["blocking"]["rules"]
    text = squash(pdf_text(run_dir / "report.pdf"))
    assert "本次运行的比对模型" in text
    assert f"分块规则共提出{tr['candidate_pairs']:,}对候选记录" in text
    assert f"取自{tr['u_pairs']:,}对随机记录" in text
    assert f"共{len(tr['em'])}轮" in text and "按字段取中位数合并" in text
    order = [b["name"] for b in model["config"]["blocking"]]
    positions = [text.find(f"{name}{rules[name]['pairs']:,}{rules[name]['new_pairs']:,}") for name in order]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), positions

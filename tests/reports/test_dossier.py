"""Lead dossiers: contents, masking, audited unmasking, the waterfall, the commands."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import polars as pl
import pytest
from reports_checks import EXTERNAL_REF, pdf_text, squash, unmasked_ids

from pipelines.cli import main
from pipelines.errors import UsageError
from reports.dossier import AUDIT_ACTION, build_dossier, dossier_context
from reports.masking import diagnosis_chapter, mask_id
from reports.render import render_html
from reports.rundata import load_run


def _ids_of(run_dir: Path, *record_ids: str) -> list[str]:
    er = pl.read_parquet(run_dir / "evidence_records.parquet")
    return er.filter(pl.col("record_id").is_in(list(record_ids)))["id_number"].drop_nulls().unique().to_list()


def test_masked_dossier_contents(run_dir: Path):
    paths = build_dossier(run_dir, "L-A0001")
    assert paths["html"].name == "L-A0001.html" and paths["pdf"].name == "L-A0001.pdf"
    html = paths["html"].read_text(encoding="utf-8")
    text = squash(pdf_text(paths["pdf"]))
    for t in (html, text):
        assert unmasked_ids(t) == []
        assert "S32.0" not in t
    for h in ("线索核查卷宗", "涉及人员", "证据记录对照", "匹配权重分解", "时间线", "评分依据"):
        assert h in text
    assert "第1页/共" in text
    # persons by name, IDs masked, diagnosis as chapter, the accident record itself
    for name in ("刘海军", "陈小红", "赵二虎"):
        assert name in text
    ident = _ids_of(run_dir, "V0004")[0]
    assert ident[:6] + "********" + ident[-4:] in html
    assert "S00–T98 损伤、中毒和外因的某些其他后果" in html
    assert "晋中第三建筑工程有限公司" in text and "坍塌" in text
    # timeline: accident, admission, deaths, cremation, deregistration in date order
    for ev in ("事故发生", "入院", "死亡", "火化", "户籍注销"):
        assert ev in text
    assert text.find("2024-02-1809:30") < text.find("2024-03-15")
    # reasons and signals with contributions
    assert "证据显示死亡3人，上报2人" in text and "+2.40" in text
    assert not EXTERNAL_REF.search(html) and "http://" not in html


def test_agree_and_disagree_marks(run_dir: Path):
    er = pl.read_parquet(run_dir / "evidence_records.parquet")
    er = er.with_columns(pl.when(pl.col("record_id") == "C0001").then(pl.lit("王建囯"))
                         .otherwise(pl.col("name")).alias("name"))
    er.write_parquet(run_dir / "evidence_records.parquet")
    ctx = dossier_context(load_run(run_dir), "L-D0001")
    side = {r["field"]: r for r in ctx["persons"][0]["side"]}
    assert [c["cls"] for c in side["sex"]["cells"]] == ["agree"] * 3
    names = side["name"]["cells"]
    assert [c["cls"] for c in names].count("disagree") == 1
    assert next(c for c in names if c["cls"] == "disagree")["text"] == "王建囯"
    # a field only one record has is shown but not marked
    assert side["funeral_home"]["cells"][1]["cls"] in ("", "absent")


def test_unmasked_dossier_is_audited(run_dir: Path, tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    masked = build_dossier(run_dir, "L-D0001", store_url=url)
    paths = build_dossier(run_dir, "L-D0001", store_url=url, unmasked=True, actor="inspector1")
    assert paths["html"].name == "L-D0001.unmasked.html"
    html = paths["html"].read_text(encoding="utf-8")
    ident = _ids_of(run_dir, "D0001")[0]
    assert ident in html and "S06.5" in html
    assert unmasked_ids(squash(pdf_text(paths["pdf"])))  # the PDF shows it too
    assert unmasked_ids(masked["html"].read_text(encoding="utf-8")) == []  # not overwritten

    from pipelines.store import open_store

    store = open_store(url)
    try:
        entries = store.list_audit({"action": AUDIT_ACTION})
    finally:
        store.close()
    assert len(entries) == 1
    e = entries[0]
    assert e["actor"] == "inspector1" and e["lead_id"] == "L-D0001"
    assert e["run_id"] == "run-20250110-01"
    assert "L-D0001.unmasked.pdf" in e["details"]["files"]


def test_unmasked_without_a_usable_store_writes_nothing(run_dir: Path, tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'no' / 'such' / 'folder' / 'store.db'}"
    with pytest.raises(UsageError, match="audit log"):
        build_dossier(run_dir, "L-D0001", store_url=url, unmasked=True)
    assert not list((run_dir / "dossiers").glob("*.unmasked.*"))


def test_unknown_lead(run_dir: Path):
    with pytest.raises(UsageError, match="no lead"):
        build_dossier(run_dir, "L-NOPE")


def test_waterfall_from_explain_pair_is_masked(run_dir: Path, monkeypatch: pytest.MonkeyPatch):
    calls: list[tuple] = []
    ident = _ids_of(run_dir, "D0001")[0]

    def explain_pair(rd, left, right):
        calls.append((Path(rd), left, right))
        return pl.DataFrame({
            "comparison": ["prior", "id_number", "name", "birth_date", "total"],
            "level": ["λ = 1e-05", "exact", "pinyin match", "exact", "p = 0.9993"],
            "value_l": [None, ident, "王建国", "1978-03-12", None],
            "value_r": [None, ident, "王建国", "1978-03-12", None],
            "bayes_factor": [1e-5, 2.0**13, 2.0**6.5, 2.0**5.1, 2.0**10.6],
            "match_weight": [-16.6, 13.0, 6.5, 5.1, 10.6],
        })

    fake = types.ModuleType("pipelines.linking")
    fake.explain_pair = explain_pair  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pipelines.linking", fake)
    ctx = dossier_context(load_run(run_dir), "L-D0001")
    links = ctx["persons"][0]["links"]
    assert len(links) == 2 and not any(link["error"] for link in links)  # 3 records → 2 links
    assert calls[0][0] == run_dir
    assert {c[1][0] for c in calls} | {c[2][0] for c in calls} == {"deregistrations", "cremations",
                                                                    "medical_records"}
    rows = links[0]["rows"]
    assert [r["comparison"] for r in rows] == ["prior", "id_number", "name", "birth_date"]
    assert rows[1]["value_l"] == ident[:6] + "********" + ident[-4:]
    assert links[0]["probability"] == "p = 0.9993"
    html = render_html("dossier.html.j2", ctx, masked=True)
    assert ident not in html and "<svg" in html and "+13.00" in html


def test_waterfall_diagnosis_is_shown_as_its_chapter(run_dir: Path, monkeypatch: pytest.MonkeyPatch):
    """Two encounters compared on the principal diagnosis: a masked dossier shows its ICD-10
    chapter, never the code."""
    def explain_pair(rd, left, right):
        return pl.DataFrame({
            "comparison": ["prior", "diagnosis", "total"],
            "level": ["λ = 1e-05", "same diagnosis", "p = 0.9"],
            "value_l": [None, "S06.5", None], "value_r": [None, "S06.5", None],
            "bayes_factor": [1e-5, 2.0**4, 2.0**3], "match_weight": [-16.6, 4.0, 3.0],
        })

    fake = types.ModuleType("pipelines.linking")
    fake.explain_pair = explain_pair  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pipelines.linking", fake)
    ctx = dossier_context(load_run(run_dir), "L-D0001")
    row = ctx["persons"][0]["links"][0]["rows"][1]
    assert row["comparison"] == "diagnosis" and row["value_l"] == diagnosis_chapter("S06.5", "zh")
    html = render_html("dossier.html.j2", ctx, masked=True)
    assert "S06.5" not in html and "主要诊断" in html


def test_waterfall_unavailable_is_said(run_dir: Path, monkeypatch: pytest.MonkeyPatch):
    fake = types.ModuleType("pipelines.linking")

    def explain_pair(*_a):
        raise FileNotFoundError("model.json")

    fake.explain_pair = explain_pair  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pipelines.linking", fake)
    ctx = dossier_context(load_run(run_dir), "L-M0007")
    (link,) = ctx["persons"][0]["links"]
    assert "无法重算" in link["error"] and "model.json" in link["error"]


def test_dossier_command_json_and_english(run_dir: Path, capsys: pytest.CaptureFixture[str]):
    rc = main(["dossier", "--run", str(run_dir), "L-M0007", "--lang", "en", "--json"])
    assert rc == 0
    last = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert last["lead_id"] == "L-M0007" and last["unmasked"] is False
    text = squash(pdf_text(Path(last["pdf"])))
    assert "Leaddossier" in text and "Evidencesidebyside" in text and "Page1of" in text
    assert unmasked_ids(text) == []


def test_commands_refuse_bad_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    db = f"sqlite:///{tmp_path / 'empty.db'}"
    assert main(["report", "--run", "no-such-run", "--db", db]) == 2
    assert main(["dossier", "--run", str(tmp_path), "L-1", "--db", db]) == 2
    err = capsys.readouterr().err
    assert "not a run folder" in err and "crosscheck: error:" in err


def test_an_id_number_read_as_someone_elses_is_marked_not_compared(run_dir: Path):
    """The cremation of a 45-year-old carries his son's number (born 2004): linkage reads it as
    someone else's, so the dossier marks it (amber, explained in the legend), compares the other
    records' numbers without it, and leaves it out of the person's own numbers."""
    from linkage.normalize.ids import check_char

    son = "14010520040101013" + check_char("14010520040101013")
    er = pl.read_parquet(run_dir / "evidence_records.parquet")
    er.with_columns(pl.when(pl.col("record_id") == "C0001").then(pl.lit(son)).otherwise(pl.col("id_number"))
                    .alias("id_number")).write_parquet(run_dir / "evidence_records.parquet")
    ctx = dossier_context(load_run(run_dir), "L-D0001", lang="en")
    p = ctx["persons"][0]
    cells = {h["record_id"]: c["cls"] for h, c in
             zip(p["headers"], next(r for r in p["side"] if r["field"] == "id_number")["cells"], strict=True)}
    assert cells == {"D0001": "agree", "C0001": "foreign", "M0001": "agree"}
    assert len(p["ids"]) == 1 and p["ids"][0] != mask_id(son)
    assert "someone else's" in ctx["t"]["evidence_legend"]

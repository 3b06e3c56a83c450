"""The evaluator: a perfect run scores 1.0, a shuffled one about 0; the CLI prints JSON last."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from pipelines.cli import main
from synthetic_data.evaluate import (
    build_oracle_run,
    evaluate_run,
    hidden_deaths,
    linkage_scores,
    load_truth,
)


@pytest.fixture(scope="module")
def oracle(default_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_oracle_run(default_dir / "truth", tmp_path_factory.mktemp("oracle"))


def test_perfect_run_scores_one(default_dir: Path, oracle: Path) -> None:
    r = evaluate_run(default_dir / "truth", oracle)
    lk, ld = r["linkage"], r["leads"]
    assert lk["pair_precision"] == lk["pair_recall"] == lk["pair_f1"] == 1.0
    assert lk["true_pairs"] > 100
    assert ld["n_hidden"] >= 10
    for k in ("hidden_recall@n", "hidden_recall@2n", "hidden_recall@5n", "precision@n",
              "average_precision", "concealed_recall", "concealed_recall_all", "under_reported_recall",
              "under_reported_named"):
        assert ld[k] == 1.0, k
    assert ld["false_leads@n"] == 0
    assert ld["max_true_persons_per_lead"] == 1
    cal = ld["calibration"]
    assert cal["leads"] == cal["real"] == ld["leads"] and cal["share_real"] == 1.0
    assert sum(r["leads"] for r in cal["reliability"]) == ld["leads"]


def test_score_calibration_brier_and_bands() -> None:
    from synthetic_data.evaluate import score_calibration

    c = score_calibration(np.array([0.05, 0.05, 0.95, 0.55]), np.array([0, 1, 1, 0]))
    assert c["brier"] == pytest.approx((0.05**2 + 0.95**2 + 0.05**2 + 0.55**2) / 4)
    assert [r["bin"] for r in c["reliability"]] == ["0.0–0.1", "0.5–0.6", "0.9–1.0"]
    assert c["reliability"][0] == {"bin": "0.0–0.1", "leads": 2, "mean_score": 0.05, "observed": 0.5}
    assert c["real"] == 2 and c["leads"] == 4


def test_shuffled_run_scores_near_zero(default_dir: Path, oracle: Path, tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    links = pl.read_parquet(oracle / "links.parquet")
    links.with_columns(pl.Series("person_key", rng.permutation(links["person_key"].to_numpy())))\
        .write_parquet(tmp_path / "links.parquet")
    # as many leads as the oracle, each holding one random record
    leads = pl.read_parquet(oracle / "leads.parquet")
    leads.write_parquet(tmp_path / "leads.parquet")
    pick = rng.choice(links.height, size=leads.height, replace=False)
    links[pick].select(pl.Series("lead_id", leads["lead_id"]), "source", "record_id", "person_key",
                       "match_probability").write_parquet(tmp_path / "lead_evidence.parquet")
    r = evaluate_run(default_dir / "truth", tmp_path)
    assert r["linkage"]["pair_precision"] < 0.05
    assert r["linkage"]["pair_recall"] < 0.05
    ld = r["leads"]
    assert ld["hidden_recall@5n"] < 0.1
    assert ld["precision@n"] < 0.1
    assert ld["average_precision"] < 0.05


def test_ranks_matter_and_giant_leads_are_seen(default_dir: Path, oracle: Path, tmp_path: Path) -> None:
    truth = load_truth(default_dir / "truth")
    ev = pl.read_parquet(oracle / "lead_evidence.parquet")
    leads = pl.read_parquet(oracle / "leads.parquet")
    # one giant lead holding everything: found, but flagged by max persons per lead
    giant = leads.head(1)
    giant.write_parquet(tmp_path / "leads.parquet")
    ev.with_columns(pl.lit(giant["lead_id"][0]).alias("lead_id")).write_parquet(
        tmp_path / "lead_evidence.parquet")
    r = evaluate_run(default_dir / "truth", tmp_path)["leads"]
    assert r["max_true_persons_per_lead"] == r["n_hidden"] <= hidden_deaths(truth).height
    assert r["precision@n"] == pytest.approx(1 / r["n_hidden"])
    assert r["hidden_recall@n"] == 1.0
    # grouping caps precision@n: one lead holds them all, so the ceiling is 1/n, and the
    # precision over that one lead is perfect
    assert r["true_leads"] == 1
    assert r["precision@n_ceiling"] == pytest.approx(1 / r["n_hidden"])
    assert r["precision@true_leads"] == 1.0


def test_cli_prints_table_and_json(default_dir: Path, oracle: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["evaluate", "--truth", str(default_dir / "truth"), "--run", str(oracle), "--json"])
    out = capsys.readouterr().out.strip().splitlines()
    assert rc == 0
    assert any("pair_f1" in line for line in out)
    assert json.loads(out[-1])["leads"]["average_precision"] == 1.0
    rc = main(["evaluate", "--truth", str(default_dir / "nope"), "--run", str(oracle)])
    assert rc == 2


def test_generate_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["generate", "--out", str(tmp_path / "g"), "--scale", "0.002", "--seed", "4", "--json"])
    out = capsys.readouterr().out.strip().splitlines()
    assert rc == 0
    res = json.loads(out[-1])
    assert res["rows"]["deregistrations"] > 0
    assert (tmp_path / "g" / "truth" / "deaths.parquet").is_file()
    assert main(["generate", "--out", str(tmp_path / "g"), "--scale", "0.002"]) == 2
    assert main(["generate", "--out", str(tmp_path / "g"), "--scale", "0.002", "--parquet",
                 "--force"]) == 0
    assert not (tmp_path / "g" / "cremations.csv").exists()
    assert (tmp_path / "g" / "cremations.parquet").is_file()


def test_linkage_errors_by_pair_of_sources() -> None:
    """Person P has a deregistration, a cremation and two hospital stays, Q one stay. The run joins
    Q's stay to P's records and leaves P's cremation apart: false pairs with P's two stays and P's
    deregistration, and the cremation's three missed pairs, each counted for its pair of sources."""
    rp = pl.DataFrame({"source": ["deregistrations", "cremations", "medical_records", "medical_records",
                                  "medical_records"],
                       "record_id": ["d", "c", "m1", "m2", "q"], "person_id": ["P", "P", "P", "P", "Q"]})
    links = rp.select("source", "record_id").with_columns(
        pl.Series("person_key", ["k1", "k2", "k1", "k1", "k1"]))
    res = linkage_scores({"record_person": rp}, links)
    rows = {(r["source"], r["source_r"]): r for r in res["by_source_pair"]}
    assert set(rows) == {("medical_records", "medical_records"), ("cremations", "deregistrations"),
                         ("cremations", "medical_records"), ("deregistrations", "medical_records")}
    mm = rows[("medical_records", "medical_records")]
    assert (mm["true_pairs"], mm["predicted_pairs"], mm["false_pairs"], mm["missed_pairs"]) == (1, 3, 2, 0)
    assert mm["precision"] == pytest.approx(1 / 3) and mm["recall"] == 1.0
    assert rows[("cremations", "medical_records")]["missed_pairs"] == 2
    dm = rows[("deregistrations", "medical_records")]
    assert (dm["true_pairs"], dm["predicted_pairs"], dm["false_pairs"], dm["missed_pairs"]) == (2, 3, 1, 0)
    assert rows[("cremations", "deregistrations")]["missed_pairs"] == 1
    assert rows[("cremations", "deregistrations")]["precision"] is None
    # the per-pair counts add up to the overall ones
    assert sum(r["false_pairs"] for r in rows.values()) == res["predicted_pairs"] - res["true_positive_pairs"]
    assert sum(r["missed_pairs"] for r in rows.values()) == res["true_pairs"] - res["true_positive_pairs"]

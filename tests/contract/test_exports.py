"""A delivery as departments write it reads like the delivery as generated: the same rows
accepted, nothing quarantined, the same leads. The variations (``benchmarks/bench_exports.py``):
cause texts in traditional characters, codes as Chinese labels, timestamps with a UTC offset,
village-level region codes, ages with 岁, reused record_ids, a death typed after the cremation."""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl
import pytest
from contract_cli import ContractData, cli_many, explain, last_json

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from benchmarks.bench_exports import perturb


@pytest.fixture(scope="module")
def two_runs(contract_data: ContractData, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("exports")
    written = root / "as-written"
    changed = perturb(contract_data.csv, written, share=0.5, seed=3)
    assert all(v > 0 for k, v in changed.items() if k != "death typed after cremation"), changed
    runs = {"generated": (contract_data.csv, root / "run-generated"), "written": (written, root / "run-written")}
    procs = cli_many([["run", "--input", str(inp), "--out", str(out), "--db", f"sqlite:///{root / f'{k}.db'}",
                       "--no-report", "--as-of", "2030-01-01", "--json"] for k, (inp, out) in runs.items()],
                     cwd=root)
    for p in procs:
        assert p.returncode == 0, explain(p)
        assert last_json(p.stdout)
    return {k: out for k, (_, out) in runs.items()}


def test_nothing_is_quarantined_and_every_row_is_used(two_runs: dict[str, Path]) -> None:
    import json

    for k, out in two_runs.items():
        inputs = json.loads((out / "run.json").read_text(encoding="utf-8"))["inputs"]
        counts = {s: v for s, v in inputs.items() if isinstance(v, dict) and "read" in v}
        assert all(v["quarantined"] == 0 for v in counts.values()), (k, counts)
        assert all(v["read"] == v["accepted"] for v in counts.values()), (k, counts)


def test_the_same_leads_from_the_same_facts(two_runs: dict[str, Path]) -> None:
    a = pl.read_parquet(two_runs["generated"] / "leads.parquet")
    b = pl.read_parquet(two_runs["written"] / "leads.parquet")
    cols = ["lead_type", "persons", "evidenced_deaths", "event_date", "employer_uscc"]
    top = min(50, a.height)
    # scores agree up to the linkage model's random-pair sample (record ids enter its order): a
    # link's match probability moves a little with it, and so does a score through the weak_link
    # signal alone — enough to swap two leads of near-equal score. So the leads are compared in the
    # order of their log-odds without weak_link's contribution, which must agree (any other signal
    # present in one run and not the other moves them by its weight, 0.03 or more), and the weak
    # links themselves within a hundredth of match probability
    def parts(run: Path, leads: pl.DataFrame) -> pl.DataFrame:
        sig = pl.read_parquet(run / "lead_signals.parquet").filter(pl.col("signal") == "weak_link")
        j = leads.join(sig.select("lead_id", "value", "contribution"), on="lead_id", how="left")
        p = j["score"].clip(1e-15, 1 - 1e-15)
        j = j.with_columns(((p / (1 - p)).log() - j["contribution"].fill_null(0.0)).alias("rest"),
                           pl.col("value").fill_null(0.0).alias("weak"))
        return j.sort([pl.col("rest").round(2), *cols], descending=[True] + [False] * len(cols),
                      nulls_last=True).head(top)

    pa, pb = parts(two_runs["generated"], a), parts(two_runs["written"], b)
    assert pa.select(cols).equals(pb.select(cols))
    assert pa["rest"].to_list() == pytest.approx(pb["rest"].to_list(), abs=0.01)
    assert pa["weak"].to_list() == pytest.approx(pb["weak"].to_list(), abs=0.01)

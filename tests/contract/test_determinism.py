"""Same inputs, same files: a second run into another folder is byte-identical, Parquet input
gives the same leads as CSV input, and ``--force`` replaced the previous run folder."""

from __future__ import annotations

import json

import polars as pl
from contract_checks import OPENED_TABLES
from contract_cli import ContractRuns


def test_second_run_gives_byte_identical_lead_tables(contract_runs: ContractRuns) -> None:
    a, b = contract_runs.a, contract_runs.b
    assert a.out != b.out and a.run_id != b.run_id
    for name in OPENED_TABLES:
        for ext in ("parquet", "csv"):
            fa, fb = a.out / f"{name}.{ext}", b.out / f"{name}.{ext}"
            assert fa.read_bytes() == fb.read_bytes(), f"{name}.{ext} differs between two runs"


def test_every_other_table_is_byte_identical_too(contract_runs: ContractRuns) -> None:
    """The contract: "Every table is sorted so the same inputs give byte-identical files"."""
    a, b = contract_runs.a, contract_runs.b
    names = ["links.parquet", "pairs.parquet",
             *sorted(str(q.relative_to(a.out)) for q in (a.out / "quality" / "quarantine").glob(
                 "*.parquet"))]
    assert len(names) > 2
    differ = [n for n in names if (a.out / n).read_bytes() != (b.out / n).read_bytes()]
    assert not differ, f"tables that differ between two runs of the same input: {differ}"


def test_parquet_input_gives_the_same_leads_as_csv(contract_runs: ContractRuns) -> None:
    """Run c (Parquet input) ran after run a in a's store: the contract's columns are the
    same, lead ids survive the rerun, and every lead is "persisting" on the same evidence."""
    a, c = contract_runs.a, contract_runs.c
    files = list(c.input.glob("*.*"))
    assert files and all(p.suffix == ".parquet" for p in files), "run c should read Parquet"
    extras = {"leads": ["change"], "lead_evidence": ["is_new"], "lead_signals": []}
    for name in OPENED_TABLES:
        ta, tc = pl.read_parquet(a.out / f"{name}.parquet"), pl.read_parquet(c.out / f"{name}.parquet")
        assert ta.schema == tc.schema, f"{name}: schema differs between CSV and Parquet input"
        ta, tc = ta.drop(extras[name]), tc.drop(extras[name])
        assert ta.equals(tc), (f"{name}: Parquet input gives other rows than CSV input "
                               f"({ta.height} vs {tc.height} rows)")
    leads = pl.read_parquet(c.out / "leads.parquet")
    assert set(leads.get_column("change").to_list()) == {"persisting"}
    assert not pl.read_parquet(c.out / "lead_evidence.parquet").get_column("is_new").any()
    ia, ic = a.manifest["inputs"], c.manifest["inputs"]
    for s in ia:
        assert {k: ia[s][k] for k in ("read", "accepted", "quarantined")} == {
            k: ic[s][k] for k in ("read", "accepted", "quarantined")}, f"{s}: counts differ"
    assert c.manifest.get("previous_run_id") == a.run_id


def test_force_replaced_the_previous_run_folder(contract_runs: ContractRuns) -> None:
    c = contract_runs.c
    assert not (c.out / contract_runs.forced_marker).exists(), "--force kept the old folder's files"
    assert json.loads((c.out / "run.json").read_text(encoding="utf-8"))["run_id"] == c.run_id
    leftovers = [p.name for p in c.out.parent.iterdir() if p.name.startswith(f".{c.out.name}.")]
    assert not leftovers, f"temporary folders left behind: {leftovers}"

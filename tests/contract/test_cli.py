"""The contract's command-line conventions: ``--help`` everywhere, exit codes 0/2/4 with one
line on stderr saying what to do, ``--out`` must be new or empty, ``--json`` prints one JSON
object as the last line, a run is named by its id or its folder, and ``--db`` defaults to
``$CROSSCHECK_DB`` then ``sqlite:///crosscheck.db`` in the working directory."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import polars as pl
import pytest
from contract_cli import ContractRuns, cli, cli_env, cli_many, explain, last_json

from pipelines.cli import build_parser, main


def _subcommands() -> list[str]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return sorted(action.choices)
    raise AssertionError("crosscheck has no subcommands")


def _error_lines(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.startswith("crosscheck: error:")]


def _says_what_to_do(line: str) -> bool:
    """The one line names the problem and, after a dash, what to do."""
    return " — " in line and len(line.split(" — ", 1)[1].strip()) > 3


# --------------------------------------------------------------------------- help, usage
def test_contract_commands_exist() -> None:
    names = set(_subcommands())
    need = {"run", "runs", "diff", "validate", "evaluate", "report", "dossier", "explain",
            "generate"}
    assert need <= names, f"missing subcommands {need - names}"


@pytest.mark.parametrize("command", _subcommands())
def test_every_subcommand_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: crosscheck " + command), out[:200]


def test_top_level_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    assert "run" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [
    ["no-such-command"],
    ["run"],                                              # --input / --out missing
    ["run", "--input", "x", "--out", "y", "--no-such-option"],
    ["validate", "--input", "x", "--as-of", "not-a-date"],
    ["diff", "only-one-run"],
])
def test_wrong_usage_exits_2_with_one_error_line(argv: list[str],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    lines = _error_lines(capsys.readouterr().err)
    assert len(lines) == 1 and _says_what_to_do(lines[0]), lines


@pytest.mark.parametrize("argv", [
    ["run", "--input", "{tmp}/no-such-folder", "--out", "{tmp}/out", "--db", "sqlite:///{tmp}/s.db"],
    ["validate", "--input", "{tmp}/no-such-folder"],
    ["validate", "--input", "{tmp}", "--column-map", "{tmp}/no-such-map.json"],
    ["report", "--run", "no-such-run", "--db", "sqlite:///{tmp}/s.db"],
    ["dossier", "--run", "no-such-run", "L-000", "--db", "sqlite:///{tmp}/s.db"],
    ["diff", "no-such-run", "other-run", "--db", "sqlite:///{tmp}/s.db"],
])
def test_wrong_arguments_exit_2_with_one_line(argv: list[str], tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code = main([a.replace("{tmp}", str(tmp_path)) for a in argv])
    assert code == 2, f"exit {code}"
    lines = _error_lines(capsys.readouterr().err)
    assert len(lines) == 1 and _says_what_to_do(lines[0]), lines


def test_wrong_usage_exit_code_through_the_real_cli(tmp_path: Path) -> None:
    proc = cli("run", "--input", str(tmp_path), cwd=tmp_path)
    assert proc.returncode == 2, explain(proc)
    assert len(_error_lines(proc.stderr)) == 1


def test_run_into_a_nonempty_folder_exits_2_with_one_line(contract_runs: ContractRuns,
                                                          tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("someone's file", encoding="utf-8")
    proc = cli("run", "--input", str(contract_runs.d.input), "--out", str(out), "--db",
               f"sqlite:///{tmp_path / 's.db'}", cwd=tmp_path)
    assert proc.returncode == 2, explain(proc)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got:\n{proc.stderr}"
    assert lines[0].startswith("crosscheck: error:") and _says_what_to_do(lines[0]), lines[0]
    assert "--force" in lines[0] or "new folder" in lines[0], lines[0]
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"], "the folder was touched"


@pytest.mark.parametrize("drop", [("accidents",), ("deregistrations",)])
def test_missing_required_source_exits_4_naming_it(contract_runs: ContractRuns, tmp_path: Path,
                                                   drop: tuple[str, ...]) -> None:
    inp = tmp_path / "input"
    shutil.copytree(contract_runs.d.input, inp)
    for s in drop:
        (inp / f"{s}.csv").unlink()
    out = tmp_path / "out"
    proc = cli("run", "--input", str(inp), "--out", str(out), "--db",
               f"sqlite:///{tmp_path / 's.db'}", "--no-report", cwd=tmp_path)
    assert proc.returncode == 4, explain(proc)
    lines = _error_lines(proc.stderr)
    assert len(lines) == 1 and _says_what_to_do(lines[0]), proc.stderr
    for s in drop:
        assert s in lines[0], f"the message does not name {s}: {lines[0]}"
    assert not out.exists() or not any(out.iterdir()), "a fatal run produced output"


def test_run_with_a_missing_required_column_exits_4_and_produces_nothing(
        contract_runs: ContractRuns, tmp_path: Path) -> None:
    inp = tmp_path / "input"
    shutil.copytree(contract_runs.d.input, inp)
    p = inp / "deregistrations.csv"
    lines = p.read_bytes().split(b"\n", 1)
    p.write_bytes(lines[0].replace(b"deregistered_on", "注销日期".encode()) + b"\n" + lines[1])
    out, db = tmp_path / "out", f"sqlite:///{tmp_path / 's.db'}"
    proc = cli("run", "--input", str(inp), "--out", str(out), "--db", db, "--no-report",
               cwd=tmp_path)
    assert proc.returncode == 4, explain(proc)
    errors = _error_lines(proc.stderr)
    assert len(errors) == 1 and _says_what_to_do(errors[0]), proc.stderr
    assert "deregistrations" in errors[0] and "deregistered_on" in errors[0], errors[0]
    assert not out.exists() or not any(out.iterdir()), "a fatal run produced output"
    assert not [q for q in tmp_path.iterdir() if q.name.startswith(".out.")], "temporary left"
    runs = last_json(cli("runs", "--db", db, "--json", cwd=tmp_path).stdout)["runs"]
    assert all(r["status"] != "complete" for r in runs), f"a fatal run was recorded: {runs}"


# --------------------------------------------------------------------------- --json
def test_runs_json_is_the_last_line(contract_runs: ContractRuns, tmp_path: Path) -> None:
    a = contract_runs.a
    proc = cli("runs", "--db", a.db, "--json", cwd=tmp_path)
    assert proc.returncode == 0, explain(proc)
    obj = last_json(proc.stdout)
    ids = [r.get("run_id") for r in obj.get("runs", [])]
    assert a.run_id in ids, obj
    assert all(r.get("status") == "complete" for r in obj["runs"]), obj


def test_diff_json_by_id_and_by_folder(contract_runs: ContractRuns, tmp_path: Path) -> None:
    a, c = contract_runs.a, contract_runs.c
    proc = cli("diff", a.run_id, str(c.out), "--db", c.db, "--json", cwd=tmp_path)
    assert proc.returncode == 0, explain(proc)
    d = last_json(proc.stdout)
    assert (d.get("run_a"), d.get("run_b")) == (a.run_id, c.run_id), d
    n = sum(c.summary["leads"].values())
    assert d.get("leads_a") == d.get("leads_b") == d.get("persisting") == n, d
    assert d.get("new") == d.get("gone") == d.get("changed") == 0, d


def test_evaluate_json_is_the_last_line(contract_runs: ContractRuns, tmp_path: Path) -> None:
    a = contract_runs.a
    proc = cli("evaluate", "--truth", str(contract_runs.data.csv / "truth"), "--run", str(a.out),
               "--json", cwd=tmp_path)
    assert proc.returncode == 0, explain(proc)
    assert last_json(proc.stdout), "evaluate --json printed an empty object"


# --------------------------------------------------------------------------- a run by id or folder
def _pair(run_dir: Path) -> tuple[str, str]:
    p = pl.read_parquet(run_dir / "pairs.parquet").sort("match_probability", descending=True).row(
        0, named=True)
    return f"{p['source_l']}:{p['record_id_l']}", f"{p['source_r']}:{p['record_id_r']}"


def _small_leads(run_dir: Path, n: int) -> list[str]:
    """The ``n`` leads with the fewest evidence rows (quick dossiers)."""
    ev = pl.read_parquet(run_dir / "lead_evidence.parquet")
    return ev.group_by("lead_id").len().sort("len", "lead_id").head(n).get_column(
        "lead_id").to_list()


def _args(command: str, ref: str, contract_runs: ContractRuns, i: int) -> list[str]:
    c = contract_runs.c
    if command == "report":
        return ["report", "--run", ref, "--lang", "en", "--json"]
    if command == "dossier":           # one lead per form: the two may run at once
        return ["dossier", "--run", ref, _small_leads(c.out, 2)[i], "--json"]
    if command == "explain":
        return ["explain", "--run", ref, *_pair(c.out), "--json"]
    return ["evaluate", "--truth", str(contract_runs.data.parquet / "truth"), "--run", ref,
            "--json"]


@pytest.mark.parametrize("command", ["report", "dossier", "explain", "evaluate"])
def test_commands_accept_a_run_id_or_its_folder(command: str, contract_runs: ContractRuns,
                                                tmp_path: Path) -> None:
    """The store is given as ``$CROSSCHECK_DB`` (so commands without ``--db`` can resolve an
    id too). Both forms run at once, except ``report`` (both would write report.html)."""
    c = contract_runs.c
    env = cli_env(CROSSCHECK_DB=c.db)
    refs = {"id": c.run_id, "folder": str(c.out)}
    cmds = [_args(command, ref, contract_runs, i) for i, ref in enumerate(refs.values())]
    if command == "report":
        procs = [cli(*a, cwd=tmp_path, env=env) for a in cmds]
    else:
        procs = cli_many(cmds, cwd=tmp_path, env=env)
    failed = [f"run given as its {form}:\n{explain(p)}"
              for form, p in zip(refs, procs, strict=True) if p.returncode != 0]
    assert not failed, "\n".join(failed)
    for p in procs:
        assert last_json(p.stdout)


# --------------------------------------------------------------------------- --db default
def test_db_defaults_to_crosscheck_db_in_the_working_directory(contract_runs: ContractRuns
                                                               ) -> None:
    d = contract_runs.d
    cwd = d.out.parent
    assert (cwd / "crosscheck.db").is_file(), "run without --db did not use ./crosscheck.db"
    proc = cli("runs", "--json", cwd=cwd)
    assert proc.returncode == 0, explain(proc)
    assert [r["run_id"] for r in last_json(proc.stdout)["runs"]] == [d.run_id]


def test_db_defaults_to_the_environment_variable(contract_runs: ContractRuns,
                                                 tmp_path: Path) -> None:
    a = contract_runs.a
    proc = cli("runs", "--json", cwd=tmp_path, env=cli_env(CROSSCHECK_DB=a.db))
    assert proc.returncode == 0, explain(proc)
    runs = last_json(proc.stdout)["runs"]
    assert [r["run_id"] for r in runs] == [contract_runs.c.run_id, a.run_id], "not newest first"
    assert not (tmp_path / "crosscheck.db").exists(), "$CROSSCHECK_DB was ignored"


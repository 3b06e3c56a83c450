"""The real CLI for the contract-conformance suite, and the runs it makes once per session.

``contract_data`` generates a small synthetic province twice (``crosscheck generate --scale
0.005 --seed 11``, as CSV and as Parquet). ``contract_runs`` then runs ``crosscheck run`` four
times, a, b and d at once, then c:

- ``a``: the CSV input, with the report, into a fresh store (the run the conformance tests
  read);
- ``b``: the same CSV input into another folder and another fresh store, ``--no-report``
  (determinism: the same inputs and store state give byte-identical files);
- ``d``: a small delivery with only the required sources (accidents, accident_victims, the
  first 300 deregistrations), ``--no-report`` and *no* ``--db`` nor ``$CROSSCHECK_DB``, in
  its own working directory (absent optional sources in ``run.json``; the default store
  ``sqlite:///crosscheck.db`` in the working directory);
- ``c``: after ``a``, in ``a``'s store: the Parquet input, ``--no-report --force`` into a
  folder that already holds a previous run folder (``--force`` replaces it; Parquet gives
  the same leads as CSV; a rerun keeps lead ids, all "persisting"). The commands that take
  a run (report, dossier, explain, evaluate, diff) are exercised on it, so nothing rewrites
  run ``a``'s folder while other tests read it.

Under ``pytest -n 2`` both workers share one build: the first worker to ask builds it in the
session's common temporary folder under an ``fcntl`` lock, the other waits and reuses it.
Outputs are never modified by the tests (commands that write into a run folder use ``c``).
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CLI = [sys.executable, "-m", "pipelines.cli"]
REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 900


def cli_env(**extra: str) -> dict[str, str]:
    """The environment of a CLI subprocess: no inherited ``CROSSCHECK_DB`` unless given."""
    env = {k: v for k, v in os.environ.items() if k != "CROSSCHECK_DB"}
    path = env.get("PYTHONPATH")
    env["PYTHONPATH"] = f"{REPO}{os.pathsep}{path}" if path else str(REPO)
    env.update(extra)
    return env


def cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
        timeout: float = TIMEOUT) -> subprocess.CompletedProcess[str]:
    """``crosscheck ARGS`` in a subprocess; text output, never raises on a non-zero exit."""
    return subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=cwd,
                          env=env or cli_env(), timeout=timeout)


def cli_many(commands: Sequence[Sequence[str]], *, cwd: Path | Sequence[Path] | None = None,
             env: dict[str, str] | None = None) -> list[subprocess.CompletedProcess[str]]:
    """Several ``crosscheck`` commands at once (independent subprocesses); results in order.
    ``cwd``: one working directory for all, or one per command."""
    cwds = list(cwd) if isinstance(cwd, Sequence) else [cwd] * len(commands)
    procs = [subprocess.Popen([*CLI, *c], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, cwd=d, env=env or cli_env())
             for c, d in zip(commands, cwds, strict=True)]
    out = []
    for c, p in zip(commands, procs, strict=True):
        so, se = p.communicate(timeout=TIMEOUT)
        out.append(subprocess.CompletedProcess([*CLI, *c], p.returncode, so, se))
    return out


def last_json(text: str) -> dict[str, Any]:
    """The JSON object printed as the last line of a ``--json`` command."""
    lines = text.strip().splitlines()
    assert lines, "the command printed nothing on stdout"
    obj = json.loads(lines[-1])
    assert isinstance(obj, dict), f"last line is JSON but not an object: {lines[-1][:200]}"
    return obj


def explain(proc: subprocess.CompletedProcess[str]) -> str:
    return (f"`crosscheck {' '.join(map(str, proc.args[len(CLI):]))}` exited {proc.returncode}\n"
            f"--- stderr ---\n{proc.stderr[-3000:]}\n--- stdout ---\n{proc.stdout[-1500:]}")


def shared_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder common to every xdist worker of this session (the basetemp's parent).
    ``$CROSSCHECK_CONTRACT_DIR`` names a folder to keep between sessions instead (to iterate on
    the tests without re-running the pipeline; delete it after changing the code)."""
    keep = os.environ.get("CROSSCHECK_CONTRACT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        return Path(keep)
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    d = root / "contract-shared"
    d.mkdir(parents=True, exist_ok=True)
    return d


def build_once(root: Path, name: str, build: Callable[[Path], dict[str, Any]]) -> dict[str, Any]:
    """Build ``root/name`` exactly once per session across workers; return its record."""
    folder = root / name
    done, failed = root / f"{name}.done.json", root / f"{name}.failed.txt"
    with (root / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if done.is_file():
                return json.loads(done.read_text(encoding="utf-8"))
            if failed.is_file():
                pytest.fail(failed.read_text(encoding="utf-8"), pytrace=False)
            folder.mkdir(parents=True, exist_ok=True)
            try:
                record = build(folder)
            except BaseException as exc:
                failed.write_text(f"building {name} failed: {exc}", encoding="utf-8")
                raise
            done.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
            return record
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


# --------------------------------------------------------------------------- generated data
@dataclass(frozen=True)
class ContractData:
    csv: Path          # crosscheck generate (CSV); truth/ inside
    parquet: Path      # the same with --parquet
    summaries: tuple[dict[str, Any], ...] = ()   # their `--json` objects


def build_data(folder: Path) -> dict[str, Any]:
    csv, pq = folder / "csv", folder / "parquet"
    common = ["--scale", "0.005", "--seed", "11"]
    procs = cli_many([["generate", "--out", str(csv), *common, "--json"],
                      ["generate", "--out", str(pq), *common, "--parquet", "--json"]], cwd=folder)
    for p in procs:
        assert p.returncode == 0, explain(p)
    return {"csv": str(csv), "parquet": str(pq), "summaries": [last_json(p.stdout) for p in procs]}


# --------------------------------------------------------------------------- the runs
@dataclass(frozen=True)
class Run:
    out: Path
    db: str                   # its store (SQLAlchemy URL)
    input: Path
    summary: dict[str, Any]   # the `crosscheck run --json` object
    stderr: str

    @property
    def run_id(self) -> str:
        return str(self.summary["run_id"])

    @property
    def manifest(self) -> dict[str, Any]:
        return json.loads((self.out / "run.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class ContractRuns:
    a: Run
    b: Run
    c: Run
    d: Run
    data: ContractData
    forced_marker: str        # a file of the folder that run c replaced with --force


STALE = "stale-from-an-earlier-run.txt"
SMALL_SOURCES = ("accidents", "accident_victims", "deregistrations")


def small_delivery(full: Path, out: Path, rows: int = 300) -> Path:
    """The required sources only: accidents and accident_victims whole, the first ``rows``
    deregistrations (bytes copied line by line, so the files stay exactly as generated)."""
    out.mkdir(parents=True)
    for name in SMALL_SOURCES:
        lines = (full / f"{name}.csv").read_bytes().splitlines(keepends=True)
        (out / f"{name}.csv").write_bytes(b"".join(lines[: rows + 1]))
    return out


def build_runs(folder: Path, data: ContractData) -> dict[str, Any]:
    def run_cmd(inp: Path, out: Path | str, db: str | None, *extra: str) -> list[str]:
        return ["run", "--input", str(inp), "--out", str(out), *(["--db", db] if db else []),
                "--seed", "0", *extra, "--json"]

    store_a, store_b = (f"sqlite:///{folder / f'store_{k}.db'}" for k in "ab")
    small, cwd_d = small_delivery(data.csv, folder / "input_d"), folder / "cwd_d"
    cwd_d.mkdir()
    meta: dict[str, dict[str, Any]] = {
        "a": {"out": str(folder / "run_a"), "db": store_a, "input": str(data.csv)},
        "b": {"out": str(folder / "run_b"), "db": store_b, "input": str(data.csv)},
        "d": {"out": str(cwd_d / "run_d"), "db": f"sqlite:///{cwd_d / 'crosscheck.db'}",
              "input": str(small)},
        "c": {"out": str(folder / "run_c"), "db": store_a, "input": str(data.parquet)},
    }
    # wave 1: a, b and d at once
    procs = cli_many([run_cmd(data.csv, meta["a"]["out"], store_a),
                      run_cmd(data.csv, meta["b"]["out"], store_b, "--no-report"),
                      run_cmd(small, "run_d", None, "--no-report")],
                     cwd=[folder, folder, cwd_d])
    # wave 2: c, after a in a's store, replacing a previous run folder (one with run.json)
    previous = folder / "run_c"
    previous.mkdir()
    (previous / "run.json").write_text('{"run_id": "earlier"}', encoding="utf-8")
    (previous / STALE).write_text("from an earlier run", encoding="utf-8")
    procs.append(cli(*run_cmd(data.parquet, previous, store_a, "--no-report", "--force"),
                     cwd=folder))
    for key, p in zip(meta, procs, strict=True):
        assert p.returncode == 0, explain(p)
        meta[key]["summary"] = last_json(p.stdout)
        meta[key]["stderr"] = p.stderr
    return meta


def contract_data(tmp_path_factory: pytest.TempPathFactory) -> ContractData:
    """The generated province (CSV and Parquet), built once per session."""
    rec = build_once(shared_root(tmp_path_factory), "data", build_data)
    return ContractData(Path(rec["csv"]), Path(rec["parquet"]), tuple(rec["summaries"]))


def contract_runs(data: ContractData, tmp_path_factory: pytest.TempPathFactory) -> ContractRuns:
    """Runs a, b, c and d (see the module docstring), built once per session."""
    rec = build_once(shared_root(tmp_path_factory), "runs", lambda folder: build_runs(folder, data))
    runs = {k: Run(Path(v["out"]), v["db"], Path(v["input"]), v["summary"], v["stderr"])
            for k, v in rec.items()}
    return ContractRuns(runs["a"], runs["b"], runs["c"], runs["d"], data, STALE)

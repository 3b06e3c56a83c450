"""A small *real* run for the report and review-app tests: generated data, the real pipeline.

:func:`real_run` generates a synthetic province (``crosscheck generate``, scale 0.01,
seed 3, Parquet), runs ``crosscheck run --no-report`` on it into a SQLite store and then
builds the report, the workbook and one masked dossier explicitly (so the report build is
tested as its own step). It returns a :class:`RealRun`.

The run is built once per test session and shared between pytest-xdist workers: the first
worker to get the lock (a file lock in the session's shared temporary root) builds it,
the others wait and reuse it. Tests must treat the folder as read-only — a test that
writes (an unmasked dossier, an audit entry) copies it first with :meth:`RealRun.copy`.
"""

from __future__ import annotations

import fcntl
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pytest

SCALE = "0.01"
SEED = "3"
AS_OF = "2025-03-31"


@dataclass(frozen=True)
class RealRun:
    root: Path
    run_dir: Path
    db_url: str
    run_id: str
    #: the lead whose masked dossier the fixture built (it has a person with 2+ records)
    dossier_lead: str
    #: a second such lead, left for tests that build their own dossier
    other_lead: str
    report_seconds: float

    @property
    def db_path(self) -> Path:
        return Path(self.db_url[len("sqlite:///"):])

    def copy(self, dst: Path) -> RealRun:
        """A private copy (run folder and store) whose store points at the copied folder."""
        dst.mkdir(parents=True, exist_ok=True)
        run_dir = dst / "run"
        shutil.copytree(self.run_dir, run_dir)
        db = dst / "store.db"
        shutil.copy(self.db_path, db)
        url = f"sqlite:///{db}"
        from sqlalchemy import update

        from pipelines.store import open_store
        from pipelines.store.models import Run

        store = open_store(url)
        try:
            with store.session() as s:
                s.execute(update(Run).where(Run.run_id == self.run_id).values(out_dir=str(run_dir)))
        finally:
            store.close()
        return RealRun(dst, run_dir, url, self.run_id, self.dossier_lead, self.other_lead,
                       self.report_seconds)


def _leads_with_links(run_dir: Path) -> list[str]:
    """Leads having a person with two or more evidence records (so a link to explain): the
    best-ranked first, then the others from the smallest (a quick dossier) up."""
    ev = pl.read_parquet(run_dir / "lead_evidence.parquet")
    leads = pl.read_parquet(run_dir / "leads.parquet").select("lead_id", "rank")
    multi = (ev.filter(pl.col("person_key").is_not_null())
             .group_by("lead_id", "person_key").len().filter(pl.col("len") >= 2)
             .select("lead_id").unique())
    size = ev.group_by("lead_id").agg(pl.len().alias("n"))
    ranked = multi.join(leads, on="lead_id").join(size, on="lead_id").sort("rank")
    if ranked.height == 0:
        return []
    first = ranked["lead_id"][0]
    rest = ranked.slice(1).sort("n", "rank")["lead_id"].to_list()
    return [first, *rest]


def _build(root: Path) -> dict[str, object]:
    from pipelines.cli import main
    from reports import build_dossier, build_run_reports

    inp, run_dir, db = root / "input", root / "run", root / "store.db"
    url = f"sqlite:///{db}"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    assert main(["-q", "generate", "--out", str(inp), "--scale", SCALE, "--seed", SEED,
                 "--parquet"]) == 0
    assert main(["-q", "run", "--input", str(inp), "--out", str(run_dir), "--db", url,
                 "--as-of", AS_OF, "--no-report"]) == 0
    assert not (run_dir / "report.pdf").exists()
    t0 = time.perf_counter()
    build_run_reports(run_dir, store_url=url)
    seconds = time.perf_counter() - t0
    linked = _leads_with_links(run_dir)
    assert len(linked) >= 2, "the generated run has too few leads with linked records"
    build_dossier(run_dir, linked[0], store_url=url)
    run_id = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))["run_id"]
    return {"db_url": url, "run_id": run_id, "dossier_lead": linked[0],
            "other_lead": linked[1], "report_seconds": seconds}


def real_run(tmp_path_factory: pytest.TempPathFactory) -> RealRun:
    """The shared real run (built by the first worker that asks, under a file lock)."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if base.name.startswith("popen-gw") else base
    root = shared / "crosscheck-real-run"
    done = shared / "crosscheck-real-run.json"
    with open(shared / "crosscheck-real-run.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not done.is_file():
                info = _build(root)
                done.write_text(json.dumps(info), encoding="utf-8")
            info = json.loads(done.read_text(encoding="utf-8"))
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return RealRun(root=root, run_dir=root / "run", db_url=str(info["db_url"]),
                   run_id=str(info["run_id"]), dossier_lead=str(info["dossier_lead"]),
                   other_lead=str(info["other_lead"]),
                   report_seconds=float(info["report_seconds"]))

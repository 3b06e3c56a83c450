"""``crosscheck run``: the whole pipeline on one delivery, written safely, remembered by the store.

read (:mod:`pipelines.io`) → quality gate (:func:`pipelines.quality.run_gate`; fatal → exit 4,
nothing produced) → person records (:func:`pipelines.persons.person_records`) → linkage
(:func:`pipelines.linking.link_persons`) → detection (:func:`pipelines.detection.detect`) →
between-runs classification (:func:`pipelines.store.changes.classify`) → run folder →
store → report (:func:`reports.build_run_reports`).

Safety: everything is written into a hidden temporary folder next to ``--out``
(``.<name>.tmp-<run_id>``) and moved into place only when complete (with ``--force`` an
existing run folder is swapped out atomically and deleted afterwards). The store is written
in two transactions around the move (see :mod:`pipelines.store`), so a process killed at any
point leaves the previous outputs and the store's complete runs as they were; leftovers of
a killed run are removed by the next run.

Determinism: the same inputs, parameters and seed give byte-identical ``leads``,
``lead_evidence`` and ``lead_signals`` files (Parquet and CSV) for the same store state.

Beyond the contract (additive; checked by ``tests/contract``):
  leads columns after the contract's: ``change`` (new / persisting / changed / reopened
  since the previous run in the store).
  lead_evidence columns after the contract's: ``is_new`` (the record did not support this
  lead in the previous run).
  run.json keys besides the manifest's: ``changes`` (counts of new / persisting / changed /
  reopened / gone / suppressed), ``previous_run_id`` (str or null), ``notes`` (what absent
  optional sources made impossible to check), ``gone`` (lead ids of the previous run not
  found again), ``suppressed`` (lead ids kept closed as false leads).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import json
import logging
import os
import secrets
import shutil
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import polars as pl
import psutil

from pipelines import __version__
from pipelines.contract import LEAD_TYPES, SOURCES
from pipelines.errors import CrosscheckError, UsageError

LEAD_FILE_COLUMNS = [
    "lead_id", "rank", "score", "lead_type", "accident_id", "reported_deaths", "evidenced_deaths",
    "reported_grade", "evidenced_grade", "persons", "employer_name", "employer_uscc",
    "event_date", "region_code", "reasons_zh", "reasons_en", "change",
]
EVIDENCE_FILE_COLUMNS = ["lead_id", "source", "record_id", "person_key", "match_probability",
                         "is_new"]
SIGNAL_FILE_COLUMNS = ["lead_id", "signal", "value", "contribution", "text_zh", "text_en"]
BOM = b"\xef\xbb\xbf"

#: what a run cannot check without an optional source (said plainly in run.json and stderr)
IMPOSSIBLE_WITHOUT = {
    "deregistrations": "deaths known only to the household register (no deregistration records)",
    "cremations": "fast or far cremations and certificates not issued by a hospital",
    "injury_claims": "work-injury death claims (工亡) with no accident on file",
    "medical_records": "trauma admissions and deaths in hospital; serious injuries from hospital "
                       "records",
    "employment": "deaths of people enrolled with high-risk employers (employment spells)",
    "enterprises": "high-risk status of employers from the enterprise register",
}


@dataclass
class RunSummary:
    """What a run did: where its outputs are and what it found."""

    run_id: str
    out_dir: Path
    store_url: str
    leads: dict[str, int]
    changes: dict[str, int]
    inputs: dict[str, dict[str, Any]]
    stages: dict[str, dict[str, float]]
    previous_run_id: str | None
    notes: list[str] = field(default_factory=list)
    report: Path | None = None

    @property
    def quarantined(self) -> int:
        return sum(int(v.get("quarantined", 0)) for v in self.inputs.values())

    def to_dict(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "out_dir": str(self.out_dir), "store": self.store_url,
                "leads": self.leads, "changes": self.changes, "quarantined": self.quarantined,
                "previous_run_id": self.previous_run_id, "notes": self.notes,
                "report": str(self.report) if self.report else None,
                "stages": self.stages}


# --------------------------------------------------------------------------- progress & memory
class _Meter:
    """Per-stage wall time and peak RSS (a background thread samples RSS every 50 ms)."""

    def __init__(self, progress: bool) -> None:
        self.progress = progress
        self.stages: dict[str, dict[str, float]] = {}
        self._proc = psutil.Process()
        self._peak = 0
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._sample, daemon=True, name="rss-sampler")
        self._thread.start()
        self._t0 = time.perf_counter()

    def _rss(self) -> int:
        try:
            return int(self._proc.memory_info().rss)
        except psutil.Error:  # pragma: no cover
            return 0

    def _sample(self) -> None:
        while not self._stop.wait(0.05):
            rss = self._rss()
            with self._lock:
                self._peak = max(self._peak, rss)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=1)

    def say(self, text: str) -> None:
        if self.progress:
            sys.stderr.write(text + "\n")
            sys.stderr.flush()

    @contextmanager
    def stage(self, name: str, label: str) -> Iterator[dict[str, Any]]:
        info: dict[str, Any] = {}
        with self._lock:
            self._peak = self._rss()
        self.say(f"crosscheck: {label} …")
        t = time.perf_counter()
        yield info
        secs = time.perf_counter() - t
        with self._lock:
            peak = max(self._peak, self._rss())
        self.stages[name] = {"seconds": round(secs, 3), "peak_rss_mb": round(peak / 2**20, 1)}
        detail = f" — {info['detail']}" if info.get("detail") else ""
        self.say(f"crosscheck: {label} done in {secs:.1f} s, peak {peak / 2**20:.0f} MB{detail}")


# --------------------------------------------------------------------------- helpers
def code_version() -> str:
    """The package version, plus the git commit when run from a checkout."""
    repo = Path(__file__).resolve().parents[1]
    if (repo / ".git").exists():
        try:
            sha = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short=10", "HEAD"],
                                 capture_output=True, text=True, timeout=5).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            sha = ""
        if sha:
            return f"{__version__}+g{sha}"
    return __version__


def parse_period(text: str | None) -> tuple[date, date] | None:
    """``YYYY-MM..YYYY-MM`` → (first day of the first month, last day of the last month)."""
    if not text:
        return None
    try:
        a, b = text.split("..")
        y1, m1 = (int(x) for x in a.strip().split("-"))
        y2, m2 = (int(x) for x in b.strip().split("-"))
        start = date(y1, m1, 1)
        end = (date(y2 + (m2 == 12), m2 % 12 + 1, 1)) - timedelta(days=1)
    except ValueError as exc:
        raise UsageError(f"period {text!r} is not YYYY-MM..YYYY-MM",
                         hint="e.g. --period 2024-01..2024-06") from exc
    if end < start:
        raise UsageError(f"period {text!r} ends before it starts", hint="swap the two months")
    return start, end


def load_config(path: str | Path | None) -> dict[str, Any]:
    """The run configuration: JSON or TOML with optional sections ``quality``, ``linkage``,
    ``detection``, a ``column_map`` and a ``scorer`` (file paths, relative to the configuration
    file)."""
    if path is None:
        return {}
    p = Path(path)
    if not p.is_file():
        raise UsageError(f"configuration {p} does not exist", hint="pass an existing file to --config")
    try:
        if p.suffix == ".toml":
            cfg = tomllib.loads(p.read_text(encoding="utf-8"))
        else:
            cfg = json.loads(p.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"configuration {p} cannot be read: {exc}",
                         hint="write it as JSON or TOML") from exc
    if not isinstance(cfg, dict):
        raise UsageError(f"configuration {p} is not an object", hint='write {"linkage": {...}, ...}')
    for key in ("column_map", "scorer"):
        v = cfg.get(key)
        if isinstance(v, str):
            cfg[key] = str((p.parent / v).resolve())
    return cfg


def _write_table(df: pl.DataFrame, out: Path, name: str, *, csv: bool) -> None:
    df.write_parquet(out / f"{name}.parquet", compression="zstd", statistics=False)
    if csv:
        text = df.write_csv(date_format="%Y-%m-%d", float_precision=None)
        (out / f"{name}.csv").write_bytes(BOM + text.encode("utf-8"))


def _fit_columns(df: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        df = df.with_columns(pl.lit(None, dtype=pl.String).alias(c) for c in missing)
    return df.select(columns)


def _stale_temp_dirs(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.tmp-*"))


def _renameat2_exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    rc = fn(at_fdcwd, os.fsencode(str(a)), at_fdcwd, os.fsencode(str(b)), rename_exchange)
    return rc == 0


def _move_into_place(tmp: Path, out: Path) -> None:
    """Put the complete folder ``tmp`` at ``out``; an existing ``out`` is replaced only now."""
    if out.exists() and any(out.iterdir()):
        if _renameat2_exchange(tmp, out):
            shutil.rmtree(tmp, ignore_errors=True)      # tmp now holds the old run folder
            return
        old = out.parent / f".{out.name}.old-{secrets.token_hex(4)}"
        os.rename(out, old)
        os.rename(tmp, out)
        shutil.rmtree(old, ignore_errors=True)
        return
    os.rename(tmp, out)       # out absent, or an empty folder (replaced by rename)


def _check_out(out: Path, input_dir: Path, force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file", hint="name a folder")
    if out.resolve() == input_dir.resolve():
        raise UsageError("--out is the input folder", hint="write the run to another folder")
    if out.is_dir() and any(out.iterdir()):
        if not force:
            raise UsageError(f"--out {out} is not empty",
                             hint="name a new folder, or add --force to replace a previous run")
        if not (out / "run.json").is_file():
            raise UsageError(f"--out {out} is not empty and not a crosscheck run folder",
                             hint="--force only replaces a previous run's folder; name a new one")


def _evidence_records(res: Any, evidence: pl.DataFrame) -> pl.DataFrame | None:
    er = getattr(res, "evidence_records", None)
    if er is None or not isinstance(er, pl.DataFrame):
        return None
    keep = evidence.select("source", "record_id").unique()
    er = er.join(keep, on=["source", "record_id"], how="semi")
    other = sorted(c for c in er.columns if c not in ("source", "record_id"))
    return er.select("source", "record_id", *other).with_columns(
        pl.col(c).cast(pl.String) for c in other).sort("source", "record_id")


def _sorted_outputs(leads: pl.DataFrame, evidence: pl.DataFrame, signals: pl.DataFrame
                    ) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    leads = leads.sort("rank", "lead_id")
    order = leads.select("lead_id", pl.col("rank").alias("_rank"))
    evidence = (_fit_columns(evidence, EVIDENCE_FILE_COLUMNS)
                .join(order, on="lead_id", how="inner")
                .sort("_rank", "person_key", "source", "record_id", nulls_last=True)
                .drop("_rank"))
    signals = _fit_columns(signals, SIGNAL_FILE_COLUMNS)
    signals = (signals.join(order, on="lead_id", how="inner")
               .with_columns(pl.col("contribution").cast(pl.Float64))
               .sort(["_rank", "contribution", "signal"], descending=[False, True, False],
                     nulls_last=True)
               .drop("_rank"))
    return _fit_columns(leads, LEAD_FILE_COLUMNS), evidence, signals


# --------------------------------------------------------------------------- the pipeline
def run_pipeline(
    input_dir: str | Path,
    out_dir: str | Path,
    *,
    config: str | Path | Mapping[str, Any] | None = None,
    column_map: str | Path | None = None,
    db_url: str,
    period: str | tuple[date, date] | None = None,
    as_of: date | None = None,
    force: bool = False,
    seed: int = 0,
    progress: bool = True,
    report: bool = True,
    scorer: str | Path | None = None,
) -> RunSummary:
    """Run the pipeline on ``input_dir`` into ``out_dir`` and record it in the store at
    ``db_url``. ``scorer`` (or the configuration's ``scorer``) is a ``scorer.json`` to score leads
    with instead of the shipped one, e.g. one refitted from investigators' decisions
    (``crosscheck train-scorer --run … --labels …``). Raises :class:`UsageError` (exit 2) or
    :class:`FatalDataError` (exit 4)."""
    from pipelines.io import check_run_sources, load_column_map, read_input_dir
    from pipelines.store import classify, open_store

    for noisy in ("great_expectations", "alembic", "weasyprint", "fontTools"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLogger().level))
    input_dir, out = Path(input_dir), Path(out_dir).absolute()
    cfg = dict(config) if isinstance(config, Mapping) else load_config(config)
    per = parse_period(period) if isinstance(period, str) or period is None else period
    given_as_of = as_of  # None: no --as-of (the gate then keeps later dates, flagged)
    as_of = as_of or date.today()
    if not input_dir.is_dir():
        raise UsageError(f"input folder {input_dir} does not exist",
                         hint="pass the folder of source files to --input")
    _check_out(out, input_dir, force)
    scorer_path = scorer or cfg.get("scorer")
    from pipelines.detection.scorer import FEATURE_NAMES, Scorer

    lead_scorer = Scorer.load(scorer_path) if scorer_path else None  # a bad file stops the run here
    if lead_scorer is not None:
        lead_scorer.check_features(FEATURE_NAMES, name=f"scorer {scorer_path}")
    out.parent.mkdir(parents=True, exist_ok=True)

    started = datetime.now().astimezone()
    run_id = f"{started:%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"
    meter = _Meter(progress)
    store = open_store(db_url)
    tmp: Path | None = None
    recorded = False
    try:
        for stale in store.fail_stale_runs():
            meter.say(f"crosscheck: run {stale} was interrupted earlier; marked failed")
        for d in _stale_temp_dirs(out):
            shutil.rmtree(d, ignore_errors=True)

        cmap_path = column_map or cfg.get("column_map")
        qcfg = dict(cfg.get("quality") or {})
        parameters: dict[str, Any] = {
            "input_dir": str(input_dir.resolve()), "config": cfg, "column_map": (
                str(cmap_path) if cmap_path else None),
            "period": [d.isoformat() for d in per] if per else None, "as_of": as_of.isoformat(),
            "seed": seed, "scorer": str(Path(scorer_path).resolve()) if scorer_path else None,
        }

        # 1. read
        with meter.stage("read", "reading sources") as info:
            sources = read_input_dir(input_dir, load_column_map(cmap_path))
            absent = check_run_sources(sources, input_dir)
            info["detail"] = ", ".join(f"{s} {r.rows:,}" for s, r in sources.items() if r.present)
        notes = [f"{s} not supplied: cannot check {IMPOSSIBLE_WITHOUT[s]}"
                 for s in absent if s in IMPOSSIBLE_WITHOUT]
        for n in notes:
            meter.say(f"crosscheck: note: {n}")

        # 2. quality gate
        from pipelines.quality import run_gate

        prev_counts = {}
        for s in SOURCES:
            pc = store.previous_counts(s)
            if pc:
                prev_counts[s] = int(pc["read"])
        with meter.stage("quality", "quality gate") as info:
            gate = run_gate(sources, as_of=given_as_of, period=per, previous_counts=prev_counts,
                            seed=seed, **qcfg)
            q = sum(c["quarantined"] for c in gate.counts.values())
            info["detail"] = (f"{sum(c['accepted'] for c in gate.counts.values()):,} rows "
                              f"accepted, {q:,} quarantined, {len(gate.warnings)} warning(s)")
        for w in gate.warnings:
            meter.say(f"crosscheck: warning: {w.one_line()}")
        gate.raise_if_fatal()
        if isinstance(gate.parameters, dict):
            parameters["quality"] = gate.parameters
        accepted = {s: gate.accepted.get(s) for s in SOURCES}
        # the raw frames as read are not needed past the gate (the files' sums and counts are kept
        # in ``gate``): let them go before the stages with the highest peaks
        del sources
        gc.collect()

        # 3. person records
        from pipelines.persons import person_records

        with meter.stage("persons", "person records") as info:
            records = person_records(gate.accepted)
            info["detail"] = f"{records.height:,} person-bearing records"

        # 4. linkage
        from pipelines.linking import link_persons

        with meter.stage("link", "linking persons") as info:
            link = link_persons(records, config=cfg.get("linkage"), seed=seed)
            # a canonical row order, so nothing downstream can depend on the engine's order
            links = link.links.sort("source", "record_id")
            persons = link.links.get_column("person_key").n_unique() if link.links.height else 0
            info["detail"] = (f"{link.pairs.height:,} scored pairs, {persons:,} persons from "
                              f"{link.links.height:,} records")
            # the linkage outputs go to the temporary folder now and are let go, so that
            # detection (the stage with the highest peak) runs without them in memory
            tmp = out.parent / f".{out.name}.tmp-{run_id}"
            tmp.mkdir()
            records.write_parquet(tmp / "records.parquet")
            links.write_parquet(tmp / "links.parquet")
            link.pairs.sort("source_l", "record_id_l", "source_r", "record_id_r").write_parquet(
                tmp / "pairs.parquet")
            (tmp / "model.json").write_text(
                json.dumps(link.model, ensure_ascii=False, indent=1, sort_keys=True, default=str),
                encoding="utf-8")
            gate.write(tmp)                 # quality/ now, and the quarantined rows let go
            gate.quarantined = {}
            del records, link
            gc.collect()

        # 5. detection
        from dataclasses import replace

        from pipelines.detection import detect
        from pipelines.detection.detect import as_params

        with meter.stage("detect", "detecting leads") as info:
            # one province for the whole run: the gate's (given in the configuration, or read from
            # the hospitals' and funeral homes' codes), unless the detection section sets its own
            dparams = as_params(cfg.get("detection"))
            if dparams.province is None and isinstance(gate.parameters, dict) and gate.parameters.get("province"):
                dparams = replace(dparams, province=str(gate.parameters["province"]))
            det = detect(accepted, links, params=dparams, scorer=lead_scorer)
            info["detail"] = f"{det.leads.height:,} candidate leads"

        # 6. between runs + run folder
        with meter.stage("write", "writing the run folder") as info:
            prev = store.previous_state()
            cls = classify(det.leads, det.lead_evidence, prev, signals=det.lead_signals)
            leads, evidence, signals = _sorted_outputs(cls.leads, cls.evidence, cls.signals)
            ev_records = _evidence_records(det, evidence)
            scorer = getattr(det, "scorer", None) or getattr(det, "model", None)
            if isinstance(scorer, Mapping):
                (tmp / "scorer.json").write_text(
                    json.dumps(scorer, ensure_ascii=False, indent=1, sort_keys=True, default=str),
                    encoding="utf-8")
            profiles = getattr(det, "profiles", None)
            if isinstance(profiles, pl.DataFrame):
                profiles.write_parquet(tmp / "profiles.parquet")
            _write_table(leads, tmp, "leads", csv=True)
            _write_table(evidence, tmp, "lead_evidence", csv=True)
            _write_table(signals, tmp, "lead_signals", csv=True)
            if ev_records is not None:
                ev_records.write_parquet(tmp / "evidence_records.parquet")
            counts = cls.counts
            info["detail"] = (f"{leads.height:,} leads: " + ", ".join(
                f"{k} {v}" for k, v in counts.items()))

        by_type = {t: 0 for t in LEAD_TYPES}
        for t, n in leads.group_by("lead_type").len().iter_rows():
            by_type[str(t)] = int(n)
        inputs = {s: {"file": gate.files.get(s, {}).get("file"),
                      "sha256": gate.files.get(s, {}).get("sha256"), **gate.counts[s]}
                  for s in SOURCES}
        manifest: dict[str, Any] = {
            "run_id": run_id, "started_at": started.isoformat(timespec="seconds"),
            "finished_at": None, "code_version": code_version(), "parameters": parameters,
            "inputs": inputs, "stages": meter.stages, "leads": by_type,
            "changes": counts, "previous_run_id": prev.run_id, "notes": notes,
            "gone": cls.gone, "suppressed": cls.suppressed,
        }

        # 7. store (the run, status finishing) + report into the temporary folder
        with meter.stage("store", "recording the run in the store") as info:
            store.record_run(manifest, input_dir=str(input_dir.resolve()), out_dir=str(out),
                             leads=cls.leads, lead_evidence=evidence, lead_signals=signals,
                             evidence_records=ev_records,
                             period=(f"{per[0]:%Y-%m}..{per[1]:%Y-%m}" if per else None),
                             previous_run_id=prev.run_id, changes=counts)
            recorded = True
            info["detail"] = f"run {run_id}"
        _write_manifest(tmp, manifest, meter)      # the report reads it
        report_path = _build_report(tmp, store.url, meter) if report else None

        # 8. final run.json, move into place, complete
        _write_manifest(tmp, manifest, meter)
        _move_into_place(tmp, out)
        tmp = None
        store.complete_run(run_id, reopened=cls.reopened, manifest=manifest)
        meter.say(f"crosscheck: run {run_id} complete in "
                  f"{time.perf_counter() - meter._t0:.1f} s → {out}")
        return RunSummary(run_id, out, store.url, by_type, counts, inputs, meter.stages,
                          prev.run_id, notes, out / report_path.name if report_path else None)
    except BaseException:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        if recorded:
            with contextlib.suppress(Exception):   # else the next run marks it failed
                store.delete_run(run_id)
        raise
    finally:
        meter.close()
        store.close()


def _write_manifest(run_dir: Path, manifest: dict[str, Any], meter: _Meter) -> None:
    manifest["finished_at"] = datetime.now().astimezone().isoformat(timespec="seconds")
    manifest["stages"] = meter.stages
    (run_dir / "run.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1, default=str), encoding="utf-8")


def _build_report(run_dir: Path, store_url: str, meter: _Meter) -> Path | None:
    """The audit report and lead workbook (engineer G's :mod:`reports`), when installed."""
    try:
        from reports import build_run_reports  # type: ignore[attr-defined]
    except ImportError:
        meter.say("crosscheck: note: the reports package is not available; no report.html")
        return None
    with meter.stage("report", "building the report") as info:
        try:
            result = build_run_reports(run_dir, store_url, lang="zh")
        except CrosscheckError:
            raise
        except Exception as exc:
            raise RuntimeError(f"the report could not be built ({type(exc).__name__}: {exc}); "
                               "the run was not committed") from exc
        info["detail"] = "report.html, report.pdf, leads.xlsx"
    html = run_dir / "report.html"
    if html.exists():
        return html
    return Path(result) if isinstance(result, str | Path) else None

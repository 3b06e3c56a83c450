"""``crosscheck detect``: the detection stage alone on a folder of source files.

For development and evaluation: reads the sources (canonical typing, no quality gate),
takes links from the linker, from a links file, from the generator's truth (``oracle``)
or from identical ID numbers (``id``), and writes ``leads``, ``lead_evidence``,
``lead_signals`` (Parquet + CSV with BOM), ``links.parquet``, ``evidence_records.parquet``,
``profiles.parquet``, ``scorer.json`` and ``detection.json`` (the funnel summary) — enough
for ``crosscheck evaluate``. The full pipeline is ``crosscheck run``.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from pathlib import Path

import polars as pl

from pipelines.cli import add_json_option
from pipelines.errors import UsageError

NAME = "detect"
HELP = "find, score and explain concealment leads in a folder of sources (detection stage only)"
log = logging.getLogger(__name__)
BOM = b"\xef\xbb\xbf"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input", required=True, metavar="DIR", help="folder of source files")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder to write (created)")
    parser.add_argument("--links", default="linker", metavar="HOW",
                        help="linker (default), oracle (generator truth), id (same ID number), or a links.parquet")
    parser.add_argument("--truth", metavar="DIR", help="truth folder for --links oracle (default INPUT/truth)")
    parser.add_argument("--scorer", metavar="FILE", help="scorer.json (default: the shipped one)")
    parser.add_argument("--min-score", type=float, default=None, help="drop leads scored below this")
    add_json_option(parser)


def write_table(frame: pl.DataFrame, out: Path, name: str) -> None:
    """Parquet plus CSV (UTF-8 with BOM, so spreadsheets show Chinese)."""
    frame.write_parquet(out / f"{name}.parquet")
    (out / f"{name}.csv").write_bytes(BOM + frame.write_csv().encode("utf-8"))


def _links(how: str, accepted: dict, input_dir: Path, truth: str | None) -> pl.DataFrame:
    from pipelines.detection.train import id_only_links, oracle_links

    if how == "oracle":
        t = Path(truth) if truth else input_dir / "truth"
        if not (t / "record_person.parquet").is_file():
            raise UsageError(f"{t} has no record_person.parquet", hint="pass the generator's truth folder to --truth")
        return oracle_links(t)
    if how == "id":
        return id_only_links(accepted)
    if how == "linker":
        try:
            from pipelines.linking import link_persons
            from pipelines.persons import person_records
        except ImportError as exc:
            raise UsageError("the linker is not available in this installation",
                             hint="use --links id or --links oracle, or a links.parquet") from exc
        return link_persons(person_records(accepted)).links
    p = Path(how)
    if not p.is_file():
        raise UsageError(f"--links {how!r} is neither linker/oracle/id nor an existing file",
                         hint="pass a links.parquet with source, record_id, person_key, match_probability")
    return pl.read_parquet(p)


def run(args: argparse.Namespace) -> int:
    from pipelines.detection import DetectionParams, Scorer, detect
    from pipelines.detection.train import load_accepted

    input_dir, out = Path(args.input), Path(args.out)
    if out.exists() and any(out.iterdir()):
        raise UsageError(f"{out} is not empty", hint="pass a new or empty folder to --out")
    t0 = time.perf_counter()
    accepted = load_accepted(input_dir)
    links = _links(args.links, accepted, input_dir, args.truth)
    t1 = time.perf_counter()
    params = DetectionParams() if args.min_score is None else DetectionParams(min_score=args.min_score)
    scorer = Scorer.load(args.scorer) if args.scorer else None
    det = detect(accepted, links, params=params, scorer=scorer)
    t2 = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    write_table(det.leads, out, "leads")
    write_table(det.lead_evidence, out, "lead_evidence")
    write_table(det.lead_signals, out, "lead_signals")
    links.sort("source", "record_id").write_parquet(out / "links.parquet")
    det.evidence_records.write_parquet(out / "evidence_records.parquet")
    det.profiles.write_parquet(out / "profiles.parquet")
    (out / "scorer.json").write_text(json.dumps(det.scorer, ensure_ascii=False, indent=1), encoding="utf-8")
    summary = {**det.summary, "seconds": {"read_and_link": round(t1 - t0, 2), "detect": round(t2 - t1, 2)}}
    (out / "detection.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1, default=str),
                                        encoding="utf-8")
    by_type = ", ".join(f"{k} {v}" for k, v in det.summary["leads_by_type"].items())
    print(f"{det.leads.height} leads ({by_type}) from {det.summary['persons']} persons; "
          f"detection {t2 - t1:.1f} s; written to {out}")
    if args.json:
        print(json.dumps({"out": str(out), "leads": det.leads.height, **{k: v for k, v in summary.items()
                                                                       if k != "scorer"}},
                         ensure_ascii=False, default=str))
    return 0

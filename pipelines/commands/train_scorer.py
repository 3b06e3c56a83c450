"""``crosscheck train-scorer``: fit the lead scorer from labelled leads.

Two sources of labels:

* ``--data DIR [DIR ...]`` — folders written by ``crosscheck generate`` (labels from their
  ``truth/``); ``--links oracle linker id`` says how records are joined into persons (each
  folder is used once per link set given, so the model sees realistic linkage noise too);
* ``--run RUN_DIR --labels FILE`` — investigators' decisions: a CSV/Parquet of
  ``lead_id,label`` (1 real, 0 false lead) for leads of a run folder (features are rebuilt
  from its ``lead_signals``; the review app exports them as ``lead_labels.csv``). Every weight
  is refitted — or, with ``--recalibrate``, only the scale of the scorer's log-odds (Platt
  scaling of the scorer the run used, or of ``--scorer FILE``): two parameters, which a few
  dozen decisions support, the ranking and the explanations kept.

``--balance-generators`` weighs the ``--data`` folders so that each generator (a folder's name up
to the first ``_``) carries the same total weight, however many seeds of it are given.

``--eval DIR [DIR ...]`` reports calibration (Brier score, reliability table) on folders the
model was not fitted to. Writes the scorer JSON to ``--out`` (default: print only).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import polars as pl

from pipelines.cli import add_json_option
from pipelines.errors import UsageError

NAME = "train-scorer"
HELP = "fit the lead scorer from generated truth or investigators' decisions"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", nargs="+", metavar="DIR", help="generated folders with truth/")
    parser.add_argument("--links", nargs="+", default=["oracle", "linker"],
                        help="oracle, linker and/or id (with --data; default: oracle linker)")
    parser.add_argument("--also-linker", nargs="+", metavar="DIR", default=[],
                        help="with --data: of its folders, those also trained on with the linker's links, when "
                             "--links leaves them out (the linker's mistakes on a few folders, truth elsewhere)")
    parser.add_argument("--balance-generators", action="store_true",
                        help="with --data: weigh the folders so that each generator carries the same total weight "
                        "however many folders (seeds) it has; a folder's generator is its name up to the first '_' "
                        "(alt12_0.2_5 -> alt12, default_0.2_31 -> default)")
    parser.add_argument("--run", metavar="RUN_DIR", help="a run folder whose leads were decided")
    parser.add_argument("--labels", metavar="FILE", help="lead_id,label decisions (CSV or Parquet)")
    parser.add_argument("--recalibrate", action="store_true",
                        help="with --run/--labels: rescale the scorer's log-odds to the decisions (Platt "
                        "scaling) instead of refitting every weight")
    parser.add_argument("--scorer", metavar="FILE",
                        help="with --recalibrate: the scorer to recalibrate (default: the run's scorer.json); with "
                        "--background-only: the scorer to measure the background for (default: the shipped one)")
    parser.add_argument("--eval", nargs="+", metavar="DIR", default=[], help="held-out generated folders")
    parser.add_argument("--C", type=float, default=0.015, help="inverse regularisation strength")
    parser.add_argument("--positives", choices=["deaths", "victims"], default="deaths",
                        help="with --data: a lead is true when it holds a hidden death or names an under-reported "
                        "accident (deaths, the default), or also when it holds any victim of a concealed incident "
                        "or an under-stated victim of an under-reported one (victims: concealed serious injuries "
                        "are real leads too)")
    parser.add_argument("--background-only", action="store_true",
                        help="with --data: keep the weights of --scorer (default: the shipped one) and only measure "
                        "the training data's background — each person signal's prevalence among working-age deaths, "
                        "which runs adapt the weights to")
    parser.add_argument("--out", metavar="FILE", help="where to write scorer.json")
    add_json_option(parser)


def _read_labels(path: Path) -> pl.DataFrame:
    if not path.is_file():
        raise UsageError(f"labels file {path} does not exist", hint="pass a CSV of lead_id,label")
    f = pl.read_parquet(path) if path.suffix == ".parquet" else pl.read_csv(path, infer_schema=False)
    if not {"lead_id", "label"} <= set(f.columns):
        raise UsageError(f"{path} lacks lead_id and label columns", hint="write a header lead_id,label")
    return f.select(pl.col("lead_id").cast(pl.String), pl.col("label").cast(pl.Int8, strict=False)) \
        .drop_nulls()


def run(args: argparse.Namespace) -> int:
    from pipelines.detection.train import (
        evaluate_labelled,
        features_from_signals,
        fit_lead_scorer,
        fit_scorer,
        generator_of,
        labelled_candidates,
        load_accepted,
    )

    if args.recalibrate and not (args.run and args.labels):
        raise UsageError("--recalibrate needs --run and --labels (investigators' decisions)",
                         hint="crosscheck train-scorer --run RUN_DIR --labels lead_labels.csv --recalibrate --out FILE")
    if args.balance_generators and not args.data:
        raise UsageError("--balance-generators weighs generated folders: it needs --data",
                         hint="crosscheck train-scorer --data DIR ... --balance-generators --out scorer.json")
    held = {}
    deaths_only = args.positives == "deaths"
    if args.background_only:
        from pipelines.detection.scorer import Scorer
        from pipelines.detection.train import measure_background

        if not args.data:
            raise UsageError("--background-only needs --data (the folders the scorer was fitted to)",
                             hint="crosscheck train-scorer --background-only --data DIR ... --out scorer.json")
        scorer = measure_background(Scorer.load(args.scorer), args.data, args.links)
        if args.out:
            scorer.save(args.out)
        for f, v in sorted(scorer.reference_prevalence.items()):
            print(f"  {f}: {v:.5f}")
        return 0
    if args.data:
        parts = []
        groups: list[str] = []
        also = {Path(d).resolve() for d in args.also_linker}
        unknown = also - {Path(d).resolve() for d in args.data}
        if unknown:
            raise UsageError(f"--also-linker names folders not in --data: {', '.join(sorted(map(str, unknown)))}",
                             hint="list each --also-linker folder under --data too")
        for d in args.data:
            accepted = load_accepted(d)
            hows = [*args.links, *(["linker"] if Path(d).resolve() in also and "linker" not in args.links else [])]
            parts += [labelled_candidates(d, links=how, accepted=accepted, deaths_only=deaths_only)
                      for how in hows]
            groups += [generator_of(d)] * len(hows)
        prov = {"labels": "generated truth (a lead is true when it holds a record of a hidden death or names "
                          "an under-reported accident)" if deaths_only else
                          "generated truth (a lead is true when it holds a record of a hidden death, of a victim "
                          "of a concealed incident or of an under-stated victim of an under-reported one, or "
                          "names an under-reported accident)",
                "data": [str(Path(d).resolve().name) for d in args.data], "links": args.links,
                **({"also_linker": [Path(d).resolve().name for d in args.also_linker]} if args.also_linker else {}),
                **({"balance": "each generator (folder name up to the first '_') the same total weight: "
                              + ", ".join(sorted(set(groups)))} if args.balance_generators else {})}
        scorer = fit_lead_scorer(parts, C=args.C, provenance=prov,
                                 groups=groups if args.balance_generators else None)
    elif args.run and args.labels:
        run_dir = Path(args.run)
        if not (run_dir / "lead_signals.parquet").is_file():
            raise UsageError(f"{run_dir} has no lead_signals.parquet", hint="pass a run folder written by crosscheck run")
        sig = pl.read_parquet(run_dir / "lead_signals.parquet")
        y = _read_labels(Path(args.labels))
        prov = {"labels": f"investigators' decisions ({Path(args.labels).name})", "run": str(args.run)}
        if args.recalibrate:
            from pipelines.detection.scorer import Scorer
            from pipelines.detection.train import recalibrate_scorer

            used = run_dir / "scorer.json"   # the scorer the run was scored with (else the shipped one)
            base = Scorer.load(args.scorer or (used if used.is_file() else None))
            scorer = recalibrate_scorer(base, features_from_signals(sig, base.features), y, provenance=prov)
        else:
            scorer = fit_scorer(features_from_signals(sig), y, C=args.C, provenance=prov)
    else:
        raise UsageError("nothing to train on", hint="pass --data DIR ... or --run RUN_DIR --labels FILE")
    for d in args.eval:
        accepted = load_accepted(d)
        for how in args.links:
            held[f"{Path(d).name}:{how}"] = evaluate_labelled(scorer, labelled_candidates(
                d, links=how, accepted=accepted, deaths_only=deaths_only))
    if held:
        scorer.calibration["held_out"] = held
    if args.out:
        scorer.save(args.out)
    cal = scorer.calibration["on_training_data"]
    rec = scorer.provenance.get("recalibrated")
    if rec and args.recalibrate:
        before = scorer.calibration["before_recalibration"]
        print(f"recalibrated on {rec['decisions']} decided leads ({rec['confirmed']} confirmed): log-odds × "
              f"{rec['slope']:.3f} {rec['intercept']:+.3f}; Brier on the decisions {before['brier']:.4f} -> "
              f"{cal['brier']:.4f}")
        for row in cal["reliability"]:
            print(f"  {row['bin']}: {row['leads']:6d} leads, predicted {row['mean_predicted']:.3f}, "
                  f"observed {row['observed']:.3f}")
    else:
        print(f"fitted on {scorer.provenance['leads']} leads ({scorer.provenance['positives']} true); "
              f"Brier {cal['brier']:.4f} on the training data")
    for name, rep in held.items():
        print(f"held out {name}: {rep['n']} leads, Brier {rep['brier']:.4f}")
        for row in rep["reliability"]:
            print(f"  {row['bin']}: {row['leads']:6d} leads, predicted {row['mean_predicted']:.3f}, "
                  f"observed {row['observed']:.3f}")
    order = np.argsort(-np.abs(np.asarray(scorer.coef_standardised)))
    for j in order:
        print(f"  {scorer.features[j]:26s} {scorer.coef_standardised[j]:+.3f} (per unit {scorer.weights[j]:+.3f})")
    if args.json:
        print(json.dumps({"out": args.out, "provenance": scorer.provenance, "calibration": scorer.calibration},
                         ensure_ascii=False, default=str))
    return 0

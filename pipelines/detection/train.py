"""Training and recalibrating the lead scorer from labelled leads.

Labels come from two places:

* generated data — :func:`truth_labels` marks a lead true when it holds a record of a hidden
  death, of any victim of a concealed incident, or of an unnamed victim of an under-reported
  one, or names an under-reported accident (``truth/`` as the data contract describes);
* investigators' decisions later — any frame of ``lead_id, label`` (1 = confirmed concealment
  or under-reporting, 0 = false lead) joined to the run's ``lead_signals`` (which hold every
  non-zero feature value, see :func:`features_from_signals`).

:func:`fit_scorer` fits the logistic regression and stores the provenance and a calibration
report (Brier score, reliability table) in the scorer; :func:`recalibrate_scorer` rescales a
fitted scorer's log-odds to investigators' decisions (Platt scaling), keeping its weights'
ratios. :func:`training_set` turns one generated folder into features and labels, with oracle
links (truth) or ID-only links.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from pipelines.contract import SOURCES
from pipelines.detection.features import FEATURE_NAMES, MAX_WEIGHT, SIGNS, feature_matrix
from pipelines.detection.leads import CandidateLeads
from pipelines.detection.params import DetectionParams
from pipelines.detection.profiles import id_key_expr
from pipelines.detection.scorer import Scorer, calibration_report, signal_prevalence
from pipelines.errors import UsageError

# ---- loading generated data ----------------------------------------------------------------------


def simple_canonical(source: str, frame: pl.DataFrame) -> pl.DataFrame:
    """Minimal typing when :mod:`pipelines.canonical` is not available (dates, numbers, enums)."""
    src = SOURCES[source]
    exprs = []
    for c in src.columns:
        if c.name not in frame.columns:
            continue
        e = pl.col(c.name).cast(pl.String).str.strip_chars()
        if c.dtype in ("date", "datetime"):
            norm = e.str.replace_all(r"[年月/]", "-").str.replace("日", "")
            norm = pl.when(norm.str.contains(r"^\d{8}")).then(
                norm.str.slice(0, 4) + "-" + norm.str.slice(4, 2) + "-" + norm.str.slice(6, 2) + norm.str.slice(8)
            ).otherwise(norm)
            norm = norm.str.replace(r"^(\d{4})-(\d)-", "$1-0$2-").str.replace(r"^(\d{4})-(\d\d)-(\d)(\D|$)", "$1-$2-0$3$4")
            if c.dtype == "date":
                e = norm.str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False)
            else:
                e = pl.coalesce(norm.str.to_datetime("%Y-%m-%d %H:%M:%S", strict=False, time_unit="us"),
                                norm.str.to_datetime("%Y-%m-%d %H:%M", strict=False, time_unit="us"),
                                norm.str.slice(0, 10).str.to_datetime("%Y-%m-%d", strict=False, time_unit="us"))
        elif c.dtype == "int":
            e = e.cast(pl.Float64, strict=False).cast(pl.Int64, strict=False)
        elif c.dtype == "float":
            e = e.cast(pl.Float64, strict=False)
        elif c.dtype == "bool":
            e = e.str.to_lowercase().is_in(["true", "1", "t", "yes", "y", "是"])
        elif c.dtype == "enum":
            e = e.str.to_lowercase()
        elif c.dtype == "uscc":
            e = e.str.to_uppercase()
        elif c.dtype == "sex":
            e = e.replace({"男": "M", "女": "F", "1": "M", "2": "F", "m": "M", "f": "F"})
        exprs.append(e.alias(c.name))
    return frame.with_columns(exprs)


def load_accepted(input_dir: str | Path) -> dict[str, pl.DataFrame | None]:
    """Canonical frames of every source in a folder (no quality gate: for training and tests)."""
    from pipelines.io import read_input_dir

    try:
        from pipelines.canonical import to_canonical
    except ImportError:  # pragma: no cover - before engineer A's module lands
        to_canonical = simple_canonical
    out: dict[str, pl.DataFrame | None] = {}
    for name, raw in read_input_dir(input_dir).items():
        out[name] = None if raw.frame is None else to_canonical(name, raw.frame)
    return out


def oracle_links(truth_dir: str | Path) -> pl.DataFrame:
    """Links from ``truth/record_person.parquet`` (person_key = true person)."""
    rp = pl.read_parquet(Path(truth_dir) / "record_person.parquet")
    return rp.select(pl.col("source").cast(pl.String), pl.col("record_id").cast(pl.String),
                     pl.col("person_id").cast(pl.String).alias("person_key"),
                     pl.lit(1.0).alias("match_probability"))


def id_only_links(accepted: dict[str, pl.DataFrame | None]) -> pl.DataFrame:
    """Naive links: records with the same normalised ID number are one person; others alone."""
    parts = []
    for s in ("accident_victims", "deregistrations", "cremations", "injury_claims", "medical_records"):
        f = accepted.get(s)
        if f is None or f.height == 0:
            continue
        idc = pl.col("id_number") if "id_number" in f.columns else pl.lit(None, dtype=pl.String)
        parts.append(f.select(pl.lit(s).alias("source"), pl.col("record_id").cast(pl.String),
                              id_key_expr(idc).alias("_k")))
    lk = pl.concat(parts, how="vertical")
    return lk.select(
        "source", "record_id",
        pl.coalesce(pl.lit("id:") + pl.col("_k"), pl.col("source") + ":" + pl.col("record_id")).alias("person_key"),
        pl.lit(1.0).alias("match_probability"),
    )


# ---- labels ----------------------------------------------------------------------------------------


def truth_positive_persons(truth_dir: str | Path) -> pl.DataFrame:
    """True persons whose records make a lead real: hidden deaths, victims of concealed incidents,
    unnamed or under-stated victims of under-reported ones. Columns ``person_id``, ``hidden_death``."""
    t = Path(truth_dir)
    inc = pl.read_parquet(t / "incidents.parquet")
    ip = pl.read_parquet(t / "incident_person.parquet").join(inc.select("incident_id", "kind"), on="incident_id")
    bad = ip.filter(pl.col("kind").is_in(["concealed", "under_reported"]))
    hidden = (pl.col("outcome") == "death") & (pl.col("reported_outcome").fill_null("") != "death")
    understated = pl.col("reported_outcome").is_null() | (pl.col("reported_outcome") != pl.col("outcome"))
    pos = bad.filter((pl.col("kind") == "concealed") | understated).select(
        pl.col("person_id").cast(pl.String), hidden.alias("hidden_death"))
    return pos.group_by("person_id").agg(pl.col("hidden_death").any())


def truth_labels(evidence: pl.DataFrame, truth_dir: str | Path, *, deaths_only: bool = False) -> pl.DataFrame:
    """``lead_id, label, hidden_deaths`` for every lead in ``evidence`` (lead_id, source, record_id).

    ``deaths_only``: a lead is true only when it holds a hidden death or names an
    under-reported accident (injured-only victims of concealed incidents count as false)."""
    t = Path(truth_dir)
    rp = pl.read_parquet(t / "record_person.parquet").select(
        pl.col("source").cast(pl.String), pl.col("record_id").cast(pl.String), pl.col("person_id").cast(pl.String))
    pos = truth_positive_persons(t)
    inc = pl.read_parquet(t / "incidents.parquet")
    under_acc = inc.filter((pl.col("kind") == "under_reported") & pl.col("accident_record_id").is_not_null()) \
        .select(pl.col("accident_record_id").cast(pl.String).alias("record_id")).with_columns(
            pl.lit("accidents").alias("source"), pl.lit(True).alias("acc_pos"))
    ev = evidence.select("lead_id", "source", "record_id").join(rp, on=["source", "record_id"], how="left") \
        .join(pos, on="person_id", how="left").join(under_acc, on=["source", "record_id"], how="left")
    person_pos = pl.col("hidden_death").fill_null(False) if deaths_only else pl.col("hidden_death").is_not_null()
    lab = ev.group_by("lead_id").agg(
        (person_pos | pl.col("acc_pos").fill_null(False)).any().alias("label"),
        pl.col("person_id").filter(pl.col("hidden_death").fill_null(False)).n_unique().alias("hidden_deaths"),
    )
    return lab.with_columns(pl.col("label").cast(pl.Int8)).sort("lead_id")


def features_from_signals(signals: pl.DataFrame, features: list[str] | tuple[str, ...] = FEATURE_NAMES
                          ) -> pl.DataFrame:
    """Rebuild the feature matrix from a run's ``lead_signals`` (absent signals are 0)."""
    s = signals.filter(pl.col("signal").is_in(list(features))).select("lead_id", "signal", "value")
    wide = s.pivot(on="signal", index="lead_id", values="value", aggregate_function="first")
    leads = signals.select("lead_id").unique()
    wide = leads.join(wide, on="lead_id", how="left")
    return wide.select("lead_id", *[(pl.col(f) if f in wide.columns else pl.lit(0.0)).fill_null(0.0)
                                    .cast(pl.Float64).alias(f) for f in features]).sort("lead_id")


def fit_scorer(features: pl.DataFrame, labels: pl.DataFrame, *, C: float = 1.0,
               provenance: dict[str, Any] | None = None, signed: bool = True) -> Scorer:
    """Fit the scorer on ``features`` (lead_id + feature columns) and ``labels`` (lead_id, label,
    and optionally ``weight``: each lead's weight in the likelihood, e.g. from :func:`balanced_weights`).

    Works the same for generated truth and investigators' decisions; the calibration report on
    the fitted data is stored in the scorer (``calibration``). ``signed`` holds every weight to
    the direction the domain gives its signal (:data:`pipelines.detection.features.SIGNS`)."""
    weighted = "weight" in labels.columns
    lab = labels.select(pl.col("lead_id").cast(pl.String), pl.col("label").cast(pl.Int8),
                        *([pl.col("weight").cast(pl.Float64)] if weighted else []))
    data = features.join(lab, on="lead_id", how="inner")
    if data.height == 0:
        raise UsageError("no labelled lead matches the features", hint="label leads by their lead_id")
    y = data["label"].to_numpy()
    sw = data["weight"].to_numpy() if weighted else None
    X = data.drop("label", *(["weight"] if weighted else []))
    prov = {"trained_at": dt.datetime.now().isoformat(timespec="seconds"), "leads": data.height,
            "positives": int(y.sum()), "C": C, **(provenance or {})}
    scorer = Scorer.fit(X, y, C=C, sample_weight=sw, provenance=prov, signs=SIGNS if signed else None,
                        max_weight=MAX_WEIGHT if signed else None)
    scorer.calibration = {"on_training_data": calibration_report(scorer.predict_proba(X), y)}
    return scorer


#: fewest decided leads, and fewest of each kind, a recalibration accepts (the top of a good list
#: may hold a single false lead among 50: the pull towards the scorer as it was keeps that stable)
MIN_DECISIONS = 20
MIN_PER_CLASS = 1


def recalibrate_scorer(scorer: Scorer, features: pl.DataFrame, labels: pl.DataFrame, *,
                       provenance: dict[str, Any] | None = None, prior: float = 1.0) -> Scorer:
    """Recalibrate ``scorer`` to investigators' decisions (Platt scaling of its own log-odds).

    The new log-odds are ``a · logit + b``: every weight is multiplied by ``a`` and the base becomes
    ``a · base + b``, so the scorer keeps its form, its ranking (``a > 0``) and exact explanations,
    while its probabilities follow the decided leads. Two parameters need far fewer decisions than
    a refit of every weight (:func:`fit_scorer`), and decided leads are the top of the list, where
    calibration matters. ``prior`` pulls ``(a, b)`` towards ``(1, 0)`` — the scorer as it was —
    with the weight of about that many decisions, so a handful of decisions moves it a little.

    Raises :class:`UsageError` with fewer than :data:`MIN_DECISIONS` decided leads or fewer than
    :data:`MIN_PER_CLASS` of either kind."""
    from scipy.optimize import minimize

    lab = labels.select(pl.col("lead_id").cast(pl.String), pl.col("label").cast(pl.Int8))
    data = features.join(lab, on="lead_id", how="inner")
    y = data["label"].to_numpy().astype(float)
    n, k = len(y), int(y.sum())
    if n < MIN_DECISIONS or min(k, n - k) < MIN_PER_CLASS:
        raise UsageError(
            f"{n} decided leads of this run ({k} confirmed, {n - k} false) are too few to recalibrate on",
            hint=f"decide at least {MIN_DECISIONS} leads, {MIN_PER_CLASS} or more of each kind, then rerun")
    z = scorer.logit(data.drop("label"))

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        a, b = theta
        t = a * z + b
        r = 1.0 / (1.0 + np.exp(-t)) - y
        f = float(np.sum(np.logaddexp(0.0, t) - y * t)) + prior * ((a - 1.0) ** 2 + b ** 2)
        return f, np.array([float(r @ z) + 2 * prior * (a - 1.0), float(r.sum()) + 2 * prior * b])

    # a > 0 keeps the order of the leads (a decision set that contradicts the order is not a
    # recalibration: refit the weights instead)
    res = minimize(loss, np.array([1.0, 0.0]), jac=True, method="L-BFGS-B", bounds=[(0.05, 20.0), (None, None)])
    a, b = (float(v) for v in res.x)
    before = calibration_report(1.0 / (1.0 + np.exp(-z)), y)
    out = Scorer(features=list(scorer.features), weights=[a * w for w in scorer.weights], base=a * scorer.base + b,
                 mean=list(scorer.mean), scale=list(scorer.scale),
                 coef_standardised=[a * c for c in scorer.coef_standardised],
                 reference_prevalence=dict(scorer.reference_prevalence),
                 provenance={**scorer.provenance, **(provenance or {}),
                             "recalibrated": {"at": dt.datetime.now().isoformat(timespec="seconds"),
                                              "decisions": n, "confirmed": k, "slope": a, "intercept": b,
                                              "previous_labels": scorer.provenance.get("labels")}})
    out.calibration = {"on_training_data": calibration_report(1.0 / (1.0 + np.exp(-(a * z + b))), y),
                       "before_recalibration": before}
    return out


def zero_scorer() -> Scorer:
    """All weights zero: lead persons are the dead first, then by key (training's starting point)."""
    return Scorer(features=list(FEATURE_NAMES), weights=[0.0] * len(FEATURE_NAMES), base=0.0)


def linker_links(accepted: dict[str, pl.DataFrame | None]) -> pl.DataFrame:
    """Links from the project's own linker (``pipelines.linking.link_persons``)."""
    from pipelines.linking import link_persons
    from pipelines.persons import person_records

    return link_persons(person_records(accepted)).links


@dataclass
class Labelled:
    """One generated folder's candidates under one set of links, with truth labels."""

    name: str
    cands: CandidateLeads
    lead_labels: pl.DataFrame     # lead_id, label, hidden_deaths
    person_labels: pl.DataFrame   # person_key, label (holds a record of a hidden death; with deaths_only
                                  # False, of any positive person of truth_positive_persons)


def links_of(data_dir: str | Path, accepted: dict[str, pl.DataFrame | None],
             links: str | pl.DataFrame) -> tuple[pl.DataFrame, str]:
    """The links of one generated folder and their name: ``oracle`` (truth), ``id`` (same
    normalised ID), ``linker`` (the project's linker), a path to a links parquet, or a frame."""
    if isinstance(links, pl.DataFrame):
        return links, "given"
    if links == "oracle":
        return oracle_links(Path(data_dir) / "truth"), links
    if links == "id":
        return id_only_links(accepted), links
    if links == "linker":
        return linker_links(accepted), links
    return pl.read_parquet(links), Path(links).name


def labelled_candidates(data_dir: str | Path, *, links: str | pl.DataFrame = "oracle",
                        params: DetectionParams | None = None,
                        accepted: dict[str, pl.DataFrame | None] | None = None,
                        deaths_only: bool = True) -> Labelled:
    """Candidates of one generated folder with lead and person labels from ``truth/``.

    ``links``: ``oracle`` (truth), ``id`` (same normalised ID), ``linker`` (the project's linker),
    a path to a links parquet, or a links frame."""
    from pipelines.detection.detect import candidate_leads

    d = Path(data_dir)
    truth = d / "truth"
    if not truth.is_dir():
        raise UsageError(f"{d} has no truth/ folder", hint="train on folders written by `crosscheck generate`")
    accepted = accepted if accepted is not None else load_accepted(d)
    lk, how = links_of(d, accepted, links)
    cands, _, _ = candidate_leads(accepted, lk, params, zero_scorer())
    y = truth_labels(cands.evidence, truth, deaths_only=deaths_only)
    rp = pl.read_parquet(truth / "record_person.parquet").select(
        pl.col("source").cast(pl.String), pl.col("record_id").cast(pl.String), pl.col("person_id").cast(pl.String))
    pos = truth_positive_persons(truth)
    pos = (pos.filter(pl.col("hidden_death")) if deaths_only else pos).select("person_id")
    ev = cands.evidence.filter(pl.col("person_key").is_not_null()).select("person_key", "source", "record_id") \
        .join(rp, on=["source", "record_id"], how="left") \
        .join(pos.with_columns(pl.lit(True).alias("_h")), on="person_id", how="left")
    plab = ev.group_by("person_key").agg(pl.col("_h").fill_null(False).any().cast(pl.Int8).alias("label"))
    return Labelled(name=f"{d.name}:{how}", cands=cands, lead_labels=y, person_labels=plab)


def reference_prevalence(frames: list[pl.DataFrame]) -> dict[str, float]:
    """The training data's background of each person signal (:attr:`Scorer.reference_prevalence`):
    its prevalence among the working-age deaths of each frame of candidate features (one per
    folder and link set), averaged over the frames so each counts alike."""
    from pipelines.detection.features import PERSON_FEATURE_NAMES

    measured = [signal_prevalence(X, PERSON_FEATURE_NAMES) for X in frames]
    per = [p for p, n in measured if n > 0]
    if not per:
        return {}
    return {f: float(np.mean([p[f] for p in per])) for f in per[0]}


def measure_background(scorer: Scorer, data_dirs: list[str | Path], links: list[str]) -> Scorer:
    """``scorer`` with its :attr:`Scorer.reference_prevalence` measured on the candidate leads of
    ``data_dirs`` under each of ``links`` (lead persons chosen by its own weights), weights
    unchanged: for a scorer fitted before the background was kept, or to re-measure it on the
    folders it was fitted to."""
    from pipelines.detection.detect import candidate_leads

    frames = []
    for d in data_dirs:
        accepted = load_accepted(d)
        for how in links:
            cands, _, _ = candidate_leads(accepted, links_of(d, accepted, how)[0], None, scorer)
            frames.append(feature_matrix(cands.leads))
    ref = reference_prevalence(frames)
    if not ref:
        raise UsageError("the folders hold no working-age death to measure a background on",
                         hint="pass folders written by `crosscheck generate`")
    out = Scorer.from_dict(scorer.to_dict())
    out.reference_prevalence = ref
    out.provenance = {**scorer.provenance, "background": {
        "population": "candidate leads whose lead person is a working-age death",
        "data": [Path(d).resolve().name for d in data_dirs], "links": list(links),
        "measured_at": dt.datetime.now().isoformat(timespec="seconds")}}
    return out


def generator_of(folder: str | Path) -> str:
    """The generator a generated folder stands for, read from its name up to the first ``_``
    (``alt12_0.2_5`` → ``alt12``, ``default_0.2_31`` → ``default``): how the benchmarks name the
    folders they generate (kind, scale, seed)."""
    return Path(folder).name.split("_", 1)[0]


def balanced_weights(sizes: list[int], groups: list[str]) -> list[float]:
    """Per-row weight of each part (``sizes`` rows, in group ``groups``) so that every group
    carries the same total weight, however many parts or rows it has, and the weights still sum
    to the number of rows (the penalty ``C`` keeps its meaning)."""
    if len(sizes) != len(groups):
        raise ValueError("one group per part")
    total: dict[str, int] = {}
    for n, g in zip(sizes, groups, strict=True):
        total[g] = total.get(g, 0) + n
    share = sum(sizes) / max(len(total), 1)
    return [share / total[g] if total[g] else 0.0 for g in groups]


def _stack(parts: list[Labelled], weights: dict[str, float],
           groups: list[str] | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    Xs, ys = [], []
    for i, part in enumerate(parts):
        c = part.cands.with_lead_persons(weights)
        tag = pl.lit(f"{i}:")
        Xs.append(feature_matrix(c.leads).with_columns((tag + pl.col("lead_id")).alias("lead_id")))
        ys.append(part.lead_labels.with_columns((tag + pl.col("lead_id")).alias("lead_id")))
    if groups is not None:
        w = balanced_weights([y.height for y in ys], groups)
        ys = [y.with_columns(pl.lit(wi, dtype=pl.Float64).alias("weight")) for y, wi in zip(ys, w, strict=True)]
    return pl.concat(Xs), pl.concat(ys)


def fit_lead_scorer(parts: list[Labelled], *, C: float = 0.015, iterations: int = 3,
                    provenance: dict[str, Any] | None = None, groups: list[str] | None = None) -> Scorer:
    """Fit the scorer on labelled candidates of several folders / link sets.

    A lead carries the person features of its lead person, chosen by the scorer's own weights,
    so fitting alternates: person weights from a person-level regression (every candidate
    person, label = holds a hidden death) choose the lead persons; the lead-level regression is
    fitted; its weights choose the lead persons again, and so on (``iterations`` times).

    ``groups`` (one name per part, e.g. the generator of its folder): weigh the parts so that
    each group carries the same total weight in both regressions (:func:`balanced_weights`);
    without it every candidate counts once, and a generator with more folders counts more."""
    from pipelines.detection.features import PERSON_FEATURE_NAMES

    pfs = [p.cands.person_features.join(p.person_labels, on="person_key", how="inner")  # type: ignore[union-attr]
           for p in parts]
    pf = pl.concat(pfs)
    psw = None
    if groups is not None:
        pw = balanced_weights([f.height for f in pfs], groups)
        psw = np.concatenate([np.full(f.height, w) for f, w in zip(pfs, pw, strict=True)])
    person = Scorer.fit(pf.select(*PERSON_FEATURE_NAMES), pf["label"].to_numpy(), C=C, sample_weight=psw,
                        signs=SIGNS, max_weight=MAX_WEIGHT)
    weights = person.weight_map()
    scorer: Scorer | None = None
    for _ in range(max(1, iterations)):
        X, y = _stack(parts, weights, groups)
        scorer = fit_scorer(X, y, C=C, provenance={"links_and_data": [p.name for p in parts], **(provenance or {})})
        weights = scorer.weight_map()
    assert scorer is not None
    scorer.reference_prevalence = reference_prevalence(
        [feature_matrix(p.cands.with_lead_persons(weights).leads) for p in parts])
    return scorer


def evaluate_labelled(scorer: Scorer, part: Labelled) -> dict[str, Any]:
    """Calibration (Brier score, reliability table) of ``scorer`` on one labelled folder."""
    c = part.cands.with_lead_persons(scorer.weight_map())
    data = feature_matrix(c.leads).join(part.lead_labels, on="lead_id")
    p = scorer.predict_proba(data.drop("label", "hidden_deaths"))
    return calibration_report(p, data["label"].to_numpy())


def training_set(data_dir: str | Path, *, links: str = "oracle", params: DetectionParams | None = None,
                 accepted: dict[str, pl.DataFrame | None] | None = None,
                 deaths_only: bool = True, scorer: Scorer | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Features and truth labels of every candidate lead of one generated folder, lead persons
    chosen by ``scorer`` (default: the shipped one)."""
    from pipelines.detection.scorer import default_scorer

    part = labelled_candidates(data_dir, links=links, params=params, accepted=accepted, deaths_only=deaths_only)
    c = part.cands.with_lead_persons((scorer or default_scorer()).weight_map())
    return feature_matrix(c.leads), part.lead_labels

"""A run folder against the data contract, line by line: file names and formats, the manifest,
quality/, and the leads / lead_evidence / lead_signals / links / pairs tables (columns, order,
dtypes, enums, ranges and the cross-table rules).

Every test reads the folder of one real ``crosscheck run`` (``run_a`` in conftest); none
writes into it."""

from __future__ import annotations

import hashlib
import json
import math
import re
import zipfile
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from contract_checks import (
    BOM,
    EVIDENCE_COLUMNS,
    FLOAT_TYPES,
    FOLDER_FILES,
    GRADES,
    ID18,
    INPUT_KEYS,
    INT_TYPES,
    LEAD_COLUMNS,
    LEAD_TYPES,
    LINK_COLUMNS,
    MANIFEST_TYPES,
    OPENED_TABLES,
    PAIR_COLUMNS,
    PARQUET_ONLY,
    PERSON_SOURCES,
    SIGNAL_COLUMNS,
    SOURCES,
    grade_of,
    raw_source,
    supplied_sources,
)
from contract_cli import ContractRuns, Run

import pipelines.run


def _documented_extras() -> dict[str, set[str]]:
    """The extra leads / lead_evidence columns and run.json keys documented in the
    "Beyond the contract" section of :mod:`pipelines.run`: ``{"leads": {...}, ...}``."""
    doc = pipelines.run.__doc__ or ""
    assert "Beyond the contract" in doc, "pipelines.run documents no additions to the contract"
    section = doc.split("Beyond the contract", 1)[1]
    out: dict[str, set[str]] = {}
    for label, key in (("leads columns", "leads"), ("lead_evidence columns", "lead_evidence"),
                       ("run.json keys", "run.json")):
        m = re.search(rf"^\s*{re.escape(label)}[^:]*:(.*?)(?=^\s*\S[^:\n]*:\s|\Z)", section,
                      re.S | re.M)
        body = m.group(1) if m else ""
        # a documented name is a ``name`` directly followed by its explanation in parentheses
        out[key] = set(re.findall(r"``([a-z_]+)``\s*\(", body))
    return out


def _table(run: Run, name: str) -> pl.DataFrame:
    return pl.read_parquet(run.out / f"{name}.parquet")


@pytest.fixture(params=["a", "c", "d"])
def each_run(request: pytest.FixtureRequest, contract_runs: ContractRuns) -> Run:
    """Run a (CSV input), c (Parquet input) and d (required sources only)."""
    return getattr(contract_runs, request.param)


@pytest.fixture(scope="module")
def tables(run_a: Run) -> dict[str, pl.DataFrame]:
    return {t: _table(run_a, t) for t in (*OPENED_TABLES, *PARQUET_ONLY)}


@pytest.fixture(scope="module")
def accepted_ids(run_a: Run) -> dict[str, pl.DataFrame]:
    """Per supplied source: the ``record_id``s of the rows read and accepted (raw file rows
    minus the quarantined ``_row``s)."""
    out = {}
    for s in supplied_sources(run_a.input):
        raw = raw_source(run_a.input, s)
        q = run_a.out / "quality" / "quarantine" / f"{s}.parquet"
        rows = pl.read_parquet(q).get_column("_row") if q.is_file() else pl.Series([], dtype=pl.Int64)
        key = "uscc" if s == "enterprises" else "record_id"
        out[s] = raw.filter(~pl.col("_row").is_in(rows.implode())).select(
            pl.col(key).alias("record_id"), "_row")
    return out


# --------------------------------------------------------------------------- files
def test_every_output_file_exists_with_its_contract_name_and_format(run_a: Run) -> None:
    out = run_a.out
    for name in OPENED_TABLES:
        df = pl.read_parquet(out / f"{name}.parquet")
        raw = (out / f"{name}.csv").read_bytes()
        assert raw[:3] == BOM, f"{name}.csv must start with the UTF-8 BOM, starts {raw[:3]!r}"
        text = raw[3:].decode("utf-8")
        assert not text.startswith("\ufeff"), f"{name}.csv has two BOMs"
        csv = pl.read_csv(raw[3:], infer_schema=False)
        assert csv.columns == df.columns, f"{name}.csv header differs from {name}.parquet"
        assert csv.height == df.height
        assert csv.get_column(df.columns[0]).to_list() == df.get_column(df.columns[0]).cast(
            pl.String).to_list(), f"{name}.csv rows are not in the Parquet file's order"
    for name in PARQUET_ONLY:
        assert pl.read_parquet(out / f"{name}.parquet").height > 0, f"{name}.parquet is empty"
    for rel in FOLDER_FILES:
        assert (out / rel).is_file(), f"{rel} missing from the run folder"
    assert (out / "report.pdf").read_bytes()[:5] == b"%PDF-"
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<html" in html[:2000].lower() and "</html>" in html[-200:].lower()
    assert "<html" in (out / "quality" / "summary.html").read_text(encoding="utf-8")[:2000].lower()
    with zipfile.ZipFile(out / "leads.xlsx") as z:        # an OOXML workbook
        assert "xl/workbook.xml" in z.namelist()
    import openpyxl

    wb = openpyxl.load_workbook(out / "leads.xlsx", read_only=True)
    rows = sum(ws.max_row or 0 for ws in wb.worksheets)
    assert rows >= _table(run_a, "leads").height, "leads.xlsx has fewer rows than leads"


def test_run_folder_holds_the_files_of_the_stage_interfaces(run_a: Run) -> None:
    """docs/interfaces.md §7: records, evidence records, the linkage and scoring models."""
    for name in ("records.parquet", "evidence_records.parquet"):
        assert pl.read_parquet(run_a.out / name).height > 0, f"{name} missing or empty"
    for name in ("model.json", "scorer.json"):
        assert isinstance(json.loads((run_a.out / name).read_text(encoding="utf-8")), dict), name


def test_csv_dates_are_iso(run_a: Run) -> None:
    csv = pl.read_csv((run_a.out / "leads.csv").read_bytes()[3:], infer_schema=False)
    dates = csv.get_column("event_date").drop_nulls()
    assert dates.len() > 0 and dates.str.contains(r"^\d{4}-\d{2}-\d{2}$").all(), dates.head(3)


def test_a_run_without_leads_still_writes_every_table_with_its_schema(
        contract_runs: ContractRuns) -> None:
    a, d = contract_runs.a, contract_runs.d
    for name in (*OPENED_TABLES, *PARQUET_ONLY):
        ta, td = _table(a, name), _table(d, name)
        assert td.schema == ta.schema, f"{name}: schema of run d differs from run a's"
    for name in OPENED_TABLES:
        raw = (d.out / f"{name}.csv").read_bytes()
        assert raw[:3] == BOM, f"{name}.csv without rows has no BOM"
        header = raw[3:].decode("utf-8").splitlines()[0].split(",")
        assert header == _table(a, name).columns, f"{name}.csv without rows: header {header}"


def test_a_run_says_which_checks_an_absent_source_made_impossible(
        contract_runs: ContractRuns) -> None:
    d = contract_runs.d
    absent = [s for s in SOURCES if s not in supplied_sources(d.input)]
    notes = d.manifest.get("notes")
    assert isinstance(notes, list) and notes == d.summary.get("notes"), notes
    for s in absent:
        said = [n for n in notes if s in n]
        assert said, f"nothing says what the absent {s} made impossible"
        assert any(f"note: {n}" in d.stderr for n in said), f"the run did not say it ({s})"


def test_generate_prints_its_json_last(contract_runs: ContractRuns) -> None:
    summaries = contract_runs.data.summaries
    assert len(summaries) == 2
    for s in summaries:
        rows = s.get("rows") or {}
        for src in SOURCES:
            assert int(rows.get(src, 0)) > 0, f"generate --json: no {src} rows in {s}"


def test_quality_folder_has_a_report_and_a_quarantine_file_per_source(run_a: Run) -> None:
    q = run_a.out / "quality"
    for s in supplied_sources(run_a.input):
        assert (q / f"{s}.json").is_file(), f"quality/{s}.json missing"
        assert (q / "quarantine" / f"{s}.parquet").is_file(), f"quality/quarantine/{s}.parquet missing"
    names = {p.stem for p in q.glob("*.json")}
    assert names <= set(SOURCES), f"quality/ holds JSON of unknown sources {names - set(SOURCES)}"


# --------------------------------------------------------------------------- run.json
def test_manifest_has_the_contract_keys_and_types(each_run: Run) -> None:
    m = each_run.manifest
    for key, typ in MANIFEST_TYPES.items():
        assert key in m, f"run.json lacks {key!r}"
        assert isinstance(m[key], typ), f"run.json {key!r} is {type(m[key]).__name__}, not {typ}"
    assert m["run_id"] == each_run.run_id
    from datetime import datetime

    started, finished = (datetime.fromisoformat(m[k]) for k in ("started_at", "finished_at"))
    assert started <= finished
    assert m["code_version"].strip()
    extras = sorted(set(m) - set(MANIFEST_TYPES))
    undocumented = sorted(set(extras) - _documented_extras()["run.json"])
    assert not undocumented, f"run.json has undocumented extra keys {undocumented}"


def test_manifest_inputs_counts_and_checksums(each_run: Run) -> None:
    inputs = each_run.manifest["inputs"]
    assert set(inputs) == set(SOURCES), "run.json inputs must name every contract source"
    supplied = supplied_sources(each_run.input)
    for s, info in inputs.items():
        assert set(INPUT_KEYS) <= set(info), f"inputs.{s} lacks {set(INPUT_KEYS) - set(info)}"
        for k in ("read", "accepted", "quarantined"):
            assert type(info[k]) is int and info[k] >= 0, f"inputs.{s}.{k} = {info[k]!r}"
        assert info["read"] == info["accepted"] + info["quarantined"], f"inputs.{s}: read ≠ a + q"
        if s not in supplied:
            assert info["file"] is None and info["read"] == 0
            continue
        assert isinstance(info["file"], str) and isinstance(info["sha256"], str)
        path = Path(info["file"])
        expected = next(each_run.input.glob(f"{s}.*"))
        assert path.name == expected.name, f"inputs.{s}.file names {info['file']}"
        if path.is_absolute():
            assert path.resolve() == expected.resolve(), f"inputs.{s}.file names {info['file']}"
        digest = hashlib.sha256(expected.read_bytes()).hexdigest()
        assert info["sha256"] == digest, f"inputs.{s}.sha256 is not the file's sha256"
        assert info["read"] == raw_source(each_run.input, s).height, f"inputs.{s}.read ≠ data rows"


def test_manifest_absent_optional_source_has_null_file_and_zero_counts(
        contract_runs: ContractRuns) -> None:
    d = contract_runs.d
    inputs = d.manifest["inputs"]
    absent = [s for s in SOURCES if s not in supplied_sources(d.input)]
    assert absent, "run d should lack the optional sources"
    assert set(inputs) == set(SOURCES)
    for s in absent:
        info = inputs[s]
        assert info["file"] is None, f"inputs.{s}.file must be null for an absent source"
        assert (info["read"], info["accepted"], info["quarantined"]) == (0, 0, 0), info
        assert set(INPUT_KEYS) <= set(info)


def test_manifest_stages_and_leads_by_type(run_a: Run) -> None:
    m = run_a.manifest
    assert m["stages"], "run.json stages is empty"
    for stage, info in m["stages"].items():
        assert set(info) >= {"seconds", "peak_rss_mb"}, f"stage {stage}: {info}"
        assert isinstance(info["seconds"], float | int) and info["seconds"] >= 0
        assert isinstance(info["peak_rss_mb"], float | int) and info["peak_rss_mb"] > 0
    leads = _table(run_a, "leads")
    counts = dict(leads.group_by("lead_type").len().iter_rows())
    assert set(m["leads"]) <= set(LEAD_TYPES), f"unknown lead types {set(m['leads'])}"
    for t in LEAD_TYPES:
        assert int(m["leads"].get(t, 0)) == counts.get(t, 0), f"run.json leads[{t}] ≠ leads file"


# --------------------------------------------------------------------------- quality/
def test_quality_json_every_check_is_complete(each_run: Run) -> None:
    inputs = each_run.manifest["inputs"]
    for s in supplied_sources(each_run.input):
        report = json.loads((each_run.out / "quality" / f"{s}.json").read_text(encoding="utf-8"))
        checks = report.get("checks")
        assert isinstance(checks, list) and checks, f"quality/{s}.json has no checks"
        key = "uscc" if s == "enterprises" else "record_id"
        ids = set(raw_source(each_run.input, s).get_column(key).drop_nulls().to_list())
        for c in checks:
            where = f"quality/{s}.json check {c.get('name')!r}"
            assert isinstance(c.get("name"), str) and c["name"], where
            assert isinstance(c.get("severity"), str) and c["severity"], where
            assert type(c.get("count")) is int and c["count"] >= 0, f"{where}: count {c.get('count')!r}"
            ex = c.get("examples")
            assert isinstance(ex, list) and len(ex) <= 20, f"{where}: examples {ex!r}"
            assert len(ex) <= c["count"], f"{where}: more examples than rows"
            assert all(isinstance(e, str) for e in ex), where
            assert set(ex) <= ids, f"{where}: examples that are not record_ids of the source"
        counts = report.get("counts")
        assert counts == {k: inputs[s][k] for k in ("read", "accepted", "quarantined")}, (
            f"quality/{s}.json counts disagree with run.json")


def test_quality_never_shows_raw_id_numbers_or_diagnoses(each_run: Run) -> None:
    ids: set[str] = set()
    diagnoses: set[str] = set()
    usccs: set[str] = set()          # an all-digit USCC can look like an ID number
    for s in supplied_sources(each_run.input):
        raw = raw_source(each_run.input, s)
        if "id_number" in raw.columns:
            ids |= {v for v in raw.get_column("id_number").drop_nulls().to_list() if len(v) >= 15}
        for col in ("uscc", "enterprise_uscc", "employer_uscc"):
            if col in raw.columns:
                usccs |= set(raw.get_column(col).drop_nulls().to_list())
        for col in ("diagnosis_icd10", "external_cause_icd10"):
            if col in raw.columns:
                diagnoses |= set(raw.get_column(col).drop_nulls().to_list())
    assert ids, "the generated input should hold ID numbers"
    diag_re = re.compile("|".join(rf"(?<![0-9A-Za-z]){re.escape(d)}(?![0-9])"
                                  for d in sorted(diagnoses, key=len, reverse=True)) or r"(?!)")
    q = each_run.out / "quality"
    for f in [*sorted(q.glob("*.json")), q / "summary.html"]:
        text = f.read_text(encoding="utf-8")
        leaked = [i for i in ids if i in text]
        assert not leaked, f"{f.name} shows {len(leaked)} raw ID number(s)"
        looks_like_ids = [m for m in ID18.findall(text) if m not in usccs]
        assert not looks_like_ids, f"{f.name} shows an 18-character ID number"
        m = diag_re.search(text)
        assert m is None, f"{f.name} shows a diagnosis code ({m.group(0) if m else ''})"


def test_quarantine_holds_the_rows_as_read_plus_reasons(each_run: Run) -> None:
    inputs = each_run.manifest["inputs"]
    for s in supplied_sources(each_run.input):
        q = pl.read_parquet(each_run.out / "quality" / "quarantine" / f"{s}.parquet")
        raw = raw_source(each_run.input, s)
        header = [c for c in raw.columns if c != "_row"]
        assert "reasons" in q.columns, f"quarantine/{s}: no reasons column"
        assert [c for c in q.columns if c not in ("reasons", "_row")] == header, (
            f"quarantine/{s}: columns {q.columns} are not the file's {header} + reasons")
        assert all(q.schema[c] == pl.String for c in (*header, "reasons")), (
            f"quarantine/{s}: not every column is text as read: {q.schema}")
        assert q.height == inputs[s]["quarantined"], f"quarantine/{s}: rows ≠ run.json"
        if q.height == 0:
            continue
        assert q.get_column("reasons").str.strip_chars().str.len_chars().min() > 0, (
            f"quarantine/{s}: a row without reasons")
        assert "_row" in q.columns, f"quarantine/{s}: rows cannot be traced back to the file"
        back = raw.join(q.select("_row"), on="_row", how="semi").sort("_row")
        mine = q.sort("_row").select(back.columns)
        assert mine.equals(back), f"quarantine/{s}: rows differ from the file's rows as read"


# --------------------------------------------------------------------------- leads
def test_leads_columns_order_and_dtypes(tables: dict[str, pl.DataFrame]) -> None:
    leads = tables["leads"]
    assert leads.height > 0, "the run found no leads"
    contract = list(LEAD_COLUMNS)
    assert leads.columns[: len(contract)] == contract, f"leads columns {leads.columns}"
    extras = leads.columns[len(contract):]
    undocumented = sorted(set(extras) - _documented_extras()["leads"])
    assert not undocumented, f"leads has undocumented extra columns {undocumented}"
    for col, dtype in LEAD_COLUMNS.items():
        got = leads.schema[col]
        if dtype == pl.Int64:
            assert got in INT_TYPES, f"leads.{col} is {got}, not an integer"
        elif dtype == pl.Float64:
            assert got in FLOAT_TYPES, f"leads.{col} is {got}, not a float"
        else:
            assert got == dtype, f"leads.{col} is {got}, not {dtype}"
    for col in ("lead_id", "rank", "score", "lead_type", "persons", "reasons_zh", "reasons_en"):
        assert leads.get_column(col).null_count() == 0, f"leads.{col} has nulls"


def test_leads_enums_ranges_and_rank_order(tables: dict[str, pl.DataFrame]) -> None:
    leads = tables["leads"]
    assert leads.get_column("lead_id").is_unique().all(), "lead_id repeats"
    assert set(leads.get_column("lead_type").to_list()) <= set(LEAD_TYPES)
    for col in ("reported_grade", "evidenced_grade"):
        assert set(leads.get_column(col).drop_nulls().to_list()) <= set(GRADES), col
    score = leads.get_column("score")
    assert score.is_nan().sum() == 0 and score.min() >= 0.0 and score.max() <= 1.0
    assert leads.get_column("rank").to_list() == list(range(1, leads.height + 1)), (
        "rank must be 1..n, consecutive, in file order")
    # best first; scores equal but for float noise (≤ 1e-9) may come in either order
    rises = (score.diff() > 1e-9).sum()
    assert rises == 0, f"leads not best first: the score rises {rises} time(s) down the ranks"
    assert (leads.get_column("persons") >= 1).all()
    region = leads.get_column("region_code").drop_nulls()
    assert region.str.contains(r"^\d{6}$").all(), "region_code not 6 digits"
    uscc = leads.get_column("employer_uscc").drop_nulls()
    assert (uscc.str.len_chars() == 18).all(), "employer_uscc not 18 characters"
    assert leads.get_column("evidenced_deaths").null_count() == 0, (
        "evidenced_deaths is for all lead types")
    deaths = leads.filter(pl.col("lead_type") == "unreported_death")
    assert (deaths.get_column("evidenced_deaths") >= 1).all()
    others = leads.filter(pl.col("lead_type") != "under_reported_accident")
    for col in ("accident_id", "reported_deaths", "reported_grade"):
        assert others.get_column(col).null_count() == others.height, (
            f"{col} is only for under_reported_accident leads")


def test_reasons_are_the_top_signals_joined(tables: dict[str, pl.DataFrame]) -> None:
    leads, signals = tables["leads"], tables["lead_signals"]
    assert signals.columns == SIGNAL_COLUMNS, f"lead_signals columns {signals.columns}"
    assert signals.schema["contribution"] in FLOAT_TYPES
    assert set(signals.get_column("lead_id").to_list()) == set(leads.get_column("lead_id").to_list())
    assert signals.select("lead_id", "signal").is_unique().all(), "a signal repeats within a lead"
    by_lead: dict[str, list[dict[str, Any]]] = {}
    for row in signals.iter_rows(named=True):
        by_lead.setdefault(row["lead_id"], []).append(row)
    for lead in leads.iter_rows(named=True):
        rows = by_lead[lead["lead_id"]]
        contrib = [r["contribution"] for r in rows]
        assert contrib == sorted(contrib, reverse=True), (
            f"lead {lead['lead_id']}: lead_signals not ordered by contribution")
        zh = [r["text_zh"] for r in rows]
        en = [r["text_en"] for r in rows]
        ks = [k for k in range(0, len(rows) + 1)
              if lead["reasons_zh"] == "；".join(zh[:k]) and lead["reasons_en"] == "; ".join(en[:k])]
        assert ks, (f"lead {lead['lead_id']}: reasons are not the top signals joined by '；' / "
                    f"'; ':\n{lead['reasons_zh']}\n{lead['reasons_en']}\nsignals: {zh}")


def test_every_lead_gives_at_least_one_reason(tables: dict[str, pl.DataFrame]) -> None:
    """reasons_zh / reasons_en are "the top signals as sentences": never empty."""
    leads = tables["leads"]
    empty = leads.filter((pl.col("reasons_zh").str.strip_chars() == "")
                         | (pl.col("reasons_en").str.strip_chars() == ""))
    assert empty.height == 0, (
        f"{empty.height} of {leads.height} leads give no reason (e.g. "
        f"{empty.get_column('lead_id').head(3).to_list()}, best rank "
        f"{empty.get_column('rank').min()}, types "
        f"{sorted(set(empty.get_column('lead_type').to_list()))})")


def test_signal_contributions_add_up_to_the_score(tables: dict[str, pl.DataFrame]) -> None:
    """``contribution`` is to the score's log-odds: the logistic of a lead's summed
    contributions is its score, so no reason can disagree with the score."""
    sums = tables["lead_signals"].group_by("lead_id").agg(pl.col("contribution").sum().alias("c"))
    joined = tables["leads"].join(sums, on="lead_id", how="left")
    for lid, score, c in joined.select("lead_id", "score", "c").iter_rows():
        assert c is not None, f"{lid}: no signals"
        implied = 1.0 / (1.0 + math.exp(-c)) if c > -700 else 0.0
        assert math.isclose(implied, score, rel_tol=1e-6, abs_tol=1e-9), (
            f"{lid}: score {score} but its signals add up to log-odds {c} (p = {implied})")


def test_every_lead_has_evidence_and_every_record_supports_one_lead(
        tables: dict[str, pl.DataFrame], accepted_ids: dict[str, pl.DataFrame]) -> None:
    leads, ev = tables["leads"], tables["lead_evidence"]
    assert ev.columns[: len(EVIDENCE_COLUMNS)] == EVIDENCE_COLUMNS, f"lead_evidence {ev.columns}"
    extras = set(ev.columns[len(EVIDENCE_COLUMNS):])
    assert extras <= _documented_extras()["lead_evidence"], f"undocumented columns {extras}"
    assert ev.schema["match_probability"] in FLOAT_TYPES
    for c in ("lead_id", "source", "record_id", "match_probability"):
        assert ev.get_column(c).null_count() == 0, f"lead_evidence.{c} has nulls"
    p = ev.get_column("match_probability")
    assert p.min() >= 0.0 and p.max() <= 1.0, "lead_evidence.match_probability outside [0, 1]"
    lead_ids = set(leads.get_column("lead_id").to_list())
    assert set(ev.get_column("lead_id").to_list()) == lead_ids, "a lead without evidence"
    dup = ev.group_by("source", "record_id").agg(pl.col("lead_id").n_unique().alias("n")).filter(
        pl.col("n") > 1)
    assert dup.height == 0, f"{dup.height} record(s) support more than one lead"
    assert ev.select("lead_id", "source", "record_id").is_unique().all()
    assert set(ev.get_column("source").to_list()) <= set(SOURCES)
    for s, part in ev.partition_by("source", as_dict=True).items():
        src = s[0] if isinstance(s, tuple) else s
        known = set(accepted_ids[src].get_column("record_id").to_list())
        missing = set(part.get_column("record_id").to_list()) - known
        assert not missing, f"evidence names {len(missing)} {src} record(s) not read and accepted"


def test_evidence_person_keys_and_probabilities_agree_with_links(
        tables: dict[str, pl.DataFrame]) -> None:
    ev = tables["lead_evidence"].filter(pl.col("source").is_in(list(PERSON_SOURCES)))
    joined = ev.join(tables["links"], on=["source", "record_id"], how="left", suffix="_link")
    assert joined.get_column("person_key_link").null_count() == 0, "evidence record not in links"
    bad = joined.filter(pl.col("person_key") != pl.col("person_key_link"))
    assert bad.height == 0, f"{bad.height} evidence rows give another person_key than links"
    off = joined.filter((pl.col("match_probability") - pl.col("match_probability_link")).abs() > 1e-9)
    assert off.height == 0, f"{off.height} evidence rows differ from links' match_probability"


def test_persons_and_lead_kinds(run_a: Run, tables: dict[str, pl.DataFrame]) -> None:
    leads, ev = tables["leads"], tables["lead_evidence"]
    persons = (ev.filter(pl.col("source") != "accidents").group_by("lead_id")
               .agg(pl.col("person_key").n_unique().alias("n")))
    joined = leads.join(persons, on="lead_id", how="left").with_columns(pl.col("n").fill_null(0))
    bad = joined.filter(pl.col("persons") != pl.col("n"))
    assert bad.height == 0, f"persons ≠ distinct person_keys of the evidence for {bad['lead_id'].to_list()}"
    one = leads.filter(pl.col("lead_type").is_in(["unreported_death", "unreported_serious_injury"]))
    assert (one.get_column("persons") == 1).all(), "a one-person lead with several persons"
    inc = leads.filter(pl.col("lead_type") == "unreported_incident")
    assert (inc.get_column("persons") >= 2).all(), "an incident lead with fewer than 2 persons"


def test_event_date_is_the_earliest_injury_or_death_date(run_a: Run,
                                                        tables: dict[str, pl.DataFrame]) -> None:
    """Between the earliest dated event of the lead's evidence (death, injury, admission,
    accident) and its earliest death or injury date (evidence_records.parquet holds the
    evidence's canonical values as text)."""
    er = pl.read_parquet(run_a.out / "evidence_records.parquet")
    cols = [c for c in ("death_date", "injury_date", "admitted_at", "occurred_at") if c in er.columns]
    assert {"death_date", "injury_date"} <= set(cols), er.columns
    day = {c: pl.col(c).str.slice(0, 10).str.strptime(pl.Date, "%Y-%m-%d", strict=False)
           for c in cols}
    dated = er.select("source", "record_id", *[e.alias(c) for c, e in day.items()]).with_columns(
        pl.min_horizontal(cols).alias("any_event"))
    per_lead = tables["lead_evidence"].join(dated, on=["source", "record_id"], how="left") \
        .group_by("lead_id").agg(pl.col("any_event").min(), pl.col("death_date").min(),
                                 pl.col("injury_date").min())
    x = tables["leads"].join(per_lead, on="lead_id", how="left")
    undated = x.filter(pl.col("event_date").is_null() & pl.col("any_event").is_not_null())
    assert undated.height == 0, f"leads without event_date: {undated['lead_id'].head(3)}"
    early = x.filter(pl.col("event_date") < pl.col("any_event"))
    assert early.height == 0, f"event_date before any event of the evidence: {early['lead_id'].head(3)}"
    late = x.filter((pl.col("event_date") > pl.col("death_date"))
                    | (pl.col("event_date") > pl.col("injury_date")))
    assert late.height == 0, f"event_date after a death/injury date of the evidence: {late['lead_id'].head(3)}"


def test_under_reported_accident_leads(run_a: Run, tables: dict[str, pl.DataFrame]) -> None:
    leads, ev = tables["leads"], tables["lead_evidence"]
    acc = raw_source(run_a.input, "accidents")
    acc_by_id = {r["record_id"]: r for r in acc.iter_rows(named=True)}
    under = leads.filter(pl.col("lead_type") == "under_reported_accident")
    assert under.height > 0, "the generated province has under-reported accidents; none found"
    ev_keys = set(ev.select("lead_id", "source", "record_id").iter_rows())
    for lead in under.iter_rows(named=True):
        lid, aid = lead["lead_id"], lead["accident_id"]
        assert aid is not None and aid in acc_by_id, f"{lid}: accident_id {aid!r}"
        a = acc_by_id[aid]
        assert lead["reported_deaths"] == int(a["reported_deaths"]), f"{lid}: reported_deaths"
        assert lead["evidenced_deaths"] > lead["reported_deaths"], f"{lid}: nothing under-reported"
        assert (lid, "accidents", aid) in ev_keys, f"{lid}: its accidents row is not evidence"
        serious = int(a["reported_serious_injuries"]) if a["reported_serious_injuries"] else 0
        loss = float(a["direct_loss_10k_yuan"]) if a["direct_loss_10k_yuan"] else 0.0
        rep = grade_of(lead["reported_deaths"], serious, loss)
        assert lead["reported_grade"] == GRADES[rep], f"{lid}: reported_grade"
        evid = GRADES.index(lead["evidenced_grade"])
        assert evid >= max(rep, grade_of(lead["evidenced_deaths"])), f"{lid}: evidenced_grade"


# --------------------------------------------------------------------------- links, pairs
def test_links_one_row_per_accepted_person_record(run_a: Run, tables: dict[str, pl.DataFrame],
                                                  accepted_ids: dict[str, pl.DataFrame]) -> None:
    links = tables["links"]
    assert links.columns == LINK_COLUMNS, f"links columns {links.columns}"
    assert links.schema["match_probability"] in FLOAT_TYPES
    assert links.select("source", "record_id").is_unique().all(), "a record linked twice"
    assert links.get_column("person_key").null_count() == 0
    inputs = run_a.manifest["inputs"]
    person_sources = [s for s in PERSON_SOURCES if s in accepted_ids]
    assert set(links.get_column("source").unique().to_list()) == set(person_sources)
    for s in person_sources:
        got = links.filter(pl.col("source") == s)
        assert got.height == inputs[s]["accepted"], f"links has {got.height} {s} rows, " \
                                                    f"{inputs[s]['accepted']} accepted"
        assert set(got.get_column("record_id").to_list()) == set(
            accepted_ids[s].get_column("record_id").to_list()), f"links {s}: other record_ids"
    p = links.get_column("match_probability")
    assert p.min() >= 0.0 and p.max() <= 1.0
    single = links.filter(pl.len().over("person_key") == 1)
    assert single.height > 0
    assert (single.get_column("match_probability") == 1.0).all(), "a singleton's probability ≠ 1"


def test_pairs_at_or_above_the_reporting_threshold(run_a: Run, tables: dict[str, pl.DataFrame]
                                                   ) -> None:
    pairs, links = tables["pairs"], tables["links"]
    assert pairs.columns == PAIR_COLUMNS, f"pairs columns {pairs.columns}"
    assert pairs.schema["match_weight"] in FLOAT_TYPES
    assert pairs.schema["match_probability"] in FLOAT_TYPES
    model = json.loads((run_a.out / "model.json").read_text(encoding="utf-8"))
    threshold = model["config"]["linkage"]["pairs_threshold"]
    p = pairs.get_column("match_probability")
    assert p.min() >= threshold and p.max() <= 1.0, f"pairs below the threshold {threshold}"
    keys = links.select("source", "record_id")
    for side in ("l", "r"):
        ends = pairs.select(pl.col(f"source_{side}").alias("source"),
                            pl.col(f"record_id_{side}").alias("record_id"))
        assert ends.join(keys, on=["source", "record_id"], how="anti").height == 0, (
            f"pairs' {side} records missing from links")
    same = pairs.filter((pl.col("source_l") == pl.col("source_r"))
                        & (pl.col("record_id_l") == pl.col("record_id_r")))
    assert same.height == 0, "a record paired with itself"
    assert pairs.select(PAIR_COLUMNS[:4]).is_unique().all()
    # the probability is the weight's: p = 2^w / (1 + 2^w)
    w = pairs.get_column("match_weight").to_list()
    for weight, prob in zip(w, p.to_list(), strict=True):
        expected = 1.0 / (1.0 + 2.0 ** -weight) if weight > -1000 else 0.0
        assert math.isclose(prob, expected, rel_tol=1e-6, abs_tol=1e-9), (weight, prob)

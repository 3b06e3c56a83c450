"""altgen writes a readable, contract-shaped province whose truth is consistent."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from pipelines.canonical import to_canonical
from pipelines.contract import PERSON_SOURCES, SOURCES
from pipelines.io import read_input_dir
from synthetic_data.evaluate import hidden_deaths, load_truth


def test_sources_parse_without_invalid_values(altgen_dir: Path) -> None:
    raw = read_input_dir(altgen_dir)
    assert raw["cremations"].encoding == "gb18030"
    assert raw["medical_records"].encoding == "utf-8-sig"
    for name, src in SOURCES.items():
        rs = raw[name]
        assert rs.present, name
        assert set(src.column_names) <= set(rs.frame.columns), name
        typed = to_canonical(name, rs.frame)
        bad = typed.filter(pl.col("_invalid").list.len() > 0)
        assert bad.height == 0, (name, bad.head(3))
        assert typed["record_id"].n_unique() == typed.height if "record_id" in typed.columns \
            else True
    ids = raw["deregistrations"].frame["id_number"].drop_nulls()
    assert ids.str.len_chars().eq(15).sum() > 0            # legacy 15-digit IDs occur
    assert ids.str.ends_with("x").sum() > 0                  # and lower-case x
    dates = raw["deregistrations"].frame["deregistered_on"]
    assert dates.str.contains("年").sum() > 0 and dates.str.contains("/").sum() > 0


def test_truth_is_consistent(altgen_dir: Path) -> None:
    truth = load_truth(altgen_dir / "truth")
    rp = truth["record_person"]
    raw = read_input_dir(altgen_dir)
    n_records = sum(raw[s].rows for s in PERSON_SOURCES)
    assert rp.height == n_records
    assert rp.select("source", "record_id").is_duplicated().sum() == 0
    inc = truth["incidents"]
    kinds = set(inc["kind"].to_list())
    assert kinds == {"reported", "concealed", "under_reported"}
    # every reported / under-reported incident has its accident row, concealed ones none
    acc = set(raw["accidents"].frame["record_id"].to_list())
    rep = inc.filter(pl.col("kind") != "concealed")
    assert set(rep["accident_record_id"].to_list()) == acc
    assert inc.filter(pl.col("kind") == "concealed")["accident_record_id"].null_count() == \
        inc.filter(pl.col("kind") == "concealed").height
    # under-reported: more true deaths than reported
    under = inc.filter(pl.col("kind") == "under_reported")
    assert (under["true_deaths"] > under["reported_deaths"]).all()
    hd = hidden_deaths(truth)
    assert hd.height > 0
    # named victims in accident_victims match reported_outcome in the truth
    ip = truth["incident_person"]
    assert ip["reported_outcome"].drop_nulls().len() == raw["accident_victims"].rows
    deaths = truth["deaths"]
    assert set(deaths["death_class"].unique().to_list()) == {"natural", "non_occupational",
                                                             "incident"}
    inc_deaths = deaths.filter(pl.col("death_class") == "incident").height
    assert inc_deaths == ip.filter(pl.col("outcome") == "death").height

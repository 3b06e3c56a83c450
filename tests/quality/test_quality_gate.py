"""The gate on corrupted copies of small clean data: right severity, right reason on exactly
the bad rows, good rows untouched, every row accounted for."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import polars as pl
import pytest
from quality_data import N, gate_dir, write_csv, write_dir

from pipelines.errors import FatalDataError
from pipelines.io import read_input_dir
from pipelines.quality import GateResult, run_gate

Tables = dict[str, list[dict[str, str]]]


def _check(g: GateResult, source: str, name: str) -> dict:
    found = [c for c in g.checks[source] if c["name"] == name]
    assert found, f"no check {name} for {source}: {[c['name'] for c in g.checks[source]]}"
    return found[0]


def _reasons(g: GateResult, source: str) -> dict[str, str]:
    q = g.quarantined[source]
    return dict(zip(q["record_id"].fill_null("<null>").to_list(), q["reasons"].to_list(),
                    strict=True))


def _flags(g: GateResult, source: str) -> dict[str, list[str]]:
    a = g.accepted[source]
    return {r: f for r, f in zip(a["record_id"].to_list(), a["dq_flags"].to_list(), strict=True)
            if f}


def _accounted(g: GateResult) -> None:
    for name, c in g.counts.items():
        assert c["read"] == c["accepted"] + c["quarantined"], name
        if name in g.accepted:
            assert g.accepted[name].height == c["accepted"]
            assert g.quarantined[name].height == c["quarantined"]


def test_clean_data_passes_untouched(clean_gate: GateResult) -> None:
    _accounted(clean_gate)
    assert not clean_gate.fatal
    assert not clean_gate.warnings, [w.message for w in clean_gate.warnings]
    for name, c in clean_gate.counts.items():
        assert c == {"read": N, "accepted": N, "quarantined": 0}, name
        assert clean_gate.accepted[name]["dq_flags"].list.len().sum() == 0, name
    # every check is reported, with zero counts
    assert all(c["count"] == 0 for cs in clean_gate.checks.values() for c in cs)
    engines = {c["engine"] for cs in clean_gate.checks.values() for c in cs}
    assert engines == {"polars", "gx"}


def test_quarantine_reasons_on_exactly_the_bad_rows(tmp_path: Path, tables: Tables) -> None:
    cr, md, dr = tables["cremations"], tables["medical_records"], tables["deregistrations"]
    cr[1]["cremated_on"] = ""                         # event date missing
    cr[2]["cremated_on"] = "2024-13-45"               # unparseable
    cr[3]["cremated_on"] = "2031-05-01"               # after --as-of
    cr[4]["cremated_on"] = "1850-05-01"               # before 1900
    cr[5]["certificate_issuer"] = "doctor"            # outside its enum: flagged, read as empty
    cr[6]["cremated_on"] = "2024-01-01"               # before death_date (2024-01-19)
    cr[7]["region_code"] = "14010"                    # not 6 digits
    cr[8]["age"] = "-1"
    cr[9]["age"] = "130"
    cr[10]["record_id"] = ""                          # record_id missing
    cr[11] = dict(cr[12])                             # an exact duplicate: the first copy is kept
    md[3]["discharged_at"] = "2024-01-01 09:00"       # before admitted_at 2024-01-10 10:00
    md[4]["admitted_at"] = "yesterday"
    dr[5]["deregistered_on"] = "2024-01-02"           # before death 2024-01-16
    d = write_dir(tmp_path / "in", tables,
                  only=("cremations", "medical_records", "deregistrations"))
    g = gate_dir(d, quarantine_limit=0.5)
    _accounted(g)
    assert not g.fatal
    r = _reasons(g, "cremations")
    assert r == {
        "C0001": "cremated_on_missing",
        "C0002": "cremated_on_unparseable",
        "C0003": "cremated_on_after_as_of",
        "C0004": "cremated_on_before_1900",
        "C0008": "age_out_of_range",
        "C0009": "age_out_of_range",
        "<null>": "record_id_missing",
        "C0012": "record_id_duplicate",
    }
    # the duplicate is the second copy in file order (row 12 repeats row 13's id, row 13 is later)
    q = g.quarantined["cremations"]
    assert q.filter(pl.col("record_id") == "C0012")["_row"].to_list() == [13]
    # the quarantined rows are kept as read: raw strings
    assert q.filter(pl.col("record_id") == "C0002")["cremated_on"].item() == "2024-13-45"
    assert q.schema["cremated_on"] == pl.String
    # a row that is still evidence is kept and flagged: dates in an impossible order (one is
    # mistyped), an unknown issuer or a malformed region code (read as empty)
    assert _flags(g, "cremations") == {"C0005": ["certificate_issuer_not_in_enum"],
                                       "C0006": ["cremated_before_death"],
                                       "C0007": ["region_code_not_6_digits"]}
    kept = g.accepted["cremations"].filter(pl.col("record_id").is_in(["C0005", "C0007"]))
    assert kept["certificate_issuer"].to_list()[0] is None and kept["region_code"].to_list()[1] is None
    assert _flags(g, "medical_records") == {"M0003": ["discharged_before_admitted"]}
    assert _reasons(g, "medical_records") == {"M0004": "admitted_at_unparseable"}
    assert _flags(g, "deregistrations") == {"D0005": ["deregistered_before_death"]}
    assert "deregistrations" not in g.quarantined or g.quarantined["deregistrations"].height == 0
    for src, n_bad in (("cremations", 8), ("medical_records", 1), ("deregistrations", 0)):
        assert g.counts[src] == {"read": N, "accepted": N - n_bad, "quarantined": n_bad}
    assert _check(g, "cremations", "age_out_of_range")["severity"] == "quarantine"
    assert sorted(_check(g, "cremations", "age_out_of_range")["examples"]) == ["C0008", "C0009"]
    assert _check(g, "cremations", "record_id_missing")["examples"] == ["row 11"]


def test_a_reused_record_id_keeps_both_records(tmp_path: Path, tables: Tables) -> None:
    """Two different deaths under one record_id (the supplier reused a key): both are kept, the
    later as <record_id>#<row>, flagged; an exact copy of a row is a duplicate and quarantined."""
    cr = tables["cremations"]
    cr[4]["record_id"] = cr[3]["record_id"]           # other content, same key
    cr[6] = dict(cr[5])                               # the same row twice
    g = gate_dir(write_dir(tmp_path / "in", tables, only=("cremations",)))
    _accounted(g)
    ids = g.accepted["cremations"]["record_id"].to_list()
    assert "C0003" in ids and "C0003#5" in ids
    assert _flags(g, "cremations") == {"C0003#5": ["record_id_reused"]}
    assert _reasons(g, "cremations") == {"C0005": "record_id_duplicate"}
    assert g.quarantined["cremations"]["_row"].to_list() == [7]


def test_the_province_is_read_from_the_funeral_homes_unless_given(tmp_path: Path, tables: Tables) -> None:
    """A department outside Shanxi: its funeral homes' codes say which province is "ours", so its
    own rows are not flagged as outside the province; one row from Shanxi is. Given, it wins."""
    cr = tables["cremations"]
    for i, row in enumerate(cr):
        row["region_code"] = "150102" if i != 2 else "140105"
    d = write_dir(tmp_path / "in", tables, only=("cremations",))
    g = gate_dir(d)
    assert (g.parameters["province"], g.parameters["province_given"]) == ("15", False)
    outside = {r for r, fl in _flags(g, "cremations").items() if "region_outside_province" in fl}
    assert outside == {"C0002"}
    g14 = gate_dir(d, province="14")
    assert (g14.parameters["province"], g14.parameters["province_given"]) == ("14", True)
    outside = {r for r, fl in _flags(g14, "cremations").items() if "region_outside_province" in fl}
    assert len(outside) == len(cr) - 1 and "C0002" not in outside


def test_good_rows_untouched(tmp_path: Path, tables: Tables, clean_gate: GateResult) -> None:
    tables["cremations"][2]["cremated_on"] = "bad"
    g = gate_dir(write_dir(tmp_path / "in", tables))
    clean = clean_gate.accepted["cremations"].filter(pl.col("record_id") != "C0002")
    assert g.accepted["cremations"].equals(clean)
    assert g.accepted["accidents"].equals(clean_gate.accepted["accidents"])


def test_flags_are_kept(tmp_path: Path, tables: Tables) -> None:
    cr = tables["cremations"]
    cr[1]["id_number"] = ""                           # missing ID
    cr[2]["region_code"] = "610102"                   # outside Shanxi (province 14)
    cr[3]["death_date"] = "1850-01-01"                # implausible non-event date → flag
    cr[4]["age"] = "forty"                            # unreadable age → flag, value nulled
    cr[5]["name"] = ""                                # name always expected → flag + warning
    g = gate_dir(write_dir(tmp_path / "in", tables, only=("cremations",)),
                 period=(date(2024, 1, 1), date(2024, 6, 30)))
    _accounted(g)
    assert g.counts["cremations"]["quarantined"] == 0
    f = _flags(g, "cremations")
    assert "id_missing" in f["C0001"]
    assert f["C0002"] == ["region_outside_province"]
    assert f["C0003"] == ["death_date_before_1900"]  # the age is then taken at cremation
    assert f["C0004"] == ["age_unparseable"]
    assert "name_missing" in f["C0005"]
    # period: cremated_on after 2024-06-30 is flagged, earlier rows are not
    outside = {r for r, fl in f.items() if "date_outside_period" in fl}
    acc = g.accepted["cremations"]
    expected = set(acc.filter(pl.col("cremated_on") > date(2024, 6, 30))["record_id"].to_list())
    assert outside == expected and outside
    assert g.accepted["cremations"].filter(pl.col("record_id") == "C0004")["age"].item() is None
    names = {w.check for w in g.warnings if w.source == "cremations"}
    assert "completeness:name" in names


def test_cross_source_warnings_and_flags(tmp_path: Path, tables: Tables) -> None:
    tables["accident_victims"][3]["accident_id"] = "A9999"     # no such accident
    tables["accidents"][7]["reported_deaths"] = "3"            # 1 named dead
    tables["accidents"][9]["reported_at"] = "2024-01-01 00:00"  # before it occurred: kept
    for row in tables["cremations"][:60]:                       # 40 % with an ID < 50 %
        row["id_number"] = ""
    d = write_dir(tmp_path / "in", tables, only=("accidents", "accident_victims", "cremations",
                                                 "deregistrations", "injury_claims"))
    g = gate_dir(d, previous_counts={"deregistrations": 400})
    _accounted(g)
    by = {(w.source, w.check): w for w in g.warnings}
    assert ("accident_victims", "referential:accident_id") in by
    assert ("accidents", "count:reported_vs_named_deaths") in by
    assert ("cremations", "completeness:id_number") in by
    assert ("deregistrations", "volume_drift") in by
    assert ("injury_claims", "volume_drift") not in by          # no previous count given
    assert _flags(g, "accident_victims") == {"V0003": ["accident_not_found"]}
    # accident A0003 now has no named dead either, so it is flagged too
    assert _flags(g, "accidents") == {"A0003": ["named_deaths_mismatch"],
                                      "A0007": ["named_deaths_mismatch"],
                                      "A0009": ["reported_before_occurred"]}
    cnt = _check(g, "accidents", "count:reported_vs_named_deaths")
    assert cnt["severity"] == "warning" and sorted(cnt["examples"]) == ["A0003", "A0007"]
    comp = _check(g, "cremations", "completeness:id_number")
    assert comp["count"] == 60 and comp["success"] is False
    assert "60 of 100" in by[("cremations", "completeness:id_number")].message


def test_quarantine_share_over_limit_is_fatal(tmp_path: Path, tables: Tables) -> None:
    for row in tables["medical_records"][:10]:
        row["admitted_at"] = "yesterday"
    g = gate_dir(write_dir(tmp_path / "in", tables, only=("medical_records",)))
    _accounted(g)
    assert [f.check for f in g.fatal] == ["quarantine_share"]
    line = g.fatal[0].one_line()
    assert "medical_records.csv" in line and "'admitted_at'" in line
    assert "10 of 100" in line and "--quarantine-limit" in line
    with pytest.raises(FatalDataError):
        g.raise_if_fatal()


def test_renamed_column_is_fatal_with_a_mapping_hint(tmp_path: Path, tables: Tables) -> None:
    tables["cremations"] = [{("姓名" if k == "name" else k): v for k, v in r.items()}
                            for r in tables["cremations"]]
    g = gate_dir(write_dir(tmp_path / "in", tables, only=("cremations", "deregistrations")))
    _accounted(g)
    assert [(f.source, f.check, f.column) for f in g.fatal] == [
        ("cremations", "required_columns", "name")]
    line = g.fatal[0].one_line()
    assert "cremations.csv" in line and "'name'" in line and '"姓名": "name"' in line
    assert g.counts["cremations"] == {"read": N, "accepted": 0, "quarantined": N}
    assert "cremations" not in g.accepted
    # the other sources are still checked
    assert g.counts["deregistrations"]["accepted"] == N


def test_header_only_file_warns_and_counts_zero(tmp_path: Path, tables: Tables) -> None:
    d = write_dir(tmp_path / "in", tables, only=("injury_claims", "cremations"))
    write_csv(d / "injury_claims.csv", [], header=list(tables["injury_claims"][0]))
    g = gate_dir(d)
    _accounted(g)
    assert g.counts["injury_claims"] == {"read": 0, "accepted": 0, "quarantined": 0}
    assert not g.fatal
    assert any(w.source == "injury_claims" and w.check == "empty" for w in g.warnings)


def test_embedded_newlines_and_quotes_survive(tmp_path: Path, tables: Tables,
                                              clean_gate: GateResult) -> None:
    tables["cremations"][4]["body_origin"] = '山西"第一"医院\n急诊, 二楼'
    tables["cremations"][5]["death_cause"] = 'said "fell"\r\nat work'
    g = gate_dir(write_dir(tmp_path / "in", tables, only=("cremations",)))
    _accounted(g)
    assert g.counts["cremations"] == {"read": N, "accepted": N, "quarantined": 0}
    acc = g.accepted["cremations"]
    assert acc["body_origin"][4] == '山西"第一"医院\n急诊, 二楼'
    assert acc["_row"].to_list() == list(range(1, N + 1))
    assert acc.drop("body_origin", "death_cause").equals(
        clean_gate.accepted["cremations"].drop("body_origin", "death_cause"))


def test_gb18030_file_reads_like_utf8(tmp_path: Path, tables: Tables,
                                      clean_gate: GateResult) -> None:
    d = write_dir(tmp_path / "in", tables, only=("cremations", "deregistrations"),
                  encodings={"cremations": "gb18030", "deregistrations": "utf-8-sig"})
    g = gate_dir(d)
    assert g.files["cremations"]["encoding"] == "gb18030"
    assert g.accepted["cremations"].equals(clean_gate.accepted["cremations"])
    assert g.accepted["deregistrations"].equals(clean_gate.accepted["deregistrations"])


def test_absent_optional_sources_count_zero(tmp_path: Path, tables: Tables) -> None:
    for name in ("employment", "enterprises", "medical_records"):
        del tables[name]
    g = gate_dir(write_dir(tmp_path / "in", tables))
    _accounted(g)
    assert g.counts["employment"] == {"read": 0, "accepted": 0, "quarantined": 0}
    assert "employment" not in g.accepted and g.files["employment"]["file"] is None


def test_as_of_decides_future(tmp_path: Path, tables: Tables) -> None:
    g = gate_dir(write_dir(tmp_path / "in", tables, only=("cremations",)), as_of=date(2024, 3, 1),
                 quarantine_limit=1.0)
    acc = g.quarantined["cremations"]
    # cremations on i*3+2 days after 2024-01-01; those after 2024-03-01 are future
    expected = sum(1 for i in range(N) if i * 3 + 2 > 60)
    assert acc.height == expected
    assert set(acc["reasons"].to_list()) == {"cremated_on_after_as_of"}
    assert not g.fatal  # the limit was lifted to 100 %


def test_without_as_of_later_dates_are_kept_and_flagged(tmp_path: Path, tables: Tables) -> None:
    """No --as-of: today stands in, and a delivery whose period runs past today's date (a
    province's year not yet over on this machine's clock) loses no row — they are flagged."""
    future = date.today() + timedelta(days=20)
    for row in tables["cremations"][:30]:
        row["death_date"] = (future - timedelta(days=2)).isoformat()
        row["cremated_on"] = future.isoformat()
    d = write_dir(tmp_path / "in", tables, only=("cremations",))
    g = run_gate(read_input_dir(d), as_of=None)
    _accounted(g)
    assert not g.fatal and g.counts["cremations"]["quarantined"] == 0
    assert g.parameters["as_of_given"] is False
    flagged = g.accepted["cremations"].filter(
        pl.col("dq_flags").list.contains("cremated_on_after_as_of"))
    assert flagged.height == 30
    # the same delivery with the export's date given: those rows are quarantined (and the share
    # is fatal)
    strict = run_gate(read_input_dir(d), as_of=date.today())
    assert strict.counts["cremations"]["quarantined"] == 30
    assert [f.check for f in strict.fatal] == ["quarantine_share"]


def test_identifier_flags(tmp_path: Path, tables: Tables) -> None:
    dr, cr, ic = tables["deregistrations"], tables["cremations"], tables["injury_claims"]
    good = dr[1]["id_number"]
    wrong = "0" if good[-1] != "0" else "1"
    dr[1]["id_number"] = good[:17] + wrong                                   # wrong check char
    dr[2]["id_number"] = dr[2]["id_number"][:6] + dr[2]["id_number"][8:17]   # 15-digit legacy
    dr[3]["sex"] = "F" if dr[3]["sex"] == "M" else "M"                       # sex disagrees
    dr[4]["birth_date"] = "1999-09-09"                                       # birth disagrees
    dr[5]["id_number"] = "123"                                               # malformed
    x_row = next(i for i, r in enumerate(dr) if r["id_number"].endswith("X") and i > 6)
    dr[x_row]["id_number"] = dr[x_row]["id_number"].lower()                  # lower-case x is fine
    cr[6]["age"] = str(int(cr[6]["age"]) + 5)                                # age disagrees
    cr[7]["age"] = str(int(cr[7]["age"]) + 1)                                # within tolerance
    u = ic[2]["employer_uscc"]
    ic[2]["employer_uscc"] = u[:17] + ("0" if u[-1] != "0" else "1")         # bad USCC check
    d = write_dir(tmp_path / "in", tables, only=("deregistrations", "cremations", "injury_claims"))
    g = gate_dir(d)
    _accounted(g)
    assert sum(c["quarantined"] for c in g.counts.values()) == 0
    assert _flags(g, "deregistrations") == {
        "D0001": ["id_bad_check"],
        "D0002": ["id_legacy15"],
        "D0003": ["id_sex_mismatch"],
        "D0004": ["id_birth_mismatch"],
        "D0005": ["id_malformed"],
    }
    assert _flags(g, "cremations") == {"C0006": ["id_age_mismatch"]}
    assert _flags(g, "injury_claims") == {"J0002": ["employer_uscc_bad_check"]}
    # the ID value itself is kept as given; reports carry record_ids only
    kept = g.accepted["deregistrations"].filter(pl.col("record_id") == "D0001")["id_number"]
    assert kept.item() == good[:17] + wrong
    assert _check(g, "deregistrations", "id_bad_check")["examples"] == ["D0001"]
    assert not any(c.startswith("_qid") for c in g.accepted["deregistrations"].columns)


def test_wrong_canonical_type_is_fatal(tmp_path: Path, tables: Tables,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import pipelines.canonical as canonical

    real = canonical.to_canonical

    def home_as_number(source: str, frame: pl.DataFrame) -> pl.DataFrame:
        out = real(source, frame)
        return out.with_columns(pl.lit(1, pl.Int32).alias("funeral_home")) \
            if source == "cremations" else out

    monkeypatch.setattr(canonical, "to_canonical", home_as_number)
    g = gate_dir(write_dir(tmp_path / "in", tables, only=("cremations",)))
    assert [(f.source, f.check) for f in g.fatal] == [("cremations", "types")]
    assert "funeral_home is Int32, not String" in g.fatal[0].message
    assert _check(g, "cremations", "types")["engine"] == "gx"

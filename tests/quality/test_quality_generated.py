"""The gate on engineer B's generated province (tiny scale): the clean variant passes with no
finding at all, and a corrupted copy gets exactly the right reasons and flags on exactly the
corrupted rows, everything else untouched."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from pipelines.io import read_input_dir
from pipelines.quality import GateResult, run_gate
from synthetic_data.config import GeneratorConfig
from synthetic_data.generator import generate, write_dataset

AS_OF = date(2025, 6, 30)


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, GateResult]:
    d = tmp_path_factory.mktemp("gen") / "clean"
    write_dataset(generate(GeneratorConfig.for_variant("clean", scale=0.003, seed=3)), d)
    return d, run_gate(read_input_dir(d), as_of=AS_OF)


def test_clean_generated_data_has_no_finding(generated: tuple[Path, GateResult]) -> None:
    _, g = generated
    assert not g.fatal and not g.warnings
    assert all(c["count"] == 0 for cs in g.checks.values() for c in cs)
    for name, c in g.counts.items():
        assert c["read"] > 0 and c["read"] == c["accepted"], name


def _raw(d: Path, source: str) -> pl.DataFrame:
    return pl.read_csv(d / f"{source}.csv", infer_schema=False)


def _set(frame: pl.DataFrame, row: int, column: str, value: str) -> pl.DataFrame:
    return frame.with_columns(
        pl.when(pl.int_range(pl.len()) == row).then(pl.lit(value)).otherwise(pl.col(column))
        .alias(column))


def test_corrupted_generated_copy(tmp_path: Path, generated: tuple[Path, GateResult]) -> None:
    clean_dir, clean = generated
    d = tmp_path / "bad"
    d.mkdir()
    cr, md = _raw(clean_dir, "cremations"), _raw(clean_dir, "medical_records")
    dr, ic = _raw(clean_dir, "deregistrations"), _raw(clean_dir, "injury_claims")
    rid = {n: f["record_id"].to_list() for n, f in
           (("cremations", cr), ("medical_records", md), ("deregistrations", dr),
            ("injury_claims", ic))}

    cr = _set(cr, 5, "cremated_on", "2024-02-30")
    cr = _set(cr, 6, "certificate_issuer", "妈妈")
    cr = _set(cr, 7, "region_code", "610102")                   # flag: outside Shanxi
    cr = _set(cr, 8, "body_origin", '某"矿区"\n北门, 2号')        # newline, quotes, comma
    md = _set(md, 10, "discharged_at", "1999-01-01 00:00")
    md = _set(md, 11, "age", "150")
    legacy = md["id_number"][12]
    assert legacy[6:8] == "19"  # a 15-digit number can only say 19xx
    md = _set(md, 12, "id_number", legacy[:6] + legacy[8:17])    # flag: 15-digit
    dr = _set(dr, 3, "region_code", "1401")
    dr = _set(dr, 4, "record_id", rid["deregistrations"][3])      # duplicate of row 3
    bad = dr["id_number"][5]
    dr = _set(dr, 5, "id_number", bad[:17] + ("1" if bad[-1] == "0" else "0"))  # flag
    ic = _set(ic, 2, "injury_date", "1800-01-01")
    for name, f in (("medical_records", md), ("deregistrations", dr), ("injury_claims", ic)):
        f.write_csv(d / f"{name}.csv")
    (d / "cremations.csv").write_bytes(cr.write_csv().encode("gb18030"))
    for name in ("accidents", "accident_victims", "employment", "enterprises"):
        (d / f"{name}.csv").write_bytes((clean_dir / f"{name}.csv").read_bytes())

    g = run_gate(read_input_dir(d), as_of=AS_OF)
    assert not g.fatal
    assert g.files["cremations"]["encoding"] == "gb18030"

    def reasons(source: str) -> dict[tuple[str, int], str]:
        q = g.quarantined[source]
        return {(r, n): s for r, n, s in q.select("record_id", "_row", "reasons").iter_rows()}

    assert reasons("cremations") == {
        (rid["cremations"][5], 6): "cremated_on_unparseable"}
    assert reasons("medical_records") == {
        (rid["medical_records"][11], 12): "age_out_of_range"}
    assert "deregistrations" not in g.quarantined or g.quarantined["deregistrations"].height == 0
    assert reasons("injury_claims") == {(rid["injury_claims"][2], 3): "injury_date_before_1900"}

    def flagged(source: str) -> dict[int, list[str]]:
        a = g.accepted[source]
        return {n: f for n, f in a.select("_row", "dq_flags").iter_rows() if f}

    assert flagged("cremations") == {7: ["certificate_issuer_not_in_enum"], 8: ["region_outside_province"]}
    # kept: a discharge typed before the admission, a malformed region code (read as empty)
    assert flagged("medical_records") == {11: ["discharged_before_admitted"], 13: ["id_legacy15"]}
    # another record under a reused record_id is kept as <record_id>#<row>, flagged
    assert flagged("deregistrations") == {4: ["region_code_not_6_digits"], 5: ["record_id_reused"],
                                          6: ["id_bad_check"]}
    kept = g.accepted["deregistrations"].filter(pl.col("_row") == 5)["record_id"].item()
    assert kept == f"{rid['deregistrations'][3]}#5"

    touched = {"cremations": {6, 7, 8}, "medical_records": {11, 12, 13},
               "deregistrations": {4, 5, 6}, "injury_claims": {3}}
    for name, c in g.counts.items():
        assert c["read"] == c["accepted"] + c["quarantined"] == clean.counts[name]["read"]
        rows = touched.get(name, set()) | {9}                     # row 9: the embedded newline
        keep = ~pl.col("_row").is_in(sorted(rows)) if name == "cremations" \
            else ~pl.col("_row").is_in(sorted(touched.get(name, set())))
        assert g.accepted[name].filter(keep).equals(clean.accepted[name].filter(keep)), name
    row9 = g.accepted["cremations"].filter(pl.col("_row") == 9)
    assert row9["body_origin"].item() == '某"矿区"\n北门, 2号'
    assert row9.drop("body_origin").equals(
        clean.accepted["cremations"].filter(pl.col("_row") == 9).drop("body_origin"))

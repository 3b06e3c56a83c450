"""Reading a delivery as the contract says, through ``crosscheck validate``: UTF-8, UTF-8 with
BOM and GB18030 give the same counts and quarantine the same rows; so do the other date
notations (``YYYY/M/D``, ``YYYYMMDD``, ``YYYY年M月D日``), sexes written 男/女 or 1/2 and codes
written as their Chinese labels (a victim's outcome 死亡/重伤/轻伤, a cancellation's 死亡); an
extra column is kept; Chinese headers work with a ``--column-map`` and are fatal (exit 4, one
line naming file and column) without one; exit codes 0 / 3 / 4 and the ``--json`` object on
the last line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from contract_checks import BOM
from contract_cli import ContractData, cli, cli_many, explain, last_json, small_delivery

#: a department's Chinese headers → canonical names (deregistrations and accident_victims)
CHINESE = {
    "deregistrations": {
        "记录编号": "record_id", "姓名": "name", "公民身份号码": "id_number", "性别": "sex",
        "出生日期": "birth_date", "死亡日期": "death_date", "注销日期": "deregistered_on",
        "户籍地行政区划代码": "region_code", "注销原因": "reason", "死亡原因": "death_cause",
    },
    "accident_victims": {
        "记录编号": "record_id", "事故编号": "accident_id", "姓名": "name",
        "公民身份号码": "id_number", "性别": "sex", "年龄": "age", "伤亡情况": "outcome",
    },
}
BAD_ID = "BADROW0000001"
EXTRA = "备注"
#: the other date notations the contract says occur, as polars strftime patterns of one date
DATE_NOTATIONS = ("%Y/%-m/%-d", "%Y%m%d", "%Y年%-m月%-d日")
SEX_NOTATIONS = {"M": ("男", "1"), "F": ("女", "2")}
#: enum codes as departments write them in Chinese
OUTCOME_LABELS = {"death": "死亡", "serious_injury": "重伤", "minor_injury": "轻伤"}
REASON_LABELS = {"death": "死亡", "declared_dead": "宣告死亡"}


def _other_notations(frames: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """The same delivery with ISO dates of deregistrations rewritten in the other notations
    (cycling through them), sexes as 男/女 or 1/2 and the victims' outcomes and the cancellations'
    reasons in Chinese — the same values, other spellings."""
    df = frames["deregistrations"].with_row_index("_i")
    iso = r"^\d{4}-\d{2}-\d{2}$"
    out = df
    for col in ("birth_date", "death_date", "deregistered_on"):
        parsed = pl.col(col).str.strptime(pl.Date, "%Y-%m-%d", strict=False)
        alt = pl.when(pl.col("_i") % 3 == 0).then(parsed.dt.strftime(DATE_NOTATIONS[0])).when(
            pl.col("_i") % 3 == 1).then(parsed.dt.strftime(DATE_NOTATIONS[1])).otherwise(
            parsed.dt.strftime(DATE_NOTATIONS[2]))
        out = out.with_columns(pl.when(pl.col(col).str.contains(iso) & parsed.is_not_null())
                               .then(alt)
                               .otherwise(pl.col(col)).alias(col))
    sex = pl.col("sex")
    out = out.with_columns(
        pl.when(sex == "M").then(pl.when(pl.col("_i") % 2 == 0).then(pl.lit("男")).otherwise(
            pl.lit("1")))
        .when(sex == "F").then(pl.when(pl.col("_i") % 2 == 0).then(pl.lit("女")).otherwise(
            pl.lit("2")))
        .otherwise(sex).alias("sex"))
    changed = out.drop("_i").with_columns(pl.col("reason").replace(REASON_LABELS))
    assert not changed.equals(frames["deregistrations"])
    victims = frames["accident_victims"].with_columns(pl.col("outcome").replace(OUTCOME_LABELS))
    assert victims["outcome"].is_in(list(OUTCOME_LABELS.values())).all()
    return {**frames, "deregistrations": changed, "accident_victims": victims}


def _write(folder: Path, frames: dict[str, pl.DataFrame], encoding: str) -> Path:
    folder.mkdir(parents=True)
    for name, df in frames.items():
        text = df.write_csv()
        data = {"utf-8": text.encode("utf-8"), "utf-8-sig": BOM + text.encode("utf-8"),
                "gb18030": text.encode("gb18030")}[encoding]
        (folder / f"{name}.csv").write_bytes(data)
    return folder


@pytest.fixture(scope="module")
def deliveries(contract_data: ContractData, tmp_path_factory: pytest.TempPathFactory
               ) -> dict[str, Any]:
    """One small delivery in five forms, validated at once; ``{form: (folder, proc)}``."""
    root = tmp_path_factory.mktemp("reading")
    small = small_delivery(contract_data.csv, root / "small")
    frames = {p.stem: pl.read_csv(p, infer_schema=False) for p in sorted(small.glob("*.csv"))}
    # one row that must be quarantined whatever the generator does: a deregistration date
    # that is no date
    dereg = frames["deregistrations"]
    bad = dereg.head(1).with_columns(pl.lit(BAD_ID).alias("record_id"),
                                     pl.lit("2024-13-45").alias("deregistered_on"))
    # an extra column the contract does not know: kept through validation
    frames["deregistrations"] = pl.concat([dereg, bad]).with_columns(
        pl.lit("附件已核").alias(EXTRA))
    chinese = {n: df.rename({v: k for k, v in CHINESE[n].items()}) if n in CHINESE else df
               for n, df in frames.items()}
    cmap = root / "column_map.json"
    cmap.write_text(json.dumps(CHINESE, ensure_ascii=False), encoding="utf-8")
    forms = {
        "utf-8": _write(root / "utf8", frames, "utf-8"),
        "utf-8-sig": _write(root / "bom", frames, "utf-8-sig"),
        "gb18030": _write(root / "gb18030", frames, "gb18030"),
        "mapped": _write(root / "mapped", chinese, "gb18030"),
        "unmapped": _write(root / "unmapped", chinese, "utf-8"),
        "notations": _write(root / "notations", _other_notations(frames), "utf-8"),
    }
    cmds = []
    for form, folder in forms.items():
        extra = ["--column-map", str(cmap)] if form == "mapped" else []
        cmds.append(["validate", "--input", str(folder), "--out", str(root / f"q-{form}"),
                     "--as-of", "2030-01-01", *extra, "--json"])
    procs = cli_many(cmds, cwd=root)
    return {"root": root, "frames": frames,
            **{f: (forms[f], p) for f, p in zip(forms, procs, strict=True)}}


@pytest.mark.parametrize("form", ["utf-8", "utf-8-sig", "gb18030", "mapped", "notations"])
def test_validate_reads_every_encoding_and_the_column_map_alike(form: str,
                                                                deliveries: dict[str, Any]
                                                                ) -> None:
    _, base = deliveries["utf-8"]
    _, proc = deliveries[form]
    assert proc.returncode == 3, explain(proc)       # the bad row is quarantined
    got, ref = last_json(proc.stdout), last_json(base.stdout)
    assert got["counts"] == ref["counts"], f"{form}: counts differ from UTF-8"
    assert got["counts"]["deregistrations"]["quarantined"] >= 1
    assert got["counts"]["deregistrations"]["read"] == deliveries["frames"]["deregistrations"].height
    # the quarantined row is the one with the bad date, whatever the encoding or headers
    q = pl.read_parquet(deliveries["root"] / f"q-{form}" / "quality" / "quarantine" /
                        "deregistrations.parquet")
    assert BAD_ID in q.get_column("record_id").to_list()
    rows = q.filter(pl.col("record_id") == BAD_ID)
    assert rows.get_column("deregistered_on").to_list() == ["2024-13-45"], "not the row as read"
    assert EXTRA in q.columns and rows.get_column(EXTRA).to_list() == ["附件已核"], (
        "an extra column was not kept through validation")
    ref_q = pl.read_parquet(deliveries["root"] / "q-utf-8" / "quality" / "quarantine" /
                            "deregistrations.parquet")
    assert sorted(q.get_column("record_id").to_list()) == sorted(
        ref_q.get_column("record_id").to_list()), f"{form}: other rows quarantined than UTF-8"


def test_validate_quarantine_exit_prints_one_line(deliveries: dict[str, Any]) -> None:
    _, proc = deliveries["utf-8"]
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("crosscheck:")]
    assert len(lines) == 1 and "deregistrations" in lines[0], proc.stderr


def test_chinese_headers_without_a_map_are_fatal_naming_file_and_column(
        deliveries: dict[str, Any]) -> None:
    _, proc = deliveries["unmapped"]
    assert proc.returncode == 4, explain(proc)
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("crosscheck: error:")]
    assert len(lines) == 1, proc.stderr
    line = lines[0]
    assert "accident_victims" in line or "deregistrations" in line, line
    assert "record_id" in line or "name" in line, f"the line names no missing column: {line}"
    assert " — " in line, f"the line says nothing about what to do: {line}"
    obj = last_json(proc.stdout)
    assert obj["exit_code"] == 4 and obj["fatal"], obj


def test_validate_exits_0_once_the_quarantined_rows_are_removed(deliveries: dict[str, Any]
                                                                ) -> None:
    root, frames = deliveries["root"], deliveries["frames"]
    clean = {}
    for name, df in frames.items():
        q = root / "q-utf-8" / "quality" / "quarantine" / f"{name}.parquet"
        rows = pl.read_parquet(q).get_column("_row") if q.is_file() else pl.Series([], dtype=pl.Int64)
        clean[name] = (df.with_row_index("_row", offset=1)
                       .filter(~pl.col("_row").cast(pl.Int64).is_in(rows.implode())).drop("_row"))
    folder = _write(root / "clean", clean, "utf-8")
    proc = cli("validate", "--input", str(folder), "--as-of", "2030-01-01", "--json", cwd=root)
    assert proc.returncode == 0, explain(proc)
    obj = last_json(proc.stdout)
    assert obj["exit_code"] == 0
    assert all(c["quarantined"] == 0 for c in obj["counts"].values())

"""``crosscheck validate``: exit codes 0 / 3 / 4 / 2, the --json last line, and quality/ on disk."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from quality_data import N, write_dir

from pipelines.cli import main

Tables = dict[str, list[dict[str, str]]]


def _validate(capsys: pytest.CaptureFixture[str], d: Path, *extra: str) -> tuple[int, str, str]:
    code = main(["validate", "--input", str(d), "--as-of", "2025-01-01", *extra])
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_exits_0(tmp_path: Path, tables: Tables, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _validate(capsys, write_dir(tmp_path / "in", tables), "--json")
    assert code == 0, err
    last = json.loads(out.strip().splitlines()[-1])
    assert last["exit_code"] == 0
    assert last["counts"]["cremations"] == {"read": N, "accepted": N, "quarantined": 0}
    assert "cremations" in out and "accepted" in out


def test_quarantine_exits_3_and_writes_quality(tmp_path: Path, tables: Tables,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    tables["cremations"][3]["cremated_on"] = "2024-02-30"
    tables["deregistrations"][2]["id_number"] = "123"  # a malformed ID is flagged, not quarantined
    out_dir = tmp_path / "out"
    d = write_dir(tmp_path / "in", tables, only=("cremations", "deregistrations"))
    code, out, err = _validate(capsys, d, "--out", str(out_dir),
                               "--json")
    assert code == 3, err
    assert "quarantined" in err and "cremations 1" in err and len(err.strip().splitlines()) == 1
    last = json.loads(out.strip().splitlines()[-1])
    assert last["counts"]["cremations"] == {"read": N, "accepted": N - 1, "quarantined": 1}
    q = out_dir / "quality"
    rep = json.loads((q / "cremations.json").read_text(encoding="utf-8"))
    assert rep["counts"]["quarantined"] == 1
    check = next(c for c in rep["checks"] if c["name"] == "cremated_on_unparseable")
    assert check == {**check, "severity": "quarantine", "count": 1, "examples": ["C0003"]}
    qp = pl.read_parquet(q / "quarantine" / "cremations.parquet")
    assert qp["record_id"].to_list() == ["C0003"]
    assert qp["cremated_on"].to_list() == ["2024-02-30"]
    assert qp["reasons"].to_list() == ["cremated_on_unparseable"]
    # the kept-but-flagged rows are counted, with the most frequent flag named
    row = next(ln for ln in out.splitlines() if ln.startswith("deregistrations "))
    assert row.split()[3] == "1", row          # read, accepted, flagged, quarantined
    assert "deregistrations: id_malformed 1" in out, out
    html = (q / "summary.html").read_text(encoding="utf-8")
    assert "数据质量检查" in html and "Data-quality gate" in html and "隔离 Quarantined" in html
    # never raw ID numbers in the reports (the quarantine parquet keeps rows as read, by design)
    ids = {r["id_number"] for r in tables["cremations"] + tables["deregistrations"]}
    text = html + "".join(p.read_text(encoding="utf-8") for p in q.glob("*.json"))
    assert not [i for i in ids if i and len(i) >= 15 and i in text]


def test_renamed_column_exits_4_with_one_line(tmp_path: Path, tables: Tables,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    tables["deregistrations"] = [{("注销日期" if k == "deregistered_on" else k): v
                                  for k, v in r.items()} for r in tables["deregistrations"]]
    d = write_dir(tmp_path / "in", tables, only=("deregistrations",))
    code, _out, err = _validate(capsys, d)
    assert code == 4
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert "deregistrations.csv" in lines[0] and "'deregistered_on'" in lines[0]
    assert "--column-map" in lines[0]


def test_column_map_fixes_the_renamed_column(tmp_path: Path, tables: Tables,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    tables["deregistrations"] = [{("注销日期" if k == "deregistered_on" else k): v
                                  for k, v in r.items()} for r in tables["deregistrations"]]
    cmap = tmp_path / "map.json"
    cmap.write_text(json.dumps({"deregistrations": {"注销日期": "deregistered_on"}}), "utf-8")
    d = write_dir(tmp_path / "in", tables, only=("deregistrations",))
    code, _out, err = _validate(capsys, d, "--column-map",
                                str(cmap))
    assert code == 0, err


@pytest.mark.parametrize("content", [b"", b"\n  \n", b"record_id,name\n\xff\xfe\xfa,x\n\x81\x30"])
def test_unreadable_files_exit_4(tmp_path: Path, tables: Tables, content: bytes,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    d = write_dir(tmp_path / "in", tables, only=("cremations", "accidents"))
    (d / "cremations.csv").write_bytes(content)
    code, _out, err = _validate(capsys, d)
    assert code == 4
    assert "cremations.csv" in err and len(err.strip().splitlines()) == 1


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = _validate(capsys, tmp_path / "missing")
    assert code == 2 and "does not exist" in err
    (tmp_path / "empty").mkdir()
    code, _out, err = _validate(capsys, tmp_path / "empty")
    assert code == 2 and "no source file" in err


def test_db_feeds_previous_counts_to_drift(tmp_path: Path, tables: Tables,
                                           capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    d = write_dir(tmp_path / "in", tables, only=("employment", "accidents"))
    url = f"sqlite:///{tmp_path / 'store.db'}"
    code, out, err = _validate(capsys, d, "--db", url, "--json")
    assert code == 0, err                    # an empty store: nothing to compare with
    assert (tmp_path / "store.db").is_file()
    assert not json.loads(out.strip().splitlines()[-1])["warnings"]

    from pipelines.store.store import Store

    def previous(self: Store, source: str) -> dict | None:
        return {"read": 1000} if source == "employment" else None

    monkeypatch.setattr(Store, "previous_counts", previous)
    code, out, err = _validate(capsys, d, "--db", url, "--json")
    assert code == 0, err
    warnings = json.loads(out.strip().splitlines()[-1])["warnings"]
    assert [(w["source"], w["check"]) for w in warnings] == [("employment", "volume_drift")]
    assert "read 100 rows" in warnings[0]["message"]

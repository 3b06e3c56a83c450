"""The review app over a small *real* run: the lead page's waterfalls come from the linkage
model (``pipelines.linking.explain_pair``), masking holds in them, and the dossier PDF of
the real run downloads.

The seeded store of ``conftest`` has no linkage model (its leads point at no run folder), so
only a real run can show the model's waterfall.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

from pipelines.linking import explain_pair
from pipelines.store import open_store
from reports.i18n import label
from reports.masking import is_valid_resident_id
from review.app import create_app
from review.seed import add_users
from review.settings import Settings
from tests.review.conftest import SECRET, USERS, Env, login

ID18 = re.compile(r"(?<![0-9A-Za-z.])([1-8]\d{5}(?:19|20)\d{9}[\dXx])(?![0-9A-Za-z])")


def _unmasked(text: str) -> list[str]:
    return [m for m in ID18.findall(text) if is_valid_resident_id(m)]


@pytest.fixture
def real_env(real, tmp_path: Path) -> Iterator[tuple[Env, object]]:
    mine = real.copy(tmp_path / "copy")
    store = open_store(mine.db_url)
    add_users(store, USERS)
    store.assign(mine.other_lead, "inv", "test")
    app = create_app(Settings(db_url=mine.db_url, secret_key=SECRET), store=store)
    yield Env(app, store, mine.run_id, mine.db_url), mine
    store.close()


def _evidence(run_dir: Path, lead_id: str) -> pl.DataFrame:
    ev = pl.read_parquet(run_dir / "lead_evidence.parquet").filter(pl.col("lead_id") == lead_id)
    er = pl.read_parquet(run_dir / "evidence_records.parquet").drop("person_key", strict=False)
    return ev.join(er, on=["source", "record_id"], how="left")


def test_lead_page_waterfall_from_the_model(real_env) -> None:
    env, mine = real_env
    client = env.client()
    login(client, "sup")
    lead = mine.dossier_lead
    r = client.get(f"/leads/{lead}")
    assert r.status_code == 200
    html = r.text
    assert 'class="waterfall"' in html
    assert "stored probability only" not in html          # not the fallback chart
    # the first explained link of the page: the anchor record against the next one of a
    # person with 2+ records; its total is the model's, printed in the chart
    d = env.store.lead_detail(env.run_id, lead)
    by_person: dict[str, list[tuple[str, str]]] = {}
    order = {"deregistrations": 0, "cremations": 1, "injury_claims": 2, "medical_records": 3,
             "accident_victims": 4}
    for e in d["evidence"]:
        if e["person_key"]:
            by_person.setdefault(e["person_key"], []).append((e["source"], e["record_id"]))
    _key, recs = next((k, v) for k, v in sorted(by_person.items()) if len(v) >= 2)
    recs.sort(key=lambda sr: (order.get(sr[0], 9), sr[0], sr[1]))
    frame = explain_pair(mine.run_dir, recs[0], recs[1])
    total = frame.filter(pl.col("comparison") == "total")["match_weight"][0]
    body = frame.filter(pl.col("comparison") != "total")
    assert abs(body["match_weight"].sum() - total) < 1e-6
    assert f"{total:+.2f}" in html
    for comp in body["comparison"].to_list():                # every comparison is drawn
        assert f">{label('comparison', comp, 'zh')[:17]}" in html and f">{comp}: " in html
    # a supervisor sees ID numbers masked — in the fields and in the waterfall details
    assert _unmasked(html) == []
    ids = [i for i in _evidence(mine.run_dir, lead)["id_number"].drop_nulls().to_list()
           if len(i) >= 15]
    assert ids and not any(i[:13] in html for i in ids)     # no unmasked prefix either


def test_auditor_sees_no_names_in_the_waterfall(real_env) -> None:
    env, mine = real_env
    client = env.client()
    login(client, "aud")
    html = client.get(f"/leads/{mine.dossier_lead}").text
    assert 'class="waterfall"' in html
    names = {n for n in _evidence(mine.run_dir, mine.dossier_lead)["name"].drop_nulls().to_list()
             if len(n) >= 2}
    assert names and not any(n in html for n in names)
    assert _unmasked(html) == []


def test_assigned_investigator_sees_full_ids(real_env) -> None:
    env, mine = real_env
    client = env.client()
    login(client, "inv")
    html = client.get(f"/leads/{mine.other_lead}").text
    ids = {i for i in _evidence(mine.run_dir, mine.other_lead)["id_number"].drop_nulls().to_list()
           if is_valid_resident_id(i)}
    assert ids and ids & set(_unmasked(html))


def test_dossier_pdf_download_on_a_real_run(real_env) -> None:
    env, mine = real_env
    client = env.client()
    login(client, "sup")
    r = client.get(f"/leads/{mine.other_lead}/dossier.pdf")
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"] == "application/pdf" and r.content[:5] == b"%PDF-"
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=r.content,
                          capture_output=True, check=True).stdout.decode("utf-8")
    squashed = re.sub(r"\s+", "", text)
    assert "匹配权重分解" in squashed and mine.other_lead in squashed
    assert _unmasked(text) == []                           # a supervisor's copy is masked
    entries = env.store.list_audit({"action": "download_dossier"})
    assert [(e["actor"], e["lead_id"]) for e in entries] == [("sup", mine.other_lead)]

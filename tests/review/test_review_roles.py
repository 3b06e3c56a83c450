"""Roles, masking, the status workflow, assignments, exports and audit entries."""

from __future__ import annotations

import csv
import io

import pytest

from tests.review.conftest import ASSIGNED, UNASSIGNED, Env, audit_actions, login

PAGES = ["/leads", "/leads/L00000000", "/stats", "/exports", "/exports/lead_labels.csv",
         "/exports/pair_labels.csv", "/audit", "/audit.csv", "/admin/users"]
ALLOWED = {
    "investigator": {"/leads", "/leads/L00000000"},
    "supervisor": {"/leads", "/leads/L00000000", "/stats", "/exports",
                   "/exports/lead_labels.csv", "/exports/pair_labels.csv"},
    "auditor": {"/leads", "/leads/L00000000", "/audit", "/audit.csv"},
    "admin": {"/admin/users"},
}
USER_OF = {"investigator": "inv", "supervisor": "sup", "auditor": "aud", "admin": "adm"}


def _id_of(env: Env, lead_id: str) -> str:
    d = env.store.lead_detail(env.run_id, lead_id)
    return next(e["fields"]["id_number"] for e in d["evidence"]
                if e["source"] == "deregistrations")


def _name_of(env: Env, lead_id: str) -> str:
    d = env.store.lead_detail(env.run_id, lead_id)
    return next(e["fields"]["name"] for e in d["evidence"] if e["source"] == "deregistrations")


@pytest.mark.parametrize("role", sorted(ALLOWED))
def test_role_permissions(env: Env, role: str) -> None:
    client = env.client()
    login(client, USER_OF[role])
    for page in PAGES:
        code = client.get(page).status_code
        expected = 200 if page in ALLOWED[role] else 403
        assert code == expected, (role, page, code)
    home = client.get("/")
    target = {"admin": "/admin/users", "auditor": "/audit"}.get(role, "/leads")
    assert home.headers["location"] == target


def test_investigator_sees_full_ids_only_on_assigned_leads(env: Env) -> None:
    client = env.client()
    login(client, "inv")
    mine, other = ASSIGNED[0], UNASSIGNED
    page = client.get(f"/leads/{mine}").text
    full = _id_of(env, mine)
    assert full in page and "full ID numbers shown" in page
    page = client.get(f"/leads/{other}").text
    full = _id_of(env, other)
    assert full not in page
    assert full[:6] + "********" + full[-4:] in page
    assert _name_of(env, other) in page       # names are not masked for investigators


def test_auditor_sees_masked_names_ids_and_diagnoses(env: Env) -> None:
    client = env.client()
    login(client, "aud")
    lead = ASSIGNED[0]
    page = client.get(f"/leads/{lead}").text
    assert _id_of(env, lead) not in page
    name = _name_of(env, lead)
    assert name not in page and name[0] + "*" * (len(name) - 1) in page
    assert "S06.5" not in page and "W20.6" not in page
    assert "<form" not in page.split("<main>")[1].split("</main>")[0]   # read-only


def test_supervisor_unmask_is_audited(env: Env) -> None:
    client = env.client()
    token = login(client, "sup")
    lead = UNASSIGNED
    full = _id_of(env, lead)
    assert full not in client.get(f"/leads/{lead}").text
    r = client.post(f"/leads/{lead}/unmask", data={"csrf_token": token})
    assert r.status_code == 200 and full in r.text
    entries = audit_actions(env.store, actor="sup", lead_id=lead)
    assert [e["action"] for e in entries] == ["view_lead", "unmask"]
    assert entries[0]["details"] == {"ids": "masked"} and entries[1]["details"] == {"ids": "full"}
    # an investigator cannot unmask
    inv = env.client()
    itok = login(inv, "inv")
    assert inv.post(f"/leads/{lead}/unmask", data={"csrf_token": itok}).status_code == 403


def test_admin_sees_no_personal_data(env: Env) -> None:
    client = env.client()
    login(client, "adm")
    assert client.get(f"/leads/{ASSIGNED[0]}").status_code == 403
    page = client.get("/admin/users").text
    assert _id_of(env, ASSIGNED[0]) not in page and "inv2" in page


def test_status_workflow(env: Env) -> None:
    client = env.client()
    token = login(client, "inv")
    lead = ASSIGNED[1]

    def decide(status: str, comment: str = "checked the records") -> int:
        return client.post(f"/leads/{lead}/status", data={
            "status": status, "comment": comment, "csrf_token": token}).status_code

    assert decide("confirmed_concealment") == 400          # must go through in_review
    assert decide("in_review", comment=" ") == 400          # comment is mandatory
    assert decide("bogus") == 400
    assert env.store.lead_state(lead)["status"] == "new"
    assert decide("in_review") == 303
    assert decide("new") == 400                              # no way back to new
    assert decide("confirmed_concealment", "家属证实系井下事故") == 303
    assert env.store.lead_state(lead)["status"] == "confirmed_concealment"
    assert decide("in_review") == 400                        # investigators cannot reopen
    hist = env.store.lead_history(lead)
    assert [(h["from_status"], h["to_status"], h["actor"]) for h in hist] == [
        ("new", "in_review", "inv"), ("in_review", "confirmed_concealment", "inv")]
    assert hist[1]["comment"] == "家属证实系井下事故"
    page = client.get(f"/leads/{lead}").text
    assert "家属证实系井下事故" in page
    # a supervisor may reopen
    sup = env.client()
    stok = login(sup, "sup")
    r = sup.post(f"/leads/{lead}/status", data={"status": "in_review", "comment": "reopen: new claim",
                                                "csrf_token": stok})
    assert r.status_code == 303 and env.store.lead_state(lead)["status"] == "in_review"
    changes = [e for e in audit_actions(env.store, lead_id=lead) if e["action"] == "status_change"]
    assert [(e["actor"], e["details"]["to"]) for e in changes] == [
        ("inv", "in_review"), ("inv", "confirmed_concealment"), ("sup", "in_review")]


def test_only_assignee_or_supervisor_decides(env: Env) -> None:
    for user in ("inv2", "aud"):
        client = env.client()
        token = login(client, user)
        r = client.post(f"/leads/{ASSIGNED[0]}/status", data={
            "status": "in_review", "comment": "mine now", "csrf_token": token})
        assert r.status_code == 403, user
    assert env.store.lead_state(ASSIGNED[0])["status"] == "new"


def test_assignment_by_supervisor(env: Env) -> None:
    sup = env.client()
    token = login(sup, "sup")
    r = sup.post("/leads/assign", data={"lead_id": ["L00000020", "L00000021"],
                                        "assignee": "inv2", "csrf_token": token,
                                        "back": "/leads?type=unreported_death"})
    assert r.status_code == 303 and r.headers["location"].startswith("/leads?type=unreported_death")
    assert env.store.lead_state("L00000020")["assignee"] == "inv2"
    assert sup.post("/leads/assign", data={"lead_id": "L00000022", "assignee": "aud",
                                           "csrf_token": token}).status_code == 400
    r = sup.post("/leads/assign", data={"lead_id": "L00000020", "assignee": "-",
                                        "csrf_token": token})
    assert env.store.lead_state("L00000020")["assignee"] is None
    assert len([e for e in audit_actions(env.store, action="assign", actor="sup")]) == 3
    inv = env.client()
    itok = login(inv, "inv")
    assert inv.post("/leads/assign", data={"lead_id": "L00000023", "assignee": "inv",
                                           "csrf_token": itok}).status_code == 403


def _csv(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_evidence_decision_and_label_exports(env: Env) -> None:
    inv = env.client()
    token = login(inv, "inv")
    lead = ASSIGNED[2]
    d = env.store.lead_detail(env.run_id, lead)
    rec = next(e for e in d["evidence"] if e["source"] == "cremations")
    assert inv.post(f"/leads/{lead}/evidence", data={
        "source": rec["source"], "record_id": rec["record_id"], "comment": "",
        "csrf_token": token}).status_code == 400
    assert inv.post(f"/leads/{lead}/evidence", data={
        "source": "cremations", "record_id": "nope", "comment": "x y",
        "csrf_token": token}).status_code == 400
    r = inv.post(f"/leads/{lead}/evidence", data={
        "source": rec["source"], "record_id": rec["record_id"], "comment": "火化记录是另一人",
        "csrf_token": token})
    assert r.status_code == 303
    page = inv.get(f"/leads/{lead}").text
    assert "不属于 not belonging" in page and "火化记录是另一人" in page
    for status in ("in_review", "confirmed_concealment"):
        inv.post(f"/leads/{lead}/status", data={"status": status, "comment": "confirmed",
                                                "csrf_token": token})
    sup = env.client()
    login(sup, "sup")
    leads = _csv(sup.get("/exports/lead_labels.csv").text)
    assert [(r["lead_id"], r["label"], r["status"]) for r in leads] == [
        (lead, "1", "confirmed_concealment")]
    pairs = _csv(sup.get("/exports/pair_labels.csv").text)
    neg = [p for p in pairs if p["is_match"] == "0"]
    pos = [p for p in pairs if p["is_match"] == "1"]
    assert neg and all(rec["record_id"] in (p["record_id_l"], p["record_id_r"]) for p in neg)
    assert pos and all(rec["record_id"] not in (p["record_id_l"], p["record_id_r"]) for p in pos)
    acts = [e["action"] for e in audit_actions(env.store, actor="sup")]
    assert "export_lead_labels" in acts and "export_pair_labels" in acts
    assert [e["action"] for e in audit_actions(env.store, actor="inv", action="evidence_decision")]


def test_audit_page_filters_and_csv(env: Env) -> None:
    inv = env.client()
    login(inv, "inv")
    inv.get(f"/leads/{ASSIGNED[0]}")
    inv.get(f"/leads/{ASSIGNED[1]}")
    aud = env.client()
    login(aud, "aud")
    page = aud.get("/audit", params={"actor": "inv", "action": "view_lead"}).text
    assert ASSIGNED[0] in page and ASSIGNED[1] in page and "2 条" in page
    page = aud.get("/audit", params={"lead_id": ASSIGNED[1]}).text
    assert ASSIGNED[0] not in page.split("<tbody>")[1]
    rows = _csv(aud.get("/audit.csv", params={"actor": "inv"}).text)
    assert {r["action"] for r in rows} == {"login", "view_lead"}
    assert any(e["action"] == "export_audit" for e in audit_actions(env.store, actor="aud"))
    assert aud.get("/audit", params={"since": "not-a-date"}).status_code == 400


def test_queue_filters_and_paging(env: Env) -> None:
    client = env.client()
    login(client, "sup")

    def leads(**params: str) -> list[str]:
        text = client.get("/leads", params=params).text
        return sorted(set(__import__("re").findall(r'href="/leads/(L\d+)\?', text)))

    all_first = leads()
    assert len(all_first) == 40                              # page size 50 > 40 leads
    deaths = leads(type="unreported_death")
    assert deaths and set(deaths) < set(all_first)
    assert all(int(x[1:]) % 4 == 0 for x in deaths)           # seed: type = i % 4
    assert leads(assignee="inv") == sorted(ASSIGNED)
    assert UNASSIGNED in leads(assignee="-") and ASSIGNED[0] not in leads(assignee="-")
    q = env.app.state.data.queue_frame(env.run_id)
    city = q["city"][0]
    assert leads(city=city) == sorted(q.filter(q["city"] == city)["lead_id"].to_list())
    ind = q.drop_nulls("industry")["industry"][0]
    assert leads(industry=ind) == sorted(q.filter(q["industry"] == ind)["lead_id"].to_list())
    hi = leads(min_score="0.5", max_score="0.9")
    assert hi == sorted(q.filter((q["score"] >= 0.5) & (q["score"] <= 0.9))["lead_id"].to_list())
    assert client.get("/leads", params={"min_score": "abc"}).status_code == 400
    # paging through the app's data layer and the htmx fragment
    from review.data import QueueFilters

    data = env.app.state.data
    p2 = data.queue(env.run_id, QueueFilters(), page=2, size=15)
    assert p2.pages == 3 and p2.number == 2 and [r["rank"] for r in p2.rows] == list(range(16, 31))
    frag = client.get("/leads", params={"status": "new"}, headers={"HX-Request": "true"}).text
    assert frag.lstrip().startswith('<section id="queue">') and "<html" not in frag


def test_investigator_queue_defaults_to_my_leads(env: Env) -> None:
    import re

    inv = env.client()
    login(inv, "inv")

    def leads(**params: str) -> list[str]:
        return sorted(set(re.findall(r'href="/leads/(L\d+)\?', inv.get("/leads",
                                                                       params=params).text)))

    page = inv.get("/leads").text
    assert leads() == sorted(ASSIGNED) and "showing my leads only" in page
    everything = leads(assignee="*")
    assert len(everything) == 40 and UNASSIGNED in everything
    assert len(leads(assignee="")) == 40                      # the form's empty value: all
    assert leads(assignee="-") == sorted(set(everything) - set(ASSIGNED))
    # "all" stays on the following pages
    env.app.state.settings.page_size = 15
    text = inv.get("/leads", params={"assignee": "*"}).text
    assert "assignee=%2A" in text and "page=2" in text
    env.app.state.settings.page_size = 50
    # supervisors and auditors still start on every lead
    for user in ("sup", "aud"):
        c = env.client()
        login(c, user)
        text = c.get("/leads").text
        assert len(set(re.findall(r'href="/leads/(L\d+)\?', text))) == 40, user
        assert "showing my leads only" not in text


def test_admin_manages_users(env: Env) -> None:
    admin = env.client()
    token = login(admin, "adm")
    r = admin.post("/admin/users", data={"username": "newinv", "role": "investigator",
                                         "password": "a-long-password", "csrf_token": token})
    assert r.status_code == 303
    assert env.store.get_user("newinv")["role"] == "investigator"
    assert admin.post("/admin/users", data={"username": "newinv", "role": "investigator",
                                            "password": "a-long-password",
                                            "csrf_token": token}).status_code == 409
    assert admin.post("/admin/users", data={"username": "short", "role": "auditor",
                                            "password": "short", "csrf_token": token}).status_code == 400
    new = env.client()
    login(new, "newinv", "a-long-password")
    assert new.get("/leads").status_code == 200
    acts = [e["action"] for e in audit_actions(env.store, actor="adm")]
    assert "user_added" in acts


def test_dossier_download_without_run_folder_says_what_is_wrong(env: Env) -> None:
    client = env.client()
    login(client, "sup")
    r = client.get(f"/leads/{ASSIGNED[0]}/dossier.pdf")
    # the seeded run has no output folder, so the dossier cannot be built: a clear 503
    assert r.status_code == 503 and "dossier could not be built" in r.text
    aud = env.client()
    login(aud, "aud")
    assert aud.get(f"/leads/{ASSIGNED[0]}/dossier.pdf").status_code == 403

"""The investigators' review web app (FastAPI, server-rendered Jinja2, htmx for the queue).

:func:`create_app` builds the app over a run store. Every route except ``/login`` and
``/static`` needs a session (:func:`_current_user`); every POST needs the session's CSRF
token (:func:`_csrf`); roles decide what a user may see and do:

- investigator — the queue (all leads; ID numbers masked) and full ID numbers on the
  leads assigned to them; records decisions on their leads;
- supervisor — every lead, statistics, assignments, decisions, label exports; ID numbers
  masked unless explicitly unmasked (audited);
- auditor — leads with names, ID numbers and diagnoses masked, and the audit log;
- admin — user management only (no personal data).

Every lead view, change, export, unmask and login is appended to the audit log.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import secrets
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from pipelines.store import LEAD_STATUSES, ROLES, open_store
from pipelines.store.store import Store
from reports.i18n import signal_value
from review import labels as L
from review.data import (
    FINAL_STATUSES,
    AuditFilters,
    QueueFilters,
    ReviewData,
    UserInfo,
    WorkflowError,
    allowed_transitions,
    now_utc,
)
from review.leadview import build_persons, build_timeline
from review.masking import Visibility, mask_signal_value, scrub_ids
from review.security import (
    CSRF_FIELD,
    CSRF_HEADER,
    SESSION_COOKIE,
    LoginThrottle,
    SecurityHeadersMiddleware,
    SessionCodec,
    csrf_ok,
    hash_password,
    needs_rehash,
    verify_password,
)
from review.settings import Settings

log = logging.getLogger("crosscheck.review")
HERE = Path(__file__).parent
LOGIN_CSRF_COOKIE = "cc_login_csrf"
LEAD_ROLES = ("investigator", "supervisor", "auditor")
ALL = "*"   # the queue filter's "any assignee" (an investigator's default is "mine")


class LoginRequired(Exception):
    """No valid session: pages redirect to the login form, other requests get 401."""


class CurrentUser:
    def __init__(self, info: UserInfo, session: dict[str, Any]) -> None:
        self.info = info
        self.session = session
        self.username = info.username
        self.role = info.role
        self.csrf = str(session["csrf"])


def _float(v: str | None) -> float | None:
    if v is None or not str(v).strip():
        return None
    try:
        return float(v)
    except ValueError:
        raise HTTPException(400, "score must be a number between 0 and 1") from None


def _page_num(v: str | None) -> int:
    try:
        return max(1, int(v or 1))
    except ValueError:
        return 1


def _safe_back(url: str | None, default: str = "/leads") -> str:
    """Only same-site relative paths (no open redirects)."""
    if url and url.startswith("/") and not url.startswith("//") and "\\" not in url:
        return url
    return default


def create_app(settings: Settings | None = None, *, store: Store | None = None,
               throttle: LoginThrottle | None = None) -> FastAPI:
    """Build the app. ``store`` (tests) overrides ``settings.db_url``."""
    if settings is None:
        from pipelines.cli import default_db_url

        settings = Settings(db_url=default_db_url())
    store = store or open_store(settings.db_url)
    data = ReviewData(store)
    codec = SessionCodec(settings.secret_key, settings.session_max_age)
    client_throttle = throttle or LoginThrottle(
        max_failures=settings.max_failed_per_client, window=settings.lock_minutes * 60.0,
        lock_seconds=settings.lock_minutes * 60.0)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.auto_reload = False   # templates ship with the package: no stat per request
    templates.env.globals.update(
        role_labels=L.ROLE_LABELS, type_labels=L.TYPE_LABELS, status_labels=L.STATUS_LABELS,
        change_labels=L.CHANGE_LABELS, industry_labels=L.INDUSTRY_LABELS,
        source_labels=L.SOURCE_LABELS, field_labels=L.FIELD_LABELS,
        action_labels=L.ACTION_LABELS, city_label=L.city_label,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # load the current run's queue in the background, so the first visitor of each
        # worker process does not wait for it
        threading.Thread(target=data.warm, name="review-warm", daemon=True).start()
        yield

    app = FastAPI(title="crosscheck review", docs_url=None, redoc_url=None, openapi_url=None,
                  lifespan=lifespan)
    app.state.data = data
    app.state.settings = settings
    app.state.throttle = client_throttle
    app.add_middleware(SecurityHeadersMiddleware)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    # ------------------------------------------------------------------ helpers
    def render(request: Request, name: str, ctx: dict[str, Any], *, status_code: int = 200,
               user: CurrentUser | None = None) -> HTMLResponse:
        msg = request.query_params.get("msg")
        kind, text = L.MESSAGES.get(msg or "", (None, None))
        base = {"user": user.info if user else None, "csrf": user.csrf if user else None,
                "flash": text, "flash_kind": kind, "nav": None}
        base.update(ctx)
        return templates.TemplateResponse(request, name, base, status_code=status_code)

    def set_cookie(resp: Response, key: str, value: str, max_age: int) -> None:
        resp.set_cookie(key, value, max_age=max_age, httponly=True, samesite="strict",
                        secure=settings.cookie_secure, path="/")

    def _current_user(request: Request) -> CurrentUser:
        sess = codec.read(request.cookies.get(SESSION_COOKIE))
        if sess is None:
            raise LoginRequired()
        info = data.user_by_id(int(sess["uid"]))
        if info is None or not info.active:
            raise LoginRequired()
        return CurrentUser(info, sess)

    def roles(*allowed: str) -> Callable[..., CurrentUser]:
        def dep(user: CurrentUser = Depends(_current_user)) -> CurrentUser:
            if user.role not in allowed:
                raise HTTPException(403, "your role may not open this page")
            return user
        return dep

    async def _csrf(request: Request, user: CurrentUser = Depends(_current_user)) -> CurrentUser:
        given = request.headers.get(CSRF_HEADER)
        if not given:
            ctype = request.headers.get("content-type", "")
            if ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
                form = await request.form()
                v = form.get(CSRF_FIELD)
                given = v if isinstance(v, str) else None
        if not csrf_ok(user.csrf, given):
            raise HTTPException(403, "missing or wrong CSRF token — reload the page and retry")
        return user

    def csrf_roles(*allowed: str) -> Callable[..., CurrentUser]:
        def dep(user: CurrentUser = Depends(_csrf)) -> CurrentUser:
            if user.role not in allowed:
                raise HTTPException(403, "your role may not do this")
            return user
        return dep

    def run_or_404(run_ref: str | None) -> Any:
        run = data.get_run(run_ref) if run_ref else data.current_run()
        if run_ref and run is None:
            raise HTTPException(404, "no complete run with this id")
        return run

    def visibility(user: CurrentUser, assignee: str | None, unmasked: bool) -> Visibility:
        if user.role == "auditor":
            return Visibility.ALL
        if user.role == "investigator" and assignee == user.username:
            return Visibility.FULL
        if user.role == "supervisor" and unmasked:
            return Visibility.FULL
        return Visibility.IDS

    def can_decide(user: CurrentUser, assignee: str | None) -> bool:
        return user.role == "supervisor" or (
            user.role == "investigator" and assignee == user.username)

    # ------------------------------------------------------------------ errors
    @app.exception_handler(LoginRequired)
    async def _login_required(request: Request, exc: LoginRequired) -> Response:
        if request.method == "GET" and "hx-request" not in request.headers:
            resp: Response = RedirectResponse("/login", status_code=303)
        else:
            resp = Response("login required", status_code=401,
                            headers={"HX-Redirect": "/login"})
        resp.delete_cookie(SESSION_COOKIE, path="/")
        return resp

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        titles = {400: "请求有误 Bad request", 403: "无权访问 Forbidden",
                  404: "未找到 Not found", 409: "冲突 Conflict",
                  429: "请稍后再试 Too many attempts", 503: "暂不可用 Unavailable"}
        try:
            user = _current_user(request)
        except LoginRequired:
            user = None
        return render(request, "error.html",
                      {"status_code": exc.status_code, "title": titles.get(exc.status_code, ""),
                       "message": exc.detail}, status_code=exc.status_code, user=user)

    # ------------------------------------------------------------------ login
    @app.get("/login", response_class=HTMLResponse)
    def login_form(request: Request) -> Response:
        token = secrets.token_urlsafe(24)
        resp = render(request, "login.html", {"login_csrf": token})
        set_cookie(resp, LOGIN_CSRF_COOKIE, token, 3600)
        return resp

    @app.post("/login")
    def login(request: Request, username: str = Form(...), password: str = Form(...),
              csrf_token: str = Form("")) -> Response:
        username = username.strip()
        client = f"ip:{request.client.host if request.client else '?'}"

        def fail(msg: str, code: int) -> Response:
            token = secrets.token_urlsafe(24)
            resp = render(request, "login.html", {"login_csrf": token, "error": msg,
                                                  "username": username}, status_code=code)
            set_cookie(resp, LOGIN_CSRF_COOKIE, token, 3600)
            return resp

        if not csrf_ok(request.cookies.get(LOGIN_CSRF_COOKIE), csrf_token):
            return fail("表单已过期，请重试。The form expired — please try again.", 403)
        if client_throttle.locked_for(client) > 0:
            return fail("尝试次数过多，请稍后再试。Too many failed attempts from this computer — "
                        "try again later.", 429)
        info = data.user_by_name(username)
        if info is not None and info.locked:
            verify_password(None, password)   # same work as a real check
            data.audit(username, "login_locked")
            minutes = max(1, int((info.locked_until - now_utc()).total_seconds() // 60) + 1) \
                if info.locked_until else settings.lock_minutes
            return fail(f"账户已锁定，请 {minutes} 分钟后再试或联系管理员。The account is locked — "
                        f"try again in {minutes} minutes or ask an administrator.", 429)
        ok = info is not None and info.active and verify_password(info.password_hash, password)
        if not ok or info is None:
            client_throttle.failure(client)
            locked = False
            if info is not None:
                locked = data.login_failed(info, max_failures=settings.max_failed_logins,
                                           lock=timedelta(minutes=settings.lock_minutes))
            data.audit(username[:64] or "?", "login_failed",
                       details={"locked": locked} if locked else None)
            if locked:
                return fail(f"密码错误次数过多，账户已锁定 {settings.lock_minutes} 分钟。Too many "
                            f"failed attempts: the account is locked for {settings.lock_minutes} "
                            "minutes.", 429)
            return fail("用户名或密码错误。Wrong user name or password.", 401)
        data.login_succeeded(info)
        if needs_rehash(info.password_hash):
            data.set_password_hash(info.username, hash_password(password))
        data.audit(info.username, "login")
        token, _ = codec.new_session(info.id)
        resp = RedirectResponse("/", status_code=303)
        set_cookie(resp, SESSION_COOKIE, token, settings.session_max_age)
        resp.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
        return resp

    @app.post("/logout")
    def logout(user: CurrentUser = Depends(_csrf)) -> Response:
        data.audit(user.username, "logout")
        resp = RedirectResponse("/login", status_code=303)
        resp.delete_cookie(SESSION_COOKIE, path="/")
        return resp

    @app.get("/")
    def home(user: CurrentUser = Depends(_current_user)) -> Response:
        target = {"admin": "/admin/users", "auditor": "/audit"}.get(user.role, "/leads")
        return RedirectResponse(target, status_code=303)

    # ------------------------------------------------------------------ queue
    @app.get("/leads", response_class=HTMLResponse)
    def queue(request: Request, user: CurrentUser = Depends(roles(*LEAD_ROLES))) -> Response:
        qp = request.query_params
        run = run_or_404(qp.get("run") or None)
        # an investigator starts on "my leads"; "*" (the filter's "all") shows every lead
        assignee = qp.get("assignee")
        if assignee is None and user.role == "investigator":
            assignee = user.username
        f = QueueFilters(type=qp.get("type") or None, city=qp.get("city") or None,
                         industry=qp.get("industry") or None, status=qp.get("status") or None,
                         min_score=_float(qp.get("min_score")),
                         max_score=_float(qp.get("max_score")),
                         assignee=None if assignee in (None, "", ALL) else assignee)
        ctx: dict[str, Any] = {"run": run, "f": f, "nav": "leads",
                               "mine": user.role == "investigator"
                               and f.assignee == user.username}
        if run is not None:
            page = data.queue(run.run_id, f, page=_page_num(qp.get("page")),
                              size=settings.page_size)
            facets = data.facets(run.run_id)
            params = {k: v for k, v in qp.items() if k != "page" and v}
            if f.assignee is None and user.role == "investigator":
                params["assignee"] = ALL   # keep "all" on the next pages

            def page_url(n: int) -> str:
                return "/leads?" + urlencode({**params, "page": n})

            users = data.usernames()
            ctx.update(
                page=page, page_url=page_url, lead_types=L.TYPE_LABELS.keys(),
                statuses=LEAD_STATUSES, industries=facets["industries"],
                cities=[(c, L.city_label(c)) for c in facets["cities"]],
                assignees=users, investigators=data.usernames("investigator"),
                can_assign=user.role == "supervisor",
                back_url="/leads?" + urlencode({**params, "page": page.number}),
            )
        name = "_queue.html" if request.headers.get("hx-request") and run else "leads.html"
        return render(request, name, ctx, user=user)

    @app.post("/leads/assign")
    async def assign(request: Request, user: CurrentUser = Depends(csrf_roles("supervisor"))
                     ) -> Response:
        form = await request.form()
        back = _safe_back(str(form.get("back") or ""))
        lead_ids = [str(v) for v in form.getlist("lead_id")]
        assignee = str(form.get("assignee") or "")
        run = run_or_404(None)
        sep = "&" if "?" in back else "?"
        if not lead_ids or not assignee or run is None:
            return RedirectResponse(f"{back}{sep}msg=nothing_selected", status_code=303)
        target: str | None = None
        if assignee != "-":
            if assignee not in data.usernames("investigator"):
                raise HTTPException(400, "assign leads to an active investigator")
            target = assignee
        data.assign(lead_ids, target, actor=user.username, run_id=run.run_id)
        return RedirectResponse(f"{back}{sep}msg=assigned", status_code=303)

    # ------------------------------------------------------------------ lead page
    def lead_page(request: Request, user: CurrentUser, lead_id: str, run_ref: str | None,
                  *, unmasked: bool = False, error: str | None = None,
                  status_code: int = 200) -> Response:
        run = run_or_404(run_ref)
        if run is None:
            raise HTTPException(404, "no complete run yet")
        d = data.lead_detail(run.run_id, lead_id)
        if d is None:
            raise HTTPException(404, "this lead is not in this run")
        vis = visibility(user, d["assignee"], unmasked)
        rejected = data.rejected_records(d.get("decisions") or [])
        persons = build_persons(d["evidence"], rejected, vis, run.out_dir)
        timeline = build_timeline(d["evidence"], persons)
        decide = can_decide(user, d["assignee"])
        hint = ("只有承办人或主管可以判定此线索。Only the assigned investigator or a supervisor "
                "can decide this lead.") if user.role == "investigator" else \
            "您的角色只能查看。Your role can only view."
        data.audit(user.username, "unmask" if unmasked else "view_lead", lead_id=lead_id,
                   run_id=run.run_id, details={"ids": "full" if vis is Visibility.FULL
                                                else "masked"})
        signals = [{**x, "value": signal_value(mask_signal_value(x.get("value"), vis)),
                    "text_zh": scrub_ids(x["text_zh"]) if x.get("text_zh") else x.get("text_zh"),
                    "text_en": scrub_ids(x["text_en"]) if x.get("text_en") else x.get("text_en")}
                   for x in d.get("signals") or []]
        history = sorted(d.get("history") or [], key=lambda h: h["at"], reverse=True)
        decisions = d.get("decisions") or []
        ctx = {
            "run": run, "lead": d, "persons": persons, "timeline": timeline,
            "signals": signals, "run_history": data.run_history(lead_id),
            "status_history": history, "decisions": decisions,
            "transitions": allowed_transitions(d["status"], user.role) if decide else (),
            "can_decide": decide, "decide_hint": hint,
            "can_unmask": user.role == "supervisor", "full_ids": vis is Visibility.FULL,
            "can_dossier": user.role in ("investigator", "supervisor"), "nav": "leads",
        }
        if error:
            ctx.update(flash=error, flash_kind="error")
        return render(request, "lead.html", ctx, status_code=status_code, user=user)

    @app.get("/leads/{lead_id}", response_class=HTMLResponse)
    def lead_view(request: Request, lead_id: str,
                  user: CurrentUser = Depends(roles(*LEAD_ROLES))) -> Response:
        return lead_page(request, user, lead_id, request.query_params.get("run"))

    @app.post("/leads/{lead_id}/unmask", response_class=HTMLResponse)
    def unmask(request: Request, lead_id: str,
               user: CurrentUser = Depends(csrf_roles("supervisor"))) -> Response:
        return lead_page(request, user, lead_id, request.query_params.get("run"), unmasked=True)

    @app.post("/leads/{lead_id}/status")
    def set_status(request: Request, lead_id: str, status: str = Form(""),
                   comment: str = Form(""),
                   user: CurrentUser = Depends(csrf_roles("investigator", "supervisor"))
                   ) -> Response:
        run_ref = request.query_params.get("run")
        run = run_or_404(run_ref)
        _cur_status, assignee = data.lead_state(lead_id)
        if run is None or data.store.lead_detail(run.run_id, lead_id) is None:
            raise HTTPException(404, "this lead is not in this run")
        if not can_decide(user, assignee):
            raise HTTPException(403, "only the assigned investigator or a supervisor can "
                                     "decide this lead")
        try:
            data.set_status(lead_id, status, actor=user.username, role=user.role,
                            comment=comment)
        except WorkflowError as exc:
            msg = ("请选择允许的新状态并填写意见。Choose an allowed new status and write a comment. "
                   f"({exc})")
            return lead_page(request, user, lead_id, run.run_id, error=msg, status_code=400)
        q = urlencode({"run": run.run_id, "msg": "saved"})
        return RedirectResponse(f"/leads/{lead_id}?{q}", status_code=303)

    @app.post("/leads/{lead_id}/evidence")
    def mark_evidence(request: Request, lead_id: str, source: str = Form(...),
                      record_id: str = Form(...), comment: str = Form(""),
                      user: CurrentUser = Depends(csrf_roles("investigator", "supervisor"))
                      ) -> Response:
        run = run_or_404(request.query_params.get("run"))
        if run is None:
            raise HTTPException(404, "no complete run yet")
        _, assignee = data.lead_state(lead_id)
        if not can_decide(user, assignee):
            raise HTTPException(403, "only the assigned investigator or a supervisor can "
                                     "mark this lead's evidence")
        try:
            data.decide_evidence(lead_id, run.run_id, source, record_id, belongs=False,
                                 actor=user.username, comment=comment)
        except WorkflowError as exc:
            return lead_page(request, user, lead_id, run.run_id, status_code=400,
                             error=f"请填写理由。Give a reason. ({exc})")
        q = urlencode({"run": run.run_id, "msg": "marked"})
        return RedirectResponse(f"/leads/{lead_id}?{q}", status_code=303)

    @app.get("/leads/{lead_id}/dossier.pdf")
    def dossier(request: Request, lead_id: str,
                user: CurrentUser = Depends(roles("investigator", "supervisor"))) -> Response:
        run = run_or_404(request.query_params.get("run"))
        if run is None or data.lead_detail(run.run_id, lead_id) is None:
            raise HTTPException(404, "this lead is not in this run")
        _, assignee = data.lead_state(lead_id)
        masked = not (user.role == "investigator" and assignee == user.username)
        try:
            from reports import build_dossier  # engineer G's
        except ImportError:
            raise HTTPException(503, "案卷生成尚不可用。The dossier builder is not installed "
                                     "yet.") from None
        pdf = _call_dossier(build_dossier, run, lead_id, masked, settings.db_url,
                            user.username)
        data.audit(user.username, "download_dossier", lead_id=lead_id, run_id=run.run_id,
                   details={"ids": "masked" if masked else "full"})
        return Response(pdf, media_type="application/pdf", headers={
            "Content-Disposition": f'attachment; filename="dossier-{lead_id}.pdf"'})

    # ------------------------------------------------------------------ supervisor
    @app.get("/stats", response_class=HTMLResponse)
    def stats(request: Request, user: CurrentUser = Depends(roles("supervisor"))) -> Response:
        run = run_or_404(request.query_params.get("run"))
        ctx: dict[str, Any] = {"run": run, "nav": "stats"}
        if run is not None:
            q = data.queue_frame(run.run_id)
            import polars as pl

            def counts(col: str) -> list[tuple[str, int]]:
                g = q.group_by(col).len().sort(["len", col], descending=[True, False])
                return [(k or "—", int(n)) for k, n in g.iter_rows()]

            by_a = (q.group_by("assignee").agg(
                pl.len().alias("total"),
                pl.col("status").is_in(FINAL_STATUSES).not_().sum().alias("open"),
                pl.col("status").is_in(FINAL_STATUSES).sum().alias("closed"))
                .sort("total", descending=True))
            ctx.update(by_status=counts("status"), by_type=counts("lead_type"),
                       by_city=counts("city"), by_assignee=by_a.to_dicts())
        return render(request, "stats.html", ctx, user=user)

    @app.get("/exports", response_class=HTMLResponse)
    def exports(request: Request, user: CurrentUser = Depends(roles("supervisor"))) -> Response:
        return render(request, "exports.html", {"nav": "exports"}, user=user)

    def csv_response(rows: list[dict[str, Any]], columns: list[str], filename: str) -> Response:
        buf = io.StringIO()
        buf.write("\ufeff")
        w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: ("" if v is None else v) for k, v in r.items()})
        return Response(buf.getvalue().encode("utf-8"), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})

    @app.get("/exports/lead_labels.csv")
    def export_lead_labels(user: CurrentUser = Depends(roles("supervisor"))) -> Response:
        df = data.lead_labels()
        data.audit(user.username, "export_lead_labels", details={"rows": df.height})
        return csv_response(df.to_dicts(), df.columns, "lead_labels.csv")

    @app.get("/exports/pair_labels.csv")
    def export_pair_labels(user: CurrentUser = Depends(roles("supervisor"))) -> Response:
        df = data.pair_labels()
        data.audit(user.username, "export_pair_labels", details={"rows": df.height})
        return csv_response(df.to_dicts(), df.columns, "pair_labels.csv")

    # ------------------------------------------------------------------ auditor
    def audit_filters(request: Request) -> AuditFilters:
        qp = request.query_params

        def d(v: str | None) -> date | None:
            try:
                return date.fromisoformat(v) if v else None
            except ValueError:
                raise HTTPException(400, "dates are YYYY-MM-DD") from None

        return AuditFilters(actor=qp.get("actor") or None, action=qp.get("action") or None,
                            lead_id=qp.get("lead_id") or None, since=d(qp.get("since")),
                            until=d(qp.get("until")))

    def details_text(details: Any) -> str:
        if not details:
            return ""
        return json.dumps(details, ensure_ascii=False, sort_keys=True, default=str)

    @app.get("/audit", response_class=HTMLResponse)
    def audit_page(request: Request, user: CurrentUser = Depends(roles("auditor"))) -> Response:
        f = audit_filters(request)
        rows, total = data.list_audit(f, limit=500)
        shown = [{"id": e.id, "at": e.at, "actor": e.actor, "action": e.action,
                  "lead_id": e.lead_id, "run_id": e.run_id,
                  "details_text": details_text(e.details)} for e in rows]
        query = urlencode({k: v for k, v in request.query_params.items() if v})
        return render(request, "audit.html", {"rows": shown, "total": total, "f": f,
                                              "actions": sorted(set(L.ACTION_LABELS)
                                                                | set(data.audit_actions())),
                                              "query": query, "nav": "audit"}, user=user)

    @app.get("/audit.csv")
    def audit_csv(request: Request, user: CurrentUser = Depends(roles("auditor"))) -> Response:
        f = audit_filters(request)
        rows, total = data.list_audit(f, limit=None)
        data.audit(user.username, "export_audit",
                   details={"rows": total, "filters": {k: str(v) for k, v in vars(f).items()
                                                       if v}})
        out = [{"id": e.id, "at": e.at.isoformat(timespec="seconds"), "actor": e.actor,
                "action": e.action, "lead_id": e.lead_id, "run_id": e.run_id,
                "details": details_text(e.details)} for e in rows]
        return csv_response(out, ["id", "at", "actor", "action", "lead_id", "run_id", "details"],
                            "audit_log.csv")

    # ------------------------------------------------------------------ admin
    @app.get("/admin/users", response_class=HTMLResponse)
    def users_page(request: Request, user: CurrentUser = Depends(roles("admin"))) -> Response:
        return render(request, "users.html", {"users": data.list_users(), "roles": ROLES,
                                              "nav": "users"}, user=user)

    @app.post("/admin/users")
    def users_add(request: Request, username: str = Form(...), role: str = Form(...),
                  password: str = Form(...), user: CurrentUser = Depends(csrf_roles("admin"))
                  ) -> Response:
        username = username.strip()
        if not username or len(password) < 10 or role not in ROLES:
            raise HTTPException(400, "需要用户名、有效角色和至少 10 位的密码。A user name, a valid "
                                     "role and a password of 10+ characters are needed.")
        try:
            data.add_user(username, role, hash_password(password), actor=user.username)
        except WorkflowError as exc:
            raise HTTPException(409, str(exc)) from None
        return RedirectResponse("/admin/users?msg=user_added", status_code=303)

    @app.post("/admin/users/{username}/disable")
    def users_disable(username: str, user: CurrentUser = Depends(csrf_roles("admin"))
                      ) -> Response:
        if username == user.username:
            raise HTTPException(400, "you cannot disable yourself")
        if not data.disable_user(username, actor=user.username):
            raise HTTPException(404, "no such user")
        return RedirectResponse("/admin/users?msg=user_disabled", status_code=303)

    return app


def _call_dossier(build_dossier: Any, run: Any, lead_id: str, masked: bool, db_url: str,
                  actor: str) -> bytes:
    """Call ``reports.build_dossier`` (writes ``<run>/dossiers/<lead>.pdf``; the unmasked
    variant audits itself as ``dossier_unmasked``) and return the PDF's bytes."""
    from pipelines.errors import CrosscheckError

    try:
        result = build_dossier(run.out_dir, lead_id, store_url=db_url, unmasked=not masked,
                               actor=actor)
    except (CrosscheckError, OSError) as exc:
        raise HTTPException(503, f"案卷无法生成。The dossier could not be built ({exc}).") from None
    path = result.get("pdf") if isinstance(result, dict) else result
    if path is None or not Path(path).is_file():
        raise HTTPException(503, "案卷无法生成。The dossier could not be built.")
    return Path(path).read_bytes()

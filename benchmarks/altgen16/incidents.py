"""Production-safety incidents: reported honestly, under-reported, or concealed outright — and
every record their victims leave behind."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import codes, geo
from .sim import World
from .world import (
    D2024,
    DAY_S,
    NULL,
    Enterprise,
    Project,
    employer_form,
    pick,
    uscc_form,
)

KIND_INDUSTRY = {
    "reported": {"coal_mining": .10, "non_coal_mining": .10, "construction": .38,
                 "hazardous_chemicals": .06, "metallurgy": .04, "manufacturing": .12,
                 "transport": .15, "other": .05},
    "under_reported": {"coal_mining": .30, "non_coal_mining": .17, "construction": .33,
                       "hazardous_chemicals": .08, "metallurgy": .04, "manufacturing": .05,
                       "transport": .03},
    "concealed": {"coal_mining": .30, "non_coal_mining": .22, "construction": .35,
                  "hazardous_chemicals": .03, "metallurgy": .03, "manufacturing": .07},
}
IND_KINDS = {"coal_mining": ("coal",), "non_coal_mining": ("noncoal", "quarry"),
             "construction": ("contractor", "builder"), "hazardous_chemicals": ("chem",),
             "metallurgy": ("metal",), "manufacturing": ("factory", "baijiu"),
             "transport": ("transport",), "other": ("other",)}
MULTI_BY_INDUSTRY = {"coal_mining": ["gas_explosion", "flooding", "roof_fall",
                                     "poisoning_asphyxiation"],
                     "non_coal_mining": ["collapse", "explosion", "poisoning_asphyxiation"],
                     "construction": ["collapse", "explosion"],
                     "hazardous_chemicals": ["explosion", "poisoning_asphyxiation", "fire"],
                     "metallurgy": ["explosion", "poisoning_asphyxiation"],
                     "manufacturing": ["fire", "poisoning_asphyxiation"],
                     "transport": ["vehicle"], "other": ["other"]}
HIDDEN_MODES = {"illness": .38, "traffic": .14, "moved_home": .26, "private": .22}


@dataclass
class Victim:
    pid: int = -1
    outcome: str = "death"
    reported: str | None = None
    delay: int = 0  # days from the accident to death (deaths only)
    mode: str = "honest"
    enrolled: bool = False
    public: bool = False  # a passer-by or passenger, no employer
    employer: Enterprise | None = None


@dataclass
class Incident:
    iid: int
    kind: str
    industry: str
    atype: str
    resp: Enterprise
    direct: Enterprise
    project: Project | None
    site: str
    day: int
    sec: int
    plan: str = "honest"
    victims: list[Victim] = field(default_factory=list)
    acc: dict | None = None


def _window(inc: Incident) -> int:
    if inc.atype == "fire" or (inc.atype == "vehicle" and inc.industry == "transport"):
        return 7
    return 30


def _counts(w: World, kind: str, industry: str) -> tuple[int, int, int, int, str]:
    """True deaths, serious and minor injuries, reported deaths and the reporting plan."""
    r = w.r
    if kind == "reported":
        u = r.random()
        if u < .18:
            d = 0
        elif u < .80:
            d = 1
        elif u < .92:
            d = 2
        elif u < .99:
            d = r.choices(range(3, 10), weights=[8, 5, 3, 2, 1, 1, 1])[0]
        else:
            d = r.randint(10, 14)
        s = r.randint(1, 3) if d == 0 else r.choice([0, 0, 0, 1, 1, 2]) + d // 3
        m = r.choice([0, 0, 1, 2, 3]) + d // 2
        return d, s, m, d, "honest"
    if kind == "under_reported":
        # a road-transport operator cannot hide a dead passenger; it can fail to add a late death
        plans = {"late": 1.0} if industry == "transport" else \
            {"gradeline": .4, "late": .3, "omitted": .3}
        plan = pick(r, list(plans), list(plans.values()))
        if plan == "gradeline":
            u = r.random()
            if u < .72 or (u >= .96 and w.scale < .5):
                d, rep = r.randint(3, 6), 2
            elif u < .96:
                d, rep = r.randint(10, 13), 9
            else:
                d, rep = r.randint(30, 34), 29
        elif plan == "late":
            rep = pick(r, [0, 1, 2], [.35, .45, .2])
            d = rep + 1
        else:
            d = r.choice([1, 1, 2])
            rep = d - 1
        s = r.choice([0, 1, 1, 2]) + d // 3
        m = r.choice([0, 1, 2, 3]) + d // 2
        return d, s, m, rep, plan
    u = r.random()
    if u < .2:
        d = 0
    elif u < .76:
        d = 1
    elif u < .89:
        d = 2
    else:
        d = r.randint(3, 6)
    s = (r.randint(1, 2) if d == 0 else r.choice([0, 0, 1])) + d // 3
    m = r.choice([0, 0, 1, 2]) + d // 3
    return d, s, m, 0, "concealed"


def _employer(w: World, industry: str, kind: str) -> tuple[Enterprise, Enterprise,
                                                         Project | None, str]:
    r = w.r
    small = kind != "reported"
    if industry == "construction":
        kinds = ("contractor", "builder") if r.random() < .65 else ("builder",)
        resp = w.pick_ent(kinds, small=small)
        proj = w.projects[r.choice(resp.projects)]
        if kind != "reported" and resp.kind == "contractor":
            west = [w.projects[p] for p in resp.projects if w.projects[p].county in geo.WEST]
            proj = r.choice(west) if west and r.random() < .8 else proj
        direct = resp
        if proj.labour and r.random() < (.8 if kind != "reported" else .6):
            direct = w.ents[r.choice(proj.labour)]
        return resp, direct, proj, proj.county
    resp = w.pick_ent(IND_KINDS[industry], small=small)
    site = resp.site
    if industry == "transport":
        cs = list(geo.COVERED)
        wts = [geo.POP_WEIGHT[c] * (3.0 if c in geo.WEST else 1.0) for c in cs]
        site = r.choices(cs, weights=wts)[0]
    return resp, resp, None, site


def _address(w: World, inc: Incident) -> str:
    r = w.r
    e = inc.resp
    pre = geo.place_prefix(inc.site)
    town = w.town()
    if inc.industry == "coal_mining":
        return f"{pre}{town}镇{e.unit}井下+{r.randint(2, 9)}{r.randint(0, 9)}0水平" \
               f"{r.randint(1, 9)}{pick(r, ['号采煤工作面', '号掘进工作面', '号运输巷', '号回风巷'])}"
    if inc.industry == "non_coal_mining":
        return f"{pre}{town}镇{e.unit}{pick(r, ['采场', '1号平硐', '露天采场3号平台', '选矿厂'])}"
    if inc.project is not None:
        p = inc.project
        if p.kind == "building":
            return f"{pre}{town}街道{p.name}{r.randint(1, 18)}号楼"
        where = pick(r, ["2号隧道进口", "1号斜井", f"K{r.randint(10, 180)}+{r.randint(0, 999):03d}处",
                         "左岸导流洞", "厂房基坑", "拌合站", f"{r.randint(1, 30)}号桥墩", "大坝左岸边坡"])
        return f"{pre}{town}乡{p.name}{where}"
    if inc.industry == "hazardous_chemicals":
        return f"{pre}{town}化工园区{e.short}{pick(r, ['合成氨装置', '脱硫塔', '储罐区', '精馏车间', '污水池'])}"
    if inc.industry == "metallurgy":
        return f"{pre}{e.short}{pick(r, ['炼钢厂转炉平台', '高炉煤气管道', '轧钢车间', '烧结车间'])}"
    if inc.industry == "manufacturing":
        return f"{pre}{e.short}{pick(r, ['生产车间', '酿酒车间窖池', '仓库', '包装车间'])}"
    if inc.industry == "transport":
        road = pick(r, ["G213国道", "G317国道", "G318国道", "G248国道", "S217省道", "县道X071线"])
        return f"{pre}{road}K{r.randint(10, 3200)}+{r.randint(0, 999):03d}处"
    return f"{pre}{town}镇{e.short}"


def build_incidents(w: World) -> list[Incident]:
    r = w.r
    kinds = (["reported"] * w.n(900, 14) + ["under_reported"] * w.n(70, 5)
             + ["concealed"] * w.n(200, 7))
    out: list[Incident] = []
    for iid, kind in enumerate(kinds):
        weights = KIND_INDUSTRY[kind]
        industry = pick(r, list(weights), list(weights.values()))
        resp, direct, proj, site = _employer(w, industry, kind)
        d, s, m, rep, plan = _counts(w, kind, industry)
        tw = codes.ACCIDENT_TYPES_BY_INDUSTRY[industry]
        atype = pick(r, list(tw), list(tw.values()))
        if d >= 3 and atype not in codes.MULTI_TYPES:
            atype = r.choice(MULTI_BY_INDUSTRY[industry])
        dd = int(w.year_days(1, winter=1.3 if industry == "coal_mining" else 1.0)[0])
        sec = dd * DAY_S + r.randint(0, 23) * 3600 + r.randint(0, 59) * 60
        inc = Incident(iid, kind, industry, atype, resp, direct, proj, site, dd, sec, plan)
        _victims(w, inc, d, s, m, rep)
        out.append(inc)
    return out


def _victims(w: World, inc: Incident, d: int, s: int, m: int, rep: int) -> None:
    """Who was hurt, what truly happened to each, and what the report says."""
    r = w.r
    win = _window(inc)
    vs: list[Victim] = []
    for k in range(d + s + m):
        v = Victim(outcome="death" if k < d else "serious_injury" if k < d + s else "minor_injury")
        if v.outcome == "death":
            v.delay = 0 if r.random() < .78 else r.randint(1, win - 1)
        vs.append(v)
    dead = [v for v in vs if v.outcome == "death"]
    if inc.kind == "reported":
        for v in vs:
            v.reported = v.outcome if v.outcome != "minor_injury" or r.random() < .7 else None
    elif inc.kind == "under_reported":
        if inc.plan == "late":
            late = dead[-1]
            late.delay = r.randint(2, win - 1)
            late.reported, late.mode = "serious_injury", "late"
            for v in dead[:-1]:
                v.reported = "death"
        else:
            for v in dead[:rep]:
                v.reported = "death"
            for v in dead[rep:]:
                v.delay = 0 if r.random() < .85 else v.delay
                v.reported = "serious_injury" if r.random() < .2 else None
        for v in vs:
            if v.outcome == "serious_injury":
                v.reported = pick(r, ["serious_injury", "minor_injury", "none"], [.8, .1, .1])
                v.reported = None if v.reported == "none" else v.reported
            elif v.outcome == "minor_injury":
                v.reported = "minor_injury" if r.random() < .5 else None
    # hidden deaths: how each was made to disappear
    scheme = pick(r, list(HIDDEN_MODES), list(HIDDEN_MODES.values()))
    for v in dead:
        if v.reported == "death" or v.mode == "late":
            continue
        v.mode = scheme if r.random() < .7 else pick(r, list(HIDDEN_MODES),
                                                    list(HIDDEN_MODES.values()))
    # the people
    n = len(vs)
    ends = np.full(n, NULL, dtype=np.int64)
    for k, v in enumerate(vs):
        if v.outcome == "death":
            death = inc.day + v.delay
            u = r.random()
            month_end = death + (30 - (death - D2024) % 30)
            if v.reported == "death" or v.mode == "late":
                ends[k] = month_end if u < .7 else NULL
            else:
                ends[k] = month_end if u < .5 else (inc.day - r.randint(3, 20)) if u < .7 else NULL
    if inc.industry == "transport":
        driver_ents = [inc.direct]
        pid0, enr0 = w.new_workers(driver_ents, inc.day, end_main=ends[:1])
        vs[0].pid, vs[0].enrolled, vs[0].employer = int(pid0[0]), bool(enr0[0]), inc.direct
        if n > 1:
            near = [c for c in geo.COVERED if c[:4] == inc.site[:4]] or [inc.site]
            hk = [r.choice(near) if r.random() < .6 else r.choice(geo.SICHUAN)
                  for _ in range(n - 1)]
            ages = np.array([min(88.0, max(3.0, r.gauss(42, 18))) for _ in range(n - 1)])
            pids = w.people.add(hk, ages, np.array([r.random() < .55 for _ in range(n - 1)]),
                                inc.day)
            for v, p in zip(vs[1:], pids.tolist(), strict=True):
                v.pid, v.public = int(p), True
    else:
        ents = [inc.direct if r.random() < .9 or inc.direct is inc.resp else inc.resp
                for _ in range(n)]
        projs: list[Project | None] = [inc.project] * n
        pids, enr = w.new_workers(ents, inc.day, project=projs, end_main=ends)
        for v, p, en, e in zip(vs, pids.tolist(), enr.tolist(), ents, strict=True):
            v.pid, v.enrolled, v.employer = int(p), bool(en), e
    # a moved body needs a home elsewhere
    for v in dead:
        if v.mode == "moved_home" and w.people.hukou[v.pid][:4] == inc.site[:4]:
            v.mode = "illness"
    inc.victims = vs
    dpids = np.array([v.pid for v in dead], dtype=np.int64)
    w.died(dpids, "incident", np.array([inc.day + v.delay for v in dead]), inc=inc.iid)
    for v in vs:
        _records(w, inc, v)
    if inc.kind != "concealed":
        _accident_row(w, inc)


def _accident_row(w: World, inc: Incident) -> None:
    r = w.r
    named = [v.reported for v in inc.victims]
    rd = named.count("death")
    rs = named.count("serious_injury")
    true_minor = sum(v.outcome == "minor_injury" for v in inc.victims)
    rm = true_minor if inc.kind == "reported" else named.count("minor_injury")
    u = r.random()
    if inc.kind == "under_reported" and u < .3:
        delay = r.randint(2, 20) * DAY_S + r.randint(0, 23) * 3600
    elif u < .8:
        delay = r.randint(15, 90) * 60
    elif u < .95:
        delay = r.randint(2, 30) * 3600
    else:
        delay = r.randint(2, 10) * DAY_S
    e = inc.resp
    style = "project" if inc.project is not None and inc.project.kind != "building" \
        and r.random() < .7 else pick(r, ["full", "unit", "short", "variant", "project"],
                                      [.55, .2 if e.unit else 0, .1, .08, .07])
    loss = None
    if r.random() > .1:
        loss = round(rd * r.uniform(80, 180) + rs * r.uniform(8, 40) + r.uniform(3, 60), 2)
        if rd <= 2 and rs <= 9:
            loss = min(loss, 950.0)
    for slot, v in enumerate(inc.victims):
        if v.reported is not None:
            w.sink.row("victims", pid=v.pid, acc=inc.iid, outcome=v.reported, event=inc.day,
                       slot=slot)
    inc.acc = {
        "iid": inc.iid, "occurred": inc.sec, "reported": inc.sec + delay, "region": inc.site,
        "address": _address(w, inc),
        "enterprise": employer_form(e, style, r, inc.project),
        "uscc": uscc_form(e, r, .1, .04), "industry": inc.industry, "atype": inc.atype,
        "deaths": rd, "serious": rs, "minor": rm, "loss": loss,
    }


def _ext(w: World, inc: Incident, honest: bool, mode: str) -> str | None:
    r = w.r
    dx_ext = codes.ACCIDENT_ICD[inc.atype][1]
    ext = r.choice(dx_ext)
    if inc.atype == "vehicle" and inc.industry == "transport":
        ext = r.choice(codes.ROAD_TRAFFIC_EXT)
    if honest:
        return ext if r.random() < .88 else None
    if mode == "traffic":
        return pick(r, ["V28.4", "V29.4", "V89.2", "V23.4"])
    u = r.random()
    if u < .3:
        return ext
    if u < .65 and ext[0] in "WX":
        return ext[:4] + pick(r, ["9", "0", "8"])
    return None


def _records(w: World, inc: Incident, v: Victim) -> None:
    r = w.r
    p = w.people
    pid = v.pid
    if v.outcome == "death":
        hidden = v.mode in HIDDEN_MODES
    else:
        hidden = inc.kind == "concealed" or (inc.kind == "under_reported" and v.reported is None)
    death = inc.day + v.delay if v.outcome == "death" else None
    hk = p.hukou[pid]
    dx = r.choice(codes.ACCIDENT_ICD[inc.atype][0])
    e = v.employer
    payer_h = pick(r, ["work_injury_insurance", "employee_insurance", "self_pay", "other",
                       "commercial"], [.55, .1, .2, .1, .05])
    payer_x = pick(r, ["self_pay", "other", "resident_insurance", "commercial"],
                   [.5, .25, .2, .05])
    payer = payer_x if hidden else payer_h
    if v.public:
        payer = pick(r, ["resident_insurance", "commercial", "self_pay", "other"],
                     [.4, .3, .2, .1])
    med_emp = None
    if e is not None and r.random() < (.08 if hidden else .5):
        med_emp = employer_form(e, pick(r, ["short", "full", "project", "unit"],
                                        [.5, .3, .15, .05]), r, inc.project)
    hosp = w.hosp_near(inc.site, serious=True)
    travel = r.randint(1, 5 if inc.site in geo.WEST else 3) * 3600 + r.randint(0, 59) * 60
    adm = inc.sec + travel
    had_med = False
    idm = .3 if hidden else .12
    # ---- hospital
    if v.outcome == "death":
        if v.delay == 0:
            p_doa = (.6 if v.mode == "traffic" else .12 if hidden else .35)
            if r.random() < p_doa:
                w.med(pid, hosp, adm, adm + r.randint(10, 70) * 60, dx,
                      _ext(w, inc, not hidden, v.mode), "died", payer, med_emp,
                      unknown=r.random() < .1, idmiss=idm + .2)
                had_med = True
        else:
            if r.random() < .35:
                dis = adm + r.randint(3, 40) * 3600
                w.med(pid, hosp, adm, dis, dx, _ext(w, inc, not hidden, v.mode), "transferred",
                      payer, med_emp, idmiss=idm)
                hosp, adm = w.hosp_up(hosp), dis + r.randint(1, 4) * 3600
            dis = max(adm + 3600, death * DAY_S + r.randint(0, 23) * 3600)  # type: ignore[operator]
            w.med(pid, hosp, adm, dis, dx, _ext(w, inc, not hidden, v.mode), "died", payer,
                  med_emp, idmiss=idm)
            had_med = True
    else:
        serious = v.outcome == "serious_injury"
        if r.random() < ((.95 if serious else .6) * (.88 if hidden else 1.0)):
            if serious and r.random() < .3:
                dis = adm + r.randint(3, 60) * 3600
                w.med(pid, hosp, adm, dis, dx, _ext(w, inc, not hidden, v.mode), "transferred",
                      payer, med_emp, idmiss=idm)
                hosp, adm = w.hosp_up(hosp), dis + r.randint(1, 4) * 3600
            los = r.randint(14, 110) if serious else r.choice([0, 0, 1, 2, 3, 5, 7])
            w.med(pid, hosp, adm, adm + los * DAY_S + r.randint(1, 10) * 3600,
                  dx if serious else r.choice(codes.WORK_MINOR_DIAG),
                  _ext(w, inc, not hidden, v.mode),
                  pick(r, ["discharged", "left_against_advice"], [.95, .05]), payer, med_emp,
                  idmiss=idm * .7)
            had_med = True
    # ---- household register and funeral home
    if death is not None:
        mode = v.mode if hidden else ("late" if v.mode == "late" else "honest")
        causes: dict[str, tuple[list[str | None], list[float]]] = {"honest": (["工伤", "工亡", "意外死亡", "意外", "事故死亡", None],
                             [.2, .1, .25, .2, .1, .15]),
                  "illness": (["病故", "猝死", "疾病死亡", None], [.5, .2, .1, .2]),
                  "traffic": (["交通事故", "车祸", "意外死亡"], [.6, .2, .2]),
                  "moved_home": (["病故", "意外", None, "死亡"], [.35, .25, .3, .1]),
                  "private": (["意外", "意外死亡", None, "病故"], [.35, .2, .3, .15]),
                  "late": (["意外", "医治无效死亡", None, "病故", "工伤"], [.3, .15, .25, .15, .15])}
        opts, wts = causes[mode]
        w.dereg(pid, death, r.choices(opts, weights=wts)[0], p=.92 if mode == "honest" else .86,
                lag_med=30.0 if mode == "moved_home" else 14.0)
        cert = r.choice(codes.CERT_CAUSE[inc.atype])
        hname = w.hospital_name(hosp) if had_med else None
        if mode in ("honest", "late"):
            if w.cremated(pid, inc.site, boost=.15):
                fh = w.fh_near(inc.site if r.random() < .5 or hk not in geo.COVERED else hk)
                issuer = "hospital" if mode == "late" else \
                    pick(r, ["police", "hospital", "other"], [.45, .45, .1])
                w.crem(pid, death, fh, cause=cert if r.random() > .05 else None, issuer=issuer,
                       origin=hname or pick(r, [f"{w.town()}镇", geo.COUNTY_NAME[inc.site], None]))
        elif mode in ("illness", "private"):
            if w.cremated(pid, inc.site, boost=.3):
                far = r.random() < .6
                fh = w.fh_far(hk, inc.site) if far else w.fh_near(inc.site)
                issuer = pick(r, ["community", "other", "none", "hospital", "police"],
                              [.35, .25, .2, .12, .08])
                cause = (r.choice(codes.DISGUISE_CERT) if r.random() < .8 else None) \
                    if mode == "illness" else pick(r, [cert, "意外", "none"], [.5, .2, .3])
                w.crem(pid, death, fh, fast=r.random() < .75,
                       cause=None if cause == "none" else cause,
                       issuer=None if issuer == "none" else issuer,
                       origin=pick(r, ["家中", f"{w.town()}镇", hname or "家中", "none"],
                                   [.4, .25, .15, .2]).replace("none", "") or None)
        elif mode == "traffic":
            if w.cremated(pid, inc.site, boost=.1):
                w.crem(pid, death, w.fh_near(inc.site),
                       cause=pick(r, ["交通事故", "车祸致颅脑损伤", "多发伤"]),
                       issuer=pick(r, ["police", "hospital", "other"], [.5, .3, .2]),
                       origin=hname or f"{w.town()}镇路段")
        elif mode == "moved_home" and hk in geo.COVERED and p.eth[pid] == "han" \
                and r.random() < .4:
            w.crem(pid, death + r.randint(1, 3), w.fh_near(hk),
                   cause=pick(r, ["病故", None, "意外"], [.4, .4, .2]),
                   issuer=pick(r, ["community", "other", None], [.5, .3, .2]), origin="家中")
    # ---- work-injury insurance
    if e is None:
        return
    insured = v.enrolled or (inc.project is not None and r.random() < .6)
    cl_emp, cl_uscc, cl_region = _claim_employer(w, inc, e)
    date_zh = _date_zh(inc.day)
    unit = e.unit or (inc.project.name if inc.project is not None else e.short)
    what = codes.TYPE_ZH[inc.atype]
    if v.outcome == "death":
        assert death is not None
        if v.mode == "honest":
            if r.random() < (.85 if insured else .2):
                w.claim(pid, cl_emp, cl_uscc, inc.day, death + r.randint(5, 30), "death",
                        f"{date_zh}在{unit}作业时发生{what}事故，" +
                        pick(r, ["当场死亡", "经抢救无效死亡"]), cl_region)
        elif r.random() < {"late": .45}.get(v.mode, .2 if inc.kind == "under_reported" else .12):
            w.claim(pid, cl_emp, cl_uscc, inc.day, death + r.randint(40, 330),
                    pick(r, ["death", "pending", "rejected"], [.5, .3, .2]),
                    pick(r, [f"家属申请：{date_zh}在{unit}务工期间受伤死亡",
                             f"{date_zh}在单位作业时受伤，后经抢救无效死亡", None], [.5, .3, .2]),
                    cl_region)
    elif v.outcome == "serious_injury":
        if r.random() < ((.7 if insured else .1) if not hidden else .15):
            w.claim(pid, cl_emp, cl_uscc, inc.day, inc.day + r.randint(10, 45),
                    pick(r, ["disability_1", "disability_2", "disability_3", "disability_4",
                             "pending"], [.08, .15, .27, .35, .15]),
                    f"{date_zh}在{unit}作业时发生{what}事故受重伤", cl_region,
                    decide_lag=r.randint(40, 150))
    elif r.random() < ((.4 if insured else .05) if not hidden else .05):
        w.claim(pid, cl_emp, cl_uscc, inc.day, inc.day + r.randint(7, 40),
                pick(r, ["injury", "disability_10", "disability_9"], [.6, .25, .15]),
                f"{date_zh}在{unit}作业时受伤", cl_region)


def _claim_employer(w: World, inc: Incident, e: Enterprise) -> tuple[str, str | None, str]:
    r = w.r
    if e.kind == "labour" and inc.project is not None and r.random() < .6:
        c = inc.resp
        form = employer_form(c, "project" if r.random() < .55 else "full", r, inc.project)
        return form, uscc_form(c, r, .12, .02), inc.project.county
    form = employer_form(e, pick(r, ["full", "branch", "variant", "short", "unit"],
                                 [.75, .07, .08, .05, .05]), r)
    region = e.region if e.region in geo.COVERED else inc.site
    return form, uscc_form(e, r, .1, .02), region


def _date_zh(d: int) -> str:
    from datetime import date, timedelta
    x = date(1970, 1, 1) + timedelta(days=d)
    return f"{x.year}年{x.month}月{x.day}日"
